/**
 * Data invariants: every check collects all violating rows, then asserts an empty list, so one
 * run shows every bad row. The source text is read from ../shared/seeds, as CI has it.
 */
import { RELEASE } from "../../src/data/release";
import { Release } from "../../src/data/schema";
import { CURRENT_RELEASE, type Figure } from "../../src/data";
import { evaluateFormula, formulaInputs, roundTo } from "../../src/core/formula";
import { readSourceText } from "../support/source-text";

const source = readSourceText();
const release = CURRENT_RELEASE;
const figures: readonly Figure[] = release.figures;

const NUMBER_WORDS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
];
const ORDINAL_WORDS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** The ways the source could write a figure's value: "1,777", "14%", "five", "second". */
function writtenForms(figure: Figure): string[] {
  const { value, kind } = figure;
  if (kind === "ratio") {
    const percent = roundTo(value * 100, figure.displayDecimals);
    return [`${percent}%`, `${percent} percent`];
  }
  const forms = [String(value), value.toLocaleString("en-US")];
  const word = NUMBER_WORDS[value];
  if (Number.isInteger(value) && word !== undefined) forms.push(word);
  const ordinal = ORDINAL_WORDS[value];
  if (kind === "rank" && ordinal) forms.push(ordinal);
  return forms;
}

function containsWord(text: string, form: string): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w.,])${escaped}(?![\\w]|[.,]\\d)`, "i").test(text);
}

describe("the curated release", () => {
  it("satisfies the schema", () => {
    const result = Release.safeParse(RELEASE);
    const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(problems).toEqual([]);
  });

  it("has unique ids across figures, facts and tables", () => {
    const ids = [...release.figures, ...release.facts, ...release.tables].map((item) => item.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it("has every id that functions and workbooks refer to", () => {
    const required = {
      figures: [
        "fdi_new_enterprises", "fdi_new_enterprises_yoy", "fdi_new_enterprises_yoy_vs_national",
        "national_fdi_new_enterprises_yoy", "ftz_fdi_share", "ftz_fdi_share_change", "pioneering_policies",
        "national_first_policies", "services_plan_v2_tasks_done", "services_openness_rank",
        "global_service_partners", "tianzhu_bonded_zone_rank", "daxing_bonded_zone_rank_rise",
      ],
      tables: ["fdi_headline", "two_zones_policy", "national_firsts", "signature_projects", "bonded_zones", "ftz_share"],
    };
    const figureIds = new Set(release.figures.map((f) => f.id));
    const tableIds = new Set(release.tables.map((t) => t.id));
    const missing = [
      ...required.figures.filter((id) => !figureIds.has(id)),
      ...required.tables.filter((id) => !tableIds.has(id)),
    ];
    expect(missing).toEqual([]);
  });

  it("quotes every source phrase verbatim from the source text", () => {
    const phrases = [
      ...release.figures.flatMap((f) => (f.basis === "stated" ? [[f.id, f.phrase] as const] : [])),
      ...release.facts.map((f) => [f.id, f.phrase] as const),
    ];
    const notFound = phrases.filter(([, phrase]) => !source.includes(phrase)).map(([id]) => id);
    expect(notFound).toEqual([]);
  });

  it("states each stated value in its phrase, in some written form", () => {
    const unstated = figures
      .filter((f) => f.basis === "stated" && !writtenForms(f).some((form) => containsWord(f.phrase, form)))
      .map((f) => `${f.id}: ${f.value} not in "${f.basis === "stated" ? f.phrase : ""}"`);
    expect(unstated).toEqual([]);
  });

  it("gives each stated figure the bound its phrase states", () => {
    const wrong = figures
      .filter((f) => f.basis === "stated")
      .filter((f) => {
        const phrase = f.basis === "stated" ? f.phrase.toLowerCase() : "";
        const stated = /\bover\b/.test(phrase) ? "over" : /\bnearly\b/.test(phrase) ? "nearly" : "exact";
        return stated !== f.bound;
      })
      .map((f) => f.id);
    expect(wrong).toEqual([]);
  });

  it("recomputes every derived figure from its formula", () => {
    const byId = new Map(figures.map((f) => [f.id, f.value]));
    const wrong = figures.flatMap((f) => {
      if (f.basis !== "derived") return [];
      const computed = roundTo(evaluateFormula(f.formula, (id) => byId.get(id)), f.roundTo);
      return computed === f.value ? [] : [`${f.id}: formula gives ${computed}, stored ${f.value}`];
    });
    expect(wrong).toEqual([]);
  });

  it("lists exactly the ids each derived formula uses as its inputs, all of them stated", () => {
    const stated = new Set(figures.filter((f) => f.basis === "stated").map((f) => f.id));
    const wrong = figures.flatMap((f) => {
      if (f.basis !== "derived") return [];
      const used = formulaInputs(f.formula).sort();
      const listed = [...f.inputs].sort();
      const problems: string[] = [];
      if (used.join() !== listed.join()) problems.push(`${f.id}: formula uses ${used.join()}, inputs list ${listed.join()}`);
      for (const input of listed) if (!stated.has(input)) problems.push(`${f.id}: input ${input} is not stated`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it("marks every derived figure as derived in its labels, in both languages", () => {
    const unmarked = figures
      .filter((f) => f.basis === "derived")
      .filter((f) => !/\bderived\b/i.test(f.label.en) || !f.label.zh.includes("推算"))
      .map((f) => f.id);
    expect(unmarked).toEqual([]);
  });

  it("gives an approximation the bound 'nearly', and no stated figure the same series and period as a derived one", () => {
    const problems: string[] = [];
    for (const f of figures) {
      if (f.basis !== "derived") continue;
      if (f.approximation && f.bound !== "nearly") problems.push(`${f.id}: an estimate must be bounded 'nearly'`);
      const clash = figures.find(
        (other) => other.basis === "stated" && other.series === f.series && other.period.end === f.period.end,
      );
      if (clash) problems.push(`${f.id}: shares series and period with stated ${clash.id}`);
    }
    expect(problems).toEqual([]);
  });

  it("keeps periods honest: start before end, and the label names the months where the period is part of a year", () => {
    const problems: string[] = [];
    const periods = [...release.figures, ...release.facts].map((item) => [item.id, item.period] as const);
    for (const [id, period] of periods) {
      if (period.start !== null && period.start > period.end) problems.push(`${id}: starts after it ends`);
      const partOfYear = period.start !== null && !(period.start.endsWith("-01-01") && period.end.endsWith("-12-31"));
      if (partOfYear && !/January|February|March|April|May|June|July|August|September|October|November|December/.test(period.label.en)) {
        problems.push(`${id}: "${period.label.en}" hides that ${period.start}..${period.end} is part of a year`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("covers every number the source states, apart from dates and names", () => {
    // Numbers in the text that are not statistics: dates, periods, names ("two zones", version 2.0),
    // and the headline, which restates the 1,777 of fdi_new_enterprises.
    const notStatistics = [
      "January 15", "version 2.0", "in 2024", "of 2024", "In the 2023 annual performance assessment",
      "First 11 Months of 2024", "first 11 months of 2024", "Sixteenth", "“two zones”",
      "A Total of 1,777 Foreign-Funded Enterprises Established",
    ];
    const spans = (needles: readonly string[]): Array<[number, number]> =>
      needles.flatMap((needle) => {
        const found: Array<[number, number]> = [];
        for (let at = source.indexOf(needle); at >= 0; at = source.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
        return found;
      });
    const statedPhrases = figures.flatMap((f) => (f.basis === "stated" ? [f.phrase] : []));
    const covered = [...spans(statedPhrases), ...spans(notStatistics)];
    const numberPattern = new RegExp(`\\d[\\d,.]*%?|\\b(?:${NUMBER_WORDS.slice(1).join("|")})\\b`, "gi");
    const uncovered: string[] = [];
    for (const match of source.matchAll(numberPattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].replace(/[.,]$/, "").length;
      if (!covered.some(([from, to]) => from <= start && end <= to)) {
        uncovered.push(`"${source.slice(Math.max(0, start - 30), end + 30)}"`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  it("keeps every phrase a short locator, and copies no sentence of the source", () => {
    const sentences = source.split(/(?<=[.!?])\s+|\n/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length > 8);
    const texts = JSON.stringify(RELEASE);
    const copied = sentences.filter((sentence) => texts.includes(sentence.replace(/[.!?]$/, "")));
    expect(copied).toEqual([]);
  });
});
