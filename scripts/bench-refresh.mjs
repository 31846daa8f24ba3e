/**
 * The refresh section of `npm run bench` (issue 9): syncs and write operations of a refresh of 1,
 * 10 and 100 tables from the embedded release to the revised fixture (and of the refresh after
 * reopening, which must write nothing), the largest request's estimated payload, and the median
 * time of the pure plan (planRefresh) of 100 tables; and (issue 14) a plan (a dry run, reads
 * included) and the inserted list of 10 tables beside a 250,001 x 20 user sheet, each as a time
 * ratio to the same workbook without that sheet, measured in one run (runs interleaved), with the
 * largest response of each, estimated by the simulator. A measurement, not a test.
 *
 * It bundles test/refresh/scenario.ts (the same scenario the sync-count test runs) for Node with
 * webpack, against the simulated host.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ROOT, bundleForNode } from "./bench-node-bundle.mjs";

const PLAN_RUNS = 15;
const BESIDE_TABLES = 10;
const BESIDE_RUNS = 21;

async function bundle(out) {
  return (await bundleForNode({ scenario: "./test/refresh/scenario.ts" }, out)).scenario;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints the refresh figures and returns them (for the report, scripts/bench-report.mjs). */
export async function benchRefresh() {
  const figures = {};
  const out = mkdtempSync(join(tmpdir(), "bj-bench-refresh-"));
  try {
    const scenario = createRequire(import.meta.url)(await bundle(out));
    const revised = scenario.releaseIndex(JSON.parse(readFileSync(join(ROOT, "test/fixtures/releases/revised.json"), "utf8")));
    console.log(`Refresh to release ${revised.release.id} (simulated Excel; values mode; fdi_headline copies on one sheet):`);
    console.log(`  ${"tables".padStart(6)}  ${"syncs".padStart(5)}  ${"write ops".padStart(9)}  ${"largest request".padStart(15)}  |  after reopening: syncs, write ops, up to date`);
    for (const tables of [1, 10, 100]) {
      const result = await scenario.refreshScenario(tables, revised);
      const { refresh, again } = result;
      figures[`refresh_syncs_${tables}`] = refresh.syncs;
      if (tables === 100) {
        figures.refresh_write_ops_100 = refresh.writeOperations;
        figures.refresh_current_write_ops = again.writeOperations;
      }
      figures.refresh_max_request_bytes = Math.max(figures.refresh_max_request_bytes ?? 0, refresh.largestPayloadBytes);
      console.log(
        `  ${String(tables).padStart(6)}  ${String(refresh.syncs).padStart(5)}  ${String(refresh.writeOperations).padStart(9)}  ${kb(refresh.largestPayloadBytes).padStart(15)}  |  ${again.syncs}, ${again.writeOperations}, ${again.upToDate ? "yes" : "NO"}`,
      );
    }
    const timing = await scenario.planTiming(100, revised, PLAN_RUNS, () => performance.now());
    console.log(`  pure plan (planRefresh) of 100 tables: median ${timing.medianMs.toFixed(2)} ms over ${timing.runs} runs`);
    figures.refresh_plan_100_ms_median = timing.medianMs;

    const beside = await scenario.besideUserSheet(BESIDE_TABLES, revised, BESIDE_RUNS, () => performance.now());
    const ratio = (pair) => (pair.without > 0 ? pair.beside / pair.without : null);
    figures.refresh_plan_beside_user_sheet_ratio = ratio(beside.planMs);
    figures.inserted_list_beside_user_sheet_ratio = ratio(beside.listMs);
    figures.refresh_plan_beside_user_sheet_max_response_bytes = beside.planLargestResponseBytes;
    figures.inserted_list_beside_user_sheet_max_response_bytes = beside.listLargestResponseBytes;
    const ms = (value) => `${value.toFixed(2)} ms`;
    console.log(`Beside a 250,001 x 20 user sheet (${BESIDE_TABLES} tables; medians of ${BESIDE_RUNS} interleaved runs after 2 warm-up rounds; the ratio is beside / without):`);
    console.log(`  refresh plan (dry run, ${beside.planSyncs} syncs): ${ms(beside.planMs.without)} without, ${ms(beside.planMs.beside)} beside: ratio ${figures.refresh_plan_beside_user_sheet_ratio?.toFixed(2)} (goal <= 1.5); largest response ${kb(beside.planLargestResponseBytes)}`);
    console.log(`  inserted list:               ${ms(beside.listMs.without)} without, ${ms(beside.listMs.beside)} beside: ratio ${figures.inserted_list_beside_user_sheet_ratio?.toFixed(2)} (goal <= 1.5); largest response ${kb(beside.listLargestResponseBytes)}`);
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// Run on its own: node scripts/bench-refresh.mjs
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchRefresh().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
