/**
 * Requirement sets (docs/requirement-sets.md), derived from the code, not from a list kept by hand.
 * The analysis behind test/compatibility/requirement-sets.test.ts:
 *
 * 1. Every Excel API member the adapter (src/office) uses is found with the TypeScript checker: the
 *    adapter reaches Excel only through the structural interfaces of src/office/excel-api.ts, whose
 *    names mirror Excel's (XlRange → Excel.Range). Each member's requirement set is read from
 *    Microsoft's own typings (@types/office-js, "[Api set: ExcelApi x.y]").
 * 2. A use is guarded when it sits under an `isSetSupported("ExcelApi", "x.y")` check of at least
 *    its set (if/else, ?:, &&), or after a gate (`if (!…isSetSupported(…)) throw/return`, or a
 *    `requireSet("ExcelApi", "x.y", …)` call) earlier in an enclosing block.
 * 3. The minimum the code needs with no fallback is the highest set among unguarded uses, and
 *    manifest.xml must declare exactly that as its ExcelApi minimum. docs/requirement-sets.md must
 *    list every member above 1.1 with the set the typings give.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { PROJECT_ROOT, parseXml } from "../manifest/manifest-checks";

export const OFFICE_DIR = join(PROJECT_ROOT, "src/office");
const TYPINGS = join(PROJECT_ROOT, "node_modules/@types/office-js/index.d.ts");

export type Version = readonly [number, number];
export const parseVersion = (text: string): Version => {
  const [major = 0, minor = 0] = text.split(".").map(Number);
  return [major, minor];
};
export const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1];
export const show = (v: Version): string => `${v[0]}.${v[1]}`;

// ───────────── Microsoft's typings: the set of Excel.<Class>.<member> ─────────────

const typings = readFileSync(TYPINGS, "utf8");
const excelStart = typings.indexOf("declare namespace Excel {");

/** The body of `class <name>` in the Excel namespace, and the class's own set. */
function excelClass(name: string): { body: string; set: string | null } | null {
  const header = new RegExp(`\\n    class ${name} extends OfficeExtension\\.ClientObject \\{`).exec(typings.slice(excelStart));
  if (!header) return null;
  const at = excelStart + header.index;
  const doc = typings.slice(typings.lastIndexOf("/**", at), at);
  const end = typings.indexOf("\n    }\n", at);
  return { body: typings.slice(at, end), set: /\[Api set: ExcelApi ([\d.]+)/.exec(doc)?.[1] ?? null };
}

/** The ExcelApi set of Excel.<cls>.<member> per the typings (the class's set for `items`, `load`, ...). */
export function apiSet(cls: string, member: string): string | null {
  const found = excelClass(cls);
  if (!found) return null;
  const decl = new RegExp(`\\n        (?:readonly )?${member}[(?:<]`).exec(found.body);
  if (!decl) return found.set;
  const before = found.body.slice(0, decl.index);
  const doc = before.slice(before.lastIndexOf("/**"));
  return /\[Api set: ExcelApi ([\d.]+)/.exec(doc)?.[1] ?? found.set;
}

// ───────────── the adapter's uses and their guards ─────────────

export interface ApiUse {
  /** Excel.<Class>.<member>, e.g. "Range.getTables". */
  readonly api: string;
  readonly set: Version;
  /** file:line */
  readonly at: string;
  /** The highest ExcelApi version checked around this use, or null. */
  readonly guard: Version | null;
}

/** ExcelApi checks in an expression that hold when it is true: isSetSupported("ExcelApi", "x.y"), not negated. */
function positiveChecks(expr: ts.Node, negated = false): Version[] {
  if (ts.isParenthesizedExpression(expr)) return positiveChecks(expr.expression, negated);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) return positiveChecks(expr.operand, !negated);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && !negated) {
    return [...positiveChecks(expr.left), ...positiveChecks(expr.right)];
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.BarBarToken && negated) {
    return [...positiveChecks(expr.left, true), ...positiveChecks(expr.right, true)]; // !(a || b) = !a && !b: nothing holds
  }
  const check = setCheck(expr);
  return check && !negated ? [check] : [];
}

/** The version of an `….isSetSupported("ExcelApi", "x.y")` call, else null. */
function setCheck(node: ts.Node): Version | null {
  if (!ts.isCallExpression(node)) return null;
  const callee = node.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
  const [set, version] = node.arguments;
  if (!/^(isSetSupported|requireSet)$/.test(name) || !set || !version || !ts.isStringLiteral(set) || !ts.isStringLiteral(version)) return null;
  return set.text === "ExcelApi" ? parseVersion(version.text) : null;
}

/** Checks that hold when `expr` is false (the else branch): !isSetSupported(...) holds nothing; !(!check) holds the check. */
function negativeChecks(expr: ts.Node): Version[] {
  return positiveChecks(expr, true).length === 0 && ts.isPrefixUnaryExpression(expr) ? positiveChecks(expr.operand) : [];
}

/** True when a statement always leaves the block (throw or return, possibly in braces). */
function exits(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement) || ts.isReturnStatement(statement)) return true;
  if (ts.isBlock(statement)) return statement.statements.some(exits);
  return false;
}

/** The gates among the statements before `index` in a block: requireSet(...) calls and `if (!check) throw`. */
function gatesBefore(statements: readonly ts.Statement[], index: number): Version[] {
  return statements.slice(0, index).flatMap((statement) => {
    if (ts.isExpressionStatement(statement)) {
      const expr = ts.isAwaitExpression(statement.expression) ? statement.expression.expression : statement.expression;
      const check = setCheck(expr);
      return check && ts.isCallExpression(expr) && /requireSet$/.test(expr.expression.getText()) ? [check] : [];
    }
    if (ts.isIfStatement(statement) && !statement.elseStatement && exits(statement.thenStatement)) {
      return ts.isPrefixUnaryExpression(statement.expression) ? positiveChecks(statement.expression.operand) : [];
    }
    return [];
  });
}

/**
 * A check the syntax cannot follow (the result of isSetSupported kept in a variable and passed on)
 * is named by a comment on the use's line or the line above: `requirement-set guard: ExcelApi 1.6`.
 * The comment counts only if the same file does call isSetSupported("ExcelApi", "1.6"); otherwise
 * it is reported (through `problems`) as a claim without a check.
 */
function annotatedGuards(source: ts.SourceFile, line: number, problems: Set<string>): Version[] {
  const lines = source.text.split("\n");
  const near = `${lines[line - 2] ?? ""}\n${lines[line - 1] ?? ""}`;
  return [...near.matchAll(/requirement-set guard: ExcelApi (\d+\.\d+)/g)].flatMap((match) => {
    const version = match[1] ?? "";
    const checked = /isSetSupported/.test(source.text) && new RegExp(`"ExcelApi",\\s*"${version.replace(".", "\\.")}"`).test(source.text);
    if (!checked) {
      problems.add(`${relative(PROJECT_ROOT, source.fileName)}:${line}: a requirement-set guard comment for ExcelApi ${version} with no isSetSupported("ExcelApi", "${version}") in the file`);
      return [];
    }
    return [parseVersion(version)];
  });
}

/** Every ExcelApi check that guards `node`, walking up to its function. */
function guardsOf(node: ts.Node): Version[] {
  const found: Version[] = [];
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent)) {
      if (child === parent.thenStatement) found.push(...positiveChecks(parent.expression));
      else if (child === parent.elseStatement) found.push(...negativeChecks(parent.expression));
    } else if (ts.isConditionalExpression(parent)) {
      if (child === parent.whenTrue) found.push(...positiveChecks(parent.condition));
      else if (child === parent.whenFalse) found.push(...negativeChecks(parent.condition));
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) {
      found.push(...positiveChecks(parent.left));
    } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      found.push(...gatesBefore(parent.statements, parent.statements.indexOf(child as ts.Statement)));
    }
  }
  return found;
}

/** The Excel class whose member a type literal declares, by the property (or method) it is the type of. */
const PROPERTY_CLASS: Readonly<Record<string, string>> = {
  workbook: "Workbook",
  worksheets: "WorksheetCollection",
  tables: "TableCollection",
  names: "NamedItemCollection",
  customXmlParts: "CustomXmlPartCollection",
  application: "Application",
  protection: "WorksheetProtection",
  format: "RangeFormat",
  font: "RangeFont",
  worksheet: "Worksheet",
  getByNamespace: "CustomXmlPartScopedCollection",
  getXml: "ClientResult",
};

/**
 * The Excel class a declaration is a member of, or null when it is not an Excel member: the adapter's
 * structural interfaces are named after Excel's classes with a prefix (XlRange in excel-api.ts,
 * RfRange in refresh.ts), and nested type literals after the property that holds them
 * (`workbook: { customXmlParts: … }`). Only declarations in src/office count.
 */
function excelClassOf(decl: ts.Declaration): string | null {
  if (!decl.getSourceFile().fileName.startsWith(OFFICE_DIR)) return null;
  const owner = decl.parent;
  if (ts.isInterfaceDeclaration(owner)) {
    const match = /^(?:Xl|Rf)([A-Z]\w*)$/.exec(owner.name.text);
    return match?.[1] ?? null;
  }
  if (ts.isTypeLiteralNode(owner)) {
    const holder = owner.parent;
    const name = holder && (ts.isPropertySignature(holder) || ts.isMethodSignature(holder)) && ts.isIdentifier(holder.name) ? holder.name.text : null;
    return name === null ? null : (PROPERTY_CLASS[name] ?? null);
  }
  return null;
}

/** The Excel API members the given files use, with their sets and guards. */
export function excelApiUses(files: readonly string[]): { uses: ApiUse[]; unknown: string[] } {
  const config = ts.readConfigFile(join(PROJECT_ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, PROJECT_ROOT);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];
  const unknown = new Set<string>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not in the program: ${file}`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const decl = symbol?.declarations?.[0];
        const cls = decl ? excelClassOf(decl) : null;
        if (decl && cls !== null) {
          const member = node.name.text;
          if (cls !== "Context" && cls !== "ClientResult") {
            const set = apiSet(cls, member);
            const line = source.getLineAndCharacterOfPosition(node.name.getStart(source)).line + 1;
            if (set === null) unknown.add(`Excel.${cls}.${member} (${relative(PROJECT_ROOT, file)}:${line})`);
            else {
              const guards = [...guardsOf(node), ...annotatedGuards(source, line, unknown)];
              const guard = guards.length === 0 ? null : guards.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
              uses.push({ api: `${cls}.${member}`, set: parseVersion(set), at: `${relative(PROJECT_ROOT, file)}:${line}`, guard });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { uses, unknown: [...unknown] };
}

/** The highest set among uses that no check covers: what the code needs with no fallback. */
export function minimumWithoutFallback(uses: readonly ApiUse[]): Version {
  return uses.filter((use) => use.guard === null || compare(use.guard, use.set) < 0).reduce<Version>((max, use) => (compare(use.set, max) > 0 ? use.set : max), [1, 1]);
}

/** The ExcelApi minimum manifest.xml declares (1.1 when it names none). */
export function manifestExcelApi(xml: string): Version {
  const doc = parseXml(xml);
  const sets = Array.from(doc.getElementsByTagNameNS("http://schemas.microsoft.com/office/appforoffice/1.1", "Set"));
  const excel = sets.find((set) => set.getAttribute("Name") === "ExcelApi");
  if (!excel) return [1, 1];
  const defaultMin = doc.getElementsByTagNameNS("http://schemas.microsoft.com/office/appforoffice/1.1", "Sets")[0]?.getAttribute("DefaultMinVersion") ?? "1.1";
  return parseVersion(excel.getAttribute("MinVersion") ?? defaultMin);
}
