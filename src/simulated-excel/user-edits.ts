/**
 * What a user does in Excel between batches, for tests: typing, renaming and moving sheets,
 * resizing and sorting tables, inserting rows and columns, protecting and merging. Each helper
 * changes the workbook at once (no batch, no sync) and throws a SimOfficeError when Excel would
 * refuse the edit.
 */
import { parseRect, splitSheet } from "./address";
import type { WorkbookState } from "./state";

export interface UserEdits {
  /** Types into one cell, as a user would: "=..." becomes a formula, text in an "@" cell stays text. */
  type(address: string, input: string | number | boolean): Promise<void>;
  /** Recalculates every formula (F9 / Calculate Now), as Excel does after an edit. */
  calculate(): Promise<void>;
  /** Clears one cell's contents (Delete), keeping its formats. */
  clearContents(address: string): Promise<void>;
  renameSheet(from: string, to: string): void;
  moveSheet(name: string, position: number): void;
  deleteSheet(name: string): void;
  addSheet(name: string): void;
  activate(name: string): void;
  /** Selects a range on a sheet and makes that sheet active. */
  select(address: string): void;
  renameTable(from: string, to: string): void;
  /** Resizes a table to a new address on its sheet (header row must stay where it is). */
  resizeTable(name: string, address: string): void;
  deleteTable(name: string): void;
  insertRows(sheet: string, rowIndex: number, count?: number): void;
  insertColumns(sheet: string, columnIndex: number, count?: number): void;
  protectSheet(name: string): void;
  unprotectSheet(name: string): void;
  merge(address: string): void;
  /** Sorts a table's data rows by one of its columns (0-based index within the table). */
  sortTable(name: string, column: number, ascending?: boolean): void;
  /** Cuts a table and pastes it with its top-left at `to` ("Sheet2!D5" or "D5" on its own sheet). */
  moveTable(name: string, to: string): void;
}

function locate(state: WorkbookState, address: string): { sheetId: string; local: string } {
  const { sheet, local } = splitSheet(address);
  const model = sheet === null ? state.activeSheet() : state.requireSheetByName(sheet, "user");
  return { sheetId: model.id, local };
}

export function userEdits(state: WorkbookState): UserEdits {
  return {
    async type(address, input) {
      const { sheetId, local } = locate(state, address);
      const sheet = state.requireSheet(sheetId);
      const rect = parseRect(local, "user.type");
      state.assertWritable(sheet, "user.type");
      state.writeCells(sheet, { ...rect, rows: 1, columns: 1 }, [[input]], "values", "user.type");
      await state.recalculate();
    },
    calculate: () => state.recalculate(),
    async clearContents(address) {
      const { sheetId, local } = locate(state, address);
      const sheet = state.requireSheet(sheetId);
      state.assertWritable(sheet, "user.clearContents");
      state.clear(sheet, parseRect(local, "user.clearContents"), "Contents");
      await state.recalculate();
    },
    renameSheet: (from, to) => state.renameSheet(state.requireSheetByName(from, "user"), to),
    moveSheet: (name, position) => state.moveSheet(state.requireSheetByName(name, "user"), position),
    deleteSheet: (name) => state.deleteSheet(state.requireSheetByName(name, "user")),
    addSheet: (name) => void state.addSheet(name),
    activate: (name) => state.activateSheet(state.requireSheetByName(name, "user")),
    select(address) {
      const { sheetId, local } = locate(state, address);
      state.activateSheet(state.requireSheet(sheetId));
      state.model.selection = parseRect(local, "user.select");
    },
    renameTable: (from, to) => state.renameTable(state.requireTable(from, "user"), to),
    resizeTable(name, address) {
      const table = state.requireTable(name, "user");
      state.resizeTable(table, parseRect(splitSheet(address).local, "user.resizeTable"));
    },
    deleteTable: (name) => state.deleteTable(state.requireTable(name, "user")),
    insertRows: (sheet, rowIndex, count = 1) => state.insertRows(state.requireSheetByName(sheet, "user"), rowIndex, count),
    insertColumns: (sheet, columnIndex, count = 1) =>
      state.insertColumns(state.requireSheetByName(sheet, "user"), columnIndex, count),
    protectSheet: (name) => void (state.requireSheetByName(name, "user").protected = true),
    unprotectSheet: (name) => void (state.requireSheetByName(name, "user").protected = false),
    merge(address) {
      const { sheetId, local } = locate(state, address);
      state.merge(state.requireSheet(sheetId), parseRect(local, "user.merge"), false);
    },
    sortTable: (name, column, ascending = true) => state.sortTable(state.requireTable(name, "user"), column, ascending),
    moveTable(name, to) {
      const table = state.requireTable(name, "user");
      const { sheet, local } = splitSheet(to);
      const destination = sheet === null ? state.requireSheet(table.sheetId) : state.requireSheetByName(sheet, "user");
      const rect = parseRect(local, "user.moveTable");
      state.moveTable(table, destination, rect.row, rect.column);
    },
  };
}
