/**
 * Refresh planning of a spill insert: the =BJ.TABLE cell recalculates; the lines follow the spill area.
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { cellAddress, qualified } from "../a1";
import { TEXT_FORMAT } from "../formats";
import type { TableGrid } from "../tables";
import { cellHash } from "../tracking";
import { cellOf, isEmpty, isTaken, parseA1, rectAddress } from "./cells";
import type { LocatedRecord } from "./locate";
import { asCell, blockedReport, findLines, reportOf, type Context, type LineFound, type RefreshedRecord, type TablePlan } from "./plan-common";
import type { CellRect, CellWrite, RefreshChange, RefreshReason, RefreshStatus, SheetView } from "./types";

/** Spill mode: the =BJ.TABLE cell recalculates; the lines follow the spill area as it grows. */
export function planSpill(located: LocatedRecord, ctx: Context, grid: TableGrid, sheet: SheetView, partId: string): TablePlan {
  const { record } = located.view;
  const toRelease = ctx.index.release.id;
  const block = parseA1(record.block);
  const cell = record.spillCell === null ? null : parseA1(record.spillCell);
  if (!block || !cell) return { report: reportOf(located, toRelease, "missing", [], { reason: "table_not_found" }), write: null };
  const at = (row: number, column: number): string => qualified(sheet.name, cellAddress(row, column));
  const oldBottom = cell.row + record.rowIds.length;
  const newBottom = cell.row + grid.rows.length;
  const width = Math.max(1, grid.header.length);
  const lines = findLines(record, grid, sheet, cell.row, oldBottom, cell.row, oldBottom, block);
  const changes: RefreshChange[] = [];
  let writesSomething = record.releaseId !== toRelease;
  if (writesSomething) changes.push({ rowId: null, columnKey: "spill", address: at(cell.row, cell.column), before: record.releaseId, after: toRelease, kind: "update", written: true });
  const grow = Math.max(0, newBottom - oldBottom);
  const ourLineCells = new Set(lines.filter((line) => line.ours).map((line) => `${line.row},${line.column}`));
  const occupied = (row: number, column: number): boolean => isTaken(cellOf(sheet, row, column)) && !ourLineCells.has(`${row},${column}`);
  let firstOccupied: string | null = null;
  for (let r = oldBottom + 1; r <= oldBottom + grow && firstOccupied === null; r++) {
    for (let c = cell.column; c < cell.column + width; c++) if (occupied(r, c)) { firstOccupied = at(r, c); break; }
  }
  const moves: { line: LineFound; row: number }[] = [];
  let userEdits = 0;
  for (const line of lines) {
    const target = line.key === "title" ? line.row : line.row + grow;
    if (!line.ours) {
      if (cellHash(line.current) !== cellHash(line.text)) {
        const gone = isEmpty(line.current);
        changes.push({ rowId: null, columnKey: line.key, address: gone ? null : at(line.row, line.column), before: asCell(line.current), after: line.text, kind: "user_edit", written: false, reason: gone ? "line_not_found" : "kept_user_edit" });
        userEdits++;
      }
      continue;
    }
    if (target !== line.row && occupied(target, line.column) && firstOccupied === null) firstOccupied = at(target, line.column);
    const textChanged = cellHash(line.current) !== cellHash(line.text);
    if (textChanged || target !== line.row) {
      moves.push({ line, row: target });
      writesSomething = true;
      // Named where Apply leaves it (below the grown spill area), with where it was.
      changes.push({ rowId: null, columnKey: line.key, address: at(target, line.column), before: asCell(line.current), after: line.text, kind: textChanged ? "update" : "line_moved", written: true, ...(target !== line.row ? { movedFrom: at(line.row, line.column) } : {}) });
    }
  }
  const status: RefreshStatus = writesSomething ? "stale" : userEdits > 0 ? "edited" : "current";
  const blockedPlan = (reason: RefreshReason): TablePlan => ({
    report: blockedReport(reportOf(located, toRelease, "blocked", [], { sheet: sheet.name }), reason, reason === "cells_below_occupied" ? firstOccupied : null, changes),
    write: null,
  });
  if (writesSomething && sheet.protected) return blockedPlan("sheet_protected");
  if (firstOccupied !== null) return blockedPlan("cells_below_occupied");
  const report = reportOf(located, toRelease, status, changes, { sheet: sheet.name });
  if (!writesSomething) return { report, write: null };
  const clears = moves.filter(({ line, row }) => row !== line.row).map(({ line }) => ({ row: line.row, column: line.column, rows: 1, columns: 1 }));
  const writes: CellWrite[] = moves.map(({ line, row }) => ({ row, column: line.column, rows: 1, columns: 1, mode: "values", cells: [[line.text]], numberFormat: [[TEXT_FORMAT]] }));
  const italic = moves.filter(({ line, row }) => row !== line.row && line.key !== "title").map(({ row, line }) => ({ row, column: line.column, rows: 1, columns: 1 }));
  const finalLine = (key: "title" | "note" | "source"): { row: number; column: number; text: string } | null => {
    const line = lines.find((each) => each.key === key);
    if (!line?.ours) return null;
    return { row: moves.find((each) => each.line === line)?.row ?? line.row, column: line.column, text: line.text };
  };
  const finalLines = { title: finalLine("title"), note: finalLine("note"), source: finalLine("source") };
  const spillArea: CellRect = { row: cell.row, column: cell.column, rows: grid.rows.length + 1, columns: width };
  const spots = [spillArea, ...Object.values(finalLines).flatMap((line) => (line ? [{ row: line.row, column: line.column, rows: 1, columns: 1 }] : []))];
  const finalBlock: CellRect = {
    row: Math.min(...spots.map((s) => s.row)),
    column: Math.min(...spots.map((s) => s.column)),
    rows: Math.max(...spots.map((s) => s.row + s.rows)) - Math.min(...spots.map((s) => s.row)),
    columns: Math.max(...spots.map((s) => s.column + s.columns)) - Math.min(...spots.map((s) => s.column)),
  };
  const hashes: (string | null)[][] = Array.from({ length: finalBlock.rows }, () => Array<string | null>(finalBlock.columns).fill(null));
  const put = (row: number, column: number, hash: string): void => {
    const line = hashes[row - finalBlock.row];
    if (line) line[column - finalBlock.column] = hash;
  };
  put(cell.row, cell.column, cellHash(cellOf(sheet, cell.row, cell.column)));
  for (const line of Object.values(finalLines)) if (line) put(line.row, line.column, cellHash(line.text));
  const refreshed: RefreshedRecord = {
    ...record,
    releaseId: toRelease,
    sheet: { name: sheet.name, id: sheet.id },
    anchor: cellAddress(finalBlock.row, finalBlock.column),
    block: rectAddress(finalBlock),
    lines: {
      title: finalLines.title ? cellAddress(finalLines.title.row, finalLines.title.column) : null,
      note: finalLines.note ? cellAddress(finalLines.note.row, finalLines.note.column) : null,
      source: finalLines.source ? cellAddress(finalLines.source.row, finalLines.source.column) : null,
    },
    rowIds: [...grid.rowIds],
    cellHashes: hashes,
  };
  return { report, write: { recordId: record.recordId, sheetId: sheet.id, partId, clears, writes, italic, deleteRows: [], record: refreshed } };
}

