/**
 * The layers, held by the import graph: data <- core <- office <- taskpane, and core <- functions;
 * the release channel sits on core, beside office, and functions and taskpane may use it.
 * Imports point downward only; data and core use neither Office.js nor the DOM; only the adapter
 * in src/office calls Excel.run. Every violation is collected, then the list must be empty.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const SRC = resolve(__dirname, "../../src");

/** What each layer (a folder of src/) may import from, besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  data: [],
  core: ["data"],
  office: ["core", "data"],
  functions: ["channel", "core", "data"],
  taskpane: ["commands", "office", "channel", "core", "data"],
  // Ribbon commands (ExecuteFunction) run in the shared runtime; the page registers them.
  commands: ["office", "channel", "core", "data"],
  // The release channel (newer releases fetched next to the add-in): above core, beside office.
  channel: ["core", "data"],
  "simulated-excel": ["core", "data"],
  // The browser preview page hosts the pane beside a simulated workbook whose =BJ.* formulas the
  // real functions evaluate.
  preview: ["taskpane", "commands", "office", "functions", "simulated-excel", "core", "data"],
};

/** Globals of Office.js, the browser and the network, forbidden in data and core. */
const HOST_GLOBALS = new Set([
  "Excel", "Office", "OfficeExtension", "CustomFunctions",
  "globalThis", "self", "window", "document", "navigator", "location", "localStorage", "sessionStorage",
  "indexedDB", "fetch", "XMLHttpRequest", "WebSocket", "HTMLElement", "Element", "Event", "customElements",
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

const layerOf = (file: string): string => relative(SRC, file).split(sep)[0] ?? "";

/** An identifier that names a property or a declared member, not a global. */
function isMemberName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isQualifiedName(parent) && parent.right === node) ||
    ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) && parent.name === node)
  );
}

function hostGlobalsUsed(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && HOST_GLOBALS.has(node.text) && !isMemberName(node)) found.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found];
}

describe("layers", () => {
  const files = sourceFiles(SRC);

  it("has every src folder in the layer table", () => {
    const unknown = [...new Set(files.map(layerOf))].filter((layer) => !(layer in ALLOWED));
    expect(unknown).toEqual([]);
  });

  it("imports downward only", () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      const allowed = ALLOWED[layer];
      if (!allowed) continue;
      const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith(".")) continue;
        const target = layerOf(resolve(dirname(file), fileName));
        if (target !== layer && !allowed.includes(target)) {
          violations.push(`${relative(SRC, file)} (${layer}) imports ${fileName} (${target})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("keeps Office.js and the DOM out of data and core", () => {
    const violations = files
      .filter((file) => ["data", "core"].includes(layerOf(file)))
      .flatMap((file) => hostGlobalsUsed(file).map((name) => `${relative(SRC, file)} uses ${name}`));
    expect(violations).toEqual([]);
  });

  it("keeps Office.js and the DOM out of the release channel (fetch and Web Crypto only)", () => {
    const allowed = new Set(["fetch", "globalThis"]);
    const violations = files
      .filter((file) => layerOf(file) === "channel")
      .flatMap((file) =>
        hostGlobalsUsed(file)
          .filter((name) => !allowed.has(name))
          .map((name) => `${relative(SRC, file)} uses ${name}`),
      );
    expect(violations).toEqual([]);
  });

  it("calls Excel.run only in the adapter", () => {
    const callers = files
      .filter((file) => layerOf(file) !== "office" && layerOf(file) !== "simulated-excel")
      .filter((file) => /\bExcel\s*\.\s*run\b/.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file));
    expect(callers).toEqual([]);
  });
});
