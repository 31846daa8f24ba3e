/**
 * Content Security Policy (docs/security.md), statically: every page the add-in serves carries its
 * policy from scripts/csp.js in a <meta http-equiv="Content-Security-Policy"> placed before anything
 * it governs; no policy allows 'unsafe-eval', or 'unsafe-inline' for scripts or style elements; no
 * page has inline script, event handler attributes, javascript: URLs or inline style; the meta leaves
 * out frame-ancestors (browsers ignore it there) and the dev server sends the full policy,
 * frame-ancestors included, as a header. The two places the pane is looser than that (style
 * attributes, office-js#1687; Office's telemetry collector, office-js#1005) are checked against the
 * Office.js package itself and against their reasons in docs/security.md.
 * The browser tests load the pages with the header and fail on any violation report.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { PROJECT_ROOT } from "../manifest/manifest-checks";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/csp.js is CommonJS, shared with the build
const csp = require("../../scripts/csp.js") as {
  OFFICE_JS_ORIGIN: string;
  OFFICE_TELEMETRY_COLLECTOR: string;
  FRAME_ANCESTORS: readonly string[];
  POLICIES: Record<PageKind, Record<string, string[]>>;
  metaPolicy(kind: PageKind): string;
  headerPolicy(kind: PageKind): string;
  pageKind(path: string): PageKind | null;
};
type PageKind = "pane" | "help" | "preview";

/** Every page the project serves, with its kind. */
const PAGES: ReadonlyArray<readonly [string, PageKind]> = [
  ["src/taskpane/taskpane.html", "pane"],
  ...readdirSync(join(PROJECT_ROOT, "src/help"))
    .filter((name) => name.endsWith(".html"))
    .map((name) => [`src/help/${name}`, "help"] as const),
  ["src/preview/index.html", "preview"],
];

function parse(file: string): Document {
  return new DOMParser({ onError: () => undefined }).parseFromString(readFileSync(join(PROJECT_ROOT, file), "utf8"), "text/html");
}

const all = (doc: Document): Element[] => Array.from(doc.getElementsByTagName("*"));
const directives = (policy: string): Map<string, string[]> =>
  new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name = "", ...sources]) => [name, sources]));

describe("Content Security Policy", () => {
  test("each served page is classified (pane, help or preview) by the path it is served at", () => {
    expect(PAGES.map(([file]) => csp.pageKind(`/${file.split("/").pop() === "index.html" ? "" : (file.split("/").pop() ?? "")}`))).toEqual(PAGES.map(([, kind]) => kind));
  });

  test.each(PAGES)("%s carries its policy in a meta element before any script, style or link", (file, kind) => {
    const doc = parse(file);
    const metas = all(doc).filter((e) => e.localName === "meta" && (e.getAttribute("http-equiv") ?? "").toLowerCase() === "content-security-policy");
    expect(metas.map((m) => m.getAttribute("content"))).toEqual([csp.metaPolicy(kind)]);
    const head = all(doc).find((e) => e.localName === "head");
    const children = head ? Array.from(head.childNodes).filter((n): n is Element => n.nodeType === 1) : [];
    const metaAt = children.findIndex((e) => e === metas[0]);
    const firstGoverned = children.findIndex((e) => ["script", "link", "style", "base"].includes(e.localName ?? ""));
    expect(metaAt).toBeGreaterThanOrEqual(0);
    if (firstGoverned >= 0) expect(metaAt).toBeLessThan(firstGoverned);
  });

  test.each(PAGES)("%s has no inline script, handler attribute, javascript: URL or inline style", (file) => {
    const found: string[] = [];
    for (const element of all(parse(file))) {
      const name = element.localName ?? "";
      if (name === "script" && !element.getAttribute("src")) found.push("an inline <script>");
      if (name === "style") found.push("a <style> element");
      for (const attr of Array.from(element.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`<${name} ${attr.name}>`);
        if (attr.name === "style") found.push(`<${name} style>`);
        if (/^\s*javascript:/i.test(attr.value)) found.push(`<${name} ${attr.name}="javascript:…">`);
      }
    }
    expect(found).toEqual([]);
  });

  test.each(PAGES)("%s loads scripts only from sources its policy allows", (file, kind) => {
    const allowed = directives(csp.metaPolicy(kind)).get("script-src") ?? directives(csp.metaPolicy(kind)).get("default-src") ?? [];
    const scripts = all(parse(file)).filter((e) => e.localName === "script").map((e) => e.getAttribute("src") ?? "");
    const blocked = scripts.filter((src) => {
      if (!/^[a-z]+:/i.test(src)) return !allowed.includes("'self'");
      return !allowed.includes(new URL(src).origin);
    });
    expect(blocked).toEqual([]);
  });

  test("no policy allows eval or inline script or style elements; only the header says who may frame a page", () => {
    const problems: string[] = [];
    for (const kind of ["pane", "help", "preview"] as const) {
      const meta = csp.metaPolicy(kind);
      const header = csp.headerPolicy(kind);
      for (const policy of [meta, header]) {
        // The one 'unsafe-inline': style attributes on the pane (office-js#1687, below).
        const rest = [...directives(policy)].filter(([name]) => !(kind === "pane" && name === "style-src-attr"));
        for (const [name, sources] of rest) if (sources.some((source) => /'unsafe-eval'|'unsafe-inline'|'wasm-unsafe-eval'|^\*$/.test(source))) problems.push(`${kind} ${name}: ${sources.join(" ")}`);
        if (/\*(?!\.)/.test(policy)) problems.push(`${kind}: a wildcard source in ${policy}`);
      }
      if (directives(meta).has("frame-ancestors")) problems.push(`${kind}: frame-ancestors in the meta policy (ignored there)`);
      if (!directives(header).has("frame-ancestors")) problems.push(`${kind}: no frame-ancestors in the header`);
      if (directives(meta).get("object-src")?.join(" ") !== "'none'" && directives(meta).get("default-src")?.join(" ") !== "'none'") problems.push(`${kind}: plugins allowed`);
      if (directives(meta).get("base-uri")?.join(" ") !== "'none'") problems.push(`${kind}: base-uri not 'none'`);
      // The header is the meta policy plus frame-ancestors, nothing looser.
      if (!header.startsWith(meta)) problems.push(`${kind}: the header policy is not the meta policy plus frame-ancestors`);
    }
    expect(problems).toEqual([]);
    expect(directives(csp.headerPolicy("pane")).get("frame-ancestors")).toEqual([...csp.FRAME_ANCESTORS]);
    expect(directives(csp.metaPolicy("pane")).get("script-src")).toEqual(["'self'", csp.OFFICE_JS_ORIGIN]);
    expect(directives(csp.metaPolicy("preview")).get("script-src")).toEqual(["'self'"]);
  });

  test("the pane is looser in two places only, each for Office.js itself: style attributes and Office's telemetry collector", () => {
    const pane = directives(csp.metaPolicy("pane"));
    expect(pane.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    // Style elements (and stylesheets) stay our own: the host scripts create none (checked below).
    expect(pane.get("style-src")).toEqual(["'self'"]);
    expect(pane.has("style-src-elem")).toBe(false);
    expect(pane.get("connect-src")).toEqual(["'self'", csp.OFFICE_TELEMETRY_COLLECTOR]);
    // The collector is a connect target only: no script, frame or image comes from it.
    for (const [name, sources] of pane) if (name !== "connect-src") expect([name, sources.includes(csp.OFFICE_TELEMETRY_COLLECTOR)]).toEqual([name, false]);
    // The preview (office.js outside Office: no host script) keeps the strict attribute policy.
    const preview = directives(csp.metaPolicy("preview"));
    expect(preview.get("style-src-attr")?.[0]).toBe("'unsafe-hashes'");
    expect(preview.get("connect-src")).toEqual(["'self'"]);
  });

  test("what the Office.js package does, as the loosening assumes", () => {
    const dist = join(PROJECT_ROOT, "node_modules/@microsoft/office-js/dist");
    // The Aria SDK that Office.js ships sends to the collector the pane allows.
    expect(readFileSync(join(dist, "ariatelemetry/aria-web-telemetry.js"), "utf8")).toContain(`collectorUri:"${csp.OFFICE_TELEMETRY_COLLECTOR}/Collector/3.0/"`);
    // office.js never loads MicrosoftAjax from ajax.aspnetcdn.com (named in office-js#1005): the flag is
    // false and never set, so no CDN beyond Office.js's own is allowed for it.
    const office = readFileSync(join(dist, "office.debug.js"), "utf8");
    expect(office.match(/requiresMsAjax\s*=/g)).toEqual(["requiresMsAjax ="]);
    expect(office).toContain("var requiresMsAjax = false;");
    // The Excel host scripts create no <style> elements: inline styles there are attributes.
    for (const host of ["excel-web-16.00.js", "excel-win32-16.01.js", "excel-mac-16.00.js"]) {
      const text = readFileSync(join(dist, host), "utf8");
      expect([host, /createElement\(\s*["']style["']\s*\)|<style[\s>]/i.test(text)]).toEqual([host, false]);
    }
  });

  test("docs/security.md gives each loosening its public source", () => {
    const doc = readFileSync(join(PROJECT_ROOT, "docs/security.md"), "utf8");
    for (const needed of ["office-js#1687", "office-js#1005", "style-src-attr", csp.OFFICE_TELEMETRY_COLLECTOR, "ajax.aspnetcdn.com"]) expect([needed, doc.includes(needed)]).toEqual([needed, true]);
  });

  test("the dev server sends each page's full policy as a header", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS
    const configOf = require(join(PROJECT_ROOT, "webpack.config.js")) as (env: unknown, argv: { mode: string }) => { devServer?: { headers?: unknown } };
    const headers = configOf(undefined, { mode: "development" }).devServer?.headers;
    expect(typeof headers).toBe("function");
    const sent = (path: string): Record<string, string> => {
      const result = (headers as (req: { path: string; url: string }, res: unknown, context: unknown) => unknown)({ path, url: path }, {}, {});
      const list = Array.isArray(result) ? (result as Array<{ key: string; value: string }>) : Object.entries(result as Record<string, string>).map(([key, value]) => ({ key, value }));
      return Object.fromEntries(list.map(({ key, value }) => [key.toLowerCase(), value]));
    };
    expect(sent("/taskpane.html")["content-security-policy"]).toBe(csp.headerPolicy("pane"));
    expect(sent("/help.html")["content-security-policy"]).toBe(csp.headerPolicy("help"));
    expect(sent("/functions.html")["content-security-policy"]).toBe(csp.headerPolicy("help"));
    expect(sent("/")["content-security-policy"]).toBe(csp.headerPolicy("preview"));
    expect(sent("/functions.json")["content-security-policy"]).toBeUndefined();
    expect(sent("/functions.json")["access-control-allow-origin"]).toBe("*");
  });

  test("the list of pages is complete: every .html under src/ is one of them", () => {
    const html = readdirSync(join(PROJECT_ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".html")).map((name) => relative(PROJECT_ROOT, join(PROJECT_ROOT, "src", name)));
    expect(html.sort()).toEqual(PAGES.map(([file]) => file).sort());
  });
});
