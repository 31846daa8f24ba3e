/**
 * The project's ESLint configuration, run through ESLint's Node API on snippets placed under src/:
 * each HTML sink and each way to evaluate a string is an error, and ordinary DOM code is not.
 * If a later config block for part of src/ replaced these rules, the snippets would show it.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../manifest/manifest-checks";

interface Snippet {
  readonly code: string;
  /** Relative to the project: the config's file patterns decide which rules apply. */
  readonly filePath: string;
}

/**
 * The error-level messages ("ruleId: message") for each snippet, from `new ESLint().lintText` run in
 * a child Node process (lint-snippets.mjs; jest cannot import eslint.config.mjs itself).
 */
function lint(snippets: readonly Snippet[]): string[][] {
  const run = spawnSync(process.execPath, [join(__dirname, "lint-snippets.mjs")], {
    cwd: PROJECT_ROOT,
    input: JSON.stringify(snippets),
    encoding: "utf8",
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`ESLint failed (exit ${String(run.status)}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

function errors(code: string, filePath: string): string[] {
  return lint([{ code, filePath }])[0] ?? [];
}

/** One snippet per sink, each a single statement that must be caught. */
const SINKS: ReadonlyArray<readonly [string, string]> = [
  ["innerHTML =", `export function f(el, s) { el.innerHTML = s; }`],
  ["innerHTML +=", `export function f(el, s) { el.innerHTML += s; }`],
  ['el["innerHTML"] =', `export function f(el, s) { el["innerHTML"] = s; }`],
  ["outerHTML =", `export function f(el, s) { el.outerHTML = s; }`],
  ["insertAdjacentHTML", `export function f(el, s) { el.insertAdjacentHTML("beforeend", s); }`],
  ["document.write", `export function f(s) { document.write(s); }`],
  ["document.writeln", `export function f(s) { document.writeln(s); }`],
  ["window.document.write", `export function f(s) { window.document.write(s); }`],
  ["eval", `export function f(s) { return eval(s); }`],
  ["globalThis.eval", `export function f(s) { return globalThis.eval(s); }`],
  ["new Function", `export function f(s) { return new Function(s); }`],
  ["Function(...)", `export function f(s) { return Function(s); }`],
  // A string literal only: telling a string variable from a function needs type-aware linting.
  ["setTimeout with a string", `export function f() { setTimeout("run()", 0); }`],
  ["createContextualFragment", `export function f(s) { return document.createRange().createContextualFragment(s); }`],
];

const SECURITY_RULES = new Set(["no-restricted-syntax", "no-eval", "no-implied-eval", "no-new-func"]);
const bySecurityRule = (messages: readonly string[]): boolean => messages.some((m) => SECURITY_RULES.has(m.split(":")[0] ?? ""));

/** Where the snippets are placed: each layer of src/ that the rules must cover. */
const PLACES = ["src/taskpane/snippet.ts", "src/office/snippet.ts", "src/core/snippet.ts", "src/preview/snippet.ts", "src/help/snippet.js"];

test("every HTML sink and string evaluation is an error in every part of src/", () => {
  const cases = PLACES.flatMap((place) => SINKS.map(([name, code]) => ({ name: `${place}: ${name}`, code, filePath: place })));
  const results = lint(cases);
  const missed = cases.flatMap((each, i) => (bySecurityRule(results[i] ?? []) ? [] : [`${each.name}: ${(results[i] ?? []).join("; ") || "nothing"}`]));
  expect(missed).toEqual([]);
}, 60_000);

test("each snippet is caught for its sink alone: without the sink the same code passes", () => {
  // The snippet's sink replaced by a harmless call: proves the error above came from the sink.
  const defused = SINKS.map(([, code]) => ({
    code: code.replace(/(el(\.|\["))(innerHTML|outerHTML)/, "$1textContent").replace(/insertAdjacentHTML\("beforeend", s\)/, "append(s)")
      .replace(/(window\.)?document\.write(ln)?\(s\)/, "document.title = s").replace(/(globalThis\.)?eval\(s\)|new Function\(s\)|Function\(s\)/, "String(s)")
      .replace(/setTimeout\("run\(\)", 0\)/, "setTimeout(() => undefined, 0)").replace(/document\.createRange\(\)\.createContextualFragment\(s\)/, "document.createTextNode(s)"),
    filePath: "src/taskpane/snippet.ts",
  }));
  const results = lint(defused);
  expect(defused.flatMap((each, i) => ((results[i] ?? []).length > 0 ? [`${each.code}: ${(results[i] ?? []).join("; ")}`] : []))).toEqual([]);
}, 60_000);

test("ordinary DOM code with textContent passes", () => {
  const clean = [
    `export function render(parent: HTMLElement, label: string): void {`,
    `  const item = document.createElement("li");`,
    `  item.textContent = label;`,
    `  item.setAttribute("title", label);`,
    `  parent.append(item);`,
    `  const html = parent.innerHTML.length;`,
    `  setTimeout(() => item.remove(), html);`,
    `}`,
  ].join("\n");
  expect(errors(clean, "src/taskpane/snippet.ts")).toEqual([]);
});
