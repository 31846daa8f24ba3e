/**
 * Refresh in the preview page, in real headless Chromium, as a user: insert a table with the release
 * the channel first serves (the embedded one), publish the revised fixture beside the page
 * (releases/<id>.json and an index entry with its SHA-256, as publish-release does), reload (the
 * simulated workbook survives the reload), see the new release named and the table marked stale,
 * type over one of the figures, review the plan (a stale value old → new, a row added, the user's
 * figure kept with both values; nothing written yet), cancel, plan again,
 * apply by keyboard with the "Refresh log" option, then see the report, the updated grid and the
 * log sheet; refreshing again says "Up to date" and writes nothing.
 *
 * A bad release (a wrong checksum in the index) shows the loader's own message in the release line
 * and keeps the embedded release for everything the pane shows and inserts.
 *
 * Every visit fails on a console error, an uncaught exception, a request the site cannot answer
 * (any other origin included) and a CSP violation.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Release } from "../../src/data";
import { Release as ReleaseSchema } from "../../src/data/schema";
import {
  REFRESH_KIND_TEXT,
  REFRESH_STATUS_TEXT,
  currentDataset,
  describeOrigin,
  formatFigureValue,
  indexRelease,
  tableGrid,
} from "../../src/core";
import { loadRelease, type ChannelFetch } from "../../src/channel";
import { STRINGS } from "../../src/taskpane/strings";
import { ROOT, SCREENSHOTS, TIMEOUT_MS, build, close, launch, open, type Site, type Visit, tabTo, expectClean, gridText } from "./support";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build plugin is CommonJS; its pure helpers write the index entry
const channel = require("../../scripts/release-channel-plugin.js") as {
  indexEntry(id: string, text: string, published: string): { id: string; file: string; sha256: string; bytes: number; published: string };
};

const ORIGIN = "https://preview.test";
const REVISED_TEXT = readFileSync(join(ROOT, "test/fixtures/releases/revised.json"), "utf8");
const REVISED = indexRelease(ReleaseSchema.parse(JSON.parse(REVISED_TEXT)) as Release);
const EMBEDDED = currentDataset();
/** Data rows of fdi_headline in the revised release (one more than the embedded one). */
const REVISED_ROWS = tableGrid(REVISED, "fdi_headline", "en").rows.length;
const en = STRINGS.en;

let browser: Browser | undefined;
let built = "";
const dirs: string[] = [];

beforeAll(async () => {
  built = mkdtempSync(join(tmpdir(), "bj-refresh-preview-"));
  dirs.push(built);
  await build({ config: "webpack.preview.config.js", outDir: built });
  browser = await launch();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the preview build, served at the test origin. */
function site(): Site {
  const dir = mkdtempSync(join(tmpdir(), "bj-refresh-site-"));
  dirs.push(dir);
  cpSync(built, dir, { recursive: true });
  return { dir, origin: ORIGIN };
}

interface IndexFile {
  schema: number;
  releases: { id: string; file: string; sha256: string; bytes: number; published: string }[];
}

/** Publishes a release file beside the page and lists it in releases/index.json (a wrong checksum if asked). */
function publish(dir: string, text: string, options: { wrongChecksum?: boolean } = {}): void {
  const indexPath = join(dir, "releases/index.json");
  const index = JSON.parse(readFileSync(indexPath, "utf8")) as IndexFile;
  const id = (JSON.parse(text) as { id: string }).id;
  const entry = channel.indexEntry(id, text, "2025-03-01");
  // The checksum of other bytes: what a corrupted upload or a tampered file looks like to the add-in.
  const listed = options.wrongChecksum ? { ...entry, sha256: channel.indexEntry(id, `${text} `, "2025-03-01").sha256 } : entry;
  writeFileSync(join(dir, "releases", entry.file), text);
  writeFileSync(indexPath, `${JSON.stringify({ ...index, releases: [...index.releases, listed] }, null, 2)}\n`);
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

describe("refresh in the preview page", () => {
  it("inserts with the embedded release, picks up a published revision on reload, plans, cancels, applies, reports", async () => {
    const served = site();
    const opened = await visit(served);
    const { page } = opened;
    const fdi = { embedded: EMBEDDED.figure("fdi_new_enterprises"), revised: REVISED.figure("fdi_new_enterprises") };
    if (!fdi.embedded || !fdi.revised) throw new Error("fdi_new_enterprises missing from a release");
    expect(fdi.revised.value).not.toBe(fdi.embedded.value);

    // The channel serves the embedded release (the build publishes it): the pane says so.
    expect(await page.locator("#release-status").innerText()).toContain(describeOrigin({ kind: "channel", releaseId: EMBEDDED.release.id }).en);
    expect(await page.locator("#release-problem").isHidden()).toBe(true);

    // Insert fdi_headline at B3 with it.
    const grid = tableGrid(EMBEDDED, "fdi_headline", "en");
    const valueColumn = "BCDEFG"[grid.columnKeys.indexOf("value")] ?? "?";
    await page.click('button.item[data-id="fdi_headline"]');
    await page.click('#grid td[data-address="B3"]');
    await page.click("#insert-here");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect((await gridText(page))[`${valueColumn}5`]).toBe(formatFigureValue(fdi.embedded, "en"));
    await page.locator("#inserted li[data-status=current]").waitFor({ timeout: 30_000 });
    expect(await page.locator("#inserted .status").innerText()).toBe(REFRESH_STATUS_TEXT.en.current);

    // A revised release is published beside the page; the user reloads it.
    publish(served.dir, REVISED_TEXT);
    await page.reload();
    await ready(page);
    expect(await page.locator("#release-status").innerText()).toContain(describeOrigin({ kind: "channel", releaseId: REVISED.release.id }).en);
    // The workbook survived the reload, still showing what was inserted; the list marks it stale.
    expect((await gridText(page))[`${valueColumn}5`]).toBe(formatFigureValue(fdi.embedded, "en"));
    await page.locator("#inserted li[data-status=stale]").waitFor({ timeout: 30_000 });
    expect(await page.locator("#inserted .status").innerText()).toBe(REFRESH_STATUS_TEXT.en.stale);
    // The catalog is the revised release's.
    expect(await page.locator(".catalog").innerText()).toContain(en.releaseMeta(REVISED.release.id));

    // The user types over one of our figures (the growth rate's cell): refresh must keep it.
    const edited = `${valueColumn}${5 + grid.rowIds.indexOf("fdi_new_enterprises_yoy")}`;
    const yoy = REVISED.figure("fdi_new_enterprises_yoy");
    if (!yoy) throw new Error("the revised release has no fdi_new_enterprises_yoy");
    await page.evaluate(async (address) => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      await hook.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject("Sheet1").getRange(address).values = [[42]];
        await context.sync();
      });
    }, edited);
    const beforePlan = await gridText(page);
    const userText = beforePlan[edited];

    // Plan: the stale value old → new, the row the revision adds; nothing written yet.
    await page.click("#refresh-figures");
    await page.locator("#refresh-apply").waitFor({ timeout: 30_000 });
    expect(await page.locator("#refresh-heading").innerText()).toBe(en.refreshPlanHeading);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("refresh-heading");
    const update = page.locator("#refresh-panel li.change[data-kind=update]", { hasText: `${fdi.embedded.value.toLocaleString("en-US")} → ${fdi.revised.value.toLocaleString("en-US")}` });
    expect(await update.count()).toBe(1);
    expect(await update.innerText()).toContain(REFRESH_KIND_TEXT.en.update);
    expect(await update.innerText()).toContain(`${valueColumn}5`);
    expect(await page.locator("#refresh-panel li.change[data-kind=row_added]").count()).toBeGreaterThan(0);
    expect(await page.locator("#refresh-panel article[data-status=stale]").count()).toBe(1);
    // The user's figure: kept, with both values named.
    const kept = page.locator("#refresh-panel li.change[data-kind=user_edit][data-written=false]");
    expect(await kept.count()).toBe(1);
    // Both as the cell shows them (issue 16): 42 typed into a percent cell reads 4200%, as in Excel.
    expect(await kept.innerText()).toContain(en.refreshKept("4200%", formatFigureValue(yoy, "en")));
    expect(await kept.innerText()).toContain(edited);
    // The edited row's period stays with the user's figure, and the plan says so, naming the edit (issue 16).
    const periodCell = `${"BCDEFG"[grid.columnKeys.indexOf("period")] ?? "?"}${5 + grid.rowIds.indexOf("fdi_new_enterprises_yoy")}`;
    const keptWith = page.locator("#refresh-panel li.change[data-kind=kept_with_edit][data-written=false]");
    expect(await keptWith.count()).toBe(1);
    expect(await keptWith.getAttribute("data-address")).toBe(`Sheet1!${periodCell}`);
    expect(await keptWith.innerText()).toContain(`Sheet1!${edited}`);
    // The note is planned where Apply puts it (below the added row and the spacer), and no added row onto it.
    const planned = await page.$$eval("#refresh-panel li.change", (items) => items.map((item) => ({ kind: (item as HTMLElement).dataset.kind ?? "", address: (item as HTMLElement).dataset.address ?? "", where: item.querySelector(".change-where")?.textContent ?? "" })));
    const noteAt = planned.find((change) => change.where.endsWith(" · Note"))?.address ?? "";
    expect(noteAt).toBe(`Sheet1!B${6 + REVISED_ROWS}`);
    expect(planned.filter((change) => change.kind === "row_added").map((change) => change.address)).not.toContain(noteAt);
    expect(await gridText(page)).toEqual(beforePlan);
    await page.locator("#refresh-heading").evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await page.locator("#pane").screenshot({ path: join(SCREENSHOTS, "pane-refresh-plan-en.png") });

    // Cancel: nothing written, the plan gone.
    await page.click("#refresh-cancel");
    await page.locator("#refresh-panel").waitFor({ state: "hidden" });
    expect(await page.locator(".message").innerText()).toContain(en.refreshCancelled);
    expect(await gridText(page)).toEqual(beforePlan);

    // Plan again and apply, by keyboard, with the report also written to a "Refresh log" sheet.
    await page.focus("#refresh-figures");
    await page.keyboard.press("Enter");
    await page.locator("#refresh-apply").waitFor({ timeout: 30_000 });
    await tabTo(page, "#refresh-log");
    await page.keyboard.press("Space");
    expect(await page.isChecked("#refresh-log")).toBe(true);
    await tabTo(page, "#refresh-apply");
    await page.keyboard.press("Enter");
    await page.locator("#refresh-close").waitFor({ timeout: 30_000 });
    expect(await page.locator("#refresh-heading").innerText()).toBe(en.refreshReportHeading);
    expect(await page.locator(".message.success").innerText()).toContain(REFRESH_STATUS_TEXT.en.stale);
    const written = page.locator("#refresh-panel li.change[data-kind=update][data-written=true]", { hasText: `${fdi.embedded.value.toLocaleString("en-US")} → ${fdi.revised.value.toLocaleString("en-US")}` });
    expect(await written.count()).toBe(1);

    // The grid: the revised figure, formatted, and the added row's label.
    expect(await page.locator(".sheet-tab", { hasText: "Refresh log" }).count()).toBe(1);
    await page.click('.sheet-tab[data-sheet="Sheet1"]');
    const after = await gridText(page);
    expect(after[`${valueColumn}5`]).toBe(formatFigureValue(fdi.revised, "en"));
    expect(after[edited]).toBe(userText); // the user's 42, untouched
    expect(after[periodCell]).toBe(grid.rows[grid.rowIds.indexOf("fdi_new_enterprises_yoy")]?.[grid.columnKeys.indexOf("period")]); // kept with it
    expect(after[noteAt.slice("Sheet1!".length)]).toBe(tableGrid(REVISED, "fdi_headline", "en").note); // where the plan said
    const added = REVISED.figure("ftz_fdi_share");
    if (!added) throw new Error("the revised release has no ftz_fdi_share");
    expect(Object.values(after)).toContain(added.label.en);
    // Nothing left to write, the user's edit kept: "Edited".
    await page.locator("#inserted li[data-status=edited]").waitFor({ timeout: 30_000 });
    expect(await page.locator("#inserted li").first().innerText()).toContain(REVISED.release.id);

    // Refresh again: "Up to date", nothing to apply, nothing written.
    await page.click("#refresh-close");
    const syncsBefore = Number(await page.getAttribute("body", "data-syncs"));
    const settled = await gridText(page);
    await page.click("#refresh-figures");
    await page.locator("#refresh-close").waitFor({ timeout: 30_000 });
    expect(await page.locator(".message.success").innerText()).toContain(en.refreshUpToDate(REVISED.release.id));
    expect(await page.locator("#refresh-apply").count()).toBe(0);
    expect(await gridText(page)).toEqual(settled);
    expect(Number(await page.getAttribute("body", "data-syncs")) - syncsBefore).toBe(4); // a dry run: the tables' three reads (docs/refresh.md), and one for briefing records (none here)

    expectClean(opened);
    await close(opened);
  }, 180_000);

  it("a blocked table's plan: its reason names the cell in the way, it lists no change, says what waits, and offers no Apply (issue 16)", async () => {
    const served = site();
    const opened = await visit(served);
    const { page } = opened;
    await page.click('button.item[data-id="fdi_headline"]');
    await page.click('#grid td[data-address="B3"]');
    await page.click("#insert-here");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    // B3 title, B4 header, data to row 9, the spacer row 10: the revision's added row takes row 10
    // and needs row 11 as its spacer (the note there moves down). A value set in row 10 would join
    // the table (Excel's auto-expansion), so the user's value goes in row 11.
    const blocker = `D${6 + tableGrid(EMBEDDED, "fdi_headline", "en").rows.length}`;
    await page.evaluate(async (address) => {
      const hook = window.bjPreviewHost;
      if (!hook) throw new Error("no preview hook");
      await hook.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject("Sheet1").getRange(address).values = [["in the way"]];
        await context.sync();
      });
    }, blocker);
    publish(served.dir, REVISED_TEXT);
    await page.reload();
    await ready(page);
    await page.click("#refresh-figures");
    await page.locator("#refresh-close").waitFor({ timeout: 30_000 });
    expect(await page.locator("#refresh-apply").count()).toBe(0);
    const article = page.locator("#refresh-panel article[data-status=blocked]");
    expect(await article.count()).toBe(1);
    expect(await article.locator("li.change").count()).toBe(0);
    expect(await article.locator(".notice").innerText()).toContain(`Sheet1!${blocker}`);
    const held = article.locator("p[data-held]");
    expect(await held.innerText()).toMatch(/^Nothing is written to this table: \d+ changes wait until that is resolved; then refresh again\.$/);
    expect(await page.locator("#refresh-summary").innerText()).toContain("0 changes planned");
    await page.locator("#refresh-heading").evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    await page.locator("#pane").screenshot({ path: join(SCREENSHOTS, "pane-refresh-blocked-en.png") });
    // In Chinese too.
    await page.click("#lang-switch");
    expect(await article.locator(".notice").innerText()).toContain(`Sheet1!${blocker}`);
    expect(await held.innerText()).toMatch(/^此表格不会写入任何内容：有 \d+ 处更改待问题解决后再写入/);
    expect(await page.locator("#refresh-summary").innerText()).toContain("计划 0 处更改");

    expectClean(opened);
    await close(opened);
  }, 120_000);

  it("refuses a release with a wrong checksum, says what failed, and keeps the embedded release", async () => {
    const served = site();
    publish(served.dir, REVISED_TEXT, { wrongChecksum: true });
    // The loader's own message for this channel, computed here over the same files.
    const serveFile: ChannelFetch = (url) => {
      const path = join(served.dir, new URL(url).pathname);
      const body = readFileSync(path);
      return Promise.resolve(new Response(body, { status: 200 }));
    };
    const expected = await loadRelease({ baseUrl: `${ORIGIN}/`, fetch: serveFile });
    if (expected.ok) throw new Error("the tampered index was accepted");
    expect(expected.reason).toBe("checksum_mismatch");

    const opened = await visit(served);
    const { page } = opened;
    const problem = page.locator("#release-problem");
    await problem.waitFor({ state: "visible", timeout: 30_000 });
    expect(await problem.getAttribute("data-reason")).toBe("checksum_mismatch");
    expect(await problem.innerText()).toBe(expected.message.en);
    expect(await page.locator("#release-status").innerText()).toContain(describeOrigin({ kind: "embedded", releaseId: EMBEDDED.release.id }).en);
    // Nothing of the refused file reaches the pane: the catalog and an insert are the embedded release's.
    expect(await page.locator(".catalog").innerText()).toContain(en.releaseMeta(EMBEDDED.release.id));
    expect(await page.locator(".catalog").innerText()).not.toContain(REVISED.release.id);
    const fdi = EMBEDDED.figure("fdi_new_enterprises");
    if (!fdi) throw new Error("no fdi_new_enterprises");
    const grid = tableGrid(EMBEDDED, "fdi_headline", "en");
    const valueColumn = "BCDEFG"[grid.columnKeys.indexOf("value")] ?? "?";
    await page.click('button.item[data-id="fdi_headline"]');
    await page.click('#grid td[data-address="B3"]');
    await page.click("#insert-here");
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    expect((await gridText(page))[`${valueColumn}5`]).toBe(formatFigureValue(fdi, "en"));
    // In Chinese too.
    await page.click("#lang-switch");
    expect(await problem.innerText()).toBe(expected.message.zh);

    expectClean(opened);
    await close(opened);
  }, 120_000);
});
