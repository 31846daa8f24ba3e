/**
 * Contract tests of what refresh's merged-cells guard relies on (issue 14, docs/excel-evidence.md
 * row 49): Range.delete("Up") refuses to split a merged area below the deleted cells and moves one
 * that lies wholly in the deleted columns; Range.getMergedAreasOrNullObject (1.13) asked from A1
 * finds an area reaching into the range from above or the left (row 15, office-js #3611).
 */
import { createSimulatedExcel } from "../../src/simulated-excel";
import { codeOf } from "./error-code";


describe("merged cells and the cells refresh writes or shifts", () => {
  it("refuses a row deletion that would split a merged area below it, and changes nothing", async () => {
    const host = createSimulatedExcel();
    host.user.merge("Sheet1!C20:E20");
    await host.user.type("Sheet1!B5", "keep");
    const code = await codeOf(host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B4:D4").delete("Up");
      await context.sync();
    }));
    expect(code).toBe("InvalidOperation");
    const still = await host.run(async (context) => {
      const areas = context.workbook.worksheets.getItem("Sheet1").getRange("A1:H40").getMergedAreasOrNullObject().load("address");
      const cell = context.workbook.worksheets.getItem("Sheet1").getRange("B5").load("values");
      await context.sync();
      return { areas: areas.address, cell: cell.values };
    });
    expect(still).toEqual({ areas: "Sheet1!C20:E20", cell: [["keep"]] });
  });

  it("moves a merged area that lies wholly in the deleted columns up with them", async () => {
    const host = createSimulatedExcel();
    host.user.merge("Sheet1!B20:C20");
    const address = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B4:D4").delete("Up");
      const areas = sheet.getRange("A1:H40").getMergedAreasOrNullObject().load("address");
      await context.sync();
      return areas.address;
    });
    expect(address).toBe("Sheet1!B19:C19");
  });

  it("from A1, lists an area that reaches into a range from above and the left", async () => {
    const host = createSimulatedExcel();
    host.user.merge("Sheet1!A1:C6");
    const found = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const inside = sheet.getRange("B5:D8").getMergedAreasOrNullObject().load("isNullObject");
      const fromA1 = sheet.getRange("A1:D8").getMergedAreasOrNullObject().load("address");
      await context.sync();
      return [inside.isNullObject, fromA1.address];
    });
    expect(found).toEqual([true, "Sheet1!A1:C6"]);
  });
});
