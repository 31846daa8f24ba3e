/**
 * Freeze for sharing, restore, and one figure into a cell: the Excel half (docs/sharing.md). The
 * pure planning is src/core/share.ts; this file reads what it needs, hands it to the core, and
 * writes the plan. ExcelWorkbook's freezeFormulas / restoreFormulas / insertFigure delegate here.
 *
 * Syncs, whatever the number of cells (never a sync in a loop):
 * - freeze: 1. every sheet (name, id), the freeze record (a workbook setting), the selection;
 *   2. per sheet of the scope: its protection, and its formula cells found by
 *   Range.getSpecialCellsOrNullObject("Formulas") (ExcelApi 1.9) and read through the areas'
 *   RangeCollection (formulas, values, number formats, text, value types): no used range is read;
 *   3. the write: each area's frozen cells as one 2-D array (null leaves the user's own formulas),
 *   each BJ.TABLE spill as constants (computed from the release, checked against its anchor),
 *   the record and the Sources sheet. A dry run stops after 2. The selection scope needs no sheet
 *   list: 2 syncs in all.
 * - restore: 1. the record, every sheet; 2. the recorded cells (formulas), by column runs; 3. the
 *   formulas and number formats back, by column runs, and the record.
 * - insertFigure: 1. the target cell (content, sheet protection); 2. the write.
 *
 * Layer: office.
 */
import type { Language } from "../data";
import { type DatasetIndex, activeDataset, cellAddress, numberFormat, qualified } from "../core";
import {
  FREEZE_SETTING,
  type FreezeSheetInput,
  type FreezeSheetSummary,
  type ReadArea,
  type ReadCell,
  type ReadSpill,
  type RestoreSheetInput,
  type ShareRect,
  callsBj,
  columnRuns,
  figureFormula,
  parseFreezeRecord,
  planFreeze,
  planRestore,
} from "../core/share";
import { SOURCES_HEADER_ADDRESS, SOURCES_SHEET, isSourcesHeader, sourcesRows } from "../core/share-sources";
import { frozenTableSpill } from "../core/share-spill";
import { AdapterError, toAdapterError } from "./errors";
import type { ExcelRun, IsSetSupported, XlContext, XlRange, XlRangeAreas, XlWorksheet } from "./excel-api";
import { parseCell, parseRange, rangeAddress, splitAddress, uniqueSheetName } from "./layout";

/**
 * The most formula cells a freeze or a restore writes at once (the record keeps each): well inside
 * Excel's limits (5,000,000 cells per read; 5 MB per request or response on the web).
 */
export const FREEZE_MAX_CELLS = 10_000;

export interface FreezeOptions {
  /** The whole workbook (default), or the selected range only. */
  readonly scope?: "workbook" | "selection";
  /** Plan only: 2 syncs, nothing written. */
  readonly dryRun?: boolean;
  /** The Sources sheet's language. Default "en". */
  readonly language?: Language;
  /** The release the BJ.* functions compute from: the Sources sheet's figures. Default: the one in use. */
  readonly release?: DatasetIndex;
  /** The release file's SHA-256, where known; the Sources sheet says "not known" otherwise. */
  readonly sha256?: string | null;
  /** The clock of the record's frozenAt. */
  readonly now?: () => Date;
  /** The most cells to freeze at once; default (and at most) FREEZE_MAX_CELLS. */
  readonly maxCells?: number;
}

export interface FreezeReport {
  readonly dryRun: boolean;
  /** Cells frozen (or, in a dry run, that would be), a spill counting each cell it fills. */
  readonly cells: number;
  readonly sheets: readonly FreezeSheetSummary[];
  readonly spills: number;
  /** Protected sheets, left as they are, with the cells that would have been frozen there. */
  readonly protectedSheets: readonly FreezeSheetSummary[];
  /** BJ.* formulas that spill but whose spill the add-in cannot reproduce (BJ.INDICATORS, non-literal arguments): left live. */
  readonly liveSpills: number;
  readonly figures: readonly string[];
  /** The Sources sheet written (its name); null in a dry run or when nothing was frozen. */
  readonly sourcesSheet: string | null;
  readonly syncs: number;
}

export interface RestoreReport {
  /** Formulas put back (a spill counts once), by sheet. */
  readonly restored: readonly FreezeSheetSummary[];
  /** Frozen cells the user changed since: left as they are (sheet-qualified addresses). */
  readonly changed: readonly string[];
  readonly protectedSheets: readonly FreezeSheetSummary[];
  readonly missingSheets: readonly string[];
  readonly syncs: number;
}

export interface InsertFigureOptions {
  /** The cell, e.g. "B2" or "'My sheet'!B2"; default the active cell. */
  readonly address?: string;
  /** A live formula (`=BJ.STAT("id")` or the headline function), or the value with its number format. */
  readonly mode: "values" | "formulas";
  /** The number format's language (values mode, and the cell's format in formulas mode). Default "en". */
  readonly language?: Language;
  /** Default: the release in use. */
  readonly release?: DatasetIndex;
}

export interface InsertedFigure {
  /** The cell written, sheet-qualified. */
  readonly address: string;
  /** What was written: the formula, or the value. */
  readonly content: string | number;
  readonly numberFormat: string;
  readonly syncs: number;
}

interface Context {
  readonly run: ExcelRun;
  readonly isSetSupported: IsSetSupported;
}

/** The local rectangles of a RangeAreas address ("Sheet1!A1:A4, Sheet1!C2"). */
export function areasOf(address: string): ShareRect[] {
  const rects: ShareRect[] = [];
  for (const match of address.matchAll(/!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/g)) {
    const rect = parseRange((match[1] ?? "").replace(/\$/g, ""));
    if (rect) rects.push(rect);
  }
  return rects;
}

function readCells(range: XlRange): ReadCell[][] {
  return range.formulas.map((row, r) =>
    row.map((formula, c) => ({
      formula,
      value: range.values[r]?.[c],
      numberFormat: String(range.numberFormat[r]?.[c] ?? "General"),
      text: range.text[r]?.[c] ?? "",
      valueType: range.valueTypes[r]?.[c] ?? "",
    })),
  );
}

const CELL_PROPERTIES = ["formulas", "values", "numberFormat", "text", "valueTypes"];

/** A sheet of the freeze's scope, with what sync 2 reads of it. */
interface ScopeRead {
  readonly sheet: XlWorksheet;
  readonly id: string;
  readonly name: string;
  /** The formula cells, found by getSpecialCellsOrNullObject; null for a single selected cell. */
  readonly special: XlRangeAreas | null;
  /** A single selected cell, read directly (getSpecialCells on one cell looks at the whole used range). */
  readonly cell: XlRange | null;
}

function readArea(range: XlRange): ReadArea {
  const rect = parseRange(splitAddress(range.address).local.replace(/\$/g, "")) ?? { row: 0, column: 0, rows: 1, columns: 1 };
  return { rect, cells: readCells(range) };
}

/** The freeze (see the file comment). */
export async function freezeFormulas(ctx: Context, asked: FreezeOptions = {}): Promise<FreezeReport> {
  const options = { ...asked, release: asked.release ?? activeDataset() };
  const language = options.language ?? "en";
  // Whether the functions return formatted numbers here (the rule of src/functions/host.ts).
  const formatted = ctx.isSetSupported("CustomFunctionsRuntime", "1.4") && ctx.isSetSupported("ExcelApi", "1.16");
  if (!ctx.isSetSupported("ExcelApi", "1.9")) throw new AdapterError("unsupported_host", {});
  try {
    return await ctx.run(async (context) => {
      let syncs = 0;
      const { workbook } = context;
      const sheets = workbook.worksheets;
      const setting = workbook.settings.getItemOrNullObject(FREEZE_SETTING).load("value");
      const scopes: ScopeRead[] = [];
      const queue = (sheet: XlWorksheet, id: string, name: string, range: XlRange, single: boolean): void => {
        sheet.protection.load("protected");
        if (single) {
          scopes.push({ sheet, id, name, special: null, cell: range.load(["address", ...CELL_PROPERTIES]) });
          return;
        }
        const special = range.getSpecialCellsOrNullObject("Formulas").load("address");
        special.areas.load(["address", ...CELL_PROPERTIES].map((property) => `items/${property}`));
        scopes.push({ sheet, id, name, special, cell: null });
      };
      sheets.load("items/name, items/id");
      if (options.scope === "selection") {
        // ---- sync 1 (selection): where the selection is; its cells are read in sync 2 ----
        const selected = workbook.getSelectedRange().load("address, rowCount, columnCount");
        const sheet = selected.worksheet.load("id, name");
        await context.sync();
        syncs++;
        queue(sheet, sheet.id, sheet.name, sheet.getRange(splitAddress(selected.address).local), selected.rowCount === 1 && selected.columnCount === 1);
      } else {
        // ---- sync 1: the sheets ----
        await context.sync();
        syncs++;
        for (const sheet of sheets.items) queue(sheet, sheet.id, sheet.name, sheet.getRange("A1:XFD1048576"), false);
      }
      // The Sources sheet a freeze wrote before (recorded in the setting read in sync 1): by id and
      // name, else by name (sheet ids hold within a session only, office-js#1390). Its protection and
      // header row ride sync 2, in either scope: it is rewritten in place only when unprotected and
      // still headed as the add-in wrote it (a user's own sheet of that name is never cleared).
      const previous = setting.isNullObject ? null : parseFreezeRecord(setting.value);
      const recordedSources = previous?.sourcesSheet ?? null;
      const candidate = recordedSources
        ? (sheets.items.find((sheet) => sheet.id === recordedSources.id && sheet.name === recordedSources.name) ?? sheets.items.find((sheet) => sheet.name === recordedSources.name) ?? null)
        : null;
      const sourcesHeader = candidate ? candidate.getRange(SOURCES_HEADER_ADDRESS).load("values") : null;
      candidate?.protection.load("protected");
      // ---- sync 2: each sheet's protection and its formula cells ----
      await context.sync();
      syncs++;
      const inputs: FreezeSheetInput[] = [];
      let liveSpills = 0;
      for (const scope of scopes) {
        const areas = scope.cell ? [readArea(scope.cell)] : scope.special && !scope.special.isNullObject ? scope.special.areas.items.map(readArea) : [];
        const spills: ReadSpill[] = [];
        const kept: ReadArea[] = [];
        for (const area of areas) {
          // A spill we cannot reproduce stays live: its cells are taken out of the area.
          const cells = area.cells.map((row, r) =>
            row.map((cell, c): ReadCell => {
              if (!callsBj(cell.formula)) return cell;
              const spills_ = /\bBJ\.(TABLE|INDICATORS)\s*\(/i.test(cell.formula);
              if (!spills_) return cell;
              const frozen = frozenTableSpill(cell.formula, options.release, formatted);
              const top = frozen?.[0]?.[0];
              if (frozen && top && cell.valueType !== "Error" && cell.value === top.value) {
                spills.push({ anchor: { row: area.rect.row + r, column: area.rect.column + c }, rect: { row: area.rect.row + r, column: area.rect.column + c, rows: frozen.length, columns: frozen[0]?.length ?? 1 }, cells: frozen });
                return cell;
              }
              liveSpills++;
              return { ...cell, formula: "" };
            }),
          );
          kept.push({ rect: area.rect, cells });
        }
        inputs.push({ id: scope.id, name: scope.name, protected: scope.sheet.protection.protected, areas: kept, spills });
      }
      const names = sheets.items.length > 0 ? sheets.items.map((sheet) => ({ id: sheet.id, name: sheet.name })) : scopes.map((scope) => ({ id: scope.id, name: scope.name }));
      const reuse = candidate && sourcesHeader && !candidate.protection.protected && isSourcesHeader(sourcesHeader.values[0] ?? []) ? { id: candidate.id, name: candidate.name, sheet: candidate } : null;
      const sourcesName = reuse?.name ?? uniqueSheetName(SOURCES_SHEET[language], names.map((sheet) => sheet.name));
      const plan = planFreeze(inputs, options.release, {
        frozenAt: (options.now ?? ((): Date => new Date()))().toISOString(),
        previous,
        sourcesSheet: { id: reuse?.id ?? null, name: sourcesName },
      });
      const limit = Math.min(options.maxCells ?? FREEZE_MAX_CELLS, FREEZE_MAX_CELLS);
      if (plan.cells > limit) throw new AdapterError("too_many_cells", { count: plan.cells, limit });
      const report = (sourcesSheet: string | null, dryRun: boolean): FreezeReport => ({
        dryRun,
        cells: plan.cells,
        sheets: plan.sheets,
        spills: plan.spills,
        protectedSheets: plan.protectedSheets,
        liveSpills,
        figures: plan.figures,
        sourcesSheet,
        syncs,
      });
      if (options.dryRun || plan.cells === 0) return report(null, options.dryRun === true);

      // ---- sync 3: the write ----
      const byId = new Map(scopes.map((scope) => [scope.id, scope.sheet]));
      for (const write of plan.writes) {
        const range = byId.get(write.sheetId)?.getRange(rangeAddress(write.rect.row, write.rect.column, write.rect.rows, write.rect.columns));
        if (!range) continue;
        // Formats first, so that text written under "@" stays text.
        range.numberFormat = write.numberFormat;
        range.values = write.values;
      }
      workbook.settings.add(FREEZE_SETTING, plan.record);
      const rows = sourcesRows(options.release, plan.record.figures, language, options.sha256 ?? null, plan.unnamedCalls);
      const target = reuse?.sheet ?? workbook.worksheets.add(sourcesName);
      if (reuse) target.getRange("A1:XFD1048576").clear("Contents");
      const width = rows[0]?.length ?? 1;
      const block = target.getRange(rangeAddress(0, 0, rows.length, width));
      block.numberFormat = rows.map((row) => row.map(() => "@"));
      block.values = rows;
      await context.sync();
      syncs++;
      return report(sourcesName, false);
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

/** The cell runs of a sheet's recorded cells: local address -> rectangle. */
function runsOf<T extends { readonly address: string }>(cells: readonly T[]): { rect: ShareRect; cells: T[] }[] {
  return columnRuns(cells, (address) => parseCell(address) ?? { row: 0, column: 0 });
}

/** Restore (see the file comment). */
export async function restoreFormulas(ctx: Context): Promise<RestoreReport> {
  try {
    return await ctx.run(async (context) => {
      let syncs = 0;
      const { workbook } = context;
      // ---- sync 1: the record and the sheets ----
      const setting = workbook.settings.getItemOrNullObject(FREEZE_SETTING).load("value");
      const sheets = workbook.worksheets.load("items/name, items/id");
      await context.sync();
      syncs++;
      const record = setting.isNullObject ? null : parseFreezeRecord(setting.value);
      if (!record) return { restored: [], changed: [], protectedSheets: [], missingSheets: [], syncs };
      // ---- sync 2: the recorded cells as they are now, by column runs ----
      const byId = new Map(sheets.items.map((sheet) => [sheet.id, sheet]));
      // Sheet ids hold within a session only, and are given again on reopen (office-js#1390): the
      // sheet with the recorded id and name, else the recorded name, else the id (renamed since).
      const byName = new Map(sheets.items.map((sheet) => [sheet.name, sheet]));
      const findSheet = (id: string, name: string): XlWorksheet | undefined => {
        const sameId = byId.get(id);
        return sameId?.name === name ? sameId : byName.get(name) ?? sameId;
      };
      const reads = record.sheets.flatMap((recorded) => {
        const sheet = findSheet(recorded.id, recorded.name);
        if (!sheet) return [];
        sheet.protection.load("protected");
        return [{ recorded, sheet, runs: runsOf(recorded.cells).map((run) => ({ ...run, range: sheet.getRange(rangeAddress(run.rect.row, run.rect.column, run.rect.rows, run.rect.columns)).load("formulas") })) }];
      });
      await context.sync();
      syncs++;
      const inputs = new Map<string, RestoreSheetInput>();
      for (const { recorded, sheet, runs } of reads) {
        const contents = new Map<string, unknown>();
        for (const run of runs) run.cells.forEach((cell, i) => contents.set(cell.address, run.range.formulas[i]?.[0]));
        inputs.set(recorded.id, { id: recorded.id, name: sheet.name, protected: sheet.protection.protected, contents });
      }
      const plan = planRestore(record, inputs);
      // ---- sync 3: formulas and number formats back (spilled cells cleared first), the record ----
      const sheetOfRecord = new Map(reads.map(({ recorded, sheet }) => [recorded.id, sheet]));
      const writeRuns = (cells: typeof plan.writes): void => {
        const bySheet = new Map<string, (typeof plan.writes)[number][]>();
        for (const cell of cells) bySheet.set(cell.sheetId, [...(bySheet.get(cell.sheetId) ?? []), cell]);
        for (const [sheetId, list] of bySheet) {
          const sheet = sheetOfRecord.get(sheetId);
          if (!sheet) continue;
          for (const run of runsOf(list)) {
            const range = sheet.getRange(rangeAddress(run.rect.row, run.rect.column, run.rect.rows, run.rect.columns));
            range.numberFormat = run.cells.map((cell) => [cell.numberFormat]);
            range.formulas = run.cells.map((cell) => [cell.formula]);
          }
        }
      };
      writeRuns(plan.writes.filter((cell) => cell.formula === ""));
      writeRuns(plan.writes.filter((cell) => cell.formula !== ""));
      if (plan.record) workbook.settings.add(FREEZE_SETTING, plan.record);
      else setting.delete();
      await context.sync();
      syncs++;
      return {
        restored: plan.restored,
        changed: plan.changed.map((cell) => qualified(cell.sheet, cell.address)),
        protectedSheets: plan.protectedSheets,
        missingSheets: plan.missingSheets,
        syncs,
      };
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

/** One figure into one empty cell (see the file comment). */
export async function insertFigure(ctx: Context, figureId: string, options: InsertFigureOptions): Promise<InsertedFigure> {
  const release = options.release ?? activeDataset();
  const figure = release.figure(figureId);
  if (!figure) throw new AdapterError("figure_not_found", { recordId: figureId });
  const language = options.language ?? "en";
  const format = numberFormat(figure, language, { periodTag: true });
  const content: string | number = options.mode === "formulas" ? figureFormula(release, figureId) : figure.value;
  try {
    return await ctx.run(async (context: XlContext) => {
      // ---- sync 1: the target cell and its sheet ----
      const split = options.address === undefined ? null : splitAddress(options.address);
      const local = split ? parseCell(split.local) : null;
      if (split && !local) throw new AdapterError("target_off_sheet", { address: options.address ?? "" });
      const sheet = split ? (split.sheet !== null ? context.workbook.worksheets.getItemOrNullObject(split.sheet) : context.workbook.worksheets.getActiveWorksheet()) : null;
      const cell = sheet && local ? sheet.getRange(cellAddress(local.row, local.column)) : ctx.isSetSupported("ExcelApi", "1.7") ? context.workbook.getActiveCell() : context.workbook.getSelectedRange().getCell(0, 0);
      cell.load("address, formulas");
      const where = cell.worksheet.load("name");
      where.protection.load("protected");
      if (sheet) sheet.load("name");
      await context.sync();
      if (sheet?.isNullObject) throw new AdapterError("sheet_not_found", { sheet: split?.sheet ?? "" });
      const address = cell.address.replace(/\$/g, "");
      const held = cell.formulas[0]?.[0];
      if (held !== "" && held !== null && held !== undefined) throw new AdapterError("target_not_empty", { address, range: address, sheet: where.name });
      if (where.protection.protected) throw new AdapterError("sheet_protected", { sheet: where.name });
      // ---- sync 2: the write (format first) ----
      cell.numberFormat = [[format]];
      if (options.mode === "formulas") cell.formulas = [[content]];
      else cell.values = [[content]];
      await context.sync();
      return { address, content, numberFormat: format, syncs: 2 };
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

