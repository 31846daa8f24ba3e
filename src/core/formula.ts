/**
 * A tiny arithmetic language for derived figures: figure ids, decimal numbers, + - * /, unary minus
 * and parentheses. Parsed by recursive descent; nothing is ever passed to eval.
 *
 * Layer: pure core.
 */

/** Thrown for a formula that does not parse or names an id the resolver does not know. */
export class FormulaError extends Error {
  override name = "FormulaError";
}

type Token =
  | { kind: "number"; value: number }
  | { kind: "id"; name: string }
  | { kind: "op"; op: "+" | "-" | "*" | "/" | "(" | ")" };

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9_]*)|([-+*/()]))/y;
  let index = 0;
  while (index < formula.length) {
    if (/^\s*$/.test(formula.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(formula);
    if (!match) throw new FormulaError(`Unexpected text at ${index} in "${formula}"`);
    const [, number, name, op] = match;
    if (number !== undefined) tokens.push({ kind: "number", value: Number(number) });
    else if (name !== undefined) tokens.push({ kind: "id", name });
    else tokens.push({ kind: "op", op: op as "+" | "-" | "*" | "/" | "(" | ")" });
    index = pattern.lastIndex;
  }
  return tokens;
}

/** The ids a formula refers to, in order of first use. */
export function formulaInputs(formula: string): string[] {
  const names = tokenize(formula).flatMap((token) => (token.kind === "id" ? [token.name] : []));
  return [...new Set(names)];
}

/** Evaluates a formula, asking `resolve` for the value of each id. */
export function evaluateFormula(formula: string, resolve: (id: string) => number | undefined): number {
  const tokens = tokenize(formula);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isOp = (token: Token | undefined, ...ops: string[]): token is Extract<Token, { kind: "op" }> =>
    token !== undefined && token.kind === "op" && ops.includes(token.op);

  const primary = (): number => {
    const token = tokens[position++];
    if (token === undefined) throw new FormulaError(`Unexpected end of "${formula}"`);
    if (token.kind === "number") return token.value;
    if (token.kind === "id") {
      const value = resolve(token.name);
      if (value === undefined) throw new FormulaError(`Unknown id ${token.name} in "${formula}"`);
      return value;
    }
    if (token.op === "-") return -primary();
    if (token.op === "(") {
      const value = sum();
      if (!isOp(tokens[position++], ")")) throw new FormulaError(`Missing ) in "${formula}"`);
      return value;
    }
    throw new FormulaError(`Unexpected ${token.op} in "${formula}"`);
  };
  const product = (): number => {
    let value = primary();
    for (let token = peek(); isOp(token, "*", "/"); token = peek()) {
      position++;
      value = token.op === "*" ? value * primary() : value / primary();
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    for (let token = peek(); isOp(token, "+", "-"); token = peek()) {
      position++;
      value = token.op === "+" ? value + product() : value - product();
    }
    return value;
  };

  const result = sum();
  if (position !== tokens.length) throw new FormulaError(`Unexpected text after position ${position} in "${formula}"`);
  return result;
}

/** Rounds half away from zero to `decimals` places, as Excel's ROUND does. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // Nudge by a relative epsilon so binary noise (0.1449999…) rounds as the decimal it stands for.
  const rounded = Math.round(scaled * (1 + Number.EPSILON * 4)) / factor;
  return Math.sign(value) * rounded;
}
