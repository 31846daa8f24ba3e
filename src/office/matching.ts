/**
 * Which table of a workbook answers for which tracking record: pure, so that listInserted and the
 * refresh to come find tables the same way. Each table answers for one record at most, tried in
 * this order:
 *   1. the recorded name at the recorded address on the recorded sheet;
 *   2. the recorded Table.id, where the record holds one, confirmed by the name, the header
 *      fingerprint or the recorded address on the recorded sheet;
 *   3. the recorded name anywhere (version-1 bindings are matched this way only);
 *   4. the header fingerprint: on the recorded sheet first, then anywhere.
 * Spill records (no table) are never matched here.
 *
 * Neither a sheet id nor a Table.id is trusted alone: ids change between sessions (office-js
 * #1390), and on the web the first sheet of every new workbook has the same id (#552), so a
 * record copied from another workbook can name an id that is here but means another sheet. The
 * recorded sheet is the sheet of the recorded name; its id stands in only where no table's sheet
 * has that name (the sheet was renamed), and then with the name, address or fingerprint to confirm.
 */
import type { TrackingRecord } from "../core";

/** What is known of a table of the workbook now. */
export interface TableFacts {
  readonly name: string;
  readonly id: string;
  readonly sheetName: string;
  readonly sheetId: string;
  /** Local A1 of the table with its header row. */
  readonly address: string;
  /** headerFingerprint of its header row now. */
  readonly fingerprint: string;
}

/** A record to match: a version-2 record, or a version-1 binding's table name (record null). */
export interface RecordKeys {
  readonly tableName: string;
  readonly record: TrackingRecord | null;
}

export type MatchHow = "name" | "id" | "fingerprint";

export interface TableMatch {
  /** Index into the tables given. */
  readonly table: number;
  readonly how: MatchHow;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** For each record (same order), the table that answers for it, or null. */
export function matchTables(records: readonly RecordKeys[], tables: readonly TableFacts[]): (TableMatch | null)[] {
  const result: (TableMatch | null)[] = records.map(() => null);
  const used = new Set<number>();
  const assign = (i: number, how: MatchHow, test: (table: TableFacts) => boolean): void => {
    if (result[i] !== null) return;
    const found = tables.findIndex((table, t) => !used.has(t) && test(table));
    if (found < 0) return;
    result[i] = { table: found, how };
    used.add(found);
  };
  const onSheet = (record: TrackingRecord, table: TableFacts): boolean =>
    same(table.sheetName, record.sheet.name) ||
    (record.sheet.id !== null && table.sheetId === record.sheet.id && !tables.some((each) => same(each.sheetName, record.sheet.name)));
  const withTable = records.map((keys, i) => ({ keys, i })).filter(({ keys }) => keys.record === null || keys.record.table !== null);
  const v2 = withTable.flatMap(({ keys, i }) => (keys.record?.table ? [{ record: keys.record, recorded: keys.record.table, i }] : []));

  for (const { record, recorded, i } of v2) {
    assign(i, "name", (t) => same(t.name, recorded.name) && t.address === recorded.address && onSheet(record, t));
  }
  for (const { record, recorded, i } of v2) {
    const id = recorded.id;
    if (id !== null) assign(i, "id", (t) => t.id === id && (same(t.name, recorded.name) || t.fingerprint === record.headerFingerprint || (t.address === recorded.address && onSheet(record, t))));
  }
  for (const { keys, i } of withTable) assign(i, "name", (t) => same(t.name, keys.tableName));
  for (const { record, i } of v2) {
    assign(i, "fingerprint", (t) => t.fingerprint === record.headerFingerprint && onSheet(record, t));
    assign(i, "fingerprint", (t) => t.fingerprint === record.headerFingerprint);
  }
  return result;
}
