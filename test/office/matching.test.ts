/**
 * matchTables: which table answers for which record, pure. The order of keys (recorded name at
 * its place, Table.id, name anywhere, header fingerprint) and "one table per record".
 */
import { currentDataset, headerFingerprint, tableGrid } from "../../src/core";
import type { TrackingRecord } from "../../src/core";
import { blockLayout, matchTables, trackingRecord } from "../../src/office";
import type { TableFacts } from "../../src/office";

const grid = tableGrid(currentDataset(), "fdi_headline", "en");
const fingerprint = headerFingerprint(grid.header);

function record(recordId: string, tableName: string, row: number, sheet = { name: "Sheet1", id: "1" }, tableId: string | null = null): TrackingRecord {
  const made = trackingRecord(grid, blockLayout(grid, "values", true), {
    recordId,
    sheetName: sheet.name,
    sheetId: sheet.id,
    row,
    column: 0,
    tableName,
    insertedAt: "2026-01-01T00:00:00.000Z",
    columnWidths: null,
  });
  return made.table ? { ...made, table: { ...made.table, id: tableId } } : made;
}

const table = (name: string, address: string, extra: Partial<TableFacts> = {}): TableFacts => ({
  name,
  id: name,
  sheetName: "Sheet1",
  sheetId: "1",
  address,
  fingerprint,
  ...extra,
});

describe("matchTables", () => {
  const first = record("a", "BJ_t", 0);
  const second = record("b", "BJ_t", 20);

  it("prefers the recorded name at the recorded place, then finds a renamed table by fingerprint", () => {
    // The user renamed the first table; a later insert took its old name.
    const tables = [table("BJ_t", second.table?.address ?? ""), table("Mine", first.table?.address ?? "")];
    const matches = matchTables([{ tableName: "BJ_t", record: first }, { tableName: "BJ_t", record: second }], tables);
    expect(matches).toEqual([{ table: 1, how: "fingerprint" }, { table: 0, how: "name" }]);
  });

  it("uses Table.id, confirmed, before a name match elsewhere, and never gives one table to two records", () => {
    const withId = record("c", "BJ_t", 0, undefined, "7");
    // Renamed and moved, its header as we wrote it: the id, confirmed by the fingerprint.
    const tables = [table("BJ_t", "Z1:AD6", { id: "3" }), table("Other", "A40:E46", { id: "7" })];
    expect(matchTables([{ tableName: "BJ_t", record: withId }], tables)).toEqual([{ table: 1, how: "id" }]);
    expect(matchTables([{ tableName: "BJ_t", record: first }, { tableName: "BJ_t", record: first }], [table("BJ_t", "Q1:U6")])).toEqual([{ table: 0, how: "name" }, null]);
  });

  it("never trusts a Table.id or a sheet id alone (ids change on reopen; #552: the same first sheet id in every new web workbook)", () => {
    const withId = record("c", "BJ_t", 0, undefined, "7");
    // Another table that merely has the recorded id (other name, header, place): not ours.
    const stranger = table("Other", "A40:E46", { id: "7", fingerprint: "changed" });
    expect(matchTables([{ tableName: "BJ_t", record: withId }], [stranger])).toEqual([null]);
    expect(matchTables([{ tableName: "BJ_t", record: withId }], [table("BJ_t", "Z1:AD6", { id: "3" }), stranger])).toEqual([{ table: 0, how: "name" }]);
    // The recorded sheet id on another sheet, while the sheet of the recorded name exists: the named sheet first.
    const named = table("Y", "H1:L6", { sheetName: first.sheet.name, sheetId: "99" });
    const sameId = table("X", "A1:E6", { sheetName: "Other", sheetId: first.sheet.id ?? "" });
    expect(matchTables([{ tableName: "gone", record: first }], [sameId, named])).toEqual([{ table: 1, how: "fingerprint" }]);
  });

  it("looks for a fingerprint on the recorded sheet (by id, even renamed) before other sheets", () => {
    const elsewhere = table("X", "A1:E6", { sheetName: "Other", sheetId: "9" });
    const home = table("Y", "H1:L6", { sheetName: "Renamed", sheetId: "1" });
    expect(matchTables([{ tableName: "gone", record: first }], [elsewhere, home])).toEqual([{ table: 1, how: "fingerprint" }]);
  });

  it("matches version-1 bindings by name only, and never matches spill records", () => {
    const spill = trackingRecord(grid, blockLayout(grid, "spill", true), {
      recordId: "s",
      sheetName: "Sheet1",
      sheetId: "1",
      row: 0,
      column: 0,
      tableName: "",
      insertedAt: "2026-01-01T00:00:00.000Z",
      columnWidths: null,
    });
    const tables = [table("Legacy", "A1:B2", { fingerprint: "other" }), table("BJ_x", "A10:E15")];
    expect(matchTables([{ tableName: "legacy", record: null }, { tableName: "", record: spill }, { tableName: "nope", record: null }], tables)).toEqual([
      { table: 0, how: "name" },
      null,
      null,
    ]);
  });
});
