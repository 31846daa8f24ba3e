/**
 * The pure core: lookups, number formats, table layouts and citations over the data layer.
 * No Office.js and no DOM here; the adapter, custom functions and task pane build on it.
 */
export * from "./lookup";
export * from "./formats";
export * from "./tables";
export * from "./widths";
export * from "./citation";
export * from "./formula";
export * from "./a1";
export * from "./active-release";
export * from "./tracking";
export * from "./refresh";
export * from "./briefing";
// Freeze for sharing (share.ts, share-sources.ts, share-spill.ts) is imported from its own modules,
// not from here: the functions bundle reads this index, and needs none of it.
