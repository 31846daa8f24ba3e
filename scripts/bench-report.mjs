/**
 * The report of `npm run bench`: every figure the issue names beside its goal, as a readable table,
 * and with `--json` one JSON object on the last line of the output. A figure that could not be
 * measured is null, with the reason under `notes`; no key is ever left out.
 */
import { cpus, release as osRelease, totalmem, type as osType } from "node:os";

const KB = 1024;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const count = (n) => n.toLocaleString("en");

/**
 * The report's rows, in order: the JSON key, what it is, its goal, how to show it, and whether a value
 * meets the goal (null: no goal of its own).
 */
export const ROWS = [
  { key: "functions_lookups_per_s", what: "BJ.* lookups per second (slowest value case)", goal: "≥ 1,000,000/s", show: count, met: (v) => v >= 1_000_000 },
  { key: "insert_selection_syncs", what: "insert at the selection: syncs", goal: "2", show: String, met: (v) => v <= 2 },
  { key: "insert_new_sheet_syncs", what: "insert on a new sheet: syncs", goal: "2", show: String, met: (v) => v <= 2 },
  { key: "insert_all_syncs", what: "insert all tables: syncs", goal: "2", show: String, met: (v) => v <= 2 },
  // 4 since issue 14: one more read, so that no read loads what the user keeps (docs/refresh.md, "Syncs").
  { key: "refresh_syncs_1", what: "refresh of 1 table: syncs", goal: "≤ 4, same for 1, 10, 100", show: String, met: (v, f) => v <= 4 && v === f.refresh_syncs_100 },
  { key: "refresh_syncs_10", what: "refresh of 10 tables: syncs", goal: "≤ 4, same for 1, 10, 100", show: String, met: (v, f) => v <= 4 && v === f.refresh_syncs_1 },
  { key: "refresh_syncs_100", what: "refresh of 100 tables: syncs", goal: "≤ 4, same for 1, 10, 100", show: String, met: (v, f) => v <= 4 && v === f.refresh_syncs_1 },
  { key: "refresh_write_ops_100", what: "refresh of 100 tables: write operations", goal: "(reported)", show: count, met: null },
  { key: "refresh_current_write_ops", what: "refresh when up to date: write operations", goal: "0", show: count, met: (v) => v === 0 },
  { key: "refresh_plan_beside_user_sheet_ratio", what: "refresh plan beside a 250,000 × 20 sheet: time ratio", goal: "≤ 1.5", show: (v) => v.toFixed(2), met: (v) => v <= 1.5 },
  { key: "inserted_list_beside_user_sheet_ratio", what: "inserted list beside that sheet: time ratio", goal: "≤ 1.5", show: (v) => v.toFixed(2), met: (v) => v <= 1.5 },
  { key: "refresh_plan_beside_user_sheet_max_response_bytes", what: "refresh plan beside that sheet: largest response", goal: "< 5 MB (Excel on the web)", show: kb, met: (v) => v < 5 * KB * KB },
  { key: "inserted_list_beside_user_sheet_max_response_bytes", what: "inserted list beside that sheet: largest response", goal: "< 5 MB (Excel on the web)", show: kb, met: (v) => v < 5 * KB * KB },
  { key: "max_request_bytes", what: "largest request (insert, refresh)", goal: "< 5 MB (Excel on the web)", show: kb, met: (v) => v < 5 * KB * KB },
  { key: "taskpane_js_gzip_bytes", what: "taskpane.js, gzipped", goal: "≤ 50 KB", show: kb, met: (v) => v <= 50 * KB },
  { key: "functions_js_gzip_bytes", what: "functions.js, gzipped", goal: "≤ 25 KB", show: kb, met: (v) => v <= 25 * KB },
  { key: "pane_page_gzip_bytes", what: "pane page (both bundles + CSS), gzipped", goal: "≤ 50 KB", show: kb, met: (v) => v <= 50 * KB },
  { key: "dataset_copies_per_page", what: "copies of the dataset on the pane page", goal: "1", show: String, met: (v) => v === 1 },
  { key: "pane_interactive_ms_median", what: "pane interactive (preview page, median)", goal: "≤ 200 ms", show: (v) => `${Math.round(v)} ms`, met: (v) => v <= 200 },
  { key: "pane_interactive_ratio", what: "pane interactive / bare page with the same office.js", goal: "(judged by the ratio)", show: (v) => v.toFixed(2), met: null },
];

/** The machine the figures were taken on, in one line. */
export function machine() {
  const cpu = cpus();
  return `${cpu[0]?.model?.trim() ?? "unknown CPU"} × ${cpu.length}, ${(totalmem() / KB ** 3).toFixed(0)} GB, ${osType()} ${osRelease()}, Node ${process.version}`;
}

/**
 * Every key of ROWS (null where missing, with a note saying why, unless one is given) plus any
 * extra figures, the notes, and the machine.
 * @param {Record<string, number | null | undefined>} figures
 * @param {Record<string, string>} notes
 */
export function reportObject(figures, notes) {
  const out = {};
  const allNotes = { ...notes };
  for (const { key } of ROWS) {
    const value = figures[key];
    out[key] = typeof value === "number" && Number.isFinite(value) ? value : null;
    if (out[key] === null) allNotes[key] ??= "this section of the bench did not run or returned no figure";
  }
  for (const [key, value] of Object.entries(figures)) if (!(key in out)) out[key] = value ?? null;
  // Timings to 0.1 (ms, lookups/s are whole already); counts and bytes are integers as measured.
  for (const [key, value] of Object.entries(out)) if (typeof value === "number" && !Number.isInteger(value)) out[key] = Math.round(value * 10) / 10;
  return { ...out, notes: allNotes, machine: machine() };
}

/** The readable table: each figure beside its goal. */
export function reportTable(report) {
  const lines = [];
  const width = Math.max(...ROWS.map((r) => r.what.length));
  lines.push(`${"figure".padEnd(width)}  ${"measured".padStart(14)}  ${"goal".padEnd(26)}  verdict`);
  lines.push(`${"-".repeat(width)}  ${"-".repeat(14)}  ${"-".repeat(26)}  -------`);
  for (const row of ROWS) {
    const value = report[row.key];
    const shown = value === null ? "n/a" : row.show(value);
    const verdict = value === null ? `not measured: ${report.notes[row.key]}` : row.met === null ? "" : row.met(value, report) ? "met" : "MISSED";
    lines.push(`${row.what.padEnd(width)}  ${shown.padStart(14)}  ${row.goal.padEnd(26)}  ${verdict}`);
  }
  lines.push(`Machine: ${report.machine}`);
  return lines.join("\n");
}
