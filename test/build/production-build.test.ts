/**
 * Production build smoke test: one `webpack --mode production` run with ADDIN_URL set, into a
 * temporary directory, then checks of what a deployment would serve.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { readSourceText } from "../support/source-text";
import { DEV_ORIGIN, PROJECT_ROOT, manifestViolations, servedPaths, xsdErrors } from "../manifest/manifest-checks";

/** Obviously not localhost, and with a path, to prove the rewrite keeps the path. */
const PRODUCTION_ORIGIN = "https://bj-stats.example.invalid/addin";
const BUILD_TIMEOUT_MS = 300_000;

function runWebpack(outDir: string, addinUrl: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ADDIN_URL;
  if (addinUrl !== undefined) env.ADDIN_URL = addinUrl;
  const cli = require.resolve("webpack-cli/bin/cli.js");
  return spawnSync(process.execPath, [cli, "--mode", "production", "--output-path", outDir], {
    cwd: PROJECT_ROOT,
    env,
    encoding: "utf8",
    timeout: BUILD_TIMEOUT_MS,
  });
}

let outDir = "";
let manifest = "";

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "bj-build-"));
  const result = runWebpack(outDir, PRODUCTION_ORIGIN);
  if (result.status !== 0) {
    throw new Error(`production build failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
  }
  manifest = readFileSync(join(outDir, "manifest.xml"), "utf8");
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe("production build", () => {
  test("emits the files a deployment serves", () => {
    const expected = ["manifest.xml", "functions.json", "functions.js", "taskpane.js", "taskpane.html", "help.html"];
    expect(expected.filter((file) => !existsSync(join(outDir, file)))).toEqual([]);
  });

  test("copies every help page", () => {
    const pages = readdirSync(join(PROJECT_ROOT, "src/help")).filter((name) => name.endsWith(".html"));
    expect(pages).toContain("help.html");
    expect(pages.filter((page) => !existsSync(join(outDir, page)))).toEqual([]);
  });

  test("the manifest has no localhost left and the production origin at every former dev URL", () => {
    const source = readFileSync(join(PROJECT_ROOT, "manifest.xml"), "utf8");
    const devCount = source.split(DEV_ORIGIN).length - 1;
    expect(devCount).toBeGreaterThan(1); // several URLs: a first-occurrence-only rewrite would show
    expect(manifest).not.toMatch(/localhost/i);
    expect(manifest.split(PRODUCTION_ORIGIN).length - 1).toBe(devCount);
  });

  test("no served file mentions localhost, and no source map publishes the sources", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const served = files(outDir);
    const textFiles = served.filter((file) => /\.(xml|json|html|js|css)$/.test(file));
    expect(textFiles.length).toBeGreaterThan(4);
    expect(textFiles.filter((file) => /localhost/i.test(readFileSync(file, "utf8")))).toEqual([]);
    expect(served.filter((file) => file.endsWith(".map"))).toEqual([]);
  });

  test("the manifest keeps every semantic rule under the production origin", () => {
    expect(manifestViolations(manifest, { origin: PRODUCTION_ORIGIN, assetsDir: join(outDir, "assets") })).toEqual([]);
  });

  test("every file the manifest names is in the build", () => {
    const paths = servedPaths(manifest, PRODUCTION_ORIGIN);
    expect(paths).toContain("taskpane.html");
    expect(paths.filter((path) => !existsSync(join(outDir, path)))).toEqual([]);
  });

  test("ships no sentence of the source report, and not the report itself", () => {
    const source = readSourceText();
    // Sentences longer than the 15-word cap on locator phrases: none may appear in a served file.
    const sentences = source.split(/(?<=[.!?])\s+|\n/).map((s) => s.trim().replace(/[.!?]$/, "")).filter((s) => s.split(/\s+/).length > 15);
    const files = readdirSync(outDir, { recursive: true, encoding: "utf8" }).filter((name) => /\.(html|js|json|xml|css|txt)$/.test(name));
    const leaks = files.flatMap((name) => {
      const text = readFileSync(join(outDir, name), "utf8");
      return sentences.filter((sentence) => text.includes(sentence)).map((sentence) => `${name}: ${sentence.slice(0, 40)}…`);
    });
    expect(files.filter((name) => name.includes("8d16afa62625a65f"))).toEqual([]);
    expect(leaks).toEqual([]);
  });

  test("the built manifest validates against the XSDs", async () => {
    expect(await xsdErrors(manifest, "dist-manifest.xml")).toEqual([]);
  });

  test("functions.json is metadata for at least one BJ function, with no localhost", () => {
    const text = readFileSync(join(outDir, "functions.json"), "utf8");
    const metadata = JSON.parse(text) as { functions?: Array<{ id?: unknown; name?: unknown }> };
    expect(Array.isArray(metadata.functions) && metadata.functions.length > 0).toBe(true);
    expect(metadata.functions?.filter((f) => typeof f.id !== "string" || typeof f.name !== "string")).toEqual([]);
    expect(text).not.toMatch(/localhost/i);
  });

  // What the pane does not need to be drawn loads when first used (excel-workbook.ts,
  // briefing-panel.ts): each chunk holds a call or text only it has, and the start bundles do not.
  test.each([
    ["insert.js", "getActiveCell"],
    ["refresh.js", "getSpecialCellsOrNullObject"],
    ["briefing.js", ".charts.add("],
    ["briefing-layout.js", "Beijing vs national average"],
  ])("%s loads on demand: it holds %s, functions.js and taskpane.js do not", (chunk, marker) => {
    // Chunk files are named with a content hash: insert.1a2b3c4d.js.
    const [name = ""] = chunk.split(".");
    const files = readdirSync(outDir).filter((file) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(file));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(outDir, files[0] ?? ""), "utf8")).toContain(marker);
    expect(["functions.js", "taskpane.js"].filter((start) => readFileSync(join(outDir, start), "utf8").includes(marker))).toEqual([]);
  });

  test("taskpane.html loads Office.js from the CDN and both bundles (shared runtime)", () => {
    const html = readFileSync(join(outDir, "taskpane.html"), "utf8");
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(html, "text/html");
    const scripts = Array.from(doc.getElementsByTagName("script")).map((s) => s.getAttribute("src") ?? "");
    expect(scripts).toEqual(
      expect.arrayContaining(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "functions.js", "taskpane.js"]),
    );
    expect(scripts.indexOf("https://appsforoffice.microsoft.com/lib/1/hosted/office.js")).toBe(0);
  });
});

describe("production build configuration", () => {
  test("fails with a clear message when ADDIN_URL is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "bj-build-none-"));
    try {
      const result = runWebpack(dir, undefined);
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/ADDIN_URL is not set/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, BUILD_TIMEOUT_MS);

  test("rejects an http ADDIN_URL", () => {
    const dir = mkdtempSync(join(tmpdir(), "bj-build-http-"));
    try {
      const result = runWebpack(dir, "http://bj-stats.example.invalid");
      expect(result.status).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/ADDIN_URL must use https/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, BUILD_TIMEOUT_MS);
});
