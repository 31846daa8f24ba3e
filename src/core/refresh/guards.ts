/**
 * Refresh: the checks that keep a write from being refused half-way. Excel does not roll a batch
 * back, so a step it refuses leaves the steps before it applied. What it may refuse is checked
 * here, on what the read syncs brought, before anything is written; a table that fails is blocked
 * and gets no write at all. (A protected sheet, a totals row and occupied cells below are checked
 * in plan-table.ts and plan-spill.ts; a filtered table's row deletions there too.)
 *
 *  - Merged cells: a row deletion that would split a merged area fails (docs/excel-evidence.md
 *    row 56); a write that meets one is refused here too, the stricter reading, since no page says
 *    what Excel does with part of a merged area. The merged areas come from
 *    Range.getMergedAreasOrNullObject (ExcelApi 1.13), asked from A1 to the sheet's last row in the
 *    columns the writes reach; without it (`merged` undefined) nothing is known and the write goes
 *    ahead.
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { qualified } from "../a1";
import { rectAddress } from "./cells";
import { blockedReport, type TablePlan } from "./plan-common";
import type { CellRect, SheetView } from "./types";

const SHEET_ROWS = 1_048_576;

const meets = (a: CellRect, b: CellRect): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;

/**
 * The first merged area the write meets, or null: one that meets a cell cleared, written or
 * deleted, or one that a deletion would split (it lies below a deleted row, partly in the deleted
 * columns and partly outside them: Range.delete("Up") moves only those columns, to the sheet's
 * last row). An area wholly inside the moved columns moves with them.
 */
export function mergedConflict(plan: TablePlan, sheet: SheetView | undefined): CellRect | null {
  const write = plan.write;
  const merged = sheet?.merged;
  if (!write || !merged || merged.length === 0) return null;
  const touched: CellRect[] = [...write.clears, ...write.writes, ...write.deleteRows];
  const shifted = write.deleteRows.map((rect) => ({ row: rect.row, column: rect.column, rows: SHEET_ROWS - rect.row, columns: rect.columns }));
  const inside = (area: CellRect, rect: CellRect): boolean => area.column >= rect.column && area.column + area.columns <= rect.column + rect.columns;
  return merged.find((area) => touched.some((rect) => meets(area, rect)) || shifted.some((rect) => meets(area, rect) && !inside(area, rect))) ?? null;
}

/** The plan, or the table blocked (nothing written, every change unwritten) where a guard fails. */
export function guardPlan(plan: TablePlan, sheet: SheetView | undefined): TablePlan {
  const area = mergedConflict(plan, sheet);
  if (!area || !sheet) return plan;
  return { report: blockedReport(plan.report, "merged_cells", qualified(sheet.name, rectAddress(area)), plan.report.changes), write: null };
}
