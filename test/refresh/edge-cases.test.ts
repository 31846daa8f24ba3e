/**
 * Refresh beyond the fault matrix: spill mode, a removed row that holds the user's data, a row the
 * user deleted, a label the user renamed, a row the user typed inside the table, and text from a
 * release that looks like a formula.
 */
import { indexRelease, resetActiveRelease, setActiveRelease, tableFormula, tableGrid } from "../../src/core";
import type { Release } from "../../src/data";
import { EMBEDDED, changedCells, measured, read, recordsOf, revisedIndex, setup, tableAddress } from "./helpers";

const REVISED = revisedIndex();

beforeEach(() => setActiveRelease(REVISED.release, { kind: "channel" }));
afterAll(() => resetActiveRelease());

describe("refresh edge cases", () => {
  it("spill mode: the =BJ.TABLE cell recalculates to the new release and the lines move down as the spill grows", async () => {
    const { host, port, refresh } = setup();
    resetActiveRelease();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2", mode: "spill" });
    setActiveRelease(REVISED.release, { kind: "channel" });
    const grid = tableGrid(REVISED, "fdi_headline", "en");
    const run = await measured(host, () => refresh(REVISED));
    expect([run.syncs, run.result.tables[0]?.status]).toEqual([3, "stale"]);
    const block = await read(host, `Sheet1!B3:F${6 + grid.rows.length}`);
    expect(block.formulas[0]?.[0]).toBe(tableFormula("fdi_headline", "en"));
    expect(block.values.slice(1, 1 + grid.rows.length).map((row) => row[0])).toEqual(grid.rows.map((row) => row[0]));
    // The spacer row stays empty under the grown spill; the lines are below it.
    expect(block.values.slice(1 + grid.rows.length).map((row) => row[0])).toEqual(["", grid.note, grid.sourceLine]);
    const again = await measured(host, () => refresh(REVISED));
    expect([again.syncs, again.writes, again.result.upToDate]).toEqual([2, 0, true]);
  });

  it("a removed row that holds the user's data is kept, reported, and no longer ours", async () => {
    const { host, port, refresh } = setup();
    const policy = await port.insertTable(tableGrid(EMBEDDED, "two_zones_policy", "en"), { address: "Sheet1!B2" });
    const removedRow = 4 + tableGrid(EMBEDDED, "two_zones_policy", "en").rowIds.indexOf("services_openness_first_place_years");
    host.user.resizeTable(policy.binding.tableName, `Sheet1!B3:G${3 + tableGrid(EMBEDDED, "two_zones_policy", "en").rows.length}`);
    await host.user.type(`Sheet1!G${removedRow}`, "my note on this row");
    const before = host.save();
    const report = await refresh(REVISED);
    const removed = report.tables[0]?.changes.filter((change) => change.kind === "row_removed") ?? [];
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((change) => !change.written && change.reason === "row_has_user_data")).toBe(true);
    const after = host.save();
    expect(changedCells(before, after).filter((address) => address.endsWith(`${removedRow}`))).toEqual([]);
    expect(recordsOf(after)[0]?.rowIds).toContain("");
    const again = await refresh(REVISED);
    expect([again.upToDate, again.tables[0]?.status]).toEqual([true, "current"]);
  });

  it("a row the user deleted is reported and not added back, now or at the next refresh", async () => {
    const { host, port, refresh } = setup();
    const grid = tableGrid(EMBEDDED, "fdi_headline", "en");
    await port.insertTable(grid, { address: "Sheet1!B2" });
    // The user deletes the table's first data row (Delete > Table Rows).
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B4:F4").delete("Up");
      await context.sync();
    });
    const report = await refresh(REVISED);
    const deleted = report.tables[0]?.changes.find((change) => change.reason === "deleted_by_user");
    expect(deleted).toMatchObject({ rowId: grid.rowIds[0], kind: "user_edit", written: false });
    const labels = (await read(host, "Sheet1!B4:B9")).values.map((row) => row[0]);
    expect(labels).not.toContain(grid.rows[0]?.[0]);
    const again = await measured(host, () => refresh(REVISED));
    expect([again.result.upToDate, again.result.tables[0]?.status, again.writes]).toEqual([true, "edited", 0]);
  });

  it("a label the user renamed: the row is still recognised by its other cells, the label kept, the figures updated", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await host.user.type("Sheet1!B4", "New firms (my wording)");
    const report = await refresh(REVISED);
    const changes = report.tables[0]?.changes.filter((change) => change.rowId === "fdi_new_enterprises") ?? [];
    expect(changes.find((change) => change.columnKey === "item")).toMatchObject({ kind: "user_edit", before: "New firms (my wording)", written: false });
    expect(changes.find((change) => change.columnKey === "value")).toMatchObject({ kind: "update", after: 1950, written: true });
    expect((await read(host, "Sheet1!B4:C4")).values).toEqual([["New firms (my wording)", 1950]]);
  });

  it("a row the user typed inside the table stays as it is; the added row goes below it", async () => {
    const { host, port, refresh } = setup();
    const grid = tableGrid(EMBEDDED, "fdi_headline", "en");
    const inserted = await port.insertTable(grid, { address: "Sheet1!B2", includeSource: false });
    await host.run(async (context) => {
      // Values set directly below the table join it, as in Excel.
      context.workbook.worksheets.getItem("Sheet1").getRange("B9:C9").values = [["My own row", 7]];
      await context.sync();
    });
    expect(await tableAddress(host, inserted.binding.tableName)).toBe("Sheet1!B3:F9");
    await refresh(REVISED);
    const newGrid = tableGrid(REVISED, "fdi_headline", "en");
    expect((await read(host, "Sheet1!B9:C10")).values).toEqual([["My own row", 7], [newGrid.rows[newGrid.rows.length - 1]?.[0], newGrid.rows[newGrid.rows.length - 1]?.[1]]]);
  });

  it("below ExcelApi 1.6 (no Range.calculate) the BJ.* formulas are written back instead, still in one write", async () => {
    const { host, port, refresh } = setup({ requirementSets: { ExcelApi: "1.5" } });
    resetActiveRelease();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2", mode: "formulas" });
    setActiveRelease(REVISED.release, { kind: "channel" });
    const run = await measured(host, () => refresh(REVISED, { isSetSupported: host.isSetSupported }));
    expect(run.syncs).toBe(3);
    expect(host.syncs.flatMap((record) => record.locations).filter((location) => location.endsWith("calculate"))).toEqual([]);
    expect((await read(host, "Sheet1!C4")).values).toEqual([[1950]]);
  });

  it("recovers from a write Excel applied only in part: the next refresh adopts what was written, adds nothing twice", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const policy = tableGrid(EMBEDDED, "two_zones_policy", "en");
    await port.insertTable(policy, { address: "Sheet1!J2" });
    // Just before the write, the user merges cells that straddle the policy table's columns below it:
    // deleting its removed row then fails, after the cells of both tables were written (no rollback).
    const bottom = 3 + policy.rows.length + 4;
    host.onBeforeSync(host.syncCount + 3, () => host.user.merge(`Sheet1!N${bottom}:P${bottom}`));
    await expect(refresh(REVISED)).rejects.toMatchObject({ code: "office_error" });
    const failed = host.syncs[host.syncs.length - 1];
    expect([failed?.failed, failed?.locations.includes("Range.delete")]).toEqual(["InvalidOperation", true]);
    const newGrid = tableGrid(REVISED, "fdi_headline", "en");
    expect((await read(host, `Sheet1!B4:F${3 + newGrid.rows.length}`)).values).toEqual(newGrid.rows);
    // The records were not rewritten. Refreshing again adopts the written row instead of adding it twice.
    const report = await refresh(REVISED);
    const fdi = report.tables.find((table) => table.tableId === "fdi_headline");
    expect(fdi?.changes.filter((change) => change.kind === "row_added" || change.kind === "user_edit")).toEqual([]);
    expect((await read(host, `Sheet1!B${5 + newGrid.rows.length}`)).values).toEqual([[newGrid.note]]); // below the spacer row
    const again = await refresh(REVISED);
    expect(again.tables.find((table) => table.tableId === "fdi_headline")?.status).toBe("current");
  });

  it("a table with a totals row that would need a row added is blocked, and nothing is written", async () => {
    const { host, port, refresh } = setup();
    const inserted = await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await host.run(async (context) => {
      context.workbook.tables.getItem(inserted.binding.tableName).showTotals = true;
      await context.sync();
    });
    const before = host.save();
    const report = await refresh(REVISED);
    expect(report.tables.map((table) => [table.status, table.reason])).toEqual([["blocked", "totals_row"]]);
    expect(changedCells(before, host.save())).toEqual([]);
  });

  it("a label from a release that starts with '=' is written as text, even where the user reformatted the cell", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B4").numberFormat = [["General"]];
      await context.sync();
    });
    const hostile = JSON.parse(JSON.stringify(REVISED.release)) as Release;
    const figure = hostile.figures.find((each) => each.id === "fdi_new_enterprises");
    if (!figure) throw new Error("no fdi_new_enterprises");
    figure.label = { en: '=HYPERLINK("http://example.invalid","x")', zh: figure.label.zh };
    await refresh(indexRelease(hostile));
    const cell = await read(host, "Sheet1!B4");
    expect([cell.formulas, cell.values, cell.numberFormat]).toEqual([[[figure.label.en]], [[figure.label.en]], [["@"]]]);
  });
});
