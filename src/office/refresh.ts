/**
 * Refresh, the Excel half: reads every tracked table and what it points to, lets the pure core plan
 * the refresh (src/core/refresh/), and applies the plan in one write request.
 *
 * Syncs, whatever the number of tables and however much data the workbook holds (docs/refresh.md):
 *   1-3. the reads (src/office/refresh-read.ts): list; locate (records, table addresses and header
 *      rows, each sheet's extent and formula-cell addresses); read (the tables the records answer
 *      for, the rows around them, the formula cells, bounded). No whole used range is read;
 *   4. write (only when the plan writes something, or a log is asked for): line moves, table cells,
 *      added rows directly below their tables (after Table.resize where ExcelApi 1.13 has it),
 *      Range.calculate on the BJ.* cells, deleted rows, rewritten records, the optional "Refresh
 *      log" sheet, and the range of every table that grew, read back to compare with the plan. A
 *      request that would pass the payload budget (4 MB; Excel on the web refuses 5 MB) is split
 *      there, and only there.
 * Up to date or dry run: 3 syncs and no write operation.
 *
 * Layer: office (the only layer that talks to Excel).
 */
import type { Language, Release } from "../data";
import { indexRelease, type DatasetIndex } from "../core/lookup";
import {
  type CellRect,
  type RefreshChange,
  type RefreshPlan,
  type RefreshReport,
  type WorkbookView,
  planRefresh,
  rectAddress,
  refreshLogRows,
} from "../core/refresh";
import { serializeTrackingRecord } from "../core/tracking";
import { toAdapterError } from "./errors";
import type { ExcelRun, XlCustomXmlPart, XlRange, XlTable, XlWorksheet } from "./excel-api";
import { uniqueSheetName } from "./layout";
import { readSupport, readView } from "./refresh-read";

/** The shape of `Excel.run(batch)`: refresh calls only members of XlContext (src/office/excel-api.ts). */
export type RefreshRun = ExcelRun;

export interface RefreshOptions {
  /** Plan only: read (3 syncs) and report; write nothing. */
  readonly dryRun?: boolean;
  /** Also write the report to a new "Refresh log" sheet, in this language, in the same write request. */
  readonly log?: Language | false;
  /** The most formula cells read from the sheets' formula areas (default FORMULA_READ_CELLS, 100,000). */
  readonly formulaReadCells?: number;
  /** The request size at which a write is split (default 4 MB). */
  readonly payloadBudgetBytes?: number;
  /**
   * Requirement-set check (Office.context.requirements.isSetSupported). Below ExcelApi 1.6 there is
   * no Range.calculate: the BJ.* cells are recalculated by writing their formulas back instead.
   * Below ExcelApi 1.9 no formula cells are found outside our inserts; below 1.13 added rows rely
   * on the table growing over values set directly below it (read back and compared).
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
      const { view, parts } = await readView(context, counter, { ...readSupport(isSupported, options.formulaReadCells), tracking: isSupported("ExcelApi", "1.5") }, index);
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
      const tableById = new Map(workbook.tables.items.map((table) => [table.id, table]));
      const canResize = isSupported("ExcelApi", "1.13");
      const steps = writeSteps(plan, { sheets: sheetById, parts: partById, tables: canResize ? tableById : null }, canCalculate ? null : formulasOf(view));
      let logSheet: string | null = null;
      if (logLanguage !== null) {
        logSheet = uniqueSheetName(LOG_SHEET[logLanguage], workbook.worksheets.items.map((sheet) => sheet.name));
        const rows = refreshLogRows(plan.report, logLanguage);
        const name = logSheet;
        const width = rows[0]?.length ?? 1;
        // The summary alone in A1, the cells right of it left empty, so that it reads in full
        // across them; the header row bold; the columns fitted to the header and the rows.
        const cells = rows.map((row, r) => row.map((cell, c) => (r === 0 && c > 0 ? null : cell)));
        const formats = rows.map((row, r) => row.map((_, c) => (r === 0 && c > 0 ? null : "@")));
        steps.push({ weight: weight("Range.values", cells) + weight("Range.numberFormat", formats), ops: 6, apply: () => {
          const sheet = workbook.worksheets.add(name);
          const range = sheet.getRange(rectAddress({ row: 0, column: 0, rows: rows.length, columns: width }));
          range.numberFormat = formats;
          range.values = cells;
          sheet.getRange(rectAddress({ row: 1, column: 0, rows: 1, columns: width })).format.font.bold = true;
          sheet.getRange(rectAddress({ row: 1, column: 0, rows: Math.max(1, rows.length - 1), columns: width })).format.autofitColumns();
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
      // The tables that grow, read back in the last write request: did each take its added rows?
      const readBack: { recordId: string; expected: string; range: XlRange }[] = [];
      const send = async (i: number): Promise<void> => {
        const chunk = chunks[i];
        if (!chunk) return;
        for (const step of chunk) step.apply();
        if (i === chunks.length - 1) {
          for (const table of plan.writes) {
            const excelId = table.record.table?.id ?? null;
            const proxy = table.grownTable && excelId !== null ? tableById.get(excelId) : undefined;
            if (proxy && table.record.table) readBack.push({ recordId: table.recordId, expected: table.record.table.address, range: proxy.getRange().load("address") });
          }
        }
        counter.syncs++;
        await context.sync();
        await send(i + 1);
      };
      await send(0);
      const report = withReadBack(plan.report, readBack.map(({ recordId, expected, range }) => ({ recordId, expected, actual: range.address.slice(range.address.lastIndexOf("!") + 1).replace(/\$/g, "") })));
      return { ...report, syncs: counter.syncs, writeOperations, logSheet };
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

/** Reads what refresh plans from (3 syncs), for tools and benchmarks that call planRefresh themselves. */
export async function readRefreshView(run: RefreshRun, isSetSupported: (name: string, version: string) => boolean = defaultIsSetSupported(), release?: DatasetIndex): Promise<WorkbookView> {
  try {
    return await run(async (context) => (await readView(context, { syncs: 0 }, readSupport(isSetSupported), release)).view);
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

/**
 * The report after the read-back: a table whose range is not what the write meant gets a change
 * saying so (table_size_mismatch; before: the range meant, after: the range read). Not trusted:
 * the next refresh finds the table as it is.
 */
function withReadBack(report: RefreshReport, read: readonly { recordId: string; expected: string; actual: string }[]): RefreshReport {
  const wrong = new Map(read.filter(({ expected, actual }) => expected !== actual).map((each) => [each.recordId, each]));
  if (wrong.size === 0) return report;
  return {
    ...report,
    tables: report.tables.map((table) => {
      const mismatch = wrong.get(table.recordId);
      if (!mismatch) return table;
      const change: RefreshChange = { rowId: null, columnKey: null, address: table.sheet === null ? mismatch.actual : `${table.sheet}!${mismatch.actual}`, before: mismatch.expected, after: mismatch.actual, kind: "row_added", written: false, reason: "table_size_mismatch" };
      return { ...table, changes: [...table.changes, change] };
    }),
  };
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
/** The formulas read (blocks and formula areas), to write BJ.* formulas back where Range.calculate is missing. */
function formulasOf(view: WorkbookView): (sheetId: string, rect: CellRect) => unknown[][] | null {
  const sheets = new Map(view.sheets.map((sheet) => [sheet.id, sheet]));
  return (sheetId, rect) => {
    const sheet = sheets.get(sheetId);
    if (!sheet) return null;
    const read = [...sheet.formulaBlocks, ...sheet.blocks];
    const at = (row: number, column: number): unknown => {
      const block = read.find((each) => row >= each.row && row < each.row + each.rows && column >= each.column && column < each.column + each.columns);
      return block ? block.formulas[row - block.row]?.[column - block.column] ?? null : null;
    };
    return Array.from({ length: rect.rows }, (_, r) => Array.from({ length: rect.columns }, (_, c) => at(rect.row + r, rect.column + c)));
  };
}

function writeSteps(
  plan: RefreshPlan,
  proxies: {
    readonly sheets: ReadonlyMap<string, XlWorksheet>;
    readonly parts: ReadonlyMap<string, XlCustomXmlPart>;
    /** By Table.id; null where Table.resize is missing (below ExcelApi 1.13). */
    readonly tables: ReadonlyMap<string, XlTable> | null;
  },
  /** Null where Range.calculate exists; else the formulas to write back (ExcelApi below 1.6). */
  rewrite: ((sheetId: string, rect: CellRect) => unknown[][] | null) | null,
): Step[] {
  const { sheets, parts, tables } = proxies;
  const steps: Step[] = [];
  const range = (sheetId: string, rect: CellRect): XlRange | null => sheets.get(sheetId)?.getRange(rectAddress(rect)) ?? null;
  for (const table of plan.writes) {
    for (const rect of table.clears) {
      steps.push({ weight: weight("Range.clear", rectAddress(rect)), ops: 1, apply: () => range(table.sheetId, rect)?.clear("All") });
    }
    for (const write of table.writes) {
      // The table takes its new rows by Table.resize where it can (ExcelApi 1.13), so that nothing
      // depends on it growing over the values; else the values set directly below make it grow.
      const grown = table.grownTable;
      const excelId = table.record.table?.id ?? null;
      const proxy = write.newRows && grown && excelId !== null ? tables?.get(excelId) : undefined;
      if (proxy && grown) {
        const sheet = sheets.get(table.sheetId);
        // requirement-set guard: ExcelApi 1.13 (tables is null unless isSetSupported("ExcelApi", "1.13"))
        if (sheet) steps.push({ weight: weight("Table.resize", rectAddress(grown)), ops: 1, apply: () => proxy.resize(sheet.getRange(rectAddress(grown))) });
      }
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
