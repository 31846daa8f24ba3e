/**
 * Citations of the source: APA (7th edition) for English and GB/T 7714-2015 for Chinese users,
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
 * A reference to the source report. The project holds a description of the report, not its
 * headline, so both styles put it in square brackets; GB/T 7714 marks a newspaper item [N].
 */
export function citeSource(release: Release, style: CitationStyle): string {
  const source = release.source;
  const { year, month, day } = dateParts(source.published);
  if (style === "apa") {
    const url = source.url ? ` ${source.url}` : "";
    return `${source.publisher.en}. (${year}, ${EN_MONTHS[month - 1] ?? ""} ${day}). [${source.description.en}] [News report].${url}`;
  }
  const url = source.url ? `. ${source.url}` : "";
  const mm = String(month).padStart(2, "0");
  const dd = String(day).padStart(2, "0");
  // The description is ours, not the report's headline: bracketed, as a supplied title is.
  return `${source.publisher.zh}. [${source.description.zh}][N${source.url ? "/OL" : ""}]. ${year}-${mm}-${dd}${url}.`;
}

/**
 * A citation for one figure: the reference, then where in the source the figure stands (its
 * verbatim phrase) or, for a derived figure, the formula and the ids it is computed from.
 */
export function citeFigure(release: Release, figure: Figure, style: CitationStyle): string {
  const reference = citeSource(release, style);
  if (figure.basis === "stated") {
    return style === "apa"
      ? `${reference} Locator: "${figure.phrase}".`
      : `${reference} 原文位置：“${figure.phrase}”。`;
  }
  return style === "apa"
    ? `${reference} Derived by the add-in: ${figure.id} = ${figure.formula}.`
    : `${reference} 本插件推算：${figure.id} = ${figure.formula}。`;
}

/** The source line written under an inserted table. */
export function sourceLine(release: Release, language: Language): string {
  const source = release.source;
  if (language === "en") {
    return `Source: ${source.publisher.en}, ${longDate(source.published, "en")}; ${source.event.en}. Dataset release ${release.id}.`;
  }
  return `来源：${source.publisher.zh}，${longDate(source.published, "zh")}；${source.event.zh}。数据版本 ${release.id}。`;
}
