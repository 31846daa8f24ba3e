/**
 * Issue 16, item 17: near the sheet's edge (column XEX, row 1,048,560) the simulated host costs what it
 * costs at A1. Not timed: each action's cost counters (operations, loads, writes, request bytes,
 * cells stored) are compared with the same action at B2; they must not grow with the coordinates.
 */
import "../functions/setup-custom-functions";
import { currentDataset, tableGrid } from "../../src/core";
import { REGISTERED } from "../../src/functions/functions";
import { ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction } from "../../src/simulated-excel";

const functions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

/** Inserts, lists, plans a refresh and removes at `at`; returns the cost counters of every sync. */
async function costsAt(at: string): Promise<{ syncs: { operations: number; loads: number; writes: number; bytes: number }[]; cells: number }> {
  const host = createSimulatedExcel({ functions });
  const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
  host.user.select(`Sheet1!${at}`);
  const grid = tableGrid(currentDataset(), "fdi_headline", "en");
  await port.insertTable(grid, { mode: "values" });
  const cells = Object.keys(host.save().workbook.sheets[0]?.cells ?? {}).length;
  const listed = await port.listInserted();
  await port.refreshTables(currentDataset(), { dryRun: true });
  const first = listed.entries[0];
  if (first) await port.removeInserted(first.recordId);
  return {
    syncs: host.syncs.map((sync) => ({ operations: sync.operations, loads: sync.loads, writes: sync.writes, bytes: sync.payloadBytes })),
    cells,
  };
}

describe("the simulated host near the sheet's edge", () => {
  it("costs the same at XEX1 and at row 1,048,560 as at B2: operations, loads, writes, cells stored, request size within the longer addresses", async () => {
    const near = await costsAt("B2");
    for (const at of ["XEX1", "A1048560", "XEX1048560"]) {
      const far = await costsAt(at);
      expect(far.cells).toBe(near.cells);
      expect(far.syncs.map(({ operations, loads, writes }) => [operations, loads, writes])).toEqual(near.syncs.map(({ operations, loads, writes }) => [operations, loads, writes]));
      // Only the addresses are longer ("XEX1048560" against "B2"): a few bytes per address, never per cell skipped.
      far.syncs.forEach((sync, i) => expect(sync.bytes - (near.syncs[i]?.bytes ?? 0)).toBeLessThan(2_000));
    }
  });
});
