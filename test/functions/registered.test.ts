/**
 * The BJ.* functions called exactly as the custom functions runtime calls them: functions.ts is
 * loaded afresh (jest.isolateModulesAsync) with a `CustomFunctions` stub and an `Office` global of
 * a given host, the functions it hands to `CustomFunctions.associate` are collected, and they are
 * called with every declared parameter present (an omitted optional argument arrives as null).
 * Results are either returned values or thrown `CustomFunctions.Error`s; nothing else may escape.
 *
 * Expected values come from the data and the core; expected error messages from the message
 * catalogue applied to the data (the closest ids, the stated periods, the figure's own period).
 */
import "./setup-custom-functions";
import { isDeepStrictEqual } from "node:util";
import { CURRENT_RELEASE, LANGUAGES, type Figure, type Language } from "../../src/data";
import {
  CITATION_STYLES,
  FIGURE_WORDS,
  basisLabel,
  citeFigure,
  closestIds,
  currentDataset,
  formatFigureValue,
  isBareNumberFaithful,
  numberFormat,
  periodText,
  periodYear,
  tableGrid,
} from "../../src/core";
import { PLAIN_HOST, hostSupportOf, type HostSupport, type OfficeLike } from "../../src/functions/host";
import { FUNCTION_IDS, SERIES_FUNCTIONS, STAT_FIELDS, createLibrary, type FunctionId } from "../../src/functions/library";
import { MESSAGES, YEAR_RANGE } from "../../src/functions/messages";
import { HOSTS, cellProblems, errorProblems, matrixProblems } from "./helpers";
import { customFunctionsStub } from "./setup-custom-functions";

const index = currentDataset();
const figures: readonly Figure[] = CURRENT_RELEASE.figures;
const MATRIX_FUNCTIONS = new Set<FunctionId>(["TABLE", "INDICATORS"]);
/** The languages TABLE and INDICATORS accept, as the help page documents them. */
const ACCEPTED_LANGUAGES = ["en", "zh", "zh-CN"];

type RuntimeFunction = (...args: unknown[]) => unknown;

/** A loaded functions bundle: what it associated, and the Office global it runs under. */
interface Runtime {
  readonly name: string;
  readonly host: HostSupport;
  readonly office: OfficeLike | undefined;
  readonly associated: readonly string[];
  readonly functions: ReadonlyMap<string, RuntimeFunction>;
}

/** "1.19" >= "1.4", compared part by part as requirement set versions are. */
function versionAtLeast(have: string, wanted: string): boolean {
  const a = have.split(".").map(Number);
  const b = wanted.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** An `Office` global of a host with these requirement sets and display language. */
function officeOf(sets: Record<string, string>, displayLanguage: string): OfficeLike {
  return {
    context: {
      displayLanguage,
      requirements: {
        isSetSupported: (name: string, minVersion = "1.1") => {
          const have = sets[name];
          return have !== undefined && versionAtLeast(have, minVersion);
        },
      },
    },
  };
}

/** The hosts the runtime is loaded into; each must detect as the HOSTS entry of its name. */
const OFFICES: Record<keyof typeof HOSTS, OfficeLike> = {
  plain: officeOf({ CustomFunctionsRuntime: "1.3", ExcelApi: "1.12" }, "en-US"),
  plainZh: officeOf({ CustomFunctionsRuntime: "1.3", ExcelApi: "1.12" }, "zh-CN"),
  formatted: officeOf({ CustomFunctionsRuntime: "1.4", ExcelApi: "1.16" }, "en-GB"),
  double: officeOf({ CustomFunctionsRuntime: "1.4", ExcelApi: "1.19" }, "en-US"),
  doubleZh: officeOf({ CustomFunctionsRuntime: "1.4", ExcelApi: "1.19" }, "zh-CN"),
};

function setGlobal(name: "Office" | "CustomFunctions", value: unknown): void {
  if (value === undefined) Reflect.deleteProperty(globalThis, name);
  else Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}

/** Loads functions.ts as the runtime does, collecting every `CustomFunctions.associate` call. */
async function loadRuntime(name: string, office: OfficeLike | undefined, host: HostSupport): Promise<Runtime> {
  const associated: string[] = [];
  const functions = new Map<string, RuntimeFunction>();
  const associate = (idOrMappings: string | Record<string, RuntimeFunction>, fn?: RuntimeFunction): void => {
    const pairs = typeof idOrMappings === "string" ? [[idOrMappings, fn] as const] : Object.entries(idOrMappings);
    for (const [id, f] of pairs) {
      associated.push(id);
      if (typeof f === "function") functions.set(id, f);
    }
  };
  setGlobal("CustomFunctions", { ...customFunctionsStub, associate });
  setGlobal("Office", office);
  try {
    await jest.isolateModulesAsync(async () => {
      await import("../../src/functions/functions");
    });
  } finally {
    setGlobal("CustomFunctions", customFunctionsStub);
    setGlobal("Office", undefined);
  }
  return { name, host, office, associated, functions };
}

/** The runtime whose Office global is installed (changing a global on every call is slow). */
let installedOffice: Runtime | undefined;

/** What a call did: returned a value, or threw something. */
type Outcome = { readonly returned: unknown } | { readonly threw: unknown };

/**
 * Calls a registered function as the runtime does: with its Office global in place and every
 * declared parameter present, omitted optional ones as null.
 */
function call(runtime: Runtime, id: FunctionId, ...args: unknown[]): Outcome {
  const fn = runtime.functions.get(id);
  if (!fn) return { threw: new Error(`${id} was not associated`) };
  const padded = [...args];
  while (padded.length < fn.length) padded.push(null);
  if (installedOffice !== runtime) {
    setGlobal("Office", runtime.office);
    installedOffice = runtime;
  }
  try {
    return { returned: fn(...padded) };
  } catch (thrown) {
    return { threw: thrown };
  }
}

const show = (args: readonly unknown[]): string =>
  args.map((a) => (a === undefined ? "undefined" : Number.isNaN(a) ? "NaN" : JSON.stringify(a) ?? String(a))).join(", ");

/** Problems with an outcome that should be the value `want`. */
function valueProblems(where: string, outcome: Outcome, want: unknown): string[] {
  if ("threw" in outcome) return [`${where} threw ${JSON.stringify(outcome.threw) ?? String(outcome.threw)}`];
  return isDeepStrictEqual(outcome.returned, want) ? [] : [`${where} = ${JSON.stringify(outcome.returned)}, want ${JSON.stringify(want)}`];
}

/** Problems with an outcome that should be a thrown CustomFunctions.Error with this code and message. */
function thrownProblems(where: string, outcome: Outcome, code: string, message: string): string[] {
  if (!("threw" in outcome)) return [`${where} returned ${JSON.stringify(outcome.returned)} instead of throwing ${code}`];
  const thrown = outcome.threw;
  if (!(thrown instanceof CustomFunctions.Error)) return [`${where} threw something other than a CustomFunctions.Error: ${String(thrown)}`];
  const problems: string[] = [];
  if (thrown.code !== code) problems.push(`${where}: code ${thrown.code}, want ${code}`);
  if (thrown.message !== message) problems.push(`${where}: message ${JSON.stringify(thrown.message)}, want ${JSON.stringify(message)}`);
  return problems;
}

/** A figure's value as the host should receive it: plain, or with the core's number format. */
function numberFor(value: number, format: string, host: HostSupport): unknown {
  if (!host.cellValues) return value;
  return { type: host.doubleNumberFormat ? "Double" : "FormattedNumber", basicValue: value, numberFormat: format };
}
/**
 * What a cell receives for a figure's value: with cell formats, the number in a format that shows
 * its bound and period; without them, an exact stated figure bare and anything else as that text.
 */
const figureFor = (f: Figure, host: HostSupport): unknown =>
  host.cellValues
    ? numberFor(f.value, numberFormat(f, host.language, { periodTag: true }), host)
    : isBareNumberFaithful(f)
      ? f.value
      : formatFigureValue(f, host.language, { periodTag: true });

/** Every BJ.STAT field of a figure, from the data and the core. */
function fieldsOf(f: Figure, host: HostSupport): Record<(typeof STAT_FIELDS)[number], unknown> {
  return {
    value: figureFor(f, host),
    number: f.value,
    unit: f.unit.en,
    unit_zh: f.unit.zh,
    period: periodText(f.period, "en"),
    period_zh: periodText(f.period, "zh"),
    label: f.label.en,
    label_zh: f.label.zh,
    bound: f.bound,
    bound_zh: FIGURE_WORDS.bound.zh[f.bound],
    phrase: f.basis === "stated" ? f.phrase : "",
    derived: f.basis === "derived" ? f.formula : "",
    source: citeFigure(CURRENT_RELEASE, f, "apa"),
    source_zh: citeFigure(CURRENT_RELEASE, f, "gbt7714"),
  };
}

const statedOf = (series: string): Figure[] => figures.filter((f) => f.series === series && f.basis === "stated");

/** An error case: the call, and the code and message it must throw in a language. */
interface ErrorCase {
  readonly id: FunctionId;
  readonly args: readonly unknown[];
  readonly code: "#N/A" | "#VALUE!";
  readonly message: string;
}

/** Every error case of the issue, for each function, with its message in `l`. */
function errorCases(l: Language): ErrorCase[] {
  const cases: ErrorCase[] = [];
  const add = (id: FunctionId, args: readonly unknown[], code: ErrorCase["code"], message: string): void => {
    cases.push({ id, args, code, message });
  };
  const firstFigure = index.figureIds[0] ?? "";
  const firstTable = index.tableIds[0] ?? "";

  /** A bad year in the year position of `id`, before which `prefix` arguments stand. */
  const badYears = (id: FunctionId, prefix: readonly unknown[]): void => {
    add(id, [...prefix, 2024.5], "#VALUE!", MESSAGES.yearNotWhole(2024.5, l));
    for (const year of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      add(id, [...prefix, year], "#VALUE!", MESSAGES.yearNotWhole(year, l));
    }
    for (const year of [YEAR_RANGE.min - 1, YEAR_RANGE.max + 1, -2024, 1e308]) {
      add(id, [...prefix, year], "#VALUE!", MESSAGES.yearOutOfRange(year, l));
    }
    for (const year of ["2024", "twenty", true, false]) add(id, [...prefix, year], "#VALUE!", MESSAGES.yearNotNumber(year, l));
    const entity = { type: "Entity", text: "2024", properties: {} };
    add(id, [...prefix, entity], "#VALUE!", MESSAGES.yearNotNumber(entity, l));
    add(id, [...prefix, [[2024]]], "#VALUE!", MESSAGES.notScalar("year", l));
  };

  /** A missing, non-text, array or unknown id where `id` takes one. */
  const badIds = (id: FunctionId, what: "indicator" | "table", known: readonly string[], example: string, unknown: string): void => {
    for (const blank of [null, 0, "", "  "]) add(id, [blank], "#VALUE!", MESSAGES.idRequired(what, example, l));
    for (const wrong of [42, true]) add(id, [wrong], "#VALUE!", MESSAGES.idNotText(what, wrong, example, l));
    add(id, [[["a", "b"]]], "#VALUE!", MESSAGES.notScalar(what, l));
    add(id, [unknown], "#N/A", MESSAGES.unknownId(what, unknown, closestIds(known, unknown), l));
  };

  for (const [id, series] of Object.entries(SERIES_FUNCTIONS) as [keyof typeof SERIES_FUNCTIONS, string][]) {
    const stated = statedOf(series);
    const years = new Set(stated.map((f) => periodYear(f.period)));
    const periods = stated.map((f) => f.period.label[l]);
    // Every year of the range without a stated figure, derived figures of that year or not.
    for (let year = YEAR_RANGE.min; year <= YEAR_RANGE.max; year++) {
      if (!years.has(year)) add(id, [year], "#N/A", MESSAGES.noStatedFigure(year, periods, l));
    }
    badYears(id, []);
  }

  badIds("STAT", "indicator", index.figureIds, firstFigure, "fdi_new_enterprise");
  for (const f of figures) {
    const year = periodYear(f.period) ?? YEAR_RANGE.min;
    const other = year === YEAR_RANGE.max ? year - 1 : year + 1;
    add("STAT", [f.id, other], "#N/A", MESSAGES.periodMismatch(f.id, other, f.period.label[l], l));
  }
  badYears("STAT", [firstFigure]);
  for (const field of ["colour", "values", 7, true]) {
    add("STAT", [firstFigure, null, field], "#VALUE!", MESSAGES.badChoice("field", field, STAT_FIELDS, l));
  }
  add("STAT", [firstFigure, null, [["value"]]], "#VALUE!", MESSAGES.notScalar("field", l));

  badIds("TABLE", "table", index.tableIds, firstTable, "fdi_headlines");
  for (const language of ["fr", "english", 1, true]) {
    add("TABLE", [firstTable, language], "#VALUE!", MESSAGES.badChoice("language", language, ACCEPTED_LANGUAGES, l));
    add("INDICATORS", [language], "#VALUE!", MESSAGES.badChoice("language", language, ACCEPTED_LANGUAGES, l));
  }
  add("TABLE", [firstTable, [["zh"]]], "#VALUE!", MESSAGES.notScalar("language", l));
  add("INDICATORS", [[["zh"]]], "#VALUE!", MESSAGES.notScalar("language", l));

  badIds("SOURCE", "indicator", index.figureIds, firstFigure, "nope");
  for (const style of ["mla", "chicago", 7014, false]) {
    add("SOURCE", [firstFigure, style], "#VALUE!", MESSAGES.badChoice("style", style, CITATION_STYLES, l));
  }
  add("SOURCE", [firstFigure, [["apa"]]], "#VALUE!", MESSAGES.notScalar("style", l));

  badIds("CARD", "indicator", index.figureIds, firstFigure, "ftz");
  return cases;
}

const runtimes: Runtime[] = [];

beforeAll(async () => {
  for (const name of Object.keys(OFFICES) as (keyof typeof HOSTS)[]) runtimes.push(await loadRuntime(name, OFFICES[name], HOSTS[name]));
  // Before Office.onReady (or a page without Office): plain values in English.
  runtimes.push(await loadRuntime("no Office context", undefined, PLAIN_HOST));
});

afterAll(() => {
  setGlobal("Office", undefined);
  installedOffice = undefined;
});

describe("registration as the runtime sees it", () => {
  it("associates every id exactly once, with a function, on every host", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      const ids = [...runtime.associated].sort();
      if (!isDeepStrictEqual(ids, [...FUNCTION_IDS].sort())) problems.push(`${runtime.name}: associated ${ids.join(",")}`);
      for (const id of FUNCTION_IDS) if (!runtime.functions.has(id)) problems.push(`${runtime.name}: no function for ${id}`);
    }
    expect(problems).toEqual([]);
  });

  it("each test host is detected as the host it stands for", () => {
    const problems = (Object.keys(OFFICES) as (keyof typeof HOSTS)[])
      .filter((name) => !isDeepStrictEqual(hostSupportOf(OFFICES[name]), HOSTS[name]))
      .map((name) => `${name}: detected ${JSON.stringify(hostSupportOf(OFFICES[name]))}`);
    expect(problems).toEqual([]);
  });
});

describe("registered functions: values", () => {
  it("the headline functions give each stated figure for its year, and the latest when the year is empty", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const [id, series] of Object.entries(SERIES_FUNCTIONS) as [keyof typeof SERIES_FUNCTIONS, string][]) {
        const stated = statedOf(series);
        if (stated.length === 0) problems.push(`${id}: no stated figure in ${series}`);
        for (const f of stated) {
          const year = periodYear(f.period);
          if (year !== null) problems.push(...valueProblems(`${runtime.name} ${id}(${year})`, call(runtime, id, year), figureFor(f, runtime.host)));
        }
        const latest = [...stated].sort((a, b) => b.period.end.localeCompare(a.period.end))[0];
        if (!latest) continue;
        // Omitted (null on every platform), an empty cell on desktop (0) and on the web (null), blank text.
        for (const blank of [[], [null], [0], [-0], [undefined], [""], ["  "]]) {
          problems.push(...valueProblems(`${runtime.name} ${id}(${show(blank)})`, call(runtime, id, ...blank), figureFor(latest, runtime.host)));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("BJ.STAT gives every field of every figure, with and without the year of its stated period", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const f of figures) {
        const fields = fieldsOf(f, runtime.host);
        const year = periodYear(f.period);
        problems.push(...valueProblems(`${runtime.name} STAT(${f.id})`, call(runtime, "STAT", f.id), fields.value));
        problems.push(...valueProblems(`${runtime.name} STAT(${f.id},0,0)`, call(runtime, "STAT", f.id, 0, 0), fields.value));
        if (year !== null && f.period.inference === null) problems.push(...valueProblems(`${runtime.name} STAT(${f.id},${year})`, call(runtime, "STAT", f.id, year), fields.value));
        if (year !== null && f.period.inference !== null) {
          const outcome = call(runtime, "STAT", f.id, year);
          const thrown = "threw" in outcome ? outcome.threw : undefined;
          if (!(thrown instanceof CustomFunctions.Error) || thrown.code !== CustomFunctions.ErrorCode.notAvailable) {
            problems.push(`${runtime.name} STAT(${f.id},${year}) with an inferred year: ${JSON.stringify(outcome)}`);
          }
        }
        for (const [field, want] of Object.entries(fields)) {
          problems.push(...valueProblems(`${runtime.name} STAT(${f.id},,${field})`, call(runtime, "STAT", f.id, null, field), want));
          problems.push(...valueProblems(`${runtime.name} STAT(${f.id},,${field.toUpperCase()})`, call(runtime, "STAT", f.id.toUpperCase(), null, field.toUpperCase()), want));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("BJ.TABLE spills every table in both languages: the grid's header and rows, numbers formatted on 1.4 hosts", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const tableId of index.tableIds) {
        for (const language of LANGUAGES) {
          const grid = tableGrid(index, tableId, language);
          const valueColumn = grid.columnKeys.indexOf("value");
          const rows = grid.rows.map((row, r) =>
            row.map((cell, c) => {
              const f = c === valueColumn ? index.figure(grid.valueFigureIds[r] ?? "") : undefined;
              if (!f) return cell;
              if (runtime.host.cellValues) return numberFor(cell as number, grid.numberFormats[r]?.[c] ?? "", runtime.host);
              return isBareNumberFaithful(f) && f.kind !== "ratio" ? f.value : formatFigureValue(f, language);
            }),
          );
          const want = [[...grid.header], ...rows];
          const under = [grid.note, grid.sourceLine].map((line) => [line, ...grid.header.slice(1).map(() => "")]);
          problems.push(...valueProblems(`${runtime.name} TABLE(${tableId},${language},TRUE)`, call(runtime, "TABLE", tableId, language, true), [...want, ...under]));
          const outcome = call(runtime, "TABLE", tableId, language);
          problems.push(...valueProblems(`${runtime.name} TABLE(${tableId},${language})`, outcome, want));
          if ("returned" in outcome) problems.push(...matrixProblems(outcome.returned, `${runtime.name} TABLE(${tableId},${language})`));
          if (language === "en") problems.push(...valueProblems(`${runtime.name} TABLE(${tableId})`, call(runtime, "TABLE", tableId), want));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("BJ.INDICATORS lists every figure in both languages under the library's header", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const language of LANGUAGES) {
        const header = (createLibrary().INDICATORS(language) as unknown[][])[0];
        const rows = figures.map((f) => [f.id, f.label[language], f.unit[language], periodText(f.period, language), FIGURE_WORDS.bound[language][f.bound], basisLabel(f, language)]);
        const outcome = call(runtime, "INDICATORS", language);
        problems.push(...valueProblems(`${runtime.name} INDICATORS(${language})`, outcome, [header, ...rows]));
        if ("returned" in outcome) problems.push(...matrixProblems(outcome.returned, `${runtime.name} INDICATORS(${language})`));
      }
      const english = call(runtime, "INDICATORS", "en");
      if ("returned" in english) problems.push(...valueProblems(`${runtime.name} INDICATORS()`, call(runtime, "INDICATORS"), english.returned));
    }
    expect(problems).toEqual([]);
  });

  it("BJ.SOURCE cites every figure in APA by default and in GB/T 7714 on request", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const f of figures) {
        problems.push(...valueProblems(`${runtime.name} SOURCE(${f.id})`, call(runtime, "SOURCE", f.id), citeFigure(CURRENT_RELEASE, f, "apa")));
        for (const style of ["gbt7714", "GB/T 7714"]) {
          problems.push(...valueProblems(`${runtime.name} SOURCE(${f.id},${style})`, call(runtime, "SOURCE", f.id, style), citeFigure(CURRENT_RELEASE, f, "gbt7714")));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("BJ.CARD is one line of text on older hosts and an entity titled by the label, holding the formatted value, on 1.4 hosts", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const f of figures) {
        const outcome = call(runtime, "CARD", f.id);
        const where = `${runtime.name} CARD(${f.id})`;
        if (!runtime.host.cellValues) {
          const l = runtime.host.language;
          const line = `${f.label[l]}${l === "en" ? ": " : "："}${formatFigureValue(f, l)} · ${periodText(f.period, l)} · ${basisLabel(f, l)}`;
          problems.push(...valueProblems(where, outcome, line));
          continue;
        }
        if (!("returned" in outcome)) {
          problems.push(`${where} threw ${String(outcome.threw)}`);
          continue;
        }
        problems.push(...cellProblems(outcome.returned, where));
        const entity = outcome.returned as Partial<Excel.EntityCellValue>;
        if (entity.type !== "Entity" || entity.text !== f.label[runtime.host.language]) problems.push(`${where}: not an entity titled ${f.label[runtime.host.language]}`);
        const numbers = Object.values(entity.properties ?? {}).filter((p) => typeof p === "object" && p !== null && "basicValue" in p && typeof p.basicValue === "number");
        const value = numberFor(f.value, numberFormat(f, runtime.host.language), runtime.host);
        if (numbers.length !== 1 || !isDeepStrictEqual(numbers[0], value)) problems.push(`${where}: value property ${JSON.stringify(numbers)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("BJ.VERSION is the release id", () => {
    const problems = runtimes.flatMap((runtime) => valueProblems(`${runtime.name} VERSION()`, call(runtime, "VERSION"), CURRENT_RELEASE.id));
    expect(problems).toEqual([]);
  });
});

describe("registered functions: errors", () => {
  it("every error case throws a CustomFunctions.Error with its code and message, in the host's language", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const c of errorCases(runtime.host.language)) {
        problems.push(...thrownProblems(`${runtime.name} ${c.id}(${show(c.args)})`, call(runtime, c.id, ...c.args), c.code, c.message));
      }
    }
    expect(problems).toEqual([]);
  });

  it("the error cases cover every function that takes arguments, and every code the issue names", () => {
    const cases = errorCases("en");
    const ids = new Set(cases.map((c) => c.id));
    const missing = FUNCTION_IDS.filter((id) => id !== "VERSION" && !ids.has(id));
    expect(missing).toEqual([]);
    // Only codes Excel shows a message with: no #NUM! (its message would be dropped).
    expect([...new Set(cases.map((c) => c.code))].sort()).toEqual(["#N/A", "#VALUE!"]);
  });

  it("the no-stated-figure message names every stated period, as the issue asks", () => {
    const problems: string[] = [];
    for (const runtime of runtimes) {
      for (const [id, series] of Object.entries(SERIES_FUNCTIONS) as [keyof typeof SERIES_FUNCTIONS, string][]) {
        const outcome = call(runtime, id, YEAR_RANGE.min);
        const message = "threw" in outcome && outcome.threw instanceof CustomFunctions.Error ? (outcome.threw.message ?? "") : "";
        for (const f of statedOf(series)) {
          if (!message.includes(f.period.label[runtime.host.language])) problems.push(`${runtime.name} ${id}(${YEAR_RANGE.min}): "${message}" lacks ${f.period.label[runtime.host.language]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("throws nothing but CustomFunctions.Error, and returns only valid values, over every combination of awkward arguments", () => {
    const awkward: unknown[] = [
      undefined, null, 0, -0, 2024, 2024.5, 1e308, Number.NaN, Number.POSITIVE_INFINITY, "", "x", "2024",
      index.figureIds[0], index.tableIds[0], "value", "zh", "gbt7714", true, [[]], [[2024]], {},
      { type: "Double", basicValue: 2024 }, { type: "Entity", text: "x", properties: {} },
    ];
    // Three-argument products (BJ.STAT, 12,167 calls, and its fourth argument after a few prefixes) on two hosts that between them cover both
    // languages and both result shapes; the shorter products on every host.
    const fullProductHosts = new Set(["plainZh", "double"]);
    const problems: string[] = [];
    let calls = 0;
    for (const runtime of runtimes) {
      for (const id of FUNCTION_IDS) {
        const arity = runtime.functions.get(id)?.length ?? 0;
        if (arity > 2 && !fullProductHosts.has(runtime.name)) continue;
        // The full product over the first three arguments; a fourth (BJ.STAT's language) takes
        // every awkward value after each of a few prefixes (valid, blank, and awkward ones).
        let lists: unknown[][] = [[]];
        for (let position = 0; position < Math.min(arity, 3); position++) {
          lists = lists.flatMap((list) => awkward.map((value) => [...list, value]));
        }
        if (arity > 3) {
          const prefixes: unknown[][] = [[index.figureIds[0], null, null], [index.figureIds[0], 2024, "value"], ["x", "x", "x"], [null, null, null], [[[]], {}, true]];
          lists = [...lists, ...prefixes.flatMap((prefix) => awkward.map((value) => [...prefix, value]))];
        }
        for (const args of lists) {
          calls++;
          const outcome = call(runtime, id, ...args);
          const found =
            "threw" in outcome
              ? outcome.threw instanceof CustomFunctions.Error
                ? errorProblems(outcome.threw, id)
                : [`threw ${String(outcome.threw)}`]
              : MATRIX_FUNCTIONS.has(id)
                ? matrixProblems(outcome.returned, id)
                : cellProblems(outcome.returned, id);
          if (found.length > 0) problems.push(`${runtime.name} ${id}(${show(args)}): ${found.join("; ")}`);
        }
      }
    }
    expect({ count: problems.length, first: problems.slice(0, 20) }).toEqual({ count: 0, first: [] });
    expect(calls).toBeGreaterThan(fullProductHosts.size * awkward.length ** 3);
  });
});
