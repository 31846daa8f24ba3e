/**
 * Issue 15 on the preview page: one figure into a cell (live formula, value, copy the formula; a
 * taken cell refused), Prepare for sharing (what will change, then freeze: the grid shows the same
 * text, a Sources sheet appears), Restore live formulas, and "Open this pane when this workbook
 * opens"; by mouse and by keyboard; screenshots in both languages.
 *
 * Served from one build of the static preview site (npm run build:preview's config) through
 * support.ts; every test fails on a console error, an uncaught exception, a refused request or a
 * CSP violation. Screenshots go to support.ts's SCREENSHOTS (a CJK font for the Chinese ones).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { SCREENSHOTS, TIMEOUT_MS, type Visit, build, close, expectClean, launch, open, tabTo, gridText } from "./support";
import { currentDataset } from "../../src/core";
import { STRINGS } from "../../src/taskpane/strings";

const ORIGIN = "https://preview.test";
const index = currentDataset();

let outDir = "";
let browser: Browser | undefined;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "bj-share-"));
  await build({ config: "webpack.preview.config.js", outDir });
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** The preview page, served from the build at the test origin, once the pane is drawn. */
async function openPreview(): Promise<Visit> {
  if (!browser) throw new Error("no browser");
  const visit = await open(browser, { dir: outDir, origin: ORIGIN }, { path: "/", viewport: { width: 1280, height: 860 } });
  await visit.page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
  return visit;
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
    const visit = await openPreview();
    const { page } = visit;
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

    expectClean(visit);
    await close(visit);
  }, TIMEOUT_MS);

  it("by keyboard alone: insert a figure, freeze, restore, opt in to opening with the workbook", async () => {
    const visit = await openPreview();
    const { page } = visit;
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

    expectClean(visit);
    await close(visit);
  }, TIMEOUT_MS);

  it("says when inserted tables hold figures from an older release, and Review changes opens the plan", async () => {
    const visit = await openPreview();
    const { page } = visit;
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

    expectClean(visit);
    await close(visit);
  }, TIMEOUT_MS);
});
