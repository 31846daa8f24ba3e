/**
 * The report's words: every status, change kind and reason has an English and a Chinese text, and
 * the one-line descriptions and the log rows use them.
 */
import {
  currentDataset,
  fieldText,
  formatFigureValue,
  numberFormat,
  showWithFormat, REFRESH_KIND_TEXT, REFRESH_REASON_AT_TEXT, REFRESH_REASON_TEXT, REFRESH_STATUS_TEXT, changeReasonText, countChanges, describeChange, refreshLogRows, summarizeReport, tableReasonText } from "../../src/core";
import type { RefreshChange, RefreshReason, RefreshReport, RefreshTableReport } from "../../src/core";

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

  it("names the place in a reason: the cell in a blocked table's way, the protected sheet, the edit a kept cell stays with (issue 16)", () => {
    const reasons = Object.keys(REFRESH_REASON_AT_TEXT.en) as RefreshReason[];
    expect(reasons.sort()).toEqual((Object.keys(REFRESH_REASON_AT_TEXT.zh) as RefreshReason[]).sort());
    expect(reasons).toEqual(expect.arrayContaining(["cells_below_occupied", "merged_cells", "totals_row", "sheet_protected", "kept_with_edit"]));
    const table = (reason: RefreshReason, blockedAt?: string): RefreshTableReport => ({ recordId: "r", tableName: "T", tableId: "fdi_headline", sheet: "My sheet", status: "blocked", reason, ...(blockedAt ? { blockedAt } : {}), fromRelease: "a", toRelease: "b", changes: [] });
    for (const language of ["en", "zh"] as const) {
      for (const reason of ["cells_below_occupied", "merged_cells", "totals_row"] as const) {
        const text = tableReasonText(table(reason, "'My sheet'!C7:D7"), language) ?? "";
        expect(text).toContain("'My sheet'!C7:D7");
        expect(HAN.test(text)).toBe(language === "zh");
        // Without a place, the plain reason.
        expect(tableReasonText(table(reason), language)).toBe(REFRESH_REASON_TEXT[language][reason]);
      }
      expect(tableReasonText(table("sheet_protected"), language)).toContain("My sheet");
      const kept: RefreshChange = { rowId: "fdi_new_enterprises", columnKey: "period", address: "Sheet1!E4", before: "January–November 2024", after: "2024", kind: "kept_with_edit", written: false, reason: "kept_with_edit", keptWith: "Sheet1!C4" };
      expect(changeReasonText(kept, language)).toBe(REFRESH_REASON_AT_TEXT[language].kept_with_edit?.("Sheet1!C4"));
      expect(describeChange(kept, language)).toContain("Sheet1!C4");
    }
  });

  it("shows an added row's cell by its new value only, a moved line with where it was, and counts what it lists", () => {
    const added: RefreshChange = { rowId: "ftz_fdi_share", columnKey: "value", address: "Sheet1!C9", before: null, after: 0.341, afterFormat: "0.0%", kind: "row_added", written: true };
    expect(describeChange(added, "en")).toBe(`Sheet1!C9 ftz_fdi_share Value: 34.1% (${REFRESH_KIND_TEXT.en.row_added})`);
    const moved: RefreshChange = { rowId: null, columnKey: "note", address: "Sheet1!B11", before: "n", after: "n", kind: "line_moved", written: true, movedFrom: "Sheet1!B10" };
    expect(describeChange(moved, "en")).toBe(`Sheet1!B11 Note: n → n (moved from Sheet1!B10) (${REFRESH_KIND_TEXT.en.line_moved})`);
    expect(describeChange(moved, "zh")).toContain("从 Sheet1!B10 移来");
    const kept: RefreshChange = { rowId: "x", columnKey: "value", address: "Sheet1!C4", before: 1, after: 2, kind: "user_edit", written: false, reason: "kept_user_edit" };
    const blocked: RefreshChange = { rowId: null, columnKey: null, address: "Sheet1!D9", before: null, after: null, kind: "blocked", written: false, reason: "cells_below_occupied" };
    const report: RefreshReport = {
      releaseId: "b",
      tables: [
        { recordId: "r1", tableName: "T1", tableId: "fdi_headline", sheet: "Sheet1", status: "stale", fromRelease: "a", toRelease: "b", changes: [added, moved, kept, { ...kept, kind: "unchanged", written: false }] },
        { recordId: "r2", tableName: "T2", tableId: "fdi_headline", sheet: "Sheet1", status: "blocked", reason: "cells_below_occupied", blockedAt: "Sheet1!D9", waiting: 7, fromRelease: "a", toRelease: "b", changes: [blocked] },
      ],
      upToDate: false,
      damagedParts: [],
      formulaCells: [],
      dryRun: true,
      writeOperations: 0,
      syncs: 3,
      logSheet: null,
    };
    expect(countChanges(report)).toEqual({ written: 2, kept: 1 });
    expect(summarizeReport(report, "en")).toBe(`Release b. ${REFRESH_STATUS_TEXT.en.stale}: 1, ${REFRESH_STATUS_TEXT.en.blocked}: 1. 2 changes planned (nothing written yet), 1 left as it is.`);
    expect(summarizeReport(report, "zh")).toBe(`数据版本 b。${REFRESH_STATUS_TEXT.zh.stale}：1，${REFRESH_STATUS_TEXT.zh.blocked}：1。计划 2 处更改（尚未写入），1 处保持原样。`);
    const log = refreshLogRows(report, "en");
    // The blocked table's one row names the cell in its way; a moved line's row says where it was.
    expect(log.find((row) => row[0] === "T2")?.[8]).toContain("Sheet1!D9");
    expect(log.find((row) => row[3] === "Note")?.[8]).toBe("moved from Sheet1!B10");
  });

  it("names every field in both languages, Chinese in Chinese (issue 16)", () => {
    for (const key of ["item", "value", "unit", "period", "basis", "category", "description", "title", "note", "source", "spill", "release", "header:value"]) {
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
