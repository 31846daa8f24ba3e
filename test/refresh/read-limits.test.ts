/**
 * The fault matrix, "user data beyond the read limits" (issue 14): a 250,001 x 20 sheet of the
 * user's own beside our tables. Excel refuses a read of over 5,000,000 cells, and Excel on the web
 * a response of over 5 MB; the simulated host fails as Excel fails (i14sim's read limits). Refresh,
 * the inserted list, remove and the pane's start (the list, then a dry run) must all work, read
 * what the add-in wrote and not the user's data, and take as many syncs as without that sheet.
 */
import { resetActiveRelease, setActiveRelease, tableGrid } from "../../src/core";
import { refreshTables } from "../../src/office/refresh";
import { SimOfficeError, openSimulatedExcel } from "../../src/simulated-excel";
import { EMBEDDED, bjFunctions, changedCells, measured, recordsOf, revisedIndex, setup, withoutSpacer, type Workbook } from "./helpers";
import { addUserSheet } from "./scenario";

const REVISED = revisedIndex();

afterEach(() => resetActiveRelease());

async function withTables(workbook: Workbook): Promise<void> {
  await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2", mode: "formulas" });
  await workbook.port.insertTable(tableGrid(EMBEDDED, "two_zones_policy", "zh"), { address: "Sheet1!J2" });
}

async function valueAt(workbook: Workbook, address: string): Promise<unknown> {
  return workbook.host.run(async (context) => {
    const [sheet = "", local = ""] = address.split("!");
    const range = context.workbook.worksheets.getItem(sheet).getRange(local).load("values");
    await context.sync();
    return range.values[0]?.[0];
  });
}

describe("user data beyond the read limits", () => {
  it("the user sheet is beyond them: reading its used range fails as Excel fails", async () => {
    const workbook = setup();
    await addUserSheet(workbook.host);
    const code = await workbook.host
      .run(async (context) => {
        context.workbook.worksheets.getItem("Data").getUsedRange(true).load("formulas");
        await context.sync();
        return "no error";
      })
      .catch((error: unknown) => (error instanceof SimOfficeError ? error.code : String(error)));
    expect(code).not.toBe("no error");
  });

  it("the pane's start, refresh, the list and remove all work, with the syncs and responses of a workbook without that sheet", async () => {
    const plain = setup();
    const big = setup();
    await withTables(plain);
    await withTables(big);
    await addUserSheet(big.host);
    setActiveRelease(REVISED.release, { kind: "channel" });

    // The pane's start: the list, then a dry run.
    const starts = await Promise.all([plain, big].map(async (workbook) => ({
      list: await measured(workbook.host, () => workbook.port.listInserted()),
      plan: await measured(workbook.host, () => workbook.port.refreshTables(REVISED, { dryRun: true })),
    })));
    const [without, beside] = starts;
    expect(beside?.list.result.entries.map((entry) => entry.found?.address)).toEqual(without?.list.result.entries.map((entry) => entry.found?.address));
    expect(beside?.list.result.entries.every((entry) => entry.found !== null)).toBe(true);
    expect([beside?.list.syncs, beside?.plan.syncs]).toEqual([without?.list.syncs, without?.plan.syncs]);
    expect(beside?.plan.result.tables.map((table) => table.status)).toEqual(["stale", "stale"]);
    // The user's =BJ.FDI_COUNT cell on their sheet is found (by getSpecialCellsOrNullObject) and counted.
    expect(beside?.plan.result.formulaCells).toEqual([...(without?.plan.result.formulaCells ?? []), { sheet: "Data", count: 1 }]);

    // What was read costs what the add-in wrote: the responses beside the sheet are those without
    // it, plus the few cells of the user's formula areas.
    const largest = (workbook: Workbook, from: number): number => Math.max(...workbook.host.syncs.slice(from).map((record) => record.responseBytes));
    const marks = [plain, big].map((workbook) => workbook.host.syncs.length);
    const applied = await Promise.all([plain, big].map((workbook) => measured(workbook.host, () => workbook.refresh(REVISED))));
    expect(applied.map((run) => run.syncs)).toEqual([4, 4]);
    expect(largest(big, marks[1] ?? 0)).toBeLessThan(largest(plain, marks[0] ?? 0) + 2_000);
    expect(largest(big, marks[1] ?? 0)).toBeLessThan(64 * 1024);
    // The user's BJ.* cell was recalculated to the new release, like our own formula cells.
    expect(await valueAt(big, "Data!T10000")).toBe(await valueAt(big, "Sheet1!C4"));
    expect(await valueAt(big, "Sheet1!C4")).toBe(1950);

    // Remove: exactly our cells go; the user's sheet is untouched.
    const before = big.host.save();
    const entries = (await big.port.listInserted()).entries;
    const policy = entries.find((entry) => entry.binding.tableId === "two_zones_policy");
    if (!policy) throw new Error("two_zones_policy not listed");
    await big.port.removeInserted(policy.recordId);
    const changed = changedCells(before, big.host.save());
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((address) => address.startsWith("Data!"))).toEqual([]);
    expect((await big.port.listInserted()).entries.map((entry) => entry.binding.tableId)).toEqual(["fdi_headline"]);
  });

  it("more formula cells than one bounded read brings: only those of our inserts are counted, and the count says so", async () => {
    const workbook = setup();
    // 2,000 formula cells of the user's, over a read budget of 1,000 (the default is 100,000).
    await addUserSheet(workbook.host, { name: "Data", rows: 250_001, columns: 20, every: 50_000, formulaColumn: 2_000 });
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Data!AA2", mode: "formulas" });
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2", mode: "formulas" });
    const plan = await workbook.port.refreshTables(REVISED, { dryRun: true, formulaReadCells: 1_000 });
    // The counts are as they will be after the write: the revised release's formula cells.
    const ours = tableGrid(REVISED, "fdi_headline", "en").valueFigureIds.filter((id) => id !== null).length;
    expect(plan.formulaCells).toEqual([
      { sheet: "Sheet1", count: ours },
      { sheet: "Data", count: ours, partial: true },
    ]);
    expect(plan.tables.map((table) => table.status)).toEqual(["stale", "stale"]);
  });

  it("below ExcelApi 1.9 (no getSpecialCells) refresh still works beside the sheet, and the counts say they cover our inserts only", async () => {
    const workbook = setup({ requirementSets: { ExcelApi: "1.8" } });
    await withTables(workbook);
    await addUserSheet(workbook.host);
    const run = await measured(workbook.host, () => workbook.refresh(REVISED, { isSetSupported: workbook.host.isSetSupported }));
    expect(run.syncs).toBe(4);
    expect(run.result.tables.map((table) => table.status)).toEqual(["stale", "stale"]);
    expect(workbook.host.syncs.flatMap((record) => record.locations).filter((location) => location.includes("getSpecialCells"))).toEqual([]);
    expect(run.result.formulaCells.map((count) => [count.sheet, count.partial])).toEqual([["Sheet1", true]]);
  });
});

describe("refresh keeps the spacer row", () => {
  it.each([
    ["ExcelApi 1.13: Table.resize", "1.13", true],
    ["ExcelApi 1.12: the table grows over the values set below it", "1.12", false],
  ])("%s; the range read back is the one planned", async (_label, version, resized) => {
    const workbook = setup({ requirementSets: { ExcelApi: version } });
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const run = await measured(workbook.host, () => workbook.refresh(REVISED, { isSetSupported: workbook.host.isSetSupported }));
    const rows = tableGrid(REVISED, "fdi_headline", "en").rows.length;
    const report = run.result.tables[0];
    expect(report?.status).toBe("stale");
    expect(report?.changes.filter((change) => change.reason === "table_size_mismatch")).toEqual([]);
    const write = workbook.host.syncs[workbook.host.syncs.length - 1];
    expect(write?.locations.includes("Table.resize")).toBe(resized);
    // Header in row 3, rows below it, then the empty spacer row, then the note and the source.
    const table = (await workbook.port.listInserted()).entries[0]?.found?.address;
    expect(table).toBe(`Sheet1!B3:F${3 + rows}`);
    expect(await valueAt(workbook, `Sheet1!B${4 + rows}`)).toBe("");
    expect(await valueAt(workbook, `Sheet1!B${5 + rows}`)).toBe(tableGrid(REVISED, "fdi_headline", "en").note);
    // And the next refresh finds the lines where they are now: nothing to do.
    expect((await workbook.refresh(REVISED, { isSetSupported: workbook.host.isSetSupported })).upToDate).toBe(true);
  });
});

describe("a record written before the spacer row existed", () => {
  it("(its note directly below the table) is found, refreshed, and gets the spacer when rows are added", async () => {
    const workbook = setup();
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const n = tableGrid(EMBEDDED, "fdi_headline", "en").rows.length;
    // The layout before the spacer: the note and source one row higher, and the record saying so.
    const snapshot = workbook.host.save();
    const noteRow = 4 + n; // 0-based rows: title 1, header 2, data 3..2+n, spacer 3+n, note 4+n, source 5+n
    const [record] = recordsOf(snapshot);
    expect([record?.lines.note, record?.lines.source, record?.block]).toEqual([`B${noteRow + 1}`, `B${noteRow + 2}`, `B2:F${noteRow + 2}`]);
    const old = openSimulatedExcel(withoutSpacer(snapshot, n), { functions: bjFunctions });
    const report = await refreshTables(old.run, REVISED);
    expect(report.tables.map((table) => [table.status, table.changes.filter((change) => change.reason === "line_not_found").length])).toEqual([["stale", 0]]);
    const rows = tableGrid(REVISED, "fdi_headline", "en").rows.length;
    const lines = await old.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange(`B${4 + rows}:B${6 + rows}`).load("values");
      await context.sync();
      return range.values.map((row) => row[0]);
    });
    const revised = tableGrid(REVISED, "fdi_headline", "en");
    expect(lines).toEqual(["", revised.note, revised.sourceLine]);
    expect((await refreshTables(old.run, REVISED)).upToDate).toBe(true);
  });
});

describe("the read-back after a write that should grow a table", () => {
  it("reports a table that did not take its added rows (table_size_mismatch): the range meant and the range read", async () => {
    // ExcelApi 1.12: no Table.resize, so the table must grow over the values set below it. Just
    // before the write the user types into the row below the table: a cell that already holds
    // something does not make the table grow (ledger row 27), so the range read back differs.
    const workbook = setup({ requirementSets: { ExcelApi: "1.12" } });
    await workbook.port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    const n = tableGrid(EMBEDDED, "fdi_headline", "en").rows.length;
    workbook.host.onBeforeSync(workbook.host.syncCount + 4, () => void workbook.host.user.type(`Sheet1!B${4 + n}`, "typed just now"));
    const report = await workbook.refresh(REVISED, { isSetSupported: workbook.host.isSetSupported });
    const mismatch = report.tables[0]?.changes.filter((change) => change.reason === "table_size_mismatch") ?? [];
    expect(mismatch.map((change) => [change.before, change.after, change.written])).toEqual([[`B3:F${4 + n}`, `B3:F${3 + n}`, false]]);
    expect(report.upToDate).toBe(false);
  });
});
