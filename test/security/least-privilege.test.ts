/**
 * Least privilege (docs/security.md): the manifest asks for ReadWriteDocument only and lists exactly
 * the AppDomains the add-in needs, which is none. Every page the pane opens is on the add-in's own
 * origin (relative links), Office.js is a script (AppDomains are about pages, not scripts), and no
 * code navigates the pane elsewhere or opens a dialog on another domain.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { PROJECT_ROOT, parseXml } from "../manifest/manifest-checks";

const APP_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";

/**
 * The AppDomains the add-in needs beyond its own origin (SourceLocation). None: the pane, the help
 * pages and the functions are served from the add-in's origin, and Microsoft's manifest reference
 * says listing that origin again has no effect (and an empty <AppDomains> is invalid).
 */
export const NEEDED_APP_DOMAINS: readonly string[] = [];

/** Every least-privilege violation of a manifest. */
export function leastPrivilegeViolations(xml: string): string[] {
  const doc = parseXml(xml);
  const violations: string[] = [];
  const permissions = Array.from(doc.getElementsByTagNameNS(APP_NS, "Permissions")).map((p) => p.textContent?.trim() ?? "");
  if (permissions.length !== 1 || permissions[0] !== "ReadWriteDocument") violations.push(`Permissions are [${permissions.join(", ")}], expected ReadWriteDocument only`);
  const domains = Array.from(doc.getElementsByTagNameNS(APP_NS, "AppDomain")).map((d) => d.textContent?.trim() ?? "");
  const extra = domains.filter((d) => !NEEDED_APP_DOMAINS.includes(d));
  const missing = NEEDED_APP_DOMAINS.filter((d) => !domains.includes(d));
  if (extra.length > 0) violations.push(`AppDomains not needed: ${extra.join(", ")}`);
  if (missing.length > 0) violations.push(`AppDomains missing: ${missing.join(", ")}`);
  if (domains.length === 0 && doc.getElementsByTagNameNS(APP_NS, "AppDomains").length > 0) violations.push("an empty <AppDomains> element");
  return violations;
}

const manifest = readFileSync(join(PROJECT_ROOT, "manifest.xml"), "utf8");

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && ext.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("least privilege", () => {
  test("manifest.xml asks for ReadWriteDocument only and lists exactly the needed AppDomains (none)", () => {
    expect(leastPrivilegeViolations(manifest)).toEqual([]);
  });

  test.each([
    ["more permissions", (xml: string) => xml.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadWriteMailbox</Permissions>"), /Permissions/],
    ["an AppDomain", (xml: string) => xml.replace("<Hosts>", "<AppDomains><AppDomain>https://cdn.example.org</AppDomain></AppDomains>\n  <Hosts>"), /not needed: https:\/\/cdn\.example\.org/],
    ["an empty AppDomains", (xml: string) => xml.replace("<Hosts>", "<AppDomains></AppDomains>\n  <Hosts>"), /empty/],
  ])("detects %s", (_name, mutate, expected) => {
    const mutated = mutate(manifest);
    expect(mutated).not.toBe(manifest);
    expect(leastPrivilegeViolations(mutated).some((v) => expected.test(v))).toBe(true);
  });

  test("the served pages link only to the add-in's own pages (nothing an AppDomain would be needed for)", () => {
    const pages = [...files(join(PROJECT_ROOT, "src/help"), /\.html$/), join(PROJECT_ROOT, "src/taskpane/taskpane.html")];
    const offOrigin: string[] = [];
    for (const file of pages) {
      const doc = new DOMParser({ onError: () => undefined }).parseFromString(readFileSync(file, "utf8"), "text/html");
      for (const [tag, attr] of [["a", "href"], ["form", "action"], ["iframe", "src"], ["frame", "src"], ["area", "href"]] as const) {
        for (const element of Array.from(doc.getElementsByTagName(tag))) {
          const value = element.getAttribute(attr) ?? "";
          if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value)) offOrigin.push(`${relative(PROJECT_ROOT, file)}: <${tag} ${attr}="${value}">`);
        }
      }
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(offOrigin).toEqual([]);
  });

  test("no production code navigates the pane or opens a dialog", () => {
    const NAVIGATION = /\bwindow\.open\s*\(|\blocation\.href\s*=(?!=)|\blocation\.(assign|replace)\s*\(|\blocation\s*=(?!=)|displayDialogAsync|\bnavigate\s*\(/;
    const found = ["src/taskpane", "src/office", "src/functions", "src/core", "src/data", "src/channel"]
      .flatMap((dir) => files(join(PROJECT_ROOT, dir), /\.ts$/))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${relative(PROJECT_ROOT, file)}:${i + 1}` }))
          .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line) && NAVIGATION.test(line))
          .map(({ line, at }) => `${at}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });
});
