/**
 * Issue 8's Excel side, against the simulated host: inserts at the selection, on a new sheet and
 * all at once, in both languages and every mode, each in at most 2 syncs; the target fault matrix
 * (nothing changes on a refusal); the tracking record through save, reopen and user renames;
 * remove (exactly what insert wrote, refused after an edit); hostile text stays inert.
 */
import "../functions/setup-custom-functions";
import { TRACKING_NAMESPACE, cellAddress, currentDataset, headerFingerprint, parseTrackingRecord, statFormula, tableFormula, tableGrid } from "../../src/core";
import type { TableGrid } from "../../src/core";
import { LANGUAGES } from "../../src/data";
import { REGISTERED } from "../../src/functions/functions";
import { AdapterError, BINDINGS_NAMESPACE, ExcelWorkbook, serializeBindings, uniqueSheetName } from "../../src/office";
import type { InsertMode, InsertedTable } from "../../src/office";
import { createSimulatedExcel, openSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel, SimulatedExcelOptions, SimulatedWorkbookSnapshot } from "../../src/simulated-excel";

const index = currentDataset();
const MODES: InsertMode[] = ["values", "formulas", "spill"];

const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

function setup(options: SimulatedExcelOptions = {}): { host: SimulatedExcel; port: ExcelWorkbook } {
  const host = createSimulatedExcel({ functions: bjFunctions, ...options });
  return { host, port: new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported }) };
}

function reopen(host: SimulatedExcel): { host: SimulatedExcel; port: ExcelWorkbook } {
  const again = openSimulatedExcel(JSON.parse(JSON.stringify(host.save())) as SimulatedWorkbookSnapshot, { functions: bjFunctions });
  return { host: again, port: new ExcelWorkbook({ run: again.run, isSetSupported: again.isSetSupported }) };
}

interface Read {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  valueTypes: string[][];
}

/** Reads a sheet-qualified range. */
async function read(host: SimulatedExcel, address: string): Promise<Read> {
  const bang = address.lastIndexOf("!");
  const sheet = address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getItemOrNullObject(sheet).getRange(address.slice(bang + 1));
    range.load("values, formulas, numberFormat, valueTypes");
    await context.sync();
    return { values: range.values, formulas: range.formulas, numberFormat: range.numberFormat, valueTypes: range.valueTypes };
  });
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

/** Runs an adapter call and returns how many syncs it took. */
async function syncsOf<T>(host: SimulatedExcel, call: () => Promise<T>): Promise<[T, number]> {
  const before = host.syncCount;
  const result = await call();
  return [result, host.syncCount - before];
}

/** The simulator's default column width (points): a width set back to it reads as untouched. */
const DEFAULT_WIDTH = 48;

/** What a workbook keeps that an insert + remove must leave as it was. */
function contentOf(snapshot: SimulatedWorkbookSnapshot): unknown {
  const { workbook } = snapshot;
  const widths = (all: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(all).filter(([, width]) => width !== DEFAULT_WIDTH));
  return {
    sheets: workbook.sheets.map((sheet) => ({ name: sheet.name, cells: sheet.cells, merges: sheet.merges, columnWidths: widths(sheet.columnWidths) })),
    tables: workbook.tables,
    names: workbook.names,
    parts: workbook.customXmlParts,
  };
}

/** Every violation of "this insert wrote what its grid says" (collected, then asserted empty). */
async function checkBlock(host: SimulatedExcel, grid: TableGrid, inserted: InsertedTable, mode: InsertMode): Promise<string[]> {
  const block = await read(host, inserted.address);
  const problems: string[] = [];
  const want = (label: string, actual: unknown, expected: unknown): void => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${label}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
  };
  want("title", block.values[0]?.[0], grid.title);
  want("title type", block.valueTypes[0]?.[0], "String");
  const last = block.values.length;
  want("note", block.values[last - 2]?.[0], grid.note);
  want("source", block.values[last - 1]?.[0], grid.sourceLine);
  if (mode === "spill") {
    want("spill formula", block.formulas[1]?.[0], tableFormula(grid.tableId, grid.language));
    want("spilled header", block.values[1], grid.header);
    return problems;
  }
  want("header", block.values[1], grid.header);
  const valueColumn = grid.columnKeys.indexOf("value");
  grid.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const figureId = grid.valueFigureIds[r] ?? null;
      if (mode === "formulas" && c === valueColumn && figureId !== null) {
        want(`formula ${r},${c}`, block.formulas[2 + r]?.[c], statFormula(figureId, grid.language));
        // Evaluated by the real BJ.STAT: a figure, never an error (#NAME? would mean a localized name).
        if (block.valueTypes[2 + r]?.[c] === "Error") problems.push(`formula ${r},${c} gives ${String(block.values[2 + r]?.[c])}`);
      } else {
        want(`cell ${r},${c}`, block.values[2 + r]?.[c], cell);
        want(`text stays text ${r},${c}`, block.formulas[2 + r]?.[c], cell);
      }
      want(`format ${r},${c}`, block.numberFormat[2 + r]?.[c], grid.numberFormats[r]?.[c]);
    });
  });
  return problems;
}

describe.each(LANGUAGES)("inserts in %s", (language) => {
  const grid = tableGrid(index, "fdi_headline", language);

  describe.each(MODES)("mode %s", (mode) => {
    it("at the selection: 2 syncs for the first insert and for a later one, content as the grid says", async () => {
      const { host, port } = setup();
      host.user.select("Sheet1!B3");
      const [first, firstSyncs] = await syncsOf(host, () => port.insertTable(grid, { mode }));
      host.user.select("Sheet1!B30");
      const [second, secondSyncs] = await syncsOf(host, () => port.insertTable(grid, { mode }));
      expect([firstSyncs, secondSyncs]).toEqual([2, 2]);
      // Formulas go through Range.formulas, one bulk write, and only in the formula modes.
      const writes = host.syncs[host.syncs.length - 1]?.locations ?? [];
      expect(writes.filter((location) => location === "Range.formulas")).toHaveLength(mode === "values" ? 0 : 1);
      expect(writes.filter((location) => location === "Range.values")).toHaveLength(1);
      expect(first.address.startsWith("Sheet1!B3:")).toBe(true);
      expect(second.address.startsWith("Sheet1!B30:")).toBe(true);
      expect([...(await checkBlock(host, grid, first, mode)), ...(await checkBlock(host, grid, second, mode))]).toEqual([]);
      expect([first.record.mode, first.record.language, first.record.sheet]).toEqual([mode, language, { name: "Sheet1", id: host.save().workbook.sheets[0]?.id }]);
      const report = await port.listInserted();
      expect(report.entries.map((entry) => [entry.recordId, entry.found?.address])).toEqual([
        [first.record.recordId, first.tableAddress],
        [second.record.recordId, second.tableAddress],
      ]);
    });

    it("on a new sheet named after the title, with a suffix when the name is taken: 2 syncs", async () => {
      const { host, port } = setup();
      const [first, firstSyncs] = await syncsOf(host, () => port.insertTable(grid, { mode, newSheet: true }));
      const [second, secondSyncs] = await syncsOf(host, () => port.insertTable(grid, { mode, newSheet: true }));
      expect([firstSyncs, secondSyncs]).toEqual([2, 2]);
      const name = first.record.sheet.name;
      const problems = [name, second.record.sheet.name].filter((each) => each.length > 31 || /[\\/?*[\]:]/.test(each) || each.trim() === "");
      expect(problems).toEqual([]);
      // The name comes from the title (whatever its forbidden characters became).
      expect(grid.title.startsWith(name.slice(0, 5)) || grid.title.replace(/[\\/?*[\]:]/g, " ").startsWith(name.slice(0, 5))).toBe(true);
      const suffixed = second.record.sheet.name;
      expect([suffixed.endsWith(" (2)"), suffixed.length <= 31, name.startsWith(suffixed.slice(0, -4))]).toEqual([true, true, true]);
      expect(first.address).toMatch(/!A1:/);
      expect(await checkBlock(host, grid, second, mode)).toEqual([]);
      const saved = host.save().workbook;
      expect(saved.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1", name, suffixed]);
      expect(saved.sheets.find((sheet) => sheet.id === saved.activeSheetId)?.name).toBe(suffixed);
    });

    it("all tables on one new sheet: a title line, each table under the other with a blank row between, one record each, 2 syncs", async () => {
      const { host, port } = setup();
      const grids = index.tableIds.map((id) => tableGrid(index, id, language));
      const [inserted, syncs] = await syncsOf(host, () => port.insertAllTables(grids, { title: "All tables", sheetName: "All", mode }));
      expect(syncs).toBe(2);
      expect(inserted).toHaveLength(grids.length);
      const sheet = inserted[0]?.record.sheet.name ?? "";
      expect(sheet).toBe("All");
      expect((await read(host, "All!A1")).values).toEqual([["All tables"]]);
      const problems: string[] = [];
      let next = 3;
      for (const [i, each] of inserted.entries()) {
        if (each.record.anchor !== `A${next}`) problems.push(`${each.record.tableId} starts at ${each.record.anchor}, not A${next}`);
        const rows = Number(/(\d+)$/.exec(each.record.block)?.[1]) - next + 1;
        next += rows + 1;
        const grid = grids[i];
        if (grid) problems.push(...(await checkBlock(host, grid, each, mode)));
      }
      expect(problems).toEqual([]);
      const ids = new Set(inserted.map((each) => each.record.recordId));
      expect(ids.size).toBe(grids.length);
      const parts = host.save().workbook.customXmlParts.filter((part) => part.namespaceUri === TRACKING_NAMESPACE);
      expect(parts).toHaveLength(grids.length);
    });
  });
});

describe("the target fault matrix: a clear error, and nothing changes", () => {
  const grid = tableGrid(index, "fdi_headline", "en");

  interface Case {
    name: string;
    options?: SimulatedExcelOptions;
    arrange: (host: SimulatedExcel) => Promise<void>;
    insert: (port: ExcelWorkbook) => Promise<unknown>;
    code: string;
    address?: string;
  }

  const cases: Case[] = [
    {
      name: "occupied",
      arrange: async (host) => host.user.type("C5", "mine"),
      insert: (port) => port.insertTable(grid, { address: "B2" }),
      code: "target_not_empty",
      address: "Sheet1!C5",
    },
    {
      name: "inside a table",
      arrange: async (host) => {
        await host.run(async (context) => void context.workbook.worksheets.getActiveWorksheet().tables.add("D4:E6", true));
        host.user.select("Sheet1!E5");
      },
      insert: (port) => port.insertTable(grid),
      code: "target_in_table",
    },
    {
      name: "merged",
      arrange: async (host) => host.user.merge("C6:D6"),
      insert: (port) => port.insertTable(grid, { address: "B2" }),
      code: "target_merged",
      address: "Sheet1!C6:D6",
    },
    {
      name: "inside a table, on a host without Range.getTables (ExcelApi 1.8): Excel's refusal of the table is mapped",
      options: { requirementSets: { ExcelApi: "1.8" } },
      arrange: async (host) => {
        await host.run(async (context) => void context.workbook.worksheets.getActiveWorksheet().tables.add("D4:E6", true));
      },
      insert: (port) => port.insertTable(grid, { address: "E5" }),
      code: "target_in_table",
    },
    {
      // Excel lists only merged areas whose top-left cell is in the range asked about.
      name: "merged, an area that starts above and left of the target and reaches into it",
      arrange: async (host) => host.user.merge("A1:C3"),
      insert: (port) => port.insertTable(grid, { address: "B2" }),
      code: "target_merged",
      address: "Sheet1!A1:C3",
    },
    {
      name: "merged, on a host without getMergedAreasOrNullObject (ExcelApi 1.12): Excel's refusal of the table is mapped",
      options: { requirementSets: { ExcelApi: "1.12" } },
      arrange: async (host) => host.user.merge("C6:D6"),
      insert: (port) => port.insertTable(grid, { address: "B2" }),
      code: "target_merged",
    },
    {
      name: "protected",
      arrange: async (host) => host.user.protectSheet("Sheet1"),
      insert: (port) => port.insertTable(grid, { address: "B2" }),
      code: "sheet_protected",
    },
    {
      name: "the sheet's last column, by address",
      arrange: async () => undefined,
      insert: (port) => port.insertTable(grid, { address: "XFC10" }),
      code: "target_off_sheet",
      address: "Sheet1!XFC10",
    },
    {
      name: "the sheet's last row, at the active cell",
      arrange: async (host) => host.user.select("Sheet1!B1048574"),
      insert: (port) => port.insertTable(grid),
      code: "target_off_sheet",
      address: "Sheet1!B1048574",
    },
  ];

  it.each(cases)("$name", async ({ options, arrange, insert, code, address }) => {
    const { host, port } = setup(options);
    await arrange(host);
    const before = host.save();
    const [error, syncs] = await syncsOf(host, () => errorOf(insert(port)));
    expect(error.code).toBe(code);
    if (address !== undefined) {
      expect(error.details.address).toBe(address);
      expect(error.localized("en")).toContain(address);
      expect(error.localized("zh")).toContain(address);
    }
    expect(error.localized("en")).not.toBe(error.localized("zh"));
    expect(error.isTargetError).toBe(true);
    expect(syncs).toBeLessThanOrEqual(2);
    expect(host.save()).toEqual(before);
  });

  it.each(LANGUAGES)("a table in formula mode reads its language (%s) in an English Excel (issue 16)", async (language) => {
    const { host, port } = setup(); // the simulated host's display language is English
    const table = tableGrid(index, "fdi_headline", language);
    const inserted = await port.insertTable(table, { address: "B2", mode: "formulas" });
    const valueColumn = table.columnKeys.indexOf("value");
    const shown = await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange(inserted.record.block).load("text, formulas");
      await context.sync();
      return range.text.slice(2, 2 + table.rows.length).map((row) => row[valueColumn] ?? "");
    });
    const english = /est\.|Jan|over |nearly|cumulative/;
    expect(shown.filter((text) => text !== "")).toHaveLength(table.valueFigureIds.filter((id) => id !== null).length);
    if (language === "zh") {
      expect(shown.filter((text) => english.test(text))).toEqual([]);
      expect(shown.some((text) => /约|估算|1—11月/.test(text))).toBe(true);
    } else {
      expect(shown.some((text) => english.test(text))).toBe(true);
      expect(shown.filter((text) => /[\u4e00-\u9fff]/.test(text))).toEqual([]);
    }
  });

  it("an overlap names the table met, its range and where the block meets it, not another table's title cell (issue 16)", async () => {
    const { host, port } = setup();
    const first = await port.insertTable(grid, { address: "B2" });
    const tableName = first.record.table?.name ?? "";
    expect(tableName).not.toBe("");
    const [error, syncs] = await syncsOf(host, () => errorOf(port.insertTable(grid, { address: "A1" })));
    expect(error.code).toBe("target_in_table");
    expect(error.details.table).toBe(tableName);
    // The title is in B2 (not part of the Excel table); the table's header row is row 3.
    expect(error.details.tableRange).toMatch(/^Sheet1!B3:/);
    expect(error.details.address).toBe("Sheet1!B3");
    expect(error.localized("en")).toContain(`overlaps the table ${tableName} (${error.details.tableRange ?? ""}) from Sheet1!B3`);
    expect(error.localized("en")).not.toContain("B2.");
    expect(error.localized("zh")).toContain(tableName);
    expect(error.localized("zh")).toContain(error.details.tableRange ?? "?");
    expect(syncs).toBe(2);
  });

  it("off the sheet: the message names only the edge the table would pass (issue 16)", async () => {
    const { port } = setup();
    const byColumn = await errorOf(port.insertTable(grid, { address: "XFC10" }));
    expect(byColumn.details.offSheet).toBe("column");
    expect(byColumn.localized("en")).toContain("last column (XFD)");
    expect(byColumn.localized("en")).not.toContain("row");
    expect(byColumn.localized("zh")).toContain("最后一列");
    expect(byColumn.localized("zh")).not.toContain("最后一行");
    const byRow = await errorOf(port.insertTable(grid, { address: "B1048574" }));
    expect(byRow.details.offSheet).toBe("row");
    expect(byRow.localized("en")).toContain("last row (1,048,576)");
    expect(byRow.localized("en")).not.toContain("column");
    expect(byRow.localized("zh")).not.toContain("最后一列");
    const both = await errorOf(port.insertTable(grid, { address: "XFC1048574" }));
    expect(both.details.offSheet).toBe("both");
    expect(both.localized("en")).toContain("last row (1,048,576) and column (XFD)");
  });

  it("names the whole target area, as the pane shows it (\"B2:F9 is not empty; insert on a new sheet?\")", async () => {
    const { host, port } = setup();
    await host.user.type("C5", "mine");
    const error = await errorOf(port.insertTable(grid, { address: "B2" }));
    const width = grid.header.length;
    const range = `Sheet1!B2:${cellAddress(1 + grid.rows.length + 4, 1 + width - 1)}`; // title, header, rows, spacer, note, source
    expect(error.details.range).toBe(range);
    expect(error.localized("en")).toContain(`${range} is not empty`);
    expect(error.localized("en")).toContain("insert on a new sheet");
    expect(error.localized("zh")).toContain("新工作表");
  });

  it("a taken name: a new sheet gets a suffix; a name taken between the read and the write is a clear error, nothing written", async () => {
    const { host, port } = setup();
    const name = uniqueSheetName(grid.title, []);
    host.user.addSheet(name);
    const inserted = await port.insertTable(grid, { newSheet: true });
    const second = inserted.record.sheet.name;
    expect([second.endsWith(" (2)"), second.length <= 31, name.startsWith(second.slice(0, -4))]).toEqual([true, true, true]);
    const third = `${second.slice(0, -4)} (3)`;

    let before: SimulatedWorkbookSnapshot | null = null;
    host.onBeforeSync(host.syncCount + 2, () => {
      host.user.addSheet(third);
      before = host.save();
    });
    const error = await errorOf(port.insertTable(grid, { newSheet: true }));
    expect([error.code, error.details.sheet]).toEqual(["name_taken", third]);
    expect(error.localized("en")).toContain(third);
    expect(host.save()).toEqual(before);
  });

  it("a table name taken between the read and the write is reported with the name", async () => {
    const { host, port } = setup();
    await host.run(async (context) => void context.workbook.worksheets.getActiveWorksheet().tables.add("K1:L2", true));
    host.onBeforeSync(host.syncCount + 2, () => host.user.renameTable("Table1", "BJ_fdi_headline"));
    const error = await errorOf(port.insertTable(grid, { address: "A1" }));
    expect([error.code, error.details.table]).toEqual(["name_taken", "BJ_fdi_headline"]);
    expect(error.localized("zh")).toContain("BJ_fdi_headline");
  });

  it("a sheet that does not exist", async () => {
    const { host, port } = setup();
    const before = host.save();
    const error = await errorOf(port.insertTable(grid, { sheet: "Nope" }));
    expect([error.code, error.details.sheet, error.isTargetError]).toEqual(["sheet_not_found", "Nope", false]);
    expect(host.save()).toEqual(before);
  });
});

describe("the tracking record through save, reopen and user renames", () => {
  it("listInserted finds every table after reopening, and after the user renames a table or its sheet", async () => {
    const { host, port } = setup();
    const en = tableGrid(index, "fdi_headline", "en");
    const zh = tableGrid(index, "fdi_headline", "zh");
    const other = tableGrid(index, index.tableIds[1] ?? "fdi_headline", "en");
    const atCell = await port.insertTable(en, { address: "B2" });
    const onSheet = await port.insertTable(zh, { newSheet: true, mode: "formulas" });
    const spill = await port.insertTable(other, { address: "Sheet1!B40", mode: "spill" });
    const all = await port.insertAllTables([en, other], { title: "All", sheetName: "All" });
    const inserted = [atCell, onSheet, spill, ...all];

    const { host: again, port: reopened } = reopen(host);
    const [list, syncs] = await syncsOf(again, () => reopened.listInserted());
    expect(syncs).toBe(3); // 2, plus reading the spill cell
    expect(list.damagedParts).toEqual([]);
    expect(list.entries.map((entry) => [entry.recordId, entry.found?.address, entry.found?.how])).toEqual(
      inserted.map((each) => [each.record.recordId, each.tableAddress, each.record.mode === "spill" ? "cell" : "name"]),
    );

    // The user renames the first table, the sheet of the second and the sheet of the spill.
    again.user.renameTable(atCell.binding.tableName, "Mine");
    again.user.renameSheet(onSheet.record.sheet.name, "Renamed");
    again.user.renameSheet("Sheet1", "Start");
    // ... and inserts the same table again, which takes the first table's old name.
    const newcomer = await reopened.insertTable(en, { address: "Start!J2" });
    expect(newcomer.binding.tableName).toBe(atCell.binding.tableName);

    const after = await reopened.listInserted();
    const where = Object.fromEntries(after.entries.map((entry) => [entry.recordId, entry.found]));
    expect(where[atCell.record.recordId]).toMatchObject({ tableName: "Mine", sheet: "Start", address: atCell.tableAddress.replace("Sheet1!", "Start!"), how: "fingerprint" });
    expect(where[onSheet.record.recordId]).toMatchObject({ tableName: onSheet.binding.tableName, sheet: "Renamed", how: "name" });
    expect(where[spill.record.recordId]).toMatchObject({ sheet: "Start", address: "Start!B41", how: "cell" });
    expect(where[newcomer.record.recordId]).toMatchObject({ tableName: atCell.binding.tableName, address: newcomer.tableAddress.replace("Sheet1!", "Start!"), how: "name" });
    expect(after.entries.every((entry) => entry.found !== null)).toBe(true);
  });

  it("finds a renamed table on a renamed sheet by its Table.id once the record holds it", async () => {
    const { host, port } = setup();
    const grid = tableGrid(index, "fdi_headline", "en");
    const inserted = await port.insertTable(grid, { address: "A1" });
    expect(inserted.excelTableId).not.toBeNull();
    // What refresh will do: rewrite the record with the Table.id it learnt (here, by hand).
    const partId = host.save().workbook.customXmlParts[0]?.id ?? "";
    const withId = { ...inserted.record, table: inserted.record.table && { ...inserted.record.table, id: inserted.excelTableId } };
    await host.run(async (context) => context.workbook.customXmlParts.getItem(partId).setXml(`<record xmlns="${TRACKING_NAMESPACE}">${JSON.stringify(withId)}</record>`));
    host.user.renameTable(inserted.binding.tableName, "Renamed");
    // A header edit defeats the fingerprint: only the id can find it now.
    await host.user.type("A2", "Changed header");
    const [entry] = (await port.listInserted()).entries;
    expect(entry?.found).toMatchObject({ tableName: "Renamed", how: "id", excelTableId: inserted.excelTableId });
  });

  it("still reads version-1 bindings: listed, selectable, not removable", async () => {
    const { host, port } = setup();
    await host.run(async (context) => void context.workbook.worksheets.getActiveWorksheet().tables.add("B2:C4", true));
    await host.run(async (context) => {
      context.workbook.tables.getItem("Table1").name = "BJ_fdi_headline";
      context.workbook.customXmlParts.add(serializeBindings([{ tableName: "BJ_fdi_headline", tableId: "fdi_headline", releaseId: "r1", language: "en", sheet: "Sheet1" }]));
    });
    const { entries } = await port.listInserted();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.record).toBeNull();
    expect(entry?.found).toMatchObject({ tableName: "BJ_fdi_headline", address: "Sheet1!B2:C4", how: "name" });
    await port.selectInserted(entry?.recordId ?? "");
    expect(host.save().workbook.selection).toEqual({ row: 1, column: 1, rows: 3, columns: 2 });
    const before = host.save();
    const error = await errorOf(port.removeInserted(entry?.recordId ?? ""));
    expect(error.code).toBe("legacy_record");
    expect(host.save()).toEqual(before);
    expect((await port.listBindings()).bindings).toEqual([entry?.binding]);
    expect(host.save().workbook.customXmlParts.map((part) => part.namespaceUri)).toEqual([BINDINGS_NAMESPACE]);
  });

  it("reports a damaged version-2 record, lists the rest, and never rewrites it", async () => {
    const { host, port } = setup();
    const grid = tableGrid(index, "fdi_headline", "en");
    await port.insertTable(grid, { address: "A1" });
    const second = await port.insertTable(grid, { address: "A20" });
    const damaged = `<record xmlns="${TRACKING_NAMESPACE}">{"version":2,"recordId":"x"}</record>`;
    await host.run(async (context) => context.workbook.customXmlParts.getItem(host.save().workbook.customXmlParts[0]?.id ?? "").setXml(damaged));
    // setXml gives the part a new id (office-js #3564).
    const partId = host.save().workbook.customXmlParts.find((part) => part.xml === damaged)?.id ?? "";
    await port.insertTable(grid, { address: "A40" });
    const report = await port.listInserted();
    expect(report.damagedParts).toEqual([{ partId, damage: "invalid_record" }]);
    expect(report.entries.map((entry) => entry.recordId)).toContain(second.record.recordId);
    await port.removeInserted(second.record.recordId);
    expect(host.save().workbook.customXmlParts.find((part) => part.id === partId)?.xml).toBe(damaged);
  });
});

describe("select and remove", () => {
  const grid = tableGrid(index, "fdi_headline", "zh");

  it("selectInserted activates the table's sheet and selects the table, after a rename", async () => {
    const { host, port } = setup();
    const inserted = await port.insertTable(grid, { newSheet: true });
    host.user.activate("Sheet1");
    host.user.renameSheet(inserted.record.sheet.name, "Moved");
    await port.selectInserted(inserted.record.recordId);
    const saved = host.save().workbook;
    expect(saved.sheets.find((sheet) => sheet.id === saved.activeSheetId)?.name).toBe("Moved");
    expect(saved.selection).toEqual({ row: 1, column: 0, rows: grid.rows.length + 1, columns: grid.header.length });
    const error = await errorOf(port.selectInserted("no-such-record"));
    expect(error.code).toBe("record_not_found");
  });

  it.each(MODES)("removes exactly what a %s insert wrote, and its record; the user's cells beside it stay", async (mode) => {
    const { host, port } = setup();
    await host.user.type("A1", "mine");
    await host.run(async (context) => void (context.workbook.worksheets.getActiveWorksheet().getRange("C1").format.columnWidth = 100));
    const before = contentOf(host.save());
    const inserted = await port.insertTable(grid, { address: "B3", mode });
    // In the block's title row, a cell the insert did not write: the user's, and it stays.
    await host.user.type("C3", "beside the title");
    const [, syncs] = await syncsOf(host, () => port.removeInserted(inserted.record.recordId));
    expect(syncs).toBe(mode === "spill" ? 5 : 4);
    const after = host.save();
    expect(after.workbook.sheets[0]?.cells["2,2"]?.value).toBe("beside the title");
    delete after.workbook.sheets[0]?.cells["2,2"];
    expect(contentOf(after)).toEqual(before);
    expect((await port.listInserted()).entries).toEqual([]);
  });

  it("removes after the user renamed the table and its sheet and inserted rows above it", async () => {
    const { host, port } = setup();
    const before = contentOf(host.save());
    const inserted = await port.insertTable(grid, { address: "B3" });
    host.user.renameTable(inserted.binding.tableName, "Kept");
    host.user.renameSheet("Sheet1", "Data");
    host.user.insertRows("Data", 0, 2);
    await port.removeInserted(inserted.record.recordId);
    const after = contentOf(host.save()) as { sheets: { name: string }[] };
    expect({ ...after, sheets: after.sheets.map((sheet) => ({ ...sheet, name: "Sheet1" })) }).toEqual(before);
  });

  it("refuses after a user edit, naming the cell, and changes nothing", async () => {
    const { host, port } = setup();
    const inserted = await port.insertTable(grid, { address: "B3" });
    const valueColumn = grid.columnKeys.indexOf("value");
    const edited = `Sheet1!${cellAddress(4, 1 + valueColumn)}`;
    await host.user.type(edited, 42);
    const before = host.save();
    const error = await errorOf(port.removeInserted(inserted.record.recordId));
    expect([error.code, error.details.address]).toEqual(["edited_since_insert", edited]);
    expect(error.localized("en")).toContain(edited);
    expect(error.localized("zh")).toContain(edited);
    expect(host.save()).toEqual(before);

    const noteEdited = await port.insertTable(grid, { address: "B30" });
    await host.user.type(`Sheet1!${noteEdited.record.lines.note ?? ""}`, "my note");
    expect((await errorOf(port.removeInserted(noteEdited.record.recordId))).details.address).toBe(`Sheet1!${noteEdited.record.lines.note ?? ""}`);
  });

  it("refuses when the user resized the table, when the table is gone, and on a protected sheet; forget drops only the record", async () => {
    const { host, port } = setup();
    const resized = await port.insertTable(grid, { address: "B3" });
    const table = resized.record.table;
    const [, end = ""] = (table?.address ?? "").split(":");
    const lastRow = Number(/(\d+)$/.exec(end)?.[1]);
    host.user.resizeTable(resized.binding.tableName, `${(table?.address ?? "").split(":")[0] ?? ""}:${end.replace(/\d+$/, "")}${lastRow + 1}`);
    expect((await errorOf(port.removeInserted(resized.record.recordId))).code).toBe("edited_since_insert");

    const deleted = await port.insertTable(grid, { address: "B40" });
    host.user.deleteTable(deleted.binding.tableName);
    const gone = await errorOf(port.removeInserted(deleted.record.recordId));
    expect([gone.code, gone.details.table]).toEqual(["table_not_found", deleted.binding.tableName]);
    await port.forgetInserted(deleted.record.recordId);
    expect((await port.listInserted()).entries.map((entry) => entry.recordId)).toEqual([resized.record.recordId]);
    expect(host.save().workbook.sheets[0]?.cells["40,1"]).toBeUndefined(); // the table was the user's to delete

    const intact = await port.insertTable(grid, { address: "B70" });
    host.user.protectSheet("Sheet1");
    const before = host.save();
    expect((await errorOf(port.removeInserted(intact.record.recordId))).code).toBe("sheet_protected");
    expect(host.save()).toEqual(before);
  });
});

describe("hostile text stays inert", () => {
  const hostile = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2", "<img src=x onerror=alert(1)>"];
  const fixture: TableGrid = {
    tableId: "hostile",
    releaseId: "fixture",
    language: "en",
    title: hostile[0] ?? "",
    columnKeys: ["item", "description", "value", "unit"],
    header: ["=1+1", "+Value", "@Unit", "-Desc"],
    rowIds: hostile.map((_, i) => `row${i}`),
    valueFigureIds: hostile.map(() => null),
    statTexts: hostile.map(() => null),
    rows: hostile.map((text, i) => [text, `<b>${text}</b>`, i, text]),
    numberFormats: hostile.map(() => ["@", "@", "0", "@"]),
    note: hostile[1] ?? "",
    sourceLine: hostile[4] ?? "",
  };

  it.each(["values", "formulas"] as InsertMode[])("in %s mode every text cell holds exactly its text, as text", async (mode) => {
    const { host, port } = setup();
    const inserted = await port.insertTable(fixture, { address: "B2", mode });
    const block = await read(host, inserted.address);
    const expected = [
      [fixture.title, null, null, null],
      [...fixture.header],
      ...fixture.rows.map((row) => [...row]),
      [null, null, null, null], // the spacer row: never written
      [fixture.note, null, null, null],
      [fixture.sourceLine, null, null, null],
    ];
    const problems: string[] = [];
    expected.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (typeof cell !== "string") return;
        const formula = block.formulas[r]?.[c];
        const type = block.valueTypes[r]?.[c];
        if (block.values[r]?.[c] !== cell || formula !== cell || type !== "String") problems.push(`${r},${c}: ${JSON.stringify([block.values[r]?.[c], formula, type])}`);
      }),
    );
    expect(problems).toEqual([]);
    // The record hashes the text as written: remove recognises it and takes it all away.
    await port.removeInserted(inserted.record.recordId);
    expect(Object.keys(host.save().workbook.sheets[0]?.cells ?? {})).toEqual([]);
  });
});

describe("the record's content", () => {
  it("holds ids, places, keys, fingerprint and a hash per written cell", async () => {
    let n = 0;
    const host = createSimulatedExcel();
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported, newRecordId: () => `id-${++n}`, now: () => new Date("2026-01-02T03:04:05Z") });
    const grid = tableGrid(index, "fdi_headline", "en");
    const { record } = await port.insertTable(grid, { address: "C4", includeSource: false });
    const rows = grid.rows.length;
    const last = cellAddress(3 + 1 + rows, 2 + grid.header.length - 1);
    expect(record).toMatchObject({
      version: 2,
      recordId: "id-1",
      tableId: "fdi_headline",
      releaseId: grid.releaseId,
      language: "en",
      mode: "values",
      // The web's id of a new workbook's first sheet (office-js #552).
      sheet: { name: "Sheet1", id: "{00000000-0001-0000-0000-000000000000}" },
      anchor: "C4",
      block: `C4:${last}`,
      table: { name: "BJ_fdi_headline", id: null, address: `C5:${last}` },
      spillCell: null,
      lines: { title: "C4", note: null, source: null },
      columnKeys: [...grid.columnKeys],
      rowIds: [...grid.rowIds],
      headerFingerprint: headerFingerprint(grid.header),
      insertedAt: "2026-01-02T03:04:05.000Z",
    });
    expect(record.cellHashes).toHaveLength(rows + 2);
    expect(record.cellHashes[0]?.filter((hash) => hash !== null)).toHaveLength(1);
    expect(record.cellHashes.slice(1).every((row) => row.length === grid.header.length && row.every((hash) => hash !== null))).toBe(true);
    const xml = host.save().workbook.customXmlParts[0]?.xml ?? "";
    expect(parseTrackingRecord(xml)).toEqual({ ok: true, record });
  });

  it("makes version-4 GUIDs by default, different for each insert", async () => {
    const { port } = setup();
    const grid = tableGrid(index, "fdi_headline", "en");
    const a = await port.insertTable(grid, { address: "A1" });
    const b = await port.insertTable(grid, { address: "A20" });
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect([guid.test(a.record.recordId), guid.test(b.record.recordId), a.record.recordId !== b.record.recordId]).toEqual([true, true, true]);
  });
});
