/**
 * Issue 16 item 5, against the simulated host: an insert never narrows a column, and sets each
 * column as wide as the table's shown text needs, in every mode and both languages, in its 2
 * syncs. "Needs" is measured by the simulated host itself: its autofitColumns, run on a copy of
 * the workbook over each table's cells as they show (numbers through their formats, =BJ.* results
 * calculated), is the width that text takes.
 */
import "../functions/setup-custom-functions";
import { cellAddress, currentDataset, tableGrid } from "../../src/core";
import type { Language } from "../../src/data";
import { REGISTERED } from "../../src/functions/functions";
import { ExcelWorkbook } from "../../src/office";
import { parseCell } from "../../src/office/layout";
import type { InsertMode, InsertedTable } from "../../src/office";
import { createSimulatedExcel, openSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel, SimulatedWorkbookSnapshot } from "../../src/simulated-excel";

const index = currentDataset();
const MODES: InsertMode[] = ["values", "formulas", "spill"];

const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

function setup(options: { readonly asyncCustomFunctions?: boolean } = {}): { host: SimulatedExcel; port: ExcelWorkbook } {
  const host = createSimulatedExcel({ functions: bjFunctions, ...options });
  return { host, port: new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported }) };
}

/** The widths (points) of `count` columns from `first` (0-based) of a sheet, one cell of each read. */
async function widthsOf(host: SimulatedExcel, sheet: string, first: number, count: number): Promise<number[]> {
  return host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    const formats = Array.from({ length: count }, (_, c) => ws.getRange(cellAddress(0, first + c)).format.load("columnWidth"));
    await context.sync();
    return formats.map((format) => format.columnWidth ?? Number.NaN);
  });
}

/** The sheet and the rectangle of an insert's table (header and data rows; the spill area in spill mode). */
function tableRect(inserted: InsertedTable): { sheet: string; row: number; column: number; rows: number; columns: number } {
  const { record } = inserted;
  const anchor = parseCell(record.anchor);
  if (!anchor) throw new Error(`bad anchor ${record.anchor}`);
  return { sheet: record.sheet.name, row: anchor.row + 1, column: anchor.column, rows: record.rowIds.length + 1, columns: record.columnKeys.length };
}

/**
 * What the table's shown text needs in each of its columns: the simulated host's autofit of the
 * table's cells, on a copy of the workbook (the real one is not touched).
 */
async function needed(host: SimulatedExcel, inserted: InsertedTable): Promise<number[]> {
  const copy = openSimulatedExcel(JSON.parse(JSON.stringify(host.save())) as SimulatedWorkbookSnapshot, { functions: bjFunctions });
  const rect = tableRect(inserted);
  await copy.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(rect.sheet);
    ws.getRange(`${cellAddress(rect.row, rect.column)}:${cellAddress(rect.row + rect.rows - 1, rect.column + rect.columns - 1)}`).format.autofitColumns();
    await context.sync();
  });
  return widthsOf(copy, rect.sheet, rect.column, rect.columns);
}

/** The columns (header text) whose width is under what the shown text needs. */
async function cutColumns(host: SimulatedExcel, inserted: InsertedTable): Promise<string[]> {
  const rect = tableRect(inserted);
  const [need, have] = await Promise.all([needed(host, inserted), widthsOf(host, rect.sheet, rect.column, rect.columns)]);
  return need.flatMap((width, c) => ((have[c] ?? 0) < width ? [`${inserted.record.columnKeys[c] ?? c}: ${have[c]} < ${width}`] : []));
}

async function syncsOf<T>(host: SimulatedExcel, call: () => Promise<T>): Promise<[T, number]> {
  const before = host.syncCount;
  const result = await call();
  return [result, host.syncCount - before];
}

describe("insert widths (issue 16 item 5)", () => {
  it.each(MODES)("%s mode: every column fits what the table shows, in English and Chinese, in 2 syncs", async (mode) => {
    for (const language of ["en", "zh"] as Language[]) {
      const { host, port } = setup();
      const grid = tableGrid(index, "fdi_headline", language);
      const [inserted, syncs] = await syncsOf(host, () => port.insertTable(grid, { address: "B2", mode }));
      expect(syncs).toBe(2);
      expect(await cutColumns(host, inserted)).toEqual([]);
      // Widths were set (not left at the standard 48 points): the item column is far wider.
      const [item] = await widthsOf(host, "Sheet1", 1, 1);
      expect(item).toBeGreaterThan(200);
    }
  });

  it("spill mode sets the widths values mode sets; formulas mode the same, except a value column wide enough for =BJ.STAT's period tag", async () => {
    for (const language of ["en", "zh"] as Language[]) {
      const grid = tableGrid(index, "fdi_headline", language);
      const widths: Record<InsertMode, number[]> = { values: [], formulas: [], spill: [] };
      for (const mode of MODES) {
        const { host, port } = setup();
        await port.insertTable(grid, { address: "A1", mode });
        widths[mode] = await widthsOf(host, "Sheet1", 0, grid.header.length);
      }
      expect(widths.spill).toEqual(widths.values);
      const value = grid.columnKeys.indexOf("value");
      const others = (list: number[]): number[] => list.filter((_, c) => c !== value);
      expect(others(widths.formulas)).toEqual(others(widths.values));
      // The table has partial-year figures: "est. 9% (Jan–Nov)" is wider than "est. 9%".
      expect(grid.statTexts.some((text, r) => text !== null && text !== String(grid.rows[r]?.[value]))).toBe(true);
      expect(widths.formulas[value]).toBeGreaterThan(widths.values[value] ?? Infinity);
      // Where Excel is still calculating the =BJ.STAT cells (#BUSY!) as the insert writes, the
      // widths are the same: they come from what the cells will show, not from what Excel shows yet.
      const { host, port } = setup({ asyncCustomFunctions: true });
      await port.insertTable(grid, { address: "A1", mode: "formulas" });
      expect(await widthsOf(host, "Sheet1", 0, grid.header.length)).toEqual(widths.formulas);
    }
  });

  it("a second table in the same columns keeps the first table's wider columns", async () => {
    const { host, port } = setup();
    const first = await port.insertTable(tableGrid(index, "fdi_headline", "en"), { address: "A1" });
    const before = await widthsOf(host, "Sheet1", 0, 5);
    // Its basis column says "Derived (estimate)"; the second table's says at most "Stated".
    const basis = first.record.columnKeys.indexOf("basis");
    const [second, syncs] = await syncsOf(host, () => port.insertTable(tableGrid(index, "two_zones_policy", "en"), { address: "A20" }));
    expect(syncs).toBe(2);
    const after = await widthsOf(host, "Sheet1", 0, 5);
    expect(after.filter((width, c) => width < (before[c] ?? 0))).toEqual([]);
    expect(after[basis]).toBe(before[basis]);
    expect(await cutColumns(host, first)).toEqual([]);
    expect(await cutColumns(host, second)).toEqual([]);
    // The second table's period column is the wider: it widened that column.
    const period = first.record.columnKeys.indexOf("period");
    expect(after[period]).toBeGreaterThan(before[period] ?? Infinity);
  });

  it("never narrows a column the user widened, and remove puts every width back", async () => {
    const { host, port } = setup();
    await host.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("C1").format.columnWidth = 400;
      await context.sync();
    });
    const before = await widthsOf(host, "Sheet1", 0, 7);
    const inserted = await port.insertTable(tableGrid(index, "fdi_headline", "zh"), { address: "B3" });
    const after = await widthsOf(host, "Sheet1", 0, 7);
    // C holds the value column: 400 points already fit it, and it stays 400.
    expect(after[2]).toBe(400);
    expect(after[1]).toBeGreaterThan(before[1] ?? Infinity);
    // Outside the block (A, G) nothing changes.
    expect([after[0], after[6]]).toEqual([before[0], before[6]]);
    await port.removeInserted(inserted.record.recordId);
    expect(await widthsOf(host, "Sheet1", 0, 7)).toEqual(before);
  });

  it("remove leaves the widths of the columns another inserted table still uses", async () => {
    const { host, port } = setup();
    const original = await widthsOf(host, "Sheet1", 0, 8);
    const first = await port.insertTable(tableGrid(index, "fdi_headline", "en"), { address: "A1" });
    const second = await port.insertTable(tableGrid(index, "two_zones_policy", "en"), { address: "A20", mode: "spill" });
    const both = await widthsOf(host, "Sheet1", 0, 8);
    const [, syncs] = await syncsOf(host, () => port.removeInserted(first.record.recordId));
    expect(syncs).toBe(5);
    // The spill insert below still covers A:E: their widths stay, and its text still fits.
    expect(await widthsOf(host, "Sheet1", 0, 8)).toEqual(both);
    expect(await cutColumns(host, second)).toEqual([]);
    // With nothing left in them, remove puts back the widths from before that insert.
    const wider = await widthsOf(host, "Sheet1", 0, 8);
    await port.removeInserted(second.record.recordId);
    expect(await widthsOf(host, "Sheet1", 0, 8)).toEqual(second.record.columnWidths?.concat(original.slice(5)) ?? []);
    expect(wider.slice(0, 5).some((width, c) => width > (original[c] ?? 0))).toBe(true);
  });

  it.each(MODES)("insert all tables (%s): every column fits every table in it, Period and Unit included, in 2 syncs", async (mode) => {
    for (const language of ["en", "zh"] as Language[]) {
      const { host, port } = setup();
      const grids = index.tableIds.map((id) => tableGrid(index, id, language));
      const [inserted, syncs] = await syncsOf(host, () => port.insertAllTables(grids, { title: "All", sheetName: "All", mode }));
      expect(syncs).toBe(2);
      const cut = (await Promise.all(inserted.map(async (each) => (await cutColumns(host, each)).map((column) => `${each.record.tableId} ${column}`)))).flat();
      expect(cut).toEqual([]);
    }
  });
});
