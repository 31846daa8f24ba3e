/**
 * The release channel: newer releases published next to the add-in (`releases/index.json` and the
 * files it lists), verified by SHA-256 and the zod schema before use. See docs/releases.md.
 *
 * Layer: above core, beside src/office. Uses fetch and Web Crypto only; no Office.js, no DOM
 * (storage is passed in). The task pane and the custom functions may import it.
 */
export * from "./release-index";
export * from "./load-release";
export * from "./cache";
export * from "./activate";
