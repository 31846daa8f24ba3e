/**
 * A refresh of n tables, measured from the simulator's sync records: used by the sync-count test
 * and by `npm run bench` (scripts/bench-refresh.mjs bundles this module). No jest, no custom
 * functions runtime: values mode only, so no formula needs evaluating.
 */
import { indexRelease, planRefresh, tableGrid } from "../../src/core";
import type { DatasetIndex } from "../../src/core";
import { CURRENT_RELEASE } from "../../src/data";
import { Release } from "../../src/data/schema";
import { ExcelWorkbook } from "../../src/office";
import { readRefreshView, refreshTables } from "../../src/office/refresh";
import { createSimulatedExcel, openSimulatedExcel } from "../../src/simulated-excel";
import type { SimulatedExcel, SimulatedWorkbookSnapshot } from "../../src/simulated-excel";

export interface Measured {
  readonly syncs: number;
  readonly writeOperations: number;
  readonly largestPayloadBytes: number;
  /** The largest response of a sync, as the simulator estimates it (the JSON of what was loaded). */
  readonly largestResponseBytes: number;
}

export interface ScenarioResult {
  readonly tables: number;
  readonly refresh: Measured;
  /** The same workbook saved, reopened and refreshed again. */
  readonly again: Measured & { readonly upToDate: boolean };
  readonly statuses: readonly string[];
}

/** Validates a release file's parsed JSON with the zod schema and indexes it. */
export function releaseIndex(json: unknown): DatasetIndex {
  const parsed = Release.safeParse(json);
  if (!parsed.success) throw new Error(`not a valid release: ${parsed.error.message}`);
  return indexRelease(parsed.data);
}

async function measure<T>(host: SimulatedExcel, call: () => Promise<T>): Promise<{ result: T } & Measured> {
  const before = host.syncs.length;
  const result = await call();
  const records = host.syncs.slice(before);
  return {
    result,
    syncs: records.length,
    writeOperations: records.reduce((n, record) => n + record.writes + record.locations.filter((location) => /\.(delete|calculate|setXml|add)$/.test(location)).length, 0),
    largestPayloadBytes: Math.max(0, ...records.map((record) => record.payloadBytes)),
    largestResponseBytes: Math.max(0, ...records.map((record) => record.responseBytes)),
  };
}

/** A workbook with `tables` copies of fdi_headline (values mode, one sheet), as insertAllTables writes them. */
export async function workbookWith(tables: number): Promise<SimulatedExcel> {
  const host = createSimulatedExcel();
  const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
  const grid = tableGrid(indexRelease(CURRENT_RELEASE), "fdi_headline", "en");
  await port.insertAllTables(Array.from({ length: tables }, () => grid), { title: "Figures", sheetName: "Figures" });
  return host;
}

/** Refreshes a workbook of `tables` tables to `revised`, then saves, reopens and refreshes again. */
export async function refreshScenario(tables: number, revised: DatasetIndex): Promise<ScenarioResult> {
  const host = await workbookWith(tables);
  const first = await measure(host, () => refreshTables(host.run, revised));
  const reopened = openSimulatedExcel(JSON.parse(JSON.stringify(host.save())) as SimulatedWorkbookSnapshot);
  const second = await measure(reopened, () => refreshTables(reopened.run, revised));
  return {
    tables,
    refresh: { syncs: first.syncs, writeOperations: first.writeOperations, largestPayloadBytes: first.largestPayloadBytes, largestResponseBytes: first.largestResponseBytes },
    again: { syncs: second.syncs, writeOperations: second.writeOperations, largestPayloadBytes: second.largestPayloadBytes, largestResponseBytes: second.largestResponseBytes, upToDate: second.result.upToDate },
    statuses: first.result.tables.map((table) => table.status),
  };
}

/** Median milliseconds of the pure plan (planRefresh) of a workbook of `tables` tables, over `runs` runs. */
export async function planTiming(tables: number, revised: DatasetIndex, runs: number, now: () => number): Promise<{ medianMs: number; runs: number }> {
  const host = await workbookWith(tables);
  const view = await readRefreshView(host.run, host.isSetSupported, revised);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    planRefresh(view, revised);
    times.push(now() - start);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const medianMs = times.length % 2 === 1 ? times[middle] ?? 0 : ((times[middle - 1] ?? 0) + (times[middle] ?? 0)) / 2;
  return { medianMs, runs };
}

/** The user's own data sheet: its size by its used range, and the cells it holds. */
export interface UserSheet {
  readonly name: string;
  /** Rows of the used range, header included (250,001: a header and 250,000 rows). */
  readonly rows: number;
  /** Columns of the used range (20: A:T). */
  readonly columns: number;
  /** Every how many rows a row is filled (the header and the last row always are). */
  readonly every: number;
  /** A column of that many contiguous formula cells of the user's own (=1+1) in the next column, from row 2. */
  readonly formulaColumn?: number;
}

export const BIG_USER_SHEET: UserSheet = { name: "Data", rows: 250_001, columns: 20, every: 10_000 };

const column = (c: number): string => (c >= 26 ? column(Math.floor(c / 26) - 1) : "") + String.fromCharCode(65 + (c % 26));

/**
 * Adds the user's data sheet beside our tables: A1 to the sheet's last cell is its used range
 * (250,001 x 20 = 5,000,020 cells, over Excel's 5,000,000 cells per read), with the header, every
 * `every`-th row, and the last row filled; the last column of those rows holds the user's own
 * formulas, and one of them is =BJ.FDI_COUNT(2024). The simulator keeps only non-empty cells, and
 * a dense 5,000,000-cell sheet takes it itself about 15 s to build and 7 s per scan (measured):
 * that would time the simulator, not the add-in. What the add-in reads is bounded by address, so
 * the used range's size is what matters to it, and what Excel's limits judge.
 */
export async function addUserSheet(host: SimulatedExcel, sheet: UserSheet = BIG_USER_SHEET): Promise<void> {
  await host.run(async (context) => {
    const data = context.workbook.worksheets.add(sheet.name);
    const last = column(sheet.columns - 1);
    const beforeLast = column(sheet.columns - 2);
    data.getRange(`A1:${last}1`).values = [Array.from({ length: sheet.columns }, (_, c) => `Field ${c + 1}`)];
    const rows = new Set<number>([sheet.rows]);
    for (let r = sheet.every; r < sheet.rows; r += sheet.every) rows.add(r);
    for (const r of [...rows].sort((a, b) => a - b)) {
      data.getRange(`A${r}:${beforeLast}${r}`).values = [Array.from({ length: sheet.columns - 1 }, (_, c) => r * 100 + c)];
      data.getRange(`${last}${r}`).formulas = [[r === sheet.every ? "=BJ.FDI_COUNT(2024)" : `=A${r}*2`]];
    }
    if (sheet.formulaColumn) {
      const next = column(sheet.columns);
      data.getRange(`${next}2:${next}${1 + sheet.formulaColumn}`).formulas = Array.from({ length: sheet.formulaColumn }, () => ["=1+1"]);
    }
    await context.sync();
  });
}

export interface BesideResult {
  /** Median milliseconds of a plan (a dry run of refreshTables, reads included) without the user sheet, and beside it. */
  readonly planMs: { readonly without: number; readonly beside: number };
  /** Median milliseconds of the inserted list (listInserted) without the user sheet, and beside it. */
  readonly listMs: { readonly without: number; readonly beside: number };
  /** The largest response of a sync, estimated, beside the user sheet. */
  readonly planLargestResponseBytes: number;
  readonly listLargestResponseBytes: number;
  readonly planSyncs: number;
}

/**
 * A plan and the inserted list of `tables` tables, in a workbook without the user sheet and in
 * the same workbook beside it, measured in one run (the runs interleaved, so drift hits both).
 */
export async function besideUserSheet(tables: number, revised: DatasetIndex, runs: number, now: () => number): Promise<BesideResult> {
  const plain = await workbookWith(tables);
  const big = openSimulatedExcel(JSON.parse(JSON.stringify(plain.save())) as SimulatedWorkbookSnapshot);
  await addUserSheet(big);
  const ports = [plain, big].map((host) => new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported }));
  const times = { plan: [[], []] as number[][], list: [[], []] as number[][] };
  let planResponse = 0;
  let listResponse = 0;
  let planSyncs = 0;
  // Two warm-up rounds (not counted), then `runs` rounds, the order alternating in each.
  for (let i = -2; i < runs; i++) {
    for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const host = which === 0 ? plain : big;
      const port = ports[which];
      if (!port) continue;
      let start = now();
      const plan = await measure(host, () => refreshTables(host.run, revised, { dryRun: true, isSetSupported: host.isSetSupported }));
      if (i >= 0) times.plan[which]?.push(now() - start);
      start = now();
      const list = await measure(host, () => port.listInserted());
      if (i >= 0) times.list[which]?.push(now() - start);
      if (which === 1) {
        planResponse = Math.max(planResponse, plan.largestResponseBytes);
        listResponse = Math.max(listResponse, list.largestResponseBytes);
        planSyncs = plan.syncs;
      }
    }
  }
  const median = (values: readonly number[] | undefined): number => {
    const sorted = [...(values ?? [])].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] ?? 0 : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };
  return {
    planMs: { without: median(times.plan[0]), beside: median(times.plan[1]) },
    listMs: { without: median(times.list[0]), beside: median(times.list[1]) },
    planLargestResponseBytes: planResponse,
    listLargestResponseBytes: listResponse,
    planSyncs,
  };
}
