/**
 * Table layouts: a curated table turned into a grid for one language, ready to write to a sheet
 * in one bulk write: a header row, data rows, a number format for every cell, and the lines that go
 * under the table (note and source).
 *
 * Layer: pure core.
 */
import type { Fact, Figure, Language } from "../data";
import { sourceLine } from "./citation";
import { GENERAL_FORMAT, TEXT_FORMAT, basisLabel, numberFormat } from "./formats";
import type { DatasetIndex } from "./lookup";

/** A cell of a grid: text or a number. Text is always written as text, never as a formula. */
export type GridCell = string | number;

/** The keys of the columns a grid can have, in the order they appear. */
export type ColumnKey = "item" | "description" | "value" | "unit" | "period" | "basis";

/** A curated table laid out for a language. All row arrays have `columnKeys.length` cells. */
export interface TableGrid {
  readonly tableId: string;
  readonly releaseId: string;
  readonly language: Language;
  readonly title: string;
  readonly columnKeys: readonly ColumnKey[];
  readonly header: readonly string[];
  /** The figure or fact id behind each data row, in order: what refresh matches rows by. */
  readonly rowIds: readonly string[];
  /** The figure id behind each row's value cell (null where the row has none): what formulas cite. */
  readonly valueFigureIds: readonly (string | null)[];
  readonly rows: readonly (readonly GridCell[])[];
  /** One Excel number format per data cell, same shape as `rows`. */
  readonly numberFormats: readonly (readonly string[])[];
  readonly note: string;
  readonly sourceLine: string;
}

const HEADERS: Record<Language, Record<ColumnKey, string>> = {
  en: { item: "Indicator", description: "Description", value: "Value", unit: "Unit", period: "Period", basis: "Basis" },
  zh: { item: "指标", description: "说明", value: "数值", unit: "单位", period: "时期", basis: "依据" },
};

const FACT_ITEM_HEADER: Record<Language, string> = { en: "Item", zh: "项目" };

/** Thrown when a grid is asked for a table the release does not have. */
export class UnknownTableError extends Error {
  override name = "UnknownTableError";
  constructor(readonly tableId: string) {
    super(`Unknown table: ${tableId}`);
  }
}

interface Cell {
  readonly value: GridCell;
  readonly format: string;
}

const text = (value: string): Cell => ({ value, format: TEXT_FORMAT });
const blank: Cell = { value: "", format: GENERAL_FORMAT };

function figureCells(figure: Figure, language: Language): Record<ColumnKey, Cell> {
  return {
    item: text(figure.label[language]),
    description: blank,
    value: { value: figure.value, format: numberFormat(figure, language) },
    unit: text(figure.unit[language]),
    period: text(figure.period.label[language]),
    basis: text(basisLabel(figure, language)),
  };
}

function factCells(fact: Fact, figure: Figure | undefined, language: Language): Record<ColumnKey, Cell> {
  return {
    item: text(fact.label[language]),
    description: text(fact.description[language]),
    value: figure ? { value: figure.value, format: numberFormat(figure, language) } : blank,
    unit: figure ? text(figure.unit[language]) : blank,
    period: text(fact.period.label[language]),
    basis: blank,
  };
}

/** Lays out a curated table of the index's release for a language. */
export function tableGrid(index: DatasetIndex, tableId: string, language: Language): TableGrid {
  const table = index.table(tableId);
  if (!table) throw new UnknownTableError(tableId);

  let columnKeys: ColumnKey[];
  let cells: Record<ColumnKey, Cell>[];
  let rowIds: string[];
  let valueFigureIds: (string | null)[];
  if (table.layout === "figures") {
    const figures = table.rows.flatMap((id) => index.figure(id) ?? []);
    columnKeys = ["item", "value", "unit", "period", "basis"];
    cells = figures.map((figure) => figureCells(figure, language));
    rowIds = figures.map((figure) => figure.id);
    valueFigureIds = rowIds;
  } else {
    const facts = table.rows.flatMap((id) => index.fact(id) ?? []);
    const linked = facts.map((fact) => (fact.figure === null ? undefined : index.figure(fact.figure)));
    columnKeys = linked.some((figure) => figure !== undefined)
      ? ["item", "description", "value", "unit", "period"]
      : ["item", "description", "period"];
    cells = facts.map((fact, i) => factCells(fact, linked[i], language));
    rowIds = facts.map((fact) => fact.id);
    valueFigureIds = linked.map((figure) => figure?.id ?? null);
  }

  return {
    tableId,
    releaseId: index.release.id,
    language,
    title: table.title[language],
    columnKeys,
    header: columnKeys.map((key) =>
      key === "item" && table.layout === "facts" ? FACT_ITEM_HEADER[language] : HEADERS[language][key],
    ),
    rowIds,
    valueFigureIds,
    rows: cells.map((row) => columnKeys.map((key) => row[key].value)),
    numberFormats: cells.map((row) => columnKeys.map((key) => row[key].format)),
    note: table.note[language],
    sourceLine: sourceLine(index.release, language),
  };
}

/**
 * The live formula of a figure's value cell. Always the canonical English function name: a
 * localized name written through the API gives #NAME?.
 */
export function statFormula(figureId: string): string {
  return `=BJ.STAT("${figureId.replace(/"/g, '""')}")`;
}

/** The one-cell spill formula of a curated table. */
export function tableFormula(tableId: string, language: Language): string {
  return `=BJ.TABLE("${tableId.replace(/"/g, '""')}","${language}")`;
}
