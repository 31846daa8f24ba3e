#!/usr/bin/env node
/**
 * npm run bench: lookups per second of the BJ.* functions, called as Excel calls them.
 * Bundles src/functions/library.ts with webpack (production mode, for Node) into a temporary
 * directory, then times 1,000,000 calls of each case after a warm-up. A measurement, not a test:
 * it prints the figures and whether each meets the goal, and exits 0 either way (non-zero only if
 * the bench itself fails). Later issues add their cases to BENCHES.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import webpack from "webpack";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CALLS = 1_000_000;
const WARM_UP = 100_000;
const GOAL_PER_SECOND = 1_000_000;

/** Bundles the library for Node and returns its exports. */
async function loadLibrary(out) {
  const config = {
    mode: "production",
    target: "node",
    context: ROOT,
    entry: "./src/functions/library.ts",
    output: { path: out, filename: "library.cjs", library: { type: "commonjs2" } },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: join(ROOT, "tsconfig.json") } },
        },
      ],
    },
    devtool: false,
    performance: { hints: false },
  };
  await new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) reject(error);
      else if (stats.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    });
  });
  return createRequire(import.meta.url)(join(out, "library.cjs"));
}

/** The cases: a name, the function id, and the arguments Excel would pass. */
const BENCHES = [
  { name: 'BJ.STAT("fdi_new_enterprises")', id: "STAT", args: ["fdi_new_enterprises", null, null] },
  { name: 'BJ.STAT("ftz_fdi_share",2024,"period")', id: "STAT", args: ["ftz_fdi_share", 2024, "period"] },
  { name: "BJ.FDI_COUNT(2024)", id: "FDI_COUNT", args: [2024] },
  { name: "BJ.FDI_COUNT()", id: "FDI_COUNT", args: [0] },
];

function time(fn, args, calls) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const result = fn(...args);
    sink += typeof result === "number" ? 1 : typeof result === "string" ? 2 : 3;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, sink };
}

async function main() {
  const out = mkdtempSync(join(tmpdir(), "bj-bench-"));
  try {
    const { createLibrary } = await loadLibrary(out);
    // A host that takes plain values (the bench has no Office); formatting costs are in the tests.
    const library = createLibrary();
    console.log(`BJ.* lookups, ${CALLS.toLocaleString("en")} calls each (goal ${GOAL_PER_SECOND.toLocaleString("en")}/s), Node ${process.version}`);
    let allMet = true;
    for (const bench of BENCHES) {
      const fn = library[bench.id];
      const probe = fn(...bench.args);
      if (typeof probe !== "number" && typeof probe !== "string") throw new Error(`${bench.name} did not return a value: ${JSON.stringify(probe)}`);
      time(fn, bench.args, WARM_UP);
      const { seconds } = time(fn, bench.args, CALLS);
      const perSecond = Math.round(CALLS / seconds);
      const met = perSecond >= GOAL_PER_SECOND;
      allMet &&= met;
      console.log(
        `  ${bench.name.padEnd(42)} ${perSecond.toLocaleString("en").padStart(12)} lookups/s  ${(seconds * 1000).toFixed(0).padStart(5)} ms  ${met ? "goal met" : "BELOW GOAL"}`,
      );
    }
    console.log(allMet ? "All cases meet the goal." : "Some cases are below the goal.");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
