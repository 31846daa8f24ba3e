/**
 * Excel's grid and addresses, the columns inserted tables use, and sheet names: pure helpers the
 * adapter shares (what an insert writes is block-layout.ts). No Office.js here.
 */
import { cellAddress } from "../core";
import type { InsertedEntry } from "./port";

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * The 0-based columns of `sheet` that the found tables of `entries` cover (a spill insert: from
 * its =BJ.TABLE cell across its columns), leaving out the record `exceptRecordId`: remove leaves
 * these columns' widths as they are.
 */
export function columnsInUse(entries: readonly InsertedEntry[], sheet: string, exceptRecordId: string): Set<number> {
  const columns = new Set<number>();
  for (const entry of entries) {
    if (entry.recordId === exceptRecordId || !entry.found || entry.found.sheet.toLowerCase() !== sheet.toLowerCase()) continue;
    const rect = parseRange(splitAddress(entry.found.address).local.replace(/\$/g, ""));
    if (!rect) continue;
    const width = Math.max(rect.columns, entry.record?.columnKeys.length ?? 0);
    for (let c = rect.column; c < rect.column + width; c++) columns.add(c);
  }
  return columns;
}

/** A local A1 range for 0-based indexes and a size. */
export function rangeAddress(row: number, column: number, rows: number, columns: number): string {
  const start = cellAddress(row, column);
  return rows === 1 && columns === 1 ? start : `${start}:${cellAddress(row + rows - 1, column + columns - 1)}`;
}

/** "B3" or "$B$3" -> 0-based indexes; null for anything else or a cell outside the sheet. */
export function parseCell(address: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(address.trim());
  if (!match?.[1] || !match[2]) return null;
  let column = 0;
  for (const ch of match[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(match[2]) - 1;
  column -= 1;
  return row < 0 || row >= MAX_ROWS || column >= MAX_COLUMNS ? null : { row, column };
}

/** "B3:F9" (or one cell) -> 0-based rectangle; null if it does not parse. */
export function parseRange(address: string): { row: number; column: number; rows: number; columns: number } | null {
  const [first = "", second] = address.split(":");
  const a = parseCell(first);
  const b = second === undefined ? a : parseCell(second);
  if (!a || !b) return null;
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 };
}

/** The sheet part and the local part of an address: "'My sheet'!B3" -> ["My sheet", "B3"]. */
export function splitAddress(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address };
  const sheet = address.slice(0, bang);
  const unquoted = sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
  return { sheet: unquoted, local: address.slice(bang + 1) };
}

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

/** Words a shortened name does not end on ("New enterprises and" reads as cut off). */
const DANGLING_WORDS = new Set(["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "and/or", "vs", "—", "–", "-", "&"]);

/**
 * `text` shortened to at most `max` characters, readably: a title's head before a colon (or dash or
 * parenthesis) when the whole does not fit, then whole words only (never "enterpri"), no dangling
 * "and"/"of" at the end; a text without spaces (Chinese) is cut by characters.
 */
export function shortName(text: string, max: number): string {
  const chars = (value: string): number => [...value].length;
  if (chars(text) <= max) return text;
  const head = text.split(/\s*[:：(（—–]\s*|\s+-\s+/)[0]?.trim() ?? "";
  if (head !== "" && chars(head) <= max) return head;
  const source = head !== "" ? head : text;
  const words = source.split(/\s+/);
  if (words.length > 1) {
    const kept: string[] = [];
    for (const word of words) {
      if (chars([...kept, word].join(" ")) > max) break;
      kept.push(word);
    }
    while (kept.length > 1 && DANGLING_WORDS.has((kept[kept.length - 1] ?? "").toLowerCase())) kept.pop();
    if (kept.length > 0) return kept.join(" ").replace(/[,;.]+$/, "");
  }
  return [...source].slice(0, max).join("");
}

/**
 * A valid, unused sheet name from a title: shortened readably (shortName) to Excel's 31
 * characters, forbidden characters (\ / ? * [ ] :) become spaces, leading/trailing apostrophes
 * and spaces go, "History" avoided (Excel reserves it); then " (2)", " (3)" ... when taken, the
 * name shortened to leave room for it (names compare case-insensitively).
 */
export function uniqueSheetName(title: string, taken: Iterable<string>): string {
  const clean = (value: string): string => value.replace(SHEET_NAME_FORBIDDEN, " ").replace(/\s+/g, " ").replace(/^[\s']+|[\s']+$/g, "");
  let base = title.replace(/\s+/g, " ").trim();
  if (clean(base) === "" || clean(base).toLowerCase() === "history") base = clean(base) === "" ? "Table" : `${clean(base)} 1`;
  const fit = (max: number): string => clean(shortName(base, max)) || clean(base).slice(0, max).replace(/[\s']+$/, "");
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  const first = fit(31);
  if (!used.has(first.toLowerCase())) return first;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${fit(31 - suffix.length)}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}
