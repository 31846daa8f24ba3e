/**
 * Briefings in "Inserted in this workbook": each with its status badge from the last dry run,
 * sheet, release and language; Go to, and Remove behind the same confirmation as a table's;
 * Forget when its sheet is gone.
 *
 * Layer: task pane (DOM).
 */
import type { Language } from "../data";
import { activeDataset, briefingRefreshStatus } from "../core";
import type { BriefingEntry } from "../office";
import { briefingRefreshView, briefingTitle } from "./briefing-refresh-view";
import { el } from "./dom";
import type { PaneContext, Words } from "./pane-state";
import { STRINGS } from "./strings";
import { actionButton, confirmBox, statusBadge } from "./ui";

export interface BriefingItemActions {
  /** The record whose Remove is being confirmed (a table's or a briefing's); null: none. */
  readonly confirming: string | null;
  goTo(recordId: string, done: Words): Promise<void>;
  askRemove(recordId: string): Promise<void>;
  /** Deletes the record only (its sheet is gone): the port's forgetInserted. */
  forget(recordId: string, done: Words): Promise<void>;
  /** The answer to the confirmation; `back` is the id of the button that focus returns to when kept. */
  answerRemove(recordId: string, remove: boolean, done: Words, kept: Words, back: string): Promise<void>;
}

/** A briefing in messages: its name and sheet ("“Briefing (English)” (Briefing)"). */
function label(entry: BriefingEntry, language: Language): string {
  return STRINGS[language].entryName(briefingTitle(entry.record.language, language), entry.found?.sheet ?? entry.record.sheet.name);
}

/** The list entries of the workbook's briefings, after the tables'. */
export function briefingItems(ctx: PaneContext, actions: BriefingItemActions): HTMLLIElement[] {
  const state = ctx.store.get();
  const t = ctx.t();
  return state.briefings.map((entry, i) => {
    const { recordId, record } = entry;
    const sheet = entry.found?.sheet ?? record.sheet.name;
    const outcome = state.briefingStatuses.get(recordId);
    // The last dry run's view, for its reason and the user's kept cells.
    const view = outcome ? briefingRefreshView(outcome, activeDataset().release.id, state.language) : null;
    const status = outcome ? briefingRefreshStatus(outcome) : null;
    const name = (l: Language): string => label(entry, l);
    const removed: Words = (l) => STRINGS[l].removed(name(l));
    const kept: Words = (l) => STRINGS[l].removeKept(name(l));
    const removeId = `remove-briefing-${i}`;
    const confirm =
      actions.confirming === recordId &&
      confirmBox(ctx, t.briefingRemoveConfirm(name(state.language), sheet), t.removeConfirmYes, t.removeConfirmNo, (remove) => actions.answerRemove(recordId, remove, removed, kept, removeId));
    return el(
      "li",
      { class: entry.found ? "briefing" : "briefing missing", "data-briefing": recordId, "data-status": status ?? undefined },
      el("span", { class: "item-label" }, briefingTitle(record.language, state.language), status && " ", status && statusBadge(ctx, status)),
      el("span", { class: "item-meta" }, t.briefingMeta(sheet, record.releaseId, record.language === "zh" ? t.languageZh : t.languageEn)),
      !entry.found && el("span", { class: "item-meta warn" }, t.briefingMissing),
      view?.reason && entry.found && el("span", { class: "item-meta notice" }, view.reason),
      view?.kept && el("span", { class: "item-meta edited-cells" }, view.kept),
      confirm ||
        (entry.found
          ? el(
              "div",
              { class: "buttons" },
              actionButton(ctx, `goto-briefing-${i}`, t.goToShort, () => actions.goTo(recordId, (l) => STRINGS[l].selected(name(l))), false, t.goTo(name(state.language))),
              actionButton(ctx, removeId, t.removeShort, () => actions.askRemove(recordId), false, t.remove(name(state.language))),
            )
          : // Its sheet is gone: only the record is left to forget.
            el("div", { class: "buttons" }, actionButton(ctx, `forget-briefing-${i}`, t.forgetShort, () => actions.forget(recordId, (l) => STRINGS[l].forgotten(name(l))), false, t.forget(name(state.language))))),
    );
  });
}
