/**
 * The Office.js adapter: the workbook port over the Excel JavaScript API. This is the only code in
 * the project that calls Excel.run. Tests pass the simulated host's `run` instead.
 *
 * Syncs, whatever the tables' sizes (no sync in a loop anywhere):
 * - insertTable and insertAllTables: 2, the first insert in a workbook and every later one alike.
 *   1. read: the target block's formulas and column widths (one cell of each column), the
 *      sheet's name, id and protection, the tables meeting the block (ExcelApi 1.9), its merged
 *      areas (1.13), every table and defined name (for a unique table name) and, for a new
 *      sheet, every sheet name. Everything is checked here.
 *   2. write: the new sheet (if any), the tables, number formats (whole 2-D array, before the
 *      values so that text stays text), values (whole 2-D array; formula cells null), the formula
 *      cells through Range.formulas (whole 2-D array, formula modes only), fonts, widths (fitted
 *      to the text shown and only ever widened: src/core/widths.ts, fitWidths), and one NEW
 *      tracking part per inserted object. No part is read or rewritten, so a damaged part is
 *      never touched. Then, in the same sync, the read-back (src/office/insert-checks.ts): each
 *      table's range, and each block's formula cells (valueTypes and values), reported in
 *      InsertedTable.problems. Calculation is not suspended: Excel calculates as it writes.
 * - listInserted: 2 (+1 when the workbook holds spill inserts: their cell is read to find them; +1
 *   when it holds briefings: their records' XML).
 * - selectInserted: listInserted's + 1. removeInserted: listInserted's + 2 (read the cells, then
 *   delete). forgetInserted: listInserted's + 1 (see WorkbookPort.forgetInserted). listBindings: 2 (1 when there are no parts).
 *
 * Failed batches are not rolled back by Excel: operations before a failure in the same sync stay
 * applied. The write sync therefore starts with what Excel may refuse (the new sheet, then the
 * tables): if Excel refuses it, nothing else is written.
 */
import { TRACKING_NAMESPACE, cellAddress, changedCells, headerFingerprint, indexRelease, parseTrackingRecord, qualified } from "../core";
import type { BriefingLayout, DatasetIndex, RefreshReport, TableGrid, TrackingRecord } from "../core";
import type { Release } from "../data";
import type { RefreshOptions } from "./refresh";
import type { BriefingRefreshReport } from "./briefing";
import { type BriefingDeps, listBriefings, queueBriefings } from "./briefing-records";
import { type DocumentSettings, officeDocumentSettings, readAutoOpen, writeAutoOpen } from "./auto-open";
import type { FreezeOptions, FreezeReport, InsertFigureOptions, InsertedFigure, RestoreReport } from "./share";

/** Freeze, restore and one figure into a cell: a chunk of their own (share.js), loaded when first used. */
const shareModule = (): Promise<typeof import("./share")> => loadOnDemand(() => import(/* webpackChunkName: "share" */ "./share"));
/**
 * Inserting tables, refresh (the planner and its reads) and the briefing's insert, remove and refresh: chunks of
 * their own too (insert.js, refresh.js, briefing.js), so that the pane is drawn before they load.
 */
const insertModule = (): Promise<typeof import("./insert")> => loadOnDemand(() => import(/* webpackChunkName: "insert" */ "./insert"));
const refreshModule = (): Promise<typeof import("./refresh")> => loadOnDemand(() => import(/* webpackChunkName: "refresh" */ "./refresh"));
const briefingModule = (): Promise<typeof import("./briefing")> => loadOnDemand(() => import(/* webpackChunkName: "briefing" */ "./briefing"));
import { BINDINGS_NAMESPACE, bindingOf, parseBindings } from "./bindings";
import type { InsertDeps } from "./insert";
import { AdapterError, loadOnDemand, toAdapterError } from "./errors";
import type { ExcelRun, IsSetSupported, XlContext, XlCustomXmlPart, XlTable, XlWorksheet } from "./excel-api";
import { columnsInUse, parseRange, rangeAddress, splitAddress } from "./layout";
import { type MatchHow, matchTables } from "./matching";
import type { BindingsReport, BriefingsReport, DamagedBindingsPart, InsertBriefingOptions, InsertedBriefing, InsertAllOptions, InsertMode, InsertTableOptions, InsertedEntry, InsertedReport, InsertedTable, TableBinding, WorkbookPort } from "./port";

export interface ExcelWorkbookOptions {
  /** Defaults to Excel.run when the Office.js global exists. */
  readonly run?: ExcelRun;
  /** Defaults to Office.context.requirements.isSetSupported when available, else "all supported". */
  readonly isSetSupported?: IsSetSupported;
  /** Makes tracking record ids; default: a random (version 4) GUID. */
  readonly newRecordId?: () => string;
  /** The clock of `insertedAt`; default: now. */
  readonly now?: () => Date;
  /** Office.context.document.settings (the default where Office runs); null: the workbook's settings. */
  readonly documentSettings?: DocumentSettings | null;
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

interface RandomSource {
  randomUUID?: () => string;
  getRandomValues?: (array: Uint8Array) => Uint8Array;
}

/** A version-4 GUID from the platform's crypto (Math.random only where there is none). */
export function newGuid(): string {
  const crypto = (globalThis as { crypto?: RandomSource }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A table of the workbook as listInserted sees it. */
interface SeenTable {
  readonly proxy: XlTable;
  readonly name: string;
  readonly id: string;
  readonly sheet: XlWorksheet;
  readonly sheetName: string;
  readonly sheetId: string;
  /** Local A1 of the whole table, and its rectangle. */
  readonly address: string;
  readonly rect: { row: number; column: number; rows: number; columns: number };
  readonly fingerprint: string;
}

/** An entry with what the adapter needs to act on it. */
interface LocatedEntry {
  readonly entry: InsertedEntry;
  readonly part: XlCustomXmlPart;
  readonly table: SeenTable | null;
  /** Spill records: the sheet holding the formula cell, where found. */
  readonly spillSheet: { proxy: XlWorksheet; name: string; id: string } | null;
}

interface Located {
  readonly entries: LocatedEntry[];
  readonly damagedParts: DamagedBindingsPart[];
}

export class ExcelWorkbook implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly isSetSupported: IsSetSupported;
  private readonly newRecordId: () => string;
  private readonly now: () => Date;
  private readonly documentSettings: DocumentSettings | null;

  constructor(options: ExcelWorkbookOptions = {}) {
    this.run = options.run ?? defaultRun();
    this.isSetSupported = options.isSetSupported ?? defaultIsSetSupported();
    this.newRecordId = options.newRecordId ?? newGuid;
    this.now = options.now ?? ((): Date => new Date());
    this.documentSettings = options.documentSettings === undefined ? officeDocumentSettings() : options.documentSettings;
  }

  private insertDeps(): InsertDeps {
    return { run: this.run, isSetSupported: this.isSetSupported, newRecordId: this.newRecordId, now: this.now };
  }

  /** See WorkbookPort.getAutoOpen (src/office/auto-open.ts). */
  getAutoOpen(): Promise<boolean> {
    return readAutoOpen(this.documentSettings, this.run);
  }

  /** See WorkbookPort.setAutoOpen (src/office/auto-open.ts). */
  setAutoOpen(on: boolean): Promise<void> {
    return writeAutoOpen(this.documentSettings, this.run, on);
  }

  /** Freeze for sharing: see WorkbookPort.freezeFormulas (src/office/share.ts). */
  async freezeFormulas(options?: FreezeOptions): Promise<FreezeReport> {
    return (await shareModule()).freezeFormulas({ run: this.run, isSetSupported: this.isSetSupported }, options);
  }

  /** Restore the frozen formulas: see WorkbookPort.restoreFormulas (src/office/share.ts). */
  async restoreFormulas(): Promise<RestoreReport> {
    return (await shareModule()).restoreFormulas({ run: this.run, isSetSupported: this.isSetSupported });
  }

  /** One figure into a cell: see WorkbookPort.insertFigure (src/office/share.ts). */
  async insertFigure(figureId: string, options: InsertFigureOptions): Promise<InsertedFigure> {
    return (await shareModule()).insertFigure({ run: this.run, isSetSupported: this.isSetSupported }, figureId, options);
  }

  /** See WorkbookPort.insertTable (src/office/insert.ts). 2 syncs. */
  async insertTable(grid: TableGrid, options: InsertTableOptions = {}): Promise<InsertedTable> {
    return (await insertModule()).insertTable(this.insertDeps(), grid, options);
  }

  /** See WorkbookPort.insertAllTables (src/office/insert.ts). 2 syncs in all. */
  async insertAllTables(grids: readonly TableGrid[], options: InsertAllOptions): Promise<InsertedTable[]> {
    return (await insertModule()).insertAllTables(this.insertDeps(), grids, options);
  }

  /** Every binding recorded, version 1 and 2, and the parts that could not be read. 2 syncs. */
  async listBindings(): Promise<BindingsReport> {
    // No custom XML parts (ExcelApi 1.5): nothing can have been recorded. No sync.
    if (!this.isSetSupported("ExcelApi", "1.5")) return { bindings: [], damagedParts: [] };
    try {
      return await this.run(async (context) => {
        const v1 = context.workbook.customXmlParts.getByNamespace(BINDINGS_NAMESPACE).load("items/id");
        const v2 = context.workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items/id");
        await context.sync();
        const xmls = [...v1.items, ...v2.items].map((part) => ({ partId: part.id, xml: part.getXml(), v2: v2.items.includes(part) }));
        if (xmls.length === 0) return { bindings: [], damagedParts: [] };
        await context.sync();
        const bindings: TableBinding[] = [];
        const damagedParts: DamagedBindingsPart[] = [];
        for (const { partId, xml, v2: isV2 } of xmls) {
          if (isV2) {
            const parsed = parseTrackingRecord(xml.value);
            if (parsed.ok) bindings.push(bindingOf(parsed.record));
            else damagedParts.push({ partId, damage: parsed.damage });
          } else {
            const parsed = parseBindings(xml.value);
            if (parsed.ok) bindings.push(...parsed.bindings);
            else damagedParts.push({ partId, damage: parsed.damage });
          }
        }
        return { bindings, damagedParts };
      });
    } catch (error: unknown) {
      throw toAdapterError(error);
    }
  }

  /**
   * The pane's list: every record (version 1 and 2), each with where its table is now. A table is
   * found by its recorded name (at its recorded place first), then by Table.id, then by name
   * anywhere, then by scanning every table's header fingerprint, so renaming the table or its sheet
   * does not lose it. Each table answers for at most one record. Spill inserts are found by their
   * formula cell. 2 syncs (3 with spill inserts).
   */
  async listInserted(): Promise<InsertedReport> {
    // No custom XML parts (ExcelApi 1.5): inserts are not recorded, so the list is empty. No sync.
    if (!this.isSetSupported("ExcelApi", "1.5")) return { entries: [], damagedParts: [] };
    try {
      return await this.run(async (context) => {
        // Briefing records (src/office/briefing-records.ts) ride locate's first sync; their XML takes one more.
        const briefings = queueBriefings(context, this.isSetSupported);
        const located = await this.locate(context);
        const found = await briefings.read();
        const report = { entries: located.entries.map((each) => each.entry), damagedParts: [...located.damagedParts, ...found.damagedParts] };
        return found.entries.length > 0 ? { ...report, briefings: found.entries.map((each) => each.entry) } : report;
      });
    } catch (error: unknown) {
      throw toAdapterError(error);
    }
  }

  /** Activates the sheet of an inserted table and selects the table. listInserted's syncs + 1. */
  async selectInserted(recordId: string): Promise<void> {
    try {
      await this.run(async (context) => {
        const located = this.pick(await this.locate(context), recordId);
        if (located.table) {
          located.table.sheet.activate();
          located.table.proxy.getRange().select();
        } else if (located.spillSheet && located.entry.found) {
          located.spillSheet.proxy.activate();
          located.spillSheet.proxy.getRange(splitAddress(located.entry.found.address).local).select();
        } else {
          throw new AdapterError("table_not_found", { recordId, table: located.entry.binding.tableName || located.entry.binding.tableId });
        }
        await context.sync();
      });
    } catch (error: unknown) {
      throw toAdapterError(error);
    }
  }

  /**
   * Refresh, delegated to src/office/refresh.ts over this workbook's Excel.run (which compiles
   * only because XlContext gives refresh every member it calls) and requirement-set check.
   */
  async refreshTables(release: Release | DatasetIndex, options: RefreshOptions = {}): Promise<RefreshReport> {
    return (await refreshModule()).refreshTables(this.run, release, { isSetSupported: this.isSetSupported, ...options });
  }

  /**
   * Removes exactly what an insert wrote: its table (converted to a range, then cleared), the cells
   * of its title, note and source lines (or its =BJ.TABLE cell), and its tracking part. Refuses,
   * changing nothing, when any of those cells differs from what the insert wrote
   * (edited_since_insert, naming the cell), when the table was resized, when the sheet is
   * protected, or for a version-1 entry (legacy_record). Cell contents the insert did not write
   * are left as they are; column widths go back to what they were before the insert, except in
   * a column another inserted table uses (on a sheet the insert created, they stay).
   * listInserted's syncs + 2.
   */
  async removeInserted(recordId: string): Promise<void> {
    let sheetName: string | undefined;
    try {
      await this.run(async (context) => {
        const all = await this.locate(context);
        const located = this.pick(all, recordId);
        const { record, binding } = located.entry;
        if (record === null) throw new AdapterError("legacy_record", { recordId, table: binding.tableName });
        const recordedBlock = parseRange(record.block);
        const recordedTable = record.table ? parseRange(record.table.address) : null;
        if (!recordedBlock) throw new AdapterError("record_not_found", { recordId });

        // Where the block is now: the recorded block moved as the table moved.
        let sheet: XlWorksheet;
        let shift = { rows: 0, columns: 0 };
        if (record.table && recordedTable) {
          const table = located.table;
          if (!table) throw new AdapterError("table_not_found", { recordId, table: record.table.name });
          sheet = table.sheet;
          sheetName = table.sheetName;
          shift = { rows: table.rect.row - recordedTable.row, columns: table.rect.column - recordedTable.column };
          if (table.rect.rows !== recordedTable.rows || table.rect.columns !== recordedTable.columns) {
            const grewRows = table.rect.rows > recordedTable.rows;
            const at = grewRows
              ? cellAddress(table.rect.row + recordedTable.rows, table.rect.column)
              : cellAddress(table.rect.row, table.rect.column + Math.min(table.rect.columns, recordedTable.columns));
            throw new AdapterError("edited_since_insert", { address: qualified(table.sheetName, at), sheet: table.sheetName, table: table.name, recordId });
          }
        } else {
          if (!located.spillSheet) throw new AdapterError("table_not_found", { recordId, table: record.tableId });
          sheet = located.spillSheet.proxy;
          sheetName = located.spillSheet.name;
        }
        const top = recordedBlock.row + shift.rows;
        const left = recordedBlock.column + shift.columns;
        if (top < 0 || left < 0) throw new AdapterError("table_not_found", { recordId, table: binding.tableName });
        const block = sheet.getRange(rangeAddress(top, left, recordedBlock.rows, recordedBlock.columns)).load("formulas");
        sheet.protection.load("protected");
        await context.sync();

        const name = sheetName ?? "";
        if (sheet.protection.protected) throw new AdapterError("sheet_protected", { sheet: name, recordId });
        const [changed] = changedCells(record.cellHashes, block.formulas);
        if (changed) {
          const address = qualified(name, cellAddress(top + changed[0], left + changed[1]));
          throw new AdapterError("edited_since_insert", { address, range: qualified(name, rangeAddress(top, left, recordedBlock.rows, recordedBlock.columns)), sheet: name, recordId });
        }

        // ---- write: the table becomes a plain range (nothing moves), then exactly the written cells are cleared ----
        if (located.table) located.table.proxy.convertToRange();
        const clearAt = (local: string | null): void => {
          const cell = local === null ? null : parseRange(local);
          if (cell) sheet.getRange(rangeAddress(cell.row + shift.rows, cell.column + shift.columns, cell.rows, cell.columns)).clear("All");
        };
        clearAt(record.table?.address ?? null);
        clearAt(record.spillCell);
        clearAt(record.lines.title);
        clearAt(record.lines.note);
        clearAt(record.lines.source);
        // The widths from before the insert, except in a column another inserted table still uses:
        // putting that one back could cut the other table's text.
        const inUse = columnsInUse(all.entries.map((each) => each.entry), name, recordId);
        record.columnWidths?.forEach((width, c) => {
          if (!inUse.has(left + c)) sheet.getRange(cellAddress(top, left + c)).format.columnWidth = width;
        });
        // requirement-set guard: ExcelApi 1.5 (locate finds parts only where isSetSupported("ExcelApi", "1.5"))
        located.part.delete();
        await context.sync();
      });
    } catch (error: unknown) {
      throw toAdapterError(error, sheetName);
    }
  }

  /** Deletes a version-2 record's tracking part only; the cells stay. listInserted's syncs + 1. */
  async forgetInserted(recordId: string): Promise<void> {
    try {
      await this.run(async (context) => {
        // Briefing records ride locate's first sync; their XML is read only when no table's record has the id.
        const briefings = queueBriefings(context, this.isSetSupported);
        const tables = await this.locate(context);
        const table = tables.entries.find((each) => each.entry.recordId === recordId);
        const part = table ? table.part : (await briefings.read()).entries.find((each) => each.entry.recordId === recordId)?.part;
        if (!part) throw new AdapterError("record_not_found", { recordId });
        if (table && table.entry.record === null) throw new AdapterError("legacy_record", { recordId, table: table.entry.binding.tableName });
        // requirement-set guard: ExcelApi 1.5 (as in removeInserted)
        part.delete();
        await context.sync();
      });
    } catch (error: unknown) {
      throw toAdapterError(error);
    }
  }

  private briefingDeps(): BriefingDeps {
    return { run: this.run, isSetSupported: this.isSetSupported, newRecordId: this.newRecordId, now: this.now };
  }

  /** A briefing on a new sheet, with its charts and record (src/office/briefing.ts). 2 syncs. */
  async insertBriefing(layout: BriefingLayout, options: InsertBriefingOptions = {}): Promise<InsertedBriefing> {
    return (await briefingModule()).insertBriefing(this.briefingDeps(), layout, options);
  }

  /** The briefings the workbook records (src/office/briefing.ts). 2 syncs. */
  listBriefings(): Promise<BriefingsReport> {
    return listBriefings(this.briefingDeps());
  }

  /** Brings every briefing to `release` (src/office/briefing.ts). 4 syncs to apply, 3 for a dry run or when up to date. */
  async refreshBriefings(release: Release | DatasetIndex, options: { readonly dryRun?: boolean } = {}): Promise<BriefingRefreshReport> {
    return (await briefingModule()).refreshBriefings(this.briefingDeps(), "figureIds" in release ? release : indexRelease(release), options);
  }

  /** Activates a briefing's sheet and selects its title (src/office/briefing.ts). 3 syncs. */
  async selectBriefing(recordId: string): Promise<void> {
    return (await briefingModule()).selectBriefing(this.briefingDeps(), recordId);
  }

  /** Removes exactly what a briefing insert wrote (src/office/briefing.ts). 4 syncs. */
  async removeBriefing(recordId: string): Promise<void> {
    return (await briefingModule()).removeBriefing(this.briefingDeps(), recordId);
  }

  private pick(located: Located, recordId: string): LocatedEntry {
    const found = located.entries.find((each) => each.entry.recordId === recordId);
    if (!found) throw new AdapterError("record_not_found", { recordId });
    return found;
  }

  /** Reads every record and every table, and matches them (see listInserted). 2 syncs, 3 with spill records. */
  private async locate(context: XlContext): Promise<Located> {
    // Without custom XML parts (ExcelApi 1.5) there are no records: select, remove and forget then
    // report record_not_found.
    if (!this.isSetSupported("ExcelApi", "1.5")) return { entries: [], damagedParts: [] };
    const { workbook } = context;
    const v1 = workbook.customXmlParts.getByNamespace(BINDINGS_NAMESPACE).load("items/id");
    const v2 = workbook.customXmlParts.getByNamespace(TRACKING_NAMESPACE).load("items/id");
    const tables = workbook.tables.load("items/name, items/id");
    const sheets = workbook.worksheets.load("items/name, items/id");
    await context.sync();

    const xmls = [...v1.items, ...v2.items].map((part) => ({ part, xml: part.getXml(), v2: v2.items.includes(part) }));
    const details = tables.items.map((table) => ({
      table,
      sheet: table.worksheet.load("name, id"),
      range: table.getRange().load("address, rowIndex, columnIndex, rowCount, columnCount"),
      header: table.getHeaderRowRange().load("values"),
    }));
    await context.sync();

    const seen: SeenTable[] = details.map(({ table, sheet, range, header }) => ({
      proxy: table,
      name: table.name,
      id: table.id,
      sheet,
      sheetName: sheet.name,
      sheetId: sheet.id,
      address: splitAddress(range.address).local,
      rect: { row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns: range.columnCount },
      fingerprint: headerFingerprint(header.values[0] ?? []),
    }));

    interface Parsed {
      readonly part: XlCustomXmlPart;
      readonly recordId: string;
      readonly binding: TableBinding;
      readonly record: TrackingRecord | null;
    }
    const parsed: Parsed[] = [];
    const damagedParts: DamagedBindingsPart[] = [];
    for (const { part, xml, v2: isV2 } of xmls) {
      if (isV2) {
        const read = parseTrackingRecord(xml.value);
        if (read.ok) parsed.push({ part, recordId: read.record.recordId, binding: bindingOf(read.record), record: read.record });
        else damagedParts.push({ partId: part.id, damage: read.damage });
      } else {
        const read = parseBindings(xml.value);
        if (read.ok) read.bindings.forEach((binding, i) => parsed.push({ part, recordId: `v1:${part.id}:${i}`, binding, record: null }));
        else damagedParts.push({ partId: part.id, damage: read.damage });
      }
    }

    // Match records to tables (src/office/matching.ts), each table answering for one record at most.
    const matches = matchTables(parsed.map((each) => ({ tableName: each.binding.tableName, record: each.record })), seen);
    const match = new Map<Parsed, { table: SeenTable; how: MatchHow }>();
    parsed.forEach((each, i) => {
      const hit = matches[i];
      const table = hit ? seen[hit.table] : undefined;
      if (hit && table) match.set(each, { table, how: hit.how });
    });
    const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

    // Spill records: the sheet of the recorded name, then the one of the recorded id (a sheet id is
    // never trusted alone: office-js #1390, #552); the formula cell there must hold what was written.
    const spills = parsed.flatMap((each) => {
      const record = each.record;
      const spillCell = record?.spillCell ?? null;
      if (!record || record.table !== null || spillCell === null) return [];
      const candidates = new Set([sheets.items.find((s) => same(s.name, record.sheet.name)), sheets.items.find((s) => record.sheet.id !== null && s.id === record.sheet.id)]);
      return [...candidates].flatMap((sheet) => (sheet ? [{ each, record, sheet, cell: sheet.getRange(spillCell).load("formulas") }] : []));
    });
    if (spills.length > 0) await context.sync();
    const spillFound = new Map<Parsed, { proxy: XlWorksheet; name: string; id: string }>();
    for (const { each, record, sheet, cell } of spills) {
      const written = record.cellHashes[1]?.[0] ?? null;
      if (!spillFound.has(each) && written !== null && changedCells([[written]], cell.formulas).length === 0) spillFound.set(each, { proxy: sheet, name: sheet.name, id: sheet.id });
    }

    const entries = parsed.map((each): LocatedEntry => {
      const hit = match.get(each);
      const spill = spillFound.get(each) ?? null;
      const found: InsertedEntry["found"] = hit
        ? { tableName: hit.table.name, sheet: hit.table.sheetName, address: qualified(hit.table.sheetName, hit.table.address), sheetId: hit.table.sheetId, excelTableId: hit.table.id, how: hit.how }
        : spill && each.record?.spillCell
          ? { tableName: "", sheet: spill.name, address: qualified(spill.name, each.record.spillCell), sheetId: spill.id, excelTableId: null, how: "cell" }
          : null;
      return {
        entry: { recordId: each.recordId, binding: each.binding, record: each.record, partId: each.part.id, found },
        part: each.part,
        table: hit?.table ?? null,
        spillSheet: spill,
      };
    });
    return { entries, damagedParts };
  }
}

/** Insert modes, for callers that list them. */
export const INSERT_MODES: readonly InsertMode[] = ["values", "formulas", "spill"];
