/**
 * The workbook engine's second layer: tables (names, areas, resize, sort), table rows and columns,
 * writes that grow a table, Range.delete, moving a table, inserted rows and columns, and names.
 */
import { MAX_COLUMNS, MAX_ROWS, type Rect, cellKey, intersect, withinSheet } from "./address";
import { SimOfficeError, invalidArgument, itemNotFound, shapeMismatch } from "./errors";
import { assertNoFilteredShift, refilter, shiftFiltersForInsertedRows } from "./filter";
import type { Cell, CellValue, SheetModel, TableModel } from "./snapshot";
import { CellState } from "./state-cells";
import type { WriteMode } from "./state-types";

const TABLE_NAME = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*([Cc][0-9]*)?|[Cc][0-9]*)$/;

export abstract class TableState extends CellState {
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
  protected checkTableName(name: string, except: TableModel | null, location: string): void {
    if (name.length === 0 || name.length > 255 || !TABLE_NAME.test(name) || LOOKS_LIKE_CELL.test(name)) {
      throw invalidArgument(`"${name}" is not a valid table name.`, location);
    }
    const table = this.tableByName(name);
    const taken = (table && table !== except) || this.model.names.some((each) => each.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new SimOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}.`, location);
  }

  protected checkTableArea(sheet: SheetModel, rect: Rect, except: TableModel | null, location: string): void {
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
  protected normaliseHeaders(sheet: SheetModel, table: TableModel): void {
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
  protected bandValues(values: unknown, width: number, location: string): unknown[][] {
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
  protected shiftBand(sheet: SheetModel, axis: "rows" | "columns", at: number, count: number, band: { from: number; to: number }, except: TableModel | null, location: string): void {
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
  protected copyFormat(sheet: SheetModel, from: [number, number], to: [number, number]): void {
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

  // ---- inserting rows and columns ----

  protected moveCells(sheet: SheetModel, map: (row: number, column: number) => [number, number] | null): void {
    const moved: Record<string, Cell> = {};
    for (const [key, cell] of Object.entries(sheet.cells)) {
      const [row = 0, column = 0] = key.split(",").map(Number);
      const target = map(row, column) ?? [row, column];
      moved[cellKey(target[0], target[1])] = cell;
    }
    sheet.cells = moved;
  }

  protected shiftDown(sheet: SheetModel, at: number, count: number, columns?: { from: number; to: number }): void {
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
}
