/**
 * Which table of a workbook answers for which tracking record: pure, so that listInserted and the
 * refresh to come find tables the same way. Each table answers for one record at most, tried in
 * this order:
 *   1. the recorded name at the recorded address on the recorded sheet (by id, or by name);
 *   2. the recorded Table.id, where the record holds one;
 *   3. the recorded name anywhere (version-1 bindings are matched this way only);
 *   4. the header fingerprint: on the recorded sheet first, then anywhere.
 * Spill records (no table) are never matched here.
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
    (record.sheet.id !== null && table.sheetId === record.sheet.id) || same(table.sheetName, record.sheet.name);
  const withTable = records.map((keys, i) => ({ keys, i })).filter(({ keys }) => keys.record === null || keys.record.table !== null);
  const v2 = withTable.flatMap(({ keys, i }) => (keys.record?.table ? [{ record: keys.record, recorded: keys.record.table, i }] : []));

  for (const { record, recorded, i } of v2) {
    assign(i, "name", (t) => same(t.name, recorded.name) && t.address === recorded.address && onSheet(record, t));
  }
  for (const { recorded, i } of v2) {
    const id = recorded.id;
    if (id !== null) assign(i, "id", (t) => t.id === id);
  }
  for (const { keys, i } of withTable) assign(i, "name", (t) => same(t.name, keys.tableName));
  for (const { record, i } of v2) {
    assign(i, "fingerprint", (t) => t.fingerprint === record.headerFingerprint && onSheet(record, t));
    assign(i, "fingerprint", (t) => t.fingerprint === record.headerFingerprint);
  }
  return result;
}
