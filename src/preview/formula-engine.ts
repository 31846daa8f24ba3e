/**
 * The preview's formula engine: ordinary Excel formulas (`=SUM(C4:C8)`, `=IF(A1>0,"yes","no")`,
 * `=BJ.FDI_COUNT(2024)*2`) evaluated by fast-formula-parser (MIT; README, "Runtime dependencies"),
 * over the simulated workbook's cells. `BJ.*` calls inside a formula go to the project's own
 * functions (the ones the simulated host was given), so they return what Excel's custom-function
 * runtime would: a thrown CustomFunctions.Error becomes its error value (`#N/A`), an entity or a
 * formatted number its basic value. Plain `=BJ.NAME(literal, A1)` formulas never reach this engine:
 * the simulator evaluates those itself.
 *
 * Layer: preview (never in a production bundle; only src/preview and the tests import the library).
 */
import FormulaParser, { type FunctionArgument } from "fast-formula-parser";
import type { EngineValue, FormulaContext, FormulaResult, SimCustomFunction } from "../simulated-excel";

const ERROR_VALUES = new Set(["#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#DIV/0!", "#NULL!", "#SPILL!", "#BUSY!", "#CALC!"]);
type Scalar = string | number | boolean;

/** A value the library returned or passes on, as a cell value or an error value. */
function settleValue(value: unknown): Scalar | { error: string } {
  if (value instanceof FormulaParser.FormulaError) return { error: ERROR_VALUES.has(value.error) ? value.error : "#VALUE!" };
  if (typeof value === "number") return Number.isFinite(value) ? value : { error: "#NUM!" };
  if (typeof value === "string" || typeof value === "boolean") return value;
  // An empty cell read on its own (=A1) shows 0, as in Excel.
  if (value === null || value === undefined) return 0;
  if (typeof value === "object" && "basicValue" in value) return settleValue((value as { basicValue: unknown }).basicValue);
  return { error: "#VALUE!" };
}

/** A cell value as the library reads it: errors as its FormulaError, empty as null. */
function toLibrary(value: EngineValue): unknown {
  if (value !== null && typeof value === "object") return new FormulaParser.FormulaError(ERROR_VALUES.has(value.error) ? value.error : "#VALUE!");
  return value;
}

/** What a custom function receives for one argument, as Excel passes it: omitted → null, a range → a 2-D array. */
function toCustomArgument(arg: FunctionArgument): unknown {
  if (arg.omitted) return null;
  const value = arg.value;
  if (Array.isArray(value)) return (value as unknown[][]).map((row) => row.map((cell) => (cell === undefined ? null : cell)));
  return value === undefined ? null : value;
}

/** A custom function's outcome as the library expects a function's result: an error is returned as a value, so IFERROR sees it. */
async function callCustom(fn: SimCustomFunction, args: readonly FunctionArgument[]): Promise<unknown> {
  const firstError = args.map((arg) => arg.value).find((value) => value instanceof FormulaParser.FormulaError);
  if (firstError) return firstError;
  let raw: unknown;
  try {
    raw = await fn(...args.map(toCustomArgument));
  } catch (thrown: unknown) {
    const code = typeof thrown === "object" && thrown !== null && "code" in thrown ? String((thrown as { code: unknown }).code) : "";
    return new FormulaParser.FormulaError(ERROR_VALUES.has(code) ? code : "#VALUE!");
  }
  if (Array.isArray(raw)) return (raw as unknown[][]).map((row) => (Array.isArray(row) ? row.map((cell) => toResultCell(cell)) : [toResultCell(row)]));
  return toResultCell(raw);
}

function toResultCell(cell: unknown): unknown {
  const value = settleValue(cell);
  return typeof value === "object" ? new FormulaParser.FormulaError(value.error) : value;
}

/** The engine for one simulated host: pass it as `evaluateOther` to createSimulatedExcel. */
export function createFormulaEngine(): (formula: string, context: FormulaContext) => Promise<FormulaResult> {
  let current: FormulaContext | null = null;
  let wrapped: Readonly<Record<string, SimCustomFunction>> | null = null;
  let functions: Record<string, (...args: FunctionArgument[]) => unknown> = {};
  const parser = (): FormulaParser =>
    new FormulaParser({
      functions,
      onCell: (ref) => {
        const value = current?.cell(ref.sheet === current.sheet ? null : ref.sheet, ref.row - 1, ref.col - 1);
        return value === undefined ? new FormulaParser.FormulaError("#REF!") : toLibrary(value);
      },
      onRange: (ref) => {
        const rect = { row: ref.from.row - 1, column: ref.from.col - 1, rows: ref.to.row - ref.from.row + 1, columns: ref.to.col - ref.from.col + 1 };
        const values = current?.values(ref.sheet === current.sheet ? null : ref.sheet, rect);
        if (values === undefined) throw new FormulaParser.FormulaError("#REF!");
        // An empty result still has one (empty) cell, so that SUM(A:A) of an empty column is 0.
        return values.length === 0 || values[0]?.length === 0 ? [[null]] : values.map((row) => row.map(toLibrary));
      },
    });
  let instance: FormulaParser | null = null;
  return async (formula, context) => {
    if (wrapped !== context.functions) {
      wrapped = context.functions;
      functions = Object.fromEntries(Object.entries(context.functions).map(([name, fn]) => [name, (...args: FunctionArgument[]) => callCustom(fn, args)]));
      instance = null;
    }
    instance ??= parser();
    current = context;
    let raw: unknown;
    try {
      raw = await instance.parseAsync(formula.replace(/^=/, ""), { sheet: context.sheet, row: context.row + 1, col: context.column + 1 }, true);
    } catch (thrown: unknown) {
      // "#ERROR!" is the library's word for a formula it cannot read: Excel would refuse such input;
      // the cell shows #NAME? (an unknown function, the commonest cause).
      const code = thrown instanceof FormulaParser.FormulaError ? innerCode(thrown) : "#NAME?";
      return { kind: "error", code };
    } finally {
      current = null;
    }
    if (Array.isArray(raw)) {
      const rows = (raw as unknown[][]).map((row) => row.map(settleValue));
      const flat = rows.flat();
      const error = flat.find((cell): cell is { error: string } => typeof cell === "object");
      if (rows.length === 1 && rows[0]?.length === 1 && rows[0][0] !== undefined) {
        const only = rows[0][0];
        return typeof only === "object" ? { kind: "error", code: only.error } : { kind: "value", value: only };
      }
      // The simulator's arrays hold values only; an array with an error value in it shows that error.
      if (error) return { kind: "error", code: error.error };
      return { kind: "array", rows: rows as Scalar[][] };
    }
    const value = settleValue(raw);
    return typeof value === "object" ? { kind: "error", code: value.error } : { kind: "value", value };
  };
}

/** The error value behind a FormulaError: the library wraps a function's error in "#ERROR!". */
function innerCode(error: InstanceType<typeof FormulaParser.FormulaError>): string {
  if (ERROR_VALUES.has(error.error)) return error.error;
  const details = error.details;
  if (details instanceof FormulaParser.FormulaError && ERROR_VALUES.has(details.error)) return details.error;
  return "#NAME?";
}
