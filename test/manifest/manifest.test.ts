/**
 * manifest.xml, offline: structure against Microsoft's XSDs (vendored in test/fixtures/manifest-xsd) and the
 * project's semantic rules. The mutation tests prove each rule can fail.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_ORIGIN, PROJECT_ROOT, manifestViolations, xsdErrors } from "./manifest-checks";

const manifest = readFileSync(join(PROJECT_ROOT, "manifest.xml"), "utf8");
const context = { origin: DEV_ORIGIN, assetsDir: join(PROJECT_ROOT, "assets") };

/** Replaces exactly one occurrence, so a mutation that no longer applies fails loudly. */
function mutate(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  if (at < 0 || xml.indexOf(from, at + 1) >= 0) throw new Error(`mutation target must occur exactly once: ${from}`);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

describe("manifest.xml against the XSDs", () => {
  test("validates against OfficeAppManifestV1_1.xsd", async () => {
    expect(await xsdErrors(manifest)).toEqual([]);
  });
  test("the validator rejects a manifest whose elements are out of schema order", async () => {
    const broken = mutate(manifest, "<Permissions>ReadWriteDocument</Permissions>", "")
      .replace("<Hosts>", "<Permissions>ReadWriteDocument</Permissions>\n  <Hosts>");
    expect((await xsdErrors(broken)).length).toBeGreaterThan(0);
  });
});

describe("manifest.xml semantic rules", () => {
  test("has no violations", () => {
    expect(manifestViolations(manifest, context)).toEqual([]);
  });

  const mutations: ReadonlyArray<readonly [string, string, string, RegExp]> = [
    ["an http URL", `${DEV_ORIGIN}/functions.js"`, `http://localhost:3000/functions.js"`, /not https/],
    ["a URL on another host", `DefaultValue="${DEV_ORIGIN}/help.html">\n    <Override`, `DefaultValue="https://example.org/help">\n    <Override`, /not under the add-in origin|SupportUrl/],
    ["an undefined resid", `<Label resid="Group.Label"/>`, `<Label resid="Group.Missing"/>`, /"Group\.Missing", which is not defined/],
    ["a resid of the wrong kind", `<Label resid="Group.Label"/>`, `<Label resid="Help.Url"/>`, /expected one of ShortStrings/],
    ["a missing zh-CN string override", `<bt:Override Locale="zh-CN" Value="北京数据"/>`, "", /Group\.Label has no zh-CN override/],
    ["an untranslated zh-CN override", `Value="北京数据"`, `Value="Beijing Stats"`, /is not Chinese/],
    ["a missing zh-CN DisplayName", `<Override Locale="zh-CN" Value="北京“两区”开放统计"/>`, "", /DisplayName has no zh-CN override/],
    ["another namespace", `id="Functions.Namespace" DefaultValue="BJ"`, `id="Functions.Namespace" DefaultValue="BEIJING"`, /namespace/],
    ["more permissions", "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadAllDocument</Permissions>", /Permissions/],
    ["a short-lived runtime", `lifetime="long"`, `lifetime="short"`, /lifetime/],
    ["no SharedRuntime requirement", `<Set Name="SharedRuntime" MinVersion="1.1"/>`, `<Set Name="ExcelApi" MinVersion="1.1"/>`, /SharedRuntime/],
    ["an icon of the wrong size", `id="Icon.16" DefaultValue="${DEV_ORIGIN}/assets/icon-16.png"`, `id="Icon.16" DefaultValue="${DEV_ORIGIN}/assets/icon-32.png"`, /32x32, declared 16x16/],
    ["an icon with no file", `assets/icon-80.png`, `assets/icon-81.png`, /has no file/],
    ["a runtime page other than the pane", `<Runtime resid="Taskpane.Url"`, `<Runtime resid="Help.Url"`, /runtime page/],
    ["a second host", `<Host Name="Workbook"/>`, `<Host Name="Workbook"/><Host Name="Document"/>`, /Hosts/],
    ["a contoso support page", `<SupportUrl DefaultValue="${DEV_ORIGIN}/help.html">`, `<SupportUrl DefaultValue="https://www.contoso.com/help">`, /contoso/],
    ["no auto-open task pane id", "<TaskpaneId>Office.AutoShowTaskpaneWithDocument</TaskpaneId>", "<TaskpaneId>BJ.Taskpane</TaskpaneId>", /AutoShowTaskpaneWithDocument/],
    ["no zh-CN functions metadata", `<bt:Override Locale="zh-CN" Value="${DEV_ORIGIN}/functions.zh-CN.json"/>`, "", /zh-CN override to functions\.zh-CN\.json/],
  ];

  test.each(mutations)("detects %s", (_name, from, to, expected) => {
    const violations = manifestViolations(mutate(manifest, from, to), context);
    expect(violations.some((v) => expected.test(v))).toBe(true);
  });

  test("reports a manifest that does not parse", () => {
    expect(manifestViolations(manifest.replace("</OfficeApp>", ""), context)).toEqual([expect.stringMatching(/does not parse/)]);
  });
});
