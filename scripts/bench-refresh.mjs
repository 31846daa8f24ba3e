/**
 * The refresh section of `npm run bench` (issue 9): syncs and write operations of a refresh of 1,
 * 10 and 100 tables from the embedded release to the revised fixture (and of the refresh after
 * reopening, which must write nothing), the largest request's estimated payload, and the median
 * time of the pure plan (planRefresh) of 100 tables. A measurement, not a test.
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
