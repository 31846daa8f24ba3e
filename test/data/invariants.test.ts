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

  it("dates itself honestly: read after the source was published, curated after it was read", () => {
    // accessed: when the curators read the source (null: not recorded); released: when this
    // release was curated. Neither can precede what it follows.
    const { published, accessed } = release.source;
    const problems: string[] = [];
    if (accessed !== null && accessed < published) problems.push(`accessed ${accessed} before the source was published ${published}`);
    if (accessed !== null && release.released < accessed) problems.push(`released ${release.released} before the source was read ${accessed}`);
    if (release.released < published) problems.push(`released ${release.released} before the source ${published}`);
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

  it("marks every estimate as an estimate in its labels, in both languages", () => {
    const unmarked = figures
      .filter((f) => f.basis === "derived" && f.approximation)
      .filter((f) => !/\(estimate\)$/.test(f.label.en) || !f.label.zh.endsWith("（估算）"))
      .map((f) => f.id);
    expect(unmarked).toEqual([]);
  });

  it("bounds estimates as 'estimate' and nothing else so, and no stated figure shares a derived one's series and period", () => {
    const problems: string[] = [];
    for (const f of figures) {
      const estimate = f.basis === "derived" && f.approximation;
      if (estimate !== (f.bound === "estimate")) problems.push(`${f.id}: bound ${f.bound}, estimate ${String(estimate)}`);
      if (f.basis !== "derived") continue;
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

  it("tags every period that is not one calendar year, and no calendar year", () => {
    const problems = [...release.figures, ...release.facts].flatMap(({ id, period }) => {
      const calendarYear =
        period.start !== null && period.start.endsWith("-01-01") && period.end.endsWith("-12-31") && period.start.slice(0, 4) === period.end.slice(0, 4);
      return calendarYear === (period.tag === null) ? [] : [`${id}: ${period.label.en} tagged ${JSON.stringify(period.tag)}`];
    });
    expect(problems).toEqual([]);
  });

  it("flags every period the source does not state for that item, and states no inferred one as fact", () => {
    // Where the source states an item's period, its sentence (the one holding the item's phrase)
    // names it. Every other period must carry an inference note.
    const sentenceOf = (phrase: string): string => {
      const at = source.indexOf(phrase);
      const start = Math.max(source.lastIndexOf(". ", at), source.lastIndexOf("\n", at));
      const end = source.indexOf(". ", at + phrase.length);
      return source.slice(start + 1, end < 0 ? undefined : end);
    };
    const namesPeriod = (sentence: string, periodLabel: string): boolean =>
      (/January–November (\d{4})/.test(periodLabel) && sentence.includes(`first 11 months of ${periodLabel.slice(-4)}`)) ||
      (/^\d{4}$/.test(periodLabel) && sentence.includes(`${periodLabel} annual`));
    const items = [
      ...release.figures.flatMap((f) => (f.basis === "stated" ? [{ id: f.id, phrase: f.phrase, period: f.period }] : [])),
      ...release.facts.map((f) => ({ id: f.id, phrase: f.phrase, period: f.period })),
    ];
    const problems = items.flatMap(({ id, phrase, period }) => {
      const stated = namesPeriod(sentenceOf(phrase), period.label.en);
      if (stated && period.inference !== null) return [`${id}: the source states ${period.label.en}, yet it is flagged inferred`];
      if (!stated && period.inference === null) return [`${id}: ${period.label.en} is not in its sentence, yet not flagged inferred`];
      return [];
    });
    const derivedUnflagged = figures.filter((f) => f.basis === "derived" && f.period.inference === null && !f.inputs.some((input) => release.figures.find((g) => g.id === input)?.period.end === f.period.end));
    expect(problems).toEqual([]);
    expect(derivedUnflagged.map((f) => f.id)).toEqual([]);
  });

  it("marks every Chinese title the source does not give as a translation", () => {
    // The source is English: a Chinese name of a catalogue, programme, plan, regulation, project,
    // zone for rare disease drugs or an event is ours, and says so with （译名）.
    const titled = /目录|计划|方案|条例|项目|先行区|发布会/;
    const texts = [
      ...release.facts.map((f) => [f.id, f.label.zh] as const),
      ...release.figures.map((f) => [f.id, f.label.zh] as const),
      ["source.event", release.source.event.zh] as const,
    ];
    const unmarked = texts.filter(([, zh]) => titled.test(zh) && !zh.includes("（译名）")).map(([id]) => id);
    expect(unmarked).toEqual([]);
    // The rule catches what it is meant to catch.
    expect(["国家服务业扩大开放综合示范区建设2.0版方案任务一年内完成比例", "跨国药企生物治疗原料药项目"].filter((zh) => titled.test(zh) && !zh.includes("（译名）"))).toHaveLength(2);
  });

  it("keeps Chinese units to the unit alone", () => {
    const units = figures.filter((f) => f.unit.zh !== f.unit.zh.trim() || /[（）]|个百分点/.test(f.unit.zh)).map((f) => `${f.id}: ${f.unit.zh}`);
    expect(units).toEqual([]);
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
