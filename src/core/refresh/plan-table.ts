/**
 * Refresh planning of one Excel table (values or formulas mode): rows matched by what we wrote,
 * cells compared, rows added below and removed, lines rewritten and moved, the record rebuilt.
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { cellAddress, qualified } from "../a1";
import { TEXT_FORMAT, formatFigureValue } from "../formats";
import type { TableGrid } from "../tables";
import { cellHash, headerFingerprint } from "../tracking";
import { previousState, refreshUndone } from "./undo";
import { cellOf, isBjFormula, isEmpty, isTaken, parseA1, rectAddress } from "./cells";
import type { LocatedRecord } from "./locate";
import { matchColumns, matchRows } from "./plan-match";
import { FORMULA_LIKE, asCell, blockedReport, findLines, keyIndex, newContent, omittedOf, reportOf, writtenChanges, type Context, type LineFound, type RefreshedRecord, type TablePlan } from "./plan-common";
import type { CellRect, CellWrite, RefreshChange, RefreshReason, RefreshStatus, SheetView, TableView } from "./types";

/**
 * The columns that describe a row's value: when the user's typed-over value is kept, these cells
 * of the row are kept with it (not rewritten), so the row never pairs the user's figure with the
 * release's period, unit or basis.
 */
const DESCRIBES_VALUE: ReadonlySet<string> = new Set(["unit", "period", "basis"]);

/** The report, the write and the refreshed record of a values- or formulas-mode table. */
export function planExcelTable(located: LocatedRecord, ctx: Context, grid: TableGrid, table: TableView, sheet: SheetView, partId: string): TablePlan {
  const { record } = located.view;
  const toRelease = ctx.index.release.id;
  const at = (row: number, column: number): string => qualified(sheet.name, cellAddress(row, column));
  const block = parseA1(record.block);
  const recordedTable = record.table ? parseA1(record.table.address) : null;
  const blocked = (reason: RefreshReason, wouldWrite: readonly RefreshChange[] = [], blockedAt: string | null = null): TablePlan => ({
    report: blockedReport(reportOf(located, toRelease, "blocked", [], { sheet: sheet.name, tableName: table.name }), reason, blockedAt, wouldWrite),
    write: null,
  });
  if (!block || !recordedTable) return blocked("table_not_found");
  const gridKeys: readonly string[] = grid.columnKeys;
  if (gridKeys.length !== record.columnKeys.length || !record.columnKeys.every((key) => gridKeys.includes(key))) return blocked("columns_changed");
  const hashAt = (row: number, column: number): string | null => record.cellHashes[row - block.row]?.[column - block.column] ?? null;
  // Ctrl+Z after the last refresh: the cells are as they were before it, the record is not.
  if (refreshUndone(record, sheet)) {
    return { report: reportOf(located, toRelease, "undone", [], { reason: "refresh_undone", sheet: sheet.name, tableName: table.name }), write: null };
  }

  // ---- our columns by their header hashes, our rows by what we wrote in them (plan-match.ts) ----
  const { recordedColumnOf, columnOf, taken } = matchColumns(record, recordedTable, table, hashAt);
  const changes: RefreshChange[] = [];
  // Where a change's cell is before the write (and, for kept_with_edit, the user's cell), so that
  // its address can be given as it is once the plan is applied (rows deleted move cells up).
  const places = new Map<RefreshChange, { row: number; column: number; keptWith?: { row: number; column: number } }>();
  const place = (change: RefreshChange, row: number, column: number, keptWith?: { row: number; column: number }): void => {
    changes.push(change);
    places.set(change, { row, column, ...(keptWith ? { keptWith } : {}) });
  };
  const missingColumns = record.columnKeys.filter((key) => !columnOf.has(key));
  for (const key of missingColumns) {
    changes.push({ rowId: null, columnKey: `header:${key}`, address: null, before: null, after: grid.header[keyIndex(grid, key)] ?? null, kind: "user_edit", written: false, reason: "column_not_found" });
  }
  const ourColumns = [...columnOf.entries()].sort((a, b) => a[1] - b[1]);
  const itemColumn = columnOf.get("item");

  const { recordedRows, rowOf, claimed } = matchRows(record, recordedTable, table, hashAt, recordedColumnOf, ourColumns);
  const dataRows = table.rows - 1;

  const gridRowOf = new Map(grid.rowIds.map((id, i) => [id, i]));
  const omitted = new Set(omittedOf(record));
  const top = table.row;
  const bottom = table.row + table.rows - 1;
  const valueOf = (r: number, c: number): unknown => table.values[r]?.[c] ?? "";
  const formulaOf = (r: number, c: number): unknown => table.formulas[r]?.[c] ?? "";

  // Table cells to write (table-relative), number formats to force, new hashes per (data row, column).
  const cellWrites = new Map<string, string | number>();
  const forceText = new Set<string>();
  const newHash = new Map<string, string>();
  const key = (r: number, c: number): string => `${r},${c}`;
  let writesSomething = record.releaseId !== toRelease;
  let userEdits = 0;
  /** "rowId,columnKey" → the hash recorded for a kept_with_edit cell: it stays in the record. */
  const keptHashes = new Map<string, string>();

  // Header cells of ours: rewritten when the new grid names the column differently.
  for (const [columnKey, c] of ourColumns) {
    const text = grid.header[keyIndex(grid, columnKey)] ?? "";
    newHash.set(key(0, c), cellHash(text));
    if (cellHash(formulaOf(0, c)) !== cellHash(text)) {
      cellWrites.set(key(0, c), text);
      if (FORMULA_LIKE.test(text) && table.numberFormat[0]?.[c] !== TEXT_FORMAT) forceText.add(key(0, c));
      changes.push({ rowId: null, columnKey: `header:${columnKey}`, address: at(top, table.column + c), before: asCell(formulaOf(0, c)), after: text, kind: "label_changed", written: true });
      writesSomething = true;
    }
  }

  // A row the release adds that the table already holds (its label as we would write it, in a row
  // that is not ours): adopted, not added again. This is how a refresh recovers from an earlier
  // write that Excel applied only in part (it does not roll back), or a row the user typed in.
  const recordedIds = new Set(recordedRows.map((each) => each.rowId));
  const adopted: { rowId: string; row: null }[] = [];
  if (itemColumn !== undefined) {
    grid.rowIds.forEach((rowId, g) => {
      const label = newContent(grid, g, "item", record.mode);
      if (recordedIds.has(rowId) || omitted.has(rowId) || !label) return;
      for (let r = 0; r < dataRows; r++) {
        if (!claimed.has(r) && cellHash(table.formulas[r + 1]?.[itemColumn]) === cellHash(label.content)) {
          rowOf.set(rowId, r);
          claimed.add(r);
          adopted.push({ rowId, row: null });
          break;
        }
      }
    });
  }

  // Matched rows: compare cell by cell.
  const removed: { rowId: string; r: number; deletable: boolean }[] = [];
  for (const { rowId, row } of [...recordedRows, ...adopted]) {
    const r = rowOf.get(rowId);
    if (r === undefined) {
      if (gridRowOf.has(rowId)) {
        changes.push({ rowId, columnKey: "item", address: null, before: null, after: null, kind: "user_edit", written: false, reason: "deleted_by_user" });
        userEdits++;
      }
      continue;
    }
    const tableRow = r + 1;
    const g = gridRowOf.get(rowId);
    if (g === undefined) {
      // Removed by the release: deletable only if nothing of the user's is in the row.
      const untouched = ourColumns.every(([columnKey, c]) => {
        const recordedColumn = recordedColumnOf.get(columnKey);
        const hash = recordedColumn === undefined || row === null ? null : hashAt(row, recordedColumn);
        return hash === null || cellHash(formulaOf(tableRow, c)) === hash;
      });
      const userCellsEmpty = Array.from({ length: table.columns }, (_, c) => c).every((c) => taken.has(c) || isEmpty(formulaOf(tableRow, c)));
      removed.push({ rowId, r, deletable: untouched && userCellsEmpty });
      continue;
    }
    // An adopted row has no recorded hashes: any cell that differs from the release is kept as the user's.
    const recordedHashOf = (columnKey: string): string | null => {
      const recordedColumn = recordedColumnOf.get(columnKey);
      return row === null ? "adopted" : recordedColumn === undefined ? null : hashAt(row, recordedColumn);
    };
    // The user's typed-over value, where it is kept: the cells describing it stay with it.
    const valueColumn = columnOf.get("value");
    const freshValue = newContent(grid, g, "value", record.mode);
    const valueHash = recordedHashOf("value");
    const keptValue = valueColumn !== undefined && freshValue !== null && valueHash !== null
      && cellHash(formulaOf(tableRow, valueColumn)) !== valueHash && cellHash(formulaOf(tableRow, valueColumn)) !== cellHash(freshValue.content)
      ? { row: top + tableRow, column: table.column + valueColumn }
      : undefined;
    for (const [columnKey, c] of ourColumns) {
      const fresh = newContent(grid, g, columnKey, record.mode);
      if (!fresh) continue;
      const recordedHash = recordedHashOf(columnKey);
      const current = formulaOf(tableRow, c);
      const address = at(top + tableRow, table.column + c);
      const cellRow = top + tableRow;
      const cellColumn = table.column + c;
      const isFormulaCell = typeof fresh.content === "string" && fresh.content.startsWith("=") && record.mode === "formulas";
      newHash.set(key(tableRow, c), cellHash(fresh.content));
      const figureValue = isFormulaCell ? grid.rows[g]?.[keyIndex(grid, columnKey)] ?? null : fresh.content;
      // Shown as the cell shows them: before in the cell's format, after in the one written.
      const currentFormat = table.numberFormat[tableRow]?.[c];
      const formats = { ...(typeof currentFormat === "string" ? { beforeFormat: currentFormat } : {}), afterFormat: fresh.format };
      if (recordedHash !== null && cellHash(current) !== recordedHash) {
        if (cellHash(current) === cellHash(fresh.content)) {
          place({ rowId, columnKey, address, before: asCell(isFormulaCell ? valueOf(tableRow, c) : current), after: figureValue, kind: "unchanged", written: false, ...formats }, cellRow, cellColumn);
        } else {
          place({ rowId, columnKey, address, before: asCell(isFormulaCell ? valueOf(tableRow, c) : current), after: asCell(figureValue), kind: "user_edit", written: false, reason: "kept_user_edit", ...formats }, cellRow, cellColumn);
          userEdits++;
        }
        continue;
      }
      if (cellHash(current) === cellHash(fresh.content)) {
        // Same content. A formula cell still shows the old release until it is recalculated.
        // It is recalculated when the record names another release; where it shows a bare number,
        // only a different number counts as an update (estimates and bounded figures show text).
        // Like is compared with like: a bare number with the figure's number, text with the text
        // BJ.STAT gives in the table's language (so an unchanged estimate is no change).
        const shown = valueOf(tableRow, c);
        const figure = isFormulaCell ? ctx.index.figure(grid.valueFigureIds[g] ?? "") : undefined;
        const showsRelease = typeof shown === "number" ? shown === figureValue : figure !== undefined && shown === formatFigureValue(figure, grid.language, { periodTag: true });
        const stale = isFormulaCell && record.releaseId !== toRelease && !showsRelease;
        place({ rowId, columnKey, address, before: asCell(isFormulaCell ? shown : current), after: asCell(figureValue), kind: stale ? "update" : "unchanged", written: stale, ...formats }, cellRow, cellColumn);
        continue;
      }
      if (keptValue && DESCRIBES_VALUE.has(columnKey)) {
        // Still ours and the release differs, but the user's value in this row is kept: so is this
        // cell, and the record keeps its hash as written (it stays ours, and stale).
        place({ rowId, columnKey, address, before: asCell(current), after: asCell(figureValue), kind: "kept_with_edit", written: false, reason: "kept_with_edit", ...formats }, cellRow, cellColumn, keptValue);
        if (recordedHash !== null) keptHashes.set(`${rowId},${columnKey}`, recordedHash);
        continue;
      }
      cellWrites.set(key(tableRow, c), fresh.content);
      if (typeof fresh.content === "string" && FORMULA_LIKE.test(fresh.content) && !isFormulaCell && table.numberFormat[tableRow]?.[c] !== TEXT_FORMAT) forceText.add(key(tableRow, c));
      writesSomething = true;
      place({ rowId, columnKey, address, before: asCell(isFormulaCell ? valueOf(tableRow, c) : current), after: asCell(figureValue), kind: columnKey === "item" ? "label_changed" : "update", written: true, ...formats }, cellRow, cellColumn);
    }
  }

  // Rows the release adds (not ours yet, not deleted by the user): written below the table.
  const matched = new Set(rowOf.keys());
  const added = grid.rowIds.map((rowId, g) => ({ rowId, g })).filter(({ rowId }) => !matched.has(rowId) && !recordedIds.has(rowId) && !omitted.has(rowId));
  for (const rowId of omitted) {
    if (gridRowOf.has(rowId)) {
      changes.push({ rowId, columnKey: "item", address: null, before: null, after: null, kind: "user_edit", written: false, reason: "deleted_by_user" });
      userEdits++;
    }
  }
  const N = added.length;

  // ---- lines: title above, note and source below ----
  const lines = findLines(record, grid, sheet, recordedTable.row, recordedTable.row + recordedTable.rows - 1, top, bottom, block);
  const ourLineCells = new Set(lines.filter((line) => line.ours).map((line) => `${line.row},${line.column}`));
  const occupied = (row: number, column: number): boolean => isTaken(cellOf(sheet, row, column)) && !ourLineCells.has(`${row},${column}`);
  // A line moves down with added rows only where it sits below the table, in its columns.
  const follows = (line: LineFound): boolean => line.key !== "title" && line.offset >= 1 && line.column >= table.column && line.column < table.column + table.columns;
  // The spacer: the row directly below the table stays empty, so that no auto-expansion can take a
  // line of ours into it. A record written before the spacer (a line directly below the table)
  // gets one when rows are added: its lines move down one row more.
  // If the cells it needs are taken, such a record keeps its old geometry (tolerated, not upgraded).
  const following = lines.filter((line) => line.ours && follows(line));
  const rowFree = (row: number): boolean => Array.from({ length: table.columns }, (_, c) => table.column + c).every((c) => !occupied(row, c));
  const oldGeometry = following.some((line) => line.offset === 1);
  const gap = N > 0 && oldGeometry && following.every((line) => !occupied(bottom + line.offset + N + 1, line.column)) ? 1 : 0;
  const shift = N + gap;

  // Cells the added rows, the spacer below them and the moved lines need must be empty (or hold a
  // line of ours that moves). A cell that was not read counts as taken.
  let firstOccupied: string | null = null;
  if (N > 0) {
    const spacer = oldGeometry && gap === 0 ? 0 : 1;
    for (let r = bottom + 1; r <= bottom + N + spacer && firstOccupied === null; r++) {
      if (rowFree(r)) continue;
      for (let c = table.column; c < table.column + table.columns; c++) if (occupied(r, c)) { firstOccupied = at(r, c); break; }
    }
    for (const line of following) {
      if (firstOccupied === null && occupied(bottom + line.offset + shift, line.column)) firstOccupied = at(bottom + line.offset + shift, line.column);
    }
  }

  // Removed rows: deleting one moves everything below the table (in its columns) up. What lies
  // below is bounded by the used range of those columns (read without contents); a cell there that
  // was not read counts as someone else's.
  let belowIsOurs = true;
  const used = sheet.used;
  const lastBelow = table.lastUsedRowBelow !== undefined ? table.lastUsedRowBelow : used ? used.row + used.rows - 1 : null;
  if (lastBelow !== null && removed.length > 0) {
    for (let r = bottom + 1; r <= lastBelow && belowIsOurs; r++) {
      for (let c = table.column; c < table.column + table.columns; c++) if (occupied(r, c)) { belowIsOurs = false; break; }
    }
  }
  const deleted: number[] = [];
  // Excel refuses to delete rows of a filtered table (office-js #994): such a row is kept, stays
  // ours in the record, and is deleted by a refresh after the filter is cleared. Where the host
  // cannot say (below ExcelApi 1.9, filtered null), no row is deleted.
  const filterReason: RefreshReason | null = table.filtered === true ? "table_filtered" : table.filtered === null ? "filter_unknown" : null;
  const keptByFilter = new Set<string>();
  const removedFormat = (r: number, c: number): { beforeFormat?: string } => {
    const format = table.numberFormat[r]?.[c];
    return typeof format === "string" ? { beforeFormat: format } : {};
  };
  for (const each of removed) {
    const deletable = each.deletable && belowIsOurs && filterReason === null;
    const reason: RefreshReason | undefined = !each.deletable ? "row_has_user_data" : !belowIsOurs ? "cells_below_would_move" : filterReason ?? undefined;
    if (deletable) deleted.push(each.r);
    for (const [columnKey, c] of ourColumns) {
      const change: RefreshChange = { rowId: each.rowId, columnKey, address: at(top + 1 + each.r, table.column + c), before: asCell(valueOf(each.r + 1, c)), after: null, kind: "row_removed", written: deletable, ...(reason ? { reason } : {}), ...removedFormat(each.r + 1, c) };
      // A row Apply deletes is named where it is now; a row kept moves up with the deletions above it.
      if (deletable) changes.push(change);
      else place(change, top + 1 + each.r, table.column + c);
    }
    if (each.deletable && belowIsOurs && filterReason !== null) {
      // Nothing to write for it: the table is reported edited (not up to date with the release) until then.
      keptByFilter.add(each.rowId);
      userEdits++;
    } else writesSomething = true;
  }
  added.forEach(({ rowId, g }, i) => {
    for (const [columnKey, c] of ourColumns) {
      const fresh = newContent(grid, g, columnKey, record.mode);
      const figure = grid.rows[g]?.[keyIndex(grid, columnKey)] ?? null;
      place({ rowId, columnKey, address: at(bottom + 1 + i, table.column + c), before: null, after: asCell(record.mode === "formulas" && columnKey === "value" ? figure : fresh?.content ?? null), kind: "row_added", written: true, ...(fresh ? { afterFormat: fresh.format } : {}) }, bottom + 1 + i, table.column + c);
    }
    writesSomething = true;
  });
  // A cell's row once the plan is applied: rows deleted above it (in the table's columns) move it up.
  const rowAfter = (row: number, column: number): number =>
    column >= table.column && column < table.column + table.columns ? row - deleted.filter((r) => top + 1 + r < row).length : row;

  // Lines: rewritten where their text changed, moved down by the added rows.
  const lineMoves: { line: LineFound; row: number }[] = [];
  for (const line of lines) {
    const target = follows(line) && N > 0 ? bottom + line.offset + shift : line.row;
    if (!line.ours) {
      if (cellHash(line.current) !== cellHash(line.text)) {
        const gone = isEmpty(line.current);
        changes.push({ rowId: null, columnKey: line.key, address: gone ? null : at(line.row, line.column), before: asCell(line.current), after: line.text, kind: "user_edit", written: false, reason: gone ? "line_not_found" : "kept_user_edit" });
        userEdits++;
      }
      continue;
    }
    const textChanged = cellHash(line.current) !== cellHash(line.text);
    if (textChanged || target !== line.row) {
      lineMoves.push({ line, row: target });
      writesSomething = true;
      // Named where Apply leaves it: moved down by the added rows, up by the deleted ones.
      const final = follows(line) ? target - deleted.length : target;
      changes.push({ rowId: null, columnKey: line.key, address: at(final, line.column), before: asCell(line.current), after: line.text, kind: textChanged ? "update" : "line_moved", written: true, ...(final !== line.row ? { movedFrom: at(line.row, line.column) } : {}) });
    }
  }

  const status: RefreshStatus = writesSomething ? "stale" : userEdits > 0 ? "edited" : "current";
  // Only the record to rewrite (the release changed nothing the user left to us): the plan says so,
  // so that what Apply does is listed and counted.
  if (writesSomething && writtenChanges(changes) === 0) changes.push({ rowId: null, columnKey: "release", address: null, before: record.releaseId, after: toRelease, kind: "update", written: true });
  if (writesSomething && sheet.protected) return blocked("sheet_protected", changes);
  if (table.showTotals && (N > 0 || deleted.length > 0)) return blocked("totals_row", changes, at(bottom, table.column) + (table.columns > 1 ? `:${cellAddress(bottom, table.column + table.columns - 1)}` : ""));
  if (firstOccupied !== null) return blocked("cells_below_occupied", changes, firstOccupied);
  const planned = changes.map((change) => {
    const where = places.get(change);
    if (!where) return change;
    const keptWith = where.keptWith ? { keptWith: at(rowAfter(where.keptWith.row, where.keptWith.column), where.keptWith.column) } : {};
    return { ...change, address: at(rowAfter(where.row, where.column), where.column), ...keptWith };
  });
  const report = reportOf(located, toRelease, status, planned, { tableName: table.name, sheet: sheet.name });
  if (!writesSomething) return { report, write: null };

  // ---- the write ----
  const writes: CellWrite[] = [];
  const clears: CellRect[] = [];
  const italic: CellRect[] = [];
  const mode: CellWrite["mode"] = record.mode === "formulas" ? "formulas" : "values";
  for (const { line, row } of lineMoves) {
    if (row !== line.row) clears.push({ row: line.row, column: line.column, rows: 1, columns: 1 });
  }
  for (const { line, row } of lineMoves) {
    const moved = row !== line.row;
    writes.push({ row, column: line.column, rows: 1, columns: 1, mode: "values", cells: [[line.text]], numberFormat: moved || FORMULA_LIKE.test(line.text) ? [[TEXT_FORMAT]] : null });
    if (moved && line.key !== "title") italic.push({ row, column: line.column, rows: 1, columns: 1 });
  }
  if (cellWrites.size > 0) {
    const rows = [...cellWrites.keys()].map((k) => Number(k.split(",")[0]));
    const first = Math.min(...rows);
    const last = Math.max(...rows);
    const cells = Array.from({ length: last - first + 1 }, (_, i) => Array.from({ length: table.columns }, (_, c) => cellWrites.get(key(first + i, c)) ?? null));
    const formats = forceText.size === 0 ? null : Array.from({ length: last - first + 1 }, (_, i) => Array.from({ length: table.columns }, (_, c) => (forceText.has(key(first + i, c)) ? TEXT_FORMAT : null)));
    writes.push({ row: top + first, column: table.column, rows: last - first + 1, columns: table.columns, mode, cells, numberFormat: formats });
  }
  if (N > 0) {
    const cells = added.map(({ g }) => Array.from({ length: table.columns }, (_, c) => {
      const columnKey = ourColumns.find(([, j]) => j === c)?.[0];
      return columnKey === undefined ? null : newContent(grid, g, columnKey, record.mode)?.content ?? null;
    }));
    const formats = added.map(({ g }) => Array.from({ length: table.columns }, (_, c) => {
      const columnKey = ourColumns.find(([, j]) => j === c)?.[0];
      return columnKey === undefined ? null : newContent(grid, g, columnKey, record.mode)?.format ?? null;
    }));
    writes.push({ row: bottom + 1, column: table.column, rows: N, columns: table.columns, mode, cells, numberFormat: formats, newRows: true });
  }
  const deleteRows = [...deleted].sort((a, b) => b - a).map((r) => ({ row: top + 1 + r, column: table.column, rows: 1, columns: table.columns }));

  // ---- the record after the write (rows in their new order; deleted rows gone; added rows last) ----
  const finalRows: { rowId: string; r: number | null; g: number | null }[] = [];
  const idAt = new Map([...rowOf.entries()].map(([rowId, r]) => [r, rowId]));
  const deletedSet = new Set(deleted);
  for (let r = 0; r < dataRows; r++) {
    if (deletedSet.has(r)) continue;
    const rowId = idAt.get(r);
    const g = rowId === undefined ? undefined : gridRowOf.get(rowId);
    finalRows.push(rowId !== undefined && (g !== undefined || keptByFilter.has(rowId)) ? { rowId, r, g: g ?? null } : { rowId: "", r, g: null });
  }
  for (const { rowId, g } of added) finalRows.push({ rowId, r: null, g });
  const finalTable: CellRect = { row: top, column: table.column, rows: 1 + finalRows.length, columns: table.columns };
  const finalLine = (key: "title" | "note" | "source"): { row: number; column: number; text: string } | null => {
    const line = lines.find((each) => each.key === key);
    if (!line?.ours) return null;
    const moved = lineMoves.find((each) => each.line === line);
    const row = key === "title" ? line.row : (moved?.row ?? line.row) - (follows(line) ? deleted.length : 0);
    return { row, column: line.column, text: line.text };
  };
  const finalLines = { title: finalLine("title"), note: finalLine("note"), source: finalLine("source") };
  const spots = [finalTable, ...Object.values(finalLines).flatMap((line) => (line ? [{ row: line.row, column: line.column, rows: 1, columns: 1 }] : []))];
  const blockTop = Math.min(...spots.map((s) => s.row));
  const blockLeft = Math.min(...spots.map((s) => s.column));
  const blockBottom = Math.max(...spots.map((s) => s.row + s.rows));
  const blockRight = Math.max(...spots.map((s) => s.column + s.columns));
  const finalBlock: CellRect = { row: blockTop, column: blockLeft, rows: blockBottom - blockTop, columns: blockRight - blockLeft };
  const hashes: (string | null)[][] = Array.from({ length: finalBlock.rows }, () => Array<string | null>(finalBlock.columns).fill(null));
  const put = (row: number, column: number, hash: string | null): void => {
    const line = hashes[row - finalBlock.row];
    if (line && column - finalBlock.column >= 0 && column - finalBlock.column < finalBlock.columns) line[column - finalBlock.column] = hash;
  };
  for (const [, c] of ourColumns) put(top, table.column + c, newHash.get(key(0, c)) ?? null);
  finalRows.forEach((each, i) => {
    if (each.g === null) {
      // A removed row kept by the filter keeps the hashes recorded for it.
      const recorded = each.rowId === "" ? undefined : recordedRows.find((row) => row.rowId === each.rowId);
      if (recorded) for (const [columnKey, c] of ourColumns) {
        const column = recordedColumnOf.get(columnKey);
        put(top + 1 + i, table.column + c, column === undefined ? null : hashAt(recorded.row, column));
      }
      return;
    }
    for (const [columnKey, c] of ourColumns) {
      const fresh = newContent(grid, each.g, columnKey, record.mode);
      put(top + 1 + i, table.column + c, keptHashes.get(`${each.rowId},${columnKey}`) ?? (fresh ? cellHash(fresh.content) : null));
    }
  });
  for (const line of Object.values(finalLines)) if (line) put(line.row, line.column, cellHash(line.text));
  const finalHeader = Array.from({ length: table.columns }, (_, c) => {
    const columnKey = ourColumns.find(([, j]) => j === c)?.[0];
    return columnKey === undefined ? formulaOf(0, c) : grid.header[keyIndex(grid, columnKey)] ?? "";
  });
  const stillOmitted = [...omitted, ...recordedRows.filter(({ rowId }) => !rowOf.has(rowId) && gridRowOf.has(rowId)).map(({ rowId }) => rowId)].filter((id) => gridRowOf.has(id));
  const refreshed: RefreshedRecord = {
    ...record,
    releaseId: toRelease,
    sheet: { name: sheet.name, id: sheet.id },
    anchor: cellAddress(finalBlock.row, finalBlock.column),
    block: rectAddress(finalBlock),
    table: { name: table.name, id: table.id, address: rectAddress(finalTable) },
    lines: {
      title: finalLines.title ? cellAddress(finalLines.title.row, finalLines.title.column) : null,
      note: finalLines.note ? cellAddress(finalLines.note.row, finalLines.note.column) : null,
      source: finalLines.source ? cellAddress(finalLines.source.row, finalLines.source.column) : null,
    },
    columnKeys: ourColumns.map(([columnKey]) => columnKey),
    rowIds: finalRows.map((each) => each.rowId),
    headerFingerprint: headerFingerprint(finalHeader),
    cellHashes: hashes,
    previous: previousState(record, sheet, { row: top, column: table.column, rows: table.rows, columns: table.columns }, lines.filter((line) => line.ours)),
    ...(stillOmitted.length > 0 ? { omittedRowIds: [...new Set(stillOmitted)] } : {}),
  };
  const addedFormulas = added.reduce((n, { g }) => n + ourColumns.filter(([columnKey]) => isBjFormula(newContent(grid, g, columnKey, record.mode)?.content)).length, 0);
  const deletedFormulas = deleted.reduce((n, r) => n + (table.formulas[r + 1] ?? []).filter(isBjFormula).length, 0);
  const grownTable: CellRect | undefined = N > 0 ? { row: top, column: table.column, rows: table.rows + N, columns: table.columns } : undefined;
  return {
    report,
    write: { recordId: record.recordId, sheetId: sheet.id, partId, clears, writes, italic, deleteRows, record: refreshed, ...(grownTable ? { grownTable } : {}) },
    formulaDelta: addedFormulas - deletedFormulas,
  };
}

