/**
 * The preview's grid as a user tries it first (issue 16, items 5, 11, 15 and 17), in headless
 * Chromium: typing in cells (Enter, Tab, Escape, F2, Delete), ordinary formulas evaluated by the
 * preview's formula engine (fast-formula-parser) with BJ.* calls going to the project's functions,
 * Go To in the name box, error values drawn in their own cell, typing into a live spill giving
 * #SPILL!, merged areas drawn merged, the sheet's far edge costing what A1 costs (cells drawn, not
 * time), the page at 320 px (the heading fits, the pane's status bar stays small), and inserted
 * tables drawn whole (a second insert in the same columns narrows none of them; a spill sets widths).
 *
 * Fails on console errors, uncaught exceptions, refused requests and CSP violations.
 */
import "../functions/setup-custom-functions";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { currentDataset, formatFigureValue, tableGrid } from "../../src/core";
import { REGISTERED } from "../../src/functions/functions";
import { MAX_RENDER_COLUMNS, MAX_RENDER_ROWS } from "../../src/preview/viewport";
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction } from "../../src/simulated-excel";
import { type Site, type Visit, TIMEOUT_MS, build, close, launch, open, expectClean } from "./support";

const ORIGIN = "https://preview.test";
let browser: Browser | undefined;
let site: Site;
let dir = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bj-preview-grid-"));
  await build({ config: "webpack.preview.config.js", outDir: dir });
  site = { dir, origin: ORIGIN };
  browser = await launch();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPreview(options: { width?: number; height?: number } = {}): Promise<Visit> {
  if (!browser) throw new Error("no browser");
  const visit = await open(browser, site, { path: "/", viewport: { width: options.width ?? 1280, height: options.height ?? 860 } });
  await visit.page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
  return visit;
}

async function text(page: Page, address: string): Promise<string> {
  return (await page.locator(`#cell-${address}`).textContent()) ?? "";
}

/**
 * Waits (up to 10 s) until a cell shows `expected`, then checks it: the formula engine loads as
 * its own chunk the first time a formula needs it, so the first result comes a moment later.
 */
async function expectText(page: Page, address: string, expected: string): Promise<void> {
  await page
    .waitForFunction(([id, want]) => (document.getElementById(id)?.textContent ?? "") === want, [`cell-${address}`, expected] as const, { timeout: 10_000 })
    .catch(() => undefined);
  expect(await text(page, address)).toBe(expected);
}

/** Clicks a cell, types into it and presses `end` (Enter by default). */
async function typeInto(page: Page, address: string, input: string, end = "Enter"): Promise<void> {
  await page.click(`#grid td[data-address="${address}"]`);
  await page.keyboard.type(input);
  await page.keyboard.press(end);
}

async function goTo(page: Page, reference: string): Promise<void> {
  await page.click("#name-box");
  await page.keyboard.type(reference);
  await page.keyboard.press("Enter");
}

describe("the preview grid", () => {
  it("takes typed values and formulas: SUM of a range, BJ.* inside a formula, Enter/Tab/Escape/F2/Delete", async () => {
    const visit = await openPreview();
    const { page } = visit;
    try {
      for (const [i, value] of ["10", "20", "30", "40", "50"].entries()) await typeInto(page, `C${i + 4}`, value);
      expect(await page.locator("#name-box").inputValue()).toBe("C9"); // Enter moved down each time
      await page.keyboard.type("=SUM(C4:C8)");
      await page.keyboard.press("Tab"); // writes and moves right
      await expectText(page, "C9", "150");
      expect(await page.locator("#name-box").inputValue()).toBe("D9");
      await typeInto(page, "E2", "=BJ.FDI_COUNT(2024)*2");
      await expectText(page, "E2", String(1777 * 2));
      await typeInto(page, "E3", "=BJ.FDI_COUNT(2024)");
      const fdi = currentDataset().figure("fdi_new_enterprises");
      if (!fdi) throw new Error("no fdi_new_enterprises");
      await expectText(page, "E3", "1777"); // a plain BJ call: the simulator's own path
      await typeInto(page, "E4", "=IFERROR(BJ.FDI_COUNT(2023),\"none\")");
      await expectText(page, "E4", "none");
      expect(formatFigureValue(fdi, "en")).toBe("1,777");

      // The formula bar shows the formula of the active cell; F2 edits what is there.
      await page.click('#grid td[data-address="C9"]');
      expect(await page.locator("#formula-bar").inputValue()).toBe("=SUM(C4:C8)");
      await page.keyboard.press("F2");
      await page.keyboard.type("*2");
      await page.keyboard.press("Enter");
      await expectText(page, "C9", "300");
      // Escape leaves the cell as it was.
      await page.click('#grid td[data-address="C4"]');
      await page.keyboard.type("999");
      await page.keyboard.press("Escape");
      await expectText(page, "C4", "10");
      await expectText(page, "C9", "300");
      // Changing a cell recalculates the formulas that read it; Delete clears it.
      await typeInto(page, "C4", "110");
      await expectText(page, "C9", "500");
      await page.click('#grid td[data-address="C8"]');
      await page.keyboard.press("Delete");
      await expectText(page, "C8", "");
      await expectText(page, "C9", "400");
      // Error values of ordinary formulas.
      await typeInto(page, "G2", "=1/0");
      await typeInto(page, "G3", "=NO_SUCH_FUNCTION(1)");
      expect([await text(page, "G2"), await text(page, "G3")]).toEqual(["#DIV/0!", "#NAME?"]);
      // Clicking another cell while typing writes what was typed, and selects the clicked cell.
      await page.click('#grid td[data-address="G5"]');
      await page.keyboard.type("left by a click");
      await page.click('#grid td[data-address="G7"]');
      await expectText(page, "G5", "left by a click");
      expect(await page.locator("#name-box").inputValue()).toBe("G7");
      // A double click edits what the cell holds.
      await page.dblclick('#grid td[data-address="G5"]');
      expect(await page.locator("#cell-G5 input.cell-editor").inputValue()).toBe("left by a click");
      await page.keyboard.press("End");
      await page.keyboard.type("!");
      await page.keyboard.press("Enter");
      await expectText(page, "G5", "left by a click!");
      // The formula bar edits the active cell too.
      await page.click('#grid td[data-address="H2"]');
      await page.click("#formula-bar");
      await page.keyboard.type("=C9/4");
      await page.keyboard.press("Enter");
      await expectText(page, "H2", "100");
      expectClean(visit);
    } finally {
      await close(visit);
    }
  }, 120_000);

  it("draws an error value in its own cell, and typing into a live spill gives #SPILL! at its formula's cell", async () => {
    const visit = await openPreview();
    const { page } = visit;
    try {
      await typeInto(page, "B3", "in the way");
      await typeInto(page, "A1", '=BJ.TABLE("fdi_headline")');
      await expectText(page, "A1", "#SPILL!");
      // Not run on to the right (it once appeared in J1): the row holds it in A1 only.
      const row1 = await page.$$eval("#grid tbody tr:first-child td", (cells) => cells.map((cell) => cell.textContent ?? ""));
      expect(row1.filter((each) => each !== "")).toEqual(["#SPILL!"]);
      const box = await page.locator("#cell-A1").boundingBox();
      const textBox = await page.locator("#cell-A1").evaluate((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right };
      });
      if (!box) throw new Error("no A1");
      expect(textBox.left).toBeGreaterThanOrEqual(box.x - 1);
      expect(textBox.right).toBeLessThanOrEqual(box.x + box.width + 1);

      // Clear the cell in the way: it spills. Then type into the live spill: #SPILL! again.
      await page.click('#grid td[data-address="B3"]');
      await page.keyboard.press("Delete");
      expect(await text(page, "A1")).not.toBe("#SPILL!");
      expect(await text(page, "B2")).not.toBe("");
      await typeInto(page, "B3", "mine");
      await expectText(page, "A1", "#SPILL!");
      await expectText(page, "B3", "mine");
      await expectText(page, "B2", "");
      expectClean(visit);
    } finally {
      await close(visit);
    }
  }, 120_000);

  it("draws merged areas merged, showing their top-left value", async () => {
    // A saved workbook with a merged area, as the page reopens it from the tab's storage.
    const functions: Record<string, SimCustomFunction> = Object.fromEntries(
      Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
    );
    const excel = createSimulatedExcel({ functions });
    await excel.user.type("B2", "Merged title");
    excel.user.merge("B2:D3");
    const saved = JSON.stringify(excel.save());
    const visit = await openPreview();
    const { page } = visit;
    try {
      await page.evaluate((snapshot) => sessionStorage.setItem("bj-preview.workbook.v1", snapshot), saved);
      await page.reload();
      await page.locator("html[data-pane=ready]").waitFor({ state: "attached", timeout: 30_000 });
      const merged = page.locator("#cell-B2");
      expect(await merged.getAttribute("colspan")).toBe("3");
      expect(await merged.getAttribute("rowspan")).toBe("2");
      expect(await merged.textContent()).toBe("Merged title");
      expect(await page.locator("#cell-C2").count()).toBe(0); // covered by the area
      expect(await page.locator("#cell-D3").count()).toBe(0);
      const width = (await merged.boundingBox())?.width ?? 0;
      const single = (await page.locator("#cell-E2").boundingBox())?.width ?? 0;
      expect(width).toBeGreaterThan(single * 2.5);
      expectClean(visit);
    } finally {
      await close(visit);
    }
  }, 120_000);

  it("goes to XFB1 and row 1,048,570 from the name box, drawing no more cells there than anywhere, and works there", async () => {
    const visit = await openPreview();
    const { page } = visit;
    try {
      const drawn = async (): Promise<number> => Number(await page.getAttribute("#grid", "data-cells-drawn"));
      const atA1 = await drawn();
      // The pane inserts near the last row and column as anywhere else.
      await goTo(page, "XEX1048560");
      await page.locator(".catalog button.item").first().click();
      await page.click("#insert-here");
      await page.locator(".message.success").waitFor({ timeout: 30_000 });
      expect(await text(page, "XEX1048560")).not.toBe("");
      expect(await drawn()).toBeLessThanOrEqual(MAX_RENDER_ROWS * MAX_RENDER_COLUMNS);

      await goTo(page, "xfb1");
      expect(await page.locator("#name-box").inputValue()).toBe("XFB1");
      expect(await page.locator("#cell-XFB1").getAttribute("class")).toContain("active-cell");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("grid");
      const atXfb1 = await drawn();
      // Selecting a far cell draws a window around it: at most the viewport's maximum, never the
      // 16,000 columns between A and XFB.
      expect(atXfb1).toBeLessThanOrEqual(MAX_RENDER_ROWS * MAX_RENDER_COLUMNS);
      expect(atXfb1).toBeLessThanOrEqual(atA1 * MAX_RENDER_COLUMNS);
      // Actions there: type a value, then a formula reading it.
      await page.keyboard.type("7");
      await page.keyboard.press("Tab");
      await page.keyboard.type("=XFB1*3");
      await page.keyboard.press("Enter");
      await expectText(page, "XFC1", "21");
      expect(await drawn()).toBe(atXfb1);

      await goTo(page, "A1048570");
      expect(await page.locator("#name-box").inputValue()).toBe("A1048570");
      expect(await drawn()).toBeLessThanOrEqual(MAX_RENDER_ROWS * MAX_RENDER_COLUMNS);
      // The window says where it is in the sheet, for screen readers.
      expect(await page.locator("#cell-A1048570").evaluate((cell) => [cell.parentElement?.getAttribute("aria-rowindex"), cell.getAttribute("aria-colindex")])).toEqual(["1048571", "2"]);
      await page.keyboard.type("last rows");
      await page.keyboard.press("Enter");
      await expectText(page, "A1048570", "last rows");
      expect(await page.locator("#name-box").inputValue()).toBe("A1048571");
      await goTo(page, "XFD1048576");
      expect(await drawn()).toBeLessThanOrEqual(MAX_RENDER_ROWS * MAX_RENDER_COLUMNS);

      // A reference that is not one: said, and the selection stays.
      await goTo(page, "not a cell");
      expect(await page.locator("#workbook-status").textContent()).toContain("isn't valid");
      await page.keyboard.press("Escape");
      expect(await page.locator("#name-box").inputValue()).toBe("XFD1048576");
      expectClean(visit);
    } finally {
      await close(visit);
    }
  }, 120_000);

  it("issue 16: an insert fits its columns and never narrows them (a second table below, a Chinese spill beside)", async () => {
    const visit = await openPreview();
    const { page } = visit;
    const index = currentDataset();
    /** Widths (px) of the grid's columns, by letter. */
    const widths = (letters: string): Promise<number[]> =>
      Promise.all([...letters].map(async (letter) => (await page.locator(`#grid thead th[aria-colindex="${letter.charCodeAt(0) - 63}"]`).boundingBox())?.width ?? 0));
    /**
     * The cells of rows `from`..`to` in `letters` whose text is cut by the cell's width, except in
     * a column the preview draws at its widest (240 px, whatever the sheet's width: docs/taskpane.md)
     * and text that runs on over empty cells.
     */
    const cut = (letters: string, from: number, to: number): Promise<string[]> =>
      page.$$eval(
        "#grid td[data-address]",
        (cells, [columns, first, last]) =>
          cells.flatMap((cell) => {
            const address = (cell as HTMLElement).dataset.address ?? "";
            const row = Number(address.replace(/^[A-Z]+/, ""));
            const inside = columns.includes(address.replace(/[0-9]+$/, "")) && row >= first && row <= last;
            // Text running on over empty cells to its right (class "overflow") is not cut.
            const capped = cell.getBoundingClientRect().width >= 239 || cell.classList.contains("overflow");
            return inside && !capped && cell.scrollWidth > cell.clientWidth + 1 ? [`${address} ${cell.textContent ?? ""}`] : [];
          }),
        [letters, from, to] as const,
      );
    const insertAt = async (id: string, address: string): Promise<void> => {
      await page.click(`button.item[data-id="${id}"]`);
      await page.click(`#grid td[data-address="${address}"]`);
      await page.click("#insert-here");
      await page.locator(".message.success").waitFor({ timeout: 30_000 });
    };
    try {
      // fdi_headline at B3: title B3, header row 4, its rows below; Basis in F says "Derived (estimate)".
      await insertAt("fdi_headline", "B3");
      const first = tableGrid(index, "fdi_headline", "en");
      const before = await widths("BCDEF");
      expect(await cut("BCDEF", 4, 4 + first.rows.length)).toEqual([]);
      // A table whose Basis column says only "Stated", in the same columns below: nothing narrows.
      await insertAt("two_zones_policy", "B20");
      const after = await widths("BCDEF");
      expect(after.filter((width, c) => width < (before[c] ?? 0))).toEqual([]);
      expect(await cut("BCDEF", 4, 21 + tableGrid(index, "two_zones_policy", "en").rows.length)).toEqual([]);
      // In Chinese, as one =BJ.TABLE spill at H3: its columns are set too, and nothing is cut.
      await page.click("#lang-switch");
      await page.click("#mode-spill");
      await page.click(`button.item[data-id="fdi_headline"]`);
      await page.click('#grid td[data-address="H3"]');
      await page.click("#insert-here");
      await page.locator(".message.success").waitFor({ timeout: 30_000 });
      await expectText(page, "H4", tableGrid(index, "fdi_headline", "zh").header[0] ?? "?");
      expect((await widths("HIJKL")).every((width) => width > 64)).toBe(true);
      expect(await cut("HIJKL", 4, 4 + first.rows.length)).toEqual([]);
      expectClean(visit);
    } finally {
      await close(visit);
    }
  }, 120_000);

  it("fits 320 px: the heading inside the page, the pane's status bar small even with a message", async () => {
    const visit = await openPreview({ width: 320, height: 800 });
    const { page } = visit;
    try {
      const overflow = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, heading: document.querySelector(".bar h1")?.getBoundingClientRect().right ?? 0 }));
      expect(overflow.page).toBeLessThanOrEqual(320);
      expect(overflow.heading).toBeLessThanOrEqual(320);
      // Insert twice at the same cell: the second is refused with a long message and its action.
      await page.click('#grid td[data-address="B3"]');
      await page.locator(".catalog button.item").first().click();
      await page.click("#insert-here");
      await page.locator(".message.success").waitFor({ timeout: 30_000 });
      await page.click('#grid td[data-address="B3"]');
      await page.click("#insert-here");
      await page.locator(".message.error").waitFor({ timeout: 30_000 });
      const bar = await page.locator(".status-bar").boundingBox();
      if (!bar) throw new Error("no status bar");
      expect(bar.height).toBeLessThanOrEqual(800 * 0.2 + 1);
      // Scrolled down to the pane, the status bar sits at the bottom of the screen.
      await page.evaluate(() => document.querySelector(".pane-host")?.scrollIntoView({ block: "start" }));
      const inView = await page.locator(".status-bar").boundingBox();
      expect(Math.round((inView?.y ?? 0) + (inView?.height ?? 0))).toBe(800);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expectClean(visit);
    } finally {
      await close(visit);
    }
  }, 120_000);
});
