/**
 * The BJ.* custom functions: their declarations (the JSDoc below is what
 * custom-functions-metadata-plugin turns into functions.json) and their registration.
 * The bodies are thin: library.ts does the work; errors it returns are thrown here as
 * `CustomFunctions.Error`, as the runtime expects. Loading this bundle touches no DOM.
 *
 * Parameters are `unknown` (metadata type `any`) so a function sees exactly what the user wrote
 * and can explain a wrong argument; results are `any` so that CustomFunctionsRuntime 1.4 hosts
 * can receive formatted numbers and entity cards.
 */
import { settle } from "./errors";
import { detectHostSupport } from "./host";
import { createLibrary, type FunctionId } from "./library";
import { onceRegistrar, runtimeRegistrar, type RegisteredFunction } from "./registration";

const library = createLibrary({ host: detectHostSupport });

/**
 * New foreign-funded enterprises in Beijing as the source states it: 1777 for January–November 2024.
 * @customfunction FDI_COUNT
 * @helpurl https://localhost:3000/functions.html#fdi_count
 * @param [year] Year of the figure, such as 2024. Leave it empty for the latest stated year.
 * @returns The stated count of new foreign-funded enterprises.
 */
export function fdiCount(year?: unknown): unknown {
  return settle(library.FDI_COUNT(year));
}

/**
 * Year-on-year growth in the number of new foreign-funded enterprises in Beijing (not in investment), as a fraction (0.14 is 14%).
 * @customfunction FDI_GROWTH
 * @helpurl https://localhost:3000/functions.html#fdi_growth
 * @param [year] Year of the figure, such as 2024. Leave it empty for the latest stated year.
 * @returns The stated growth in the number of new enterprises, as a fraction.
 */
export function fdiGrowth(year?: unknown): unknown {
  return settle(library.FDI_GROWTH(year));
}

/**
 * Pilot free trade zone's share of Beijing's foreign investment in actual use (0.338 is 33.8%).
 * @customfunction FTZ_FDI_SHARE
 * @helpurl https://localhost:3000/functions.html#ftz_fdi_share
 * @param [year] Year of the figure, such as 2024. Leave it empty for the latest stated year.
 * @returns The stated share, as a fraction.
 */
export function ftzFdiShare(year?: unknown): unknown {
  return settle(library.FTZ_FDI_SHARE(year));
}

/**
 * Any figure by its id: the value with its bound, or a field (number, unit, period, bound, label, phrase, source, derived).
 * @customfunction STAT
 * @helpurl https://localhost:3000/functions.html#stat
 * @param indicator Figure id, such as "fdi_new_enterprises". BJ.INDICATORS() lists every id.
 * @param [year] Optional check: the year of the figure's period. Another year, or one the source does not state for it, gives #N/A.
 * @param [field] value (default), number (bare), unit, period, bound, label, phrase, source or derived; add _zh for Chinese.
 * @param [language] "en" or "zh": the value and text fields read in it. Empty: the value in Excel's language, text in English.
 * @returns The figure's value or the field asked for.
 */
export function stat(indicator: unknown, year?: unknown, field?: unknown, language?: unknown): unknown {
  return settle(library.STAT(indicator, year, field, language));
}

/**
 * A curated table as a spilled range, with its header row.
 * @customfunction TABLE
 * @helpurl https://localhost:3000/functions.html#table
 * @param table Table id, such as "fdi_headline".
 * @param [language] "en" (default) or "zh".
 * @param [with_source] TRUE to spill the note and the source line under the table.
 * @returns The table: a header row, then one row per figure or item.
 */
export function table(table: unknown, language?: unknown, with_source?: unknown): unknown[][] {
  return settle(library.TABLE(table, language, with_source));
}

/**
 * Every figure of the dataset as a spilled list: id, label, unit, period, bound and basis.
 * @customfunction INDICATORS
 * @helpurl https://localhost:3000/functions.html#indicators
 * @param [language] "en" (default) or "zh".
 * @returns A header row, then one row per figure.
 */
export function indicators(language?: unknown): unknown[][] {
  return settle(library.INDICATORS(language));
}

/**
 * Citation of a figure's source, with the phrase that states it, or the formula of a derived figure.
 * @customfunction SOURCE
 * @helpurl https://localhost:3000/functions.html#source
 * @param indicator Figure id, such as "fdi_new_enterprises".
 * @param [style] "apa" (default) or "gbt7714" (GB/T 7714).
 * @returns The citation as text.
 */
export function source(indicator: unknown, style?: unknown): unknown {
  return settle(library.SOURCE(indicator, style));
}

/**
 * The figure as a data type card: value, unit, period, bound, source phrase, citation. Older Excel: the value.
 * @customfunction CARD
 * @helpurl https://localhost:3000/functions.html#card
 * @param indicator Figure id, such as "ftz_fdi_share".
 * @returns An entity value with the figure's details, or the plain value.
 */
export function card(indicator: unknown): unknown {
  return settle(library.CARD(indicator));
}

/**
 * The id of the dataset release these functions serve.
 * @customfunction VERSION
 * @helpurl https://localhost:3000/functions.html#version
 * @returns The release id.
 */
export function version(): unknown {
  return settle(library.VERSION());
}

/** The registered function of each id. */
export const REGISTERED: Readonly<Record<FunctionId, RegisteredFunction>> = {
  FDI_COUNT: fdiCount,
  FDI_GROWTH: fdiGrowth,
  FTZ_FDI_SHARE: ftzFdiShare,
  STAT: stat,
  TABLE: table,
  INDICATORS: indicators,
  SOURCE: source,
  CARD: card,
  VERSION: version,
};

/**
 * custom-functions-metadata-plugin appends `CustomFunctions.associate("ID", fn);` for each
 * function to this module's source. This module-level binding is what those lines resolve to,
 * so they pass the same guard (no runtime, no registration) and never register an id twice.
 */
const CustomFunctions = onceRegistrar(runtimeRegistrar);

for (const [id, fn] of Object.entries(REGISTERED)) CustomFunctions.associate(id, fn);
