/**
 * The ribbon's "Refresh figures" command (manifest: Action ExecuteFunction, FunctionName
 * "refreshFigures"). It runs in the shared runtime, on the page that hosts the pane and the custom
 * functions: it refreshes every tracked table, then every briefing, to the release in use, without
 * asking, then reports (a one-line summary to `notify`, and, if asked, the "Refresh log" sheet of
 * the tables in the same write).
 *
 * src/commands/ribbon.ts associates it at the top level of the page's script (before any await),
 * and the page provides these dependencies once Office is ready (provideRefreshCommand).
 *
 * Layer: commands (above office; no DOM; Office.js only through what the page passes in).
 */
import type { Language, Release } from "../data";
import { type DatasetIndex, type RefreshReport, summarizeBriefingRefresh } from "../core";
import { summarizeReport } from "../core/refresh";
import type { BriefingRefreshReport } from "../office/briefing";
import { toAdapterError } from "../office/errors";

/** The manifest's FunctionName for the button. */
export const REFRESH_COMMAND_ID = "refreshFigures";

export interface RefreshCommandDeps {
  /** Applies a refresh: the workbook port's refreshTables (options as the command asks). */
  readonly refresh: (release: Release | DatasetIndex, options: { readonly log?: Language | false }) => Promise<RefreshReport>;
  /** Then applies the briefings' refresh (the port's refreshBriefings); absent: tables only. */
  readonly refreshBriefings?: (release: Release | DatasetIndex) => Promise<BriefingRefreshReport>;
  /** The release in use (the page's active release). */
  readonly release: () => Release | DatasetIndex;
  /** Excel's display language. */
  readonly language: () => Language;
  /**
   * Tells the user what happened (e.g. the pane's status line, or a dialog); never throws. `ok` is
   * false when anything failed: the tables' refresh (report null) or, after it, the briefings'.
   */
  readonly notify: (message: string, report: RefreshReport | null, ok: boolean) => void;
  /** Also write the report to a "Refresh log" sheet when anything changed. Default false. */
  readonly writeLog?: boolean;
}

/**
 * Runs the command once: refresh the tables, then the briefings, then report. Resolves with the
 * tables' report (null after a failure, which is reported through `notify` in the user's
 * language); the message names the briefings too where there are any. A briefing failure after
 * the tables' refresh is said after the tables' summary. Never rejects.
 */
export async function runRefreshCommand(deps: RefreshCommandDeps): Promise<RefreshReport | null> {
  const language = deps.language();
  try {
    const release = deps.release();
    const report = await deps.refresh(release, { log: deps.writeLog ? language : false });
    let briefings = "";
    let ok = true;
    try {
      const refreshed = deps.refreshBriefings ? await deps.refreshBriefings(release) : null;
      briefings = refreshed ? summarizeBriefingRefresh(refreshed.briefings, refreshed.dryRun, language) : "";
    } catch (error: unknown) {
      const failure = toAdapterError(error).localized(language);
      briefings = language === "en" ? `Briefings: ${failure}` : `简报：${failure}`;
      ok = false;
    }
    deps.notify(briefings === "" ? summarizeReport(report, language) : `${summarizeReport(report, language)} ${briefings}`, report, ok);
    return report;
  } catch (error: unknown) {
    deps.notify(toAdapterError(error).localized(language), null, false);
    return null;
  }
}
