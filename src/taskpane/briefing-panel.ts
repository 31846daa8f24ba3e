/**
 * The briefing panel: "Insert briefing" with its language (English or Simplified Chinese; the
 * pane's until the user picks one). It lays the briefing out for the release in use (core's
 * briefingLayout) and writes it on a new sheet (the port's insertBriefing, 2 syncs), then re-reads
 * the inserted list, where the briefing is listed (docs/briefing.md).
 *
 * Layer: task pane (DOM).
 */
import { activeDataset } from "../core";
import { loadOnDemand } from "../office";
import { el, fill } from "./dom";
import { describeFailure } from "./feedback";
import type { PaneContext, Panel } from "./pane-state";
import { STRINGS } from "./strings";
import { actionButton, keepFocus, radioGroup } from "./ui";

export interface BriefingPanel extends Panel {
  readonly nodes: readonly HTMLElement[];
}

/** The briefing's layout (core, with its sentences in both languages): its own chunk, loaded on the first insert. */
const briefingCore = (): Promise<typeof import("../core/briefing")> => loadOnDemand(() => import(/* webpackChunkName: "briefing-layout" */ "../core/briefing"));

/** @param afterInsert re-reads what the workbook holds (the inserted panel's list), quietly. */
export function createBriefingPanel(ctx: PaneContext, afterInsert: () => Promise<void>): BriefingPanel {
  const { store } = ctx;
  const section = el("section", { id: "briefing", "aria-labelledby": "briefing-heading" });

  async function insertBriefing(): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    const language = store.get().briefingLanguage;
    const dataset = activeDataset();
    try {
      const result = await ctx.busy(async () => port.insertBriefing((await briefingCore()).briefingLayout(dataset, language)));
      ctx.say("success", (l) => STRINGS[l].briefingInserted(result.sheet, result.charts.length));
      await afterInsert();
    } catch (error: unknown) {
      // The layout refuses a release lacking a figure or fact it tells: nothing reached the workbook.
      if (error instanceof Error && error.name === "BriefingDataError") ctx.say("error", (l) => STRINGS[l].briefingDataError(dataset.release.id));
      else ctx.say("error", (l) => `${STRINGS[l].briefingFailed} ${describeFailure(error, l).text}`);
    }
  }

  function render(): void {
    const text = ctx.t();
    const state = store.get();
    // As the insert panel: offered until the host is known (it waits for it), marked off with no workbook.
    const canWrite = state.host === null || state.host.port !== null;
    const button = actionButton(ctx, "insert-briefing", text.insertBriefing, insertBriefing, true);
    if (!canWrite) button.setAttribute("aria-disabled", "true");
    keepFocus(ctx.root, () =>
      fill(
        section,
        el("h2", { id: "briefing-heading" }, text.briefingHeading),
        el("p", { class: "caption" }, text.briefingIntro),
        radioGroup("briefing-language", text.briefingLanguage, [["en", text.briefingLanguageEn], ["zh", text.briefingLanguageZh]], state.briefingLanguage, (value) =>
          store.set({ briefingLanguage: value, briefingLanguageChosen: true }),
        ),
        el("div", { class: "buttons" }, button),
      ),
    );
  }

  store.subscribe(["briefingLanguage"], render);
  return { nodes: [section], render };
}
