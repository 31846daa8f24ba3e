/**
 * The briefing: a notebook sheet of the report in one language. From the top: a title, the source
 * and release line and a caveat; the report's sections (policies, foreign investment, the pilot
 * free trade zone, the bonded zones), each a short sentence of our own per line with its figure in
 * a cell of its own, live (=BJ.STAT, number format showing bound, period tag and est.), how a
 * derived figure is computed, and the trace in the source; a citation at the end. Beside the text,
 * the data of three native charts, whose series refer to live cells.
 *
 * Everything is laid out before any call to Excel, as whole 2-D arrays (like a table insert).
 *
 * Layer: pure core.
 */
import type { Figure, Language } from "../data";
import { cellAddress } from "./a1";
import { BRIEFING_CHARTS, BRIEFING_SECTIONS, BRIEFING_WORDS, type BriefingChartId } from "./briefing-text";
import { citeSource, longDate } from "./citation";
import { TEXT_FORMAT, numberFormat } from "./formats";
import type { DatasetIndex } from "./lookup";
import { statFormula } from "./tables";

export * from "./briefing-text";
export * from "./briefing-record";

/** Column offsets of the sheet. */
export const BRIEFING_COLUMNS = {
  statement: 0,
  figure: 1,
  derivation: 2,
  trace: 3,
  chartCategory: 5,
  chartValue: 6,
  chartLeft: 8,
  chartRight: 13,
} as const;

/** Rows a chart block takes: data beside the chart's top, the chart, the source line under it, a gap. */
const CHART_BLOCK_ROWS = 17;
const CHART_HEIGHT_ROWS = 14;
const FIRST_CONTENT_ROW = 4;

/** What a line of the briefing is. */
export type BriefingLineKind = "title" | "source" | "caveat" | "header" | "heading" | "figure" | "fact" | "citation";

/** One written line of the text part, for tests, previews and refresh. */
export interface BriefingLine {
  readonly row: number;
  readonly kind: BriefingLineKind;
  /** The section it belongs to; null above and below the sections. */
  readonly section: string | null;
  /** The sentence or heading (column A), in our own words. */
  readonly text: string;
  /** The figure shown in column B, live; null for lines without one. */
  readonly figureId: string | null;
  /** Column D: where the line comes from (the verbatim phrase, or how an estimate is made). */
  readonly trace: string | null;
}

/** A native chart: what to add, and where its series come from (local A1 on the briefing sheet). */
export interface BriefingChartSpec {
  readonly id: BriefingChartId;
  /** The chart's name in Excel, unique on the sheet. */
  readonly name: string;
  readonly type: "ColumnClustered";
  /** The title, marking the estimate. */
  readonly title: string;
  readonly seriesName: string;
  /** The category labels, as written in `categoriesRange`; an estimate says so. */
  readonly categories: readonly string[];
  readonly categoriesRange: string;
  /** Live cells: one =BJ.STAT per category. */
  readonly valuesRange: string;
  readonly figureIds: readonly string[];
  /** Whether each category is an estimate (a derived approximation). */
  readonly estimates: readonly boolean[];
  /** The chart covers these cells (Chart.setPosition). */
  readonly position: { readonly from: string; readonly to: string };
  /** The cell under the chart holding its source line. */
  readonly sourceCell: string;
  readonly sourceText: string;
}

/** A figure cell written by the briefing, live. */
export interface BriefingFigureCell {
  readonly address: string;
  readonly figureId: string;
  /** "statement": the figure beside its sentence; "chart": a chart's data cell. */
  readonly role: "statement" | "chart";
}

export interface BriefingLayout {
  readonly releaseId: string;
  readonly language: Language;
  readonly title: string;
  /** The name the sheet is given (made unique by the adapter). */
  readonly sheetName: string;
  readonly rows: number;
  readonly columns: number;
  /** What each cell holds, formulas as their text; null: not written. */
  readonly content: (string | null)[][];
  /** `content` without the formula cells (written through Range.values; text cells are "@"). */
  readonly values: (string | null)[][];
  /** Only the =BJ.STAT cells, else null (written through Range.formulas). */
  readonly formulas: (string | null)[][];
  /** Number formats, written before the values. */
  readonly formats: (string | null)[][];
  /** Cells shown bold (title, headings, header) and italic (source and caveat lines), local A1. */
  readonly bold: readonly string[];
  readonly italic: readonly string[];
  /** Column widths in points, from column A. */
  readonly columnWidths: readonly number[];
  readonly lines: readonly BriefingLine[];
  readonly figureCells: readonly BriefingFigureCell[];
  readonly charts: readonly BriefingChartSpec[];
}

/** Thrown when the release lacks a figure or fact the briefing names. */
export class BriefingDataError extends Error {
  override name = "BriefingDataError";
}

const SHEET_NAMES: Record<Language, string> = { en: "Briefing", zh: "简报" };

/** Column widths (points): statement, figure, derivation, trace, gap, chart data, gap, chart. */
const WIDTHS = [330, 120, 230, 300, 16, 150, 90, 16, 64, 64, 64, 64, 64, 64];

function traceOf(figure: Figure, language: Language): string {
  if (figure.basis === "stated") return language === "en" ? `${BRIEFING_WORDS.stated.en}"${figure.phrase}"` : `${BRIEFING_WORDS.stated.zh}“${figure.phrase}”`;
  return figure.note[language];
}

/**
 * The source and release line: who reported it, when, and the dataset release. Shorter than a
 * table's source line, which names the press conference in full (the citation at the end does).
 */
export function briefingSourceLine(index: DatasetIndex, language: Language): string {
  const { source, id } = index.release;
  return language === "en"
    ? `Source: ${source.publisher.en}, ${longDate(source.published, "en")}, reporting a spokesperson of the ${source.speaker.en.split(", ").pop() ?? ""} at a press conference. Dataset release ${id}.`
    : `来源：${source.publisher.zh}${longDate(source.published, "zh")}报道的新闻发布会上新闻发言人的介绍。数据版本 ${id}。`;
}

/** Lays out the briefing of the index's release in a language. Throws BriefingDataError for a missing id. */
export function briefingLayout(index: DatasetIndex, language: Language): BriefingLayout {
  const columns = BRIEFING_COLUMNS.chartRight + 1;
  const cells = new Map<string, { content: string; format: string; formula: boolean }>();
  const bold: string[] = [];
  const italic: string[] = [];
  const lines: BriefingLine[] = [];
  const figureCells: BriefingFigureCell[] = [];
  let rows = 0;
  const put = (row: number, column: number, content: string, format = TEXT_FORMAT, formula = false): string => {
    const address = cellAddress(row, column);
    cells.set(`${row},${column}`, { content, format, formula });
    rows = Math.max(rows, row + 1);
    return address;
  };
  const needFigure = (id: string): Figure => {
    const figure = index.figure(id);
    if (!figure) throw new BriefingDataError(`The briefing names figure ${id}, which release ${index.release.id} does not have.`);
    return figure;
  };
  const putFigure = (row: number, column: number, figure: Figure, role: BriefingFigureCell["role"]): void => {
    const format = numberFormat(figure, language, { periodTag: role === "statement" });
    figureCells.push({ address: put(row, column, statFormula(figure.id, language), format, true), figureId: figure.id, role });
  };
  const line = (row: number, kind: BriefingLineKind, text: string, section: string | null = null, figureId: string | null = null, trace: string | null = null): void => {
    put(row, BRIEFING_COLUMNS.statement, text);
    lines.push({ row, kind, section, text, figureId, trace });
  };

  const release = index.release;
  const title = BRIEFING_WORDS.title[language];
  line(0, "title", title);
  bold.push(cellAddress(0, 0));
  line(1, "source", briefingSourceLine(index, language));
  line(2, "caveat", BRIEFING_WORDS.caveat[language]);
  italic.push(cellAddress(1, 0), cellAddress(2, 0));
  const header = BRIEFING_WORDS.header[language];
  header.forEach((text, column) => bold.push(put(FIRST_CONTENT_ROW, column, text)));
  lines.push({ row: FIRST_CONTENT_ROW, kind: "header", section: null, text: header[0], figureId: null, trace: null });

  let row = FIRST_CONTENT_ROW + 1;
  for (const section of BRIEFING_SECTIONS) {
    line(row, "heading", section.heading[language], section.id);
    bold.push(cellAddress(row, 0));
    row++;
    for (const item of section.items) {
      if (item.kind === "figure") {
        const figure = needFigure(item.figureId);
        const trace = traceOf(figure, language);
        line(row, "figure", item.text[language], section.id, figure.id, trace);
        putFigure(row, BRIEFING_COLUMNS.figure, figure, "statement");
        if (figure.basis === "derived") put(row, BRIEFING_COLUMNS.derivation, `${BRIEFING_WORDS.derived[language]} ${figure.formula}`);
        put(row, BRIEFING_COLUMNS.trace, trace);
      } else {
        const phrases = item.factIds.map((id) => {
          const fact = index.fact(id);
          if (!fact) throw new BriefingDataError(`The briefing names fact ${id}, which release ${release.id} does not have.`);
          return language === "en" ? `"${fact.phrase}"` : `“${fact.phrase}”`;
        });
        const trace = `${BRIEFING_WORDS.stated[language]}${phrases.join(language === "en" ? "; " : "；")}`;
        line(row, "fact", item.text[language], section.id, null, trace);
        put(row, BRIEFING_COLUMNS.trace, trace);
      }
      row++;
    }
    row++;
  }
  line(row, "heading", BRIEFING_WORDS.citationHeading[language]);
  bold.push(cellAddress(row, 0));
  line(row + 1, "citation", citeSource(release, language === "en" ? "apa" : "gbt7714"));
  line(row + 2, "citation", BRIEFING_WORDS.citationHint[language]);

  const charts = BRIEFING_CHARTS.map((chart, k): BriefingChartSpec => {
    const top = FIRST_CONTENT_ROW + k * CHART_BLOCK_ROWS;
    const figures = chart.figures.map(needFigure);
    bold.push(put(top, BRIEFING_COLUMNS.chartCategory, BRIEFING_WORDS.chartData[language]));
    bold.push(put(top, BRIEFING_COLUMNS.chartValue, chart.series[language]));
    figures.forEach((figure, i) => {
      put(top + 1 + i, BRIEFING_COLUMNS.chartCategory, chart.categories[language][i] ?? figure.label[language]);
      putFigure(top + 1 + i, BRIEFING_COLUMNS.chartValue, figure, "chart");
    });
    const last = top + figures.length;
    const sourceCell = put(top + CHART_HEIGHT_ROWS + 1, BRIEFING_COLUMNS.chartLeft, BRIEFING_WORDS.chartSource[language]);
    italic.push(sourceCell);
    return {
      id: chart.id,
      name: `BJ_briefing_${chart.id}`,
      type: "ColumnClustered",
      title: chart.title[language],
      seriesName: chart.series[language],
      categories: [...chart.categories[language]],
      categoriesRange: `${cellAddress(top + 1, BRIEFING_COLUMNS.chartCategory)}:${cellAddress(last, BRIEFING_COLUMNS.chartCategory)}`,
      valuesRange: `${cellAddress(top + 1, BRIEFING_COLUMNS.chartValue)}:${cellAddress(last, BRIEFING_COLUMNS.chartValue)}`,
      figureIds: figures.map((figure) => figure.id),
      estimates: figures.map((figure) => figure.bound === "estimate"),
      position: { from: cellAddress(top, BRIEFING_COLUMNS.chartLeft), to: cellAddress(top + CHART_HEIGHT_ROWS, BRIEFING_COLUMNS.chartRight) },
      sourceCell,
      sourceText: BRIEFING_WORDS.chartSource[language],
    };
  });

  const grid = <T>(pick: (cell: { content: string; format: string; formula: boolean }) => T | null): (T | null)[][] =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => {
        const cell = cells.get(`${r},${c}`);
        return cell ? pick(cell) : null;
      }),
    );
  return {
    releaseId: release.id,
    language,
    title,
    sheetName: SHEET_NAMES[language],
    rows,
    columns,
    content: grid((cell) => cell.content),
    values: grid((cell) => (cell.formula ? null : cell.content)),
    formulas: grid((cell) => (cell.formula ? cell.content : null)),
    formats: grid((cell) => cell.format),
    bold,
    italic,
    columnWidths: WIDTHS.slice(0, columns),
    lines,
    figureCells,
    charts,
  };
}
