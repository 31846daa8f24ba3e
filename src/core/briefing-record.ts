/**
 * The briefing record: what the add-in writes into a workbook about an inserted briefing sheet,
 * one custom XML part per briefing, as a table insert does (docs/tracking-record.md, "Briefing
 * records"). A part of its own namespace, so that readers of table records (older add-in versions,
 * refresh of tables) never meet it and never report it as damaged.
 *
 *   <briefing xmlns="urn:bj-open-stats:briefing:1">{"version":1,"kind":"briefing", ...JSON...}</briefing>
 *
 * Layer: pure core.
 */
import type { Language } from "../data";
import { columnLetters } from "./a1";
import type { BriefingLayout } from "./briefing";
import { cellHash, elementJson, escapeXml, type TrackingDamage } from "./tracking";

/** The namespace of briefing parts. */
export const BRIEFING_NAMESPACE = "urn:bj-open-stats:briefing:1";

export interface BriefingRecord {
  readonly version: 1;
  readonly kind: "briefing";
  /** A GUID, unique per inserted briefing. */
  readonly recordId: string;
  readonly releaseId: string;
  readonly language: Language;
  /** The sheet: its name when written, its Worksheet.id (null: the insert created it, Excel assigns the id at the write). */
  readonly sheet: { readonly name: string; readonly id: string | null };
  /** True: the insert created the sheet, so remove may delete it when nothing else is on it. */
  readonly createdSheet: boolean;
  /** Every cell written lies in this range, local A1 from A1. */
  readonly block: string;
  /** One cellHash per cell of `block` of what was written (as Range.formulas reads it back); null where nothing was. */
  readonly cellHashes: readonly (readonly (string | null)[])[];
  /** The live figure cells (=BJ.STAT), local A1: what refresh and freeze act on. */
  readonly figureCells: readonly { readonly address: string; readonly figureId: string }[];
  /** The native charts written, by name, with the live cells their series refer to. */
  readonly charts: readonly { readonly name: string; readonly valuesRange: string; readonly categoriesRange: string }[];
  /** Cells made bold or italic, local A1 (remove resets them where it keeps the sheet). */
  readonly formatted: readonly string[];
  readonly insertedAt: string;
}

export type ParsedBriefingRecord =
  | { readonly ok: true; readonly record: BriefingRecord }
  | { readonly ok: false; readonly damage: TrackingDamage };

/** The place and identity of a briefing when it is written. */
export interface BriefingPlace {
  readonly recordId: string;
  readonly sheetName: string;
  readonly sheetId: string | null;
  readonly createdSheet: boolean;
  /** Whether the charts are written (they need ExcelApi 1.7). */
  readonly charts: boolean;
  readonly insertedAt: string;
}

/** The record of a briefing laid out for a place. */
export function briefingRecord(layout: BriefingLayout, place: BriefingPlace): BriefingRecord {
  return {
    version: 1,
    kind: "briefing",
    recordId: place.recordId,
    releaseId: layout.releaseId,
    language: layout.language,
    sheet: { name: place.sheetName, id: place.sheetId },
    createdSheet: place.createdSheet,
    block: `A1:${columnLetters(layout.columns - 1)}${layout.rows}`,
    cellHashes: layout.content.map((row) => row.map((content) => (content === null ? null : cellHash(content)))),
    figureCells: layout.figureCells.map(({ address, figureId }) => ({ address, figureId })),
    charts: place.charts ? layout.charts.map(({ name, valuesRange, categoriesRange }) => ({ name, valuesRange, categoriesRange })) : [],
    formatted: [...layout.bold, ...layout.italic],
    insertedAt: place.insertedAt,
  };
}

/** The XML of one briefing part. */
export function serializeBriefingRecord(record: BriefingRecord): string {
  return `<briefing xmlns="${BRIEFING_NAMESPACE}">${escapeXml(JSON.stringify(record))}</briefing>`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const CELL = /^[A-Z]{1,3}[1-9][0-9]{0,6}$/;
const RANGE = /^[A-Z]{1,3}[1-9][0-9]{0,6}(:[A-Z]{1,3}[1-9][0-9]{0,6})?$/;
const isCell = (value: unknown): value is string => isString(value) && CELL.test(value);
const isRange = (value: unknown): value is string => isString(value) && RANGE.test(value);
const everyOf = (value: unknown, test: (each: unknown) => boolean): boolean => Array.isArray(value) && (value as unknown[]).every(test);

function isBriefingRecord(value: Record<string, unknown>): value is Record<string, unknown> & BriefingRecord {
  const { sheet } = value;
  return (
    value.kind === "briefing" &&
    isString(value.recordId) &&
    value.recordId !== "" &&
    isString(value.releaseId) &&
    (value.language === "en" || value.language === "zh") &&
    isObject(sheet) &&
    isString(sheet.name) &&
    (sheet.id === null || isString(sheet.id)) &&
    typeof value.createdSheet === "boolean" &&
    isRange(value.block) &&
    everyOf(value.cellHashes, (row) => everyOf(row, (hash) => hash === null || (isString(hash) && /^[0-9a-f]{8}$/.test(hash)))) &&
    everyOf(value.figureCells, (cell) => isObject(cell) && isCell(cell.address) && isString(cell.figureId)) &&
    everyOf(value.charts, (chart) => isObject(chart) && isString(chart.name) && isRange(chart.valuesRange) && isRange(chart.categoriesRange)) &&
    everyOf(value.formatted, isCell) &&
    isString(value.insertedAt)
  );
}

/** Reads one briefing part; reports damage instead of throwing. */
export function parseBriefingRecord(xml: string): ParsedBriefingRecord {
  const body = elementJson(xml, "briefing");
  if (!body.ok) return { ok: false, damage: body.damage === "not_element" ? "not_record_xml" : "invalid_json" };
  const parsed = body.value;
  if (!isObject(parsed) || parsed.version !== 1) return { ok: false, damage: "unknown_version" };
  if (!isBriefingRecord(parsed)) return { ok: false, damage: "invalid_record" };
  return { ok: true, record: parsed };
}
