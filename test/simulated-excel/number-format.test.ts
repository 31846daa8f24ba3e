/**
 * The number-format renderer behind Range.text, held to the core's own rendering of every figure
 * in every language (src/core/formats.ts formatFigureValue), plus the fallbacks.
 */
import { currentDataset, formatFigureValue, numberFormat } from "../../src/core";
import { CURRENT_RELEASE, LANGUAGES } from "../../src/data";
import { renderValue } from "../../src/simulated-excel";

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
