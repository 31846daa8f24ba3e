/**
 * Freeze for sharing, and restore: the pure half (docs/sharing.md). Which cells a freeze turns
 * into values (every cell whose formula calls a BJ.* function, alone or inside a larger formula,
 * and the cells a BJ.* formula spills to), what each becomes (the value it shows, with the number
 * format it shows), the record of what was frozen (so that restore brings back exactly those
 * formulas, and leaves a cell the user changed since), and which figures the formulas use (the
 * Sources sheet's rows, share-sources.ts).
 *
 * Layer: pure core (no Office.js).
 */
import { cellAddress } from "./a1";
import { type DatasetIndex, statedForYear } from "./lookup";
import { HEADLINE_SERIES } from "./figure-formula";
import { cellHash } from "./tracking";

export { HEADLINE_SERIES, figureFormula } from "./figure-formula";

/** A rectangle of cells, 0-based. */
export interface ShareRect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** Text with its string literals ("..." with "" escapes) blanked, so a quoted "BJ.STAT(" is not a call. */
function withoutStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, (literal) => " ".repeat(literal.length));
}

const CALL = /(^|[^A-Za-z0-9_.!])BJ\.([A-Za-z_][A-Za-z0-9_.]*)\s*\(/gi;

/** Whether a formula calls a BJ.* function anywhere (alone or inside a larger formula). */
export function callsBj(formula: unknown): formula is string {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  CALL.lastIndex = 0;
  return CALL.test(withoutStrings(formula));
}

/** One BJ.* call of a formula: its function name (upper case, no namespace) and its literal arguments. */
export interface BjCall {
  readonly name: string;
  /** A string or number literal; null for an omitted argument or anything else (a reference, a formula). */
  readonly args: readonly (string | number | boolean | null)[];
}

/** The BJ.* calls of a formula, with their literal arguments. */
export function bjCalls(formula: string): BjCall[] {
  const blank = withoutStrings(formula);
  const calls: BjCall[] = [];
  CALL.lastIndex = 0;
  for (let match = CALL.exec(blank); match; match = CALL.exec(blank)) {
    const name = (match[2] ?? "").toUpperCase();
    let at = match.index + match[0].length;
    const args: (string | number | boolean | null)[] = [];
    let depth = 0;
    let start = at;
    for (; at < formula.length; at++) {
      const ch = blank[at];
      if (ch === "(") depth++;
      else if (ch === ")" && depth > 0) depth--;
      else if ((ch === "," || ch === ")") && depth === 0) {
        args.push(literal(formula.slice(start, at).trim()));
        start = at + 1;
        if (ch === ")") break;
      }
    }
    if (args.length === 1 && args[0] === null && formula.slice(match.index + match[0].length, at).trim() === "") args.length = 0;
    calls.push({ name, args });
  }
  return calls;
}

function literal(text: string): string | number | boolean | null {
  const quoted = /^"((?:[^"]|"")*)"$/.exec(text);
  if (quoted) return (quoted[1] ?? "").replace(/""/g, '"');
  if (/^(true|false)$/i.test(text)) return text.toUpperCase() === "TRUE";
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/**
 * The figure ids a formula's BJ.* calls use in a release (for the Sources sheet): BJ.STAT, BJ.CARD
 * and BJ.SOURCE by their id, the headline functions by their series and year, BJ.TABLE by its
 * table's figures. A call whose id is not a literal names no figure (`unnamed` counts them).
 */
export function figuresOfFormula(formula: string, index: DatasetIndex): { figures: string[]; unnamed: number } {
  const figures: string[] = [];
  let unnamed = 0;
  for (const call of bjCalls(formula)) {
    const first = call.args[0] ?? null;
    if (call.name === "STAT" || call.name === "CARD" || call.name === "SOURCE") {
      if (typeof first === "string" && index.figure(first)) figures.push(first);
      else unnamed++;
    } else if (call.name in HEADLINE_SERIES) {
      const series = HEADLINE_SERIES[call.name as keyof typeof HEADLINE_SERIES];
      const year = typeof first === "number" ? first : first === null && call.args.length === 0 ? null : first === null ? null : Number.NaN;
      const found = Number.isNaN(year) ? null : statedForYear(index, series, year);
      if (found?.found) figures.push(found.figure.id);
      else unnamed++;
    } else if (call.name === "TABLE") {
      const table = typeof first === "string" ? index.table(first) : undefined;
      if (!table) {
        unnamed++;
        continue;
      }
      for (const row of table.rows) {
        const id = table.layout === "figures" ? row : index.fact(row)?.figure ?? null;
        if (id !== null && index.figure(id)) figures.push(id);
      }
    }
  }
  return { figures, unnamed };
}

// ---------------------------------------------------------------- what a frozen cell becomes ----

/** A cell as the freeze read it: Range.formulas, values, numberFormat, text and valueTypes. */
export interface ReadCell {
  readonly formula: unknown;
  readonly value: unknown;
  readonly numberFormat: string;
  readonly text: string;
  readonly valueType: string;
}

/** What a frozen cell holds: a constant, and the number format that shows it as it was shown. */
export interface FrozenContent {
  readonly value: string | number | boolean;
  readonly numberFormat: string;
}

/** A number format that shows any number as this exact text (a quoted literal, both signs alike). */
export function literalFormat(text: string): string {
  const quoted = `"${text.replace(/"/g, '"\\""')}"`;
  return `${quoted};${quoted}`;
}

/**
 * The constant a cell becomes, shown as it was: an error or a text result becomes its text (as
 * text, "@", so that "=…", "+…" or "#N/A" never turns into a formula or an error); a number keeps
 * its number format, and where it was General yet shown otherwise (a result that carried its own
 * format, e.g. "1,777 (Jan–Nov)"), a literal format of the text it showed. A "####" of a narrow
 * column says nothing of the text: the cell's format is kept.
 */
export function frozenContent(cell: ReadCell): FrozenContent {
  const { value, numberFormat, text } = cell;
  if (cell.valueType === "Error") return { value: text || String(value), numberFormat: "@" };
  if (typeof value === "string") return { value, numberFormat: "@" };
  if (typeof value === "boolean") return { value, numberFormat };
  if (typeof value === "number") {
    const general = numberFormat === "General" || numberFormat === "";
    if (!general || text === "" || /^#+$/.test(text) || text === String(value)) return { value, numberFormat };
    return { value, numberFormat: literalFormat(text) };
  }
  return { value: "", numberFormat };
}

// ---------------------------------------------------------------- the freeze record -----------

/** The key of the workbook setting holding the freeze record. */
export const FREEZE_SETTING = "bj-open-stats.frozen.v1";

/**
 * One frozen cell, compact: [address, formula, hash of what the freeze wrote, number format before].
 * `formula` is null for a cell a spill filled (restore clears it); `spill` on the anchor names the
 * spill's area, whose cells are restored together or not at all.
 */
export interface FrozenCellRecord {
  readonly address: string;
  readonly formula: string | null;
  readonly hash: string;
  /** The number format before the freeze; null for a spilled cell (restore leaves its format). */
  readonly numberFormat: string | null;
  /** The anchor of a spill: its area, local A1 ("B2:G12"). */
  readonly spill?: string;
  /** A spilled cell: its anchor's address. */
  readonly anchor?: string;
}

export interface FrozenSheetRecord {
  readonly id: string;
  /** The name at freeze time (informational: restore finds the sheet by id). */
  readonly name: string;
  readonly cells: readonly FrozenCellRecord[];
}

export interface FreezeRecord {
  readonly version: 1;
  readonly frozenAt: string;
  readonly releaseId: string;
  readonly sheets: readonly FrozenSheetRecord[];
  /** The figures the frozen formulas use (the Sources sheet lists them). */
  readonly figures: readonly string[];
  /** The Sources sheet the add-in wrote: its id and name; null before the first. */
  readonly sourcesSheet: { readonly id: string | null; readonly name: string } | null;
}

/** Reads a record from the setting's value; null when absent or not a version-1 record. */
export function parseFreezeRecord(value: unknown): FreezeRecord | null {
  if (typeof value !== "object" || value === null) return null;
  const candidate = value as Partial<FreezeRecord>;
  if (candidate.version !== 1 || !Array.isArray(candidate.sheets) || !Array.isArray(candidate.figures)) return null;
  const cellOk = (cell: unknown): cell is FrozenCellRecord => {
    if (typeof cell !== "object" || cell === null) return false;
    const c = cell as Partial<FrozenCellRecord>;
    return typeof c.address === "string" && (c.formula === null || typeof c.formula === "string") && typeof c.hash === "string" && (c.numberFormat === null || typeof c.numberFormat === "string");
  };
  const sheetsOk = candidate.sheets.every(
    (sheet: unknown) => typeof sheet === "object" && sheet !== null && typeof (sheet as FrozenSheetRecord).id === "string" && Array.isArray((sheet as FrozenSheetRecord).cells) && (sheet as FrozenSheetRecord).cells.every(cellOk),
  );
  return sheetsOk ? (candidate as FreezeRecord) : null;
}

// ---------------------------------------------------------------- planning a freeze -----------

/** A formula area of one sheet as read: its rectangle and its cells, row by row. */
export interface ReadArea {
  readonly rect: ShareRect;
  readonly cells: readonly (readonly ReadCell[])[];
}

/** A BJ.* formula cell that spills: the anchor and what its spill area becomes (spill.ts). */
export interface ReadSpill {
  readonly anchor: { readonly row: number; readonly column: number };
  readonly rect: ShareRect;
  readonly cells: readonly (readonly FrozenContent[])[];
}

export interface FreezeSheetInput {
  readonly id: string;
  readonly name: string;
  readonly protected: boolean;
  readonly areas: readonly ReadArea[];
  readonly spills: readonly ReadSpill[];
}

/** One bulk write: a rectangle's number formats then values; null leaves a cell as it is. */
export interface FreezeCellWrite {
  readonly sheetId: string;
  readonly rect: ShareRect;
  readonly numberFormat: (string | null)[][];
  readonly values: (string | number | boolean | null)[][];
}

export interface FreezeSheetSummary {
  readonly sheet: string;
  readonly cells: number;
}

export interface FreezePlan {
  readonly writes: readonly FreezeCellWrite[];
  /** Cells frozen (a spill counts each cell it fills), by sheet; protected sheets are not here. */
  readonly sheets: readonly FreezeSheetSummary[];
  readonly cells: number;
  readonly spills: number;
  /** Sheets left as they are because they are protected, with the cells that would have changed. */
  readonly protectedSheets: readonly FreezeSheetSummary[];
  /** The figures the frozen formulas use, in release order. */
  readonly figures: readonly string[];
  /** BJ.* calls whose figure is named through a reference (not a literal): frozen, but not listed. */
  readonly unnamedCalls: number;
  /** The record after this freeze (the earlier one's cells kept). */
  readonly record: FreezeRecord;
}

export interface FreezeOptionsCore {
  readonly frozenAt: string;
  readonly previous: FreezeRecord | null;
  readonly sourcesSheet: { readonly id: string | null; readonly name: string } | null;
}

/** Whether a formula cell that spilled is one of ours: its anchor calls BJ.*. */
function spillsOf(input: FreezeSheetInput): Map<string, ReadSpill> {
  const map = new Map<string, ReadSpill>();
  for (const spill of input.spills) map.set(`${spill.anchor.row},${spill.anchor.column}`, spill);
  return map;
}

function localRange(rect: ShareRect): string {
  const first = cellAddress(rect.row, rect.column);
  return rect.rows === 1 && rect.columns === 1 ? first : `${first}:${cellAddress(rect.row + rect.rows - 1, rect.column + rect.columns - 1)}`;
}

/**
 * Plans a freeze over what was read: the cells of each area whose formula calls BJ.* become their
 * shown value; a BJ.* spill becomes constants over its whole area; every other cell is left (null).
 * Protected sheets are reported, not written.
 */
export function planFreeze(sheets: readonly FreezeSheetInput[], index: DatasetIndex, options: FreezeOptionsCore): FreezePlan {
  const writes: FreezeCellWrite[] = [];
  const summaries: FreezeSheetSummary[] = [];
  const protectedSheets: FreezeSheetSummary[] = [];
  const used = new Set<string>(options.previous?.figures ?? []);
  let unnamedCalls = 0;
  let spillCount = 0;
  // Keyed by id and name: sheet ids are given again on reopen (office-js#1390), so an earlier
  // entry with this id but another name is another sheet.
  const keyOf = (sheet: { readonly id: string; readonly name: string }): string => `${sheet.id}\u0000${sheet.name}`;
  const recordSheets = new Map<string, FrozenSheetRecord>((options.previous?.sheets ?? []).map((sheet) => [keyOf(sheet), sheet]));
  for (const sheet of sheets) {
    const spills = spillsOf(sheet);
    const sheetWrites: FreezeCellWrite[] = [];
    const cells: FrozenCellRecord[] = [];
    for (const area of sheet.areas) {
      const numberFormat = area.cells.map((row) => row.map((): string | null => null));
      const values = area.cells.map((row) => row.map((): string | number | boolean | null => null));
      let any = false;
      area.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!callsBj(cell.formula)) return;
          const at = { row: area.rect.row + r, column: area.rect.column + c };
          const found = figuresOfFormula(cell.formula, index);
          for (const id of found.figures) used.add(id);
          unnamedCalls += found.unnamed;
          const spill = spills.get(`${at.row},${at.column}`);
          if (spill) {
            spillCount++;
            spill.cells.forEach((line, sr) =>
              line.forEach((frozen, sc) => {
                const address = cellAddress(spill.rect.row + sr, spill.rect.column + sc);
                cells.push(
                  sr === 0 && sc === 0
                    ? { address, formula: cell.formula as string, hash: cellHash(frozen.value), numberFormat: cell.numberFormat, spill: localRange(spill.rect) }
                    : { address, formula: null, hash: cellHash(frozen.value), numberFormat: null, anchor: cellAddress(at.row, at.column) },
                );
              }),
            );
            sheetWrites.push({
              sheetId: sheet.id,
              rect: spill.rect,
              numberFormat: spill.cells.map((line) => line.map((frozen) => frozen.numberFormat)),
              values: spill.cells.map((line) => line.map((frozen) => frozen.value)),
            });
            return;
          }
          const frozen = frozenContent(cell);
          (numberFormat[r] ??= [])[c] = frozen.numberFormat;
          (values[r] ??= [])[c] = frozen.value;
          any = true;
          cells.push({ address: cellAddress(at.row, at.column), formula: cell.formula as string, hash: cellHash(frozen.value), numberFormat: cell.numberFormat });
        }),
      );
      if (any) sheetWrites.unshift({ sheetId: sheet.id, rect: area.rect, numberFormat, values });
    }
    if (cells.length === 0) continue;
    const summary = { sheet: sheet.name, cells: cells.length };
    if (sheet.protected) {
      protectedSheets.push(summary);
      continue;
    }
    summaries.push(summary);
    writes.push(...sheetWrites);
    const earlier = recordSheets.get(keyOf(sheet));
    const fresh = new Set(cells.map((cell) => cell.address));
    recordSheets.set(keyOf(sheet), { id: sheet.id, name: sheet.name, cells: [...(earlier?.cells ?? []).filter((cell) => !fresh.has(cell.address)), ...cells] });
  }
  const figures = index.figureIds.filter((id) => used.has(id));
  return {
    writes,
    sheets: summaries,
    cells: summaries.reduce((n, sheet) => n + sheet.cells, 0),
    spills: spillCount,
    protectedSheets,
    figures,
    unnamedCalls,
    record: {
      version: 1,
      frozenAt: options.frozenAt,
      releaseId: index.release.id,
      sheets: [...recordSheets.values()],
      figures,
      sourcesSheet: options.sourcesSheet,
    },
  };
}

// ---------------------------------------------------------------- planning a restore ----------

/** A frozen cell as restore read it back: its Range.formulas content. */
export interface RestoreSheetInput {
  readonly id: string;
  readonly name: string;
  readonly protected: boolean;
  /** The current content of each recorded cell, by local address; absent when the sheet is gone. */
  readonly contents: ReadonlyMap<string, unknown>;
}

export interface RestoreCellWrite {
  readonly sheetId: string;
  readonly address: string;
  /** The formula to put back, or "" to clear a spilled cell. */
  readonly formula: string;
  /** The number format to put back; null leaves it. */
  readonly numberFormat: string | null;
}

export interface RestorePlan {
  readonly writes: readonly RestoreCellWrite[];
  /** Formulas put back (a spill counts once), by sheet. */
  readonly restored: readonly FreezeSheetSummary[];
  /** Frozen cells the user changed since: left as they are, and dropped from the record. */
  readonly changed: readonly { readonly sheet: string; readonly address: string }[];
  /** Sheets left because they are protected: their cells stay in the record. */
  readonly protectedSheets: readonly FreezeSheetSummary[];
  /** Recorded sheets no longer in the workbook. */
  readonly missingSheets: readonly string[];
  /** The record after the restore; null when nothing is left frozen. */
  readonly record: FreezeRecord | null;
}

/**
 * Plans a restore: a frozen cell still holding exactly what the freeze wrote gets its formula (and
 * number format) back; a spill comes back only if every cell of it is unchanged (its formula in
 * the anchor, its other cells cleared); anything the user changed is left and reported.
 */
export function planRestore(record: FreezeRecord, sheets: ReadonlyMap<string, RestoreSheetInput>): RestorePlan {
  const writes: RestoreCellWrite[] = [];
  const restored: FreezeSheetSummary[] = [];
  const changed: { sheet: string; address: string }[] = [];
  const protectedSheets: FreezeSheetSummary[] = [];
  const missingSheets: string[] = [];
  const kept: FrozenSheetRecord[] = [];
  for (const recorded of record.sheets) {
    const sheet = sheets.get(recorded.id);
    if (!sheet) {
      missingSheets.push(recorded.name);
      continue;
    }
    if (sheet.protected) {
      protectedSheets.push({ sheet: sheet.name, cells: recorded.cells.length });
      kept.push(recorded);
      continue;
    }
    const unchanged = (cell: FrozenCellRecord): boolean => sheet.contents.has(cell.address) && cellHash(sheet.contents.get(cell.address)) === cell.hash;
    const byAnchor = new Map<string, FrozenCellRecord[]>();
    for (const cell of recorded.cells) if (cell.anchor) byAnchor.set(cell.anchor, [...(byAnchor.get(cell.anchor) ?? []), cell]);
    let count = 0;
    for (const cell of recorded.cells) {
      if (cell.anchor) continue;
      const group = [cell, ...(byAnchor.get(cell.address) ?? [])];
      const edited = group.filter((member) => !unchanged(member));
      if (edited.length > 0) {
        for (const member of edited) changed.push({ sheet: sheet.name, address: member.address });
        continue;
      }
      count++;
      for (const member of group) writes.push({ sheetId: sheet.id, address: member.address, formula: member.formula ?? "", numberFormat: member.numberFormat });
    }
    if (count > 0) restored.push({ sheet: sheet.name, cells: count });
  }
  return {
    writes,
    restored,
    changed,
    protectedSheets,
    missingSheets,
    record: kept.length > 0 ? { ...record, sheets: kept } : null,
  };
}

/** Groups cell writes into column runs (contiguous cells of one column), for bulk 2-D writes. */
export function columnRuns<T extends { readonly address: string }>(cells: readonly T[], parse: (address: string) => { row: number; column: number }): { rect: ShareRect; cells: T[] }[] {
  const sorted = cells.map((cell) => ({ cell, at: parse(cell.address) })).sort((a, b) => a.at.column - b.at.column || a.at.row - b.at.row);
  const runs: { rect: ShareRect; cells: T[] }[] = [];
  for (const { cell, at } of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.rect.column === at.column && last.rect.row + last.rect.rows === at.row) {
      last.cells.push(cell);
      runs[runs.length - 1] = { rect: { ...last.rect, rows: last.rect.rows + 1 }, cells: last.cells };
    } else runs.push({ rect: { row: at.row, column: at.column, rows: 1, columns: 1 }, cells: [cell] });
  }
  return runs;
}

