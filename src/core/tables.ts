/**
 * Table layouts: a curated table turned into a grid for one language, ready to write to a sheet
 * in one bulk write: a header row, data rows, a number format for every cell, and the lines that go
 * under the table (note and source).
 *
 * Layer: pure core.
 */
import type { Fact, FactCategory, Figure, Language, Period } from "../data";
import { sourceLine } from "./citation";
import { GENERAL_FORMAT, TEXT_FORMAT, basisLabel, formatFigureValue, numberFormat, periodText } from "./formats";
import type { DatasetIndex } from "./lookup";

/** A cell of a grid: text or a number. Text is always written as text, never as a formula. */
export type GridCell = string | number;

/** The keys of the columns a grid can have, in the order they appear. */
export type ColumnKey = "item" | "category" | "description" | "value" | "unit" | "period" | "basis";

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
  /**
   * What =BJ.STAT shows in each row's value cell (formulas mode): the value with its period tag
   * ("est. 9% (Jan–Nov)"), in the grid's language; null where the row has no figure.
   */
  readonly statTexts: readonly (string | null)[];
  readonly rows: readonly (readonly GridCell[])[];
  /** One Excel number format per data cell, same shape as `rows`. */
  readonly numberFormats: readonly (readonly string[])[];
  readonly note: string;
  readonly sourceLine: string;
}

const HEADERS: Record<Language, Record<ColumnKey, string>> = {
  en: { item: "Indicator", category: "Category", description: "Description", value: "Value", unit: "Unit", period: "Period", basis: "Basis" },
  zh: { item: "指标", category: "类别", description: "说明", value: "数值", unit: "单位", period: "时期", basis: "依据" },
};

const FACT_ITEM_HEADER: Record<Language, string> = { en: "Item", zh: "项目" };

/** What the report says of a fact, as the Category column shows it. */
export const FACT_CATEGORY_WORDS: Record<Language, Record<FactCategory, string>> = {
  en: {
    national_first: "First in China",
    called_first: "Called the first",
    first_batch: "Among the first batch",
    pioneered: "Pioneered",
    measure: "Measure",
    signature_project: "Signature project",
    bonded_zone: "Bonded zone",
  },
  zh: {
    national_first: "全国首个",
    called_first: "称为首个",
    first_batch: "首批之一",
    pioneered: "率先开展",
    measure: "举措",
    signature_project: "标志性项目",
    bonded_zone: "综合保税区",
  },
};

/** The sentence added to a table's note where any row's period is inferred, not stated. */
const INFERRED_NOTE: Record<Language, string> = {
  en: "Periods marked (inferred) are not stated by the source for that item.",
  zh: "标注“推断”的时期并非原文对该项的表述。",
};

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
    category: blank,
    description: blank,
    value: { value: figure.value, format: numberFormat(figure, language) },
    unit: text(figure.unit[language]),
    period: text(periodText(figure.period, language)),
    basis: text(basisLabel(figure, language)),
  };
}

function factCells(fact: Fact, figure: Figure | undefined, language: Language): Record<ColumnKey, Cell> {
  return {
    item: text(fact.label[language]),
    category: text(FACT_CATEGORY_WORDS[language][fact.category]),
    description: text(fact.description[language]),
    value: figure ? { value: figure.value, format: numberFormat(figure, language) } : blank,
    unit: figure ? text(figure.unit[language]) : blank,
    period: text(periodText(fact.period, language)),
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
  let periods: Period[];
  if (table.layout === "figures") {
    const figures = table.rows.flatMap((id) => index.figure(id) ?? []);
    columnKeys = ["item", "value", "unit", "period", "basis"];
    cells = figures.map((figure) => figureCells(figure, language));
    rowIds = figures.map((figure) => figure.id);
    valueFigureIds = rowIds;
    periods = figures.map((figure) => figure.period);
  } else {
    const facts = table.rows.flatMap((id) => index.fact(id) ?? []);
    const linked = facts.map((fact) => (fact.figure === null ? undefined : index.figure(fact.figure)));
    // A Category column where the rows differ in what the report says of them.
    const categorised = new Set(facts.map((fact) => fact.category)).size > 1;
    columnKeys = [
      "item",
      ...(categorised ? (["category"] as const) : []),
      "description",
      ...(linked.some((figure) => figure !== undefined) ? (["value", "unit"] as const) : []),
      "period",
    ];
    cells = facts.map((fact, i) => factCells(fact, linked[i], language));
    rowIds = facts.map((fact) => fact.id);
    valueFigureIds = linked.map((figure) => figure?.id ?? null);
    periods = facts.map((fact) => fact.period);
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
    statTexts: valueFigureIds.map((id) => {
      const figure = id === null ? undefined : index.figure(id);
      return figure ? formatFigureValue(figure, language, { periodTag: true }) : null;
    }),
    rows: cells.map((row) => columnKeys.map((key) => row[key].value)),
    numberFormats: cells.map((row) => columnKeys.map((key) => row[key].format)),
    note: periods.some((period) => period.inference !== null)
      ? `${table.note[language]}${language === "en" ? " " : ""}${INFERRED_NOTE[language]}`
      : table.note[language],
    sourceLine: sourceLine(index.release, language),
  };
}

/**
 * The live formula of a figure's value cell. Always the canonical English function name: a
 * localized name written through the API gives #NAME?. The table's language is written with it,
 * so that the cell reads in that language whatever Excel's display language.
 */
export function statFormula(figureId: string, language: Language): string {
  return `=BJ.STAT("${figureId.replace(/"/g, '""')}",,,"${language}")`;
}

/** The one-cell spill formula of a curated table. */
export function tableFormula(tableId: string, language: Language): string {
  return `=BJ.TABLE("${tableId.replace(/"/g, '""')}","${language}")`;
}
