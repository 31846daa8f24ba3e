/**
 * The insert section of `npm run bench`: syncs of an insert at the selection, on a new sheet and of
 * "insert all" (the most any table, language and mode took; goal 2 each), and the largest request
 * payload, against the simulated host. It bundles test/bench/insert-scenario.ts for Node with
 * webpack. A measurement, not a test: the tests in test/office assert the counts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleForNode } from "./bench-node-bundle.mjs";


async function bundle(out) {
  return (await bundleForNode({ scenario: "./test/bench/insert-scenario.ts" }, out)).scenario;
}

/**
 * Prints the insert figures and returns them:
 * { insert_selection_syncs, insert_new_sheet_syncs, insert_all_syncs, insert_max_request_bytes }.
 */
export async function benchInsert() {
  const out = mkdtempSync(join(tmpdir(), "bj-bench-insert-"));
  try {
    const scenario = createRequire(import.meta.url)(await bundle(out));
    const f = await scenario.insertFigures();
    const verdict = (syncs) => (syncs <= 2 ? "goal met" : "OVER GOAL");
    console.log(`Insert (simulated Excel; every table, both languages, every mode: ${f.cases} inserts; the most syncs any took):`);
    console.log(`  at the selection  ${String(f.selectionSyncs).padStart(2)} syncs  goal 2: ${verdict(f.selectionSyncs)}`);
    console.log(`  on a new sheet    ${String(f.newSheetSyncs).padStart(2)} syncs  goal 2: ${verdict(f.newSheetSyncs)}`);
    console.log(`  insert all        ${String(f.allSyncs).padStart(2)} syncs  goal 2: ${verdict(f.allSyncs)}`);
    console.log(`  largest request   ${(f.maxRequestBytes / 1024).toFixed(1)} KB (Excel on the web's limit: 5 MB)`);
    return {
      insert_selection_syncs: f.selectionSyncs,
      insert_new_sheet_syncs: f.newSheetSyncs,
      insert_all_syncs: f.allSyncs,
      insert_max_request_bytes: f.maxRequestBytes,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchInsert().catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  });
}
