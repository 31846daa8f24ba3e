/**
 * Every user-facing string of the task pane, in English and Simplified Chinese, in one place.
 * Templates are functions so that word order can differ between the languages.
 *
 * Layer: task pane (pure: no DOM here, so jest can check that both languages are complete).
 */
import type { Language } from "../data";

export interface PaneStrings {
  readonly htmlLang: string;
  readonly appName: string;
  readonly languageSwitch: string;
  /** The name of the other language, on the switch button. */
  readonly otherLanguage: string;
  readonly searchLabel: string;
  readonly searchPlaceholder: string;
  readonly catalogLabel: string;
  readonly resultCount: (tables: number, figures: number) => string;
  readonly noResults: string;
  readonly tablesHeading: string;
  readonly figuresHeading: string;
  readonly basisStated: string;
  readonly basisDerived: string;
  readonly basisMixed: string;
  readonly releaseMeta: (id: string) => string;
  readonly rowsMeta: (count: number) => string;
  /** A table's first period, when its rows have `count` different periods. */
  readonly morePeriods: (first: string, count: number) => string;
  readonly previewHeading: string;
  readonly previewHint: string;
  readonly previewCaption: (title: string) => string;
  readonly cardValue: string;
  readonly cardPeriod: string;
  readonly cardBound: string;
  readonly cardBasis: string;
  readonly cardUnit: string;
  readonly cardPhrase: string;
  readonly cardFormula: string;
  readonly cardNote: string;
  readonly cardId: string;
  readonly insertHeading: string;
  readonly tableLanguage: string;
  readonly languageEn: string;
  readonly languageZh: string;
  readonly includeSource: string;
  readonly tableStyle: string;
  readonly styleNames: Readonly<Record<string, string>>;
  readonly modeLegend: string;
  readonly modeValues: string;
  readonly modeFormulas: string;
  readonly modeSpill: string;
  readonly insertHere: string;
  readonly insertNewSheet: string;
  readonly insertAll: string;
  readonly allTablesTitle: string;
  readonly allTablesSheet: string;
  readonly citeHeading: string;
  readonly citeStyle: string;
  readonly citeApa: string;
  readonly citeGbt: string;
  readonly copyCitation: string;
  readonly insertedHeading: string;
  readonly refreshList: string;
  readonly insertedEmpty: string;
  readonly insertedMeta: (name: string, sheet: string, release: string, language: string, mode: string) => string;
  readonly insertedMissing: string;
  readonly goTo: (name: string) => string;
  readonly goToShort: string;
  readonly removeShort: string;
  readonly forgetShort: string;
  readonly remove: (name: string) => string;
  readonly forget: (name: string) => string;
  readonly forgotten: (name: string) => string;
  readonly damagedParts: (count: number) => string;
  readonly working: string;
  readonly connectedExcel: string;
  readonly connectedPreview: string;
  readonly noWorkbook: string;
  readonly officeFailed: (detail: string) => string;
  readonly inserted: (title: string, address: string) => string;
  readonly insertedAll: (count: number, sheet: string) => string;
  /** An insert's read-back: =BJ.* cells showing an error (count, first cell, its error). */
  readonly insertFormulaErrors: (count: number, address: string, error: string) => string;
  /** An insert's read-back: a table whose range is not the one written. */
  readonly insertTableRange: (table: string, expected: string, actual: string) => string;
  readonly selected: (name: string) => string;
  readonly removed: (name: string) => string;
  readonly copied: string;
  readonly copyFailed: string;
  readonly listFailed: string;
  readonly errorPrefix: string;
  readonly unexpected: (detail: string) => string;
  readonly retryNewSheet: string;
  readonly releaseChecking: string;
  readonly refreshFigures: string;
  readonly refreshPlanHeading: string;
  readonly refreshReportHeading: string;
  readonly refreshPlanIntro: (release: string) => string;
  readonly refreshApply: string;
  readonly refreshCancel: string;
  readonly refreshClose: string;
  readonly refreshWriteLog: string;
  readonly refreshUpToDate: (release: string) => string;
  readonly refreshCancelled: string;
  readonly refreshStale: string;
  readonly refreshFailed: string;
  readonly refreshLogWritten: (sheet: string) => string;
  readonly refreshNoChanges: string;
  readonly refreshFromTo: (from: string, to: string) => string;
  readonly refreshKept: (yours: string, release: string) => string;
  /** A cell kept with the user's edit in its row: what it shows, and what the release gives. */
  readonly refreshKeptAsIs: (shown: string, release: string) => string;
  /** A blocked table: nothing is written to it; `waiting` changes wait until it is unblocked. */
  readonly refreshBlockedHeld: (waiting: number) => string;
  readonly refreshEmptyCell: string;
  readonly refreshDamaged: (count: number) => string;
  readonly statusLabel: (status: string) => string;
  readonly formulaCountsHeading: string;
  /** `partial`: only the cells of our own inserts were counted (docs/refresh.md): the count is a floor. */
  readonly formulaCount: (sheet: string, count: number, partial?: boolean) => string;
  readonly formulaCountsNone: string;
  readonly help: string;
  readonly helpHref: string;
  readonly dismiss: string;
  /** The plan has nothing Apply could write: every table is current, edited, blocked, missing or undone. */
  readonly refreshNothingToApply: string;
  /** Beside Apply when some tables are blocked or undone: Apply leaves them alone. */
  readonly refreshApplySkips: (count: number) => string;
  // ---- one figure into a cell, sharing, revisions (issue 15) ----
  readonly figureInsertHeading: string;
  readonly figureInsertFormula: string;
  readonly figureInsertValue: string;
  readonly figureCopyFormula: string;
  readonly figureFormulaLabel: string;
  readonly figureInserted: (label: string, address: string) => string;
  readonly formulaCopied: string;
  readonly shareHeading: string;
  readonly shareIntro: string;
  readonly shareScope: string;
  readonly shareScopeWorkbook: string;
  readonly shareScopeSelection: string;
  readonly sharePrepare: string;
  readonly sharePlan: (cells: number, sheets: number) => string;
  readonly sharePlanSheets: (parts: string) => string;
  readonly shareProtected: (sheets: string) => string;
  readonly shareLiveSpills: (count: number) => string;
  readonly shareNothing: string;
  readonly shareApply: string;
  readonly shareCancel: string;
  readonly shareDone: (cells: number, sheets: number, sourcesSheet: string) => string;
  readonly shareRestore: string;
  readonly shareRestored: (cells: number) => string;
  readonly shareRestoreChanged: (cells: string) => string;
  readonly shareRestoreNothing: string;
  readonly shareFailed: string;
  readonly autoOpen: string;
  readonly autoOpenOn: string;
  readonly autoOpenOff: string;
  /** How many inserted tables and briefings hold figures of an older release. */
  readonly revisionOlder: (tables: number, briefings: number, release: string) => string;
  readonly revisionReview: string;
  /** A table in messages: its title and where it is ("“Comprehensive bonded zones” (Sheet1!B3:F9)"). */
  readonly entryName: (title: string, where: string) => string;
  readonly removeConfirm: (name: string, block: string) => string;
  readonly removeConfirmYes: string;
  readonly removeConfirmNo: string;
  readonly removeKept: (name: string) => string;
  /** An "Edited" entry: the cells the user changed (refresh keeps them). */
  readonly editedCells: (cells: string, more: number) => string;
  // ---- the briefing (issue 17) ----
  readonly briefingHeading: string;
  readonly briefingIntro: string;
  readonly briefingLanguage: string;
  readonly briefingLanguageEn: string;
  readonly briefingLanguageZh: string;
  readonly insertBriefing: string;
  /** After an insert: the new sheet's name and how many charts it holds. */
  readonly briefingInserted: (sheet: string, charts: number) => string;
  readonly briefingFailed: string;
  /** The release in use lacks a figure or fact the briefing tells (core's BriefingDataError). */
  readonly briefingDataError: (release: string) => string;
  /** A briefing in the list and in messages, by its language ("Briefing (English)"). */
  readonly briefingName: (language: string) => string;
  readonly briefingMeta: (sheet: string, release: string, language: string) => string;
  readonly briefingMissing: string;
  readonly briefingProtected: string;
  readonly briefingNoData: string;
  readonly briefingRemoveConfirm: (name: string, sheet: string) => string;
  /** A briefing in the refresh plan (done: false) or report (done: true): the cells written. */
  readonly briefingCells: (cells: string, more: number, done: boolean) => string;
  readonly briefingKept: (cells: string, more: number) => string;
  readonly briefingNoChanges: string;
  readonly briefingRefreshFailed: string;
  readonly refreshAllUpToDate: (release: string) => string;
  readonly refreshTablesUpToDate: string;
}

const EN: PaneStrings = {
  htmlLang: "en",
  appName: "Beijing Opening-Up Statistics",
  languageSwitch: "Language",
  otherLanguage: "中文",
  searchLabel: "Search tables and figures",
  searchPlaceholder: "e.g. FDI, 外资, ftz_share",
  catalogLabel: "Tables and figures",
  resultCount: (tables, figures) =>
    `${tables} ${tables === 1 ? "table" : "tables"}, ${figures} ${figures === 1 ? "figure" : "figures"}`,
  noResults: "Nothing matches. Try another word, an id, or clear the search.",
  tablesHeading: "Tables",
  figuresHeading: "Figures",
  basisStated: "stated",
  basisDerived: "derived",
  basisMixed: "stated and derived",
  releaseMeta: (id) => `release ${id}`,
  rowsMeta: (count) => `${count} ${count === 1 ? "row" : "rows"}`,
  morePeriods: (first, count) => `${first} and ${count - 1} other ${count === 2 ? "period" : "periods"}`,
  previewHeading: "Preview",
  previewHint: "Choose a table or a figure above to see it here.",
  previewCaption: (title) => `${title} (as it will look in the sheet)`,
  cardValue: "Value",
  cardPeriod: "Period",
  cardBound: "Bound",
  cardBasis: "Basis",
  cardUnit: "Unit",
  cardPhrase: "Source phrase",
  cardFormula: "Formula",
  cardNote: "Note",
  cardId: "Id",
  insertHeading: "Insert",
  tableLanguage: "Table language",
  languageEn: "English",
  languageZh: "Chinese",
  includeSource: "Add the note and source lines",
  tableStyle: "Table style",
  styleNames: {
    TableStyleMedium2: "Blue, medium (default)",
    TableStyleLight9: "Blue, light",
    TableStyleMedium9: "Blue, banded",
    TableStyleLight1: "Plain, light",
    TableStyleMedium4: "Green, medium",
  },
  modeLegend: "Cells hold",
  modeValues: "Values",
  modeFormulas: "Live formulas (=BJ.STAT)",
  modeSpill: "One spill formula (=BJ.TABLE)",
  insertHere: "Insert at the active cell",
  insertNewSheet: "Insert on a new sheet",
  insertAll: "Insert all tables",
  allTablesTitle: "Beijing \"two zones\" opening-up: all tables",
  allTablesSheet: "All tables",
  citeHeading: "Cite",
  citeStyle: "Citation style",
  citeApa: "APA",
  citeGbt: "GB/T 7714",
  copyCitation: "Copy citation",
  insertedHeading: "Inserted in this workbook",
  refreshList: "Refresh list",
  insertedEmpty: "Nothing inserted by the add-in in this workbook yet.",
  insertedMeta: (name, sheet, release, language, mode) => `${name} on ${sheet} · release ${release} · ${language} · ${mode}`,
  insertedMissing: "not found: deleted or moved out of the workbook",
  goTo: (name) => `Go to ${name}`,
  goToShort: "Go to",
  removeShort: "Remove",
  forgetShort: "Forget",
  remove: (name) => `Remove ${name}`,
  forget: (name) => `Forget ${name} (keep the cells)`,
  forgotten: (name) => `Forgot ${name}: its tracking record is deleted, no cell was changed.`,
  damagedParts: (count) =>
    `${count} tracking ${count === 1 ? "record" : "records"} could not be read; tables recorded there are missing from this list. They were left untouched.`,
  working: "Working…",
  connectedExcel: "Connected to Excel.",
  connectedPreview: "Preview: a simulated workbook, no Excel needed.",
  noWorkbook: "Not running in Excel: you can browse, preview and copy citations. Open the add-in in Excel to insert tables.",
  officeFailed: (detail) => `Office did not start (${detail}). You can still browse and copy citations.`,
  inserted: (title, address) => `Inserted "${title}" at ${address}.`,
  insertedAll: (count, sheet) => `Inserted ${count} tables on the sheet ${sheet}.`,
  insertFormulaErrors: (count, address, error) =>
    error === "#NAME?"
      ? `${count === 1 ? `The formula in ${address} shows` : `${count} formulas, the first in ${address}, show`} #NAME?: Excel does not know the BJ functions here. Check that the add-in's functions are loaded (Insert > My Add-ins), or insert as values.`
      : `${count === 1 ? `The formula in ${address} shows` : `${count} formulas, the first in ${address}, show`} ${error}. The cells are kept; hover over the cell for Excel's explanation.`,
  insertTableRange: (table, expected, actual) => `Excel reports the table ${table} at ${actual}, not at ${expected} as written. Check the cells around it before you refresh or remove it.`,
  selected: (name) => `Selected ${name}.`,
  removed: (name) => `Removed ${name} and its tracking record.`,
  copied: "Citation copied to the clipboard. Complete anything it marks as not known (the headline, the URL) from the report before you publish it.",
  copyFailed: "The clipboard is not available here: the citation is selected in the box below; press Ctrl+C (⌘C on a Mac) to copy it.",
  listFailed: "Could not read the list of inserted tables.",
  errorPrefix: "Error:",
  unexpected: (detail) => `Something went wrong (${detail}). Nothing more was changed; try again, or reopen the pane.`,
  retryNewSheet: "Insert on a new sheet instead",
  releaseChecking: "Checking the release channel for a newer release…",
  refreshFigures: "Refresh figures",
  refreshPlanHeading: "Refresh plan: nothing is written until you apply it",
  refreshReportHeading: "Refresh report",
  refreshPlanIntro: (release) => `What refreshing to release ${release} would do, table by table:`,
  refreshApply: "Apply",
  refreshCancel: "Cancel",
  refreshClose: "Close the report",
  refreshWriteLog: "Also write this report to a \"Refresh log\" sheet",
  refreshUpToDate: (release) => `Up to date: every table already shows release ${release}. Nothing was written.`,
  refreshCancelled: "Refresh cancelled. Nothing was written.",
  refreshStale: "The release in use changed while the plan was open: the plan was closed. Refresh again to review the new one.",
  refreshFailed: "Could not refresh the figures.",
  refreshLogWritten: (sheet) => `The report is also on the sheet ${sheet}.`,
  refreshNoChanges: "Nothing to change in this table.",
  refreshFromTo: (from, to) => `release ${from} → ${to}`,
  refreshKept: (yours, release) => `yours: ${yours} · release: ${release}`,
  refreshKeptAsIs: (shown, release) => `stays: ${shown} · release: ${release}`,
  refreshBlockedHeld: (waiting) =>
    waiting === 0
      ? "Nothing is written to this table."
      : `Nothing is written to this table: ${waiting} ${waiting === 1 ? "change waits" : "changes wait"} until that is resolved; then refresh again.`,
  refreshEmptyCell: "(empty)",
  refreshDamaged: (count) => `${count} tracking ${count === 1 ? "record" : "records"} could not be read and ${count === 1 ? "was" : "were"} left untouched.`,
  statusLabel: (status) => `Status: ${status}`,
  formulaCountsHeading: "BJ.* formulas per sheet",
  formulaCount: (sheet, count, partial = false) => `${sheet}: ${partial ? "at least " : ""}${count} ${count === 1 ? "cell" : "cells"}`,
  formulaCountsNone: "No BJ.* formulas in this workbook.",
  help: "Help",
  helpHref: "help.html",
  dismiss: "Dismiss",
  refreshNothingToApply: "Nothing can be applied: no table or briefing has figures it can update. The reasons are listed with each.",
  refreshApplySkips: (count) => `Apply writes only what is marked Stale; ${count} ${count === 1 ? "item is" : "items are"} left as they are (see the reasons).`,
  figureInsertHeading: "Put this figure in the active cell",
  figureInsertFormula: "Insert live formula",
  figureInsertValue: "Insert value",
  figureCopyFormula: "Copy the formula",
  figureFormulaLabel: "Formula",
  figureInserted: (label, address) => `Inserted “${label}” in ${address}.`,
  formulaCopied: "Formula copied.",
  shareHeading: "Share",
  shareIntro: "People without the add-in see #NAME? where BJ.* formulas are. Freeze them into the values they show, with a Sources sheet; restore them later.",
  shareScope: "Freeze",
  shareScopeWorkbook: "the whole workbook",
  shareScopeSelection: "the selection only",
  sharePrepare: "Prepare for sharing",
  sharePlan: (cells, sheets) => `${cells} ${cells === 1 ? "cell" : "cells"} on ${sheets} ${sheets === 1 ? "sheet" : "sheets"} will become values.`,
  sharePlanSheets: (parts) => `Where: ${parts}.`,
  shareProtected: (sheets) => `Left as they are (protected): ${sheets}.`,
  shareLiveSpills: (count) => `${count} spilled ${count === 1 ? "formula stays" : "formulas stay"} live (the add-in cannot reproduce ${count === 1 ? "it" : "them"}).`,
  shareNothing: "There are no BJ.* formulas to freeze here.",
  shareApply: "Freeze",
  shareCancel: "Cancel",
  shareDone: (cells, sheets, sourcesSheet) => `Froze ${cells} ${cells === 1 ? "cell" : "cells"} on ${sheets} ${sheets === 1 ? "sheet" : "sheets"}; the sheet “${sourcesSheet}” lists the sources.`,
  shareRestore: "Restore live formulas",
  shareRestored: (cells) => `Restored ${cells} ${cells === 1 ? "formula" : "formulas"}.`,
  shareRestoreChanged: (cells) => `Left as you changed them: ${cells}.`,
  shareRestoreNothing: "Nothing in this workbook is frozen.",
  shareFailed: "Sharing failed.",
  autoOpen: "Open this pane when this workbook opens",
  autoOpenOn: "This pane will open with this workbook.",
  autoOpenOff: "This pane will no longer open with this workbook.",
  revisionOlder: (tables, briefings, release) => {
    const items = [
      tables > 0 ? `${tables} inserted ${tables === 1 ? "table" : "tables"}` : "",
      briefings > 0 ? `${briefings} ${briefings === 1 ? "briefing" : "briefings"}` : "",
    ].filter((part) => part !== "");
    return `${items.join(" and ")} ${tables + briefings === 1 ? "holds" : "hold"} figures older than release ${release}.`;
  },
  revisionReview: "Review changes",
  entryName: (title, where) => `“${title}” (${where})`,
  removeConfirm: (name, block) =>
    `Remove ${name}? This deletes everything the add-in wrote in ${block} (title, table, note and source lines) and its record. Excel cannot undo this.`,
  removeConfirmYes: "Remove",
  removeConfirmNo: "Keep it",
  removeKept: (name) => `Kept ${name}. Nothing was removed.`,
  editedCells: (cells, more) => `Cells you edited (kept on refresh): ${cells}${more > 0 ? ` and ${more} more` : ""}`,
  briefingHeading: "Briefing",
  briefingIntro: "A new sheet telling the report in short sentences, each figure a live =BJ.STAT cell, with three charts on those cells.",
  briefingLanguage: "Briefing language",
  briefingLanguageEn: "English",
  briefingLanguageZh: "Simplified Chinese (简体中文)",
  insertBriefing: "Insert briefing",
  briefingInserted: (sheet, charts) =>
    charts > 0
      ? `Inserted the briefing on the new sheet “${sheet}”, with ${charts} ${charts === 1 ? "chart" : "charts"}.`
      : `Inserted the briefing on the new sheet “${sheet}”, without charts (this version of Excel cannot set a chart's series).`,
  briefingFailed: "Could not insert the briefing.",
  briefingDataError: (release) => `Release ${release} lacks a figure or fact the briefing tells, so no briefing was written.`,
  briefingName: (language) => `Briefing (${language})`,
  briefingMeta: (sheet, release, language) => `on ${sheet} · release ${release} · ${language}`,
  briefingMissing: "not found: its sheet was deleted or renamed",
  briefingProtected: "the sheet is protected; nothing is written to this briefing",
  briefingNoData: "the release in use lacks a figure or fact this briefing tells; nothing is written to it",
  briefingRemoveConfirm: (name, sheet) =>
    `Remove ${name}? This deletes everything the add-in wrote on the sheet ${sheet} (its text, figures and charts; the sheet itself when nothing else is on it) and its record. Excel cannot undo this.`,
  briefingCells: (cells, more, done) => `${done ? "Cells updated" : "Cells to update"}: ${cells}${more > 0 ? ` and ${more} more` : ""}`,
  briefingKept: (cells, more) => `Your changes, kept: ${cells}${more > 0 ? ` and ${more} more` : ""}`,
  briefingNoChanges: "Nothing to change in this briefing.",
  briefingRefreshFailed: "Could not refresh the briefings.",
  refreshAllUpToDate: (release) => `Up to date: every table and briefing already shows release ${release}. Nothing was written.`,
  refreshTablesUpToDate: "Tables: up to date.",
};

const ZH: PaneStrings = {
  htmlLang: "zh-CN",
  appName: "北京“两区”开放统计",
  languageSwitch: "语言",
  otherLanguage: "English",
  searchLabel: "搜索数据表和指标",
  searchPlaceholder: "例如：外资、FDI、ftz_share",
  catalogLabel: "数据表和指标",
  resultCount: (tables, figures) => `${tables} 张表，${figures} 个指标`,
  noResults: "没有匹配项。请换一个词或编号，或清空搜索。",
  tablesHeading: "数据表",
  figuresHeading: "指标",
  basisStated: "公布数",
  basisDerived: "推算",
  basisMixed: "公布数及推算",
  releaseMeta: (id) => `数据版本 ${id}`,
  rowsMeta: (count) => `${count} 行`,
  morePeriods: (first, count) => `${first}等 ${count} 个时期`,
  previewHeading: "预览",
  previewHint: "在上方选择一张数据表或一个指标，即可在此预览。",
  previewCaption: (title) => `${title}（插入工作表后的样子）`,
  cardValue: "数值",
  cardPeriod: "时期",
  cardBound: "数值性质",
  cardBasis: "依据",
  cardUnit: "单位",
  cardPhrase: "原文位置",
  cardFormula: "公式",
  cardNote: "说明",
  cardId: "编号",
  insertHeading: "插入",
  tableLanguage: "表格语言",
  languageEn: "英文",
  languageZh: "中文",
  includeSource: "添加说明行和来源行",
  tableStyle: "表格样式",
  styleNames: {
    TableStyleMedium2: "蓝色，中等（默认）",
    TableStyleLight9: "蓝色，浅色",
    TableStyleMedium9: "蓝色，镶边",
    TableStyleLight1: "素色，浅色",
    TableStyleMedium4: "绿色，中等",
  },
  modeLegend: "单元格内容",
  modeValues: "数值",
  modeFormulas: "实时公式（=BJ.STAT）",
  modeSpill: "单个溢出公式（=BJ.TABLE）",
  insertHere: "在活动单元格插入",
  insertNewSheet: "插入到新工作表",
  insertAll: "插入全部数据表",
  allTablesTitle: "北京“两区”扩大开放：全部数据表",
  allTablesSheet: "全部数据表",
  citeHeading: "引用",
  citeStyle: "引文格式",
  citeApa: "APA",
  citeGbt: "GB/T 7714",
  copyCitation: "复制引文",
  insertedHeading: "本工作簿中已插入",
  refreshList: "刷新列表",
  insertedEmpty: "本工作簿中尚无由本加载项插入的内容。",
  insertedMeta: (name, sheet, release, language, mode) => `${name}（工作表 ${sheet}）· 数据版本 ${release} · ${language} · ${mode}`,
  insertedMissing: "未找到：已删除或不在本工作簿中",
  goTo: (name) => `转到 ${name}`,
  goToShort: "转到",
  removeShort: "删除",
  forgetShort: "忘记",
  remove: (name) => `删除 ${name}`,
  forget: (name) => `忘记 ${name}（保留单元格）`,
  forgotten: (name) => `已忘记 ${name}：跟踪记录已删除，单元格未改动。`,
  damagedParts: (count) => `有 ${count} 条跟踪记录无法读取，其中记录的数据表不在此列表中。这些记录未被改动。`,
  working: "正在处理…",
  connectedExcel: "已连接 Excel。",
  connectedPreview: "预览：模拟工作簿，无需 Excel。",
  noWorkbook: "未在 Excel 中运行：可以浏览、预览和复制引文。请在 Excel 中打开本加载项以插入数据表。",
  officeFailed: (detail) => `Office 未能启动（${detail}）。仍可浏览并复制引文。`,
  inserted: (title, address) => `已在 ${address} 插入“${title}”。`,
  insertedAll: (count, sheet) => `已在工作表 ${sheet} 插入 ${count} 张数据表。`,
  insertFormulaErrors: (count, address, error) =>
    error === "#NAME?"
      ? `${count === 1 ? `${address} 中的公式显示` : `${count} 个公式（第一个在 ${address}）显示`} #NAME?：此处 Excel 不认识 BJ 函数。请确认本加载项的函数已加载（插入 > 我的加载项），或改为按数值插入。`
      : `${count === 1 ? `${address} 中的公式显示` : `${count} 个公式（第一个在 ${address}）显示`} ${error}。单元格已保留；将鼠标悬停在单元格上可查看 Excel 的说明。`,
  insertTableRange: (table, expected, actual) => `Excel 报告数据表 ${table} 位于 ${actual}，而不是写入时的 ${expected}。刷新或删除之前，请检查其周围的单元格。`,
  selected: (name) => `已选中 ${name}。`,
  removed: (name) => `已删除 ${name} 及其跟踪记录。`,
  copied: "引文已复制到剪贴板。发布前请对照原报道补全其中注明“not known”（未知）的部分，如标题和网址。",
  copyFailed: "此处无法使用剪贴板：引文已在下方文本框中选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。",
  listFailed: "无法读取已插入数据表的列表。",
  errorPrefix: "错误：",
  unexpected: (detail) => `出现问题（${detail}）。未再作其他更改；请重试，或重新打开任务窗格。`,
  retryNewSheet: "改为插入到新工作表",
  releaseChecking: "正在检查版本发布渠道是否有更新的数据版本…",
  refreshFigures: "刷新数据",
  refreshPlanHeading: "刷新计划：确认应用之前不会写入任何内容",
  refreshReportHeading: "刷新报告",
  refreshPlanIntro: (release) => `刷新到数据版本 ${release} 将逐表作如下更改：`,
  refreshApply: "应用",
  refreshCancel: "取消",
  refreshClose: "关闭报告",
  refreshWriteLog: "同时将此报告写入“刷新日志”工作表",
  refreshUpToDate: (release) => `已是最新：所有数据表均已是数据版本 ${release}。未写入任何内容。`,
  refreshCancelled: "已取消刷新，未写入任何内容。",
  refreshStale: "计划打开期间使用的数据版本已变更，计划已关闭。请重新刷新以查看新计划。",
  refreshFailed: "无法刷新数据。",
  refreshLogWritten: (sheet) => `报告也已写入工作表 ${sheet}。`,
  refreshNoChanges: "此表格无需更改。",
  refreshFromTo: (from, to) => `数据版本 ${from} → ${to}`,
  refreshKept: (yours, release) => `您的值：${yours} · 新版本：${release}`,
  refreshKeptAsIs: (shown, release) => `保持：${shown} · 新版本：${release}`,
  refreshBlockedHeld: (waiting) => (waiting === 0 ? "此表格不会写入任何内容。" : `此表格不会写入任何内容：有 ${waiting} 处更改待问题解决后再写入，届时请重新刷新。`),
  refreshEmptyCell: "（空）",
  refreshDamaged: (count) => `有 ${count} 条跟踪记录无法读取，未作改动。`,
  statusLabel: (status) => `状态：${status}`,
  formulaCountsHeading: "各工作表中的 BJ.* 公式",
  formulaCount: (sheet, count, partial = false) => `${sheet}：${partial ? "至少 " : ""}${count} 个单元格`,
  formulaCountsNone: "本工作簿中没有 BJ.* 公式。",
  help: "帮助",
  helpHref: "help.html#zh-CN",
  dismiss: "关闭",
  refreshNothingToApply: "没有可应用的更新：没有表格或简报能够更新数字。原因列在各项下。",
  refreshApplySkips: (count) => `“应用”只写入标记为“待更新”的内容；另有 ${count} 项保持不变（见原因）。`,
  figureInsertHeading: "将此指标放入活动单元格",
  figureInsertFormula: "插入实时公式",
  figureInsertValue: "插入数值",
  figureCopyFormula: "复制公式",
  figureFormulaLabel: "公式",
  figureInserted: (label, address) => `已将“${label}”插入 ${address}。`,
  formulaCopied: "已复制公式。",
  shareHeading: "共享",
  shareIntro: "未安装本加载项的用户会在 BJ.* 公式处看到 #NAME?。可将这些公式固定为当前显示的数值，并附“数据来源”工作表；之后可恢复。",
  shareScope: "固定范围",
  shareScopeWorkbook: "整个工作簿",
  shareScopeSelection: "仅所选区域",
  sharePrepare: "准备共享",
  sharePlan: (cells, sheets) => `${sheets} 个工作表中的 ${cells} 个单元格将变为数值。`,
  sharePlanSheets: (parts) => `位置：${parts}。`,
  shareProtected: (sheets) => `保持不变（受保护）：${sheets}。`,
  shareLiveSpills: (count) => `有 ${count} 个溢出公式保持实时（加载项无法重现）。`,
  shareNothing: "此处没有可固定的 BJ.* 公式。",
  shareApply: "固定",
  shareCancel: "取消",
  shareDone: (cells, sheets, sourcesSheet) => `已固定 ${sheets} 个工作表中的 ${cells} 个单元格；工作表“${sourcesSheet}”列出了来源。`,
  shareRestore: "恢复实时公式",
  shareRestored: (cells) => `已恢复 ${cells} 个公式。`,
  shareRestoreChanged: (cells) => `以下单元格已被修改，保持不变：${cells}。`,
  shareRestoreNothing: "此工作簿中没有已固定的内容。",
  shareFailed: "共享操作失败。",
  autoOpen: "打开此工作簿时打开此窗格",
  autoOpenOn: "此窗格将随此工作簿一起打开。",
  autoOpenOff: "此窗格将不再随此工作簿打开。",
  revisionOlder: (tables, briefings, release) => {
    const items = [tables > 0 ? `${tables} 个已插入的表格` : "", briefings > 0 ? `${briefings} 份简报` : ""].filter((part) => part !== "");
    return `有 ${items.join("和 ")}所含数字早于数据版本 ${release}。`;
  },
  revisionReview: "查看更改",
  entryName: (title, where) => `“${title}”（${where}）`,
  removeConfirm: (name, block) => `移除${name}？将删除加载项在 ${block} 写入的全部内容（标题、表格、注释和来源行）及其记录。Excel 无法撤销此操作。`,
  removeConfirmYes: "移除",
  removeConfirmNo: "保留",
  removeKept: (name) => `已保留${name}，未移除任何内容。`,
  editedCells: (cells, more) => `您修改过的单元格（刷新时保留）：${cells}${more > 0 ? ` 等，另有 ${more} 个` : ""}`,
  briefingHeading: "简报",
  briefingIntro: "新建一张工作表，用简短的句子讲述报道内容，每个数字都是实时的 =BJ.STAT 单元格，并附三张基于这些单元格的图表。",
  briefingLanguage: "简报语言",
  briefingLanguageEn: "英文（English）",
  briefingLanguageZh: "简体中文",
  insertBriefing: "插入简报",
  briefingInserted: (sheet, charts) =>
    charts > 0 ? `已在新工作表“${sheet}”插入简报，含 ${charts} 张图表。` : `已在新工作表“${sheet}”插入简报，未含图表（此 Excel 版本无法设置图表的数据系列）。`,
  briefingFailed: "无法插入简报。",
  briefingDataError: (release) => `数据版本 ${release} 缺少简报所需的指标或事实，未写入简报。`,
  briefingName: (language) => `简报（${language}）`,
  briefingMeta: (sheet, release, language) => `工作表 ${sheet} · 数据版本 ${release} · ${language}`,
  briefingMissing: "未找到：其工作表已删除或重命名",
  briefingProtected: "工作表受保护，此简报未写入任何内容",
  briefingNoData: "使用中的数据版本缺少此简报所需的指标或事实，未写入任何内容",
  briefingRemoveConfirm: (name, sheet) =>
    `移除${name}？将删除加载项在工作表 ${sheet} 写入的全部内容（文字、数字和图表；工作表上没有其他内容时连同工作表）及其记录。Excel 无法撤销此操作。`,
  briefingCells: (cells, more, done) => `${done ? "已更新的单元格" : "待更新的单元格"}：${cells}${more > 0 ? ` 等，另有 ${more} 个` : ""}`,
  briefingKept: (cells, more) => `保留您的修改：${cells}${more > 0 ? ` 等，另有 ${more} 个` : ""}`,
  briefingNoChanges: "此简报无需更改。",
  briefingRefreshFailed: "无法刷新简报。",
  refreshAllUpToDate: (release) => `已是最新：所有数据表和简报均已是数据版本 ${release}。未写入任何内容。`,
  refreshTablesUpToDate: "表格：已是最新。",
};

/** The pane's strings in each language. */
export const STRINGS: Readonly<Record<Language, PaneStrings>> = { en: EN, zh: ZH };

/** The table styles offered, the default first. */
export const TABLE_STYLES = ["TableStyleMedium2", "TableStyleLight9", "TableStyleMedium9", "TableStyleLight1", "TableStyleMedium4"] as const;
