/**
 * What a BJ.TABLE spill becomes when frozen, computed from the release the functions answer from
 * (the freeze cannot read a spill's cells in its sync budget: docs/sharing.md). Only a formula
 * that is exactly one BJ.TABLE call with literal arguments is computed; the adapter then checks
 * the anchor's value read from Excel against the computed one and leaves the spill live if they
 * differ.
 *
 * Layer: pure core.
 */
import type { Language } from "../data";
import { formatFigureValue, isBareNumberRightBesideUnit, numberFormat } from "./formats";
import type { DatasetIndex } from "./lookup";
import { type FrozenContent, bjCalls } from "./share";
import { tableGrid } from "./tables";

/** BJ.TABLE's language argument: omitted is "en"; "zh", "zh-CN" ... are "zh". */
function languageArg(arg: string | number | boolean | null | undefined): Language | null {
  if (arg === undefined || arg === null) return "en";
  if (typeof arg !== "string") return null;
  const lower = arg.trim().toLowerCase();
  if (lower === "en" || lower === "") return "en";
  return lower === "zh" || lower.startsWith("zh-") ? "zh" : null;
}

/**
 * The frozen cells of a `=BJ.TABLE("id", [language], [with_source])` spill, row by row, as the
 * function shows them (src/functions/library.ts): text as text ("@"); a value, on a host with
 * formatted results (`formatted`), as its number with the figure's number format, else as the
 * bare number where it reads right beside its unit (isBareNumberRightBesideUnit) and as its text otherwise. Null for
 * any other formula.
 */
export function frozenTableSpill(formula: string, index: DatasetIndex, formatted: boolean): FrozenContent[][] | null {
  const calls = bjCalls(formula);
  const call = calls[0];
  if (calls.length !== 1 || !call || call.name !== "TABLE") return null;
  if (!/^=\s*BJ\.TABLE\s*\(.*\)\s*$/is.test(formula)) return null;
  const [id, languageValue, withSource] = call.args;
  const language = languageArg(languageValue);
  if (typeof id !== "string" || language === null || !index.table(id)) return null;
  if (withSource !== undefined && withSource !== null && typeof withSource !== "boolean") return null;
  const grid = tableGrid(index, id, language);
  const valueColumn = grid.columnKeys.indexOf("value");
  const text = (value: string): FrozenContent => ({ value, numberFormat: "@" });
  const rows = grid.rows.map((row, r) =>
    row.map((cell, c): FrozenContent => {
      const figureId = c === valueColumn ? grid.valueFigureIds[r] : null;
      const figure = figureId ? index.figure(figureId) : undefined;
      if (figure && formatted) return { value: figure.value, numberFormat: numberFormat(figure, language) };
      if (figure) return isBareNumberRightBesideUnit(figure) ? { value: figure.value, numberFormat: "General" } : text(formatFigureValue(figure, language));
      return typeof cell === "number" ? { value: cell, numberFormat: "General" } : text(cell);
    }),
  );
  const width = grid.header.length;
  const line = (value: string): FrozenContent[] => [text(value), ...Array.from({ length: width - 1 }, () => text(""))];
  return [grid.header.map(text), ...rows, ...(withSource === true ? [line(grid.note), line(grid.sourceLine)] : [])];
}
