/**
 * Refresh planning: what the per-table planners (plan-table.ts, plan-spill.ts) share.
 *
 * Layer: pure core. No Office.js, no DOM.
 */

import type { DatasetIndex } from "../lookup";
import { TEXT_FORMAT } from "../formats";
import { statFormula, type TableGrid } from "../tables";
import { cellHash, type TrackingRecord } from "../tracking";
import { cellOf, parseA1 } from "./cells";
import type { LocatedRecord } from "./locate";
import type { CellRect, RefreshCell, RefreshChange, RefreshReason, RefreshStatus, RefreshTableReport, SheetView, TableWritePlan } from "./types";

/** Text that Excel would read as a formula unless the cell is formatted as text. */
export const FORMULA_LIKE = /^[=+\-@]/;

/** The extra field a refreshed record keeps: rows the user deleted, never added back. */
interface OmittedRows {
  readonly omittedRowIds?: readonly string[];
}

export function omittedOf(record: TrackingRecord): readonly string[] {
  const omitted = (record as TrackingRecord & OmittedRows).omittedRowIds;
  return Array.isArray(omitted) ? omitted.filter((id): id is string => typeof id === "string") : [];
}

/** A tracking record as refresh writes it back: v2, with the rows the user deleted. */
export type RefreshedRecord = TrackingRecord & OmittedRows;

export interface LineFound {
  readonly key: "title" | "note" | "source";
  readonly row: number;
  readonly column: number;
  /** Offset from the table's top row (title) or bottom row (note, source). */
  readonly offset: number;
  readonly text: string;
  readonly current: unknown;
  readonly ours: boolean;
}

/** The position of a column key in a grid (-1 when absent). */
export function keyIndex(grid: TableGrid, key: string): number {
  const keys: readonly string[] = grid.columnKeys;
  return keys.indexOf(key);
}

/** What the new grid holds for one row and column key, as it would be written in a mode. */
export function newContent(grid: TableGrid, row: number, key: string, mode: TrackingRecord["mode"]): { content: string | number; format: string } | null {
  const column = keyIndex(grid, key);
  const value = grid.rows[row]?.[column];
  if (column < 0 || value === undefined) return null;
  const figureId = grid.valueFigureIds[row] ?? null;
  const content = mode === "formulas" && key === "value" && figureId !== null ? statFormula(figureId, grid.language) : value;
  return { content, format: grid.numberFormats[row]?.[column] ?? TEXT_FORMAT };
}

export const asCell = (content: unknown): RefreshCell =>
  typeof content === "string" || typeof content === "number" || typeof content === "boolean" ? content : null;

export interface TablePlan {
  readonly report: RefreshTableReport;
  readonly write: TableWritePlan | null;
  /** BJ.* formula cells the write adds (new rows in formula mode) less those it deletes. */
  readonly formulaDelta?: number;
}

export interface Context {
  readonly index: DatasetIndex;
  readonly sheets: ReadonlyMap<string, SheetView>;
}

export function reportOf(
  located: LocatedRecord,
  toRelease: string,
  status: RefreshStatus,
  changes: readonly RefreshChange[],
  extra: { tableName?: string; sheet?: string | null; reason?: RefreshReason } = {},
): RefreshTableReport {
  const { record } = located.view;
  return {
    recordId: record.recordId,
    tableName: extra.tableName ?? record.table?.name ?? "",
    tableId: record.tableId,
    sheet: extra.sheet === undefined ? record.sheet.name : extra.sheet,
    status,
    ...(extra.reason ? { reason: extra.reason } : {}),
    fromRelease: record.releaseId,
    toRelease,
    changes,
  };
}

/** The changes a table's plan writes (or, in a dry run, would write): what a summary counts. */
export const writtenChanges = (changes: readonly RefreshChange[]): number => changes.filter((change) => change.written && change.kind !== "unchanged").length;

/**
 * A table refused: nothing is written to it, so its report lists no change but the one blocked
 * entry, naming the cell or range in the way where the guard found one (`blockedAt`); what would
 * be written once it is unblocked is only counted (`waiting`), so the plan never lists a change
 * that Apply does not make.
 */
export function blockedReport(report: RefreshTableReport, reason: RefreshReason, blockedAt: string | null, wouldWrite: readonly RefreshChange[]): RefreshTableReport {
  const waiting = writtenChanges(wouldWrite);
  const entry: RefreshChange = { rowId: null, columnKey: null, address: blockedAt, before: null, after: null, kind: "blocked", written: false, reason };
  return { ...report, status: "blocked", reason, changes: [entry], ...(blockedAt !== null ? { blockedAt } : {}), ...(waiting > 0 ? { waiting } : {}) };
}

/** The lines of a record, found relative to where the table (or spill area) is now. */
export function findLines(record: TrackingRecord, grid: TableGrid, sheet: SheetView, recordedTop: number, recordedBottom: number, top: number, bottom: number, block: CellRect): LineFound[] {
  const found: LineFound[] = [];
  const keys = ["title", "note", "source"] as const;
  const texts = { title: grid.title, note: grid.note, source: grid.sourceLine };
  for (const key of keys) {
    const address = record.lines[key];
    const at = address === null ? null : parseA1(address);
    if (!at) continue;
    const hash = record.cellHashes[at.row - block.row]?.[at.column - block.column] ?? null;
    const above = key === "title";
    const offset = above ? at.row - recordedTop : at.row - recordedBottom;
    // Where it should be now: with the table's top (title) or bottom (note, source); else where it was.
    // A line below may also sit one row further down than recorded: a write that gave the table
    // its spacer row (refresh adds one to records written before it) was applied in part.
    const places = [above ? top + offset : bottom + offset, at.row + (top - recordedTop), at.row, ...(above ? [] : [bottom + offset + 1])];
    let chosen: LineFound | null = null;
    for (const row of places) {
      const current = cellOf(sheet, row, at.column);
      // Ours: what we wrote, or already what we would write now (after a write Excel applied in part).
      if (hash !== null && (cellHash(current) === hash || cellHash(current) === cellHash(texts[key]))) {
        chosen = { key, row, column: at.column, offset: above ? row - top : row - bottom, text: texts[key], current, ours: true };
        break;
      }
    }
    const fallbackRow = places[0] ?? at.row;
    found.push(chosen ?? { key, row: fallbackRow, column: at.column, offset: above ? fallbackRow - top : fallbackRow - bottom, text: texts[key], current: cellOf(sheet, fallbackRow, at.column), ours: false });
  }
  return found;
}
