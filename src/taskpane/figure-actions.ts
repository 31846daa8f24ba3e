/**
 * One figure into a cell, from the figure's preview card: its live formula (shown, to copy), and
 * "Insert live formula" / "Insert value" into the active cell, in the table language.
 *
 * Layer: task pane (DOM).
 */
import type { Figure } from "../data";
import { activeDataset } from "../core";
import { figureFormula } from "../core/figure-formula";
import { copyText } from "./cite-panel";
import { el } from "./dom";
import { describeFailure } from "./feedback";
import type { PaneContext } from "./pane-state";
import { actionButton } from "./ui";

/**
 * The actions under a figure's card. `afterInsert` re-reads what the workbook holds, quietly.
 */
export function figureActions(ctx: PaneContext, afterInsert: () => Promise<void>): (figure: Figure) => HTMLElement {
  const insert = async (figure: Figure, mode: "values" | "formulas"): Promise<void> => {
    const port = await ctx.requirePort();
    if (!port) return;
    const language = ctx.store.get().tableLanguage;
    try {
      const result = await ctx.busy(() => port.insertFigure(figure.id, { mode, language }));
      ctx.say("success", ctx.t().figureInserted(figure.label[ctx.store.get().language], result.address));
      await afterInsert();
    } catch (error: unknown) {
      ctx.say("error", describeFailure(error, ctx.store.get().language).text);
    }
  };
  return (figure) => {
    const text = ctx.t();
    const formula = figureFormula(activeDataset(), figure.id);
    const box = el("input", { type: "text", id: "figure-formula", readonly: true, value: formula, class: "formula-box", spellcheck: "false", "data-focus-key": "figure-formula" });
    const canWrite = ctx.store.get().host === null || ctx.store.get().host?.port !== null;
    const buttons = el(
      "div",
      { class: "buttons" },
      actionButton(ctx, "figure-insert-formula", text.figureInsertFormula, () => insert(figure, "formulas"), true),
      actionButton(ctx, "figure-insert-value", text.figureInsertValue, () => insert(figure, "values")),
      actionButton(ctx, "figure-copy-formula", text.figureCopyFormula, () => copyText(ctx, formula, box, ctx.t().formulaCopied)),
    );
    for (const button of buttons.querySelectorAll("button")) if (!canWrite && button.id !== "figure-copy-formula") button.setAttribute("aria-disabled", "true");
    return el(
      "section",
      { class: "figure-actions", "aria-labelledby": "figure-actions-heading" },
      el("h3", { id: "figure-actions-heading" }, text.figureInsertHeading),
      el("div", { class: "field" }, el("label", { for: "figure-formula" }, text.figureFormulaLabel), box),
      buttons,
    );
  };
}
