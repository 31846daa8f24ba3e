/**
 * Runtime dependencies stay few and known: one production build (webpack's Node API, the project's
 * own config) and its stats' module list. Every module must be the project's own source (src/) or
 * come from an npm package on the README's list of runtime dependencies (its "Runtime dependencies"
 * section).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import webpack, { type Configuration, type StatsModule } from "webpack";
import { PROJECT_ROOT } from "../manifest/manifest-checks";

const SECTION = "## Runtime dependencies";
const BUILD_TIMEOUT_MS = 300_000;

/** The packages named in the first column (`name`) of the table under "## Runtime dependencies". */
export function listedRuntimeDependencies(markdown: string): string[] {
  const start = markdown.indexOf(SECTION);
  if (start < 0) return [];
  const rest = markdown.slice(start + SECTION.length);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\|\s*`((?:@[^/`\s]+\/)?[^`\s]+)`\s*\|/gm)].map((match) => match[1] ?? "");
}

/** The list, from the README's section (empty where the section is missing, so every package fails). */
function listSource(): { file: string; packages: string[] } {
  return { file: "README.md", packages: listedRuntimeDependencies(readFileSync(join(PROJECT_ROOT, "README.md"), "utf8")) };
}

/** The npm package a module path belongs to (the innermost node_modules), or null for the project's own files. */
export function packageOf(modulePath: string): string | null {
  const parts = modulePath.split(/node_modules[\\/]/);
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1] ?? "";
  const [first = "", second = ""] = last.split(/[\\/]/);
  return first.startsWith("@") ? `${first}/${second}` : first;
}

/** Every module of the stats, concatenated modules opened up, as "name" strings. */
function moduleNames(modules: readonly StatsModule[] | undefined): string[] {
  return (modules ?? []).flatMap((m) => [...(m.name !== undefined && m.moduleType !== "runtime" ? [m.name] : []), ...moduleNames(m.modules)]);
}

/**
 * Every violation: a module from a package not on the list, or a module that is neither the
 * project's source nor a package (a file from outside src/, an external).
 */
export function bundleViolations(names: readonly string[], allowed: readonly string[]): string[] {
  const violations = new Set<string>();
  for (const name of names) {
    const cleaned = name.replace(/ \+ \d+ modules?$/, "");
    const pkg = packageOf(cleaned);
    if (pkg !== null) {
      if (!allowed.includes(pkg)) violations.add(`${pkg} (${cleaned}) is bundled but not on the list of runtime dependencies`);
    } else if (!cleaned.startsWith("./src/")) {
      violations.add(`${cleaned} is neither the project's source nor a listed package`);
    }
  }
  return [...violations];
}

let names: string[] = [];
let outDir = "";

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "bj-deps-"));
  const previous = process.env.ADDIN_URL;
  process.env.ADDIN_URL = "https://deps.example.invalid";
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS and exports a function
    const configOf = require(join(PROJECT_ROOT, "webpack.config.js")) as (env: unknown, argv: { mode: string }) => Configuration;
    const config = configOf(undefined, { mode: "production" });
    config.output = { ...config.output, path: outDir };
    config.infrastructureLogging = { level: "error" };
    const stats = await new Promise<webpack.Stats>((resolve, reject) => {
      webpack(config, (error, result) => {
        if (error || !result) reject(error ?? new Error("no stats"));
        else if (result.hasErrors()) reject(new Error(result.toString({ all: false, errors: true })));
        else resolve(result);
      });
    });
    const json = stats.toJson({
      all: false,
      modules: true,
      nestedModules: true,
      orphanModules: true,
      modulesSpace: Infinity,
      nestedModulesSpace: Infinity,
      groupModulesByType: false,
      groupModulesByAttributes: false,
      groupModulesByCacheStatus: false,
      groupModulesByPath: false,
      groupModulesByExtension: false,
      groupModulesByLayer: false,
    });
    names = moduleNames(json.modules);
  } finally {
    if (previous === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = previous;
  }
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe("runtime dependencies", () => {
  test("the list exists and names zod", () => {
    const { file, packages } = listSource();
    expect(existsSync(join(PROJECT_ROOT, file))).toBe(true);
    expect(packages).toContain("zod");
  });

  test("the production bundles hold the project's source and listed packages only", () => {
    expect(names.filter((name) => name.startsWith("./src/functions/")).length).toBeGreaterThan(0);
    expect(names.filter((name) => name.startsWith("./src/taskpane/")).length).toBeGreaterThan(0);
    expect(bundleViolations(names, listSource().packages)).toEqual([]);
  });

  test("package.json's dependencies are exactly the listed packages", () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual([...listSource().packages].sort());
  });

  test("the check names a package that is not listed, a scoped one, and a file from outside src/", () => {
    const found = bundleViolations(
      ["./src/core/index.ts + 8 modules", "./node_modules/zod/v4/core/core.js", "./node_modules/lodash/get.js", "./node_modules/@scope/pkg/index.js", "../shared/x.js"],
      ["zod"],
    );
    expect(found).toEqual([
      expect.stringMatching(/^lodash /),
      expect.stringMatching(/^@scope\/pkg /),
      expect.stringMatching(/^\.\.\/shared\/x\.js is neither/),
    ]);
  });

  test("the list parser reads the table's first column only, in the section only", () => {
    const markdown = ["# X", "| `not-this` | outside |", SECTION, "| package | why |", "|---|---|", "| `zod` | schema |", "| `@a/b` | why |", "## Next", "| `nor-this` | x |"].join("\n");
    expect(listedRuntimeDependencies(markdown)).toEqual(["zod", "@a/b"]);
  });
});
