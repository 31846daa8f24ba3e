/**
 * Refresh: the shapes the pure planner shares with the adapter (src/office/refresh.ts): what it
 * reads (WorkbookView), what it plans to write (RefreshPlan) and what it reports (RefreshReport).
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import type { TrackingDamage, TrackingRecord } from "../tracking";

// ---------------------------------------------------------------- the report -------------------

/**
 * A tracked table's state: nothing to do, figures to update, only the user's edits, gone, refused,
 * or undone (Ctrl+Z reverted the cells of the insert or of the last refresh, and the record, a
 * custom XML part, stayed: office-js #6415, #4484). An undone record is never rewritten; the pane
 * offers to forget it.
 */
export type RefreshStatus = "current" | "stale" | "edited" | "missing" | "blocked" | "undone";

export type RefreshChangeKind =
  | "update"
  | "unchanged"
  | "user_edit"
  | "row_added"
  | "row_removed"
  | "label_changed"
  /** A title, note or source line of ours moved (rows were added), its text as it was. */
  | "line_moved"
  /**
   * A cell of ours that describes a value the user typed over (its unit, period or basis, in the
   * same row): left as it is with the user's value, so that the row stays coherent.
   */
  | "kept_with_edit"
  | "missing_table"
  | "blocked";

/** Why a change was not written, or why a table was refused. */
export type RefreshReason =
  /** The user changed the cell since we wrote it: their value is kept. */
  | "kept_user_edit"
  /** The cell describes the user's kept value in the same row (`keptWith`): not rewritten either. */
  | "kept_with_edit"
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
  | "line_not_found"
  /** Read back after the write, the table's range is not what the write meant (it did not grow over the added rows as planned). */
  | "table_size_mismatch"
  /** The table is filtered (AutoFilter): Excel refuses to delete its rows (office-js #994), so a removed row is kept until the filter is cleared. */
  | "table_filtered"
  /** The host cannot tell whether the table is filtered (no ExcelApi 1.9): a removed row is kept rather than risk a refused deletion. */
  | "filter_unknown"
  /** A cell the write needs (or that a row deletion would shift) is part of merged cells: nothing was written to this table. */
  | "merged_cells"
  /** The cells the insert wrote are gone while its record remains (an undo of the insert): nothing is written; forget the record. */
  | "insert_undone"
  /** The cells hold what they held before the last refresh while the record describes the refresh (an undo of it): nothing is written; forget the record. */
  | "refresh_undone";

/** A cell's content as Range.formulas reads it (a formula, a number, text, a boolean; "" empty). */
export type RefreshCell = string | number | boolean | null;

export interface RefreshChange {
  /** The row's figure or fact id; null for the header, the title, note and source lines, or the whole table. */
  readonly rowId: string | null;
  /** The column key ("item", "value", ...), "header:<key>", "title", "note", "source", "spill", or null. */
  readonly columnKey: string | null;
  /**
   * Sheet-qualified A1 address of the cell as it is once the plan is applied (after rows are
   * added and deleted and our lines move down), so a plan names the cells Apply writes. A row
   * Apply deletes is named where it is before. A blocked table lists only its blocking cell, as it
   * is now. Null where none.
   */
  readonly address: string | null;
  /** A line of ours that moves: where it is before the write (sheet-qualified). */
  readonly movedFrom?: string;
  /** kept_with_edit: the user's edited cell it stays with (sheet-qualified, as after the write). */
  readonly keptWith?: string;
  /** What the cell shows now (a formula cell: its value). */
  readonly before: RefreshCell;
  /** What the new release gives. */
  readonly after: RefreshCell;
  /** The number format the cell shows `before` with (Range.numberFormat), where known. */
  readonly beforeFormat?: string;
  /** The number format `after` is shown with once written, where known. */
  readonly afterFormat?: string;
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
  /** A blocked table: the cell or range in the way (sheet-qualified), where the guard found one. */
  readonly blockedAt?: string;
  /**
   * A blocked table: how many changes would be written once it is unblocked. They are not listed
   * (nothing is written to a blocked table); `changes` holds only the blocked entry.
   */
  readonly waiting?: number;
  readonly fromRelease: string;
  readonly toRelease: string;
  readonly changes: readonly RefreshChange[];
}

/** How many cells hold a BJ.* formula, per sheet (the pane's list shows it). */
export interface FormulaCount {
  readonly sheet: string;
  readonly count: number;
  /**
   * True when only the cells of our own inserts were counted: the host has no
   * Range.getSpecialCellsOrNullObject (ExcelApi 1.9), or the sheet holds more formula cells than
   * one bounded read brings (FORMULA_READ_CELLS in src/office/refresh.ts). The count is then a floor.
   */
  readonly partial?: boolean;
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

/** A rectangle of cells read, with their contents as Range.formulas reads them. */
export interface CellBlock extends CellRect {
  readonly formulas: readonly (readonly unknown[])[];
}

export interface SheetView {
  readonly id: string;
  readonly name: string;
  readonly protected: boolean;
  /** The used range's extent (values only; its contents are never read); null for an empty sheet. */
  readonly used: CellRect | null;
  /**
   * The cells read around what the records name: each tracked table or spill cell with the rows
   * above and below it (title, note, source, the spacer, the rows a refresh may add). A cell outside
   * every block was not read: the planner takes it as occupied, never as empty.
   */
  readonly blocks: readonly CellBlock[];
  /** The sheet's formula cells read from Range.getSpecialCellsOrNullObject("Formulas") areas. */
  readonly formulaBlocks: readonly CellBlock[];
  /**
   * True when `formulaBlocks` holds every formula cell of the sheet. False (no ExcelApi 1.9, or more
   * formula cells than a bounded read may bring): only the BJ.* cells inside `blocks` are known.
   */
  readonly formulasComplete: boolean;
  /**
   * The sheet's merged areas from A1 to its last row in the columns refresh's writes reach (ExcelApi
   * 1.13, Range.getMergedAreasOrNullObject); undefined where the host could not say (below 1.13).
   */
  readonly merged?: readonly CellRect[];
}

export interface TableView extends CellRect {
  readonly name: string;
  /** A totals row: the table's last row. Refresh then neither adds nor deletes rows (blocked). */
  readonly showTotals?: boolean;
  /** Excel's Table.id. */
  readonly id: string;
  readonly sheetId: string;
  /**
   * The whole table, header row first, as Range.formulas / values / numberFormat read it. Only
   * tables a record answers for are read whole; of any other table only the header row is read
   * (`formulas` is then that one row and `values`, `numberFormat` are empty).
   */
  readonly formulas: readonly (readonly unknown[])[];
  readonly values: readonly (readonly unknown[])[];
  readonly numberFormat: readonly (readonly unknown[])[];
  /**
   * The last row (0-based) holding anything in the table's columns below it; null when nothing is
   * below. Read for tracked tables; where absent, the sheet's used range bounds it.
   */
  readonly lastUsedRowBelow?: number | null;
  /**
   * Table.autoFilter.isDataFiltered (ExcelApi 1.9), read for tracked tables; null where the host
   * cannot say (below 1.9): no row is then deleted (filter_unknown), the stricter choice. Absent:
   * not filtered.
   */
  readonly filtered?: boolean | null;
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
  /**
   * Where rows are added: the table's range once they are (before any deletion). The adapter
   * resizes the table to it where Table.resize exists (ExcelApi 1.13), and reads the range back
   * in the same request to compare it with the record's address.
   */
  readonly grownTable?: CellRect;
  /** The tracking record as it is after the write (same part, rewritten). */
  readonly record: TrackingRecord;
}

export interface RefreshPlan {
  readonly report: RefreshReport;
  readonly writes: readonly TableWritePlan[];
  /** The BJ.* formula cells to recalculate after the writes, per sheet (runs of one column). */
  readonly calculate: readonly { readonly sheetId: string; readonly rects: readonly CellRect[] }[];
}

