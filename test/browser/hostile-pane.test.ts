/**
 * The hostile dataset (test/fixtures/hostile) through the real pane in Chromium: the production
 * taskpane.html built with the hostile release in place of the embedded one, at 320 px wide, and
 * the preview page built the same way, inserting into its simulated workbook. Nothing executes
 * (no script, no event handler, no injected element), the hostile strings appear as text, nothing
 * inserted is a formula the add-in did not write, and the page never scrolls sideways at 320 px.
 * The functions and insert are covered cell by cell in test/security/hostile-dataset.test.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { HOSTILE } from "../fixtures/hostile/hostile-release";
import { ROOT, type Site, TIMEOUT_MS, build, close, launch, open } from "./support";

const HOSTILE_MODULE = join(ROOT, "test/fixtures/hostile/release-module.ts");
let browser: Browser | undefined;
const dirs: string[] = [];
let pane: Site;
let preview: Site;

beforeAll(async () => {
  const paneDir = mkdtempSync(join(tmpdir(), "bj-hostile-pane-"));
  const previewDir = mkdtempSync(join(tmpdir(), "bj-hostile-preview-"));
  dirs.push(paneDir, previewDir);
  await build({ config: "webpack.config.js", outDir: paneDir, env: { ADDIN_URL: "https://addin.test" }, release: HOSTILE_MODULE });
  await build({ config: "webpack.preview.config.js", outDir: previewDir, release: HOSTILE_MODULE });
  pane = { dir: paneDir, origin: "https://addin.test", officeCdn: true };
  preview = { dir: previewDir, origin: "https://preview.test" };
  browser = await launch();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** What would show that hostile text ran or became markup. */
async function executed(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const w = window as unknown as { __bjPwned?: unknown };
    if (w.__bjPwned !== undefined) found.push(`window.__bjPwned = ${String(w.__bjPwned)}`);
    for (const img of Array.from(document.images)) if (img.getAttribute("src") === "x") found.push("an <img src=x> was created");
    for (const script of Array.from(document.scripts)) if (!script.src) found.push(`an inline script: ${script.text.slice(0, 60)}`);
    for (const element of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(element.attributes)) if (/^on/i.test(attr.name)) found.push(`<${element.tagName.toLowerCase()} ${attr.name}>`);
    }
    return found;
  });
}

/** Sideways scroll of the page: how far the document is wider than the viewport. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

describe("the hostile release in the pane", () => {
  it("at 320 px: every catalog item shown, nothing executes, no sideways scroll, hostile text shown as text", async () => {
    if (!browser) throw new Error("no browser");
    const visit = await open(browser, pane, { path: "/taskpane.html", viewport: { width: 320, height: 800 } });
    const { page } = visit;
    try {
      const items = page.locator(".catalog button.item");
      await items.first().waitFor({ timeout: 30_000 });
      const count = await items.count();
      expect(count).toBeGreaterThan(10);
      const wide: string[] = [];
      for (let i = 0; i < count; i++) {
        await items.nth(i).click();
        const by = await overflow(page);
        if (by > 0) wide.push(`item ${i} (${(await items.nth(i).getAttribute("data-id")) ?? ""}): ${by}px wider than 320`);
      }
      for (const search of [HOSTILE.dde, HOSTILE.script, HOSTILE.emoji]) await page.fill("#search", search);
      await page.fill("#search", "");
      expect(wide).toEqual([]);
      expect(await executed(page)).toEqual([]);
      const text = await page.evaluate(() => document.body.innerText);
      expect([HOSTILE.script, HOSTILE.img, HOSTILE.dde].filter((t) => !text.includes(t))).toEqual([]);
      expect(text.includes(`L${"W".repeat(200)}`)).toBe(true);
      expect(visit.csp).toEqual([]);
      expect(visit.errors).toEqual([]);
    } finally {
      await close(visit);
    }
  }, 120_000);
});

describe("the hostile release inserted from the preview page", () => {
  it("inserts every table: nothing executes, no cell holds a formula the add-in did not write", async () => {
    if (!browser) throw new Error("no browser");
    const visit = await open(browser, preview, { path: "/", viewport: { width: 1280, height: 900 } });
    const { page } = visit;
    try {
      await page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
      const tables = await page.$$eval(".catalog button.item", (buttons) => buttons.map((b) => (b as HTMLElement).dataset.id ?? "").filter(Boolean));
      const messages: string[] = [];
      for (const id of tables.slice(0, 3)) {
        await page.click(`.catalog button.item[data-id="${id}"]`);
        const insertNew = page.locator("#insert-new-sheet");
        if ((await insertNew.count()) === 0) continue; // a figure, not a table
        await insertNew.click();
        await page.locator(".message.success, .message.error").first().waitFor({ timeout: 30_000 });
        messages.push((await page.locator("#message").innerText()).slice(0, 80));
      }
      const cells = await page.evaluate(async () => {
        const host = (window as unknown as { bjPreviewHost: { run<T>(batch: (context: unknown) => Promise<T>): Promise<T> } }).bjPreviewHost;
        return host.run(async (context) => {
          const workbook = (context as { workbook: { worksheets: { load(p: string): unknown; items: Array<{ name: string; getUsedRangeOrNullObject(): { load(p: string): unknown; isNullObject: boolean; formulas: unknown[][]; numberFormat: unknown[][] } }> } } }).workbook;
          workbook.worksheets.load("items/name");
          await (context as { sync(): Promise<void> }).sync();
          const ranges = workbook.worksheets.items.map((sheet) => {
            const range = sheet.getUsedRangeOrNullObject();
            range.load("formulas, numberFormat");
            return { sheet: sheet.name, range };
          });
          await (context as { sync(): Promise<void> }).sync();
          return ranges.filter((r) => !r.range.isNullObject).map((r) => ({ sheet: r.sheet, formulas: r.range.formulas, formats: r.range.numberFormat }));
        });
      });
      const wrong: string[] = [];
      let formulaLikeText = 0;
      for (const { sheet, formulas, formats } of cells) {
        formulas.forEach((row, r) =>
          row.forEach((value, c) => {
            if (typeof value !== "string") return;
            const format = formats[r]?.[c];
            if (/^[=+\-@]/.test(value) && format !== "@") {
              if (!/^=BJ\./.test(value)) wrong.push(`${sheet}!R${r + 1}C${c + 1}: ${value.slice(0, 40)} in a ${String(format)} cell`);
            } else if (/^[=+\-@]/.test(value)) formulaLikeText++;
          }),
        );
      }
      expect(messages.length).toBeGreaterThan(0);
      expect(wrong).toEqual([]);
      expect(formulaLikeText).toBeGreaterThan(0); // the hostile texts did arrive, as text
      expect(await executed(page)).toEqual([]);
      expect(visit.errors).toEqual([]);
    } finally {
      await close(visit);
    }
  }, 120_000);
});
