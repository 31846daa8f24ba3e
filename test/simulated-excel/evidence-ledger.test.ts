/**
 * docs/excel-evidence.md names, for every Excel behaviour the adapter relies on, the test that
 * models it. This test holds the ledger to the tests: every cited test must exist under that name
 * in that file, every row must cite one, and every test of evidence.test.ts must be in the ledger.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const ledger = readFileSync(join(root, "docs", "excel-evidence.md"), "utf8");
/** Ledger rows: table lines that start with a row number. */
const rows = ledger.split("\n").filter((line) => /^\| \d+ \|/.test(line));
const CITATION = /`(test\/[^`]+\.test\.ts)` › "([^"]+)"/g;

describe("the evidence ledger", () => {
  it("has numbered rows, each with a standing and at least one contract test", () => {
    expect(rows.length).toBeGreaterThan(30);
    const numbers = rows.map((row) => Number(/^\| (\d+) \|/.exec(row)?.[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const bad = rows.filter((row) => !/\| (documented|reported|assumed)[^|]*\|/.test(row) || [...row.matchAll(CITATION)].length === 0);
    expect(bad).toEqual([]);
  });

  it("cites only tests that exist, by file and exact name", () => {
    const missing: string[] = [];
    for (const [, file = "", name = ""] of ledger.matchAll(CITATION)) {
      const path = join(root, file);
      if (!existsSync(path)) missing.push(`${file} (no such file)`);
      else if (!readFileSync(path, "utf8").includes(`"${name}"`)) missing.push(`${file} › ${name}`);
    }
    expect(missing).toEqual([]);
  });

  it("lists every test of the evidence contract tests", () => {
    const source = readFileSync(join(root, "test", "simulated-excel", "evidence.test.ts"), "utf8");
    const names = [...source.matchAll(/^\s*it(?:\.each<[^>]+>\([^)]*\))?\("([^"]+)"/gm)].map((match) => match[1]);
    const cited = new Set([...ledger.matchAll(CITATION)].filter(([, file]) => file === "test/simulated-excel/evidence.test.ts").map(([, , name]) => name));
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name) => name !== undefined && !cited.has(name))).toEqual([]);
  });
});
