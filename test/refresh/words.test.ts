/**
 * The report's words: every status, change kind and reason has an English and a Chinese text, and
 * the one-line descriptions and the log rows use them.
 */
import {
  currentDataset,
  fieldText,
  formatFigureValue,
  numberFormat,
  showWithFormat, REFRESH_KIND_TEXT, REFRESH_REASON_TEXT, REFRESH_STATUS_TEXT, describeChange, refreshLogRows, summarizeReport } from "../../src/core";
import type { RefreshChange, RefreshReport } from "../../src/core";

const HAN = /\p{Script=Han}/u;

describe("refresh words", () => {
  it("has English and Chinese text for every status, kind and reason", () => {
    const problems: string[] = [];
    for (const table of [REFRESH_STATUS_TEXT, REFRESH_KIND_TEXT, REFRESH_REASON_TEXT] as const) {
      const keys = new Set([...Object.keys(table.en), ...Object.keys(table.zh)]);
      for (const key of keys) {
        const en = (table.en as Record<string, string | undefined>)[key];
        const zh = (table.zh as Record<string, string | undefined>)[key];
        if (!en || HAN.test(en)) problems.push(`en ${key}: ${String(en)}`);
        if (!zh || !HAN.test(zh)) problems.push(`zh ${key}: ${String(zh)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("describes a change, summarises a report and lays out the log in either language", () => {
    const change: RefreshChange = { rowId: "fdi_new_enterprises", columnKey: "value", address: "Sheet1!C4", before: 1800, after: 1950, kind: "user_edit", written: false, reason: "kept_user_edit" };
    expect(describeChange(change, "en")).toBe(`Sheet1!C4 fdi_new_enterprises Value: 1800 → 1950 (${REFRESH_KIND_TEXT.en.user_edit}) — ${REFRESH_REASON_TEXT.en.kept_user_edit}`);
    // Chinese field names (issue 16).
    expect(describeChange(change, "zh")).toBe(`Sheet1!C4 fdi_new_enterprises 数值: 1800 → 1950（${REFRESH_KIND_TEXT.zh.user_edit}）（${REFRESH_REASON_TEXT.zh.kept_user_edit}）`);
    // With the cells' number formats, the values read as the cells show them.
    const formatted = { ...change, beforeFormat: "#,##0", afterFormat: '"over "#,##0" (Jan–Nov)"' };
    expect(describeChange(formatted, "en")).toContain(": 1,800 → over 1,950 (Jan–Nov) (");
    const report: RefreshReport = {
      releaseId: "2025-03-01.1",
      tables: [{ recordId: "r", tableName: "BJ_fdi_headline", tableId: "fdi_headline", sheet: "Sheet1", status: "edited", fromRelease: "2025-03-01.1", toRelease: "2025-03-01.1", changes: [change] }],
      upToDate: true,
      damagedParts: [],
      formulaCells: [],
      dryRun: false,
      writeOperations: 0,
      syncs: 2,
      logSheet: null,
    };
    expect(summarizeReport(report, "en")).toBe("Up to date");
    expect(refreshLogRows(report, "zh")[2]).toEqual(["BJ_fdi_headline", REFRESH_STATUS_TEXT.zh.edited, "fdi_new_enterprises", "数值", "Sheet1!C4", "1800", "1950", REFRESH_KIND_TEXT.zh.user_edit, REFRESH_REASON_TEXT.zh.kept_user_edit]);
    const stale = { ...report, upToDate: false, tables: [{ ...report.tables[0], status: "stale" as const, changes: [{ ...change, kind: "update" as const, written: true }] }] } as RefreshReport;
    expect(summarizeReport(stale, "en")).toBe(`Release 2025-03-01.1. ${REFRESH_STATUS_TEXT.en.stale}: 1. 1 change written.`);
  });

  it("names every field in both languages, Chinese in Chinese (issue 16)", () => {
    for (const key of ["item", "value", "unit", "period", "basis", "category", "description", "title", "note", "source", "spill", "header:value"]) {
      expect(fieldText(key, "zh")).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(fieldText(key, "en")).toMatch(/^[A-Z][a-z]+( [a-z]+)?$/);
    }
    expect(fieldText(null, "en")).toBeNull();
  });
});

describe("showWithFormat: a value as the add-in's number formats show it", () => {
  it("renders counts, ratios, bounds, tags, signed sections and Chinese literals like the formats' own text", () => {
    const index = currentDataset();
    const problems: string[] = [];
    for (const figure of index.release.figures) {
      for (const language of ["en", "zh"] as const) {
        for (const periodTag of [false, true]) {
          const shown = showWithFormat(figure.value, numberFormat(figure, language, { periodTag }));
          const want = formatFigureValue(figure, language, { periodTag });
          if (shown !== want) problems.push(`${figure.id} ${language} ${String(periodTag)}: ${shown} ≠ ${want}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(showWithFormat(0.341, "0.0%")).toBe("34.1%");
    expect(showWithFormat(-3, '"+"0" pp";"-"0" pp";"0 pp"')).toBe("-3 pp");
    expect(showWithFormat(1559, "General")).toBe("1559");
    expect(showWithFormat("text", "0.0%")).toBe("text");
    expect(showWithFormat(1234.5, "#,##0.0")).toBe("1,234.5");
  });
});
