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

/** An insert's read-back problem, as src/office's InsertProblem (checked structurally). */
export type InsertProblemLike =
  | { readonly kind: "formula_error"; readonly address: string; readonly error: string }
  | { readonly kind: "table_range"; readonly table: string; readonly expected: string; readonly actual: string };

/**
 * What the pane adds to "Inserted ..." when the insert's read-back found problems: one sentence
 * per table whose range differs, and one for the =BJ.* cells that show errors (by error, the
 * first cell named). Null when there is nothing to report.
 */
export function insertProblemsText(problems: readonly InsertProblemLike[], language: Language): string | null {
  const text = STRINGS[language];
  const sentences: string[] = [];
  for (const problem of problems) if (problem.kind === "table_range") sentences.push(text.insertTableRange(problem.table, problem.expected, problem.actual));
  const byError = new Map<string, string[]>();
  for (const problem of problems) if (problem.kind === "formula_error") byError.set(problem.error, [...(byError.get(problem.error) ?? []), problem.address]);
  for (const [error, addresses] of byError) sentences.push(text.insertFormulaErrors(addresses.length, addresses[0] ?? "", error));
  return sentences.length === 0 ? null : sentences.join(" ");
}
