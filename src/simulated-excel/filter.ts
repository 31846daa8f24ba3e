/**
 * AutoFilter, the engine half (ExcelApi 1.9: Table.autoFilter, Worksheet.autoFilter): criteria,
 * the rows they hide, and the rule that Excel will not shift cells of a filtered range.
 *
 * - A filter hides the data rows (below its header row) whose cell in a filtered column fails the
 *   column's criteria. Rows are hidden when criteria are applied (apply, reapply) and shown when
 *   they are cleared; later edits do not re-filter, as in Excel.
 * - Shifting cells in or through a range that is filtered (Range.delete, table rows.add) fails with
 *   FilteredRangeConflict: office-js #994 reports that rows of a filtered table are not deleted; the
 *   code is Excel's documented one for "a conflict with a filtered range" (stricter where silent).
 * - Only "Values" and "Custom" criteria are modelled; others fail with InvalidArgument here.
 */
import { type Rect, intersect } from "./address";
import { filteredRangeConflict, invalidArgument } from "./errors";
import { renderValue } from "./number-format";
import type { Cell, FilterCriteriaModel, SheetModel, TableModel } from "./snapshot";

/** Where a filter lives: a table, or the sheet's own AutoFilter. */
export type FilterOwner = { readonly kind: "table"; readonly table: TableModel } | { readonly kind: "sheet"; readonly sheet: SheetModel };

/** A filter's range (header row first) and its criteria. */
export interface FilterArea {
  readonly rect: Rect;
  readonly criteria: Readonly<Record<string, FilterCriteriaModel>>;
}

/** The criteria Excel.FilterCriteria may carry, as far as the simulator reads them. */
export interface FilterCriteriaInput {
  readonly filterOn: string;
  readonly values?: readonly unknown[];
  readonly criterion1?: string;
  readonly criterion2?: string;
  readonly operator?: string;
}

/** Checks and copies criteria; only Values and Custom are modelled. */
export function criteriaModel(input: FilterCriteriaInput, location: string): FilterCriteriaModel {
  if (input.filterOn === "Values") {
    if (!Array.isArray(input.values)) throw invalidArgument("Values filtering needs `values`.", location);
    return { filterOn: "Values", values: input.values.map((value) => String(value)) };
  }
  if (input.filterOn === "Custom") {
    if (typeof input.criterion1 !== "string") throw invalidArgument("Custom filtering needs `criterion1`.", location);
    const operator = input.operator === "Or" ? "Or" : "And";
    return {
      filterOn: "Custom",
      criterion1: input.criterion1,
      ...(typeof input.criterion2 === "string" ? { criterion2: input.criterion2, operator } : {}),
    };
  }
  throw invalidArgument(`filterOn "${input.filterOn}" is not modelled by the simulated host.`, location);
}

function displayed(cell: Cell | undefined): string {
  return cell ? renderValue(cell.value, cell.numberFormat ?? "General", cell.error === true) : "";
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

/** One comparison such as ">50", "=*s", "<>x" or "abc" (equals). */
function compare(cell: Cell | undefined, criterion: string): boolean {
  const match = /^(>=|<=|<>|=|>|<)?(.*)$/s.exec(criterion);
  const operator = match?.[1] ?? "=";
  const operand = match?.[2] ?? "";
  const value = cell?.value ?? null;
  const number = operand.trim() !== "" && Number.isFinite(Number(operand)) ? Number(operand) : null;
  if (number !== null && typeof value === "number") {
    const results: Record<string, boolean> = { "=": value === number, "<>": value !== number, ">": value > number, "<": value < number, ">=": value >= number, "<=": value <= number };
    return results[operator] ?? false;
  }
  const text = displayed(cell);
  if (operator === "=") return wildcard(operand).test(text);
  if (operator === "<>") return !wildcard(operand).test(text);
  if (value === null || typeof value === "number") return false;
  const order = text.localeCompare(operand, undefined, { sensitivity: "base" });
  return operator === ">" ? order > 0 : operator === "<" ? order < 0 : operator === ">=" ? order >= 0 : order <= 0;
}

export function passes(cell: Cell | undefined, criteria: FilterCriteriaModel): boolean {
  if (criteria.filterOn === "Values") return (criteria.values ?? []).includes(displayed(cell));
  const first = compare(cell, criteria.criterion1 ?? "");
  if (criteria.criterion2 === undefined) return first;
  const second = compare(cell, criteria.criterion2);
  return criteria.operator === "Or" ? first || second : first && second;
}

/** Every filter on a sheet that has criteria: the sheet's own and its tables'. */
export function filteredAreas(sheet: SheetModel, tables: readonly TableModel[]): FilterArea[] {
  const areas: FilterArea[] = [];
  if (sheet.autoFilter && Object.keys(sheet.autoFilter.criteria).length > 0) areas.push(sheet.autoFilter);
  for (const table of tables) {
    if (table.sheetId === sheet.id && table.filterCriteria && Object.keys(table.filterCriteria).length > 0) {
      areas.push({ rect: table.rect, criteria: table.filterCriteria });
    }
  }
  return areas;
}

/** Recomputes the rows the sheet's filters hide (after criteria change). */
export function refilter(sheet: SheetModel, tables: readonly TableModel[]): void {
  const hidden = new Set<number>();
  for (const { rect, criteria } of filteredAreas(sheet, tables)) {
    for (let row = rect.row + 1; row < rect.row + rect.rows; row++) {
      const fails = Object.entries(criteria).some(([column, each]) => !passes(sheet.cells[`${row},${rect.column + Number(column)}`], each));
      if (fails) hidden.add(row);
    }
  }
  if (hidden.size === 0) delete sheet.hiddenRows;
  else sheet.hiddenRows = [...hidden].sort((a, b) => a - b);
}

/**
 * Refuses a shift of cells that would move cells of a filtered range: the cells of `rect` and
 * those beyond it, below it ("Up"/"Down", within its columns) or to its right ("Left"/"Right",
 * within its rows).
 */
export function assertNoFilteredShift(sheet: SheetModel, tables: readonly TableModel[], rect: Rect, direction: "rows" | "columns", location: string): void {
  const band: Rect =
    direction === "rows"
      ? { row: rect.row, column: rect.column, rows: Number.MAX_SAFE_INTEGER - rect.row, columns: rect.columns }
      : { row: rect.row, column: rect.column, rows: rect.rows, columns: Number.MAX_SAFE_INTEGER - rect.column };
  if (filteredAreas(sheet, tables).some((area) => intersect(area.rect, band))) throw filteredRangeConflict(location);
}

/** Hidden rows and the sheet's filter range follow whole rows inserted at `at`. */
export function shiftFiltersForInsertedRows(sheet: SheetModel, at: number, count: number, grow: (rect: Rect) => Rect): void {
  if (sheet.autoFilter) sheet.autoFilter = { ...sheet.autoFilter, rect: grow(sheet.autoFilter.rect) };
  if (sheet.hiddenRows) sheet.hiddenRows = sheet.hiddenRows.map((row) => (row >= at ? row + count : row));
}
