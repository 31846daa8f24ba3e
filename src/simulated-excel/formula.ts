/**
 * A very small formula engine: `=BJ.NAME(arg, ...)` calls with literal arguments (numbers, strings,
 * TRUE/FALSE, omitted arguments) and single-cell references, evaluated by calling the custom
 * functions the host was given. Every other formula keeps the value of `evaluateOther` (by
 * default "#NAME?"): the simulator is not a general Excel calculation engine.
 */
import { columnIndex, splitSheet } from "./address";

/** A custom function as the simulator calls it: the JS function behind `=BJ.NAME(...)`. */
export type SimCustomFunction = (...args: unknown[]) => unknown;

/** A cell reference argument, resolved by the host at evaluation time. */
export interface CellReference {
  readonly kind: "ref";
  readonly sheet: string | null;
  readonly row: number;
  readonly column: number;
}

export type FormulaArgument = number | string | boolean | null | CellReference;

export interface ParsedCall {
  /** Upper-case, namespace included: "BJ.FDI_COUNT". */
  readonly name: string;
  readonly args: readonly FormulaArgument[];
}

/** The error values a formula can produce, as Excel shows them (see CustomFunctions.ErrorCode). */
export const ERROR_VALUES = ["#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#DIV/0!", "#NULL!", "#SPILL!", "#BUSY!", "#CALC!"] as const;

function parseArgument(text: string): FormulaArgument | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);
  if (/^(TRUE|FALSE)$/i.test(trimmed)) return trimmed.toUpperCase() === "TRUE";
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) {
    const inner = trimmed.slice(1, -1);
    if (/(^|[^"])"([^"]|$)/.test(inner.replace(/""/g, ""))) return undefined;
    return inner.replace(/""/g, '"');
  }
  const { sheet, local } = splitSheet(trimmed);
  const match = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(local);
  if (match?.[1] && match[2]) return { kind: "ref", sheet, row: Number(match[2]) - 1, column: columnIndex(match[1]) };
  return undefined;
}

/** Splits an argument list at commas outside string literals. */
function splitArguments(text: string): string[] | undefined {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      args.push(current);
      current = "";
    } else current += ch;
  }
  if (quoted) return undefined;
  args.push(current);
  return args;
}

/** Parses `=NS.NAME(args)`; returns null for any other formula. */
export function parseCall(formula: string): ParsedCall | null {
  // Names may be localized ("BJ.指标值"), so letters are Unicode letters.
  const match = /^=\s*([\p{L}_][\p{L}\p{N}_]*\.[\p{L}_][\p{L}\p{N}_.]*)\s*\((.*)\)\s*$/su.exec(formula);
  if (!match?.[1] || match[2] === undefined) return null;
  const rawArgs = match[2].trim() === "" ? [] : splitArguments(match[2]);
  if (!rawArgs) return null;
  const args: FormulaArgument[] = [];
  for (const raw of rawArgs) {
    const parsed = parseArgument(raw);
    if (parsed === undefined) return null;
    args.push(parsed);
  }
  return { name: match[1].toUpperCase(), args };
}

/** The result of evaluating a formula: a scalar, a 2-D array to spill, or an error value. */
export type FormulaResult =
  | { readonly kind: "value"; readonly value: string | number | boolean }
  | { readonly kind: "array"; readonly rows: readonly (readonly (string | number | boolean)[])[] }
  | { readonly kind: "error"; readonly code: string };

function isErrorCode(code: unknown): code is string {
  return typeof code === "string" && (ERROR_VALUES as readonly string[]).includes(code);
}

function scalar(value: unknown): string | number | boolean | null {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "object" && value !== null && "basicValue" in value) {
    const basic = (value as { basicValue: unknown }).basicValue;
    return typeof basic === "string" || typeof basic === "number" || typeof basic === "boolean" ? basic : null;
  }
  return null;
}

/**
 * Turns what a custom function returned (or threw) into a cell result. A thrown object with an
 * Excel error `code` (a CustomFunctions.Error, e.g. code "#N/A") becomes that error value; any
 * other throw becomes "#VALUE!". A 2-D array spills. An entity (an object with `basicValue`) shows
 * its basic value.
 */
export async function settle(call: () => unknown): Promise<FormulaResult> {
  try {
    const raw: unknown = await call();
    if (Array.isArray(raw)) {
      const rows: (string | number | boolean)[][] = [];
      for (const row of raw as unknown[]) {
        if (!Array.isArray(row)) return { kind: "error", code: "#VALUE!" };
        const cells = (row as unknown[]).map(scalar);
        if (cells.some((cell) => cell === null)) return { kind: "error", code: "#VALUE!" };
        rows.push(cells as (string | number | boolean)[]);
      }
      const width = rows[0]?.length ?? 0;
      if (rows.length === 0 || width === 0 || rows.some((row) => row.length !== width)) return { kind: "error", code: "#VALUE!" };
      if (rows.length === 1 && width === 1 && rows[0]?.[0] !== undefined) return { kind: "value", value: rows[0][0] };
      return { kind: "array", rows };
    }
    const value = scalar(raw);
    return value === null ? { kind: "error", code: "#VALUE!" } : { kind: "value", value };
  } catch (thrown: unknown) {
    const code = typeof thrown === "object" && thrown !== null && "code" in thrown ? (thrown as { code: unknown }).code : undefined;
    return { kind: "error", code: isErrorCode(code) ? code : "#VALUE!" };
  }
}
