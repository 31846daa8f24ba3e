/**
 * The Office.js adapter: the workbook port over the Excel JavaScript API. This is the only code in
 * the project that calls Excel.run. Tests pass the simulated host's `run` instead.
 *
 * Sync budget for insertTable, whatever the table's size:
 *   1. read: the target block's formulas, the sheet's name and protection, the tables meeting the
 *      block, every table and defined name (for a unique name), the bindings part;
 *   2. write: the table, number formats (before values, so text stays text), values, fonts and
 *      widths; and, if bindings parts exist, queue reading their XML; if none does, add one;
 *   3. only if bindings parts existed: add the binding to the first readable part. A damaged part
 *      is never rewritten (that would lose what it records); if no part is readable, a new part
 *      is added in this same sync. A stale entry of the same table name in another readable part
 *      is removed in this sync too.
 * So 2 syncs for the first insert in a workbook and 3 afterwards, damaged parts or not. Everything
 * in sync 2 is bulk: one 2-D array per property, never a per-row call.
 *
 * Failed batches are not rolled back by Excel: operations before a failure in the same sync stay
 * applied. Sync 2 therefore adds the table first: if Excel refuses it, nothing else is written.
 */
import type { TableGrid } from "../core";
import { BINDINGS_NAMESPACE, type ParsedBindings, parseBindings, serializeBindings, upsertBinding } from "./bindings";
import { cellAddress, qualified, sheetOf } from "../core/a1";
import { AdapterError, officeCode, toAdapterError } from "./errors";
import type { ExcelRun, IsSetSupported, XlContext, XlRange, XlWorksheet } from "./excel-api";
import type { BindingsReport, DamagedBindingsPart, InsertAllOptions, InsertTableOptions, InsertedReport, InsertedTable, TableBinding, WorkbookPort } from "./port";

/** The table style of inserted tables. */
export const TABLE_STYLE = "TableStyleMedium2";
/** The number format that makes Excel keep a cell's content as text. */
const TEXT = "@";

export interface ExcelWorkbookOptions {
  /** Defaults to Excel.run when the Office.js global exists. */
  readonly run?: ExcelRun;
  /** Defaults to Office.context.requirements.isSetSupported when available, else "all supported". */
  readonly isSetSupported?: IsSetSupported;
}

function defaultRun(): ExcelRun {
  if (typeof Excel === "undefined") {
    return () => Promise.reject(new AdapterError("unsupported_host", {}));
  }
  // Compiles only because Excel.RequestContext satisfies XlContext: the real-Excel half of the check.
  return (batch) => Excel.run(batch);
}

function defaultIsSetSupported(): IsSetSupported {
  if (typeof Office !== "undefined" && Office.context?.requirements) {
    return (name, version) => Office.context.requirements.isSetSupported(name, version);
  }
  return () => true;
}

/** A table name Excel accepts: "BJ_" + the table id with anything but letters, digits, _ and . replaced. */
export function baseTableName(tableId: string): string {
  return `BJ_${tableId.replace(/[^\p{L}\p{N}_.]/gu, "_")}`;
}

/** The base name, or base_2, base_3 ... : the first not taken (names compare case-insensitively). */
export function uniqueTableName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`.toLowerCase())) return `${base}_${n}`;
}

/** A readable part's bindings without the one of `tableName` (case-insensitive). */
function withoutTable(parsed: Extract<ParsedBindings, { ok: true }>, tableName: string): TableBinding[] {
  return parsed.bindings.filter((each) => each.tableName.toLowerCase() !== tableName.toLowerCase());
}

interface Layout {
  readonly rows: number;
  readonly columns: number;
  readonly values: (string | number | null)[][];
  readonly formats: (string | null)[][];
}

/** The block: title, header, data rows, note, source. Cells not written are null (left as they are). */
function layout(grid: TableGrid): Layout {
  const columns = Math.max(1, grid.header.length);
  const line = (text: string): { values: (string | null)[]; formats: (string | null)[] } => ({
    values: [text, ...Array<null>(columns - 1).fill(null)],
    formats: [TEXT, ...Array<null>(columns - 1).fill(null)],
  });
  const title = line(grid.title);
  const note = line(grid.note);
  const source = line(grid.sourceLine);
  return {
    rows: grid.rows.length + 4,
    columns,
    values: [title.values, [...grid.header], ...grid.rows.map((row) => [...row]), note.values, source.values],
    formats: [title.formats, grid.header.map(() => TEXT), ...grid.numberFormats.map((row) => [...row]), note.formats, source.formats],
  };
}

/** The first cell with content in a block, as an address, or null. */
function firstFilled(formulas: unknown[][], top: number, left: number): string | null {
  for (let r = 0; r < formulas.length; r++) {
    const row = formulas[r] ?? [];
    for (let c = 0; c < row.length; c++) if (row[c] !== "" && row[c] !== null) return cellAddress(top + r, left + c);
  }
  return null;
}

export class ExcelWorkbook implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly isSetSupported: IsSetSupported;

  constructor(options: ExcelWorkbookOptions = {}) {
    this.run = options.run ?? defaultRun();
    this.isSetSupported = options.isSetSupported ?? defaultIsSetSupported();
  }

  async insertTable(grid: TableGrid, options: InsertTableOptions = {}): Promise<InsertedTable> {
    const block = layout(grid);
    let sheetName: string | undefined = options.sheet;
    try {
      return await this.run(async (context) => {
        // ---- sync 1: read ----
        const { sheet, anchor } = this.target(context, options);
        const area = anchor.getResizedRange(block.rows - 1, block.columns - 1);
        area.load("address, rowIndex, columnIndex, formulas");
        sheet.load("name");
        sheet.protection.load("protected");
        const meeting = this.isSetSupported("ExcelApi", "1.9") ? area.getTables(false).load("items/name") : null;
        const tables = context.workbook.tables.load("items/name");
        const names = context.workbook.names.load("items/name");
        const parts = context.workbook.customXmlParts.getByNamespace(BINDINGS_NAMESPACE).load("items/id");
        await context.sync();

        if (options.sheet !== undefined && sheet.isNullObject) throw new AdapterError("sheet_not_found", { sheet: options.sheet });
        sheetName = sheet.name;
        if (sheet.protection.protected) throw new AdapterError("sheet_protected", { sheet: sheet.name });
        const filled = firstFilled(area.formulas, area.rowIndex, area.columnIndex);
        if (filled !== null) throw new AdapterError("target_not_empty", { address: qualified(sheet.name, filled), sheet: sheet.name });
        const clash = meeting?.items[0];
        if (clash) throw new AdapterError("target_not_empty", { address: `${sheetOf(area.address) || sheet.name} (${clash.name})`, sheet: sheet.name });

        const tableName = uniqueTableName(baseTableName(grid.tableId), [
          ...tables.items.map((table) => table.name),
          ...names.items.map((name) => name.name),
        ]);
        const binding: TableBinding = {
          tableName,
          tableId: grid.tableId,
          releaseId: grid.releaseId,
          language: grid.language,
          sheet: sheet.name,
        };

        // ---- sync 2: write ----
        if (this.isSetSupported("ExcelApi", "1.6")) context.workbook.application.suspendApiCalculationUntilNextSync();
        const tableRange = anchor.getOffsetRange(1, 0).getResizedRange(grid.rows.length, block.columns - 1);
        const table = sheet.tables.add(tableRange, true);
        table.name = tableName;
        table.style = TABLE_STYLE;
        area.numberFormat = block.formats;
        area.values = block.values;
        anchor.format.font.bold = true;
        anchor.getOffsetRange(block.rows - 2, 0).getResizedRange(1, 0).format.font.italic = true;
        tableRange.format.autofitColumns();
        const existing = parts.items.map((part) => ({ part, xml: part.getXml() }));
        if (existing.length === 0) context.workbook.customXmlParts.add(serializeBindings([binding]));
        await context.sync();

        // ---- sync 3 (only when bindings parts existed): read-modify-write, damaged parts untouched ----
        if (existing.length > 0) {
          const read = existing.map(({ part, xml }) => ({ part, parsed: parseBindings(xml.value) }));
          const target = read.find((each) => each.parsed.ok);
          if (target?.parsed.ok) target.part.setXml(serializeBindings(upsertBinding(target.parsed.bindings, binding)));
          else context.workbook.customXmlParts.add(serializeBindings([binding]));
          for (const other of read) {
            if (other === target || !other.parsed.ok) continue;
            const kept = withoutTable(other.parsed, tableName);
            if (kept.length !== other.parsed.bindings.length) other.part.setXml(serializeBindings(kept));
          }
          await context.sync();
        }

        const top = area.rowIndex;
        const left = area.columnIndex;
        const tableLocal = `${cellAddress(top + 1, left)}:${cellAddress(top + 1 + grid.rows.length, left + block.columns - 1)}`;
        return { binding, address: area.address, tableAddress: qualified(sheet.name, tableLocal) };
      });
    } catch (error: unknown) {
      // A null sheet object fails its first use with ItemNotFound: the named sheet is missing.
      if (options.sheet !== undefined && officeCode(error) === "ItemNotFound") {
        throw new AdapterError("sheet_not_found", { sheet: options.sheet, officeCode: "ItemNotFound" }, { cause: error });
      }
      throw toAdapterError(error, sheetName);
    }
  }

  async listBindings(): Promise<BindingsReport> {
    try {
      return await this.run(async (context) => {
        const parts = context.workbook.customXmlParts.getByNamespace(BINDINGS_NAMESPACE).load("items/id");
        await context.sync();
        const xmls = parts.items.map((part) => ({ partId: part.id, xml: part.getXml() }));
        if (xmls.length === 0) return { bindings: [], damagedParts: [] };
        await context.sync();
        const bindings: TableBinding[] = [];
        const damagedParts: DamagedBindingsPart[] = [];
        for (const { partId, xml } of xmls) {
          const parsed = parseBindings(xml.value);
          if (parsed.ok) bindings.push(...parsed.bindings);
          else damagedParts.push({ partId, damage: parsed.damage });
        }
        return { bindings, damagedParts };
      });
    } catch (error: unknown) {
      throw toAdapterError(error);
    }
  }

  // Placeholders until the issue-8 adapter work lands (replaced, not shipped as done).
  insertAllTables(_grids: readonly TableGrid[], _options: InsertAllOptions): Promise<InsertedTable[]> {
    return Promise.reject(new AdapterError("unsupported_host", {}));
  }

  listInserted(): Promise<InsertedReport> {
    return Promise.reject(new AdapterError("unsupported_host", {}));
  }

  selectInserted(_recordId: string): Promise<void> {
    return Promise.reject(new AdapterError("unsupported_host", {}));
  }

  removeInserted(_recordId: string): Promise<void> {
    return Promise.reject(new AdapterError("unsupported_host", {}));
  }

  /** The sheet and top-left cell to insert at. */
  private target(context: XlContext, options: InsertTableOptions): { sheet: XlWorksheet; anchor: XlRange } {
    const { workbook } = context;
    if (options.sheet !== undefined) {
      const sheet = workbook.worksheets.getItemOrNullObject(options.sheet);
      return { sheet, anchor: sheet.getRange(options.address ?? "A1").getCell(0, 0) };
    }
    if (options.address !== undefined) {
      const sheet = workbook.worksheets.getActiveWorksheet();
      return { sheet, anchor: sheet.getRange(options.address).getCell(0, 0) };
    }
    const anchor = this.isSetSupported("ExcelApi", "1.7") ? workbook.getActiveCell() : workbook.getSelectedRange().getCell(0, 0);
    return { sheet: anchor.worksheet, anchor };
  }
}
