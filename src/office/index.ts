/** The Office.js adapter: the workbook port and its Excel implementation. */
export type {
  BindingsReport,
  BriefingEntry,
  BriefingsReport,
  DamagedBindingsPart,
  InsertBriefingOptions,
  InsertedBriefing,
  InsertAllOptions,
  InsertMode,
  InsertTableOptions,
  InsertedEntry,
  InsertedReport,
  InsertedTable,
  TableBinding,
  WorkbookPort,
} from "./port";
export { ExcelWorkbook, INSERT_MODES, newGuid } from "./excel-workbook";
export { TABLE_STYLE, baseTableName, uniqueTableName } from "./table-names";
export type { ExcelWorkbookOptions } from "./excel-workbook";
export { AdapterError, TARGET_ERROR_CODES, loadOnDemand, toAdapterError } from "./errors";
export type { AdapterErrorCode, AdapterErrorDetails } from "./errors";
export { BINDINGS_NAMESPACE, parseBindings, serializeBindings } from "./bindings";
export type { BindingsDamage, ParsedBindings } from "./bindings";
export { uniqueSheetName } from "./layout";
export { blockLayout, fitWidths, trackingRecord } from "./block-layout";
export type { BlockLayout } from "./block-layout";
export { BUSY, checkFormulaCells, checkTableRange } from "./insert-checks";
export type { FormulaCheck, InsertProblem } from "./insert-checks";
export { matchTables } from "./matching";
export type { MatchHow, RecordKeys, TableFacts, TableMatch } from "./matching";
export type { ExcelRun, IsSetSupported, XlContext } from "./excel-api";
export type { BriefingRefreshEntry, BriefingRefreshReport } from "./briefing";
export type { FreezeOptions, FreezeReport, InsertFigureOptions, InsertedFigure, RestoreReport } from "./share";
export { AUTO_OPEN_SETTING } from "./auto-open";
export type { DocumentSettings } from "./auto-open";
