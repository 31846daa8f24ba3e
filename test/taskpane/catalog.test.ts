/**
 * The pane's pure logic: the catalog (every table and figure, with period, bound, basis and
 * release), search (English and Chinese, ids, title words, case and width, synonyms), the
 * strings of both languages, and the messages for failed actions.
 */
import { CURRENT_RELEASE } from "../../src/data";
import { FIGURE_WORDS, basisLabel, currentDataset, periodText } from "../../src/core";
import { AdapterError, loadOnDemand, toAdapterError } from "../../src/office";
import { buildCatalog, editDistance, normalize, searchCatalog } from "../../src/taskpane/catalog";
import { describeFailure, isTargetError } from "../../src/taskpane/feedback";
import { STRINGS } from "../../src/taskpane/strings";

const index = currentDataset();
const catalog = buildCatalog(index);
const ids = (query: string): string[] => searchCatalog(catalog, query).map((item) => `${item.kind}:${item.id}`);

/** Items whose own words (either language) speak of foreign investment: what "FDI" must find. */
const foreignInvestment = catalog
  .filter((item) => /foreign|外资|外商/i.test(`${item.label.en} ${item.label.zh}`))
  .map((item) => `${item.kind}:${item.id}`);

describe("catalog", () => {
  it("lists every curated table and every figure, once", () => {
    expect(catalog.filter((i) => i.kind === "table").map((i) => i.id)).toEqual(CURRENT_RELEASE.tables.map((t) => t.id));
    expect(catalog.filter((i) => i.kind === "figure").map((i) => i.id)).toEqual(CURRENT_RELEASE.figures.map((f) => f.id));
  });

  it("shows each figure's period, bound (when not exact), basis and the release, in both languages", () => {
    const problems: string[] = [];
    for (const figure of CURRENT_RELEASE.figures) {
      const item = catalog.find((i) => i.kind === "figure" && i.id === figure.id);
      for (const language of ["en", "zh"] as const) {
        const meta = item?.meta[language] ?? "";
        const wanted = [periodText(figure.period, language), basisLabel(figure, language).toLowerCase(), CURRENT_RELEASE.id];
        if (figure.bound !== "exact") wanted.push(FIGURE_WORDS.bound[language][figure.bound]);
        for (const part of wanted) if (!meta.includes(part)) problems.push(`${figure.id} ${language}: "${meta}" lacks "${part}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("shows each table's rows, release and whether it holds derived figures", () => {
    const problems: string[] = [];
    for (const table of CURRENT_RELEASE.tables) {
      const item = catalog.find((i) => i.kind === "table" && i.id === table.id);
      const derived = table.layout === "figures" && table.rows.some((id) => index.figure(id)?.basis === "derived");
      for (const language of ["en", "zh"] as const) {
        const text = STRINGS[language];
        const meta = item?.meta[language] ?? "";
        if (!meta.includes(text.rowsMeta(table.rows.length))) problems.push(`${table.id} ${language}: no row count`);
        if (!meta.includes(CURRENT_RELEASE.id)) problems.push(`${table.id} ${language}: no release`);
        if (derived !== meta.includes(text.basisMixed)) problems.push(`${table.id} ${language}: basis "${meta}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("search", () => {
  it("finds every item by its id, its English label and its Chinese label", () => {
    const missed: string[] = [];
    for (const item of catalog) {
      for (const query of [item.id, item.label.en, item.label.zh]) {
        if (!ids(query).includes(`${item.kind}:${item.id}`)) missed.push(`${item.id} by "${query}"`);
      }
    }
    expect(missed).toEqual([]);
  });

  it("matches words of a title in any order, ignoring case", () => {
    expect(ids("BEIJING enterprises new")).toContain("table:fdi_headline");
    expect(ids("bonded zones")).toContain("table:bonded_zones");
  });

  it("ignores full-width / half-width differences", () => {
    expect(normalize("ＦＤＩ　Ｓｈａｒｅ")).toBe("fdi share");
    expect(ids("ｆｔｚ＿ｓｈａｒｅ")).toEqual(ids("ftz_share"));
    expect(ids("ｆｔｚ＿ｓｈａｒｅ")).toContain("table:ftz_share");
  });

  it('"FDI", "fdi", "外资" and "foreign investment" find the foreign-investment items', () => {
    expect(foreignInvestment.length).toBeGreaterThan(3);
    for (const query of ["FDI", "fdi", "外资", "foreign investment"]) {
      expect({ query, found: ids(query) }).toEqual({ query, found: expect.arrayContaining(foreignInvestment) });
    }
    expect(ids("FDI")).not.toContain("table:bonded_zones");
    expect(ids("外资")).toEqual(ids("FDI"));
  });

  it("an empty query lists everything; nonsense lists nothing", () => {
    expect(searchCatalog(catalog, "  ").length).toBe(catalog.length);
    expect(searchCatalog(catalog, "zzqxv")).toEqual([]);
  });

  it("tolerates typos where nothing matches exactly: \"bondd\", \"foriegn\" (issue 16)", () => {
    expect(ids("bondd")).toEqual(ids("bonded"));
    expect(ids("bondd")).toContain("table:bonded_zones");
    expect(ids("foriegn")).toEqual(ids("foreign"));
    expect(ids("foriegn").length).toBeGreaterThan(0);
    expect(ids("Foriegn investmnet")).toEqual(ids("foreign investment"));
    // An exact match wins: a typo search never widens a query that matches as typed.
    expect(ids("bond")).toEqual(searchCatalog(catalog, "bond").map((item) => `${item.kind}:${item.id}`));
    expect(ids("bonded").every((id) => ids("bondd").includes(id))).toBe(true);
    // Short words and Chinese get no tolerance; far-off words still find nothing.
    expect(ids("fdx")).toEqual([]);
    expect(ids("综保去")).toEqual([]);
    expect(ids("zzqxvw")).toEqual([]);
  });

  it("editDistance counts a swap of neighbours as one edit and stops past its limit", () => {
    expect(editDistance("foriegn", "foreign", 2)).toBe(1);
    expect(editDistance("bondd", "bonded", 2)).toBe(1);
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
    expect(editDistance("abc", "abcdefgh", 2)).toBe(3);
    expect(editDistance("", "", 1)).toBe(0);
  });
});

describe("strings", () => {
  it("has every string in both languages, none empty", () => {
    const problems: string[] = [];
    const keys = Object.keys(STRINGS.en) as (keyof typeof STRINGS.en)[];
    expect(Object.keys(STRINGS.zh).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      for (const language of ["en", "zh"] as const) {
        const value: unknown = STRINGS[language][key];
        const sample = typeof value === "function" ? String((value as (...a: unknown[]) => unknown)("x", 2, "y", "z")) : value;
        if (sample === "" || sample === undefined) problems.push(`${language}.${key} is empty`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("Chinese strings are Chinese", () => {
    const notChinese = (["appName", "searchLabel", "insertHere", "insertNewSheet", "insertAll", "copyCitation", "insertedHeading", "noWorkbook"] as const)
      .filter((key) => !/\p{Script=Han}/u.test(STRINGS.zh[key]));
    expect(notChinese).toEqual([]);
  });
});

describe("messages for failed actions", () => {
  it("uses the adapter's own message in the pane's language and offers a new sheet for a target error", () => {
    const error = new AdapterError("target_not_empty", { address: "Sheet1!B3", range: "Sheet1!B2:F9" });
    for (const language of ["en", "zh"] as const) {
      expect(describeFailure(error, language, true)).toEqual({ text: error.localized(language), offerNewSheet: true });
    }
    expect(describeFailure(error, "en", false).offerNewSheet).toBe(false); // already a new sheet
    expect(isTargetError(new AdapterError("sheet_protected", { sheet: "S" }))).toBe(true);
    expect(isTargetError(new AdapterError("edited_since_insert", { address: "Sheet1!C5" }))).toBe(false);
  });

  it("a part loaded on demand that did not arrive (webpack's ChunkLoadError) says so, in the pane and from the adapter", async () => {
    const chunkError = Object.assign(new Error("Loading chunk 42 failed."), { name: "ChunkLoadError" });
    // What the pane's and the adapter's loaders (loadOnDemand) give the pane for it.
    const loaded = await loadOnDemand(() => Promise.reject(chunkError)).catch((error: unknown) => error);
    for (const language of ["en", "zh"] as const) {
      expect(describeFailure(loaded, language)).toEqual({ text: toAdapterError(chunkError).localized(language), offerNewSheet: false });
      const adapted = toAdapterError(chunkError);
      expect(adapted.code).toBe("load_failed");
      expect(describeFailure(adapted, language).text).toBe(adapted.localized(language));
      expect(adapted.localized(language)).not.toContain("chunk");
    }
  });

  it("says what happened and what to do for anything else", () => {
    const failure = describeFailure(new Error("boom"), "zh", true);
    expect(failure).toEqual({ text: STRINGS.zh.unexpected("boom"), offerNewSheet: false });
  });
});
