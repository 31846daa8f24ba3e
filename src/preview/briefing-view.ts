/**
 * The preview page's charts and briefing buttons: the native charts of the active sheet, read
 * through the simulated host's chart API (their series as they show now) and drawn beside the
 * grid as SVG; and "Insert briefing" in English or Chinese through the production adapter (the
 * pane's own button comes with the pane).
 *
 * The chart reads are the page's own batches, not the pane's: their syncs are counted apart, so
 * that the page's `data-syncs` keeps counting the pane's syncs only.
 *
 * Layer: preview (never in a production bundle).
 */
import { briefingLayout, currentDataset } from "../core";
import type { Language } from "../data";
import { ExcelWorkbook, type ExcelRun, type IsSetSupported } from "../office";
import type { SimulatedExcel } from "../simulated-excel";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 360;
const HEIGHT = 230;
const PLOT = { left: 24, right: WIDTH - 24, top: 58, bottom: HEIGHT - 44 };

/** One chart as the page draws it. */
export interface SeenChart {
  readonly name: string;
  readonly title: string;
  readonly seriesName: string;
  readonly categories: readonly string[];
  /** The values as their cells show them ("est. 9% (Jan–Nov)"). */
  readonly shown: readonly string[];
}

/** The number a shown value starts with ("est. 1,559 (Jan–Nov)" → 1559); null where there is none. */
export function shownNumber(text: string): number | null {
  const match = /-?\d[\d,]*(?:\.\d+)?/.exec(text);
  return match ? Number(match[0].replace(/,/g, "")) : null;
}

/** Whether a category or value is marked as an estimate. */
const isEstimate = (text: string): boolean => /\best\.|估算/.test(text);

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Splits a title into at most `lines` lines of about `width` characters (CJK counts double). */
function wrap(text: string, width: number, lines: number): string[] {
  const units = (part: string): number => [...part].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const words = /\s/.test(text) ? text.split(/(?<=\s)/) : [...text];
  const out: string[] = [""];
  for (const word of words) {
    const last = out.length - 1;
    if (units((out[last] ?? "") + word) > width && (out[last] ?? "") !== "" && out.length < lines) out.push(word.trimStart());
    else out[last] = (out[last] ?? "") + word;
  }
  return out.map((line) => line.trim());
}

/** An SVG column chart of one series: bars, the shown values above, the categories below; estimates dashed. */
export function chartSvg(chart: SeenChart): SVGSVGElement {
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: "img", "aria-label": chart.title, class: "chart-svg" });
  root.append(svg("rect", { x: 0.5, y: 0.5, width: WIDTH - 1, height: HEIGHT - 1, rx: 4, class: "chart-frame" }));
  wrap(chart.title, 56, 2).forEach((line, i) => root.append(svg("text", { x: WIDTH / 2, y: 20 + i * 15, "text-anchor": "middle", class: "chart-title" }, line)));
  const numbers = chart.shown.map((text) => shownNumber(text) ?? 0);
  const top = Math.max(0, ...numbers) || 1;
  const slot = (PLOT.right - PLOT.left) / Math.max(1, numbers.length);
  const barWidth = Math.min(90, slot * 0.55);
  root.append(svg("line", { x1: PLOT.left, x2: PLOT.right, y1: PLOT.bottom, y2: PLOT.bottom, class: "chart-axis" }));
  numbers.forEach((value, i) => {
    const height = (Math.max(0, value) / top) * (PLOT.bottom - PLOT.top);
    const x = PLOT.left + slot * i + (slot - barWidth) / 2;
    const category = chart.categories[i] ?? String(i + 1);
    const estimate = isEstimate(category) || isEstimate(chart.shown[i] ?? "");
    root.append(svg("rect", { x, y: PLOT.bottom - height, width: barWidth, height, class: estimate ? "chart-bar estimate" : "chart-bar" }));
    root.append(svg("text", { x: x + barWidth / 2, y: PLOT.bottom - height - 5, "text-anchor": "middle", class: "chart-value" }, chart.shown[i] ?? ""));
    wrap(category, 26, 2).forEach((line, k) => root.append(svg("text", { x: x + barWidth / 2, y: PLOT.bottom + 15 + k * 13, "text-anchor": "middle", class: "chart-category" }, line)));
  });
  return root;
}

/**
 * Reads the charts of a sheet: names, titles, and each first series' categories and shown values.
 * 2 syncs (1 without charts), each counted through `counted`.
 */
export async function readCharts(host: SimulatedExcel, sheetName: string, counted: () => void = () => undefined): Promise<SeenChart[]> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
    const charts = sheet.charts.load("items/name");
    counted();
    await context.sync();
    if (sheet.isNullObject) return [];
    const details = charts.items.map((chart) => {
      const series = chart.series.getItemAt(0).load("name");
      return { chart, series, title: chart.title.load("text"), values: series.getDimensionValues("Values"), categories: series.getDimensionValues("Categories") };
    });
    if (details.length > 0) {
      counted();
      await context.sync();
    }
    return details.map(({ chart, series, title, values, categories }) => ({
      name: chart.name,
      title: title.text,
      seriesName: series.name,
      categories: categories.value,
      shown: values.value,
    }));
  });
}

/** The syncs the page made for itself (chart reads), to leave out of the pane's count. */
let ownSyncs = 0;
let drawn = 0;

/** The pane's syncs: all the host's, less the page's own. */
export function paneSyncs(host: SimulatedExcel): number {
  return host.syncCount - ownSyncs;
}

/** Draws the charts of `sheetName` into `into` (empty, and hidden, when it has none). */
export async function drawCharts(host: SimulatedExcel, sheetName: string, into: HTMLElement): Promise<void> {
  const ticket = ++drawn;
  let charts: SeenChart[] = [];
  try {
    charts = await readCharts(host, sheetName, () => void ownSyncs++);
  } catch {
    // A sheet deleted meanwhile, or a chart gone: draw none (the next render tries again).
    charts = [];
  }
  if (ticket !== drawn) return;
  into.hidden = charts.length === 0;
  into.replaceChildren(
    ...charts.map((chart) => {
      const figure = document.createElement("figure");
      figure.className = "chart";
      figure.dataset.chart = chart.name;
      figure.append(chartSvg(chart));
      return figure;
    }),
  );
  document.body.dataset.syncs = String(paneSyncs(host));
  document.body.dataset.charts = String(charts.length);
}

/** "Insert briefing" buttons for each language, over the pane's adapter. */
export function briefingButtons(run: ExcelRun, isSetSupported: IsSetSupported, report: (message: string) => void): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "briefing-buttons";
  const port = new ExcelWorkbook({ run, isSetSupported });
  const labels: Record<Language, string> = { en: "Insert briefing (English)", zh: "插入简报（中文）" };
  for (const language of ["en", "zh"] as const) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "briefing-button";
    button.dataset.language = language;
    button.lang = language === "en" ? "en" : "zh-CN";
    button.textContent = labels[language];
    button.addEventListener("click", () => {
      button.disabled = true;
      port
        .insertBriefing(briefingLayout(currentDataset(), language))
        .then((inserted) => report(language === "en" ? `Briefing inserted on ${inserted.sheet}.` : `简报已插入到 ${inserted.sheet}。`))
        .catch((error: unknown) => report(error instanceof Error ? error.message : String(error)))
        .finally(() => (button.disabled = false));
    });
    bar.append(button);
  }
  return bar;
}
