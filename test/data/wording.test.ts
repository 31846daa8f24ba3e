/**
 * Wording that overstates the source: it is a news agency's report of a spokesperson's statements,
 * so nothing we publish calls the figures "official statistics" (or official figures), nor calls
 * them all "2024 figures" when some are January–November, cumulative or from the 2023 assessment.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

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
