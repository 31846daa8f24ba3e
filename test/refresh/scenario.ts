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
    refresh: { syncs: first.syncs, writeOperations: first.writeOperations, largestPayloadBytes: first.largestPayloadBytes },
    again: { syncs: second.syncs, writeOperations: second.writeOperations, largestPayloadBytes: second.largestPayloadBytes, upToDate: second.result.upToDate },
    statuses: first.result.tables.map((table) => table.status),
  };
}

/** Median milliseconds of the pure plan (planRefresh) of a workbook of `tables` tables, over `runs` runs. */
export async function planTiming(tables: number, revised: DatasetIndex, runs: number, now: () => number): Promise<{ medianMs: number; runs: number }> {
  const host = await workbookWith(tables);
  const view = await readRefreshView(host.run);
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
