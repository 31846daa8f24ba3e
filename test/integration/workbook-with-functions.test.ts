/**
 * The product's layers together in one simulated workbook: the real BJ.* functions evaluate the
 * formulas a user types, the real adapter inserts a curated table beside them, and both survive a
 * save and reopen.
 */
import "../functions/setup-custom-functions";
import { currentDataset, tableGrid } from "../../src/core";
import { REGISTERED } from "../../src/functions/functions";
import { ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel, openSimulatedExcel, type SimCustomFunction, type SimulatedExcel } from "../../src/simulated-excel";

/** Each registered function under its full name, called as Excel calls it: with the cell arguments. */
const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

async function read(host: SimulatedExcel, address: string): Promise<{ values: unknown[][]; text: string[][] }> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange(address).load("values, text");
    await context.sync();
    return { values: range.values, text: range.text };
  });
}

describe("a workbook using the BJ functions and an inserted table", () => {
  it("shows stated figures, honest errors and spilled tables from typed formulas", async () => {
    const host = createSimulatedExcel({ functions: bjFunctions });
    await host.user.type("A1", "=BJ.FDI_COUNT(2024)");
    await host.user.type("A2", "=BJ.FDI_COUNT(2023)");
    await host.user.type("A3", '=BJ.STAT("ftz_fdi_share")');
    await host.user.type("A4", '=BJ.STAT("fdi_new_enterprise")');
    await host.user.type("A5", "=BJ.VERSION()");
    await host.user.type("C1", '=BJ.TABLE("ftz_share")');

    const column = await read(host, "A1:A5");
    expect(column.values.map((row) => row[0])).toEqual([
      1777,
      "#N/A", // no stated figure for 2023: the derived estimate is never returned as stated
      0.338,
      "#N/A", // a mistyped id
      currentDataset().release.id,
    ]);

    const grid = tableGrid(currentDataset(), "ftz_share", "en");
    const spill = await read(host, `C1:G${grid.rows.length + 1}`);
    // The plain host's spill: the grid, except that an estimate arrives as its text, never bare,
    // and a share as "33.8%" (beside the Unit "percent"), never as the fraction 0.338.
    const shown: Record<string, string> = { ftz_fdi_share: "33.8%", ftz_fdi_share_prev_year: "est. 15.9%" };
    const value = grid.columnKeys.indexOf("value");
    const rows = grid.rows.map((row, r) => row.map((cell, c) => (c === value ? (shown[grid.rowIds[r] ?? ""] ?? cell) : cell)));
    expect(spill.values).toEqual([[...grid.header], ...rows]);
  });

  it("keeps the formulas and the inserted table across save and reopen", async () => {
    const host = createSimulatedExcel({ functions: bjFunctions });
    await host.user.type("A1", "=BJ.FTZ_FDI_SHARE()");
    host.user.select("Sheet1!C3");
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
    const inserted = await port.insertTable(tableGrid(currentDataset(), "fdi_headline", "zh"));

    const reopened = openSimulatedExcel(host.save(), { functions: bjFunctions });
    await reopened.run(async (context) => context.workbook.application.calculate("Full"));
    expect((await read(reopened, "A1")).values).toEqual([[0.338]]);
    const bindings = await new ExcelWorkbook({ run: reopened.run, isSetSupported: reopened.isSetSupported }).listBindings();
    expect(bindings).toEqual({ bindings: [inserted.binding], damagedParts: [] });
    const title = await read(reopened, "C3");
    expect(title.values).toEqual([[tableGrid(currentDataset(), "fdi_headline", "zh").title]]);
  });
});
