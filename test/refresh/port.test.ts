/**
 * Refresh through the workbook port (what the pane and the ribbon call): ExcelWorkbook.refreshTables
 * is the adapter's refresh over the same Excel.run and requirement-set check as every insert.
 */
import { tableGrid } from "../../src/core";
import { EMBEDDED, measured, revisedIndex, setup } from "./helpers";

describe("ExcelWorkbook.refreshTables", () => {
  it("plans in 3 syncs with nothing written, then applies the revised release in 4", async () => {
    const { host, port } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "B2" });

    const current = await measured(host, () => port.refreshTables(EMBEDDED, { dryRun: true }));
    expect(current.result.upToDate).toBe(true);
    expect([current.syncs, current.writes]).toEqual([3, 0]);

    const revised = revisedIndex();
    const plan = await measured(host, () => port.refreshTables(revised, { dryRun: true }));
    expect(plan.result.tables.map((table) => table.status)).toEqual(["stale"]);
    expect([plan.syncs, plan.writes]).toEqual([3, 0]);

    const applied = await measured(host, () => port.refreshTables(revised));
    expect(applied.syncs).toBe(4);
    expect(applied.result.tables[0]?.changes.some((change) => change.kind === "update" && change.written)).toBe(true);
    expect((await port.refreshTables(revised, { dryRun: true })).upToDate).toBe(true);
  });
});
