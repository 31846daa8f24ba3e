/**
 * The only errors that leave the adapter: typed, with a code, the details needed to explain them,
 * and messages in both languages.
 */
import type { Language } from "../data";

export type AdapterErrorCode =
  | "target_not_empty"
  | "sheet_protected"
  | "sheet_not_found"
  | "unsupported_host"
  | "office_error";

export interface AdapterErrorDetails {
  /** The address concerned, e.g. the first non-empty cell of the target area. */
  readonly address?: string;
  readonly sheet?: string;
  /** The Office error code behind an office_error or a mapped error, e.g. "AccessDenied". */
  readonly officeCode?: string;
}

const MESSAGES: Record<AdapterErrorCode, Record<Language, (d: AdapterErrorDetails) => string>> = {
  target_not_empty: {
    en: (d) => `The table needs empty cells, but ${d.address ?? "the target area"} is not empty. Nothing was written; choose another cell.`,
    zh: (d) => `插入表格需要空白单元格，但 ${d.address ?? "目标区域"} 不为空。未写入任何内容；请选择其他单元格。`,
  },
  sheet_protected: {
    en: (d) => `The sheet ${d.sheet ?? ""} is protected. Unprotect it to insert the table.`.replace("  ", " "),
    zh: (d) => `工作表 ${d.sheet ?? ""} 受保护。请取消保护后再插入表格。`.replace("  ", " "),
  },
  sheet_not_found: {
    en: (d) => `There is no sheet named ${d.sheet ?? ""}.`,
    zh: (d) => `找不到名为 ${d.sheet ?? ""} 的工作表。`,
  },
  unsupported_host: {
    en: () => "This version of Excel does not support what the add-in needs (ExcelApi 1.9).",
    zh: () => "此 Excel 版本不支持本加载项所需的功能（ExcelApi 1.9）。",
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
  const code = officeCode(error);
  if (code === "AccessDenied") return new AdapterError("sheet_protected", { officeCode: code, ...(sheet ? { sheet } : {}) }, { cause: error });
  return new AdapterError("office_error", code ? { officeCode: code } : {}, { cause: error });
}
