/**
 * Wording that overstates the source: it is a news agency's report of a spokesperson's statements,
 * so nothing we publish calls the figures "official statistics" (or official figures), nor calls
 * them all "2024 figures" when some are January–November, cumulative or from the 2023 assessment.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { CURRENT_RELEASE } from "../../src/data";

const ROOT = resolve(__dirname, "../..");
const PUBLISHED = [
  "README.md",
  "package.json",
  "manifest.xml",
  ...readdirSync(join(ROOT, "src/help")).map((name) => `src/help/${name}`),
  "src/functions/functions.ts",
  "src/functions/functions.zh.json",
  "src/data/release.ts",
];

/** Claims that overstate the source, each unless negated right before ("not official statistics"). */
const OVERSTATEMENTS = [/official (statistics|figures|data)/gi, /official 20\d\d/gi, /(?<!November )\b20\d\d figures\b/gi, /官方(统计)?数据/g];
const NEGATION = /(not|never|并非|不是|非)\s*$/i;

describe("published wording", () => {
  it("never calls the figures official statistics or all of them '2024 figures'", () => {
    const problems = PUBLISHED.flatMap((path) => {
      const text = readFileSync(join(ROOT, path), "utf8");
      return OVERSTATEMENTS.flatMap((pattern) =>
        [...text.matchAll(pattern)]
          .filter((match) => !NEGATION.test(text.slice(Math.max(0, (match.index ?? 0) - 12), match.index)))
          .map((match) => `${path}: "${text.slice(Math.max(0, (match.index ?? 0) - 30), (match.index ?? 0) + match[0].length + 10)}"`),
      );
    });
    expect(problems).toEqual([]);
  });
});

describe("the curation's own words", () => {
  const release = CURRENT_RELEASE;
  const zhTable = JSON.parse(readFileSync(join(ROOT, "src/functions/functions.zh.json"), "utf8")) as Record<string, { description: string }>;

  it("uses the standard Chinese terms: 自贸试验区, 同比提高, 百分点 as a unit, and says 超过/近 translate over/nearly", () => {
    // The function keeps its English name (BJ.FTZ_FDI_SHARE) in Chinese Excel; its Chinese help uses the standard term.
    expect(zhTable.FTZ_FDI_SHARE?.description).toMatch(/^自由贸易试验区|^自贸试验区/);
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
});
