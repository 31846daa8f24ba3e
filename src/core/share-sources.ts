/**
 * The Sources sheet a freeze writes: one row per figure the workbook's BJ.* formulas use, so that
 * a reader without the add-in sees where each frozen figure comes from. In the pane's language.
 * The statements are a spokesperson's at a press conference, as the note line says: not official
 * statistics.
 *
 * Layer: pure core.
 */
import type { Language } from "../data";
import { citeFigure } from "./citation";
import { FIGURE_WORDS, basisLabel, formatFigureValue, periodText } from "./formats";
import type { DatasetIndex } from "./lookup";

/** The Sources sheet's name, by language (made unique where the user has a sheet of that name). */
export const SOURCES_SHEET: Record<Language, string> = { en: "Sources", zh: "数据来源" };

const HEADER: Record<Language, readonly string[]> = {
  en: ["Id", "Label", "Value as shown", "Period", "Bound", "Stated or derived", "Formula (derived)", "Release", "Release SHA-256", "Citation (APA)", "Citation (GB/T 7714)", "Source phrase"],
  zh: ["编号", "名称", "显示值", "期间", "数值性质", "公布数或推算", "推算公式", "数据版本", "数据版本 SHA-256", "引文（APA）", "引文（GB/T 7714）", "原文短语"],
};

/** Whether a row is the Sources sheet's header in either language: the mark that the add-in wrote the sheet. */
export function isSourcesHeader(row: readonly unknown[]): boolean {
  return Object.values(HEADER).some((header) => header.every((cell, i) => row[i] === cell));
}

/** The Sources sheet's header row (its second row), local A1: what a freeze reads to recognise the sheet. */
export const SOURCES_HEADER_ADDRESS = `A2:${String.fromCharCode(64 + HEADER.en.length)}2`;

const TITLE: Record<Language, string> = {
  en: "Sources of the figures frozen in this workbook",
  zh: "本工作簿中已固定数值的来源",
};

const NOTE: Record<Language, (release: string) => string> = {
  en: (release) =>
    `The cells once held BJ.* formulas of the Beijing opening-up statistics add-in (release ${release}); they now hold the values they showed. The figures are a spokesperson's statements at a press conference, as Xinhua reported them, not official statistics.`,
  zh: (release) =>
    `这些单元格原为"北京开放统计"加载项的 BJ.* 公式（数据版本 ${release}），现为其当时显示的数值。这些数字是新闻发布会上发言人的表述（据新华社报道），不是官方统计数据。`,
};

const UNKNOWN_SHA: Record<Language, string> = { en: "not known", zh: "未知" };
const UNNAMED: Record<Language, (count: number) => string> = {
  en: (count) => `${count} frozen formula call${count === 1 ? "" : "s"} named a figure through a cell reference and ${count === 1 ? "is" : "are"} not listed.`,
  zh: (count) => `有 ${count} 处已固定的公式调用通过单元格引用指定指标，未列入上表。`,
};

/**
 * Every row of the Sources sheet, as text (the adapter writes them with the "@" format, so no
 * text is ever taken as a formula): a title, the header, one row per figure, a blank row, the note.
 */
export function sourcesRows(index: DatasetIndex, figureIds: readonly string[], language: Language, sha256: string | null, unnamedCalls = 0): string[][] {
  const header = HEADER[language];
  const width = header.length;
  const pad = (cells: string[]): string[] => [...cells, ...Array.from({ length: width - cells.length }, () => "")];
  const release = index.release;
  const rows = figureIds.flatMap((id) => {
    const figure = index.figure(id);
    if (!figure) return [];
    return [
      [
        figure.id,
        figure.label[language],
        formatFigureValue(figure, language),
        periodText(figure.period, language),
        FIGURE_WORDS.bound[language][figure.bound],
        basisLabel(figure, language),
        figure.basis === "derived" ? `${figure.id} = ${figure.formula}` : "",
        release.id,
        sha256 ?? UNKNOWN_SHA[language],
        citeFigure(release, figure, "apa"),
        citeFigure(release, figure, "gbt7714"),
        figure.basis === "stated" ? figure.phrase : "",
      ],
    ];
  });
  return [
    pad([TITLE[language]]),
    [...header],
    ...rows,
    pad([]),
    pad([NOTE[language](release.id)]),
    ...(unnamedCalls > 0 ? [pad([UNNAMED[language](unnamedCalls)])] : []),
  ];
}
