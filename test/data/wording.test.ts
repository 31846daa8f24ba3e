/**
 * Wording that says more, or less, than the source. It is a news agency's report of a
 * spokesperson's statements at a press conference held at the press center of a session of the
 * Beijing Municipal People's Congress, so nothing we publish calls the figures "official
 * statistics" (or brands them 统计数据), names an organiser the source does not name, calls them
 * all "figures on 2024" when some are January–November, cumulative or from the 2023 assessment,
 * drops "January–November" from a partial-year figure, or puts words in the source's mouth.
 * Every shipped text is scanned: README, package.json, the manifest, the docs, and every file under
 * src/ (the bundles, the help pages, the preview site).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatFigureValue } from "../../src/core";
import { CURRENT_RELEASE } from "../../src/data";
import { readSourceText } from "../support/source-text";

const ROOT = resolve(__dirname, "../..");
const PUBLISHED = [
  "README.md",
  "package.json",
  "manifest.xml",
  // Every source file that ships (the add-in's bundles, the help pages, the preview site): all of src/.
  ...readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|html|json|css)$/.test(name))
    .map((name) => `src/${name.replace(/\\/g, "/")}`),
  ...readdirSync(join(ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`),
  "test/fixtures/README.md",
];
const texts = PUBLISHED.map((path) => [path, readFileSync(join(ROOT, path), "utf8")] as const);

/** Claims that overstate the source, each unless negated right before ("not official statistics"). */
const OVERSTATEMENTS: readonly RegExp[] = [
  /official (statistics|figures|data)/gi,
  /official 20\d\d/gi,
  /官方(统计)?数据/g,
  // 统计数据 suggests the statistical system; the figures are a spokesperson's statements.
  /(?<!官方)统计数据/g,
  // The source names no organiser: only where the conference was held.
  /municipal government/gi,
  /(北京)?市政府(的)?新闻发布会/g,
  // "Figures on 2024": the set also holds cumulative counts, a three-year ranking and a 2023 rank.
  /(?<!November )\b20\d\d figures\b/gi,
  /figures on 20\d\d/gi,
  /opening-up(,| in) 20\d\d(?!\d)/gi,
  /20\d\d年(相关)?数据（/g,
  /20\d\d年(扩大开放|相关数据)/g,
  // Words the source does not have.
  /first to register/gi,
  /foreign-invested projects?/gi,
  /外资项目/g,
  /药企投资/g,
  // January–November dropped from a partial-year figure.
  /\bthe 20\d\d (count|share|growth rate|figure)\b/gi,
  // The growth is in the number of new enterprises, not in investment.
  /growth (of|in) (new )?foreign-funded enterprises/gi,
  /20\d\d年(的)?(数量|占比|估计值|增速)/g,
  // Chinese wording: an estimate reads 约9%（估算）, not 估算9%; 界限 is not the word for a bound.
  // A claim found false on plain hosts (a bare 1777 does not say January–November).
  /never shows a bare number/gi,
  /比来源说得更少/g,
  /估算\d/g,
  /界限/g,
];
const NEGATION = /(not|never|并非|不是|非)\s*$/i;

function excerpt(text: string, at: number, length: number): string {
  return text.slice(Math.max(0, at - 30), at + length + 10).replace(/\s+/g, " ");
}

describe("published wording", () => {
  it("says no more than the source, in every shipped text", () => {
    const problems = texts.flatMap(([path, text]) =>
      OVERSTATEMENTS.flatMap((pattern) =>
        [...text.matchAll(pattern)]
          .filter((match) => !NEGATION.test(text.slice(Math.max(0, (match.index ?? 0) - 12), match.index)))
          .map((match) => `${path} (${String(pattern)}): "${excerpt(text, match.index ?? 0, match[0].length)}"`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it("catches each kind of overstatement it is meant to catch", () => {
    const samples = [
      "official statistics", "figures on 2024", "the Beijing municipal government's press conference", "北京市政府新闻发布会",
      "北京“两区”统计数据", "Beijing was the first to register", "Signature foreign-invested projects", "标志性外资项目",
      "由跨国药企投资", "the 2024 count", "Growth in new foreign-funded enterprises", "2023年估计值", "估算9%", "界限", "opening-up, 2024: all tables",
    ];
    const missed = samples.filter((sample) => !OVERSTATEMENTS.some((pattern) => new RegExp(pattern.source, pattern.flags).test(sample)));
    expect(missed).toEqual([]);
  });

  it("shows a partial-year figure's formatted value with its period wherever a page says how it is shown", () => {
    // "shown as 14%" says less than the cell, which shows "14% (Jan–Nov)".
    const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const problems: string[] = [];
    for (const figure of CURRENT_RELEASE.figures) {
      if (figure.period.tag === null) continue;
      const bare = formatFigureValue(figure, "en");
      const pattern = new RegExp(`shown(?: as)? ["“]?${escape(bare)}(?![\\d.,%])(?! \\()`, "g");
      for (const [path, text] of texts) {
        for (const match of text.matchAll(pattern)) problems.push(`${path}: "${excerpt(text, match.index ?? 0, match[0].length)}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("describes FDI_GROWTH as growth in the number of new enterprises, not in investment", () => {
    const jsdoc = /\/\*\*([^]*?)@customfunction FDI_GROWTH/.exec(readFileSync(join(ROOT, "src/functions/functions.ts"), "utf8"))?.[1] ?? "";
    const help = /<section id="fdi_growth">([^]*?)<\/section>/.exec(readFileSync(join(ROOT, "src/help/functions.html"), "utf8"))?.[1] ?? "";
    const zh = (JSON.parse(readFileSync(join(ROOT, "src/functions/functions.zh.json"), "utf8")) as Record<string, { description: string }>).FDI_GROWTH?.description ?? "";
    expect(jsdoc).toMatch(/growth in the number of new foreign-funded enterprises/);
    expect(jsdoc).toMatch(/not in investment/);
    expect(help).toMatch(/not in investment/);
    expect(zh).toMatch(/数量/);
  });
});

describe("what the release says of the source", () => {
  const source = readSourceText();
  const release = CURRENT_RELEASE;

  /** The text just before a phrase and the phrase itself: where the source says "the nation's first". */
  const lead = (phrase: string): string => {
    const at = source.indexOf(phrase);
    return at < 0 ? "" : source.slice(Math.max(0, at - 20), at + phrase.length);
  };
  const NATIONAL_FIRST = /(country|nation|China)’s first/;

  it("files as a national first only what the source calls the country's, nation's or China's first", () => {
    const wrong = release.facts.filter((f) => f.category === "national_first" && !NATIONAL_FIRST.test(lead(f.phrase))).map((f) => f.id);
    expect(wrong).toEqual([]);
  });

  /** The sentence of the source that holds a phrase. */
  const sentence = (phrase: string): string => {
    const at = source.indexOf(phrase);
    if (at < 0) return "";
    const start = Math.max(source.lastIndexOf(". ", at), source.lastIndexOf("\n", at));
    const end = source.indexOf(". ", at + phrase.length);
    return source.slice(start + 1, end < 0 ? undefined : end);
  };

  it("says 'first in China' in a description only where the source's sentence does", () => {
    const claims = /\b(first [^.;]*in China|China's first|nation's first|country's first)\b|全国首[个家创]/;
    const wrong = release.facts
      .filter((f) => claims.test(f.description.en) || claims.test(f.description.zh))
      .filter((f) => !NATIONAL_FIRST.test(sentence(f.phrase)))
      .map((f) => f.id);
    expect(wrong).toEqual([]);
  });

  it("names a table's scope as no narrower than its rows: a 'Beijing' title holds no national row", () => {
    const wrong = release.tables.flatMap((table) => {
      const scopedToBeijing = /\bin Beijing\b/.test(table.title.en) || /^北京/.test(table.title.zh);
      if (!scopedToBeijing) return [];
      return table.rows.filter((id) => {
        const label = release.figures.find((f) => f.id === id)?.label ?? release.facts.find((f) => f.id === id)?.label;
        return label !== undefined && (/national/i.test(label.en) || /全国/.test(label.zh));
      }).map((id) => `${table.id}: ${id}`);
    });
    expect(wrong).toEqual([]);
  });

  it("files each row under the part of the report that states it", () => {
    // The report's two parts, each under its heading: policies, then the open economy and investment.
    const heading = (title: string): number => source.indexOf(`\n${title}\n`);
    const policies = heading("A Series of Pioneering Policies Released");
    const economy = source.indexOf("\nA Total of 1,777");
    expect(policies).toBeGreaterThan(0);
    expect(economy).toBeGreaterThan(policies);
    const part = (phrase: string): "policies" | "economy" | "lead" => {
      const at = source.indexOf(phrase, policies);
      if (at < 0) return "lead";
      return at < economy ? "policies" : "economy";
    };
    const PART_OF_TABLE: Record<string, "policies" | "economy"> = {
      two_zones_policy: "policies",
      national_firsts: "policies",
      institutional_opening: "policies",
      fdi_headline: "economy",
      signature_projects: "economy",
      bonded_zones: "economy",
      ftz_share: "economy",
      open_economy: "economy",
    };
    const phraseOf = (id: string): string[] => {
      const figure = release.figures.find((f) => f.id === id);
      if (figure) return figure.basis === "stated" ? [figure.phrase] : figure.inputs.flatMap(phraseOf);
      const fact = release.facts.find((f) => f.id === id);
      return fact ? [fact.phrase] : [];
    };
    const wrong = release.tables.flatMap((table) => {
      const want = PART_OF_TABLE[table.id];
      if (want === undefined) return [`${table.id}: no part of the report assigned in this test`];
      return table.rows.flatMap((id) => phraseOf(id).filter((phrase) => part(phrase) !== want).map((phrase) => `${table.id}: ${id} ("${phrase}") is in the ${part(phrase)} part`));
    });
    expect(wrong).toEqual([]);
  });
});

describe("the curation's own words", () => {
  const release = CURRENT_RELEASE;
  const zhTable = JSON.parse(readFileSync(join(ROOT, "src/functions/functions.zh.json"), "utf8")) as Record<string, { description: string }>;

  it("uses the standard Chinese terms: 自贸试验区, 同比提高, 百分点 as a unit, and says 超过/近 translate over/nearly", () => {
    // Function names are English in every language (functions.zh.json holds descriptions only).
    expect(zhTable.FTZ_FDI_SHARE?.description).toContain("自由贸易试验区");
    expect(release.figures.find((f) => f.id === "ftz_fdi_share_change")?.label.zh).toContain("同比提高");
    expect(release.figures.filter((f) => f.unit.zh === "个百分点" || f.unit.zh.includes("（")).map((f) => f.id)).toEqual([]);
    const policyNote = release.tables.find((t) => t.id === "two_zones_policy")?.note.zh ?? "";
    expect(policyNote).toContain("译自原文");
    expect(policyNote).not.toContain("为原文表述");
  });

  it("has the facts the source reports of the open economy, and keeps 'with Beijing characteristics'", () => {
    const labels = Object.fromEntries(release.facts.map((f) => [f.id, f.label.en]));
    expect(labels.regulation_on_foreign_investment).toBe("Regulation of Beijing Municipality on Foreign Investment");
    expect(labels.global_service_partners_program).toBe("Global Service Partners Program");
    expect(labels.urgent_imported_drugs_rapid_review).toContain("with Beijing characteristics");
  });

  it("has the facts of institutional opening-up: the State Council's approval of Plan 2.0, and the FTZ's high-standard alignment", () => {
    const facts = Object.fromEntries(release.facts.map((f) => [f.id, f]));
    expect(facts.services_plan_v2?.phrase).toBe("approved by the State Council");
    expect(facts.services_plan_v2?.figure).toBe("services_plan_v2_tasks_done");
    expect(facts.ftz_high_standard_alignment?.phrase).toBe("implemented relevant measures to align its pilot free trade zone with high international standards");
    const table = release.tables.find((t) => t.id === "institutional_opening");
    expect(table?.rows).toEqual(["services_plan_v2", "ftz_high_standard_alignment"]);
  });
});
