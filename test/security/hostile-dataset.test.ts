/**
 * The hostile dataset (test/fixtures/hostile) through the custom functions and through insert,
 * and through a refresh from the embedded release to the hostile one, against the simulated Excel host: nothing is written as a formula that the add-in did not mean
 * (=BJ.* in the formula modes), every text that Excel would read as a formula lands in a text ("@")
 * cell, text comes back verbatim (no truncation, no mangling of RTL marks, zero-width characters or
 * emoji), tracking records survive the text, and inserts keep their 2 syncs. The pane's part (the
 * same release in Chromium) is in test/browser/hostile-pane.test.ts.
 */
import "../functions/setup-custom-functions";
import { currentDataset, indexRelease, setActiveRelease, tableGrid } from "../../src/core";
import { LANGUAGES } from "../../src/data";
import { Release as ReleaseSchema } from "../../src/data/schema";
import { REGISTERED } from "../../src/functions/functions";
import type { HostSupport } from "../../src/functions/host";
import { STAT_FIELDS, createLibrary } from "../../src/functions/library";
import { ExcelWorkbook, INSERT_MODES } from "../../src/office";
import { refreshTables } from "../../src/office/refresh";
import { createSimulatedExcel, renderValue } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel } from "../../src/simulated-excel";
import { FORMULA_LIKE, HOSTILE, hostileRelease } from "../fixtures/hostile/hostile-release";

const release = hostileRelease(currentDataset().release);
const index = indexRelease(release);
const HOSTS: readonly HostSupport[] = [
  { cellValues: false, doubleNumberFormat: false, language: "en" },
  { cellValues: true, doubleNumberFormat: false, language: "zh" },
  { cellValues: true, doubleNumberFormat: true, language: "en" },
];

/** Every string inside a function result: text, matrix cells, cell value objects and entity properties. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

beforeAll(() => {
  // The registered functions and the simulator's =BJ.* evaluation answer from the active release.
  setActiveRelease(release, { kind: "channel" });
});

test("the schema accepts the hostile release: text is checked at output, so output must be safe", () => {
  expect(ReleaseSchema.safeParse(release).success).toBe(true);
  const texts = strings(release);
  expect(Object.values(HOSTILE).filter((text) => !texts.some((t) => t.includes(text)))).toEqual([]);
});

describe("custom functions over the hostile release", () => {
  test("every call answers (a value or a CustomFunctions error), and text comes back verbatim", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const host of HOSTS) {
      const library = createLibrary({ index, host: () => host });
      const calls: Array<[string, () => unknown]> = [];
      for (const figure of release.figures) {
        for (const field of STAT_FIELDS) calls.push([`STAT(${figure.id},,${field})`, () => library.STAT(figure.id, null, field)]);
        calls.push([`CARD(${figure.id})`, () => library.CARD(figure.id)]);
        for (const style of ["apa", "gbt7714"]) calls.push([`SOURCE(${figure.id},${style})`, () => library.SOURCE(figure.id, style)]);
      }
      for (const table of release.tables) for (const lang of LANGUAGES) calls.push([`TABLE(${table.id},${lang})`, () => library.TABLE(table.id, lang, true)]);
      for (const lang of LANGUAGES) calls.push([`INDICATORS(${lang})`, () => library.INDICATORS(lang)]);
      for (const [name, call] of calls) {
        try {
          strings(call()).forEach((text) => seen.add(text));
        } catch (error) {
          problems.push(`${name} on ${JSON.stringify(host)} threw ${String(error)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The label that is 10,000 characters long comes back whole, and so does each formula-like text.
    expect(createLibrary({ index }).STAT(release.figures[0]?.id, null, "label")).toBe(HOSTILE.long);
    const verbatim = [HOSTILE.long, HOSTILE.rtl, HOSTILE.zeroWidth, HOSTILE.emoji, ...FORMULA_LIKE];
    expect(verbatim.filter((text) => ![...seen].some((s) => s.includes(text)))).toEqual([]);
  });

  test("number formats carry hostile period tags as literal text: the cell shows the tag (less its double quotes)", () => {
    const problems: string[] = [];
    for (const host of HOSTS.filter((h) => h.cellValues)) {
      const library = createLibrary({ index, host: () => host });
      for (const figure of release.figures) {
        const result = library.STAT(figure.id);
        if (typeof result !== "object" || result === null || !("type" in result)) continue;
        const format = "numberFormat" in result ? result.numberFormat : undefined;
        const value = "basicValue" in result ? result.basicValue : null;
        if (typeof format !== "string" || typeof value !== "number") continue;
        const tag = figure.period.tag?.[host.language];
        if (!tag) continue;
        const shown = renderValue(value, format);
        // A double quote cannot sit inside a quoted literal of a number format; the format drops it.
        if (!shown.includes(tag.replace(/"/g, ""))) problems.push(`${figure.id}: format ${JSON.stringify(format)} shows ${JSON.stringify(shown.slice(0, 80))}, not the tag ${JSON.stringify(tag.slice(0, 40))}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("=BJ.* formulas that return hostile text leave it as text: no cell becomes a formula it was not given", async () => {
    const host = createSimulatedExcel({ functions: bjFunctions });
    const typed: Record<string, string> = {};
    release.figures.forEach((figure, i) => (typed[`A${i + 1}`] = `=BJ.STAT("${figure.id}",,"label")`));
    for (const [address, formula] of Object.entries(typed)) await host.user.type(`Sheet1!${address}`, formula);
    const sheet = host.save().workbook.sheets[0];
    const problems: string[] = [];
    for (const [key, cell] of Object.entries(sheet?.cells ?? {})) {
      const [row = 0] = key.split(",").map(Number);
      const expected = typed[`A${row + 1}`];
      if (cell.formula !== expected) problems.push(`${key}: formula ${String(cell.formula)}, typed ${String(expected)}`);
      const label = release.figures[row]?.label.en;
      if (cell.value !== label) problems.push(`${key}: value ${JSON.stringify(String(cell.value).slice(0, 40))} is not the label`);
    }
    expect(Object.keys(sheet?.cells ?? {}).length).toBe(release.figures.length);
    expect(problems).toEqual([]);
  });
});

describe("insert of hostile tables", () => {
  /** Every table in both languages and every mode, each into a fresh workbook on a new sheet. */
  const cases = release.tables.flatMap((table) => LANGUAGES.flatMap((language) => INSERT_MODES.map((mode) => ({ table: table.id, language, mode }))));

  test.each(cases)("$table ($language, $mode): 2 syncs, nothing written as a formula by accident, text verbatim", async ({ table, language, mode }) => {
    const host: SimulatedExcel = createSimulatedExcel({ functions: bjFunctions });
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
    const grid = tableGrid(index, table, language);
    await port.insertTable(grid, { newSheet: true, mode });
    expect(host.syncCount).toBe(2);

    const model = host.save().workbook;
    const sheet = model.sheets.find((each) => each.id === model.activeSheetId);
    const problems: string[] = [];
    const texts: string[] = [];
    for (const [key, cell] of Object.entries(sheet?.cells ?? {})) {
      if (cell.formula !== undefined && !(mode !== "values" && /^=BJ\.(STAT|TABLE)\(/.test(cell.formula))) problems.push(`${key}: formula ${cell.formula.slice(0, 60)}`);
      if (typeof cell.value === "string") {
        texts.push(cell.value);
        if (/^[=+\-@]/.test(cell.value) && cell.formula === undefined && cell.spillFrom === undefined && cell.numberFormat !== "@") {
          problems.push(`${key}: formula-like text in a ${cell.numberFormat ?? "General"} cell`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The title line holds the whole 10,000-character title where the grid has it.
    if (grid.title === HOSTILE.long || grid.title === HOSTILE.longZh) expect(texts).toContain(grid.title);
    // Every hostile header text arrives verbatim.
    expect(grid.header.filter((h) => !texts.includes(h))).toEqual([]);

    const report = await port.listInserted();
    expect(report.damagedParts).toEqual([]);
    expect(report.entries.map((entry) => entry.found !== null)).toEqual([true]);
  });
});

describe("refresh to the hostile release", () => {
  test.each(INSERT_MODES.flatMap((mode) => LANGUAGES.map((language) => ({ mode, language }))))(
    "every table ($language, $mode) refreshed from the embedded release: no accidental formula, records intact",
    async ({ mode, language }) => {
      const host: SimulatedExcel = createSimulatedExcel({ functions: bjFunctions });
      const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
      const embedded = currentDataset();
      await port.insertAllTables(
        embedded.release.tables.map((table) => tableGrid(embedded, table.id, language)),
        { title: "All", sheetName: "All", mode },
      );
      const report = await refreshTables(host.run, index);
      expect(report.syncs).toBeLessThanOrEqual(4);

      const model = host.save().workbook;
      const problems: string[] = [];
      const texts: string[] = [];
      for (const sheet of model.sheets) {
        for (const [key, cell] of Object.entries(sheet.cells)) {
          if (cell.formula !== undefined && !(mode !== "values" && /^=BJ\.(STAT|TABLE)\(/.test(cell.formula))) problems.push(`${sheet.name}!${key}: formula ${cell.formula.slice(0, 60)}`);
          if (typeof cell.value === "string") {
            texts.push(cell.value);
            if (/^[=+\-@]/.test(cell.value) && cell.formula === undefined && cell.spillFrom === undefined && cell.numberFormat !== "@") {
              problems.push(`${sheet.name}!${key}: formula-like text in a ${cell.numberFormat ?? "General"} cell`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
      // The refresh did bring the hostile texts in (a refresh that changed nothing would pass the above).
      expect(FORMULA_LIKE.some((text) => texts.some((t) => t.includes(text)))).toBe(true);
      const listed = await port.listInserted();
      expect(listed.damagedParts).toEqual([]);
      expect(listed.entries.every((entry) => entry.found !== null)).toBe(true);
    },
  );
});
