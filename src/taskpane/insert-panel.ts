/**
 * The insert panel: the table language, the insert mode (values, live formulas, one spill formula),
 * source lines and table style, and the actions that insert the selected table (at the active cell
 * or on a new sheet) or all tables at once.
 *
 * Layer: task pane (DOM).
 */
import { activeDataset, tableGrid } from "../core";
import { el, fill } from "./dom";
import { describeFailure, insertProblemsText } from "./feedback";
import { type PaneContext, type Panel, currentGrid } from "./pane-state";
import { STRINGS, TABLE_STYLES } from "./strings";
import { actionButton, keepFocus, radioGroup } from "./ui";

export interface InsertPanel extends Panel {
  readonly nodes: readonly HTMLElement[];
}

/** @param afterInsert re-reads what the workbook holds (the inserted panel's list), quietly. */
export function createInsertPanel(ctx: PaneContext, afterInsert: () => Promise<void>): InsertPanel {
  const { store } = ctx;
  const section = el("section", { id: "insert", "aria-labelledby": "insert-heading" });

  async function insertTable(newSheet: boolean): Promise<void> {
    const port = await ctx.requirePort();
    const grid = currentGrid(store.get());
    if (!port || !grid) return;
    const { mode, includeSource, style } = store.get();
    try {
      const result = await ctx.busy(() => port.insertTable(grid, { newSheet, mode, includeSource, style }));
      // The insert's read-back (a =BJ.* cell showing #NAME?, a table range that differs) is said, never hidden.
      const hasProblems = insertProblemsText(result.problems, store.get().language) !== null;
      ctx.say(hasProblems ? "error" : "success", (l) => {
        const done = STRINGS[l].inserted(grid.title, result.address);
        const problems = insertProblemsText(result.problems, l);
        return problems ? `${done} ${problems}` : done;
      });
      await afterInsert();
    } catch (error: unknown) {
      const failure = describeFailure(error, store.get().language, !newSheet);
      ctx.say("error", (l) => describeFailure(error, l, !newSheet).text, failure.offerNewSheet ? { label: (l) => STRINGS[l].retryNewSheet, run: () => insertTable(true) } : undefined);
    }
  }

  async function insertAll(): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    const { tableLanguage: language, mode, includeSource, style } = store.get();
    const dataset = activeDataset();
    const grids = dataset.tableIds.map((id) => tableGrid(dataset, id, language));
    try {
      const result = await ctx.busy(() =>
        port.insertAllTables(grids, { title: STRINGS[language].allTablesTitle, sheetName: STRINGS[language].allTablesSheet, mode, includeSource, style }),
      );
      const sheet = result[0]?.binding.sheet ?? STRINGS[language].allTablesSheet;
      const allProblems = result.flatMap((each) => each.problems);
      const hasProblems = insertProblemsText(allProblems, store.get().language) !== null;
      ctx.say(hasProblems ? "error" : "success", (l) => {
        const done = STRINGS[l].insertedAll(result.length, sheet);
        const problems = insertProblemsText(allProblems, l);
        return problems ? `${done} ${problems}` : done;
      });
      await afterInsert();
    } catch (error: unknown) {
      ctx.say("error", (l) => describeFailure(error, l).text);
    }
  }

  function render(): void {
    const text = ctx.t();
    const state = store.get();
    const grid = state.selected?.kind === "table";
    // Until the host is known, writes are offered (they wait for it); with no workbook they are marked off.
    const canWrite = state.host === null || state.host.port !== null;
    const styleSelect = el("select", { id: "table-style", "data-focus-key": "table-style" }, ...TABLE_STYLES.map((style) =>
      el("option", { value: style, selected: style === state.style }, text.styleNames[style] ?? style),
    ));
    styleSelect.addEventListener("change", () => store.set({ style: styleSelect.value }));
    const source = el("input", { type: "checkbox", id: "include-source", checked: state.includeSource, "data-focus-key": "include-source" });
    source.addEventListener("change", () => store.set({ includeSource: source.checked }));
    const buttons = el(
      "div",
      { class: "buttons" },
      grid && actionButton(ctx, "insert-here", text.insertHere, () => insertTable(false), true),
      grid && actionButton(ctx, "insert-new-sheet", text.insertNewSheet, () => insertTable(true)),
      actionButton(ctx, "insert-all", text.insertAll, insertAll),
    );
    for (const button of buttons.querySelectorAll("button")) if (!canWrite) button.setAttribute("aria-disabled", "true");
    keepFocus(ctx.root, () =>
      fill(
        section,
        el("h2", { id: "insert-heading" }, text.insertHeading),
        radioGroup("table-language", text.tableLanguage, [["en", text.languageEn], ["zh", text.languageZh]], state.tableLanguage, (value) =>
          store.set({ tableLanguage: value, tableLanguageChosen: true }),
        ),
        radioGroup("mode", text.modeLegend, [["values", text.modeValues], ["formulas", text.modeFormulas], ["spill", text.modeSpill]], state.mode, (value) =>
          store.set({ mode: value }),
        ),
        el("div", { class: "choice" }, source, el("label", { for: "include-source" }, text.includeSource)),
        el("div", { class: "field" }, el("label", { for: "table-style" }, text.tableStyle), styleSelect),
        buttons,
      ),
    );
  }

  store.subscribe(["selected"], render);
  return { nodes: [section], render };
}
