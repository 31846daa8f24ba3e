/**
 * The part of the Excel JavaScript API the adapter uses, as structural interfaces.
 *
 * Why not `Excel.RequestContext` itself: it is a class with hundreds of members, and no test double
 * can be one without a cast. These interfaces mirror Excel's own member signatures for just what
 * the adapter calls. Real Excel satisfies them (checked by the compiler where `Excel.run` becomes
 * the adapter's default `run`), and so does the simulated host (checked where tests pass its
 * `run`). No cast is needed on either side. When the adapter needs another member, add it here
 * with Excel's signature; the compiler then demands it of the simulator too.
 */

export interface XlClientResult<T> {
  readonly value: T;
}

export interface XlRangeFont {
  bold: boolean | null;
  italic: boolean | null;
}

export interface XlRangeFormat {
  readonly font: XlRangeFont;
  /**
   * Points; setting it on a range sets the width of each of its columns. Read on several columns,
   * null when their widths differ (Excel's RangeFormat.columnWidth reference).
   */
  columnWidth: number | null;
  load(propertyNames?: string | string[]): XlRangeFormat;
  autofitColumns(): void;
}

/** ExcelApi 1.9: several rectangles of one sheet (getMergedAreasOrNullObject, getSpecialCellsOrNullObject). */
export interface XlRangeAreas {
  /** "Sheet1!A1:B4, Sheet1!D1:D4": every area, sheet-qualified, comma separated. */
  readonly address: string;
  readonly areaCount: number;
  readonly isNullObject: boolean;
  /** ExcelApi 1.9: every area as a range; load "items/formulas" ... to read them all in one sync. */
  readonly areas: XlRangeCollection;
  load(propertyNames?: string | string[]): XlRangeAreas;
}

export interface XlRange {
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly isNullObject: boolean;
  /** ExcelApi 1.2: true if every row is hidden, false if none, null if mixed. */
  readonly rowHidden: boolean | null;
  values: unknown[][];
  /** Read only: "Empty", "String", "Double", "Boolean", "Error", ... per cell. */
  readonly valueTypes: string[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  /** What each cell shows, as its number format renders it. */
  readonly text: string[][];
  readonly format: XlRangeFormat;
  readonly worksheet: XlWorksheet;
  load(propertyNames?: string | string[]): XlRange;
  getCell(row: number, column: number): XlRange;
  getColumn(column: number): XlRange;
  getOffsetRange(rowOffset: number, columnOffset: number): XlRange;
  getResizedRange(deltaRows: number, deltaColumns: number): XlRange;
  /** ExcelApi 1.9. */
  getTables(fullyContained?: boolean): XlTableScopedCollection;
  /** ExcelApi 1.13: the merged areas whose top-left cell is in the range. */
  getMergedAreasOrNullObject(): XlRangeAreas;
  /**
   * ExcelApi 1.9: the cells holding a formula ("Formulas") or a constant, as areas; a null object
   * when there are none. On a single cell desktop Excel looks at the used range instead.
   */
  getSpecialCellsOrNullObject(cellType: "Formulas" | "Constants"): XlRangeAreas;
  /** ExcelApi 1.4: the used part of this range; a null object when it holds nothing. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  /** ExcelApi 1.2. */
  getBoundingRect(anotherRange: XlRange | string): XlRange;
  clear(applyTo?: "All" | "Formats" | "Contents"): void;
  select(): void;
  /** ExcelApi 1.1. */
  delete(shift: "Up" | "Left"): void;
  /** ExcelApi 1.6. */
  calculate(): void;
}

/** ExcelApi 1.9 (RangeAreas.areas). */
export interface XlRangeCollection {
  readonly items: XlRange[];
  load(propertyNames?: string | string[]): XlRangeCollection;
}

/** Excel.FilterCriteria, as far as the adapter may set it. */
export interface XlFilterCriteria {
  filterOn: "Values" | "Custom";
  values?: string[];
  criterion1?: string;
  criterion2?: string;
  operator?: "And" | "Or";
}

/** ExcelApi 1.9: a table's or a worksheet's AutoFilter. */
export interface XlAutoFilter {
  /** Whether any column has filter criteria (rows may be hidden). */
  readonly isDataFiltered: boolean;
  readonly enabled: boolean;
  load(propertyNames?: string | string[]): XlAutoFilter;
  apply(range: XlRange | string, columnIndex?: number, criteria?: XlFilterCriteria): void;
  clearCriteria(): void;
}

export interface XlTable {
  readonly id: string;
  /** ExcelApi 1.9. */
  readonly autoFilter: XlAutoFilter;
  name: string;
  style: string;
  readonly showTotals: boolean;
  readonly worksheet: XlWorksheet;
  load(propertyNames?: string | string[]): XlTable;
  getRange(): XlRange;
  getHeaderRowRange(): XlRange;
  /** ExcelApi 1.13: the header row stays in its row and the new range must overlap the table. */
  resize(newRange: XlRange | string): void;
  /** ExcelApi 1.2: the table becomes a plain range; its cells stay where they are. */
  convertToRange(): XlRange;
}

export interface XlTableScopedCollection {
  readonly items: XlTable[];
  load(propertyNames?: string | string[]): XlTableScopedCollection;
}

export interface XlTableCollection {
  readonly items: XlTable[];
  load(propertyNames?: string | string[]): XlTableCollection;
  add(address: XlRange | string, hasHeaders: boolean): XlTable;
}

export interface XlWorksheetProtection {
  readonly protected: boolean;
  load(propertyNames?: string | string[]): XlWorksheetProtection;
}

/** ExcelApi 1.1 (the briefing's charts). */
export interface XlChartTitle {
  text: string;
}

export interface XlChartSeries {
  name: string;
  /** ExcelApi 1.7. */
  setValues(sourceData: XlRange): void;
  /** ExcelApi 1.7. */
  setXAxisValues(sourceData: XlRange): void;
}

export interface XlChartSeriesCollection {
  getItemAt(index: number): XlChartSeries;
}

export interface XlChart {
  name: string;
  readonly title: XlChartTitle;
  readonly series: XlChartSeriesCollection;
  load(propertyNames?: string | string[]): XlChart;
  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void;
  delete(): void;
}

export interface XlChartCollection {
  readonly items: XlChart[];
  load(propertyNames?: string | string[]): XlChartCollection;
  add(type: "ColumnClustered", sourceData: XlRange, seriesBy?: "Auto" | "Columns" | "Rows"): XlChart;
}

export interface XlWorksheet {
  readonly id: string;
  readonly name: string;
  readonly isNullObject: boolean;
  readonly visibility: string;
  readonly protection: XlWorksheetProtection;
  readonly tables: XlTableCollection;
  /** ExcelApi 1.9. */
  readonly autoFilter: XlAutoFilter;
  /** ExcelApi 1.1. */
  readonly charts: XlChartCollection;
  load(propertyNames?: string | string[]): XlWorksheet;
  getRange(address?: string): XlRange;
  /** ExcelApi 1.1: the used range; on a blank sheet, A1. */
  getUsedRange(valuesOnly?: boolean): XlRange;
  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  activate(): void;
  /** ExcelApi 1.1. */
  delete(): void;
}

export interface XlWorksheetCollection {
  readonly items: XlWorksheet[];
  load(propertyNames?: string | string[]): XlWorksheetCollection;
  add(name?: string): XlWorksheet;
  getActiveWorksheet(): XlWorksheet;
  getItemOrNullObject(key: string): XlWorksheet;
}

export interface XlNamedItem {
  readonly name: string;
}

export interface XlNamedItemCollection {
  readonly items: XlNamedItem[];
  load(propertyNames?: string | string[]): XlNamedItemCollection;
}

export interface XlCustomXmlPart {
  readonly id: string;
  getXml(): XlClientResult<string>;
  setXml(xml: string): void;
  delete(): void;
}

export interface XlCustomXmlPartScopedCollection {
  readonly items: XlCustomXmlPart[];
  load(propertyNames?: string | string[]): XlCustomXmlPartScopedCollection;
}

export interface XlCustomXmlPartCollection {
  add(xml: string): XlCustomXmlPart;
  getByNamespace(namespaceUri: string): XlCustomXmlPartScopedCollection;
}

/** ExcelApi 1.4: a document setting (a JSON-serialisable value kept in the file). */
export interface XlSetting {
  readonly key: string;
  readonly isNullObject: boolean;
  value: unknown;
  load(propertyNames?: string | string[]): XlSetting;
  delete(): void;
}

/** ExcelApi 1.4. */
export interface XlSettingCollection {
  /** Sets a setting, replacing any of the same key. */
  add(key: string, value: unknown): XlSetting;
  getItemOrNullObject(key: string): XlSetting;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  readonly tables: XlTableCollection;
  readonly names: XlNamedItemCollection;
  readonly customXmlParts: XlCustomXmlPartCollection;
  /** ExcelApi 1.4. */
  readonly settings: XlSettingCollection;
  getSelectedRange(): XlRange;
  /** ExcelApi 1.7. */
  getActiveCell(): XlRange;
}

export interface XlContext {
  readonly workbook: XlWorkbook;
  sync<T>(passThroughValue?: T): Promise<T>;
}

/** The shape of `Excel.run(batch)` over the subset above. */
export type ExcelRun = <T>(batch: (context: XlContext) => Promise<T>) => Promise<T>;

/** Requirement-set check, as `Office.context.requirements.isSetSupported`. */
export type IsSetSupported = (name: string, version: string) => boolean;
