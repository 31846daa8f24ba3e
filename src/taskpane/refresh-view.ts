/**
 * What the pane shows of a refresh plan or report (src/core/refresh/'s RefreshReport): table by
 * table, its status and why, and cell by cell what changes (old → new), what is kept (the user's
 * value and the release's), rows added or removed, labels changed. The words are core's
 * (REFRESH_STATUS_TEXT, REFRESH_KIND_TEXT, REFRESH_REASON_TEXT, summarizeReport); the pane's own
 * come from strings.ts. Unchanged cells are left out.
 *
 * Layer: task pane (pure: no DOM, so jest checks it against real reports from the simulator).
 */
import type { Language } from "../data";
import {
  type DatasetIndex,
  type FormulaCount,
  REFRESH_KIND_TEXT,
  REFRESH_STATUS_TEXT,
  type RefreshCell,
  type RefreshChange,
  type RefreshChangeKind,
  type RefreshReport,
  type RefreshStatus,
  type RefreshTableReport,
  changeReasonText,
  countChanges,
  fieldText,
  movedFromText,
  showWithFormat,
  summarizeReport,
  tableReasonText,
} from "../core";
import { STRINGS } from "./strings";

export interface ChangeView {
  readonly kind: RefreshChangeKind;
  /** Core's word for the kind ("Updated", "Your edit kept" ...). */
  readonly kindText: string;
  /** Where: the cell's address, the row's label (or id), the column key. */
  readonly where: string;
  /** "old → new"; for a kept user edit, both values named; "" where neither exists. */
  readonly values: string;
  /** Why it was kept or not written, in words; null where there is no reason. */
  readonly reason: string | null;
  readonly written: boolean;
  readonly address: string | null;
}

/** What the plan or report shows of one inserted item (a table or a briefing), above its details. */
export interface ItemRefreshView {
  readonly recordId: string;
  readonly status: RefreshStatus;
  readonly statusText: string;
  /** A table: the curated table's title in the release (its id where it has none); a briefing: "Briefing (English)". */
  readonly title: string;
  /** A table: the Excel table's name and sheet, where known; a briefing: its sheet ("" where not found). */
  readonly place: string;
  /** "release A → B". */
  readonly releases: string;
  /** Why it is blocked or missing, naming the cell in the way where known; null otherwise. */
  readonly reason: string | null;
}

export interface TableRefreshView extends ItemRefreshView {
  /**
   * Every change but the unchanged cells and the blocked entry (the reason says it). A blocked
   * table lists none: nothing is written to it.
   */
  readonly changes: readonly ChangeView[];
  /** A blocked table: that nothing is written to it, and how many changes wait; null otherwise. */
  readonly held: string | null;
}

/** A cell's content as shown in a plan line, in its number format ("1,777"): "(empty)" for nothing. */
export function cellShown(cell: RefreshCell, language: Language, format?: string): string {
  return cell === null || cell === "" ? STRINGS[language].refreshEmptyCell : showWithFormat(cell, format);
}

/** A row's label in the release (figure or fact), else its id; null for no row. */
function rowLabel(rowId: string | null, dataset: DatasetIndex, language: Language): string | null {
  if (rowId === null) return null;
  return (dataset.figure(rowId) ?? dataset.fact(rowId))?.label[language] ?? rowId;
}

export function changeView(change: RefreshChange, dataset: DatasetIndex, language: Language): ChangeView {
  const text = STRINGS[language];
  const where = [change.address, rowLabel(change.rowId, dataset, language), fieldText(change.columnKey, language)]
    .filter((part): part is string => part !== null && part !== "")
    .join(" · ");
  const before = cellShown(change.before, language, change.beforeFormat);
  const after = cellShown(change.after, language, change.afterFormat);
  const shown =
    change.kind === "user_edit"
      ? text.refreshKept(before, after)
      : change.kind === "kept_with_edit"
        ? text.refreshKeptAsIs(before, after)
        : change.kind === "row_added"
          ? after // the cell may hold a line of ours now: it moves down
          : change.kind === "line_moved" || (change.before === null && change.after === null)
            ? ""
            : `${before} → ${after}`;
  const moved = change.movedFrom ? (language === "en" ? `(${movedFromText(change.movedFrom, language)})` : `（${movedFromText(change.movedFrom, language)}）`) : "";
  const values = [shown, moved].filter((part) => part !== "").join(" ");
  return {
    kind: change.kind,
    kindText: REFRESH_KIND_TEXT[language][change.kind],
    where,
    values,
    reason: changeReasonText(change, language),
    written: change.written,
    address: change.address,
  };
}

export function tableRefreshView(table: RefreshTableReport, dataset: DatasetIndex, language: Language): TableRefreshView {
  return {
    recordId: table.recordId,
    status: table.status,
    statusText: REFRESH_STATUS_TEXT[language][table.status],
    title: dataset.table(table.tableId)?.title[language] ?? table.tableId,
    place: [table.tableName, table.sheet].filter((part): part is string => part !== null && part !== "").join(" · "),
    releases: STRINGS[language].refreshFromTo(table.fromRelease, table.toRelease),
    reason: tableReasonText(table, language),
    changes: table.changes.filter((change) => change.kind !== "unchanged" && change.kind !== "blocked").map((change) => changeView(change, dataset, language)),
    held: table.status === "blocked" ? STRINGS[language].refreshBlockedHeld(table.waiting ?? 0) : null,
  };
}

/** Every table of a plan or report, in the report's order. */
export function refreshViews(report: RefreshReport, dataset: DatasetIndex, language: Language): TableRefreshView[] {
  return report.tables.map((table) => tableRefreshView(table, dataset, language));
}

/** The one-line summary: "Up to date …" (nothing written), else core's counts per status. */
export function refreshSummary(report: RefreshReport, language: Language): string {
  return report.upToDate ? STRINGS[language].refreshUpToDate(report.releaseId) : summarizeReport(report, language);
}

/** Each record's table report, for the statuses of the "Inserted in this workbook" list. */
export function statusesByRecord(report: RefreshReport): Map<string, RefreshTableReport> {
  return new Map(report.tables.map((table) => [table.recordId, table]));
}

/** The sheets holding BJ.* formulas, with their counts ("Sheet1: 3 cells"); none → []. */
export function formulaCountTexts(counts: readonly FormulaCount[], language: Language): { sheet: string; text: string }[] {
  return counts.filter((count) => count.count > 0).map((count) => ({ sheet: count.sheet, text: STRINGS[language].formulaCount(count.sheet, count.count, count.partial === true) }));
}

/**
 * Whether the pane offers Apply for a plan: only where it lists a change Apply writes (the count
 * the summary gives). Blocked tables get no write at all, and undone, missing or only edited ones
 * none either, so a plan of only those is shown as a report, without Apply.
 */
export function canApply(report: RefreshReport): boolean {
  return !report.upToDate && report.tables.some((table) => table.status === "stale") && countChanges(report).written > 0;
}

/** The tables Apply leaves alone although they are not up to date: blocked or undone. */
export function leftAlone(report: RefreshReport): number {
  return report.tables.filter((table) => table.status === "blocked" || table.status === "undone").length;
}
