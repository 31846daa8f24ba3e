/**
 * What the pane shows of briefings beside the tables: each briefing's name, its status in a
 * refresh plan or report (src/office's BriefingRefreshReport, as core's status badges) and why,
 * the cells written or kept; the summary of tables and briefings together, whether Apply has
 * anything to write, and how many inserted items hold figures of an older release.
 *
 * Layer: task pane (pure: no DOM, so jest checks it against real reports from the simulator).
 */
import type { Language } from "../data";
import { REFRESH_STATUS_TEXT, type RefreshReport, briefingRefreshStatus, compareReleaseIds, summarizeBriefingRefresh, summarizeReport } from "../core";
import type { BriefingEntry, BriefingRefreshEntry, BriefingRefreshReport, InsertedEntry } from "../office";
import { type ItemRefreshView, canApply, leftAlone, refreshSummary } from "./refresh-view";
import { STRINGS } from "./strings";

/** How many cells a briefing's line names before "and N more". */
const CELLS_SHOWN = 6;

export interface BriefingRefreshView extends ItemRefreshView {
  /** The cells written (report) or to write (plan); null where none. */
  readonly cells: string | null;
  /** The cells the user changed, which refresh keeps; null where none. */
  readonly kept: string | null;
}

/** A briefing's name in the pane's language, from the briefing's own language. */
export function briefingTitle(briefingLanguage: Language, language: Language): string {
  const text = STRINGS[language];
  return text.briefingName(briefingLanguage === "zh" ? text.languageZh : text.languageEn);
}

function someCells(cells: readonly string[]): [string, number] {
  return [cells.slice(0, CELLS_SHOWN).join(", "), Math.max(0, cells.length - CELLS_SHOWN)];
}

export function briefingRefreshView(entry: BriefingRefreshEntry, toRelease: string, language: Language): BriefingRefreshView {
  const text = STRINGS[language];
  const status = briefingRefreshStatus(entry);
  const writes = entry.status === "planned" || entry.status === "refreshed";
  const reason =
    entry.status === "protected" ? text.briefingProtected : entry.status === "data_error" ? text.briefingNoData : entry.status === "not_found" ? text.briefingMissing : null;
  return {
    recordId: entry.recordId,
    status,
    statusText: REFRESH_STATUS_TEXT[language][status],
    title: briefingTitle(entry.language, language),
    place: entry.sheet ?? "",
    releases: text.refreshFromTo(entry.fromRelease, toRelease),
    reason,
    cells: writes && entry.updated.length > 0 ? text.briefingCells(...someCells(entry.updated), entry.status === "refreshed") : null,
    kept: entry.kept.length > 0 ? text.briefingKept(...someCells(entry.kept)) : null,
  };
}

/** Every briefing of a plan or report, in the report's order. */
export function briefingRefreshViews(report: BriefingRefreshReport, language: Language): BriefingRefreshView[] {
  return report.briefings.map((entry) => briefingRefreshView(entry, report.releaseId, language));
}

/** Each briefing's outcome by record id, for the list's status badges. */
export function briefingStatusesByRecord(report: BriefingRefreshReport): Map<string, BriefingRefreshEntry> {
  return new Map(report.briefings.map((entry) => [entry.recordId, entry]));
}

const hasBriefings = (briefings: BriefingRefreshReport | null): briefings is BriefingRefreshReport => briefings !== null && briefings.briefings.length > 0;

/** Tables and briefings both up to date (no briefing: the tables alone). */
export function allUpToDate(report: RefreshReport, briefings: BriefingRefreshReport | null): boolean {
  return report.upToDate && (briefings?.upToDate ?? true);
}

/**
 * The one-line summary of a plan or report: the tables' (refreshSummary) alone when there is no
 * briefing; "Up to date …" when everything is; else the tables' counts and the briefings'.
 */
export function refreshSummaryAll(report: RefreshReport, briefings: BriefingRefreshReport | null, language: Language): string {
  if (!hasBriefings(briefings)) return refreshSummary(report, language);
  if (allUpToDate(report, briefings)) return STRINGS[language].refreshAllUpToDate(report.releaseId);
  const tables = report.tables.length === 0 ? null : report.upToDate ? STRINGS[language].refreshTablesUpToDate : summarizeReport(report, language);
  return [tables, summarizeBriefingRefresh(briefings.briefings, briefings.dryRun, language)].filter((part): part is string => part !== null && part !== "").join(" ");
}

/** Whether Apply has anything to write: a stale table (canApply) or a briefing with cells to write. */
export function canApplyAll(report: RefreshReport, briefings: BriefingRefreshReport | null): boolean {
  return canApply(report) || (briefings?.briefings.some((entry) => entry.status === "planned") ?? false);
}

/** What Apply leaves alone although not up to date: blocked or undone tables, blocked briefings. */
export function leftAloneAll(report: RefreshReport, briefings: BriefingRefreshReport | null): number {
  return leftAlone(report) + (briefings?.briefings.filter((entry) => entry.status === "protected" || entry.status === "data_error").length ?? 0);
}

/** How many tables and briefings found in the workbook hold figures of a release older than `current`. */
export function olderThan(inserted: readonly InsertedEntry[], briefings: readonly BriefingEntry[], current: string): { tables: number; briefings: number } {
  return {
    tables: inserted.filter((entry) => entry.found !== null && compareReleaseIds(entry.binding.releaseId, current) < 0).length,
    briefings: briefings.filter((entry) => entry.found !== null && compareReleaseIds(entry.record.releaseId, current) < 0).length,
  };
}
