/** The briefing layout: order, live figures, own words, traces, and the chart specs. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { LANGUAGES, type Language } from "../../src/data";
import {
  BRIEFING_COLUMNS,
  BRIEFING_SECTIONS,
  BriefingDataError,
  briefingLayout,
  cellAddress,
  currentDataset,
  indexRelease,
  numberFormat,
  statFormula,
  type BriefingLayout,
} from "../../src/core";

const index = currentDataset();
const layouts: Record<Language, BriefingLayout> = { en: briefingLayout(index, "en"), zh: briefingLayout(index, "zh") };
const SOURCE_DIR = join(__dirname, "../fixtures/source");
const source = readdirSync(SOURCE_DIR)
  .filter((name) => name.endsWith(".txt"))
  .map((name) => readFileSync(join(SOURCE_DIR, name), "utf8"))
  .join("\n");

/** Lower-case words, curly quotes and apostrophes folded, punctuation dropped. */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[“”"]/g, " ")
    .split(/[^a-z0-9'%.,-]+|[.,](?=\s|$)/)
    .map((word) => word.replace(/^[^a-z0-9]+|[^a-z0-9%]+$/g, ""))
    .filter((word) => word !== "");
const ngrams = (list: readonly string[], n: number): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + n <= list.length; i++) out.add(list.slice(i, i + n).join(" "));
  return out;
};
const cell = (layout: BriefingLayout, address: string): string | null => {
  const at = /^([A-Z]+)(\d+)$/.exec(address);
  if (!at?.[1] || !at[2]) throw new Error(address);
  const column = [...at[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return layout.content[Number(at[2]) - 1]?.[column] ?? null;
};

describe.each(LANGUAGES)("briefingLayout (%s)", (language) => {
  const layout = layouts[language];

  test("title, source and release line, caveat on top; the citation at the end", () => {
    const kinds = layout.lines.map((line) => line.kind);
    expect(kinds.slice(0, 4)).toEqual(["title", "source", "caveat", "header"]);
    expect(kinds.slice(-2)).toEqual(["citation", "citation"]);
    const sourceLine = layout.lines[1]?.text ?? "";
    expect(sourceLine).toContain(index.release.id);
    expect(layout.content[0]?.[0]).toBe(layout.title);
    expect(layout.releaseId).toBe(index.release.id);
  });

  test("sections in the report's order, each heading before its lines", () => {
    const order = layout.lines.filter((line) => line.kind === "heading" && line.section !== null).map((line) => line.section);
    expect(order).toEqual(["policies", "foreign_investment", "pilot_ftz", "bonded_zones"]);
    for (const line of layout.lines.filter((each) => each.kind === "figure" || each.kind === "fact")) {
      const heading = layout.lines.find((each) => each.kind === "heading" && each.section === line.section);
      expect(heading && heading.row < line.row).toBe(true);
    }
  });

  test("every figure in a cell of its own, live: =BJ.STAT with a format showing bound and period tag", () => {
    const statements = layout.lines.filter((line) => line.kind === "figure");
    expect(statements.length).toBe(BRIEFING_SECTIONS.flatMap((s) => s.items).filter((i) => i.kind === "figure").length);
    for (const line of statements) {
      const figure = index.figure(line.figureId ?? "");
      if (!figure) throw new Error(`no figure ${String(line.figureId)}`);
      expect(layout.formulas[line.row]?.[BRIEFING_COLUMNS.figure]).toBe(statFormula(figure.id, language));
      expect(layout.values[line.row]?.[BRIEFING_COLUMNS.figure]).toBeNull();
      const format = layout.formats[line.row]?.[BRIEFING_COLUMNS.figure] ?? "";
      expect(format).toBe(numberFormat(figure, language, { periodTag: true }));
      if (figure.bound !== "exact") expect(format).toContain({ en: { over: "over", nearly: "nearly", estimate: "est." }, zh: { over: "超过", nearly: "近", estimate: "估算" } }[language][figure.bound]);
      if (figure.period.tag) expect(format).toContain(figure.period.tag[language]);
      // The sentence never holds the number: it is in the figure cell only.
      const shown = figure.kind === "ratio" ? Math.round(figure.value * 1000) / 10 : figure.value;
      if (Math.abs(shown) >= 10) expect(line.text).not.toMatch(new RegExp(`(^|[^0-9.,])${String(shown).replace(".", "\\.")}([^0-9]|$)`));
    }
  });

  test("derived figures say est. and show their formula; each sentence has its trace", () => {
    for (const line of layout.lines.filter((each) => each.kind === "figure" || each.kind === "fact")) {
      expect(line.trace).not.toBeNull();
      expect(layout.content[line.row]?.[BRIEFING_COLUMNS.trace]).toBe(line.trace);
      const figure = line.figureId === null ? undefined : index.figure(line.figureId);
      if (figure?.basis === "derived") {
        expect(layout.content[line.row]?.[BRIEFING_COLUMNS.derivation]).toBe(`${language === "en" ? "est. =" : "估算 ="} ${figure.formula}`);
        expect(line.text).toMatch(language === "en" ? /estimate/ : /估算/);
        expect(line.trace).toBe(figure.note[language]);
      } else if (figure?.basis === "stated") {
        expect(line.trace).toContain(figure.phrase);
        expect(source).toContain(figure.phrase);
        expect(layout.content[line.row]?.[BRIEFING_COLUMNS.derivation]).toBeNull();
      } else {
        expect(line.trace?.length).toBeGreaterThan(4);
      }
    }
  });

  test("text cells are text (@) and no text cell can become a formula", () => {
    layout.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === null) return;
        expect(layout.formats[r]?.[c]).toBe("@");
        expect(/^[=+\-@]/.test(value)).toBe(false);
      }),
    );
  });

  test("three charts: series on live cells, estimates marked in labels and title, source under the chart", () => {
    expect(layout.charts.map((chart) => chart.id)).toEqual(["fdi_growth_vs_national", "ftz_share_vs_prev", "fdi_count_vs_prev"]);
    expect(layout.charts.map((chart) => chart.figureIds)).toEqual([
      ["fdi_new_enterprises_yoy", "national_fdi_new_enterprises_yoy"],
      ["ftz_fdi_share", "ftz_fdi_share_prev_year"],
      ["fdi_new_enterprises", "fdi_new_enterprises_jan_nov_2023_approx"],
    ]);
    const mark = language === "en" ? "est." : "估算";
    for (const chart of layout.charts) {
      expect(chart.title).toContain(mark);
      const [from, to] = chart.valuesRange.split(":");
      const [catFrom, catTo] = chart.categoriesRange.split(":");
      const values = [cell(layout, from ?? ""), cell(layout, to ?? "")];
      const categories = [cell(layout, catFrom ?? ""), cell(layout, catTo ?? "")];
      expect(values).toEqual(chart.figureIds.map((id) => statFormula(id, language)));
      expect(categories).toEqual(chart.categories);
      chart.figureIds.forEach((id, i) => {
        const estimate = index.figure(id)?.bound === "estimate";
        expect(chart.estimates[i]).toBe(estimate);
        expect((chart.categories[i] ?? "").includes(mark)).toBe(estimate);
      });
      expect(cell(layout, chart.sourceCell)).toBe(chart.sourceText);
      const below = Number(/\d+$/.exec(chart.sourceCell)?.[0]);
      expect(below).toBeGreaterThan(Number(/\d+$/.exec(chart.position.to)?.[0]));
      expect(layout.figureCells.filter((each) => each.role === "chart").map((each) => each.figureId)).toContain(chart.figureIds[0]);
    }
    // The charts do not overlap one another.
    const tops = layout.charts.map((chart) => Number(/\d+$/.exec(chart.position.from)?.[0]));
    const bottoms = layout.charts.map((chart) => Number(/\d+$/.exec(chart.sourceCell)?.[0]));
    tops.slice(1).forEach((top, i) => expect(top).toBeGreaterThan(bottoms[i] ?? Infinity));
  });

  test("whole 2-D arrays of one shape; values and formulas split the content", () => {
    for (const grid of [layout.content, layout.values, layout.formulas, layout.formats]) {
      expect(grid).toHaveLength(layout.rows);
      for (const row of grid) expect(row).toHaveLength(layout.columns);
    }
    layout.content.forEach((row, r) => row.forEach((content, c) => expect(layout.values[r]?.[c] ?? layout.formulas[r]?.[c] ?? null).toBe(content)));
    expect(layout.columnWidths).toHaveLength(layout.columns);
    for (const address of [...layout.bold, ...layout.italic]) expect(cell(layout, address)).not.toBeNull();
  });
});

describe("own words", () => {
  const sourceGrams = ngrams(words(source), 8);

  test.each(LANGUAGES)("no sentence of the %s briefing shares an 8-word run with the source", (language) => {
    const layout = layouts[language];
    // Every written text except the trace column (the verbatim phrases the schema allows).
    const texts = layout.content.flatMap((row) => row.filter((text, c): text is string => text !== null && c !== BRIEFING_COLUMNS.trace && !text.startsWith("=")));
    expect(texts.length).toBeGreaterThan(20);
    const shared = texts.flatMap((text) => [...ngrams(words(text), 8)].filter((gram) => sourceGrams.has(gram)));
    expect(shared).toEqual([]);
  });

  test("the check can fail: a copied sentence is caught", () => {
    const copied = "In the first 11 months of 2024, a total of 1,777 foreign-funded enterprises were established in Beijing";
    expect([...ngrams(words(copied), 8)].some((gram) => sourceGrams.has(gram))).toBe(true);
  });

  test("the source has no Chinese text, so the Chinese sentences cannot copy it", () => {
    // A character n-gram check would have nothing to compare with; this keeps that assumption true.
    expect(/[\u4e00-\u9fff]/.test(source)).toBe(false);
  });

  test("the English sentences are short", () => {
    for (const line of layouts.en.lines.filter((each) => each.kind === "figure" || each.kind === "fact")) {
      expect(words(line.text).length).toBeLessThanOrEqual(16);
    }
  });
});

test("a release without a figure the briefing names is refused, naming it", () => {
  const release = { ...index.release, figures: index.release.figures.filter((figure) => figure.id !== "ftz_fdi_share_prev_year") };
  expect(() => briefingLayout(indexRelease(release), "en")).toThrow(BriefingDataError);
  expect(() => briefingLayout(indexRelease(release), "en")).toThrow(/ftz_fdi_share_prev_year/);
});

test("addresses: the first figure cell is in column B", () => {
  const first = layouts.en.figureCells.find((each) => each.role === "statement");
  expect(first?.address.startsWith("B")).toBe(true);
  expect(cellAddress(0, BRIEFING_COLUMNS.figure)).toBe("B1");
});
