/**
 * The in-memory workbook: plain, JSON-serialisable data. A snapshot is a deep copy of it, holding
 * what a saved .xlsx keeps (cells, formulas, formats, tables, names, custom XML parts, settings,
 * protection) and nothing of a session (no proxies, no sync records, no selection history).
 */
import type { Rect } from "./address";

/** A cell's stored value. Empty cells are not stored at all. */
export type CellValue = string | number | boolean;

export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fill?: string;
  horizontalAlignment?: string;
  wrapText?: boolean;
}

export interface Cell {
  /** The value (or the last computed value of the formula); null for an empty value. */
  value: CellValue | null;
  /** True when `value` is an error code such as "#N/A". */
  error?: boolean;
  /** The formula, starting with "=", when the cell holds one. */
  formula?: string;
  /** The number format; "General" when absent. */
  numberFormat?: string;
  format?: CellFormat;
  hyperlink?: { address?: string; documentReference?: string; textToDisplay?: string; screenTip?: string };
  /** Set on cells filled by a spilled array: the key ("row,column") of the formula cell. */
  spillFrom?: string;
}

export interface SheetModel {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  /** Cells keyed "row,column" (0-based). */
  cells: Record<string, Cell>;
  merges: Rect[];
  /** Column widths in points, by 0-based column index. */
  columnWidths: Record<string, number>;
  customProperties: Record<string, string>;
  /** The worksheet's own AutoFilter (Worksheet.autoFilter), outside any table; absent when none. */
  autoFilter?: SheetFilterModel;
  /** Rows (0-based) hidden by a filter, ascending; absent when none. */
  hiddenRows?: number[];
}

/**
 * One column's filter criteria, as Excel.FilterCriteria: "Values" keeps rows whose displayed text
 * is one of `values`; "Custom" compares with `criterion1` (and `criterion2`, joined by `operator`).
 */
export interface FilterCriteriaModel {
  filterOn: "Values" | "Custom";
  values?: string[];
  criterion1?: string;
  criterion2?: string;
  operator?: "And" | "Or";
}

/** An AutoFilter over `rect` (its first row the headers), with criteria by 0-based column index. */
export interface SheetFilterModel {
  rect: Rect;
  criteria: Record<string, FilterCriteriaModel>;
}

export interface TableModel {
  id: string;
  name: string;
  sheetId: string;
  /** The whole table, header row included. */
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  showBandedRows: boolean;
  style: string;
  /** The table's AutoFilter criteria by 0-based column index; absent when the table is not filtered. */
  filterCriteria?: Record<string, FilterCriteriaModel>;
}

export interface NameModel {
  name: string;
  /** A formula such as "=Sheet1!$A$1:$B$2" or a constant. */
  formula: string;
  comment: string;
}

export interface CustomXmlPartModel {
  id: string;
  namespaceUri: string;
  xml: string;
}

export interface WorkbookModel {
  /** Sheets in tab order: a sheet's position is its index here. */
  sheets: SheetModel[];
  tables: TableModel[];
  names: NameModel[];
  customXmlParts: CustomXmlPartModel[];
  /** Workbook settings (workbook.settings): JSON values by key. */
  settings: Record<string, string>;
  activeSheetId: string;
  /** The selection on the active sheet. */
  selection: Rect;
  /** Counter for ids, so that ids stay unique across save and reopen. */
  nextId: number;
}

/** What `save()` returns: a deep, serialisable copy of the workbook. */
export interface SimulatedWorkbookSnapshot {
  readonly format: "bj-simulated-excel/1";
  readonly workbook: WorkbookModel;
}

/** A new workbook with one sheet, "Sheet1", whose id is `firstSheetId`. */
export function emptyWorkbook(firstSheetId: string): WorkbookModel {
  return {
    sheets: [newSheet(firstSheetId, "Sheet1")],
    tables: [],
    names: [],
    customXmlParts: [],
    settings: {},
    activeSheetId: firstSheetId,
    selection: { row: 0, column: 0, rows: 1, columns: 1 },
    nextId: 2,
  };
}

export function newSheet(id: string, name: string): SheetModel {
  return { id, name, visibility: "Visible", protected: false, cells: {}, merges: [], columnWidths: {}, customProperties: {} };
}

/** A deep copy through JSON: what a file round trip keeps, and nothing else. */
export function toSnapshot(model: WorkbookModel): SimulatedWorkbookSnapshot {
  return { format: "bj-simulated-excel/1", workbook: JSON.parse(JSON.stringify(model)) as WorkbookModel };
}

export function fromSnapshot(snapshot: SimulatedWorkbookSnapshot): WorkbookModel {
  if (snapshot.format !== "bj-simulated-excel/1") throw new Error(`Unknown snapshot format: ${String(snapshot.format)}`);
  return JSON.parse(JSON.stringify(snapshot.workbook)) as WorkbookModel;
}
