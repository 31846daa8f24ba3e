/**
 * The number-format renderer behind Range.text: held to Excel's documented semantics (a table of
 * independent expectations), and to the core's own rendering of every figure in every language
 * (src/core/formats.ts formatFigureValue), which pins the two renderers together; plus the fallbacks.
 */
import { currentDataset, formatFigureValue, numberFormat } from "../../src/core";
import { CURRENT_RELEASE, LANGUAGES } from "../../src/data";
import { renderValue } from "../../src/simulated-excel";

/**
 * Excel's own format semantics, independent of the core: expectations written from Microsoft's
 * support article "Review guidelines for customizing a number format"
 * (https://support.microsoft.com/<locale>/excel/review-guidelines-for-customizing-a-number-format,
 * seen for da-dk, ja-jp, ko-kr). The article states: up to four sections <POSITIVE>;<NEGATIVE>;<ZERO>;<TEXT>; with two sections
 * the first is for positive numbers and zeros and the second for negative numbers; with one, it is
 * used for all numbers; quoted text and these characters show as themselves: $ + ( : ^ ' { < = - / ) ! & ~ } >
 * and space; a text section shows typed text at "@", and without "@" typed text is not shown; its
 * example $0.00" Surplus";$-0.00" Shortage" shows -125.74 as "$-125.74 Shortage" (a negative section
 * shows no sign of its own). Rows marked "examples table" are from the article's table of placeholder
 * examples as remembered (not confirmed against the stored copy).
 */
const EXCEL_DOCUMENTED: readonly [format: string, value: number | string, shown: string, source: string][] = [
  ["0.0%", 0.338, "33.8%", "% multiplies by 100"],
  ["0.0%", -0.338, "-33.8%", "one section: all numbers, minus sign added"],
  ["#,##0", 1777, "1,777", "thousands separator"],
  ["#,##0", -1777, "-1,777", "one section: all numbers, minus sign added"],
  ["#,##0", 0, "0", "one section: zero"],
  ['"over "#,##0', 120, "over 120", "quoted text"],
  ['$0.00" Surplus";$-0.00" Shortage"', 125.74, "$125.74 Surplus", "article example"],
  ['$0.00" Surplus";$-0.00" Shortage"', -125.74, "$-125.74 Shortage", "article example: no sign of its own"],
  ["0.0;(0.0)", -5, "(5.0)", "two sections: negative section shows no minus"],
  ["0.0;(0.0)", 0, "0.0", "two sections: zero takes the first"],
  ['0.0;(0.0);"nil"', 0, "nil", "three sections: zero section"],
  ['0.0;(0.0);"nil"', -2.25, "(2.3)", "three sections, rounded half away from zero"],
  ['0;-0;0;"sales "@', "pens", "sales pens", "text section"],
  ['0;-0;0;"no text"', "pens", "no text", "text section without @ hides typed text"],
  ["0;-0;0", "pens", "pens", "no text section: text shown as typed"],
  ["@", "007", "007", "@: text as typed"],
  ["0", 2.5, "3", "rounding half away from zero"],
  ["0", -2.5, "-3", "rounding half away from zero"],
  ["0.0", 0.25, "0.3", "rounding half away from zero"],
  ["####.#", 1234.59, "1234.6", "examples table"],
  ["#.000", 8.9, "8.900", "examples table"],
  ["0.#", 0.631, "0.6", "examples table"],
  ["#.0#", 12, "12.0", "examples table"],
  ["#.0#", 1234.568, "1234.57", "examples table"],
  ["#,###", 12000, "12,000", "examples table"],
  ["#,", 12000, "12", "examples table: a trailing comma scales by 1,000"],
  ["0.0,,", 12200000, "12.2", "examples table: each trailing comma scales by 1,000"],
];

describe("renderValue against Excel's documented format semantics", () => {
  it("shows each documented case as Excel does", () => {
    const wrong = EXCEL_DOCUMENTED.flatMap(([format, value, shown, source]) => {
      const got = renderValue(value, format);
      return got === shown ? [] : [`[${format}] ${String(value)}: ${got} != ${shown} (${source})`];
    });
    expect(wrong).toEqual([]);
  });
});

describe("renderValue", () => {
  it("renders every figure of the release as the core formats it, in both languages", () => {
    const index = currentDataset();
    const mismatches: string[] = [];
    for (const { id } of CURRENT_RELEASE.figures) {
      const figure = index.figure(id);
      if (!figure) continue;
      for (const language of LANGUAGES) {
        const format = numberFormat(figure, language);
        for (const value of [figure.value, -figure.value, 0]) {
          const shown = renderValue(value, format);
          const expected = formatFigureValue({ ...figure, value }, language);
          if (shown !== expected) mismatches.push(`${id} ${language} ${value} [${format}]: ${shown} != ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("renders General, text, booleans, errors and empty cells", () => {
    expect(renderValue(1234.5, "General")).toBe("1234.5");
    expect(renderValue(0.1 + 0.2, "General")).toBe("0.3");
    expect(renderValue(42, "@")).toBe("42");
    expect(renderValue("=x", "0.0%")).toBe("=x");
    expect(renderValue(true, "0")).toBe("TRUE");
    expect(renderValue("#N/A", "0", true)).toBe("#N/A");
    expect(renderValue(null, "0")).toBe("");
  });

  it("rounds half away from zero and groups thousands", () => {
    expect(renderValue(2.5, "0")).toBe("3");
    expect(renderValue(-2.5, "0")).toBe("-3");
    expect(renderValue(1234567.891, "#,##0.00")).toBe("1,234,567.89");
    expect(renderValue(0.0005, "0.0%")).toBe("0.1%");
  });

  it("falls back to General for formats it does not support (dates, colours)", () => {
    expect(renderValue(45000, "yyyy-mm-dd")).toBe("45000");
    expect(renderValue(-3, "[Red]0")).toBe("-3");
  });
});
