/**
 * Refresh: the shapes the pure planner shares with the adapter (src/office/refresh.ts): what it
 * reads (WorkbookView), what it plans to write (RefreshPlan) and what it reports (RefreshReport).
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import type { TrackingDamage, TrackingRecord } from "../tracking";

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

