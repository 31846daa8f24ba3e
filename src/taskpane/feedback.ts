/**
 * What the pane says about a failed action: the adapter's own message in the pane's language
 * (what happened and what to do), and whether to offer "insert on a new sheet" instead.
 *
 * Layer: task pane (pure: no DOM).
 */
import type { Language } from "../data";
import { STRINGS } from "./strings";

/** The shape of src/office's AdapterError that the pane relies on (checked structurally). */
export interface AdapterErrorLike {
  readonly code: string;
  localized(language: Language): string;
}

export function isAdapterError(error: unknown): error is AdapterErrorLike {
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { code?: unknown; localized?: unknown };
  return typeof candidate.code === "string" && typeof candidate.localized === "function";
}

/**
 * Errors about the chosen target (the cells or the sheet), which a new sheet avoids: the adapter's
 * "target_*" codes (not empty, in a table, merged, past the sheet's edge) and a protected sheet.
 */
export function isTargetError(error: unknown): boolean {
  return isAdapterError(error) && (error.code.startsWith("target_") || error.code === "sheet_protected");
}

export interface FailureMessage {
  readonly text: string;
  readonly offerNewSheet: boolean;
}

/** The message for an error thrown by an action, in a language. Never empty. */
export function describeFailure(error: unknown, language: Language, insertAtCell = false): FailureMessage {
  if (isAdapterError(error)) {
    return { text: error.localized(language), offerNewSheet: insertAtCell && isTargetError(error) };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { text: STRINGS[language].unexpected(detail), offerNewSheet: false };
}
