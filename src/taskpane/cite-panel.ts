/**
 * The cite panel: the citation of the selected figure (or of the source report) in APA or
 * GB/T 7714, to copy.
 *
 * Layer: task pane (DOM).
 */
import { activeDataset, citeFigure, citeSource } from "../core";
import { el, fill } from "./dom";
import { type PaneContext, type Panel, type Words, selectedFigure } from "./pane-state";
import { STRINGS } from "./strings";
import { actionButton, keepFocus } from "./ui";

export interface CitePanel extends Panel {
  readonly nodes: readonly HTMLElement[];
}

/**
 * Copies text to the clipboard and says so; where the browser refuses, leaves it selected in box
 * for Ctrl+C and says that instead.
 */
export async function copyText(ctx: PaneContext, value: string, box: HTMLTextAreaElement | HTMLInputElement, copied: Words): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error("no clipboard");
    await navigator.clipboard.writeText(value);
    ctx.say("success", copied);
  } catch {
    box.focus();
    box.select();
    ctx.say("info", (l) => STRINGS[l].copyFailed);
    box.focus();
  }
}

export function createCitePanel(ctx: PaneContext): CitePanel {
  const { store } = ctx;
  const section = el("section", { id: "cite", "aria-labelledby": "cite-heading" });

  function citation(): string {
    const state = store.get();
    const figure = selectedFigure(state);
    const release = activeDataset().release;
    return figure ? citeFigure(release, figure, state.citeStyle) : citeSource(release, state.citeStyle);
  }

  function render(): void {
    const text = ctx.t();
    const citeStyle = store.get().citeStyle;
    const styleSelect = el(
      "select",
      { id: "cite-style", "data-focus-key": "cite-style" },
      el("option", { value: "apa", selected: citeStyle === "apa" }, text.citeApa),
      el("option", { value: "gbt7714", selected: citeStyle === "gbt7714" }, text.citeGbt),
    );
    styleSelect.addEventListener("change", () => store.set({ citeStyle: styleSelect.value === "gbt7714" ? "gbt7714" : "apa", citeStyleChosen: true }));
    const box = el("textarea", { id: "citation", readonly: true, rows: 4, "aria-labelledby": "cite-heading" });
    box.value = citation();
    keepFocus(ctx.root, () =>
      fill(
        section,
        el("h2", { id: "cite-heading" }, text.citeHeading),
        el("div", { class: "field" }, el("label", { for: "cite-style" }, text.citeStyle), styleSelect),
        box,
        el("div", { class: "buttons" }, actionButton(ctx, "copy-citation", text.copyCitation, () => copyText(ctx, box.value, box, (l) => STRINGS[l].copied))),
      ),
    );
  }

  store.subscribe(["selected", "citeStyle"], render);
  return { nodes: [section], render };
}
