/**
 * Property-based tests: whatever Excel passes, every BJ.* function answers with a value Excel can
 * show (no undefined, no NaN, spills rectangular) or a CustomFunctions.Error, and never throws
 * anything else. 100,000 random argument lists over the library; the registered functions get
 * fewer, and may only throw CustomFunctions.Error.
 */
import "./setup-custom-functions";
import fc from "fast-check";
import { currentDataset } from "../../src/core";
import { FUNCTION_IDS, STAT_FIELDS, createLibrary, type FunctionId } from "../../src/functions/library";
import { REGISTERED } from "../../src/functions/functions";
import { HOSTS, cellProblems, errorProblems, matrixProblems } from "./helpers";
import { StubCustomFunctionsError } from "./setup-custom-functions";

const index = currentDataset();
const MATRIX_FUNCTIONS = new Set<FunctionId>(["TABLE", "INDICATORS"]);
const libraries = Object.values(HOSTS).map((host) => createLibrary({ host: () => host }));

/** Words the functions know, so random lists also hit the valid paths. */
const knownWords = [
  ...index.figureIds,
  ...index.tableIds,
  ...STAT_FIELDS,
  "en",
  "zh",
  "zh-CN",
  "apa",
  "gbt7714",
  "GB/T 7714",
];

const scalar = fc.oneof(
  fc.integer({ min: -3000, max: 3000 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 2023, 2024, 2025, 2024.5, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity, -Infinity),
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(...knownWords),
  fc.constantFrom(...knownWords).map((w) => ` ${w.toUpperCase()} `),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ type: fc.constantFrom("Double", "FormattedNumber", "String", "Boolean", "Entity", "Error"), basicValue: fc.oneof(fc.integer({ min: 2020, max: 2026 }), fc.string(), fc.boolean()) }),
);
const argument = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 3 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom({}, [], [[]], Object.create(null) as object, { type: "Double" }, { basicValue: 2024 }) },
);
const call = fc.record({
  fn: fc.constantFrom(...FUNCTION_IDS),
  library: fc.nat({ max: libraries.length - 1 }),
  args: fc.array(argument, { maxLength: 4 }),
});

function resultProblems(fn: FunctionId, result: unknown): string[] {
  if (result instanceof StubCustomFunctionsError) return errorProblems(result, fn);
  return MATRIX_FUNCTIONS.has(fn) ? matrixProblems(result, fn) : cellProblems(result, fn);
}

describe("every BJ.* function, on random arguments", () => {
  it("returns a valid value or a CustomFunctions.Error for 100,000 argument lists, never throwing", () => {
    fc.assert(
      fc.property(call, ({ fn, library, args }) => {
        const target = libraries[library]?.[fn] as (...a: unknown[]) => unknown;
        let result: unknown;
        try {
          result = target(...args);
        } catch (thrown) {
          throw new Error(`${fn} threw: ${String(thrown)}`);
        }
        const problems = resultProblems(fn, result);
        if (problems.length > 0) throw new Error(problems.join("; "));
      }),
      { numRuns: 100_000 },
    );
  });

  it("the registered functions throw nothing but CustomFunctions.Error (10,000 argument lists)", () => {
    fc.assert(
      fc.property(call, ({ fn, args }) => {
        const target = REGISTERED[fn] as (...a: unknown[]) => unknown;
        try {
          const problems = resultProblems(fn, target(...args));
          if (problems.length > 0) throw new Error(problems.join("; "));
        } catch (thrown) {
          if (thrown instanceof StubCustomFunctionsError) {
            const problems = errorProblems(thrown, fn);
            if (problems.length > 0) throw new Error(problems.join("; "));
            return;
          }
          throw thrown;
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
