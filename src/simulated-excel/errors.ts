/**
 * Errors the simulated host raises, shaped like `OfficeExtension.Error` (`name`, `code`, `message`,
 * `debugInfo`) so that adapter code can handle them exactly as it handles Excel's.
 */

/**
 * The error codes the simulator raises: a subset of `Excel.ErrorCodes` and
 * `OfficeExtension.ErrorCodes`. Each has a contract test; add a code only with the rule that raises it.
 */
export type SimErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "FilteredRangeConflict"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidRequestContext"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "MergedRangeConflict"
  | "PropertyNotLoaded"
  | "RangeExceedsLimit"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "RunMustReturnPromise"
  | "ValueNotLoaded";

/** The `debugInfo` of an Office error (see `OfficeExtension.DebugInfo`). */
export interface SimDebugInfo {
  readonly code: SimErrorCode;
  readonly message: string;
  /** The API member that failed, e.g. "Range.values". */
  readonly errorLocation?: string;
}

/** An error of the simulated host. `name` is "RichApi.Error", as Excel's are. */
export class SimOfficeError extends Error {
  override name = "RichApi.Error";
  readonly code: SimErrorCode;
  readonly debugInfo: SimDebugInfo;

  constructor(code: SimErrorCode, message: string, errorLocation?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
  }
}

/** The message Excel gives for a property read before `load()` + `sync()` (office-js issues #190, #777). */
export function propertyNotLoaded(property: string): SimOfficeError {
  return new SimOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Excel's message for a values/formulas/numberFormat array of the wrong shape (office-js issue #1025). */
export function shapeMismatch(location: string): SimOfficeError {
  return new SimOfficeError(
    "InvalidArgument",
    "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    location,
  );
}

export function itemNotFound(what: string, location: string): SimOfficeError {
  return new SimOfficeError("ItemNotFound", `The requested resource doesn't exist: ${what}.`, location);
}

export function invalidArgument(detail: string, location: string): SimOfficeError {
  return new SimOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${detail}`, location);
}

export function accessDenied(location: string): SimOfficeError {
  return new SimOfficeError(
    "AccessDenied",
    "The cell or chart you're trying to change is on a protected sheet.",
    location,
  );
}

export function apiNotFound(api: string, set: string, version: string): SimOfficeError {
  return new SimOfficeError(
    "ApiNotFound",
    `The API you are trying to use could not be found. ${api} needs ${set} ${version}, which this host does not report.`,
    api,
  );
}

/** The limits page both payload errors point to ("Error handling with the application-specific JavaScript APIs"). */
const LIMITS_PAGE = "See the Resource limits and performance optimization for Office Add-ins article for more information.";

/** Excel's RangeExceedsLimit: a read of more than 5,000,000 cells. */
export function rangeExceedsLimit(location: string): SimOfficeError {
  return new SimOfficeError("RangeExceedsLimit", `The cell count in the range has exceeded the maximum supported number. ${LIMITS_PAGE}`, location);
}

export function requestPayloadTooLarge(): SimOfficeError {
  return new SimOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit. ${LIMITS_PAGE}`, "RequestContext.sync");
}

export function responsePayloadTooLarge(): SimOfficeError {
  return new SimOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit. ${LIMITS_PAGE}`, "RequestContext.sync");
}

/** Excel's FilteredRangeConflict, e.g. for shifting cells inside a filtered range (office-js #994). */
export function filteredRangeConflict(location: string): SimOfficeError {
  return new SimOfficeError("FilteredRangeConflict", "The attempted operation causes a conflict with a filtered range.", location);
}
