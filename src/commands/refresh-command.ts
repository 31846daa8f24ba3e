/**
 * The ribbon's "Refresh figures" command (manifest: Action ExecuteFunction, FunctionName
 * "refreshFigures"). It runs in the shared runtime, on the page that hosts the pane and the custom
 * functions: it refreshes every tracked table to the release in use, without asking, then reports
 * (a one-line summary to `notify`, and, if asked, the "Refresh log" sheet in the same write).
 *
 * src/commands/ribbon.ts associates it at the top level of the page's script (before any await),
 * and the page provides these dependencies once Office is ready (provideRefreshCommand).
 *
 * Layer: commands (above office; no DOM; Office.js only through what the page passes in).
 */
import type { Language, Release } from "../data";
import type { DatasetIndex, RefreshReport } from "../core";
import { summarizeReport } from "../core/refresh";
import { toAdapterError } from "../office/errors";

/** The manifest's FunctionName for the button. */
export const REFRESH_COMMAND_ID = "refreshFigures";

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
