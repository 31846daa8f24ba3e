/**
 * The live formula of one figure, and the headline functions' series (a contract with workbooks,
 * as the function ids are). Small on purpose: the pane imports it, the freeze code is a chunk.
 *
 * Layer: pure core.
 */
import { type DatasetIndex, statedForYear } from "./lookup";

/** The headline functions and the series each answers from (a contract with workbooks, as the ids are). */
export const HEADLINE_SERIES = {
  FDI_COUNT: "fdi_new_enterprises",
  FDI_GROWTH: "fdi_new_enterprises_yoy",
  FTZ_FDI_SHARE: "ftz_fdi_share",
} as const;

/**
 * The live formula of one figure: its headline function with its year where it is the stated
 * figure of a headline series for that year (`=BJ.FDI_COUNT(2024)`), else `=BJ.STAT("id")`.
 */
export function figureFormula(index: DatasetIndex, figureId: string): string {
  const figure = index.figure(figureId);
  if (figure && figure.basis === "stated") {
    for (const [name, series] of Object.entries(HEADLINE_SERIES)) {
      if (figure.series !== series) continue;
      const year = /^(\d{4})/.exec(figure.period.end)?.[1];
      if (!year) continue;
      const found = statedForYear(index, series, Number(year));
      if (found.found && found.figure.id === figure.id) return `=BJ.${name}(${year})`;
    }
  }
  return `=BJ.STAT("${figureId.replace(/"/g, '""')}")`;
}

