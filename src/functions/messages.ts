/**
 * The error messages of the BJ.* functions, in English and Simplified Chinese. Excel shows them
 * when the user hovers over an error cell; the language follows the host's display language.
 */
import type { Language } from "../data";

/** The parameters a message can name. */
export type ParamName = "year" | "indicator" | "field" | "table" | "language" | "style" | "with_source";

/** Years outside this range are not years the dataset could ever hold. */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

const PARAM_WORDS: Record<Language, Record<ParamName, string>> = {
  en: { year: "year", indicator: "indicator", field: "field", table: "table", language: "language", style: "style", with_source: "with_source" },
  zh: { year: "年份", indicator: "指标", field: "字段", table: "表", language: "语言", style: "样式", with_source: "含来源" },
};

const WHAT_IDS: Record<Language, Record<"indicator" | "table", string>> = {
  en: { indicator: "indicator", table: "table" },
  zh: { indicator: "指标", table: "表" },
};

/** A short, safe rendering of an argument for a message. */
export function describeArgument(value: unknown, language: Language): string {
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return language === "en" ? `"${shown}"` : `“${shown}”`;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return language === "en" ? "an array" : "数组";
  return language === "en" ? "a value of another type" : "其他类型的值";
}

const list = (items: readonly string[], language: Language): string => items.join(language === "en" ? ", " : "、");

/** The message catalogue. Each entry returns the text for a language. */
export const MESSAGES = {
  notScalar: (param: ParamName, language: Language): string =>
    language === "en"
      ? `${PARAM_WORDS.en[param]} takes a single value, not a range or an array.`
      : `${PARAM_WORDS.zh[param]}只能是单个值，不能是区域或数组。`,

  yearNotNumber: (got: unknown, language: Language): string =>
    language === "en"
      ? `year must be a number, such as 2024; got ${describeArgument(got, "en")}.`
      : `年份须为数字，例如 2024；收到的是${describeArgument(got, "zh")}。`,

  yearNotWhole: (got: number, language: Language): string =>
    language === "en"
      ? `year must be a whole number, such as 2024; got ${got}.`
      : `年份须为整数，例如 2024；收到的是 ${got}。`,

  yearOutOfRange: (got: number, language: Language): string =>
    language === "en"
      ? `year must be between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}; got ${got}.`
      : `年份须在 ${YEAR_RANGE.min} 至 ${YEAR_RANGE.max} 之间；收到的是 ${got}。`,

  /** "No stated figure for 2023; the source covers January–November 2024". */
  noStatedFigure: (year: number, periods: readonly string[], language: Language): string => {
    if (periods.length === 0) {
      return language === "en" ? `No stated figure for ${year}; the source states none` : `${year}年无公布数；来源未公布此项`;
    }
    return language === "en"
      ? `No stated figure for ${year}; the source covers ${list(periods, "en")}`
      : `${year}年无公布数；来源涵盖${list(periods, "zh")}`;
  },

  idRequired: (what: "indicator" | "table", example: string, language: Language): string =>
    language === "en"
      ? `${WHAT_IDS.en[what]} is required: an id such as ${example}${what === "indicator" ? " (BJ.INDICATORS() lists them)" : ""}.`
      : `${WHAT_IDS.zh[what]}不能为空：请填写编号，例如 ${example}${what === "indicator" ? "（BJ.INDICATORS() 可列出全部编号）" : ""}。`,

  idNotText: (what: "indicator" | "table", got: unknown, example: string, language: Language): string =>
    language === "en"
      ? `${WHAT_IDS.en[what]} must be an id as text, such as "${example}"; got ${describeArgument(got, "en")}.`
      : `${WHAT_IDS.zh[what]}须为文本编号，例如“${example}”；收到的是${describeArgument(got, "zh")}。`,

  unknownId: (what: "indicator" | "table", got: string, closest: readonly string[], language: Language): string =>
    language === "en"
      ? `Unknown ${WHAT_IDS.en[what]} ${describeArgument(got, "en")}; closest ids: ${list(closest, "en")}`
      : `未知${WHAT_IDS.zh[what]}${describeArgument(got, "zh")}；最接近的编号：${list(closest, "zh")}`,

  periodMismatch: (id: string, year: number, period: string, language: Language): string =>
    language === "en"
      ? `${id} has no figure for ${year}; its period is ${period}`
      : `${id} 没有${year}年的数据；其时期为${period}`,

  /** A year given for a figure whose period the source does not state (the project inferred it). */
  yearInferred: (id: string, year: number, period: string, language: Language): string =>
    language === "en"
      ? `${id}: the source gives no year for it (its period ${period} is inferred), so it is not stated as a ${year} figure; leave the year out`
      : `${id}：来源未给出其年份（时期${period}为推断），并非公布的${year}年数据；请不填年份`,

  flagNotBoolean: (param: ParamName, got: unknown, language: Language): string =>
    language === "en"
      ? `${PARAM_WORDS.en[param]} must be TRUE or FALSE; got ${describeArgument(got, "en")}.`
      : `${PARAM_WORDS.zh[param]}须为 TRUE 或 FALSE；收到的是${describeArgument(got, "zh")}。`,

  badChoice: (param: ParamName, got: unknown, accepted: readonly string[], language: Language): string =>
    language === "en"
      ? `Unknown ${PARAM_WORDS.en[param]} ${describeArgument(got, "en")}; accepted values: ${list(accepted, "en")}`
      : `${PARAM_WORDS.zh[param]}${describeArgument(got, "zh")}无效；可用值：${list(accepted, "zh")}`,
} as const;
