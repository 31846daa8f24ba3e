/**
 * The BJ.* function library: argument parsing, validation and results, over the pure core.
 * Each entry is called exactly as Excel calls the registered function, and returns a value, a
 * spilled matrix or a `CustomFunctions.Error`; it never throws and never returns undefined or NaN.
 * functions.ts declares and registers them; tests and the bench call this module directly.
 *
 * Layer: above core; no workbook access, no DOM, no network. Office types are used as types only.
 */
import type { Figure, Language } from "../data";
import {
  CITATION_STYLES,
  FIGURE_WORDS,
  activeDataset,
  basisLabel,
  citeFigure,
  closestIds,
  formatFigureValue,
  isBareNumberFaithful,
  isBareNumberRightBesideUnit,
  numberFormat,
  periodText,
  periodYear,
  statedForYear,
  tableGrid,
  type CitationStyle,
  type DatasetIndex,
} from "../core";
import { parseOptionalChoice, parseOptionalFlag, parseOptionalYear, parseRequiredId, type Parsed } from "./args";
import { functionError, type FunctionFailure } from "./errors";
import { PLAIN_HOST, type HostSupport } from "./host";
import { MESSAGES } from "./messages";

/** The function ids: a contract with workbooks, never changed. The namespace BJ comes from the manifest. */
export const FUNCTION_IDS = [
  "FDI_COUNT",
  "FDI_GROWTH",
  "FTZ_FDI_SHARE",
  "STAT",
  "TABLE",
  "INDICATORS",
  "SOURCE",
  "CARD",
  "VERSION",
] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];

/** The series behind the three headline functions; each answers with stated figures only. */
export const SERIES_FUNCTIONS = {
  FDI_COUNT: "fdi_new_enterprises",
  FDI_GROWTH: "fdi_new_enterprises_yoy",
  FTZ_FDI_SHARE: "ftz_fdi_share",
} as const satisfies Partial<Record<FunctionId, string>>;

/** A number with its number format, in the shape the host takes (see host.ts). */
export type NumberCellValue = Excel.DoubleCellValue | Excel.FormattedNumberCellValue;
/** One cell of a result. */
export type CellResult = string | number | boolean | NumberCellValue | Excel.EntityCellValue;
/** A spilled result: a header row and data rows, all the same width. */
export type Matrix = CellResult[][];

/**
 * The fields BJ.STAT returns; `*_zh` give the Simplified Chinese text of a field. `value` shows
 * the figure with its bound and estimate mark (see figureValue); `number` is the bare number.
 */
export const STAT_FIELDS = [
  "value",
  "number",
  "unit",
  "period",
  "bound",
  "label",
  "phrase",
  "source",
  "derived",
  "unit_zh",
  "period_zh",
  "bound_zh",
  "label_zh",
  "source_zh",
] as const;
export type StatField = (typeof STAT_FIELDS)[number];

/** The language words TABLE and INDICATORS accept (case-insensitive), and what they mean. */
export const LANGUAGE_CHOICES: Readonly<Record<string, Language>> = {
  en: "en",
  "en-us": "en",
  zh: "zh",
  "zh-cn": "zh",
  "zh-hans": "zh",
};
const LANGUAGES_SHOWN = ["en", "zh", "zh-CN"] as const;

/** BJ.STAT's language: one of LANGUAGE_CHOICES, or (not given) Excel's display language. */
const STAT_LANGUAGE_CHOICES: Readonly<Record<string, Language | "display">> = LANGUAGE_CHOICES;

/**
 * The field BJ.STAT returns in a language: a text field without `_zh` reads Chinese when the
 * language asked for is Chinese ("unit" is "unit_zh"); a field naming its language keeps it.
 */
export function statFieldIn(field: StatField, language: Language | "display"): StatField {
  if (language !== "zh") return field;
  const chinese = `${field}_zh`;
  return (STAT_FIELDS as readonly string[]).includes(chinese) ? (chinese as StatField) : field;
}

/** Citation styles, matched ignoring case, spaces and punctuation ("GB/T 7714" is gbt7714). */
const STYLE_CHOICES: Readonly<Record<string, CitationStyle>> = {
  apa: "apa",
  gbt7714: "gbt7714",
  gbt77142015: "gbt7714",
};
const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");

const INDICATOR_HEADERS: Record<Language, readonly string[]> = {
  en: ["Id", "Indicator", "Unit", "Period", "Bound", "Basis"],
  zh: ["编号", "指标", "单位", "时期", "数值性质", "依据"],
};

const CARD_WORDS = {
  en: {
    value: "Value",
    unit: "Unit",
    period: "Period",
    periodNote: "Period note",
    bound: "Bound",
    basis: "Basis",
    phrase: "Source phrase",
    formula: "Formula",
    note: "Note",
    citation: "Citation",
    id: "Id",
    release: "Dataset release",
    provider: "Beijing \"two zones\" figures, as Xinhua reported them (15 January 2025)",
  },
  zh: {
    value: "数值",
    unit: "单位",
    period: "时期",
    periodNote: "时期说明",
    bound: "数值性质",
    basis: "依据",
    phrase: "原文短语",
    formula: "公式",
    note: "说明",
    citation: "引文",
    id: "编号",
    release: "数据版本",
    provider: "北京“两区”数据，据新华社报道（2025年1月15日）",
  },
} as const;

/** The library's functions by id, each taking the arguments Excel passes. */
export interface BjLibrary {
  FDI_COUNT(year?: unknown): CellResult | FunctionFailure;
  FDI_GROWTH(year?: unknown): CellResult | FunctionFailure;
  FTZ_FDI_SHARE(year?: unknown): CellResult | FunctionFailure;
  STAT(indicator?: unknown, year?: unknown, field?: unknown, language?: unknown): CellResult | FunctionFailure;
  TABLE(table?: unknown, language?: unknown, withSource?: unknown): Matrix | FunctionFailure;
  INDICATORS(language?: unknown): Matrix | FunctionFailure;
  SOURCE(indicator?: unknown, style?: unknown): CellResult | FunctionFailure;
  CARD(indicator?: unknown): CellResult | FunctionFailure;
  VERSION(): CellResult | FunctionFailure;
}

export interface LibraryOptions {
  /**
   * The indexed release. Default: the page's active release (src/core/active-release), read on
   * every call, so the functions always answer from the release the task pane shows.
   */
  readonly index?: DatasetIndex;
  /** What the host supports; asked on every call (the detector caches). Defaults to plain values. */
  readonly host?: () => HostSupport;
}

/** Builds the library over a release and a host. */
export function createLibrary(options: LibraryOptions = {}): BjLibrary {
  const hostOf = options.host ?? ((): HostSupport => PLAIN_HOST);
  const fixed = options.index;
  if (fixed) return libraryOver(fixed, hostOf);
  // Follows the active release: rebuilt (once) whenever the active release changes.
  let built: { readonly index: DatasetIndex; readonly library: BjLibrary } | undefined;
  const current = (): BjLibrary => {
    const index = activeDataset();
    if (built?.index !== index) built = { index, library: libraryOver(index, hostOf) };
    return built.library;
  };
  return {
    FDI_COUNT: (year) => current().FDI_COUNT(year),
    FDI_GROWTH: (year) => current().FDI_GROWTH(year),
    FTZ_FDI_SHARE: (year) => current().FTZ_FDI_SHARE(year),
    STAT: (indicator, year, field, language) => current().STAT(indicator, year, field, language),
    TABLE: (table, language, withSource) => current().TABLE(table, language, withSource),
    INDICATORS: (language) => current().INDICATORS(language),
    SOURCE: (indicator, style) => current().SOURCE(indicator, style),
    CARD: (indicator) => current().CARD(indicator),
    VERSION: () => current().VERSION(),
  };
}

/** The library over one indexed release. */
function libraryOver(index: DatasetIndex, hostOf: () => HostSupport): BjLibrary {
  const release = index.release;
  const firstFigureId = index.figureIds[0] ?? "fdi_new_enterprises";
  const firstTableId = index.tableIds[0] ?? "fdi_headline";

  /** A number, formatted where the host takes cell values. */
  const numberCell = (value: number, format: string, host: HostSupport): CellResult => {
    if (!host.cellValues) return value;
    return host.doubleNumberFormat
      ? { type: "Double", basicValue: value, numberFormat: format }
      : { type: "FormattedNumber", basicValue: value, numberFormat: format };
  };

  /**
   * What a cell receives for a figure's value. With cell formats (CustomFunctionsRuntime 1.4 and
   * ExcelApi 1.16) it is the number, whose format shows the bound, the estimate mark, the unit and
   * a partial-year period ("over 120 (cumulative)", "est. 9% (Jan–Nov)", "1,777 (Jan–Nov)").
   * Without them, an exact stated figure is the bare number in its stored unit (a ratio as a
   * fraction), which shows neither its period nor its unit; anything else is that same text (not
   * a number), so a bound or an estimate is never a bare number.
   */
  const figureValue = (figure: Figure, host: HostSupport): CellResult => {
    if (host.cellValues) return numberCell(figure.value, numberFormat(figure, host.language, { periodTag: true }), host);
    return isBareNumberFaithful(figure) ? figure.value : formatFigureValue(figure, host.language, { periodTag: true });
  };

  const findFigure = (value: unknown, language: Language): Parsed<Figure> => {
    const id = parseRequiredId(value, "indicator", firstFigureId, language);
    if (!id.ok) return id;
    const figure = index.figure(id.value);
    if (figure) return { ok: true, value: figure };
    const closest = closestIds(index.figureIds, id.value);
    return { ok: false, error: functionError("notAvailable", MESSAGES.unknownId("indicator", id.value, closest, language)) };
  };

  const parseLanguage = (value: unknown, language: Language): Parsed<Language> =>
    parseOptionalChoice(value, "language", LANGUAGE_CHOICES, "en", LANGUAGES_SHOWN, language);

  const series = (seriesId: string) => (year?: unknown): CellResult | FunctionFailure => {
    const host = hostOf();
    const wanted = parseOptionalYear(year, host.language);
    if (!wanted.ok) return wanted.error;
    const found = statedForYear(index, seriesId, wanted.value);
    if (found.found) return figureValue(found.figure, host);
    const periods = found.available.map((period) => period.label[host.language]);
    return functionError("notAvailable", MESSAGES.noStatedFigure(wanted.value ?? 0, periods, host.language));
  };

  const statField = (figure: Figure, field: StatField, host: HostSupport): CellResult => {
    switch (field) {
      case "value":
        return figureValue(figure, host);
      case "number":
        return figure.value;
      case "unit":
      case "unit_zh":
        return figure.unit[field === "unit" ? "en" : "zh"];
      case "period":
      case "period_zh":
        return periodText(figure.period, field === "period" ? "en" : "zh");
      case "label":
      case "label_zh":
        return figure.label[field === "label" ? "en" : "zh"];
      case "bound":
        return figure.bound;
      case "bound_zh":
        return FIGURE_WORDS.bound.zh[figure.bound];
      case "phrase":
        return figure.basis === "stated" ? figure.phrase : "";
      case "derived":
        return figure.basis === "derived" ? figure.formula : "";
      case "source":
        return citeFigure(release, figure, "apa");
      case "source_zh":
        return citeFigure(release, figure, "gbt7714");
    }
  };

  const statFieldChoices: Readonly<Record<string, StatField>> = Object.fromEntries(STAT_FIELDS.map((f) => [f, f]));

  const card = (figure: Figure, host: HostSupport): Excel.EntityCellValue => {
    const language = host.language;
    const words = CARD_WORDS[language];
    const text = (value: string): Excel.StringCellValue => ({ type: "String", basicValue: value });
    const provenance: Record<string, Excel.EntityPropertyType> =
      figure.basis === "stated"
        ? { [words.phrase]: text(figure.phrase) }
        : { [words.formula]: text(`${figure.id} = ${figure.formula}`), [words.note]: text(figure.note[language]) };
    const inference = figure.period.inference;
    const periodNote: Record<string, Excel.EntityPropertyType> = inference ? { [words.periodNote]: text(inference[language]) } : {};
    const properties: Record<string, Excel.EntityPropertyType> = {
      [words.value]: host.doubleNumberFormat
        ? { type: "Double", basicValue: figure.value, numberFormat: numberFormat(figure, language) }
        : { type: "FormattedNumber", basicValue: figure.value, numberFormat: numberFormat(figure, language) },
      [words.unit]: text(figure.unit[language]),
      [words.period]: text(periodText(figure.period, language)),
      ...periodNote,
      [words.bound]: text(FIGURE_WORDS.bound[language][figure.bound]),
      [words.basis]: text(basisLabel(figure, language)),
      ...provenance,
      [words.citation]: text(citeFigure(release, figure, language === "en" ? "apa" : "gbt7714")),
      [words.id]: text(figure.id),
      [words.release]: text(release.id),
    };
    return {
      type: "Entity",
      text: figure.label[language],
      properties,
      layouts: {
        card: {
          title: figure.label[language],
          sections: [
            {
              layout: "List",
              properties: [words.value, words.unit, words.period, ...Object.keys(periodNote), words.bound, words.basis, ...Object.keys(provenance)],
            },
            { layout: "List", title: words.citation, properties: [words.citation, words.id, words.release], collapsible: true, collapsed: true },
          ],
        },
      },
      provider: { description: words.provider },
    };
  };

  /** A card as one line of text, for hosts without entity values: nothing of it is a bare number. */
  const cardText = (figure: Figure, language: Language): string =>
    [
      `${figure.label[language]}${language === "en" ? ": " : "："}${formatFigureValue(figure, language)}`,
      periodText(figure.period, language),
      basisLabel(figure, language),
    ].join(" · ");

  return {
    FDI_COUNT: series(SERIES_FUNCTIONS.FDI_COUNT),
    FDI_GROWTH: series(SERIES_FUNCTIONS.FDI_GROWTH),
    FTZ_FDI_SHARE: series(SERIES_FUNCTIONS.FTZ_FDI_SHARE),

    STAT(indicator, year, field, language) {
      const host = hostOf();
      const found = findFigure(indicator, host.language);
      if (!found.ok) return found.error;
      const figure = found.value;
      const wanted = parseOptionalYear(year, host.language);
      if (!wanted.ok) return wanted.error;
      const chosen = parseOptionalChoice(field, "field", statFieldChoices, "value", STAT_FIELDS, host.language);
      if (!chosen.ok) return chosen.error;
      if (wanted.value !== null && periodYear(figure.period) !== wanted.value) {
        const message = MESSAGES.periodMismatch(figure.id, wanted.value, figure.period.label[host.language], host.language);
        return functionError("notAvailable", message);
      }
      // A year asserts the figure is that year's; where the project only inferred the period, the
      // source does not say so, and the cell would carry no mark of it: refuse, naming why.
      if (wanted.value !== null && figure.period.inference !== null) {
        const message = MESSAGES.yearInferred(figure.id, wanted.value, figure.period.label[host.language], host.language);
        return functionError("notAvailable", message);
      }
      const lang = parseOptionalChoice(language, "language", STAT_LANGUAGE_CHOICES, "display", LANGUAGES_SHOWN, host.language);
      if (!lang.ok) return lang.error;
      // A language given (the add-in writes the table's): the value's format and the text fields
      // read in it, whatever Excel's display language; error messages stay in the display language.
      if (lang.value === "display") return statField(figure, chosen.value, host);
      return statField(figure, statFieldIn(chosen.value, lang.value), { ...host, language: lang.value });
    },

    TABLE(table, language, withSource) {
      const host = hostOf();
      const id = parseRequiredId(table, "table", firstTableId, host.language);
      if (!id.ok) return id.error;
      const lang = parseLanguage(language, host.language);
      if (!lang.ok) return lang.error;
      const lines = parseOptionalFlag(withSource, "with_source", host.language);
      if (!lines.ok) return lines.error;
      if (!index.table(id.value)) {
        const closest = closestIds(index.tableIds, id.value);
        return functionError("notAvailable", MESSAGES.unknownId("table", id.value, closest, host.language));
      }
      const grid = tableGrid(index, id.value, lang.value);
      const valueColumn = grid.columnKeys.indexOf("value");
      // Every value cell reads right beside its Unit column (the Period column says the period,
      // so no tag): formatted where the host takes formats; else a bare number only where it is
      // exact, stated and in the unit's own terms, and otherwise the text its format would show
      // ("14%" beside "percent", never 0.14).
      const rows = grid.rows.map((row, r) =>
        row.map((cell, c): CellResult => {
          const figureId = c === valueColumn ? grid.valueFigureIds[r] : null;
          const figure = figureId ? index.figure(figureId) : undefined;
          if (!figure) return cell;
          if (host.cellValues) return numberCell(figure.value, numberFormat(figure, lang.value), host);
          return isBareNumberRightBesideUnit(figure) ? figure.value : formatFigureValue(figure, lang.value);
        }),
      );
      const width = grid.header.length;
      const line = (text: string): CellResult[] => [text, ...Array<string>(width - 1).fill("")];
      const under = lines.value ? [line(grid.note), line(grid.sourceLine)] : [];
      return [[...grid.header], ...rows, ...under];
    },

    INDICATORS(language) {
      const host = hostOf();
      const lang = parseLanguage(language, host.language);
      if (!lang.ok) return lang.error;
      const l = lang.value;
      const rows = index.figureIds.flatMap((id): CellResult[][] => {
        const figure = index.figure(id);
        if (!figure) return [];
        return [[figure.id, figure.label[l], figure.unit[l], periodText(figure.period, l), FIGURE_WORDS.bound[l][figure.bound], basisLabel(figure, l)]];
      });
      return [[...INDICATOR_HEADERS[l]], ...rows];
    },

    SOURCE(indicator, style) {
      const host = hostOf();
      const found = findFigure(indicator, host.language);
      if (!found.ok) return found.error;
      const chosen = parseOptionalChoice(style, "style", STYLE_CHOICES, "apa", CITATION_STYLES, host.language, squash);
      if (!chosen.ok) return chosen.error;
      return citeFigure(release, found.value, chosen.value);
    },

    CARD(indicator) {
      const host = hostOf();
      const found = findFigure(indicator, host.language);
      if (!found.ok) return found.error;
      return host.cellValues ? card(found.value, host) : cardText(found.value, host.language);
    },

    VERSION() {
      return release.id;
    },
  };
}
