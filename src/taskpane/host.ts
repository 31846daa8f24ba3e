/**
 * Where the pane's workbook comes from. In Excel: the Office.js adapter (src/office, which alone runs Excel batches). Outside
 * Excel (Office.onReady reports no host, or Office.js is missing): the workbook a preview page
 * offers through the `bjPreviewHost` hook, if any, run through the same adapter; else none.
 *
 * The preview hook is a plain object the preview page sets on the window before taskpane.js runs:
 * `{ run, isSetSupported }`, shaped like Excel's batch runner and the requirement-set check.
 * The pane builds its own ExcelWorkbook over it, so the preview exercises the production adapter,
 * and no simulator code is in this bundle.
 *
 * Layer: task pane.
 */
import type { Language } from "../data";
import { ExcelWorkbook, type ExcelRun, type IsSetSupported, type WorkbookPort } from "../office";

/** What a preview page offers the pane. */
export interface PreviewHost {
  readonly run: ExcelRun;
  readonly isSetSupported: IsSetSupported;
}

declare global {
  interface Window {
    bjPreviewHost?: PreviewHost;
  }
}

export type HostKind = "excel" | "preview" | "none";

export interface PaneHost {
  readonly kind: HostKind;
  readonly port: WorkbookPort | null;
  /** Office's display language, where Office reported one. */
  readonly displayLanguage: Language | null;
  /** Office's theme body colour, where Office reported one (e.g. "#1f1f1f"). */
  readonly themeBackground: string | null;
  /** Why Office failed to start, if it did. */
  readonly officeError: string | null;
}

/** The preview page's hook, if this page is the preview. */
function previewHook(): PreviewHost | null {
  const hook = window.bjPreviewHost;
  return hook && typeof hook.run === "function" && typeof hook.isSetSupported === "function" ? hook : null;
}

/** "zh-CN" → "zh", anything else → "en". */
export function languageOf(tag: string | undefined | null): Language {
  return typeof tag === "string" && /^zh\b/i.test(tag) ? "zh" : "en";
}

/** Finds the pane's host. Never rejects. */
export async function resolveHost(): Promise<PaneHost> {
  let officeError: string | null = null;
  if (typeof Office !== "undefined") {
    try {
      const info = await Office.onReady();
      if (info.host === Office.HostType.Excel) {
        const context = Office.context;
        return {
          kind: "excel",
          port: new ExcelWorkbook(),
          displayLanguage: context?.displayLanguage ? languageOf(context.displayLanguage) : null,
          themeBackground: context?.officeTheme?.bodyBackgroundColor ?? null,
          officeError: null,
        };
      }
    } catch (error: unknown) {
      officeError = error instanceof Error ? error.message : String(error);
    }
  }
  const hook = previewHook();
  if (hook) {
    return {
      kind: "preview",
      port: new ExcelWorkbook({ run: hook.run, isSetSupported: hook.isSetSupported }),
      displayLanguage: null,
      themeBackground: null,
      officeError: null,
    };
  }
  return { kind: "none", port: null, displayLanguage: null, themeBackground: null, officeError };
}

/** Whether a CSS colour like "#1f1f1f" is dark (relative luminance below one half). */
export function isDarkColour(colour: string): boolean {
  const match = /^#?([0-9a-f]{6})$/i.exec(colour.trim());
  if (!match?.[1]) return false;
  const value = Number.parseInt(match[1], 16);
  const channel = (shift: number): number => ((value >> shift) & 0xff) / 255;
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  return luminance < 0.5;
}
