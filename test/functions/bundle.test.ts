/**
 * The built functions bundle as it ships: one production webpack build with the project's config
 * (ADDIN_URL set to an https test origin, output into a temporary directory so it never clashes
 * with dist/ or the build smoke test), then functions.js loaded in bare JavaScript contexts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createContext, runInContext } from "node:vm";
import webpack, { type Configuration } from "webpack";
import { FUNCTION_IDS } from "../../src/functions/library";

const ROOT = resolve(__dirname, "../..");
const PRODUCTION_ORIGIN = "https://addin.example.org/bj";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(join(ROOT, "webpack.config.js")) as (
  env: Record<string, string>,
  argv: { mode: "development" | "production" },
) => Configuration;

let out: string;
/** The mode webpack actually built in, as its compilation reports it. */
let builtMode: string | undefined;

/** Builds once in production mode, which needs ADDIN_URL; the origin rewrite of the metadata is exercised too. */
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "bj-functions-build-"));
  const saved = process.env.ADDIN_URL;
  process.env.ADDIN_URL = PRODUCTION_ORIGIN;
  let config: Configuration;
  try {
    config = makeConfig({}, { mode: "production" });
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  }
  config.output = { ...config.output, path: out };
  config.devtool = false;
  await new Promise<void>((done, fail) => {
    webpack(config, (error, stats) => {
      if (error) return fail(error);
      if (!stats || stats.hasErrors()) return fail(new Error(stats?.toString({ all: false, errors: true }) ?? "no stats"));
      builtMode = stats.compilation.options.mode;
      return done();
    });
  });
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const bundle = (): string => readFileSync(join(out, "functions.js"), "utf8");

describe("functions.js", () => {
  it("is the production build (what ships), not a development one", () => {
    expect(builtMode).toBe("production");
  });

  it("registers every id with CustomFunctions.associate, once, where only CustomFunctions exists", () => {
    const associated: string[] = [];
    const functions = new Map<string, unknown>();
    const context = createContext({
      CustomFunctions: {
        associate(id: string, fn: unknown) {
          associated.push(id);
          functions.set(id, fn);
        },
      },
    });
    runInContext(bundle(), context);
    expect([...associated].sort()).toEqual([...FUNCTION_IDS].sort());
    const notFunctions = FUNCTION_IDS.filter((id) => typeof functions.get(id) !== "function");
    expect(notFunctions).toEqual([]);
  });

  it("answers a call through the registered function, and throws the runtime's own Error type", () => {
    class RuntimeError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    const functions = new Map<string, (...args: unknown[]) => unknown>();
    const context = createContext({
      CustomFunctions: {
        Error: RuntimeError,
        ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
        associate: (id: string, fn: (...args: unknown[]) => unknown) => functions.set(id, fn),
      },
    });
    runInContext(bundle(), context);
    expect(functions.get("FDI_COUNT")?.(2024)).toBe(1777);
    expect(() => functions.get("FDI_COUNT")?.(2023)).toThrow(RuntimeError);
  });

  it("loads without error in a page that has no CustomFunctions (and touches no DOM)", () => {
    const context = createContext({});
    expect(() => runInContext(bundle(), context)).not.toThrow();
  });
});

describe("functions metadata in the build", () => {
  it("emits functions.json and functions.zh-CN.json with help links on the deployed origin", () => {
    const problems: string[] = [];
    for (const name of ["functions.json", "functions.zh-CN.json"]) {
      const path = join(out, name);
      if (!existsSync(path)) {
        problems.push(`${name} missing`);
        continue;
      }
      const text = readFileSync(path, "utf8");
      if (text.includes("localhost")) problems.push(`${name} still names localhost`);
      const metadata = JSON.parse(text) as { functions: { id: string; helpUrl?: string }[] };
      const ids = metadata.functions.map((f) => f.id).sort();
      if (JSON.stringify(ids) !== JSON.stringify([...FUNCTION_IDS].sort())) problems.push(`${name} ids ${ids.join(",")}`);
      for (const fn of metadata.functions) {
        if (!fn.helpUrl?.startsWith(`${PRODUCTION_ORIGIN}/functions.html#`)) problems.push(`${name} ${fn.id} helpUrl ${fn.helpUrl}`);
      }
    }
    expect(problems).toEqual([]);
    expect(existsSync(join(out, "functions.html"))).toBe(true);
  });

  it("keeps the English function names in functions.zh-CN.json (the add-in's formulas name them in English)", () => {
    const names = (name: string): string[] =>
      (JSON.parse(readFileSync(join(out, name), "utf8")) as { functions: { id: string; name: string }[] }).functions.map((f) => `${f.id}=${f.name}`);
    expect(names("functions.zh-CN.json")).toEqual(names("functions.json"));
  });
});

describe("taskpane.js, the shared runtime's script", () => {
  it("associates the ribbon command while the script itself runs, before any await, even if the rest of the page cannot start", () => {
    const associated: string[] = [];
    const context = createContext({
      Office: { actions: { associate: (id: string) => associated.push(id) }, onReady: () => new Promise(() => undefined) },
    });
    runInContext(bundle(), context);
    // A bare context has no DOM: the pane's own start-up fails, after the association has run.
    try {
      runInContext(readFileSync(join(out, "taskpane.js"), "utf8"), context);
    } catch {
      // expected in a context without document/navigator
    }
    // Checked in the same synchronous turn as the script's evaluation: no microtask (nothing after an
    // await in the page's code) has run yet, so the association happened at the script's top level.
    expect(associated).toEqual(["refreshFigures"]);
  });
});
