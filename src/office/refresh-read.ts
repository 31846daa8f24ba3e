/**
 * Refresh, the reads: what the planner (src/core/refresh/) needs, and nothing of the user's beyond
 * it. Three syncs, whatever the number of tables and however much data the workbook holds
 * (docs/refresh.md, "Syncs"):
 *
 *   1. list: the tracking parts (ids), every table (name, id, totals row), every sheet (name, id);
 *   2. locate: each part's XML; each table's address, sheet and header row (its width, bounded);
 *      each sheet's protection, its used range's extent (address only) and, with ExcelApi 1.9, the
 *      addresses of its formula cells (`getSpecialCellsOrNullObject("Formulas")` on the used range);
 *   3. read: for each record, the table it answers for (formulas, values, number formats) inside a
 *      block of the rows above and below it (title, note, source, the spacer, the rows a refresh may
 *      add), the extent of what lies below it in its columns (address only); for a spill record,
 *      the block around its recorded place; and the formulas of the formula areas, up to
 *      FORMULA_READ_CELLS cells over the workbook. With them, what refresh's guards need before
 *      anything is written (src/core/refresh/guards.ts): each tracked table's
 *      `autoFilter.isDataFiltered` (ExcelApi 1.9) and, per sheet, the merged areas from A1 to the
 *      columns the writes reach (1.13, addresses only); for a table record no table answers for,
 *      its recorded block (to tell an undone insert).
 *
 * So no read loads a whole used range, or the contents of a table no record answers for. Below
 * ExcelApi 1.9 (no getSpecialCells) only the BJ.* cells inside those blocks are known: the counts
 * are then marked partial, and the user's own =BJ.* cells elsewhere are not recalculated.
 *
 * Layer: office (the only layer that talks to Excel).
 */
import type { DatasetIndex } from "../core/lookup";
import type { CellBlock, CellRect, RecordView, SheetView, TableView, WorkbookView } from "../core/refresh";
import { parseA1, rectAddress } from "../core/refresh";
import { tableGrid } from "../core/tables";
import { TRACKING_NAMESPACE, headerFingerprint, parseTrackingRecord, type TrackingDamage, type TrackingRecord } from "../core/tracking";
import type { XlAutoFilter, XlContext, XlCustomXmlPart, XlRange, XlRangeAreas, XlWorksheet } from "./excel-api";
import { matchTables, type TableFacts } from "./matching";

/** At most this many formula cells are read from the formula areas, over all sheets (one bounded read). */
export const FORMULA_READ_CELLS = 100_000;
/** Rows read above a tracked table or spill cell (its title line). */
const ROWS_ABOVE = 3;
/** Rows read below a tracked table beyond those a refresh may add (note, source, the spacer below). */
const ROWS_BELOW = 4;
/** Rows a refresh may add where the release is not known (readRefreshView without a release). */
const UNKNOWN_ADDED_ROWS = 64;
const SHEET_ROWS = 1_048_576;
const SHEET_COLUMNS = 16_384;

export interface ReadSupport {
  /** ExcelApi 1.5: custom XML parts (the records). */
  readonly tracking: boolean;
  /** ExcelApi 1.9: Range.getSpecialCellsOrNullObject. */
  readonly specialCells: boolean;
  /** The formula cells the read may bring from the formula areas (default FORMULA_READ_CELLS). */
  readonly formulaReadCells?: number;
  /** ExcelApi 1.9: Table.autoFilter (is a tracked table filtered?). Defaults to `specialCells`. */
  readonly autoFilter?: boolean;
  /** ExcelApi 1.13: Range.getMergedAreasOrNullObject (merged cells where the write goes). */
  readonly merged?: boolean;
}

export interface ReadResult {
  readonly view: WorkbookView;
  readonly parts: XlCustomXmlPart[];
}

/** What the host supports, from its requirement-set check (Office.context.requirements.isSetSupported). */
export function readSupport(isSetSupported: (name: string, version: string) => boolean, formulaReadCells?: number): ReadSupport {
  return {
    tracking: isSetSupported("ExcelApi", "1.5"),
    specialCells: isSetSupported("ExcelApi", "1.9"),
    autoFilter: isSetSupported("ExcelApi", "1.9"),
    merged: isSetSupported("ExcelApi", "1.13"),
    ...(formulaReadCells !== undefined ? { formulaReadCells } : {}),
  };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The part of `rect` inside `bounds` (null when they do not meet). */
function clip(rect: CellRect, bounds: CellRect): CellRect | null {
  const row = Math.max(rect.row, bounds.row);
  const column = Math.max(rect.column, bounds.column);
  const bottom = Math.min(rect.row + rect.rows, bounds.row + bounds.rows);
  const right = Math.min(rect.column + rect.columns, bounds.column + bounds.columns);
  return bottom > row && right > column ? { row, column, rows: bottom - row, columns: right - column } : null;
}

/** Rows from `top` to `bottom` (inclusive) in columns `left` to `right`, within the sheet. */
function span(top: number, bottom: number, left: number, right: number): CellRect {
  const row = Math.max(0, top);
  const column = Math.max(0, left);
  return { row, column, rows: Math.min(SHEET_ROWS - 1, bottom) - row + 1, columns: Math.min(SHEET_COLUMNS - 1, right) - column + 1 };
}

/** The local areas of a RangeAreas address ("Sheet1!A1:B4, 'My, sheet'!D1"), parsed. */
export function areasOf(address: string): CellRect[] {
  const areas: CellRect[] = [];
  for (const match of address.matchAll(/!(\$?[A-Z]{1,3}\$?[0-9]{1,7}(?::\$?[A-Z]{1,3}\$?[0-9]{1,7})?)(?=\s*,|\s*$)/g)) {
    const rect = match[1] ? parseA1(match[1]) : null;
    if (rect) areas.push(rect);
  }
  return areas;
}

const cellsOf = (rects: readonly CellRect[]): number => rects.reduce((n, rect) => n + rect.rows * rect.columns, 0);

/** A sheet's merged areas as read (none: an empty list); absent where the host cannot list them (below 1.13). */
function mergedOf(read: XlRangeAreas | undefined, supported: boolean): { merged?: CellRect[] } {
  if (!supported) return {};
  // requirement-set guard: ExcelApi 1.13 (read exists only where support.merged)
  return { merged: read && !read.isNullObject ? areasOf(read.address) : [] };
}

/** The three reads (see the file comment). `index` bounds the rows a refresh may add to each table. */
export async function readView(context: XlContext, counter: { syncs: number }, support: ReadSupport, index?: DatasetIndex): Promise<ReadResult> {
  // ---- sync 1: what exists ----
  const { workbook } = context;
  // requirement-set guard: ExcelApi 1.5 (support.tracking is isSetSupported("ExcelApi", "1.5"))
  const parts = support.tracking ? workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items/id") : null;
  workbook.tables.load("items/name, items/id, items/showTotals");
  workbook.worksheets.load("items/name, items/id");
  counter.syncs++;
  await context.sync();

  // ---- sync 2: the records, where each table is (header row only), each sheet's extent ----
  // requirement-set guard: ExcelApi 1.5
  const xmls = (parts?.items ?? []).map((part) => ({ part, xml: part.getXml(), partId: part.id }));
  const tables = workbook.tables.items.map((table) => ({
    table,
    sheet: table.worksheet.load("id"),
    range: table.getRange().load("address, rowIndex, columnIndex, rowCount, columnCount"),
    header: table.getHeaderRowRange().load("formulas"),
  }));
  const sheets = workbook.worksheets.items.map((sheet) => {
    sheet.protection.load("protected");
    const used = sheet.getUsedRangeOrNullObject(true).load("rowIndex, columnIndex, rowCount, columnCount");
    // getUsedRange gives A1 on a blank sheet, where the special cells are then a null object.
    // requirement-set guard: ExcelApi 1.9 (support.specialCells is isSetSupported("ExcelApi", "1.9"), readSupport)
    const formulas: XlRangeAreas | null = support.specialCells ? sheet.getUsedRange(true).getSpecialCellsOrNullObject("Formulas").load("address") : null;
    return { sheet, used, formulas };
  });
  counter.syncs++;
  await context.sync();

  const records: RecordView[] = [];
  const damagedParts: { partId: string; damage: TrackingDamage }[] = [];
  for (const { partId, xml } of xmls) {
    const parsed = parseTrackingRecord(xml.value);
    if (parsed.ok) records.push({ partId, record: parsed.record });
    else damagedParts.push({ partId, damage: parsed.damage });
  }
  const sheetNames = new Map(sheets.map(({ sheet }) => [sheet.id, sheet.name]));
  const facts: TableFacts[] = tables.map(({ table, sheet, range, header }) => ({
    name: table.name,
    id: table.id,
    sheetName: sheetNames.get(sheet.id) ?? "",
    sheetId: sheet.id,
    address: range.address.slice(range.address.lastIndexOf("!") + 1).replace(/\$/g, ""),
    fingerprint: headerFingerprint(header.formulas[0] ?? []),
  }));
  // The same matching as the pane's list (listInserted), so both find the same table for a record.
  const matches = matchTables(records.map(({ record }) => ({ tableName: record.table?.name ?? "", record })), facts);
  const usedOf = new Map(sheets.map(({ sheet, used }) => [sheet.id, used.isNullObject ? null : { row: used.rowIndex, column: used.columnIndex, rows: used.rowCount, columns: used.columnCount }]));
  const added = (record: TrackingRecord): number => {
    if (!index?.table(record.tableId)) return UNKNOWN_ADDED_ROWS;
    return tableGrid(index, record.tableId, record.language).rows.length;
  };

  // ---- sync 3: what the records name, and the formula cells ----
  const blocks = new Map<string, { rect: CellRect; range: XlRange }[]>();
  const readBlock = (sheet: XlWorksheet, sheetId: string, rect: CellRect): void => {
    const used = usedOf.get(sheetId);
    const inside = used ? clip(rect, used) : null;
    if (!inside) return;
    const list = blocks.get(sheetId) ?? [];
    if (list.some((each) => rectAddress(each.rect) === rectAddress(inside))) return;
    list.push({ rect: inside, range: sheet.getRange(rectAddress(inside)).load("formulas") });
    blocks.set(sheetId, list);
  };
  const sheetProxy = new Map(sheets.map(({ sheet }) => [sheet.id, sheet]));
  const tracked = new Map<number, { contents: XlRange; below: XlRange | null; filter: XlAutoFilter | null }>();
  // The rightmost column a write may reach, per sheet: merged areas are asked for from A1 to it.
  const mergedRight = new Map<string, number>();
  const reach = (sheetId: string, right: number): void => { mergedRight.set(sheetId, Math.max(right, mergedRight.get(sheetId) ?? -1)); };
  const autoFilter = support.autoFilter ?? support.specialCells;
  records.forEach(({ record }, i) => {
    const hit = matches[i];
    const found = hit ? tables[hit.table] : undefined;
    const recordedBlock = parseA1(record.block);
    if (hit && found) {
      const { range, sheet } = found;
      const proxy = sheetProxy.get(sheet.id);
      if (!proxy || tracked.has(hit.table)) return;
      const top = range.rowIndex;
      const bottom = range.rowIndex + range.rowCount - 1;
      const left = Math.min(range.columnIndex, recordedBlock?.column ?? range.columnIndex);
      const right = Math.max(range.columnIndex + range.columnCount, recordedBlock ? recordedBlock.column + recordedBlock.columns : 0) - 1;
      const below = ROWS_BELOW + added(record);
      readBlock(proxy, sheet.id, span(top - ROWS_ABOVE, bottom + below, left, right));
      // Where the lines were recorded, in case the table moved away from them.
      if (recordedBlock) readBlock(proxy, sheet.id, span(recordedBlock.row - ROWS_ABOVE, recordedBlock.row + recordedBlock.rows - 1 + below, left, right));
      const used = usedOf.get(sheet.id);
      const usedBottom = used ? used.row + used.rows - 1 : -1;
      const belowRange = usedBottom > bottom
        ? proxy.getRange(rectAddress(span(bottom + 1, usedBottom, range.columnIndex, range.columnIndex + range.columnCount - 1))).getUsedRangeOrNullObject(true).load("rowIndex, rowCount")
        : null;
      // requirement-set guard: ExcelApi 1.9 (autoFilter is isSetSupported("ExcelApi", "1.9"), readSupport)
      const filter = autoFilter ? found.table.autoFilter.load("isDataFiltered") : null;
      tracked.set(hit.table, { contents: found.table.getRange().load("formulas, values, numberFormat"), below: belowRange, filter });
      reach(sheet.id, right);
      return;
    }
    if (record.table !== null && recordedBlock) {
      // No table answers for it: its recorded block, to tell an undone insert (every cell it wrote
      // empty) from a table deleted by hand. The sheet by name, then by id.
      const home = sheets.find(({ sheet: s }) => same(s.name, record.sheet.name)) ?? sheets.find(({ sheet: s }) => record.sheet.id !== null && s.id === record.sheet.id);
      if (home) readBlock(home.sheet, home.sheet.id, span(recordedBlock.row, recordedBlock.row + recordedBlock.rows - 1, recordedBlock.column, recordedBlock.column + recordedBlock.columns - 1));
      return;
    }
    if (record.table === null && recordedBlock) {
      // A spill insert: the block around its recorded place on the sheet of its name and on the
      // sheet of its id (a sheet id is not trusted alone: the planner confirms by the formula cell).
      const candidates = new Set([sheets.find(({ sheet: s }) => same(s.name, record.sheet.name)), sheets.find(({ sheet: s }) => record.sheet.id !== null && s.id === record.sheet.id)]);
      const width = index?.table(record.tableId) ? tableGrid(index, record.tableId, record.language).header.length : recordedBlock.columns;
      const right = Math.max(recordedBlock.column + recordedBlock.columns, recordedBlock.column + width) - 1;
      for (const sheet of candidates) {
        if (!sheet) continue;
        readBlock(sheet.sheet, sheet.sheet.id, span(recordedBlock.row - ROWS_ABOVE, recordedBlock.row + recordedBlock.rows - 1 + ROWS_BELOW + added(record), recordedBlock.column, right));
        reach(sheet.sheet.id, right);
      }
    }
  });
  // Merged areas where a write may go: Excel lists only those whose top-left cell is in the range
  // asked about (office-js #3611), so ask from A1 to the sheet's last row in the columns up to the
  // rightmost a write reaches. Addresses only.
  const mergedReads = new Map<string, XlRangeAreas>();
  for (const [sheetId, right] of mergedRight) {
    const proxy = sheetProxy.get(sheetId);
    // requirement-set guard: ExcelApi 1.13 (support.merged is isSetSupported("ExcelApi", "1.13"), readSupport)
    if (proxy && support.merged) mergedReads.set(sheetId, proxy.getRange(rectAddress(span(0, SHEET_ROWS - 1, 0, right))).getMergedAreasOrNullObject().load("address"));
  }
  // The formula areas: every sheet's, in order, while the budget lasts; a sheet whose areas do not
  // fit is not read at all (its count is then partial).
  let budget = support.formulaReadCells ?? FORMULA_READ_CELLS;
  const formulaReads = new Map<string, { rect: CellRect; range: XlRange }[]>();
  for (const { sheet, formulas } of sheets) {
    // requirement-set guard: ExcelApi 1.9 (formulas is null unless readSupport found 1.9)
    if (!formulas || formulas.isNullObject) continue;
    // requirement-set guard: ExcelApi 1.9
    const areas = areasOf(formulas.address);
    const cells = cellsOf(areas);
    if (cells > budget) continue;
    budget -= cells;
    formulaReads.set(sheet.id, areas.map((rect) => ({ rect, range: sheet.getRange(rectAddress(rect)).load("formulas") })));
  }
  counter.syncs++;
  await context.sync();

  const view: WorkbookView = {
    sheets: sheets.map(({ sheet, formulas }): SheetView => ({
      id: sheet.id,
      name: sheet.name,
      protected: sheet.protection.protected,
      used: usedOf.get(sheet.id) ?? null,
      blocks: (blocks.get(sheet.id) ?? []).map(({ rect, range }): CellBlock => ({ ...rect, formulas: range.formulas })),
      formulaBlocks: (formulaReads.get(sheet.id) ?? []).map(({ rect, range }): CellBlock => ({ ...rect, formulas: range.formulas })),
      // requirement-set guard: ExcelApi 1.9 (formulas is null unless readSupport found 1.9)
      formulasComplete: formulas !== null && (formulas.isNullObject || formulaReads.has(sheet.id)),
      ...mergedOf(mergedReads.get(sheet.id), support.merged === true),
    })),
    tables: tables.map(({ table, sheet, range, header }, t): TableView => {
      const read = tracked.get(t);
      const below = read?.below ?? null;
      return {
        name: table.name,
        id: table.id,
        showTotals: table.showTotals,
        sheetId: sheet.id,
        row: range.rowIndex,
        column: range.columnIndex,
        rows: range.rowCount,
        columns: range.columnCount,
        formulas: read ? read.contents.formulas : header.formulas,
        values: read ? read.contents.values : [],
        numberFormat: read ? read.contents.numberFormat : [],
        ...(read ? { lastUsedRowBelow: below === null || below.isNullObject ? null : below.rowIndex + below.rowCount - 1 } : {}),
        // requirement-set guard: ExcelApi 1.9 (filter is null unless readSupport found 1.9); null: the host cannot say
        ...(read ? { filtered: read.filter ? read.filter.isDataFiltered : null } : {}),
      };
    }),
    records,
    damagedParts,
    matches,
  };
  return { view, parts: xmls.map(({ part }) => part) };
}
