/**
 * The status bar: the live message region (with an optional action and a dismiss button), the
 * progress indicator of long actions, which workbook the pane works on, and the release line
 * (which release is in use, where it came from, and why a channel release was refused).
 *
 * Layer: task pane (DOM).
 */
import { activeOrigin, describeOrigin } from "../core";
import { el, fill } from "./dom";
import type { Language } from "../data";
import { type MessageAction, type PaneContext, type Panel, type Tone, type Words, inLanguage } from "./pane-state";
import { actionButton } from "./ui";

/** The element that scrolls `element` (the page itself, or a pane frame's box in the preview). */
function scrollParent(element: HTMLElement): HTMLElement {
  for (let at = element.parentElement; at; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && at.scrollHeight > at.clientHeight) return at;
  }
  return document.documentElement;
}

/** Actions slower than this show a progress indicator. */
const PROGRESS_DELAY_MS = 300;

export interface StatusBar extends Panel {
  readonly nodes: readonly HTMLElement[];
  say(tone: Tone, message: Words, action?: MessageAction): void;
  busy<T>(work: () => Promise<T>): Promise<T>;
  renderRelease(): void;
}

/**
 * @param ctx the pane context (say and busy are this bar's own; it uses only store, t and root).
 * @param afterDismiss where focus goes when a message is dismissed (the search box).
 */
export function createStatusBar(ctx: Pick<PaneContext, "store" | "t" | "root">, afterDismiss: () => void): StatusBar {
  const { store } = ctx;
  const hostStatus = el("p", { id: "host-status", class: "caption" });
  // Which release is in use and where it came from; a rejected release's reason under it (not an error: the pane works on).
  const releaseStatus = el("p", { id: "release-status", class: "caption", "aria-live": "polite" });
  const releaseProblem = el("p", { id: "release-problem", class: "caption notice", "aria-live": "polite", hidden: true });
  const progress = el("div", { id: "progress", class: "progress", role: "progressbar", hidden: true }, el("span"));
  const message = el("div", { id: "message", role: "status", "aria-live": "polite", "aria-atomic": "true" });

  // The message shown (null once dismissed), and the language it was drawn in.
  let shown: { tone: Tone; words: Words; action: MessageAction | undefined; language: Language } | null = null;

  function draw(message_: NonNullable<typeof shown>): void {
    const strings = ctx.t();
    const { tone, words, action } = message_;
    const dismiss = el("button", { type: "button", class: "button subtle small", "aria-label": strings.dismiss }, "×");
    dismiss.addEventListener("click", () => {
      shown = null;
      fill(message);
      afterDismiss();
    });
    const language = store.get().language;
    fill(
      message,
      el(
        "div",
        { class: `message ${tone}` },
        el("p", {}, tone === "error" ? el("strong", {}, `${strings.errorPrefix} `) : null, inLanguage(words, language)),
        el("div", { class: "buttons" }, action ? actionButton(ctx, "message-action", inLanguage(action.label, language), action.run, true) : null, dismiss),
      ),
    );
  }

  /**
   * The bar is sticky at the pane's bottom: a message makes it taller. The control the user just
   * used (Go to, Remove ...) stays visible above it, and later focus moves keep clear of it.
   */
  function keepInView(): void {
    const barElement = bar.nodes[0];
    if (!barElement) return;
    const scroller = scrollParent(barElement);
    scroller.style.scrollPaddingBottom = `${Math.ceil(barElement.getBoundingClientRect().height)}px`;
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || barElement.contains(active) || !ctx.root.contains(active)) return;
    const covered = active.getBoundingClientRect().bottom - barElement.getBoundingClientRect().top;
    if (covered > 0) scroller.scrollBy({ top: covered + 8 });
  }

  const bar: StatusBar = {
    nodes: [el("div", { class: "status-bar" }, progress, message, hostStatus, releaseStatus, releaseProblem)],

    say(tone, words, action) {
      shown = { tone, words, action, language: store.get().language };
      draw(shown);
      keepInView();
    },

    async busy(work) {
      store.set({ busy: true });
      ctx.root.setAttribute("aria-busy", "true");
      const timer = window.setTimeout(() => {
        progress.hidden = false;
      }, PROGRESS_DELAY_MS);
      try {
        return await work();
      } finally {
        window.clearTimeout(timer);
        progress.hidden = true;
        store.set({ busy: false });
        ctx.root.removeAttribute("aria-busy");
      }
    },

    renderRelease() {
      const text = ctx.t();
      const state = store.get();
      const line = describeOrigin(activeOrigin())[state.language];
      releaseStatus.textContent = state.channel.stage === "checking" ? `${line} · ${text.releaseChecking}` : line;
      const outcome = state.channel.stage === "done" ? state.channel.outcome : null;
      if (outcome && !outcome.ok) {
        releaseProblem.hidden = false;
        releaseProblem.dataset.reason = outcome.reason;
        releaseProblem.textContent = outcome.message[state.language];
      } else {
        releaseProblem.hidden = true;
        releaseProblem.textContent = "";
      }
    },

    render() {
      // After a language switch, the last message in the new language.
      if (shown !== null && shown.language !== store.get().language) {
        shown = { ...shown, language: store.get().language };
        draw(shown);
      }
      const text = ctx.t();
      progress.setAttribute("aria-label", text.working);
      const host = store.get().host;
      hostStatus.textContent =
        host === null ? "" : host.kind === "excel" ? text.connectedExcel : host.kind === "preview" ? text.connectedPreview : host.officeError ? text.officeFailed(host.officeError) : text.noWorkbook;
      bar.renderRelease();
    },
  };
  store.subscribe(["channel"], () => bar.renderRelease());
  return bar;
}
