/**
 * What the pane shows of briefings (src/taskpane/briefing-refresh-view.ts), from real reports:
 * briefings inserted in English and Chinese with the embedded release into the simulated
 * workbook, planned against the revised fixture by the adapter (refreshBriefings' dry run), then
 * applied; a user's edit kept; a protected sheet and a deleted one; the revision notice's counts;
 * and the ribbon command, which refreshes briefings after the tables and names them in its message.
 */
import { REFRESH_STATUS_TEXT, briefingLayout, resetActiveRelease, setActiveRelease, summarizeBriefingRefresh, summarizeReport, tableGrid } from "../../src/core";
import type { Language } from "../../src/data";
import { runRefreshCommand } from "../../src/commands/refresh-command";
import {
  allUpToDate,
  briefingRefreshViews,
  briefingStatusesByRecord,
  briefingTitle,
  canApplyAll,
  leftAloneAll,
  olderThan,
  refreshSummaryAll,
} from "../../src/taskpane/briefing-refresh-view";
import { followLanguage, initialState } from "../../src/taskpane/pane-state";
import { refreshSummary } from "../../src/taskpane/refresh-view";
import { STRINGS } from "../../src/taskpane/strings";
import { EMBEDDED, measured, read, revisedIndex, setup } from "../refresh/helpers";

const REVISED = revisedIndex();
const LANGUAGES: readonly Language[] = ["en", "zh"];

afterEach(() => resetActiveRelease());

/** A workbook with a briefing in each language, inserted with the embedded release. */
async function withBriefings() {
  const workbook = setup();
  const en = await workbook.port.insertBriefing(briefingLayout(EMBEDDED, "en"));
  const zh = await workbook.port.insertBriefing(briefingLayout(EMBEDDED, "zh"));
  return { ...workbook, en, zh };
}

describe("briefings in the refresh plan and report, as the pane shows them", () => {
  it("a revised release: both briefings stale with their cells to update; Apply is offered without any table; applied, then up to date", async () => {
    const { port, en, zh } = await withBriefings();
    const tables = await port.refreshTables(REVISED, { dryRun: true });
    const plan = await port.refreshBriefings(REVISED, { dryRun: true });
    expect(plan.briefings.map((entry) => entry.status)).toEqual(["planned", "planned"]);
    expect(tables.tables).toEqual([]);
    // Only the briefings have something to write: Apply is offered all the same.
    expect(canApplyAll(tables, plan)).toBe(true);
    expect(allUpToDate(tables, plan)).toBe(false);

    for (const language of LANGUAGES) {
      const views = briefingRefreshViews(plan, language);
      expect(views.map((view) => view.recordId)).toEqual([en.record.recordId, zh.record.recordId]);
      expect(views.map((view) => view.title)).toEqual([briefingTitle("en", language), briefingTitle("zh", language)]);
      expect(views.map((view) => view.place)).toEqual(["Briefing", "简报"]);
      for (const view of views) {
        expect(view.status).toBe("stale");
        expect(view.statusText).toBe(REFRESH_STATUS_TEXT[language].stale);
        expect(view.releases).toBe(STRINGS[language].refreshFromTo(EMBEDDED.release.id, REVISED.release.id));
        expect(view.reason).toBeNull();
        expect(view.kept).toBeNull();
        // The source and release line (A2) changes with the release: named first among the cells to update.
        expect(view.cells?.startsWith(`${STRINGS[language].briefingCells("", 0, false)}A2, `)).toBe(true);
      }
      // The tables' part says nothing (there are none); the briefings' part counts them, nothing written yet.
      expect(refreshSummaryAll(tables, plan, language)).toBe(summarizeBriefingRefresh(plan.briefings, true, language));
    }
    expect(refreshSummaryAll(tables, plan, "en")).toMatch(/^Briefings — Stale: 2; \d+ cells to update \(nothing written yet\)\.$/);
    expect(briefingTitle("zh", "en")).toBe("Briefing (Chinese)");
    expect(briefingTitle("en", "zh")).toBe("简报（英文）");

    setActiveRelease(REVISED.release, { kind: "channel" });
    const applied = await port.refreshBriefings(REVISED);
    expect(applied.briefings.map((entry) => entry.status)).toEqual(["refreshed", "refreshed"]);
    const [view] = briefingRefreshViews(applied, "en");
    expect(view?.cells).toMatch(/^Cells updated: A2, /);
    expect(refreshSummaryAll(tables, applied, "en")).toMatch(/^Briefings — Stale: 2; \d+ cells written\.$/);

    const again = await port.refreshBriefings(REVISED, { dryRun: true });
    const tablesAgain = await port.refreshTables(REVISED, { dryRun: true });
    expect(allUpToDate(tablesAgain, again)).toBe(true);
    expect(canApplyAll(tablesAgain, again)).toBe(false);
    for (const language of LANGUAGES) expect(refreshSummaryAll(tablesAgain, again, language)).toBe(STRINGS[language].refreshAllUpToDate(REVISED.release.id));
    expect(briefingRefreshViews(again, "en").map((each) => [each.status, each.cells])).toEqual([["current", null], ["current", null]]);
  });

  it("without briefings the summary is the tables' own, as before", async () => {
    const { port } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const tables = await port.refreshTables(REVISED, { dryRun: true });
    const none = await port.refreshBriefings(REVISED, { dryRun: true });
    expect(none.briefings).toEqual([]);
    for (const language of LANGUAGES) {
      expect(refreshSummaryAll(tables, none, language)).toBe(refreshSummary(tables, language));
      expect(refreshSummaryAll(tables, null, language)).toBe(refreshSummary(tables, language));
    }
    expect(canApplyAll(tables, none)).toBe(true);
  });

  it("tables and briefings together: the tables' counts, then the briefings'", async () => {
    const { port } = await withBriefings();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const tables = await port.refreshTables(REVISED, { dryRun: true });
    const plan = await port.refreshBriefings(REVISED, { dryRun: true });
    for (const language of LANGUAGES) {
      expect(refreshSummaryAll(tables, plan, language)).toBe(`${summarizeReport(tables, language)} ${summarizeBriefingRefresh(plan.briefings, true, language)}`);
    }
    // Tables current, briefings stale: the tables' part says so in a word.
    const current = await port.refreshTables(EMBEDDED, { dryRun: true });
    expect(refreshSummaryAll(current, plan, "en")).toBe(`${STRINGS.en.refreshTablesUpToDate} ${summarizeBriefingRefresh(plan.briefings, true, "en")}`);
  });

  it("a user's edit is kept and named; after the refresh the briefing reads Edited", async () => {
    const { host, port, en } = await withBriefings();
    await host.user.type("Briefing!A1", "My own title");
    const plan = await port.refreshBriefings(REVISED, { dryRun: true });
    const [view] = briefingRefreshViews(plan, "en");
    expect(view?.status).toBe("stale");
    expect(view?.kept).toBe(STRINGS.en.briefingKept("A1", 0));
    setActiveRelease(REVISED.release, { kind: "channel" });
    await port.refreshBriefings(REVISED);
    expect((await read(host, "Briefing!A1")).values).toEqual([["My own title"]]);
    const after = await port.refreshBriefings(REVISED, { dryRun: true });
    const statuses = briefingStatusesByRecord(after);
    expect(statuses.get(en.record.recordId)).toMatchObject({ status: "up_to_date", kept: ["A1"] });
    const [edited] = briefingRefreshViews(after, "zh");
    expect([edited?.status, edited?.statusText, edited?.kept]).toEqual(["edited", REFRESH_STATUS_TEXT.zh.edited, STRINGS.zh.briefingKept("A1", 0)]);
  });

  it("a protected sheet is blocked and left alone by Apply; a deleted sheet is missing; neither is up to date", async () => {
    const { host, port, zh } = await withBriefings();
    host.user.protectSheet("Briefing");
    host.user.deleteSheet("简报");
    const tables = await port.refreshTables(REVISED, { dryRun: true });
    const plan = await port.refreshBriefings(REVISED, { dryRun: true });
    for (const language of LANGUAGES) {
      const [blocked, missing] = briefingRefreshViews(plan, language);
      expect([blocked?.status, blocked?.reason, blocked?.cells]).toEqual(["blocked", STRINGS[language].briefingProtected, null]);
      expect([missing?.status, missing?.reason, missing?.place]).toEqual(["missing", STRINGS[language].briefingMissing, ""]);
    }
    expect(leftAloneAll(tables, plan)).toBe(1);
    expect(canApplyAll(tables, plan)).toBe(false);
    expect(allUpToDate(tables, plan)).toBe(false);
    // The protected briefing's planned cells are not counted as written or to write.
    expect(refreshSummaryAll(tables, plan, "en")).toBe("Briefings — Blocked: 1, Missing: 1; 0 cells to update (nothing written yet).");
    expect(briefingStatusesByRecord(plan).get(zh.record.recordId)?.status).toBe("not_found");
  });
});

describe("the revision notice counts briefings", () => {
  it("counts the tables and briefings found that hold an older release", async () => {
    const { host, port } = await withBriefings();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const list = await port.listInserted();
    expect(olderThan(list.entries, list.briefings ?? [], EMBEDDED.release.id)).toEqual({ tables: 0, briefings: 0 });
    expect(olderThan(list.entries, list.briefings ?? [], REVISED.release.id)).toEqual({ tables: 1, briefings: 2 });
    host.user.deleteSheet("简报");
    const after = await port.listInserted();
    expect(olderThan(after.entries, after.briefings ?? [], REVISED.release.id)).toEqual({ tables: 1, briefings: 1 });
  });

  it("says it in both languages", () => {
    expect(STRINGS.en.revisionOlder(1, 0, "R")).toBe("1 inserted table holds figures older than release R.");
    expect(STRINGS.en.revisionOlder(2, 1, "R")).toBe("2 inserted tables and 1 briefing hold figures older than release R.");
    expect(STRINGS.en.revisionOlder(0, 1, "R")).toBe("1 briefing holds figures older than release R.");
    expect(STRINGS.zh.revisionOlder(1, 0, "R")).toBe("有 1 个已插入的表格所含数字早于数据版本 R。");
    expect(STRINGS.zh.revisionOlder(2, 1, "R")).toBe("有 2 个已插入的表格和 1 份简报所含数字早于数据版本 R。");
    expect(STRINGS.zh.revisionOlder(0, 2, "R")).toBe("有 2 份简报所含数字早于数据版本 R。");
  });
});

describe("the ribbon's Refresh figures refreshes briefings too", () => {
  it("after the tables, in the same command; the message names both", async () => {
    const { host, port } = await withBriefings();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    setActiveRelease(REVISED.release, { kind: "channel" });
    const messages: string[] = [];
    const oks: boolean[] = [];
    const run = await measured(host, () =>
      runRefreshCommand({
        refresh: (release, options) => port.refreshTables(release, options),
        refreshBriefings: (release) => port.refreshBriefings(release),
        release: () => REVISED,
        language: () => "en",
        notify: (message, _report, ok) => {
          messages.push(message);
          oks.push(ok);
        },
      }),
    );
    expect(oks).toEqual([true]);
    const report = run.result;
    if (!report) throw new Error("the command failed");
    expect(report.tables[0]?.status).toBe("stale");
    const [message] = messages;
    expect(message).toMatch(new RegExp(`^${summarizeReport(report, "en").replace(/[.()]/g, "\\$&")} Briefings — Stale: 2; \\d+ cells written\\.$`));
    expect((await read(host, "Briefing!A2")).values[0]?.[0]).toContain(REVISED.release.id);
    // Tables: 4 syncs to apply; briefings: 4 (their records, their blocks, the write).
    expect(run.syncs).toBe(8);
    const after = await port.refreshBriefings(REVISED, { dryRun: true });
    expect(after.upToDate).toBe(true);
  });

  it("a briefing failure after the tables is said after the tables' summary, in the user's language", async () => {
    const { port } = setup();
    const messages: [string, boolean][] = [];
    const failing = Object.assign(new Error("boom"), { code: "GeneralException" });
    const report = await runRefreshCommand({
      refresh: (release, options) => port.refreshTables(release, options),
      refreshBriefings: () => Promise.reject(failing),
      release: () => REVISED,
      language: () => "zh",
      notify: (message, _report, ok) => messages.push([message, ok]),
    });
    expect(report?.upToDate).toBe(true);
    expect(messages[0]?.[0]).toMatch(/^已是最新 简报：Excel/);
    // Said as a failure (the pane shows it as an error), though the tables' refresh went well.
    expect(messages[0]?.[1]).toBe(false);
  });
});

describe("the briefing's language", () => {
  it("starts as the pane's and follows it until the user picks one", () => {
    const start = initialState("zh");
    expect(start.briefingLanguage).toBe("zh");
    expect(followLanguage({ ...start, language: "en" }).briefingLanguage).toBe("en");
    const chosen = { ...start, briefingLanguage: "zh" as const, briefingLanguageChosen: true, language: "en" as const };
    expect(followLanguage(chosen).briefingLanguage).toBeUndefined();
  });
});
