/** The types the simulated workbook engine (state*.ts) shares with the rest of the simulated host. */
import type { Rect } from "./address";
import type { FormulaResult, SimCustomFunction } from "./formula";
import type { CellValue } from "./snapshot";
/** What reading a cell gives: its value, "" when empty. */
export type ReadValue = CellValue;

/** A cell as a formula engine reads it: its value, null when empty, an error value as `{ error }`. */
export type EngineValue = CellValue | null | { readonly error: string };

/**
 * What a formula engine (StateOptions.evaluateOther) may read while it evaluates one cell. Reads
 * see the workbook as it is at that moment; WorkbookState.recalculate evaluates again until no
 * value changes, so a formula that reads a later formula's result still ends up right.
 */
export interface FormulaContext {
  /** The sheet's name and the formula's cell, 0-based. */
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  /** The custom functions the host was given, by full upper-case name ("BJ.FDI_COUNT"). */
  readonly functions: Readonly<Record<string, SimCustomFunction>>;
  /** One cell (sheet null: the formula's own); undefined when the sheet does not exist (#REF!). */
  cell(sheet: string | null, row: number, column: number): EngineValue | undefined;
  /**
   * A rectangle's values from its top-left cell, cut short at the sheet's last used row and column
   * (everything beyond is empty), so that "A:A" costs what the sheet holds, not a million rows.
   * Undefined when the sheet does not exist.
   */
  values(sheet: string | null, rect: Rect): EngineValue[][] | undefined;
}

export interface StateOptions {
  readonly functions: Readonly<Record<string, SimCustomFunction>>;
  /**
   * Evaluates a formula that is not a plain =NS.NAME(...) call (the preview passes a real formula
   * engine, src/preview/formula-engine.ts); without it such formulas show #NAME?.
   */
  readonly evaluateOther?: (formula: string, context: FormulaContext) => CellValue | FormulaResult | Promise<CellValue | FormulaResult>;
  /** Function names in Excel's display language: English full name (upper case) → localized full name. */
  readonly localizedFunctionNames?: Readonly<Record<string, string>>;
  /** A cell calling a registered custom function reads #BUSY! until its sync ends (see SimulatedExcelOptions). */
  readonly asyncCustomFunctions?: boolean;
}

/**
 * "A range is limited to 5,000,000 cells for read operations" (Resource limits and performance
 * optimization for Office Add-ins, section "Excel add-ins"); over it, Excel fails with
 * RangeExceedsLimit. Any read of cell data or cell formats counts (the page names no exception).
 */
export const READ_CELL_LIMIT = 5_000_000;

/** How a write to cells interprets strings: as values typed in ("values") or formulas ("formulas"). */
export type WriteMode = "values" | "formulas";
