/**
 * The dataset schema, written once with zod. The TypeScript types of the data come from it
 * (`z.input` for authoring, `z.output` after validation); tests validate the release against it.
 *
 * Layer: pure data. No Office.js, no DOM.
 */
import { z } from "zod";

export { LANGUAGES, type Language } from "./languages";

/** A text in both languages. */
export const BilingualText = z.object({
  en: z.string().min(1),
  zh: z.string().min(1),
});
export type BilingualText = z.infer<typeof BilingualText>;

/** A stable identifier: lower snake_case, starting with a letter. Ids never change once released. */
export const SnakeId = z.string().regex(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, "ids are lower snake_case");

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD");

/**
 * The period a figure or fact refers to. `start` is null where the source gives no start
 * (a cumulative count "since the launch"). "January–November 2024" is not "2024": the bounds say which.
 */
export const Period = z.object({
  start: IsoDate.nullable(),
  end: IsoDate,
  label: BilingualText,
  /**
   * A short tag shown after a value in a cell's number format ("1,777 (Jan–Nov)"), for every
   * period that is not one whole calendar year; null for a calendar year.
   */
  tag: BilingualText.nullable(),
  /**
   * Null where the source states this period for the item. Otherwise the source gives no period
   * for it, and this says how the project inferred it; the period is then shown as inferred.
   */
  inference: BilingualText.nullable(),
});
export type Period = z.infer<typeof Period>;

/**
 * What kind of quantity a value is:
 * - `count`: a number of things (1777 enterprises);
 * - `ratio`: a fraction, stored as such (0.338 for 33.8%);
 * - `percentage_points`: a difference of percentages, stored in points (17.9);
 * - `rank`: a position, 1 is first;
 * - `places`: a number of places moved in a ranking (55).
 */
export const QuantityKind = z.enum(["count", "ratio", "percentage_points", "rank", "places"]);
export type QuantityKind = z.infer<typeof QuantityKind>;

/**
 * How a value is bounded: `exact` as stated, `over` for "over 120" (more than 120), `nearly` for
 * "nearly 60" (approximately, just under). These three are the source's words. `estimate` is ours:
 * a derived figure computed from rounded inputs, which the source never states at all.
 */
export const Bound = z.enum(["exact", "over", "nearly", "estimate"]);
export type Bound = z.infer<typeof Bound>;

/** Where a stated figure or a fact comes from: the shortest verbatim phrase of the source (≤ 15 words). */
const phraseField = z
  .string()
  .min(1)
  .refine((phrase) => phrase.trim().split(/\s+/).length <= 15, "a source phrase has at most 15 words");

const figureCommon = {
  id: SnakeId,
  /**
   * The measure this figure is an observation of; figures of one series differ only in period
   * (the stated 2024 count and the derived 2023 estimate are one series).
   */
  series: SnakeId,
  label: BilingualText,
  kind: QuantityKind,
  /** The unit, in words, as a reader would say it. */
  unit: BilingualText,
  /** The value, in the stored form of its kind (a ratio as a fraction). */
  value: z.number().finite(),
  bound: Bound,
  period: Period,
  /** Decimal places shown in the display unit (percent for ratios): 33.8% has 1, 14% has 0. */
  displayDecimals: z.number().int().min(0).max(4),
};

/** A figure the source states, with its verbatim locator. */
export const StatedFigure = z.object({
  ...figureCommon,
  basis: z.literal("stated"),
  phrase: phraseField,
});

/**
 * A figure computed from stated ones. `formula` uses figure ids, numbers, + - * / and parentheses;
 * the stored value is the formula's result rounded to `roundTo` decimal places.
 */
export const DerivedFigure = z.object({
  ...figureCommon,
  basis: z.literal("derived"),
  formula: z.string().min(1),
  inputs: z.array(SnakeId).min(1).readonly(),
  roundTo: z.number().int().min(0).max(10),
  /**
   * True where the result only estimates the real figure (inputs are themselves rounded); such a
   * figure's bound is `estimate`.
   */
  approximation: z.boolean(),
  /** Why and how it is derived, in both languages. */
  note: BilingualText,
});

export const Figure = z.discriminatedUnion("basis", [StatedFigure, DerivedFigure]);
export type Figure = z.infer<typeof Figure>;
export type StatedFigure = z.infer<typeof StatedFigure>;
export type DerivedFigure = z.infer<typeof DerivedFigure>;

/**
 * What the source says of a non-numeric fact, and no more:
 * - `national_first`: called the first in China ("the country's first", "the nation's first");
 * - `called_first`: called "the first" with no scope (not said to be China's first);
 * - `first_batch`: among the first batch approved;
 * - `pioneered`: said to be pioneered;
 * - `measure`: reported as done (established, adopted, launched), with no claim of being first;
 * - `signature_project`: named among the signature projects that landed;
 * - `bonded_zone`: a comprehensive bonded zone and what the report says of it.
 */
export const FactCategory = z.enum([
  "national_first",
  "called_first",
  "first_batch",
  "pioneered",
  "measure",
  "signature_project",
  "bonded_zone",
]);
export type FactCategory = z.infer<typeof FactCategory>;

/** A non-numeric fact (a national first, a project, a zone), with the same provenance as a figure. */
export const Fact = z.object({
  id: SnakeId,
  category: FactCategory,
  label: BilingualText,
  /** A one-line description in the project's own words. */
  description: BilingualText,
  period: Period,
  phrase: phraseField,
  /** A figure that quantifies this fact, shown beside it in tables. */
  figure: SnakeId.nullable(),
});
export type Fact = z.infer<typeof Fact>;

/**
 * A curated table. `figures` tables list figures (one row each); `facts` tables list facts,
 * with a value column where any of their facts links a figure.
 */
export const CuratedTable = z.object({
  id: SnakeId,
  title: BilingualText,
  /** The note line shown under the table, above the source line. */
  note: BilingualText,
  layout: z.enum(["figures", "facts"]),
  rows: z.array(SnakeId).min(1).readonly(),
});
export type CuratedTable = z.infer<typeof CuratedTable>;

/** Who published the source, when, and where it was said. */
export const SourceDescription = z.object({
  publisher: BilingualText,
  /** The publication date of the source report. */
  published: IsoDate,
  /** A description of the report in the project's own words (the headline is not copied). */
  description: BilingualText,
  /** The press conference the figures were given at. */
  event: BilingualText,
  /** Who gave the figures. */
  speaker: BilingualText,
  /** The report's headline, where recorded; null: not recorded (citations then use `description`). */
  headline: z.string().min(1).nullable(),
  /** The website's name where it differs from the publisher (APA's "site name"); else null. */
  siteName: z.string().min(1).nullable(),
  /**
   * The source's web address, where known. Null: unknown to the project (the source was received
   * as text, without its address); citations then carry none.
   */
  url: z.string().url().nullable(),
  /**
   * When the curators read the source (the default citation date, "引用日期", of GB/T 7714); null
   * where that is not recorded, and citations then say it is unknown.
   */
  accessed: IsoDate.nullable(),
});
export type SourceDescription = z.infer<typeof SourceDescription>;

/** A dataset release: everything the add-in serves, under one id that workbooks record. */
export const Release = z
  .object({
    /**
   * The release id, written into workbooks: YYYY-MM-DD.N, never reused, ordered by date then N.
   * A new release takes the date it was curated; an id once released keeps its name.
   */
    id: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/),
    /** When this release of the curated data was made (a curation date, not the source's). */
    released: IsoDate,
    source: SourceDescription,
    figures: z.array(Figure).min(1).readonly(),
    facts: z.array(Fact).readonly(),
    tables: z.array(CuratedTable).min(1).readonly(),
  })
  .superRefine((release, ctx) => {
    for (const figure of release.figures) {
      const estimate = figure.basis === "derived" && figure.approximation;
      if (estimate !== (figure.bound === "estimate")) {
        ctx.addIssue({ code: "custom", message: `${figure.id}: bound "estimate" is for derived approximations, and only for them` });
      }
    }
    const figureIds = new Set(release.figures.map((f) => f.id));
    const factIds = new Set(release.facts.map((f) => f.id));
    for (const figure of release.figures) {
      if (figure.basis !== "derived") continue;
      for (const input of figure.inputs) {
        if (!figureIds.has(input)) {
          ctx.addIssue({ code: "custom", message: `${figure.id}: unknown input ${input}` });
        }
      }
    }
    for (const fact of release.facts) {
      if (fact.figure !== null && !figureIds.has(fact.figure)) {
        ctx.addIssue({ code: "custom", message: `${fact.id}: unknown figure ${fact.figure}` });
      }
    }
    for (const table of release.tables) {
      const known = table.layout === "figures" ? figureIds : factIds;
      for (const row of table.rows) {
        if (!known.has(row)) {
          ctx.addIssue({ code: "custom", message: `${table.id}: unknown ${table.layout} row ${row}` });
        }
      }
    }
  });
export type Release = z.infer<typeof Release>;
