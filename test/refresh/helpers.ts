/**
 * Shared set-up for the refresh tests: a simulated Excel whose =BJ.* formulas run the project's
 * registered functions (over the page's active release), the revised release fixture validated and
 * indexed, save/reopen, and a cell-by-cell comparison of two saved workbooks.
 */
import "../functions/setup-custom-functions";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { currentDataset, indexRelease, parseTrackingRecord, serializeTrackingRecord, TRACKING_NAMESPACE } from "../../src/core";
import type { DatasetIndex, TrackingRecord } from "../../src/core";
import { Release } from "../../src/data/schema";
import type { Release as ReleaseData } from "../../src/data";
import { REGISTERED } from "../../src/functions/functions";
import { ExcelWorkbook } from "../../src/office";
import { refreshTables, type RefreshOptions } from "../../src/office/refresh";
import { createSimulatedExcel, openSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel, SimulatedExcelOptions, SimulatedWorkbookSnapshot } from "../../src/simulated-excel";

export const EMBEDDED = currentDataset();

/** The revised release fixture, checked against the zod schema and indexed. */
export function revisedIndex(): DatasetIndex {
  const text = readFileSync(join(__dirname, "../fixtures/releases/revised.json"), "utf8");
  const parsed = Release.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`revised.json fails the schema: ${parsed.error.message}`);
  return indexRelease(parsed.data);
}

export const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

export interface Workbook {
  readonly host: SimulatedExcel;
  readonly port: ExcelWorkbook;
  refresh(release: DatasetIndex | ReleaseData, options?: RefreshOptions): ReturnType<typeof refreshTables>;
}

function wrap(host: SimulatedExcel): Workbook {
  let n = 0;
  const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported, newRecordId: () => `record-${++n}`, now: () => new Date("2025-02-01T00:00:00Z") });
  return { host, port, refresh: (release, options) => refreshTables(host.run, release, options) };
}

export function setup(options: SimulatedExcelOptions = {}): Workbook {
  return wrap(createSimulatedExcel({ functions: bjFunctions, ...options }));
}

/** Saves and reopens: a fresh host from the file only. */
export function reopen(host: SimulatedExcel): Workbook {
  return wrap(openSimulatedExcel(JSON.parse(JSON.stringify(host.save())) as SimulatedWorkbookSnapshot, { functions: bjFunctions }));
}

/** Runs a call and returns the write operations and syncs it sent, from the host's sync records. */
export async function measured<T>(host: SimulatedExcel, call: () => Promise<T>): Promise<{ result: T; syncs: number; writes: number; operations: number; largestPayload: number }> {
  const before = host.syncs.length;
  const result = await call();
  const records = host.syncs.slice(before);
  return {
    result,
    syncs: records.length,
    writes: records.reduce((n, record) => n + record.writes, 0),
    operations: records.reduce((n, record) => n + record.operations - record.loads, 0),
    largestPayload: Math.max(0, ...records.map((record) => record.payloadBytes)),
  };
}

/** "Sheet1!B3" for a cell key "2,1" of a sheet. */
function addressOf(sheet: string, key: string): string {
  const [row = 0, column = 0] = key.split(",").map(Number);
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${sheet}!${letters}${row + 1}`;
}

/** Every cell that differs between two saved workbooks (content, formula, formats), by "Sheet!A1". Sheets by id. */
export function changedCells(before: SimulatedWorkbookSnapshot, after: SimulatedWorkbookSnapshot): string[] {
  const changed: string[] = [];
  const sheetsAfter = new Map(after.workbook.sheets.map((sheet) => [sheet.id, sheet]));
  for (const sheet of before.workbook.sheets) {
    const other = sheetsAfter.get(sheet.id);
    const keys = new Set([...Object.keys(sheet.cells), ...Object.keys(other?.cells ?? {})]);
    for (const key of keys) {
      if (JSON.stringify(sheet.cells[key] ?? null) !== JSON.stringify(other?.cells[key] ?? null)) changed.push(addressOf(other?.name ?? sheet.name, key));
    }
  }
  const known = new Set(before.workbook.sheets.map((sheet) => sheet.id));
  for (const sheet of after.workbook.sheets) if (!known.has(sheet.id)) for (const key of Object.keys(sheet.cells)) changed.push(addressOf(sheet.name, key));
  return changed.sort();
}

/** Everything of a saved workbook but its cells and tracking parts: tables, widths, merges, names, settings. */
export function structureOf(snapshot: SimulatedWorkbookSnapshot): unknown {
  const { workbook } = snapshot;
  return {
    sheets: workbook.sheets.map((sheet) => ({ id: sheet.id, name: sheet.name, protected: sheet.protected, merges: sheet.merges, widths: sheet.columnWidths })),
    tables: workbook.tables.map((table) => ({ id: table.id, name: table.name, sheetId: table.sheetId, style: table.style })),
    names: workbook.names,
    settings: workbook.settings,
  };
}

/** The tracking records a saved workbook holds, parsed. */
export function recordsOf(snapshot: SimulatedWorkbookSnapshot): TrackingRecord[] {
  return snapshot.workbook.customXmlParts
    .filter((part) => part.namespaceUri === TRACKING_NAMESPACE)
    .flatMap((part) => {
      const parsed = parseTrackingRecord(part.xml);
      return parsed.ok ? [parsed.record] : [];
    });
}

/** The tracking parts of a saved workbook, raw. */
export function partsOf(snapshot: SimulatedWorkbookSnapshot): string[] {
  return snapshot.workbook.customXmlParts.map((part) => part.xml);
}

/** Reads a range's values and formulas. */
export async function read(host: SimulatedExcel, address: string): Promise<{ values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][] }> {
  const bang = address.lastIndexOf("!");
  const sheet = address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRange(address.slice(bang + 1)).load("values, formulas, numberFormat");
    await context.sync();
    return { values: range.values, formulas: range.formulas, numberFormat: range.numberFormat };
  });
}

/** A table's address now. */
export async function tableAddress(host: SimulatedExcel, name: string): Promise<string> {
  return host.run(async (context) => {
    const range = context.workbook.tables.getItem(name).getRange().load("address");
    await context.sync();
    return range.address;
  });
}

/** The layout of a record written before the spacer row: note and source one row higher, and the record saying so. */
export function withoutSpacer(snapshot: SimulatedWorkbookSnapshot, n: number): SimulatedWorkbookSnapshot {
  const copy = JSON.parse(JSON.stringify(snapshot)) as SimulatedWorkbookSnapshot;
  const sheet = copy.workbook.sheets.find((each) => each.name === "Sheet1");
  const part = copy.workbook.customXmlParts[0];
  if (!sheet || !part) throw new Error("no sheet or part");
  const noteRow = 4 + n; // 0-based: title 1, header 2, data 3..2+n, spacer 3+n, note 4+n, source 5+n
  const note = sheet.cells[`${noteRow},1`];
  const source = sheet.cells[`${noteRow + 1},1`];
  if (!note || !source) throw new Error("no note or source line where the insert puts them");
  sheet.cells[`${noteRow - 1},1`] = note;
  sheet.cells[`${noteRow},1`] = source;
  delete sheet.cells[`${noteRow + 1},1`];
  const parsed = parseTrackingRecord(part.xml);
  if (!parsed.ok) throw new Error("record unreadable");
  const record = parsed.record;
  part.xml = serializeTrackingRecord({
    ...record,
    block: `B2:F${noteRow + 1}`,
    lines: { ...record.lines, note: `B${noteRow}`, source: `B${noteRow + 1}` },
    cellHashes: record.cellHashes.filter((_, i) => i !== 2 + n),
  });
  return copy;
}
