/**
 * What an insert checks in its write sync, read back after the writes (pure: no Office.js here):
 * - every `=BJ.*` formula cell it wrote: an error there (`#NAME?` where Excel does not know the
 *   function's name, e.g. office-js#891; `#SPILL!`; any other) is reported, never left silently.
 *   `#BUSY!` is not a failure: Excel calculates custom functions asynchronously (office-js#4152),
 *   so such a cell is counted as still calculating;
 * - every table it created: its range must be exactly the range meant (docs/excel-evidence.md,
 *   "Functions, ribbon and CSP"). A mismatch is reported; growth is never trusted.
 */
import { cellAddress, qualified } from "../core";
import { parseRange, splitAddress } from "./layout";

/** Something the write sync's read-back found that differs from what the insert meant. */
export type InsertProblem =
  /** A formula cell shows an Excel error (e.g. "#NAME?"); `address` is sheet-qualified. */
  | { readonly kind: "formula_error"; readonly address: string; readonly error: string }
  /** An Excel table's range is not the range written; both addresses sheet-qualified. */
  | { readonly kind: "table_range"; readonly table: string; readonly expected: string; readonly actual: string };

/** Excel's #BUSY!: a custom function not calculated yet. */
export const BUSY = "#BUSY!";

export interface FormulaCheck {
  readonly problems: InsertProblem[];
  /** Formula cells still calculating (#BUSY!) when read: written, not yet verified. */
  readonly calculating: number;
}

/**
 * The formula cells of a block (non-null entries of `formulas`, block-relative) checked against
 * what the same sync read back: Range.valueTypes and Range.values over the block at `origin`.
 * A cell the read does not cover counts as calculating (not verified), never as fine.
 */
export function checkFormulaCells(
  formulas: readonly (readonly (string | null)[])[],
  read: { readonly valueTypes: readonly (readonly unknown[])[]; readonly values: readonly (readonly unknown[])[] },
  origin: { readonly row: number; readonly column: number },
  sheetName: string,
): FormulaCheck {
  const problems: InsertProblem[] = [];
  let calculating = 0;
  formulas.forEach((row, r) =>
    row.forEach((formula, c) => {
      if (formula === null) return;
      const type = read.valueTypes[r]?.[c];
      const value = read.values[r]?.[c];
      if (type !== "Error") {
        // Empty: not calculated when read (e.g. calculation held back); not verified.
        if (type === undefined || type === "Empty") calculating++;
        return;
      }
      const error = typeof value === "string" && value.startsWith("#") ? value : "#VALUE!";
      if (error === BUSY) calculating++;
      else problems.push({ kind: "formula_error", address: qualified(sheetName, cellAddress(origin.row + r, origin.column + c)), error });
    }),
  );
  return { problems, calculating };
}

/** A table's range read back (Range.address, sheet-qualified) against the local range meant. */
export function checkTableRange(table: string, expectedLocal: string, actualAddress: string, sheetName: string): InsertProblem | null {
  const expected = parseRange(expectedLocal.replace(/\$/g, ""));
  const actual = parseRange(splitAddress(actualAddress).local.replace(/\$/g, ""));
  const same =
    expected !== null &&
    actual !== null &&
    expected.row === actual.row &&
    expected.column === actual.column &&
    expected.rows === actual.rows &&
    expected.columns === actual.columns;
  if (same) return null;
  return { kind: "table_range", table, expected: qualified(sheetName, expectedLocal), actual: qualified(sheetName, splitAddress(actualAddress).local.replace(/\$/g, "")) };
}
