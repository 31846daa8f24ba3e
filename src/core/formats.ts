/**
 * How a figure is shown: an Excel number format that keeps the cell numeric while showing its unit
 * and bound ("over 120", "33.8%", "+17.9 pp"), and the same rendering as plain text for previews.
 *
 * Layer: pure core.
 */
import type { Bound, Figure, Language, QuantityKind } from "../data";

/** The number format for text cells: Excel keeps what is written in them as text. */
export const TEXT_FORMAT = "@";
/** The number format for cells with no special format. */
export const GENERAL_FORMAT = "General";

const BOUND_PREFIX: Record<Language, Record<Bound, string>> = {
  en: { exact: "", over: "over ", nearly: "nearly " },
  zh: { exact: "", over: "超过", nearly: "近" },
};
/** What a derived estimate is shown with: the source never said "nearly" of it. */
const ESTIMATE_PREFIX: Record<Language, string> = { en: "about ", zh: "约" };

/** What a number format needs of a figure; `approximation` marks a derived estimate. */
export type FormattableFigure = Pick<Figure, "kind" | "bound" | "displayDecimals"> & { readonly approximation?: boolean };

function boundPrefix(figure: FormattableFigure, language: Language): string {
  return figure.approximation === true ? ESTIMATE_PREFIX[language] : BOUND_PREFIX[language][figure.bound];
}

function digits(decimals: number): string {
  return decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
}

/** A literal for an Excel number format: quoted, with embedded quotes doubled away. */
function literal(text: string): string {
  return text === "" ? "" : `"${text.replace(/"/g, "")}"`;
}

/** Positive, negative and zero sections for a signed change. */
function signed(body: string, up: [string, string], down: [string, string], zero: string): string {
  return `${literal(up[0])}${body}${literal(up[1])};${literal(down[0])}${body}${literal(down[1])};${literal(zero)}`;
}

/** The Excel number format for a figure in a language. */
export function numberFormat(figure: FormattableFigure, language: Language): string {
  const prefix = literal(boundPrefix(figure, language));
  const body = digits(figure.displayDecimals);
  const formats: Record<QuantityKind, () => string> = {
    count: () => `${prefix}#,##${body}`,
    ratio: () => `${prefix}${body}%`,
    percentage_points: () =>
      language === "en"
        ? signed(`${prefix}${body}`, ["+", " pp"], ["-", " pp"], "0 pp")
        : signed(`${prefix}${body}`, ["+", "个百分点"], ["-", "个百分点"], "0个百分点"),
    rank: () => (language === "en" ? `"No. "${body}` : `"第"${body}"名"`),
    places: () =>
      language === "en"
        ? signed(body, ["up ", " places"], ["down ", " places"], "no change")
        : signed(body, ["上升", "位"], ["下降", "位"], "持平"),
  };
  return formats[figure.kind]();
}

function groupThousands(text: string): string {
  const [whole = "", fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A figure's value as text, as its number format shows it in Excel. */
export function formatFigureValue(figure: FormattableFigure & Pick<Figure, "value">, language: Language): string {
  const prefix = boundPrefix(figure, language);
  const fixed = (value: number): string => Math.abs(value).toFixed(figure.displayDecimals);
  const value = figure.value;
  // A one-section Excel format shows a negative number with "-" before everything, literals too.
  const minus = value < 0 ? "-" : "";
  switch (figure.kind) {
    case "count":
      return `${minus}${prefix}${groupThousands(fixed(value))}`;
    case "ratio":
      return `${minus}${prefix}${fixed(value * 100)}%`;
    case "percentage_points": {
      const unit = language === "en" ? " pp" : "个百分点";
      if (value === 0) return `0${unit}`;
      return `${value > 0 ? "+" : "-"}${prefix}${fixed(value)}${unit}`;
    }
    case "rank":
      return language === "en" ? `${minus}No. ${fixed(value)}` : `${minus}第${fixed(value)}名`;
    case "places":
      if (value === 0) return language === "en" ? "no change" : "持平";
      if (language === "en") return `${value > 0 ? "up" : "down"} ${fixed(value)} places`;
      return `${value > 0 ? "上升" : "下降"}${fixed(value)}位`;
  }
}

/** Words for the bound, the basis and the kind of a figure, in each language. */
export const FIGURE_WORDS = {
  bound: {
    en: { exact: "exact", over: "over (at least)", nearly: "nearly (approximately)" },
    zh: { exact: "确数", over: "超过（至少）", nearly: "近（约数）" },
  },
  basis: {
    en: { stated: "Stated", derived: "Derived", approximation: "Derived estimate" },
    zh: { stated: "公布数", derived: "推算", approximation: "推算估计" },
  },
} as const satisfies {
  bound: Record<Language, Record<Bound, string>>;
  basis: Record<Language, Record<"stated" | "derived" | "approximation", string>>;
};

/** "Stated", "Derived" or "Derived estimate" for a figure, in a language. */
export function basisLabel(figure: Figure, language: Language): string {
  const words = FIGURE_WORDS.basis[language];
  if (figure.basis === "stated") return words.stated;
  return figure.approximation ? words.approximation : words.derived;
}
