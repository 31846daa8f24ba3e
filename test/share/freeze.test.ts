/**
 * Freeze for sharing and restore, against the simulated host with the real BJ.* functions: what
 * becomes a value (alone, inside a larger formula, a BJ.TABLE spill), what is left (the user's own
 * formulas, protected sheets), the Sources sheet, restore (edited cells left and reported), the
 * read limits, and the sync counts.
 */
import "../functions/setup-custom-functions";
import { currentDataset, tableGrid } from "../../src/core";
import { FREEZE_SETTING, parseFreezeRecord } from "../../src/core/share";
import { SOURCES_SHEET } from "../../src/core/share-sources";
import { REGISTERED } from "../../src/functions/functions";
import { AdapterError, ExcelWorkbook } from "../../src/office";
import { FREEZE_MAX_CELLS } from "../../src/office/share";
import { createSimulatedExcel, openSimulatedExcel, type SimCustomFunction, type SimulatedExcel } from "../../src/simulated-excel";

const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

/** Formulas the simulator does not evaluate itself: the user's "=2*3", and a BJ.* call inside a larger formula. */
const evaluateOther = (formula: string): number => (formula === "=2*3" ? 6 : formula === '=BJ.STAT("ftz_fdi_share")*100' ? 33.8 : 0);

function newHost(): SimulatedExcel {
  return createSimulatedExcel({ functions: bjFunctions, evaluateOther });
}

function portOf(host: SimulatedExcel): ExcelWorkbook {
  return new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
}

async function read(host: SimulatedExcel, address: string, sheet = "Sheet1"): Promise<{ formulas: unknown[][]; values: unknown[][]; text: string[][] }> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRange(address).load("formulas, values, text");
    await context.sync();
    return { formulas: range.formulas, values: range.values, text: range.text };
  });
}

const spillRows = tableGrid(currentDataset(), "ftz_share", "en").rows.length + 1;
const spillColumns = tableGrid(currentDataset(), "ftz_share", "en").header.length;
const lastColumn = String.fromCharCode("D".charCodeAt(0) + spillColumns - 1);
const spillArea = `D1:${lastColumn}${spillRows}`;

/** Sheet1: a headline call, a call inside a larger formula, a user formula, a constant, a spill. */
async function workbook(): Promise<SimulatedExcel> {
  const host = newHost();
  await host.user.type("A1", "=BJ.FDI_COUNT(2024)");
  await host.user.type("A2", '=BJ.STAT("ftz_fdi_share")*100');
  await host.user.type("A3", "=2*3");
  await host.user.type("A4", '=BJ.STAT("pioneering_policies")');
  await host.user.type("B1", "kept");
  await host.user.type("D1", '=BJ.TABLE("ftz_share")');
  return host;
}

describe("freezeFormulas", () => {
  test("a dry run says what would change, in 2 syncs, and writes nothing", async () => {
    const host = await workbook();
    const before = JSON.stringify(host.save());
    const syncsBefore = host.syncCount;
    const report = await portOf(host).freezeFormulas({ dryRun: true });
    expect(host.syncCount - syncsBefore).toBe(2);
    expect(report.syncs).toBe(2);
    expect(report.dryRun).toBe(true);
    expect(report.cells).toBe(3 + spillRows * spillColumns);
    expect(report.sheets).toEqual([{ sheet: "Sheet1", cells: 3 + spillRows * spillColumns }]);
    expect(report.spills).toBe(1);
    expect(JSON.stringify(host.save())).toBe(before);
  });

  test("BJ.* cells become the values they showed (alone, inside a formula, a spill); the user's formula stays", async () => {
    const host = await workbook();
    const shown = await read(host, `A1:A4`);
    const spillShown = await read(host, spillArea);
    const syncsBefore = host.syncCount;
    const report = await portOf(host).freezeFormulas({ language: "en" });
    expect(host.syncCount - syncsBefore).toBe(3);
    expect(report.sourcesSheet).toBe(SOURCES_SHEET.en);

    const after = await read(host, "A1:A4");
    // No formula is left in A1, A2, A4; A3 (the user's =2*3) is untouched.
    expect(after.formulas.map((row) => row[0])).toEqual([1777, 33.8, "=2*3", shown.values[3]?.[0]]);
    expect(after.text).toEqual(shown.text);
    const spill = await read(host, spillArea);
    expect(spill.text).toEqual(spillShown.text);
    expect(spill.formulas.flat().some((cell) => typeof cell === "string" && cell.startsWith("="))).toBe(false);
    expect((await read(host, "B1")).values).toEqual([["kept"]]);

    // A reader without the add-in: the same text after save and reopen with no functions at all.
    const elsewhere = openSimulatedExcel(host.save());
    const seen = await elsewhere.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A4").load("text");
      await context.sync();
      return range.text;
    });
    expect(seen.map((row) => row[0])).toEqual(shown.text.map((row) => row[0]).map((text, i) => (i === 2 ? "6" : text)));
  });

  test("the Sources sheet lists each figure used, with release, citations and phrase; text stays text", async () => {
    const host = await workbook();
    await portOf(host).freezeFormulas({ language: "zh", sha256: "ab".repeat(32) });
    const sources = await host.run(async (context) => {
      const used = context.workbook.worksheets.getItem(SOURCES_SHEET.zh).getUsedRange().load("values, formulas, numberFormat");
      await context.sync();
      return used;
    });
    const ids = sources.values.map((row) => row[0]);
    expect(ids).toEqual(expect.arrayContaining(["fdi_new_enterprises", "ftz_fdi_share", "pioneering_policies", ...tableGrid(currentDataset(), "ftz_share", "en").valueFigureIds.filter((id): id is string => id !== null)]));
    const header = sources.values[1] ?? [];
    expect(header[0]).toBe("编号");
    const row = sources.values.find((line) => line[0] === "ftz_fdi_share") ?? [];
    expect(row).toContain(currentDataset().release.id);
    expect(row).toContain("ab".repeat(32));
    expect(String(row[9])).toMatch(/Xinhua|新华/);
    expect(sources.numberFormat.flat().every((format) => format === "@")).toBe(true);
  });

  test("a second freeze rewrites the same Sources sheet, in either scope; the syncs stay 3", async () => {
    const host = await workbook();
    const port = portOf(host);
    host.user.select("Sheet1!A1");
    expect((await port.freezeFormulas({ scope: "selection" })).sourcesSheet).toBe("Sources");
    host.user.select("Sheet1!A2");
    const before = host.syncCount;
    expect((await port.freezeFormulas({ scope: "selection" })).sourcesSheet).toBe("Sources");
    expect(host.syncCount - before).toBe(3);
    expect((await port.freezeFormulas()).sourcesSheet).toBe("Sources");
    expect(host.save().workbook.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1", "Sources"]);
    // The rewritten sheet lists every figure frozen so far: A1's and A2's.
    const ids = (await read(host, "A3:A10", "Sources")).values.flat().filter((value) => value !== "");
    expect(ids).toEqual(expect.arrayContaining(["fdi_new_enterprises", "ftz_fdi_share"]));
  });

  test("a user's own sheet named like the recorded Sources sheet is never cleared: a new one is made", async () => {
    const host = await workbook();
    const port = portOf(host);
    host.user.select("Sheet1!A1");
    expect((await port.freezeFormulas({ scope: "selection" })).sourcesSheet).toBe("Sources");
    // The user deletes it and makes a sheet of that name of their own (as after a reopen, where
    // sheet ids change and the recorded sheet is found by name).
    host.user.deleteSheet("Sources");
    host.user.addSheet("Sources");
    await host.user.type("Sources!A1", "my notes");
    await host.user.type("Sources!A2", "keep me");
    // The whole workbook: the user's sheet is in scope, unprotected, but not headed as ours.
    expect((await port.freezeFormulas()).sourcesSheet).toBe("Sources (2)");
    expect((await read(host, "A1:A2", "Sources")).values).toEqual([["my notes"], ["keep me"]]);
  });

  test("a protected Sources sheet is left as it is: a new one is made", async () => {
    const host = await workbook();
    const port = portOf(host);
    await port.freezeFormulas();
    host.user.protectSheet("Sources");
    await port.restoreFormulas();
    expect((await port.freezeFormulas()).sourcesSheet).toBe("Sources (2)");
  });

  test("a protected sheet is left as it is and reported; the rest is frozen", async () => {
    const host = await workbook();
    host.user.addSheet("Locked");
    await host.user.type("Locked!A1", "=BJ.FDI_COUNT(2024)");
    host.user.protectSheet("Locked");
    const report = await portOf(host).freezeFormulas();
    expect(report.protectedSheets).toEqual([{ sheet: "Locked", cells: 1 }]);
    expect((await read(host, "A1", "Locked")).formulas).toEqual([["=BJ.FDI_COUNT(2024)"]]);
    expect((await read(host, "A1")).formulas).toEqual([[1777]]);
  });

  test("the selection only", async () => {
    const host = await workbook();
    host.user.select("Sheet1!A1:A2");
    const report = await portOf(host).freezeFormulas({ scope: "selection" });
    expect(report.cells).toBe(2);
    expect((await read(host, "A4")).formulas).toEqual([['=BJ.STAT("pioneering_policies")']]);
    expect((await read(host, "D1")).formulas).toEqual([['=BJ.TABLE("ftz_share")']]);
    host.user.select("Sheet1!A4");
    expect((await portOf(host).freezeFormulas({ scope: "selection", dryRun: true })).cells).toBe(1);
  });

  test.each([3, 600])("the same 3 syncs for %i cells; only the formula cells are read, never a used range", async (count) => {
    {
      const host = newHost();
      await host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange(`A1:A${count}`).formulas = Array.from({ length: count }, () => ["=BJ.FDI_COUNT(2024)"]);
        sheet.getRange("C1:J2000").values = Array.from({ length: 2000 }, (_, r) => Array.from({ length: 8 }, (_, c) => r * 8 + c));
        await context.sync();
      });
      const first = host.syncs.length;
      const report = await portOf(host).freezeFormulas();
      expect(report.cells).toBe(count);
      const syncs = host.syncs.slice(first);
      expect(syncs).toHaveLength(3);
      const locations = syncs.flatMap((sync) => sync.locations);
      expect(locations.some((location) => /UsedRange/.test(location))).toBe(false);
      expect(locations.some((location) => location.startsWith("RangeAreas"))).toBe(true);
    }
  });

  test("over the cell limit: refused, nothing written", async () => {
    const host = newHost();
    const count = 51;
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${count}`).formulas = Array.from({ length: count }, () => ["=BJ.VERSION()"]);
      await context.sync();
    });
    const before = JSON.stringify(host.save());
    await expect(portOf(host).freezeFormulas({ maxCells: 50 })).rejects.toMatchObject({ code: "too_many_cells", details: { count: 51, limit: 50 } });
    // The limit can be lowered, never raised past what stays inside Excel's read limits.
    expect((await portOf(host).freezeFormulas({ maxCells: 10 * FREEZE_MAX_CELLS, dryRun: true })).cells).toBe(51);
    expect(JSON.stringify(host.save())).toBe(before);
  });
});

describe("restoreFormulas", () => {
  test("brings back exactly the formulas frozen, in 3 syncs; the spill spills again", async () => {
    const host = await workbook();
    const port = portOf(host);
    await port.freezeFormulas();
    const syncsBefore = host.syncCount;
    const report = await port.restoreFormulas();
    expect(host.syncCount - syncsBefore).toBe(3);
    expect(report.changed).toEqual([]);
    expect(report.restored).toEqual([{ sheet: "Sheet1", cells: 4 }]);
    expect((await read(host, "A1:A4")).formulas.map((row) => row[0])).toEqual(["=BJ.FDI_COUNT(2024)", '=BJ.STAT("ftz_fdi_share")*100', "=2*3", '=BJ.STAT("pioneering_policies")']);
    expect((await read(host, "D1")).formulas).toEqual([['=BJ.TABLE("ftz_share")']]);
    const spill = await read(host, spillArea);
    expect(spill.values[0]).toEqual(tableGrid(currentDataset(), "ftz_share", "en").header);
    // Nothing is left frozen: the record is gone.
    const setting = await host.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(FREEZE_SETTING);
      await context.sync();
      return item.isNullObject;
    });
    expect(setting).toBe(true);
  });

  test("a frozen cell edited since is left and reported; a spill with an edited cell stays frozen whole", async () => {
    const host = await workbook();
    const port = portOf(host);
    await port.freezeFormulas();
    await host.user.type("A1", 5);
    await host.user.type("E2", "mine");
    const report = await port.restoreFormulas();
    expect(report.changed).toEqual(["Sheet1!A1", "Sheet1!E2"]);
    expect((await read(host, "A1")).formulas).toEqual([[5]]);
    expect((await read(host, "E2")).formulas).toEqual([["mine"]]);
    expect((await read(host, "D1")).formulas[0]?.[0]).not.toEqual('=BJ.TABLE("ftz_share")');
    expect((await read(host, "A2")).formulas).toEqual([['=BJ.STAT("ftz_fdi_share")*100']]);
  });

  test("a protected sheet keeps its frozen cells in the record until it can be restored", async () => {
    const host = await workbook();
    const port = portOf(host);
    await port.freezeFormulas();
    host.user.protectSheet("Sheet1");
    const before = JSON.stringify(host.save().workbook.sheets);
    const report = await port.restoreFormulas();
    expect(report.protectedSheets).toEqual([{ sheet: "Sheet1", cells: expect.any(Number) as number }]);
    expect(JSON.stringify(host.save().workbook.sheets)).toBe(before);
    host.user.unprotectSheet("Sheet1");
    expect((await port.restoreFormulas()).restored).toEqual([{ sheet: "Sheet1", cells: 4 }]);
    const record = await host.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(FREEZE_SETTING).load("value");
      await context.sync();
      return item.isNullObject ? null : parseFreezeRecord(item.value);
    });
    expect(record).toBeNull();
  });

  test("the record is kept in the file: freeze, save, reopen, restore", async () => {
    const host = await workbook();
    await portOf(host).freezeFormulas();
    const reopened = openSimulatedExcel(host.save(), { functions: bjFunctions, evaluateOther });
    const report = await portOf(reopened).restoreFormulas();
    expect(report.restored).toEqual([{ sheet: "Sheet1", cells: 4 }]);
    expect((await read(reopened, "A1")).formulas).toEqual([["=BJ.FDI_COUNT(2024)"]]);
  });

  test("sheet ids that change on reopen (office-js#1390): the sheets are found by name", async () => {
    const host = await workbook();
    host.user.addSheet("Second");
    await host.user.type("Second!B2", "=BJ.FDI_COUNT(2024)");
    await portOf(host).freezeFormulas();
    host.user.moveSheet("Second", 0);
    const reopened = host.reopen();
    const report = await portOf(reopened).restoreFormulas();
    expect(report.missingSheets).toEqual([]);
    expect((await read(reopened, "B2", "Second")).formulas).toEqual([["=BJ.FDI_COUNT(2024)"]]);
    expect((await read(reopened, "A1")).formulas).toEqual([["=BJ.FDI_COUNT(2024)"]]);
  });

  test("nothing frozen: nothing to do, 1 sync", async () => {
    const host = newHost();
    const report = await portOf(host).restoreFormulas();
    expect(report).toEqual({ restored: [], changed: [], protectedSheets: [], missingSheets: [], syncs: 1 });
  });
});

describe("insertFigure", () => {
  test("a live formula (the headline function where one exists), or the value with its format", async () => {
    const host = newHost();
    const port = portOf(host);
    host.user.select("Sheet1!B2");
    const live = await port.insertFigure("fdi_new_enterprises", { mode: "formulas" });
    expect(live.content).toBe("=BJ.FDI_COUNT(2024)");
    expect(live.syncs).toBe(2);
    expect((await read(host, "B2")).values).toEqual([[1777]]);
    const stat = await port.insertFigure("pioneering_policies", { mode: "formulas", address: "B3" });
    expect(stat.content).toBe('=BJ.STAT("pioneering_policies")');
    const value = await port.insertFigure("ftz_fdi_share", { mode: "values", address: "Sheet1!B4", language: "zh" });
    expect(value.content).toBe(0.338);
    const cell = await read(host, "B4");
    expect(cell.formulas).toEqual([[0.338]]);
    expect(cell.text[0]?.[0]).toContain("33.8%");
  });

  test("a taken cell is refused, named, and nothing is written", async () => {
    const host = newHost();
    await host.user.type("C3", "mine");
    const before = JSON.stringify(host.save());
    const failure = await portOf(host).insertFigure("fdi_new_enterprises", { mode: "values", address: "C3" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdapterError);
    expect(failure).toMatchObject({ code: "target_not_empty", details: { address: "Sheet1!C3" } });
    expect(JSON.stringify(host.save())).toBe(before);
  });

  test("an unknown figure is refused before any sync", async () => {
    const host = newHost();
    await expect(portOf(host).insertFigure("no_such_figure", { mode: "formulas" })).rejects.toMatchObject({ code: "figure_not_found" });
    expect(host.syncCount).toBe(0);
  });

  test("a protected sheet is refused", async () => {
    const host = newHost();
    host.user.protectSheet("Sheet1");
    await expect(portOf(host).insertFigure("fdi_new_enterprises", { mode: "formulas", address: "A1" })).rejects.toMatchObject({ code: "sheet_protected" });
  });
});
