import { CURRENT_RELEASE, LANGUAGES, type Figure, type Release } from "../../src/data";
import { renderValue } from "../../src/simulated-excel";
import {
  FIGURE_WORDS,
  FormulaError,
  basisLabel,
  TEXT_FORMAT,
  UnknownTableError,
  cellAddress,
  citeFigure,
  citeSource,
  closestIds,
  columnLetters,
  currentDataset,
  editDistance,
  evaluateFormula,
  formatFigureValue,
  indexRelease,
  numberFormat,
  periodText,
  periodYear,
  qualified,
  roundTo,
  sheetOf,
  sourceLine,
  statedForYear,
  tableGrid,
} from "../../src/core";

const index = currentDataset();
const figure = (id: string): Figure => {
  const found = index.figure(id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
};

describe("lookups", () => {
  it("finds every figure, fact and table by id", () => {
    const missing = [
      ...CURRENT_RELEASE.figures.filter((f) => index.figure(f.id) !== f).map((f) => f.id),
      ...CURRENT_RELEASE.facts.filter((f) => index.fact(f.id) !== f).map((f) => f.id),
      ...CURRENT_RELEASE.tables.filter((t) => index.table(t.id) !== t).map((t) => t.id),
    ];
    expect(missing).toEqual([]);
    expect(index.figure("no_such_id")).toBeUndefined();
  });

  it("gives the stated figure for a year and never a derived one", () => {
    const found = statedForYear(index, "fdi_new_enterprises", 2024);
    expect(found.found && found.figure.value).toBe(1777);
    // The 2023 count exists only as a derived estimate in the same series: not returned as stated.
    const earlier = statedForYear(index, "fdi_new_enterprises", 2023);
    expect(earlier.found).toBe(false);
    expect(!earlier.found && earlier.available.map((p) => p.label.en)).toEqual(["January–November 2024"]);
  });

  it("takes the latest stated period when no year is given", () => {
    const two: Release = {
      ...CURRENT_RELEASE,
      figures: [
        ...CURRENT_RELEASE.figures,
        { ...figure("fdi_new_enterprises"), id: "fdi_new_enterprises_2025", value: 2000,
          period: { start: "2025-01-01", end: "2025-11-30", label: { en: "January–November 2025", zh: "2025年1—11月" }, tag: null, inference: null } },
      ],
    };
    const latest = statedForYear(indexRelease(two), "fdi_new_enterprises", null);
    expect(latest.found && latest.figure.id).toBe("fdi_new_enterprises_2025");
  });

  it("places a period in a year only when it starts and ends in that year", () => {
    expect(periodYear(figure("fdi_new_enterprises").period)).toBe(2024);
    expect(periodYear(figure("pioneering_policies").period)).toBeNull();
    expect(periodYear({ start: "2023-07-01", end: "2024-06-30", label: { en: "x", zh: "x" }, tag: null, inference: null })).toBeNull();
  });

  it("measures edit distance as Levenshtein does", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("ftz_fdi_share", "ftz_fdi_share")).toBe(0);
    expect(editDistance("ab", "ba")).toBe(2);
  });

  it("suggests the closest ids for a mistyped one", () => {
    expect(closestIds(index.figureIds, "fdi_new_enterprise")[0]).toBe("fdi_new_enterprises");
    expect(closestIds(index.figureIds, "FTZ_FDI_SHAR")[0]).toBe("ftz_fdi_share");
    expect(closestIds(index.figureIds, "tianzhu", 1)).toEqual(["tianzhu_bonded_zone_rank"]);
  });
});

describe("formulas", () => {
  const values: Record<string, number> = { a: 2, b: 3, c: 4 };
  const resolve = (id: string): number | undefined => values[id];

  it("respects precedence, parentheses and unary minus", () => {
    expect(evaluateFormula("a + b * c", resolve)).toBe(14);
    expect(evaluateFormula("(a + b) * c", resolve)).toBe(20);
    expect(evaluateFormula("-a + c / 2", resolve)).toBe(0);
    expect(evaluateFormula("a - b - c", resolve)).toBe(-5);
  });

  it("rejects unknown ids and malformed text", () => {
    expect(() => evaluateFormula("a + zz", resolve)).toThrow(FormulaError);
    expect(() => evaluateFormula("a +", resolve)).toThrow(FormulaError);
    expect(() => evaluateFormula("(a + b", resolve)).toThrow(FormulaError);
    expect(() => evaluateFormula("a ; b", resolve)).toThrow(FormulaError);
    expect(() => evaluateFormula("a b", resolve)).toThrow(FormulaError);
  });

  it("rounds half away from zero, through binary noise", () => {
    expect(roundTo(0.14 - 0.05, 4)).toBe(0.09);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(1558.77, 0)).toBe(1559);
  });
});

describe("number formats", () => {
  it.each([
    ["fdi_new_enterprises", "en", "#,##0", "1,777"],
    ["ftz_fdi_share", "en", "0.0%", "33.8%"],
    ["fdi_new_enterprises_yoy", "zh", "0%", "14%"],
    ["pioneering_policies", "en", '"over "#,##0', "over 120"],
    ["pioneering_policies", "zh", '"超过"#,##0', "超过120"],
    ["national_first_policies", "zh", '"近"#,##0', "近60"],
    ["services_plan_v2_tasks_done", "en", '"over "0%', "over 80%"],
    ["ftz_fdi_share_change", "en", '"+"0.0" pp";"-"0.0" pp";"0 pp"', "+17.9 pp"],
    ["ftz_fdi_share_change", "zh", '"+"0.0"个百分点";"-"0.0"个百分点";"0个百分点"', "+17.9个百分点"],
    ["tianzhu_bonded_zone_rank", "zh", '"第"0"名"', "第2名"],
    ["daxing_bonded_zone_rank_rise", "en", '"up "0" places";"down "0" places";"no change"', "up 55 places"],
    // Derived estimates show "est." / "估算", never the source's "nearly" or a bare number.
    ["national_fdi_new_enterprises_yoy", "en", '"est. "0%', "est. 9%"],
    ["fdi_new_enterprises_jan_nov_2023_approx", "zh", '"约"#,##0"（估算）"', "约1,559（估算）"],
    ["ftz_fdi_share_prev_year", "en", '"est. "0.0%', "est. 15.9%"],
  ] as const)("%s in %s: %s shows %s", (id, language, format, shown) => {
    expect(numberFormat(figure(id), language)).toBe(format);
    expect(formatFigureValue(figure(id), language)).toBe(shown);
  });

  it.each([
    ["fdi_new_enterprises", "en", '#,##0" (Jan–Nov)"', "1,777 (Jan–Nov)"],
    ["fdi_new_enterprises", "zh", '#,##0"（1—11月）"', "1,777（1—11月）"],
    ["pioneering_policies", "en", '"over "#,##0" (cumulative)"', "over 120 (cumulative)"],
    ["national_fdi_new_enterprises_yoy", "en", '"est. "0%" (Jan–Nov)"', "est. 9% (Jan–Nov)"],
    ["national_fdi_new_enterprises_yoy", "zh", '"约"0%"（估算，1—11月）"', "约9%（估算，1—11月）"],
    ["ftz_fdi_share_change", "en", '"+"0.0" pp (Jan–Nov)";"-"0.0" pp (Jan–Nov)";"0 pp (Jan–Nov)"', "+17.9 pp (Jan–Nov)"],
    ["services_openness_rank", "zh", '"第"0"名（连续三年）"', "第1名（连续三年）"],
    // A calendar year needs no tag.
    ["tianzhu_bonded_zone_rank", "en", '"No. "0', "No. 2"],
  ] as const)("with its period tag, %s in %s: %s shows %s", (id, language, format, shown) => {
    expect(numberFormat(figure(id), language, { periodTag: true })).toBe(format);
    expect(formatFigureValue(figure(id), language, { periodTag: true })).toBe(shown);
  });

  it("glosses the bounds as the source means them", () => {
    expect(FIGURE_WORDS.bound.en.over).toBe("over (more than)");
    expect(FIGURE_WORDS.bound.zh.over).toBe("超过（多于）");
    expect(FIGURE_WORDS.bound.en.estimate).toBe("estimate");
    expect(FIGURE_WORDS.bound.zh.estimate).toBe("估算");
    // "约9%（估算）" in Chinese, never "估算9%".
    expect(formatFigureValue(figure("national_fdi_new_enterprises_yoy"), "zh")).toBe("约9%（估算）");
  });

  it("marks an inferred period in its text, and leaves a stated one as it is", () => {
    expect(periodText(figure("global_service_partners").period, "en")).toBe("2024 (inferred)");
    expect(periodText(figure("global_service_partners").period, "zh")).toBe("2024年（推断）");
    expect(periodText(figure("fdi_new_enterprises").period, "en")).toBe("January–November 2024");
  });

  it("keeps the bound in every kind's format and text, and the two agree, in both languages", () => {
    // Every kind with every bound, positive and negative: the bound's word is shown, and Excel's
    // rendering of the number format (the simulated host's renderer) is the text the core writes.
    const words = { en: { over: "over", nearly: "nearly", estimate: "est." }, zh: { over: "超过", nearly: "近", estimate: "估算" } } as const;
    const problems: string[] = [];
    const kinds = ["count", "ratio", "percentage_points", "rank", "places"] as const;
    const bounds = ["exact", "over", "nearly", "estimate"] as const;
    for (const kind of kinds) {
      for (const bound of bounds) {
        for (const value of [55, -3]) {
          if (kind === "rank" && value < 0) continue;
          for (const language of LANGUAGES) {
            for (const periodTag of [false, true]) {
              const figure = { kind, bound, value: kind === "ratio" ? value / 100 : value, displayDecimals: 0, period: { tag: { en: "Jan–Nov", zh: "1—11月" } } };
              const text = formatFigureValue(figure, language, { periodTag });
              const rendered = renderValue(figure.value, numberFormat(figure, language, { periodTag }));
              const where = `${kind}/${bound}/${value}/${language}/${String(periodTag)}`;
              if (rendered !== text) problems.push(`${where}: format shows "${rendered}", text is "${text}"`);
              if (bound !== "exact" && !text.includes(words[language][bound])) problems.push(`${where}: "${text}" drops the bound`);
              if (periodTag && !text.includes(language === "en" ? "Jan–Nov" : "1—11月")) problems.push(`${where}: "${text}" drops the period`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("shows a negative change and no change in words, not a doubled sign", () => {
    const change = { ...figure("ftz_fdi_share_change"), value: -2.5 };
    expect(formatFigureValue(change, "en")).toBe("-2.5 pp");
    expect(formatFigureValue({ ...figure("daxing_bonded_zone_rank_rise"), value: -3 }, "zh")).toBe("下降3位");
    expect(formatFigureValue({ ...figure("daxing_bonded_zone_rank_rise"), value: 0 }, "en")).toBe("no change");
    expect(formatFigureValue({ ...figure("pioneering_policies"), value: -1234 }, "en")).toBe("-over 1,234");
    expect(formatFigureValue({ ...figure("ftz_fdi_share"), value: -0.05 }, "zh")).toBe("-5.0%");
  });
});

describe("table grids", () => {
  const grids = index.tableIds.flatMap((id) => LANGUAGES.map((language) => tableGrid(index, id, language)));

  it("lays out every table in both languages with no holes", () => {
    const problems: string[] = [];
    for (const grid of grids) {
      const width = grid.header.length;
      const where = `${grid.tableId}/${grid.language}`;
      if (width !== grid.columnKeys.length) problems.push(`${where}: header and keys differ`);
      if (grid.rows.length !== grid.rowIds.length) problems.push(`${where}: ${grid.rows.length} rows, ${grid.rowIds.length} ids`);
      if (grid.rows.length !== grid.numberFormats.length) problems.push(`${where}: formats and rows differ in length`);
      grid.rows.forEach((row, r) => {
        if (row.length !== width) problems.push(`${where} row ${r}: width ${row.length}`);
        if ((grid.numberFormats[r] ?? []).length !== width) problems.push(`${where} row ${r}: formats width`);
        row.forEach((cell, c) => {
          if (cell === undefined || (typeof cell === "number" && !Number.isFinite(cell))) problems.push(`${where} ${r},${c}: bad cell`);
          const format = grid.numberFormats[r]?.[c];
          if (typeof cell === "string" && cell !== "" && format !== TEXT_FORMAT) problems.push(`${where} ${r},${c}: text not formatted as text`);
        });
      });
      if (!grid.title || !grid.note || !grid.sourceLine) problems.push(`${where}: missing title, note or source line`);
    }
    expect(problems).toEqual([]);
  });

  it("puts each figure's stored value and format in the value column", () => {
    const problems: string[] = [];
    for (const grid of grids) {
      const valueColumn = grid.columnKeys.indexOf("value");
      if (valueColumn < 0) continue;
      grid.rowIds.forEach((rowId, r) => {
        const linked = index.figure(rowId) ?? index.figure(index.fact(rowId)?.figure ?? "");
        const cell = grid.rows[r]?.[valueColumn];
        if (!linked) {
          if (cell !== "") problems.push(`${grid.tableId} ${rowId}: value where no figure is linked`);
          return;
        }
        if (cell !== linked.value) problems.push(`${grid.tableId} ${rowId}: ${String(cell)} is not ${linked.value}`);
        if (grid.numberFormats[r]?.[valueColumn] !== numberFormat(linked, grid.language)) problems.push(`${grid.tableId} ${rowId}: format`);
      });
    }
    expect(problems).toEqual([]);
  });

  it("labels derived rows as derived and stated rows as stated", () => {
    const grid = tableGrid(index, "fdi_headline", "en");
    const basis = grid.columnKeys.indexOf("basis");
    const byRow = Object.fromEntries(grid.rowIds.map((id, r) => [id, grid.rows[r]?.[basis]]));
    expect(byRow).toMatchObject({
      fdi_new_enterprises: "Stated",
      national_fdi_new_enterprises_yoy: "Derived (estimate)",
      fdi_new_enterprises_jan_nov_2023_approx: "Derived (estimate)",
    });
    const exactDerived = { ...figure("national_fdi_new_enterprises_yoy"), approximation: false };
    expect(basisLabel(exactDerived, "en")).toBe("Derived");
    expect(basisLabel(exactDerived, "zh")).toBe("推算");
    expect(tableGrid(index, "fdi_headline", "zh").header).toEqual(["指标", "数值", "单位", "时期", "依据"]);
  });

  it("shows a value column in a facts table only where a fact links a figure, and a category where rows differ", () => {
    expect(tableGrid(index, "signature_projects", "en").columnKeys).toEqual(["item", "description", "period"]);
    expect(tableGrid(index, "bonded_zones", "en").columnKeys).toEqual(["item", "description", "value", "unit", "period"]);
    expect(tableGrid(index, "national_firsts", "en").columnKeys).toEqual(["item", "category", "description", "period"]);
  });

  it("gives each row of national_firsts the category of what the source says of it", () => {
    const grid = tableGrid(index, "national_firsts", "en");
    const category = grid.columnKeys.indexOf("category");
    const byRow = Object.fromEntries(grid.rowIds.map((id, r) => [id, grid.rows[r]?.[category]]));
    expect(byRow).toEqual({
      first_fie_gene_therapy: "First in China",
      first_data_outbound_negative_list: "First in China",
      first_professional_qualifications_catalogue: "Called the first",
      first_rare_disease_drug_pilot_zone: "First in China",
      pilot_city_telecom_healthcare: "Among the first batch",
      urgent_imported_drugs_rapid_review: "Measure",
      real_estate_trust_registration: "Pioneered",
    });
  });

  it("says in the note when any period of the table is inferred, in both languages, and marks the period cells", () => {
    const problems: string[] = [];
    for (const grid of grids) {
      const table = index.table(grid.tableId);
      const items = (table?.rows ?? []).map((id) => index.figure(id) ?? index.fact(id));
      const inferred = items.some((item) => item?.period.inference != null);
      const says = grid.note.includes(grid.language === "en" ? "(inferred)" : "推断");
      if (inferred !== says) problems.push(`${grid.tableId}/${grid.language}: inferred ${String(inferred)}, note says ${String(says)}`);
      const periodColumn = grid.columnKeys.indexOf("period");
      items.forEach((item, r) => {
        const cell = grid.rows[r]?.[periodColumn];
        if (item && cell !== periodText(item.period, grid.language)) problems.push(`${grid.tableId} row ${r}: period ${String(cell)}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it("refuses an unknown table", () => {
    expect(() => tableGrid(index, "nope", "en")).toThrow(UnknownTableError);
  });
});

describe("citations", () => {
  it("cites the source in APA 7 and GB/T 7714 ([EB/OL], both dates), marking the unknown headline and URL as unknown", () => {
    expect(citeSource(CURRENT_RELEASE, "apa")).toBe(
      `Xinhua News Agency. (2025, January 15). [Title not known; ${CURRENT_RELEASE.source.description.en}]. [URL not known]`,
    );
    expect(citeSource(CURRENT_RELEASE, "gbt7714")).toBe(
      `Xinhua News Agency. [Title not known; ${CURRENT_RELEASE.source.description.en}][EB/OL]. (2025-01-15)[2026-11-26]. [URL not known].`,
    );
    expect(citeSource(CURRENT_RELEASE, "gbt7714", "2026-12-01")).toMatch(/\(2025-01-15\)\[2026-12-01\]\. \[URL not known\]\.$/);
  });

  it("never lets a citation look complete when the headline, URL or access date is unknown", () => {
    const problems: string[] = [];
    for (const headline of [null, "A headline"]) {
      for (const url of [null, "https://example.org/a"]) {
        for (const accessed of [null, "2026-11-26"]) {
          const release = withSource({ headline, url, accessed });
          for (const style of ["apa", "gbt7714"] as const) {
            const text = citeSource(release, style);
            const where = `${style} headline=${String(headline)} url=${String(url)} accessed=${String(accessed)}`;
            if ((headline === null) !== text.includes("[Title not known")) problems.push(`${where}: title`);
            if ((url === null) !== text.includes("[URL not known]")) problems.push(`${where}: URL`);
            if (style === "gbt7714" && (accessed === null) !== text.includes("[access date not known]")) problems.push(`${where}: access date`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("says in every derived figure's citation that the source does not state it, and in every estimate's that it is one", () => {
    const problems: string[] = [];
    for (const f of CURRENT_RELEASE.figures) {
      for (const style of ["apa", "gbt7714"] as const) {
        const text = citeFigure(CURRENT_RELEASE, f, style);
        const estimateWords = style === "apa" ? "an estimate from rounded figures" : "四舍五入后的公布数推算的估算值";
        const notStated = style === "apa" ? "Not stated by the source" : "原文未公布此数";
        const estimate = f.basis === "derived" && f.approximation;
        if (estimate !== text.includes(estimateWords)) problems.push(`${f.id} ${style}: estimate mark`);
        if ((f.basis === "derived") !== text.includes(notStated)) problems.push(`${f.id} ${style}: not-stated mark`);
      }
    }
    expect(problems).toEqual([]);
  });

  /** A release whose source is a style guide's worked example. */
  const withSource = (source: Partial<Release["source"]>): Release => ({ ...CURRENT_RELEASE, source: { ...CURRENT_RELEASE.source, ...source } });

  it("reproduces GB/T 7714-2015's worked example of an electronic resource (its 8.8.2 [EB/OL] example)", () => {
    const example = withSource({
      publisher: { en: "萧钰", zh: "萧钰" },
      headline: "出版业信息化迈入快车道",
      published: "2001-12-19",
      url: "http://www.creader.com/news/20011219/200112190019.html",
    });
    expect(citeSource(example, "gbt7714", "2002-04-15")).toBe(
      "萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.",
    );
  });

  it("reproduces APA 7's worked example of a news website article", () => {
    const example = withSource({
      publisher: { en: "Bologna, C.", zh: "Bologna, C." },
      headline: "Why some people with anxiety love watching horror movies",
      siteName: "HuffPost",
      published: "2019-10-31",
      url: "https://www.huffpost.com/entry/anxiety-love-watching-horror-movies_l_5d277587e4b02a5a5d57b59e",
    });
    expect(citeSource(example, "apa")).toBe(
      "Bologna, C. (2019, October 31). Why some people with anxiety love watching horror movies. HuffPost. https://www.huffpost.com/entry/anxiety-love-watching-horror-movies_l_5d277587e4b02a5a5d57b59e",
    );
  });

  it("adds the address when the source has one, and records none today (unknown)", () => {
    expect(CURRENT_RELEASE.source.url).toBeNull();
    const online = withSource({ url: "https://example.org/a" });
    expect(citeSource(online, "gbt7714")).toMatch(/\[EB\/OL\]\. \(2025-01-15\)\[2026-11-26\]\. https:\/\/example\.org\/a\.$/);
    expect(citeSource(online, "apa")).toMatch(/\]\. https:\/\/example\.org\/a$/);
    expect(citeSource(online, "apa").match(/\[/g)).toHaveLength(1);
  });

  it("locates a stated figure by its phrase and a derived one by its formula", () => {
    const stated = figure("fdi_new_enterprises");
    expect(citeFigure(CURRENT_RELEASE, stated, "apa")).toContain(stated.basis === "stated" ? stated.phrase : "");
    const derived = figure("national_fdi_new_enterprises_yoy");
    expect(citeFigure(CURRENT_RELEASE, derived, "gbt7714")).toContain(derived.basis === "derived" ? derived.formula : "");
    expect(citeFigure(CURRENT_RELEASE, derived, "apa")).toContain("derived by the add-in");
  });

  it("writes a source line naming publisher, date and release in each language", () => {
    expect(sourceLine(CURRENT_RELEASE, "en")).toMatch(/^Source: Xinhua News Agency, 15 January 2025, reporting a spokesperson's statements \(.*\)\. Dataset release 2025-01-15\.1\.$/);
    expect(sourceLine(CURRENT_RELEASE, "zh")).toMatch(/^来源：新华社2025年1月15日报道的新闻发言人介绍（.*）。数据版本 2025-01-15\.1。$/);
  });
});

describe("A1 notation", () => {
  it("names columns as Excel does, up to XFD", () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
    expect(cellAddress(9, 2)).toBe("C10");
  });

  it("quotes sheet names that need it, and reads them back", () => {
    expect(qualified("Sheet1", "A1")).toBe("Sheet1!A1");
    expect(qualified("My data", "B2")).toBe("'My data'!B2");
    expect(qualified("O'Brien", "B2")).toBe("'O''Brien'!B2");
    expect(qualified("AB12", "A1")).toBe("'AB12'!A1"); // looks like a cell reference
    expect(sheetOf("'O''Brien'!B2")).toBe("O'Brien");
    expect(sheetOf("B2")).toBe("");
  });
});
