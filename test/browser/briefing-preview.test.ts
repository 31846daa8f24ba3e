/**
 * The briefing on the preview page in headless Chromium: inserted from the page's buttons in
 * English and in Chinese (2 of the pane's syncs each; the page's own chart reads are not counted),
 * its figures in the grid, and its three charts drawn beside the grid as SVG, estimates dashed.
 * Fails on a console error, an uncaught exception, a CSP violation or a request off the page's
 * origin. Screenshots: briefing-en.png and briefing-zh.png under support.ts's SCREENSHOTS
 * (test-results/screenshots; `npm run screenshots` writes them to docs/screenshots).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { briefingLayout, currentDataset, formatFigureValue } from "../../src/core";
import type { Language } from "../../src/data";
import { SCREENSHOTS, TIMEOUT_MS, build, close, launch, open, type Visit } from "./support";

const ORIGIN = "https://preview.test";
const index = currentDataset();

let browser: Browser | undefined;
let built = "";

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), "bj-briefing-preview-"));
  await build({ config: "webpack.preview.config.js", outDir: built });
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  if (built) rmSync(built, { recursive: true, force: true });
});

async function visit(): Promise<Visit> {
  if (!browser) throw new Error("no browser");
  const opened = await open(browser, { dir: built, origin: ORIGIN }, { path: "/", viewport: { width: 1440, height: 900 } });
  await opened.page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
  return opened;
}

const syncs = async (page: Page): Promise<number> => Number(await page.getAttribute("body", "data-syncs"));

interface DrawnChart {
  name: string;
  label: string;
  texts: string[];
  bars: number;
  estimates: number;
}

async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval("#charts figure.chart", (figures) =>
    figures.map((figure) => ({
      name: (figure as HTMLElement).dataset.chart ?? "",
      label: figure.querySelector("svg")?.getAttribute("aria-label") ?? "",
      texts: [...figure.querySelectorAll("text")].map((text) => text.textContent ?? ""),
      bars: figure.querySelectorAll("rect.chart-bar").length,
      estimates: figure.querySelectorAll("rect.chart-bar.estimate").length,
    })),
  );
}

describe.each<[Language, string, string]>([
  ["en", "Insert briefing (English)", "Briefing"],
  ["zh", "插入简报（中文）", "简报"],
])("the briefing on the preview page (%s)", (language, button, sheet) => {
  test("inserted from the page in 2 syncs; the sheet shows its figures; three charts beside the grid", async () => {
    const opened = await visit();
    const { page } = opened;
    try {
      const before = await syncs(page);
      await page.getByRole("button", { name: button }).click();
      await page.locator(`#sheet-tabs [data-sheet="${sheet}"][aria-selected=true]`).waitFor({ timeout: 30_000 });
      await page.locator("body[data-charts='3']").waitFor({ state: "attached", timeout: 30_000 });
      expect((await syncs(page)) - before).toBe(2);
      expect(await page.locator("#preview-status").textContent()).toContain(sheet);

      const layout = briefingLayout(index, language);
      expect(await page.locator("#cell-A1").textContent()).toBe(layout.title);
      // A figure cell of the grid shows its bound and period, in the briefing's language.
      const pioneering = layout.figureCells.find((cell) => cell.figureId === "pioneering_policies");
      const shown = (id: string): string => {
        const figure = index.figure(id);
        if (!figure) throw new Error(id);
        return formatFigureValue(figure, language, { periodTag: true });
      };
      expect(await page.locator(`#cell-${pioneering?.address ?? "B1"}`).textContent()).toBe(shown("pioneering_policies"));

      const charts = await drawnCharts(page);
      expect(charts.map((chart) => chart.name)).toEqual(layout.charts.map((chart) => chart.name));
      charts.forEach((chart, i) => {
        const spec = layout.charts[i];
        expect(chart.label).toBe(spec?.title);
        expect(chart.bars).toBe(2);
        expect(chart.estimates).toBe(1);
        for (const category of spec?.categories ?? []) expect(chart.texts.join(" ")).toContain(category.slice(0, 4));
      });
      expect(charts[0]?.texts).toEqual(expect.arrayContaining([shown("fdi_new_enterprises_yoy"), shown("national_fdi_new_enterprises_yoy")]));

      await page.screenshot({ path: join(SCREENSHOTS, `briefing-${language}.png`) });
      expect(opened.errors).toEqual([]);
      expect(opened.refused).toEqual([]);
      expect(opened.csp).toEqual([]);
    } finally {
      await close(opened);
    }
  }, TIMEOUT_MS);
});

test("back on a sheet without charts, the chart panel is hidden", async () => {
  const opened = await visit();
  const { page } = opened;
  try {
    await page.getByRole("button", { name: "Insert briefing (English)" }).click();
    await page.locator("body[data-charts='3']").waitFor({ state: "attached", timeout: 30_000 });
    await page.locator('#sheet-tabs [data-sheet="Sheet1"]').click();
    await page.locator("body[data-charts='0']").waitFor({ state: "attached", timeout: 30_000 });
    expect(await page.locator("#charts").isHidden()).toBe(true);
    expect(opened.errors).toEqual([]);
  } finally {
    await close(opened);
  }
}, TIMEOUT_MS);
