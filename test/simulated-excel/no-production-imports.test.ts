/**
 * Production code never imports the simulated host: walks the import graph from the production
 * entries, parsing imports with the TypeScript compiler (ts.preProcessFile), and fails if any
 * reachable module lies under src/simulated-excel or src/preview (the preview page's own code).
 * (ESLint's no-restricted-imports rule says the same at edit time; this test also catches indirect
 * imports.) The entries are read from webpack.config.js, so a new production bundle is checked too.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const FORBIDDEN_DIRS = ["simulated-excel", "preview"].map((dir) => path.join(ROOT, "src", dir) + path.sep);
const FORBIDDEN = FORBIDDEN_DIRS[0] ?? "";
const isForbidden = (file: string): boolean => FORBIDDEN_DIRS.some((dir) => file.startsWith(dir));

/** The production build's entry modules, as webpack.config.js declares them. */
function productionEntries(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: { mode: string }) => { entry: Record<string, string | { import: string }> };
  const entries = Object.values(makeConfig({}, { mode: "development" }).entry);
  return entries.map((entry) => path.normalize(typeof entry === "string" ? entry : entry.import));
}
const ENTRIES = productionEntries();

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null; // packages: not project code
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")];
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile()) ?? null;
}

/** Every project module reachable from `entry`, with the chain that reaches it. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() ?? "";
    const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const ref of info.importedFiles) {
      const target = resolveImport(file, ref.fileName);
      if (target && !seen.has(target)) {
        seen.set(target, [...(seen.get(file) ?? []), target]);
        queue.push(target);
      }
    }
  }
  return seen;
}

describe("production bundles do not import the simulated Excel host", () => {
  const present = ENTRIES.filter((entry) => fs.existsSync(path.join(ROOT, entry)));

  it("finds at least one production entry to check", () => {
    expect(present.length).toBeGreaterThan(0);
  });

  it("checks the task pane and the functions bundles", () => {
    expect([...ENTRIES].sort()).toEqual([path.normalize("src/functions/functions.ts"), path.normalize("src/taskpane/taskpane.ts")]);
  });

  it.each(present)("%s reaches no module under src/simulated-excel or src/preview", (entry) => {
    const violations = [...reachable(path.join(ROOT, entry)).entries()]
      .filter(([file]) => isForbidden(file))
      .map(([, chain]) => chain.map((file) => path.relative(ROOT, file)).join(" -> "));
    expect(violations).toEqual([]);
  });

  it("the walker does detect a reachable simulator module", () => {
    // A test module that imports the simulator must be flagged: proves the check can fail.
    const probe = path.join(ROOT, "test", "office", "excel-workbook.test.ts");
    const flagged = [...reachable(probe).keys()].filter((file) => file.startsWith(FORBIDDEN));
    expect(flagged.length).toBeGreaterThan(0);
  });

  it("the preview page's entry does reach the simulator (so the check above is about real paths)", () => {
    const flagged = [...reachable(path.join(ROOT, "src", "preview", "preview.ts")).keys()].filter((file) => isForbidden(file));
    expect(flagged.some((file) => file.startsWith(FORBIDDEN))).toBe(true);
  });
});
