/**
 * The preview panel: the selected table as it will look on the sheet (in the table language, with
 * or without its source lines), or the selected figure's card (value, period, bound, basis, source
 * phrase or formula).
 *
 * Layer: task pane (DOM).
 */
import type { Figure } from "../data";
import { FIGURE_WORDS, type TableGrid, activeDataset, basisLabel, formatFigureValue, periodText } from "../core";
import { type Child, el, fill } from "./dom";
import { type PaneContext, type Panel, currentGrid, langAttr, selectedFigure } from "./pane-state";

export interface PreviewPanel extends Panel {
  readonly nodes: readonly HTMLElement[];
}

/** The display text of a grid's cell: value cells as their number format shows them. */
function cellText(grid: TableGrid, row: number, column: number): string {
  const value = grid.rows[row]?.[column];
  if (typeof value === "number") {
    const figureId = grid.valueFigureIds[row];
    const figure = figureId ? activeDataset().figure(figureId) : undefined;
    return figure ? formatFigureValue(figure, grid.language) : String(value);
  }
  return value ?? "";
}

/**
 * @param figureActions what follows a figure's card (the insert panel's one-figure actions), or
 *   nothing.
 */
export function createPreviewPanel(ctx: PaneContext, figureActions: (figure: Figure) => Child = () => null): PreviewPanel {
  const { store } = ctx;
  const previewHeading = el("h2", { id: "preview-heading" });
  const preview = el("div", { id: "preview" });

  function renderTable(grid: TableGrid): void {
    const text = ctx.t();
    const valueColumn = grid.columnKeys.indexOf("value");
    const includeSource = store.get().includeSource;
    const table = el(
      "table",
      { class: "sheet-table", lang: langAttr(grid.language) },
      el("caption", { class: "visually-hidden" }, text.previewCaption(grid.title)),
      el("thead", {}, el("tr", {}, ...grid.header.map((cell) => el("th", { scope: "col" }, cell)))),
      el(
        "tbody",
        {},
        ...grid.rows.map((row, r) =>
          el("tr", {}, ...row.map((_cell, c) => el("td", { class: c === valueColumn ? "number" : "" }, cellText(grid, r, c)))),
        ),
      ),
    );
    fill(
      preview,
      el(
        "div",
        { class: "sheet-preview", lang: langAttr(grid.language) },
        el("p", { class: "sheet-title" }, grid.title),
        el("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": text.previewCaption(grid.title) }, table),
        includeSource && el("p", { class: "sheet-note" }, grid.note),
        includeSource && el("p", { class: "sheet-note" }, grid.sourceLine),
      ),
    );
  }

  function renderFigure(figure: Figure): void {
    const text = ctx.t();
    const language = store.get().language;
    const rows: [string, string][] = [
      [text.cardValue, formatFigureValue(figure, language)],
      [text.cardUnit, figure.unit[language]],
      [text.cardPeriod, periodText(figure.period, language)],
      [text.cardBound, FIGURE_WORDS.bound[language][figure.bound]],
      [text.cardBasis, basisLabel(figure, language)],
      figure.basis === "stated" ? [text.cardPhrase, `“${figure.phrase}”`] : [text.cardFormula, `${figure.id} = ${figure.formula}`],
      ...(figure.basis === "derived" ? [[text.cardNote, figure.note[language]] as [string, string]] : []),
      [text.cardId, figure.id],
    ];
    fill(
      preview,
      el(
        "article",
        { class: "card", "aria-label": figure.label[language] },
        el("p", { class: "card-title" }, figure.label[language]),
        el("p", { class: "card-value" }, formatFigureValue(figure, language)),
        el("dl", {}, ...rows.flatMap(([label, value]) => [el("dt", {}, label), el("dd", {}, value)])),
      ),
      figureActions(figure),
    );
  }

  function render(): void {
    const text = ctx.t();
    previewHeading.textContent = text.previewHeading;
    const state = store.get();
    const grid = currentGrid(state);
    const figure = selectedFigure(state);
    if (grid) renderTable(grid);
    else if (figure) renderFigure(figure);
    else fill(preview, el("p", { class: "caption" }, text.previewHint));
  }

  store.subscribe(["selected", "includeSource", "tableLanguage"], render);
  return { nodes: [el("section", { id: "detail", "aria-labelledby": "preview-heading" }, previewHeading, preview)], render };
}
