/**
 * Worksheet and table ids as Excel hands them out across sessions.
 *
 * - Worksheet ids hold within a session only: "The ID remains constant within a single session but
 *   will change between sessions" (a Microsoft reply in OfficeDev/office-js-docs#297). After a
 *   reopen they read `{00000000-0001-0000-000N-000000000000}`, N the sheet's position
 *   (office-js-docs#297, office-js#1390), so a sheet moved between sessions gets the id another
 *   sheet had.
 * - On the web the first sheet of every new workbook is `{00000000-0001-0000-0000-000000000000}`
 *   (office-js#552, "by design"); sheets added in a session get a fresh GUID.
 * - Table ids: the evidence says nothing of sessions, so the stricter reading: they are numbered
 *   again on reopen, by the table's place in the workbook, and a stale id may name another table.
 */
import type { WorkbookModel } from "./snapshot";

let sessionCounter = 0;

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, "0");
}

/** The id a reopened workbook gives the sheet at `position` (0-based). */
export function reopenedSheetId(position: number): string {
  return `{00000000-0001-0000-${hex(position, 4)}-000000000000}`;
}

/** The first sheet of a new workbook on the web. */
export const WEB_FIRST_SHEET_ID = reopenedSheetId(0);

/** A GUID-like id for a sheet made in this session, unique within the process. */
export function sessionSheetId(): string {
  sessionCounter++;
  return `{${hex(sessionCounter, 8)}-5E55-4000-8000-${hex(sessionCounter * 7919, 12).slice(-12)}}`;
}

/** What reopening a saved workbook does to ids: sheets by position, tables by their order. */
export function reassignIdsOnOpen(model: WorkbookModel): void {
  const sheetIds = new Map(model.sheets.map((sheet, position) => [sheet.id, reopenedSheetId(position)]));
  for (const sheet of model.sheets) sheet.id = sheetIds.get(sheet.id) ?? sheet.id;
  model.activeSheetId = sheetIds.get(model.activeSheetId) ?? model.activeSheetId;
  model.tables.forEach((table, index) => {
    table.sheetId = sheetIds.get(table.sheetId) ?? table.sheetId;
    // nextId is above every id ever issued, so 1..n cannot collide with a new id.
    table.id = String(index + 1);
  });
}
