/**
 * The workbook port: what the task pane and refresh code ask of a workbook. They depend on this
 * interface only; src/office/excel-workbook.ts implements it over Office.js.
 *
 * Contract (issue 8): every insert, of one table or of all, takes at most 2 syncs (one read that
 * checks everything, one write); no sync in a loop; values and number formats are written as whole
 * 2-D arrays; `rows.add` is never used.
 */
import type { Language, Release } from "../data";
import type { BriefingLayout, BriefingRecord, DatasetIndex, RefreshReport, TableGrid, TrackingDamage, TrackingRecord } from "../core";
import type { RefreshOptions } from "./refresh";
import type { BindingsDamage } from "./bindings";
import type { BriefingRefreshReport } from "./briefing";
import type { FreezeOptions, FreezeReport, InsertFigureOptions, InsertedFigure, RestoreReport } from "./share";
import type { InsertProblem } from "./insert-checks";

/**
 * How value cells are written:
 * - `values`: the figures themselves (numbers with their number formats);
 * - `formulas`: every value cell holds `=BJ.STAT("id")`, always with the canonical English name
 *   (a localized name written through the API gives #NAME?);
 * - `spill`: one cell holding `=BJ.TABLE("table","lang")`, which spills the table; no Excel table.
 */
export type InsertMode = "values" | "formulas" | "spill";

/** Where and how to insert. By default at the active cell of the active sheet, in values mode. */
export interface InsertTableOptions {
  /** A sheet name; with no `address`, the table goes to A1 of that sheet. */
  readonly sheet?: string;
  /** The top-left cell, e.g. "B2" or "'My sheet'!B2" (on `sheet`, or on the active sheet). */
  readonly address?: string;
  /**
   * Insert at A1 of a new worksheet named after the table (its title, made a valid sheet name),
   * with " (2)", " (3)" ... when the name is taken. Ignores `sheet` and `address`.
   */
  readonly newSheet?: boolean;
  /** Default "values". */
  readonly mode?: InsertMode;
  /** Write the note and source lines under the table. Default true. */
  readonly includeSource?: boolean;
  /** The Excel table style. Default TABLE_STYLE. */
  readonly style?: string;
}

/** Options of insertAllTables: every grid, one under the other, on one new sheet. */
export interface InsertAllOptions {
  /** The title line written in A1 of the new sheet. */
  readonly title: string;
  /** The new sheet's name (made unique as for newSheet). */
  readonly sheetName: string;
  readonly mode?: InsertMode;
  readonly includeSource?: boolean;
  readonly style?: string;
}

/** What the workbook records about each inserted table, so that refresh can find it later. */
export interface TableBinding {
  /** The tracking record's own id (a GUID); "" for records written by version 1. */
  readonly recordId?: string;
  readonly tableName: string;
  readonly tableId: string;
  readonly releaseId: string;
  readonly language: Language;
  /** The sheet name at insert time (informational: the table name is what refresh looks up). */
  readonly sheet: string;
  /** Version 2 records: how value cells were written. Version 1 records are "values". */
  readonly mode?: InsertMode;
}

export interface InsertedTable {
  readonly binding: TableBinding;
  /** The version-2 tracking record written for this insert (also in `binding.recordId`). */
  readonly record: TrackingRecord;
  /** Excel's Table.id, read in the write sync (the record holds null: see TrackedTable.id); null in spill mode. */
  readonly excelTableId: string | null;
  /** The whole block written: title, table, note and source lines, e.g. "Sheet1!B2:F12". */
  readonly address: string;
  /** The Excel table itself, header row included (the spill range's top-left cell in spill mode). */
  readonly tableAddress: string;
  /**
   * What the write sync read back that differs from what was meant: a =BJ.* cell showing an error
   * (#NAME? where Excel does not know the name), or a table whose range is not the range written.
   * Empty when everything is as meant. The cells stay written (and tracked) either way.
   */
  readonly problems: readonly InsertProblem[];
  /** =BJ.* cells still calculating (#BUSY!) when read back: written, not yet verified. */
  readonly formulasCalculating: number;
}

/** A bindings part that could not be read. It is left untouched; callers should tell the user. */
export interface DamagedBindingsPart {
  /** The custom XML part's id. */
  readonly partId: string;
  /** A version-1 bindings part's damage, or a version-2 tracking part's. */
  readonly damage: BindingsDamage | TrackingDamage;
}

/** What the workbook records: the readable bindings, and the parts that could not be read. */
export interface BindingsReport {
  readonly bindings: readonly TableBinding[];
  /** Empty when every part was read. Its bindings are missing from `bindings`. */
  readonly damagedParts: readonly DamagedBindingsPart[];
}

/** One entry of the pane's "Inserted in this workbook" list: a record, and where its table is now. */
export interface InsertedEntry {
  /**
   * What selectInserted / removeInserted take: the record's GUID, or for a version-1 entry
   * "v1:<partId>:<index>" (version-1 entries can be selected, not removed).
   */
  readonly recordId: string;
  readonly binding: TableBinding;
  /** The version-2 record; null for an entry of a version-1 bindings part. */
  readonly record: TrackingRecord | null;
  /** The custom XML part holding the record. */
  readonly partId: string;
  /**
   * Where the table is now, or null where it was not found. `address` is sheet-qualified (the table
   * with its header row; the =BJ.TABLE cell in spill mode). `how` says which key found it.
   */
  readonly found: {
    readonly tableName: string;
    readonly sheet: string;
    readonly address: string;
    readonly sheetId: string;
    /** Excel's Table.id; null in spill mode. */
    readonly excelTableId: string | null;
    readonly how: "name" | "id" | "fingerprint" | "cell";
  } | null;
}

export interface InsertedReport {
  readonly entries: readonly InsertedEntry[];
  readonly damagedParts: readonly DamagedBindingsPart[];
  /** The briefings the workbook records (as listBriefings gives them); absent when there are none. */
  readonly briefings?: readonly BriefingEntry[];
}

/** Options of insertBriefing. */
export interface InsertBriefingOptions {
  /** The new sheet's name (made unique as for newSheet); default the layout's ("Briefing", "简报"). */
  readonly sheetName?: string;
}

export interface InsertedBriefing {
  /** The briefing record written (BRIEFING_NAMESPACE; docs/tracking-record.md). */
  readonly record: BriefingRecord;
  /** The new sheet's name. */
  readonly sheet: string;
  /** Every cell written, sheet-qualified, e.g. "Briefing!A1:N54". */
  readonly address: string;
  /** The names of the native charts written (none without ExcelApi 1.7). */
  readonly charts: readonly string[];
}

/** One briefing the workbook records, and where its sheet is now (null: not found). */
export interface BriefingEntry {
  readonly recordId: string;
  readonly record: BriefingRecord;
  readonly partId: string;
  readonly found: { readonly sheet: string; readonly sheetId: string } | null;
}

export interface BriefingsReport {
  readonly entries: readonly BriefingEntry[];
  readonly damagedParts: readonly DamagedBindingsPart[];
}

export interface WorkbookPort {
  /**
   * Writes a title line, an Excel table (header and rows, with a number format per cell) or, in
   * spill mode, one =BJ.TABLE cell, then the note and source lines (unless includeSource is
   * false), and adds its own tracking part (docs/tracking-record.md). Refuses to overwrite
   * anything, writing nothing: the target must be empty (target_not_empty), meet no table
   * (target_in_table), hold no merged cell (target_merged), lie on an unprotected sheet
   * (sheet_protected) and inside the sheet's last row and column (target_off_sheet); the error
   * names the cell and the whole area. 2 syncs, the first insert and every later one.
   */
  insertTable(grid: TableGrid, options?: InsertTableOptions): Promise<InsertedTable>;
  /** Every grid on one new sheet, one under the other, under a title line. At most 2 syncs. */
  insertAllTables(grids: readonly TableGrid[], options: InsertAllOptions): Promise<InsertedTable[]>;
  /**
   * Every binding the workbook records in a readable part, and the parts that could not be read
   * (so that the caller can warn that some tables may not refresh). Throws AdapterError.
   */
  listBindings(): Promise<BindingsReport>;
  /**
   * The pane's list: every record (version 1 and 2), with where its table is now: found by name,
   * Table.id, then header fingerprint, so after the user renamed the table or its sheet too; and
   * the briefings. 2 syncs, +1 when the workbook holds spill inserts, +1 when it holds briefings.
   */
  listInserted(): Promise<InsertedReport>;
  /**
   * Activates the sheet of an inserted table and selects the table (the =BJ.TABLE cell in spill
   * mode). Throws AdapterError record_not_found / table_not_found. listInserted's syncs + 1.
   */
  selectInserted(recordId: string): Promise<void>;
  /**
   * Deletes a record's tracking part only, leaving the cells alone: for a record whose table (or
   * briefing sheet: a briefing record's id works too) is gone, or that the user wants to keep as
   * plain cells. Throws AdapterError record_not_found, or legacy_record for a version-1 entry.
   * Syncs: the tables' records (2, +1 with spill records; the briefing parts ride the first), +1 for
   * the briefing records' XML when no table record has the id, +1 to delete: a table's record costs
   * listInserted's syncs + 1 in a workbook without briefings, a briefing's record listInserted's + 1.
   */
  forgetInserted(recordId: string): Promise<void>;
  /**
   * Deletes exactly what the insert wrote (table, title, note and source lines; the =BJ.TABLE
   * cell in spill mode), puts back the column widths from before the insert (not in a column
   * another inserted table uses), and deletes its
   * tracking part. Refuses, deleting nothing, with AdapterError edited_since_insert (naming the
   * first changed cell, or the first cell past the recorded size of a resized table),
   * table_not_found, sheet_protected, legacy_record or record_not_found.
   * listInserted's syncs + 2.
   */
  removeInserted(recordId: string): Promise<void>;
  /**
   * Brings every tracked table up to `release` in place (docs/refresh.md), or with
   * `options.dryRun` only plans. 3 syncs to apply, 2 for a dry run or an up-to-date workbook,
   * whatever the number of tables. Throws AdapterError for an Office failure; a table that cannot
   * be refreshed is reported, never thrown.
   */
  refreshTables(release: Release | DatasetIndex, options?: RefreshOptions): Promise<RefreshReport>;
  /**
   * Freeze for sharing (docs/sharing.md): every cell whose formula calls BJ.* (alone or inside a
   * larger formula) and every BJ.TABLE spill becomes the value it shows, with the number format it
   * shows; the user's other formulas are untouched; a Sources sheet lists the figures used; the
   * freeze record keeps what was frozen. The whole workbook, or `scope: "selection"`. At most 3
   * syncs (a dry run 2). Throws AdapterError too_many_cells, office_error.
   */
  freezeFormulas(options?: FreezeOptions): Promise<FreezeReport>;
  /** Puts back exactly the formulas frozen; a frozen cell the user changed since is left and reported. 3 syncs. */
  restoreFormulas(): Promise<RestoreReport>;
  /**
   * One figure into one empty cell (the active cell, or `address`): `=BJ.STAT("id")` or the
   * headline function, or the value with its number format. A taken cell is refused
   * (target_not_empty, naming it), nothing written. 2 syncs.
   */
  insertFigure(figureId: string, options: InsertFigureOptions): Promise<InsertedFigure>;
  /** Whether this workbook opens the pane when it opens (Office.AutoShowTaskpaneWithDocument). */
  getAutoOpen(): Promise<boolean>;
  /** Opts this workbook in or out of opening the pane with it. */
  setAutoOpen(on: boolean): Promise<void>;
  /**
   * Writes a briefing (core briefingLayout) on a new sheet: its text, live =BJ.STAT figure cells,
   * native charts whose series refer to those cells (ExcelApi 1.7), and a briefing record.
   * 2 syncs. Throws AdapterError name_taken, office_error.
   */
  insertBriefing(layout: BriefingLayout, options?: InsertBriefingOptions): Promise<InsertedBriefing>;
  /** Every briefing record, with its sheet where found. 2 syncs (1 when there are none). */
  listBriefings(): Promise<BriefingsReport>;
  /**
   * Activates a briefing's sheet and selects its title cell. Throws AdapterError record_not_found
   * or sheet_not_found (its sheet is gone). 3 syncs.
   */
  selectBriefing(recordId: string): Promise<void>;
  /**
   * Deletes exactly what a briefing insert wrote: the sheet it created when nothing else is on it,
   * else only its cells and charts; then its record. Refuses, changing nothing, with
   * edited_since_insert, sheet_protected, sheet_not_found or record_not_found. 4 syncs.
   */
  removeBriefing(recordId: string): Promise<void>;
  /**
   * Brings every briefing to `release`: untouched cells take its text and formats, figure formulas
   * recalculate, chart titles follow; what the user typed stays and is reported. 4 syncs to apply,
   * 3 for a dry run or when up to date.
   */
  refreshBriefings(release: Release | DatasetIndex, options?: { readonly dryRun?: boolean }): Promise<BriefingRefreshReport>;
}
