/**
 * The ribbon's "Refresh figures" command (manifest: Action ExecuteFunction, FunctionName
 * "refreshFigures"). It runs in the shared runtime, on the page that hosts the pane and the custom
 * functions: it refreshes every tracked table to the release in use, without asking, then reports
 * (a one-line summary to `notify`, and, if asked, the "Refresh log" sheet in the same write).
 *
 * The page registers it once, where it starts:
 *   registerRefreshCommand((id, fn) => Office.actions.associate(id, fn), { refresh, release, language, notify });
 *
 * Layer: commands (above office; no DOM; Office.js only through what the page passes in).
 */
import type { Language, Release } from "../data";
import type { DatasetIndex, RefreshReport } from "../core";
import { summarizeReport } from "../core/refresh";
import { toAdapterError } from "../office/errors";

/** The manifest's FunctionName for the button. */
export const REFRESH_COMMAND_ID = "refreshFigures";

/** What Office passes to a command function: call completed() when done (always, even after a failure). */
export interface CommandEvent {
  completed(): void;
}

/** The shape of Office.actions.associate(actionId, actionFunction). */
export type Associate = (actionId: string, actionFunction: (event?: unknown) => void) => void;

export interface RefreshCommandDeps {
  /** Applies a refresh: the workbook port's refreshTables (options as the command asks). */
  readonly refresh: (release: Release | DatasetIndex, options: { readonly log?: Language | false }) => Promise<RefreshReport>;
  /** The release in use (the page's active release). */
  readonly release: () => Release | DatasetIndex;
  /** Excel's display language. */
  readonly language: () => Language;
  /** Tells the user what happened (e.g. the pane's status line, or a dialog); never throws. */
  readonly notify: (message: string, report: RefreshReport | null) => void;
  /** Also write the report to a "Refresh log" sheet when anything changed. Default false. */
  readonly writeLog?: boolean;
}

function isCommandEvent(value: unknown): value is CommandEvent {
  return typeof value === "object" && value !== null && typeof (value as { completed?: unknown }).completed === "function";
}

/**
 * Runs the command once: refresh, then report. Resolves with the report (null after a failure,
 * which is reported through `notify` in the user's language). Never rejects.
 */
export async function runRefreshCommand(deps: RefreshCommandDeps): Promise<RefreshReport | null> {
  const language = deps.language();
  try {
    const report = await deps.refresh(deps.release(), { log: deps.writeLog ? language : false });
    deps.notify(summarizeReport(report, language), report);
    return report;
  } catch (error: unknown) {
    deps.notify(toAdapterError(error).localized(language), null);
    return null;
  }
}

/** Associates the ribbon command with its handler; the handler always calls event.completed(). */
export function registerRefreshCommand(associate: Associate, deps: RefreshCommandDeps): void {
  associate(REFRESH_COMMAND_ID, (event?: unknown) => {
    void runRefreshCommand(deps).finally(() => {
      if (isCommandEvent(event)) event.completed();
    });
  });
}
