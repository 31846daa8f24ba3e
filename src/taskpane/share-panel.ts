/**
 * The share panel: "Prepare for sharing" (a dry run: what will change, N cells on M sheets, then
 * Freeze or Cancel), "Restore live formulas", and "Open this pane when this workbook opens"
 * (docs/sharing.md).
 *
 * Layer: task pane (DOM).
 */
import { activeDataset, activeOrigin } from "../core";
import type { FreezeReport } from "../office";
import { byId, el, fill } from "./dom";
import { describeFailure } from "./feedback";
import type { PaneContext, Panel } from "./pane-state";
import { actionButton, keepFocus, radioGroup } from "./ui";

export interface SharePanel extends Panel {
  readonly nodes: readonly HTMLElement[];
  /** Reads the workbook's auto-open setting (when the host is known). Never rejects. */
  readAutoOpen(): Promise<void>;
}

const hex = (buffer: ArrayBuffer): string => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");

/**
 * The SHA-256 of the release in use, where the pane can know it: the built-in release's, over the
 * text its release-channel entry is made from (two-space JSON and a newline,
 * scripts/release-channel-plugin.js). Null for a channel or cached release (the Sources sheet then
 * says "not known") or without Web Crypto.
 */
async function releaseSha256(): Promise<string | null> {
  if (activeOrigin().kind !== "embedded" || !globalThis.crypto?.subtle) return null;
  try {
    const text = `${JSON.stringify(activeDataset().release, null, 2)}\n`;
    return hex(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  } catch {
    return null;
  }
}

export function createSharePanel(ctx: PaneContext, afterChange: () => Promise<void>): SharePanel {
  const { store } = ctx;
  const section = el("section", { id: "share", "aria-labelledby": "share-heading" });
  const language = () => store.get().language;

  const fail = (error: unknown): void => ctx.say("error", `${ctx.t().shareFailed} ${describeFailure(error, language()).text}`);

  async function prepare(): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      const plan = await ctx.busy(() => port.freezeFormulas({ dryRun: true, scope: store.get().shareScope, release: activeDataset(), language: language() }));
      if (plan.cells === 0) {
        store.set({ sharePlan: null });
        ctx.say("info", ctx.t().shareNothing);
        return;
      }
      store.set({ sharePlan: plan });
      byId("share-plan-heading", HTMLElement).focus();
    } catch (error: unknown) {
      fail(error);
    }
  }

  async function apply(): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      const sha256 = await releaseSha256();
      const done = await ctx.busy(() => port.freezeFormulas({ scope: store.get().shareScope, release: activeDataset(), language: language(), sha256 }));
      store.set({ sharePlan: null });
      ctx.say("success", done.cells === 0 ? ctx.t().shareNothing : ctx.t().shareDone(done.cells, done.sheets.length, done.sourcesSheet ?? ""));
      byId("share-prepare", HTMLElement).focus();
      await afterChange();
    } catch (error: unknown) {
      fail(error);
    }
  }

  async function cancel(): Promise<void> {
    store.set({ sharePlan: null });
    byId("share-prepare", HTMLElement).focus();
    return Promise.resolve();
  }

  async function restore(): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      const report = await ctx.busy(() => port.restoreFormulas());
      const text = ctx.t();
      const restored = report.restored.reduce((n, sheet) => n + sheet.cells, 0);
      const parts = [
        restored > 0 || report.changed.length > 0 ? text.shareRestored(restored) : text.shareRestoreNothing,
        report.changed.length > 0 ? text.shareRestoreChanged(report.changed.join(", ")) : "",
        report.protectedSheets.length > 0 ? text.shareProtected(report.protectedSheets.map((sheet) => sheet.sheet).join(", ")) : "",
      ].filter((part) => part !== "");
      ctx.say(report.changed.length > 0 ? "info" : "success", parts.join(" "));
      await afterChange();
    } catch (error: unknown) {
      fail(error);
    }
  }

  async function toggleAutoOpen(on: boolean): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      await ctx.busy(() => port.setAutoOpen(on));
      store.set({ autoOpen: on });
      ctx.say("success", on ? ctx.t().autoOpenOn : ctx.t().autoOpenOff);
    } catch (error: unknown) {
      store.set({ autoOpen: !on });
      render();
      ctx.say("error", describeFailure(error, language()).text);
    }
  }

  function planView(plan: FreezeReport): HTMLElement {
    const text = ctx.t();
    return el(
      "div",
      { class: "share-plan", id: "share-plan" },
      el("h3", { id: "share-plan-heading", tabindex: -1, "data-focus-key": "share-plan-heading" }, text.sharePlan(plan.cells, plan.sheets.length)),
      el("p", { class: "caption" }, text.sharePlanSheets(plan.sheets.map((sheet) => `${sheet.sheet} (${sheet.cells})`).join(", "))),
      plan.protectedSheets.length > 0 && el("p", { class: "item-meta notice" }, text.shareProtected(plan.protectedSheets.map((sheet) => sheet.sheet).join(", "))),
      plan.liveSpills > 0 && el("p", { class: "item-meta notice" }, text.shareLiveSpills(plan.liveSpills)),
      el("div", { class: "buttons" }, actionButton(ctx, "share-apply", text.shareApply, apply, true), actionButton(ctx, "share-cancel", text.shareCancel, cancel)),
    );
  }

  function render(): void {
    const text = ctx.t();
    const state = store.get();
    const hasPort = state.host === null || state.host.port !== null;
    const auto = el("input", { type: "checkbox", id: "auto-open", checked: state.autoOpen === true, "data-focus-key": "auto-open", disabled: state.autoOpen === null });
    auto.addEventListener("change", () => {
      if (store.get().busy) {
        auto.checked = !auto.checked;
        return;
      }
      void toggleAutoOpen(auto.checked);
    });
    const buttons = el(
      "div",
      { class: "buttons" },
      actionButton(ctx, "share-prepare", text.sharePrepare, prepare, true),
      actionButton(ctx, "share-restore", text.shareRestore, restore),
    );
    for (const button of buttons.querySelectorAll("button")) if (!hasPort) button.setAttribute("aria-disabled", "true");
    keepFocus(ctx.root, () =>
      fill(
        section,
        el("h2", { id: "share-heading" }, text.shareHeading),
        el("p", { class: "caption" }, text.shareIntro),
        radioGroup("share-scope", text.shareScope, [["workbook", text.shareScopeWorkbook], ["selection", text.shareScopeSelection]], state.shareScope, (value) =>
          store.set({ shareScope: value, sharePlan: null }),
        ),
        buttons,
        state.sharePlan && planView(state.sharePlan),
        el("div", { class: "choice" }, auto, el("label", { for: "auto-open" }, text.autoOpen)),
      ),
    );
  }

  store.subscribe(["sharePlan", "autoOpen", "shareScope"], render);
  return {
    nodes: [section],
    render,
    async readAutoOpen() {
      const port = store.get().host?.port;
      if (!port) return;
      try {
        store.set({ autoOpen: await port.getAutoOpen() });
      } catch {
        store.set({ autoOpen: null });
      }
    },
  };
}
