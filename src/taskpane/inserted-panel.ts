/**
 * The inserted-and-refresh panel: what the add-in inserted in this workbook (go to, remove, forget),
 * each table's refresh status and the BJ.* formula counts from a dry run, and "Refresh figures":
 * the plan to review (Apply / Cancel), then the report.
 *
 * Layer: task pane (DOM).
 */
import type { Language } from "../data";
import { type DatasetIndex, type RefreshReport, type RefreshTableReport, activeDataset, compareReleaseIds, tableReasonText } from "../core";
import type { InsertMode, InsertedReport } from "../office";
import { byId, el, fill } from "./dom";
import { describeFailure } from "./feedback";
import type { PaneContext, Panel, Words } from "./pane-state";
import { STRINGS } from "./strings";
import { type ChangeView, type TableRefreshView, canApply, formulaCountTexts, leftAlone, refreshSummary, refreshViews, statusesByRecord } from "./refresh-view";
import { actionButton, keepFocus, statusBadge } from "./ui";

export interface InsertedPanel extends Panel {
  readonly nodes: readonly HTMLElement[];
  /** The revision notice ("N inserted tables hold figures older than release X", Review changes), for the top of the pane. */
  readonly noticeNodes: readonly HTMLElement[];
  /**
   * Re-reads the "Inserted in this workbook" list, then the tables' refresh statuses and the BJ.*
   * formula counts (a dry run against the active release: 2 more syncs, nothing written). One
   * request at a time. announce: with the busy state, and failures said.
   */
  refreshInserted(announce: boolean): Promise<void>;
  /** The release in use changed: a plan made for another one is dropped, and the user told. */
  releaseChanged(dataset: DatasetIndex): void;
  /** "Refresh figures": plans a refresh to the active release (a dry run) and shows it for review. */
  planFigureRefresh(): Promise<void>;
}

/** How many edited cells an "Edited" entry names before "and N more". */
const EDITED_SHOWN = 4;

/** The cells the user edited that refresh keeps (from the dry run's kept edits), sheet-qualified. */
function editedCells(table: RefreshTableReport): string[] {
  return [...new Set(table.changes.filter((change) => change.kind === "user_edit" && change.address !== null).map((change) => change.address ?? ""))];
}

/** A local A1 area on a sheet, quoted where Excel needs it: "'My sheet'!B2:F9". */
function qualify(sheet: string, local: string): string {
  return `${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${local}`;
}

export function createInsertedPanel(ctx: PaneContext): InsertedPanel {
  const { store } = ctx;
  const insertedHeading = el("h2", { id: "inserted-heading" });
  const refresh = el("button", { type: "button", id: "refresh-inserted", class: "button subtle small" });
  const refreshFigures = el("button", { type: "button", id: "refresh-figures", class: "button small", "data-focus-key": "refresh-figures" });
  const insertedList = el("ul", { id: "inserted", class: "inserted", "aria-labelledby": "inserted-heading" });
  const formulaCounts = el("div", { id: "formula-counts", class: "caption", hidden: true });
  const refreshPanel = el("section", { id: "refresh-panel", class: "refresh-panel", "aria-labelledby": "refresh-heading", hidden: true });

  const notice = el("div", { id: "revision-notice", class: "revision-notice", role: "status", hidden: true });
  refresh.addEventListener("click", () => void refreshInserted(true));
  refreshFigures.addEventListener("click", () => {
    if (!store.get().busy) void planFigureRefresh();
  });

  const text = () => ctx.t();
  const language = () => store.get().language;

  // ------------------------------------------------------------ actions

  let listing: Promise<void> = Promise.resolve();

  function refreshInserted(announce: boolean): Promise<void> {
    listing = listing.then(() => readInserted(announce));
    return listing;
  }

  async function readInserted(announce: boolean): Promise<void> {
    const port = store.get().host?.port;
    if (!port) return;
    const dataset = activeDataset();
    try {
      const read = async (): Promise<{ list: InsertedReport; plan: RefreshReport | null; planError: unknown }> => {
        const list = await port.listInserted();
        try {
          return { list, plan: await port.refreshTables(dataset, { dryRun: true }), planError: null };
        } catch (error: unknown) {
          return { list, plan: null, planError: error };
        }
      };
      // Asked for: the progress indicator and busy state. In the background (after an insert, a new
      // release): quietly, so that it never holds up what the user does meanwhile.
      const { list, plan, planError } = announce ? await ctx.busy(read) : await read();
      store.set({
        inserted: list.entries,
        damagedParts: list.damagedParts.length,
        // No statuses rather than old ones.
        ...(plan ? statusPatch(plan) : { statuses: new Map(), formulaCells: null }),
      });
      renderInserted();
      if (planError !== null && announce) ctx.say("error", (l) => `${STRINGS[l].refreshFailed} ${describeFailure(planError, l).text}`);
    } catch (error: unknown) {
      if (announce) ctx.say("error", (l) => `${STRINGS[l].listFailed} ${describeFailure(error, l).text}`);
    }
  }

  function statusPatch(report: RefreshReport): { statuses: ReturnType<typeof statusesByRecord>; formulaCells: RefreshReport["formulaCells"] } {
    return { statuses: statusesByRecord(report), formulaCells: report.formulaCells };
  }

  /** Moves keyboard focus to the refresh panel's heading (the plan or the report just shown). */
  function focusRefreshPanel(): void {
    byId("refresh-heading", HTMLElement).focus();
  }

  async function planFigureRefresh(): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    const dataset = activeDataset();
    try {
      const report = await ctx.busy(() => port.refreshTables(dataset, { dryRun: true }));
      // Already current, or nothing that can be written (every table blocked, missing, undone or
      // only edited): the report says so, and Apply is not offered.
      const applicable = canApply(report);
      store.set({ ...statusPatch(report), refresh: { stage: applicable ? "plan" : "report", report, dataset } });
      renderInserted();
      renderRefreshPanel();
      ctx.say(report.upToDate ? "success" : "info", (l) => (applicable || report.upToDate ? refreshSummary(report, l) : `${refreshSummary(report, l)} ${STRINGS[l].refreshNothingToApply}`));
      focusRefreshPanel();
    } catch (error: unknown) {
      ctx.say("error", (l) => `${STRINGS[l].refreshFailed} ${describeFailure(error, l).text}`);
    }
  }

  /** Apply: refreshes for real to the release the plan was made for, then shows the report. */
  async function applyFigureRefresh(): Promise<void> {
    const planned = store.get().refresh;
    if (planned?.stage !== "plan") return;
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      const { writeLog } = store.get();
      const report = await ctx.busy(() => port.refreshTables(planned.dataset, { log: writeLog ? language() : false }));
      store.set({ refresh: { stage: "report", report, dataset: planned.dataset } });
      renderRefreshPanel();
      const { logSheet } = report;
      ctx.say("success", (l) => (logSheet ? `${refreshSummary(report, l)} ${STRINGS[l].refreshLogWritten(logSheet)}` : refreshSummary(report, l)));
      focusRefreshPanel();
      await refreshInserted(false);
    } catch (error: unknown) {
      ctx.say("error", (l) => `${STRINGS[l].refreshFailed} ${describeFailure(error, l).text}`);
    }
  }

  function closeRefreshPanel(message: Words | null): Promise<void> {
    store.set({ refresh: null });
    renderRefreshPanel();
    if (message !== null) ctx.say("info", message);
    refreshFigures.focus();
    return Promise.resolve();
  }

  async function onRecord(recordId: string, work: "select" | "remove" | "forget", done: Words): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      await ctx.busy(() => (work === "select" ? port.selectInserted(recordId) : work === "remove" ? port.removeInserted(recordId) : port.forgetInserted(recordId)));
      ctx.say("success", done);
      if (work !== "select") await refreshInserted(false);
    } catch (error: unknown) {
      ctx.say("error", (l) => describeFailure(error, l).text);
    }
  }

  /** The record whose Remove asks for confirmation (Excel cannot undo an add-in's writes); null: none. */
  let confirming: string | null = null;

  function askRemove(recordId: string): Promise<void> {
    confirming = recordId;
    renderInserted();
    byId("remove-confirm-no", HTMLElement).focus();
    return Promise.resolve();
  }

  function answerRemove(recordId: string, index: number, remove: boolean, done: Words, kept: Words): Promise<void> {
    confirming = null;
    renderInserted();
    if (remove) return onRecord(recordId, "remove", done);
    ctx.say("info", kept);
    document.getElementById(`remove-${index}`)?.focus();
    return Promise.resolve();
  }

  // ------------------------------------------------------------ rendering

  function modeWord(mode: InsertMode | undefined): string {
    return mode === "formulas" ? text().modeFormulas : mode === "spill" ? text().modeSpill : text().modeValues;
  }

  function renderInserted(): void {
    const t = text();
    const state = store.get();
    insertedHeading.textContent = t.insertedHeading;
    refresh.textContent = t.refreshList;
    refreshFigures.textContent = t.refreshFigures;
    refresh.hidden = !state.host?.port;
    refreshFigures.hidden = !state.host?.port;
    const index = activeDataset();
    const items = state.inserted.map((entry, i) => {
      const binding = entry.binding;
      // A spill has no Excel table: it is named by its formula's cell.
      const name = entry.found?.tableName || binding.tableName || entry.found?.address || binding.tableId;
      const sheet = entry.found?.sheet ?? binding.sheet;
      const titleIn = (l: Language): string => index.table(binding.tableId)?.title[l] ?? binding.tableId;
      const title = titleIn(state.language);
      // Messages name the table by its title and place, never by its internal Excel name.
      const where = entry.found?.address ?? sheet;
      const label = (l: Language): string => STRINGS[l].entryName(titleIn(l), where);
      const recordId = entry.recordId;
      const tableLanguage = binding.language === "zh" ? t.languageZh : t.languageEn;
      const status = state.statuses.get(recordId);
      const edited = status ? editedCells(status) : [];
      const block = entry.record ? qualify(sheet, entry.record.block) : where;
      const confirm =
        confirming === recordId &&
        el(
          "div",
          { class: "confirm", role: "group", "aria-labelledby": "remove-confirm-text" },
          el("p", { id: "remove-confirm-text" }, t.removeConfirm(label(state.language), block)),
          el(
            "div",
            { class: "buttons" },
            actionButton(ctx, "remove-confirm-yes", t.removeConfirmYes, () => answerRemove(recordId, i, true, (l) => STRINGS[l].removed(label(l)), (l) => STRINGS[l].removeKept(label(l))), true),
            actionButton(ctx, "remove-confirm-no", t.removeConfirmNo, () => answerRemove(recordId, i, false, (l) => STRINGS[l].removed(label(l)), (l) => STRINGS[l].removeKept(label(l)))),
          ),
        );
      if (confirm) {
        confirm.addEventListener("keydown", (event) => {
          if (event.key !== "Escape") return;
          event.preventDefault();
          void answerRemove(recordId, i, false, (l) => STRINGS[l].removed(label(l)), (l) => STRINGS[l].removeKept(label(l)));
        });
      }
      return el(
        "li",
        { class: entry.found ? "" : "missing", "data-record": recordId, "data-status": status?.status },
        el("span", { class: "item-label" }, title, status && " ", status && statusBadge(ctx, status.status)),
        el("span", { class: "item-meta" }, t.insertedMeta(name, sheet, binding.releaseId, tableLanguage, modeWord(binding.mode))),
        !entry.found && el("span", { class: "item-meta warn" }, t.insertedMissing),
        status?.reason && (status.status === "blocked" || status.status === "missing" || status.status === "undone") && el("span", { class: "item-meta notice" }, tableReasonText(status, state.language)),
        edited.length > 0 && el("span", { class: "item-meta edited-cells" }, t.editedCells(edited.slice(0, EDITED_SHOWN).join(", "), Math.max(0, edited.length - EDITED_SHOWN))),
        confirm ||
          el(
            "div",
            { class: "buttons" },
            entry.found && actionButton(ctx, `goto-${i}`, t.goToShort, () => onRecord(recordId, "select", (l) => STRINGS[l].selected(label(l))), false, t.goTo(label(state.language))),
            // An undone record (Ctrl+Z reverted its cells, the part stayed) is offered Forget, never Remove.
            entry.found && status?.status !== "undone"
              ? actionButton(ctx, `remove-${i}`, t.removeShort, () => askRemove(recordId), false, t.remove(label(state.language)))
              : actionButton(ctx, `forget-${i}`, t.forgetShort, () => onRecord(recordId, "forget", (l) => STRINGS[l].forgotten(label(l))), false, t.forget(label(state.language))),
          ),
      );
    });
    keepFocus(ctx.root, () =>
      fill(
        insertedList,
        ...(items.length > 0 ? items : state.host?.port ? [el("li", { class: "caption" }, t.insertedEmpty)] : []),
        state.damagedParts > 0 && el("li", { class: "item-meta warn" }, t.damagedParts(state.damagedParts)),
      ),
    );
    renderFormulaCounts();
    renderNotice();
  }

  /**
   * Word when figures are revised: how many tracked tables come from a release older than the one
   * in use (from the list read when the pane opens and whenever the release changes). Review
   * changes opens the refresh plan; nothing changes until the user applies it.
   */
  function renderNotice(): void {
    const state = store.get();
    const current = activeDataset().release.id;
    const older = state.inserted.filter((entry) => entry.found !== null && compareReleaseIds(entry.binding.releaseId, current) < 0).length;
    notice.hidden = older === 0;
    if (older === 0) {
      fill(notice);
      return;
    }
    keepFocus(ctx.root, () =>
      fill(
        notice,
        el("p", {}, text().revisionOlder(older, current)),
        el("div", { class: "buttons" }, actionButton(ctx, "review-changes", text().revisionReview, planFigureRefresh, true)),
      ),
    );
  }

  /** The count of BJ.* formula cells per sheet, from the last dry run. */
  function renderFormulaCounts(): void {
    const state = store.get();
    const counts = state.formulaCells;
    formulaCounts.hidden = counts === null || !state.host?.port;
    if (counts === null) return;
    const sheets = formulaCountTexts(counts, state.language);
    fill(
      formulaCounts,
      sheets.length === 0
        ? el("p", {}, text().formulaCountsNone)
        : el(
            "p",
            {},
            `${text().formulaCountsHeading}: `,
            ...sheets.flatMap((sheet, i) => [i > 0 ? " · " : "", el("span", { class: "formula-count", "data-sheet": sheet.sheet }, sheet.text)]),
          ),
    );
  }

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

  function tableBlock(table: TableRefreshView): HTMLElement {
    return el(
      "article",
      { class: "refresh-table", "data-record": table.recordId, "data-status": table.status, "aria-label": table.title },
      el("p", { class: "item-label" }, table.title, " ", statusBadge(ctx, table.status)),
      el("p", { class: "item-meta" }, [table.place, table.releases].filter((part) => part !== "").join(" · ")),
      table.reason !== null && el("p", { class: "item-meta notice" }, table.reason),
      table.changes.length > 0 ? el("ul", { class: "changes" }, ...table.changes.map(changeItem)) : el("p", { class: "item-meta", "data-held": table.held !== null }, table.held ?? text().refreshNoChanges),
    );
  }

  /** The plan under review (Apply / Cancel), or the last report (Close). */
  function renderRefreshPanel(): void {
    const state = store.get();
    const view = state.refresh;
    refreshPanel.hidden = view === null;
    if (view === null) {
      fill(refreshPanel);
      return;
    }
    const t = text();
    const { report } = view;
    const summary = refreshSummary(report, state.language);
    const log = el("input", { type: "checkbox", id: "refresh-log", checked: state.writeLog, "data-focus-key": "refresh-log" });
    log.addEventListener("change", () => store.set({ writeLog: log.checked }));
    const controls =
      view.stage === "plan"
        ? [
            el("div", { class: "choice" }, log, el("label", { for: "refresh-log" }, t.refreshWriteLog)),
            el(
              "div",
              { class: "buttons" },
              actionButton(ctx, "refresh-apply", t.refreshApply, applyFigureRefresh, true),
              actionButton(ctx, "refresh-cancel", t.refreshCancel, () => closeRefreshPanel((l) => STRINGS[l].refreshCancelled)),
            ),
          ]
        : [el("div", { class: "buttons" }, actionButton(ctx, "refresh-close", t.refreshClose, () => closeRefreshPanel(null)))];
    keepFocus(ctx.root, () =>
      fill(
        refreshPanel,
        el("h3", { id: "refresh-heading", tabindex: -1, "data-focus-key": "refresh-heading" }, view.stage === "plan" ? t.refreshPlanHeading : t.refreshReportHeading),
        el("p", { id: "refresh-summary" }, summary),
        view.stage === "plan" && el("p", { class: "caption" }, t.refreshPlanIntro(report.releaseId)),
        view.stage === "plan" && leftAlone(report) > 0 && el("p", { class: "caption", id: "refresh-skips" }, t.refreshApplySkips(leftAlone(report))),
        view.stage === "report" && report.dryRun && !report.upToDate && !canApply(report) && el("p", { class: "caption", id: "refresh-nothing" }, t.refreshNothingToApply),
        report.logSheet !== null && el("p", { class: "caption" }, t.refreshLogWritten(report.logSheet)),
        ...refreshViews(report, view.dataset, state.language).map(tableBlock),
        report.damagedParts.length > 0 && el("p", { class: "item-meta warn" }, t.refreshDamaged(report.damagedParts.length)),
        ...controls,
      ),
    );
  }

  /** A plan is only valid for the release it was made for: dropped (and said) when the release changes. */
  function dropStalePlan(dataset: DatasetIndex): void {
    const planned = store.get().refresh;
    if (planned?.stage === "plan" && planned.dataset.release.id !== dataset.release.id) {
      store.set({ refresh: null });
      ctx.say("info", (l) => STRINGS[l].refreshStale);
    }
  }

  return {
    nodes: [
      el(
        "section",
        { id: "inserted-section", "aria-labelledby": "inserted-heading" },
        el("div", { class: "row-between" }, insertedHeading, refresh),
        el("div", { class: "buttons refresh-actions" }, refreshFigures),
        insertedList,
        formulaCounts,
        refreshPanel,
      ),
    ],
    render() {
      renderInserted();
      renderRefreshPanel();
    },
    noticeNodes: [notice],
    releaseChanged: dropStalePlan,
    refreshInserted,
    planFigureRefresh,
  };
}
