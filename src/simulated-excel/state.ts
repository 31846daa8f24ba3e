/**
 * The workbook engine: every change to the in-memory workbook goes through here, whether it comes
 * from a queued proxy operation at sync() or from a user-edit helper. It enforces Excel's rules
 * (sheet and table names, protection, table overlap, array shapes) by throwing SimOfficeErrors.
 */
import { MAX_COLUMNS, MAX_ROWS, type Rect, cellKey, contains, formatAddress, intersect, parseRect, splitSheet, withinSheet } from "./address";
import { SimOfficeError, accessDenied, invalidArgument, itemNotFound, rangeExceedsLimit, shapeMismatch } from "./errors";
import { type FormulaArgument, type FormulaResult, type SimCustomFunction, parseCall, settle } from "./formula";
import { assertNoFilteredShift, refilter, shiftFiltersForInsertedRows } from "./filter";
import { sessionSheetId } from "./ids";
import { renderValue } from "./number-format";
import type { Cell, CellFormat, CellValue, SheetModel, TableModel, WorkbookModel } from "./snapshot";
import { newSheet } from "./snapshot";

/** What reading a cell gives: its value, "" when empty. */
export type ReadValue = CellValue;

/** A cell as a formula engine reads it: its value, null when empty, an error value as `{ error }`. */
export type EngineValue = CellValue | null | { readonly error: string };

/**
 * What a formula engine (StateOptions.evaluateOther) may read while it evaluates one cell. Reads
 * see the workbook as it is at that moment; WorkbookState.recalculate evaluates again until no
 * value changes, so a formula that reads a later formula's result still ends up right.
 */
export interface FormulaContext {
  /** The sheet's name and the formula's cell, 0-based. */
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  /** The custom functions the host was given, by full upper-case name ("BJ.FDI_COUNT"). */
  readonly functions: Readonly<Record<string, SimCustomFunction>>;
  /** One cell (sheet null: the formula's own); undefined when the sheet does not exist (#REF!). */
  cell(sheet: string | null, row: number, column: number): EngineValue | undefined;
  /**
   * A rectangle's values from its top-left cell, cut short at the sheet's last used row and column
   * (everything beyond is empty), so that "A:A" costs what the sheet holds, not a million rows.
   * Undefined when the sheet does not exist.
   */
  values(sheet: string | null, rect: Rect): EngineValue[][] | undefined;
}

export interface StateOptions {
  readonly functions: Readonly<Record<string, SimCustomFunction>>;
  /**
   * Evaluates a formula that is not a plain =NS.NAME(...) call (the preview passes a real formula
   * engine, src/preview/formula-engine.ts); without it such formulas show #NAME?.
   */
  readonly evaluateOther?: (formula: string, context: FormulaContext) => CellValue | FormulaResult | Promise<CellValue | FormulaResult>;
  /** Function names in Excel's display language: English full name (upper case) → localized full name. */
  readonly localizedFunctionNames?: Readonly<Record<string, string>>;
  /** A cell calling a registered custom function reads #BUSY! until its sync ends (see SimulatedExcelOptions). */
  readonly asyncCustomFunctions?: boolean;
}

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;
const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*([Cc][0-9]*)?|[Cc][0-9]*)$/;

/**
 * "A range is limited to 5,000,000 cells for read operations" (Resource limits and performance
 * optimization for Office Add-ins, section "Excel add-ins"); over it, Excel fails with
 * RangeExceedsLimit. Any read of cell data or cell formats counts (the page names no exception).
 */
export const READ_CELL_LIMIT = 5_000_000;

/** How a write to cells interprets strings: as values typed in ("values") or formulas ("formulas"). */
export type WriteMode = "values" | "formulas";

export class WorkbookState {
  /** Set by application.suspendApiCalculationUntilNextSync(); formulas wait for the end of the sync. */
  calculationSuspended = false;
  /** The estimated size (JSON length) of what the current sync has loaded: its response. */
  responseBytes = 0;
  /**
   * What the current sync hands back to its proxies (loaded properties, method results, null-object
   * answers): delivered only if the whole sync succeeds, as a failed request returns no results.
   */
  private responses: (() => void)[] = [];
  private readonly dirtyFormulas = new Set<string>();
  /** Formulas ("sheetId!row,column") showing #SPILL! because cells were in the way: written cells may free them. */
  private readonly blockedSpills = new Set<string>();

  constructor(
    readonly model: WorkbookModel,
    private readonly options: StateOptions,
  ) {}

  newId(): string {
    return String(this.model.nextId++);
  }

  // ---- sheets ----

  sheet(id: string): SheetModel | undefined {
    return this.model.sheets.find((sheet) => sheet.id === id);
  }

  requireSheet(id: string): SheetModel {
    const sheet = this.sheet(id);
    if (!sheet) throw itemNotFound("worksheet", "Worksheet");
    return sheet;
  }

  sheetByName(name: string): SheetModel | undefined {
    const wanted = name.toLowerCase();
    return this.model.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
  }

  requireSheetByName(name: string, location: string): SheetModel {
    const sheet = this.sheetByName(name);
    if (!sheet) throw itemNotFound(`worksheet '${name}'`, location);
    return sheet;
  }

  activeSheet(): SheetModel {
    return this.requireSheet(this.model.activeSheetId);
  }

  private checkSheetName(name: string, except: SheetModel | null, location: string): void {
    if (name.trim() === "" || name.length > 31 || SHEET_NAME_FORBIDDEN.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw invalidArgument(`Invalid sheet name "${name}".`, location);
    }
    const other = this.sheetByName(name);
    if (other && other !== except) {
      throw new SimOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}.`, location);
    }
  }

  addSheet(name?: string): SheetModel {
    let chosen = name;
    if (chosen === undefined) {
      let n = this.model.sheets.length + 1;
      while (this.sheetByName(`Sheet${n}`)) n++;
      chosen = `Sheet${n}`;
    }
    this.checkSheetName(chosen, null, "WorksheetCollection.add");
    const sheet = newSheet(sessionSheetId(), chosen);
    this.model.sheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: string): void {
    this.checkSheetName(name, sheet, "Worksheet.name");
    sheet.name = name;
  }

  moveSheet(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.model.sheets.length) {
      throw invalidArgument(`Position ${position} is outside the workbook.`, "Worksheet.position");
    }
    this.model.sheets.splice(this.model.sheets.indexOf(sheet), 1);
    this.model.sheets.splice(position, 0, sheet);
  }

  deleteSheet(sheet: SheetModel): void {
    if (sheet.visibility === "VeryHidden") {
      // Worksheet.delete reference: a "VeryHidden" sheet must be made hidden or visible first.
      throw new SimOfficeError("InvalidOperation", "A very hidden worksheet can't be deleted; make it hidden or visible first.", "Worksheet.delete");
    }
    const visible = this.model.sheets.filter((each) => each.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet) {
      throw new SimOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.", "Worksheet.delete");
    }
    this.model.sheets.splice(this.model.sheets.indexOf(sheet), 1);
    this.model.tables = this.model.tables.filter((table) => table.sheetId !== sheet.id);
    if (this.model.activeSheetId === sheet.id) {
      const next = this.model.sheets.find((each) => each.visibility === "Visible");
      if (next) this.activateSheet(next);
    }
  }

  activateSheet(sheet: SheetModel): void {
    if (sheet.visibility !== "Visible") throw new SimOfficeError("InvalidOperation", "A hidden sheet can't be activated.", "Worksheet.activate");
    if (this.model.activeSheetId !== sheet.id) this.model.selection = { row: 0, column: 0, rows: 1, columns: 1 };
    this.model.activeSheetId = sheet.id;
  }

  /**
   * Sheet protection, as Excel with the default protection options: every change to the sheet's
   * cells, formats, merges, tables, rows or columns is refused. Every such change, from a proxy or
   * a user edit, must call this before changing anything (the contract test lists each kind).
   */
  assertWritable(sheet: SheetModel, location: string): void {
    if (sheet.protected) throw accessDenied(location);
  }

  /** Resolves an address that may name a sheet ("Sheet2!A1"); `fallback` is used otherwise. */
  resolveAddress(address: string, fallback: SheetModel, location: string): { sheet: SheetModel; rect: Rect } {
    const { sheet, local } = splitSheet(address);
    return { sheet: sheet === null ? fallback : this.requireSheetByName(sheet, location), rect: parseRect(local, location) };
  }

  // ---- cells ----

  cell(sheet: SheetModel, row: number, column: number): Cell | undefined {
    return sheet.cells[cellKey(row, column)];
  }

  private touch(sheet: SheetModel, row: number, column: number): Cell {
    const key = cellKey(row, column);
    let cell = sheet.cells[key];
    if (!cell) {
      cell = { value: null };
      sheet.cells[key] = cell;
    }
    return cell;
  }

  /** The stored cells inside rect, row by row: sparse, so a whole-sheet rect costs what the sheet holds. */
  private storedCells(sheet: SheetModel, rect: Rect): [number, number][] {
    const inside: [number, number][] = [];
    for (const key of Object.keys(sheet.cells)) {
      const [row = 0, column = 0] = key.split(",").map(Number);
      if (contains(rect, row, column)) inside.push([row, column]);
    }
    return inside.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  private prune(sheet: SheetModel, row: number, column: number): void {
    const key = cellKey(row, column);
    const cell = sheet.cells[key];
    if (cell && cell.value === null && cell.formula === undefined && cell.numberFormat === undefined && cell.format === undefined && cell.hyperlink === undefined) {
      delete sheet.cells[key];
    }
  }

  private checkShape(rect: Rect, input: unknown, location: string): readonly (readonly unknown[])[] {
    if (!Array.isArray(input)) {
      // "null isn't valid for single properties like range.values" (Blank and null values in Excel add-ins).
      if (input === null || input === undefined) throw invalidArgument("null is not a valid value for the whole range.", location);
      // Excel applies a single value to every cell of the range (Range.values reference).
      return Array.from({ length: rect.rows }, () => Array<unknown>(rect.columns).fill(input));
    }
    const rows = input as unknown[];
    if (rows.length !== rect.rows || rows.some((row) => !Array.isArray(row) || (row as unknown[]).length !== rect.columns)) {
      throw shapeMismatch(location);
    }
    return rows as unknown[][];
  }

  /**
   * Writes values or formulas. Per cell: null leaves it unchanged; "" clears its value and formula;
   * a string starting with "=" (or, when not a number, "+", "-" or "@") becomes a formula unless
   * the cell's number format is "@" (text), in which case it is stored as text; a numeric string
   * in a non-text cell becomes a number, as Excel parses typed input.
   */
  writeCells(sheet: SheetModel, rect: Rect, input: unknown, mode: WriteMode, location: string): void {
    const rows = this.checkShape(rect, input, location);
    rows.forEach((row, r) =>
      row.forEach((raw, c) => {
        if (raw === null || raw === undefined) return;
        if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") {
          throw invalidArgument("Cell values must be strings, numbers or booleans.", location);
        }
        if (typeof raw === "number" && !Number.isFinite(raw)) throw invalidArgument("Numbers must be finite.", location);
        const rowIndex = rect.row + r;
        const columnIndex = rect.column + c;
        const cell = this.touch(sheet, rowIndex, columnIndex);
        // Typing into a live spill's range blocks it: its formula shows #SPILL! (evaluated again).
        if (cell.spillFrom !== undefined) this.dirtyFormulas.add(`${sheet.id}!${cell.spillFrom}`);
        if (cell.formula !== undefined) this.clearSpill(sheet, cellKey(rowIndex, columnIndex));
        delete cell.error;
        delete cell.formula;
        delete cell.spillFrom;
        if (raw === "") cell.value = null;
        else if (typeof raw !== "string") cell.value = raw;
        else this.writeString(sheet, cell, cellKey(rowIndex, columnIndex), raw, mode);
        this.prune(sheet, rowIndex, columnIndex);
      }),
    );
    this.retryBlockedSpills(sheet);
  }

  /** Formulas blocked from spilling on `sheet` are evaluated again: the cells in their way may have gone. */
  private retryBlockedSpills(sheet: SheetModel): void {
    for (const entry of this.blockedSpills) if (entry.startsWith(`${sheet.id}!`)) this.dirtyFormulas.add(entry);
  }

  private writeString(sheet: SheetModel, cell: Cell, key: string, text: string, mode: WriteMode): void {
    if (cell.numberFormat === "@") {
      cell.value = text;
      return;
    }
    const numeric = text.trim() !== "" && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim());
    if (numeric) {
      cell.value = Number(text);
      return;
    }
    const formula = text.startsWith("=")
      ? text
      : mode === "values" && (text.startsWith("+") || text.startsWith("-"))
        ? `=${text}`
        : mode === "values" && text.startsWith("@")
          ? `=${text.slice(1)}`
          : null;
    if (formula === null || formula.length < 2) {
      cell.value = text;
      return;
    }
    cell.formula = formula;
    cell.value = null;
    this.dirtyFormulas.add(`${sheet.id}!${key}`);
  }

  writeNumberFormat(sheet: SheetModel, rect: Rect, input: unknown, location: string): void {
    const rows = this.checkShape(rect, input, location);
    rows.forEach((row, r) =>
      row.forEach((raw, c) => {
        if (raw === null || raw === undefined) return;
        if (typeof raw !== "string") throw invalidArgument("Number formats must be strings.", location);
        const cell = this.touch(sheet, rect.row + r, rect.column + c);
        // "" resets the format to General (Blank and null values in Excel add-ins).
        if (raw === "General" || raw === "") delete cell.numberFormat;
        else cell.numberFormat = raw;
        this.prune(sheet, rect.row + r, rect.column + c);
      }),
    );
  }

  /** Adds a loaded value to the current sync's response estimate. */
  noteResponse(value: unknown): void {
    this.responseBytes += JSON.stringify(value)?.length ?? 0;
  }

  /** Queues a result for the proxies, delivered when the sync succeeds (see `responses`). */
  respond(deliver: () => void): void {
    this.responses.push(deliver);
  }

  /** Starts a sync's response: nothing is pending, nothing counted. */
  beginResponse(): void {
    this.responses = [];
    this.responseBytes = 0;
  }

  /** Ends a sync's response: on success the proxies get their results; on failure none. */
  endResponse(succeeded: boolean): void {
    const responses = this.responses;
    this.responses = [];
    if (succeeded) for (const deliver of responses) deliver();
  }

  /** Refuses a read of more cells than Excel reads at once (READ_CELL_LIMIT), before any work. */
  checkReadSize(rect: Rect, location = "Range.load"): void {
    if (rect.rows * rect.columns > READ_CELL_LIMIT) throw rangeExceedsLimit(location);
  }

  private grid<T>(rect: Rect, read: (row: number, column: number) => T): T[][] {
    this.checkReadSize(rect);
    return Array.from({ length: rect.rows }, (_, r) => Array.from({ length: rect.columns }, (_, c) => read(rect.row + r, rect.column + c)));
  }

  readValues(sheet: SheetModel, rect: Rect): ReadValue[][] {
    return this.grid(rect, (row, column) => this.cell(sheet, row, column)?.value ?? "");
  }

  readFormulas(sheet: SheetModel, rect: Rect): ReadValue[][] {
    return this.grid(rect, (row, column) => {
      const cell = this.cell(sheet, row, column);
      return cell?.formula ?? cell?.value ?? "";
    });
  }

  readNumberFormat(sheet: SheetModel, rect: Rect): string[][] {
    return this.grid(rect, (row, column) => this.cell(sheet, row, column)?.numberFormat ?? "General");
  }

  readText(sheet: SheetModel, rect: Rect): string[][] {
    return this.grid(rect, (row, column) => {
      const cell = this.cell(sheet, row, column);
      if (!cell) return "";
      return renderValue(cell.value, cell.numberFormat ?? "General", cell.error === true);
    });
  }

  readValueTypes(sheet: SheetModel, rect: Rect): string[][] {
    return this.grid(rect, (row, column) => {
      const cell = this.cell(sheet, row, column);
      if (!cell || cell.value === null) return "Empty";
      if (cell.error) return "Error";
      return typeof cell.value === "number" ? "Double" : typeof cell.value === "boolean" ? "Boolean" : "String";
    });
  }

  /** A format property over a range: its value if all cells agree, else null (as Excel reports mixed formats). */
  readFormat<K extends keyof CellFormat>(sheet: SheetModel, rect: Rect, key: K, fallback: NonNullable<CellFormat[K]>): CellFormat[K] | null {
    this.checkReadSize(rect, "RangeFormat.load");
    let result: CellFormat[K] | undefined;
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.column; c < rect.column + rect.columns; c++) {
        const value = this.cell(sheet, r, c)?.format?.[key] ?? fallback;
        if (result === undefined) result = value;
        else if (result !== value) return null;
      }
    }
    return result ?? fallback;
  }

  writeFormat<K extends keyof CellFormat>(sheet: SheetModel, rect: Rect, key: K, value: CellFormat[K]): void {
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.column; c < rect.column + rect.columns; c++) {
        const cell = this.touch(sheet, r, c);
        cell.format = { ...cell.format, [key]: value };
      }
    }
  }

  setHyperlink(sheet: SheetModel, rect: Rect, link: Cell["hyperlink"]): void {
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.column; c < rect.column + rect.columns; c++) {
        const cell = this.touch(sheet, r, c);
        if (link) cell.hyperlink = { ...link };
        else delete cell.hyperlink;
        if (link?.textToDisplay !== undefined && cell.formula === undefined) cell.value = link.textToDisplay;
        this.prune(sheet, r, c);
      }
    }
  }

  /** Range.clear(applyTo): "All" (default), "Formats", "Contents" or "Hyperlinks". */
  clear(sheet: SheetModel, rect: Rect, applyTo: string): void {
    for (const [r, c] of this.storedCells(sheet, rect)) {
      const cell = this.cell(sheet, r, c);
      if (!cell) continue;
      if (applyTo === "All" || applyTo === "Contents") {
        // Clearing a formula that spills clears its spilled values too, as deleting it does in Excel.
        if (cell.formula !== undefined) this.clearSpill(sheet, cellKey(r, c));
        cell.value = null;
        delete cell.formula;
        delete cell.error;
        delete cell.spillFrom;
      }
      if (applyTo === "All" || applyTo === "Formats") {
        delete cell.numberFormat;
        delete cell.format;
      }
      if (applyTo === "All" || applyTo === "Hyperlinks") delete cell.hyperlink;
      this.prune(sheet, r, c);
    }
    if (applyTo === "All" || applyTo === "Contents") this.retryBlockedSpills(sheet);
  }

  /** The smallest rect holding every cell with a value (and, unless valuesOnly, any format); null if none. */
  usedRect(sheet: SheetModel, valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, cell] of Object.entries(sheet.cells)) {
      if (valuesOnly && cell.value === null && cell.formula === undefined) continue;
      const [row = 0, column = 0] = key.split(",").map(Number);
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    if (bottom < 0) return null;
    return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  // ---- merges ----

  merge(sheet: SheetModel, rect: Rect, across: boolean): void {
    this.assertWritable(sheet, "Range.merge");
    if (this.model.tables.some((table) => table.sheetId === sheet.id && intersect(table.rect, rect))) {
      throw new SimOfficeError("InvalidOperation", "Cells in a table can't be merged.", "Range.merge");
    }
    const pieces = across ? Array.from({ length: rect.rows }, (_, r) => ({ ...rect, row: rect.row + r, rows: 1 })) : [rect];
    for (const piece of pieces) {
      if (piece.rows * piece.columns < 2) continue;
      sheet.merges = sheet.merges.filter((merge) => !intersect(merge, piece));
      sheet.merges.push(piece);
      // Excel keeps only the upper-left value of a merged area.
      for (let r = piece.row; r < piece.row + piece.rows; r++) {
        for (let c = piece.column; c < piece.column + piece.columns; c++) {
          if (r === piece.row && c === piece.column) continue;
          const cell = this.cell(sheet, r, c);
          if (cell) {
            cell.value = null;
            delete cell.formula;
            this.prune(sheet, r, c);
          }
        }
      }
    }
  }

  unmerge(sheet: SheetModel, rect: Rect): void {
    this.assertWritable(sheet, "Range.unmerge");
    sheet.merges = sheet.merges.filter((merge) => !intersect(merge, rect));
  }

  // ---- tables ----

  tableByName(name: string): TableModel | undefined {
    const wanted = name.toLowerCase();
    return this.model.tables.find((table) => table.name.toLowerCase() === wanted);
  }

  requireTable(name: string, location: string): TableModel {
    const table = this.tableByName(name);
    if (!table) throw itemNotFound(`table '${name}'`, location);
    return table;
  }

  /** Table and defined names share one namespace in Excel, case-insensitively. */
  private checkTableName(name: string, except: TableModel | null, location: string): void {
    if (name.length === 0 || name.length > 255 || !TABLE_NAME.test(name) || LOOKS_LIKE_CELL.test(name)) {
      throw invalidArgument(`"${name}" is not a valid table name.`, location);
    }
    const table = this.tableByName(name);
    const taken = (table && table !== except) || this.model.names.some((each) => each.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new SimOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}.`, location);
  }

  private checkTableArea(sheet: SheetModel, rect: Rect, except: TableModel | null, location: string): void {
    if (!withinSheet(rect)) throw invalidArgument("The table range is outside the sheet.", location);
    const other = this.model.tables.find((table) => table !== except && table.sheetId === sheet.id && intersect(table.rect, rect));
    if (other) {
      throw new SimOfficeError("InvalidOperation", `A table can't overlap another table (${other.name}).`, location);
    }
    if (sheet.merges.some((merge) => intersect(merge, rect))) {
      throw new SimOfficeError("MergedRangeConflict", "A table can't overlap merged cells.", location);
    }
  }

  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean): TableModel {
    const location = "TableCollection.add";
    this.assertWritable(sheet, location);
    let area = rect;
    if (!hasHeaders) {
      // Excel adds a header row above the data: the cells of the table's columns shift down one row.
      this.shiftDown(sheet, rect.row, 1, { from: rect.column, to: rect.column + rect.columns });
      area = { ...rect, rows: rect.rows + 1 };
    }
    this.checkTableArea(sheet, area, null, location);
    let n = this.model.tables.length + 1;
    while (this.tableByName(`Table${n}`) || this.model.names.some((each) => each.name.toLowerCase() === `table${n}`)) n++;
    const table: TableModel = {
      id: this.newId(),
      name: `Table${n}`,
      sheetId: sheet.id,
      rect: area,
      showHeaders: true,
      showTotals: false,
      showBandedRows: true,
      style: "TableStyleMedium2",
    };
    this.normaliseHeaders(sheet, table);
    this.model.tables.push(table);
    return table;
  }

  /** Headers are unique, non-empty text: blanks become "ColumnN" and duplicates get a number. */
  private normaliseHeaders(sheet: SheetModel, table: TableModel): void {
    const seen = new Set<string>();
    for (let c = 0; c < table.rect.columns; c++) {
      const cell = this.touch(sheet, table.rect.row, table.rect.column + c);
      const base = cell.value === null || cell.value === "" ? `Column${c + 1}` : String(cell.value);
      let name = base;
      for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
      seen.add(name.toLowerCase());
      cell.value = name;
      delete cell.formula;
    }
  }

  renameTable(table: TableModel, name: string): void {
    this.assertWritable(this.requireSheet(table.sheetId), "Table.name");
    this.checkTableName(name, table, "Table.name");
    table.name = name;
  }

  resizeTable(table: TableModel, rect: Rect): void {
    const sheet = this.requireSheet(table.sheetId);
    this.assertWritable(sheet, "Table.resize");
    if (rect.row !== table.rect.row || !intersect(rect, table.rect)) {
      throw invalidArgument("The header row must stay in the same row and the new range must overlap the table.", "Table.resize");
    }
    this.checkTableArea(sheet, rect, table, "Table.resize");
    table.rect = rect;
    this.normaliseHeaders(sheet, table);
  }

  deleteTable(table: TableModel): void {
    const sheet = this.requireSheet(table.sheetId);
    this.assertWritable(sheet, "Table.delete");
    this.clear(sheet, table.rect, "All");
    this.model.tables.splice(this.model.tables.indexOf(table), 1);
    refilter(sheet, this.model.tables);
  }

  sortTable(table: TableModel, column: number, ascending: boolean): void {
    const sheet = this.requireSheet(table.sheetId);
    this.assertWritable(sheet, "Table.sort");
    if (column < 0 || column >= table.rect.columns) throw invalidArgument("Sort column outside the table.", "TableSort.apply");
    // A filtered table sorts its visible rows only; hidden rows keep their place, as in Excel.
    const hidden = new Set(sheet.hiddenRows ?? []);
    const places = Array.from({ length: table.rect.rows - 1 }, (_, r) => table.rect.row + 1 + r).filter((row) => !hidden.has(row));
    const rows = places.map((row) => Array.from({ length: table.rect.columns }, (_, c) => sheet.cells[cellKey(row, table.rect.column + c)]));
    const key = (row: (Cell | undefined)[]): CellValue | null => row[column]?.value ?? null;
    const rank = (value: CellValue | null): number => (value === null ? 3 : typeof value === "number" ? 0 : typeof value === "string" ? 1 : 2);
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      // Blanks sort last either way, as in Excel.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = rank(x) - rank(y) || (typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : Number(x) - Number(y));
      return ascending ? order : -order;
    });
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const cellAt = cellKey(places[r] ?? 0, table.rect.column + c);
        if (cell) sheet.cells[cellAt] = cell;
        else delete sheet.cells[cellAt];
      }),
    );
  }

  // ---- table rows and columns (TableRowCollection.add, TableColumnCollection.add) ----

  /** The 2-D values for an added band: none gives one blank line, a single value fills it. */
  private bandValues(values: unknown, width: number, location: string): unknown[][] {
    if (values === undefined || values === null) return [Array<null>(width).fill(null)];
    if (!Array.isArray(values)) return this.bandValues([Array<unknown>(width).fill(values)], width, location);
    const rows: unknown[] = values;
    if (rows.length === 0 || rows.some((row) => !Array.isArray(row) || (row as unknown[]).length !== width)) throw shapeMismatch(location);
    const checked = rows as unknown[][];
    // Checked before anything moves, so that a bad value cannot leave a half-inserted band.
    const bad = checked.flat().some((value) => value !== null && !["string", "boolean"].includes(typeof value) && !(typeof value === "number" && Number.isFinite(value)));
    if (bad) throw invalidArgument("Cell values must be strings, finite numbers or booleans.", location);
    return checked;
  }

  /**
   * Moves the cells, tables and merges of a band (rows or columns `from`..`to` of the other axis)
   * that lie at or past `at` by `count`, as Excel inserts cells into a table: only within the
   * table's columns (rows) and never splitting another table or a merged area.
   */
  private shiftBand(sheet: SheetModel, axis: "rows" | "columns", at: number, count: number, band: { from: number; to: number }, except: TableModel | null, location: string): void {
    const down = axis === "rows";
    const start = (rect: Rect): number => (down ? rect.row : rect.column);
    const across = (rect: Rect): { from: number; to: number } => (down ? { from: rect.column, to: rect.column + rect.columns } : { from: rect.row, to: rect.row + rect.rows });
    const end = (rect: Rect): number => start(rect) + (down ? rect.rows : rect.columns);
    const moved = (rect: Rect): Rect => (down ? { ...rect, row: rect.row + count } : { ...rect, column: rect.column + count });
    const affected = (rect: Rect): boolean => {
      const span = across(rect);
      return end(rect) > at && span.from < band.to && span.to > band.from;
    };
    const inside = (rect: Rect): boolean => {
      const span = across(rect);
      return start(rect) >= at && span.from >= band.from && span.to <= band.to;
    };
    const tables = this.model.tables.filter((table) => table !== except && table.sheetId === sheet.id && affected(table.rect));
    const merges = sheet.merges.filter(affected);
    if ([...tables.map((table) => table.rect), ...merges].some((rect) => !inside(rect))) {
      throw new SimOfficeError("InvalidOperation", "This operation would shift cells of another table or of merged cells.", location);
    }
    const limit = down ? MAX_ROWS : MAX_COLUMNS;
    for (const key of Object.keys(sheet.cells)) {
      const [row = 0, column = 0] = key.split(",").map(Number);
      const [along, other] = down ? [row, column] : [column, row];
      if (along >= at && other >= band.from && other < band.to && along + count >= limit) {
        throw invalidArgument("The insertion would push cells off the sheet.", location);
      }
    }
    this.moveCells(sheet, (row, column) => {
      const [along, other] = down ? [row, column] : [column, row];
      if (along < at || other < band.from || other >= band.to) return null;
      return down ? [row + count, column] : [row, column + count];
    });
    for (const table of tables) table.rect = moved(table.rect);
    sheet.merges = sheet.merges.map((merge) => (merges.includes(merge) ? moved(merge) : merge));
  }

  /** Copies number format and cell format (not content) from one cell to another. */
  private copyFormat(sheet: SheetModel, from: [number, number], to: [number, number]): void {
    const source = this.cell(sheet, from[0], from[1]);
    if (!source || (source.numberFormat === undefined && source.format === undefined)) return;
    const cell = this.touch(sheet, to[0], to[1]);
    if (source.numberFormat !== undefined) cell.numberFormat = source.numberFormat;
    if (source.format !== undefined) cell.format = { ...source.format };
  }

  /**
   * TableRowCollection.add: inserts rows at data-row `index` (null, undefined or -1: at the end),
   * shifting the cells below down within the table's columns; the new rows take the formats of
   * the row above (of the first data row when inserted at the top), then `values`. Returns the
   * data-row index of the first new row.
   */
  addTableRows(table: TableModel, index: number | null | undefined, values: unknown, location: string): number {
    const sheet = this.requireSheet(table.sheetId);
    this.assertWritable(sheet, location);
    const dataRows = table.rect.rows - 1;
    const position = index === null || index === undefined || index === -1 ? dataRows : index;
    if (!Number.isInteger(position) || position < 0 || position > dataRows) {
      throw invalidArgument(`Row index ${String(index)} is outside the table.`, location);
    }
    const rows = this.bandValues(values, table.rect.columns, location);
    const at = table.rect.row + 1 + position;
    const count = rows.length;
    // A filtered table takes no new rows (stricter where silent), nor may cells of another filter move.
    if (table.filterCriteria && Object.keys(table.filterCriteria).length > 0) assertNoFilteredShift(sheet, [table], table.rect, "rows", location);
    assertNoFilteredShift(sheet, this.model.tables, { row: at, column: table.rect.column, rows: 1, columns: table.rect.columns }, "rows", location);
    this.shiftBand(sheet, "rows", at, count, { from: table.rect.column, to: table.rect.column + table.rect.columns }, table, location);
    table.rect = { ...table.rect, rows: table.rect.rows + count };
    const model = position > 0 ? at - 1 : dataRows > 0 ? at + count : null;
    for (let r = 0; r < count; r++) {
      for (let c = 0; c < table.rect.columns; c++) {
        if (model !== null) this.copyFormat(sheet, [model, table.rect.column + c], [at + r, table.rect.column + c]);
      }
    }
    this.writeCells(sheet, { row: at, column: table.rect.column, rows: count, columns: table.rect.columns }, rows, "values", location);
    return position;
  }

  /**
   * TableColumnCollection.add: inserts a column at `index` (null, undefined or -1: at the end),
   * shifting the table's cells to its right within the table's rows. `values` is a column of
   * header + data cells; `name`, if given, is the header. Returns the column's index.
   */
  addTableColumn(table: TableModel, index: number | null | undefined, values: unknown, name: string | null | undefined, location: string): number {
    const sheet = this.requireSheet(table.sheetId);
    this.assertWritable(sheet, location);
    const columns = table.rect.columns;
    const position = index === null || index === undefined || index === -1 ? columns : index;
    if (!Number.isInteger(position) || position < 0 || position > columns) {
      throw invalidArgument(`Column index ${String(index)} is outside the table.`, location);
    }
    const cells =
      values === undefined || values === null
        ? null
        : Array.isArray(values)
          ? this.bandValues(values, 1, location)
          : this.bandValues(Array.from({ length: table.rect.rows }, () => [values]), 1, location);
    if (cells && cells.length !== table.rect.rows) throw shapeMismatch(location);
    const at = table.rect.column + position;
    assertNoFilteredShift(sheet, this.model.tables, { row: table.rect.row, column: at, rows: table.rect.rows, columns: 1 }, "columns", location);
    this.shiftBand(sheet, "columns", at, 1, { from: table.rect.row, to: table.rect.row + table.rect.rows }, table, location);
    table.rect = { ...table.rect, columns: columns + 1 };
    if (cells) this.writeCells(sheet, { row: table.rect.row, column: at, rows: table.rect.rows, columns: 1 }, cells, "values", location);
    if (name !== undefined && name !== null) {
      const header = this.touch(sheet, table.rect.row, at);
      header.value = name;
      delete header.formula;
    }
    this.normaliseHeaders(sheet, table);
    return position;
  }

  /**
   * Writes values or formulas (as writeCells) and lets a table grow over them, as documented:
   * "If you are trying to write data into an existing table, write the data into a range object
   * via table.getDataBodyRange(), and the table will expand automatically", with the example
   * `table.getDataBodyRange().getRowsBelow(1).values = ...` (Performance optimization using the
   * Excel JavaScript API, "Importing data into tables"); "Coauthoring in Excel add-ins" gives the
   * same advice instead of TableRowCollection.add.
   *
   * The trigger, as the docs show it: the write covers the empty row directly below the table
   * (starting there or inside the table's data rows) and sets a value in at least one of the
   * table's columns of that row. Then the table takes every row of the write below it (several
   * rows: not confirmed, the stricter reading for code that writes a note under a table). No growth
   * for an empty first row below (a spacer), for a write of blanks or number formats alone, for a
   * row below that already held something, for a table with a totals row, or where the grown table
   * would meet another table or merged cells. Used by Range.values and Range.formulas only: user
   * edits (typing) never grow a table here.
   */
  writeCellsBelowTables(sheet: SheetModel, rect: Rect, input: unknown, mode: WriteMode, location: string): void {
    const rows = Array.isArray(input) ? (input as unknown[]) : null;
    const filled = (value: unknown): boolean => value !== null && value !== undefined && value !== "";
    const growing = this.model.tables.filter((table) => {
      const below = table.rect.row + table.rect.rows;
      if (table.sheetId !== sheet.id || table.showTotals) return false;
      if (rect.row <= table.rect.row || rect.row > below || rect.row + rect.rows <= below) return false;
      const from = Math.max(rect.column, table.rect.column);
      const to = Math.min(rect.column + rect.columns, table.rect.column + table.rect.columns);
      if (from >= to) return false;
      for (let c = table.rect.column; c < table.rect.column + table.rect.columns; c++) {
        const cell = this.cell(sheet, below, c);
        if (cell && (cell.value !== null || cell.formula !== undefined)) return false;
      }
      if (rows === null) return filled(input);
      const first = rows[below - rect.row];
      return Array.isArray(first) && (first as unknown[]).slice(from - rect.column, to - rect.column).some(filled);
    });
    this.writeCells(sheet, rect, input, mode, location);
    for (const table of growing) {
      const grown: Rect = { ...table.rect, rows: rect.row + rect.rows - table.rect.row };
      const clash = this.model.tables.some((other) => other !== table && other.sheetId === sheet.id && intersect(other.rect, grown)) || sheet.merges.some((merge) => intersect(merge, grown));
      if (!clash && withinSheet(grown)) table.rect = grown;
    }
  }

  /**
   * Range.delete(shift): the cells of `rect` go and the cells beyond them, within the range's
   * columns ("Up") or rows ("Left"), move in. A table row range (the table's full width, data rows
   * only) deletes those table rows and the table shrinks. Cutting into a table otherwise, or
   * moving part of another table or merged area, fails with InvalidOperation.
   */
  deleteCells(sheet: SheetModel, rect: Rect, shift: "Up" | "Left", location: string): void {
    this.assertWritable(sheet, location);
    const up = shift === "Up";
    assertNoFilteredShift(sheet, this.model.tables, rect, up ? "rows" : "columns", location);
    let shrinking: TableModel | null = null;
    for (const table of this.model.tables) {
      if (table.sheetId !== sheet.id || !intersect(table.rect, rect)) continue;
      const t = table.rect;
      const rowsOfTable = up && rect.column <= t.column && rect.column + rect.columns >= t.column + t.columns && rect.row > t.row && rect.row + rect.rows <= t.row + t.rows && t.rows - rect.rows >= 2;
      const columnsOfTable = !up && rect.row <= t.row && rect.row + rect.rows >= t.row + t.rows && rect.column >= t.column && rect.column + rect.columns <= t.column + t.columns && t.columns - rect.columns >= 1;
      if ((!rowsOfTable && !columnsOfTable) || shrinking) {
        throw new SimOfficeError("InvalidOperation", "This operation is not allowed: it would shift cells in a table.", location);
      }
      shrinking = table;
    }
    if (sheet.merges.some((merge) => intersect(merge, rect))) throw new SimOfficeError("InvalidOperation", "This operation can't be done on merged cells.", location);
    this.clear(sheet, rect, "All");
    const band = up ? { from: rect.column, to: rect.column + rect.columns } : { from: rect.row, to: rect.row + rect.rows };
    if (shrinking) shrinking.rect = up ? { ...shrinking.rect, rows: shrinking.rect.rows - rect.rows } : { ...shrinking.rect, columns: shrinking.rect.columns - rect.columns };
    this.shiftBand(sheet, up ? "rows" : "columns", up ? rect.row + rect.rows : rect.column + rect.columns, up ? -rect.rows : -rect.columns, band, shrinking, location);
    if (shrinking && !up) this.normaliseHeaders(sheet, shrinking);
  }

  /**
   * Cut and paste of a whole table (a user edit): its cells, formats and the table itself move to
   * `to` (top-left, on the same or another sheet); the table keeps its name and id. The
   * destination must be empty and meet no table or merged cells.
   */
  moveTable(table: TableModel, to: SheetModel, row: number, column: number): void {
    const from = this.requireSheet(table.sheetId);
    this.assertWritable(from, "user.moveTable");
    this.assertWritable(to, "user.moveTable");
    const target: Rect = { row, column, rows: table.rect.rows, columns: table.rect.columns };
    this.checkTableArea(to, target, table, "user.moveTable");
    const moving: [number, number, Cell][] = [];
    for (let r = 0; r < table.rect.rows; r++) {
      for (let c = 0; c < table.rect.columns; c++) {
        const key = cellKey(table.rect.row + r, table.rect.column + c);
        const cell = from.cells[key];
        if (cell) moving.push([r, c, cell]);
        delete from.cells[key];
      }
    }
    for (let r = 0; r < target.rows; r++) {
      for (let c = 0; c < target.columns; c++) {
        const cell = to.cells[cellKey(row + r, column + c)];
        if (cell && (cell.value !== null || cell.formula !== undefined)) {
          for (const [mr, mc, moved] of moving) from.cells[cellKey(table.rect.row + mr, table.rect.column + mc)] = moved;
          throw new SimOfficeError("InvalidOperation", "The destination is not empty.", "user.moveTable");
        }
      }
    }
    for (const [r, c, cell] of moving) to.cells[cellKey(row + r, column + c)] = cell;
    table.sheetId = to.id;
    table.rect = target;
  }

  /** Range.calculate(): the formulas in `rect` are evaluated again (ExcelApi 1.6). */
  async calculateRange(sheet: SheetModel, rect: Rect): Promise<void> {
    for (const [key, cell] of Object.entries(sheet.cells)) {
      if (cell.formula === undefined) continue;
      const [row = 0, column = 0] = key.split(",").map(Number);
      if (contains(rect, row, column)) this.dirtyFormulas.add(`${sheet.id}!${key}`);
    }
    await this.evaluatePending(true);
  }

  // ---- inserting rows and columns ----

  private moveCells(sheet: SheetModel, map: (row: number, column: number) => [number, number] | null): void {
    const moved: Record<string, Cell> = {};
    for (const [key, cell] of Object.entries(sheet.cells)) {
      const [row = 0, column = 0] = key.split(",").map(Number);
      const target = map(row, column) ?? [row, column];
      moved[cellKey(target[0], target[1])] = cell;
    }
    sheet.cells = moved;
  }

  private shiftDown(sheet: SheetModel, at: number, count: number, columns?: { from: number; to: number }): void {
    this.moveCells(sheet, (row, column) =>
      row >= at && (!columns || (column >= columns.from && column < columns.to)) ? [row + count, column] : null,
    );
  }

  /** Inserts whole rows: cells, merges and tables below move down; a table the rows fall inside grows. */
  insertRows(sheet: SheetModel, at: number, count: number): void {
    this.assertWritable(sheet, "Range.insert");
    this.shiftDown(sheet, at, count);
    const grow = (rect: Rect): Rect =>
      at <= rect.row ? { ...rect, row: rect.row + count } : at < rect.row + rect.rows ? { ...rect, rows: rect.rows + count } : rect;
    for (const table of this.model.tables) if (table.sheetId === sheet.id) table.rect = grow(table.rect);
    sheet.merges = sheet.merges.map(grow);
    shiftFiltersForInsertedRows(sheet, at, count, grow);
  }

  /** Inserts whole columns: a table the columns fall inside grows and gets new "ColumnN" headers. */
  insertColumns(sheet: SheetModel, at: number, count: number): void {
    this.assertWritable(sheet, "Range.insert");
    this.moveCells(sheet, (row, column) => (column >= at ? [row, column + count] : null));
    const grow = (rect: Rect): Rect =>
      at <= rect.column
        ? { ...rect, column: rect.column + count }
        : at < rect.column + rect.columns
          ? { ...rect, columns: rect.columns + count }
          : rect;
    for (const table of this.model.tables) {
      if (table.sheetId !== sheet.id) continue;
      const before = table.rect;
      table.rect = grow(table.rect);
      if (table.rect.columns !== before.columns) this.normaliseHeaders(sheet, table);
    }
    sheet.merges = sheet.merges.map(grow);
  }

  // ---- names ----

  addName(name: string, formula: string, comment: string): void {
    const location = "NamedItemCollection.add";
    if (!TABLE_NAME.test(name) || LOOKS_LIKE_CELL.test(name)) throw invalidArgument(`"${name}" is not a valid name.`, location);
    if (this.model.names.some((each) => each.name.toLowerCase() === name.toLowerCase()) || this.tableByName(name)) {
      throw new SimOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}.`, location);
    }
    this.model.names.push({ name, formula, comment });
  }

  // ---- formulas ----

  /**
   * Ends a sync. Formulas written while calculation was suspended stay uncalculated: "Once set, it
   * is the developer's responsibility to re-calc the workbook" (Application.suspendApiCalculationUntilNextSync
   * reference). They are calculated by application.calculate(), Range.calculate() over them, or a
   * new write of them. Otherwise the formulas written since the last evaluation are evaluated.
   */
  async finishSync(): Promise<void> {
    if (this.calculationSuspended) {
      this.calculationSuspended = false;
      this.dirtyFormulas.clear();
      return;
    }
    await this.evaluatePending(false, true);
  }

  /**
   * Evaluates the formulas written since the last evaluation, unless calculation is suspended;
   * `force` (an explicit calculate) evaluates them even then. With `asyncCustomFunctions`, a call of
   * a registered custom function is only marked #BUSY! until `atSyncEnd` (Excel calculates custom
   * functions asynchronously: a read in the writing request may see #BUSY!, office-js #4152).
   */
  async evaluatePending(force = false, atSyncEnd = false): Promise<void> {
    if (this.calculationSuspended && !force) return;
    const pending = [...this.dirtyFormulas];
    this.dirtyFormulas.clear();
    for (const entry of pending) {
      const [sheetId = "", key = ""] = entry.split("!");
      const sheet = this.sheet(sheetId);
      const cell = sheet?.cells[key];
      if (!sheet || cell?.formula === undefined) continue;
      if (this.options.asyncCustomFunctions && !force && !atSyncEnd && this.callsCustomFunction(cell.formula)) {
        cell.value = "#BUSY!";
        cell.error = true;
        this.dirtyFormulas.add(entry);
        continue;
      }
      await this.evaluate(sheet, key);
    }
  }

  /** Whether a formula is a plain call of a registered custom function under a name Excel knows. */
  private callsCustomFunction(formula: string): boolean {
    const call = parseCall(formula);
    const name = call ? this.functionName(call.name) : null;
    return name !== null && this.options.functions[name] !== undefined;
  }

  /**
   * application.calculate(): every formula in the workbook is evaluated again. Formulas are
   * evaluated in storage order, so one that reads a formula evaluated after it is stale: the whole
   * pass repeats until no value changes (at most RECALC_PASSES times; a circular reference never
   * settles and keeps its last value), as Excel's dependency order ends.
   */
  async recalculate(): Promise<void> {
    const RECALC_PASSES = 8;
    for (let pass = 0; pass < RECALC_PASSES; pass++) {
      const before = this.formulaValues();
      for (const sheet of this.model.sheets) {
        for (const [key, cell] of Object.entries(sheet.cells)) if (cell.formula !== undefined) this.dirtyFormulas.add(`${sheet.id}!${key}`);
      }
      await this.evaluatePending(true);
      // Only formulas that read other cells through the engine can be stale; a pass of plain
      // =NS.NAME(...) calls with literal arguments is final.
      if (!this.options.evaluateOther || this.formulaValues() === before) return;
    }
  }

  /** Every cell's value and error flag, as one string: what a recalculation pass may change. */
  private formulaValues(): string {
    return JSON.stringify(this.model.sheets.map((sheet) => Object.entries(sheet.cells).map(([key, cell]) => [key, cell.value, cell.error === true])));
  }

  /** What the formula engine reads while it evaluates the formula at `key` on `sheet`. */
  private formulaContext(sheet: SheetModel, key: string): FormulaContext {
    const [row = 0, column = 0] = key.split(",").map(Number);
    const read = (cell: Cell | undefined): EngineValue => (cell?.error ? { error: String(cell.value) } : (cell?.value ?? null));
    const target = (name: string | null): SheetModel | undefined => (name === null ? sheet : this.sheetByName(name));
    return {
      sheet: sheet.name,
      row,
      column,
      functions: this.options.functions,
      cell: (name, r, c) => {
        const from = target(name);
        return from ? read(this.cell(from, r, c)) : undefined;
      },
      values: (name, rect) => {
        const from = target(name);
        if (!from) return undefined;
        const used = this.usedRect(from, true);
        const rows = used ? Math.max(0, Math.min(rect.row + rect.rows, used.row + used.rows) - rect.row) : 0;
        const columns = used ? Math.max(0, Math.min(rect.column + rect.columns, used.column + used.columns) - rect.column) : 0;
        return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => read(this.cell(from, rect.row + r, rect.column + c))));
      },
    };
  }

  private argument(sheet: SheetModel, arg: FormulaArgument): unknown {
    if (arg === null || typeof arg !== "object") return arg;
    const target = arg.sheet === null ? sheet : this.sheetByName(arg.sheet);
    if (!target) return undefined;
    const cell = this.cell(target, arg.row, arg.column);
    return cell?.value ?? null;
  }

  private async evaluate(sheet: SheetModel, key: string): Promise<void> {
    const cell = sheet.cells[key];
    if (!cell?.formula) return;
    const call = parseCall(cell.formula);
    let result: FormulaResult;
    const other = this.options.evaluateOther;
    const name = call ? this.functionName(call.name) : null;
    const fn = name === null ? undefined : this.options.functions[name];
    if (call !== null && name === null) {
      // The English name where Excel's display language has a localized one (office-js #891).
      result = { kind: "error", code: "#NAME?" };
    } else if (other && (call === null || !fn)) {
      const formula = cell.formula;
      const context = this.formulaContext(sheet, key);
      const outcome = await other(formula, context);
      result = typeof outcome === "object" ? outcome : { kind: "value", value: outcome };
    } else if (call === null) {
      result = { kind: "error", code: "#NAME?" };
    } else {
      const args = call.args.map((arg) => this.argument(sheet, arg));
      result = fn ? await settle(() => fn(...args)) : { kind: "error", code: "#NAME?" };
    }
    const [row = 0, column = 0] = key.split(",").map(Number);
    this.clearSpill(sheet, key);
    this.blockedSpills.delete(`${sheet.id}!${key}`);
    if (result.kind === "array") {
      const area: Rect = { row, column, rows: result.rows.length, columns: result.rows[0]?.length ?? 1 };
      const blocked = !withinSheet(area) || Object.entries(sheet.cells).some(([other, each]) => {
        const [r = 0, c = 0] = other.split(",").map(Number);
        return other !== key && contains(area, r, c) && (each.value !== null || each.formula !== undefined);
      });
      if (blocked) {
        result = { kind: "error", code: "#SPILL!" };
        this.blockedSpills.add(`${sheet.id}!${key}`);
      }
      else {
        result.rows.forEach((values, r) =>
          values.forEach((value, c) => {
            if (r === 0 && c === 0) return;
            const child = this.touch(sheet, row + r, column + c);
            child.value = value;
            child.spillFrom = key;
          }),
        );
        cell.value = result.rows[0]?.[0] ?? null;
        delete cell.error;
        return;
      }
    }
    if (result.kind === "error") {
      cell.value = result.code;
      cell.error = true;
    } else {
      // A returned string is text even if it reads "#N/A": only a thrown error is an error value.
      cell.value = result.value;
      delete cell.error;
    }
  }

  /**
   * The English name of the function a formula calls, or null if Excel would not know it. With
   * localized names (a display language that has them), a formula written through the API must
   * use the localized name: the English one shows #NAME? (office-js #891; #6614 for Turkish).
   */
  private functionName(called: string): string | null {
    const localized = this.options.localizedFunctionNames;
    if (!localized) return called;
    for (const [english, local] of Object.entries(localized)) {
      if (local.toUpperCase() === called) return english;
    }
    const own = localized[called];
    return own !== undefined && own.toUpperCase() !== called ? null : called;
  }

  private clearSpill(sheet: SheetModel, key: string): void {
    for (const [other, cell] of Object.entries(sheet.cells)) {
      if (cell.spillFrom === key) {
        cell.value = null;
        delete cell.spillFrom;
        const [r = 0, c = 0] = other.split(",").map(Number);
        this.prune(sheet, r, c);
      }
    }
  }

  addressOf(sheet: SheetModel, rect: Rect): string {
    return formatAddress(sheet.name, rect);
  }
}
