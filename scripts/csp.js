// @ts-check
/**
 * The Content Security Policy of every page the add-in serves, in one place (docs/security.md
 * explains each entry). The pages carry the policy in a <meta http-equiv="Content-Security-Policy">
 * (test/security/csp.test.ts checks that each meta equals `metaPolicy(kind)`); the dev server
 * (webpack.config.js) and a deployment send `headerPolicy(kind)`, which adds `frame-ancestors`:
 * browsers ignore that directive in a meta element, so only a header can say who may frame the pane.
 *
 * No 'unsafe-eval' anywhere, and no 'unsafe-inline' for scripts or style elements: no page has
 * inline script, event-handler attributes or inline style, and no code evaluates strings. Loosened
 * only where the evidence says Office.js itself needs it, each entry with its source (docs/security.md):
 * style attributes on the pane (office-js#1687), Office's telemetry collector (office-js#1005).
 */

/** Office.js: Office requires add-ins to load it from Microsoft's CDN. */
const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";

/**
 * What Office.js itself does on the page (seen in the browser tests, and in its source): it adds a
 * hidden iframe to Microsoft's telemetry proxy, `<iframe style="display:none" src=…>` in <head>.
 * The frame's origin is allowed as a frame source, and its one style attribute by its hash
 * ('unsafe-hashes' lets a hash match a style attribute; nothing else inline is allowed).
 */
const OFFICE_TELEMETRY_FRAME = "https://telemetryservice.firstpartyapps.oaspapps.com";
const OFFICE_HIDDEN_FRAME_STYLE = "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='"; // sha256 of "display:none"

/**
 * Excel on the web: office.js loads its host script (excel-web-16.00.js) from the CDN, and that
 * script applies inline styles a strict policy refuses; the refusal stops it loading
 * (OfficeDev/office-js#1687, whose report names a hash of one of them). Microsoft's builds change
 * those styles, so no hash list can follow them: the pane allows style *attributes* ('unsafe-inline'
 * in style-src-attr; a hash there would switch 'unsafe-inline' off). Style elements stay 'self'
 * only: the host scripts create none. Attribute styles run no script, and the pane's own code
 * writes no markup (textContent only).
 */
const PANE_STYLE_ATTRIBUTES = ["'unsafe-inline'"];

/**
 * Office.js's telemetry: the Aria SDK it ships (ariatelemetry/aria-web-telemetry.js, loaded from
 * the Office.js CDN, which script-src allows) sends its events by XMLHttpRequest or sendBeacon to
 * this default collector. OfficeDev/office-js#1005 lists the same host among those Office.js needs.
 * Only connect-src, and only this origin: nothing loads script from it.
 */
const OFFICE_TELEMETRY_COLLECTOR = "https://browser.pipe.aria.microsoft.com";

/**
 * Who may frame the add-in's pages: the frames of Excel on the web. `frame-ancestors` checks every
 * ancestor, so each host a workbook can be opened from is listed. Desktop Excel shows the pane as a
 * top-level page in a webview: no ancestor there.
 */
const FRAME_ANCESTORS = [
  "https://*.officeapps.live.com", // Excel on the web's own frame (excel.officeapps.live.com)
  "https://*.sharepoint.com", // workbooks opened from SharePoint and OneDrive for work or school
  "https://onedrive.live.com", // workbooks opened from OneDrive (personal)
  "https://*.office.com", // Microsoft 365 on the web (www.office.com)
  "https://*.microsoft365.com", // the Microsoft 365 app (www.microsoft365.com)
  "https://*.cloud.microsoft", // Microsoft's domain its web apps are moving to (excel.cloud.microsoft)
];

/** @typedef {"pane" | "help" | "preview"} PageKind */

/** @type {Record<PageKind, Record<string, string[]>>} */
const POLICIES = {
  // taskpane.html: the pane and the custom functions (shared runtime).
  pane: {
    "default-src": ["'self'"],
    "script-src": ["'self'", OFFICE_JS_ORIGIN],
    "style-src": ["'self'"],
    "style-src-attr": PANE_STYLE_ATTRIBUTES,
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", OFFICE_TELEMETRY_COLLECTOR],
    "frame-src": [OFFICE_TELEMETRY_FRAME],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
  },
  // help.html, functions.html: static text and a stylesheet, no script at all.
  help: {
    "default-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
  },
  // The preview page (index.html of the preview build): office.js is a local copy, so no CDN, and
  // outside Office it loads no host script: the one telemetry frame style, by its hash, suffices.
  preview: {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-hashes'", OFFICE_HIDDEN_FRAME_STYLE],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": [OFFICE_TELEMETRY_FRAME],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
  },
};

/**
 * @param {Record<string, string[]>} policy
 * @returns {string}
 */
function serialize(policy) {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(" "))
    .join("; ");
}

/**
 * The policy a page's meta element carries.
 * @param {PageKind} kind
 */
function metaPolicy(kind) {
  return serialize(POLICIES[kind]);
}

/**
 * The policy a server sends with the page: the meta policy and frame-ancestors.
 * @param {PageKind} kind
 */
function headerPolicy(kind) {
  const ancestors = kind === "preview" ? ["'self'"] : FRAME_ANCESTORS;
  return serialize({ ...POLICIES[kind], "frame-ancestors": ancestors });
}

/**
 * The kind of page a served path is, or null for anything that is not a page.
 * @param {string} path a URL path, e.g. "/taskpane.html"
 * @returns {PageKind | null}
 */
function pageKind(path) {
  const name = path.split(/[?#]/)[0]?.split("/").pop() ?? "";
  if (name === "taskpane.html") return "pane";
  if (name === "help.html" || name === "functions.html") return "help";
  if (name === "" || name === "index.html") return "preview";
  return null;
}

module.exports = { OFFICE_JS_ORIGIN, OFFICE_TELEMETRY_FRAME, OFFICE_HIDDEN_FRAME_STYLE, OFFICE_TELEMETRY_COLLECTOR, PANE_STYLE_ATTRIBUTES, FRAME_ANCESTORS, POLICIES, metaPolicy, headerPolicy, pageKind };
