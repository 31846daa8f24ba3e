/**
 * The only errors that leave the adapter: typed, with a code, the details needed to explain them,
 * and messages in both languages.
 */
import type { Language } from "../data";

export type AdapterErrorCode =
  | "target_not_empty"
  | "target_in_table"
  | "target_merged"
  | "target_off_sheet"
  | "sheet_protected"
  | "sheet_not_found"
  | "name_taken"
  | "edited_since_insert"
  | "record_not_found"
  | "table_not_found"
  | "legacy_record"
  | "unsupported_host"
  | "too_many_cells"
  | "figure_not_found"
  | "load_failed"
  | "office_error";

/**
 * The codes that mean "this target cannot take the table; another place could": the pane offers
 * "insert on a new sheet" for these (and for sheet_protected).
 */
export const TARGET_ERROR_CODES: readonly AdapterErrorCode[] = ["target_not_empty", "target_in_table", "target_merged", "target_off_sheet", "sheet_protected"];

export interface AdapterErrorDetails {
  /** The cell concerned, sheet-qualified: the first non-empty, merged, edited or off-sheet cell. */
  readonly address?: string;
  /** The whole area the insert needed (or the remove covers), sheet-qualified, e.g. "Sheet1!B2:F9". */
  readonly range?: string;
  readonly sheet?: string;
  /** An Excel table concerned (the one met by the target, or the one sought). */
  readonly table?: string;
  /** A tracking record id. */
  readonly recordId?: string;
  /** A number of cells concerned, and the most the add-in takes (too_many_cells). */
  readonly count?: number;
  readonly limit?: number;
  /** The Office error code behind an office_error or a mapped error, e.g. "AccessDenied". */
  readonly officeCode?: string;
  /** target_in_table: the whole range of the table met, sheet-qualified. */
  readonly tableRange?: string;
  /** target_off_sheet: which edge the block would pass. */
  readonly offSheet?: "row" | "column" | "both";
}

const area = (d: AdapterErrorDetails, en: boolean): string => d.range ?? (en ? "the target area" : "目标区域");

const MESSAGES: Record<AdapterErrorCode, Record<Language, (d: AdapterErrorDetails) => string>> = {
  target_not_empty: {
    en: (d) => `${area(d, true)} is not empty (${d.address ?? "a cell"} holds something). Nothing was written; insert on a new sheet, or choose another cell?`,
    zh: (d) => `${area(d, false)} 不是空白区域（${d.address ?? "某个单元格"} 有内容）。未写入任何内容；改为插入到新工作表，或选择其他单元格？`,
  },
  target_in_table: {
    en: (d) =>
      `${area(d, true)} overlaps the table ${d.table ?? ""}${d.tableRange ? ` (${d.tableRange})` : ""}${d.address ? ` from ${d.address}` : ""}. Nothing was written; insert on a new sheet, or choose a cell outside the table?`.replace("  ", " "),
    zh: (d) =>
      `${area(d, false)} 与表格 ${d.table ?? ""}${d.tableRange ? `（${d.tableRange}）` : ""}重叠${d.address ? `，重叠处从 ${d.address} 开始` : ""}。未写入任何内容；改为插入到新工作表，或选择表格以外的单元格？`.replace("  ", " "),
  },
  target_merged: {
    en: (d) => `${area(d, true)} contains merged cells (${d.address ?? "merged cells"}). Nothing was written; insert on a new sheet, or unmerge them first?`,
    zh: (d) => `${area(d, false)} 包含合并单元格（${d.address ?? "合并单元格"}）。未写入任何内容；改为插入到新工作表，或先取消合并？`,
  },
  target_off_sheet: {
    en: (d) => {
      const at = d.address ?? "the selected cell";
      if (d.offSheet === "row") return `The table does not fit below ${at}: it would pass the sheet's last row (1,048,576). Nothing was written; insert on a new sheet, or choose a cell further up?`;
      if (d.offSheet === "column") return `The table does not fit right of ${at}: it would pass the sheet's last column (XFD). Nothing was written; insert on a new sheet, or choose a cell further left?`;
      const both = d.offSheet === "both";
      return `The table does not fit below and right of ${at}: it would pass the sheet's last row (1,048,576) ${both ? "and" : "or"} column (XFD). Nothing was written; insert on a new sheet, or choose a cell further up or left?`;
    },
    zh: (d) => {
      const at = d.address ?? "所选单元格";
      if (d.offSheet === "row") return `从 ${at} 开始向下放不下该表格：会超出工作表的最后一行（1,048,576）。未写入任何内容；改为插入到新工作表，或选择更靠上的单元格？`;
      if (d.offSheet === "column") return `从 ${at} 开始向右放不下该表格：会超出工作表的最后一列（XFD）。未写入任何内容；改为插入到新工作表，或选择更靠左的单元格？`;
      const both = d.offSheet === "both";
      return `从 ${at} 开始放不下该表格：会超出工作表的最后一行（1,048,576）${both ? "和" : "或"}最后一列（XFD）。未写入任何内容；改为插入到新工作表，或选择更靠上或靠左的单元格？`;
    },
  },
  sheet_protected: {
    en: (d) => `The sheet ${d.sheet ?? ""} is protected. Nothing was changed; unprotect it, or insert on a new sheet?`.replace("  ", " "),
    zh: (d) => `工作表 ${d.sheet ?? ""} 受保护。未作任何更改；请取消保护，或改为插入到新工作表？`.replace("  ", " "),
  },
  name_taken: {
    en: (d) => `The name ${d.sheet ?? d.table ?? ""} was taken by another change while the table was being inserted. Try again.`,
    zh: (d) => `插入表格期间，名称 ${d.sheet ?? d.table ?? ""} 已被其他更改占用。请重试。`,
  },
  edited_since_insert: {
    en: (d) => `${d.address ?? "A cell"} was changed after the add-in inserted it. Nothing was removed; undo that change, or delete the cells by hand.`,
    zh: (d) => `${d.address ?? "某个单元格"} 在加载项插入后被修改过。未删除任何内容；请撤销该修改，或手动删除这些单元格。`,
  },
  record_not_found: {
    en: () => "This workbook has no record of that inserted table (it may have been removed already). Refresh the list.",
    zh: () => "此工作簿中没有该插入表格的记录（可能已被移除）。请刷新列表。",
  },
  table_not_found: {
    en: (d) => `The table ${d.table ?? ""} that the add-in inserted is no longer in the workbook. Nothing was changed; you can forget its record.`,
    zh: (d) => `加载项插入的表格 ${d.table ?? ""} 已不在此工作簿中。未作任何更改；可以删除它的记录。`,
  },
  legacy_record: {
    en: (d) => `The table ${d.table ?? ""} was inserted by an earlier version of the add-in, which did not record what it wrote. Delete it by hand.`,
    zh: (d) => `表格 ${d.table ?? ""} 由早期版本的加载项插入，当时未记录写入的内容。请手动删除。`,
  },
  sheet_not_found: {
    en: (d) => `There is no sheet named ${d.sheet ?? ""}.`,
    zh: (d) => `找不到名为 ${d.sheet ?? ""} 的工作表。`,
  },
  unsupported_host: {
    en: () => "This version of Excel does not support what the add-in needs (ExcelApi 1.9).",
    zh: () => "此 Excel 版本不支持本加载项所需的功能（ExcelApi 1.9）。",
  },
  figure_not_found: {
    en: (d) => `The release in use has no figure ${d.recordId ?? ""}. Nothing was written.`,
    zh: (d) => `当前数据版本中没有指标 ${d.recordId ?? ""}。未写入任何内容。`,
  },
  too_many_cells: {
    en: (d) => `${d.range ?? "The workbook"} holds ${d.count ?? "too many"} formula cells; the add-in reads at most ${d.limit ?? "a limited number"} at once, to stay within Excel's read limits. Nothing was changed; select a smaller area and freeze that.`,
    zh: (d) => `${d.range ?? "此工作簿"} 中有 ${d.count ?? "过多"} 个公式单元格；为不超出 Excel 的读取限制，加载项一次最多读取 ${d.limit ?? "有限数量"} 个。未作任何更改；请选择较小的区域后再固定。`,
  },
  load_failed: {
    en: () => "Part of the add-in could not be loaded (is the network down?). Nothing was changed; reload the add-in and try again.",
    zh: () => "加载项的部分文件未能加载（网络是否中断？）。未作任何更改；请重新加载加载项后再试。",
  },
  office_error: {
    en: (d) => `Excel reported an error${d.officeCode ? ` (${d.officeCode})` : ""}. Nothing more was changed.`,
    zh: (d) => `Excel 报告了错误${d.officeCode ? `（${d.officeCode}）` : ""}。未再作其他更改。`,
  },
};

/** An error of the workbook adapter. `messageKey` names the message for the UI's string tables. */
export class AdapterError extends Error {
  override name = "AdapterError";
  readonly messageKey: `adapter.${AdapterErrorCode}`;

  constructor(
    readonly code: AdapterErrorCode,
    readonly details: AdapterErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[code].en(details), options);
    this.messageKey = `adapter.${code}`;
  }

  /** True for a target error: the pane can offer "insert on a new sheet". */
  get isTargetError(): boolean {
    return TARGET_ERROR_CODES.includes(this.code);
  }

  /** The message in a language. */
  localized(language: Language): string {
    return MESSAGES[this.code][language](this.details);
  }
}

/** The `code` of an Office error (OfficeExtension.Error), if `error` is one. */
export function officeCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Maps anything thrown inside a batch to an AdapterError. */
export function toAdapterError(error: unknown, sheet?: string): AdapterError {
  if (error instanceof AdapterError) return error;
  // webpack's error when a chunk loaded on demand (insert, refresh, briefing, share) fails to arrive.
  if (error instanceof Error && error.name === "ChunkLoadError") return new AdapterError("load_failed", {}, { cause: error });
  const code = officeCode(error);
  if (code === "AccessDenied") return new AdapterError("sheet_protected", { officeCode: code, ...(sheet ? { sheet } : {}) }, { cause: error });
  if (code === "MergedRangeConflict") return new AdapterError("target_merged", { officeCode: code, ...(sheet ? { sheet } : {}) }, { cause: error });
  return new AdapterError("office_error", code ? { officeCode: code } : {}, { cause: error });
}

/**
 * A module loaded on demand (webpack's `import()`, its own chunk): a chunk that does not arrive
 * (offline, a new deployment) becomes load_failed, with its message in both languages.
 */
export function loadOnDemand<T>(load: () => Promise<T>): Promise<T> {
  return load().catch((error: unknown) => {
    throw toAdapterError(error);
  });
}

