/**
 * Inserting tables (insertTable, insertAllTables): one write plan, 2 syncs (see excel-workbook.ts
 * for what each sync holds). Every check runs in the read sync; the write sync starts with what
 * Excel may refuse (the new sheet, then the tables), then values, formats, widths, the tracking
 * parts, and the read-back (insert-checks.ts).
 */
import { STANDARD_COLUMN_WIDTH, cellAddress, qualified, serializeTrackingRecord } from "../core";
import type { TableGrid } from "../core";

import { AdapterError, officeCode, toAdapterError } from "./errors";
import type { ExcelRun, IsSetSupported, XlContext, XlRange, XlTable, XlWorksheet } from "./excel-api";
import { MAX_COLUMNS, MAX_ROWS, parseCell, parseRange, rangeAddress, splitAddress, uniqueSheetName } from "./layout";
import { type BlockLayout, blockLayout, fitWidths, trackingRecord } from "./block-layout";
import { checkFormulaCells, checkTableRange } from "./insert-checks";
import { bindingOf } from "./bindings";
import { TABLE_STYLE, baseTableName, uniqueTableName } from "./table-names";
import type { InsertAllOptions, InsertTableOptions, InsertedTable } from "./port";


/** The number format that makes Excel keep a cell's content as text. */
const TEXT = "@";

/** What an insert needs of the adapter. */
export interface InsertDeps {
  readonly run: ExcelRun;
  readonly isSetSupported: IsSetSupported;
  readonly newRecordId: () => string;
  readonly now: () => Date;
}

/** The first cell with content in a block, as [row, column] offsets, or null. */
function firstFilled(formulas: readonly (readonly unknown[])[]): [number, number] | null {
  for (let r = 0; r < formulas.length; r++) {
    const row = formulas[r] ?? [];
    for (let c = 0; c < row.length; c++) if (row[c] !== "" && row[c] !== null) return [r, c];
  }
  return null;
}

type Rect = { readonly row: number; readonly column: number; readonly rows: number; readonly columns: number };

function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

/** One grid placed in the block being written. */
interface Placed {
  readonly grid: TableGrid;
  readonly layout: BlockLayout;
  /** Row offset of the grid's block from the top-left of everything written. */
  readonly rowOffset: number;
}

/** Where an insert goes: an existing sheet (as InsertTableOptions say) or a new sheet. */
type Target = { readonly kind: "existing"; readonly options: InsertTableOptions } | { readonly kind: "new"; readonly title: string };

interface WritePlan {
  readonly target: Target;
  readonly placed: readonly Placed[];
  /** insertAllTables' title line, written at the top-left (not part of any record). */
  readonly heading: string | null;
  readonly style: string;
}

/**
 * Inserts one grid: at the active cell (default), at `address` (on `sheet` or the active sheet),
 * at A1 of `sheet`, or at A1 of a new sheet named after the grid's title (`newSheet`).
 * 2 syncs. Throws AdapterError: target_* (nothing written), sheet_protected, sheet_not_found,
 * name_taken, office_error.
 */
export async function insertTable(deps: InsertDeps, grid: TableGrid, options: InsertTableOptions = {}): Promise<InsertedTable> {
  const mode = options.mode ?? "values";
  const layout = blockLayout(grid, mode, options.includeSource ?? true);
  const target: Target = options.newSheet ? { kind: "new", title: grid.title } : { kind: "existing", options };
  const [inserted] = await writeTables(deps, { target, placed: [{ grid, layout, rowOffset: 0 }], heading: null, style: options.style ?? TABLE_STYLE });
  if (!inserted) throw new AdapterError("office_error", {});
  return inserted;
}

/**
 * Every grid on one new sheet (named from `sheetName`, with " (2)" ... when taken): the title
 * line in A1, then each grid's block (title, table, note, source) one under the other with a
 * blank row between. One tracking record per grid; the sheet's title line is not tracked.
 * 2 syncs in all.
 */
export async function insertAllTables(deps: InsertDeps, grids: readonly TableGrid[], options: InsertAllOptions): Promise<InsertedTable[]> {
  const mode = options.mode ?? "values";
  const placed: Placed[] = [];
  let row = 2;
  for (const grid of grids) {
    const layout = blockLayout(grid, mode, options.includeSource ?? true);
    placed.push({ grid, layout, rowOffset: row });
    row += layout.rows + 1;
  }
  return writeTables(deps, { target: { kind: "new", title: options.sheetName }, placed, heading: options.title, style: options.style ?? TABLE_STYLE });
}

async function writeTables(deps: InsertDeps, plan: WritePlan): Promise<InsertedTable[]> {
  const rows = Math.max(1, ...plan.placed.map((each) => each.rowOffset + each.layout.rows));
  const columns = Math.max(1, ...plan.placed.map((each) => each.layout.columns));
  const fits = (row: number, column: number): boolean => row + rows <= MAX_ROWS && column + columns <= MAX_COLUMNS;
  // Which edge a block at (row, column) would pass: the message names only that one.
  const offSheet = (row: number, column: number): "row" | "column" | "both" => {
    const pastRow = row + rows > MAX_ROWS;
    const pastColumn = column + columns > MAX_COLUMNS;
    return pastRow && pastColumn ? "both" : pastRow ? "row" : "column";
  };
  let sheetName: string | undefined;
  const { target } = plan;
  const askedSheet = target.kind === "existing" ? askedSheetOf(target.options) : undefined;
  const tried: string[] = [];
  try {
    return await deps.run(async (context) => {
      // ---- sync 1: read and check everything ----
      const tables = context.workbook.tables.load("items/name");
      const names = context.workbook.names.load("items/name");
      let sheet: XlWorksheet;
      let origin: { row: number; column: number };
      let newSheetName: string | null = null;
      let sheetId: string | null = null;
      let widths: { columnWidth: number | null }[] | null = null;
      if (target.kind === "new") {
        const sheets = context.workbook.worksheets.load("items/name");
        await context.sync();
        if (!fits(0, 0)) throw new AdapterError("target_off_sheet", { address: "A1", offSheet: offSheet(0, 0) });
        newSheetName = uniqueSheetName(target.title, sheets.items.map((each) => each.name));
        sheetName = newSheetName;
        // ---- sync 2 starts: the new sheet first, so that a taken name stops everything ----
        sheet = context.workbook.worksheets.add(newSheetName);
        origin = { row: 0, column: 0 };
      } else {
        const { options } = target;
        const found = targetOf(context, options, deps.isSetSupported);
        sheet = found.sheet;
        sheet.load("name, id");
        sheet.protection.load("protected");
        const known = found.known;
        let area: XlRange | null = null;
        let meeting: { items: { name: string; getRange(): XlRange }[] } | null = null;
        let merged: { isNullObject: boolean; address: string } | null = null;
        if (known === null || fits(known.row, known.column)) {
          area = found.anchor.getResizedRange(rows - 1, columns - 1).load("address, rowIndex, columnIndex, formulas");
          // The block's column widths: an insert only widens (never narrows) a column, and remove
          // puts them back. A width is per column, so one cell of each is read (the first row's):
          // never a whole column, and never several columns at once (Excel gives null for those
          // when they differ).
          const block = area;
          widths = Array.from({ length: columns }, (_, c) => block.getCell(0, c).format.load("columnWidth"));
          if (deps.isSetSupported("ExcelApi", "1.9")) meeting = area.getTables(false).load("items/name");
          // Excel returns only merged areas whose top-left cell is in the range asked about
          // (OfficeDev/office-js#3611), so ask from A1: every area meeting the block starts there.
          if (deps.isSetSupported("ExcelApi", "1.13")) merged = area.getBoundingRect("A1").getMergedAreasOrNullObject().load("address");
        }
        try {
          await context.sync();
        } catch (error: unknown) {
          if (askedSheet !== undefined && officeCode(error) === "ItemNotFound") {
            throw new AdapterError("sheet_not_found", { sheet: askedSheet, officeCode: "ItemNotFound" }, { cause: error });
          }
          if (known !== null) throw error;
          // The active cell was not known before the read: a block that runs off the sheet fails
          // the read. Read where the cell is, to tell that apart from any other failure.
          found.anchor.load("rowIndex, columnIndex, address");
          sheet.load("name");
          await context.sync();
          if (!fits(found.anchor.rowIndex, found.anchor.columnIndex)) {
            throw new AdapterError(
              "target_off_sheet",
              { address: found.anchor.address, sheet: sheet.name, offSheet: offSheet(found.anchor.rowIndex, found.anchor.columnIndex) },
              { cause: error },
            );
          }
          throw error;
        }
        sheetName = sheet.name;
        sheetId = sheet.id;
        if (sheet.protection.protected) throw new AdapterError("sheet_protected", { sheet: sheet.name });
        if (area === null) {
          const at = known ?? { row: 0, column: 0 };
          throw new AdapterError("target_off_sheet", { address: qualified(sheet.name, cellAddress(at.row, at.column)), sheet: sheet.name, offSheet: offSheet(at.row, at.column) });
        }
        origin = { row: area.rowIndex, column: area.columnIndex };
        const range = area.address;
        const first = firstFilled(area.formulas);
        const cellAt = (offset: [number, number] | null): string =>
          qualified(sheet.name, cellAddress(origin.row + (offset?.[0] ?? 0), origin.column + (offset?.[1] ?? 0)));
        const clash = meeting?.items[0];
        if (clash) {
          // Name the table met and where the block first meets it (not the block's first filled
          // cell, which may be another table's title): one more read, on this failing path only.
          const clashRange = clash.getRange().load("address, rowIndex, columnIndex, rowCount, columnCount");
          await context.sync();
          const top = Math.max(origin.row, clashRange.rowIndex);
          const left = Math.max(origin.column, clashRange.columnIndex);
          throw new AdapterError("target_in_table", {
            address: qualified(sheet.name, cellAddress(top, left)),
            range,
            table: clash.name,
            tableRange: clashRange.address,
            sheet: sheet.name,
          });
        }
        if (merged && !merged.isNullObject) {
          const block = { row: origin.row, column: origin.column, rows, columns };
          const meets = merged.address.split(",").map((each) => each.trim()).find((each) => {
            const rect = parseRange(splitAddress(each).local.replace(/\$/g, ""));
            return rect !== null && overlaps(rect, block);
          });
          if (meets !== undefined) throw new AdapterError("target_merged", { address: meets, range, sheet: sheet.name });
        }
        if (first !== null) throw new AdapterError("target_not_empty", { address: cellAt(first), range, sheet: sheet.name });
        // ---- sync 2 starts ----
      }

      // ---- sync 2: write (tables first: if Excel refuses one, nothing else is written) ----
      const taken = [...tables.items.map((each) => each.name), ...names.items.map((each) => each.name)];
      const insertedAt = deps.now().toISOString();
      const written = plan.placed.map((each) => {
        const top = origin.row + each.rowOffset;
        const tableRange = sheet.getRange(rangeAddress(top + each.layout.tableRow, origin.column, each.layout.tableRows, each.layout.columns));
        let table: XlTable | null = null;
        let tableName = "";
        if (each.layout.mode !== "spill") {
          tableName = uniqueTableName(baseTableName(each.grid.tableId), taken);
          taken.push(tableName);
          tried.push(tableName);
          table = sheet.tables.add(tableRange, true);
          table.name = tableName;
          table.style = plan.style;
          table.load("id");
        }
        const record = trackingRecord(each.grid, each.layout, {
          recordId: deps.newRecordId(),
          sheetName: sheetName ?? "",
          sheetId,
          row: top,
          column: origin.column,
          tableName,
          insertedAt,
          columnWidths: widths && each.rowOffset === 0 ? widths.slice(0, each.layout.columns).map((format) => format.columnWidth ?? STANDARD_COLUMN_WIDTH) : null,
        });
        return { each, top, table, record };
      });

      // Whole 2-D arrays over everything written: number formats first (so that text cells are
      // "@" before any text arrives), then values, then the formula cells (if any) through
      // Range.formulas. null leaves a cell as it is.
      const grid = <T>(): (T | null)[][] => Array.from({ length: rows }, () => Array<T | null>(columns).fill(null));
      const values = grid<string | number>();
      const formulas = grid<string>();
      const formats = grid<string>();
      if (plan.heading !== null) {
        (values[0] ?? [])[0] = plan.heading;
        (formats[0] ?? [])[0] = TEXT;
      }
      let anyFormula = false;
      for (const { layout, rowOffset } of plan.placed) {
        layout.values.forEach((row, r) => row.forEach((value, c) => ((values[rowOffset + r] ?? [])[c] = value)));
        layout.formats.forEach((row, r) => row.forEach((format, c) => ((formats[rowOffset + r] ?? [])[c] = format)));
        layout.formulas.forEach((row, r) =>
          row.forEach((formula, c) => {
            if (formula === null) return;
            (formulas[rowOffset + r] ?? [])[c] = formula;
            anyFormula = true;
          }),
        );
      }
      const whole = sheet.getRange(rangeAddress(origin.row, origin.column, rows, columns));
      whole.numberFormat = formats;
      whole.values = values;
      if (anyFormula) whole.formulas = formulas;

      const cell = (row: number): XlRange => sheet.getRange(cellAddress(row, origin.column));
      if (plan.heading !== null) cell(origin.row).format.font.bold = true;
      for (const { each, top } of written) {
        cell(top + each.layout.lines.title).format.font.bold = true;
        for (const line of [each.layout.lines.note, each.layout.lines.source]) if (line !== null) cell(top + line).format.font.italic = true;
      }
      // Widths: each column as wide as the widest block in it wants (fitWidths), never narrower
      // than it was (on a new sheet, the standard width). One write per column that widens.
      fitWidths(plan.placed.map((each) => each.layout.columnWidths), widths?.map((format) => format.columnWidth) ?? null, columns).forEach((width, c) => {
        if (width !== null) sheet.getRange(cellAddress(origin.row, origin.column + c)).format.columnWidth = width;
      });
      // Read back in this same sync, after the writes: each table's range (it must be exactly the
      // range meant: growth is never trusted) and each block's formula cells (an error such as
      // #NAME? is reported). Calculation is never suspended, so Excel calculates as it writes.
      const checks = written.map(({ each, top, table }) => ({
        tableRange: table ? table.getRange().load("address") : null,
        block: each.layout.formulas.some((row) => row.some((formula) => formula !== null))
          ? sheet.getRange(rangeAddress(top, origin.column, each.layout.rows, each.layout.columns)).load("valueTypes, values")
          : null,
      }));
      if (target.kind === "new") sheet.activate();
      // Tracking records are custom XML parts (ExcelApi 1.5). Without them the tables are written
      // all the same, untracked: listInserted then has nothing to list (docs/requirement-sets.md).
      if (deps.isSetSupported("ExcelApi", "1.5")) for (const { record } of written) context.workbook.customXmlParts.add(serializeTrackingRecord(record));
      await context.sync();

      return written.map(({ each, top, record, table }, i): InsertedTable => {
        const check = checks[i];
        const name = record.sheet.name;
        const formulas = check?.block ? checkFormulaCells(each.layout.formulas, check.block, { row: top, column: origin.column }, name) : { problems: [], calculating: 0 };
        const geometry = check?.tableRange && record.table ? checkTableRange(record.table.name, record.table.address, check.tableRange.address, name) : null;
        return {
          binding: bindingOf(record),
          record,
          address: qualified(name, record.block),
          tableAddress: qualified(name, record.table?.address ?? record.spillCell ?? record.anchor),
          excelTableId: table?.id ?? null,
          problems: geometry ? [geometry, ...formulas.problems] : formulas.problems,
          formulasCalculating: formulas.calculating,
        };
      });
    });
  } catch (error: unknown) {
    if (error instanceof AdapterError) throw error;
    const code = officeCode(error);
    // A sheet or table name was taken between the read and the write (a co-author, another
    // pane). For a new sheet nothing was written (the sheet comes first); for a table name, Excel
    // may have created the table under its default name before refusing the name.
    if (code === "ItemAlreadyExists") {
      const details = target.kind === "new" && sheetName !== undefined ? { sheet: sheetName } : { table: tried.join(", ") };
      throw new AdapterError("name_taken", { officeCode: code, ...details }, { cause: error });
    }
    // Without getTables (ExcelApi 1.9) an overlap is first seen when Excel refuses the table.
    if (code === "InvalidOperation" && !deps.isSetSupported("ExcelApi", "1.9")) {
      throw new AdapterError("target_in_table", { officeCode: code, ...(sheetName !== undefined ? { sheet: sheetName } : {}) }, { cause: error });
    }
    throw toAdapterError(error, sheetName);
  }
}

/** The sheet the options name, if any (from `sheet`, or from a sheet-qualified `address`). */
function askedSheetOf(options: InsertTableOptions): string | undefined {
  if (options.sheet !== undefined) return options.sheet;
  return options.address === undefined ? undefined : splitAddress(options.address).sheet ?? undefined;
}

/** The sheet and top-left cell to insert at; `known` is the cell's position when the options give it. */
function targetOf(context: XlContext, options: InsertTableOptions, isSetSupported: IsSetSupported): { sheet: XlWorksheet; anchor: XlRange; known: { row: number; column: number } | null } {
  const { workbook } = context;
  const split = options.address === undefined ? null : splitAddress(options.address);
  const sheetKey = options.sheet ?? split?.sheet ?? undefined;
  const local = split?.local.split(":")[0] ?? "A1";
  if (sheetKey !== undefined || split !== null) {
    const sheet = sheetKey !== undefined ? workbook.worksheets.getItemOrNullObject(sheetKey) : workbook.worksheets.getActiveWorksheet();
    const known = parseCell(local);
    if (known === null) throw new AdapterError("target_off_sheet", { address: options.address ?? local });
    return { sheet, anchor: sheet.getRange(cellAddress(known.row, known.column)), known };
  }
  const anchor = isSetSupported("ExcelApi", "1.7") ? workbook.getActiveCell() : workbook.getSelectedRange().getCell(0, 0);
  return { sheet: anchor.worksheet, anchor, known: null };
}
