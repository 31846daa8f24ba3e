/**
 * The pure half of an insert (src/office/layout.ts, src/office/block-layout.ts): sheet names made valid and unique, and the
 * block's arrays (formula cells apart from values, text cells "@").
 */
import { STANDARD_COLUMN_WIDTH, TEXT_FORMAT, currentDataset, gridColumnWidths, statFormula, tableFormula, tableGrid } from "../../src/core";
import { blockLayout, fitWidths, uniqueSheetName } from "../../src/office";

describe("uniqueSheetName", () => {
  // Excel: at most 31 characters; none of \ / ? * [ ] :; not starting or ending with an apostrophe;
  // not blank; "History" is reserved.
  it("makes every title a valid sheet name, unique case-insensitively", () => {
    const titles = ["a/b\\c?d*e[f]g:h", "'quoted'", "   ", "History", "x".repeat(40), "外商投资企业：新设数量与增速（2024年1—11月）", "Sheet1"];
    const taken = ["sheet1"];
    const problems = titles.flatMap((title) => {
      const name = uniqueSheetName(title, taken);
      const bad = name.length === 0 || [...name].length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history" || taken.some((each) => each.toLowerCase() === name.toLowerCase());
      return bad ? [`${title} -> ${name}`] : [];
    });
    expect(problems).toEqual([]);
    expect(uniqueSheetName("Sheet1", taken)).toBe("Sheet1 (2)");
  });

  it("suffixes (2), (3) ... and keeps a suffixed long name within 31 characters", () => {
    const long = "y".repeat(31);
    expect(uniqueSheetName(long, [long])).toBe(`${"y".repeat(27)} (2)`);
    expect(uniqueSheetName("T", ["t", "T (2)"])).toBe("T (3)");
  });

  it("shortens a long title readably: the head before a colon, whole words, never a cut word (issue 16)", () => {
    const index = currentDataset();
    const title = "New foreign-funded enterprises: Beijing and the national average";
    expect(uniqueSheetName(title, [])).toBe("New foreign-funded enterprises");
    expect(uniqueSheetName(title, ["New foreign-funded enterprises"])).toBe("New foreign-funded (2)");
    expect(uniqueSheetName("Pilot free trade zone's share of foreign investment in actual use", [])).toBe("Pilot free trade zone's share");
    // No dangling "of"/"and" at the end.
    expect(uniqueSheetName("Opening of the services sector and of the zones in Beijing", [])).toBe("Opening of the services sector");
    // Every shipped title, in both languages and with a suffix: whole words of the title only.
    for (const id of index.tableIds) {
      for (const language of ["en", "zh"] as const) {
        const full = tableGrid(index, id, language).title;
        for (const taken of [[], [uniqueSheetName(full, [])]]) {
          const name = uniqueSheetName(full, taken).replace(/ \(\d+\)$/, "");
          expect([...name].length).toBeLessThanOrEqual(31);
          if (language === "en") expect(`${full.replace(/[:]/g, " ")} `).toContain(`${name} `);
          else expect(full.replace(/[:]/g, " ")).toContain(name);
        }
      }
    }
  });
});

describe("blockLayout", () => {
  const index = currentDataset();
  const grid = tableGrid(index, "fdi_headline", "en");
  const valueColumn = grid.columnKeys.indexOf("value");

  it("puts formula cells in their own array, never among the values", () => {
    const formulas = blockLayout(grid, "formulas", true);
    const expected = grid.valueFigureIds.map((id) => (id === null ? null : statFormula(id, grid.language)));
    expect(formulas.formulas.slice(2, 2 + grid.rows.length).map((row) => row[valueColumn])).toEqual(expected);
    expect(formulas.values.flat().filter((cell) => typeof cell === "string" && cell.startsWith("=BJ."))).toEqual([]);
    const spill = blockLayout(grid, "spill", false);
    expect(spill.formulas.flat().filter((cell) => cell !== null)).toEqual([tableFormula(grid.tableId, grid.language)]);
    expect(spill.rows).toBe(2 + grid.rows.length);
    expect(blockLayout(grid, "values", true).formulas.flat().every((cell) => cell === null)).toBe(true);
  });

  it("formats every text cell it writes as text", () => {
    const layout = blockLayout(grid, "values", true);
    const untyped = layout.values.flatMap((row, r) =>
      row.flatMap((cell, c) => (typeof cell === "string" && cell !== "" && layout.formats[r]?.[c] !== TEXT_FORMAT ? [`${r},${c}: ${cell}`] : [])),
    );
    expect(untyped).toEqual([]);
  });
});

describe("column widths (issue 16)", () => {
  const index = currentDataset();

  it("lays out the same widths in values and spill mode; the title, note and source lines do not count", () => {
    const grid = tableGrid(index, "national_firsts", "en");
    const values = blockLayout(grid, "values", true);
    expect(blockLayout(grid, "spill", true).columnWidths).toEqual(values.columnWidths);
    expect(values.columnWidths).toEqual(gridColumnWidths(grid));
    const long = { ...grid, title: "T".repeat(400), note: "N".repeat(400), sourceLine: "S".repeat(400) };
    expect(blockLayout(long, "values", true).columnWidths).toEqual(values.columnWidths);
  });

  it("widens a column only where a block wants more than it had, the widest block in it winning", () => {
    // Existing columns: 100, 30, unknown (null), 48.
    expect(fitWidths([[80, 60, 90], [50, 70]], [100, 30, null, 48], 4)).toEqual([null, 70, null, null]);
    // A new sheet: the standard width is what a column has.
    expect(fitWidths([[STANDARD_COLUMN_WIDTH, 49]], null, 3)).toEqual([null, 49, null]);
  });
});
