/**
 * The insert figures of `npm run bench` (scripts/bench-insert.mjs bundles this for Node): syncs and
 * the largest request of an insert at the selection, on a new sheet, and of "insert all", each in
 * both languages and every mode, against the simulated host. The tests assert the same counts
 * (test/office); the bench only reports them.
 */
import { currentDataset, tableGrid } from "../../src/core";
import { LANGUAGES, type Language } from "../../src/data";
import { ExcelWorkbook, INSERT_MODES, type InsertMode } from "../../src/office";
import { createSimulatedExcel } from "../../src/simulated-excel";

export interface InsertFigures {
  /** The most syncs any case of the kind took (the goal is 2 for every one). */
  readonly selectionSyncs: number;
  readonly newSheetSyncs: number;
  readonly allSyncs: number;
  /** The largest estimated request payload of any sync of any case, in bytes. */
  readonly maxRequestBytes: number;
  /** How many inserts were measured. */
  readonly cases: number;
}

interface Run {
  readonly syncs: number;
  readonly maxBytes: number;
}

async function measure(action: (port: ExcelWorkbook) => Promise<unknown>): Promise<Run> {
  const host = createSimulatedExcel();
  const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
  await action(port);
  return { syncs: host.syncCount, maxBytes: Math.max(0, ...host.syncs.map((s) => s.payloadBytes)) };
}

/** Every table at the selection and on a new sheet, and insert all, in both languages and all modes. */
export async function insertFigures(): Promise<InsertFigures> {
  const index = currentDataset();
  const tables = index.release.tables.map((table) => table.id);
  const selection: Run[] = [];
  const newSheet: Run[] = [];
  const all: Run[] = [];
  for (const language of LANGUAGES as readonly Language[]) {
    for (const mode of INSERT_MODES as readonly InsertMode[]) {
      for (const id of tables) {
        const grid = tableGrid(index, id, language);
        selection.push(await measure((port) => port.insertTable(grid, { mode })));
        newSheet.push(await measure((port) => port.insertTable(grid, { mode, newSheet: true })));
      }
      const grids = tables.map((id) => tableGrid(index, id, language));
      all.push(await measure((port) => port.insertAllTables(grids, { mode, title: "All tables", sheetName: "All tables" })));
    }
  }
  const runs = [...selection, ...newSheet, ...all];
  const most = (list: readonly Run[]): number => Math.max(...list.map((r) => r.syncs));
  return {
    selectionSyncs: most(selection),
    newSheetSyncs: most(newSheet),
    allSyncs: most(all),
    maxRequestBytes: Math.max(...runs.map((r) => r.maxBytes)),
    cases: runs.length,
  };
}
