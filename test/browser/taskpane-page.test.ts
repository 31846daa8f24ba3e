/**
 * The production task pane page in real headless Chromium (Debian's chromium, driven by
 * playwright-core), outside Office: Office.js is the real library from @microsoft/office-js,
 * served in place of Microsoft's CDN, so the page runs exactly as deployed but offline.
 * Every other request is answered from the production build; nothing reaches the network.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launch, watchCsp } from "./support";
import { CURRENT_RELEASE } from "../../src/data";
import { STRINGS } from "../../src/taskpane/strings";

const ROOT = resolve(__dirname, "../..");
const ORIGIN = "https://addin.test";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_DIST = join(ROOT, "node_modules/@microsoft/office-js/dist");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TIMEOUT_MS = 300_000;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

let outDir = "";
let browser: Browser | undefined;

/** A file under `base` for a URL path, or null where the path leaves `base` or does not exist. */
function fileUnder(base: string, urlPath: string): string | null {
  const file = normalize(join(base, decodeURIComponent(urlPath)));
  return file.startsWith(base) && existsSync(file) ? file : null;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (.ci/run does).`);
  outDir = mkdtempSync(join(tmpdir(), "bj-pane-"));
  const build = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", outDir], {
    cwd: ROOT,
    env: { ...process.env, ADDIN_URL: ORIGIN },
    encoding: "utf8",
    timeout: TIMEOUT_MS,
  });
  if (build.status !== 0) throw new Error(`production build failed:\n${build.stdout}\n${build.stderr}`);
  browser = await launch();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Visit {
  readonly page: Page;
  readonly errors: string[];
  readonly officeFiles: string[];
  readonly refused: string[];
}

async function openPane(): Promise<Visit> {
  if (!browser) throw new Error("no browser");
  const page = await browser.newPage();
  const visit: Visit = { page, errors: [], officeFiles: [], refused: [] };
  await watchCsp(page, visit.errors); // any Content Security Policy violation fails the test
  page.on("pageerror", (error) => visit.errors.push(error.message));
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    const [base, rest] = url.startsWith(OFFICE_CDN)
      ? [OFFICE_JS_DIST, url.slice(OFFICE_CDN.length)]
      : url.startsWith(`${ORIGIN}/`)
        ? [outDir, url.slice(ORIGIN.length + 1)]
        : [null, ""];
    const file = base === null ? null : fileUnder(base, rest.split(/[?#]/)[0] ?? "");
    if (file === null) {
      visit.refused.push(url);
      await route.fulfill({ status: 404, body: "" });
      return;
    }
    if (base === OFFICE_JS_DIST) visit.officeFiles.push(rest);
    await route.fulfill({ status: 200, body: readFileSync(file), contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream" });
  });
  await page.goto(`${ORIGIN}/taskpane.html`);
  return visit;
}

/** The pane's catalog: the ids of the items it lists. */
async function catalogIds(page: Page): Promise<string[]> {
  return page.$$eval(".catalog button.item", (buttons) => buttons.map((b) => (b as HTMLElement).dataset.id ?? ""));
}

describe("the task pane page outside Office", () => {
  it("loads the real Office.js, lists the catalog, and says it is not in Excel (no workbook to insert into)", async () => {
    const { page, errors, officeFiles, refused } = await openPane();
    await page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
    const status = page.locator("#host-status");
    const language = (await page.getAttribute("html", "lang")) === "zh-CN" ? "zh" : "en";
    expect(await status.innerText()).toBe(STRINGS[language].noWorkbook);

    expect(officeFiles).toContain("office.js");
    expect(errors).toEqual([]);
    expect(refused.filter((url) => url.startsWith(ORIGIN))).toEqual([]);
    const ids = await catalogIds(page);
    expect(ids).toEqual(expect.arrayContaining([...CURRENT_RELEASE.tables.map((t) => t.id), ...CURRENT_RELEASE.figures.map((f) => f.id)]));
    expect(await page.locator("#pane-footer").innerText()).toContain(CURRENT_RELEASE.id);
    // Fits Excel's narrowest pane: nothing wider than 320 px, a table preview included.
    await page.setViewportSize({ width: 320, height: 800 });
    await page.click('button.item[data-id="fdi_headline"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    // No workbook: inserting says what to do instead of failing silently.
    await page.focus("#insert-all"); // aria-disabled: still focusable, and it explains itself
    await page.keyboard.press("Enter");
    expect(await page.locator("#message").innerText()).toContain(STRINGS[language].noWorkbook);
    await page.close();
  }, 60_000);

  it("still browses when Office.js cannot be loaded at all", async () => {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await watchCsp(page, errors);
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      const file = url.startsWith(`${ORIGIN}/`) ? fileUnder(outDir, url.slice(ORIGIN.length + 1)) : null;
      if (file === null) await route.abort("internetdisconnected");
      else await route.fulfill({ status: 200, body: readFileSync(file), contentType: CONTENT_TYPES[extname(file)] ?? "text/plain" });
    });
    await page.goto(`${ORIGIN}/taskpane.html`);
    await page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
    expect(await catalogIds(page)).toContain("fdi_headline");
    await page.fill("#search", "外资");
    expect(await catalogIds(page)).toContain("fdi_headline");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
