/**
 * "Insert briefing" in the task pane, on the preview page (the real pane beside the simulated
 * workbook) in headless Chromium. By keyboard alone: choose the language (the pane's by default),
 * insert in English, switch the pane to Chinese (the briefing language follows) and insert in
 * Chinese; both listed with their status; Go to; Remove asks first (Escape keeps it, Remove removes
 * the sheet). Then refresh: a briefing inserted with the embedded release, the revised release
 * published beside the page, a reload: the revision notice counts the briefing, the plan shows its
 * cells to update, Apply writes them and the list says Current.
 *
 * Fails on a console error, an uncaught exception, a refused request or a CSP violation.
 * Screenshots: pane-briefing-en.png and pane-briefing-zh.png under support.ts's SCREENSHOTS
 * (test-results/screenshots; `npm run screenshots` writes them to docs/screenshots).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { REFRESH_STATUS_TEXT, briefingLayout, currentDataset } from "../../src/core";
import { STRINGS } from "../../src/taskpane/strings";
import { ROOT, SCREENSHOTS, TIMEOUT_MS, build, close, launch, open, type Site, type Visit, tabTo, expectClean } from "./support";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build plugin is CommonJS; its pure helpers write the index entry
const channel = require("../../scripts/release-channel-plugin.js") as {
  indexEntry(id: string, text: string, published: string): { id: string; file: string; sha256: string; bytes: number; published: string };
};

const ORIGIN = "https://preview.test";
const EMBEDDED = currentDataset();
const REVISED_TEXT = readFileSync(join(ROOT, "test/fixtures/releases/revised.json"), "utf8");
const REVISED_ID = (JSON.parse(REVISED_TEXT) as { id: string }).id;
const { en, zh } = STRINGS;

let browser: Browser | undefined;
let built = "";
const dirs: string[] = [];

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), "bj-pane-briefing-"));
  dirs.push(built);
  await build({ config: "webpack.preview.config.js", outDir: built });
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the preview build, served at the test origin. */
function site(): Site {
  const dir = mkdtempSync(join(tmpdir(), "bj-pane-briefing-site-"));
  dirs.push(dir);
  cpSync(built, dir, { recursive: true });
  return { dir, origin: ORIGIN };
}

/** Publishes the revised release beside the page and lists it in releases/index.json (as publish-release does). */
function publishRevised(dir: string): void {
  const indexPath = join(dir, "releases/index.json");
  const index = JSON.parse(readFileSync(indexPath, "utf8")) as { releases: unknown[] };
  const entry = channel.indexEntry(REVISED_ID, REVISED_TEXT, "2025-03-01");
  writeFileSync(join(dir, "releases", entry.file), REVISED_TEXT);
  writeFileSync(indexPath, `${JSON.stringify({ ...index, releases: [...index.releases, entry] }, null, 2)}\n`);
}

async function ready(page: Page): Promise<void> {
  await page.locator("html[data-pane=ready][data-release=ready]").waitFor({ state: "attached", timeout: 30_000 });
}

async function visit(target: Site): Promise<Visit> {
  if (!browser) throw new Error("no browser");
  const opened = await open(browser, target, { path: "/", viewport: { width: 1280, height: 900 } });
  await ready(opened.page);
  return opened;
}

/** Whether the focused control shows a focus ring. */
async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement)) return false;
    const style = getComputedStyle(active);
    return active.matches(":focus-visible") && (style.outlineStyle !== "none" || style.boxShadow !== "none");
  });
}

const syncs = async (page: Page): Promise<number> => Number(await page.getAttribute("body", "data-syncs"));

/** The list's briefing entries, once the background re-read has given each its status. */
async function listed(page: Page, count: number): Promise<{ status: string; text: string }[]> {
  await page.waitForFunction((n) => {
    const items = [...document.querySelectorAll("#inserted li[data-briefing]")];
    return items.length === n && items.every((item) => item.hasAttribute("data-status"));
  }, count, { timeout: 30_000 });
  return page.$$eval("#inserted li[data-briefing]", (items) => items.map((item) => ({ status: (item as HTMLElement).dataset.status ?? "", text: item.textContent ?? "" })));
}

/** The briefing panel and the list under it in view, then the pane's screenshot. */
async function paneShot(page: Page, name: string): Promise<void> {
  await page.locator("#briefing").evaluate((section) => section.scrollIntoView({ block: "start" }));
  await page.locator("#pane").screenshot({ path: join(SCREENSHOTS, name) });
}

describe("Insert briefing in the pane", () => {
  it("by keyboard, in English then in Chinese; listed; go to; remove asks first", async () => {
    const opened = await visit(site());
    const { page } = opened;
    try {
      // The briefing language is the pane's (English here): one Tab stop, the checked radio.
      await tabTo(page, "#briefing-language-en");
      expect(await page.isChecked("#briefing-language-en")).toBe(true);
      expect(await page.locator("#briefing-heading").innerText()).toBe(en.briefingHeading);
      await tabTo(page, "#insert-briefing");
      expect(await focusVisible(page)).toBe(true);
      const before = await syncs(page);
      await page.keyboard.press("Enter");
      await page.locator(".message.success").waitFor({ timeout: 30_000 });
      expect(await page.locator(".message.success").innerText()).toContain(en.briefingInserted("Briefing", 3));
      await page.locator('#sheet-tabs [data-sheet="Briefing"][aria-selected=true]').waitFor({ timeout: 30_000 });
      expect(await page.locator("#cell-A1").textContent()).toBe(briefingLayout(EMBEDDED, "en").title);
      const [first] = await listed(page, 1);
      expect(first?.status).toBe("current");
      expect(first?.text).toContain(en.briefingName(en.languageEn));
      expect(first?.text).toContain(en.briefingMeta("Briefing", EMBEDDED.release.id, en.languageEn));
      expect(first?.text).toContain(REFRESH_STATUS_TEXT.en.current);
      // The insert (2 syncs) and the list read after it: the same for the second briefing below.
      const firstCost = (await syncs(page)) - before;
      await paneShot(page, "pane-briefing-en.png");

      // The pane in Chinese: the briefing language follows it.
      await tabTo(page, "#lang-switch");
      await page.keyboard.press("Enter");
      await page.locator("#briefing-heading", { hasText: zh.briefingHeading }).waitFor();
      expect(await page.isChecked("#briefing-language-zh")).toBe(true);
      await tabTo(page, "#insert-briefing");
      const beforeZh = await syncs(page);
      await page.keyboard.press("Enter");
      await page.locator(".message.success", { hasText: zh.briefingInserted("简报", 3) }).waitFor({ timeout: 30_000 });
      await page.locator('#sheet-tabs [data-sheet="简报"][aria-selected=true]').waitFor({ timeout: 30_000 });
      expect(await page.locator("#cell-A1").textContent()).toBe(briefingLayout(EMBEDDED, "zh").title);
      const both = await listed(page, 2);
      expect(both.map((item) => item.status)).toEqual(["current", "current"]);
      expect(both[0]?.text).toContain(zh.briefingName(zh.languageEn));
      expect(both[1]?.text).toContain(zh.briefingName(zh.languageZh));
      expect((await syncs(page)) - beforeZh).toBe(firstCost);
      await paneShot(page, "pane-briefing-zh.png");

      // Go to the English one.
      await tabTo(page, "#goto-briefing-0");
      await page.keyboard.press("Enter");
      await page.locator('#sheet-tabs [data-sheet="Briefing"][aria-selected=true]').waitFor({ timeout: 30_000 });
      const nameZh = zh.entryName(zh.briefingName(zh.languageZh), "简报");
      const nameEn = zh.entryName(zh.briefingName(zh.languageEn), "Briefing");
      expect(await page.locator(".message.success").innerText()).toContain(zh.selected(nameEn));

      // Remove the Chinese one: asked first; Escape keeps it, focus back on its Remove button.
      await tabTo(page, "#remove-briefing-1");
      await page.keyboard.press("Enter");
      await page.locator("#remove-confirm-text").waitFor();
      expect(await page.locator("#remove-confirm-text").innerText()).toBe(zh.briefingRemoveConfirm(nameZh, "简报"));
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("remove-confirm-no");
      await page.keyboard.press("Escape");
      await page.locator("#remove-confirm-text").waitFor({ state: "detached" });
      expect(await page.locator(".message").innerText()).toContain(zh.removeKept(nameZh));
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("remove-briefing-1");
      expect(await page.locator('#sheet-tabs [data-sheet="简报"]').count()).toBe(1);

      await page.keyboard.press("Enter");
      await page.locator("#remove-confirm-yes").waitFor();
      await page.keyboard.press("Shift+Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("remove-confirm-yes");
      await page.keyboard.press("Enter");
      await page.locator(".message.success", { hasText: zh.removed(nameZh) }).waitFor({ timeout: 30_000 });
      await page.locator('#sheet-tabs [data-sheet="简报"]').waitFor({ state: "detached", timeout: 30_000 });
      expect((await listed(page, 1))[0]?.text).toContain(zh.briefingName(zh.languageEn));

      // Its sheet deleted behind the pane's back: the entry says so and offers Forget only.
      await page.evaluate(async () => {
        type Batch = (context: { workbook: { worksheets: { getItem(name: string): { delete(): void } } }; sync(): Promise<void> }) => Promise<void>;
        const host = (window as unknown as { bjPreviewHost: { run(batch: Batch): Promise<void> } }).bjPreviewHost;
        await host.run(async (context) => {
          context.workbook.worksheets.getItem("Briefing").delete();
          await context.sync();
        });
      });
      await page.click("#refresh-inserted");
      await page.locator("li.briefing.missing #forget-briefing-0").waitFor({ timeout: 30_000 });
      expect(await page.locator("li.briefing.missing").innerText()).toContain(zh.briefingMissing);
      expect(await page.locator("#goto-briefing-0, #remove-briefing-0").count()).toBe(0);
      await tabTo(page, "#forget-briefing-0");
      await page.keyboard.press("Enter");
      await page.locator(".message.success", { hasText: zh.forgotten(nameEn) }).waitFor({ timeout: 30_000 });
      await page.locator("li.briefing").waitFor({ state: "detached", timeout: 30_000 });
      expectClean(opened);
    } finally {
      await close(opened);
    }
  }, TIMEOUT_MS);

  it("refresh: a published revision is counted in the notice, planned cell by cell, applied, then Current", async () => {
    const served = site();
    const opened = await visit(served);
    let reopened: Visit | null = null;
    try {
      await opened.page.click("#insert-briefing");
      await listed(opened.page, 1);
      // The workbook survives a reload (sessionStorage); the channel now serves the revision.
      publishRevised(served.dir);
      await opened.page.reload();
      await ready(opened.page);
      reopened = opened;
      const { page } = opened;
      const notice = page.locator("#revision-notice p");
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.innerText()).toBe(en.revisionOlder(0, 1, REVISED_ID));
      expect((await listed(page, 1))[0]?.status).toBe("stale");
      await page.click('#sheet-tabs [data-sheet="Briefing"]');
      const a2 = await page.locator("#cell-A2").textContent();
      expect(a2).toContain(EMBEDDED.release.id);

      await page.click("#review-changes");
      const block = page.locator("#refresh-panel article.refresh-briefing[data-status=stale]");
      await block.waitFor({ timeout: 30_000 });
      expect(await block.locator(".briefing-cells").innerText()).toMatch(/^Cells to update: A2, /);
      expect(await page.locator("#refresh-summary").innerText()).toMatch(/Briefings — Stale: 1; \d+ cells to update \(nothing written yet\)\./);
      // Nothing written by the plan.
      expect(await page.locator("#cell-A2").textContent()).toBe(a2);

      await page.focus("#refresh-apply");
      await page.keyboard.press("Enter");
      await page.locator("#refresh-close").waitFor({ timeout: 30_000 });
      expect(await page.locator(".message.success").innerText()).toMatch(/Briefings — Stale: 1; \d+ cells written\./);
      expect(await page.locator("#refresh-panel .briefing-cells").innerText()).toMatch(/^Cells updated: A2, /);
      await page.locator("#cell-A2", { hasText: REVISED_ID }).waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => document.querySelector("#inserted li[data-briefing]")?.getAttribute("data-status") === "current", undefined, { timeout: 30_000 });
      await page.locator("#revision-notice").waitFor({ state: "hidden" });
      expectClean(opened);
    } finally {
      await close(reopened ?? opened);
    }
  }, TIMEOUT_MS);
});
