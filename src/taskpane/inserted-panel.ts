/**
 * The inserted-and-refresh panel: what the add-in inserted in this workbook, tables (go to, remove,
 * forget) and briefings (go to, remove: briefing-items.ts), each one's refresh status and the BJ.*
 * formula counts from a dry run, and "Refresh figures": the plan for tables and briefings to
 * review (Apply / Cancel), then the report.
 *
 * Layer: task pane (DOM).
 */
import type { Language } from "../data";
import { type DatasetIndex, type RefreshReport, type RefreshTableReport, activeDataset, tableReasonText } from "../core";
import type { BriefingRefreshReport, InsertMode, InsertedReport, WorkbookPort } from "../office";
import { briefingItems } from "./briefing-items";
import { allUpToDate, briefingStatusesByRecord, canApplyAll, olderThan, refreshSummaryAll } from "./briefing-refresh-view";
import { byId, el, fill } from "./dom";
import { describeFailure } from "./feedback";
import type { PaneContext, Panel, Words } from "./pane-state";
import { STRINGS } from "./strings";
import { refreshPanelContent } from "./refresh-blocks";
import { formulaCountTexts, statusesByRecord } from "./refresh-view";
import { actionButton, confirmBox, keepFocus, statusBadge } from "./ui";

export interface InsertedPanel extends Panel {
  readonly nodes: readonly HTMLElement[];
  /** The revision notice ("N inserted tables and M briefings hold figures older than release X", Review changes), for the top of the pane. */
  readonly noticeNodes: readonly HTMLElement[];
  /**
   * Re-reads the "Inserted in this workbook" list, then the tables' refresh statuses and the BJ.*
   * formula counts (a dry run against the active release, nothing written) and, when the workbook
   * holds briefings, theirs (refreshBriefings' dry run, 3 more syncs). One request at a time.
   * announce: with the busy state, and failures said.
   */
  refreshInserted(announce: boolean): Promise<void>;
  /** The release in use changed: a plan made for another one is dropped, and the user told. */
  releaseChanged(dataset: DatasetIndex): void;
  /** "Refresh figures": plans a refresh of tables and briefings to the active release (dry runs) and shows it for review. */
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
      const read = async (): Promise<{ list: InsertedReport; plan: RefreshReport | null; briefings: BriefingRefreshReport | null; planError: unknown }> => {
        const list = await port.listInserted();
        try {
          const plan = await port.refreshTables(dataset, { dryRun: true });
          // Briefings' statuses only where the list found some: nothing more to read otherwise.
          const briefings = (list.briefings ?? []).length > 0 ? await port.refreshBriefings(dataset, { dryRun: true }) : null;
          return { list, plan, briefings, planError: null };
        } catch (error: unknown) {
          return { list, plan: null, briefings: null, planError: error };
        }
      };
      // Asked for: the progress indicator and busy state. In the background (after an insert, a new
      // release): quietly, so that it never holds up what the user does meanwhile.
      const { list, plan, briefings, planError } = announce ? await ctx.busy(read) : await read();
      store.set({
        inserted: list.entries,
        briefings: list.briefings ?? [],
        damagedParts: list.damagedParts.length,
        // No statuses rather than old ones.
        ...(plan ? statusPatch(plan, briefings) : { statuses: new Map(), formulaCells: null, briefingStatuses: new Map() }),
      });
      renderInserted();
      if (planError !== null && announce) ctx.say("error", (l) => `${STRINGS[l].refreshFailed} ${describeFailure(planError, l).text}`);
    } catch (error: unknown) {
      if (announce) ctx.say("error", (l) => `${STRINGS[l].listFailed} ${describeFailure(error, l).text}`);
    }
  }

  function statusPatch(report: RefreshReport, briefings: BriefingRefreshReport | null) {
    return { statuses: statusesByRecord(report), formulaCells: report.formulaCells, briefingStatuses: briefings ? briefingStatusesByRecord(briefings) : new Map() };
  }

  /** The plan: the tables' dry run, then the briefings' (1 sync more when there are none, 3 when there are). */
  async function dryRun(port: WorkbookPort, dataset: DatasetIndex): Promise<{ report: RefreshReport; briefings: BriefingRefreshReport }> {
    const report = await port.refreshTables(dataset, { dryRun: true });
    return { report, briefings: await port.refreshBriefings(dataset, { dryRun: true }) };
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
      const { report, briefings } = await ctx.busy(() => dryRun(port, dataset));
      // Already current, or nothing that can be written (every table blocked, missing, undone or
      // only edited, every briefing up to date or blocked): the report says so, and Apply is not offered.
      const applicable = canApplyAll(report, briefings);
      const upToDate = allUpToDate(report, briefings);
      store.set({ ...statusPatch(report, briefings), refresh: { stage: applicable ? "plan" : "report", report, briefings, dataset } });
      renderInserted();
      renderRefreshPanel();
      ctx.say(upToDate ? "success" : "info", (l) => (applicable || upToDate ? refreshSummaryAll(report, briefings, l) : `${refreshSummaryAll(report, briefings, l)} ${STRINGS[l].refreshNothingToApply}`));
      focusRefreshPanel();
    } catch (error: unknown) {
      ctx.say("error", (l) => `${STRINGS[l].refreshFailed} ${describeFailure(error, l).text}`);
    }
  }

  /**
   * Apply: refreshes for real to the release the plan was made for, the tables then (when the plan
   * had any) the briefings, then shows the report. A briefing failure after the tables' refresh
   * still shows the tables' report, and says what failed.
   */
  async function applyFigureRefresh(): Promise<void> {
    const planned = store.get().refresh;
    if (planned?.stage !== "plan") return;
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      const { writeLog } = store.get();
      const { report, briefings, briefingError } = await ctx.busy(async () => {
        const tables = await port.refreshTables(planned.dataset, { log: writeLog ? language() : false });
        if ((planned.briefings?.briefings.length ?? 0) === 0) return { report: tables, briefings: null, briefingError: null };
        try {
          return { report: tables, briefings: await port.refreshBriefings(planned.dataset), briefingError: null };
        } catch (error: unknown) {
          return { report: tables, briefings: null, briefingError: error };
        }
      });
      store.set({ refresh: { stage: "report", report, briefings, dataset: planned.dataset } });
      renderRefreshPanel();
      const { logSheet } = report;
      const said = (l: Language): string => (logSheet ? `${refreshSummaryAll(report, briefings, l)} ${STRINGS[l].refreshLogWritten(logSheet)}` : refreshSummaryAll(report, briefings, l));
      if (briefingError === null) ctx.say("success", said);
      else ctx.say("error", (l) => `${said(l)} ${STRINGS[l].briefingRefreshFailed} ${describeFailure(briefingError, l).text}`);
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

  type Work = "select" | "remove" | "forget" | "select-briefing" | "remove-briefing";

  function perform(port: WorkbookPort, recordId: string, work: Work): Promise<void> {
    switch (work) {
      case "select":
        return port.selectInserted(recordId);
      case "remove":
        return port.removeInserted(recordId);
      case "forget":
        return port.forgetInserted(recordId);
      case "select-briefing":
        return port.selectBriefing(recordId);
      case "remove-briefing":
        return port.removeBriefing(recordId);
    }
  }

  async function onRecord(recordId: string, work: Work, done: Words): Promise<void> {
    const port = await ctx.requirePort();
    if (!port) return;
    try {
      await ctx.busy(() => perform(port, recordId, work));
      ctx.say("success", done);
      if (work !== "select" && work !== "select-briefing") await refreshInserted(false);
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

  /** The answer to a Remove confirmation; kept: focus goes back to the Remove button (`back`). */
  function answerRemove(recordId: string, work: "remove" | "remove-briefing", remove: boolean, done: Words, kept: Words, back: string): Promise<void> {
    confirming = null;
    renderInserted();
    if (remove) return onRecord(recordId, work, done);
    ctx.say("info", kept);
    document.getElementById(back)?.focus();
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
        confirmBox(ctx, t.removeConfirm(label(state.language), block), t.removeConfirmYes, t.removeConfirmNo, (remove) =>
          answerRemove(recordId, "remove", remove, (l) => STRINGS[l].removed(label(l)), (l) => STRINGS[l].removeKept(label(l)), `remove-${i}`),
        );
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
    const briefings = briefingItems(ctx, {
      confirming,
      goTo: (recordId, done) => onRecord(recordId, "select-briefing", done),
      askRemove,
      forget: (recordId, done) => onRecord(recordId, "forget", done),
      answerRemove: (recordId, remove, done, kept, back) => answerRemove(recordId, "remove-briefing", remove, done, kept, back),
    });
    items.push(...briefings);
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
   * Word when figures are revised: how many tracked tables and briefings come from a release older
   * than the one in use (from the list read when the pane opens and whenever the release changes).
   * Review changes opens the refresh plan; nothing changes until the user applies it.
   */
  function renderNotice(): void {
    const state = store.get();
    const current = activeDataset().release.id;
    const older = olderThan(state.inserted, state.briefings, current);
    notice.hidden = older.tables + older.briefings === 0;
    if (notice.hidden) {
      fill(notice);
      return;
    }
    keepFocus(ctx.root, () =>
      fill(
        notice,
        el("p", {}, text().revisionOlder(older.tables, older.briefings, current)),
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

  /** The plan under review (Apply / Cancel), or the last report (Close). */
  function renderRefreshPanel(): void {
    const state = store.get();
    const view = state.refresh;
    refreshPanel.hidden = view === null;
    if (view === null) {
      fill(refreshPanel);
      return;
    }
    keepFocus(ctx.root, () =>
      fill(
        refreshPanel,
        ...refreshPanelContent(ctx, view, {
          apply: applyFigureRefresh,
          cancel: () => closeRefreshPanel((l) => STRINGS[l].refreshCancelled),
          close: () => closeRefreshPanel(null),
        }),
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
