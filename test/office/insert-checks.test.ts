/**
 * Issue 14's insert side: the spacer row (the row directly below every table written stays empty,
 * so the note and source lines are one row lower), and the read-back in the insert's own write
 * sync (each =BJ.* cell: an error such as #NAME? is reported; each table's range: a mismatch is
 * reported). Remove takes away exactly what insert wrote, with the new geometry and the old.
 */
import "../functions/setup-custom-functions";
import { TRACKING_NAMESPACE, cellAddress, currentDataset, serializeTrackingRecord, tableGrid } from "../../src/core";
import type { TrackingRecord } from "../../src/core";
import { REGISTERED } from "../../src/functions/functions";
import { BUSY, ExcelWorkbook, checkFormulaCells, checkTableRange } from "../../src/office";
import type { ExcelRun, InsertMode, XlContext } from "../../src/office";
import type { XlTable, XlTableCollection, XlWorkbook, XlWorksheet, XlWorksheetCollection } from "../../src/office/excel-api";
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel } from "../../src/simulated-excel";

const index = currentDataset();
const grid = tableGrid(index, "fdi_headline", "en");

const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

function setup(functions: Record<string, SimCustomFunction> = bjFunctions, run?: (host: SimulatedExcel) => ExcelRun): { host: SimulatedExcel; port: ExcelWorkbook } {
  const host = createSimulatedExcel({ functions });
  return { host, port: new ExcelWorkbook({ run: run ? run(host) : host.run, isSetSupported: host.isSetSupported }) };
}

async function formulasAt(host: SimulatedExcel, address: string): Promise<unknown[][]> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange(address).load("formulas");
    await context.sync();
    return range.formulas;
  });
}

/** Non-empty cells of the first sheet, by A1 address. */
function filled(host: SimulatedExcel): string[] {
  const sheet = host.save().workbook.sheets[0];
  return Object.entries(sheet?.cells ?? {})
    .filter(([, cell]) => cell.value !== null || cell.formula !== undefined)
    .map(([key]) => {
      const [row = 0, column = 0] = key.split(",").map(Number);
      return cellAddress(row, column);
    })
    .sort();
}

/** An object with some members replaced (methods of the original stay bound to it). */
function override<T extends object>(target: T, members: Partial<T>): T {
  return new Proxy(target, {
    get(object, key): unknown {
      if (Object.prototype.hasOwnProperty.call(members, key)) return (members as Record<PropertyKey, unknown>)[key];
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

describe("the spacer row", () => {
  it.each(["values", "formulas", "spill"] as InsertMode[])("in %s mode, leaves the row below the table empty and writes note and source one row lower", async (mode) => {
    const { host, port } = setup();
    const inserted = await port.insertTable(grid, { address: "B2", mode });
    const { record } = inserted;
    // B2 title, B3 header, B4.. rows; the table's last row is 3 + rows.length; then the spacer.
    const lastTableRow = 2 + grid.rows.length; // 0-based
    expect(record.lines.note).toBe(cellAddress(lastTableRow + 2, 1));
    expect(record.lines.source).toBe(cellAddress(lastTableRow + 3, 1));
    expect(host.syncCount).toBe(2);
    const spacer = await formulasAt(host, `B${lastTableRow + 2}:${cellAddress(lastTableRow + 1, grid.header.length)}`);
    expect(spacer).toEqual([Array(grid.header.length).fill("")]);
    // Block-relative: the spacer is the row after title, header and data rows; never written.
    expect(record.cellHashes[2 + grid.rows.length]).toEqual(Array(grid.header.length).fill(null));
    expect(inserted.address).toBe(`Sheet1!B2:${cellAddress(lastTableRow + 3, grid.header.length)}`);
    if (mode !== "spill") expect(record.table?.address).toBe(`B3:${cellAddress(lastTableRow, grid.header.length)}`);
  });

  it("is not added without note and source lines: nothing of ours lies below the table", async () => {
    const { port } = setup();
    const { record } = await port.insertTable(grid, { address: "B2", includeSource: false });
    expect(record.block).toBe(`B2:${cellAddress(2 + grid.rows.length, grid.header.length)}`);
    expect(record.lines.note).toBeNull();
  });

  it("insertAllTables keeps a spacer under every table and a blank row between blocks", async () => {
    const { host, port } = setup();
    const grids = index.tableIds.map((id) => tableGrid(index, id, "en"));
    const inserted = await port.insertAllTables(grids, { title: "All", sheetName: "All" });
    expect(host.syncCount).toBe(2);
    for (const each of inserted) {
      const table = each.record.table?.address ?? "";
      const lastRow = Number(/(\d+)$/.exec(table)?.[1]);
      expect(each.record.lines.note).toBe(`A${lastRow + 2}`);
      expect(each.problems).toEqual([]);
    }
  });

  it("checks the spacer row is empty before writing: a value there refuses the insert, nothing written", async () => {
    const { host, port } = setup();
    const spacerRow = 2 + grid.rows.length + 2; // 1-based row under the table when inserted at B2
    await host.user.type(`C${spacerRow}`, "mine");
    await expect(port.insertTable(grid, { address: "B2" })).rejects.toMatchObject({ code: "target_not_empty" });
    expect(filled(host)).toEqual([`C${spacerRow}`]);
  });
});

describe("remove with the spacer geometry", () => {
  it("deletes exactly what insert wrote and leaves the user's cells around it", async () => {
    const { host, port } = setup();
    const inserted = await port.insertTable(grid, { address: "B2" });
    const below = Number(/(\d+)$/.exec(inserted.address)?.[1]) + 1;
    await host.user.type(`B${below}`, "mine");
    await host.user.type("A1", "also mine");
    await port.removeInserted(inserted.record.recordId);
    expect(filled(host)).toEqual(["A1", `B${below}`]);
  });

  it("still removes a table inserted before the spacer (note directly below the table): old records stay readable", async () => {
    const { host, port } = setup();
    const inserted = await port.insertTable(grid, { address: "B2" });
    const record = inserted.record;
    const spacerOffset = 1 + 1 + grid.rows.length; // block-relative row of the spacer
    const up = (address: string | null): string | null => {
      if (address === null) return null;
      const match = /^([A-Z]+)(\d+)$/.exec(address);
      return match ? `${match[1] ?? ""}${Number(match[2]) - 1}` : address;
    };
    // The same insert as the earlier layout wrote it: no spacer row, note and source one row up.
    const old: TrackingRecord = {
      ...record,
      block: record.block.replace(/(\d+)$/, (rows) => String(Number(rows) - 1)),
      lines: { title: record.lines.title, note: up(record.lines.note), source: up(record.lines.source) },
      cellHashes: record.cellHashes.filter((_, r) => r !== spacerOffset),
    };
    // Typed, as the old insert's single write left them (typing never grows a table).
    await host.user.type(up(record.lines.note) ?? "", grid.note);
    await host.user.type(up(record.lines.source) ?? "", grid.sourceLine);
    await host.user.type(record.lines.source ?? "", "");
    await host.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items/id");
      await context.sync();
      for (const part of parts.items) part.delete();
      context.workbook.customXmlParts.add(serializeTrackingRecord(old));
      await context.sync();
    });
    const listed = await port.listInserted();
    expect(listed.entries.map((each) => each.record?.lines.note)).toEqual([old.lines.note]);
    await port.removeInserted(record.recordId);
    expect(filled(host)).toEqual([]);
  });
});

describe("formula inserts check their cells in the write sync", () => {
  it("reports #NAME? in every BJ.STAT cell where Excel does not know the name (as with localized names, office-js#891), in 2 syncs", async () => {
    const { host, port } = setup({});
    const inserted = await port.insertTable(grid, { address: "B2", mode: "formulas" });
    expect(host.syncCount).toBe(2);
    const valueColumn = grid.columnKeys.indexOf("value");
    const expected = grid.valueFigureIds.flatMap((id, r) => (id === null ? [] : [{ kind: "formula_error", address: `Sheet1!${cellAddress(3 + r, 1 + valueColumn)}`, error: "#NAME?" }]));
    expect(expected.length).toBeGreaterThan(0);
    expect(inserted.problems).toEqual(expected);
    // The cells stay written and tracked: the pane says what to do, nothing is lost.
    expect((await port.listInserted()).entries).toHaveLength(1);
  });

  it("reports #NAME? on a =BJ.TABLE spill cell, and nothing when the functions are known", async () => {
    const unknown = setup({});
    const spill = await unknown.port.insertTable(grid, { address: "B2", mode: "spill" });
    expect(spill.problems).toEqual([{ kind: "formula_error", address: "Sheet1!B3", error: "#NAME?" }]);
    const known = setup();
    for (const mode of ["values", "formulas", "spill"] as InsertMode[]) {
      const inserted = await known.port.insertTable(grid, { newSheet: true, mode });
      expect([mode, inserted.problems, inserted.formulasCalculating]).toEqual([mode, [], 0]);
    }
  });

  it("reports a function's own error in a cell (here #N/A from a figure the release lacks)", async () => {
    const { port } = setup({ ...bjFunctions, "BJ.STAT": () => new Error("#N/A") });
    const inserted = await port.insertTable(grid, { address: "B2", mode: "formulas" });
    expect(inserted.problems.length).toBeGreaterThan(0);
  });

  it("reads back only the block written, in the same sync as the writes", async () => {
    const { host, port } = setup({});
    await port.insertTable(grid, { address: "B2", mode: "formulas" });
    const write = host.syncs[1];
    // One load for the block's formula cells, one for the table's range.
    expect(write?.locations.filter((location) => location === "Range.load")).toHaveLength(2);
    expect(write?.locations.indexOf("Range.load")).toBeGreaterThan(write?.locations.indexOf("Range.formulas") ?? Infinity);
  });
});

describe("the table's range is read back and compared with what was meant", () => {
  it("reports a table whose range is not the one written (growth is never trusted)", async () => {
    // Excel grows the table by a row between the write and the read (as documented auto-expansion would).
    const grown = (host: SimulatedExcel): ExcelRun => (batch) =>
      host.run((simulated) => {
        const context: XlContext = simulated;
        const wrapTable = (table: XlTable): XlTable => override(table, { getRange: () => table.getRange().getResizedRange(1, 0) });
        const wrapTables = (tables: XlTableCollection): XlTableCollection => override(tables, { add: (address, headers) => wrapTable(tables.add(address, headers)) });
        const wrapSheet = (sheet: XlWorksheet): XlWorksheet => override(sheet, { tables: wrapTables(sheet.tables) });
        const wrapSheets = (sheets: XlWorksheetCollection): XlWorksheetCollection =>
          override(sheets, { getItemOrNullObject: (key) => wrapSheet(sheets.getItemOrNullObject(key)), add: (name) => wrapSheet(sheets.add(name)) });
        const workbook = override<XlWorkbook>(context.workbook, { worksheets: wrapSheets(context.workbook.worksheets) });
        const wrapped: XlContext = override<XlContext>(context, { workbook });
        return batch(wrapped);
      });
    const { port } = setup(bjFunctions, grown);
    const inserted = await port.insertTable(grid, { address: "Sheet1!B2" });
    const last = 2 + grid.rows.length + 1; // 1-based last table row
    const right = cellAddress(0, grid.header.length).replace(/\d+$/, "");
    expect(inserted.problems).toEqual([
      { kind: "table_range", table: "BJ_fdi_headline", expected: `Sheet1!B3:${right}${last}`, actual: `Sheet1!B3:${right}${last + 1}` },
    ]);
  });
});

describe("checkFormulaCells and checkTableRange", () => {
  const formulas = [[null, '=BJ.STAT("a")'], ['=BJ.STAT("b")', '=BJ.STAT("c")'], ['=BJ.STAT("d")', null]];
  it("reports errors with their cells, counts #BUSY! and unread cells as still calculating, never as fine", () => {
    const check = checkFormulaCells(
      formulas,
      { valueTypes: [["Empty", "Error"], ["Double", "Error"], ["Empty"]], values: [["", "#NAME?"], [1, BUSY], [""]] },
      { row: 4, column: 2 },
      "My sheet",
    );
    expect(check.problems).toEqual([{ kind: "formula_error", address: "'My sheet'!D5", error: "#NAME?" }]);
    expect(check.calculating).toBe(2);
  });

  it("compares a table's range, with or without $ and a quoted sheet", () => {
    expect(checkTableRange("T", "B3:F9", "'My sheet'!$B$3:$F$9", "My sheet")).toBeNull();
    expect(checkTableRange("T", "B3:F9", "Sheet1!B3:F10", "Sheet1")).toEqual({ kind: "table_range", table: "T", expected: "Sheet1!B3:F9", actual: "Sheet1!B3:F10" });
    expect(checkTableRange("T", "B3:F9", "Sheet1!C3:F9", "Sheet1")?.kind).toBe("table_range");
  });
});
