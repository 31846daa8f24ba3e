/**
 * Task pane entry (stub): names the dataset release in use, in English and Chinese. The full pane
 * comes with a later issue. Works inside Excel and in a plain browser, where `Office` may be
 * undefined (no CDN) or report no host.
 *
 * Layer: task pane (the only DOM code). Reads data through the core; renders with textContent only.
 */
import { CURRENT_RELEASE, LANGUAGES, type Language, type Release } from "../data";
import { longDate } from "../core";

interface PaneText {
  readonly release: string;
  readonly source: string;
  readonly occasion: string;
  readonly inExcel: string;
  readonly outsideOffice: string;
  readonly officeFailed: string;
}

const TEXT: Readonly<Record<Language, PaneText>> = {
  en: {
    release: "Release",
    source: "Source",
    occasion: "Occasion",
    inExcel: "Connected to Excel.",
    outsideOffice: "Not running in Office: showing the dataset only.",
    officeFailed: "Office did not start:",
  },
  zh: {
    release: "版本",
    source: "来源",
    occasion: "发布场合",
    inExcel: "已连接 Excel。",
    outsideOffice: "未在 Office 中运行：仅显示数据版本。",
    officeFailed: "Office 未能启动：",
  },
};

/** The label/value rows that describe a release in one language. */
export function releaseRows(release: Release, language: Language): ReadonlyArray<readonly [string, string]> {
  const text = TEXT[language];
  const { publisher, published, event } = release.source;
  const separator = language === "en" ? ", " : "，";
  return [
    [text.release, release.id],
    [text.source, `${publisher[language]}${separator}${longDate(published, language)}`],
    [text.occasion, event[language]],
  ];
}

function renderRelease(list: HTMLElement, release: Release, language: Language): void {
  const rows = releaseRows(release, language).flatMap(([label, value]) => {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    return [dt, dd];
  });
  list.replaceChildren(...rows);
}

function renderStatus(status: HTMLElement, pick: (text: PaneText) => string, detail = ""): void {
  const lines = LANGUAGES.map((language) => {
    const span = document.createElement("span");
    span.lang = language === "zh" ? "zh-CN" : "en";
    span.textContent = detail ? `${pick(TEXT[language])} ${detail}` : pick(TEXT[language]);
    return span;
  });
  status.replaceChildren(...lines);
}

/** Resolves to the Office host name, or null outside Office (no office.js, or no host). */
async function officeHost(): Promise<string | null> {
  if (typeof Office === "undefined") return null;
  const info = await Office.onReady();
  return info.host ? String(info.host) : null;
}

async function start(): Promise<void> {
  for (const language of LANGUAGES) {
    const list = document.getElementById(`release-${language}`);
    if (list) renderRelease(list, CURRENT_RELEASE, language);
  }
  const status = document.getElementById("host-status");
  if (!status) return;
  try {
    const host = await officeHost();
    renderStatus(status, (text) => (host ? text.inExcel : text.outsideOffice));
  } catch (error: unknown) {
    renderStatus(status, (text) => text.officeFailed, error instanceof Error ? error.message : String(error));
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => void start());
} else {
  void start();
}
