/**
 * A stub of the custom functions runtime's `CustomFunctions` global, shaped like the Office
 * runtime's: `new CustomFunctions.Error(code, message?)` with `.code` and `.message`, the
 * `ErrorCode` enum with Excel's error strings, and `associate(id, fn)` / `associate(mappings)`.
 * Jest has no Office runtime; import this module first in every test of the functions.
 */

/** The runtime's ErrorCode values (custom-functions-runtime typings). */
export enum StubErrorCode {
  invalidValue = "#VALUE!",
  notAvailable = "#N/A",
  divisionByZero = "#DIV/0!",
  invalidNumber = "#NUM!",
  nullReference = "#NULL!",
  invalidName = "#NAME?",
  invalidReference = "#REF!",
}

/**
 * The codes Excel shows a custom message with (the ErrorCode reference: for #DIV/0!, #NUM!,
 * #NULL!, #NAME? and #REF! "a custom error message can't be used").
 */
export const MESSAGE_CODES: ReadonlySet<StubErrorCode> = new Set([StubErrorCode.invalidValue, StubErrorCode.notAvailable]);

/**
 * The runtime's CustomFunctions.Error: a plain class, not a JavaScript Error. As in Excel, a
 * message given with a code that cannot carry one is not shown: the stub drops it.
 */
export class StubCustomFunctionsError {
  public message?: string;
  constructor(
    public code: StubErrorCode,
    message?: string,
  ) {
    if (message !== undefined && MESSAGE_CODES.has(code)) this.message = message;
  }
}

/** Every id associated through the stub, with its function. */
export const associations = new Map<string, unknown>();

function associate(idOrMappings: string | Record<string, unknown>, fn?: unknown): void {
  if (typeof idOrMappings === "string") {
    associations.set(idOrMappings, fn);
    return;
  }
  for (const [id, f] of Object.entries(idOrMappings)) associations.set(id, f);
}

export const customFunctionsStub = { Error: StubCustomFunctionsError, ErrorCode: StubErrorCode, associate };

Object.defineProperty(globalThis, "CustomFunctions", {
  value: customFunctionsStub,
  configurable: true,
  writable: true,
});
