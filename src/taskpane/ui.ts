/**
 * Widgets the panels share: focus-keeping re-render, radio groups, action buttons (inert while the
 * pane is busy) and refresh status badges.
 *
 * Layer: task pane (DOM).
 */
import { REFRESH_STATUS_TEXT, type RefreshStatus } from "../core";
import { el } from "./dom";
import type { PaneContext } from "./pane-state";

/** Re-renders part of the pane, keeping keyboard focus on the same item where it was on one. */
export function keepFocus(root: HTMLElement, render: () => void): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement ? active.dataset.focusKey ?? (active.dataset.id ? `${active.dataset.kind}:${active.dataset.id}` : null) : null;
  render();
  if (key === null) return;
  const again = Array.from(root.querySelectorAll<HTMLElement>("[data-id], [data-focus-key]")).find(
    (candidate) => (candidate.dataset.focusKey ?? `${candidate.dataset.kind}:${candidate.dataset.id}`) === key,
  );
  again?.focus();
}

export function radioGroup<V extends string>(name: string, legend: string, options: readonly (readonly [V, string])[], current: V, onChange: (value: V) => void): HTMLElement {
  return el(
    "fieldset",
    { class: "field" },
    el("legend", {}, legend),
    ...options.map(([value, label]) => {
      const input = el("input", { type: "radio", name, value, id: `${name}-${value}`, checked: value === current, "data-focus-key": `${name}-${value}` });
      input.addEventListener("change", () => {
        if (input.checked) onChange(value);
      });
      return el("div", { class: "choice" }, input, el("label", { for: `${name}-${value}` }, label));
    }),
  );
}

/** A button that runs an action, ignored while another action runs. */
export function actionButton(ctx: Pick<PaneContext, "store">, id: string, label: string, action: () => Promise<void>, primary = false, accessibleName?: string): HTMLButtonElement {
  const button = el("button", { type: "button", id, class: primary ? "button primary" : "button", "data-focus-key": id, "aria-label": accessibleName }, label);
  button.addEventListener("click", () => {
    if (ctx.store.get().busy) return;
    void action();
  });
  return button;
}

/** A table's refresh status as a small labelled badge (core's words). */
export function statusBadge(ctx: Pick<PaneContext, "store" | "t">, status: RefreshStatus): HTMLElement {
  const word = REFRESH_STATUS_TEXT[ctx.store.get().language][status];
  return el("span", { class: `status status-${status}`, "data-status": status, title: ctx.t().statusLabel(word) }, word);
}

/**
 * The confirmation a removal asks for (Excel cannot undo an add-in's writes): the question, the
 * action's button and the one that keeps everything; Escape keeps everything too.
 */
export function confirmBox(ctx: Pick<PaneContext, "store">, question: string, yes: string, no: string, answer: (remove: boolean) => Promise<void>): HTMLElement {
  const box = el(
    "div",
    { class: "confirm", role: "group", "aria-labelledby": "remove-confirm-text" },
    el("p", { id: "remove-confirm-text" }, question),
    el("div", { class: "buttons" }, actionButton(ctx, "remove-confirm-yes", yes, () => answer(true), true), actionButton(ctx, "remove-confirm-no", no, () => answer(false))),
  );
  box.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    void answer(false);
  });
  return box;
}
