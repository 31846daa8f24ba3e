/**
 * Refresh: addresses and the cells a view holds (helpers shared by locating and planning).
 *
 * Layer: pure core. No Office.js, no DOM.
 */

import { cellAddress } from "../a1";
import type { CellRect, SheetView } from "./types";

/** Parses "B3" or "B3:F9" into a rectangle (null if it does not parse). */
export function parseA1(address: string): CellRect | null {
  const [first = "", second] = address.replace(/\$/g, "").split(":");
  const cell = (text: string): { row: number; column: number } | null => {
    const match = /^([A-Za-z]{1,3})([0-9]{1,7})$/.exec(text.trim());
    if (!match?.[1] || !match[2]) return null;
    let column = 0;
    for (const ch of match[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(match[2]) - 1, column: column - 1 };
  };
  const a = cell(first);
  const b = second === undefined ? a : cell(second);
  if (!a || !b) return null;
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 };
}

/** Local A1 of a rectangle. */
export function rectAddress(rect: CellRect): string {
  const start = cellAddress(rect.row, rect.column);
  return rect.rows === 1 && rect.columns === 1 ? start : `${start}:${cellAddress(rect.row + rect.rows - 1, rect.column + rect.columns - 1)}`;
}

/** Inside a rectangle. */
export const contains = (rect: CellRect, row: number, column: number): boolean =>
  row >= rect.row && row < rect.row + rect.rows && column >= rect.column && column < rect.column + rect.columns;

/**
 * A sheet's cell content from the blocks read: "" for an empty cell read, `undefined` for a cell
 * that was not read (outside every block, or beyond the sheet's used range: empty for sure).
 */
export function cellOf(sheet: SheetView | undefined, row: number, column: number): unknown {
  if (!sheet) return undefined;
  const used = sheet.used;
  if (!used || !contains(used, row, column)) return "";
  for (const block of sheet.blocks) {
    if (contains(block, row, column)) return block.formulas[row - block.row]?.[column - block.column] ?? "";
  }
  return undefined;
}

export const isEmpty = (content: unknown): boolean => content === "" || content === null || content === undefined;

/** A cell that holds something, or that was not read (so it may): never written over, never moved. */
export const isTaken = (content: unknown): boolean => content === undefined || !isEmpty(content);

/** A BJ.* formula: the canonical name anywhere in a formula, e.g. "=BJ.STAT(...)" or "=1+BJ.FDI_COUNT()". */
const BJ_FORMULA = /^=.*\bBJ\./i;

export function isBjFormula(content: unknown): boolean {
  return typeof content === "string" && BJ_FORMULA.test(content);
}
