/**
 * Renders a cell value as Excel shows it under a number format: what `Range.text` returns.
 *
 * Covers what the add-in writes (see src/core/formats.ts numberFormat()): "General", "@",
 * digit patterns with thousands separators and decimals (#,##0 / 0.0), thousands scaling by
 * trailing commas (#, / 0.0,,), percent (0% / 0.0%), quoted and backslash literals ("over "#,##0,
 * "第"0"名") and up to four sections separated by ";" (positive;negative;zero;text; the fourth is
 * always the text section, and a text section without "@" hides the typed text). Any other format (dates, colours, conditions, scientific, fractions)
 * is rendered as General: a documented difference from Excel.
 */

/** A cell value as the model stores it: empty is null; errors are rendered by their code. */
export type RenderableValue = string | number | boolean | null;

interface Section {
  /** Literal text before the number. */
  readonly prefix: string;
  /** Literal text after the number. */
  readonly suffix: string;
  /** Whether there is a number at all (a section may be literal only: "no change"). */
  readonly hasNumber: boolean;
  readonly minIntegerDigits: number;
  readonly grouping: boolean;
  readonly requiredDecimals: number;
  readonly optionalDecimals: number;
  readonly percent: boolean;
  /** Thousands scaling: each comma after the last integer digit placeholder divides by 1,000. */
  readonly scaleCommas: number;
  /** A text section ("@" in it): text is substituted at the "@". */
  readonly textSection: boolean;
}

/** Splits a format into sections at ";" outside quotes and escapes. */
function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? "";
    if (ch === "\\" && !quoted) {
      current += ch + (format[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      sections.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  sections.push(current);
  return sections;
}

/** Unquoted characters Excel shows as themselves without quoting. */
const PLAIN_LITERALS = new Set([" ", "+", "-", "(", ")", "$", ":", "/", "!", "^", "&", "'", "~", "{", "}", "<", ">", "="]);

/** Parses one section, or returns null if it uses something this renderer does not support. */
function parseSection(text: string): Section | null {
  let prefix = "";
  let suffix = "";
  let hasNumber = false;
  let numberDone = false;
  let minIntegerDigits = 0;
  let grouping = false;
  let inDecimals = false;
  let requiredDecimals = 0;
  let optionalDecimals = 0;
  let percent = false;
  let textSection = false;
  // Commas seen since the last digit placeholder: grouping if another integer digit follows, else scaling.
  let pendingCommas = 0;
  let scaleCommas = 0;
  const flushCommas = (): void => {
    scaleCommas += pendingCommas;
    pendingCommas = 0;
  };
  const addLiteral = (literal: string): void => {
    if (hasNumber) {
      flushCommas();
      numberDone = true;
      suffix += literal;
    } else prefix += literal;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return null;
      addLiteral(text.slice(i + 1, end));
      i = end;
    } else if (ch === "\\") {
      addLiteral(text[i + 1] ?? "");
      i++;
    } else if (ch === "0" || ch === "#" || ch === "?") {
      if (numberDone) return null;
      hasNumber = true;
      if (inDecimals) {
        if (pendingCommas > 0) return null;
        if (ch === "0") requiredDecimals++;
        else optionalDecimals++;
      } else {
        if (pendingCommas > 0) grouping = true;
        pendingCommas = 0;
        if (ch === "0") minIntegerDigits++;
      }
    } else if (ch === "," && hasNumber && !numberDone) {
      pendingCommas++;
    } else if (ch === "." && !numberDone && !inDecimals) {
      flushCommas();
      hasNumber = true;
      inDecimals = true;
    } else if (ch === "%") {
      percent = true;
      addLiteral("%");
    } else if (ch === "@") {
      textSection = true;
      addLiteral("\u0000");
    } else if (PLAIN_LITERALS.has(ch)) {
      addLiteral(ch);
    } else {
      return null;
    }
  }
  flushCommas();
  return { prefix, suffix, hasNumber, minIntegerDigits, grouping, requiredDecimals, optionalDecimals, percent, scaleCommas, textSection };
}

/** Rounds half away from zero, as Excel does when it displays a number. */
function roundHalfAway(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor * (1 + Number.EPSILON))) / factor;
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function renderNumber(section: Section, magnitude: number): string {
  if (!section.hasNumber) return section.prefix + section.suffix;
  const scaled = (section.percent ? magnitude * 100 : magnitude) / 1000 ** section.scaleCommas;
  const decimals = section.requiredDecimals + section.optionalDecimals;
  const fixed = roundHalfAway(scaled, decimals).toFixed(decimals);
  let [integer = "", fraction = ""] = fixed.split(".");
  if (integer === "0" && section.minIntegerDigits === 0) integer = "";
  integer = integer.padStart(section.minIntegerDigits, "0");
  if (section.grouping) integer = group(integer);
  let keep = fraction.length;
  while (keep > section.requiredDecimals && fraction[keep - 1] === "0") keep--;
  fraction = fraction.slice(0, keep);
  const body = fraction === "" ? integer : `${integer}.${fraction}`;
  return section.prefix + body + section.suffix;
}

/** A number as the General format shows it: up to 11 significant digits, no grouping. */
export function renderGeneral(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  if (Math.abs(value) >= 1e11 || (value !== 0 && Math.abs(value) < 1e-9)) {
    return value.toExponential(5).replace(/\.?0+e/, "E").replace("E+", "E+").toUpperCase();
  }
  return String(Number(value.toPrecision(10)));
}

function renderPlain(value: RenderableValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return renderGeneral(value);
  return value;
}

/**
 * The text Excel shows for `value` under `format`. Error values are passed as their code ("#N/A")
 * with `isError` set: they show as themselves under every format.
 */
export function renderValue(value: RenderableValue, format: string, isError = false): string {
  if (isError || value === null || typeof value === "boolean") return renderPlain(value);
  if (format === "General" || format === "" || format === "@") return renderPlain(value);
  const parsed = splitSections(format).map(parseSection);
  if (parsed.some((section) => section === null)) return renderPlain(value);
  // The fourth section is always the text section, "@" or not; an earlier one only with "@".
  const sections = parsed
    .filter((section): section is Section => section !== null)
    .map((section, index) => (index === 3 ? { ...section, textSection: true } : section));
  if (typeof value === "string") {
    const text = sections.find((section) => section.textSection);
    // Without "@" the section's literal text is shown instead of the value (Excel hides typed text).
    return text ? (text.prefix + text.suffix).replace("\u0000", value) : value;
  }
  const numeric = sections.filter((section) => !section.textSection);
  const [positive, negative, zero] = numeric;
  if (!positive) return renderPlain(value);
  if (value < 0 && negative) return renderNumber(negative, -value);
  if (value === 0 && zero) return renderNumber(zero, 0);
  if (value < 0) return `-${renderNumber(positive, -value)}`;
  return renderNumber(positive, value);
}
