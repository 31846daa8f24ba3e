/**
 * A test per requirement-set fallback (docs/requirement-sets.md), with the simulated host
 * reporting the older set. The simulator refuses an API its reported sets lack (ApiNotFound), so
 * each test fails if the adapter calls the API without its check.
 */
import "../functions/setup-custom-functions";
import { TRACKING_NAMESPACE, currentDataset, tableGrid } from "../../src/core";
import { type HostSupport, hostSupportOf } from "../../src/functions/host";
import { createLibrary } from "../../src/functions/library";
import { AdapterError, ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel } from "../../src/simulated-excel";
import { bjFunctions, revisedIndex } from "../refresh/helpers";
import type { SimulatedExcel } from "../../src/simulated-excel";

const index = currentDataset();
const grid = tableGrid(index, "fdi_headline", "en");

function setup(excelApi: string): { host: SimulatedExcel; port: ExcelWorkbook } {
  const host = createSimulatedExcel({ requirementSets: { ExcelApi: excelApi } });
  return { host, port: new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported }) };
}

async function errorOf(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof AdapterError) return error;
    throw error;
  }
  throw new Error("expected an AdapterError");
}

/** Every API location the host was asked for, over all syncs. */
const calls = (host: SimulatedExcel): string[] => host.syncs.flatMap((sync) => sync.locations);

describe("custom XML parts (ExcelApi 1.5): without them, tables are inserted untracked", () => {
  it("inserts at the selection in 2 syncs, writes no part, and lists nothing without asking Excel", async () => {
    const { host, port } = setup("1.4");
    const inserted = await port.insertTable(grid);
    expect(host.syncCount).toBe(2);
    expect(host.syncs.map((s) => s.failed ?? "ok")).toEqual(["ok", "ok"]);
    const model = host.save().workbook;
    expect(model.tables.map((t) => t.name)).toEqual([inserted.binding.tableName]);
    expect(model.customXmlParts).toEqual([]);
    expect(calls(host).filter((c) => c.startsWith("CustomXmlPart"))).toEqual([]);

    const before = host.syncCount;
    expect(await port.listInserted()).toEqual({ entries: [], damagedParts: [] });
    expect(await port.listBindings()).toEqual({ bindings: [], damagedParts: [] });
    expect(host.syncCount).toBe(before);
  });

  it("insert all and a new sheet work too; select, remove and forget say record_not_found", async () => {
    const { host, port } = setup("1.4");
    const all = await port.insertAllTables([grid, tableGrid(index, "ftz_share", "zh")], { title: "All", sheetName: "All" });
    await port.insertTable(grid, { newSheet: true });
    expect(all).toHaveLength(2);
    expect(host.save().workbook.tables).toHaveLength(3);
    const id = all[0]?.record.recordId ?? "";
    for (const action of [port.selectInserted(id), port.removeInserted(id), port.forgetInserted(id)]) {
      expect((await errorOf(action)).code).toBe("record_not_found");
    }
  });

  it("refresh finds nothing to refresh, reads no part and writes nothing", async () => {
    const { host, port } = setup("1.4");
    await port.insertTable(grid);
    const before = host.save();
    const report = await port.refreshTables(index);
    expect(report.writeOperations).toBe(0);
    expect(host.save()).toEqual(before);
    expect(calls(host).filter((c) => c.startsWith("CustomXmlPart"))).toEqual([]);
    expect(host.syncs.every((s) => s.failed === undefined)).toBe(true);
  });

  it("with ExcelApi 1.5 the same insert is recorded (the check is what differs)", async () => {
    const { host, port } = setup("1.5");
    await port.insertTable(grid);
    expect(host.save().workbook.customXmlParts.map((p) => p.namespaceUri)).toEqual([TRACKING_NAMESPACE]);
    expect((await port.listInserted()).entries).toHaveLength(1);
  });
});

describe("calculation is never suspended: Excel calculates as it writes, on every host", () => {
  it.each(["1.5", "1.6", "1.17"])("inserts in formula mode on a %s host in 2 syncs, without suspending calculation", async (version) => {
    const host = createSimulatedExcel({ requirementSets: { ExcelApi: version }, functions: bjFunctions });
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
    const inserted = await port.insertTable(grid, { mode: "formulas" });
    expect(host.syncCount).toBe(2);
    expect(calls(host)).not.toContain("Application.suspendApiCalculationUntilNextSync");
    // Calculated in the write sync, so its read-back sees the figures: nothing to report.
    expect(inserted.problems).toEqual([]);
    expect(inserted.formulasCalculating).toBe(0);
  });
});

describe("Range.calculate in refresh (ExcelApi 1.6): else the BJ.* formulas are written back", () => {
  it("refreshes formula-mode tables on a 1.5 host without Range.calculate, and the cells show the new release", async () => {
    const host = createSimulatedExcel({ requirementSets: { ExcelApi: "1.5" }, functions: bjFunctions });
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
    await port.insertTable(grid, { mode: "formulas" });
    const report = await port.refreshTables(revisedIndex());
    expect(host.syncs.every((s) => s.failed === undefined)).toBe(true);
    expect(calls(host)).not.toContain("Range.calculate");
    expect(report.syncs).toBeLessThanOrEqual(3);
    const on16 = createSimulatedExcel({ requirementSets: { ExcelApi: "1.6" }, functions: bjFunctions });
    const port16 = new ExcelWorkbook({ run: on16.run, isSetSupported: on16.isSetSupported });
    await port16.insertTable(grid, { mode: "formulas" });
    await port16.refreshTables(revisedIndex());
    expect(calls(on16)).toContain("Range.calculate");
    // The same refresh, cell for cell, whichever way the BJ.* cells were recalculated.
    const cells = (h: SimulatedExcel) => h.save().workbook.sheets.map((sheet) => Object.fromEntries(Object.entries(sheet.cells).map(([k, c]) => [k, [c.value, c.formula ?? null]])));
    expect(cells(host)).toEqual(cells(on16));
  });
});

describe("the active cell (ExcelApi 1.7): else the top-left cell of the selection", () => {
  it("inserts at the selection's top-left cell on a 1.6 host", async () => {
    const { host, port } = setup("1.6");
    host.user.select("Sheet1!C4:E9");
    const inserted = await port.insertTable(grid);
    expect(inserted.address.startsWith("Sheet1!C4:")).toBe(true);
    expect(calls(host)).not.toContain("Workbook.getActiveCell");
    expect(host.syncs.map((s) => s.failed ?? "ok")).toEqual(["ok", "ok"]);
  });
});

describe("tables meeting the target (Range.getTables, ExcelApi 1.9): else Excel's refusal is reported", () => {
  it("reports target_in_table on a 1.8 host, nothing written", async () => {
    const { host, port } = setup("1.8");
    await host.run(async (context) => void context.workbook.worksheets.getActiveWorksheet().tables.add("D4:E6", true));
    const before = host.save();
    expect((await errorOf(port.insertTable(grid, { address: "E5" }))).code).toBe("target_in_table");
    expect(host.save()).toEqual(before);
    expect(calls(host)).not.toContain("Range.getTables");
  });
});

describe("merged cells in the target (ExcelApi 1.13): else Excel's refusal is reported", () => {
  it("reports target_merged on a 1.12 host, nothing written", async () => {
    const { host, port } = setup("1.12");
    host.user.merge("C6:D6");
    const before = host.save();
    const error = await errorOf(port.insertTable(grid, { address: "B2" }));
    expect(error.code).toBe("target_merged");
    expect(error.localized("en")).not.toBe(error.localized("zh"));
    expect(host.save()).toEqual(before);
    expect(calls(host)).not.toContain("Range.getMergedAreasOrNullObject");
  });
});

describe("cell values from the functions (CustomFunctionsRuntime 1.4 with ExcelApi 1.16): else plain values", () => {
  const office = (sets: Record<string, string>) => ({
    context: {
      displayLanguage: "en-US",
      requirements: {
        isSetSupported: (name: string, version = "1.1") => {
          const have = sets[name];
          if (have === undefined) return false;
          const [a = 0, b = 0] = have.split(".").map(Number);
          const [c = 0, d = 0] = version.split(".").map(Number);
          return a > c || (a === c && b >= d);
        },
      },
    },
  });

  it.each([
    ["CustomFunctionsRuntime 1.3", { CustomFunctionsRuntime: "1.3", ExcelApi: "1.19" }],
    ["CustomFunctionsRuntime 1.4 without ExcelApi 1.16", { CustomFunctionsRuntime: "1.4", ExcelApi: "1.15" }],
  ])("%s: plain numbers and text, BJ.CARD one line of text", (_name, sets) => {
    const host = hostSupportOf(office(sets));
    expect(host?.cellValues).toBe(false);
    const library = createLibrary({ index, host: () => host as HostSupport });
    expect(typeof library.FDI_COUNT(2024)).toBe("number");
    expect(typeof library.STAT("pioneering_policies")).toBe("string");
    expect(typeof library.CARD("ftz_fdi_share")).toBe("string");
  });

  it("with both: formatted numbers and an entity card", () => {
    const host = hostSupportOf(office({ CustomFunctionsRuntime: "1.4", ExcelApi: "1.16" }));
    expect(host?.cellValues).toBe(true);
    const library = createLibrary({ index, host: () => host as HostSupport });
    expect(library.CARD("ftz_fdi_share")).toMatchObject({ type: "Entity" });
    expect(library.FDI_COUNT(2024)).toMatchObject({ type: "FormattedNumber" });
  });
});
