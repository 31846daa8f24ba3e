/**
 * The pane's catalog: every curated table and every figure of a release, with what each item
 * shows (period, bound, stated or derived, release) and the text search matches against.
 *
 * Search ignores case and full-width/half-width differences (Unicode NFKC), matches every word
 * of the query anywhere in an item's labels, ids and title words, in both languages, and knows a
 * few synonyms: "FDI" and "外资" find the foreign-investment items. A query with typos ("bondd",
 * "foriegn") finds the items of the words it is nearest to, where nothing matches exactly.
 *
 * Layer: task pane (pure: no DOM).
 */
import type { Bound, Figure, Language } from "../data";
import { FIGURE_WORDS, type DatasetIndex, basisLabel, periodText } from "../core";
import { STRINGS } from "./strings";

export type CatalogKind = "table" | "figure";

export interface CatalogItem {
  readonly kind: CatalogKind;
  readonly id: string;
  readonly label: Readonly<Record<Language, string>>;
  /** The one-line description under the label, per language. */
  readonly meta: Readonly<Record<Language, string>>;
  /** Normalized text search matches against (both languages, ids, synonyms). */
  readonly haystack: string;
}

/** Case-, width- and space-insensitive form of a text (NFKC folds full-width letters and digits). */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[_\s]+/g, " ").trim();
}

/**
 * Synonym groups: an item whose text contains any `trigger` also answers to every `term`.
 * Kept small on purpose; triggers and terms are compared in normalized form.
 */
export const SYNONYMS: readonly { readonly triggers: readonly string[]; readonly terms: readonly string[] }[] = [
  {
    triggers: ["fdi", "foreign-funded", "foreign-invested", "foreign investment", "外资", "外商"],
    terms: ["fdi", "foreign direct investment", "foreign investment", "外资", "外商投资", "利用外资"],
  },
  {
    triggers: ["free trade zone", "自由贸易试验区", "自贸"],
    terms: ["ftz", "pilot free trade zone", "自贸区", "自贸试验区"],
  },
  {
    triggers: ["services opening-up", "服务业扩大开放"],
    terms: ["services", "服务业", "服务业开放"],
  },
  {
    triggers: ["bonded zone", "综合保税区"],
    terms: ["bonded", "综保区", "保税区"],
  },
];

function haystackOf(texts: readonly string[]): string {
  const base = normalize(texts.join(" \u0001 "));
  const extra = SYNONYMS.filter((group) => group.triggers.some((t) => base.includes(normalize(t)))).flatMap((g) => g.terms);
  return extra.length === 0 ? base : `${base} \u0001 ${normalize(extra.join(" \u0001 "))}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The first item of a list, with "+N more" where there are others. */
function shortList(values: readonly string[], language: Language): string {
  const [first = "", ...rest] = values;
  return rest.length === 0 ? first : STRINGS[language].morePeriods(first, values.length);
}

function figureMeta(figure: Figure, releaseId: string, language: Language): string {
  const text = STRINGS[language];
  const bound = figure.bound === "exact" ? "" : FIGURE_WORDS.bound[language][figure.bound];
  return [periodText(figure.period, language), bound, basisLabel(figure, language).toLowerCase(), text.releaseMeta(releaseId)]
    .filter((part) => part !== "")
    .join(" · ");
}

/** Every table, then every figure, of an indexed release. */
export function buildCatalog(index: DatasetIndex): CatalogItem[] {
  const release = index.release;
  const items: CatalogItem[] = [];
  for (const table of release.tables) {
    const figures: Figure[] = [];
    const periods: Record<Language, string[]> = { en: [], zh: [] };
    const rowLabels: string[] = [];
    for (const rowId of table.rows) {
      const row = table.layout === "figures" ? index.figure(rowId) : index.fact(rowId);
      if (!row) continue;
      rowLabels.push(row.label.en, row.label.zh);
      periods.en.push(periodText(row.period, "en"));
      periods.zh.push(periodText(row.period, "zh"));
      const figure = table.layout === "figures" ? index.figure(rowId) : (() => {
        const fact = index.fact(rowId);
        return fact?.figure ? index.figure(fact.figure) : undefined;
      })();
      if (figure) figures.push(figure);
    }
    const derived = figures.some((figure) => figure.basis === "derived");
    const stated = table.layout === "facts" || figures.some((figure) => figure.basis === "stated");
    const bounds = [...new Set<Bound>(figures.map((figure) => figure.bound))].filter((bound) => bound !== "exact");
    const meta = (language: Language): string => {
      const text = STRINGS[language];
      const basis = derived && stated ? text.basisMixed : derived ? text.basisDerived : text.basisStated;
      return [
        text.rowsMeta(table.rows.length),
        shortList(unique(periods[language]), language),
        bounds.map((bound) => FIGURE_WORDS.bound[language][bound]).join(language === "en" ? ", " : "，"),
        basis,
        text.releaseMeta(release.id),
      ]
        .filter((part) => part !== "")
        .join(" · ");
    };
    items.push({
      kind: "table",
      id: table.id,
      label: { en: table.title.en, zh: table.title.zh },
      meta: { en: meta("en"), zh: meta("zh") },
      haystack: haystackOf([table.id, table.title.en, table.title.zh, ...rowLabels]),
    });
  }
  for (const figure of release.figures) {
    items.push({
      kind: "figure",
      id: figure.id,
      label: { en: figure.label.en, zh: figure.label.zh },
      meta: { en: figureMeta(figure, release.id, "en"), zh: figureMeta(figure, release.id, "zh") },
      haystack: haystackOf([figure.id, figure.series, figure.label.en, figure.label.zh, figure.unit.en, figure.unit.zh]),
    });
  }
  return items;
}

/**
 * The edit distance between two words (insertions, deletions, substitutions, and a swap of two
 * neighbouring letters counted as one: "foriegn" is 1 from "foreign"), stopping above `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rows of the Damerau-Levenshtein (optimal string alignment) table.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** How many typos a query word may hold: none under 4 letters or outside Latin script, 1, then 2 from 8 letters. */
function typoAllowance(word: string): number {
  if (!/^[a-z0-9-]+$/.test(word) || word.length < 4) return 0;
  return word.length >= 8 ? 2 : 1;
}

const TOKEN_SPLIT = /[^a-z0-9]+/;

/** True when `word` is within its typo allowance of a word (or of the start of a word) of the item. */
function nearlyMatches(word: string, haystack: string): boolean {
  const limit = typoAllowance(word);
  if (limit === 0) return false;
  const letters = word.replace(/-/g, "");
  return haystack.split(TOKEN_SPLIT).some((token) => {
    if (token.length < 3) return false;
    return editDistance(letters, token, limit) <= limit || (token.length > letters.length && editDistance(letters, token.slice(0, letters.length), limit) <= limit);
  });
}

/**
 * The items matching a query: every word of the query must occur in the item's text. An empty
 * query matches everything. Order is the catalog's. Where nothing matches exactly, words with a
 * typo or two ("bondd", "foriegn") match the words they are nearest to.
 */
export function searchCatalog(items: readonly CatalogItem[], query: string): CatalogItem[] {
  const words = normalize(query).split(" ").filter((word) => word !== "");
  if (words.length === 0) return [...items];
  const exact = items.filter((item) => words.every((word) => item.haystack.includes(word)));
  if (exact.length > 0) return exact;
  return items.filter((item) => words.every((word) => item.haystack.includes(word) || nearlyMatches(word, item.haystack)));
}
