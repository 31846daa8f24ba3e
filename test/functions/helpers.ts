/** Shared checks for the BJ.* function tests. Import ./setup-custom-functions before this. */
import type { HostSupport } from "../../src/functions/host";
import { StubCustomFunctionsError, StubErrorCode } from "./setup-custom-functions";

/** The hosts a result can be shaped for: plain, FormattedNumber-era 1.4, and 1.19 Double, in both languages. */
export const HOSTS = {
  plain: { cellValues: false, doubleNumberFormat: false, language: "en" },
  plainZh: { cellValues: false, doubleNumberFormat: false, language: "zh" },
  formatted: { cellValues: true, doubleNumberFormat: false, language: "en" },
  double: { cellValues: true, doubleNumberFormat: true, language: "en" },
  doubleZh: { cellValues: true, doubleNumberFormat: true, language: "zh" },
} as const satisfies Record<string, HostSupport>;

/** Asserts that a result is a CustomFunctions.Error with a code and a message matching `message`. */
export function expectError(result: unknown, code: `${StubErrorCode}`, message?: string | RegExp): void {
  expect(result).toBeInstanceOf(StubCustomFunctionsError);
  const error = result as StubCustomFunctionsError;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect((error.message ?? "").length).toBeGreaterThan(0);
  if (message instanceof RegExp) expect(error.message).toMatch(message);
  else if (message !== undefined) expect(error.message).toBe(message);
}

const ERROR_CODES = new Set<string>(Object.values(StubErrorCode));
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Problems with one cell of a result (empty when it is a value Excel can show). */
export function cellProblems(value: unknown, where: string): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${where}: non-finite number ${value}`];
  if (typeof value === "string" || typeof value === "boolean") return [];
  if (!isRecord(value)) return [`${where}: not a cell value: ${String(value)}`];
  switch (value.type) {
    case "Double":
    case "FormattedNumber":
      return typeof value.basicValue === "number" && Number.isFinite(value.basicValue) && typeof value.numberFormat === "string"
        ? []
        : [`${where}: bad ${value.type} ${JSON.stringify(value)}`];
    case "String":
      return typeof value.basicValue === "string" ? [] : [`${where}: bad String value`];
    case "Entity": {
      if (typeof value.text !== "string" || !isRecord(value.properties)) return [`${where}: bad Entity`];
      return Object.entries(value.properties).flatMap(([key, property]) => cellProblems(property, `${where}.${key}`));
    }
    default:
      return [`${where}: unknown cell value type ${String(value.type)}`];
  }
}

/** Problems with a spilled result: not a non-empty matrix, ragged rows, or bad cells. */
export function matrixProblems(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.length === 0) return [`${where}: not a non-empty matrix`];
  const rows: unknown[] = value;
  const first = rows[0];
  const width = Array.isArray(first) ? first.length : -1;
  if (width <= 0) return [`${where}: first row empty or not a row`];
  return rows.flatMap((row, r) => {
    if (!Array.isArray(row)) return [`${where}[${r}]: not a row`];
    if (row.length !== width) return [`${where}[${r}]: width ${row.length}, header width ${width}`];
    return row.flatMap((cell: unknown, c) => cellProblems(cell, `${where}[${r}][${c}]`));
  });
}

/** Problems with a function's error result (empty for a proper CustomFunctions.Error). */
export function errorProblems(value: unknown, where: string): string[] {
  if (!(value instanceof StubCustomFunctionsError)) return [`${where}: not a CustomFunctions.Error`];
  const problems: string[] = [];
  if (!ERROR_CODES.has(value.code)) problems.push(`${where}: unknown error code ${String(value.code)}`);
  if (typeof value.message !== "string" || value.message.length === 0) problems.push(`${where}: error without a message`);
  return problems;
}
