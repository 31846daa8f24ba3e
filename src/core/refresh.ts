/**
 * Refresh, the pure half: compares what a workbook holds now with what the add-in last wrote there
 * (the tracking records, src/core/tracking.ts) and with what a new release gives, and plans the
 * smallest write that brings every tracked table up to date without losing anything of the user's.
 * The adapter (src/office/refresh.ts) reads the workbook into a `WorkbookView`, calls
 * `planRefresh`, and applies the plan's writes in one request. docs/refresh.md explains the rules.
 *
 * How a row is identified (never by position: the user may have sorted the table):
 *   - our columns are found by their header cell: the record keeps the hash of every header cell
 *     we wrote, and the i-th recorded header hash (left to right) belongs to `columnKeys[i]`;
 *   - a data row is ours when its item cell (the "item" column: the label we wrote) still hashes
 *     to the recorded hash of one of our rows; a row whose label the user changed is still
 *     recognised when at least half of its other cells hash as recorded;
 *   - `rowIds[i]` names the row id of the table's i-th data row as last written; "" marks a row
 *     that is not ours (typed in by the user, or a removed row we kept because it held their data).
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import type { Language } from "../data";
import { cellAddress, qualified } from "./a1";
import type { DatasetIndex } from "./lookup";
import { TEXT_FORMAT } from "./formats";
import { statFormula, tableGrid, type TableGrid } from "./tables";
import { cellHash, headerFingerprint, type TrackingDamage, type TrackingRecord } from "./tracking";

// ---------------------------------------------------------------- the report -------------------

/** A tracked table's state: nothing to do, figures to update, only the user's edits, gone, or refused. */
export type RefreshStatus = "current" | "stale" | "edited" | "missing" | "blocked";

export type RefreshChangeKind =
  | "update"
  | "unchanged"
  | "user_edit"
  | "row_added"
  | "row_removed"
  | "label_changed"
  | "missing_table"
  | "blocked";

/** Why a change was not written, or why a table was refused. */
export type RefreshReason =
  /** The user changed the cell since we wrote it: their value is kept. */
  | "kept_user_edit"
  /** The user deleted this row from the table: it is not added back. */
  | "deleted_by_user"
  /** A removed row still holds the user's data (their edits, or cells of their own columns): kept. */
  | "row_has_user_data"
  /** Deleting a removed row would move cells below the table that are not ours: kept. */
  | "cells_below_would_move"
  /** An added row (or a line we move down) needs cells below the table that are not empty. */
  | "cells_below_occupied"
  | "sheet_protected"
  /** The new release lays the table out with other columns: refresh cannot restructure it. */
  | "columns_changed"
  /** The new release no longer has this table. */
  | "table_withdrawn"
  /** Another record with the same id was met first (a copied part): this one is left alone. */
  | "duplicate_record"
  /** A column of ours was not found (its header was renamed or the column deleted): left alone. */
  | "column_not_found"
  /** The table (or spill cell) the record describes is not in the workbook. */
  | "table_not_found"
  /** The table has a totals row: rows cannot be added below it or deleted without moving it. */
  | "totals_row"
  /** A title, note or source line of ours is not beside the table any more (moved elsewhere, or deleted): left alone. */
  | "line_not_found";

/** A cell's content as Range.formulas reads it (a formula, a number, text, a boolean; "" empty). */
export type RefreshCell = string | number | boolean | null;

export interface RefreshChange {
  /** The row's figure or fact id; null for the header, the title, note and source lines, or the whole table. */
  readonly rowId: string | null;
  /** The column key ("item", "value", ...), "header:<key>", "title", "note", "source", "spill", or null. */
  readonly columnKey: string | null;
  /** Sheet-qualified A1 address (before the write); null where none. */
  readonly address: string | null;
  /** What the cell shows now (a formula cell: its value). */
  readonly before: RefreshCell;
  /** What the new release gives. */
  readonly after: RefreshCell;
  readonly kind: RefreshChangeKind;
  /** True when refresh writes (or, in a dry run, would write) this change. */
  readonly written: boolean;
  readonly reason?: RefreshReason;
}

export interface RefreshTableReport {
  readonly recordId: string;
  /** The Excel table's name now (its recorded name where it is missing); "" in spill mode. */
  readonly tableName: string;
  /** The curated table's id. */
  readonly tableId: string;
  readonly sheet: string | null;
  readonly status: RefreshStatus;
  /** Why the table is blocked or missing. */
  readonly reason?: RefreshReason;
  readonly fromRelease: string;
  readonly toRelease: string;
  readonly changes: readonly RefreshChange[];
}

/** How many cells hold a BJ.* formula, per sheet (the pane's list shows it). */
export interface FormulaCount {
  readonly sheet: string;
  readonly count: number;
}

export interface RefreshReport {
  readonly releaseId: string;
  readonly tables: readonly RefreshTableReport[];
  /** True when nothing needs writing and nothing is missing or blocked ("Up to date"). */
  readonly upToDate: boolean;
  /** Tracking parts that could not be read; they are never rewritten. */
  readonly damagedParts: readonly { readonly partId: string; readonly damage: TrackingDamage }[];
  readonly formulaCells: readonly FormulaCount[];
  /** True for a dry run (the plan only; nothing was written). */
  readonly dryRun: boolean;
  /** Write operations sent (0 for a dry run or an up-to-date workbook). Set by the adapter. */
  readonly writeOperations: number;
  /** Syncs the refresh took. Set by the adapter. */
  readonly syncs: number;
  /** The "Refresh log" sheet written, if asked for. */
  readonly logSheet: string | null;
}

// ---------------------------------------------------------------- what the adapter reads -------

/** A rectangle of cells, 0-based. */
export interface CellRect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export interface SheetView {
  readonly id: string;
  readonly name: string;
  readonly protected: boolean;
  /** The used range (values only) and its formulas; null for an empty sheet. */
  readonly used: (CellRect & { readonly formulas: readonly (readonly unknown[])[] }) | null;
}

export interface TableView extends CellRect {
  readonly name: string;
  /** A totals row: the table's last row. Refresh then neither adds nor deletes rows (blocked). */
  readonly showTotals?: boolean;
  /** Excel's Table.id. */
  readonly id: string;
  readonly sheetId: string;
  /** The whole table, header row first, as Range.formulas / values / numberFormat read it. */
  readonly formulas: readonly (readonly unknown[])[];
  readonly values: readonly (readonly unknown[])[];
  readonly numberFormat: readonly (readonly unknown[])[];
}

export interface RecordView {
  readonly partId: string;
  readonly record: TrackingRecord;
}

/** Everything refresh reads from a workbook, in two requests. */
export interface WorkbookView {
  readonly sheets: readonly SheetView[];
  readonly tables: readonly TableView[];
  readonly records: readonly RecordView[];
  readonly damagedParts: readonly { readonly partId: string; readonly damage: TrackingDamage }[];
  /**
   * Which table answers for each record (same order as `records`; an index into `tables`), where
   * the caller has already matched them (the adapter uses the same matchTables as the pane's list).
   * Without it, locateTrackedTables matches them by the same rules.
   */
  readonly matches?: readonly ({ readonly table: number; readonly how: "name" | "id" | "fingerprint" } | null)[];
}

// ---------------------------------------------------------------- what the adapter writes ------

/** One bulk write: number formats first (so text stays text), then values or formulas; null leaves a cell. */
export interface CellWrite extends CellRect {
  readonly mode: "values" | "formulas";
  /** Rows added directly below the table (the table grows over them as they are written). */
  readonly newRows?: boolean;
  readonly cells: readonly (readonly (string | number | null)[])[];
  readonly numberFormat: readonly (readonly (string | null)[])[] | null;
}

/** Everything written for one table, in order. Addresses are as the sheet is before the write. */
export interface TableWritePlan {
  readonly recordId: string;
  readonly sheetId: string;
  readonly partId: string;
  /** Our line cells that move: cleared (content and formats) first. */
  readonly clears: readonly CellRect[];
  /** Lines at their new place, then table cells, then added rows directly below the table. */
  readonly writes: readonly CellWrite[];
  /** Moved line cells that get the italic font the insert gave them. */
  readonly italic: readonly CellRect[];
  /** Rows of the table to delete (Range.delete "Up" on the table's columns), bottom row first. */
  readonly deleteRows: readonly CellRect[];
  /** The tracking record as it is after the write (same part, rewritten). */
  readonly record: TrackingRecord;
}

export interface RefreshPlan {
  readonly report: RefreshReport;
  readonly writes: readonly TableWritePlan[];
  /** The BJ.* formula cells to recalculate after the writes, per sheet (runs of one column). */
  readonly calculate: readonly { readonly sheetId: string; readonly rects: readonly CellRect[] }[];
}

// ---------------------------------------------------------------- locating ----------------------

export type FoundHow = "name" | "id" | "fingerprint" | "cell";

export interface LocatedRecord {
  readonly view: RecordView;
  /** The table found for a table record; null when missing (and for spill records). */
  readonly table: TableView | null;
  /** Spill records: the sheet holding the intact =BJ.TABLE cell. */
  readonly spillSheet: SheetView | null;
  readonly how: FoundHow | null;
  readonly duplicate: boolean;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Parses "B3" or "B3:F9" into a rectangle (null if it does not parse). */
export function parseA1(address: string): CellRect | null {
  const [first = "", second] = address.replace(/\$/g, "").split(":");
  const cell = (text: string): { row: number; column: number } | null => {
    const match = /^([A-Za-z]{1,3})([0-9]{1,7})$/.exec(text.trim());
    if (!match?.[1] || !match[2]) return null;
    let column = 0;
    for (const ch of match[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(match[2]) - 1, column: column - 1 };
  };
  const a = cell(first);
  const b = second === undefined ? a : cell(second);
  if (!a || !b) return null;
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 };
}

/** Local A1 of a rectangle. */
export function rectAddress(rect: CellRect): string {
  const start = cellAddress(rect.row, rect.column);
  return rect.rows === 1 && rect.columns === 1 ? start : `${start}:${cellAddress(rect.row + rect.rows - 1, rect.column + rect.columns - 1)}`;
}

/** A sheet's cell content from its used range ("" outside it). */
function cellOf(sheet: SheetView | undefined, row: number, column: number): unknown {
  const used = sheet?.used;
  if (!used) return "";
  return used.formulas[row - used.row]?.[column - used.column] ?? "";
}

const isEmpty = (content: unknown): boolean => content === "" || content === null || content === undefined;

/**
 * Finds the table of every record, as the pane's list does (src/office/matching.ts, whose matches
 * the adapter passes in `view.matches`; without them the same rules are applied here): by its
 * recorded name at its recorded place, then by Table.id, then by name anywhere, then by the header
 * fingerprint (on the recorded sheet first). Each table answers for one record at most. Spill records are found by their
 * formula cell (the sheet by id, then by name; the cell must hold what was written).
 */
export function locateTrackedTables(view: WorkbookView): LocatedRecord[] {
  const sheetsById = new Map(view.sheets.map((sheet) => [sheet.id, sheet]));
  const fingerprints = new Map(view.tables.map((table) => [table, headerFingerprint(table.formulas[0] ?? [])]));
  const seenIds = new Set<string>();
  const duplicates = new Set<RecordView>();
  for (const each of view.records) {
    if (seenIds.has(each.record.recordId)) duplicates.add(each);
    seenIds.add(each.record.recordId);
  }
  const candidates = view.records.filter((each) => !duplicates.has(each) && each.record.table !== null);
  const match = new Map<RecordView, { table: TableView; how: FoundHow }>();
  const used = new Set<TableView>();
  const assign = (each: RecordView, how: FoundHow, test: (table: TableView) => boolean): void => {
    if (match.has(each)) return;
    const table = view.tables.find((candidate) => !used.has(candidate) && test(candidate));
    if (!table) return;
    match.set(each, { table, how });
    used.add(table);
  };
  const onSheet = (record: TrackingRecord, table: TableView): boolean => {
    const sheet = sheetsById.get(table.sheetId);
    return table.sheetId === record.sheet.id || (sheet !== undefined && same(sheet.name, record.sheet.name));
  };
  const given = view.matches;
  if (given) {
    view.records.forEach((each, i) => {
      const hit = given[i];
      const table = hit ? view.tables[hit.table] : undefined;
      if (hit && table && !duplicates.has(each) && !used.has(table)) {
        match.set(each, { table, how: hit.how });
        used.add(table);
      }
    });
  }
  for (const each of given ? [] : candidates) {
    const recorded = each.record.table;
    if (recorded) assign(each, "name", (t) => same(t.name, recorded.name) && rectAddress(t) === recorded.address && onSheet(each.record, t));
  }
  for (const each of given ? [] : candidates) {
    const id = each.record.table?.id;
    if (id) assign(each, "id", (t) => t.id === id);
  }
  for (const each of given ? [] : candidates) {
    const name = each.record.table?.name ?? "";
    assign(each, "name", (t) => same(t.name, name));
  }
  for (const each of given ? [] : candidates) {
    assign(each, "fingerprint", (t) => fingerprints.get(t) === each.record.headerFingerprint && onSheet(each.record, t));
    assign(each, "fingerprint", (t) => fingerprints.get(t) === each.record.headerFingerprint);
  }
  return view.records.map((each): LocatedRecord => {
    const record = each.record;
    if (duplicates.has(each)) return { view: each, table: null, spillSheet: null, how: null, duplicate: true };
    if (record.table === null) {
      const sheet = (record.sheet.id !== null ? sheetsById.get(record.sheet.id) : undefined) ?? view.sheets.find((s) => same(s.name, record.sheet.name));
      const cell = record.spillCell === null ? null : parseA1(record.spillCell);
      const block = parseA1(record.block);
      const written = cell && block ? record.cellHashes[cell.row - block.row]?.[cell.column - block.column] ?? null : null;
      const intact = sheet !== undefined && cell !== null && written !== null && cellHash(cellOf(sheet, cell.row, cell.column)) === written;
      return { view: each, table: null, spillSheet: intact ? sheet : null, how: intact ? "cell" : null, duplicate: false };
    }
    const hit = match.get(each);
    return { view: each, table: hit?.table ?? null, spillSheet: null, how: hit?.how ?? null, duplicate: false };
  });
}

// ---------------------------------------------------------------- planning ---------------------

/** A BJ.* formula: the canonical name anywhere in a formula, e.g. "=BJ.STAT(...)" or "=1+BJ.FDI_COUNT()". */
const BJ_FORMULA = /^=.*\bBJ\./i;

export function isBjFormula(content: unknown): boolean {
  return typeof content === "string" && BJ_FORMULA.test(content);
}

/** Text that Excel would read as a formula unless the cell is formatted as text. */
const FORMULA_LIKE = /^[=+\-@]/;

/** The extra field a refreshed record keeps: rows the user deleted, never added back. */
interface OmittedRows {
  readonly omittedRowIds?: readonly string[];
}

function omittedOf(record: TrackingRecord): readonly string[] {
  const omitted = (record as TrackingRecord & OmittedRows).omittedRowIds;
  return Array.isArray(omitted) ? omitted.filter((id): id is string => typeof id === "string") : [];
}

/** A tracking record as refresh writes it back: v2, with the rows the user deleted. */
export type RefreshedRecord = TrackingRecord & OmittedRows;

interface LineFound {
  readonly key: "title" | "note" | "source";
  readonly row: number;
  readonly column: number;
  /** Offset from the table's top row (title) or bottom row (note, source). */
  readonly offset: number;
  readonly text: string;
  readonly current: unknown;
  readonly ours: boolean;
}

/** The position of a column key in a grid (-1 when absent). */
function keyIndex(grid: TableGrid, key: string): number {
  const keys: readonly string[] = grid.columnKeys;
  return keys.indexOf(key);
}

/** What the new grid holds for one row and column key, as it would be written in a mode. */
function newContent(grid: TableGrid, row: number, key: string, mode: TrackingRecord["mode"]): { content: string | number; format: string } | null {
  const column = keyIndex(grid, key);
  const value = grid.rows[row]?.[column];
  if (column < 0 || value === undefined) return null;
  const figureId = grid.valueFigureIds[row] ?? null;
  const content = mode === "formulas" && key === "value" && figureId !== null ? statFormula(figureId) : value;
  return { content, format: grid.numberFormats[row]?.[column] ?? TEXT_FORMAT };
}

const asCell = (content: unknown): RefreshCell =>
  typeof content === "string" || typeof content === "number" || typeof content === "boolean" ? content : null;

interface TablePlan {
  readonly report: RefreshTableReport;
  readonly write: TableWritePlan | null;
  /** BJ.* formula cells the write adds (new rows in formula mode) less those it deletes. */
  readonly formulaDelta?: number;
}

interface Context {
  readonly index: DatasetIndex;
  readonly sheets: ReadonlyMap<string, SheetView>;
}

function reportOf(
  located: LocatedRecord,
  toRelease: string,
  status: RefreshStatus,
  changes: readonly RefreshChange[],
  extra: { tableName?: string; sheet?: string | null; reason?: RefreshReason } = {},
): RefreshTableReport {
  const { record } = located.view;
  return {
    recordId: record.recordId,
    tableName: extra.tableName ?? record.table?.name ?? "",
    tableId: record.tableId,
    sheet: extra.sheet === undefined ? record.sheet.name : extra.sheet,
    status,
    ...(extra.reason ? { reason: extra.reason } : {}),
    fromRelease: record.releaseId,
    toRelease,
    changes,
  };
}

/** The lines of a record, found relative to where the table (or spill area) is now. */
function findLines(record: TrackingRecord, grid: TableGrid, sheet: SheetView, recordedTop: number, recordedBottom: number, top: number, bottom: number, block: CellRect): LineFound[] {
  const found: LineFound[] = [];
  const keys = ["title", "note", "source"] as const;
  const texts = { title: grid.title, note: grid.note, source: grid.sourceLine };
  for (const key of keys) {
    const address = record.lines[key];
    const at = address === null ? null : parseA1(address);
    if (!at) continue;
    const hash = record.cellHashes[at.row - block.row]?.[at.column - block.column] ?? null;
    const above = key === "title";
    const offset = above ? at.row - recordedTop : at.row - recordedBottom;
    // Where it should be now: with the table's top (title) or bottom (note, source); else where it was.
    const places = [above ? top + offset : bottom + offset, at.row + (top - recordedTop), at.row];
    let chosen: LineFound | null = null;
    for (const row of places) {
      const current = cellOf(sheet, row, at.column);
      // Ours: what we wrote, or already what we would write now (after a write Excel applied in part).
      if (hash !== null && (cellHash(current) === hash || cellHash(current) === cellHash(texts[key]))) {
        chosen = { key, row, column: at.column, offset: above ? row - top : row - bottom, text: texts[key], current, ours: true };
        break;
      }
    }
    const fallbackRow = places[0] ?? at.row;
    found.push(chosen ?? { key, row: fallbackRow, column: at.column, offset: above ? fallbackRow - top : fallbackRow - bottom, text: texts[key], current: cellOf(sheet, fallbackRow, at.column), ours: false });
  }
  return found;
}

function planTable(located: LocatedRecord, ctx: Context): TablePlan {
  const { record, partId } = located.view;
  const toRelease = ctx.index.release.id;
  if (located.duplicate) {
    return { report: reportOf(located, toRelease, "blocked", [{ rowId: null, columnKey: null, address: null, before: null, after: null, kind: "blocked", written: false, reason: "duplicate_record" }], { reason: "duplicate_record" }), write: null };
  }
  const table = located.table;
  const sheet = table ? ctx.sheets.get(table.sheetId) : located.spillSheet ?? undefined;
  if (!sheet || (record.table !== null && !table)) {
    const address = record.table?.address ?? record.spillCell;
    return {
      report: reportOf(located, toRelease, "missing", [{ rowId: null, columnKey: null, address: address ? qualified(record.sheet.name, address) : null, before: null, after: null, kind: "missing_table", written: false, reason: "table_not_found" }], { reason: "table_not_found" }),
      write: null,
    };
  }
  if (!ctx.index.table(record.tableId)) {
    return { report: reportOf(located, toRelease, "blocked", [{ rowId: null, columnKey: null, address: null, before: null, after: null, kind: "blocked", written: false, reason: "table_withdrawn" }], { reason: "table_withdrawn", sheet: sheet.name, tableName: table?.name ?? "" }), write: null };
  }
  const grid = tableGrid(ctx.index, record.tableId, record.language);
  return table ? planExcelTable(located, ctx, grid, table, sheet, partId) : planSpill(located, ctx, grid, sheet, partId);
}

/** The report, the write and the refreshed record of a values- or formulas-mode table. */
function planExcelTable(located: LocatedRecord, ctx: Context, grid: TableGrid, table: TableView, sheet: SheetView, partId: string): TablePlan {
  const { record } = located.view;
  const toRelease = ctx.index.release.id;
  const at = (row: number, column: number): string => qualified(sheet.name, cellAddress(row, column));
  const block = parseA1(record.block);
  const recordedTable = record.table ? parseA1(record.table.address) : null;
  const blocked = (reason: RefreshReason, changes: RefreshChange[] = []): TablePlan => ({
    report: reportOf(located, toRelease, "blocked", [...changes.map((change) => ({ ...change, written: false })), { rowId: null, columnKey: null, address: null, before: null, after: null, kind: "blocked", written: false, reason }], { reason, sheet: sheet.name, tableName: table.name }),
    write: null,
  });
  if (!block || !recordedTable) return blocked("table_not_found");
  const gridKeys: readonly string[] = grid.columnKeys;
  if (gridKeys.length !== record.columnKeys.length || !record.columnKeys.every((key) => gridKeys.includes(key))) return blocked("columns_changed");
  const hashAt = (row: number, column: number): string | null => record.cellHashes[row - block.row]?.[column - block.column] ?? null;

  // ---- our columns: the i-th recorded header hash belongs to columnKeys[i] ----
  const recordedHeader: { key: string; hash: string }[] = [];
  const recordedColumnOf = new Map<string, number>();
  for (let c = 0; c < recordedTable.columns; c++) {
    const hash = hashAt(recordedTable.row, recordedTable.column + c);
    const key = record.columnKeys[recordedHeader.length];
    if (hash === null || key === undefined) continue;
    recordedHeader.push({ key, hash });
    recordedColumnOf.set(key, recordedTable.column + c);
  }
  const header = table.formulas[0] ?? [];
  const columnOf = new Map<string, number>();
  const taken = new Set<number>();
  for (const { key, hash } of recordedHeader) {
    const c = header.findIndex((cell, j) => !taken.has(j) && cellHash(cell) === hash);
    if (c >= 0) {
      columnOf.set(key, c);
      taken.add(c);
    }
  }
  const changes: RefreshChange[] = [];
  const missingColumns = record.columnKeys.filter((key) => !columnOf.has(key));
  for (const key of missingColumns) {
    changes.push({ rowId: null, columnKey: `header:${key}`, address: null, before: null, after: grid.header[keyIndex(grid, key)] ?? null, kind: "user_edit", written: false, reason: "column_not_found" });
  }
  const ourColumns = [...columnOf.entries()].sort((a, b) => a[1] - b[1]);
  const itemColumn = columnOf.get("item");

  // ---- our rows: matched by the item cell's recorded hash, then by the other cells ----
  const recordedRows: { rowId: string; row: number }[] = [];
  for (let i = 0; i < recordedTable.rows - 1; i++) {
    const rowId = record.rowIds[i];
    if (rowId !== undefined && rowId !== "") recordedRows.push({ rowId, row: recordedTable.row + 1 + i });
  }
  const dataRows = table.rows - 1;
  const rowOf = new Map<string, number>(); // rowId -> data row index in the table now
  const claimed = new Set<number>();
  const recordedItemColumn = recordedColumnOf.get("item");
  if (itemColumn !== undefined && recordedItemColumn !== undefined) {
    for (const { rowId, row } of recordedRows) {
      const hash = hashAt(row, recordedItemColumn);
      for (let r = 0; r < dataRows && hash !== null; r++) {
        if (!claimed.has(r) && cellHash(table.formulas[r + 1]?.[itemColumn]) === hash) {
          rowOf.set(rowId, r);
          claimed.add(r);
          break;
        }
      }
    }
  }
  for (const { rowId, row } of recordedRows) {
    if (rowOf.has(rowId)) continue;
    let best = -1;
    let bestScore = 0;
    const others = ourColumns.filter(([key]) => key !== "item");
    for (let r = 0; r < dataRows; r++) {
      if (claimed.has(r)) continue;
      const score = others.filter(([key, c]) => {
        const recordedColumn = recordedColumnOf.get(key);
        const hash = recordedColumn === undefined ? null : hashAt(row, recordedColumn);
        return hash !== null && cellHash(table.formulas[r + 1]?.[c]) === hash && !isEmpty(table.formulas[r + 1]?.[c]);
      }).length;
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (best >= 0 && bestScore * 2 >= Math.max(1, others.length)) {
      rowOf.set(rowId, best);
      claimed.add(best);
    }
  }

  const gridRowOf = new Map(grid.rowIds.map((id, i) => [id, i]));
  const omitted = new Set(omittedOf(record));
  const top = table.row;
  const bottom = table.row + table.rows - 1;
  const valueOf = (r: number, c: number): unknown => table.values[r]?.[c] ?? "";
  const formulaOf = (r: number, c: number): unknown => table.formulas[r]?.[c] ?? "";

  // Table cells to write (table-relative), number formats to force, new hashes per (data row, column).
  const cellWrites = new Map<string, string | number>();
  const forceText = new Set<string>();
  const newHash = new Map<string, string>();
  const key = (r: number, c: number): string => `${r},${c}`;
  let writesSomething = record.releaseId !== toRelease;
  let userEdits = 0;

  // Header cells of ours: rewritten when the new grid names the column differently.
  for (const [columnKey, c] of ourColumns) {
    const text = grid.header[keyIndex(grid, columnKey)] ?? "";
    newHash.set(key(0, c), cellHash(text));
    if (cellHash(formulaOf(0, c)) !== cellHash(text)) {
      cellWrites.set(key(0, c), text);
      if (FORMULA_LIKE.test(text) && table.numberFormat[0]?.[c] !== TEXT_FORMAT) forceText.add(key(0, c));
      changes.push({ rowId: null, columnKey: `header:${columnKey}`, address: at(top, table.column + c), before: asCell(formulaOf(0, c)), after: text, kind: "label_changed", written: true });
      writesSomething = true;
    }
  }

  // A row the release adds that the table already holds (its label as we would write it, in a row
  // that is not ours): adopted, not added again. This is how a refresh recovers from an earlier
  // write that Excel applied only in part (it does not roll back), or a row the user typed in.
  const recordedIds = new Set(recordedRows.map((each) => each.rowId));
  const adopted: { rowId: string; row: null }[] = [];
  if (itemColumn !== undefined) {
    grid.rowIds.forEach((rowId, g) => {
      const label = newContent(grid, g, "item", record.mode);
      if (recordedIds.has(rowId) || omitted.has(rowId) || !label) return;
      for (let r = 0; r < dataRows; r++) {
        if (!claimed.has(r) && cellHash(table.formulas[r + 1]?.[itemColumn]) === cellHash(label.content)) {
          rowOf.set(rowId, r);
          claimed.add(r);
          adopted.push({ rowId, row: null });
          break;
        }
      }
    });
  }

  // Matched rows: compare cell by cell.
  const removed: { rowId: string; r: number; deletable: boolean }[] = [];
  for (const { rowId, row } of [...recordedRows, ...adopted]) {
    const r = rowOf.get(rowId);
    if (r === undefined) {
      if (gridRowOf.has(rowId)) {
        changes.push({ rowId, columnKey: "item", address: null, before: null, after: null, kind: "user_edit", written: false, reason: "deleted_by_user" });
        userEdits++;
      }
      continue;
    }
    const tableRow = r + 1;
    const g = gridRowOf.get(rowId);
    if (g === undefined) {
      // Removed by the release: deletable only if nothing of the user's is in the row.
      const untouched = ourColumns.every(([columnKey, c]) => {
        const recordedColumn = recordedColumnOf.get(columnKey);
        const hash = recordedColumn === undefined || row === null ? null : hashAt(row, recordedColumn);
        return hash === null || cellHash(formulaOf(tableRow, c)) === hash;
      });
      const userCellsEmpty = Array.from({ length: table.columns }, (_, c) => c).every((c) => taken.has(c) || isEmpty(formulaOf(tableRow, c)));
      removed.push({ rowId, r, deletable: untouched && userCellsEmpty });
      continue;
    }
    for (const [columnKey, c] of ourColumns) {
      const fresh = newContent(grid, g, columnKey, record.mode);
      if (!fresh) continue;
      const recordedColumn = recordedColumnOf.get(columnKey);
      // An adopted row has no recorded hashes: any cell that differs from the release is kept as the user's.
      const recordedHash = row === null ? "adopted" : recordedColumn === undefined ? null : hashAt(row, recordedColumn);
      const current = formulaOf(tableRow, c);
      const address = at(top + tableRow, table.column + c);
      const isFormulaCell = typeof fresh.content === "string" && fresh.content.startsWith("=") && record.mode === "formulas";
      newHash.set(key(tableRow, c), cellHash(fresh.content));
      const figureValue = isFormulaCell ? grid.rows[g]?.[keyIndex(grid, columnKey)] ?? null : fresh.content;
      if (recordedHash !== null && cellHash(current) !== recordedHash) {
        if (cellHash(current) === cellHash(fresh.content)) {
          changes.push({ rowId, columnKey, address, before: asCell(isFormulaCell ? valueOf(tableRow, c) : current), after: figureValue, kind: "unchanged", written: false });
        } else {
          changes.push({ rowId, columnKey, address, before: asCell(isFormulaCell ? valueOf(tableRow, c) : current), after: asCell(figureValue), kind: "user_edit", written: false, reason: "kept_user_edit" });
          userEdits++;
        }
        continue;
      }
      if (cellHash(current) === cellHash(fresh.content)) {
        // Same content. A formula cell still shows the old release until it is recalculated.
        // It is recalculated when the record names another release; where it shows a bare number,
        // only a different number counts as an update (estimates and bounded figures show text).
        const shown = valueOf(tableRow, c);
        const stale = isFormulaCell && record.releaseId !== toRelease && !(typeof shown === "number" && shown === figureValue);
        changes.push({ rowId, columnKey, address, before: asCell(isFormulaCell ? shown : current), after: asCell(figureValue), kind: stale ? "update" : "unchanged", written: stale });
        continue;
      }
      cellWrites.set(key(tableRow, c), fresh.content);
      if (typeof fresh.content === "string" && FORMULA_LIKE.test(fresh.content) && !isFormulaCell && table.numberFormat[tableRow]?.[c] !== TEXT_FORMAT) forceText.add(key(tableRow, c));
      writesSomething = true;
      changes.push({ rowId, columnKey, address, before: asCell(isFormulaCell ? valueOf(tableRow, c) : current), after: asCell(figureValue), kind: columnKey === "item" ? "label_changed" : "update", written: true });
    }
  }

  // Rows the release adds (not ours yet, not deleted by the user): written below the table.
  const matched = new Set(rowOf.keys());
  const added = grid.rowIds.map((rowId, g) => ({ rowId, g })).filter(({ rowId }) => !matched.has(rowId) && !recordedIds.has(rowId) && !omitted.has(rowId));
  for (const rowId of omitted) {
    if (gridRowOf.has(rowId)) {
      changes.push({ rowId, columnKey: "item", address: null, before: null, after: null, kind: "user_edit", written: false, reason: "deleted_by_user" });
      userEdits++;
    }
  }
  const N = added.length;

  // ---- lines: title above, note and source below ----
  const lines = findLines(record, grid, sheet, recordedTable.row, recordedTable.row + recordedTable.rows - 1, top, bottom, block);
  const ourLineCells = new Set(lines.filter((line) => line.ours).map((line) => `${line.row},${line.column}`));
  const occupied = (row: number, column: number): boolean => !isEmpty(cellOf(sheet, row, column)) && !ourLineCells.has(`${row},${column}`);

  // Cells the added rows and the moved lines need must be empty (or hold a line of ours that moves).
  let firstOccupied: string | null = null;
  if (N > 0) {
    for (let r = bottom + 1; r <= bottom + N && firstOccupied === null; r++) {
      for (let c = table.column; c < table.column + table.columns; c++) if (occupied(r, c)) { firstOccupied = at(r, c); break; }
    }
    for (const line of lines) {
      if (line.key === "title" || !line.ours || firstOccupied !== null || !(line.offset >= 1 && line.column >= table.column && line.column < table.column + table.columns)) continue;
      if (occupied(bottom + line.offset + N, line.column)) firstOccupied = at(bottom + line.offset + N, line.column);
    }
  }

  // Removed rows: deleting one moves everything below the table (in its columns) up.
  let belowIsOurs = true;
  const used = sheet.used;
  if (used) {
    for (let r = Math.max(bottom + 1, used.row); r < used.row + used.rows && belowIsOurs; r++) {
      for (let c = table.column; c < table.column + table.columns; c++) if (occupied(r, c)) { belowIsOurs = false; break; }
    }
  }
  const deleted: number[] = [];
  for (const each of removed) {
    const deletable = each.deletable && belowIsOurs;
    const reason: RefreshReason | undefined = each.deletable ? (belowIsOurs ? undefined : "cells_below_would_move") : "row_has_user_data";
    if (deletable) deleted.push(each.r);
    for (const [columnKey, c] of ourColumns) {
      changes.push({ rowId: each.rowId, columnKey, address: at(top + 1 + each.r, table.column + c), before: asCell(valueOf(each.r + 1, c)), after: null, kind: "row_removed", written: deletable, ...(reason ? { reason } : {}) });
    }
    writesSomething = true;
  }
  for (const { rowId, g } of added) {
    for (const [columnKey, c] of ourColumns) {
      const fresh = newContent(grid, g, columnKey, record.mode);
      const figure = grid.rows[g]?.[keyIndex(grid, columnKey)] ?? null;
      changes.push({ rowId, columnKey, address: at(bottom + 1 + added.findIndex((a) => a.rowId === rowId), table.column + c), before: null, after: asCell(record.mode === "formulas" && columnKey === "value" ? figure : fresh?.content ?? null), kind: "row_added", written: true });
    }
    writesSomething = true;
  }

  // Lines: rewritten where their text changed, moved down by the added rows.
  const lineMoves: { line: LineFound; row: number }[] = [];
  // A line moves down with added rows only where it sits below the table, in its columns.
  const follows = (line: LineFound): boolean => line.key !== "title" && line.offset >= 1 && line.column >= table.column && line.column < table.column + table.columns;
  for (const line of lines) {
    const target = follows(line) ? bottom + line.offset + N : line.row;
    if (!line.ours) {
      if (cellHash(line.current) !== cellHash(line.text)) {
        const gone = isEmpty(line.current);
        changes.push({ rowId: null, columnKey: line.key, address: gone ? null : at(line.row, line.column), before: asCell(line.current), after: line.text, kind: "user_edit", written: false, reason: gone ? "line_not_found" : "kept_user_edit" });
        userEdits++;
      }
      continue;
    }
    const textChanged = cellHash(line.current) !== cellHash(line.text);
    if (textChanged || target !== line.row) {
      lineMoves.push({ line, row: target });
      writesSomething = true;
      if (textChanged) changes.push({ rowId: null, columnKey: line.key, address: at(line.row, line.column), before: asCell(line.current), after: line.text, kind: "update", written: true });
    }
  }

  const status: RefreshStatus = writesSomething ? "stale" : userEdits > 0 ? "edited" : "current";
  if (writesSomething && sheet.protected) return blocked("sheet_protected", changes);
  if (table.showTotals && (N > 0 || deleted.length > 0)) return blocked("totals_row", changes);
  if (firstOccupied !== null) {
    return blocked("cells_below_occupied", [...changes, { rowId: null, columnKey: null, address: firstOccupied, before: null, after: null, kind: "blocked", written: false, reason: "cells_below_occupied" }]);
  }
  const report = reportOf(located, toRelease, status, changes, { tableName: table.name, sheet: sheet.name });
  if (!writesSomething) return { report, write: null };

  // ---- the write ----
  const writes: CellWrite[] = [];
  const clears: CellRect[] = [];
  const italic: CellRect[] = [];
  const mode: CellWrite["mode"] = record.mode === "formulas" ? "formulas" : "values";
  for (const { line, row } of lineMoves) {
    if (row !== line.row) clears.push({ row: line.row, column: line.column, rows: 1, columns: 1 });
  }
  for (const { line, row } of lineMoves) {
    const moved = row !== line.row;
    writes.push({ row, column: line.column, rows: 1, columns: 1, mode: "values", cells: [[line.text]], numberFormat: moved || FORMULA_LIKE.test(line.text) ? [[TEXT_FORMAT]] : null });
    if (moved && line.key !== "title") italic.push({ row, column: line.column, rows: 1, columns: 1 });
  }
  if (cellWrites.size > 0) {
    const rows = [...cellWrites.keys()].map((k) => Number(k.split(",")[0]));
    const first = Math.min(...rows);
    const last = Math.max(...rows);
    const cells = Array.from({ length: last - first + 1 }, (_, i) => Array.from({ length: table.columns }, (_, c) => cellWrites.get(key(first + i, c)) ?? null));
    const formats = forceText.size === 0 ? null : Array.from({ length: last - first + 1 }, (_, i) => Array.from({ length: table.columns }, (_, c) => (forceText.has(key(first + i, c)) ? TEXT_FORMAT : null)));
    writes.push({ row: top + first, column: table.column, rows: last - first + 1, columns: table.columns, mode, cells, numberFormat: formats });
  }
  if (N > 0) {
    const cells = added.map(({ g }) => Array.from({ length: table.columns }, (_, c) => {
      const columnKey = ourColumns.find(([, j]) => j === c)?.[0];
      return columnKey === undefined ? null : newContent(grid, g, columnKey, record.mode)?.content ?? null;
    }));
    const formats = added.map(({ g }) => Array.from({ length: table.columns }, (_, c) => {
      const columnKey = ourColumns.find(([, j]) => j === c)?.[0];
      return columnKey === undefined ? null : newContent(grid, g, columnKey, record.mode)?.format ?? null;
    }));
    writes.push({ row: bottom + 1, column: table.column, rows: N, columns: table.columns, mode, cells, numberFormat: formats, newRows: true });
  }
  const deleteRows = [...deleted].sort((a, b) => b - a).map((r) => ({ row: top + 1 + r, column: table.column, rows: 1, columns: table.columns }));

  // ---- the record after the write (rows in their new order; deleted rows gone; added rows last) ----
  const finalRows: { rowId: string; r: number | null; g: number | null }[] = [];
  const idAt = new Map([...rowOf.entries()].map(([rowId, r]) => [r, rowId]));
  const deletedSet = new Set(deleted);
  for (let r = 0; r < dataRows; r++) {
    if (deletedSet.has(r)) continue;
    const rowId = idAt.get(r);
    const g = rowId === undefined ? undefined : gridRowOf.get(rowId);
    finalRows.push(rowId !== undefined && g !== undefined ? { rowId, r, g } : { rowId: "", r, g: null });
  }
  for (const { rowId, g } of added) finalRows.push({ rowId, r: null, g });
  const finalTable: CellRect = { row: top, column: table.column, rows: 1 + finalRows.length, columns: table.columns };
  const finalLine = (key: "title" | "note" | "source"): { row: number; column: number; text: string } | null => {
    const line = lines.find((each) => each.key === key);
    if (!line?.ours) return null;
    const moved = lineMoves.find((each) => each.line === line);
    const row = key === "title" ? line.row : (moved?.row ?? line.row) - (follows(line) ? deleted.length : 0);
    return { row, column: line.column, text: line.text };
  };
  const finalLines = { title: finalLine("title"), note: finalLine("note"), source: finalLine("source") };
  const spots = [finalTable, ...Object.values(finalLines).flatMap((line) => (line ? [{ row: line.row, column: line.column, rows: 1, columns: 1 }] : []))];
  const blockTop = Math.min(...spots.map((s) => s.row));
  const blockLeft = Math.min(...spots.map((s) => s.column));
  const blockBottom = Math.max(...spots.map((s) => s.row + s.rows));
  const blockRight = Math.max(...spots.map((s) => s.column + s.columns));
  const finalBlock: CellRect = { row: blockTop, column: blockLeft, rows: blockBottom - blockTop, columns: blockRight - blockLeft };
  const hashes: (string | null)[][] = Array.from({ length: finalBlock.rows }, () => Array<string | null>(finalBlock.columns).fill(null));
  const put = (row: number, column: number, hash: string | null): void => {
    const line = hashes[row - finalBlock.row];
    if (line && column - finalBlock.column >= 0 && column - finalBlock.column < finalBlock.columns) line[column - finalBlock.column] = hash;
  };
  for (const [, c] of ourColumns) put(top, table.column + c, newHash.get(key(0, c)) ?? null);
  finalRows.forEach((each, i) => {
    if (each.g === null) return;
    for (const [columnKey, c] of ourColumns) {
      const fresh = newContent(grid, each.g, columnKey, record.mode);
      put(top + 1 + i, table.column + c, fresh ? cellHash(fresh.content) : null);
    }
  });
  for (const line of Object.values(finalLines)) if (line) put(line.row, line.column, cellHash(line.text));
  const finalHeader = Array.from({ length: table.columns }, (_, c) => {
    const columnKey = ourColumns.find(([, j]) => j === c)?.[0];
    return columnKey === undefined ? formulaOf(0, c) : grid.header[keyIndex(grid, columnKey)] ?? "";
  });
  const stillOmitted = [...omitted, ...recordedRows.filter(({ rowId }) => !rowOf.has(rowId) && gridRowOf.has(rowId)).map(({ rowId }) => rowId)].filter((id) => gridRowOf.has(id));
  const refreshed: RefreshedRecord = {
    ...record,
    releaseId: toRelease,
    sheet: { name: sheet.name, id: sheet.id },
    anchor: cellAddress(finalBlock.row, finalBlock.column),
    block: rectAddress(finalBlock),
    table: { name: table.name, id: table.id, address: rectAddress(finalTable) },
    lines: {
      title: finalLines.title ? cellAddress(finalLines.title.row, finalLines.title.column) : null,
      note: finalLines.note ? cellAddress(finalLines.note.row, finalLines.note.column) : null,
      source: finalLines.source ? cellAddress(finalLines.source.row, finalLines.source.column) : null,
    },
    columnKeys: ourColumns.map(([columnKey]) => columnKey),
    rowIds: finalRows.map((each) => each.rowId),
    headerFingerprint: headerFingerprint(finalHeader),
    cellHashes: hashes,
    ...(stillOmitted.length > 0 ? { omittedRowIds: [...new Set(stillOmitted)] } : {}),
  };
  const addedFormulas = added.reduce((n, { g }) => n + ourColumns.filter(([columnKey]) => isBjFormula(newContent(grid, g, columnKey, record.mode)?.content)).length, 0);
  const deletedFormulas = deleted.reduce((n, r) => n + (table.formulas[r + 1] ?? []).filter(isBjFormula).length, 0);
  return { report, write: { recordId: record.recordId, sheetId: sheet.id, partId, clears, writes, italic, deleteRows, record: refreshed }, formulaDelta: addedFormulas - deletedFormulas };
}

/** Spill mode: the =BJ.TABLE cell recalculates; the lines follow the spill area as it grows. */
function planSpill(located: LocatedRecord, ctx: Context, grid: TableGrid, sheet: SheetView, partId: string): TablePlan {
  const { record } = located.view;
  const toRelease = ctx.index.release.id;
  const block = parseA1(record.block);
  const cell = record.spillCell === null ? null : parseA1(record.spillCell);
  if (!block || !cell) return { report: reportOf(located, toRelease, "missing", [], { reason: "table_not_found" }), write: null };
  const at = (row: number, column: number): string => qualified(sheet.name, cellAddress(row, column));
  const oldBottom = cell.row + record.rowIds.length;
  const newBottom = cell.row + grid.rows.length;
  const width = Math.max(1, grid.header.length);
  const lines = findLines(record, grid, sheet, cell.row, oldBottom, cell.row, oldBottom, block);
  const changes: RefreshChange[] = [];
  let writesSomething = record.releaseId !== toRelease;
  if (writesSomething) changes.push({ rowId: null, columnKey: "spill", address: at(cell.row, cell.column), before: record.releaseId, after: toRelease, kind: "update", written: true });
  const grow = Math.max(0, newBottom - oldBottom);
  const ourLineCells = new Set(lines.filter((line) => line.ours).map((line) => `${line.row},${line.column}`));
  const occupied = (row: number, column: number): boolean => !isEmpty(cellOf(sheet, row, column)) && !ourLineCells.has(`${row},${column}`);
  let firstOccupied: string | null = null;
  for (let r = oldBottom + 1; r <= oldBottom + grow && firstOccupied === null; r++) {
    for (let c = cell.column; c < cell.column + width; c++) if (occupied(r, c)) { firstOccupied = at(r, c); break; }
  }
  const moves: { line: LineFound; row: number }[] = [];
  let userEdits = 0;
  for (const line of lines) {
    const target = line.key === "title" ? line.row : line.row + grow;
    if (!line.ours) {
      if (cellHash(line.current) !== cellHash(line.text)) {
        const gone = isEmpty(line.current);
        changes.push({ rowId: null, columnKey: line.key, address: gone ? null : at(line.row, line.column), before: asCell(line.current), after: line.text, kind: "user_edit", written: false, reason: gone ? "line_not_found" : "kept_user_edit" });
        userEdits++;
      }
      continue;
    }
    if (target !== line.row && occupied(target, line.column) && firstOccupied === null) firstOccupied = at(target, line.column);
    const textChanged = cellHash(line.current) !== cellHash(line.text);
    if (textChanged || target !== line.row) {
      moves.push({ line, row: target });
      writesSomething = true;
      if (textChanged) changes.push({ rowId: null, columnKey: line.key, address: at(line.row, line.column), before: asCell(line.current), after: line.text, kind: "update", written: true });
    }
  }
  const status: RefreshStatus = writesSomething ? "stale" : userEdits > 0 ? "edited" : "current";
  const blockedPlan = (reason: RefreshReason): TablePlan => ({
    report: reportOf(located, toRelease, "blocked", [...changes.map((change) => ({ ...change, written: false })), { rowId: null, columnKey: null, address: firstOccupied, before: null, after: null, kind: "blocked", written: false, reason }], { reason, sheet: sheet.name }),
    write: null,
  });
  if (writesSomething && sheet.protected) return blockedPlan("sheet_protected");
  if (firstOccupied !== null) return blockedPlan("cells_below_occupied");
  const report = reportOf(located, toRelease, status, changes, { sheet: sheet.name });
  if (!writesSomething) return { report, write: null };
  const clears = moves.filter(({ line, row }) => row !== line.row).map(({ line }) => ({ row: line.row, column: line.column, rows: 1, columns: 1 }));
  const writes: CellWrite[] = moves.map(({ line, row }) => ({ row, column: line.column, rows: 1, columns: 1, mode: "values", cells: [[line.text]], numberFormat: [[TEXT_FORMAT]] }));
  const italic = moves.filter(({ line, row }) => row !== line.row && line.key !== "title").map(({ row, line }) => ({ row, column: line.column, rows: 1, columns: 1 }));
  const finalLine = (key: "title" | "note" | "source"): { row: number; column: number; text: string } | null => {
    const line = lines.find((each) => each.key === key);
    if (!line?.ours) return null;
    return { row: moves.find((each) => each.line === line)?.row ?? line.row, column: line.column, text: line.text };
  };
  const finalLines = { title: finalLine("title"), note: finalLine("note"), source: finalLine("source") };
  const spillArea: CellRect = { row: cell.row, column: cell.column, rows: grid.rows.length + 1, columns: width };
  const spots = [spillArea, ...Object.values(finalLines).flatMap((line) => (line ? [{ row: line.row, column: line.column, rows: 1, columns: 1 }] : []))];
  const finalBlock: CellRect = {
    row: Math.min(...spots.map((s) => s.row)),
    column: Math.min(...spots.map((s) => s.column)),
    rows: Math.max(...spots.map((s) => s.row + s.rows)) - Math.min(...spots.map((s) => s.row)),
    columns: Math.max(...spots.map((s) => s.column + s.columns)) - Math.min(...spots.map((s) => s.column)),
  };
  const hashes: (string | null)[][] = Array.from({ length: finalBlock.rows }, () => Array<string | null>(finalBlock.columns).fill(null));
  const put = (row: number, column: number, hash: string): void => {
    const line = hashes[row - finalBlock.row];
    if (line) line[column - finalBlock.column] = hash;
  };
  put(cell.row, cell.column, cellHash(cellOf(sheet, cell.row, cell.column)));
  for (const line of Object.values(finalLines)) if (line) put(line.row, line.column, cellHash(line.text));
  const refreshed: RefreshedRecord = {
    ...record,
    releaseId: toRelease,
    sheet: { name: sheet.name, id: sheet.id },
    anchor: cellAddress(finalBlock.row, finalBlock.column),
    block: rectAddress(finalBlock),
    lines: {
      title: finalLines.title ? cellAddress(finalLines.title.row, finalLines.title.column) : null,
      note: finalLines.note ? cellAddress(finalLines.note.row, finalLines.note.column) : null,
      source: finalLines.source ? cellAddress(finalLines.source.row, finalLines.source.column) : null,
    },
    rowIds: [...grid.rowIds],
    cellHashes: hashes,
  };
  return { report, write: { recordId: record.recordId, sheetId: sheet.id, partId, clears, writes, italic, deleteRows: [], record: refreshed } };
}

/** Runs of BJ.* formula cells, one column at a time, per sheet; and the count per sheet. */
export function formulaCells(sheets: readonly SheetView[]): { counts: FormulaCount[]; runs: { sheetId: string; rects: CellRect[] }[] } {
  const counts: FormulaCount[] = [];
  const runs: { sheetId: string; rects: CellRect[] }[] = [];
  for (const sheet of sheets) {
    const used = sheet.used;
    if (!used) continue;
    const rects: CellRect[] = [];
    let count = 0;
    for (let c = 0; c < used.columns; c++) {
      let start = -1;
      for (let r = 0; r <= used.rows; r++) {
        const hit = r < used.rows && isBjFormula(used.formulas[r]?.[c]);
        if (hit) count++;
        if (hit && start < 0) start = r;
        if (!hit && start >= 0) {
          rects.push({ row: used.row + start, column: used.column + c, rows: r - start, columns: 1 });
          start = -1;
        }
      }
    }
    if (count > 0) {
      counts.push({ sheet: sheet.name, count });
      runs.push({ sheetId: sheet.id, rects });
    }
  }
  return { counts, runs };
}

/**
 * Plans a refresh of every tracked table of a workbook to a release. Pure: the same view and
 * release always give the same plan. Tables that are current or only edited by the user get no
 * write; a missing table is reported, never recreated; a blocked table gets no write at all.
 */
export function planRefresh(view: WorkbookView, release: DatasetIndex): RefreshPlan {
  const ctx: Context = { index: release, sheets: new Map(view.sheets.map((sheet) => [sheet.id, sheet])) };
  const plans = locateTrackedTables(view).map((located) => planTable(located, ctx));
  const writes = plans.flatMap((plan) => (plan.write ? [plan.write] : []));
  const cells = formulaCells(view.sheets);
  // The counts as they will be after the write: new formula rows in, deleted rows out.
  const delta = new Map<string, number>();
  for (const plan of plans) {
    const sheet = plan.write ? ctx.sheets.get(plan.write.sheetId) : undefined;
    if (sheet && plan.formulaDelta) delta.set(sheet.name, (delta.get(sheet.name) ?? 0) + plan.formulaDelta);
  }
  const counts = view.sheets.flatMap((sheet) => {
    const count = (cells.counts.find((each) => each.sheet === sheet.name)?.count ?? 0) + (delta.get(sheet.name) ?? 0);
    return count > 0 ? [{ sheet: sheet.name, count }] : [];
  });
  const tables = plans.map((plan) => plan.report);
  const upToDate = writes.length === 0 && tables.every((table) => table.status === "current" || table.status === "edited");
  return {
    report: {
      releaseId: release.release.id,
      tables,
      upToDate,
      damagedParts: view.damagedParts,
      formulaCells: counts,
      dryRun: false,
      writeOperations: 0,
      syncs: 0,
      logSheet: null,
    },
    writes,
    calculate: writes.length > 0 ? cells.runs : [],
  };
}

// ---------------------------------------------------------------- words -------------------------

export const REFRESH_STATUS_TEXT: Record<Language, Record<RefreshStatus, string>> = {
  en: { current: "Current", stale: "Stale", edited: "Edited", missing: "Missing", blocked: "Blocked" },
  zh: { current: "已是最新", stale: "待更新", edited: "有用户修改", missing: "已缺失", blocked: "无法更新" },
};

export const REFRESH_KIND_TEXT: Record<Language, Record<RefreshChangeKind, string>> = {
  en: {
    update: "Updated",
    unchanged: "Unchanged",
    user_edit: "Your edit kept",
    row_added: "Row added",
    row_removed: "Row removed",
    label_changed: "Label changed",
    missing_table: "Table missing",
    blocked: "Blocked",
  },
  zh: {
    update: "已更新",
    unchanged: "未变",
    user_edit: "保留您的修改",
    row_added: "新增行",
    row_removed: "删除行",
    label_changed: "名称变更",
    missing_table: "表格缺失",
    blocked: "无法更新",
  },
};

export const REFRESH_REASON_TEXT: Record<Language, Record<RefreshReason, string>> = {
  en: {
    kept_user_edit: "you changed this cell; your value is kept",
    deleted_by_user: "you deleted this row; it is not added back",
    row_has_user_data: "the row holds your data; it is kept",
    cells_below_would_move: "deleting the row would move cells below the table; it is kept",
    cells_below_occupied: "the cells below the table that new rows need are not empty; nothing was written to this table",
    sheet_protected: "the sheet is protected; nothing was written to this table",
    columns_changed: "the new release lays this table out with other columns; insert it again to get them",
    table_withdrawn: "the new release no longer has this table",
    duplicate_record: "another record has the same id; this one was left alone",
    column_not_found: "this column of ours was not found (renamed or deleted); it is left alone",
    table_not_found: "the table is no longer in the workbook; it was not recreated",
    line_not_found: "this line is no longer beside the table; it is left alone",
    totals_row: "the table has a totals row, so rows cannot be added or removed; turn it off and refresh again",
  },
  zh: {
    kept_user_edit: "您修改过此单元格，保留您的值",
    deleted_by_user: "您删除了此行，不再添加回来",
    row_has_user_data: "该行含有您的数据，予以保留",
    cells_below_would_move: "删除该行会移动表格下方的单元格，予以保留",
    cells_below_occupied: "新增行所需的表格下方单元格不为空，此表格未写入任何内容",
    sheet_protected: "工作表受保护，此表格未写入任何内容",
    columns_changed: "新版本中此表格的列不同，请重新插入以获得新列",
    table_withdrawn: "新版本中已没有此表格",
    duplicate_record: "另一条记录的编号相同，此记录未作处理",
    column_not_found: "未找到本加载项的这一列（已改名或删除），未作处理",
    table_not_found: "该表格已不在工作簿中，未重新创建",
    line_not_found: "此行文字已不在表格旁，未作处理",
    totals_row: "表格含汇总行，无法增删行；请关闭汇总行后重新刷新",
  },
};

const UP_TO_DATE: Record<Language, string> = { en: "Up to date", zh: "已是最新" };

const show = (cell: RefreshCell): string => (cell === null ? "—" : String(cell));

/** One line per change: "Sheet1!C5 value: 1777 → 1950 (Updated)". */
export function describeChange(change: RefreshChange, language: Language): string {
  const where = [change.address, change.rowId, change.columnKey].filter((part) => part !== null).join(" ");
  const arrow = change.before === null && change.after === null ? "" : `: ${show(change.before)} → ${show(change.after)}`;
  const reason = change.reason ? (language === "en" ? ` — ${REFRESH_REASON_TEXT.en[change.reason]}` : `（${REFRESH_REASON_TEXT.zh[change.reason]}）`) : "";
  const kind = REFRESH_KIND_TEXT[language][change.kind];
  return language === "en" ? `${where}${arrow} (${kind})${reason}` : `${where}${arrow}（${kind}）${reason}`;
}

/** A one-paragraph summary: "Up to date", or counts of tables per status and of cells written. */
export function summarizeReport(report: RefreshReport, language: Language): string {
  if (report.upToDate) return UP_TO_DATE[language];
  const counts = new Map<RefreshStatus, number>();
  for (const table of report.tables) counts.set(table.status, (counts.get(table.status) ?? 0) + 1);
  const parts = [...counts.entries()].map(([status, n]) => `${REFRESH_STATUS_TEXT[language][status]}${language === "en" ? ": " : "："}${n}`);
  const written = report.tables.reduce((n, table) => n + table.changes.filter((change) => change.written && change.kind !== "unchanged").length, 0);
  const release = language === "en" ? `Release ${report.releaseId}` : `数据版本 ${report.releaseId}`;
  const noun = written === 1 ? "change" : "changes";
  const cells = report.dryRun
    ? language === "en" ? `${written} ${noun} planned (nothing written yet)` : `计划 ${written} 处更改（尚未写入）`
    : language === "en" ? `${written} ${noun} written` : `已写入 ${written} 处更改`;
  return language === "en" ? `${release}. ${parts.join(", ")}. ${cells}.` : `${release}。${parts.join("，")}。${cells}。`;
}

/** The "Refresh log" sheet: a header row and one row per reported change (text only). */
export function refreshLogRows(report: RefreshReport, language: Language): string[][] {
  const header = language === "en"
    ? ["Table", "Status", "Row", "Column", "Address", "Before", "After", "Change", "Why"]
    : ["表格", "状态", "行", "列", "地址", "原值", "新值", "更改", "原因"];
  const rows: string[][] = [[summarizeReport(report, language), "", "", "", "", "", "", "", ""], header];
  for (const table of report.tables) {
    const name = table.tableName || table.tableId;
    const status = REFRESH_STATUS_TEXT[language][table.status];
    if (table.changes.length === 0) rows.push([name, status, "", "", "", "", "", "", ""]);
    for (const change of table.changes) {
      if (change.kind === "unchanged") continue;
      rows.push([
        name,
        status,
        change.rowId ?? "",
        change.columnKey ?? "",
        change.address ?? "",
        change.before === null ? "" : String(change.before),
        change.after === null ? "" : String(change.after),
        REFRESH_KIND_TEXT[language][change.kind],
        change.reason ? REFRESH_REASON_TEXT[language][change.reason] : "",
      ]);
    }
  }
  return rows;
}
