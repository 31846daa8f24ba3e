/**
 * The refresh fault matrix (issue 9), one test per case. Each test saves the workbook just before
 * the refresh and just after it, and checks, cell by cell, that every changed cell lies in the
 * block of a table the refresh reported as written (its block before or after the write), that
 * every cell of the user's is as it was, and that tables, sheets, widths, merges and names are
 * unchanged. A refused case (missing, blocked, damaged record) must change nothing at all.
 */
import { TRACKING_NAMESPACE, parseA1, rectAddress, resetActiveRelease, setActiveRelease, statFormula, tableGrid } from "../../src/core";
import type { RefreshReport } from "../../src/core";
import type { SimulatedWorkbookSnapshot } from "../../src/simulated-excel";
import { EMBEDDED, changedCells, partsOf, read, recordsOf, revisedIndex, setup, structureOf, tableAddress, type Workbook } from "./helpers";

const REVISED = revisedIndex();
const GRID = tableGrid(EMBEDDED, "fdi_headline", "en");
const NEW_GRID = tableGrid(REVISED, "fdi_headline", "en");
/** Inserted at Sheet1!B2: title B2, header B3, rows B4:F8, note B9, source B10. */
const AT = "Sheet1!B2";

beforeEach(() => setActiveRelease(REVISED.release, { kind: "channel" }));
afterAll(() => resetActiveRelease());

/** The user's own cells around the table: they must survive every refresh. */
const USER_CELLS: readonly [string, string | number][] = [
  ["Sheet1!H2", "my comment"],
  ["Sheet1!A1", 42],
  ["Sheet1!B30", "=1+1"],
  ["Sheet1!K12", "notes below and right"],
];

async function insertFdi(workbook: Workbook, options: { mode?: "values" | "formulas"; address?: string } = {}): Promise<string> {
  const inserted = await workbook.port.insertTable(GRID, { address: options.address ?? AT, mode: options.mode ?? "values" });
  for (const [address, value] of USER_CELLS) await workbook.host.user.type(address, value);
  return inserted.binding.tableName;
}

function cellOf(snapshot: SimulatedWorkbookSnapshot, address: string): unknown {
  const bang = address.lastIndexOf("!");
  const sheet = snapshot.workbook.sheets.find((each) => each.name === address.slice(0, bang));
  const rect = parseA1(address.slice(bang + 1));
  return sheet && rect ? sheet.cells[`${rect.row},${rect.column}`] ?? null : null;
}

/** Cells a written table may change: its recorded block before the refresh and after it. */
function allowedCells(before: SimulatedWorkbookSnapshot, after: SimulatedWorkbookSnapshot, report: RefreshReport): Set<string> {
  const written = new Set(report.tables.filter((table) => table.status === "stale").map((table) => table.recordId));
  const allowed = new Set<string>();
  for (const record of [...recordsOf(before), ...recordsOf(after)]) {
    if (!written.has(record.recordId)) continue;
    const sheet = after.workbook.sheets.find((each) => each.id === record.sheet.id)?.name ?? record.sheet.name;
    const block = parseA1(record.block);
    if (!block) continue;
    // The block grows down by the added rows; rows below it move up when rows are deleted.
    for (let r = 0; r < block.rows + 2; r++) {
      for (let c = 0; c < block.columns; c++) allowed.add(`${sheet}!${rectAddress({ row: block.row + r, column: block.column + c, rows: 1, columns: 1 })}`);
    }
  }
  return allowed;
}

interface Outcome {
  readonly report: RefreshReport;
  readonly before: SimulatedWorkbookSnapshot;
  readonly after: SimulatedWorkbookSnapshot;
  /** Every violation found (collected, then asserted empty by the caller). */
  readonly problems: string[];
}

/** Refreshes and collects every violation of "only the planned cells changed, the user's are intact". */
async function refreshAndCompare(workbook: Workbook, extraUserCells: readonly string[] = []): Promise<Outcome> {
  const before = workbook.host.save();
  const report = await workbook.refresh(REVISED);
  const after = workbook.host.save();
  const problems: string[] = [];
  const allowed = allowedCells(before, after, report);
  for (const address of changedCells(before, after)) if (!allowed.has(address)) problems.push(`unplanned change at ${address}`);
  for (const address of [...USER_CELLS.map(([cell]) => cell), ...extraUserCells]) {
    if (JSON.stringify(cellOf(before, address)) !== JSON.stringify(cellOf(after, address))) problems.push(`user cell ${address} changed`);
  }
  if (JSON.stringify(structureOf(before)) !== JSON.stringify(structureOf(after))) problems.push("tables, sheets, widths, merges or names changed");
  return { report, before, after, problems };
}

/** A refused refresh: nothing at all changes, records included. */
function unchanged(outcome: Outcome): string[] {
  const problems = [...outcome.problems];
  const cells = changedCells(outcome.before, outcome.after);
  if (cells.length > 0) problems.push(`cells changed: ${cells.join(", ")}`);
  if (JSON.stringify(partsOf(outcome.before)) !== JSON.stringify(partsOf(outcome.after))) problems.push("custom XML parts changed");
  return problems;
}

/** The revised grid's rows by row id, as the table shows them now (whatever their order). */
async function rowsById(workbook: Workbook, tableName: string): Promise<Map<string, unknown[]>> {
  const address = await tableAddress(workbook.host, tableName);
  const values = (await read(workbook.host, address)).values.slice(1);
  const byLabel = new Map(NEW_GRID.rows.map((row, i) => [row[0], NEW_GRID.rowIds[i] ?? ""]));
  return new Map(values.map((row) => [String(byLabel.get(row[0] as string) ?? `?${String(row[0])}`), row]));
}

describe("refresh fault matrix", () => {
  it("the table renamed: found by its header fingerprint, refreshed, the record takes the new name", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.renameTable(name, "MyFigures");
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    expect(outcome.report.tables.map((t) => [t.tableName, t.status])).toEqual([["MyFigures", "stale"]]);
    expect(recordsOf(outcome.after)[0]?.table?.name).toBe("MyFigures");
    expect((await read(workbook.host, "Sheet1!C4")).values).toEqual([[1950]]);
  });

  it("the table moved (cut and pasted lower on its sheet): found by name, refreshed where it is now", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.moveTable(name, "Sheet1!D40");
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    expect(await tableAddress(workbook.host, name)).toBe(`Sheet1!D40:H${40 + NEW_GRID.rows.length}`);
    expect((await read(workbook.host, `Sheet1!D41:H${40 + NEW_GRID.rows.length}`)).values).toEqual(NEW_GRID.rows);
    expect(recordsOf(outcome.after)[0]?.table?.address).toBe(`D40:H${40 + NEW_GRID.rows.length}`);
  });

  it("the table moved to another sheet: found by name, refreshed there; its lines left behind are reported, not written", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.addSheet("Elsewhere");
    workbook.host.user.moveTable(name, "Elsewhere!C5");
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    expect((await read(workbook.host, `Elsewhere!C6:G${5 + NEW_GRID.rows.length}`)).values).toEqual(NEW_GRID.rows);
    const lines = outcome.report.tables[0]?.changes.filter((change) => change.reason === "line_not_found").map((change) => change.columnKey);
    expect(lines).toEqual(["title", "note", "source"]);
    expect(changedCells(outcome.before, outcome.after).filter((address) => address.startsWith("Sheet1!"))).toEqual([]);
    expect(recordsOf(outcome.after)[0]?.sheet.name).toBe("Elsewhere");
  });

  it("the table resized (a column added on its right): our columns refreshed, the user's column left alone", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.resizeTable(name, "Sheet1!B3:G8");
    await workbook.host.user.type("Sheet1!G4", "user figure");
    const outcome = await refreshAndCompare(workbook, ["Sheet1!G3", "Sheet1!G4", "Sheet1!G5"]);
    expect(outcome.problems).toEqual([]);
    expect(await tableAddress(workbook.host, name)).toBe(`Sheet1!B3:G${3 + NEW_GRID.rows.length}`);
    expect((await read(workbook.host, `Sheet1!B4:F${3 + NEW_GRID.rows.length}`)).values).toEqual(NEW_GRID.rows);
    expect((await read(workbook.host, `Sheet1!G${3 + NEW_GRID.rows.length}`)).values).toEqual([[""]]);
  });

  it("the table deleted: reported missing, not recreated, nothing written", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.deleteTable(name);
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    expect(outcome.report.tables.map((t) => [t.status, t.changes.map((c) => c.kind)])).toEqual([["missing", ["missing_table"]]]);
    expect(outcome.report.upToDate).toBe(false);
  });

  it("its sheet renamed: found by name, refreshed; the record takes the new sheet name", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    workbook.host.user.renameSheet("Sheet1", "Figures 2024");
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    expect(outcome.report.tables[0]?.sheet).toBe("Figures 2024");
    expect(recordsOf(outcome.after)[0]?.sheet.name).toBe("Figures 2024");
    expect((await read(workbook.host, "'Figures 2024'!C4")).values).toEqual([[1950]]);
  });

  it("its sheet deleted: reported missing, nothing written", async () => {
    const workbook = setup();
    const inserted = await workbook.port.insertTable(GRID, { newSheet: true });
    for (const [address, value] of USER_CELLS) await workbook.host.user.type(address, value);
    workbook.host.user.deleteSheet(inserted.record.sheet.name);
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    expect(outcome.report.tables.map((t) => t.status)).toEqual(["missing"]);
  });

  it("the tracking record missing: the table is not tracked, nothing is written", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    await workbook.host.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items");
      await context.sync();
      parts.items.forEach((part) => part.delete());
      await context.sync();
    });
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    expect([outcome.report.tables, outcome.report.damagedParts]).toEqual([[], []]);
  });

  it.each([
    // Excel refuses XML that is not well formed (setXml), so the damage a workbook can hold is a body that is not JSON.
    ["bad XML", `<record xmlns="${TRACKING_NAMESPACE}">{"version":2, &lt;broken</record>`],
    ["a wrong schema", `<record xmlns="${TRACKING_NAMESPACE}">{"version":2,"recordId":"x","tableId":7}</record>`],
  ])("the tracking record corrupt (%s): reported as damaged, never rewritten, nothing written", async (_case, xml) => {
    const workbook = setup();
    await insertFdi(workbook);
    await workbook.host.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items");
      await context.sync();
      parts.items.forEach((part) => part.setXml(xml));
      await context.sync();
    });
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    expect(outcome.report.damagedParts.map((part) => part.damage)).toEqual([_case === "bad XML" ? "invalid_json" : "invalid_record"]);
  });

  it("a figure typed over by the user: kept, reported with both values; the rest is refreshed", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    await workbook.host.user.type("Sheet1!C4", 1800);
    const outcome = await refreshAndCompare(workbook, ["Sheet1!C4"]);
    expect(outcome.problems).toEqual([]);
    const edit = outcome.report.tables[0]?.changes.find((change) => change.address === "Sheet1!C4");
    expect(edit).toMatchObject({ kind: "user_edit", before: 1800, after: 1950, written: false, reason: "kept_user_edit" });
    expect(outcome.report.tables[0]?.status).toBe("stale");
    // The row's period stays with the user's figure (issue 16); the other rows' periods are refreshed.
    expect((await read(workbook.host, "Sheet1!E4")).values).toEqual([[GRID.rows[0]?.[3]]]);
    expect((await read(workbook.host, "Sheet1!E5")).values).toEqual([[NEW_GRID.rows[1]?.[3]]]);
    // Refreshing again keeps reporting the edit, and writes nothing more.
    const again = await workbook.refresh(REVISED);
    expect([again.upToDate, again.tables[0]?.status, again.writeOperations]).toEqual([true, "edited", 0]);
  });

  it("a column inserted by the user inside the table: its header and cells are never touched", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.insertColumns("Sheet1", 3, 1); // before column D (Unit): the table grows
    await workbook.host.user.type("Sheet1!D4", "my remark");
    await workbook.host.user.type("Sheet1!D6", 123);
    const header = cellOf(workbook.host.save(), "Sheet1!D3");
    const outcome = await refreshAndCompare(workbook, ["Sheet1!D3", "Sheet1!D4", "Sheet1!D5", "Sheet1!D6"]);
    expect(outcome.problems).toEqual([]);
    expect(cellOf(outcome.after, "Sheet1!D3")).toEqual(header);
    const rows = (await read(workbook.host, await tableAddress(workbook.host, name))).values.slice(1);
    expect(rows.map((row) => [row[0], row[1], row[3], row[4], row[5]])).toEqual(NEW_GRID.rows);
    expect(rows.map((row) => row[2])).toEqual(["my remark", "", 123, ...Array<string>(NEW_GRID.rows.length - 3).fill("")]);
  });

  it("a column added beside the table: untouched, and the added row leaves it alone", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    const beside = ["Sheet1!G3", "Sheet1!G4", "Sheet1!G8", "Sheet1!G9"];
    for (const address of beside) await workbook.host.user.type(address, `note ${address}`);
    const outcome = await refreshAndCompare(workbook, beside);
    expect(outcome.problems).toEqual([]);
    expect(outcome.report.tables[0]?.status).toBe("stale");
  });

  it("the table sorted: rows matched by what we wrote in them, never by position; the order is kept", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.sortTable(name, 0, false);
    const sortedLabels = (await read(workbook.host, "Sheet1!B4:B8")).values.map((row) => row[0]);
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    const rows = await rowsById(workbook, name);
    const violations = NEW_GRID.rowIds.flatMap((id, i) => (JSON.stringify(rows.get(id)) === JSON.stringify(NEW_GRID.rows[i]) ? [] : [id]));
    expect(violations).toEqual([]);
    // The user's order stays; the added row comes last.
    const labels = (await read(workbook.host, `Sheet1!B4:B${3 + NEW_GRID.rows.length}`)).values.map((row) => row[0]);
    const relabel = new Map<unknown, unknown>(GRID.rowIds.map((id, i) => [GRID.rows[i]?.[0], NEW_GRID.rows[NEW_GRID.rowIds.indexOf(id)]?.[0]]));
    expect(labels).toEqual([...sortedLabels.map((label) => relabel.get(label)), NEW_GRID.rows[NEW_GRID.rows.length - 1]?.[0]]);
  });

  it("the sheet protected: blocked, reported, nothing written", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    workbook.host.user.protectSheet("Sheet1");
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    expect(outcome.report.tables.map((t) => [t.status, t.reason])).toEqual([["blocked", "sheet_protected"]]);
    expect(outcome.report.tables[0]?.changes.every((change) => !change.written)).toBe(true);
  });

  it("an occupied row below the table when a row is added: blocked, nothing written to that table", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    await workbook.host.user.type("Sheet1!D9", "in the way");
    const outcome = await refreshAndCompare(workbook, ["Sheet1!D9"]);
    expect(unchanged(outcome)).toEqual([]);
    const table = outcome.report.tables[0];
    expect([table?.status, table?.reason]).toEqual(["blocked", "cells_below_occupied"]);
    expect(table?.changes.find((change) => change.kind === "blocked" && change.address !== null)?.address).toBe("Sheet1!D9");
  });

  it("two tables of the same id: each record refreshes its own table", async () => {
    const workbook = setup();
    const first = await insertFdi(workbook);
    const second = (await workbook.port.insertTable(GRID, { address: "Sheet1!B16" })).binding.tableName;
    expect(second).not.toBe(first);
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    expect(outcome.report.tables.map((t) => [t.tableName, t.status])).toEqual([[first, "stale"], [second, "stale"]]);
    expect((await read(workbook.host, `Sheet1!B4:F${3 + NEW_GRID.rows.length}`)).values).toEqual(NEW_GRID.rows);
    expect((await read(workbook.host, `Sheet1!B18:F${17 + NEW_GRID.rows.length}`)).values).toEqual(NEW_GRID.rows);
    expect(new Set(recordsOf(outcome.after).map((record) => record.table?.id)).size).toBe(2);
  });

  it("a table inserted in formula mode: formulas kept and recalculated, the added row gets its formula", async () => {
    const workbook = setup();
    await insertFdi(workbook, { mode: "formulas" });
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    const cells = await read(workbook.host, `Sheet1!C4:C${3 + NEW_GRID.rows.length}`);
    expect(cells.formulas.map((row) => row[0])).toEqual(NEW_GRID.valueFigureIds.map((id) => statFormula(id ?? "", NEW_GRID.language)));
    expect(cells.values[0]).toEqual([1950]);
  });
});

/** Issue 14: the steps Excel may refuse are checked before anything is written; undo is recognised. */
describe("refresh fault matrix: filters, merged cells, undo", () => {
  const POLICY = tableGrid(EMBEDDED, "two_zones_policy", "en");
  const NEW_POLICY = tableGrid(REVISED, "two_zones_policy", "en");
  const REMOVED = "services_openness_first_place_years";

  async function insertPolicy(workbook: Workbook): Promise<string> {
    const inserted = await workbook.port.insertTable(POLICY, { address: AT });
    // The user's cells, but none below the table in its columns (a row deletion would move them).
    for (const [address, value] of USER_CELLS) if (address !== "Sheet1!B30") await workbook.host.user.type(address, value);
    return inserted.binding.tableName;
  }

  it("a filtered table: its values are refreshed, the removed row is kept and reported; cleared, the next refresh deletes it", async () => {
    const workbook = setup();
    const name = await insertPolicy(workbook);
    // The filter shows every row: Excel still refuses to delete rows of the table (office-js #994).
    workbook.host.user.filterTable(name, 0, POLICY.rows.map((row) => String(row[0])));
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    const table = outcome.report.tables[0];
    expect(table?.status).toBe("stale");
    const removed = table?.changes.filter((change) => change.kind === "row_removed") ?? [];
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((change) => change.rowId === REMOVED && !change.written && change.reason === "table_filtered")).toBe(true);
    expect(table?.changes.some((change) => change.kind === "label_changed" && change.written)).toBe(true);
    // Every row but the removed one is the revised release's; the removed row is still there, still ours.
    const removedRow = POLICY.rows[POLICY.rowIds.indexOf(REMOVED)];
    const body = (await read(workbook.host, await tableAddress(workbook.host, name))).values.slice(1);
    expect(body.filter((row) => row[0] !== removedRow?.[0])).toEqual(NEW_POLICY.rows);
    expect(body.filter((row) => row[0] === removedRow?.[0])).toEqual([removedRow]);
    expect(recordsOf(outcome.after)[0]?.rowIds).toContain(REMOVED);
    // Refreshed again with the filter on: nothing to write; the row is still reported.
    const again = await refreshAndCompare(workbook);
    expect(unchanged(again)).toEqual([]);
    expect(again.report.tables.map((t) => t.status)).toEqual(["edited"]);
    // The filter cleared: the row is deleted.
    workbook.host.user.clearTableFilter(name);
    const cleared = await refreshAndCompare(workbook);
    expect(cleared.problems).toEqual([]);
    expect(cleared.report.tables[0]?.changes.filter((change) => change.kind === "row_removed").every((change) => change.written)).toBe(true);
    expect((await read(workbook.host, await tableAddress(workbook.host, name))).values.slice(1)).toEqual(NEW_POLICY.rows);
    expect(recordsOf(cleared.after)[0]?.rowIds).toEqual(NEW_POLICY.rowIds);
  });

  it("a filtered table that gains a row: refreshed, the row added (no cell shifts)", async () => {
    const workbook = setup();
    const name = await insertFdi(workbook);
    workbook.host.user.filterTable(name, 0, [String(GRID.rows[0]?.[0])]);
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    expect(outcome.report.tables.map((t) => t.status)).toEqual(["stale"]);
    expect(await tableAddress(workbook.host, name)).toBe(`Sheet1!B3:F${3 + NEW_GRID.rows.length}`);
  });

  it("below ExcelApi 1.9 (no AutoFilter API): a removed row is kept (filter_unknown), nothing refused", async () => {
    const workbook = setup({ requirementSets: { ExcelApi: "1.8" } });
    await insertPolicy(workbook);
    const report = await workbook.refresh(REVISED, { isSetSupported: workbook.host.isSetSupported });
    expect(report.tables.map((t) => t.status)).toEqual(["stale"]);
    const removed = report.tables[0]?.changes.filter((change) => change.kind === "row_removed") ?? [];
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((change) => !change.written && change.reason === "filter_unknown")).toBe(true);
  });

  it("merged cells a row deletion would split: blocked, naming the merged range, nothing written", async () => {
    const workbook = setup();
    await insertPolicy(workbook);
    // Far below the table, across its right edge: deleting a row would move half of it.
    const right = String.fromCharCode(65 + POLICY.header.length);
    const area = `${right}40:${String.fromCharCode(66 + POLICY.header.length)}40`;
    workbook.host.user.merge(`Sheet1!${area}`);
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    const table = outcome.report.tables[0];
    expect([table?.status, table?.reason]).toEqual(["blocked", "merged_cells"]);
    expect(table?.changes.find((change) => change.kind === "blocked")?.address).toBe(`Sheet1!${area}`);
    expect(table?.changes.every((change) => !change.written)).toBe(true);
  });

  it("merged cells where a moved line goes: blocked, nothing written", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    // The note and source move down one row when the release adds one: their new cells are merged.
    const record = recordsOf(workbook.host.save())[0];
    const source = record?.lines.source ? parseA1(record.lines.source) : null;
    if (!source) throw new Error("no source line");
    const below = rectAddress({ row: source.row + 1, column: source.column, rows: 1, columns: 2 });
    workbook.host.user.merge(`Sheet1!${below}`);
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    expect(outcome.report.tables.map((t) => [t.status, t.reason])).toEqual([["blocked", "merged_cells"]]);
  });

  it("merged cells away from the write: refreshed as usual", async () => {
    const workbook = setup();
    await insertPolicy(workbook);
    workbook.host.user.merge("Sheet1!M40:N41");
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.problems).toEqual([]);
    expect(outcome.report.tables.map((t) => t.status)).toEqual(["stale"]);
  });

  it("undo after an insert: reported undone, nothing written, the record kept until forgotten", async () => {
    const workbook = setup({ undo: true });
    await workbook.port.insertTable(GRID, { address: AT });
    workbook.host.undo();
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    expect(outcome.report.tables.map((t) => [t.status, t.reason])).toEqual([["undone", "insert_undone"]]);
    expect(outcome.report.upToDate).toBe(false);
    const recordId = recordsOf(outcome.after)[0]?.recordId ?? "";
    await workbook.port.forgetInserted(recordId);
    const after = await workbook.refresh(REVISED);
    expect([after.tables.length, after.upToDate]).toEqual([0, true]);
  });

  it("undo after a refresh: reported undone, neither taken for the user's edits nor rewritten", async () => {
    const workbook = setup({ undo: true });
    await workbook.port.insertTable(GRID, { address: AT });
    const first = await workbook.refresh(REVISED);
    expect(first.tables.map((t) => t.status)).toEqual(["stale"]);
    workbook.host.undo();
    // The cells are the embedded release's again; the record still names the revised one.
    expect((await read(workbook.host, `Sheet1!B4:F${3 + GRID.rows.length}`)).values).toEqual(GRID.rows);
    const outcome = await refreshAndCompare(workbook);
    expect(unchanged(outcome)).toEqual([]);
    const table = outcome.report.tables[0];
    expect([table?.status, table?.reason, table?.changes.filter((change) => change.kind === "user_edit")]).toEqual(["undone", "refresh_undone", []]);
  });

  it("a refresh not undone, then the user's edit: an edit, not an undo", async () => {
    const workbook = setup();
    await insertFdi(workbook);
    await workbook.refresh(REVISED);
    await workbook.host.user.type("Sheet1!C4", 1);
    const outcome = await refreshAndCompare(workbook);
    expect(outcome.report.tables.map((t) => t.status)).toEqual(["edited"]);
  });
});
