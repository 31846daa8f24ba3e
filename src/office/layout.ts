/**
 * What an insert writes, laid out before any call to Excel: the block of one grid (title line,
 * table or spill cell, an empty spacer row, note and source lines) as whole 2-D arrays of values and number formats,
 * and the tracking record that describes it. Pure: no Office.js here.
 */
import { GENERAL_FORMAT, STANDARD_COLUMN_WIDTH, TEXT_FORMAT, cellAddress, cellHash, gridColumnWidths, headerFingerprint, statFormula, tableFormula } from "../core";
import type { TableGrid, TrackedMode, TrackingRecord } from "../core";
import type { InsertedEntry } from "./port";

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** One grid's block, positions relative to the block's top-left cell (the title line). */
export interface BlockLayout {
  readonly rows: number;
  readonly columns: number;
  /** What each cell will hold (a formula as its text); null: the cell is not written (left as it is). */
  readonly content: (string | number | null)[][];
  /** `content` without the formula cells: written through Range.values (text cells are "@", so text stays text). */
  readonly values: (string | number | null)[][];
  /** Only the formula cells (=BJ.STAT / =BJ.TABLE), else null: written through Range.formulas. */
  readonly formulas: (string | null)[][];
  /** Number formats, written before the values so that text cells ("@") keep text as text. */
  readonly formats: (string | null)[][];
  /** Row offset of the table's header row (the =BJ.TABLE cell in spill mode). */
  readonly tableRow: number;
  /** Header + data rows. */
  readonly tableRows: number;
  readonly mode: TrackedMode;
  /**
   * Row offsets of the single-cell lines; null where not written. The note line is two rows below
   * the table's last row: the row between (the spacer) is part of the block but never written.
   */
  readonly lines: { readonly title: number; readonly note: number | null; readonly source: number | null };
  /**
   * The width (points) each column wants, to show its header and cells whole (gridColumnWidths):
   * the same in values and spill mode; formulas mode counts the value cells as =BJ.STAT shows
   * them (with the period tag), so that column may be wider. An insert never narrows a column.
   */
  readonly columnWidths: readonly number[];
}

/** A line of text in the first cell of a row, written as text. */
function line(text: string, columns: number): { values: (string | null)[]; formats: (string | null)[] } {
  return {
    values: [text, ...Array<null>(columns - 1).fill(null)],
    formats: [TEXT_FORMAT, ...Array<null>(columns - 1).fill(null)],
  };
}

/** Lays out one grid's block for a mode, with or without the note and source lines. */
export function blockLayout(grid: TableGrid, mode: TrackedMode, includeSource: boolean): BlockLayout {
  const columns = Math.max(1, grid.header.length);
  const title = line(grid.title, columns);
  const values: (string | number | null)[][] = [title.values];
  const formats: (string | null)[][] = [title.formats];
  if (mode === "spill") {
    // One formula cell; the rest of the spill area stays empty for Excel to fill. Its format is set
    // to General so that a text format left on the empty cell cannot turn the formula into text.
    values.push([tableFormula(grid.tableId, grid.language), ...Array<null>(columns - 1).fill(null)]);
    formats.push([GENERAL_FORMAT, ...Array<null>(columns - 1).fill(null)]);
    for (let r = 0; r < grid.rows.length; r++) {
      values.push(Array<null>(columns).fill(null));
      formats.push(Array<null>(columns).fill(null));
    }
  } else {
    values.push([...grid.header]);
    formats.push(grid.header.map(() => TEXT_FORMAT));
    const valueColumn = grid.columnKeys.indexOf("value");
    grid.rows.forEach((row, r) => {
      const figureId = grid.valueFigureIds[r] ?? null;
      values.push(row.map((cell, c) => (mode === "formulas" && c === valueColumn && figureId !== null ? statFormula(figureId, grid.language) : cell)));
      formats.push([...(grid.numberFormats[r] ?? row.map(() => GENERAL_FORMAT))]);
    });
  }
  const tableRows = 1 + grid.rows.length;
  let note: number | null = null;
  let source: number | null = null;
  if (includeSource) {
    // The spacer: the row directly below the table stays empty (never written), so that Excel's
    // auto-expansion on values set directly below a table cannot take the note line into it.
    values.push(Array<null>(columns).fill(null));
    formats.push(Array<null>(columns).fill(null));
    const noteLine = line(grid.note, columns);
    const sourceLine = line(grid.sourceLine, columns);
    note = values.length;
    values.push(noteLine.values);
    formats.push(noteLine.formats);
    source = values.length;
    values.push(sourceLine.values);
    formats.push(sourceLine.formats);
  }
  // The formula cells: the spill cell, or the value cells of formulas mode. Everything else,
  // whatever its text starts with, is a value.
  const formulaAt = (r: number, c: number): boolean =>
    mode === "spill" ? r === 1 && c === 0 : mode === "formulas" && r >= 2 && r < 2 + grid.rows.length && c === grid.columnKeys.indexOf("value") && (grid.valueFigureIds[r - 2] ?? null) !== null;
  const formulas = values.map((row, r) => row.map((cell, c) => (formulaAt(r, c) && typeof cell === "string" ? cell : null)));
  const plain = values.map((row, r) => row.map((cell, c) => (formulaAt(r, c) ? null : cell)));
  const columnWidths = gridColumnWidths(grid, { statTexts: mode === "formulas" });
  return { rows: values.length, columns, content: values, values: plain, formulas, formats, tableRow: 1, tableRows, mode, lines: { title: 0, note, source }, columnWidths };
}

/**
 * The width to set on each of `columns` columns, or null to leave it: the widest any block wants
 * there, where that is wider than the column was (`before`; null for a new sheet, whose columns
 * have the standard width; a width read as null is unknown, and that column is left as it is). So
 * an insert never narrows a column, and insert all tables fits every table sharing a column.
 */
export function fitWidths(wanted: readonly (readonly number[])[], before: readonly (number | null)[] | null, columns: number): (number | null)[] {
  return Array.from({ length: columns }, (_, c) => {
    const want = Math.max(0, ...wanted.map((each) => each[c] ?? 0));
    const had = before === null ? STANDARD_COLUMN_WIDTH : (before[c] ?? null);
    return had !== null && want > had ? want : null;
  });
}

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

export interface RecordPlace {
  readonly recordId: string;
  readonly sheetName: string;
  readonly sheetId: string | null;
  /** 0-based top-left of the block. */
  readonly row: number;
  readonly column: number;
  /** The Excel table's name; ignored in spill mode. */
  readonly tableName: string;
  readonly insertedAt: string;
  /** The widths of the block's columns before the insert; null on a sheet the insert created. */
  readonly columnWidths: readonly number[] | null;
}

/** The tracking record of a block written at a place: addresses, ids and a hash of every written cell. */
export function trackingRecord(grid: TableGrid, layout: BlockLayout, place: RecordPlace): TrackingRecord {
  const at = (rowOffset: number, columnOffset = 0): string => cellAddress(place.row + rowOffset, place.column + columnOffset);
  const tableAddress = rangeAddress(place.row + layout.tableRow, place.column, layout.tableRows, layout.columns);
  return {
    version: 2,
    recordId: place.recordId,
    tableId: grid.tableId,
    releaseId: grid.releaseId,
    language: grid.language,
    mode: layout.mode,
    sheet: { name: place.sheetName, id: place.sheetId },
    anchor: at(0),
    block: rangeAddress(place.row, place.column, layout.rows, layout.columns),
    table: layout.mode === "spill" ? null : { name: place.tableName, id: null, address: tableAddress },
    spillCell: layout.mode === "spill" ? at(layout.tableRow) : null,
    lines: {
      title: at(layout.lines.title),
      note: layout.lines.note === null ? null : at(layout.lines.note),
      source: layout.lines.source === null ? null : at(layout.lines.source),
    },
    columnKeys: [...grid.columnKeys],
    rowIds: [...grid.rowIds],
    headerFingerprint: headerFingerprint(grid.header),
    cellHashes: layout.content.map((row) => row.map((value) => (value === null ? null : cellHash(value)))),
    columnWidths: place.columnWidths === null ? null : [...place.columnWidths],
    insertedAt: place.insertedAt,
  };
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
