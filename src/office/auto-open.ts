/**
 * "Open this pane when this workbook opens": Office's documented auto-open (AddInCommands 1.1).
 * The manifest's ShowTaskpane action has the TaskpaneId `Office.AutoShowTaskpaneWithDocument`,
 * and the document setting of that name, true, makes Office open the pane with that document
 * ("Automatically open a task pane with a document", Microsoft Learn). Each workbook opts in.
 *
 * The setting goes through `Office.context.document.settings` (set, then saveAsync), as that page
 * says. Where there is no Office document (the preview page), the workbook's own settings
 * (Excel.SettingCollection, over the simulated host) keep it under the same name.
 *
 * Layer: office.
 */
import type { ExcelRun } from "./excel-api";
import { AdapterError, toAdapterError } from "./errors";

/** The document setting Office reads (and the manifest's TaskpaneId). */
export const AUTO_OPEN_SETTING = "Office.AutoShowTaskpaneWithDocument";

/** The part of Office.Settings used here. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message: string } | null }) => void): void;
}

/** Office.context.document.settings, where Office.js runs in a document; else null. */
export function officeDocumentSettings(): DocumentSettings | null {
  if (typeof Office === "undefined") return null;
  const settings = Office.context?.document?.settings as DocumentSettings | undefined;
  return settings && typeof settings.get === "function" ? settings : null;
}

export async function readAutoOpen(settings: DocumentSettings | null, run: ExcelRun): Promise<boolean> {
  if (settings) return settings.get(AUTO_OPEN_SETTING) === true;
  try {
    return await run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(AUTO_OPEN_SETTING).load("value");
      await context.sync();
      return !item.isNullObject && item.value === true;
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

export async function writeAutoOpen(settings: DocumentSettings | null, run: ExcelRun, on: boolean): Promise<void> {
  if (settings) {
    if (on) settings.set(AUTO_OPEN_SETTING, true);
    else settings.remove(AUTO_OPEN_SETTING);
    await new Promise<void>((resolve, reject) =>
      settings.saveAsync((result) => {
        if (result.status === "failed" || (typeof Office !== "undefined" && result.status === Office.AsyncResultStatus.Failed)) {
          reject(new AdapterError("office_error", { officeCode: result.error?.message ?? "saveAsync" }));
        } else resolve();
      }),
    );
    return;
  }
  try {
    await run(async (context) => {
      if (on) context.workbook.settings.add(AUTO_OPEN_SETTING, true);
      else {
        const item = context.workbook.settings.getItemOrNullObject(AUTO_OPEN_SETTING);
        await context.sync();
        if (!item.isNullObject) item.delete();
      }
      await context.sync();
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}
