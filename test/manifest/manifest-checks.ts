/**
 * Offline checks of an add-in manifest, shared by the manifest tests and the build smoke test:
 * XSD validation with xmllint-wasm against the vendored schemas (test/fixtures/manifest-xsd, copies of
 * ../shared/manifest-xsd), and the project's semantic rules
 * over a real XML DOM (@xmldom/xmldom). Each check returns every violation it finds.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { validateXML } from "xmllint-wasm";

export const PROJECT_ROOT = resolve(__dirname, "../..");
/** The vendored schemas (test/fixtures/README.md says where they come from). */
export const XSD_DIR = resolve(PROJECT_ROOT, "test/fixtures/manifest-xsd");
export const MAIN_XSD = "OfficeAppManifestV1_1.xsd";
/** The origin manifest.xml is written with (the dev server). */
export const DEV_ORIGIN = "https://localhost:3000";

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

// ───────────────────────────── XSD ─────────────────────────────

/** Validates a manifest against the OfficeApp 1.1 schema; returns xmllint's error messages. */
export async function xsdErrors(xml: string, fileName = "manifest.xml"): Promise<string[]> {
  const files = readdirSync(XSD_DIR).filter((name) => name.endsWith(".xsd"));
  const read = (name: string) => ({ fileName: name, contents: readFileSync(join(XSD_DIR, name), "utf8") });
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [read(MAIN_XSD)],
    preload: files.filter((name) => name !== MAIN_XSD).map(read),
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}

// ─────────────────────────── semantics ───────────────────────────

/** What the semantic checks need to know besides the manifest text. */
export interface ManifestContext {
  /** The origin every URL must start with (dev origin, or ADDIN_URL for a production build). */
  readonly origin: string;
  /** Directory holding the icon PNGs that the manifest's /assets/ URLs name. */
  readonly assetsDir: string;
}

/** Parses XML with a real parser; any parser warning or error is thrown. */
export function parseXml(xml: string): Document {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  });
  return parser.parseFromString(xml, "text/xml");
}

function elements(root: Document | Element, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

function childElements(parent: Element, ns: string, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === localName,
  );
}

function allElements(root: Document): Element[] {
  return Array.from(root.getElementsByTagName("*"));
}

function path(element: Element): string {
  const names: string[] = [];
  let node: Element | null = element;
  while (node) {
    names.unshift(node.localName ?? "?");
    node = node.parentNode && node.parentNode.nodeType === 1 ? (node.parentNode as Element) : null;
  }
  return names.join("/");
}

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

interface Resource {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly element: Element;
  readonly defaultValue: string;
  readonly overrides: ReadonlyMap<string, string>;
}

function overridesOf(element: Element, ns: string): Map<string, string> {
  return new Map(childElements(element, ns, "Override").map((o) => [o.getAttribute("Locale") ?? "", o.getAttribute("Value") ?? ""]));
}

/** The resources of the VersionOverrides, by id; duplicate ids are reported. */
function resources(doc: Document, violations: string[]): Map<string, Resource> {
  const byId = new Map<string, Resource>();
  const groups: ReadonlyArray<readonly [ResourceKind, string]> = [
    ["Images", "Image"],
    ["Urls", "Url"],
    ["ShortStrings", "String"],
    ["LongStrings", "String"],
  ];
  for (const [kind, item] of groups) {
    for (const group of elements(doc, NS.bt, kind)) {
      for (const element of childElements(group, NS.bt, item)) {
        const id = element.getAttribute("id") ?? "";
        if (byId.has(id)) violations.push(`resource id "${id}" is defined more than once`);
        byId.set(id, { kind, id, element, defaultValue: element.getAttribute("DefaultValue") ?? "", overrides: overridesOf(element, NS.bt) });
      }
    }
  }
  return byId;
}

/** Which resource kind an element's resid must name, by the referring element. */
function expectedKind(element: Element): ResourceKind | null {
  const name = element.localName;
  const parent = element.parentNode as Element | null;
  if (name === "Image") return "Images";
  if (name === "SourceLocation" || name === "Runtime" || name === "LearnMoreUrl" || name === "FunctionFile") return "Urls";
  if (name === "Label" || name === "Title" || name === "Namespace") return "ShortStrings";
  if (name === "Description" && parent && (parent.localName === "Supertip" || parent.localName === "GetStarted")) return "LongStrings";
  return null;
}

/** The width and height in a PNG's IHDR chunk, or null if the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const HAN = /\p{Script=Han}/u;
/** Natural-language text (lowercase Latin words) must be translated; codes such as "BJ" need not. */
const NEEDS_TRANSLATION = /[a-z]{2,}/;

/**
 * Every violation of the project's manifest rules (an empty list means the manifest is sound).
 * Rules: resids defined and of the right kind, no unused or duplicate resources; every URL https
 * and under the add-in's origin; icons exist at their declared size; namespace BJ; shared runtime
 * declared, long-lived, and the same page for pane, functions and ribbon button; permissions
 * exactly ReadWriteDocument on the Workbook host; zh-CN for every user-visible string; no contoso.
 */
export function manifestViolations(xml: string, context: ManifestContext): string[] {
  const violations: string[] = [];
  let doc: Document;
  try {
    doc = parseXml(xml);
  } catch (error) {
    return [`manifest does not parse: ${error instanceof Error ? error.message : String(error)}`];
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== NS.app || root.localName !== "OfficeApp") {
    return ["root element is not OfficeApp in the appforoffice/1.1 namespace"];
  }
  if (root.getAttributeNS(NS.xsi, "type") !== "TaskPaneApp") violations.push("OfficeApp xsi:type is not TaskPaneApp");

  // Identity.
  const text = (name: string) => elements(root, NS.app, name)[0]?.textContent?.trim() ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text("Id"))) violations.push(`Id is not a GUID: "${text("Id")}"`);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(text("Version"))) violations.push(`Version is not n.n.n.n: "${text("Version")}"`);
  if (text("DefaultLocale") !== "en-US") violations.push(`DefaultLocale is "${text("DefaultLocale")}", expected en-US`);
  if (/contoso/i.test(xml)) violations.push("the manifest mentions contoso");

  // Resources and references.
  const byId = resources(doc, violations);
  const used = new Set<string>();
  for (const element of allElements(doc)) {
    if (!element.hasAttribute("resid")) continue;
    const resid = element.getAttribute("resid") ?? "";
    used.add(resid);
    const resource = byId.get(resid);
    const kind = expectedKind(element);
    if (!resource) violations.push(`${path(element)} uses resid "${resid}", which is not defined`);
    else if (kind && resource.kind !== kind) violations.push(`${path(element)} uses resid "${resid}" (${resource.kind}), expected one of ${kind}`);
  }
  for (const id of byId.keys()) if (!used.has(id)) violations.push(`resource "${id}" is defined but never used`);

  // URLs: everything URL-like must be https and under the add-in's origin.
  const urlValues: Array<{ where: string; url: string }> = [];
  for (const element of allElements(doc)) {
    for (const attr of Array.from(element.attributes)) {
      if (attr.name === "xmlns" || attr.name.startsWith("xmlns:")) continue; // namespace names, not fetched
      if (/^[a-z][a-z0-9+.-]*:/i.test(attr.value) && /:\/\//.test(attr.value)) urlValues.push({ where: `${path(element)}@${attr.name}`, url: attr.value });
    }
    const own = Array.from(element.childNodes).filter((n) => n.nodeType === 3).map((n) => n.nodeValue ?? "").join("").trim();
    if (/:\/\//.test(own)) urlValues.push({ where: path(element), url: own });
  }
  for (const { where, url } of urlValues) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      violations.push(`${where}: not a valid URL: ${url}`);
      continue;
    }
    if (parsed.protocol !== "https:") violations.push(`${where}: not https: ${url}`);
    else if (!(url === context.origin || url.startsWith(`${context.origin}/`))) violations.push(`${where}: not under the add-in origin ${context.origin}: ${url}`);
  }
  const supportUrl = elements(root, NS.app, "SupportUrl")[0]?.getAttribute("DefaultValue");
  if (supportUrl !== `${context.origin}/help.html`) violations.push(`SupportUrl is ${supportUrl ?? "missing"}, expected the add-in's own ${context.origin}/help.html`);

  // Icons: each icon URL names a PNG in assets/ of the size it is declared at.
  const iconChecks: Array<{ where: string; url: string; size: number }> = [];
  const iconUrl = elements(root, NS.app, "IconUrl")[0]?.getAttribute("DefaultValue");
  const hiResUrl = elements(root, NS.app, "HighResolutionIconUrl")[0]?.getAttribute("DefaultValue");
  if (iconUrl) iconChecks.push({ where: "IconUrl", url: iconUrl, size: 32 });
  else violations.push("IconUrl is missing");
  if (hiResUrl) iconChecks.push({ where: "HighResolutionIconUrl", url: hiResUrl, size: 64 });
  else violations.push("HighResolutionIconUrl is missing");
  for (const ref of elements(doc, NS.bt, "Image")) {
    if (!ref.hasAttribute("resid")) continue; // a definition, not a use
    const size = Number(ref.getAttribute("size"));
    const resource = byId.get(ref.getAttribute("resid") ?? "");
    if (!resource || resource.kind !== "Images") continue; // reported above
    for (const url of [resource.defaultValue, ...resource.overrides.values()]) iconChecks.push({ where: `icon ${resource.id}`, url, size });
  }
  for (const { where, url, size } of iconChecks) {
    const prefix = `${context.origin}/assets/`;
    if (!url.startsWith(prefix)) {
      violations.push(`${where}: ${url} is not under ${prefix}`);
      continue;
    }
    const file = join(context.assetsDir, url.slice(prefix.length));
    if (!existsSync(file)) {
      violations.push(`${where}: ${url} has no file ${file}`);
      continue;
    }
    const dims = pngSize(readFileSync(file));
    if (!dims) violations.push(`${where}: ${file} is not a PNG`);
    else if (dims.width !== size || dims.height !== size) violations.push(`${where}: ${file} is ${dims.width}x${dims.height}, declared ${size}x${size}`);
  }

  // Host and permissions: Excel workbooks only, least privilege.
  const hosts = elements(root, NS.app, "Host").map((h) => h.getAttribute("Name"));
  if (hosts.length !== 1 || hosts[0] !== "Workbook") violations.push(`Hosts are [${hosts.join(", ")}], expected exactly [Workbook]`);
  const permissions = elements(root, NS.app, "Permissions").map((p) => p.textContent?.trim());
  if (permissions.length !== 1 || permissions[0] !== "ReadWriteDocument") violations.push(`Permissions are [${permissions.join(", ")}], expected exactly ReadWriteDocument`);

  // Shared runtime: requirement, one long-lived runtime, the same page everywhere.
  const sets = elements(root, NS.app, "Set").filter((s) => s.getAttribute("Name") === "SharedRuntime");
  const minVersion = sets[0]?.getAttribute("MinVersion") ?? elements(root, NS.app, "Sets")[0]?.getAttribute("DefaultMinVersion");
  if (sets.length !== 1) violations.push("the SharedRuntime requirement set is not declared (once)");
  else if (!minVersion || Number(minVersion) < 1.1) violations.push(`SharedRuntime MinVersion is ${minVersion ?? "missing"}, expected 1.1 or later`);
  const runtimes = elements(doc, NS.ov, "Runtime");
  if (runtimes.length !== 1) violations.push(`expected exactly one Runtime, found ${runtimes.length}`);
  const runtime = runtimes[0];
  if (runtime && runtime.getAttribute("lifetime") !== "long") violations.push(`Runtime lifetime is "${runtime.getAttribute("lifetime") ?? ""}", expected long`);
  const urlOf = (resid: string | null | undefined) => (resid ? byId.get(resid)?.defaultValue : undefined);
  const runtimeUrl = urlOf(runtime?.getAttribute("resid"));
  const taskpaneUrl = elements(root, NS.app, "SourceLocation")[0]?.getAttribute("DefaultValue");
  if (runtimeUrl !== taskpaneUrl) violations.push(`the runtime page (${runtimeUrl ?? "none"}) is not the task pane page (${taskpaneUrl ?? "none"})`);
  // "Open this pane when this workbook opens": Office opens the ShowTaskpane action whose TaskpaneId
  // is Office.AutoShowTaskpaneWithDocument ("Automatically open a task pane with a document").
  const taskpaneIds = elements(doc, NS.ov, "TaskpaneId").map((element) => element.textContent?.trim() ?? "");
  if (!taskpaneIds.includes("Office.AutoShowTaskpaneWithDocument")) violations.push(`no ShowTaskpane action has the TaskpaneId Office.AutoShowTaskpaneWithDocument (found: ${taskpaneIds.join(", ") || "none"})`);

  // Custom functions: namespace BJ, page = runtime page, script and metadata present.
  const cfPoints = elements(doc, NS.ov, "ExtensionPoint").filter((e) => e.getAttributeNS(NS.xsi, "type") === "CustomFunctions");
  if (cfPoints.length !== 1) violations.push(`expected one CustomFunctions extension point, found ${cfPoints.length}`);
  const cf = cfPoints[0];
  if (cf) {
    const part = (name: string) => elements(cf, NS.ov, name)[0];
    const sourceOf = (name: string) => {
      const element = part(name);
      return element ? elements(element, NS.ov, "SourceLocation")[0]?.getAttribute("resid") : undefined;
    };
    const pageUrl = urlOf(sourceOf("Page"));
    const scriptUrl = urlOf(sourceOf("Script"));
    if (pageUrl !== runtimeUrl) violations.push(`the custom functions page (${pageUrl ?? "none"}) is not the shared runtime page`);
    if (scriptUrl !== `${context.origin}/functions.js`) violations.push(`the custom functions script is ${scriptUrl ?? "missing"}, expected ${context.origin}/functions.js`);
    const metadata = byId.get(sourceOf("Metadata") ?? "");
    if (metadata?.defaultValue !== `${context.origin}/functions.json`) violations.push(`the custom functions metadata is ${metadata?.defaultValue ?? "missing"}, expected ${context.origin}/functions.json`);
    if (metadata && metadata.overrides.get("zh-CN") !== `${context.origin}/functions.zh-CN.json`) violations.push("the custom functions metadata has no zh-CN override to functions.zh-CN.json");
    const namespace = byId.get(elements(cf, NS.ov, "Namespace")[0]?.getAttribute("resid") ?? "");
    const namespaceValues = namespace ? [namespace.defaultValue, ...namespace.overrides.values()] : [];
    if (namespaceValues.length === 0 || namespaceValues.some((value) => value !== "BJ")) violations.push(`the custom functions namespace is [${namespaceValues.join(", ")}], expected BJ in every locale`);
  }

  // Ribbon: every ShowTaskpane action opens the runtime page.
  for (const action of elements(doc, NS.ov, "Action")) {
    if (action.getAttributeNS(NS.xsi, "type") !== "ShowTaskpane") continue;
    const url = urlOf(elements(action, NS.ov, "SourceLocation")[0]?.getAttribute("resid"));
    if (url !== runtimeUrl) violations.push(`a ShowTaskpane action opens ${url ?? "nothing"}, not the shared runtime page`);
  }

  // Ribbon functions (ExecuteFunction) run in the shared runtime: the function file is the runtime page.
  const executes = elements(doc, NS.ov, "Action").filter((action) => action.getAttributeNS(NS.xsi, "type") === "ExecuteFunction");
  for (const action of executes) {
    const name = elements(action, NS.ov, "FunctionName")[0]?.textContent?.trim() ?? "";
    if (name === "") violations.push("an ExecuteFunction action names no function");
  }
  const functionFiles = elements(doc, NS.ov, "FunctionFile");
  if (executes.length > 0 && functionFiles.length === 0) violations.push("ExecuteFunction actions but no FunctionFile");
  for (const file of functionFiles) {
    const url = urlOf(file.getAttribute("resid"));
    if (url !== runtimeUrl) violations.push(`the FunctionFile is ${url ?? "nothing"}, not the shared runtime page`);
  }

  // Two languages: zh-CN for DisplayName, Description and every string resource.
  const checkZh = (where: string, defaultValue: string, overrides: ReadonlyMap<string, string>) => {
    const zh = overrides.get("zh-CN");
    if (zh === undefined) violations.push(`${where} has no zh-CN override`);
    else if (zh.trim() === "") violations.push(`${where} has an empty zh-CN override`);
    else if (NEEDS_TRANSLATION.test(defaultValue) && !HAN.test(zh)) violations.push(`${where}: the zh-CN override "${zh}" is not Chinese`);
  };
  for (const name of ["DisplayName", "Description"]) {
    const element = elements(root, NS.app, name)[0];
    if (!element) violations.push(`${name} is missing`);
    else checkZh(name, element.getAttribute("DefaultValue") ?? "", overridesOf(element, NS.app));
  }
  for (const resource of byId.values()) {
    if (resource.kind === "ShortStrings" || resource.kind === "LongStrings") checkZh(`string ${resource.id}`, resource.defaultValue, resource.overrides);
  }

  return violations;
}

/** The paths (after the origin, without fragment) of every URL in the manifest: files the server must serve. */
export function servedPaths(xml: string, origin: string): string[] {
  const doc = parseXml(xml);
  const paths = new Set<string>();
  for (const element of allElements(doc)) {
    for (const attr of Array.from(element.attributes)) {
      if (!attr.value.startsWith(`${origin}/`)) continue;
      paths.add(attr.value.slice(origin.length + 1).split("#")[0] ?? "");
    }
  }
  return [...paths].sort();
}
