import { StubCustomFunctionsError, StubErrorCode } from "./setup-custom-functions";
import { ERROR_CODES } from "../../src/functions/errors";
import { CURRENT_RELEASE, LANGUAGES, type Figure } from "../../src/data";
import {
  FIGURE_WORDS,
  basisLabel,
  citeFigure,
  currentDataset,
  formatFigureValue,
  isBareNumberFaithful,
  numberFormat,
  periodText,
  resetActiveRelease,
  setActiveRelease,
  periodYear,
  tableGrid,
} from "../../src/core";
import { PLAIN_HOST, hostSupportOf, languageOfTag, type HostSupport } from "../../src/functions/host";
import { SERIES_FUNCTIONS, STAT_FIELDS, createLibrary, type BjLibrary } from "../../src/functions/library";
import { YEAR_RANGE } from "../../src/functions/messages";
import { HOSTS, cellProblems, expectError, matrixProblems } from "./helpers";

const index = currentDataset();
const figures: readonly Figure[] = CURRENT_RELEASE.figures;
const lib = (host: HostSupport = PLAIN_HOST): BjLibrary => createLibrary({ host: () => host });
const plain = lib();

describe("headline functions (stated figures only)", () => {
  it("gives the values the issue states", () => {
    expect(plain.FDI_COUNT(2024)).toBe(1777);
    expect(plain.FDI_COUNT()).toBe(1777);
    expect(plain.FDI_GROWTH()).toBe(0.14);
    expect(plain.FTZ_FDI_SHARE()).toBe(0.338);
  });

  it("never returns the derived 2023 count: FDI_COUNT(2023) is #N/A naming the stated period", () => {
    expectError(plain.FDI_COUNT(2023), "#N/A", "No stated figure for 2023; the source covers January–November 2024");
    expectError(lib(HOSTS.plainZh).FDI_COUNT(2023), "#N/A", "2023年无公布数；来源涵盖2024年1—11月");
  });

  it("answers every year of the range from the release's stated figures, and only from them", () => {
    const problems: string[] = [];
    for (const [fn, series] of Object.entries(SERIES_FUNCTIONS) as [keyof typeof SERIES_FUNCTIONS, string][]) {
      const stated = figures.filter((f) => f.series === series && f.basis === "stated");
      if (stated.length === 0) problems.push(`${fn}: no stated figure in series ${series}`);
      const latest = [...stated].sort((a, b) => b.period.end.localeCompare(a.period.end))[0];
      if (plain[fn]() !== latest?.value) problems.push(`${fn}(): ${String(plain[fn]())}, latest is ${latest?.value}`);
      for (let year = YEAR_RANGE.min; year <= YEAR_RANGE.max; year++) {
        const match = stated.find((f) => periodYear(f.period) === year);
        const result = plain[fn](year);
        if (match) {
          if (result !== match.value) problems.push(`${fn}(${year}) = ${String(result)}, stated ${match.value}`);
          continue;
        }
        const message = (result as { message?: string }).message ?? "";
        const periods = stated.map((f) => f.period.label.en);
        if ((result as { code?: string }).code !== "#N/A" || !periods.every((p) => message.includes(p))) {
          problems.push(`${fn}(${year}) should be #N/A listing ${periods.join(", ")}: ${JSON.stringify(result)}`);
        }
        const derivedValues = figures.filter((f) => f.series === series && f.basis === "derived" && periodYear(f.period) === year);
        if (derivedValues.some((d) => result === d.value)) problems.push(`${fn}(${year}) returned a derived figure`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("treats an empty argument (undefined, null, 0 on desktop, blank text) as not given", () => {
    const wrong = [undefined, null, 0, -0, "", "  "]
      .map((blank) => [blank, plain.FDI_COUNT(blank)] as const)
      .filter(([, result]) => result !== 1777)
      .map(([blank, result]) => `FDI_COUNT(${JSON.stringify(blank)}) = ${JSON.stringify(result)}`);
    expect(wrong).toEqual([]);
  });

  it("reads the basic value of a cell value argument (a formatted number in the cell)", () => {
    expect(plain.FDI_COUNT({ type: "Double", basicValue: 2024, numberFormat: "0" })).toBe(1777);
    expect(plain.FDI_COUNT({ type: "FormattedNumber", basicValue: 2024, numberFormat: "0" })).toBe(1777);
    expectError(plain.FDI_COUNT({ type: "Entity", text: "2024", properties: {} }), "#VALUE!", /year must be a number/);
  });
});

describe("year validation", () => {
  it.each([2024.5, 1899, 2101, -2024, 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "FDI_COUNT(%p) is #VALUE! with a message (never #NUM!, which Excel shows without one)",
    (year) => {
      expectError(plain.FDI_COUNT(year), "#VALUE!", /year must be/);
      expectError(plain.STAT("fdi_new_enterprises", year), "#VALUE!", /year must be/);
    },
  );

  it("uses no code whose message Excel drops: the runtime stub, like Excel, shows no message with #NUM!", () => {
    expect(new StubCustomFunctionsError(StubErrorCode.invalidNumber, "lost").message).toBeUndefined();
    expect(new StubCustomFunctionsError(StubErrorCode.invalidValue, "kept").message).toBe("kept");
    expect(Object.values(ERROR_CODES).sort()).toEqual(["#N/A", "#VALUE!"]);
  });

  it("says which rule a year breaks", () => {
    expectError(plain.FDI_GROWTH(2024.5), "#VALUE!", "year must be a whole number, such as 2024; got 2024.5.");
    expectError(plain.FDI_GROWTH(3000), "#VALUE!", `year must be between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}; got 3000.`);
    expectError(lib(HOSTS.plainZh).FDI_GROWTH(3000), "#VALUE!", /^年份须在 1900 至 2100 之间/);
  });

  it.each([["2024"], ["twenty"], [true], [false]])("text or a logical where a year belongs (%p) is #VALUE!", (year) => {
    expectError(plain.FTZ_FDI_SHARE(year), "#VALUE!", /year must be a number, such as 2024; got/);
  });

  it("a range where a single year belongs is #VALUE!", () => {
    expectError(plain.FDI_COUNT([[2024]]), "#VALUE!", "year takes a single value, not a range or an array.");
  });
});

describe("BJ.STAT", () => {
  it("returns every figure's bare number on request, with or without the year of its own stated period", () => {
    const problems: string[] = [];
    for (const f of figures) {
      if (plain.STAT(f.id, null, "number") !== f.value) problems.push(`STAT(${f.id},,number)`);
      if (plain.STAT(f.id.toUpperCase(), null, "NUMBER") !== f.value) problems.push(`STAT(${f.id.toUpperCase()},,NUMBER)`);
      const year = periodYear(f.period);
      if (year !== null && f.period.inference === null && plain.STAT(f.id, year, "number") !== f.value) problems.push(`STAT(${f.id}, ${year}, number)`);
      const other = (year ?? 2024) - 1;
      const wrong = plain.STAT(f.id, other) as { code?: string; message?: string };
      if (wrong.code !== "#N/A" || !wrong.message?.includes(f.period.label.en)) {
        problems.push(`STAT(${f.id}, ${other}) should be #N/A naming ${f.period.label.en}: ${JSON.stringify(wrong)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("refuses a year for every figure whose period the source does not state, in both languages, naming why", () => {
    const problems: string[] = [];
    for (const f of figures) {
      const year = periodYear(f.period);
      if (year === null || f.period.inference === null) continue;
      for (const host of [HOSTS.plain, HOSTS.plainZh, HOSTS.double]) {
        for (const field of [null, "number", "period"]) {
          const got = lib(host).STAT(f.id, year, field) as { code?: string; message?: string };
          const inferredWord = host.language === "en" ? "inferred" : "推断";
          if (got.code !== "#N/A" || !got.message?.includes(inferredWord)) problems.push(`STAT(${f.id}, ${year}, ${String(field)}) on ${host.language}: ${JSON.stringify(got)}`);
        }
      }
      // Without the year, the figure is there, its period marked inferred.
      if (plain.STAT(f.id, null, "number") !== f.value) problems.push(`STAT(${f.id}) without a year`);
      if (!String(plain.STAT(f.id, null, "period")).includes("(inferred)")) problems.push(`STAT(${f.id},,period) unmarked`);
    }
    expect(problems).toEqual([]);
    expectError(plain.STAT("global_service_partners", 2024), "#N/A", "global_service_partners: the source gives it no date; its period, 2024, is inferred, so the source does not state it as a 2024 figure. Leave the year out");
  });

  it("names the figure's own period when the year does not match", () => {
    expectError(
      plain.STAT("fdi_new_enterprises", 2023),
      "#N/A",
      "fdi_new_enterprises has no figure for 2023; its period is January–November 2024",
    );
  });

  it("returns every field of every figure; derived figures give their formula and no phrase", () => {
    const problems: string[] = [];
    for (const f of figures) {
      const field = (name: string): unknown => plain.STAT(f.id, null, name);
      const expected: Record<(typeof STAT_FIELDS)[number], unknown> = {
        value: isBareNumberFaithful(f) ? f.value : formatFigureValue(f, "en", { periodTag: true }),
        number: f.value,
        unit: f.unit.en,
        unit_zh: f.unit.zh,
        period: periodText(f.period, "en"),
        period_zh: periodText(f.period, "zh"),
        label: f.label.en,
        label_zh: f.label.zh,
        bound: f.bound,
        bound_zh: FIGURE_WORDS.bound.zh[f.bound],
        phrase: f.basis === "stated" ? f.phrase : "",
        derived: f.basis === "derived" ? f.formula : "",
        source: citeFigure(CURRENT_RELEASE, f, "apa"),
        source_zh: citeFigure(CURRENT_RELEASE, f, "gbt7714"),
      };
      for (const [name, want] of Object.entries(expected)) {
        if (field(name) !== want) problems.push(`STAT(${f.id},,${name}) = ${JSON.stringify(field(name))}`);
        if (field(name.toUpperCase()) !== want) problems.push(`STAT(${f.id},,${name.toUpperCase()})`);
      }
      if (f.basis === "derived" && (field("phrase") !== "" || field("derived") === "")) problems.push(`${f.id}: derived marking`);
      if (f.basis === "stated" && field("derived") !== "") problems.push(`${f.id}: stated figure with a formula`);
      if (f.basis === "stated" && !String(field("source")).includes(f.phrase)) problems.push(`${f.id}: source lacks phrase`);
    }
    expect(problems).toEqual([]);
  });

  it("treats 0 and null in the optional places as not given", () => {
    expect(plain.STAT("ftz_fdi_share", 0, 0)).toBe(0.338);
    expect(plain.STAT("pioneering_policies", 0, 0)).toBe("over 120 (cumulative)");
    expect(plain.STAT("ftz_fdi_share", null, null)).toBe(0.338);
    expect(plain.STAT("ftz_fdi_share", undefined, "")).toBe(0.338);
  });

  it("a language argument makes the value and text fields read in it, whatever the display language (issue 16)", () => {
    const estimate = "national_fdi_new_enterprises_yoy";
    const figure = index.figure(estimate);
    if (!figure) throw new Error("no estimate");
    for (const host of [HOSTS.plain, HOSTS.plainZh]) {
      // Plain hosts: the value's text in the language asked for.
      expect(lib(host).STAT(estimate, null, null, "zh")).toBe(formatFigureValue(figure, "zh", { periodTag: true }));
      expect(lib(host).STAT(estimate, null, null, "en")).toBe(formatFigureValue(figure, "en", { periodTag: true }));
      expect(lib(host).STAT(estimate, null, "unit", "zh")).toBe(figure.unit.zh);
      expect(lib(host).STAT(estimate, null, "period", "zh")).toBe(periodText(figure.period, "zh"));
      expect(lib(host).STAT(estimate, null, "unit_zh", "en")).toBe(figure.unit.zh); // a field naming its language keeps it
      expect(lib(host).STAT(estimate, null, "number", "zh")).toBe(figure.value);
    }
    // Formatted hosts: the number format is the language's.
    for (const host of [HOSTS.double, HOSTS.doubleZh]) {
      const zh = lib(host).STAT(estimate, null, null, "zh") as { numberFormat?: string };
      expect(zh.numberFormat).toBe(numberFormat(figure, "zh", { periodTag: true }));
      const en = lib(host).STAT(estimate, null, null, "en") as { numberFormat?: string };
      expect(en.numberFormat).toBe(numberFormat(figure, "en", { periodTag: true }));
    }
    // Not given: as before (the display language); "zh-CN" is "zh"; anything else is #VALUE! in the display language.
    expect(lib(HOSTS.plainZh).STAT(estimate)).toBe(formatFigureValue(figure, "zh", { periodTag: true }));
    expect(lib(HOSTS.plain).STAT(estimate, null, null, "")).toBe(formatFigureValue(figure, "en", { periodTag: true }));
    expect(lib(HOSTS.plain).STAT(estimate, null, null, "zh-CN")).toBe(formatFigureValue(figure, "zh", { periodTag: true }));
    expectError(lib(HOSTS.plain).STAT(estimate, null, null, "fr"), "#VALUE!", /language/);
    expectError(lib(HOSTS.plainZh).STAT(estimate, null, null, "fr"), "#VALUE!", /语言/);
  });

  it("an unknown id is #N/A naming the closest ids", () => {
    expectError(plain.STAT("fdi_new_enterprise"), "#N/A", /^Unknown indicator "fdi_new_enterprise"; closest ids: fdi_new_enterprises/);
    expectError(plain.STAT("nonsense"), "#N/A", /closest ids: [a-z_0-9]+, [a-z_0-9]+, [a-z_0-9]+$/);
    expectError(lib(HOSTS.plainZh).STAT("ftz_share"), "#N/A", /^未知指标“ftz_share”；最接近的编号：/);
  });

  it("a missing or non-text indicator, and a bad field, are #VALUE! with the accepted values", () => {
    expectError(plain.STAT(), "#VALUE!", /^indicator is required/);
    expectError(plain.STAT(0), "#VALUE!", /^indicator is required/);
    expectError(plain.STAT(42), "#VALUE!", /^indicator must be an id as text.*got 42\.$/);
    expectError(plain.STAT(true), "#VALUE!", /got TRUE/);
    expectError(plain.STAT([["a", "b"]]), "#VALUE!", "indicator takes a single value, not a range or an array.");
    expectError(plain.STAT("ftz_fdi_share", null, "colour"), "#VALUE!", `Unknown field "colour"; accepted values: ${STAT_FIELDS.join(", ")}`);
    expectError(plain.STAT("ftz_fdi_share", null, 7), "#VALUE!", /^Unknown field 7; accepted values: value, number, unit/);
  });
});

describe("what a cell receives for every derived or bounded figure, on both host kinds", () => {
  // Written out by hand: the rule of the README and help, not the code that implements it.
  // [id, plain host (en), plain host (zh), 1.4 host number format (en)]
  const CASES = [
    ["national_fdi_new_enterprises_yoy", "est. 9% (Jan–Nov)", "约9%（估算，1—11月）", '"est. "0%" (Jan–Nov)"'],
    ["fdi_new_enterprises_jan_nov_2023_approx", "est. 1,559 (Jan–Nov)", "约1,559（估算，1—11月）", '"est. "#,##0" (Jan–Nov)"'],
    ["ftz_fdi_share_prev_year", "est. 15.9% (Jan–Nov)", "约15.9%（估算，1—11月）", '"est. "0.0%" (Jan–Nov)"'],
    ["pioneering_policies", "over 120 (cumulative)", "超过120（累计）", '"over "#,##0" (cumulative)"'],
    ["national_first_policies", "nearly 60 (cumulative)", "近60（累计）", '"nearly "#,##0" (cumulative)"'],
    ["services_plan_v2_tasks_done", "over 80%", "超过80%", '"over "0%'],
  ] as const;

  it("covers every figure that is derived or not exact", () => {
    const listed = new Set<string>(CASES.map(([id]) => id));
    expect(figures.filter((f) => !isBareNumberFaithful(f) && !listed.has(f.id)).map((f) => f.id)).toEqual([]);
  });

  it.each(CASES)("%s: text on plain hosts, a number whose format shows it on 1.4 hosts", (id, plainEn, plainZh, format) => {
    const f = index.figure(id);
    expect(plain.STAT(id)).toBe(plainEn);
    expect(lib(HOSTS.plainZh).STAT(id)).toBe(plainZh);
    expect(lib(HOSTS.double).STAT(id)).toEqual({ type: "Double", basicValue: f?.value, numberFormat: format });
    expect(lib(HOSTS.formatted).STAT(id)).toEqual({ type: "FormattedNumber", basicValue: f?.value, numberFormat: format });
    // The bare number only when asked for by name, on both host kinds.
    expect(plain.STAT(id, null, "number")).toBe(f?.value);
    expect(lib(HOSTS.double).STAT(id, null, "number")).toBe(f?.value);
    // A card never carries it bare: text on plain hosts, an entity on 1.4 hosts.
    expect(typeof plain.CARD(id)).toBe("string");
    expect(String(plain.CARD(id))).toContain(plainEn.replace(/ \(.*\)$/, ""));
    expect(lib(HOSTS.double).CARD(id)).toMatchObject({ type: "Entity" });
  });

  it("gives an exact stated figure bare on plain hosts, and its partial-year period in the format on 1.4 hosts", () => {
    expect(plain.FDI_COUNT(2024)).toBe(1777);
    expect(lib(HOSTS.double).FDI_COUNT(2024)).toEqual({ type: "Double", basicValue: 1777, numberFormat: '#,##0" (Jan–Nov)"' });
    expect(lib(HOSTS.doubleZh).FDI_COUNT(2024)).toEqual({ type: "Double", basicValue: 1777, numberFormat: '#,##0"（1—11月）"' });
    expect(lib(HOSTS.double).STAT("tianzhu_bonded_zone_rank")).toEqual({ type: "Double", basicValue: 2, numberFormat: '"No. "0' });
  });

  it("answers the bound field with the source's word, or 'estimate' for an estimate", () => {
    expect(plain.STAT("pioneering_policies", null, "bound")).toBe("over");
    expect(plain.STAT("national_fdi_new_enterprises_yoy", null, "bound")).toBe("estimate");
    expect(plain.STAT("national_fdi_new_enterprises_yoy", null, "bound_zh")).toBe("估算");
    expect(plain.INDICATORS("en")).toContainEqual(expect.arrayContaining(["ftz_fdi_share_prev_year", "estimate"]));
  });
});

describe("number formats (CustomFunctionsRuntime 1.4 hosts)", () => {
  it("returns a share as a percentage and a bound in its format", () => {
    expect(lib(HOSTS.double).FTZ_FDI_SHARE()).toEqual({ type: "Double", basicValue: 0.338, numberFormat: '0.0%" (Jan–Nov)"' });
    expect(lib(HOSTS.formatted).FTZ_FDI_SHARE()).toEqual({ type: "FormattedNumber", basicValue: 0.338, numberFormat: '0.0%" (Jan–Nov)"' });
    expect(lib(HOSTS.double).STAT("pioneering_policies")).toEqual({ type: "Double", basicValue: 120, numberFormat: '"over "#,##0" (cumulative)"' });
    expect(lib(HOSTS.doubleZh).STAT("pioneering_policies")).toEqual({ type: "Double", basicValue: 120, numberFormat: '"超过"#,##0"（累计）"' });
  });

  it("formats every figure's value with the core's number format for the host language", () => {
    const problems: string[] = [];
    for (const host of [HOSTS.double, HOSTS.formatted, HOSTS.doubleZh]) {
      for (const f of figures) {
        const want = { type: host.doubleNumberFormat ? "Double" : "FormattedNumber", basicValue: f.value, numberFormat: numberFormat(f, host.language, { periodTag: true }) };
        const got = lib(host).STAT(f.id);
        if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${f.id} (${host.language}): ${JSON.stringify(got)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps text fields plain on every host", () => {
    expect(lib(HOSTS.double).STAT("ftz_fdi_share", null, "unit")).toBe("percent");
  });
});

describe("BJ.TABLE", () => {
  it("spills every table in every language: the grid's header, then its rows, without holes", () => {
    const problems: string[] = [];
    for (const tableId of index.tableIds) {
      for (const language of LANGUAGES) {
        const grid = tableGrid(index, tableId, language);
        const result = plain.TABLE(tableId, language);
        problems.push(...matrixProblems(result, `TABLE(${tableId}, ${language})`));
        if (!Array.isArray(result)) continue;
        // The grid, except that a value that is not exact and stated, or is a ratio (stored as a
        // fraction beside the word "percent"), arrives as its text.
        const valueColumn = grid.columnKeys.indexOf("value");
        const rows = grid.rows.map((row, r) =>
          row.map((cell, c) => {
            const f = c === valueColumn ? index.figure(grid.valueFigureIds[r] ?? "") : undefined;
            return f && (!isBareNumberFaithful(f) || f.kind === "ratio") ? formatFigureValue(f, language) : cell;
          }),
        );
        if (JSON.stringify(result) !== JSON.stringify([grid.header, ...rows])) problems.push(`TABLE(${tableId}, ${language}) differs from its grid`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("spills the note and the source line under the table when asked, and only then", () => {
    const grid = tableGrid(index, "bonded_zones", "zh");
    const withLines = plain.TABLE("bonded_zones", "zh", true) as unknown[][];
    expect(withLines.slice(-2)).toEqual([
      [grid.note, ...grid.header.slice(1).map(() => "")],
      [grid.sourceLine, ...grid.header.slice(1).map(() => "")],
    ]);
    expect(plain.TABLE("bonded_zones", "zh", false)).toEqual(plain.TABLE("bonded_zones", "zh"));
    expect((plain.TABLE("bonded_zones", "zh", 1) as unknown[][]).length).toBe(withLines.length);
    expectError(plain.TABLE("bonded_zones", "zh", "yes"), "#VALUE!", 'with_source must be TRUE or FALSE; got "yes".');
  });

  it("defaults to English and accepts zh-CN for Chinese, in any case", () => {
    expect(plain.TABLE("fdi_headline")).toEqual(plain.TABLE("fdi_headline", "en"));
    expect(plain.TABLE("FDI_HEADLINE", 0)).toEqual(plain.TABLE("fdi_headline", "en"));
    expect(plain.TABLE("fdi_headline", "zh-CN")).toEqual(plain.TABLE("fdi_headline", "zh"));
    expect(plain.TABLE("fdi_headline", "ZH")).toEqual(plain.TABLE("fdi_headline", "zh"));
  });

  it("formats numeric cells with the grid's number formats on 1.4 hosts", () => {
    const problems: string[] = [];
    for (const tableId of index.tableIds) {
      const grid = tableGrid(index, tableId, "en");
      const result = lib(HOSTS.double).TABLE(tableId, "en");
      problems.push(...matrixProblems(result, tableId));
      if (!Array.isArray(result)) continue;
      grid.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          const got = result[r + 1]?.[c];
          const format = grid.numberFormats[r]?.[c];
          const formatted = typeof cell === "number" && format !== "General" && format !== "@";
          const want = formatted ? { type: "Double", basicValue: cell, numberFormat: format } : cell;
          if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${tableId}[${r}][${c}]: ${JSON.stringify(got)}`);
        }),
      );
    }
    expect(problems).toEqual([]);
  });

  it("an unknown table is #N/A with the closest ids; a bad language is #VALUE! with the accepted ones", () => {
    expectError(plain.TABLE("fdi_headlines"), "#N/A", /^Unknown table "fdi_headlines"; closest ids: fdi_headline/);
    expectError(plain.TABLE("fdi_headline", "fr"), "#VALUE!", 'Unknown language "fr"; accepted values: en, zh, zh-CN');
    expectError(plain.TABLE(), "#VALUE!", /^table is required/);
    expectError(plain.TABLE(3), "#VALUE!", /^table must be an id as text/);
  });
});

describe("BJ.INDICATORS", () => {
  it("lists every figure with a header row, in both languages, marking derived ones", () => {
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      const result = plain.INDICATORS(language);
      problems.push(...matrixProblems(result, `INDICATORS(${language})`));
      if (!Array.isArray(result)) continue;
      if (result.length !== figures.length + 1) problems.push(`INDICATORS(${language}): ${result.length} rows, want ${figures.length + 1}`);
      figures.forEach((f, i) => {
        const want = [f.id, f.label[language], f.unit[language], periodText(f.period, language), FIGURE_WORDS.bound[language][f.bound], basisLabel(f, language)];
        if (JSON.stringify(result[i + 1]) !== JSON.stringify(want)) problems.push(`row ${f.id} (${language}): ${JSON.stringify(result[i + 1])}`);
      });
    }
    expect(problems).toEqual([]);
    expect(plain.INDICATORS()).toEqual(plain.INDICATORS("en"));
    expect((plain.INDICATORS("zh") as string[][])[0]).toEqual(["编号", "指标", "单位", "时期", "数值性质", "依据"]);
  });

  it("a bad language is #VALUE!", () => {
    expectError(plain.INDICATORS("de"), "#VALUE!", /accepted values: en, zh, zh-CN$/);
  });
});

describe("BJ.SOURCE", () => {
  it("cites every figure in APA by default and in GB/T 7714 on request", () => {
    const problems: string[] = [];
    for (const f of figures) {
      if (plain.SOURCE(f.id) !== citeFigure(CURRENT_RELEASE, f, "apa")) problems.push(`SOURCE(${f.id})`);
      for (const style of ["gbt7714", "GB/T 7714", "GB/T 7714-2015"]) {
        if (plain.SOURCE(f.id, style) !== citeFigure(CURRENT_RELEASE, f, "gbt7714")) problems.push(`SOURCE(${f.id}, ${style})`);
      }
      const locator = f.basis === "stated" ? f.phrase : f.formula;
      if (!String(plain.SOURCE(f.id)).includes(locator)) problems.push(`SOURCE(${f.id}) lacks ${locator}`);
    }
    expect(problems).toEqual([]);
  });

  it("a bad style is #VALUE! with the accepted styles", () => {
    expectError(plain.SOURCE("ftz_fdi_share", "mla"), "#VALUE!", 'Unknown style "mla"; accepted values: apa, gbt7714');
    expectError(plain.SOURCE("nope"), "#N/A", /^Unknown indicator "nope"/);
  });
});

describe("BJ.CARD", () => {
  it("returns one line of text on hosts without CustomFunctionsRuntime 1.4: label, value with its bound, period, basis", () => {
    expect(plain.CARD("ftz_fdi_share_prev_year")).toBe(
      "Pilot free trade zone's share a year earlier (estimate): est. 15.9% · January–November 2023 (inferred) · Derived (estimate)",
    );
    expect(lib(HOSTS.plainZh).CARD("pioneering_policies")).toBe("落地突破性政策数：超过120 · “两区”建设以来（截至2025年1月15日）（推断） · 公布数");
    const bare = figures.filter((f) => typeof lib(HOSTS.plain).CARD(f.id) !== "string" || typeof lib(HOSTS.plainZh).CARD(f.id) !== "string");
    expect(bare.map((f) => f.id)).toEqual([]);
  });

  it("returns an entity with value, unit, period, bound, source phrase and citation on 1.4 hosts", () => {
    const problems: string[] = [];
    for (const host of [HOSTS.double, HOSTS.doubleZh, HOSTS.formatted]) {
      for (const f of figures) {
        const result = lib(host).CARD(f.id);
        problems.push(...cellProblems(result, `CARD(${f.id})`));
        const entity = result as Excel.EntityCellValue;
        if (entity.type !== "Entity" || entity.text !== f.label[host.language]) {
          problems.push(`CARD(${f.id}) not an entity titled by its label`);
          continue;
        }
        const properties = entity.properties ?? {};
        const text = (value: unknown): string => JSON.stringify(value);
        const all = text(properties);
        const expectedTexts = [f.unit[host.language], f.period.label[host.language], FIGURE_WORDS.bound[host.language][f.bound]];
        expectedTexts.push(citeFigure(CURRENT_RELEASE, f, host.language === "en" ? "apa" : "gbt7714"));
        expectedTexts.push(f.basis === "stated" ? f.phrase : f.formula);
        for (const t of expectedTexts) if (!all.includes(text(t).slice(1, -1))) problems.push(`CARD(${f.id}) lacks ${t}`);
        const numbers = Object.values(properties).filter((p) => (p as { type?: string }).type === (host.doubleNumberFormat ? "Double" : "FormattedNumber"));
        if (numbers.length !== 1 || (numbers[0] as { basicValue?: number }).basicValue !== f.value) problems.push(`CARD(${f.id}) value`);
        const listed = (entity.layouts?.card?.sections ?? []).flatMap((s) => s.properties);
        for (const name of listed) if (!(name in properties)) problems.push(`CARD(${f.id}) card lists missing property ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("an unknown id is #N/A", () => {
    expectError(lib(HOSTS.double).CARD("ftz"), "#N/A", /closest ids: ftz_fdi_share/);
  });
});

describe("BJ.VERSION", () => {
  it("is the release id", () => {
    expect(plain.VERSION()).toBe(CURRENT_RELEASE.id);
  });
});

describe("host detection", () => {
  const office = (sets: Record<string, string>, displayLanguage: string) => ({
    context: {
      displayLanguage,
      requirements: {
        isSetSupported: (name: string, version?: string) => sets[name] !== undefined && Number(sets[name]) >= Number(version ?? "1"),
      },
    },
  });

  it("is plain until Office has a context", () => {
    expect(hostSupportOf(undefined)).toBeNull();
    expect(hostSupportOf({})).toBeNull();
  });

  it("reads CustomFunctionsRuntime 1.4, ExcelApi 1.19 and the display language", () => {
    expect(hostSupportOf(office({ CustomFunctionsRuntime: "1.3", ExcelApi: "1.19" }, "en-US"))).toEqual(HOSTS.plain);
    expect(hostSupportOf(office({ CustomFunctionsRuntime: "1.4", ExcelApi: "1.16" }, "en-GB"))).toEqual(HOSTS.formatted);
    expect(hostSupportOf(office({ CustomFunctionsRuntime: "1.4", ExcelApi: "1.19" }, "zh-CN"))).toEqual(HOSTS.doubleZh);
    expect(languageOfTag("zh-TW")).toBe("zh");
    expect(languageOfTag("fr-FR")).toBe("en");
    expect(languageOfTag(undefined)).toBe("en");
  });
});

describe("one release for the page", () => {
  afterEach(() => resetActiveRelease());

  it("answers from the active release, the one the pane shows, and follows it when it changes", () => {
    const library = createLibrary();
    expect(library.VERSION()).toBe(CURRENT_RELEASE.id);
    const revised = {
      ...CURRENT_RELEASE,
      id: "2099-01-01.1",
      figures: CURRENT_RELEASE.figures.map((f) => (f.id === "fdi_new_enterprises" ? { ...f, value: 1900 } : f)),
    };
    setActiveRelease(revised, { kind: "channel" });
    expect(library.VERSION()).toBe("2099-01-01.1");
    expect(library.FDI_COUNT(2024)).toBe(1900);
    resetActiveRelease();
    expect(library.FDI_COUNT(2024)).toBe(1777);
  });
});
