/**
 * Two Excel.run batches at once (the pane reads its list and a setting side by side): the simulated
 * host processes their requests one at a time, so neither batch loses what it loaded.
 */
import { currentDataset } from "../../src/core";
import { ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel } from "../../src/simulated-excel";

describe("concurrent batches", () => {
  it("each batch gets what it loaded when three run at once", async () => {
    const host = createSimulatedExcel({});
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported, documentSettings: null });
    await port.setAutoOpen(true);
    const [list, plan, autoOpen] = await Promise.all([port.listInserted(), port.refreshTables(currentDataset(), { dryRun: true }), port.getAutoOpen()]);
    expect(list.entries).toEqual([]);
    expect(plan.tables).toEqual([]);
    expect(autoOpen).toBe(true);
  });

  it("a failing batch does not stop the one beside it", async () => {
    const host = createSimulatedExcel({});
    const failing = host.run(async (context) => {
      context.workbook.worksheets.getItem("No such sheet").load("name");
      await context.sync();
    });
    const reading = host.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
    await expect(failing).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(reading).resolves.toEqual(["Sheet1"]);
  });
});
