/**
 * The briefing sheet in Excel: insert (a new sheet, its text, live figure cells and native charts,
 * and a briefing record), select, remove and refresh. ExcelWorkbook delegates here, loading this
 * module when first used (its own chunk, briefing.js); finding the records is briefing-records.ts.
 *
 * Syncs, whatever is on the sheet (no sync in a loop):
 * - insertBriefing: 2. 1. read the sheet names (a unique name). 2. write, in this order: the new
 *   sheet (a taken name stops everything), the charts (ExcelApi 1.7: their series are set from
 *   the live cells explicitly, never left to Excel's guess from the source), number formats, values
 *   and formulas as whole 2-D arrays, fonts, widths, the record part, and the sheet activated. Excel
 *   does not roll back a failed sync, so what it may refuse comes first: if a chart is refused,
 *   only an empty sheet is left, untracked, and the error says so (office_error).
 * - listBriefings: 2 (the parts, then their XML with every sheet's name and id).
 * - selectBriefing: listBriefings' 2 + 1 (activate the sheet, select A1).
 * - removeBriefing: listBriefings' 2 + 2 (read the written cells, the used range, tables and charts;
 *   then delete). The reads cost what the insert wrote, never what the user keeps.
 * - refreshBriefings: listBriefings' 2 + 1 read (each briefing's block) + 1 write (only when
 *   something needs writing and it is not a dry run), whatever the number of briefings.
 */
import { BriefingDataError, briefingLayout, briefingRecord, planBriefingRefresh, changedCells, qualified, serializeBriefingRecord } from "../core";
import type { BriefingLayout, BriefingRecord, BriefingRefreshOutcome, DatasetIndex } from "../core";
import { AdapterError, officeCode, toAdapterError } from "./errors";
import { parseRange, rangeAddress, uniqueSheetName } from "./layout";
import type { DamagedBindingsPart, InsertBriefingOptions, InsertedBriefing } from "./port";
import { type BriefingDeps, locate } from "./briefing-records";

export type { BriefingDeps } from "./briefing-records";

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
      // The check written out again (not through withCharts): the requirement-set test sees only a direct guard.
      if (deps.isSetSupported("ExcelApi", "1.7")) {
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

/**
 * Activates a briefing's sheet and selects its title cell (A1). Throws record_not_found, or
 * sheet_not_found when its sheet is gone. listBriefings' 2 syncs + 1.
 */
export async function selectBriefing(deps: BriefingDeps, recordId: string): Promise<void> {
  try {
    await deps.run(async (context) => {
      const located = (await locate(context, deps.isSetSupported)).entries.find((each) => each.entry.recordId === recordId);
      if (!located) throw new AdapterError("record_not_found", { recordId });
      if (!located.sheet) throw new AdapterError("sheet_not_found", { sheet: located.entry.record.sheet.name, recordId });
      located.sheet.activate();
      located.sheet.getRange("A1").select();
      await context.sync();
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

/** How one briefing fared in a refresh. */
export interface BriefingRefreshEntry {
  readonly recordId: string;
  /** The sheet now; null where it was not found. */
  readonly sheet: string | null;
  readonly language: "en" | "zh";
  readonly fromRelease: string;
  /** What happened (core's BriefingRefreshOutcome); data_error: nothing written. */
  readonly status: BriefingRefreshOutcome;
  /** Cells written (or to be written), figure recalculations aside, local A1. */
  readonly updated: readonly string[];
  /** Cells kept as the user left them, local A1. */
  readonly kept: readonly string[];
}

export interface BriefingRefreshReport {
  readonly releaseId: string;
  readonly briefings: readonly BriefingRefreshEntry[];
  readonly damagedParts: readonly DamagedBindingsPart[];
  readonly dryRun: boolean;
  /** True when no briefing needs writing and none is missing or blocked. */
  readonly upToDate: boolean;
}

/**
 * Brings every briefing to `release` (core planBriefingRefresh): the cells nobody touched take the
 * new release's text and formats, the figure formulas are written back (so they recalculate), chart
 * titles and series names follow; what the user typed stays. Each refreshed briefing's record is
 * replaced (new part first, then the old one deleted, in the same sync). With `dryRun`, plans only.
 * listBriefings' syncs + 1 read + 1 write (none when nothing needs writing or for a dry run).
 */
export async function refreshBriefings(deps: BriefingDeps, index: DatasetIndex, options: { readonly dryRun?: boolean } = {}): Promise<BriefingRefreshReport> {
  const dryRun = options.dryRun === true;
  try {
    return await deps.run(async (context) => {
      const located = await locate(context, deps.isSetSupported);
      const reads = located.entries.map((each) => {
        const { record } = each.entry;
        let layout: BriefingLayout | null = null;
        try {
          layout = briefingLayout(index, record.language);
        } catch (error: unknown) {
          if (!(error instanceof BriefingDataError)) throw error;
        }
        if (!each.sheet || !layout) return { each, layout, block: null, protection: null, charts: null };
        const oldRect = parseRange(record.block);
        const rows = Math.max(oldRect?.rows ?? 0, layout.rows);
        const columns = Math.max(oldRect?.columns ?? 0, layout.columns);
        return {
          each,
          layout,
          block: each.sheet.getRange(rangeAddress(0, 0, rows, columns)).load("formulas, numberFormat"),
          protection: each.sheet.protection.load("protected"),
          charts: each.sheet.charts.load("items/name"),
        };
      });
      if (reads.some((read) => read.block !== null)) await context.sync();

      const briefings: BriefingRefreshEntry[] = [];
      let writes = 0;
      for (const { each, layout, block, protection, charts } of reads) {
        const { record } = each.entry;
        const base = { recordId: record.recordId, sheet: each.entry.found?.sheet ?? null, language: record.language, fromRelease: record.releaseId };
        if (!layout) {
          briefings.push({ ...base, status: "data_error", updated: [], kept: [] });
          continue;
        }
        if (!each.sheet || !block || !protection || !charts) {
          briefings.push({ ...base, status: "not_found", updated: [], kept: [] });
          continue;
        }
        const plan = planBriefingRefresh(record, layout, block.formulas, block.numberFormat);
        if (plan.upToDate) {
          briefings.push({ ...base, status: "up_to_date", updated: [], kept: plan.kept });
          continue;
        }
        if (protection.protected) {
          briefings.push({ ...base, status: "protected", updated: plan.updated, kept: plan.kept });
          continue;
        }
        briefings.push({ ...base, status: dryRun ? "planned" : "refreshed", updated: plan.updated, kept: plan.kept });
        if (dryRun) continue;
        // Whole 2-D arrays: formats first (text stays text), then values, then the formula cells.
        const range = each.sheet.getRange(rangeAddress(0, 0, plan.rows, plan.columns));
        range.numberFormat = plan.formats;
        range.values = plan.values;
        range.formulas = plan.formulas;
        const present = new Map(charts.items.map((chart) => [chart.name, chart] as const));
        for (const update of plan.charts) {
          const chart = present.get(update.name);
          if (!chart) continue;
          chart.title.text = update.title;
          chart.series.getItemAt(0).name = update.seriesName;
        }
        // The sheet as found now: its id is known from here on, so a later rename does not lose it.
        const found = each.entry.found;
        const rewritten = found ? { ...plan.record, sheet: { name: found.sheet, id: found.sheetId } } : plan.record;
        // requirement-set guard: ExcelApi 1.5 (locate finds parts only where isSetSupported("ExcelApi", "1.5"))
        context.workbook.customXmlParts.add(serializeBriefingRecord(rewritten));
        // requirement-set guard: ExcelApi 1.5 (as above)
        each.part.delete();
        writes++;
      }
      if (writes > 0) await context.sync();
      return {
        releaseId: index.release.id,
        briefings,
        damagedParts: located.damagedParts,
        dryRun,
        upToDate: briefings.every((entry) => entry.status === "up_to_date"),
      };
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}
