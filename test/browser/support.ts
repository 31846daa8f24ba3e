/**
 * Shared helpers of the browser tests: builds (webpack's Node API, in this process), Debian's
 * Chromium through playwright-core, and a page served from a build directory at a test origin with
 * nothing reaching the network. Every visit records console errors, uncaught exceptions, refused
 * requests and Content Security Policy violations (the `securitypolicyviolation` events of the page
 * and Chromium's console reports), so a test can fail on any of them.
 */
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import webpack, { type Configuration } from "webpack";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

export const ROOT = resolve(__dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const TIMEOUT_MS = 300_000;
/**
 * Where the browser tests save their screenshots: a build folder (gitignored), so that a test run
 * leaves a clone clean. `npm run screenshots` sets BJ_SCREENSHOTS_DIR=docs/screenshots to refresh
 * the README's pictures.
 */
export const SCREENSHOTS = resolve(ROOT, process.env.BJ_SCREENSHOTS_DIR ?? "test-results/screenshots");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_DIST = join(ROOT, "node_modules/@microsoft/office-js/dist");

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/csp.js is the CommonJS module the build uses
const csp = require("../../scripts/csp.js") as {
  OFFICE_TELEMETRY_FRAME: string;
  metaPolicy(kind: PageKind): string;
  headerPolicy(kind: PageKind): string;
  pageKind(path: string): PageKind | null;
};
export type PageKind = "pane" | "help" | "preview";
export const { metaPolicy, headerPolicy, pageKind, OFFICE_TELEMETRY_FRAME } = csp;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

export interface BuildOptions {
  /** The webpack config file, relative to the project. */
  readonly config: "webpack.config.js" | "webpack.preview.config.js";
  readonly outDir: string;
  /** Environment for the config (e.g. ADDIN_URL), restored afterwards. */
  readonly env?: Readonly<Record<string, string>>;
  /** A module to bundle in place of src/data/release.ts (e.g. the hostile fixture). */
  readonly release?: string;
}

/** One production build with the project's config, through webpack's Node API. */
export async function build(options: BuildOptions): Promise<void> {
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((key) => [key, process.env[key]]));
  Object.assign(process.env, options.env ?? {});
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the configs are CommonJS functions
    const configOf = require(join(ROOT, options.config)) as (env: unknown, argv: { mode: string }) => Configuration;
    const config = configOf(undefined, { mode: "production" });
    config.output = { ...config.output, path: options.outDir };
    config.infrastructureLogging = { level: "error" };
    if (options.release) {
      const dataDir = join(ROOT, "src/data");
      const replacement = options.release;
      config.plugins = [
        ...(config.plugins ?? []),
        new webpack.NormalModuleReplacementPlugin(/^\.\/release$/, (resource: { context: string; request: string }) => {
          if (resource.context === dataDir) resource.request = replacement;
        }),
      ];
    }
    await new Promise<void>((done, fail) => {
      webpack(config, (error, stats) => {
        if (error) fail(error);
        else if (!stats || stats.hasErrors()) fail(new Error(stats?.toString({ all: false, errors: true }) ?? "no stats"));
        else done();
      });
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (.ci/run does).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface Site {
  /** The build directory served at `origin`. */
  readonly dir: string;
  readonly origin: string;
  /** Serve Office.js from @microsoft/office-js for Microsoft's CDN URL (the add-in's pane). */
  readonly officeCdn?: boolean;
}

export interface Visit {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Requests the site could not answer (other origins, missing files). */
  readonly refused: string[];
  /** CSP violations: the page's securitypolicyviolation events and Chromium's CSP console messages. */
  readonly csp: string[];
  /** Office.js's own telemetry frame requests, answered with an empty page (nothing leaves the machine). */
  readonly officeTelemetry: string[];
}

/** Records CSP violations of `page` into `sink`: the DOM event (from the first script on) and the console. */
export async function watchCsp(page: Page, sink: string[]): Promise<void> {
  await page.exposeFunction("__bjCspViolation", (text: string) => sink.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __bjCspViolation?: (text: string) => void }).__bjCspViolation;
      report?.(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) sink.push(`console: ${message.text()}`);
  });
}

export interface OpenOptions extends BrowserContextOptions {
  /** The path to open, e.g. "/taskpane.html". */
  readonly path: string;
}

/**
 * Opens a page of `site` in a new context (so locale, colour scheme and viewport are the page's
 * own), every response carrying the header CSP of its page kind.
 */
export async function open(browser: Browser, site: Site, { path, ...context }: OpenOptions): Promise<Visit> {
  const page = await (await browser.newContext(context)).newPage();
  const visit: Visit = { page, errors: [], refused: [], csp: [], officeTelemetry: [] };
  page.on("pageerror", (error) => visit.errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") visit.errors.push(`console: ${message.text()}`);
  });
  await watchCsp(page, visit.csp);
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const href = url.href;
    if (url.origin === OFFICE_TELEMETRY_FRAME) {
      visit.officeTelemetry.push(href);
      await route.fulfill({ status: 200, body: "<!doctype html><title>telemetry</title>", contentType: "text/html" });
      return;
    }
    let file: string | null = null;
    if (site.officeCdn && href.startsWith(OFFICE_CDN)) file = normalize(join(OFFICE_JS_DIST, href.slice(OFFICE_CDN.length).split(/[?#]/)[0] ?? ""));
    else if (url.origin === site.origin) file = normalize(join(site.dir, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)));
    const base = file?.startsWith(OFFICE_JS_DIST) ? OFFICE_JS_DIST : site.dir;
    if (file === null || !file.startsWith(base) || !existsSync(file)) {
      visit.refused.push(href);
      await route.fulfill({ status: 404, body: "" });
      return;
    }
    const kind = url.origin === site.origin ? pageKind(url.pathname) : null;
    const headers: Record<string, string> = kind ? { "content-security-policy": headerPolicy(kind) } : {};
    await route.fulfill({ status: 200, body: readFileSync(file), contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream", headers });
  });
  await page.goto(`${site.origin}${path}`);
  return visit;
}

/** Closes a visit's page and its context. */
export async function close(visit: Visit): Promise<void> {
  await visit.page.context().close();
}

/** Presses Tab until `selector` has focus; fails, naming where focus went, if `max` presses do not reach it. */
export async function tabTo(page: Page, selector: string, max = 200): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    seen.push(await page.evaluate(() => `${document.activeElement?.tagName ?? ""}#${document.activeElement?.id ?? ""}`));
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}; focus went ${[...new Set(seen)].slice(0, 40).join(" ")}`);
}

/** A visit met no console error, uncaught exception, refused request or CSP violation. */
export function expectClean(visit: Visit): void {
  expect(visit.errors).toEqual([]);
  expect(visit.refused).toEqual([]);
  expect(visit.csp).toEqual([]);
}

/** The displayed text of every cell of the preview grid's active sheet, by address (empty cells left out). */
export async function gridText(page: Page): Promise<Record<string, string>> {
  return page.$$eval("#grid td[data-address]", (cells) =>
    Object.fromEntries(cells.flatMap((cell) => (cell.textContent ? [[(cell as HTMLElement).dataset.address ?? "", cell.textContent]] : []))),
  );
}
