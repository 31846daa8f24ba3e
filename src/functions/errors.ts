/**
 * Errors of the BJ.* functions. Inside Excel they are `CustomFunctions.Error`s, made against the
 * runtime's own global; where no runtime exists (a bench in Node, a plain browser page) they are
 * `DetachedFunctionError`s of the same shape, so the library never has to throw.
 *
 * The library returns errors; the registered functions (functions.ts) throw them, the way the
 * custom functions runtime documents: https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors
 */

/**
 * The error codes the library uses, by their `CustomFunctions.ErrorCode` member names: only codes
 * with which Excel shows the message. Excel shows no custom message with #NUM! (invalidNumber),
 * #DIV/0!, #NAME?, #REF! or #NULL! (the custom-functions-runtime reference: "A custom error message
 * can't be used"), so the library never returns those: a year that is not a whole number in range
 * is #VALUE! with a message that says which rule it breaks.
 */
export const ERROR_CODES = {
  notAvailable: "#N/A",
  invalidValue: "#VALUE!",
} as const;
export type ErrorKind = keyof typeof ERROR_CODES;

/** An error value as Excel reads it: its code ("#N/A") and a message shown on hover. */
export interface FunctionFailure {
  readonly code: `${CustomFunctions.ErrorCode}`;
  readonly message?: string;
}

/** The error made where no custom functions runtime exists. */
export class DetachedFunctionError implements FunctionFailure {
  constructor(
    readonly code: (typeof ERROR_CODES)[ErrorKind],
    readonly message: string,
  ) {}
}

function runtimeAvailable(): boolean {
  return typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function";
}

/** Makes an error of a kind with a message, against the runtime when there is one. */
export function functionError(kind: ErrorKind, message: string): FunctionFailure {
  if (runtimeAvailable()) return new CustomFunctions.Error(CustomFunctions.ErrorCode[kind], message);
  return new DetachedFunctionError(ERROR_CODES[kind], message);
}

/** True for an error the library made (with or without the runtime). */
export function isFunctionFailure(value: unknown): value is FunctionFailure {
  if (value instanceof DetachedFunctionError) return true;
  return runtimeAvailable() && value instanceof CustomFunctions.Error;
}

/**
 * Returns a result, or throws it where the library produced an error: the registered functions
 * hand errors to Excel by throwing `CustomFunctions.Error`, never anything else.
 */
export function settle<T>(result: T | FunctionFailure): T {
  if (isFunctionFailure(result)) throw result;
  return result;
}
