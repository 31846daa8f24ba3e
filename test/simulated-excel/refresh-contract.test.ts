/**
 * Contract tests of what refresh (issue 9) needs from the simulated host: a table grows over values
 * set directly below it, Range.delete, Range.calculate, and the user's cut-and-paste of a table.
 * Each cites Excel's documented behaviour, or says "(not confirmed)".
 */
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimulatedExcel } from "../../src/simulated-excel";
import { codeOf } from "./error-code";


/** A 3-column table "T" at B2:D4 (header + 2 rows) on Sheet1. */
async function withTable(host: SimulatedExcel): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.getRange("B2:D4").values = [["A", "B", "C"], [1, 2, 3], [4, 5, 6]];
    const table = sheet.tables.add("B2:D4", true);
    table.name = "T";
    await context.sync();
  });
}

async function tableAddress(host: SimulatedExcel, name = "T"): Promise<string> {
  return host.run(async (context) => {
    const range = context.workbook.tables.getItem(name).getRange().load("address");
    await context.sync();
    return range.address;
  });
}

async function formulasAt(host: SimulatedExcel, address: string): Promise<unknown[][]> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange(address).load("formulas");
    await context.sync();
    return range.formulas;
  });
}

describe("a table grows over values set directly below it", () => {
  // "Coauthoring in Excel add-ins" (learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins),
  // on avoiding table row coauthoring conflicts: instead of TableRowCollection.add, set the values of
  // the range directly below the table, and the table expands over them.
  it("takes the rows of a Range.values or Range.formulas write that starts on the empty row below", async () => {
    const host = createSimulatedExcel();
    await withTable(host);
    await host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("B5:D5").values = [[7, 8, 9]];
      await context.sync();
    });
    expect(await tableAddress(host)).toBe("Sheet1!B2:D5");
    // Several rows at once: the table takes them all (not confirmed for Excel).
    await host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("B6:D7").formulas = [["x", null, null], [null, "y", null]];
      await context.sync();
    });
    expect(await tableAddress(host)).toBe("Sheet1!B2:D7");
  });

  it("does not grow for number formats alone, blank values, a write beside the table, a gap, or a cell that already held something", async () => {
    const host = createSimulatedExcel();
    await withTable(host);
    await host.user.type("Sheet1!C5", "kept");
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B5:D5").numberFormat = [["@", "@", "@"]];
      sheet.getRange("E5:F5").values = [["beside", 1]];
      sheet.getRange("B7:D7").values = [[1, 2, 3]];
      sheet.getRange("B5:D5").values = [[null, "overwritten", null]];
      await context.sync();
    });
    expect(await tableAddress(host)).toBe("Sheet1!B2:D4");
    expect(await formulasAt(host, "B5:F5")).toEqual([["", "overwritten", "", "beside", 1]]);
  });
});

describe("Range.delete", () => {
  // Excel.Range.delete(shift) reference: "Deletes the cells associated with the range", shifting the
  // others Up or Left. Deleting a table's full-width data rows deletes those table rows, as the
  // UI's Delete > Table Rows does (through the API: not confirmed).
  it("deletes a table row: the table shrinks and the cells below, within its columns, move up", async () => {
    const host = createSimulatedExcel();
    await withTable(host);
    await host.user.type("Sheet1!B6", "below");
    await host.user.type("Sheet1!F3", "beside");
    await host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("B3:D3").delete("Up");
      await context.sync();
    });
    expect(await tableAddress(host)).toBe("Sheet1!B2:D3");
    expect(await formulasAt(host, "B2:F5")).toEqual([
      ["A", "B", "C", "", ""],
      [4, 5, 6, "", "beside"],
      ["", "", "", "", ""],
      ["below", "", "", "", ""],
    ]);
  });

  it("refuses to cut into part of a table (InvalidOperation) and a protected sheet (AccessDenied)", async () => {
    const host = createSimulatedExcel();
    await withTable(host);
    const cut = host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("B3:C3").delete("Up");
      await context.sync();
    });
    expect(await codeOf(cut)).toBe("InvalidOperation");
    host.user.protectSheet("Sheet1");
    const protectedDelete = host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("B3:D3").delete("Up");
      await context.sync();
    });
    expect(await codeOf(protectedDelete)).toBe("AccessDenied");
    expect(await tableAddress(host)).toBe("Sheet1!B2:D4");
  });
});

describe("Range.calculate", () => {
  // Excel.Range.calculate() reference: "Calculates a range of cells on a worksheet." (ExcelApi 1.6)
  it("recalculates the formulas of the range only, and needs ExcelApi 1.6", async () => {
    let answer = 1;
    const host = createSimulatedExcel({ functions: { "BJ.ANSWER": () => answer } });
    await host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("A1:A2").formulas = [["=BJ.ANSWER()"], ["=BJ.ANSWER()"]];
      await context.sync();
    });
    answer = 2;
    await host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("A1").calculate();
      await context.sync();
    });
    const values = await host.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:A2").load("values");
      await context.sync();
      return range.values;
    });
    expect(values).toEqual([[2], [1]]);
    const old = createSimulatedExcel({ requirementSets: { ExcelApi: "1.5" } });
    const refused = old.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("A1").calculate();
      await context.sync();
    });
    expect(await codeOf(refused)).toBe("ApiNotFound");
  });
});

describe("the user cuts and pastes a table", () => {
  // Moving a table (cut and paste) keeps the table, its name and its data (not confirmed for the id).
  it("moves the table and its cells to another sheet, keeping its name and id", async () => {
    const host = createSimulatedExcel();
    await withTable(host);
    const before = await host.run(async (context) => {
      const table = context.workbook.tables.getItem("T").load("id");
      await context.sync();
      return table.id;
    });
    host.user.addSheet("Other");
    host.user.moveTable("T", "Other!D10");
    const after = await host.run(async (context) => {
      const table = context.workbook.tables.getItem("T").load("id");
      const range = table.getRange().load("address, values");
      await context.sync();
      return { id: table.id, address: range.address, values: range.values };
    });
    expect(after).toEqual({ id: before, address: "Other!D10:F12", values: [["A", "B", "C"], [1, 2, 3], [4, 5, 6]] });
    expect(await formulasAt(host, "B2:D4")).toEqual([["", "", ""], ["", "", ""], ["", "", ""]]);
  });
});
