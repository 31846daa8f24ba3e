/**
 * Refresh, the Excel half: reads every tracked table and what it points to, lets the pure core plan
 * the refresh (src/core/refresh/), and applies the plan in one write request.
 *
 * Syncs, whatever the number of tables (docs/refresh.md):
 *   1. list: the tracking parts (ids), every table (name, id), every sheet (name, id);
 *   2. read: each part's XML, each table's range (address, formulas, values, number formats) and
 *      sheet, each sheet's protection and used range (formulas: the BJ.* count and what is below
 *      each table);
 *   3. write (only when the plan writes something, or a log is asked for): line moves, table cells,
 *      added rows directly below their tables, Range.calculate on the BJ.* cells, deleted rows,
 *      rewritten records, the optional "Refresh log" sheet. A request that would pass the payload
 *      budget (4 MB; Excel on the web refuses 5 MB) is split there, and only there.
 * Up to date or dry run: 2 syncs and no write operation.
 *
 * Layer: office (the only layer that talks to Excel).
 */
import type { Language, Release } from "../data";
import { indexRelease, type DatasetIndex } from "../core/lookup";
import {
  type CellRect,
  type RefreshPlan,
  type RefreshReport,
  type RecordView,
  type SheetView,
  type TableView,
  type WorkbookView,
  planRefresh,
  rectAddress,
  refreshLogRows,
} from "../core/refresh";
import { TRACKING_NAMESPACE, headerFingerprint, parseTrackingRecord, serializeTrackingRecord, type TrackingDamage } from "../core/tracking";
import { toAdapterError } from "./errors";
import type { ExcelRun, XlContext, XlCustomXmlPart, XlRange, XlWorksheet } from "./excel-api";
import { uniqueSheetName } from "./layout";
import { matchTables, type TableFacts } from "./matching";

/** The shape of `Excel.run(batch)`: refresh calls only members of XlContext (src/office/excel-api.ts). */
export type RefreshRun = ExcelRun;

export interface RefreshOptions {
  /** Plan only: read (2 syncs) and report; write nothing. */
  readonly dryRun?: boolean;
  /** Also write the report to a new "Refresh log" sheet, in this language, in the same write request. */
  readonly log?: Language | false;
  /** The request size at which a write is split (default 4 MB). */
  readonly payloadBudgetBytes?: number;
  /**
   * Requirement-set check (Office.context.requirements.isSetSupported). Below ExcelApi 1.6 there is
   * no Range.calculate: the BJ.* cells are recalculated by writing their formulas back instead.
   */
  readonly isSetSupported?: (name: string, version: string) => boolean;
}

function defaultIsSetSupported(): (name: string, version: string) => boolean {
  if (typeof Office !== "undefined" && Office.context?.requirements) return (name, version) => Office.context.requirements.isSetSupported(name, version);
  return () => true;
}

/** Split a write where a request would pass this (Excel on the web refuses 5 MB requests). */
export const WRITE_BUDGET_BYTES = 4 * 1024 * 1024;

const LOG_SHEET: Record<Language, string> = { en: "Refresh log", zh: "刷新日志" };

/** Accepts a release or its index. */
function indexOf(release: Release | DatasetIndex): DatasetIndex {
  return "figureIds" in release ? release : indexRelease(release);
}

/** What a queued Office call would weigh in a request: the JSON of its arguments (as the simulator estimates). */
function weight(location: string, payload: unknown): number {
  return JSON.stringify([location, payload]).length + 1;
}

/**
 * Refreshes every tracked table of the workbook to `release` (see the file comment), or with
 * `dryRun` only plans. Throws AdapterError for an Office failure (office_error, sheet_protected ...);
 * a table that cannot be refreshed is reported, never thrown.
 */
export async function refreshTables(run: RefreshRun, release: Release | DatasetIndex, options: RefreshOptions = {}): Promise<RefreshReport> {
  const index = indexOf(release);
  try {
    return await run(async (context) => {
      const counter = { syncs: 0 };
      const { workbook } = context;
      const isSupported = options.isSetSupported ?? defaultIsSetSupported();
      // Tracking records are custom XML parts (ExcelApi 1.5). Without them nothing was recorded:
      // no part is read, and the plan finds nothing to refresh.
      const { view, parts } = await readView(context, counter, isSupported("ExcelApi", "1.5"));
      const plan = planRefresh(view, index);
      const logLanguage = options.log || null;
      if (options.dryRun || (plan.writes.length === 0 && logLanguage === null)) {
        return { ...plan.report, dryRun: options.dryRun === true, syncs: counter.syncs, writeOperations: 0 };
      }

      // ---- sync 3: the write ----
      const sheetById = new Map(workbook.worksheets.items.map((sheet) => [sheet.id, sheet]));
      // requirement-set guard: ExcelApi 1.5 (parts is empty without custom XML parts)
      const partById = new Map(parts.map((part) => [part.id, part]));
      const budget = options.payloadBudgetBytes ?? WRITE_BUDGET_BYTES;
      const canCalculate = isSupported("ExcelApi", "1.6");
      const steps = writeSteps(plan, sheetById, partById, canCalculate ? null : formulasOf(view));
      let logSheet: string | null = null;
      if (logLanguage !== null) {
        logSheet = uniqueSheetName(LOG_SHEET[logLanguage], workbook.worksheets.items.map((sheet) => sheet.name));
        const rows = refreshLogRows(plan.report, logLanguage);
        const name = logSheet;
        const width = rows[0]?.length ?? 1;
        const formats = rows.map((row) => row.map(() => "@"));
        steps.push({ weight: weight("Range.values", rows) + weight("Range.numberFormat", formats), ops: 3, apply: () => {
          const sheet = workbook.worksheets.add(name);
          const range = sheet.getRange(rectAddress({ row: 0, column: 0, rows: rows.length, columns: width }));
          range.numberFormat = formats;
          range.values = rows;
        } });
      }
      const writeOperations = steps.reduce((n, step) => n + step.ops, 0);
      // Split only where the request would pass the budget: one request in the usual case.
      const chunks: Step[][] = [[]];
      let used = 0;
      for (const step of steps) {
        const current = chunks[chunks.length - 1] ?? [];
        if (used + step.weight > budget && current.length > 0) {
          chunks.push([step]);
          used = step.weight;
        } else {
          current.push(step);
          used += step.weight;
        }
      }
      const send = async (i: number): Promise<void> => {
        const chunk = chunks[i];
        if (!chunk) return;
        for (const step of chunk) step.apply();
        counter.syncs++;
        await context.sync();
        await send(i + 1);
      };
      await send(0);
      return { ...plan.report, syncs: counter.syncs, writeOperations, logSheet };
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

/** The two reads: what exists (sync 1), then everything the records may point to (sync 2). */
async function readView(context: XlContext, counter: { syncs: number }, tracking: boolean): Promise<{ view: WorkbookView; parts: XlCustomXmlPart[] }> {
  // ---- sync 1: what exists ----
  const { workbook } = context;
  // requirement-set guard: ExcelApi 1.5 (tracking is isSetSupported("ExcelApi", "1.5"), from refreshTables)
  const parts = tracking ? workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items/id") : null;
  workbook.tables.load("items/name, items/id, items/showTotals");
  workbook.worksheets.load("items/name, items/id");
  counter.syncs++;
  await context.sync();

  // ---- sync 2: everything the records may point to ----
  // requirement-set guard: ExcelApi 1.5
  const xmls = (parts?.items ?? []).map((part) => ({ part, xml: part.getXml(), partId: part.id }));
  const tables = workbook.tables.items.map((table) => ({
    table,
    sheet: table.worksheet.load("id"),
    range: table.getRange().load("address, rowIndex, columnIndex, rowCount, columnCount, formulas, values, numberFormat"),
  }));
  const sheets = workbook.worksheets.items.map((sheet) => {
    sheet.protection.load("protected");
    return { sheet, used: sheet.getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, columnCount, formulas") };
  });
  counter.syncs++;
  await context.sync();

  const records: RecordView[] = [];
  const damagedParts: { partId: string; damage: TrackingDamage }[] = [];
  for (const { partId, xml } of xmls) {
    const parsed = parseTrackingRecord(xml.value);
    if (parsed.ok) records.push({ partId, record: parsed.record });
    else damagedParts.push({ partId, damage: parsed.damage });
  }
  const sheetNames = new Map(sheets.map(({ sheet }) => [sheet.id, sheet.name]));
  const facts: TableFacts[] = tables.map(({ table, sheet, range }) => ({
    name: table.name,
    id: table.id,
    sheetName: sheetNames.get(sheet.id) ?? "",
    sheetId: sheet.id,
    address: range.address.slice(range.address.lastIndexOf("!") + 1).replace(/\$/g, ""),
    fingerprint: headerFingerprint(range.formulas[0] ?? []),
  }));
  // The same matching as the pane's list (listInserted), so both find the same table for a record.
  const matches = matchTables(records.map(({ record }) => ({ tableName: record.table?.name ?? "", record })), facts);
  const view: WorkbookView = {
    sheets: sheets.map(({ sheet, used }): SheetView => ({
      id: sheet.id,
      name: sheet.name,
      protected: sheet.protection.protected,
      used: used.isNullObject ? null : { row: used.rowIndex, column: used.columnIndex, rows: used.rowCount, columns: used.columnCount, formulas: used.formulas },
    })),
    tables: tables.map(({ table, sheet, range }): TableView => ({
      name: table.name,
      id: table.id,
      showTotals: table.showTotals,
      sheetId: sheet.id,
      row: range.rowIndex,
      column: range.columnIndex,
      rows: range.rowCount,
      columns: range.columnCount,
      formulas: range.formulas,
      values: range.values,
      numberFormat: range.numberFormat,
    })),
    records,
    damagedParts,
    matches,
  };
  return { view, parts: xmls.map(({ part }) => part) };
}

/** Reads what refresh plans from (2 syncs), for tools and benchmarks that call planRefresh themselves. */
export async function readRefreshView(run: RefreshRun, isSetSupported: (name: string, version: string) => boolean = defaultIsSetSupported()): Promise<WorkbookView> {
  try {
    return await run(async (context) => (await readView(context, { syncs: 0 }, isSetSupported("ExcelApi", "1.5"))).view);
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

interface Step {
  /** Estimated request bytes. */
  readonly weight: number;
  /** Write operations it queues. */
  readonly ops: number;
  apply(): void;
}

/**
 * The write, in an order that keeps every address valid: per table, our moved line cells are
 * cleared, lines and table cells written, added rows set directly below the table (which makes it
 * grow); then the BJ.* cells are recalculated; then table rows are deleted, bottom row first (a
 * deletion moves only what lies below it); then the records are rewritten.
 */
/** The formulas of every sheet's used range, to write BJ.* formulas back where Range.calculate is missing. */
function formulasOf(view: WorkbookView): (sheetId: string, rect: CellRect) => unknown[][] | null {
  const sheets = new Map(view.sheets.map((sheet) => [sheet.id, sheet]));
  return (sheetId, rect) => {
    const used = sheets.get(sheetId)?.used;
    if (!used) return null;
    return Array.from({ length: rect.rows }, (_, r) => Array.from({ length: rect.columns }, (_, c) => used.formulas[rect.row - used.row + r]?.[rect.column - used.column + c] ?? null));
  };
}

function writeSteps(
  plan: RefreshPlan,
  sheets: ReadonlyMap<string, XlWorksheet>,
  parts: ReadonlyMap<string, XlCustomXmlPart>,
  /** Null where Range.calculate exists; else the formulas to write back (ExcelApi below 1.6). */
  rewrite: ((sheetId: string, rect: CellRect) => unknown[][] | null) | null,
): Step[] {
  const steps: Step[] = [];
  const range = (sheetId: string, rect: CellRect): XlRange | null => sheets.get(sheetId)?.getRange(rectAddress(rect)) ?? null;
  for (const table of plan.writes) {
    for (const rect of table.clears) {
      steps.push({ weight: weight("Range.clear", rectAddress(rect)), ops: 1, apply: () => range(table.sheetId, rect)?.clear("All") });
    }
    for (const write of table.writes) {
      const formats = write.numberFormat;
      const cells = write.cells.map((row) => [...row]);
      // New rows get their number formats again after the values: the table grows over them as the
      // values are set, and whether Excel then applies the column's format to them is not confirmed.
      const again = write.newRows === true && formats !== null;
      steps.push({
        weight: weight(`Range.${write.mode}`, cells) + (formats ? weight("Range.numberFormat", formats) * (again ? 2 : 1) : 0),
        ops: (formats ? 2 : 1) + (again ? 1 : 0),
        apply: () => {
          const target = range(table.sheetId, write);
          if (!target) return;
          // Number formats first, so that text written into a text cell stays text.
          if (formats) target.numberFormat = formats.map((row) => [...row]);
          if (write.mode === "formulas") target.formulas = cells;
          else target.values = cells;
          if (again) target.numberFormat = formats.map((row) => [...row]);
        },
      });
    }
    for (const rect of table.italic) {
      steps.push({ weight: weight("RangeFont.italic", true), ops: 1, apply: () => {
        const target = range(table.sheetId, rect);
        if (target) target.format.font.italic = true;
      } });
    }
  }
  for (const { sheetId, rects } of plan.calculate) {
    for (const rect of rects) {
      const formulas = rewrite?.(sheetId, rect) ?? null;
      // rewrite is null only where isSetSupported("ExcelApi", "1.6") said yes (refreshTables).
      // requirement-set guard: ExcelApi 1.6
      if (rewrite === null) steps.push({ weight: weight("Range.calculate", rectAddress(rect)), ops: 1, apply: () => range(sheetId, rect)?.calculate() });
      else if (formulas) steps.push({ weight: weight("Range.formulas", formulas), ops: 1, apply: () => {
        const target = range(sheetId, rect);
        if (target) target.formulas = formulas;
      } });
    }
  }
  const deletions = plan.writes.flatMap((table) => table.deleteRows.map((rect) => ({ sheetId: table.sheetId, rect })));
  deletions.sort((a, b) => b.rect.row - a.rect.row);
  for (const { sheetId, rect } of deletions) steps.push({ weight: weight("Range.delete", rectAddress(rect)), ops: 1, apply: () => range(sheetId, rect)?.delete("Up") });
  for (const table of plan.writes) {
    const xml = serializeTrackingRecord(table.record);
    // requirement-set guard: ExcelApi 1.5 (a record to rewrite was read from a part)
    steps.push({ weight: weight("CustomXmlPart.setXml", xml), ops: 1, apply: () => parts.get(table.partId)?.setXml(xml) });
  }
  return steps;
}
