/**
 * The report's words: every status, change kind and reason has an English and a Chinese text, and
 * the one-line descriptions and the log rows use them.
 */
import { REFRESH_KIND_TEXT, REFRESH_REASON_TEXT, REFRESH_STATUS_TEXT, describeChange, refreshLogRows, summarizeReport } from "../../src/core";
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
    expect(describeChange(change, "en")).toBe(`Sheet1!C4 fdi_new_enterprises value: 1800 → 1950 (${REFRESH_KIND_TEXT.en.user_edit}) — ${REFRESH_REASON_TEXT.en.kept_user_edit}`);
    expect(describeChange(change, "zh")).toBe(`Sheet1!C4 fdi_new_enterprises value: 1800 → 1950（${REFRESH_KIND_TEXT.zh.user_edit}）（${REFRESH_REASON_TEXT.zh.kept_user_edit}）`);
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
    expect(refreshLogRows(report, "zh")[2]).toEqual(["BJ_fdi_headline", REFRESH_STATUS_TEXT.zh.edited, "fdi_new_enterprises", "value", "Sheet1!C4", "1800", "1950", REFRESH_KIND_TEXT.zh.user_edit, REFRESH_REASON_TEXT.zh.kept_user_edit]);
    const stale = { ...report, upToDate: false, tables: [{ ...report.tables[0], status: "stale" as const, changes: [{ ...change, kind: "update" as const, written: true }] }] } as RefreshReport;
    expect(summarizeReport(stale, "en")).toBe(`Release 2025-03-01.1. ${REFRESH_STATUS_TEXT.en.stale}: 1. 1 change written.`);
  });
});
