/**
 * Refresh: the report's words, in English and Chinese (statuses, kinds, reasons, one line per
 * change, the summary and the "Refresh log" sheet).
 *
 * Layer: pure core. No Office.js, no DOM.
 */
import type { Language } from "../../data";
import { showWithFormat } from "../formats";
import type { RefreshCell, RefreshChange, RefreshChangeKind, RefreshReason, RefreshReport, RefreshStatus, RefreshTableReport } from "./types";

export const REFRESH_STATUS_TEXT: Record<Language, Record<RefreshStatus, string>> = {
  en: { current: "Current", stale: "Stale", edited: "Edited", missing: "Missing", blocked: "Blocked", undone: "Undone" },
  zh: { current: "已是最新", stale: "待更新", edited: "有用户修改", missing: "已缺失", blocked: "无法更新", undone: "已撤销" },
};

export const REFRESH_KIND_TEXT: Record<Language, Record<RefreshChangeKind, string>> = {
  en: {
    update: "Updated",
    unchanged: "Unchanged",
    user_edit: "Your edit kept",
    row_added: "Row added",
    row_removed: "Row removed",
    label_changed: "Label changed",
    line_moved: "Moved",
    kept_with_edit: "Kept with your edit",
    missing_table: "Table missing",
    blocked: "Blocked",
  },
  zh: {
    update: "已更新",
    unchanged: "未变",
    user_edit: "保留您的修改",
    row_added: "新增行",
    row_removed: "删除行",
    label_changed: "名称变更",
    line_moved: "已移动",
    kept_with_edit: "随您的修改保留",
    missing_table: "表格缺失",
    blocked: "无法更新",
  },
};

export const REFRESH_REASON_TEXT: Record<Language, Record<RefreshReason, string>> = {
  en: {
    kept_user_edit: "you changed this cell; your value is kept",
    kept_with_edit: "kept as it is, with your edit in the same row",
    deleted_by_user: "you deleted this row; it is not added back",
    row_has_user_data: "the row holds your data; it is kept",
    cells_below_would_move: "deleting the row would move cells below the table; it is kept",
    cells_below_occupied: "the cells below the table that new rows need are not empty; nothing was written to this table",
    sheet_protected: "the sheet is protected; nothing was written to this table",
    columns_changed: "the new release lays this table out with other columns; insert it again to get them",
    table_withdrawn: "the new release no longer has this table",
    duplicate_record: "another record has the same id; this one was left alone",
    column_not_found: "this column of ours was not found (renamed or deleted); it is left alone",
    table_not_found: "the table is no longer in the workbook; it was not recreated",
    line_not_found: "this line is no longer beside the table; it is left alone",
    totals_row: "the table has a totals row, so rows cannot be added or removed; turn it off and refresh again",
    table_size_mismatch: "after the write the table does not cover the rows as planned; check the rows below it, then refresh again",
    table_filtered: "filtered: clear the filter to remove (Excel cannot delete rows of a filtered table); the row is kept",
    filter_unknown: "this version of Excel cannot tell whether the table is filtered, so the row is kept; delete it yourself if you wish",
    merged_cells: "merged cells are where the refresh would write or move cells; nothing was written to this table; unmerge them, then refresh again",
    insert_undone: "the insert was undone (its cells are empty) but its record remains; forget it",
    refresh_undone: "the last refresh was undone (the cells are as before it) but its record remains; forget it",
  },
  zh: {
    kept_user_edit: "您修改过此单元格，保留您的值",
    kept_with_edit: "与您在同一行的修改一并保留，未更新",
    deleted_by_user: "您删除了此行，不再添加回来",
    row_has_user_data: "该行含有您的数据，予以保留",
    cells_below_would_move: "删除该行会移动表格下方的单元格，予以保留",
    cells_below_occupied: "新增行所需的表格下方单元格不为空，此表格未写入任何内容",
    sheet_protected: "工作表受保护，此表格未写入任何内容",
    columns_changed: "新版本中此表格的列不同，请重新插入以获得新列",
    table_withdrawn: "新版本中已没有此表格",
    duplicate_record: "另一条记录的编号相同，此记录未作处理",
    column_not_found: "未找到本加载项的这一列（已改名或删除），未作处理",
    table_not_found: "该表格已不在工作簿中，未重新创建",
    line_not_found: "此行文字已不在表格旁，未作处理",
    totals_row: "表格含汇总行，无法增删行；请关闭汇总行后重新刷新",
    table_size_mismatch: "写入后表格范围与计划不符；请检查表格下方的行，然后重新刷新",
    table_filtered: "表格已筛选：清除筛选后才能删除（Excel 无法删除已筛选表格中的行），该行予以保留",
    filter_unknown: "此版本的 Excel 无法判断表格是否已筛选，该行予以保留；如需要请自行删除",
    merged_cells: "刷新需要写入或移动的位置有合并单元格，此表格未写入任何内容；请取消合并后重新刷新",
    insert_undone: "插入已被撤销（单元格为空），但其跟踪记录仍在；请忘记该记录",
    refresh_undone: "上次刷新已被撤销（单元格恢复原状），但其跟踪记录仍在；请忘记该记录",
  },
};

/**
 * Reasons that name a place: the cell or range in the way of a blocked table (its `blockedAt`),
 * the sheet that is protected, the user's edit a kept cell stays with (`keptWith`).
 */
export const REFRESH_REASON_AT_TEXT: Record<Language, Partial<Record<RefreshReason, (at: string) => string>>> = {
  en: {
    kept_with_edit: (at) => `kept as it is, with your edit in ${at}`,
    cells_below_occupied: (at) => `the cells below the table that new rows need are not empty (${at} holds something); nothing was written to this table`,
    merged_cells: (at) => `merged cells at ${at} are where the refresh would write or move cells; nothing was written to this table; unmerge them, then refresh again`,
    totals_row: (at) => `the table has a totals row (${at}), so rows cannot be added or removed; turn it off and refresh again`,
    sheet_protected: (sheet) => `the sheet ${sheet} is protected; nothing was written to this table; unprotect it, then refresh again`,
  },
  zh: {
    kept_with_edit: (at) => `随您在 ${at} 的修改一并保留，未更新`,
    cells_below_occupied: (at) => `新增行所需的表格下方单元格不为空（${at} 有内容），此表格未写入任何内容`,
    merged_cells: (at) => `${at} 为合并单元格，刷新需要在此写入或移动单元格，此表格未写入任何内容；请取消合并后重新刷新`,
    totals_row: (at) => `表格含汇总行（${at}），无法增删行；请关闭汇总行后重新刷新`,
    sheet_protected: (sheet) => `工作表 ${sheet} 受保护，此表格未写入任何内容；请撤销保护后重新刷新`,
  },
};

/** A reason in words, naming its place where it has one. */
function reasonWords(reason: RefreshReason, at: string | null | undefined, language: Language): string {
  const withPlace = at ? REFRESH_REASON_AT_TEXT[language][reason] : undefined;
  return withPlace && at ? withPlace(at) : REFRESH_REASON_TEXT[language][reason];
}

/** Why a table is blocked, missing or undone, naming the cell in the way (or the protected sheet); null where no reason. */
export function tableReasonText(table: RefreshTableReport, language: Language): string | null {
  if (!table.reason) return null;
  return reasonWords(table.reason, table.reason === "sheet_protected" ? table.sheet : table.blockedAt, language);
}

/** Why a change is kept or not written, naming the user's edit a kept cell stays with; null where no reason. */
export function changeReasonText(change: RefreshChange, language: Language, table?: RefreshTableReport): string | null {
  if (!change.reason) return null;
  if (change.kind === "blocked" && table) return tableReasonText(table, language);
  return reasonWords(change.reason, change.reason === "kept_with_edit" ? change.keptWith : change.kind === "blocked" ? change.address : null, language);
}

/**
 * What a report lists, counted as the pane and the summary count it: the changes written (or, in a
 * dry run, planned) and those left as they are (the user's edits, the cells kept with them, rows
 * kept). Unchanged cells and the table-level entries (missing, blocked) are not counted; a blocked
 * table's changes are not listed, only counted in its `waiting`.
 */
export function countChanges(report: RefreshReport): { written: number; kept: number } {
  let written = 0;
  let kept = 0;
  for (const table of report.tables) {
    for (const change of table.changes) {
      if (change.kind === "unchanged" || change.kind === "blocked" || change.kind === "missing_table") continue;
      if (change.written) written++;
      else kept++;
    }
  }
  return { written, kept };
}

/** Where a line of ours Apply moves was before: "moved from Sheet1!B10". */
export function movedFromText(address: string, language: Language): string {
  return language === "en" ? `moved from ${address}` : `从 ${address} 移来`;
}

const UP_TO_DATE: Record<Language, string> = { en: "Up to date", zh: "已是最新" };

/** The words for a change's column key: the table's own headers, the lines, the spill. */
export const REFRESH_FIELD_TEXT: Record<Language, Record<string, string>> = {
  en: { item: "Indicator", category: "Category", description: "Description", value: "Value", unit: "Unit", period: "Period", basis: "Basis", title: "Title", note: "Note", source: "Source line", spill: "Spill formula", release: "Release" },
  zh: { item: "指标", category: "类别", description: "说明", value: "数值", unit: "单位", period: "时期", basis: "依据", title: "标题", note: "注释", source: "来源行", spill: "溢出公式", release: "数据版本" },
};

/** A change's column key in words ("header:value" is the Value header). */
export function fieldText(columnKey: string | null, language: Language): string | null {
  if (columnKey === null) return null;
  const header = columnKey.startsWith("header:") ? columnKey.slice("header:".length) : null;
  const word = REFRESH_FIELD_TEXT[language][header ?? columnKey] ?? header ?? columnKey;
  return header === null ? word : language === "en" ? `${word} header` : `${word}表头`;
}

/** A change's before and after values as the cell shows (or will show) them, with their number formats. */
export function shownValues(change: RefreshChange): { before: string | null; after: string | null } {
  const one = (cell: RefreshCell, format: string | undefined): string | null => (cell === null || cell === "" ? null : showWithFormat(cell, format));
  return { before: one(change.before, change.beforeFormat), after: one(change.after, change.afterFormat) };
}

const show = (text: string | null): string => text ?? "—";

/**
 * One line per change: "Sheet1!C5 fdi_new_enterprises Value: 1,777 → 1,950 (Updated)". An added
 * row's cell shows only its new value (the cell may hold a line of ours now, which moves down); a
 * moved line says where it was.
 */
export function describeChange(change: RefreshChange, language: Language): string {
  const where = [change.address, change.rowId, fieldText(change.columnKey, language)].filter((part) => part !== null).join(" ");
  const values = shownValues(change);
  const arrow = change.before === null && change.after === null ? "" : change.kind === "row_added" ? `: ${show(values.after)}` : `: ${show(values.before)} → ${show(values.after)}`;
  const from = change.movedFrom ? (language === "en" ? ` (${movedFromText(change.movedFrom, "en")})` : `（${movedFromText(change.movedFrom, "zh")}）`) : "";
  const why = changeReasonText(change, language);
  const reason = why === null ? "" : language === "en" ? ` — ${why}` : `（${why}）`;
  const kind = REFRESH_KIND_TEXT[language][change.kind];
  return language === "en" ? `${where}${arrow}${from} (${kind})${reason}` : `${where}${arrow}${from}（${kind}）${reason}`;
}

/** A one-paragraph summary: "Up to date", or counts of tables per status and of cells written. */
export function summarizeReport(report: RefreshReport, language: Language): string {
  if (report.upToDate) return UP_TO_DATE[language];
  const counts = new Map<RefreshStatus, number>();
  for (const table of report.tables) counts.set(table.status, (counts.get(table.status) ?? 0) + 1);
  const parts = [...counts.entries()].map(([status, n]) => `${REFRESH_STATUS_TEXT[language][status]}${language === "en" ? ": " : "："}${n}`);
  const { written, kept } = countChanges(report);
  const release = language === "en" ? `Release ${report.releaseId}` : `数据版本 ${report.releaseId}`;
  const noun = written === 1 ? "change" : "changes";
  const done = report.dryRun
    ? language === "en" ? `${written} ${noun} planned (nothing written yet)` : `计划 ${written} 处更改（尚未写入）`
    : language === "en" ? `${written} ${noun} written` : `已写入 ${written} 处更改`;
  const left = kept === 0 ? "" : language === "en" ? `, ${kept} left as ${kept === 1 ? "it is" : "they are"}` : `，${kept} 处保持原样`;
  const cells = `${done}${left}`;
  return language === "en" ? `${release}. ${parts.join(", ")}. ${cells}.` : `${release}。${parts.join("，")}。${cells}。`;
}

/** The "Refresh log" sheet: a header row and one row per reported change (text only). */
export function refreshLogRows(report: RefreshReport, language: Language): string[][] {
  const header = language === "en"
    ? ["Table", "Status", "Row", "Column", "Address", "Before", "After", "Change", "Why"]
    : ["表格", "状态", "行", "列", "地址", "原值", "新值", "更改", "原因"];
  const rows: string[][] = [[summarizeReport(report, language), "", "", "", "", "", "", "", ""], header];
  for (const table of report.tables) {
    const name = table.tableName || table.tableId;
    const status = REFRESH_STATUS_TEXT[language][table.status];
    if (table.changes.length === 0) rows.push([name, status, "", "", "", "", "", "", ""]);
    for (const change of table.changes) {
      if (change.kind === "unchanged") continue;
      const values = shownValues(change);
      rows.push([
        name,
        status,
        change.rowId ?? "",
        fieldText(change.columnKey, language) ?? "",
        change.address ?? "",
        values.before ?? "",
        values.after ?? "",
        REFRESH_KIND_TEXT[language][change.kind],
        changeReasonText(change, language, table) ?? (change.movedFrom ? movedFromText(change.movedFrom, language) : ""),
      ]);
    }
  }
  return rows;
}
