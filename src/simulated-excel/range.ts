/** Range, its format (font, fill, alignment, widths) and hyperlinks. */
import { type Rect, formatRect, intersect, withinSheet } from "./address";
import { invalidArgument, itemNotFound } from "./errors";
import { type ProxyContext, type Readers, SimItemCollection, SimObject } from "./proxy/base";
import type { CellFormat, SheetModel } from "./snapshot";
import type { ReadValue, WorkbookState } from "./state";
import { SimTableCollection } from "./table";
import { SimWorksheet } from "./worksheet";

/** Where a range is: resolved once, at the first sync that uses it, then fixed. */
export interface RangeTarget {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

export type RangeLocator = (state: WorkbookState) => RangeTarget | null;

/** Excel's default column width, in points. */
export const DEFAULT_COLUMN_WIDTH = 48;

interface RangeProps {
  address: string;
  addressLocal: string;
  values: ReadValue[][];
  formulas: ReadValue[][];
  numberFormat: string[][];
  text: string[][];
  valueTypes: string[][];
  rowCount: number;
  columnCount: number;
  rowIndex: number;
  columnIndex: number;
  cellCount: number;
  hyperlink: Excel.RangeHyperlink | null;
  rowHidden: boolean | null;
}

export class SimRange extends SimObject<RangeProps> {
  private located: { sheetId: string; rect: Rect } | null | undefined;

  constructor(
    context: ProxyContext,
    private readonly locator: RangeLocator,
    orNull = false,
  ) {
    super(context, "Range", orNull);
  }

  /** The range's sheet and cells; throws ItemNotFound for a null or vanished range. */
  target(state: WorkbookState): RangeTarget {
    const found = this.find(state);
    if (!found) throw itemNotFound("range", "Range");
    return found;
  }

  private find(state: WorkbookState): RangeTarget | null {
    if (this.located === undefined) {
      const found = this.locator(state);
      this.located = found ? { sheetId: found.sheet.id, rect: found.rect } : null;
    }
    if (this.located === null) return null;
    const sheet = state.sheet(this.located.sheetId);
    return sheet ? { sheet, rect: this.located.rect } : null;
  }

  protected exists(state: WorkbookState): boolean {
    return this.find(state) !== null;
  }

  protected readers(): Readers<RangeProps> {
    const at = (state: WorkbookState): RangeTarget => this.target(state);
    return {
      address: (s) => s.addressOf(at(s).sheet, at(s).rect),
      addressLocal: (s) => s.addressOf(at(s).sheet, at(s).rect),
      values: (s) => s.readValues(at(s).sheet, at(s).rect),
      formulas: (s) => s.readFormulas(at(s).sheet, at(s).rect),
      numberFormat: (s) => s.readNumberFormat(at(s).sheet, at(s).rect),
      text: (s) => s.readText(at(s).sheet, at(s).rect),
      valueTypes: (s) => s.readValueTypes(at(s).sheet, at(s).rect),
      rowCount: (s) => at(s).rect.rows,
      columnCount: (s) => at(s).rect.columns,
      rowIndex: (s) => at(s).rect.row,
      columnIndex: (s) => at(s).rect.column,
      cellCount: (s) => at(s).rect.rows * at(s).rect.columns,
      // Hidden by a filter: true if every row of the range is, false if none is, null if mixed (ExcelApi 1.2).
      rowHidden: (s) => {
        const { sheet, rect } = at(s);
        const hidden = (sheet.hiddenRows ?? []).filter((row) => row >= rect.row && row < rect.row + rect.rows).length;
        return hidden === 0 ? false : hidden === rect.rows ? true : null;
      },
      hyperlink: (s) => {
        const { sheet, rect } = at(s);
        return s.cell(sheet, rect.row, rect.column)?.hyperlink ?? null;
      },
    };
  }

  get address(): string {
    return this.need("address");
  }
  get addressLocal(): string {
    return this.need("addressLocal");
  }
  get rowCount(): number {
    return this.need("rowCount");
  }
  get columnCount(): number {
    return this.need("columnCount");
  }
  get rowIndex(): number {
    return this.need("rowIndex");
  }
  get columnIndex(): number {
    return this.need("columnIndex");
  }
  get cellCount(): number {
    return this.need("cellCount");
  }
  get rowHidden(): boolean | null {
    return this.need("rowHidden");
  }
  get text(): string[][] {
    return this.need("text");
  }
  get valueTypes(): string[][] {
    return this.need("valueTypes");
  }

  get values(): ReadValue[][] {
    return this.need("values");
  }
  /** Accepts `unknown` so that tests can check what Excel does with wrong input; Excel types it any[][]. */
  set values(input: unknown) {
    this.write("values", input, (s, t) => s.writeCellsBelowTables(t.sheet, t.rect, input, "values", "Range.values"));
  }

  get formulas(): ReadValue[][] {
    return this.need("formulas");
  }
  set formulas(input: unknown) {
    this.write("formulas", input, (s, t) => s.writeCellsBelowTables(t.sheet, t.rect, input, "formulas", "Range.formulas"));
  }

  get numberFormat(): string[][] {
    return this.need("numberFormat");
  }
  set numberFormat(input: unknown) {
    this.write("numberFormat", input, (s, t) => s.writeNumberFormat(t.sheet, t.rect, input, "Range.numberFormat"));
  }

  get hyperlink(): Excel.RangeHyperlink | null {
    return this.need("hyperlink");
  }
  set hyperlink(link: Excel.RangeHyperlink | null) {
    this.write("hyperlink", link, (s, t) => s.setHyperlink(t.sheet, t.rect, link ?? undefined));
  }

  private write(member: string, payload: unknown, apply: (state: WorkbookState, target: RangeTarget) => void): void {
    this.queue(
      member,
      payload,
      async (state) => {
        const target = this.target(state);
        state.assertWritable(target.sheet, `Range.${member}`);
        apply(state, target);
        await state.evaluatePending();
      },
      "write",
    );
  }

  private derived(map: (target: RangeTarget, state: WorkbookState) => RangeTarget | null, orNull = false): SimRange {
    return new SimRange(this.context, (state) => map(this.target(state), state), orNull);
  }

  private static checked(sheet: SheetModel, rect: Rect, location: string): RangeTarget {
    if (!withinSheet(rect)) throw invalidArgument("The range would be outside the sheet.", location);
    return { sheet, rect };
  }

  private worksheetProxy: SimWorksheet | undefined;
  private formatProxy: SimRangeFormat | undefined;

  get worksheet(): SimWorksheet {
    this.worksheetProxy ??= new SimWorksheet(this.context, (state) => this.target(state).sheet);
    return this.worksheetProxy;
  }

  get format(): SimRangeFormat {
    this.formatProxy ??= new SimRangeFormat(this.context, (state) => this.target(state));
    return this.formatProxy;
  }

  getCell(row: number, column: number): SimRange {
    return this.derived(({ sheet, rect }) => SimRange.checked(sheet, { row: rect.row + row, column: rect.column + column, rows: 1, columns: 1 }, "Range.getCell"));
  }

  getRow(row: number): SimRange {
    return this.derived(({ sheet, rect }) => SimRange.checked(sheet, { ...rect, row: rect.row + row, rows: 1 }, "Range.getRow"));
  }

  getColumn(column: number): SimRange {
    return this.derived(({ sheet, rect }) => SimRange.checked(sheet, { ...rect, column: rect.column + column, columns: 1 }, "Range.getColumn"));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this.derived(({ sheet, rect }) =>
      SimRange.checked(sheet, { ...rect, rows: rect.rows + deltaRows, columns: rect.columns + deltaColumns }, "Range.getResizedRange"),
    );
  }

  /** The `count` rows directly below the range, as wide as it (ExcelApi 1.2). */
  getRowsBelow(count = 1): SimRange {
    return this.derived(({ sheet, rect }) => SimRange.checked(sheet, { ...rect, row: rect.row + rect.rows, rows: count }, "Range.getRowsBelow"));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this.derived(({ sheet, rect }) =>
      SimRange.checked(sheet, { ...rect, row: rect.row + rowOffset, column: rect.column + columnOffset }, "Range.getOffsetRange"),
    );
  }

  /** The used part of this range; throws ItemNotFound at sync if it is empty. */
  getUsedRange(valuesOnly = false): SimRange {
    return this.derived(({ sheet, rect }, state) => {
      const used = state.usedRect(sheet, valuesOnly);
      const part = used && intersect(used, rect);
      if (!part) throw itemNotFound("used range", "Range.getUsedRange");
      return { sheet, rect: part };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return this.derived(({ sheet, rect }, state) => {
      const used = state.usedRect(sheet, valuesOnly);
      const part = used && intersect(used, rect);
      return part ? { sheet, rect: part } : null;
    }, true);
  }

  getIntersectionOrNullObject(other: SimRange | string): SimRange {
    return this.derived(({ sheet, rect }, state) => {
      const second = typeof other === "string" ? state.resolveAddress(other, sheet, "Range.getIntersectionOrNullObject") : other.target(state);
      if (second.sheet !== sheet) return null;
      const part = intersect(rect, second.rect);
      return part ? { sheet, rect: part } : null;
    }, true);
  }

  /** The tables that meet this range (ExcelApi 1.9); with `fullyContained`, only those inside it. */
  getTables(fullyContained = false): SimTableCollection {
    return new SimTableCollection(this.context, (state) => this.target(state).sheet, (state) => ({ rect: this.target(state).rect, fullyContained }));
  }

  clear(applyTo: "All" | "Formats" | "Contents" | "Hyperlinks" | "RemoveHyperlinks" = "All"): void {
    this.write("clear", applyTo, (s, t) => s.clear(t.sheet, t.rect, applyTo === "RemoveHyperlinks" ? "Hyperlinks" : applyTo));
  }

  /**
   * Deletes the range's cells; those beyond move "Up" or "Left" into their place (ExcelApi 1.1).
   * On a table's data rows (its full width) it deletes those table rows; see WorkbookState.deleteCells.
   */
  delete(shift: "Up" | "Left"): void {
    this.queue("delete", shift, (state) => {
      const { sheet, rect } = this.target(state);
      state.deleteCells(sheet, rect, shift, "Range.delete");
    });
  }

  /** Calculates the formulas of the range only (ExcelApi 1.6; ApiNotFound at sync below it). */
  calculate(): void {
    if (!this.requires("calculate", "1.6")) return;
    this.queue("calculate", null, async (state) => {
      const { sheet, rect } = this.target(state);
      await state.calculateRange(sheet, rect);
    });
  }

  merge(across = false): void {
    this.queue("merge", across, (state) => {
      const { sheet, rect } = this.target(state);
      state.merge(sheet, rect, across);
    });
  }

  unmerge(): void {
    this.queue("unmerge", null, (state) => {
      const { sheet, rect } = this.target(state);
      state.unmerge(sheet, rect);
    });
  }

  /**
   * The merged areas whose top-left cell lies in this range (ExcelApi 1.13; ApiNotFound at sync
   * below it), as a RangeAreas; a null object when there are none. An area that only reaches into
   * the range from above or the left is NOT returned: Microsoft's maintainers describe that as by
   * design (OfficeDev/office-js#3611). Callers that must find every area meeting a range ask
   * for the bounding rectangle from A1 to the range's bottom-right corner.
   */
  getMergedAreasOrNullObject(): SimRangeAreas {
    this.requires("getMergedAreasOrNullObject", "1.13");
    return new SimRangeAreas(this.context, (state) => {
      const { sheet, rect } = this.target(state);
      const areas = sheet.merges.filter((merge) => merge.row >= rect.row && merge.row < rect.row + rect.rows && merge.column >= rect.column && merge.column < rect.column + rect.columns);
      return areas.length === 0 ? null : { sheet, areas };
    });
  }

  /**
   * The cells of the range holding a formula ("Formulas") or a constant ("Constants"), as a
   * RangeAreas of column runs (ExcelApi 1.9; ApiNotFound at sync below it); a null object when
   * there are none (the getSpecialCells article). On a single cell it looks at the sheet's used
   * range instead, as desktop Excel's Range.SpecialCells does (the JavaScript reference is silent:
   * the simulator takes the behaviour that returns more, the stricter for callers).
   */
  getSpecialCellsOrNullObject(cellType: "Formulas" | "Constants"): SimRangeAreas {
    this.requires("getSpecialCellsOrNullObject", "1.9");
    return new SimRangeAreas(this.context, (state) => {
      const { sheet, rect: asked } = this.target(state);
      const rect = asked.rows === 1 && asked.columns === 1 ? state.usedRect(sheet, true) : asked;
      if (!rect) return null;
      const byColumn = new Map<number, number[]>();
      for (const key in sheet.cells) {
        const cell = sheet.cells[key];
        if (!cell || (cellType === "Formulas") !== (cell.formula !== undefined) || (cellType === "Constants" && cell.value === null)) continue;
        const [row = 0, column = 0] = key.split(",").map(Number);
        if (row < rect.row || row >= rect.row + rect.rows || column < rect.column || column >= rect.column + rect.columns) continue;
        const rows = byColumn.get(column) ?? [];
        rows.push(row);
        byColumn.set(column, rows);
      }
      const areas: Rect[] = [];
      for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
        const rows = (byColumn.get(column) ?? []).sort((a, b) => a - b);
        let start = -1;
        rows.forEach((row, i) => {
          if (start < 0) start = row;
          if (rows[i + 1] !== row + 1) {
            areas.push({ row: start, column, rows: row - start + 1, columns: 1 });
            start = -1;
          }
        });
      }
      return areas.length === 0 ? null : { sheet, areas };
    });
  }

  /** The smallest range holding this range and another (ExcelApi 1.2); both must be on one sheet. */
  getBoundingRect(anotherRange: SimRange | string): SimRange {
    return this.derived(({ sheet, rect }, state) => {
      const other = typeof anotherRange === "string" ? state.resolveAddress(anotherRange, sheet, "Range.getBoundingRect") : anotherRange.target(state);
      if (other.sheet !== sheet) throw invalidArgument("The ranges are on different sheets.", "Range.getBoundingRect");
      const row = Math.min(rect.row, other.rect.row);
      const column = Math.min(rect.column, other.rect.column);
      const rows = Math.max(rect.row + rect.rows, other.rect.row + other.rect.rows) - row;
      const columns = Math.max(rect.column + rect.columns, other.rect.column + other.rect.columns) - column;
      return { sheet, rect: { row, column, rows, columns } };
    });
  }

  select(): void {
    this.queue("select", null, (state) => {
      const { sheet, rect } = this.target(state);
      state.activateSheet(sheet);
      state.model.selection = rect;
    });
  }

  /** For debugging output: the local address if it was loaded. */
  override toString(): string {
    return this.located ? formatRect(this.located.rect) : "Range";
  }
}

interface FormatProps {
  columnWidth: number | null;
  wrapText: boolean | null;
  horizontalAlignment: string | null;
}

type FormatTarget = (state: WorkbookState) => RangeTarget;

export class SimRangeFormat extends SimObject<FormatProps> {
  constructor(
    context: ProxyContext,
    private readonly at: FormatTarget,
  ) {
    super(context, "RangeFormat", false);
  }
  protected exists(): boolean {
    return true;
  }
  protected readers(): Readers<FormatProps> {
    return {
      // The width of every column of the range; null when they differ (as Excel documents).
      columnWidth: (s) => {
        const { sheet, rect } = this.at(s);
        const width = (column: number): number => sheet.columnWidths[String(column)] ?? DEFAULT_COLUMN_WIDTH;
        const first = width(rect.column);
        for (let c = rect.column + 1; c < rect.column + rect.columns; c++) if (width(c) !== first) return null;
        return first;
      },
      wrapText: (s) => this.read(s, "wrapText", false) ?? null,
      horizontalAlignment: (s) => this.read(s, "horizontalAlignment", "General") ?? null,
    };
  }
  private read<K extends keyof CellFormat>(state: WorkbookState, key: K, fallback: NonNullable<CellFormat[K]>): CellFormat[K] | null {
    const { sheet, rect } = this.at(state);
    return state.readFormat(sheet, rect, key, fallback);
  }
  private set<K extends keyof CellFormat>(member: string, key: K, value: CellFormat[K]): void {
    this.queue(member, value, (state) => {
      const { sheet, rect } = this.at(state);
      state.assertWritable(sheet, `RangeFormat.${member}`);
      state.writeFormat(sheet, rect, key, value);
    }, "write");
  }

  get columnWidth(): number | null {
    return this.need("columnWidth");
  }
  set columnWidth(width: number) {
    this.queue("columnWidth", width, (state) => {
      const { sheet, rect } = this.at(state);
      state.assertWritable(sheet, "RangeFormat.columnWidth");
      for (let c = rect.column; c < rect.column + rect.columns; c++) sheet.columnWidths[String(c)] = width;
    }, "write");
  }
  get wrapText(): boolean | null {
    return this.need("wrapText");
  }
  set wrapText(wrap: boolean | null) {
    this.set("wrapText", "wrapText", wrap ?? false);
  }
  get horizontalAlignment(): string | null {
    return this.need("horizontalAlignment");
  }
  set horizontalAlignment(alignment: string | null) {
    this.set("horizontalAlignment", "horizontalAlignment", alignment ?? "General");
  }

  private fontProxy: SimRangeFont | undefined;
  private fillProxy: SimRangeFill | undefined;
  get font(): SimRangeFont {
    this.fontProxy ??= new SimRangeFont(this.context, this.at);
    return this.fontProxy;
  }
  get fill(): SimRangeFill {
    this.fillProxy ??= new SimRangeFill(this.context, this.at);
    return this.fillProxy;
  }

  /**
   * Fits column widths to their contents. The simulator's width is an estimate: 7 points per
   * character of the longest displayed text (CJK characters count double), plus 8.
   */
  autofitColumns(): void {
    this.queue("autofitColumns", null, (state) => {
      const { sheet, rect } = this.at(state);
      state.assertWritable(sheet, "RangeFormat.autofitColumns");
      const text = state.readText(sheet, rect);
      for (let c = 0; c < rect.columns; c++) {
        const longest = Math.max(0, ...text.map((row) => [...(row[c] ?? "")].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
        sheet.columnWidths[String(rect.column + c)] = longest === 0 ? DEFAULT_COLUMN_WIDTH : longest * 7 + 8;
      }
    });
  }
}

interface FontProps {
  bold: boolean | null;
  italic: boolean | null;
  color: string | null;
}

export class SimRangeFont extends SimObject<FontProps> {
  constructor(
    context: ProxyContext,
    private readonly at: FormatTarget,
  ) {
    super(context, "RangeFont", false);
  }
  protected exists(): boolean {
    return true;
  }
  protected readers(): Readers<FontProps> {
    const read = <K extends "bold" | "italic" | "fontColor">(s: WorkbookState, key: K, fallback: NonNullable<CellFormat[K]>): CellFormat[K] | null => {
      const { sheet, rect } = this.at(s);
      return s.readFormat(sheet, rect, key, fallback);
    };
    return {
      bold: (s) => read(s, "bold", false) ?? null,
      italic: (s) => read(s, "italic", false) ?? null,
      color: (s) => read(s, "fontColor", "#000000") ?? null,
    };
  }
  private set<K extends keyof CellFormat>(member: string, key: K, value: CellFormat[K]): void {
    this.queue(member, value, (state) => {
      const { sheet, rect } = this.at(state);
      state.assertWritable(sheet, `RangeFont.${member}`);
      state.writeFormat(sheet, rect, key, value);
    }, "write");
  }
  get bold(): boolean | null {
    return this.need("bold");
  }
  set bold(value: boolean | null) {
    this.set("bold", "bold", value ?? false);
  }
  get italic(): boolean | null {
    return this.need("italic");
  }
  set italic(value: boolean | null) {
    this.set("italic", "italic", value ?? false);
  }
  get color(): string | null {
    return this.need("color");
  }
  set color(value: string | null) {
    this.set("color", "fontColor", value ?? "#000000");
  }
}

interface FillProps {
  color: string;
}

export class SimRangeFill extends SimObject<FillProps> {
  constructor(
    context: ProxyContext,
    private readonly at: FormatTarget,
  ) {
    super(context, "RangeFill", false);
  }
  protected exists(): boolean {
    return true;
  }
  protected readers(): Readers<FillProps> {
    return {
      color: (s) => {
        const { sheet, rect } = this.at(s);
        return s.readFormat(sheet, rect, "fill", "") ?? "";
      },
    };
  }
  get color(): string {
    return this.need("color");
  }
  set color(value: string) {
    this.queue("color", value, (state) => {
      const { sheet, rect } = this.at(state);
      state.assertWritable(sheet, "RangeFill.color");
      state.writeFormat(sheet, rect, "fill", value);
    }, "write");
  }
  clear(): void {
    this.queue("clear", null, (state) => {
      const { sheet, rect } = this.at(state);
      state.assertWritable(sheet, "RangeFill.clear");
      state.writeFormat(sheet, rect, "fill", undefined);
    });
  }
}

interface RangeAreasProps {
  address: string;
  areaCount: number;
}

/** RangeAreas (ExcelApi 1.9): several rectangles of one sheet. Only what the adapter reads. */
export class SimRangeAreas extends SimObject<RangeAreasProps> {
  constructor(
    context: ProxyContext,
    private readonly locator: (state: WorkbookState) => { sheet: SheetModel; areas: readonly Rect[] } | null,
  ) {
    super(context, "RangeAreas", true);
  }
  protected exists(state: WorkbookState): boolean {
    return this.locator(state) !== null;
  }
  private found(state: WorkbookState): { sheet: SheetModel; areas: readonly Rect[] } {
    const found = this.locator(state);
    if (!found) throw itemNotFound("range areas", "RangeAreas");
    return found;
  }
  protected readers(): Readers<RangeAreasProps> {
    return {
      // Excel: "Sheet1!A1:B4, Sheet1!D1:D4" (RangeAreas.address reference).
      address: (s) => {
        const { sheet, areas } = this.found(s);
        return areas.map((area) => s.addressOf(sheet, area)).join(", ");
      },
      areaCount: (s) => this.found(s).areas.length,
    };
  }
  get address(): string {
    return this.need("address");
  }
  get areaCount(): number {
    return this.need("areaCount");
  }
  private areasProxy: SimRangeCollection | undefined;
  /** ExcelApi 1.9: the areas as a RangeCollection (load "items/formulas" ... to read every area in one sync). */
  get areas(): SimRangeCollection {
    this.areasProxy ??= new SimRangeCollection(this.context, (state) => {
      const found = this.locator(state);
      return found ? found.areas.map((rect) => ({ sheet: found.sheet, rect })) : [];
    });
    return this.areasProxy;
  }
}

/** The ranges of a RangeAreas (RangeAreas.areas). */
export class SimRangeCollection extends SimItemCollection<RangeTarget, SimRange> {
  constructor(
    context: ProxyContext,
    private readonly targets: (state: WorkbookState) => RangeTarget[],
  ) {
    super(context, "RangeCollection");
  }
  protected list(state: WorkbookState): RangeTarget[] {
    return this.targets(state);
  }
  protected itemFor(model: RangeTarget): SimRange {
    return new SimRange(this.context, () => model);
  }
}
