/**
 * What the pane shows of a refresh plan and report (src/taskpane/refresh-view.ts), from real reports:
 * a table inserted with the embedded release into the simulated workbook, then planned against the
 * revised fixture by the adapter's refresh (a dry run), and applied.
 */
import { REFRESH_KIND_TEXT, formatFigureValue, REFRESH_REASON_AT_TEXT, REFRESH_REASON_TEXT, REFRESH_STATUS_TEXT, resetActiveRelease, summarizeReport, tableGrid } from "../../src/core";
import type { RefreshReport } from "../../src/core";
import type { Language } from "../../src/data";
import { canApply, cellShown, formulaCountTexts, leftAlone, refreshSummary, refreshViews, statusesByRecord } from "../../src/taskpane/refresh-view";
import { STRINGS } from "../../src/taskpane/strings";
import { EMBEDDED, revisedIndex, setup } from "../refresh/helpers";

const REVISED = revisedIndex();
const LANGUAGES: readonly Language[] = ["en", "zh"];

afterEach(() => resetActiveRelease());

/** A table (fdi_headline unless named) at Sheet1!B2 (title B2, header row 3, data from row 4), and the value cell of a row. */
async function inserted(mode: "values" | "formulas" = "values", tableId = "fdi_headline") {
  const workbook = setup();
  const grid = tableGrid(EMBEDDED, tableId, "en");
  const result = await workbook.port.insertTable(grid, { address: "Sheet1!B2", mode });
  const valueColumn = "BCDEFGH"[grid.columnKeys.indexOf("value")] ?? "?";
  const valueCell = (rowId: string): string => `${valueColumn}${4 + grid.rowIds.indexOf(rowId)}`;
  return { ...workbook, grid, result, valueCell };
}

describe("the refresh plan as the pane shows it", () => {
  it("lists the stale value old → new at its cell, the added row, and the kept user edit with both values", async () => {
    const { host, refresh, result, valueCell } = await inserted();
    const edited = "fdi_new_enterprises_yoy";
    await host.user.type(`Sheet1!${valueCell(edited)}`, 42);
    const plan = await refresh(REVISED, { dryRun: true });
    const fdi = { before: EMBEDDED.figure("fdi_new_enterprises"), after: REVISED.figure("fdi_new_enterprises") };
    if (!fdi.before || !fdi.after) throw new Error("fdi_new_enterprises missing");

    for (const language of LANGUAGES) {
      const [table, ...others] = refreshViews(plan, REVISED, language);
      expect(others).toEqual([]);
      if (!table) throw new Error("no table in the plan");
      expect(table.recordId).toBe(result.binding.recordId);
      expect(table.status).toBe("stale");
      expect(table.statusText).toBe(REFRESH_STATUS_TEXT[language].stale);
      expect(table.title).toBe(REVISED.table("fdi_headline")?.title[language]);
      expect(table.releases).toBe(STRINGS[language].refreshFromTo(EMBEDDED.release.id, REVISED.release.id));
      expect(table.reason).toBeNull();

      const update = table.changes.find((change) => change.kind === "update" && change.address?.endsWith(`!${valueCell("fdi_new_enterprises")}`));
      expect(update).toMatchObject({
        kindText: REFRESH_KIND_TEXT[language].update,
        // As the cell shows them, in its number format (issue 16).
        values: `${fdi.before.value.toLocaleString("en-US")} → ${fdi.after.value.toLocaleString("en-US")}`,
        written: true,
      });
      expect(update?.where).toContain(fdi.after.label[language]);

      const kept = table.changes.find((change) => change.kind === "user_edit");
      expect(kept?.address).toMatch(new RegExp(`!${valueCell(edited)}$`));
      expect(kept?.written).toBe(false);
      expect(kept?.reason).toBe(REFRESH_REASON_TEXT[language].kept_user_edit);
      // Both as the cell shows them: 42 typed into a percent cell reads 4200%, as in Excel.
      const releaseFigure = REVISED.figure(edited);
      if (!releaseFigure) throw new Error("no edited figure");
      expect(kept?.values).toBe(STRINGS[language].refreshKept("4200%", formatFigureValue(releaseFigure, "en")));

      expect(table.changes.some((change) => change.kind === "row_added" && change.written)).toBe(true);
      expect(table.changes.some((change) => change.kind === "unchanged")).toBe(false);
      expect(refreshSummary(plan, language)).toBe(summarizeReport(plan, language));
    }
    expect(statusesByRecord(plan).get(result.binding.recordId ?? "")?.status).toBe("stale");
  });

  it("formula mode compares like with like: a figure the release did not change is no change (issue 16)", async () => {
    const changed = (id: string | null): boolean => {
      const before = EMBEDDED.figure(id ?? "");
      const after = REVISED.figure(id ?? "");
      return !before || !after || before.value !== after.value || formatFigureValue(before, "en", { periodTag: true }) !== formatFigureValue(after, "en", { periodTag: true });
    };
    // The revised fixture changes every figure of fdi_headline and none of two_zones_policy's.
    for (const tableId of ["fdi_headline", "two_zones_policy"]) {
      const { refresh, grid } = await inserted("formulas", tableId);
      const plan = await refresh(REVISED, { dryRun: true });
      const changes = plan.tables[0]?.changes ?? [];
      const valueUpdates = changes.filter((change) => change.kind === "update" && change.columnKey === "value");
      // An update only where the release changed the figure, and every figure it kept is reported unchanged.
      expect(valueUpdates.filter((change) => !changed(change.rowId)).map((change) => change.rowId)).toEqual([]);
      const kept: readonly string[] = REVISED.release.tables.find((table) => table.id === tableId)?.rows ?? [];
      const same = grid.valueFigureIds.filter((id): id is string => id !== null && kept.includes(id) && !changed(id));
      for (const id of same) expect(changes.find((change) => change.rowId === id && change.columnKey === "value")?.kind).toBe("unchanged");
      if (tableId === "fdi_headline") expect(valueUpdates.length).toBeGreaterThan(0);
      else expect(same.length).toBeGreaterThan(0);
    }
  });

  it("after applying, the next plan is 'Up to date' in the pane's words", async () => {
    const { refresh } = await inserted();
    const applied = await refresh(REVISED);
    expect(applied.upToDate).toBe(false);
    const again = await refresh(REVISED, { dryRun: true });
    expect(again.upToDate).toBe(true);
    for (const language of LANGUAGES) {
      expect(refreshSummary(again, language)).toBe(STRINGS[language].refreshUpToDate(REVISED.release.id));
      expect(refreshViews(again, REVISED, language).map((table) => [table.status, table.changes.length])).toEqual([["current", 0]]);
    }
  });

  it("marks a deleted table missing, with its reason", async () => {
    const { host, refresh, result } = await inserted();
    host.user.deleteTable(result.binding.tableName);
    const plan = await refresh(REVISED, { dryRun: true });
    const [table] = refreshViews(plan, REVISED, "en");
    expect(table?.status).toBe("missing");
    expect(table?.statusText).toBe(REFRESH_STATUS_TEXT.en.missing);
    expect(table?.reason).toBe(REFRESH_REASON_TEXT.en.table_not_found);
  });

  it("counts the BJ.* formulas per sheet, and says nothing for sheets without", async () => {
    const { refresh, grid } = await inserted("formulas");
    const plan = await refresh(EMBEDDED, { dryRun: true });
    const formulaRows = grid.valueFigureIds.filter((id) => id !== null).length;
    expect(formulaCountTexts(plan.formulaCells, "en")).toEqual([{ sheet: "Sheet1", text: STRINGS.en.formulaCount("Sheet1", formulaRows) }]);
    expect(formulaCountTexts([{ sheet: "Empty", count: 0 }], "zh")).toEqual([]);
  });

  it("shows an empty cell as such, never as a blank", () => {
    expect(cellShown(null, "en")).toBe(STRINGS.en.refreshEmptyCell);
    expect(cellShown("", "zh")).toBe(STRINGS.zh.refreshEmptyCell);
    expect(cellShown(0, "en")).toBe("0");
  });
});

describe("Apply is offered only where something can be written (issue 14)", () => {
  it("a plan whose only table is blocked (protected sheet) or undone offers no Apply; a stale table does", async () => {
    const protectedBook = await inserted();
    protectedBook.host.user.protectSheet("Sheet1");
    const blocked = await protectedBook.refresh(REVISED, { dryRun: true });
    expect(blocked.tables.map((table) => table.status)).toEqual(["blocked"]);
    expect([canApply(blocked), leftAlone(blocked)]).toEqual([false, 1]);

    const undoBook = setup({ undo: true });
    await undoBook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    undoBook.host.undo();
    const undone = await undoBook.refresh(REVISED, { dryRun: true });
    expect(undone.tables.map((table) => [table.status, table.reason])).toEqual([["undone", "insert_undone"]]);
    expect([canApply(undone), leftAlone(undone)]).toEqual([false, 1]);
    for (const language of LANGUAGES) expect(refreshViews(undone, REVISED, language)[0]?.reason).toBe(REFRESH_REASON_TEXT[language].insert_undone);

    const stale = await (await inserted()).refresh(REVISED, { dryRun: true });
    expect([canApply(stale), leftAlone(stale)]).toEqual([true, 0]);
  });

  it("a blocked table lists no change, says nothing is written and how many changes wait, naming the sheet in its reason (issue 16)", async () => {
    const free = await (await inserted()).refresh(REVISED, { dryRun: true });
    const waiting = free.tables[0]?.changes.filter((change) => change.written).length ?? 0;
    const book = await inserted();
    book.host.user.protectSheet("Sheet1");
    const plan = await book.refresh(REVISED, { dryRun: true });
    expect(plan.tables[0]?.waiting).toBe(waiting);
    for (const language of LANGUAGES) {
      const [view] = refreshViews(plan, REVISED, language);
      expect(view?.changes).toEqual([]);
      expect(view?.reason).toBe(REFRESH_REASON_AT_TEXT[language].sheet_protected?.("Sheet1"));
      expect(view?.held).toBe(STRINGS[language].refreshBlockedHeld(waiting));
      // The summary's count is what the view lists: none.
      expect(refreshSummary(plan, language)).toContain(language === "en" ? "0 changes planned" : "计划 0 处更改");
    }
    expect(canApply(plan)).toBe(false);
  });

  it("offers no Apply for a plan that lists no change to write (the summary would say 0 changes)", () => {
    const report: RefreshReport = {
      releaseId: "b",
      tables: [{ recordId: "r", tableName: "T", tableId: "fdi_headline", sheet: "Sheet1", status: "stale", fromRelease: "a", toRelease: "b", changes: [{ rowId: null, columnKey: "source", address: "Sheet1!B11", before: "mine", after: "theirs", kind: "user_edit", written: false, reason: "kept_user_edit" }] }],
      upToDate: false,
      damagedParts: [],
      formulaCells: [],
      dryRun: true,
      writeOperations: 0,
      syncs: 3,
      logSheet: null,
    };
    expect(canApply(report)).toBe(false);
    const written = { ...report, tables: report.tables.map((table) => ({ ...table, changes: [...table.changes, { rowId: "x", columnKey: "value", address: "Sheet1!C4", before: 1, after: 2, kind: "update" as const, written: true }] })) };
    expect(canApply(written)).toBe(true);
  });
});
