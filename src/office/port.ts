/**
 * The workbook port: what the task pane and refresh code ask of a workbook. They depend on this
 * interface only; src/office/excel-workbook.ts implements it over Office.js.
 */
import type { Language } from "../data";
import type { TableGrid } from "../core";
import type { BindingsDamage } from "./bindings";

/** Where to insert: by default at the active cell of the active sheet. */
export interface InsertTableOptions {
  /** A sheet name; with no `address`, the table goes to A1 of that sheet. */
  readonly sheet?: string;
  /** The top-left cell, e.g. "B2" (on `sheet`, or on the active sheet). */
  readonly address?: string;
}

/** What the workbook records about each inserted table, so that refresh can find it later. */
export interface TableBinding {
  readonly tableName: string;
  readonly tableId: string;
  readonly releaseId: string;
  readonly language: Language;
  /** The sheet name at insert time (informational: the table name is what refresh looks up). */
  readonly sheet: string;
}

export interface InsertedTable {
  readonly binding: TableBinding;
  /** The whole block written: title, table, note and source lines, e.g. "Sheet1!B2:F12". */
  readonly address: string;
  /** The Excel table itself, header row included. */
  readonly tableAddress: string;
}

/** A bindings part that could not be read. It is left untouched; callers should tell the user. */
export interface DamagedBindingsPart {
  /** The custom XML part's id. */
  readonly partId: string;
  readonly damage: BindingsDamage;
}

/** What the workbook records: the readable bindings, and the parts that could not be read. */
export interface BindingsReport {
  readonly bindings: readonly TableBinding[];
  /** Empty when every part was read. Its bindings are missing from `bindings`. */
  readonly damagedParts: readonly DamagedBindingsPart[];
}

export interface WorkbookPort {
  /**
   * Writes a title line, an Excel table (header and rows, with a number format per cell), a note
   * line and a source line, and records the binding. Refuses to overwrite anything. A damaged
   * bindings part is left untouched: the binding goes to a readable part, or a new one.
   * Throws AdapterError.
   */
  insertTable(grid: TableGrid, options?: InsertTableOptions): Promise<InsertedTable>;
  /**
   * Every binding the workbook records in a readable part, and the parts that could not be read
   * (so that the caller can warn that some tables may not refresh). Throws AdapterError.
   */
  listBindings(): Promise<BindingsReport>;
}
