/**
 * Ctrl+Z after a batch, as Excel does it: the batch's changes to sheets (cells, formats, merges,
 * tables, names, sheets added) are reverted, but custom XML parts stay as the batch left them
 * (office-js #6415: "only the worksheet changes are Undone/Redone"; #4484 reports the undo stack
 * lost after parts are written, which the simulator does not model). Settings are kept too (not
 * confirmed: the stricter reading, like the parts).
 *
 * A batch that called an API without undo support clears the stack ("Undo support with the Excel
 * JavaScript API", Unsupported APIs: "the user's undo stack is cleared starting from that API
 * call"); the members of that list the simulator has are below. One batch is one undo step (the
 * page's `mergeUndoGroup` groups several calls into one; how Excel splits an ungrouped batch is
 * not confirmed). Any user edit after the batch (other than selecting) takes the undo away, as a
 * new action on Excel's stack would come first.
 */
import type { SimulatedWorkbookSnapshot, WorkbookModel } from "./snapshot";

/** Members on the page's list of APIs without undo support that the simulator implements. */
export const NO_UNDO_MEMBERS: readonly string[] = ["Worksheet.delete", "WorksheetProtection.protect", "WorksheetProtection.unprotect"];

/** What undo goes back to: the workbook before the last batch, and whether Excel could undo it. */
export interface UndoPoint {
  readonly before: SimulatedWorkbookSnapshot;
  readonly undoable: boolean;
}

/** Reverts `model` to `point`, in place, keeping the custom XML parts, settings and the id counter. */
export function revert(model: WorkbookModel, point: UndoPoint): void {
  if (!point.undoable) throw new Error("Excel cleared the undo stack: the last batch called an API without undo support.");
  const before = JSON.parse(JSON.stringify(point.before.workbook)) as WorkbookModel;
  model.sheets = before.sheets;
  model.tables = before.tables;
  model.names = before.names;
  model.activeSheetId = before.activeSheetId;
  model.selection = before.selection;
}
