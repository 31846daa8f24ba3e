/**
 * What the refresh panel holds: the plan (Apply / Cancel, the "Refresh log" option) or the report
 * (Close), its summary, then one block per table (its status, place, releases, reason, and the
 * changes cell by cell) and one per briefing (its status, the cells written or kept).
 *
 * Layer: task pane (DOM).
 */
import { type BriefingRefreshView, allUpToDate, briefingRefreshViews, canApplyAll, leftAloneAll, refreshSummaryAll } from "./briefing-refresh-view";
import { type Child, el } from "./dom";
import type { PaneContext, RefreshView } from "./pane-state";
import { type ChangeView, type TableRefreshView, refreshViews } from "./refresh-view";
import { actionButton, statusBadge } from "./ui";

function changeItem(change: ChangeView): HTMLElement {
  return el(
    "li",
    { class: `change change-${change.kind}`, "data-kind": change.kind, "data-written": change.written ? "true" : "false", "data-address": change.address },
    el("span", { class: "change-kind" }, change.kindText),
    el("span", { class: "change-where" }, change.where),
    change.values !== "" && el("span", { class: "change-values" }, change.values),
    change.reason !== null && el("span", { class: "change-reason" }, change.reason),
  );
}

/** A table in the plan or report. */
export function tableBlock(ctx: Pick<PaneContext, "store" | "t">, table: TableRefreshView): HTMLElement {
  return el(
    "article",
    { class: "refresh-table", "data-record": table.recordId, "data-status": table.status, "aria-label": table.title },
    el("p", { class: "item-label" }, table.title, " ", statusBadge(ctx, table.status)),
    el("p", { class: "item-meta" }, [table.place, table.releases].filter((part) => part !== "").join(" · ")),
    table.reason !== null && el("p", { class: "item-meta notice" }, table.reason),
    table.changes.length > 0 ? el("ul", { class: "changes" }, ...table.changes.map(changeItem)) : el("p", { class: "item-meta", "data-held": table.held !== null }, table.held ?? ctx.t().refreshNoChanges),
  );
}

/** A briefing in the plan or report. */
export function briefingBlock(ctx: Pick<PaneContext, "store" | "t">, view: BriefingRefreshView): HTMLElement {
  return el(
    "article",
    { class: "refresh-table refresh-briefing", "data-briefing": view.recordId, "data-status": view.status, "aria-label": view.title },
    el("p", { class: "item-label" }, view.title, " ", statusBadge(ctx, view.status)),
    el("p", { class: "item-meta" }, [view.place, view.releases].filter((part) => part !== "").join(" · ")),
    view.reason !== null && el("p", { class: "item-meta notice" }, view.reason),
    view.cells !== null && el("p", { class: "item-meta briefing-cells" }, view.cells),
    view.kept !== null && el("p", { class: "item-meta edited-cells" }, view.kept),
    view.cells === null && view.kept === null && view.reason === null && el("p", { class: "item-meta" }, ctx.t().briefingNoChanges),
  );
}

export interface RefreshPanelActions {
  apply(): Promise<void>;
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** The refresh panel's children for a plan under review or a report. */
export function refreshPanelContent(ctx: Pick<PaneContext, "store" | "t">, view: RefreshView, actions: RefreshPanelActions): Child[] {
  const state = ctx.store.get();
  const t = ctx.t();
  const { report, briefings } = view;
  const skipped = leftAloneAll(report, briefings);
  const log = el("input", { type: "checkbox", id: "refresh-log", checked: state.writeLog, "data-focus-key": "refresh-log" });
  log.addEventListener("change", () => ctx.store.set({ writeLog: log.checked }));
  const controls =
    view.stage === "plan"
      ? [
          el("div", { class: "choice" }, log, el("label", { for: "refresh-log" }, t.refreshWriteLog)),
          el("div", { class: "buttons" }, actionButton(ctx, "refresh-apply", t.refreshApply, actions.apply, true), actionButton(ctx, "refresh-cancel", t.refreshCancel, actions.cancel)),
        ]
      : [el("div", { class: "buttons" }, actionButton(ctx, "refresh-close", t.refreshClose, actions.close))];
  return [
    el("h3", { id: "refresh-heading", tabindex: -1, "data-focus-key": "refresh-heading" }, view.stage === "plan" ? t.refreshPlanHeading : t.refreshReportHeading),
    el("p", { id: "refresh-summary" }, refreshSummaryAll(report, briefings, state.language)),
    view.stage === "plan" && el("p", { class: "caption" }, t.refreshPlanIntro(report.releaseId)),
    view.stage === "plan" && skipped > 0 && el("p", { class: "caption", id: "refresh-skips" }, t.refreshApplySkips(skipped)),
    view.stage === "report" && report.dryRun && !allUpToDate(report, briefings) && !canApplyAll(report, briefings) && el("p", { class: "caption", id: "refresh-nothing" }, t.refreshNothingToApply),
    report.logSheet !== null && el("p", { class: "caption" }, t.refreshLogWritten(report.logSheet)),
    ...refreshViews(report, view.dataset, state.language).map((table) => tableBlock(ctx, table)),
    ...(briefings ? briefingRefreshViews(briefings, state.language).map((each) => briefingBlock(ctx, each)) : []),
    report.damagedParts.length > 0 && el("p", { class: "item-meta warn" }, t.refreshDamaged(report.damagedParts.length)),
    ...controls,
  ];
}
