/**
 * Charts on a worksheet (ExcelApi 1.1, series sources 1.7, dimension values 1.12): the chart
 * collection, a chart's name, type, title, position and its series with their source ranges.
 *
 * A series keeps its source ranges, not a copy of their values: getDimensionValues reads the cells
 * as they are now, so a chart follows the cells it refers to, as in Excel.
 *
 * Charts live beside the sheet model (a WeakMap: a deleted sheet takes its charts with it) and are
 * not part of a snapshot: a saved and reopened simulated workbook has no charts (docs/simulated-excel.md).
 * Where Microsoft's documentation is silent, the stricter behaviour is taken (each is listed there).
 */
import { type Rect, formatRect, parseRect } from "./address";
import { apiNotFound, invalidArgument, itemNotFound } from "./errors";
import { type ProxyContext, type Readers, type SimClientResult, SimItemCollection, SimObject, resultOf } from "./proxy/base";
import { DEFAULT_COLUMN_WIDTH, type SimRange } from "./range";
import type { SheetModel } from "./snapshot";
import type { WorkbookState } from "./state";

/** The row height of every row in the simulator (Excel's default for Calibri 11), in points. */
export const DEFAULT_ROW_HEIGHT = 15;
/** A new chart's size when nothing sets it (not confirmed; Excel's default is about 5 x 3 inches). */
export const DEFAULT_CHART_SIZE = { width: 360, height: 216 } as const;

/** A range a series refers to: by sheet id, so that a renamed sheet keeps it. */
export interface SeriesSource {
  readonly sheetId: string;
  readonly rect: Rect;
}

export interface SeriesModel {
  name: string;
  values: SeriesSource | null;
  categories: SeriesSource | null;
}

export interface ChartModel {
  readonly id: string;
  name: string;
  chartType: string;
  title: string;
  top: number;
  left: number;
  width: number;
  height: number;
  series: SeriesModel[];
}

const CHARTS = new WeakMap<SheetModel, ChartModel[]>();

/** The charts of a sheet, in the order they were added (for the preview page and tests). */
export function chartsOf(sheet: SheetModel): ChartModel[] {
  let list = CHARTS.get(sheet);
  if (!list) {
    list = [];
    CHARTS.set(sheet, list);
  }
  return list;
}

type ChartLocator = (state: WorkbookState) => { sheet: SheetModel; chart: ChartModel } | null;

interface ChartProps {
  id: string;
  name: string;
  chartType: string;
  top: number;
  left: number;
  width: number;
  height: number;
}

/** Where a cell's top-left corner is, in points from the sheet's top-left. */
function cornerOf(sheet: SheetModel, row: number, column: number): { top: number; left: number } {
  let left = 0;
  for (let c = 0; c < column; c++) left += sheet.columnWidths[String(c)] ?? DEFAULT_COLUMN_WIDTH;
  return { top: row * DEFAULT_ROW_HEIGHT, left };
}

function sourceOf(range: SimRange | string, sheet: SheetModel, state: WorkbookState, location: string): { sheet: SheetModel; rect: Rect } {
  if (typeof range === "string") return { sheet, rect: parseRect(range, location) };
  return range.target(state);
}

export class SimChart extends SimObject<ChartProps> {
  private located: { sheetId: string; chartId: string } | null | undefined;

  constructor(
    context: ProxyContext,
    private readonly locator: ChartLocator,
    orNull = false,
  ) {
    super(context, "Chart", orNull);
  }

  /** The chart and its sheet, followed by id once found; throws ItemNotFound once deleted. */
  at(state: WorkbookState): { sheet: SheetModel; chart: ChartModel } {
    const found = this.find(state);
    if (!found) throw itemNotFound("chart", "Chart");
    return found;
  }

  private find(state: WorkbookState): { sheet: SheetModel; chart: ChartModel } | null {
    if (this.located === undefined) {
      const found = this.locator(state);
      this.located = found ? { sheetId: found.sheet.id, chartId: found.chart.id } : null;
    }
    if (this.located === null) return null;
    const { sheetId, chartId } = this.located;
    const sheet = state.sheet(sheetId);
    const chart = sheet ? chartsOf(sheet).find((each) => each.id === chartId) : undefined;
    return sheet && chart ? { sheet, chart } : null;
  }

  protected exists(state: WorkbookState): boolean {
    return this.find(state) !== null;
  }

  protected readers(): Readers<ChartProps> {
    const chart = (state: WorkbookState): ChartModel => this.at(state).chart;
    return {
      id: (s) => chart(s).id,
      name: (s) => chart(s).name,
      chartType: (s) => chart(s).chartType,
      top: (s) => chart(s).top,
      left: (s) => chart(s).left,
      width: (s) => chart(s).width,
      height: (s) => chart(s).height,
    };
  }

  /** A write to the chart: refused on a protected sheet (a chart is a locked object by default). */
  private change(member: keyof ChartProps | "delete" | "setPosition", payload: unknown, apply: (chart: ChartModel, sheet: SheetModel, state: WorkbookState) => void): void {
    this.queue(member, payload, (state) => {
      const { sheet, chart } = this.at(state);
      state.assertWritable(sheet, `Chart.${member}`);
      apply(chart, sheet, state);
    }, member === "delete" || member === "setPosition" ? "method" : "write");
  }

  private size(member: "top" | "left" | "width" | "height", value: number): void {
    this.change(member, value, (chart) => {
      if (!Number.isFinite(value) || value < 0) throw invalidArgument(`Chart.${member} must be a number of points, 0 or more.`, `Chart.${member}`);
      chart[member] = value;
    });
  }

  get id(): string {
    return this.need("id");
  }
  get name(): string {
    return this.need("name");
  }
  set name(name: string) {
    this.change("name", name, (chart) => {
      if (name.trim() === "") throw invalidArgument("A chart name can't be empty.", "Chart.name");
      chart.name = name;
    });
  }
  get chartType(): string {
    return this.need("chartType");
  }
  set chartType(type: string) {
    this.change("chartType", type, (chart) => void (chart.chartType = type));
  }
  get top(): number {
    return this.need("top");
  }
  set top(value: number) {
    this.size("top", value);
  }
  get left(): number {
    return this.need("left");
  }
  set left(value: number) {
    this.size("left", value);
  }
  get width(): number {
    return this.need("width");
  }
  set width(value: number) {
    this.size("width", value);
  }
  get height(): number {
    return this.need("height");
  }
  set height(value: number) {
    this.size("height", value);
  }

  private titleProxy: SimChartTitle | undefined;
  private seriesProxy: SimChartSeriesCollection | undefined;

  get title(): SimChartTitle {
    this.titleProxy ??= new SimChartTitle(this.context, (state) => this.at(state));
    return this.titleProxy;
  }

  get series(): SimChartSeriesCollection {
    this.seriesProxy ??= new SimChartSeriesCollection(this.context, (state) => this.at(state));
    return this.seriesProxy;
  }

  /** Covers the cells from `startCell` to `endCell` (or keeps its size from `startCell`). */
  setPosition(startCell: SimRange | string, endCell?: SimRange | string): void {
    this.change("setPosition", null, (chart, sheet, state) => {
      const start = sourceOf(startCell, sheet, state, "Chart.setPosition");
      const end = endCell === undefined ? null : sourceOf(endCell, sheet, state, "Chart.setPosition");
      if (start.sheet !== sheet || (end && end.sheet !== sheet)) throw invalidArgument("The cells must be on the chart's sheet.", "Chart.setPosition");
      const corner = cornerOf(sheet, start.rect.row, start.rect.column);
      chart.top = corner.top;
      chart.left = corner.left;
      if (end) {
        const far = cornerOf(sheet, end.rect.row + end.rect.rows, end.rect.column + end.rect.columns);
        if (far.top <= corner.top || far.left <= corner.left) throw invalidArgument("The end cell must lie below and right of the start cell.", "Chart.setPosition");
        chart.width = far.left - corner.left;
        chart.height = far.top - corner.top;
      }
    });
  }

  delete(): void {
    this.change("delete", null, (chart, sheet) => {
      const list = chartsOf(sheet);
      list.splice(list.indexOf(chart), 1);
    });
  }
}

interface TitleProps {
  text: string;
}

export class SimChartTitle extends SimObject<TitleProps> {
  constructor(
    context: ProxyContext,
    private readonly chart: (state: WorkbookState) => { sheet: SheetModel; chart: ChartModel },
  ) {
    super(context, "ChartTitle", false);
  }
  protected exists(): boolean {
    return true;
  }
  protected readers(): Readers<TitleProps> {
    return { text: (s) => this.chart(s).chart.title };
  }
  get text(): string {
    return this.need("text");
  }
  set text(text: string) {
    this.queue("text", text, (state) => {
      const { sheet, chart } = this.chart(state);
      state.assertWritable(sheet, "ChartTitle.text");
      chart.title = text;
    }, "write");
  }
}

interface SeriesProps {
  name: string;
}

export class SimChartSeries extends SimObject<SeriesProps> {
  constructor(
    context: ProxyContext,
    private readonly locate: (state: WorkbookState) => { sheet: SheetModel; series: SeriesModel } | null,
  ) {
    super(context, "ChartSeries", false);
  }
  private at(state: WorkbookState): { sheet: SheetModel; series: SeriesModel } {
    const found = this.locate(state);
    if (!found) throw itemNotFound("series", "ChartSeries");
    return found;
  }
  protected exists(state: WorkbookState): boolean {
    return this.locate(state) !== null;
  }
  protected readers(): Readers<SeriesProps> {
    return { name: (s) => this.at(s).series.name };
  }
  get name(): string {
    return this.need("name");
  }
  set name(name: string) {
    this.queue("name", name, (state) => {
      const { sheet, series } = this.at(state);
      state.assertWritable(sheet, "ChartSeries.name");
      series.name = name;
    }, "write");
  }

  /** ExcelApi 1.7: the series' values come from these cells (one row or one column). */
  setValues(sourceData: SimRange): void {
    this.setSource("setValues", "values", sourceData);
  }

  /** ExcelApi 1.7: the series' categories (x-axis values) come from these cells. */
  setXAxisValues(sourceData: SimRange): void {
    this.setSource("setXAxisValues", "categories", sourceData);
  }

  private setSource(member: "setValues" | "setXAxisValues", key: "values" | "categories", sourceData: SimRange): void {
    if (!this.requires(member, "1.7")) return;
    this.queue(member, null, (state) => {
      const { sheet, series } = this.at(state);
      state.assertWritable(sheet, `ChartSeries.${member}`);
      const source = sourceData.target(state);
      if (source.rect.rows !== 1 && source.rect.columns !== 1) {
        throw invalidArgument("A series' source must be a single row or a single column.", `ChartSeries.${member}`);
      }
      series[key] = { sheetId: source.sheet.id, rect: source.rect };
    });
  }

  /**
   * ExcelApi 1.12: the values or categories as text, read from the source cells now. Categories
   * with no source are "1", "2", ... (one per value), as Excel numbers them.
   */
  getDimensionValues(dimension: "Categories" | "Values"): SimClientResult<string[]> {
    this.requires("getDimensionValues", "1.12");
    return resultOf(this.context, "ChartSeries.getDimensionValues", dimension, (state) => {
      const { series } = this.at(state);
      const read = (source: SeriesSource | null): string[] | null => {
        if (!source) return null;
        const sheet = state.sheet(source.sheetId);
        if (!sheet) throw itemNotFound("series source", "ChartSeries.getDimensionValues");
        return state.readText(sheet, source.rect).flat();
      };
      const values = read(series.values) ?? [];
      if (dimension === "Values") return values;
      return read(series.categories) ?? values.map((_, i) => String(i + 1));
    });
  }

  /** ExcelApi 1.15: the source of a dimension as a formula, "=Sheet1!$G$6:$G$7"; "" for none. */
  getDimensionDataSourceString(dimension: "Categories" | "Values"): SimClientResult<string> {
    this.requires("getDimensionDataSourceString", "1.15");
    return resultOf(this.context, "ChartSeries.getDimensionDataSourceString", dimension, (state) => {
      const { series } = this.at(state);
      const source = dimension === "Values" ? series.values : series.categories;
      const sheet = source ? state.sheet(source.sheetId) : undefined;
      if (!source || !sheet) return "";
      const absolute = formatRect(source.rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      return `=${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`}!${absolute}`;
    });
  }

  /** ExcelApi 1.7. */
  delete(): void {
    if (!this.requires("delete", "1.7")) return;
    this.queue("delete", null, (state) => {
      const found = this.at(state);
      state.assertWritable(found.sheet, "ChartSeries.delete");
      for (const chart of chartsOf(found.sheet)) {
        const at = chart.series.indexOf(found.series);
        if (at >= 0) chart.series.splice(at, 1);
      }
    });
  }
}

export class SimChartSeriesCollection extends SimItemCollection<SeriesModel, SimChartSeries> {
  constructor(
    context: ProxyContext,
    private readonly chart: (state: WorkbookState) => { sheet: SheetModel; chart: ChartModel },
  ) {
    super(context, "ChartSeriesCollection");
  }
  protected list(state: WorkbookState): readonly SeriesModel[] {
    return this.chart(state).chart.series;
  }
  protected itemFor(series: SeriesModel): SimChartSeries {
    return new SimChartSeries(this.context, (state) => {
      const { sheet, chart } = this.chart(state);
      return chart.series.includes(series) ? { sheet, series } : null;
    });
  }
  /** The series at a 0-based position (ExcelApi 1.1); ItemNotFound at sync if there is none. */
  getItemAt(index: number): SimChartSeries {
    return new SimChartSeries(this.context, (state) => {
      const { sheet, chart } = this.chart(state);
      const series = chart.series[index];
      return series ? { sheet, series } : null;
    });
  }
  getCount(): SimClientResult<number> {
    return resultOf(this.context, "ChartSeriesCollection.getCount", null, (state) => this.chart(state).chart.series.length);
  }
}

/** A sheet's charts (Worksheet.charts). */
export class SimChartCollection extends SimItemCollection<ChartModel, SimChart> {
  constructor(
    context: ProxyContext,
    private readonly sheet: (state: WorkbookState) => SheetModel,
  ) {
    super(context, "ChartCollection");
  }

  protected list(state: WorkbookState): readonly ChartModel[] {
    return chartsOf(this.sheet(state));
  }

  protected itemFor(chart: ChartModel): SimChart {
    return new SimChart(this.context, (state) => ({ sheet: this.sheet(state), chart }));
  }

  /**
   * Adds a chart of `type` over `sourceData`: one series per column ("Columns"), per row ("Rows"),
   * or for "Auto" per column unless the range is wider than tall. The simulator never guesses
   * categories or series names from the cells (Excel's rules for that are not documented): set
   * them with setXAxisValues and name. The chart is named "Chart 1", "Chart 2", ... (not
   * confirmed), sits at the top-left corner of the sheet with DEFAULT_CHART_SIZE and has an empty title.
   */
  add(type: string, sourceData: SimRange, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): SimChart {
    let created: { sheet: SheetModel; chart: ChartModel } | null = null;
    this.context.enqueue({
      location: "ChartCollection.add",
      payload: { type, seriesBy },
      kind: "method",
      apply: (state) => {
        const sheet = this.sheet(state);
        state.assertWritable(sheet, "ChartCollection.add");
        if (type === "" || type === "Invalid") throw invalidArgument(`"${type}" is not a chart type.`, "ChartCollection.add");
        const source = sourceData.target(state);
        const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && source.rect.columns > source.rect.rows);
        const count = byRows ? source.rect.rows : source.rect.columns;
        const series: SeriesModel[] = Array.from({ length: count }, (_, i) => ({
          name: `Series${i + 1}`,
          values: {
            sheetId: source.sheet.id,
            rect: byRows
              ? { row: source.rect.row + i, column: source.rect.column, rows: 1, columns: source.rect.columns }
              : { row: source.rect.row, column: source.rect.column + i, rows: source.rect.rows, columns: 1 },
          },
          categories: null,
        }));
        const list = chartsOf(sheet);
        const taken = new Set(list.map((chart) => chart.name));
        let n = list.length + 1;
        while (taken.has(`Chart ${n}`)) n++;
        const chart: ChartModel = { id: `{chart-${state.newId()}}`, name: `Chart ${n}`, chartType: type, title: "", top: 0, left: 0, ...DEFAULT_CHART_SIZE, series };
        list.push(chart);
        created = { sheet, chart };
      },
    });
    return new SimChart(this.context, () => created);
  }

  /** The first chart of that name; ItemNotFound at sync when there is none. */
  getItem(name: string): SimChart {
    return new SimChart(this.context, (state) => this.byName(state, name) ?? (() => { throw itemNotFound(`chart "${name}"`, "ChartCollection.getItem"); })());
  }

  /** ExcelApi 1.4: the first chart of that name, or a null object. */
  getItemOrNullObject(name: string): SimChart {
    if (!this.context.isSetSupported("ExcelApi", "1.4")) {
      this.context.enqueue({ location: "ChartCollection.getItemOrNullObject", payload: null, kind: "method", apply: () => { throw apiNotFound("ChartCollection.getItemOrNullObject", "ExcelApi", "1.4"); } });
    }
    return new SimChart(this.context, (state) => this.byName(state, name), true);
  }

  getCount(): SimClientResult<number> {
    return resultOf(this.context, "ChartCollection.getCount", null, (state) => chartsOf(this.sheet(state)).length);
  }

  private byName(state: WorkbookState, name: string): { sheet: SheetModel; chart: ChartModel } | null {
    const sheet = this.sheet(state);
    // Exact names (case-insensitive lookup is not documented for charts: the stricter reading).
    const chart = chartsOf(sheet).find((each) => each.name === name);
    return chart ? { sheet, chart } : null;
  }
}
