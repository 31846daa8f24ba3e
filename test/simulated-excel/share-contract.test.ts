/**
 * Contract tests of what freeze and restore rely on in the simulated host (docs/excel-evidence.md):
 * RangeAreas.areas (ExcelApi 1.9) and null leaving a cell as it is in a 2-D write.
 */
import { createSimulatedExcel } from "../../src/simulated-excel";

describe("what freeze and restore rely on", () => {
  test("RangeAreas.areas reads every area in the same sync; none for a null RangeAreas", async () => {
    const host = createSimulatedExcel({ functions: { "BJ.ONE": () => 1 } });
    await host.user.type("A1", "=BJ.ONE()");
    await host.user.type("A2", "=BJ.ONE()");
    await host.user.type("C5", "=BJ.ONE()");
    await host.user.type("D1", "text");
    const read = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const special = sheet.getRange("A1:XFD1048576").getSpecialCellsOrNullObject("Formulas");
      const areas = special.areas.load("items/address, items/formulas");
      const none = sheet.getRange("D1:D3").getSpecialCellsOrNullObject("Formulas");
      const empty = none.areas.load("items/address");
      await context.sync();
      return { areas: areas.items.map((area) => [area.address, area.formulas]), none: none.isNullObject, empty: empty.items.length };
    });
    expect(read).toEqual({
      areas: [["Sheet1!A1:A2", [["=BJ.ONE()"], ["=BJ.ONE()"]]], ["Sheet1!C5", [["=BJ.ONE()"]]]],
      none: true,
      empty: 0,
    });
  });

  test("null in a 2-D write leaves that cell as it is (values and number formats)", async () => {
    const host = createSimulatedExcel({ functions: { "BJ.ONE": () => 1 } });
    await host.user.type("A1", "=BJ.ONE()");
    await host.user.type("A2", "=BJ.ONE()");
    const after = await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A2");
      range.numberFormat = [["0.0"], [null]];
      range.values = [[1], [null]];
      range.load("formulas, numberFormat");
      await context.sync();
      return { formulas: range.formulas, numberFormat: range.numberFormat };
    });
    expect(after).toEqual({ formulas: [[1], ["=BJ.ONE()"]], numberFormat: [["0.0"], ["General"]] });
  });
});
