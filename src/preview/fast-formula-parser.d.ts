/**
 * The part of fast-formula-parser (MIT, no types of its own) that src/preview/formula-engine.ts
 * uses. Rows and columns are 1-based, as in the library.
 */
declare module "fast-formula-parser" {
  export interface CellRef {
    readonly sheet: string;
    readonly row: number;
    readonly col: number;
  }
  export interface RangeRef {
    readonly sheet: string;
    readonly from: { readonly row: number; readonly col: number };
    readonly to: { readonly row: number; readonly col: number };
  }
  /** An argument as the library passes it to a function. */
  export interface FunctionArgument {
    readonly value: unknown;
    readonly isArray?: boolean;
    readonly isRangeRef?: boolean;
    readonly isCellRef?: boolean;
    readonly omitted?: boolean;
  }
  export class FormulaError extends Error {
    constructor(error: string, message?: string, details?: unknown);
    /** The error value, e.g. "#DIV/0!"; "#ERROR!" for a formula the parser cannot read. */
    readonly error: string;
    readonly details: unknown;
  }
  export interface ParserConfig {
    readonly functions?: Readonly<Record<string, (...args: FunctionArgument[]) => unknown>>;
    readonly onCell?: (ref: CellRef) => unknown;
    readonly onRange?: (ref: RangeRef) => unknown[][];
  }
  export default class FormulaParser {
    constructor(config?: ParserConfig);
    static readonly FormulaError: typeof FormulaError;
    parseAsync(formula: string, position: CellRef, allowReturnArray?: boolean): Promise<unknown>;
  }
}
