/** Column widths from a table's shown text (src/core/widths.ts), for inserts (issue 16). Pure: no host. */
import { MAX_COLUMN_WIDTH, STANDARD_COLUMN_WIDTH, currentDataset, gridColumnWidths, showWithFormat, tableGrid, textUnits, widthFor } from "../../src/core";

const index = currentDataset();

describe("widthFor", () => {
  it("counts a Chinese or full-width character as two Latin ones", () => {
    expect(textUnits("Period")).toBe(6);
    expect(textUnits("时期")).toBe(4);
    expect(textUnits("约9%（估算）")).toBe(2 + 1 + 1 + 2 * 4);
    expect(widthFor("时期")).toBe(widthFor("Peri"));
    expect(widthFor("时期")).toBeGreaterThan(widthFor("时"));
  });

  it("gives a header room for the filter button, nothing for an empty text, and stays within Excel's widest column", () => {
    expect(widthFor("Unit", true)).toBeGreaterThan(widthFor("Unit"));
    expect(widthFor("")).toBe(0);
    expect(widthFor("x".repeat(1000))).toBe(MAX_COLUMN_WIDTH);
  });
});

describe("gridColumnWidths", () => {
  it("fits each column's widest header or cell as its format shows it, never under the standard width", () => {
    for (const language of ["en", "zh"] as const) {
      for (const id of index.tableIds) {
        const grid = tableGrid(index, id, language);
        const widths = gridColumnWidths(grid);
        expect(widths).toHaveLength(grid.header.length);
        grid.header.forEach((header, c) => {
          const shown = grid.rows.map((row, r) => showWithFormat(row[c] ?? null, grid.numberFormats[r]?.[c]));
          expect(widths[c]).toBe(Math.max(STANDARD_COLUMN_WIDTH, widthFor(header, true), ...shown.map((text) => widthFor(text))));
        });
      }
    }
  });

  it("with statTexts, counts the value cells as =BJ.STAT shows them (the period tag), in the grid's language", () => {
    const grid = tableGrid(index, "fdi_headline", "zh");
    const value = grid.columnKeys.indexOf("value");
    const plain = gridColumnWidths(grid);
    const stat = gridColumnWidths(grid, { statTexts: true });
    expect(stat.filter((_, c) => c !== value)).toEqual(plain.filter((_, c) => c !== value));
    expect(stat[value]).toBe(Math.max(STANDARD_COLUMN_WIDTH, widthFor(grid.header[value] ?? "", true), ...grid.statTexts.map((text) => widthFor(text ?? ""))));
    expect(grid.statTexts.some((text) => text !== null && /[（）]/.test(text))).toBe(true);
  });
});
