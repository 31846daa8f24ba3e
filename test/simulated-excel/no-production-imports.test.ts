/**
 * Production code never imports the simulated host: walks the import graph from the production
 * entries, parsing imports with the TypeScript compiler (ts.preProcessFile), and fails if any
 * reachable module lies under src/simulated-excel. (ESLint's no-restricted-imports rule says the
 * same at edit time; this test also catches indirect imports.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const ENTRIES = ["src/taskpane/taskpane.ts", "src/functions/functions.ts"];
const FORBIDDEN = path.join(ROOT, "src", "simulated-excel") + path.sep;

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

  it.each(present)("%s reaches no module under src/simulated-excel", (entry) => {
    const violations = [...reachable(path.join(ROOT, entry)).entries()]
      .filter(([file]) => file.startsWith(FORBIDDEN))
      .map(([, chain]) => chain.map((file) => path.relative(ROOT, file)).join(" -> "));
    expect(violations).toEqual([]);
  });

  it("the walker does detect a reachable simulator module", () => {
    // A test module that imports the simulator must be flagged: proves the check can fail.
    const probe = path.join(ROOT, "test", "office", "excel-workbook.test.ts");
    const flagged = [...reachable(probe).keys()].filter((file) => file.startsWith(FORBIDDEN));
    expect(flagged.length).toBeGreaterThan(0);
  });
});
