/**
 * The workbook engine's first layer: sheets, cells (writes, reads, formats, clear), merges, the
 * sync's response, and the spill bookkeeping a write needs. Every change to the in-memory workbook
 * goes through the engine (WorkbookState in state.ts), whether from a queued proxy operation at sync()
 * or from a user-edit helper; it enforces Excel's rules by throwing SimOfficeErrors.
 */
import { type Rect, cellKey, contains, formatAddress, intersect, parseRect, splitSheet } from "./address";
import { SimOfficeError, accessDenied, invalidArgument, itemNotFound, rangeExceedsLimit, shapeMismatch } from "./errors";
import { sessionSheetId } from "./ids";
import { renderValue } from "./number-format";
import type { Cell, CellFormat, SheetModel, WorkbookModel } from "./snapshot";
import { newSheet } from "./snapshot";
import { READ_CELL_LIMIT, type ReadValue, type StateOptions, type WriteMode } from "./state-types";

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

export abstract class CellState {
  /** Set by application.suspendApiCalculationUntilNextSync(); formulas wait for the end of the sync. */
  calculationSuspended = false;
  /** The estimated size (JSON length) of what the current sync has loaded: its response. */
  responseBytes = 0;
  /**
   * What the current sync hands back to its proxies (loaded properties, method results, null-object
   * answers): delivered only if the whole sync succeeds, as a failed request returns no results.
   */
  protected responses: (() => void)[] = [];
  protected readonly dirtyFormulas = new Set<string>();
  /** Formulas ("sheetId!row,column") showing #SPILL! because cells were in the way: written cells may free them. */
  protected readonly blockedSpills = new Set<string>();

  constructor(
    readonly model: WorkbookModel,
    protected readonly options: StateOptions,
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

  protected checkSheetName(name: string, except: SheetModel | null, location: string): void {
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

  protected touch(sheet: SheetModel, row: number, column: number): Cell {
    const key = cellKey(row, column);
    let cell = sheet.cells[key];
    if (!cell) {
      cell = { value: null };
      sheet.cells[key] = cell;
    }
    return cell;
  }

  /** The stored cells inside rect, row by row: sparse, so a whole-sheet rect costs what the sheet holds. */
  protected storedCells(sheet: SheetModel, rect: Rect): [number, number][] {
    const inside: [number, number][] = [];
    const keys = Object.keys(sheet.cells);
    // A rect smaller than what the sheet holds is walked cell by cell (a clear of a few cells on a
    // large sheet); a larger one (a whole sheet) through the stored cells. Row by row either way.
    if (rect.rows * rect.columns <= keys.length) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.column; c < rect.column + rect.columns; c++) if (sheet.cells[cellKey(r, c)]) inside.push([r, c]);
      }
      return inside;
    }
    for (const key of keys) {
      const [row = 0, column = 0] = key.split(",").map(Number);
      if (contains(rect, row, column)) inside.push([row, column]);
    }
    return inside.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  protected prune(sheet: SheetModel, row: number, column: number): void {
    const key = cellKey(row, column);
    const cell = sheet.cells[key];
    if (cell && cell.value === null && cell.formula === undefined && cell.numberFormat === undefined && cell.format === undefined && cell.hyperlink === undefined) {
      delete sheet.cells[key];
    }
  }

  protected checkShape(rect: Rect, input: unknown, location: string): readonly (readonly unknown[])[] {
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
  protected retryBlockedSpills(sheet: SheetModel): void {
    for (const entry of this.blockedSpills) if (entry.startsWith(`${sheet.id}!`)) this.dirtyFormulas.add(entry);
  }

  protected writeString(sheet: SheetModel, cell: Cell, key: string, text: string, mode: WriteMode): void {
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

  protected grid<T>(rect: Rect, read: (row: number, column: number) => T): T[][] {
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

  protected clearSpill(sheet: SheetModel, key: string): void {
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
