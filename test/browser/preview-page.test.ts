/**
 * The preview page in real headless Chromium (Debian's chromium, driven by playwright-core), used
 * as a user would: search, preview, insert at a clicked cell and on a new sheet, see the figures
 * formatted in the simulated grid, meet the refusal when the cells are taken (grid unchanged), and
 * switch the language; then all of it again by keyboard alone. One build of the static preview
 * site (npm run build:preview's config) serves every test from a single https test origin.
 *
 * Every test fails on a console error, an uncaught exception, or any request that leaves the
 * page's own origin. Screenshots of the page and of the pane, in English and Chinese, are saved
 * to test-results/screenshots/ (`npm run screenshots` writes them to docs/screenshots/ for the README;
 * Chinese needs a CJK font: Debian's fonts-noto-cjk).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { SCREENSHOTS, launch, watchCsp, tabTo, gridText } from "./support";
import { currentDataset, formatFigureValue, tableGrid } from "../../src/core";
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
const fdiCount = index.figure("fdi_new_enterprises");
if (!fdiCount) throw new Error("the release has no fdi_new_enterprises");

let outDir = "";
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (.ci/run does).`);
  outDir = mkdtempSync(join(tmpdir(), "bj-preview-"));
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

async function catalogIds(page: Page): Promise<string[]> {
  return page.$$eval(".catalog button.item", (buttons) => buttons.map((b) => (b as HTMLElement).dataset.id ?? ""));
}

const fdiItems = ["fdi_headline", "fdi_new_enterprises", "ftz_fdi_share"];

/** A screenshot of the pane from its top (catalog, preview), its status bar in view. */
async function paneShot(page: Page, name: string): Promise<void> {
  await page.locator("#pane").evaluate((pane) => pane.scrollTo(0, 0));
  await page.locator("#pane").screenshot({ path: join(SCREENSHOTS, name) });
}

describe("the preview page", () => {
  it("searches, previews, inserts at a clicked cell and on a new sheet, refuses taken cells, switches language", async () => {
    const { page, errors, refused } = await openPreview();
    const en = STRINGS.en;
    const zh = STRINGS.zh;

    await page.fill("#search", "FDI");
    const byFdi = await catalogIds(page);
    expect(byFdi).toEqual(expect.arrayContaining(fdiItems));
    expect(byFdi).not.toContain("bonded_zones");
    await page.fill("#search", "ＦＤＩ"); // full-width
    expect(await catalogIds(page)).toEqual(expect.arrayContaining(fdiItems));
    await page.fill("#search", "外资");
    expect(await catalogIds(page)).toEqual(expect.arrayContaining(fdiItems));

    // Preview of a table, as it will look in the sheet.
    await page.click('button.item[data-id="fdi_headline"]');
    const grid = tableGrid(index, "fdi_headline", "en");
    const headers = await page.$$eval("#preview th", (cells) => cells.map((cell) => cell.textContent));
    expect(headers).toEqual([...grid.header]);
    const expected1777 = formatFigureValue(fdiCount, "en");
    expect(expected1777).toBe("1,777");
    expect(await page.locator("#preview td", { hasText: expected1777 }).count()).toBe(1);
    expect(await page.locator("#preview").innerText()).toContain(grid.sourceLine);

    // Insert at a clicked cell.
    await page.click('#grid td[data-address="B3"]');
    expect(await page.locator("#name-box").inputValue()).toBe("B3");
    await page.click("#insert-here");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    const afterFirst = await gridText(page);
    expect(afterFirst.B3).toBe(grid.title);
    expect(Object.values(afterFirst)).toContain("1,777");
    const valueColumn = "BCDEFG"[grid.columnKeys.indexOf("value")] ?? "?";
    expect(afterFirst[`${valueColumn}5`]).toBe("1,777"); // title B3, header row 4, first data row 5
    await page.screenshot({ path: join(SCREENSHOTS, "preview-en.png") });
    await paneShot(page, "pane-en.png");

    // The same cells again: refused, the grid unchanged, and a new sheet offered.
    await page.click('#grid td[data-address="B3"]');
    await page.click("#insert-here");
    await page.locator(".message.error").waitFor({ timeout: 30_000 });
    expect(await gridText(page)).toEqual(afterFirst);
    const retry = page.locator("#message-action");
    expect(await retry.innerText()).toBe(en.retryNewSheet);

    // Insert on a new sheet, from the error's offer.
    await retry.click();
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    const tabs = await page.$$eval(".sheet-tab", (buttons) => buttons.map((b) => ({ name: b.textContent, selected: b.getAttribute("aria-selected") })));
    expect(tabs.length).toBe(2);
    expect(tabs[1]?.selected).toBe("true");
    const onNewSheet = await gridText(page);
    expect(onNewSheet.A1).toBe(grid.title);
    expect(Object.values(onNewSheet)).toContain("1,777");

    // Switch the language: the pane's strings and the table language follow.
    await page.click("#lang-switch");
    expect(await page.locator("#search-label").innerText()).toBe(zh.searchLabel);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    const zhGrid = tableGrid(index, "fdi_headline", "zh");
    expect(await page.$$eval("#preview th", (cells) => cells.map((cell) => cell.textContent))).toEqual([...zhGrid.header]);
    await page.click('#grid td[data-address="H2"]'); // right of the table on the new sheet
    await page.click("#insert-here");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect((await gridText(page)).H2).toBe(zhGrid.title);
    await page.screenshot({ path: join(SCREENSHOTS, "preview-zh.png") });
    await paneShot(page, "pane-zh.png");

    // A user renames the sheet to markup: the pane reads it back from the workbook as inert text.
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const markup = "<img src=x onerror=alert(1)>";
    await page.evaluate(async (name) => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      await hook.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().load("name");
        await context.sync();
        // Through the simulated API, as a rename by the user would reach it.
        (context.workbook.worksheets.getActiveWorksheet() as unknown as { name: string }).name = name;
        await context.sync();
      });
    }, markup);
    await page.click("#refresh-inserted");
    await page.locator("#inserted", { hasText: markup }).waitFor({ timeout: 30_000 });
    expect(await page.locator("#inserted img, #pane img:not(.pane-header img)").count()).toBe(0);
    expect(await page.locator(".sheet-tab", { hasText: markup }).count()).toBe(1);
    expect(dialogs).toEqual([]);

    // "Inserted in this workbook" lists all three; removing the last one clears exactly its cells.
    const entries = page.locator("#inserted li button[id^=remove-]");
    expect(await entries.count()).toBe(3);

    // The user edits a cell of the first table (Sheet1, value of its first row): Remove refuses.
    await page.evaluate(async () => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      await hook.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject("Sheet1");
        sheet.getRange("C5").values = [[42]];
        await context.sync();
      });
    });
    const beforeRefusal = await gridText(page);
    await page.click("#remove-0");
    await page.click("#remove-confirm-yes"); // Remove asks first (issue 16)
    await page.locator(".message.error").waitFor({ timeout: 30_000 });
    expect(await page.locator(".message.error").innerText()).toContain("C5"); // names the edited cell
    expect(await entries.count()).toBe(3);
    expect(await gridText(page)).toEqual(beforeRefusal);
    const beforeRemove = await gridText(page);
    const last = (await entries.count()) - 1;
    await page.click(`#goto-${last}`);
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await page.locator("#name-box").inputValue()).toBe("H3"); // the table under its title line
    await page.click(`#remove-${last}`);
    await page.click("#remove-confirm-yes");
    await page.locator(".message.success", { hasText: zh.removed("").trim().slice(0, 2) }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll("#inserted li button[id^=remove-]").length === 2);
    const afterRemove = await gridText(page);
    expect(Object.keys(afterRemove).filter((address) => !/^[A-G]\d+$/.test(address))).toEqual([]); // H2:L10 gone
    expect(Object.fromEntries(Object.entries(beforeRemove).filter(([address]) => /^[A-G]\d+$/.test(address)))).toEqual(afterRemove);

    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 120_000);

  it("issue 16: typo search, Enter and arrow keys; readable sheet names; messages by title that follow the language; Remove asks; Edited names its cells; Go to clear of the headers", async () => {
    const { page, errors, refused } = await openPreview();
    const en = STRINGS.en;

    // Typos find what they meant; Enter selects the first result; the results are one Tab stop.
    await page.fill("#search", "bondd");
    expect(await catalogIds(page)).toContain("bonded_zones");
    await page.fill("#search", "foriegn");
    const foreign = await catalogIds(page);
    expect(foreign).toEqual(expect.arrayContaining(fdiItems));
    await page.focus("#search");
    await page.keyboard.press("Enter");
    expect(await page.getAttribute(`button.item[data-id="${foreign[0] ?? ""}"]`, "aria-pressed")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search");
    expect(await page.locator('.catalog button.item[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(foreign[0]);
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(foreign[1]);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.matches(".catalog button.item") ?? false)).toBe(false);
    await page.fill("#search", "");

    // One table at B2 of Sheet1, then twice on new sheets: short readable names, never a cut word.
    await page.click('button.item[data-id="fdi_headline"]');
    await page.click('#grid td[data-address="B2"]');
    await page.click("#insert-here");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    for (const n of [1, 2]) {
      await page.click("#insert-new-sheet");
      await page.waitForFunction((count) => document.querySelectorAll(".sheet-tab").length === count, 1 + n, { timeout: 30_000 });
    }
    const tabs = await page.$$eval(".sheet-tab", (each) => each.map((tab) => tab.textContent ?? ""));
    expect(tabs).toEqual(expect.arrayContaining(["New foreign-funded enterprises", "New foreign-funded (2)"]));
    await page.waitForFunction(() => document.querySelectorAll("#inserted li[data-record]").length === 3, undefined, { timeout: 30_000 });

    // Go to: the message names the table by its title and place, never its Excel name.
    const onSheet1 = page.locator("#inserted li[data-record]", { hasText: "Sheet1" });
    const title = index.table("fdi_headline")?.title;
    if (!title) throw new Error("no fdi_headline");
    // The button sits just above the status bar (no message yet) when it is pressed; the message
    // that then grows the bar must not cover it.
    await page.setViewportSize({ width: 1280, height: 520 }); // a short pane, which scrolls
    await page.locator("#message button").click(); // dismiss the last message
    await onSheet1.locator("button[id^=goto-]").evaluate((button) => {
      const bar = document.querySelector(".status-bar");
      const scroller = document.querySelector<HTMLElement>(".pane-host");
      if (!bar || !scroller) throw new Error("no pane");
      scroller.scrollBy(0, button.getBoundingClientRect().bottom - bar.getBoundingClientRect().top + 4);
    });
    await onSheet1.locator("button[id^=goto-]").evaluate((button) => {
      (button as HTMLElement).focus();
      (button as HTMLElement).click();
    });
    const message = page.locator("#message .message");
    await message.filter({ hasText: title.en }).waitFor({ timeout: 30_000 });
    expect(await message.innerText()).not.toMatch(/BJ_/);
    // The button used stays visible above the status bar.
    const clear = await page.evaluate(() => {
      const button = document.activeElement?.closest("li")?.querySelector("button[id^=goto-]");
      const bar = document.querySelector(".status-bar");
      return button && bar ? button.getBoundingClientRect().bottom <= bar.getBoundingClientRect().top + 1 : false;
    });
    expect(clear).toBe(true);
    await page.setViewportSize({ width: 1280, height: 860 });
    // After a language switch the message is shown again in Chinese, then in English.
    await page.click("#lang-switch");
    await message.filter({ hasText: title.zh }).waitFor({ timeout: 30_000 });
    expect(await message.innerText()).toContain(STRINGS.zh.selected("").slice(0, 3));
    await page.click("#lang-switch");
    await message.filter({ hasText: title.en }).waitFor({ timeout: 30_000 });

    // Go to a table far above: the active cell ends clear of the sticky headers.
    await page.evaluate(async () => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      await hook.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject("Sheet1").getRange("A100").values = [["far below"]];
        await context.sync();
      });
    });
    await page.locator("#grid td[data-address=A100]").waitFor({ state: "attached", timeout: 30_000 });
    await page.locator("#grid").evaluate((grid) => grid.scrollTo(0, grid.scrollHeight));
    await onSheet1.locator("button[id^=goto-]").click();
    await page.waitForFunction(() => document.querySelector("#grid")?.getAttribute("aria-activedescendant") === "cell-B3", undefined, { timeout: 30_000 });
    const cellClear = await page.evaluate(() => {
      const cell = document.getElementById("cell-B3")?.getBoundingClientRect();
      const header = document.querySelector("#grid thead th")?.getBoundingClientRect();
      const rowHeader = document.querySelector("#grid tbody th")?.getBoundingClientRect();
      return cell && header && rowHeader ? cell.top >= header.bottom - 1 && cell.left >= rowHeader.right - 1 : false;
    });
    expect(cellClear).toBe(true);

    // Edited: the entry names the edited cell.
    await page.evaluate(async () => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      await hook.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject("Sheet1").getRange("C4").values = [[42]];
        await context.sync();
      });
    });
    await page.click("#refresh-inserted");
    await onSheet1.locator(".edited-cells", { hasText: "Sheet1!C4" }).waitFor({ timeout: 30_000 });

    // Remove asks first, naming what goes; Escape (or Keep it) keeps everything.
    const before = await gridText(page);
    await onSheet1.locator("button[id^=remove-]").click();
    const confirm = page.locator("#remove-confirm-text");
    await confirm.waitFor({ timeout: 30_000 });
    expect(await confirm.innerText()).toContain(title.en);
    expect(await confirm.innerText()).toMatch(/Sheet1!B2:[A-Z]+\d+/);
    expect(await confirm.innerText()).toContain("cannot undo");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("remove-confirm-no");
    await page.keyboard.press("Escape");
    await message.filter({ hasText: en.removeKept("").slice(0, 4) }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.id ?? "")).toMatch(/^remove-\d+$/);
    expect(await gridText(page)).toEqual(before);
    expect(await page.locator("#inserted li[data-record]").count()).toBe(3);

    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 180_000);

  // Also the longest visit (over 3 s): office.js would open its telemetry frame by then.
  it("shows a progress indicator while a slow insert runs, then the result", async () => {
    const { page, errors, refused } = await openPreview({ slowWorkbookMs: 1500 });
    await page.click('button.item[data-id="ftz_share"]');
    await page.click('#grid td[data-address="B2"]');
    await page.click("#insert-here");
    await page.locator("#progress").waitFor({ state: "visible", timeout: 30_000 });
    expect(await page.getAttribute("#app", "aria-busy")).toBe("true");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    // The list of inserted tables is read next (slow too); once everything is done, no progress.
    await page.waitForFunction(() => !document.getElementById("app")?.hasAttribute("aria-busy"), undefined, { timeout: 30_000 });
    expect(await page.locator("#progress").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 60_000);

  it("does all of it by keyboard alone, with visible focus", async () => {
    const { page, errors, refused } = await openPreview();
    const focusVisible = (): Promise<boolean> =>
      page.evaluate(() => {
        const active = document.activeElement;
        if (!(active instanceof HTMLElement)) return false;
        const style = getComputedStyle(active);
        return active.matches(":focus-visible") && (style.outlineStyle !== "none" || style.boxShadow !== "none");
      });

    await tabTo(page, "#search");
    await page.keyboard.type("FDI");
    expect(await catalogIds(page)).toEqual(expect.arrayContaining(fdiItems));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("外资");
    expect(await catalogIds(page)).toEqual(expect.arrayContaining(fdiItems));

    // The results are one Tab stop; the arrow keys move within them.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.matches(".catalog button.item") ?? false)).toBe(true);
    for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.getAttribute("data-id") === "fdi_headline")); i++) await page.keyboard.press("ArrowDown");
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.getAttribute('button.item[data-id="fdi_headline"]', "aria-pressed")).toBe("true");
    expect(await page.locator("#preview td", { hasText: "1,777" }).count()).toBe(1);

    // Select C4 in the grid with the arrow keys, insert there.
    await page.focus("body");
    await tabTo(page, "#grid");
    for (const key of ["ArrowDown", "ArrowDown", "ArrowDown", "ArrowRight", "ArrowRight"]) await page.keyboard.press(key);
    expect(await page.locator("#name-box").inputValue()).toBe("C4");
    await tabTo(page, "#insert-here");
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    const afterFirst = await gridText(page);
    expect(Object.values(afterFirst)).toContain("1,777");

    // Again on the same cell: the error, with its action reachable by keyboard.
    await page.focus("body");
    await tabTo(page, "#insert-here");
    await page.keyboard.press("Enter");
    await page.locator(".message.error").waitFor({ timeout: 30_000 });
    expect(await gridText(page)).toEqual(afterFirst);
    await tabTo(page, "#message-action");
    await page.keyboard.press("Enter");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect(await page.locator(".sheet-tab").count()).toBe(2);

    // Options and the language switch, by keyboard.
    await tabTo(page, "#mode-values"); // a radio group is one tab stop; arrows choose within it
    await page.keyboard.press("ArrowDown");
    expect(await page.isChecked("#mode-formulas")).toBe(true);
    await tabTo(page, "#lang-switch");
    await page.keyboard.press("Enter");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("lang-switch");

    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  }, 120_000);
});
