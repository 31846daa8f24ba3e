/**
 * Refresh: which table (or spill cell) answers for each tracking record.
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { cellHash, headerFingerprint, type TrackingRecord } from "../tracking";
import { cellOf, parseA1, rectAddress } from "./cells";
import type { RecordView, SheetView, TableView, WorkbookView } from "./types";

export type FoundHow = "name" | "id" | "fingerprint" | "cell";

export interface LocatedRecord {
  readonly view: RecordView;
  /** The table found for a table record; null when missing (and for spill records). */
  readonly table: TableView | null;
  /** Spill records: the sheet holding the intact =BJ.TABLE cell. */
  readonly spillSheet: SheetView | null;
  readonly how: FoundHow | null;
  readonly duplicate: boolean;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Finds the table of every record, as the pane's list does (src/office/matching.ts, whose matches
 * the adapter passes in `view.matches`; without them the same rules are applied here): by its
 * recorded name at its recorded place, then by Table.id, then by name anywhere, then by the header
 * fingerprint (on the recorded sheet first). Each table answers for one record at most. Spill records are found by their
 * formula cell (the sheet by name, then by id; the cell must hold what was written).
 */
export function locateTrackedTables(view: WorkbookView): LocatedRecord[] {
  const sheetsById = new Map(view.sheets.map((sheet) => [sheet.id, sheet]));
  const fingerprints = new Map(view.tables.map((table) => [table, headerFingerprint(table.formulas[0] ?? [])]));
  const seenIds = new Set<string>();
  const duplicates = new Set<RecordView>();
  for (const each of view.records) {
    if (seenIds.has(each.record.recordId)) duplicates.add(each);
    seenIds.add(each.record.recordId);
  }
  const candidates = view.records.filter((each) => !duplicates.has(each) && each.record.table !== null);
  const match = new Map<RecordView, { table: TableView; how: FoundHow }>();
  const used = new Set<TableView>();
  const assign = (each: RecordView, how: FoundHow, test: (table: TableView) => boolean): void => {
    if (match.has(each)) return;
    const table = view.tables.find((candidate) => !used.has(candidate) && test(candidate));
    if (!table) return;
    match.set(each, { table, how });
    used.add(table);
  };
  // A sheet id is never trusted alone (src/office/matching.ts): the recorded sheet is the one of
  // the recorded name; its id stands in only where no sheet has that name (renamed).
  const onSheet = (record: TrackingRecord, table: TableView): boolean => {
    const sheet = sheetsById.get(table.sheetId);
    if (sheet !== undefined && same(sheet.name, record.sheet.name)) return true;
    return table.sheetId === record.sheet.id && !view.sheets.some((each) => same(each.name, record.sheet.name));
  };
  const given = view.matches;
  if (given) {
    view.records.forEach((each, i) => {
      const hit = given[i];
      const table = hit ? view.tables[hit.table] : undefined;
      if (hit && table && !duplicates.has(each) && !used.has(table)) {
        match.set(each, { table, how: hit.how });
        used.add(table);
      }
    });
  }
  for (const each of given ? [] : candidates) {
    const recorded = each.record.table;
    if (recorded) assign(each, "name", (t) => same(t.name, recorded.name) && rectAddress(t) === recorded.address && onSheet(each.record, t));
  }
  for (const each of given ? [] : candidates) {
    const recorded = each.record.table;
    const id = recorded?.id;
    if (recorded && id) assign(each, "id", (t) => t.id === id && (same(t.name, recorded.name) || fingerprints.get(t) === each.record.headerFingerprint || (rectAddress(t) === recorded.address && onSheet(each.record, t))));
  }
  for (const each of given ? [] : candidates) {
    const name = each.record.table?.name ?? "";
    assign(each, "name", (t) => same(t.name, name));
  }
  for (const each of given ? [] : candidates) {
    assign(each, "fingerprint", (t) => fingerprints.get(t) === each.record.headerFingerprint && onSheet(each.record, t));
    assign(each, "fingerprint", (t) => fingerprints.get(t) === each.record.headerFingerprint);
  }
  return view.records.map((each): LocatedRecord => {
    const record = each.record;
    if (duplicates.has(each)) return { view: each, table: null, spillSheet: null, how: null, duplicate: true };
    if (record.table === null) {
      // The sheet of the recorded name, then the one of the recorded id; either confirmed by the cell.
      const byId = record.sheet.id !== null ? sheetsById.get(record.sheet.id) : undefined;
      const candidates = [view.sheets.find((s) => same(s.name, record.sheet.name)), byId].filter((s): s is SheetView => s !== undefined);
      const cell = record.spillCell === null ? null : parseA1(record.spillCell);
      const block = parseA1(record.block);
      const written = cell && block ? record.cellHashes[cell.row - block.row]?.[cell.column - block.column] ?? null : null;
      const sheet = cell !== null && written !== null ? candidates.find((s) => cellHash(cellOf(s, cell.row, cell.column)) === written) : undefined;
      return { view: each, table: null, spillSheet: sheet ?? null, how: sheet ? "cell" : null, duplicate: false };
    }
    const hit = match.get(each);
    return { view: each, table: hit?.table ?? null, spillSheet: null, how: hit?.how ?? null, duplicate: false };
  });
}
