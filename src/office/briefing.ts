/**
 * The briefing sheet in Excel: insert (a new sheet, its text, live figure cells and native charts,
 * and a briefing record), list and remove. ExcelWorkbook delegates here.
 *
 * Syncs, whatever is on the sheet (no sync in a loop):
 * - insertBriefing: 2. 1. read the sheet names (a unique name). 2. write, in this order: the new
 *   sheet (a taken name stops everything), the charts (ExcelApi 1.7: their series are set from
 *   the live cells explicitly, never left to Excel's guess from the source), number formats, values
 *   and formulas as whole 2-D arrays, fonts, widths, the record part, and the sheet activated. Excel
 *   does not roll back a failed sync, so what it may refuse comes first: if a chart is refused,
 *   only an empty sheet is left, untracked, and the error says so (office_error).
 * - listBriefings: 2 (the parts, then their XML with every sheet's name and id).
 * - removeBriefing: listBriefings' 2 + 2 (read the written cells, the used range, tables and charts;
 *   then delete). The reads cost what the insert wrote, never what the user keeps.
 */
import {
  BRIEFING_NAMESPACE,
  briefingRecord,
  changedCells,
  parseBriefingRecord,
  qualified,
  serializeBriefingRecord,
} from "../core";
import type { BriefingLayout, BriefingRecord } from "../core";
import { AdapterError, officeCode, toAdapterError } from "./errors";
import type { ExcelRun, IsSetSupported, XlContext, XlCustomXmlPart, XlWorksheet } from "./excel-api";
import { parseRange, rangeAddress, uniqueSheetName } from "./layout";
import type { BriefingEntry, BriefingsReport, DamagedBindingsPart, InsertBriefingOptions, InsertedBriefing } from "./port";

/** What the briefing code needs of the workbook adapter. */
export interface BriefingDeps {
  readonly run: ExcelRun;
  readonly isSetSupported: IsSetSupported;
  readonly newRecordId: () => string;
  readonly now: () => Date;
}

const TEXT_GENERAL = "General";

/** Writes a briefing on a new sheet, with its charts and its record. 2 syncs. */
export async function insertBriefing(deps: BriefingDeps, layout: BriefingLayout, options: InsertBriefingOptions = {}): Promise<InsertedBriefing> {
  let sheetName: string | undefined;
  try {
    return await deps.run(async (context) => {
      // ---- sync 1: the sheet names ----
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const name = uniqueSheetName(options.sheetName ?? layout.sheetName, sheets.items.map((each) => each.name));
      sheetName = name;

      // ---- sync 2: write; what Excel may refuse first ----
      // Calculation is never suspended (docs/excel-evidence.md): Excel calculates as it writes.
      const sheet = context.workbook.worksheets.add(name);
      // The series need ExcelApi 1.7 (ChartSeries.setValues / setXAxisValues); without it, no charts.
      const withCharts = deps.isSetSupported("ExcelApi", "1.7");
      if (withCharts) {
        for (const spec of layout.charts) {
          const chart = sheet.charts.add(spec.type, sheet.getRange(spec.valuesRange), "Columns");
          chart.name = spec.name;
          chart.title.text = spec.title;
          const series = chart.series.getItemAt(0);
          series.setValues(sheet.getRange(spec.valuesRange));
          series.setXAxisValues(sheet.getRange(spec.categoriesRange));
          series.name = spec.seriesName;
          chart.setPosition(spec.position.from, spec.position.to);
        }
      }
      const whole = sheet.getRange(rangeAddress(0, 0, layout.rows, layout.columns));
      whole.numberFormat = layout.formats;
      whole.values = layout.values;
      whole.formulas = layout.formulas;
      for (const address of layout.bold) sheet.getRange(address).format.font.bold = true;
      for (const address of layout.italic) sheet.getRange(address).format.font.italic = true;
      layout.columnWidths.forEach((width, column) => (sheet.getRange(rangeAddress(0, column, 1, 1)).format.columnWidth = width));
      const record = briefingRecord(layout, {
        recordId: deps.newRecordId(),
        sheetName: name,
        sheetId: null,
        createdSheet: true,
        charts: withCharts,
        insertedAt: deps.now().toISOString(),
      });
      // Records are custom XML parts (ExcelApi 1.5); without them the briefing is written untracked.
      if (deps.isSetSupported("ExcelApi", "1.5")) context.workbook.customXmlParts.add(serializeBriefingRecord(record));
      sheet.activate();
      await context.sync();
      return { record, sheet: name, address: qualified(name, record.block), charts: record.charts.map((chart) => chart.name) };
    });
  } catch (error: unknown) {
    if (error instanceof AdapterError) throw error;
    if (officeCode(error) === "ItemAlreadyExists" && sheetName !== undefined) {
      throw new AdapterError("name_taken", { officeCode: "ItemAlreadyExists", sheet: sheetName }, { cause: error });
    }
    throw toAdapterError(error, sheetName);
  }
}

export interface LocatedBriefing {
  readonly entry: BriefingEntry;
  readonly part: XlCustomXmlPart;
  readonly sheet: XlWorksheet | null;
}

/**
 * Queues the reads of every briefing record (the parts, every sheet's name, id and visibility), to
 * ride the caller's next sync; `read()` then fetches the parts' XML (one more sync, none when the
 * workbook holds no briefing) and finds each record's sheet (by id, then by name).
 */
export function queueBriefings(context: XlContext, isSetSupported: IsSetSupported): { read(): Promise<{ entries: LocatedBriefing[]; damagedParts: DamagedBindingsPart[] }> } {
  if (!isSetSupported("ExcelApi", "1.5")) return { read: () => Promise.resolve({ entries: [], damagedParts: [] }) };
  const parts = context.workbook.customXmlParts.getByNamespace(BRIEFING_NAMESPACE).load("items/id");
  // The same collection locate() of tables loads when this rides its sync: ask for the same properties.
  const sheets = context.workbook.worksheets.load("items/name, items/id");
  return {
    async read() {
      const xmls = parts.items.map((part) => ({ part, xml: part.getXml() }));
      if (xmls.length > 0) await context.sync();
      const entries: LocatedBriefing[] = [];
      const damagedParts: DamagedBindingsPart[] = [];
      for (const { part, xml } of xmls) {
        const parsed = parseBriefingRecord(xml.value);
        if (!parsed.ok) {
          damagedParts.push({ partId: part.id, damage: parsed.damage });
          continue;
        }
        const { record } = parsed;
        const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
        const sheet = sheets.items.find((each) => record.sheet.id !== null && each.id === record.sheet.id) ?? sheets.items.find((each) => same(each.name, record.sheet.name)) ?? null;
        entries.push({
          entry: { recordId: record.recordId, record, partId: part.id, found: sheet ? { sheet: sheet.name, sheetId: sheet.id } : null },
          part,
          sheet,
        });
      }
      return { entries, damagedParts };
    },
  };
}

/** Every briefing record, with its sheet where found. 2 syncs (1 with none). */
async function locate(context: XlContext, isSetSupported: IsSetSupported): Promise<{ entries: LocatedBriefing[]; damagedParts: DamagedBindingsPart[] }> {
  const queued = queueBriefings(context, isSetSupported);
  if (isSetSupported("ExcelApi", "1.5")) await context.sync();
  return queued.read();
}

/** The briefings the workbook records, and the parts that could not be read. 2 syncs (1 with none). */
export async function listBriefings(deps: BriefingDeps): Promise<BriefingsReport> {
  if (!deps.isSetSupported("ExcelApi", "1.5")) return { entries: [], damagedParts: [] };
  try {
    return await deps.run(async (context) => {
      const located = await locate(context, deps.isSetSupported);
      return { entries: located.entries.map((each) => each.entry), damagedParts: located.damagedParts };
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

/**
 * Removes exactly what a briefing insert wrote. The sheet it created is deleted when nothing else
 * is on it (no cell outside what was written, no table, no other chart) and it is not the last
 * visible sheet; otherwise only the written cells (contents, number formats, bold and italic) and
 * the briefing's charts go. Refuses, changing nothing, when a written cell was changed since
 * (edited_since_insert, naming it), the sheet is protected (sheet_protected), gone
 * (sheet_not_found), or the record is not there (record_not_found). 4 syncs.
 */
export async function removeBriefing(deps: BriefingDeps, recordId: string): Promise<void> {
  let sheetName: string | undefined;
  try {
    await deps.run(async (context) => {
      const located = (await locate(context, deps.isSetSupported)).entries.find((each) => each.entry.recordId === recordId);
      if (!located) throw new AdapterError("record_not_found", { recordId });
      const { record } = located.entry;
      const sheet = located.sheet;
      if (!sheet) throw new AdapterError("sheet_not_found", { sheet: record.sheet.name, recordId });
      sheetName = located.entry.found?.sheet ?? record.sheet.name;
      const block = parseRange(record.block);
      if (!block) throw new AdapterError("record_not_found", { recordId });

      // ---- read: the written block, where the sheet's content ends, its tables and charts ----
      const written = sheet.getRange(record.block).load("formulas");
      const used = sheet.getUsedRangeOrNullObject(false).load("address");
      const tables = sheet.tables.load("items/name");
      const charts = sheet.charts.load("items/name");
      sheet.protection.load("protected");
      // The visible sheets, so that remove never deletes the last one.
      const sheets = context.workbook.worksheets.load("items/visibility");
      await context.sync();
      const visibleSheets = sheets.items.filter((each) => each.visibility === "Visible").length;

      const name = sheetName;
      if (sheet.protection.protected) throw new AdapterError("sheet_protected", { sheet: name, recordId });
      const [changed] = changedCells(record.cellHashes, written.formulas);
      if (changed) {
        const address = qualified(name, rangeAddress(block.row + changed[0], block.column + changed[1], 1, 1));
        throw new AdapterError("edited_since_insert", { address, range: qualified(name, record.block), sheet: name, recordId });
      }
      const ours = new Set(record.charts.map((chart) => chart.name));
      if (record.createdSheet && visibleSheets > 1 && onlyOurs(record, written.formulas, used.isNullObject ? null : used.address, tables.items.length, charts.items.map((chart) => chart.name), ours)) {
        sheet.delete();
      } else {
        for (const chart of charts.items) if (ours.has(chart.name)) chart.delete();
        // "" clears a written cell, null leaves the user's cells alone: one 2-D write each.
        const range = sheet.getRange(record.block);
        range.values = record.cellHashes.map((row) => row.map((hash) => (hash === null ? null : "")));
        range.numberFormat = record.cellHashes.map((row) => row.map((hash) => (hash === null ? null : TEXT_GENERAL)));
        for (const address of record.formatted) {
          const font = sheet.getRange(address).format.font;
          font.bold = false;
          font.italic = false;
        }
      }
      // requirement-set guard: ExcelApi 1.5 (locate finds parts only where isSetSupported("ExcelApi", "1.5"))
      located.part.delete();
      await context.sync();
    });
  } catch (error: unknown) {
    throw toAdapterError(error, sheetName);
  }
}

/** Whether the sheet holds nothing but what the briefing wrote. */
function onlyOurs(record: BriefingRecord, formulas: readonly (readonly unknown[])[], usedAddress: string | null, tableCount: number, chartNames: readonly string[], ours: ReadonlySet<string>): boolean {
  if (tableCount > 0 || chartNames.some((name) => !ours.has(name))) return false;
  const block = parseRange(record.block);
  const usedLocal = usedAddress === null ? null : usedAddress.slice(usedAddress.lastIndexOf("!") + 1).replace(/\$/g, "");
  const used = usedLocal === null ? null : parseRange(usedLocal);
  if (used && block && (used.row < block.row || used.column < block.column || used.row + used.rows > block.row + block.rows || used.column + used.columns > block.column + block.columns)) return false;
  // Inside the block, every cell the briefing did not write must be empty.
  return record.cellHashes.every((row, r) => row.every((hash, c) => hash !== null || (formulas[r]?.[c] ?? "") === ""));
}
