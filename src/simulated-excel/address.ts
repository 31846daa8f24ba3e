/**
 * A1 addresses: "B3", "A1:C4", "Sheet1!A1", "'My sheet'!$A$1:$B$2". Rows and columns are 0-based
 * internally. Whole-column and whole-row references ("A:A", "3:3") are not supported.
 */
import { columnLetters } from "../core/a1";
import { invalidArgument } from "./errors";

/** A rectangle of cells, 0-based, inclusive of its first cell, `rows` x `columns` in size. */
export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export { columnLetters };

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

function parseCell(text: string, location: string): { row: number; column: number } {
  const match = CELL.exec(text);
  if (!match?.[1] || !match[2]) throw invalidArgument(`Not an A1 cell reference: "${text}".`, location);
  const column = columnIndex(match[1]);
  const row = Number(match[2]) - 1;
  if (row < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS) {
    throw invalidArgument(`Cell reference outside the sheet: "${text}".`, location);
  }
  return { row, column };
}

/** Splits "Sheet!A1:B2" into its sheet name (unquoted, or null) and its local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) {
    sheet = sheet.slice(1, -1).replace(/''/g, "'");
  }
  return { sheet, local: address.slice(bang + 1) };
}

/** Parses the local part of an address ("A1" or "A1:C3", in either corner order). */
export function parseRect(local: string, location = "Worksheet.getRange"): Rect {
  const parts = local.trim().split(":");
  if (parts.length < 1 || parts.length > 2) throw invalidArgument(`Not an A1 address: "${local}".`, location);
  const a = parseCell(parts[0] ?? "", location);
  const b = parts[1] === undefined ? a : parseCell(parts[1], location);
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 };
}

/** "A1" or "A1:C3" for a rect. */
export function formatRect(rect: Rect): string {
  const first = `${columnLetters(rect.column)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.columns === 1) return first;
  return `${first}:${columnLetters(rect.column + rect.columns - 1)}${rect.row + rect.rows}`;
}

/** A sheet name as Excel writes it in an address: quoted when it is not a plain word. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${formatRect(rect)}`;
}

export function cellKey(row: number, column: number): string {
  return `${row},${column}`;
}

export function contains(outer: Rect, row: number, column: number): boolean {
  return row >= outer.row && row < outer.row + outer.rows && column >= outer.column && column < outer.column + outer.columns;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const end = Math.min(a.row + a.rows, b.row + b.rows);
  const endColumn = Math.min(a.column + a.columns, b.column + b.columns);
  if (end <= row || endColumn <= column) return null;
  return { row, column, rows: end - row, columns: endColumn - column };
}

export function withinSheet(rect: Rect): boolean {
  return rect.row >= 0 && rect.column >= 0 && rect.rows >= 1 && rect.columns >= 1 &&
    rect.row + rect.rows <= MAX_ROWS && rect.column + rect.columns <= MAX_COLUMNS;
}
