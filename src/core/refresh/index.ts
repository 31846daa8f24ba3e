/**
 * Refresh, the pure half (docs/refresh.md), split by concern: the shared shapes (types), addresses
 * and cells (cells), which table answers for each record (locate), the plan (plan, plan-table,
 * plan-spill, plan-common) and the report's words (words).
 *
 * Layer: pure core. No Office.js, no DOM.
 */
export * from "./types";
export { parseA1, rectAddress, isBjFormula } from "./cells";
export { locateTrackedTables, type FoundHow, type LocatedRecord } from "./locate";
export type { RefreshedRecord } from "./plan-common";
export { formulaCells, planRefresh } from "./plan";
export * from "./words";
