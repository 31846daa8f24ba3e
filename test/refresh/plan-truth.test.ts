/**
 * The plan says what Apply does (issue 16, items 4, 6, 7):
 *  - every planned address is the cell Apply writes: after Apply (the saved workbook), each holds
 *    exactly the planned new value, with rows added and deleted and the note and source lines
 *    moved down past the spacer row; an added row is never planned onto the note's new cell;
 *  - a kept edit keeps the cells that describe it (unit, period, basis of its row), and the plan
 *    says so, naming the edit, in both languages;
 *  - a blocked table lists no change Apply would not make, the summary counts what is listed, Apply
 *    is not offered when nothing can be applied, and the reason names the cell in the way.
 */
import { TRACKING_NAMESPACE, describeChange, indexRelease, parseA1, planRefresh, resetActiveRelease, setActiveRelease, statFormula, summarizeReport, tableGrid, tableReasonText } from "../../src/core";
import type { DatasetIndex, RefreshChange, RefreshReport } from "../../src/core";
import type { Language } from "../../src/data";
import { readRefreshView, refreshTables } from "../../src/office/refresh";
import { openSimulatedExcel } from "../../src/simulated-excel";
import { canApply, refreshSummary, refreshViews } from "../../src/taskpane/refresh-view";
import { STRINGS } from "../../src/taskpane/strings";
import { EMBEDDED, bjFunctions, changedCells, read, recordsOf, reopen, revisedIndex, setup, withoutSpacer } from "./helpers";

const REVISED = revisedIndex();
const LANGUAGES: readonly Language[] = ["en", "zh"];

/**
 * The revised release, with two_zones_policy losing its second row as well as its last and gaining
 * ftz_fdi_share: Apply then deletes two rows (moving the rows below them up) and adds one.
 */
const RESHAPED: DatasetIndex = indexRelease({
  ...REVISED.release,
  tables: REVISED.release.tables.map((table) =>
    table.id === "two_zones_policy" ? { ...table, rows: ["pioneering_policies", "services_plan_v2_tasks_done", "services_openness_rank", "ftz_fdi_share"] } : table,
  ),
});

beforeEach(() => setActiveRelease(REVISED.release, { kind: "channel" }));
afterAll(() => resetActiveRelease());

/** The changes whose cell Apply writes, or keeps: all but the unchanged cells, the table-level entries and the rows Apply deletes. */
function plannedCells(report: RefreshReport): RefreshChange[] {
  return report.tables.flatMap((table) => table.changes).filter((change) => change.address !== null && change.kind !== "unchanged" && change.kind !== "blocked" && change.kind !== "missing_table" && !(change.kind === "row_removed" && change.written));
}

/** Every planned address whose cell, after Apply, does not hold the planned value (the new one if written, else the one kept). */
async function mismatches(host: Parameters<typeof read>[0], report: RefreshReport): Promise<string[]> {
  const problems: string[] = [];
  for (const change of plannedCells(report)) {
    const address = change.address ?? "";
    const [value] = (await read(host, address)).values[0] ?? [];
    const want = change.written ? change.after : change.before;
    if (value !== want) problems.push(`${address} ${change.kind} ${String(change.columnKey)}: holds ${JSON.stringify(value)}, planned ${JSON.stringify(want)}`);
  }
  return problems;
}

/** The note lines' addresses a report plans, and the addresses of the rows it adds. */
function notesAndAdded(report: RefreshReport): { notes: string[]; added: string[] } {
  const changes = report.tables.flatMap((table) => table.changes);
  return {
    notes: changes.filter((change) => change.columnKey === "note" || change.columnKey === "source").map((change) => change.address ?? ""),
    added: changes.filter((change) => change.kind === "row_added").map((change) => change.address ?? ""),
  };
}

describe("the plan names the cells Apply writes (issue 16 item 4)", () => {
  it("rows added and deleted, lines moved past the spacer: each planned cell holds the planned value after Apply", async () => {
    const workbook = setup();
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await workbook.port.insertTable(tableGrid(EMBEDDED, "two_zones_policy", "en"), { address: "Sheet1!J2" });
    await workbook.host.user.type("Sheet1!C5", 42); // a kept edit: its cell must still hold 42
    const plan = await workbook.refresh(RESHAPED, { dryRun: true });
    const policy = plan.tables.find((table) => table.tableId === "two_zones_policy");
    expect(policy?.changes.filter((change) => change.kind === "row_removed" && change.written && change.columnKey === "item").map((change) => change.rowId)).toEqual(["national_first_policies", "services_openness_first_place_years"]);
    expect(policy?.changes.some((change) => change.kind === "row_added")).toBe(true);

    const applied = await workbook.refresh(RESHAPED);
    // The report of Apply is the plan, change for change.
    expect(applied.tables.map((table) => table.changes)).toEqual(plan.tables.map((table) => table.changes));
    expect(plannedCells(plan).length).toBeGreaterThan(20);
    // Checked in the saved workbook, reopened from its file.
    expect(await mismatches(reopen(workbook.host).host, plan)).toEqual([]);

    // The notes and sources are where the record now says, two rows below each table (the spacer between).
    const records = recordsOf(workbook.host.save());
    const { notes, added } = notesAndAdded(plan);
    expect(notes.sort()).toEqual(records.flatMap((record) => [record.lines.note, record.lines.source].map((line) => `Sheet1!${line ?? ""}`)).sort());
    for (const record of records) {
      const table = parseA1(record.table?.address ?? "");
      const note = parseA1(record.lines.note ?? "");
      expect(table && note ? note.row - (table.row + table.rows - 1) : null).toBe(2);
    }
    expect(added.filter((address) => notes.includes(address))).toEqual([]);
    // A moved line says where it was.
    const source = plan.tables[0]?.changes.find((change) => change.columnKey === "source");
    expect([source?.address, source?.movedFrom]).toEqual(["Sheet1!B12", "Sheet1!B11"]);
    expect(describeChange(source ?? ({} as RefreshChange), "en")).toContain("(moved from Sheet1!B11)");
    expect(describeChange(source ?? ({} as RefreshChange), "zh")).toContain("从 Sheet1!B11 移来");
  });

  it("a record from before the spacer: the added row takes the note's cell, and the plan puts the note where Apply does", async () => {
    const workbook = setup();
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const old = openSimulatedExcel(withoutSpacer(workbook.host.save(), tableGrid(EMBEDDED, "fdi_headline", "en").rows.length), { functions: bjFunctions });
    const n = tableGrid(EMBEDDED, "fdi_headline", "en").rows.length;
    const noteNow = `Sheet1!B${4 + n}`; // directly below the table
    expect((await read(old, noteNow)).values).toEqual([[tableGrid(EMBEDDED, "fdi_headline", "en").note]]);

    const plan = await refreshTables(old.run, REVISED, { dryRun: true });
    const { notes, added } = notesAndAdded(plan);
    // The added row goes where the note is now; the note moves below it, and one row more (the spacer).
    expect(added.filter((address) => address.startsWith(`Sheet1!B`))).toEqual([noteNow]);
    expect(notes).toEqual([`Sheet1!B${6 + n}`, `Sheet1!B${7 + n}`]);
    const rowAdded = plan.tables[0]?.changes.find((change) => change.address === noteNow);
    // Its line says what the cell will hold, not "(empty)": the note is there now and moves.
    expect(describeChange(rowAdded ?? ({} as RefreshChange), "en")).not.toContain("—");
    expect(refreshViews(plan, REVISED, "en")[0]?.changes.find((change) => change.address === noteNow)?.values).toBe(tableGrid(REVISED, "fdi_headline", "en").rows[n]?.[0]);

    const applied = await refreshTables(old.run, REVISED);
    expect(applied.tables.map((table) => table.changes)).toEqual(plan.tables.map((table) => table.changes));
    expect(await mismatches(reopen(old).host, plan)).toEqual([]);
    expect((await read(old, `Sheet1!B${5 + n}`)).values).toEqual([[""]]);
  });
});

describe("a kept edit keeps the cells that describe it (issue 16 item 6)", () => {
  it.each(["values", "formulas"] as const)("%s mode: the Jan–Nov figure typed over keeps its Jan–Nov period; the plan says so, naming the edit", async (mode) => {
    const workbook = setup();
    const grid = tableGrid(EMBEDDED, "fdi_headline", "en");
    const fresh = tableGrid(REVISED, "fdi_headline", "en");
    await workbook.port.insertTable(grid, { address: "Sheet1!B2", mode });
    const period = grid.columnKeys.indexOf("period");
    const janNov = grid.rows[0]?.[period];
    expect([janNov, fresh.rows[0]?.[period]]).toEqual(["January–November 2024", "2024"]);
    await workbook.host.user.type("Sheet1!C4", 1800);

    const plan = await workbook.refresh(REVISED, { dryRun: true });
    const row = plan.tables[0]?.changes.filter((change) => change.rowId === "fdi_new_enterprises") ?? [];
    expect(row.find((change) => change.columnKey === "value")).toMatchObject({ kind: "user_edit", written: false, address: "Sheet1!C4" });
    expect(row.find((change) => change.columnKey === "period")).toMatchObject({ kind: "kept_with_edit", written: false, address: "Sheet1!E4", keptWith: "Sheet1!C4", before: "January–November 2024", after: "2024", reason: "kept_with_edit" });
    // Nothing else of the row is written; the other rows' periods are.
    expect(row.filter((change) => change.written)).toEqual([]);
    expect(plan.tables[0]?.changes.find((change) => change.rowId === "fdi_new_enterprises_yoy" && change.columnKey === "period")).toMatchObject({ kind: "update", written: true });
    for (const language of LANGUAGES) {
      const kept = refreshViews(plan, REVISED, language)[0]?.changes.find((change) => change.kind === "kept_with_edit");
      expect(kept?.address).toBe("Sheet1!E4");
      expect(kept?.reason).toContain("Sheet1!C4");
      expect(kept?.values).toBe(STRINGS[language].refreshKeptAsIs("January–November 2024", "2024"));
      expect(describeChange(row.find((change) => change.kind === "kept_with_edit") ?? ({} as RefreshChange), language)).toContain("Sheet1!C4");
    }
    expect(summarizeReport(plan, "en")).toMatch(/, 2 left as they are\.$/);

    await workbook.refresh(REVISED);
    expect((await read(workbook.host, "Sheet1!C4:E5")).values.map((cells) => [cells[0], cells[2]])).toEqual([[1800, "January–November 2024"], [mode === "values" ? fresh.rows[1]?.[1] : expect.anything(), "2024"]]);
    // Refreshing again: the period is still ours and still kept with the edit, nothing written.
    const again = await workbook.refresh(REVISED);
    expect([again.upToDate, again.tables[0]?.status, again.writeOperations]).toEqual([true, "edited", 0]);
    expect(again.tables[0]?.changes.find((change) => change.address === "Sheet1!E4")?.kind).toBe("kept_with_edit");
    // The user types the release's figure: the row is the release's again, and its period follows.
    await workbook.host.user.type("Sheet1!C4", mode === "values" ? 1950 : statFormula("fdi_new_enterprises", "en"));
    const back = await workbook.refresh(REVISED);
    expect(back.tables[0]?.changes.find((change) => change.address === "Sheet1!E4")).toMatchObject({ kind: "update", written: true });
    expect((await read(workbook.host, "Sheet1!E4")).values).toEqual([["2024"]]);
  });
});

describe("a blocked table's plan is consistent (issue 16 item 7)", () => {
  it("lists only the blocking cell, counts what waits, offers no Apply, and names the cell in both languages", async () => {
    const free = setup();
    await free.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const would = (await free.refresh(REVISED, { dryRun: true })).tables[0]?.changes.filter((change) => change.written).length ?? 0;
    expect(would).toBeGreaterThan(5);

    const workbook = setup();
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await workbook.host.user.type("Sheet1!D9", "in the way"); // the row the added row needs
    const plan = await workbook.refresh(REVISED, { dryRun: true });
    const table = plan.tables[0];
    expect(table).toMatchObject({ status: "blocked", reason: "cells_below_occupied", blockedAt: "Sheet1!D9", waiting: would });
    expect(table?.changes).toEqual([{ rowId: null, columnKey: null, address: "Sheet1!D9", before: null, after: null, kind: "blocked", written: false, reason: "cells_below_occupied" }]);
    expect(canApply(plan)).toBe(false);
    for (const language of LANGUAGES) {
      expect(tableReasonText(table ?? ({} as never), language)).toContain("Sheet1!D9");
      const [view] = refreshViews(plan, REVISED, language);
      expect([view?.changes, view?.reason, view?.held]).toEqual([[], tableReasonText(table ?? ({} as never), language), STRINGS[language].refreshBlockedHeld(would)]);
      expect(view?.held).toContain(String(would));
    }
    expect(refreshSummary(plan, "en")).toMatch(/ 0 changes planned \(nothing written yet\)\.$/);
  });

  it("beside a stale table: the summary counts exactly what the pane lists, and Apply writes only the stale table", async () => {
    const workbook = setup();
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B20" });
    await workbook.host.user.type("Sheet1!C5", 42); // kept in the first table
    workbook.host.user.merge("Sheet1!B30:C30"); // where the second table's source line goes
    const plan = await workbook.refresh(REVISED, { dryRun: true });
    expect(plan.tables.map((table) => [table.status, table.reason, table.blockedAt])).toEqual([["stale", undefined, undefined], ["blocked", "merged_cells", "Sheet1!B30:C30"]]);
    expect(canApply(plan)).toBe(true);
    for (const language of LANGUAGES) {
      const views = refreshViews(plan, REVISED, language);
      const listed = views.flatMap((view) => view.changes);
      const written = listed.filter((change) => change.written).length;
      const kept = listed.length - written;
      expect([written, kept]).toEqual([plan.tables[0]?.changes.filter((change) => change.written).length, 2]);
      const summary = refreshSummary(plan, language);
      expect(summary).toContain(language === "en" ? `${written} changes planned (nothing written yet), ${kept} left as they are.` : `计划 ${written} 处更改（尚未写入），${kept} 处保持原样。`);
      expect(views[1]?.changes).toEqual([]);
      expect(views[1]?.reason).toContain("Sheet1!B30:C30");
    }
    const before = workbook.host.save();
    const applied = await workbook.refresh(REVISED);
    expect(applied.tables.map((table) => table.status)).toEqual(["stale", "blocked"]);
    const changed = changedCells(before, workbook.host.save()).map((address) => parseA1(address.slice("Sheet1!".length))?.row ?? -1);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((row) => row >= 19)).toEqual([]); // nothing of the blocked table (from row 20)
  });

  it("a table whose only write is its record (its cells already the release's) lists that write, so Apply is offered and counted", async () => {
    const workbook = setup();
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await workbook.host.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items");
      await context.sync();
      const xmls = parts.items.map((part) => ({ part, xml: part.getXml() }));
      await context.sync();
      for (const { part, xml } of xmls) part.setXml(xml.value.replace(`"releaseId":"${EMBEDDED.release.id}"`, '"releaseId":"2024-12-01.1"'));
      await context.sync();
    });
    const plan = await workbook.refresh(EMBEDDED, { dryRun: true });
    const listed = plan.tables[0]?.changes.filter((change) => change.kind !== "unchanged");
    expect([plan.tables[0]?.status, listed]).toEqual(["stale", [{ rowId: null, columnKey: "release", address: null, before: "2024-12-01.1", after: EMBEDDED.release.id, kind: "update", written: true }]]);
    expect(canApply(plan)).toBe(true);
    expect(refreshSummary(plan, "en")).toMatch(/ 1 change planned \(nothing written yet\)\.$/);
    expect(refreshViews(plan, EMBEDDED, "zh")[0]?.changes.map((change) => [change.where, change.values])).toEqual([["数据版本", `2024-12-01.1 → ${EMBEDDED.release.id}`]]);
    await workbook.refresh(EMBEDDED);
    expect((await workbook.refresh(EMBEDDED, { dryRun: true })).upToDate).toBe(true);
  });

  it("names the protected sheet and the totals row", async () => {
    const guarded = setup();
    await guarded.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    guarded.host.user.protectSheet("Sheet1");
    const locked = (await guarded.refresh(REVISED, { dryRun: true })).tables[0];
    expect([locked?.reason, locked?.changes.length]).toEqual(["sheet_protected", 1]);
    for (const language of LANGUAGES) expect(tableReasonText(locked ?? ({} as never), language)).toContain("Sheet1");

    const totals = setup();
    const inserted = await totals.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await totals.host.run(async (context) => {
      context.workbook.tables.getItem(inserted.binding.tableName).showTotals = true;
      await context.sync();
    });
    const view = await readRefreshView(totals.host.run, totals.host.isSetSupported, REVISED);
    const last = view.tables[0] ? view.tables[0].row + view.tables[0].rows : 0;
    const blocked = planRefresh(view, REVISED).report.tables[0];
    expect([blocked?.reason, blocked?.blockedAt]).toEqual(["totals_row", `Sheet1!B${last}:F${last}`]);
    for (const language of LANGUAGES) expect(tableReasonText(blocked ?? ({} as never), language)).toContain(`Sheet1!B${last}:F${last}`);
  });
});
