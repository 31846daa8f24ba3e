/**
 * Custom functions in the BJ namespace (placeholder created by the build setup so the `functions`
 * webpack entry builds; the custom functions owner replaces it).
 *
 * Layer: functions (core only, never the workbook).
 */
import { currentDataset } from "../core";

/**
 * The id of the dataset release in use.
 * @customfunction VERSION
 * @returns The release id.
 */
export function version(): string {
  return currentDataset().release.id;
}
