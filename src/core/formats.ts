/**
 * How a figure is shown: an Excel number format that keeps the cell numeric while showing its unit
 * and bound ("over 120", "33.8%", "+17.9 pp", "est. 9%"), optionally its period ("1,777 (Jan–Nov)"),
 * and the same rendering as plain text for previews.
 *
 * Layer: pure core.
 */
import type { Bound, Figure, Language, Period, QuantityKind } from "../data";

/** The number format for text cells: Excel keeps what is written in them as text. */
export const TEXT_FORMAT = "@";
/** The number format for cells with no special format. */
export const GENERAL_FORMAT = "General";

/** The bound's word before the number: "over 120", "超过120", "est. 9%", "约9%". */
const BOUND_PREFIX: Record<Language, Record<Bound, string>> = {
  en: { exact: "", over: "over ", nearly: "nearly ", estimate: "est. " },
  zh: { exact: "", over: "超过", nearly: "近", estimate: "约" },
};

/** The Chinese estimate mark after the number ("约9%（估算）"); English says "est." before it. */
const ESTIMATE_MARK_ZH = "估算";

/**
 * What a number format needs of a figure. With `period`, a period that is not one calendar year
 * shows its tag after the number ("1,777 (Jan–Nov)"); without it, no tag (a table's Period
 * column already says it).
 */
export type FormattableFigure = Pick<Figure, "kind" | "bound" | "displayDecimals"> & {
  readonly period?: Pick<Period, "tag">;
};

/** How a cell shows a figure: its bound always; its period tag where asked for. */
export interface FormatOptions {
  /** Show the period's tag after the number. Default false. */
  readonly periodTag?: boolean;
}

/**
 * What follows the number: the period tag where asked (" (Jan–Nov)"), and in Chinese the estimate
 * mark, joined with the tag in one bracket ("（估算，1—11月）").
 */
function periodSuffix(figure: FormattableFigure, language: Language, options: FormatOptions): string {
  const tag = options.periodTag === true ? figure.period?.tag : null;
  if (language === "en") return tag ? ` (${tag.en})` : "";
  const parts = [...(figure.bound === "estimate" ? [ESTIMATE_MARK_ZH] : []), ...(tag ? [tag.zh] : [])];
  return parts.length === 0 ? "" : `（${parts.join("，")}）`;
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

/** The Excel number format for a figure in a language: its bound, and its period tag if asked. */
export function numberFormat(figure: FormattableFigure, language: Language, options: FormatOptions = {}): string {
  const bound = BOUND_PREFIX[language][figure.bound];
  const prefix = literal(bound);
  const body = digits(figure.displayDecimals);
  const suffix = periodSuffix(figure, language, options);
  const formats: Record<QuantityKind, () => string> = {
    count: () => `${prefix}#,##${body}${literal(suffix)}`,
    ratio: () => `${prefix}${body}%${literal(suffix)}`,
    // The bound joins the literal before the number, so that no two literals stand side by side.
    percentage_points: () =>
      language === "en"
        ? signed(body, [`+${bound}`, ` pp${suffix}`], [`-${bound}`, ` pp${suffix}`], `0 pp${suffix}`)
        : signed(body, [`+${bound}`, `个百分点${suffix}`], [`-${bound}`, `个百分点${suffix}`], `0个百分点${suffix}`),
    rank: () => (language === "en" ? `${literal(`${bound}No. `)}${body}${literal(suffix)}` : `${literal(`${bound}第`)}${body}${literal(`名${suffix}`)}`),
    places: () =>
      language === "en"
        ? signed(body, [`up ${bound}`, ` places${suffix}`], [`down ${bound}`, ` places${suffix}`], `no change${suffix}`)
        : signed(body, [`上升${bound}`, `位${suffix}`], [`下降${bound}`, `位${suffix}`], `持平${suffix}`),
  };
  return formats[figure.kind]();
}

function groupThousands(text: string): string {
  const [whole = "", fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A figure's value as text, as its number format shows it in Excel. */
export function formatFigureValue(
  figure: FormattableFigure & Pick<Figure, "value">,
  language: Language,
  options: FormatOptions = {},
): string {
  return `${formatBare(figure, language)}${periodSuffix(figure, language, options)}`;
}

function formatBare(figure: FormattableFigure & Pick<Figure, "value">, language: Language): string {
  const prefix = BOUND_PREFIX[language][figure.bound];
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
      return language === "en" ? `${minus}${prefix}No. ${fixed(value)}` : `${minus}${prefix}第${fixed(value)}名`;
    case "places":
      if (value === 0) return language === "en" ? "no change" : "持平";
      if (language === "en") return `${value > 0 ? "up" : "down"} ${prefix}${fixed(value)} places`;
      return `${value > 0 ? "上升" : "下降"}${prefix}${fixed(value)}位`;
  }
}

/** Words for the bound, the basis and the kind of a figure, in each language. */
export const FIGURE_WORDS = {
  bound: {
    en: { exact: "exact", over: "over (more than)", nearly: "nearly (approximately)", estimate: "estimate" },
    zh: { exact: "确数", over: "超过（多于）", nearly: "近（约数）", estimate: "估算" },
  },
  basis: {
    en: { stated: "Stated", derived: "Derived", approximation: "Derived (estimate)" },
    zh: { stated: "公布数", derived: "推算", approximation: "推算（估算）" },
  },
  inferred: { en: "inferred", zh: "推断" },
} as const satisfies {
  bound: Record<Language, Record<Bound, string>>;
  basis: Record<Language, Record<"stated" | "derived" | "approximation", string>>;
  inferred: Record<Language, string>;
};

/** "Stated", "Derived" or "Derived (estimate)" for a figure, in a language. */
export function basisLabel(figure: Figure, language: Language): string {
  const words = FIGURE_WORDS.basis[language];
  if (figure.basis === "stated") return words.stated;
  return figure.approximation ? words.approximation : words.derived;
}

/** A period's label, marked "(inferred)" / "（推断）" where the source does not state it. */
export function periodText(period: Period, language: Language): string {
  if (period.inference === null) return period.label[language];
  const word = FIGURE_WORDS.inferred[language];
  return language === "en" ? `${period.label.en} (${word})` : `${period.label.zh}（${word}）`;
}

/**
 * Whether a cell may hold the figure as a bare number where the host shows no number format: true
 * only for an exact figure the source states, which has no bound to lose and no estimate to mark.
 * Such a cell still shows neither the period nor the unit (1777 is a January–November count; 17.9
 * is percentage points). Anything else needs its bound or its estimate mark visible (in a number
 * format, or as text where the host has no formats).
 */
export function isBareNumberFaithful(figure: Figure): boolean {
  return figure.basis === "stated" && figure.bound === "exact";
}

/**
 * Whether the bare stored number reads right beside the figure's unit words (a table's Unit
 * column): an exact stated figure whose stored number is in that unit. Not a ratio: it is stored
 * as a fraction (0.14) while its unit says percent, so beside "percent" it must read "14%".
 */
export function isBareNumberRightBesideUnit(figure: Figure): boolean {
  return isBareNumberFaithful(figure) && figure.kind !== "ratio";
}

/** Splits a number format into its sections at semicolons outside quoted literals. */
function formatSections(format: string): string[] {
  const sections: string[] = [""];
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? "";
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) sections.push("");
    else if (ch === "\\" && !quoted && i + 1 < format.length) sections[sections.length - 1] += format.slice(i, (i += 1) + 1);
    else sections[sections.length - 1] += ch;
  }
  return sections;
}

/** One section applied to a non-negative number: literals, one digit block (#,##0.0), and %. */
function renderSection(section: string, value: number): string {
  const percent = /%/.test(section.replace(/"[^"]*"/g, ""));
  const scaled = percent ? value * 100 : value;
  let out = "";
  let numberDone = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] ?? "";
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      out += section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") {
      out += section[i + 1] ?? "";
      i++;
    } else if (/[#0,.]/.test(ch)) {
      let j = i;
      while (j < section.length && /[#0,.]/.test(section[j] ?? "")) j++;
      const block = section.slice(i, j);
      if (!numberDone) {
        const decimals = (block.split(".")[1] ?? "").replace(/[^0#]/g, "").length;
        const fixed = scaled.toFixed(decimals);
        out += block.includes(",") ? groupThousands(fixed) : fixed;
        numberDone = true;
      }
      i = j - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * A cell's content as Excel shows it with a number format, for the formats the add-in writes
 * (numberFormat: literals, one #,##0 / 0.0 digit block, %, and up to three sections); General, text
 * ("@") and no format show the value as it is. Text and booleans show as themselves.
 */
export function showWithFormat(value: string | number | boolean | null, format: string | null | undefined): string {
  if (value === null) return "";
  if (typeof value !== "number") return typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value;
  if (format === null || format === undefined || format === "" || format === TEXT_FORMAT || format.toLowerCase() === GENERAL_FORMAT.toLowerCase()) return String(value);
  const sections = formatSections(format);
  const [positive = "", negative, zero] = sections;
  if (value === 0 && zero !== undefined) return renderSection(zero, 0);
  if (value < 0) return negative !== undefined ? renderSection(negative, -value) : `-${renderSection(positive, -value)}`;
  return renderSection(positive, value);
}
