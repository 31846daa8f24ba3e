/**
 * Refresh, the pure planner: compares what a workbook holds now with what the add-in last wrote
 * there (the tracking records, src/core/tracking.ts) and with what a new release gives, and plans
 * the smallest write that brings every tracked table up to date without losing anything of the
 * user's. The adapter (src/office/refresh.ts) reads the workbook into a `WorkbookView`, calls
 * `planRefresh`, and applies the plan's writes. docs/refresh.md explains the rules.
 *
 * How a row is identified (never by position: the user may have sorted the table):
 *   - our columns are found by their header cell: the record keeps the hash of every header cell
 *     we wrote, and the i-th recorded header hash (left to right) belongs to `columnKeys[i]`;
 *   - a data row is ours when its item cell (the "item" column: the label we wrote) still hashes
 *     to the recorded hash of one of our rows; a row whose label the user changed is still
 *     recognised when at least half of its other cells hash as recorded;
 *   - `rowIds[i]` names the row id of the table's i-th data row as last written; "" marks a row
 *     that is not ours (typed in by the user, or a removed row we kept because it held their data).
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import { qualified } from "../a1";
import type { DatasetIndex } from "../lookup";
import { tableGrid } from "../tables";
import { isBjFormula } from "./cells";
import { guardPlan } from "./guards";
import { insertUndone } from "./undo";
import { locateTrackedTables, type LocatedRecord } from "./locate";
import { reportOf, type Context, type TablePlan } from "./plan-common";
import { planExcelTable } from "./plan-table";
import { planSpill } from "./plan-spill";
import type { CellRect, FormulaCount, RefreshPlan, SheetView, WorkbookView } from "./types";

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function planTable(located: LocatedRecord, ctx: Context): TablePlan {
  const { record, partId } = located.view;
  const toRelease = ctx.index.release.id;
  if (located.duplicate) {
    return { report: reportOf(located, toRelease, "blocked", [{ rowId: null, columnKey: null, address: null, before: null, after: null, kind: "blocked", written: false, reason: "duplicate_record" }], { reason: "duplicate_record" }), write: null };
  }
  const table = located.table;
  const sheet = table ? ctx.sheets.get(table.sheetId) : located.spillSheet ?? undefined;
  if (!sheet || (record.table !== null && !table)) {
    const address = record.table?.address ?? record.spillCell;
    // Ctrl+Z after the insert: its table (or formula) gone and every cell it wrote empty, on the sheet it was recorded on.
    const home = [...ctx.sheets.values()].find((each) => same(each.name, record.sheet.name)) ?? (record.sheet.id !== null ? ctx.sheets.get(record.sheet.id) : undefined);
    if (insertUndone(record, home)) {
      return { report: reportOf(located, toRelease, "undone", [], { reason: "insert_undone", sheet: home?.name ?? record.sheet.name }), write: null };
    }
    return {
      report: reportOf(located, toRelease, "missing", [{ rowId: null, columnKey: null, address: address ? qualified(record.sheet.name, address) : null, before: null, after: null, kind: "missing_table", written: false, reason: "table_not_found" }], { reason: "table_not_found" }),
      write: null,
    };
  }
  if (!ctx.index.table(record.tableId)) {
    return { report: reportOf(located, toRelease, "blocked", [{ rowId: null, columnKey: null, address: null, before: null, after: null, kind: "blocked", written: false, reason: "table_withdrawn" }], { reason: "table_withdrawn", sheet: sheet.name, tableName: table?.name ?? "" }), write: null };
  }
  const grid = tableGrid(ctx.index, record.tableId, record.language);
  return guardPlan(table ? planExcelTable(located, ctx, grid, table, sheet, partId) : planSpill(located, ctx, grid, sheet, partId), sheet);
}

/** Runs of BJ.* formula cells, one column at a time, per sheet; and the count per sheet. */
export function formulaCells(sheets: readonly SheetView[]): { counts: FormulaCount[]; runs: { sheetId: string; rects: CellRect[] }[] } {
  const counts: FormulaCount[] = [];
  const runs: { sheetId: string; rects: CellRect[] }[] = [];
  for (const sheet of sheets) {
    // Every BJ.* cell read (the formula areas, and the blocks around our inserts), once each.
    const hits = new Map<number, Set<number>>();
    for (const block of [...sheet.formulaBlocks, ...sheet.blocks]) {
      block.formulas.forEach((line, r) => line.forEach((content, c) => {
        if (!isBjFormula(content)) return;
        const rows = hits.get(block.column + c) ?? new Set<number>();
        rows.add(block.row + r);
        hits.set(block.column + c, rows);
      }));
    }
    const rects: CellRect[] = [];
    let count = 0;
    for (const column of [...hits.keys()].sort((a, b) => a - b)) {
      const rows = [...(hits.get(column) ?? [])].sort((a, b) => a - b);
      count += rows.length;
      let start = -1;
      rows.forEach((row, i) => {
        if (start < 0) start = row;
        if (rows[i + 1] !== row + 1) {
          rects.push({ row: start, column, rows: row - start + 1, columns: 1 });
          start = -1;
        }
      });
    }
    if (count > 0) {
      counts.push({ sheet: sheet.name, count, ...(sheet.formulasComplete ? {} : { partial: true }) });
      runs.push({ sheetId: sheet.id, rects });
    }
  }
  return { counts, runs };
}

/**
 * Plans a refresh of every tracked table of a workbook to a release. Pure: the same view and
 * release always give the same plan. Tables that are current or only edited by the user get no
 * write; a missing table is reported, never recreated; a blocked table gets no write at all.
 */
export function planRefresh(view: WorkbookView, release: DatasetIndex): RefreshPlan {
  const ctx: Context = { index: release, sheets: new Map(view.sheets.map((sheet) => [sheet.id, sheet])) };
  const plans = locateTrackedTables(view).map((located) => planTable(located, ctx));
  const writes = plans.flatMap((plan) => (plan.write ? [plan.write] : []));
  const cells = formulaCells(view.sheets);
  // The counts as they will be after the write: new formula rows in, deleted rows out.
  const delta = new Map<string, number>();
  for (const plan of plans) {
    const sheet = plan.write ? ctx.sheets.get(plan.write.sheetId) : undefined;
    if (sheet && plan.formulaDelta) delta.set(sheet.name, (delta.get(sheet.name) ?? 0) + plan.formulaDelta);
  }
  const counts = view.sheets.flatMap((sheet) => {
    const found = cells.counts.find((each) => each.sheet === sheet.name);
    const count = (found?.count ?? 0) + (delta.get(sheet.name) ?? 0);
    return count > 0 ? [{ sheet: sheet.name, count, ...(sheet.formulasComplete ? {} : { partial: true }) }] : [];
  });
  const tables = plans.map((plan) => plan.report);
  // An undone record is not up to date: the pane offers to forget it.
  const upToDate = writes.length === 0 && tables.every((table) => table.status === "current" || table.status === "edited");
  return {
    report: {
      releaseId: release.release.id,
      tables,
      upToDate,
      damagedParts: view.damagedParts,
      formulaCells: counts,
      dryRun: false,
      writeOperations: 0,
      syncs: 0,
      logSheet: null,
    },
    writes,
    calculate: writes.length > 0 ? cells.runs : [],
  };
}
