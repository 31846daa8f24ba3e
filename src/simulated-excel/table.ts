/** Tables and table collections (workbook-wide or one sheet's). */
import { type Rect, intersect } from "./address";
import { SimOfficeError, apiNotFound, itemNotFound } from "./errors";
import { type ProxyContext, type Readers, type SimClientResult, SimItemCollection, SimObject, resultOf } from "./proxy/base";
import { type RangeTarget, SimRange } from "./range";
import type { SheetModel, TableModel } from "./snapshot";
import type { ReadValue, WorkbookState } from "./state";
import { SimAutoFilter } from "./autofilter";
import { refilter } from "./filter";
import { SimWorksheet } from "./worksheet";

type TableLocator = (state: WorkbookState) => TableModel | null;

interface TableProps {
  id: string;
  name: string;
  style: string;
  showTotals: boolean;
  showBandedRows: boolean;
  showHeaders: boolean;
}

export class SimTable extends SimObject<TableProps> {
  private tableId: string | null | undefined;

  constructor(
    context: ProxyContext,
    private readonly locator: TableLocator,
    orNull = false,
  ) {
    super(context, "Table", orNull);
  }

  model(state: WorkbookState): TableModel {
    const table = this.find(state);
    if (!table) throw itemNotFound("table", "Table");
    return table;
  }

  private find(state: WorkbookState): TableModel | null {
    if (this.tableId === undefined) this.tableId = this.locator(state)?.id ?? null;
    const id = this.tableId;
    return id === null ? null : state.model.tables.find((table) => table.id === id) ?? null;
  }

  protected exists(state: WorkbookState): boolean {
    return this.find(state) !== null;
  }

  protected readers(): Readers<TableProps> {
    return {
      id: (s) => this.model(s).id,
      name: (s) => this.model(s).name,
      style: (s) => this.model(s).style,
      showTotals: (s) => this.model(s).showTotals,
      showBandedRows: (s) => this.model(s).showBandedRows,
      showHeaders: (s) => this.model(s).showHeaders,
    };
  }

  private setFlag(member: "style" | "showTotals" | "showBandedRows", value: string | boolean): void {
    this.queue(member, value, (state) => {
      const table = this.model(state);
      state.assertWritable(state.requireSheet(table.sheetId), `Table.${member}`);
      if (member === "style" && typeof value === "string") table.style = value;
      else if (member !== "style" && typeof value === "boolean") table[member] = value;
    }, "write");
  }

  get id(): string {
    return this.need("id");
  }
  get name(): string {
    return this.need("name");
  }
  set name(name: string) {
    this.queue("name", name, (state) => state.renameTable(this.model(state), name), "write");
  }
  get style(): string {
    return this.need("style");
  }
  set style(style: string) {
    this.setFlag("style", style);
  }
  get showTotals(): boolean {
    return this.need("showTotals");
  }
  set showTotals(show: boolean) {
    this.setFlag("showTotals", show);
  }
  get showBandedRows(): boolean {
    return this.need("showBandedRows");
  }
  set showBandedRows(show: boolean) {
    this.setFlag("showBandedRows", show);
  }
  get showHeaders(): boolean {
    return this.need("showHeaders");
  }

  private worksheetProxy: SimWorksheet | undefined;
  get worksheet(): SimWorksheet {
    this.worksheetProxy ??= new SimWorksheet(this.context, (state) => state.requireSheet(this.model(state).sheetId));
    return this.worksheetProxy;
  }

  private range(part: "all" | "header" | "body"): SimRange {
    return new SimRange(this.context, (state) => {
      const table = this.model(state);
      const sheet = state.requireSheet(table.sheetId);
      const { rect } = table;
      if (part === "all") return { sheet, rect };
      if (part === "header") return { sheet, rect: { ...rect, rows: 1 } };
      if (rect.rows < 2) throw itemNotFound("data body (the table has no data rows)", "Table.getDataBodyRange");
      return { sheet, rect: { ...rect, row: rect.row + 1, rows: rect.rows - 1 } };
    });
  }

  getRange(): SimRange {
    return this.range("all");
  }
  getHeaderRowRange(): SimRange {
    return this.range("header");
  }
  getDataBodyRange(): SimRange {
    return this.range("body");
  }

  /** Resizes the table to a new range on the same sheet; the header row must stay where it is (ExcelApi 1.13). */
  resize(newRange: SimRange | string): void {
    if (!this.requires("resize", "1.13")) return;
    this.queue("resize", typeof newRange === "string" ? newRange : "Range", (state) => {
      const table = this.model(state);
      const sheet = state.requireSheet(table.sheetId);
      const target = typeof newRange === "string" ? state.resolveAddress(newRange, sheet, "Table.resize") : newRange.target(state);
      if (target.sheet !== sheet) throw new SimOfficeError("InvalidArgument", "A table can't move to another sheet.", "Table.resize");
      state.resizeTable(table, target.rect);
    });
  }

  delete(): void {
    this.queue("delete", null, (state) => state.deleteTable(this.model(state)));
  }

  /**
   * Converts the table into a normal range of cells; all data is preserved (ExcelApi 1.2). The
   * returned range is the table's former range.
   */
  convertToRange(): SimRange {
    let former: RangeTarget | null = null;
    this.queue("convertToRange", null, (state) => {
      const table = this.model(state);
      const sheet = state.requireSheet(table.sheetId);
      state.assertWritable(sheet, "Table.convertToRange");
      former = { sheet, rect: table.rect };
      state.model.tables.splice(state.model.tables.indexOf(table), 1);
      refilter(sheet, state.model.tables);
    });
    return new SimRange(this.context, () => former);
  }

  private autoFilterProxy: SimAutoFilter | undefined;
  /** The table's AutoFilter (ExcelApi 1.9). */
  get autoFilter(): SimAutoFilter {
    this.autoFilterProxy ??= new SimAutoFilter(this.context, (state) => ({ kind: "table", table: this.model(state) }));
    return this.autoFilterProxy;
  }

  private rowsProxy: SimTableRowCollection | undefined;
  private columnsProxy: SimTableColumnCollection | undefined;

  /** The data rows: getCount and add. */
  get rows(): SimTableRowCollection {
    this.rowsProxy ??= new SimTableRowCollection(this.context, (state) => this.model(state));
    return this.rowsProxy;
  }
  /** The columns: getCount and add. */
  get columns(): SimTableColumnCollection {
    this.columnsProxy ??= new SimTableColumnCollection(this.context, (state) => this.model(state));
    return this.columnsProxy;
  }
}

type TableOf = (state: WorkbookState) => TableModel;

/**
 * A row or column that `add` returned: its index within the table (data rows for rows, columns for
 * columns), its values, and its range. Like Excel's TableRow, it points at a position, not at data.
 */
interface TablePartProps {
  index: number;
  values: ReadValue[][];
}

export class SimTablePart extends SimObject<TablePartProps> {
  constructor(
    context: ProxyContext,
    typeName: "TableRow" | "TableColumn",
    private readonly table: TableOf,
    private readonly indexOf: () => number | undefined,
    private readonly area: (table: TableModel, index: number) => Rect,
  ) {
    super(context, typeName, false);
  }
  protected exists(): boolean {
    return true;
  }
  private at(state: WorkbookState): RangeTarget {
    const table = this.table(state);
    const index = this.indexOf();
    if (index === undefined) throw itemNotFound("table row or column", "TablePart");
    return { sheet: state.requireSheet(table.sheetId), rect: this.area(table, index) };
  }
  protected readers(): Readers<TablePartProps> {
    return {
      index: () => {
        const index = this.indexOf();
        if (index === undefined) throw itemNotFound("table row or column", "TablePart");
        return index;
      },
      values: (s) => s.readValues(this.at(s).sheet, this.at(s).rect),
    };
  }
  get index(): number {
    return this.need("index");
  }
  get values(): ReadValue[][] {
    return this.need("values");
  }
  getRange(): SimRange {
    return new SimRange(this.context, (state) => this.at(state));
  }
}

export class SimTableRowCollection {
  constructor(
    private readonly context: ProxyContext,
    private readonly table: TableOf,
  ) {}

  getCount(): SimClientResult<number> {
    return resultOf(this.context, "TableRowCollection.getCount", null, (state) => this.table(state).rect.rows - 1);
  }

  /**
   * Adds rows at data-row `index` (null or -1: at the end), one per row of `values`, as ONE
   * operation, however many rows: the bulk way that counts in the sync records. The cells below,
   * within the table's columns, move down. Several rows need ExcelApi 1.4. Returns the first new row.
   */
  add(index?: number | null, values?: (boolean | string | number | null)[][] | boolean | string | number): SimTablePart {
    let added: number | undefined;
    this.context.enqueue({
      location: "TableRowCollection.add",
      payload: { index: index ?? null, values: values ?? null },
      kind: "method",
      apply: async (state) => {
        if (Array.isArray(values) && values.length > 1 && !this.context.isSetSupported("ExcelApi", "1.4")) {
          throw apiNotFound("TableRowCollection.add (several rows)", "ExcelApi", "1.4");
        }
        added = state.addTableRows(this.table(state), index, values, "TableRowCollection.add");
        await state.evaluatePending();
      },
    });
    return new SimTablePart(this.context, "TableRow", this.table, () => added, (table, row) => ({ ...table.rect, row: table.rect.row + 1 + row, rows: 1 }));
  }
}

export class SimTableColumnCollection {
  constructor(
    private readonly context: ProxyContext,
    private readonly table: TableOf,
  ) {}

  getCount(): SimClientResult<number> {
    return resultOf(this.context, "TableColumnCollection.getCount", null, (state) => this.table(state).rect.columns);
  }

  /**
   * Adds a column at `index` (null or -1: at the end). `values` holds the header and every data
   * cell (one per row, as a 2-D array of one column); `name`, if given, is the header.
   */
  add(index?: number | null, values?: (boolean | string | number | null)[][] | boolean | string | number, name?: string | null): SimTablePart {
    let added: number | undefined;
    this.context.enqueue({
      location: "TableColumnCollection.add",
      payload: { index: index ?? null, values: values ?? null, name: name ?? null },
      kind: "method",
      apply: async (state) => {
        added = state.addTableColumn(this.table(state), index, values, name, "TableColumnCollection.add");
        await state.evaluatePending();
      },
    });
    return new SimTablePart(this.context, "TableColumn", this.table, () => added, (table, column) => ({ ...table.rect, column: table.rect.column + column, columns: 1 }));
  }
}

export class SimTableCollection extends SimItemCollection<TableModel, SimTable> {
  /** `sheet` is null for workbook.tables; `within` limits it to tables meeting a range (Range.getTables). */
  constructor(
    context: ProxyContext,
    private readonly sheet: ((state: WorkbookState) => SheetModel) | null,
    private readonly within?: (state: WorkbookState) => { rect: Rect; fullyContained: boolean },
  ) {
    super(context, "TableCollection");
  }

  protected list(state: WorkbookState): TableModel[] {
    if (!this.sheet) return state.model.tables;
    const sheetId = this.sheet(state).id;
    const area = this.within?.(state);
    return state.model.tables.filter((table) => {
      if (table.sheetId !== sheetId) return false;
      if (!area) return true;
      const common = intersect(table.rect, area.rect);
      return area.fullyContained ? common !== null && common.rows === table.rect.rows && common.columns === table.rect.columns : common !== null;
    });
  }

  protected itemFor(table: TableModel): SimTable {
    return new SimTable(this.context, () => table);
  }

  /**
   * Creates a table over `address` (an A1 address, sheet-qualified for workbook.tables, or a Range).
   * With `hasHeaders` the first row holds the headers; without, Excel adds a header row above.
   */
  add(address: SimRange | string, hasHeaders: boolean): SimTable {
    let created: TableModel | undefined;
    this.context.enqueue({
      location: "TableCollection.add",
      payload: { address: typeof address === "string" ? address : "Range", hasHeaders },
      kind: "method",
      apply: (state) => {
        const fallback = this.sheet ? this.sheet(state) : state.activeSheet();
        const target = typeof address === "string" ? state.resolveAddress(address, fallback, "TableCollection.add") : address.target(state);
        if (this.sheet && target.sheet !== fallback) {
          throw new SimOfficeError("InvalidArgument", "The range is not on this worksheet.", "TableCollection.add");
        }
        created = state.addTable(target.sheet, target.rect, hasHeaders);
      },
    });
    return new SimTable(this.context, () => created ?? null);
  }

  private byName(state: WorkbookState, key: string): TableModel | null {
    const table = state.tableByName(key) ?? state.model.tables.find((each) => each.id === key);
    return table && this.list(state).includes(table) ? table : null;
  }

  getItem(key: string): SimTable {
    return new SimTable(this.context, (state) => {
      const table = this.byName(state, key);
      if (!table) throw itemNotFound(`table '${key}'`, "TableCollection.getItem");
      return table;
    });
  }

  getItemOrNullObject(key: string): SimTable {
    return new SimTable(this.context, (state) => this.byName(state, key), true);
  }

  getCount(): SimClientResult<number> {
    return resultOf(this.context, "TableCollection.getCount", null, (state) => this.list(state).length);
  }
}
