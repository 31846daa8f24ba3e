/**
 * The simulated Excel host: an in-memory model of the part of the Excel JavaScript API this
 * add-in uses, for tests (and meant for a browser preview page, not yet built). Never imported by
 * production code (a jest test in
 * test/simulated-excel/no-production-imports.test.ts enforces it). See docs/simulated-excel.md.
 */
export { createSimulatedExcel, openSimulatedExcel, PAYLOAD_LIMIT_BYTES, SimRequestContext } from "./host";
export type { SimPlatform, SimulatedExcel, SimulatedExcelOptions, SyncRecord } from "./host";
export { READ_CELL_LIMIT } from "./state";
export { SimOfficeError } from "./errors";
export type { SimErrorCode, SimDebugInfo } from "./errors";
export type { FormulaResult, SimCustomFunction } from "./formula";
export type { EngineValue, FormulaContext } from "./state";
export { renderValue } from "./number-format";
export type { SimulatedWorkbookSnapshot, WorkbookModel, CellValue } from "./snapshot";
export type { UserEdits } from "./user-edits";
export type { SimWorkbook, SimApplication, SimCustomXmlPart, SimCustomXmlPartCollection } from "./workbook";
export type { SimWorksheet, SimWorksheetCollection, SimWorksheetProtection } from "./worksheet";
export type { SimRange, SimRangeAreas, SimRangeFormat, SimRangeFont, SimRangeFill } from "./range";
export type { SimTable, SimTableCollection, SimTableColumnCollection, SimTablePart, SimTableRowCollection } from "./table";
export type { SimClientResult } from "./proxy/base";
export type { SimAutoFilter } from "./autofilter";
export type { FilterCriteriaInput } from "./filter";
export type { SimChart, SimChartCollection, SimChartSeries, SimChartSeriesCollection, SimChartTitle, ChartModel, SeriesModel } from "./chart";
export { chartsOf } from "./chart";
