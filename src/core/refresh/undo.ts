/**
 * Refresh: records newer than their cells. Ctrl+Z reverts an insert's or a refresh's cells but
 * not the custom XML part that records them (office-js #6415, #4484), so a record can describe
 * cells that are no longer there. Such a record is reported "undone": neither taken for the
 * user's edits nor rewritten; the pane offers to forget it (docs/refresh.md, "Undo").
 *
 *  - An undone insert: the record's table (or spill cell) is gone, and every cell the insert wrote
 *    is empty, the title, note and source lines too. (Deleting a table by hand leaves its lines.)
 *  - An undone refresh: the record keeps `previous`, the hashes of what its cells held before the
 *    refresh; every one of them matches the sheet again, while some cell no longer matches what
 *    the refresh wrote.
 *
 * A cell that was not read never counts as a match.
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { cellHash, type PreviousState, type TrackingRecord } from "../tracking";
import { cellOf, isEmpty, parseA1, rectAddress } from "./cells";
import type { CellRect, SheetView } from "./types";

type Hashes = readonly (readonly (string | null)[])[];

/** Every non-null hash of `hashes` (laid over `block`) passes `test` against the cell read; false if there is none. */
function everyHashed(hashes: Hashes, block: CellRect, sheet: SheetView, test: (hash: string, content: unknown) => boolean): boolean {
  let seen = 0;
  for (let r = 0; r < hashes.length; r++) {
    const line = hashes[r] ?? [];
    for (let c = 0; c < line.length; c++) {
      const hash = line[c];
      if (hash === null || hash === undefined) continue;
      const content = cellOf(sheet, block.row + r, block.column + c);
      if (content === undefined || !test(hash, content)) return false;
      seen++;
    }
  }
  return seen > 0;
}

/** The cells an insert wrote are all empty now (read, not assumed), on `sheet`. */
export function insertUndone(record: TrackingRecord, sheet: SheetView | undefined): boolean {
  const block = parseA1(record.block);
  if (!sheet || !block) return false;
  return everyHashed(record.cellHashes, block, sheet, (_hash, content) => isEmpty(content));
}

/** The cells match the record's `previous` state again, and not the record itself. */
export function refreshUndone(record: TrackingRecord, sheet: SheetView): boolean {
  const previous = record.previous;
  const before = previous ? parseA1(previous.block) : null;
  const block = parseA1(record.block);
  if (!previous || !before || !block) return false;
  if (!everyHashed(previous.cellHashes, before, sheet, (hash, content) => cellHash(content) === hash)) return false;
  // Some cell the refresh wrote differs now (all matching would be a refresh that changed no cell).
  return !everyHashed(record.cellHashes, block, sheet, (hash, content) => cellHash(content) === hash);
}

/**
 * What a refresh is about to overwrite, for the rewritten record's `previous`: the hashes of the
 * table's cells and of our lines as they are read now (before the write), over their bounding block.
 */
export function previousState(record: TrackingRecord, sheet: SheetView, table: CellRect, lines: readonly { readonly row: number; readonly column: number }[]): PreviousState {
  const spots: CellRect[] = [table, ...lines.map((line) => ({ row: line.row, column: line.column, rows: 1, columns: 1 }))];
  const top = Math.min(...spots.map((s) => s.row));
  const left = Math.min(...spots.map((s) => s.column));
  const bottom = Math.max(...spots.map((s) => s.row + s.rows));
  const right = Math.max(...spots.map((s) => s.column + s.columns));
  const block: CellRect = { row: top, column: left, rows: bottom - top, columns: right - left };
  const inside = (row: number, column: number): boolean => spots.some((s) => row >= s.row && row < s.row + s.rows && column >= s.column && column < s.column + s.columns);
  const cellHashes = Array.from({ length: block.rows }, (_, r) =>
    Array.from({ length: block.columns }, (_, c) => {
      const row = top + r;
      const column = left + c;
      const content = inside(row, column) ? cellOf(sheet, row, column) : undefined;
      return content === undefined ? null : cellHash(content);
    }),
  );
  return { releaseId: record.releaseId, block: rectAddress(block), cellHashes };
}
