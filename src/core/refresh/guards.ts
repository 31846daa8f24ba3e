/**
 * Refresh: the checks that keep a write from being refused half-way. Excel does not roll a batch
 * back, so a step it refuses leaves the steps before it applied. What it may refuse is checked
 * here, on what the read syncs brought, before anything is written; a table that fails is blocked
 * and gets no write at all. (A protected sheet, a totals row and occupied cells below are checked
 * in plan-table.ts and plan-spill.ts; a filtered table's row deletions there too.)
 *
 *  - Merged cells: writing into part of a merged area, or shifting one by a row deletion, fails
 *    (the simulator refuses both, the stricter reading; docs/excel-evidence.md). The merged areas
 *    come from Range.getMergedAreasOrNullObject (ExcelApi 1.13) over the blocks read and the
 *    columns below each table; without it (`merged` undefined) nothing is known and the write
 *    goes ahead as before 1.13 did.
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { qualified } from "../a1";
import { rectAddress } from "./cells";
import type { TablePlan } from "./plan-common";
import type { CellRect, RefreshChange, SheetView } from "./types";

const SHEET_ROWS = 1_048_576;

const meets = (a: CellRect, b: CellRect): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;

/** The cells a table's write touches: cleared, written, deleted, and what a deletion shifts up. */
export function touchedRects(write: NonNullable<TablePlan["write"]>): CellRect[] {
  const rects: CellRect[] = [...write.clears, ...write.writes, ...write.deleteRows];
  const top = Math.min(...write.deleteRows.map((rect) => rect.row));
  for (const rect of write.deleteRows) {
    // Range.delete("Up") moves every cell below, in the deleted columns, to the sheet's last row.
    if (rect.row === top) rects.push({ row: rect.row, column: rect.column, rows: SHEET_ROWS - rect.row, columns: rect.columns });
  }
  return rects;
}

/** The first merged area the write meets, or null. */
export function mergedConflict(plan: TablePlan, sheet: SheetView | undefined): CellRect | null {
  const write = plan.write;
  const merged = sheet?.merged;
  if (!write || !merged || merged.length === 0) return null;
  const touched = touchedRects(write);
  return merged.find((area) => touched.some((rect) => meets(area, rect))) ?? null;
}

/** The plan, or the table blocked (nothing written, every change unwritten) where a guard fails. */
export function guardPlan(plan: TablePlan, sheet: SheetView | undefined): TablePlan {
  const area = mergedConflict(plan, sheet);
  if (!area || !sheet) return plan;
  const blocked: RefreshChange = { rowId: null, columnKey: null, address: qualified(sheet.name, rectAddress(area)), before: null, after: null, kind: "blocked", written: false, reason: "merged_cells" };
  return {
    report: { ...plan.report, status: "blocked", reason: "merged_cells", changes: [...plan.report.changes.map((change) => ({ ...change, written: false })), blocked] },
    write: null,
  };
}
