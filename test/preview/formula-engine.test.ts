/**
 * The preview's formula engine (src/preview/formula-engine.ts: fast-formula-parser over the
 * simulated workbook): ordinary formulas, BJ.* calls inside them going to the project's functions,
 * error values, references to other sheets, a range as long as a column costing only what the
 * sheet holds, and formulas that read formulas evaluated after them.
 */
import "../functions/setup-custom-functions";
import { REGISTERED } from "../../src/functions/functions";
import { createFormulaEngine } from "../../src/preview/formula-engine";
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel } from "../../src/simulated-excel";

const functions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

function host(): SimulatedExcel {
  return createSimulatedExcel({ functions, evaluateOther: createFormulaEngine() });
}

/** Values and texts of a range on the active sheet. */
async function read(excel: SimulatedExcel, address: string): Promise<{ values: unknown[][]; text: string[][] }> {
  return excel.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange(address).load("values, text");
    await context.sync();
    return { values: range.values, text: range.text };
  });
}

describe("the preview's formula engine", () => {
  it("sums a range and multiplies a BJ.* result, through the project's own functions", async () => {
    const excel = host();
    for (const [row, value] of [4, 5, 6, 7, 8].map((row, i) => [row, (i + 1) * 10] as const)) await excel.user.type(`C${row}`, value);
    await excel.user.type("C9", "=SUM(C4:C8)");
    await excel.user.type("D1", "=BJ.FDI_COUNT(2024)*2");
    await excel.user.type("D2", '=IF(BJ.FDI_COUNT(2024)>1000,"over","under")');
    expect((await read(excel, "C9")).values).toEqual([[150]]);
    expect((await read(excel, "D1:D2")).values).toEqual([[3554], ["over"]]);
  });

  it("gives a BJ.* error its own error value, which IFERROR catches", async () => {
    const excel = host();
    await excel.user.type("A1", "=BJ.FDI_COUNT(2023)*2"); // no stated figure for 2023: #N/A
    await excel.user.type("A2", "=IFERROR(BJ.FDI_COUNT(2023),0)");
    await excel.user.type("A3", '=BJ.STAT("no_such_id")&""');
    expect((await read(excel, "A1:A3")).values).toEqual([["#N/A"], [0], ["#N/A"]]);
  });

  it("shows Excel's error values: #DIV/0!, #NAME? for an unknown function, #VALUE! for text in arithmetic, #REF! for a missing sheet", async () => {
    const excel = host();
    await excel.user.type("A1", "=1/0");
    await excel.user.type("A2", "=NO_SUCH_FUNCTION(1)");
    await excel.user.type("A3", '=1+"x"');
    await excel.user.type("A4", "=Missing!A1+1");
    const { values, text } = await read(excel, "A1:A4");
    expect(values).toEqual([["#DIV/0!"], ["#NAME?"], ["#VALUE!"], ["#REF!"]]);
    expect(text).toEqual([["#DIV/0!"], ["#NAME?"], ["#VALUE!"], ["#REF!"]]);
    const types = await excel.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:A4").load("valueTypes");
      await context.sync();
      return range.valueTypes;
    });
    expect(types.flat()).toEqual(["Error", "Error", "Error", "Error"]);
  });

  it("reads other sheets, and a whole column costs what the sheet holds", async () => {
    const excel = host();
    excel.user.addSheet("Data");
    await excel.user.type("Data!B2", 5);
    await excel.user.type("Data!B3", 7);
    await excel.user.type("A1", "=SUM(Data!B:B)*Data!B2");
    expect((await read(excel, "A1")).values).toEqual([[60]]);
  });

  it("gets a formula right that reads a formula stored after it", async () => {
    const excel = host();
    await excel.user.type("A1", "=A2*2"); // written first, evaluated first: A2 has no value yet
    await excel.user.type("A2", "=BJ.FDI_COUNT(2024)+1");
    expect((await read(excel, "A1:A2")).values).toEqual([[3556], [1778]]);
  });

  it("spills an array result, as dynamic-array Excel does", async () => {
    const excel = host();
    await excel.user.type("A1", "={1,2;3,4}");
    expect((await read(excel, "A1:B2")).values).toEqual([[1, 2], [3, 4]]);
  });
});
