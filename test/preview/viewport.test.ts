/**
 * The preview grid's viewport (src/preview/viewport.ts): what it draws is bounded whatever the
 * coordinates of the selection or of the cells in use, and always holds the active cell.
 */
import fc from "fast-check";
import { MAX_RENDER_COLUMNS, MAX_RENDER_ROWS, MIN_COLUMNS, MIN_ROWS, SHEET_COLUMNS, SHEET_ROWS, viewport } from "../../src/preview/viewport";

describe("the preview grid's viewport", () => {
  it("starts at A1 with room around a small sheet, as before", () => {
    expect(viewport({ row: 0, column: 0 }, null)).toEqual({ firstRow: 0, rows: MIN_ROWS, firstColumn: 0, columns: MIN_COLUMNS });
    expect(viewport({ row: 2, column: 1 }, { row: 2, column: 1, rows: 9, columns: 5 })).toEqual({ firstRow: 0, rows: MIN_ROWS, firstColumn: 0, columns: MIN_COLUMNS });
    expect(viewport({ row: 40, column: 12 }, null)).toEqual({ firstRow: 0, rows: 42, firstColumn: 0, columns: 14 });
  });

  it("draws a window around XFB1 and the sheet's last rows, the same size as anywhere else", () => {
    expect(viewport({ row: 0, column: 16381 }, null)).toEqual({ firstRow: 0, rows: MIN_ROWS, firstColumn: SHEET_COLUMNS - MAX_RENDER_COLUMNS, columns: MAX_RENDER_COLUMNS });
    expect(viewport({ row: 1_048_569, column: 0 }, null)).toEqual({ firstRow: SHEET_ROWS - MAX_RENDER_ROWS, rows: MAX_RENDER_ROWS, firstColumn: 0, columns: MIN_COLUMNS });
  });

  it("never draws more than its maximum, never leaves the sheet, and always holds the active cell", () => {
    const cell = fc.record({ row: fc.integer({ min: 0, max: SHEET_ROWS - 1 }), column: fc.integer({ min: 0, max: SHEET_COLUMNS - 1 }) });
    fc.assert(
      fc.property(cell, fc.option(cell), (active, corner) => {
        const used = corner ? { row: 0, column: 0, rows: corner.row + 1, columns: corner.column + 1 } : null;
        const view = viewport(active, used);
        expect(view.rows).toBeLessThanOrEqual(MAX_RENDER_ROWS);
        expect(view.columns).toBeLessThanOrEqual(MAX_RENDER_COLUMNS);
        expect(view.firstRow + view.rows).toBeLessThanOrEqual(SHEET_ROWS);
        expect(view.firstColumn + view.columns).toBeLessThanOrEqual(SHEET_COLUMNS);
        expect(active.row).toBeGreaterThanOrEqual(view.firstRow);
        expect(active.row).toBeLessThan(view.firstRow + view.rows);
        expect(active.column).toBeGreaterThanOrEqual(view.firstColumn);
        expect(active.column).toBeLessThan(view.firstColumn + view.columns);
      }),
      { numRuns: 2000 },
    );
  });
});
