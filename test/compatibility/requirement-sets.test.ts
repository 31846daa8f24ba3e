/**
 * Requirement sets: the manifest's ExcelApi minimum is what the adapter needs with no fallback, no
 * check is weaker than the member it guards, and docs/requirement-sets.md lists every member above
 * 1.1 with its set. The analysis (TypeScript checker over src/office, sets from @types/office-js)
 * is in ./requirement-sets.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "../manifest/manifest-checks";
import { type ApiUse, OFFICE_DIR, apiSet, compare, excelApiUses, manifestExcelApi, minimumWithoutFallback, show } from "./requirement-sets";

const officeFiles = readdirSync(OFFICE_DIR).filter((name) => name.endsWith(".ts")).map((name) => join(OFFICE_DIR, name));
let found: { uses: ApiUse[]; unknown: string[] };

beforeAll(() => {
  found = excelApiUses(officeFiles);
}, 120_000);

describe("requirement sets", () => {
  test("the typings give the sets Microsoft documents for the members the issue names", () => {
    expect([
      apiSet("Workbook", "customXmlParts"),
      apiSet("Range", "getMergedAreasOrNullObject"),
      apiSet("Workbook", "getActiveCell"),
      apiSet("Application", "suspendApiCalculationUntilNextSync"),
      apiSet("Range", "getTables"),
      apiSet("WorksheetCollection", "getItemOrNullObject"),
      apiSet("Range", "values"),
    ]).toEqual(["1.5", "1.13", "1.7", "1.6", "1.9", "1.4", "1.1"]);
  });

  test("every Excel member the adapter uses has a known set", () => {
    expect(found.uses.length).toBeGreaterThan(20);
    expect(found.unknown).toEqual([]);
  });

  test("no check is weaker than the member it guards", () => {
    const weak = found.uses.filter((use) => use.guard !== null && compare(use.guard, use.set) < 0 && compare(use.set, [1, 1]) > 0);
    expect(weak.map((use) => `${use.at}: ${use.api} needs ${show(use.set)}, checked for ${show(use.guard ?? [1, 1])}`)).toEqual([]);
  });

  test("manifest.xml declares exactly the ExcelApi minimum the code needs with no fallback", () => {
    const needed = minimumWithoutFallback(found.uses);
    const unguarded = found.uses.filter((use) => compare(use.set, needed) === 0 && (use.guard === null || compare(use.guard, use.set) < 0));
    const declared = manifestExcelApi(readFileSync(join(PROJECT_ROOT, "manifest.xml"), "utf8"));
    const because = unguarded.map((use) => `${use.api} (${use.at})`).slice(0, 5).join(", ");
    expect(`manifest.xml declares ExcelApi ${show(declared)}`).toBe(`manifest.xml declares ExcelApi ${show(needed)}`.concat(compare(declared, needed) === 0 ? "" : ` (needed without a check by ${because})`));
  });

  test("docs/requirement-sets.md lists every member above 1.1 the adapter uses, with its set", () => {
    const doc = readFileSync(join(PROJECT_ROOT, "docs/requirement-sets.md"), "utf8");
    const listed = new Map([...doc.matchAll(/^\|\s*`(?:Excel\.)?(\w+\.\w+)(?:\(\))?`\s*\|\s*ExcelApi ([\d.]+)\s*\|/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));
    const problems = [...new Map(found.uses.filter((use) => compare(use.set, [1, 1]) > 0).map((use) => [use.api, use])).values()].flatMap((use) => {
      const set = listed.get(use.api);
      if (set === undefined) return [`${use.api} (ExcelApi ${show(use.set)}) is not listed`];
      return set === show(use.set) ? [] : [`${use.api} is listed as ${set}, the typings say ${show(use.set)}`];
    });
    expect(problems).toEqual([]);
  });

  test("the guard finder sees each kind of check, and misses none that is absent", () => {
    const file = join(OFFICE_DIR, "__requirement-sets-probe.ts");
    const code = [
      `import type { XlContext, IsSetSupported } from "./excel-api";`,
      `declare function requireSet(name: string, version: string): void;`,
      `export function probe(context: XlContext, isSetSupported: IsSetSupported): void {`,
      `  const wb = context.workbook;`,
      `  wb.getActiveCell();`,
      `  if (isSetSupported("ExcelApi", "1.7")) wb.getActiveCell();`,
      `  const a = isSetSupported("ExcelApi", "1.6") ? wb.getActiveCell() : wb.getSelectedRange();`,
      `  if (!isSetSupported("ExcelApi", "1.5")) throw new Error("old");`,
      `  wb.customXmlParts.add("<x/>");`,
      `  void a;`,
      `}`,
      `export function gated(context: XlContext): void {`,
      `  requireSet("ExcelApi", "1.13");`,
      `  context.workbook.getActiveCell();`,
      `}`,
      `export function annotated(context: XlContext, isSetSupported: IsSetSupported, ok = isSetSupported("ExcelApi", "1.8")): void {`,
      `  // requirement-set guard: ExcelApi 1.8`,
      `  if (ok) context.workbook.getActiveCell();`,
      `  context.workbook.getActiveCell(); // requirement-set guard: ExcelApi 1.12 (no such check in the file)`,
      `}`,
    ].join("\n");
    const host = ts.sys.readFile;
    ts.sys.readFile = (path, encoding) => (path === file ? code : host(path, encoding));
    const original = ts.sys.fileExists;
    ts.sys.fileExists = (path) => path === file || original(path);
    try {
      const { uses, unknown } = excelApiUses([file]);
      expect(unknown).toEqual([expect.stringMatching(/:19: a requirement-set guard comment for ExcelApi 1\.12 with no isSetSupported/)]);
      const summary = uses.filter((u) => /getActiveCell|customXmlParts|getSelectedRange/.test(u.api)).map((u) => `${u.api}@${u.at.split(":")[1] ?? ""}:${u.guard ? show(u.guard) : "none"}`);
      expect(summary).toEqual([
        "Workbook.getActiveCell@5:none",
        "Workbook.getActiveCell@6:1.7",
        "Workbook.getActiveCell@7:1.6",
        "Workbook.getSelectedRange@7:none",
        "Workbook.customXmlParts@9:1.5",
        "Workbook.getActiveCell@14:1.13",
        "Workbook.getActiveCell@18:1.8",
        "Workbook.getActiveCell@19:none",
      ]);
      expect(show(minimumWithoutFallback(uses))).toBe("1.7"); // line 5 unguarded, line 7 checked for less than it needs
    } finally {
      ts.sys.readFile = host;
      ts.sys.fileExists = original;
    }
  }, 120_000);
});
