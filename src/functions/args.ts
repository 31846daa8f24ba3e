/**
 * Argument parsing for the BJ.* functions. Every parameter is declared `any` in the metadata so
 * that Excel passes what the user wrote and the function can answer with a clear error instead of
 * a bare #VALUE!. Excel passes an empty cell as 0 on desktop and as null (or nothing) on the web:
 * for an optional parameter all of these mean "not given".
 *
 * With `allowCustomDataForDataTypeAny`, a cell holding a data type (say, a formatted number that
 * another BJ function returned) arrives as its JSON cell value; its `basicValue` is what counts.
 */
import type { Language } from "../data";
import { functionError, type FunctionFailure } from "./errors";
import { MESSAGES, YEAR_RANGE, type ParamName } from "./messages";

/** An argument reduced to what it holds. */
type Argument =
  | { readonly kind: "missing"; readonly value: undefined }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "array"; readonly value: unknown }
  | { readonly kind: "other"; readonly value: unknown };

const MISSING: Argument = { kind: "missing", value: undefined };

/** The basic value of an Excel cell value object ({ type: "Double", basicValue: 2024 }), if it is one. */
function basicValueOf(value: object): { found: true; value: unknown } | { found: false } {
  if (!("type" in value) || !("basicValue" in value)) return { found: false };
  const type = value.type;
  if (type !== "Double" && type !== "FormattedNumber" && type !== "String" && type !== "Boolean") {
    return { found: false };
  }
  return { found: true, value: value.basicValue };
}

/** Classifies an argument as Excel passed it. */
export function classify(value: unknown): Argument {
  if (value === undefined || value === null) return MISSING;
  switch (typeof value) {
    case "number":
      return { kind: "number", value };
    case "string":
      return { kind: "text", value };
    case "boolean":
      return { kind: "boolean", value };
    case "object": {
      if (Array.isArray(value)) return { kind: "array", value };
      const basic = basicValueOf(value);
      if (basic.found && (typeof basic.value === "number" || typeof basic.value === "string" || typeof basic.value === "boolean")) {
        return classify(basic.value);
      }
      return { kind: "other", value };
    }
    default:
      return { kind: "other", value };
  }
}

/** Either a parsed value or the error to return. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FunctionFailure };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (kind: "notAvailable" | "invalidValue", message: string): Parsed<never> => ({
  ok: false,
  error: functionError(kind, message),
});

/** True where an optional argument counts as not given: nothing, null, 0, or blank text. */
function isBlank(arg: Argument): boolean {
  return arg.kind === "missing" || (arg.kind === "number" && arg.value === 0) || (arg.kind === "text" && arg.value.trim() === "");
}

/**
 * An optional year: null when not given, else a whole number in the sane range.
 * Anything else → #VALUE! with a message: not whole, not finite or out of range (not #NUM!: Excel
 * shows no message with it, and the user needs to know which rule the year breaks), text,
 * TRUE/FALSE or an array.
 */
export function parseOptionalYear(value: unknown, language: Language): Parsed<number | null> {
  const arg = classify(value);
  if (isBlank(arg)) return ok(null);
  switch (arg.kind) {
    case "number": {
      const year = arg.value;
      if (!Number.isFinite(year) || !Number.isInteger(year)) return fail("invalidValue", MESSAGES.yearNotWhole(year, language));
      if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return fail("invalidValue", MESSAGES.yearOutOfRange(year, language));
      return ok(year);
    }
    case "array":
      return fail("invalidValue", MESSAGES.notScalar("year", language));
    default:
      return fail("invalidValue", MESSAGES.yearNotNumber(arg.value, language));
  }
}

/**
 * A required id (of a figure or a table), trimmed and lower-cased: ids are lower snake_case, so
 * "FDI_NEW_ENTERPRISES" finds fdi_new_enterprises. Whether it exists is the caller's question.
 */
export function parseRequiredId(
  value: unknown,
  what: "indicator" | "table",
  example: string,
  language: Language,
): Parsed<string> {
  const arg = classify(value);
  if (isBlank(arg)) return fail("invalidValue", MESSAGES.idRequired(what, example, language));
  if (arg.kind === "text") return ok(arg.value.trim().toLowerCase());
  if (arg.kind === "array") return fail("invalidValue", MESSAGES.notScalar(what, language));
  return fail("invalidValue", MESSAGES.idNotText(what, arg.value, example, language));
}

/**
 * An optional choice among accepted words (a field, a language, a citation style), matched
 * case-insensitively after `normalize`. Not given → the default. Anything else → #VALUE! listing
 * the accepted values.
 */
export function parseOptionalChoice<T extends string>(
  value: unknown,
  param: ParamName,
  choices: Readonly<Record<string, T>>,
  fallback: T,
  shown: readonly string[],
  language: Language,
  normalize: (text: string) => string = (text) => text.trim().toLowerCase(),
): Parsed<T> {
  const arg = classify(value);
  if (isBlank(arg)) return ok(fallback);
  if (arg.kind === "text") {
    const key = normalize(arg.value);
    const choice = Object.prototype.hasOwnProperty.call(choices, key) ? choices[key] : undefined;
    if (choice !== undefined) return ok(choice);
    return fail("invalidValue", MESSAGES.badChoice(param, arg.value, shown, language));
  }
  if (arg.kind === "array") return fail("invalidValue", MESSAGES.notScalar(param, language));
  return fail("invalidValue", MESSAGES.badChoice(param, arg.value, shown, language));
}

/**
 * An optional TRUE/FALSE switch: not given, blank or 0 → false; TRUE or any other number → its
 * truth; text or an array → #VALUE!.
 */
export function parseOptionalFlag(value: unknown, param: ParamName, language: Language): Parsed<boolean> {
  const arg = classify(value);
  if (isBlank(arg)) return ok(false);
  if (arg.kind === "boolean") return ok(arg.value);
  if (arg.kind === "number" && Number.isFinite(arg.value)) return ok(arg.value !== 0);
  if (arg.kind === "array") return fail("invalidValue", MESSAGES.notScalar(param, language));
  return fail("invalidValue", MESSAGES.flagNotBoolean(param, arg.value, language));
}
