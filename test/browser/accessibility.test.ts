/**
 * Accessibility of the task pane (the production taskpane.html outside Office) and of the preview
 * page, in headless Chromium:
 *
 * - axe-core (npm) in both languages (the browser's locale picks the pane's language) and in light,
 *   dark and forced-colors modes (page.emulateMedia), on the page as it opens, with a table
 *   previewed, and with a figure's card shown: no serious or critical violation;
 * - the preview's grid in dark mode after an insert at the active cell, in both languages: axe's
 *   colour-contrast rule on the grid, the name box and the formula bar, and an explicit check of
 *   the computed text and background colours of the title, header, banded and unbanded rows, note
 *   and source cells, a row header, the name box and the formula bar (WCAG AA: 4.5:1);
 * - the keyboard: Tab walks the whole page; every interactive element is reached (a radio group
 *   counts once: arrows move within it), and each shows a focus indicator: its computed outline or
 *   box-shadow differs between focused and not focused.
 *
 * The pages are served with their Content Security Policy header (test/browser/support.ts); axe is
 * run through page.evaluate, which Chromium does not hold to the page's policy, and any violation of
 * the policy fails the test.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { type Site, type Visit, TIMEOUT_MS, build, close, launch, open } from "./support";

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ADDIN_ORIGIN = "https://addin.test";
const PREVIEW_ORIGIN = "https://preview.test";

type Mode = "light" | "dark" | "forced-colors";
const MODES: readonly Mode[] = ["light", "dark", "forced-colors"];
const LOCALES = [
  { locale: "en-US", lang: "en" },
  { locale: "zh-CN", lang: "zh-CN" },
] as const;

let browser: Browser | undefined;
const dirs: string[] = [];
let pane: Site;
let preview: Site;

beforeAll(async () => {
  const paneDir = mkdtempSync(join(tmpdir(), "bj-a11y-pane-"));
  const previewDir = mkdtempSync(join(tmpdir(), "bj-a11y-preview-"));
  dirs.push(paneDir, previewDir);
  await build({ config: "webpack.config.js", outDir: paneDir, env: { ADDIN_URL: ADDIN_ORIGIN } });
  await build({ config: "webpack.preview.config.js", outDir: previewDir });
  pane = { dir: paneDir, origin: ADDIN_ORIGIN, officeCdn: true };
  preview = { dir: previewDir, origin: PREVIEW_ORIGIN };
  browser = await launch();
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const PAGES = [
  { name: "pane", site: () => pane, path: "/taskpane.html" },
  { name: "preview", site: () => preview, path: "/" },
] as const;

async function openIn(site: Site, path: string, locale: string, mode: Mode): Promise<Visit> {
  if (!browser) throw new Error("no browser");
  const visit = await open(browser, site, {
    path,
    locale,
    viewport: { width: path === "/" ? 1280 : 360, height: 900 },
    colorScheme: mode === "dark" ? "dark" : "light",
    forcedColors: mode === "forced-colors" ? "active" : "none",
  });
  await visit.page.locator(".catalog button.item").first().waitFor({ timeout: 30_000 });
  return visit;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const defined = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
  if (!defined) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.impact ?? ""} ${v.id} (${v.help}) at ${n.target.join(" ")}: ${(n.failureSummary ?? "").split("\n").slice(0, 2).join(" ")}`));
}

/**
 * The states axe looks at: as opened, a table previewed, a figure's card shown, and on the preview
 * page (which has a workbook) a table inserted: the message and the inserted list.
 */
async function states(page: Page, check: (state: string) => Promise<void>): Promise<void> {
  await check("opened");
  await page.locator(".catalog button.item").first().click();
  await check("table previewed");
  const figure = page.locator(".catalog button.item").nth(-1);
  await figure.click();
  await check("figure shown");
  if ((await page.locator("#grid").count()) > 0) {
    await page.locator(".catalog button.item").first().click();
    await page.locator("#insert-new-sheet").click();
    await page.locator(".message.success").waitFor({ timeout: 30_000 });
    await check("table inserted");
  }
}

describe("axe-core: no serious or critical violations", () => {
  const cases = PAGES.flatMap((p) => LOCALES.flatMap((l) => MODES.map((mode) => ({ page: p.name, locale: l.locale, lang: l.lang, mode }))));
  test.each(cases)("$page, $locale, $mode", async ({ page: name, locale, lang, mode }) => {
    const target = PAGES.find((p) => p.name === name);
    if (!target) throw new Error(name);
    const visit = await openIn(target.site(), target.path, locale, mode);
    try {
      expect(await visit.page.getAttribute("html", "lang")).toBe(lang);
      const found: string[] = [];
      await states(visit.page, async (state) => {
        found.push(...(await seriousViolations(visit.page)).map((v) => `[${state}] ${v}`));
      });
      expect(found).toEqual([]);
      expect(visit.csp).toEqual([]);
      expect(visit.errors).toEqual([]);
    } finally {
      await close(visit);
    }
  }, 120_000);
});

/** The contrast ratio (WCAG 2) of each element's text against the background it is drawn on. */
async function contrasts(page: Page, selectors: readonly string[]): Promise<Record<string, { ratio: number; color: string; background: string }>> {
  return page.evaluate((wanted) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const parts = (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? "0,0,0,0").split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    // The background an element is drawn on: its own and its ancestors' backgrounds, composed.
    const backdrop = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) {
        const layer = parse(getComputedStyle(e).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const channel = (v: number): number => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const result: Record<string, { ratio: number; color: string; background: string }> = {};
    for (const selector of wanted) {
      const host = document.querySelector(selector);
      if (!host) continue;
      // Text that runs on over the next cells is drawn by its span.
      const text = host.querySelector(".spill") ?? host;
      const background = backdrop(host);
      const color = over(parse(getComputedStyle(text).color), background);
      const [l1, l2] = [luminance(color), luminance(background)].sort((a, b) => b - a) as [number, number];
      result[selector] = { ratio: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100, color: String(color.slice(0, 3)), background: String(background.slice(0, 3)) };
    }
    return result;
  }, selectors);
}

describe("the preview grid in dark mode, after an insert at the active cell: every cell readable", () => {
  test.each(LOCALES)("$locale", async ({ locale }) => {
    const visit = await openIn(preview, "/", locale, "dark");
    const { page } = visit;
    try {
      await page.click('#grid td[data-address="B3"]');
      await page.locator('.catalog button.item[data-id="fdi_headline"]').click();
      await page.locator("#insert-here").click();
      await page.locator(".message.success").waitFor({ timeout: 30_000 });
      await page.click('#grid td[data-address="H20"]'); // away from the table: no selection shading on it
      const defined = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object");
      if (!defined) await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
        const result = await axe.run({ include: [["#grid"], [".formula-row"]] }, { runOnly: ["color-contrast"], resultTypes: ["violations"] });
        return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(" ")}: ${(n.failureSummary ?? "").split("\n")[1] ?? ""}`));
      });
      expect(violations).toEqual([]);
      // Title B3, header row 4, banded row 5, unbanded row 6, the empty spacer row 10, note B11, source B12 (issue 16: white on white before).
      const cells = ["#cell-B3", "#cell-B4", "#cell-C5", "#cell-B6", "#cell-C6", "#cell-B11", "#cell-B12", "#cell-D13", "#grid tbody th", "#name-box", "#formula-bar"];
      await page.click('#grid td[data-address="B5"]'); // the formula bar shows a value
      await page.click('#grid td[data-address="H20"]');
      const measured = await contrasts(page, cells);
      expect(Object.keys(measured).sort()).toEqual([...cells].sort());
      const weak = Object.entries(measured).filter(([, m]) => m.ratio < 4.5).map(([selector, m]) => `${selector}: ${m.ratio} (text ${m.color} on ${m.background})`);
      expect(weak).toEqual([]);
      // The cells really hold the table's text (a check on empty cells would prove nothing).
      expect(await page.locator("#cell-B3").textContent()).not.toBe("");
      expect(await page.locator("#cell-B10").textContent()).toBe(""); // the spacer row stays empty
      expect(await page.locator("#cell-B11").textContent()).not.toBe("");
      expect(await page.locator("#cell-B12").textContent()).not.toBe("");
      expect(visit.csp).toEqual([]);
      expect(visit.errors).toEqual([]);
    } finally {
      await close(visit);
    }
  }, 120_000);
});

/** Marks every interactive, rendered element with data-a11y-i and returns their descriptions. */
async function interactiveElements(page: Page): Promise<Array<{ index: number; name: string; group: string | null }>> {
  return page.evaluate(() => {
    const selector = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";
    const rendered = (e: Element): boolean => {
      const box = (e as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(e);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none" && !(e as HTMLElement).closest("[inert], [hidden], [aria-hidden=true]");
    };
    return Array.from(document.querySelectorAll(selector))
      .filter(rendered)
      .map((e, index) => {
        e.setAttribute("data-a11y-i", String(index));
        const input = e as HTMLInputElement;
        // A radio group, and a list with a roving tabindex (the catalog's results), are one Tab stop each.
        const roving = (e as HTMLElement).closest("[data-roving]")?.getAttribute("data-roving");
        const group = e.tagName === "INPUT" && input.type === "radio" ? `radio:${input.name}` : roving ? `roving:${roving}` : null;
        return { index, name: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${(e as HTMLElement).dataset.id ? `[data-id=${(e as HTMLElement).dataset.id ?? ""}]` : ""}`, group };
      });
  });
}

/** The focus indicator of the focused element: its outline and box-shadow. */
async function indicator(page: Page, index: number, focused: boolean): Promise<string> {
  return page.evaluate(
    ({ index, focused }) => {
      const e = document.querySelector(`[data-a11y-i="${index}"]`);
      if (!(e instanceof HTMLElement)) return "missing";
      if (!focused) e.blur();
      const s = getComputedStyle(e);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow} | ${s.borderBottomColor} ${s.borderBottomWidth}`;
    },
    { index, focused },
  );
}

describe("keyboard: every interactive element is reached by Tab, with a visible focus indicator", () => {
  const cases = PAGES.flatMap((p) => (["light", "forced-colors"] as const).map((mode) => ({ page: p.name, mode })));
  test.each(cases)("$page, $mode", async ({ page: name, mode }) => {
    const target = PAGES.find((p) => p.name === name);
    if (!target) throw new Error(name);
    const visit = await openIn(target.site(), target.path, "en-US", mode);
    const { page } = visit;
    try {
      await page.locator(".catalog button.item").first().click(); // a table previewed: the insert controls are there
      const elements = await interactiveElements(page);
      expect(elements.length).toBeGreaterThan(5);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const reached = new Set<number>();
      const invisible: string[] = [];
      // Tab through the page until focus comes back to an element already seen twice in a row.
      for (let presses = 0; presses < elements.length * 2 + 10; presses++) {
        await page.keyboard.press("Tab");
        const index = await page.evaluate(() => Number(document.activeElement?.getAttribute("data-a11y-i") ?? "-1"));
        if (index < 0) continue;
        if (reached.has(index) && reached.size >= elements.length) break;
        if (!reached.has(index)) {
          const on = await indicator(page, index, true);
          const off = await indicator(page, index, false);
          await page.evaluate((i) => (document.querySelector(`[data-a11y-i="${i}"]`) as HTMLElement | null)?.focus(), index);
          const described = elements.find((e) => e.index === index)?.name ?? String(index);
          if (on === off) invisible.push(`${described}: ${on}`);
          reached.add(index);
        }
      }
      const groupsReached = new Set(elements.filter((e) => reached.has(e.index) && e.group).map((e) => e.group));
      const missed = elements.filter((e) => !reached.has(e.index) && !(e.group && groupsReached.has(e.group))).map((e) => e.name);
      expect(missed).toEqual([]);
      expect(invisible).toEqual([]);
      expect(visit.csp).toEqual([]);
    } finally {
      await close(visit);
    }
  }, 120_000);
});
