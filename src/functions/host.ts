/**
 * What the host Excel can take back from a custom function, detected once Office is ready.
 *
 * Findings (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts
 * and https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets):
 * - A custom function returns a number with its number format, or an entity card, by returning an
 *   Excel cell value object, e.g. { type: "Double", basicValue: 0.338, numberFormat: "0.0%" }.
 *   That needs `allowCustomDataForDataTypeAny: true` in functions.json (custom-functions-metadata
 *   writes it) and a result declared `any`; it is part of CustomFunctionsRuntime 1.4 (Microsoft 365
 *   on Windows 2208+, Mac 16.64+, the web). Older hosts would show the object as #VALUE!, so they
 *   get plain values.
 * - `numberFormat` on a DoubleCellValue is ExcelApi 1.19; before that the same thing is a
 *   FormattedNumberCellValue (ExcelApi 1.16, deprecated since 1.19 but still read).
 *
 * This module only reads `Office.context`; it never touches the workbook or the DOM.
 */
import type { Language } from "../data";

/** The capabilities a result is shaped for. Injected into the library, so tests choose them. */
export interface HostSupport {
  /** Cell value objects (formatted numbers, entities) may be returned: CustomFunctionsRuntime 1.4. */
  readonly cellValues: boolean;
  /** A DoubleCellValue may carry `numberFormat` (ExcelApi 1.19); else use FormattedNumberCellValue. */
  readonly doubleNumberFormat: boolean;
  /** The language of error messages, number formats and cards: the host's display language. */
  readonly language: Language;
}

/** A host that takes plain values only, in English: what tests, benches and old hosts get. */
export const PLAIN_HOST: HostSupport = Object.freeze({ cellValues: false, doubleNumberFormat: false, language: "en" });

/** A display language tag ("zh-CN", "en-US") mapped to the product's languages. */
export function languageOfTag(tag: string | undefined): Language {
  return tag !== undefined && /^zh\b/i.test(tag) ? "zh" : "en";
}

/** The parts of the `Office` global that detection reads. */
export interface OfficeLike {
  readonly context?: {
    readonly displayLanguage?: string;
    readonly requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

/**
 * The support of a host, read from an `Office` global; null where Office or its context is not
 * there yet (before Office.onReady) and the answer could still change.
 */
export function hostSupportOf(office: OfficeLike | undefined): HostSupport | null {
  const context = office?.context;
  const requirements = context?.requirements;
  if (!context || !requirements || typeof requirements.isSetSupported !== "function") return null;
  // Cell value objects are CustomFunctionsRuntime 1.4; the types returned (FormattedNumberCellValue,
  // EntityCellValue) are ExcelApi 1.16. Microsoft ships both in the same builds; both are checked.
  const cellValues = requirements.isSetSupported("CustomFunctionsRuntime", "1.4") && requirements.isSetSupported("ExcelApi", "1.16");
  return Object.freeze({
    cellValues,
    doubleNumberFormat: cellValues && requirements.isSetSupported("ExcelApi", "1.19"),
    language: languageOfTag(context.displayLanguage),
  });
}

let detected: HostSupport | undefined;

/**
 * The support of the Office host this code runs in; plain values in English where Office (or its
 * context) is absent. Cached once Office has a context.
 */
export function detectHostSupport(): HostSupport {
  if (detected) return detected;
  const support = hostSupportOf(typeof Office === "undefined" ? undefined : Office);
  if (support === null) return PLAIN_HOST;
  detected = support;
  return detected;
}
