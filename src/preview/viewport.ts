/**
 * Which part of a sheet the preview grid draws. A sheet is 1,048,576 rows by 16,384 columns; the
 * grid draws at most MAX_RENDER_ROWS x MAX_RENDER_COLUMNS cells, whatever the coordinates of the
 * selection or of the cells in use, so that selecting XFD1048576 costs what selecting A1 costs.
 * While what is used and the selection fit in that many rows (columns) from the sheet's start, the
 * grid starts at row 1 (column A) with room around them; otherwise it shows a window around the
 * selection, as Excel scrolls to the active cell.
 *
 * Pure (no DOM): test/preview/viewport.test.ts.
 */
/** A rectangle of cells, 0-based. */
export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;
/** The most rows and columns the grid draws at once. */
export const MAX_RENDER_ROWS = 120;
export const MAX_RENDER_COLUMNS = 40;
/** The least it draws (an empty sheet still looks like a sheet). */
export const MIN_ROWS = 30;
export const MIN_COLUMNS = 10;
/** Rows and columns kept above and left of the active cell when the grid shows a window. */
const LEAD_ROWS = 10;
const LEAD_COLUMNS = 3;

/** The rows and columns drawn: `rows` rows from `firstRow`, `columns` columns from `firstColumn` (0-based). */
export interface Viewport {
  readonly firstRow: number;
  readonly rows: number;
  readonly firstColumn: number;
  readonly columns: number;
}

/** One axis: the first index drawn and how many. */
function axis(active: number, usedEnd: number, minimum: number, maximum: number, lead: number, size: number, room: number): [number, number] {
  const wanted = Math.max(minimum, usedEnd + room, active + 2);
  if (wanted <= maximum) return [0, Math.min(wanted, size)];
  const first = Math.max(0, Math.min(active - lead, size - maximum));
  return [first, Math.min(maximum, size - first)];
}

/**
 * The part of the sheet to draw for a selection (its active cell is `row`, `column`) and the
 * sheet's used area (null when empty).
 */
export function viewport(active: { readonly row: number; readonly column: number }, used: Rect | null): Viewport {
  const usedRowEnd = used ? used.row + used.rows : 0;
  const usedColumnEnd = used ? used.column + used.columns : 0;
  const [firstRow, rows] = axis(active.row, usedRowEnd, MIN_ROWS, MAX_RENDER_ROWS, LEAD_ROWS, SHEET_ROWS, 4);
  const [firstColumn, columns] = axis(active.column, usedColumnEnd, MIN_COLUMNS, MAX_RENDER_COLUMNS, LEAD_COLUMNS, SHEET_COLUMNS, 3);
  return { firstRow, rows, firstColumn, columns };
}
