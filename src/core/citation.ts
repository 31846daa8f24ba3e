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

/** A title, or where the headline is not recorded, a description in square brackets (as APA asks). */
function titleOrDescription(source: Release["source"]): string {
  return source.headline ?? `[${source.description.en}]`;
}

/** Ends a reference element with a period unless it already ends with . ? or !. */
function closed(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/**
 * A reference to the source report.
 *
 * - APA 7, news website item: `Author. (Year, Month Day). Title. Site Name. URL`. With no
 *   recorded headline, one bracketed description takes the title's place; the site name is left out
 *   where it is the author; the URL where unknown.
 * - GB/T 7714-2015, electronic resource (an item of a news agency's online service):
 *   `Author. Title[EB/OL]. (publication date)[citation date]. URL.`, in the resource's own language
 *   (English here). `citedOn` is the citation date; it defaults to when the curators read the source.
 */
export function citeSource(release: Release, style: CitationStyle, citedOn?: string): string {
  const source = release.source;
  const { year, month, day } = dateParts(source.published);
  if (style === "apa") {
    const parts = [
      closed(source.publisher.en),
      `(${year}, ${EN_MONTHS[month - 1] ?? ""} ${day}).`,
      closed(titleOrDescription(source)),
      ...(source.siteName && source.siteName !== source.publisher.en ? [closed(source.siteName)] : []),
      ...(source.url ? [source.url] : []),
    ];
    return parts.join(" ");
  }
  const url = source.url ? ` ${source.url}.` : "";
  return `${closed(source.publisher.en)} ${titleOrDescription(source)}[EB/OL]. (${source.published})[${citedOn ?? source.accessed}].${url}`;
}

/**
 * A citation for one figure: the reference, then where in the source the figure stands (its
 * verbatim phrase) or, for a derived figure, the formula and the ids it is computed from.
 */
export function citeFigure(release: Release, figure: Figure, style: CitationStyle, citedOn?: string): string {
  const reference = citeSource(release, style, citedOn);
  if (figure.basis === "stated") {
    return style === "apa"
      ? `${reference} Locator: "${figure.phrase}".`
      : `${reference} 原文位置：“${figure.phrase}”。`;
  }
  return style === "apa"
    ? `${reference} Derived by the add-in: ${figure.id} = ${figure.formula}.`
    : `${reference} 本插件推算：${figure.id} = ${figure.formula}。`;
}

/** The source line written under an inserted table: who reported what, when, and the release. */
export function sourceLine(release: Release, language: Language): string {
  const source = release.source;
  if (language === "en") {
    return `Source: ${source.publisher.en}, ${longDate(source.published, "en")}, reporting a spokesperson's statements (${source.event.en}). Dataset release ${release.id}.`;
  }
  return `来源：${source.publisher.zh}${longDate(source.published, "zh")}报道的新闻发言人介绍（${source.event.zh}）。数据版本 ${release.id}。`;
}
