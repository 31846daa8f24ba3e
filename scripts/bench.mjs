#!/usr/bin/env node
/**
 * npm run bench: lookups per second of the BJ.* functions, then the insert figures
 * (scripts/bench-insert.mjs), the refresh figures (scripts/bench-refresh.mjs) and the page figures
 * (scripts/bench-pages.mjs: bundle sizes, dataset copies, pane interactive time), then a summary
 * table of every figure beside its goal (scripts/bench-report.mjs). `npm run bench -- --json`
 * also prints the report as one JSON object on the last line.
 * A measurement, not a test: it prints each figure and whether it meets the goal, and exits 0
 * either way (non-zero only if the bench itself fails). Later issues add their cases to PATHS.
 *
 * One webpack build (production mode, for Node, into a temporary directory) bundles two entries:
 * the library (src/functions/library.ts) and the registered functions (src/functions/functions.ts,
 * the bundle Excel loads). Each case is timed over 1,000,000 calls after a warm-up, on these paths:
 *   - library, plain host: createLibrary() as tests call it;
 *   - registered, plain host: the functions functions.ts hands to CustomFunctions.associate (a stub
 *     runtime here), errors thrown as CustomFunctions.Error, no Office context;
 *   - library, CustomFunctionsRuntime 1.4 host (injected HostSupport): formatted values;
 *   - registered, CustomFunctionsRuntime 1.4 host: an Office global whose requirement sets say 1.4,
 *     detected by the bundle itself, so results are formatted cell values.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleForNode } from "./bench-node-bundle.mjs";
import { benchInsert } from "./bench-insert.mjs";
import { benchPages } from "./bench-pages.mjs";
import { benchRefresh } from "./bench-refresh.mjs";
import { reportObject, reportTable } from "./bench-report.mjs";

const CALLS = 1_000_000;
const WARM_UP = 100_000;
/** Each case is timed this many times; the figure is the median. */
const RUNS = 3;
/** `npm run bench -- --json`: the report as one JSON object on the last line. */
const JSON_OUTPUT = process.argv.includes("--json");
const GOAL_PER_SECOND = 1_000_000;

/** Bundles the library and the registered functions for Node; returns the output directory's files. */
async function build(out) {
  return bundleForNode({ library: "./src/functions/library.ts", functions: "./src/functions/functions.ts" }, out);
}

/** The runtime's CustomFunctions.Error: a plain class with code and message. */
class RuntimeError {
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
}

/** Installs a CustomFunctions stub and loads the functions bundle; returns what it associated. */
function loadRegistered(path) {
  const associated = new Map();
  globalThis.CustomFunctions = {
    Error: RuntimeError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
    associate: (id, fn) => associated.set(id, fn),
  };
  createRequire(import.meta.url)(path);
  return associated;
}

/** An Office global of a CustomFunctionsRuntime 1.4 / ExcelApi 1.19 host in English. */
const OFFICE_1_4 = {
  context: {
    displayLanguage: "en-US",
    requirements: {
      isSetSupported: (name, version = "1.1") => {
        const have = { CustomFunctionsRuntime: [1, 4], ExcelApi: [1, 19] }[name];
        const [major, minor = 0] = version.split(".").map(Number);
        return have !== undefined && (have[0] > major || (have[0] === major && have[1] >= minor));
      },
    },
  },
};

/** The injected host of the library's 1.4 cases (see src/functions/host.ts). */
const HOST_1_4 = Object.freeze({ cellValues: true, doubleNumberFormat: true, language: "en" });

/** The value cases every path times: a name, the function id, and the arguments Excel passes. */
const VALUE_CASES = [
  { name: 'BJ.STAT("fdi_new_enterprises")', id: "STAT", args: ["fdi_new_enterprises", null, null] },
  { name: 'BJ.STAT("ftz_fdi_share",2024,"period")', id: "STAT", args: ["ftz_fdi_share", 2024, "period"] },
  { name: "BJ.FDI_COUNT(2024)", id: "FDI_COUNT", args: [2024] },
  { name: "BJ.FDI_COUNT()", id: "FDI_COUNT", args: [0] },
  { name: "BJ.FTZ_FDI_SHARE() (a percentage)", id: "FTZ_FDI_SHARE", args: [null] },
];
/** An error case: no goal, the cost of building and throwing a CustomFunctions.Error. */
const ERROR_CASE = { name: "BJ.FDI_COUNT(2023) → #N/A", id: "FDI_COUNT", args: [2023], throws: true };

/** A value Excel can take: a number, text, or a cell value object with a number format. */
function isValue(result, formatted) {
  if (formatted) return typeof result === "string" || (typeof result === "object" && result !== null && typeof result.numberFormat === "string");
  return typeof result === "number" || typeof result === "string";
}

function time(fn, args, calls) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const result = fn(...args);
    sink += typeof result === "number" ? 1 : typeof result === "string" ? 2 : 3;
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, sink };
}

function timeThrowing(fn, args, calls) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    try {
      fn(...args);
    } catch (error) {
      sink += error instanceof RuntimeError ? 1 : 2;
    }
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, sink };
}

/** Checks a case answers as expected before timing it (a bench of a failing call is meaningless). */
function probe(path, bench, fn) {
  if (bench.throws) {
    try {
      fn(...bench.args);
    } catch (error) {
      if (error instanceof RuntimeError && error.code === "#N/A") return;
      throw new Error(`${path.name} ${bench.name} threw ${String(error)}`);
    }
    throw new Error(`${path.name} ${bench.name} did not throw`);
  }
  const result = fn(...bench.args);
  if (!isValue(result, path.formatted)) throw new Error(`${path.name} ${bench.name} did not return a value: ${JSON.stringify(result)}`);
}

/** The BJ.* lookup figures; returns the slowest value case's lookups per second. */
async function benchFunctions() {
  let slowest = Infinity;
  const out = mkdtempSync(join(tmpdir(), "bj-bench-"));
  try {
    const files = await build(out);
    const { createLibrary } = createRequire(import.meta.url)(files.library);
    const registered = loadRegistered(files.functions);
    const fromMap = (map) => (id) => map.get(id);
    const fromLibrary = (library) => (id) => library[id];

    /** The paths, timed in order: the registered plain path runs before an Office global exists. */
    const PATHS = [
      { name: "library, plain host", fn: fromLibrary(createLibrary()), formatted: false, cases: VALUE_CASES },
      { name: "registered (CustomFunctions wrapper), plain host", fn: fromMap(registered), formatted: false, cases: [...VALUE_CASES, ERROR_CASE] },
      { name: "library, CustomFunctionsRuntime 1.4 host (injected), formatted", fn: fromLibrary(createLibrary({ host: () => HOST_1_4 })), formatted: true, cases: VALUE_CASES },
      {
        name: "registered, CustomFunctionsRuntime 1.4 host (Office requirement sets), formatted",
        before: () => {
          globalThis.Office = OFFICE_1_4;
        },
        fn: fromMap(registered),
        formatted: true,
        cases: [...VALUE_CASES, ERROR_CASE],
      },
    ];

    console.log(`BJ.* lookups, ${CALLS.toLocaleString("en")} calls each, median of ${RUNS} runs (goal ${GOAL_PER_SECOND.toLocaleString("en")}/s for values), Node ${process.version}`);
    let allMet = true;
    for (const path of PATHS) {
      path.before?.();
      console.log(`${path.name}:`);
      for (const bench of path.cases) {
        const fn = path.fn(bench.id);
        if (typeof fn !== "function") throw new Error(`${path.name}: no function ${bench.id}`);
        probe(path, bench, fn);
        const run = bench.throws ? timeThrowing : time;
        run(fn, bench.args, WARM_UP);
        const timings = Array.from({ length: RUNS }, () => run(fn, bench.args, CALLS).seconds).sort((a, b) => a - b);
        const seconds = timings[(RUNS - 1) >> 1] ?? Number.NaN;
        const perSecond = Math.round(CALLS / seconds);
        if (!bench.throws) slowest = Math.min(slowest, perSecond);
        const met = perSecond >= GOAL_PER_SECOND;
        if (!bench.throws) allMet &&= met;
        const verdict = bench.throws ? "(error path, no goal)" : met ? "goal met" : "BELOW GOAL";
        console.log(
          `  ${bench.name.padEnd(42)} ${perSecond.toLocaleString("en").padStart(12)} lookups/s  ${(seconds * 1000).toFixed(0).padStart(5)} ms  ${verdict}`,
        );
      }
    }
    console.log(allMet ? "All value cases meet the goal." : "Some value cases are below the goal.");
  } finally {
    delete globalThis.Office;
    delete globalThis.CustomFunctions;
    rmSync(out, { recursive: true, force: true });
  }
  return { functions_lookups_per_s: slowest };
}

/**
 * Runs every section; a section that fails leaves its figures null with the error as the note, and
 * the others still run. Then the report: the table, and with --json the JSON object, last.
 */
async function main() {
  const figures = {};
  const notes = {};
  const sections = [
    // BJ.* lookups per second: every path and value case (above).
    { name: "functions", keys: ["functions_lookups_per_s"], run: benchFunctions },
    // Insert: syncs at the selection, on a new sheet, insert all; the largest request (scripts/bench-insert.mjs).
    { name: "insert", keys: ["insert_selection_syncs", "insert_new_sheet_syncs", "insert_all_syncs"], run: benchInsert },
    // Refresh: syncs, write operations and payload for 1, 10 and 100 tables; the pure plan's time (scripts/bench-refresh.mjs).
    // Beside a 250,001 x 20 user sheet: the plan's and the inserted list's time ratios and largest responses.
    {
      name: "refresh",
      keys: [
        "refresh_syncs_1", "refresh_syncs_10", "refresh_syncs_100", "refresh_write_ops_100", "refresh_current_write_ops",
        "refresh_plan_beside_user_sheet_ratio", "inserted_list_beside_user_sheet_ratio",
        "refresh_plan_beside_user_sheet_max_response_bytes", "inserted_list_beside_user_sheet_max_response_bytes",
      ],
      run: benchRefresh,
    },
    // Bundle sizes, dataset copies on the pane page, pane interactive time (scripts/bench-pages.mjs).
    {
      name: "pages",
      keys: ["taskpane_js_gzip_bytes", "functions_js_gzip_bytes", "dataset_copies_per_page", "pane_interactive_ms_median", "pane_interactive_ratio"],
      run: async () => {
        const result = await benchPages();
        Object.assign(notes, result.notes);
        return result.figures;
      },
    },
  ];
  for (const section of sections) {
    console.log("");
    try {
      Object.assign(figures, await section.run());
    } catch (error) {
      console.error(`The ${section.name} section failed: ${error instanceof Error ? error.stack : String(error)}`);
      for (const key of section.keys) notes[key] = `the ${section.name} section failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
      process.exitCode = 1;
    }
  }
  const requests = [figures.insert_max_request_bytes, figures.refresh_max_request_bytes].filter((v) => typeof v === "number");
  figures.max_request_bytes = requests.length > 0 ? Math.max(...requests) : null;
  if (requests.length === 0) notes.max_request_bytes = "neither the insert nor the refresh section returned a request size";
  const report = reportObject(figures, notes);
  console.log("");
  console.log("Summary (goals from issue 10; timings are medians, syncs, operations and bytes exact):");
  console.log(reportTable(report));
  if (JSON_OUTPUT) console.log(JSON.stringify(report));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
