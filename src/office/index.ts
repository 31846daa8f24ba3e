/** The Office.js adapter: the workbook port and its Excel implementation. */
export type {
  BindingsReport,
  DamagedBindingsPart,
  InsertAllOptions,
  InsertMode,
  InsertTableOptions,
  InsertedEntry,
  InsertedReport,
  InsertedTable,
  TableBinding,
  WorkbookPort,
} from "./port";
export { ExcelWorkbook, TABLE_STYLE, baseTableName, uniqueTableName } from "./excel-workbook";
export type { ExcelWorkbookOptions } from "./excel-workbook";
export { AdapterError, toAdapterError } from "./errors";
export type { AdapterErrorCode, AdapterErrorDetails } from "./errors";
export { BINDINGS_NAMESPACE, parseBindings, serializeBindings } from "./bindings";
export type { BindingsDamage, ParsedBindings } from "./bindings";
export type { ExcelRun, IsSetSupported, XlContext } from "./excel-api";
