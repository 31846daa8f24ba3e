/**
 * The pages the add-in serves (help pages and the task pane template): every local link names a
 * page the build emits and, with a fragment, an id that page has; every page declares its language.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DOMParser, type Document } from "@xmldom/xmldom";
import { PROJECT_ROOT } from "../manifest/manifest-checks";

const HELP_DIR = join(PROJECT_ROOT, "src/help");
/** Page name as served (dist root) → its source file. */
const PAGES = new Map<string, string>([
  ...readdirSync(HELP_DIR)
    .filter((name) => name.endsWith(".html"))
    .map((name) => [name, join(HELP_DIR, name)] as const),
  ["taskpane.html", join(PROJECT_ROOT, "src/taskpane/taskpane.html")],
]);

function parse(file: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`${file}: ${message}`);
    },
  }).parseFromString(readFileSync(file, "utf8"), "text/html");
}

const docs = new Map([...PAGES].map(([page, file]) => [page, parse(file)] as const));

function ids(doc: Document): Set<string> {
  return new Set(Array.from(doc.getElementsByTagName("*")).map((e) => e.getAttribute("id") ?? "").filter(Boolean));
}

test("the help page exists", () => {
  expect([...PAGES.keys()]).toContain("help.html");
});

test("every local link names an emitted page and an existing anchor", () => {
  const broken: string[] = [];
  for (const [page, doc] of docs) {
    for (const link of Array.from(doc.getElementsByTagName("a"))) {
      const href = link.getAttribute("href") ?? "";
      if (/^[a-z]+:/i.test(href)) continue; // external (none expected, but not ours to resolve)
      const [target = "", fragment] = href.split("#");
      const targetPage = target === "" ? page : target;
      const targetDoc = docs.get(targetPage);
      if (!targetDoc) {
        if (!existsSync(join(PROJECT_ROOT, target))) broken.push(`${page}: ${href} (no such page)`);
        continue;
      }
      if (fragment && !ids(targetDoc).has(fragment)) broken.push(`${page}: ${href} (no id "${fragment}")`);
    }
  }
  expect(broken).toEqual([]);
});

test("every page declares its language, and has Chinese text marked zh-CN", () => {
  const problems: string[] = [];
  for (const [page, doc] of docs) {
    const html = doc.documentElement;
    if (!html?.getAttribute("lang")) problems.push(`${page}: <html> has no lang`);
    const zh = Array.from(doc.getElementsByTagName("*")).filter((e) => e.getAttribute("lang") === "zh-CN");
    if (!zh.some((e) => /\p{Script=Han}/u.test(e.textContent ?? ""))) problems.push(`${page}: no Chinese text under lang="zh-CN"`);
  }
  expect(problems).toEqual([]);
});
