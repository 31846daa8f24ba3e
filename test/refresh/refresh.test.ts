/**
 * Refresh from the embedded release to the revised fixture (issue 9), against the simulated host:
 * updates, an added row, a removed row and a renamed label, in 4 syncs; then save, reopen and
 * refresh again: "Up to date", 2 syncs and 0 write operations.
 */
import { resetActiveRelease, setActiveRelease, statFormula, summarizeReport, tableGrid } from "../../src/core";
import type { RefreshReport, RefreshTableReport } from "../../src/core";
import { EMBEDDED, bjFunctions, measured, read, recordsOf, reopen, revisedIndex, setup, tableAddress } from "./helpers";

const REVISED = revisedIndex();

beforeEach(() => resetActiveRelease());
afterAll(() => resetActiveRelease());

function table(report: RefreshReport, tableId: string): RefreshTableReport {
  const found = report.tables.find((each) => each.tableId === tableId);
  if (!found) throw new Error(`no report for ${tableId}`);
  return found;
}

const kinds = (report: RefreshTableReport, kind: string): string[] =>
  report.changes.filter((change) => change.kind === kind).map((change) => `${change.rowId ?? ""}.${change.columnKey ?? ""}`);

describe("refresh to the revised release", () => {
  it("updates figures, adds a row, removes a row and renames a label; then up to date after reopening", async () => {
    const { host, port, refresh } = setup();
    const fdi = await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const policy = await port.insertTable(tableGrid(EMBEDDED, "two_zones_policy", "zh"), { address: "Sheet1!J2" });
    setActiveRelease(REVISED.release, { kind: "channel" });

    const run = await measured(host, () => refresh(REVISED));
    const report = run.result;
    expect(run.syncs).toBe(4);
    expect(report.syncs).toBe(4);
    expect(report.upToDate).toBe(false);

    // fdi_headline: the count and the figures derived from it are updated, ftz_fdi_share is added.
    const fdiReport = table(report, "fdi_headline");
    expect(fdiReport.status).toBe("stale");
    expect(kinds(fdiReport, "update")).toEqual(expect.arrayContaining(["fdi_new_enterprises.value", "fdi_new_enterprises.period", ".source"]));
    const count = fdiReport.changes.find((change) => change.rowId === "fdi_new_enterprises" && change.columnKey === "value");
    expect(count).toMatchObject({ before: 1777, after: 1950, address: "Sheet1!C4", written: true });
    expect(kinds(fdiReport, "row_added")).toEqual(tableGrid(REVISED, "fdi_headline", "en").columnKeys.map((key) => `ftz_fdi_share.${key}`));

    // The table now holds the revised grid, row for row, with its number formats; it grew by one row.
    const revisedGrid = tableGrid(REVISED, "fdi_headline", "en");
    expect(await tableAddress(host, fdi.binding.tableName)).toBe(`Sheet1!B3:F${3 + revisedGrid.rows.length}`);
    const body = await read(host, `Sheet1!B4:F${3 + revisedGrid.rows.length}`);
    expect(body.values).toEqual(revisedGrid.rows);
    expect(body.numberFormat).toEqual(revisedGrid.numberFormats);
    // The note and source lines moved down under the new row; the row directly below the table
    // stays empty (the spacer). The source names the new release.
    const lines = await read(host, `Sheet1!B${4 + revisedGrid.rows.length}:B${6 + revisedGrid.rows.length}`);
    expect(lines.values).toEqual([[""], [revisedGrid.note], [revisedGrid.sourceLine]]);

    // two_zones_policy: a row removed (deleted from the table), a label renamed.
    const policyReport = table(report, "two_zones_policy");
    const policyGrid = tableGrid(REVISED, "two_zones_policy", "zh");
    expect(kinds(policyReport, "row_removed").every((each) => each.startsWith("services_openness_first_place_years."))).toBe(true);
    expect(policyReport.changes.filter((change) => change.kind === "row_removed").every((change) => change.written)).toBe(true);
    expect(kinds(policyReport, "label_changed")).toEqual(["pioneering_policies.item"]);
    expect(await tableAddress(host, policy.binding.tableName)).toBe(`Sheet1!J3:${String.fromCharCode(73 + policyGrid.header.length)}${3 + policyGrid.rows.length}`);
    const policyBody = await read(host, `Sheet1!J4:${String.fromCharCode(73 + policyGrid.header.length)}${3 + policyGrid.rows.length}`);
    expect(policyBody.values).toEqual(policyGrid.rows);
    expect((await read(host, `Sheet1!J${6 + policyGrid.rows.length}`)).values).toEqual([[policyGrid.sourceLine]]); // spacer, note, source

    // Records: the new release, Table.id filled in, the rows as written.
    const records = recordsOf(host.save());
    expect(records.map((record) => [record.tableId, record.releaseId, record.table?.id !== null, record.rowIds])).toEqual([
      ["fdi_headline", REVISED.release.id, true, revisedGrid.rowIds],
      ["two_zones_policy", REVISED.release.id, true, policyGrid.rowIds],
    ]);

    // Save, reopen, refresh again: up to date, 2 syncs, nothing written.
    const again = reopen(host);
    const second = await measured(again.host, () => again.refresh(REVISED));
    expect(second.result.upToDate).toBe(true);
    expect(second.result.tables.map((each) => each.status)).toEqual(["current", "current"]);
    expect(summarizeReport(second.result, "en")).toBe("Up to date");
    expect(summarizeReport(second.result, "zh")).toBe("已是最新");
    expect([second.syncs, second.writes, second.result.writeOperations]).toEqual([3, 0, 0]);
  });

  it("a dry run plans the same changes, in 2 syncs, and writes nothing", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const saved = JSON.stringify(host.save());
    const dry = await measured(host, () => refresh(REVISED, { dryRun: true }));
    expect([dry.syncs, dry.writes, dry.result.dryRun]).toEqual([3, 0, true]);
    expect(JSON.stringify(host.save())).toBe(saved);
    const applied = await refresh(REVISED);
    const strip = (report: RefreshReport): unknown => report.tables.map((each) => each.changes);
    expect(strip(applied)).toEqual(strip(dry.result));
  });

  it("formula mode: the BJ.STAT cells keep their formulas and show the new release after their own recalculation", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2", mode: "formulas" });
    await host.user.type("Sheet1!L1", '=BJ.STAT("fdi_new_enterprises")');
    setActiveRelease(REVISED.release, { kind: "channel" });
    const run = await measured(host, () => refresh(REVISED));
    const write = host.syncs[host.syncs.length - 1];
    const grid = tableGrid(REVISED, "fdi_headline", "en");
    const body = await read(host, `Sheet1!B4:F${3 + grid.rows.length}`);
    expect(body.formulas.map((row) => row[1])).toEqual(grid.valueFigureIds.map((id) => (id === null ? "" : statFormula(id, grid.language))));
    // What BJ.STAT shows on this (plain) host for each figure of the revised release.
    const stat = bjFunctions["BJ.STAT"];
    expect(body.values.map((row) => row[1])).toEqual(grid.valueFigureIds.map((id) => (id === null || !stat ? "" : stat(id))));
    // The user's own BJ.* cell outside any table is recalculated too, and counted.
    expect((await read(host, "Sheet1!L1")).values).toEqual([[1950]]);
    expect(run.result.formulaCells).toEqual([{ sheet: "Sheet1", count: grid.rows.length + 1 }]);
    // Only the BJ.* cells are recalculated (one run per column: the table's value cells, and L1); never the workbook.
    expect(write?.locations.filter((location) => location.endsWith("calculate"))).toEqual(["Range.calculate", "Range.calculate"]);
  });

  it("writes the report to a Refresh log sheet in the same write request, in Chinese", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "zh"), { address: "Sheet1!B2" });
    const run = await measured(host, () => refresh(REVISED, { log: "zh" }));
    expect(run.syncs).toBe(4);
    expect(run.result.logSheet).toBe("刷新日志");
    const log = await read(host, "刷新日志!A1:I2");
    expect(log.values[0]?.[0]).toBe(summarizeReport(run.result, "zh"));
    expect(log.values[1]).toEqual(["表格", "状态", "行", "列", "地址", "原值", "新值", "更改", "原因"]);
    // Readable (issue 16): the summary alone in its row, so it reads on across the empty cells
    // right of it; the header bold; the columns fitted, none left at the default width.
    expect(log.values[0]?.slice(1)).toEqual(Array<string>(8).fill(""));
    const look = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("刷新日志");
      const header = sheet.getRange("A2:I2").format.font.load("bold");
      const widths = Array.from({ length: 9 }, (_, c) => sheet.getRange("A2:I2").getColumn(c).format.load("columnWidth"));
      const summary = sheet.getRange("A1").format.font.load("bold");
      await context.sync();
      return { bold: header.bold, summaryBold: summary.bold, widths: widths.map((each) => each.columnWidth) };
    });
    expect(look.bold).toBe(true);
    expect(look.summaryBold).toBe(false);
    expect(look.widths.filter((width) => width === 48)).toEqual([]);
  });
});
