/**
 * Citations of the source: APA (7th edition) and GB/T 7714-2015,
 * and the one-line source note written under every inserted table.
 *
 * Layer: pure core.
 */
import type { Figure, Language, Release } from "../data";

/** The citation styles the add-in writes. */
export const CITATION_STYLES = ["apa", "gbt7714"] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

const EN_MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

function dateParts(isoDate: string): { year: number; month: number; day: number } {
  const [year = 0, month = 1, day = 1] = isoDate.split("-").map(Number);
  return { year, month, day };
}

/** "15 January 2025" or "2025年1月15日". */
export function longDate(isoDate: string, language: Language): string {
  const { year, month, day } = dateParts(isoDate);
  return language === "en" ? `${day} ${EN_MONTHS[month - 1] ?? ""} ${year}` : `${year}年${month}月${day}日`;
}

/**
 * What a citation marks as not known, in square brackets, so that it never looks complete when it
 * is not. A user who has the missing item replaces the bracket with it (docs: README, help).
 */
export const UNKNOWN_MARKS = {
  title: (description: string): string => `[Title not known; ${description}]`,
  url: "[URL not known]",
  accessed: "[access date not known]",
} as const;

/**
 * The title, or where the headline is not recorded, a bracket that says so and describes the work.
 * (APA's bracketed description is for works that have no title; this one has a title we lack.)
 */
function titleOrUnknown(source: Release["source"]): string {
  return source.headline ?? UNKNOWN_MARKS.title(source.description.en);
}

/** Ends a reference element with a period unless it already ends with . ? or !. */
function closed(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/**
 * A reference to the source report.
 *
 * - APA 7, news website item: `Author. (Year, Month Day). Title. Site Name. URL`. The site name is
 *   left out where it is the author. An unknown headline or URL is marked as unknown in brackets.
 * - GB/T 7714-2015, electronic resource (an item of a news agency's online service):
 *   `Author. Title[EB/OL]. (publication date)[citation date]. URL.`, in the resource's own language
 *   (English here). `citedOn` is the citation date; it defaults to when the curators read the
 *   source. The standard requires the access path for [EB/OL]: an unknown one is marked as unknown.
 */
export function citeSource(release: Release, style: CitationStyle, citedOn?: string): string {
  const source = release.source;
  const { year, month, day } = dateParts(source.published);
  if (style === "apa") {
    const parts = [
      closed(source.publisher.en),
      `(${year}, ${EN_MONTHS[month - 1] ?? ""} ${day}).`,
      closed(titleOrUnknown(source)),
      ...(source.siteName && source.siteName !== source.publisher.en ? [closed(source.siteName)] : []),
      source.url ?? UNKNOWN_MARKS.url,
    ];
    return parts.join(" ");
  }
  const cited = citedOn ?? source.accessed ?? UNKNOWN_MARKS.accessed;
  return `${closed(source.publisher.en)} ${titleOrUnknown(source)}[EB/OL]. (${source.published})[${cited}]. ${closed(source.url ?? UNKNOWN_MARKS.url)}`;
}

/**
 * A citation for one figure: the reference, then where in the source the figure stands (its
 * verbatim phrase) or, for a derived figure, the formula and the ids it is computed from, and for
 * an approximation, that it is an estimate from rounded figures.
 */
export function citeFigure(release: Release, figure: Figure, style: CitationStyle, citedOn?: string): string {
  const reference = citeSource(release, style, citedOn);
  if (figure.basis === "stated") {
    return style === "apa"
      ? `${reference} Locator: "${figure.phrase}".`
      : `${reference} 原文位置：“${figure.phrase}”。`;
  }
  if (figure.approximation) {
    return style === "apa"
      ? `${reference} Not stated by the source: an estimate from rounded figures, derived by the add-in: ${figure.id} = ${figure.formula}.`
      : `${reference} 原文未公布此数：本插件由四舍五入后的公布数推算的估算值：${figure.id} = ${figure.formula}。`;
  }
  return style === "apa"
    ? `${reference} Not stated by the source: derived by the add-in: ${figure.id} = ${figure.formula}.`
    : `${reference} 原文未公布此数：本插件推算：${figure.id} = ${figure.formula}。`;
}

/** The source line written under an inserted table: who reported what, when, and the release. */
export function sourceLine(release: Release, language: Language): string {
  const source = release.source;
  if (language === "en") {
    return `Source: ${source.publisher.en}, ${longDate(source.published, "en")}, reporting a spokesperson's statements (${source.event.en}). Dataset release ${release.id}.`;
  }
  return `来源：${source.publisher.zh}${longDate(source.published, "zh")}报道的新闻发言人介绍（${source.event.zh}）。数据版本 ${release.id}。`;
}
