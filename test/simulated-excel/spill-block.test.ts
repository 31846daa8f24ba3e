/**
 * Contract: a value typed or written into a live spill's range blocks it, and its formula shows
 * #SPILL! (Microsoft: "How to correct a #SPILL! error": "the spill range isn't blank"); clearing
 * the blocking cell lets it spill again. docs/excel-evidence.md names the source.
 */
import "../functions/setup-custom-functions";
import { REGISTERED } from "../../src/functions/functions";
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel } from "../../src/simulated-excel";

const functions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

async function values(excel: SimulatedExcel, address: string): Promise<unknown[][]> {
  return excel.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange(address).load("values");
    await context.sync();
    return range.values;
  });
}

describe("a blocked spill", () => {
  it("shows #SPILL! at its formula's cell when a user types into the spill range, and spills again once the cell is cleared", async () => {
    const excel = createSimulatedExcel({ functions });
    await excel.user.type("A1", '=BJ.TABLE("fdi_headline")');
    const spilled = await values(excel, "A1:B3");
    expect(spilled[0]?.[0]).not.toBe("#SPILL!");
    expect(spilled[2]?.[1]).not.toBe("");
    await excel.user.type("B3", "mine");
    const blocked = await values(excel, "A1:B3");
    expect(blocked[0]?.[0]).toBe("#SPILL!");
    expect(blocked[2]).toEqual(["", "mine"]); // the rest of the spill is gone, the typed value stays
    await excel.user.clearContents("B3");
    expect(await values(excel, "A1:B3")).toEqual(spilled);
  });

  it("does the same when an add-in writes into the spill range with Range.values", async () => {
    const excel = createSimulatedExcel({ functions });
    await excel.user.type("A1", '=BJ.TABLE("fdi_headline")');
    await excel.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("A2").values = [["in the way"]];
      await context.sync();
    });
    expect((await values(excel, "A1:A2"))).toEqual([["#SPILL!"], ["in the way"]]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("A2").clear("Contents");
      await context.sync();
    });
    expect((await values(excel, "A1"))[0]?.[0]).not.toBe("#SPILL!");
  });
});
