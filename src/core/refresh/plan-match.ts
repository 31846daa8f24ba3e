/**
 * Refresh planning of an Excel table: which columns and rows of the table are ours, found by what
 * we wrote in them (never by position: the user may have sorted, moved or widened the table).
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { cellHash, type TrackingRecord } from "../tracking";
import { isEmpty } from "./cells";
import type { CellRect, TableView } from "./types";

/** The hash the record keeps for a sheet cell (null where it keeps none). */
export type HashAt = (row: number, column: number) => string | null;

/**
 * Our columns: the i-th non-empty recorded header hash (left to right) belongs to
 * `columnKeys[i]`; each is found now by its header cell's hash. `recordedColumnOf` gives a key's
 * sheet column as recorded, `columnOf` its table-relative column now, `taken` those columns.
 */
export function matchColumns(record: TrackingRecord, recordedTable: CellRect, table: TableView, hashAt: HashAt): {
  recordedColumnOf: Map<string, number>;
  columnOf: Map<string, number>;
  taken: Set<number>;
} {
  const recordedHeader: { key: string; hash: string }[] = [];
  const recordedColumnOf = new Map<string, number>();
  for (let c = 0; c < recordedTable.columns; c++) {
    const hash = hashAt(recordedTable.row, recordedTable.column + c);
    const key = record.columnKeys[recordedHeader.length];
    if (hash === null || key === undefined) continue;
    recordedHeader.push({ key, hash });
    recordedColumnOf.set(key, recordedTable.column + c);
  }
  const header = table.formulas[0] ?? [];
  const columnOf = new Map<string, number>();
  const taken = new Set<number>();
  for (const { key, hash } of recordedHeader) {
    const c = header.findIndex((cell, j) => !taken.has(j) && cellHash(cell) === hash);
    if (c >= 0) {
      columnOf.set(key, c);
      taken.add(c);
    }
  }
  return { recordedColumnOf, columnOf, taken };
}

/**
 * Our rows: matched by the item cell's recorded hash, then (a label the user changed) by at least
 * half of the row's other cells of ours. `rowOf` maps a row id to its data row index now (0 is
 * the first row below the header); `claimed` holds the data rows matched. Both are the caller's to
 * extend (rows it adopts).
 */
export function matchRows(
  record: TrackingRecord,
  recordedTable: CellRect,
  table: TableView,
  hashAt: HashAt,
  recordedColumnOf: ReadonlyMap<string, number>,
  ourColumns: readonly (readonly [string, number])[],
): { recordedRows: { rowId: string; row: number }[]; rowOf: Map<string, number>; claimed: Set<number> } {
  const recordedRows: { rowId: string; row: number }[] = [];
  for (let i = 0; i < recordedTable.rows - 1; i++) {
    const rowId = record.rowIds[i];
    if (rowId !== undefined && rowId !== "") recordedRows.push({ rowId, row: recordedTable.row + 1 + i });
  }
  const dataRows = table.rows - 1;
  const rowOf = new Map<string, number>();
  const claimed = new Set<number>();
  const itemColumn = ourColumns.find(([key]) => key === "item")?.[1];
  const recordedItemColumn = recordedColumnOf.get("item");
  if (itemColumn !== undefined && recordedItemColumn !== undefined) {
    for (const { rowId, row } of recordedRows) {
      const hash = hashAt(row, recordedItemColumn);
      for (let r = 0; r < dataRows && hash !== null; r++) {
        if (!claimed.has(r) && cellHash(table.formulas[r + 1]?.[itemColumn]) === hash) {
          rowOf.set(rowId, r);
          claimed.add(r);
          break;
        }
      }
    }
  }
  const others = ourColumns.filter(([key]) => key !== "item");
  for (const { rowId, row } of recordedRows) {
    if (rowOf.has(rowId)) continue;
    let best = -1;
    let bestScore = 0;
    for (let r = 0; r < dataRows; r++) {
      if (claimed.has(r)) continue;
      const score = others.filter(([key, c]) => {
        const recordedColumn = recordedColumnOf.get(key);
        const hash = recordedColumn === undefined ? null : hashAt(row, recordedColumn);
        return hash !== null && cellHash(table.formulas[r + 1]?.[c]) === hash && !isEmpty(table.formulas[r + 1]?.[c]);
      }).length;
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (best >= 0 && bestScore * 2 >= Math.max(1, others.length)) {
      rowOf.set(rowId, best);
      claimed.add(best);
    }
  }
  return { recordedRows, rowOf, claimed };
}
