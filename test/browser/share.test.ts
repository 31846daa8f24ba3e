/**
 * Issue 15 on the preview page: one figure into a cell (live formula, value, copy the formula; a
 * taken cell refused), Prepare for sharing (what will change, then freeze: the grid shows the same
 * text, a Sources sheet appears), Restore live formulas, and "Open this pane when this workbook
 * opens"; by mouse and by keyboard; screenshots in both languages.
 *
 * (Helpers as in preview-page.test.ts:) The preview page in real headless Chromium (Debian's chromium, driven by playwright-core), used
 * as a user would: search, preview, insert at a clicked cell and on a new sheet, see the figures
 * formatted in the simulated grid, meet the refusal when the cells are taken (grid unchanged), and
 * switch the language; then all of it again by keyboard alone. One build of the static preview
 * site (npm run build:preview's config) serves every test from a single https test origin.
 *
 * Every test fails on a console error, an uncaught exception, or any request that leaves the
 * page's own origin. Screenshots of the page and of the pane, in English and Chinese, are saved
 * under support.ts's SCREENSHOTS (test-results/screenshots; `npm run screenshots` writes docs/screenshots) (Chinese needs a CJK font: Debian's fonts-noto-cjk).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { SCREENSHOTS, launch, watchCsp } from "./support";
import { currentDataset } from "../../src/core";
import { STRINGS } from "../../src/taskpane/strings";

const ROOT = resolve(__dirname, "../..");
const ORIGIN = "https://preview.test";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TIMEOUT_MS = 300_000;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
};

const index = currentDataset();

let outDir = "";
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (.ci/run does).`);
  outDir = mkdtempSync(join(tmpdir(), "bj-share-"));
  const build = spawnSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--config", "webpack.preview.config.js", "--mode", "production", "--output-path", outDir],
    { cwd: ROOT, encoding: "utf8", timeout: TIMEOUT_MS },
  );
  if (build.status !== 0) throw new Error(`preview build failed:\n${build.stdout}\n${build.stderr}`);
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Visit {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Requests that left the page's origin, or asked for a file the site does not have. */
  readonly refused: string[];
}

async function openPreview(options: { slowWorkbookMs?: number } = {}): Promise<Visit> {
  if (!browser) throw new Error("no browser");
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  if (options.slowWorkbookMs !== undefined) {
    // A slow workbook: every batch of the preview's hook starts late (the page sets the hook later).
    await page.addInitScript((delay: number) => {
      let hook: unknown;
      Object.defineProperty(window, "bjPreviewHost", {
        configurable: true,
        get: () => hook,
        set: (value: { run: (batch: unknown) => Promise<unknown>; isSetSupported: unknown }) => {
          hook = { ...value, run: (batch: unknown) => new Promise((done) => setTimeout(done, delay)).then(() => value.run(batch)) };
        },
      });
    }, options.slowWorkbookMs);
  }
  const visit: Visit = { page, errors: [], refused: [] };
  await watchCsp(page, visit.errors); // any Content Security Policy violation fails the test
  page.on("pageerror", (error) => visit.errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") visit.errors.push(`console: ${message.text()}`);
  });
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname === "/" ? "/index.html" : url.pathname;
    const file = url.origin === ORIGIN ? normalize(join(outDir, decodeURIComponent(path))) : null;
    if (file === null || !file.startsWith(outDir) || !existsSync(file)) {
      visit.refused.push(url.href);
      await route.abort("blockedbyclient");
      return;
    }
    await route.fulfill({ status: 200, body: readFileSync(file), contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream" });
  });
  await page.goto(`${ORIGIN}/`);
  await page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
  return visit;
}

/** The displayed text of every cell of the active sheet, by address (empty cells left out). */
async function gridText(page: Page): Promise<Record<string, string>> {
  return page.$$eval("#grid td[data-address]", (cells) =>
    Object.fromEntries(cells.flatMap((cell) => (cell.textContent ? [[(cell as HTMLElement).dataset.address ?? "", cell.textContent]] : []))),
  );
}

/** In the result list (one Tab stop, roving tabindex): Tab into it, then arrow down to `selector`. */
async function arrowTo(page: Page, selector: string, max = 60): Promise<void> {
  await tabTo(page, "#catalog button.item");
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the arrows never reached ${selector}`);
}

/** Presses Tab until `selector` has focus; fails if it is not reached in `max` presses. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    seen.push(await page.evaluate(() => `${document.activeElement?.tagName ?? ""}#${document.activeElement?.id ?? ""}`));
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}; focus went ${[...new Set(seen)].slice(0, 40).join(" ")}`);
}


/** The formula of a cell of the active sheet, read through the preview's own workbook hook. */
async function formulaOf(page: Page, address: string): Promise<unknown> {
  return page.evaluate(async (cell) => {
    const hook = window.bjPreviewHost;
    if (!hook) throw new Error("no preview hook");
    return hook.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange(cell).load("formulas");
      await context.sync();
      return range.formulas[0]?.[0];
    });
  }, address);
}

async function sheetTabs(page: Page): Promise<string[]> {
  return page.$$eval(".sheet-tab", (buttons) => buttons.map((b) => b.textContent ?? ""));
}

const en = STRINGS.en;
const zh = STRINGS.zh;
const fdi = index.figure("fdi_new_enterprises");

describe("sharing and one figure on the preview page", () => {
  it("by mouse: a figure into cells, a taken cell refused, freeze with a Sources sheet, restore", async () => {
    const { page, errors, refused } = await openPreview();
    if (!fdi) throw new Error("the release has no fdi_new_enterprises");
    await page.fill("#search", "FDI");
    await page.click('button.item[data-id="fdi_new_enterprises"]');
    expect(await page.inputValue("#figure-formula")).toBe("=BJ.FDI_COUNT(2024)");

    await page.click('#grid td[data-address="B2"]');
    await page.click("#figure-insert-formula");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await formulaOf(page, "B2")).toBe("=BJ.FDI_COUNT(2024)");
    const shown = (await gridText(page)).B2;
    expect(shown).toContain("1");

    await page.click('#grid td[data-address="B3"]');
    await page.click("#figure-insert-value");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await formulaOf(page, "B3")).toBe(fdi.value);

    // A taken cell: refused, named, nothing written.
    const before = await gridText(page);
    await page.click('#grid td[data-address="B2"]');
    await page.click("#figure-insert-value");
    await page.locator(".message.error").waitFor({ timeout: 30_000 });
    expect(await page.locator("#message").innerText()).toContain("B2");
    expect(await gridText(page)).toEqual(before);
    expect(await formulaOf(page, "B2")).toBe("=BJ.FDI_COUNT(2024)");

    // Prepare for sharing: what will change, then freeze.
    await page.click(`#message button[aria-label="${en.dismiss}"]`);
    await page.click("#share-prepare");
    await page.locator("#share-plan-heading").waitFor({ timeout: 30_000 });
    expect(await page.locator("#share-plan-heading").innerText()).toBe(en.sharePlan(1, 1));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("share-plan-heading");
    await page.locator("#share").scrollIntoViewIfNeeded();
    await page.locator("#pane").screenshot({ path: join(SCREENSHOTS, "pane-share-en.png") });
    await page.click("#share-apply");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await formulaOf(page, "B2")).toBe(fdi.value);
    expect((await gridText(page)).B2).toBe(shown);
    expect(await sheetTabs(page)).toContain("Sources");
    await page.screenshot({ path: join(SCREENSHOTS, "preview-shared-en.png") });

    // Restore live formulas.
    await page.click('.sheet-tab:text-is("Sheet1")');
    await page.click("#share-restore");
    await page.locator(".message.success", { hasText: en.shareRestored(1) }).waitFor({ timeout: 30_000 });
    expect(await formulaOf(page, "B2")).toBe("=BJ.FDI_COUNT(2024)");

    // In Chinese: the plan and its buttons.
    await page.click("#lang-switch");
    await page.click("#share-prepare");
    await page.locator("#share-plan-heading", { hasText: zh.sharePlan(1, 1) }).waitFor({ timeout: 30_000 });
    expect(await page.locator("#share-apply").innerText()).toBe(zh.shareApply);
    await page.locator("#share").scrollIntoViewIfNeeded();
    await page.locator("#pane").screenshot({ path: join(SCREENSHOTS, "pane-share-zh.png") });
    await page.click("#share-cancel");
    expect(await page.locator("#share-plan").count()).toBe(0);

    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, TIMEOUT_MS);

  it("by keyboard alone: insert a figure, freeze, restore, opt in to opening with the workbook", async () => {
    const { page, errors, refused } = await openPreview();
    await tabTo(page, "#search");
    await page.keyboard.type("FDI");
    await arrowTo(page, 'button.item[data-id="fdi_new_enterprises"]');
    await page.keyboard.press("Enter");
    await tabTo(page, "#grid");
    await page.keyboard.press("ArrowDown"); // A2
    await tabTo(page, "#figure-insert-formula");
    await page.keyboard.press("Enter");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await formulaOf(page, "A2")).toBe("=BJ.FDI_COUNT(2024)");

    await tabTo(page, "#share-prepare");
    await page.keyboard.press("Enter");
    await page.locator("#share-plan-heading").waitFor({ timeout: 30_000 });
    await tabTo(page, "#share-apply");
    await page.keyboard.press("Enter");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await formulaOf(page, "A2")).not.toBe("=BJ.FDI_COUNT(2024)");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("share-prepare");

    await tabTo(page, "#share-restore");
    await page.keyboard.press("Enter");
    await page.locator(".message.success", { hasText: en.shareRestored(1) }).waitFor({ timeout: 30_000 });
    expect(await formulaOf(page, "A2")).toBe("=BJ.FDI_COUNT(2024)");

    await tabTo(page, "#auto-open");
    await page.keyboard.press("Space");
    await page.locator(".message.success", { hasText: en.autoOpenOn }).waitFor({ timeout: 30_000 });
    expect(await page.isChecked("#auto-open")).toBe(true);
    const stored = await page.evaluate(async () => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      return hook.run(async (context) => {
        const item = context.workbook.settings.getItemOrNullObject("Office.AutoShowTaskpaneWithDocument").load("value");
        await context.sync();
        return item.isNullObject ? null : item.value;
      });
    });
    expect(stored).toBe(true);

    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, TIMEOUT_MS);

  it("says when inserted tables hold figures from an older release, and Review changes opens the plan", async () => {
    const { page, errors, refused } = await openPreview();
    await page.fill("#search", "FDI");
    await page.click('button.item[data-id="fdi_headline"]');
    await page.click('#grid td[data-address="B2"]');
    await page.click("#insert-here");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await page.locator("#revision-notice").isHidden()).toBe(true);

    // The record now says the table came from an older release (as a workbook saved months ago would).
    const current = index.release.id;
    await page.evaluate(async (release) => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      await hook.run(async (context) => {
        const parts = context.workbook.customXmlParts.getByNamespace("urn:bj-open-stats:tracking:2").load("items");
        await context.sync();
        const xmls = parts.items.map((part) => ({ part, xml: part.getXml() }));
        await context.sync();
        for (const { part, xml } of xmls) part.setXml(xml.value.replace(`"releaseId":"${release}"`, '"releaseId":"2024-12-01.1"'));
        await context.sync();
      });
    }, current);
    await page.click("#refresh-inserted");
    await page.locator("#revision-notice:not([hidden])").waitFor({ timeout: 30_000 });
    expect(await page.locator("#revision-notice p").innerText()).toBe(en.revisionOlder(1, 0, current));
    await page.click("#review-changes");
    await page.locator("#refresh-panel:not([hidden])").waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("refresh-heading");

    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, TIMEOUT_MS);
});
