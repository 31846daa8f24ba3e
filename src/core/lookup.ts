/**
 * Lookups over a release: by id, by series and year, and the closest ids to a mistyped one.
 * An index is built once per release; every lookup after that is a Map read.
 *
 * Layer: pure core.
 */
import { CURRENT_RELEASE, type CuratedTable, type Fact, type Figure, type Period, type Release } from "../data";

/** An indexed release. */
export interface DatasetIndex {
  readonly release: Release;
  readonly figureIds: readonly string[];
  readonly factIds: readonly string[];
  readonly tableIds: readonly string[];
  figure(id: string): Figure | undefined;
  fact(id: string): Fact | undefined;
  table(id: string): CuratedTable | undefined;
  /** The stated figures of a series, latest period first. Derived figures are never in this list. */
  statedSeries(series: string): readonly Figure[];
}

/** Builds the index of a release. */
export function indexRelease(release: Release): DatasetIndex {
  const figures = new Map(release.figures.map((figure) => [figure.id, figure] as const));
  const facts = new Map(release.facts.map((fact) => [fact.id, fact] as const));
  const tables = new Map(release.tables.map((table) => [table.id, table] as const));
  const series = new Map<string, Figure[]>();
  for (const figure of release.figures) {
    if (figure.basis !== "stated") continue;
    const list = series.get(figure.series) ?? [];
    list.push(figure);
    series.set(figure.series, list);
  }
  for (const list of series.values()) list.sort((a, b) => b.period.end.localeCompare(a.period.end));
  const none: readonly Figure[] = [];
  return {
    release,
    figureIds: [...figures.keys()],
    factIds: [...facts.keys()],
    tableIds: [...tables.keys()],
    figure: (id) => figures.get(id),
    fact: (id) => facts.get(id),
    table: (id) => tables.get(id),
    statedSeries: (name) => series.get(name) ?? none,
  };
}

let currentIndex: DatasetIndex | undefined;

/** The index of the release this build serves, built on first use. */
export function currentDataset(): DatasetIndex {
  currentIndex ??= indexRelease(CURRENT_RELEASE);
  return currentIndex;
}

/**
 * The calendar year a period lies within, or null where it spans years or has no stated start
 * (a cumulative count "since the launch" belongs to no single year).
 */
export function periodYear(period: Period): number | null {
  if (period.start === null) return null;
  const startYear = Number(period.start.slice(0, 4));
  const endYear = Number(period.end.slice(0, 4));
  return startYear === endYear ? endYear : null;
}

/** The outcome of asking for a series in a year: the stated figure, or the periods that do exist. */
export type YearLookup =
  | { readonly found: true; readonly figure: Figure }
  | { readonly found: false; readonly available: readonly Period[] };

/**
 * The stated figure of a series for a year; with `year` null, the latest stated one.
 * A derived figure is never returned here, whatever its period; nor, for a year, a figure whose
 * period the source does not state (the project inferred it).
 */
export function statedForYear(index: DatasetIndex, series: string, year: number | null): YearLookup {
  const stated = index.statedSeries(series);
  const figure =
    year === null ? stated[0] : stated.find((candidate) => candidate.period.inference === null && periodYear(candidate.period) === year);
  return figure ? { found: true, figure } : { found: false, available: stated.map((f) => f.period) };
}

/** Levenshtein distance, for suggesting ids. Two rows of a typed array; no allocation per cell. */
export function editDistance(a: string, b: string): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const charA = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (charA === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/**
 * The candidates closest to a mistyped id: those containing it (or contained in it) first,
 * then by edit distance. Case and surrounding spaces are ignored.
 */
export function closestIds(candidates: readonly string[], query: string, count = 3): string[] {
  const wanted = query.trim().toLowerCase();
  const score = (candidate: string): number =>
    candidate.includes(wanted) || wanted.includes(candidate) ? -1 : editDistance(wanted, candidate);
  return candidates
    .map((candidate) => ({ candidate, distance: score(candidate) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((entry) => entry.candidate);
}
