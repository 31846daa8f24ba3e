/**
 * Column widths that fit a table's shown text, estimated without a host (nothing here measures a
 * font). The estimate is deliberately generous, so that a fitted cell is never cut and a number
 * never shows "####": 7 points per character of the standard font (Calibri 11 draws its digits
 * about 5.25 points wide), a wide (CJK, full-width) character counting as two, plus the cell's
 * padding, and room for the filter button in a table's header row.
 *
 * Layer: pure core.
 */
import { showWithFormat } from "./formats";
import type { TableGrid } from "./tables";

/** Excel's standard column width (8.43 characters of Calibri 11, 64 pixels), in points. */
export const STANDARD_COLUMN_WIDTH = 48;
/** The widest column Excel takes is 255 characters of the standard font: about 1,339 points. */
export const MAX_COLUMN_WIDTH = 1339;
/** Points per narrow character, and the cell's padding. */
const POINTS_PER_CHARACTER = 7;
const CELL_PADDING = 8;
/** The filter button a table draws in each header cell. */
const FILTER_BUTTON = 14;

/** Whether a character is drawn about twice as wide as a Latin one (East Asian wide and full-width forms). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** A text's width in narrow characters: a wide character counts as two. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return units;
}

/** The width (points) a cell needs to show `text` whole; `header`: with a table's filter button. */
export function widthFor(text: string, header = false): number {
  const units = textUnits(text);
  if (units === 0) return 0;
  return Math.min(MAX_COLUMN_WIDTH, units * POINTS_PER_CHARACTER + CELL_PADDING + (header ? FILTER_BUTTON : 0));
}

/**
 * The width each of a grid's columns wants (points): the widest of its header and of its cells as
 * their number formats show them in the grid's language, never under the standard width. The
 * title, note and source lines are not counted: they are single cells with nothing to their right,
 * meant to run over the next columns. This is what a values table and a =BJ.TABLE spill show;
 * `statTexts` (formulas mode) counts the value cells as =BJ.STAT shows them, with the period tag.
 */
export function gridColumnWidths(grid: TableGrid, options: { readonly statTexts?: boolean } = {}): number[] {
  const valueColumn = grid.columnKeys.indexOf("value");
  return grid.header.map((header, c) => {
    const cells = grid.rows.map((row, r) => {
      const stat = options.statTexts === true && c === valueColumn ? (grid.statTexts[r] ?? null) : null;
      return widthFor(stat ?? showWithFormat(row[c] ?? null, grid.numberFormats[r]?.[c]));
    });
    return Math.max(STANDARD_COLUMN_WIDTH, widthFor(header, true), ...cells);
  });
}
