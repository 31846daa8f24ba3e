/**
 * Contract tests of the two members the bounded refresh reads rely on (issue 14):
 * Range.getSpecialCellsOrNullObject (ExcelApi 1.9) and Table.resize (ExcelApi 1.13).
 * Sources: learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-special-cells
 * (getSpecialCellsOrNullObject: a null object, isNullObject true, when no cell matches; the
 * article limits the search to the used range first) and the Excel.Table reference (resize: the
 * header row stays in its row, the new range must overlap the table). docs/excel-evidence.md.
 */
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimulatedExcel } from "../../src/simulated-excel";
import { codeOf } from "./error-code";


async function withCells(host: SimulatedExcel): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.getRange("A1:C3").formulas = [["x", "=1+1", 3], ["y", "=2+2", "=BJ.FDI_COUNT(2024)"], ["z", 5, 6]];
    sheet.getRange("E10").formulas = [["=A1"]];
    await context.sync();
  });
}

async function formulaAreas(host: SimulatedExcel, address: string | null): Promise<{ isNull: boolean; address: string | null; areaCount: number | null }> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    const base = address === null ? sheet.getUsedRange(true) : sheet.getRange(address);
    const areas = base.getSpecialCellsOrNullObject("Formulas").load("address, areaCount");
    await context.sync();
    return areas.isNullObject ? { isNull: true, address: null, areaCount: null } : { isNull: false, address: areas.address, areaCount: areas.areaCount };
  });
}

describe("Range.getSpecialCellsOrNullObject", () => {
  it("gives the formula cells of the range as areas, and only their addresses are read", async () => {
    const host = createSimulatedExcel();
    await withCells(host);
    expect(await formulaAreas(host, null)).toEqual({ isNull: false, address: "Sheet1!B1:B2, Sheet1!C2, Sheet1!E10", areaCount: 3 });
    expect(await formulaAreas(host, "A1:C3")).toEqual({ isNull: false, address: "Sheet1!B1:B2, Sheet1!C2", areaCount: 2 });
  });

  it("is a null object where no cell of the range holds a formula", async () => {
    const host = createSimulatedExcel();
    await withCells(host);
    expect((await formulaAreas(host, "A1:A3")).isNull).toBe(true);
    // A blank sheet: getUsedRange gives A1, which holds nothing.
    expect((await formulaAreas(createSimulatedExcel(), null)).isNull).toBe(true);
  });

  it("on a single cell looks at the used range, as desktop Excel's SpecialCells does (the stricter reading)", async () => {
    const host = createSimulatedExcel();
    await withCells(host);
    expect(await formulaAreas(host, "A1")).toEqual({ isNull: false, address: "Sheet1!B1:B2, Sheet1!C2, Sheet1!E10", areaCount: 3 });
  });

  it("fails with ApiNotFound below ExcelApi 1.9", async () => {
    const host = createSimulatedExcel({ requirementSets: { ExcelApi: "1.8" } });
    await withCells(host);
    expect(await codeOf(formulaAreas(host, null))).toBe("ApiNotFound");
  });
});

describe("Table.resize", () => {
  async function withTable(host: SimulatedExcel): Promise<void> {
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B2:C3").values = [["A", "B"], [1, 2]];
      sheet.tables.add("B2:C3", true).name = "T";
      await context.sync();
    });
  }
  const resize = (host: SimulatedExcel, address: string): Promise<string> =>
    host.run(async (context) => {
      const table = context.workbook.tables.getItem("T");
      table.resize(address);
      const range = table.getRange().load("address");
      await context.sync();
      return range.address;
    });

  it("takes the new range when the header row stays in its row; the read-back in the same request sees it", async () => {
    const host = createSimulatedExcel();
    await withTable(host);
    expect(await resize(host, "B2:C6")).toBe("Sheet1!B2:C6");
    expect(await resize(host, "B2:C4")).toBe("Sheet1!B2:C4");
  });

  it("refuses a range that moves the header row or does not overlap the table", async () => {
    const host = createSimulatedExcel();
    await withTable(host);
    expect(await codeOf(resize(host, "B3:C6"))).toBe("InvalidArgument");
    expect(await codeOf(resize(host, "H20:I22"))).toBe("InvalidArgument");
  });

  it("fails with ApiNotFound below ExcelApi 1.13", async () => {
    const host = createSimulatedExcel({ requirementSets: { ExcelApi: "1.12" } });
    await withTable(host);
    expect(await codeOf(resize(host, "B2:C6"))).toBe("ApiNotFound");
  });
});
