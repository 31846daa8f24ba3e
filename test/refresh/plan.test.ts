/**
 * planRefresh is pure: the same view and release give the same plan; its own table lookup agrees
 * with the adapter's (matchTables, shared with the pane's list); a view read from a workbook holds
 * every BJ.* formula cell, counted per sheet.
 */
import { formulaCells, locateTrackedTables, planRefresh, resetActiveRelease, tableGrid } from "../../src/core";
import { readRefreshView } from "../../src/office/refresh";
import { EMBEDDED, revisedIndex, setup } from "./helpers";

const REVISED = revisedIndex();

afterAll(() => resetActiveRelease());

async function sampleView(): Promise<Awaited<ReturnType<typeof readRefreshView>>> {
  const { host, port } = setup();
  const first = await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
  await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "zh"), { address: "Sheet1!B20", mode: "formulas" });
  await port.insertTable(tableGrid(EMBEDDED, "ftz_share", "en"), { newSheet: true });
  host.user.renameTable(first.binding.tableName, "Renamed");
  host.user.renameSheet("Sheet1", "Moved on");
  await host.user.type("'Moved on'!K1", '=BJ.FDI_COUNT(2024)');
  return readRefreshView(host.run);
}

describe("planRefresh", () => {
  it("gives the same plan for the same view, and its own lookup matches the adapter's", async () => {
    const view = await sampleView();
    expect(view.matches?.every((match) => match !== null)).toBe(true);
    const { matches: _given, ...withoutMatches } = view;
    const located = (each: ReturnType<typeof locateTrackedTables>): unknown => each.map((entry) => [entry.view.record.recordId, entry.table?.name, entry.how]);
    expect(located(locateTrackedTables(withoutMatches))).toEqual(located(locateTrackedTables(view)));
    expect(JSON.stringify(planRefresh(view, REVISED))).toBe(JSON.stringify(planRefresh(withoutMatches, REVISED)));
  });

  it("counts every BJ.* formula cell per sheet, and plans no write for a current workbook", async () => {
    const view = await sampleView();
    const grid = tableGrid(EMBEDDED, "fdi_headline", "zh");
    const formulas = grid.valueFigureIds.filter((id) => id !== null).length;
    expect(formulaCells(view.sheets).counts).toEqual([{ sheet: "Moved on", count: formulas + 1 }]);
    const current = planRefresh(view, EMBEDDED);
    expect(current.writes).toEqual([]);
    expect(current.report.upToDate).toBe(true);
    expect(current.report.tables.map((table) => table.status)).toEqual(["current", "current", "current"]);
  });
});
