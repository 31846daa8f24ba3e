/**
 * The tracking record, version 2: what the add-in writes into a workbook about each object it
 * inserted, one custom XML part per object, so that an insert only ever ADDS a part (no shared part
 * is read, modified and written back). Refresh and the pane's "Inserted in this workbook" list read
 * it. The format is documented in docs/tracking-record.md.
 *
 *   <record xmlns="urn:bj-open-stats:tracking:2">{"version":2, ...JSON...}</record>
 *
 * Layer: pure core (parsing, serialising, hashing; no Office.js).
 */
import type { Language } from "../data";

/** The namespace of version-2 tracking parts (one part per inserted object). */
export const TRACKING_NAMESPACE = "urn:bj-open-stats:tracking:2";

/** How value cells were written: figures, `=BJ.STAT(...)` per value cell, or one `=BJ.TABLE(...)` spill. */
export type TrackedMode = "values" | "formulas" | "spill";

/** The Excel table an insert created (values and formulas modes). */
export interface TrackedTable {
  /** The table's name when it was written (the first key refresh looks a table up by). */
  readonly name: string;
  /**
   * Excel's Table.id. Excel assigns it in the write sync, after the record was queued, so an insert
   * records null; refresh (or any later rewrite of the record) fills it in.
   */
  readonly id: string | null;
  /** The table's range, header row included, local A1 ("B4:F10"). */
  readonly address: string;
}

/** The single-line parts of the block, as local A1 cell addresses; null where not written. */
export interface TrackedLines {
  readonly title: string | null;
  readonly note: string | null;
  readonly source: string | null;
}

export interface TrackingRecord {
  readonly version: 2;
  /** The record's own id: a GUID, unique per inserted object. */
  readonly recordId: string;
  /** The curated table's id in the release ("fdi_headline"). */
  readonly tableId: string;
  readonly releaseId: string;
  readonly language: Language;
  readonly mode: TrackedMode;
  /** The sheet at insert time: its name, and its Worksheet.id (null when the insert created the sheet). */
  readonly sheet: { readonly name: string; readonly id: string | null };
  /** The top-left cell of everything written (the title line), local A1. */
  readonly anchor: string;
  /** Everything the insert covered: title, table (or spill area), note and source, local A1. */
  readonly block: string;
  /** The Excel table; null in spill mode. */
  readonly table: TrackedTable | null;
  /** Spill mode: the cell holding `=BJ.TABLE(...)`; null otherwise. */
  readonly spillCell: string | null;
  readonly lines: TrackedLines;
  /** The grid's column keys, in order ("item", "value", ...). */
  readonly columnKeys: readonly string[];
  /** The figure or fact id behind each data row, in order: what refresh matches rows by. */
  readonly rowIds: readonly string[];
  /** headerFingerprint(header): finds the table by scanning when its name and id no longer match. */
  readonly headerFingerprint: string;
  /**
   * One cellHash per cell of `block`, row by row, of what the insert wrote there (as Range.formulas
   * reads it back); null for cells it did not write. Refresh and remove compare the sheet with it.
   */
  readonly cellHashes: readonly (readonly (string | null)[])[];
  /**
   * The widths (points) of the block's columns before the insert, which may have widened them
   * (never narrowed); remove puts them back. null when the insert created the sheet.
   */
  readonly columnWidths: readonly number[] | null;
  /** ISO time of the insert (informational). */
  readonly insertedAt: string;
  /**
   * Set by refresh when it rewrites the record: what the record described before that refresh (its
   * release, block and cell hashes). Ctrl+Z reverts a refresh's cells but not this part (office-js
   * #6415, #4484): cells that match `previous` and not the record are recognised as undone, not
   * taken for the user's edits. Absent on a record no refresh rewrote.
   */
  readonly previous?: PreviousState;
}

/** A record's block and hashes before the last refresh (TrackingRecord.previous). */
export interface PreviousState {
  readonly releaseId: string;
  /** Local A1 of the block then. */
  readonly block: string;
  readonly cellHashes: readonly (readonly (string | null)[])[];
}

/** Why a tracking part could not be read. A damaged part is never rewritten. */
export type TrackingDamage = "not_record_xml" | "invalid_json" | "unknown_version" | "invalid_record";

export type ParsedTrackingRecord =
  | { readonly ok: true; readonly record: TrackingRecord }
  | { readonly ok: false; readonly damage: TrackingDamage };

// ---- hashing ----

/** FNV-1a, 32 bits, over the UTF-16 code units of `text` (low byte, then high byte). */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hash = Math.imul(hash ^ (unit & 0xff), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ (unit >>> 8), 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const hex = (n: number): string => n.toString(16).padStart(8, "0");

/** The canonical text of a cell content as Range.formulas reads it: type-tagged, so 1 and "1" differ. */
export function canonicalCell(content: unknown): string {
  if (typeof content === "number") return `n:${String(content)}`;
  if (typeof content === "boolean") return `b:${String(content)}`;
  if (typeof content === "string") return `s:${content}`;
  return "e:";
}

/** An 8-hex-digit hash of a cell's content (canonicalCell, FNV-1a 32). */
export function cellHash(content: unknown): string {
  return hex(fnv1a(canonicalCell(content), 0x811c9dc5));
}

/** A 16-hex-digit fingerprint of a header row (two FNV-1a passes with different seeds). */
export function headerFingerprint(header: readonly unknown[]): string {
  const text = header.map((cell) => canonicalCell(cell)).join("\u001f");
  return hex(fnv1a(text, 0x811c9dc5)) + hex(fnv1a(text, 0x050c5d1f));
}

/**
 * The cells of a block that differ from a record's hashes: [row, column] offsets within the block,
 * in reading order. Cells the record did not write (null hashes) are not compared.
 */
export function changedCells(hashes: readonly (readonly (string | null)[])[], formulas: readonly (readonly unknown[])[]): [number, number][] {
  const changed: [number, number][] = [];
  hashes.forEach((row, r) =>
    row.forEach((hash, c) => {
      if (hash !== null && cellHash(formulas[r]?.[c] ?? "") !== hash) changed.push([r, c]);
    }),
  );
  return changed;
}

// ---- XML ----

/** Escapes text for an XML element's body (a part's JSON payload). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Reads back an element body escaped by escapeXml (or by any XML writer). */
export function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The XML of one tracking part. */
export function serializeTrackingRecord(record: TrackingRecord): string {
  return `<record xmlns="${TRACKING_NAMESPACE}">${escapeXml(JSON.stringify(record))}</record>`;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === "string";
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const A1_CELL = /^[A-Z]{1,3}[1-9][0-9]{0,6}$/;
const A1_RANGE = /^[A-Z]{1,3}[1-9][0-9]{0,6}(:[A-Z]{1,3}[1-9][0-9]{0,6})?$/;
const isCell = (value: unknown): value is string => isString(value) && A1_CELL.test(value);
const isCellOrNull = (value: unknown): value is string | null => value === null || isCell(value);
const isRange = (value: unknown): value is string => isString(value) && A1_RANGE.test(value);

function isTrackingRecord(value: unknown): value is TrackingRecord {
  if (!isObject(value)) return false;
  const { sheet, table, lines, cellHashes } = value;
  const validTable =
    table === null || (isObject(table) && isString(table.name) && isStringOrNull(table.id) && isRange(table.address));
  const hashGrid = (grid: unknown): boolean =>
    Array.isArray(grid) && grid.every((row) => Array.isArray(row) && (row as unknown[]).every((hash) => hash === null || (isString(hash) && /^[0-9a-f]{8}$/.test(hash))));
  const validHashes = hashGrid(cellHashes);
  const previous = value.previous;
  const validPrevious = previous === undefined || (isObject(previous) && isString(previous.releaseId) && isRange(previous.block) && hashGrid(previous.cellHashes));
  return (
    value.version === 2 &&
    isString(value.recordId) &&
    value.recordId !== "" &&
    isString(value.tableId) &&
    isString(value.releaseId) &&
    (value.language === "en" || value.language === "zh") &&
    (value.mode === "values" || value.mode === "formulas" || value.mode === "spill") &&
    isObject(sheet) &&
    isString(sheet.name) &&
    isStringOrNull(sheet.id) &&
    isCell(value.anchor) &&
    isRange(value.block) &&
    validTable &&
    (table === null) === (value.mode === "spill") &&
    isCellOrNull(value.spillCell) &&
    isObject(lines) &&
    isCellOrNull(lines.title) &&
    isCellOrNull(lines.note) &&
    isCellOrNull(lines.source) &&
    Array.isArray(value.columnKeys) &&
    (value.columnKeys as unknown[]).every(isString) &&
    Array.isArray(value.rowIds) &&
    (value.rowIds as unknown[]).every(isString) &&
    isString(value.headerFingerprint) &&
    validHashes &&
    validPrevious &&
    (value.columnWidths === null || (Array.isArray(value.columnWidths) && (value.columnWidths as unknown[]).every((width) => typeof width === "number" && Number.isFinite(width) && width >= 0))) &&
    isString(value.insertedAt)
  );
}

/**
 * The JSON body of a part's root element `<tag …>{json}</tag>`, the shape of both record formats;
 * reports why it cannot be read instead of throwing.
 */
export function elementJson(
  xml: string,
  tag: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly damage: "not_element" | "invalid_json" } {
  const open = xml.indexOf(`<${tag}`);
  const start = open < 0 ? -1 : xml.indexOf(">", open);
  const end = xml.lastIndexOf(`</${tag}>`);
  if (start < 0 || end < start) return { ok: false, damage: "not_element" };
  try {
    return { ok: true, value: JSON.parse(unescapeXml(xml.slice(start + 1, end))) };
  } catch (error: unknown) {
    // JSON.parse throws SyntaxError for bad input and nothing else; anything else is a real fault.
    if (error instanceof SyntaxError) return { ok: false, damage: "invalid_json" };
    throw error;
  }
}

/** Reads one tracking part; reports damage instead of throwing. */
export function parseTrackingRecord(xml: string): ParsedTrackingRecord {
  const body = elementJson(xml, "record");
  if (!body.ok) return { ok: false, damage: body.damage === "not_element" ? "not_record_xml" : "invalid_json" };
  const parsed = body.value;
  if (!isObject(parsed) || parsed.version !== 2) return { ok: false, damage: "unknown_version" };
  if (!isTrackingRecord(parsed)) return { ok: false, damage: "invalid_record" };
  return { ok: true, record: parsed };
}
