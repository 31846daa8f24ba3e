/**
 * The generated custom-functions metadata: functions.json made from functions.ts by the
 * custom-functions-metadata package (as CustomFunctionsMetadataPlugin does in the build), and the
 * zh-CN metadata made from it and the translation table.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FUNCTION_IDS } from "../../src/functions/library";

// The plugin is CommonJS JavaScript used by webpack.config.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localizeMetadata } = require("../../scripts/localized-functions-plugin") as {
  localizeMetadata: (
    metadata: Metadata,
    table: unknown,
    options?: { helpAnchorSuffix?: string },
  ) => { metadata: Metadata; errors: string[] };
};

interface Parameter {
  name: string;
  description?: string;
  type?: string;
  optional?: boolean;
  dimensionality?: string;
}
interface MetadataFunction {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Parameter[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}
interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  functions: MetadataFunction[];
}

const ROOT = resolve(__dirname, "../..");
const ZH_TABLE_PATH = join(ROOT, "src/functions/functions.zh.json");

/** The contract of issue 3: each id, its parameters (optional or not) and the result's shape. */
const CONTRACT: Record<string, { params: [string, boolean][]; matrix: boolean }> = {
  FDI_COUNT: { params: [["year", true]], matrix: false },
  FDI_GROWTH: { params: [["year", true]], matrix: false },
  FTZ_FDI_SHARE: { params: [["year", true]], matrix: false },
  STAT: { params: [["indicator", false], ["year", true], ["field", true], ["language", true]], matrix: false },
  TABLE: { params: [["table", false], ["language", true], ["with_source", true]], matrix: true },
  INDICATORS: { params: [["language", true]], matrix: true },
  SOURCE: { params: [["indicator", false], ["style", true]], matrix: false },
  CARD: { params: [["indicator", false]], matrix: false },
  VERSION: { params: [], matrix: false },
};

/** The translation table, read afresh (tests may change their copy). */
const table = (): unknown => JSON.parse(readFileSync(ZH_TABLE_PATH, "utf8"));

/** Excel's rules for a function name: a letter first, then letters, digits, _ or .; 3 to 64 long. */
const FUNCTION_NAME = /^\p{L}[\p{L}\p{N}_.]{2,63}$/u;

let metadata: Metadata;
let dir: string;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(join(ROOT, "src/functions/functions.ts"));
  expect(generated.errors).toEqual([]);
  dir = mkdtempSync(join(tmpdir(), "bj-functions-metadata-"));
  writeFileSync(join(dir, "functions.json"), generated.metadataJson);
  metadata = JSON.parse(readFileSync(join(dir, "functions.json"), "utf8")) as Metadata;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("functions.json generated from functions.ts", () => {
  it("declares exactly the contract's ids, which the library implements", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(Object.keys(CONTRACT).sort());
    expect([...FUNCTION_IDS].sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it("gives each parameter its optional flag and each result its dimensionality", () => {
    const problems: string[] = [];
    for (const fn of metadata.functions) {
      const contract = CONTRACT[fn.id];
      if (!contract) continue;
      const got = fn.parameters.map((p): [string, boolean] => [p.name, p.optional === true]);
      if (JSON.stringify(got) !== JSON.stringify(contract.params)) problems.push(`${fn.id} parameters ${JSON.stringify(got)}`);
      const matrix = fn.result.dimensionality === "matrix";
      if (matrix !== contract.matrix) problems.push(`${fn.id} result ${fn.result.dimensionality ?? "scalar"}`);
      for (const p of fn.parameters) {
        if (p.dimensionality === "matrix") problems.push(`${fn.id}.${p.name} is a matrix parameter`);
        if (p.type !== "any") problems.push(`${fn.id}.${p.name} type ${p.type}: arguments are checked by the function`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("lets results be data types (formatted numbers, entities): results typed any, allowCustomDataForDataTypeAny", () => {
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    const typed = metadata.functions.filter((fn) => fn.result.type !== undefined).map((fn) => `${fn.id}: ${fn.result.type}`);
    expect(typed).toEqual([]);
  });

  it("has no volatile, streaming or other special options", () => {
    const special = metadata.functions
      .filter((fn) => Object.keys(fn.options ?? {}).length > 0)
      .map((fn) => `${fn.id}: ${JSON.stringify(fn.options)}`);
    expect(special).toEqual([]);
  });

  it("describes every function and parameter within Excel's 128-character limit, with a help link", () => {
    const problems: string[] = [];
    for (const fn of metadata.functions) {
      const d = fn.description ?? "";
      if (d.length === 0 || d.length > 128) problems.push(`${fn.id} description length ${d.length}`);
      if (fn.helpUrl !== `https://localhost:3000/functions.html#${fn.id.toLowerCase()}`) problems.push(`${fn.id} helpUrl ${fn.helpUrl}`);
      for (const p of fn.parameters) {
        const pd = p.description ?? "";
        if (pd.length === 0 || pd.length > 128) problems.push(`${fn.id}.${p.name} description length ${pd.length}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("functions.zh-CN.json", () => {
  it("keeps every function's English name (one name in every language) and localizes descriptions and parameters, keeping ids and shapes", () => {
    const { metadata: zh, errors } = localizeMetadata(metadata, table(), { helpAnchorSuffix: "-zh" });
    expect(errors).toEqual([]);
    const problems: string[] = [];
    const names = new Set<string>();
    zh.functions.forEach((fn, i) => {
      const en = metadata.functions[i];
      if (!en || fn.id !== en.id) return problems.push(`function ${i} id changed`);
      // Formulas written through the API name the function in English: a localized name would make
      // them #NAME? in Chinese Excel (office-js#891), so the name is the English one, as in functions.json.
      if (fn.name !== en.name) problems.push(`${fn.id}: name ${fn.name} is not the English name ${en.name}`);
      if (!FUNCTION_NAME.test(fn.name)) problems.push(`${fn.id}: name ${fn.name} breaks Excel's naming rules`);
      if (names.has(fn.name)) problems.push(`${fn.id}: duplicate name ${fn.name}`);
      names.add(fn.name);
      const cjk = /\p{Script=Han}/u;
      if (!cjk.test(fn.description ?? "")) problems.push(`${fn.id}: description not in Chinese`);
      if ((fn.description ?? "").length > 128) problems.push(`${fn.id}: description too long`);
      if (fn.helpUrl !== `${en.helpUrl}-zh`) problems.push(`${fn.id}: helpUrl ${fn.helpUrl}`);
      if (JSON.stringify(fn.result) !== JSON.stringify(en.result)) problems.push(`${fn.id}: result changed`);
      fn.parameters.forEach((p, j) => {
        const ep = en.parameters[j];
        if (!ep || p.optional !== ep.optional || p.type !== ep.type) problems.push(`${fn.id}.${p.name}: shape changed`);
        if (!cjk.test(p.name) || !cjk.test(p.description ?? "") || (p.description ?? "").length > 128) {
          problems.push(`${fn.id}.${p.name}: parameter not localized within limits`);
        }
      });
      return undefined;
    });
    expect(problems).toEqual([]);
  });

  it("refuses a table that misses a function or names a parameter that does not exist", () => {
    const partial = table() as Record<string, { parameters: Record<string, unknown> }>;
    delete partial.VERSION;
    const statParameters = partial.STAT?.parameters ?? {};
    statParameters.colour = { name: "颜色", description: "无" };
    const { errors } = localizeMetadata(metadata, partial);
    expect([...errors].sort()).toEqual(["STAT: translation for unknown parameter colour", "no translation for function VERSION"]);
  });

  it("refuses a table that gives a function a localized name, as the build does", () => {
    const named = table() as Record<string, { name?: string }>;
    const stat = named.STAT;
    if (!stat) throw new Error("no STAT in the table");
    stat.name = "指标值";
    const { errors } = localizeMetadata(metadata, named);
    expect(errors).toEqual(['STAT: function names are not translated (office-js#891): remove "name" "指标值"']);
  });

  it("the translation table itself names no function and no localized BJ.* name", () => {
    const raw = readFileSync(ZH_TABLE_PATH, "utf8");
    const parsed = JSON.parse(raw) as Record<string, { name?: unknown }>;
    expect(Object.entries(parsed).filter(([, entry]) => entry.name !== undefined).map(([id]) => id)).toEqual([]);
    expect(raw.match(/BJ\.[^\p{ASCII}"]+/gu) ?? []).toEqual([]);
  });
});

describe("help page", () => {
  it("has an English and a Chinese section for every helpUrl of both metadata files", () => {
    const html = readFileSync(join(ROOT, "src/help/functions.html"), "utf8");
    const document = new DOMParser().parseFromString(html, "text/html");
    const { metadata: zh } = localizeMetadata(metadata, table(), { helpAnchorSuffix: "-zh" });
    const problems: string[] = [];
    for (const fn of [...metadata.functions, ...zh.functions]) {
      const anchor = (fn.helpUrl ?? "").split("#")[1] ?? "";
      const element = document.getElementById(anchor);
      if (!element) problems.push(`${fn.id}: no element #${anchor}`);
      else if (!(element.textContent ?? "").includes(fn.id)) problems.push(`#${anchor} does not name ${fn.id}`);
    }
    expect(problems).toEqual([]);
  });
});
