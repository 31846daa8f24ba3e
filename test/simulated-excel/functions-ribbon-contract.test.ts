/**
 * Contract tests of the simulated host for the behaviours the insert's read-back and the spacer row
 * rely on (docs/excel-evidence.md, "Functions, ribbon and CSP"): in one request, a formula written
 * and then read shows its calculated value, an unknown function #NAME?; a table added and then read
 * has its range; values set in the row directly below a table grow it, a row left empty does not.
 */
import { createSimulatedExcel } from "../../src/simulated-excel";

describe("formulas read in the request that wrote them", () => {
  it("show the calculated value, and #NAME? (valueTypes Error) for a function Excel does not know", async () => {
    const host = createSimulatedExcel({ functions: { "BJ.ONE": () => 1 } });
    const read = await host.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:B1");
      range.formulas = [["=BJ.ONE()", "=BJ.指标值()"]];
      range.load("values, valueTypes");
      await context.sync();
      return { values: range.values, valueTypes: range.valueTypes };
    });
    expect(read).toEqual({ values: [[1, "#NAME?"]], valueTypes: [["Double", "Error"]] });
    expect(host.syncCount).toBe(1);
  });
});

describe("a table added and read in one request", () => {
  it("reads back the range it was added over", async () => {
    const host = createSimulatedExcel({});
    const address = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B2:C3").values = [["h1", "h2"], [1, 2]];
      const table = sheet.tables.add(sheet.getRange("B2:C3"), true);
      const range = table.getRange().load("address");
      await context.sync();
      return range.address;
    });
    expect(address).toBe("Sheet1!B2:C3");
  });
});

describe("auto-expansion and the spacer row", () => {
  async function tableAfter(write: string, values: unknown[][]): Promise<string> {
    const host = createSimulatedExcel({});
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B2:C3").values = [["h1", "h2"], [1, 2]];
      sheet.tables.add(sheet.getRange("B2:C3"), true);
      await context.sync();
      sheet.getRange(write).values = values;
      await context.sync();
    });
    return host.run(async (context) => {
      const range = context.workbook.tables.getItem("Table1").getRange().load("address");
      await context.sync();
      return range.address;
    });
  }

  it("a value set in the row directly below a table makes it grow over that row", async () => {
    expect(await tableAfter("B4", [["note"]])).toBe("Sheet1!B2:C4");
  });

  it("a value set one row lower, the row directly below left empty, does not", async () => {
    expect(await tableAfter("B5", [["note"]])).toBe("Sheet1!B2:C3");
  });
});
