/**
 * The workbook engine: every change to the in-memory workbook goes through here, whether it comes
 * from a queued proxy operation at sync() or from a user-edit helper. It enforces Excel's rules
 * (sheet and table names, protection, table overlap, array shapes) by throwing SimOfficeErrors.
 * Its layers: state-cells.ts (sheets, cells, merges), state-tables.ts (tables, rows, names), and
 * here, formulas: evaluation, spills, recalculation.
 */
import { type Rect, contains, withinSheet } from "./address";
import { type FormulaArgument, type FormulaResult, parseCall, settle } from "./formula";
import type { Cell, SheetModel } from "./snapshot";
import { TableState } from "./state-tables";
import type { EngineValue, FormulaContext } from "./state-types";

export { READ_CELL_LIMIT } from "./state-types";
export type { EngineValue, FormulaContext, ReadValue, StateOptions, WriteMode } from "./state-types";

export class WorkbookState extends TableState {
  /** Range.calculate(): the formulas in `rect` are evaluated again (ExcelApi 1.6). */
  async calculateRange(sheet: SheetModel, rect: Rect): Promise<void> {
    for (const [key, cell] of Object.entries(sheet.cells)) {
      if (cell.formula === undefined) continue;
      const [row = 0, column = 0] = key.split(",").map(Number);
      if (contains(rect, row, column)) this.dirtyFormulas.add(`${sheet.id}!${key}`);
    }
    await this.evaluatePending(true);
  }

  // ---- formulas ----

  /**
   * Ends a sync. Formulas written while calculation was suspended stay uncalculated: "Once set, it
   * is the developer's responsibility to re-calc the workbook" (Application.suspendApiCalculationUntilNextSync
   * reference). They are calculated by application.calculate(), Range.calculate() over them, or a
   * new write of them. Otherwise the formulas written since the last evaluation are evaluated.
   */
  async finishSync(): Promise<void> {
    if (this.calculationSuspended) {
      this.calculationSuspended = false;
      this.dirtyFormulas.clear();
      return;
    }
    await this.evaluatePending(false, true);
  }

  /**
   * Evaluates the formulas written since the last evaluation, unless calculation is suspended;
   * `force` (an explicit calculate) evaluates them even then. With `asyncCustomFunctions`, a call of
   * a registered custom function is only marked #BUSY! until `atSyncEnd` (Excel calculates custom
   * functions asynchronously: a read in the writing request may see #BUSY!, office-js #4152).
   */
  async evaluatePending(force = false, atSyncEnd = false): Promise<void> {
    if (this.calculationSuspended && !force) return;
    const pending = [...this.dirtyFormulas];
    this.dirtyFormulas.clear();
    for (const entry of pending) {
      const [sheetId = "", key = ""] = entry.split("!");
      const sheet = this.sheet(sheetId);
      const cell = sheet?.cells[key];
      if (!sheet || cell?.formula === undefined) continue;
      if (this.options.asyncCustomFunctions && !force && !atSyncEnd && this.callsCustomFunction(cell.formula)) {
        cell.value = "#BUSY!";
        cell.error = true;
        this.dirtyFormulas.add(entry);
        continue;
      }
      await this.evaluate(sheet, key);
    }
  }

  /** Whether a formula is a plain call of a registered custom function under a name Excel knows. */
  private callsCustomFunction(formula: string): boolean {
    const call = parseCall(formula);
    const name = call ? this.functionName(call.name) : null;
    return name !== null && this.options.functions[name] !== undefined;
  }

  /**
   * application.calculate(): every formula in the workbook is evaluated again. Formulas are
   * evaluated in storage order, so one that reads a formula evaluated after it is stale: the whole
   * pass repeats until no value changes (at most RECALC_PASSES times; a circular reference never
   * settles and keeps its last value), as Excel's dependency order ends.
   */
  async recalculate(): Promise<void> {
    const RECALC_PASSES = 8;
    for (let pass = 0; pass < RECALC_PASSES; pass++) {
      const before = this.formulaValues();
      for (const sheet of this.model.sheets) {
        for (const [key, cell] of Object.entries(sheet.cells)) if (cell.formula !== undefined) this.dirtyFormulas.add(`${sheet.id}!${key}`);
      }
      await this.evaluatePending(true);
      // Only formulas that read other cells through the engine can be stale; a pass of plain
      // =NS.NAME(...) calls with literal arguments is final.
      if (!this.options.evaluateOther || this.formulaValues() === before) return;
    }
  }

  /** Every cell's value and error flag, as one string: what a recalculation pass may change. */
  private formulaValues(): string {
    return JSON.stringify(this.model.sheets.map((sheet) => Object.entries(sheet.cells).map(([key, cell]) => [key, cell.value, cell.error === true])));
  }

  /** What the formula engine reads while it evaluates the formula at `key` on `sheet`. */
  private formulaContext(sheet: SheetModel, key: string): FormulaContext {
    const [row = 0, column = 0] = key.split(",").map(Number);
    const read = (cell: Cell | undefined): EngineValue => (cell?.error ? { error: String(cell.value) } : (cell?.value ?? null));
    const target = (name: string | null): SheetModel | undefined => (name === null ? sheet : this.sheetByName(name));
    return {
      sheet: sheet.name,
      row,
      column,
      functions: this.options.functions,
      cell: (name, r, c) => {
        const from = target(name);
        return from ? read(this.cell(from, r, c)) : undefined;
      },
      values: (name, rect) => {
        const from = target(name);
        if (!from) return undefined;
        const used = this.usedRect(from, true);
        const rows = used ? Math.max(0, Math.min(rect.row + rect.rows, used.row + used.rows) - rect.row) : 0;
        const columns = used ? Math.max(0, Math.min(rect.column + rect.columns, used.column + used.columns) - rect.column) : 0;
        return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => read(this.cell(from, rect.row + r, rect.column + c))));
      },
    };
  }

  private argument(sheet: SheetModel, arg: FormulaArgument): unknown {
    if (arg === null || typeof arg !== "object") return arg;
    const target = arg.sheet === null ? sheet : this.sheetByName(arg.sheet);
    if (!target) return undefined;
    const cell = this.cell(target, arg.row, arg.column);
    return cell?.value ?? null;
  }

  private async evaluate(sheet: SheetModel, key: string): Promise<void> {
    const cell = sheet.cells[key];
    if (!cell?.formula) return;
    const call = parseCall(cell.formula);
    let result: FormulaResult;
    const other = this.options.evaluateOther;
    const name = call ? this.functionName(call.name) : null;
    const fn = name === null ? undefined : this.options.functions[name];
    if (call !== null && name === null) {
      // The English name where Excel's display language has a localized one (office-js #891).
      result = { kind: "error", code: "#NAME?" };
    } else if (other && (call === null || !fn)) {
      const formula = cell.formula;
      const context = this.formulaContext(sheet, key);
      const outcome = await other(formula, context);
      result = typeof outcome === "object" ? outcome : { kind: "value", value: outcome };
    } else if (call === null) {
      result = { kind: "error", code: "#NAME?" };
    } else {
      const args = call.args.map((arg) => this.argument(sheet, arg));
      result = fn ? await settle(() => fn(...args)) : { kind: "error", code: "#NAME?" };
    }
    const [row = 0, column = 0] = key.split(",").map(Number);
    this.clearSpill(sheet, key);
    this.blockedSpills.delete(`${sheet.id}!${key}`);
    if (result.kind === "array") {
      const area: Rect = { row, column, rows: result.rows.length, columns: result.rows[0]?.length ?? 1 };
      const blocked = !withinSheet(area) || Object.entries(sheet.cells).some(([other, each]) => {
        const [r = 0, c = 0] = other.split(",").map(Number);
        return other !== key && contains(area, r, c) && (each.value !== null || each.formula !== undefined);
      });
      if (blocked) {
        result = { kind: "error", code: "#SPILL!" };
        this.blockedSpills.add(`${sheet.id}!${key}`);
      }
      else {
        result.rows.forEach((values, r) =>
          values.forEach((value, c) => {
            if (r === 0 && c === 0) return;
            const child = this.touch(sheet, row + r, column + c);
            child.value = value;
            child.spillFrom = key;
          }),
        );
        cell.value = result.rows[0]?.[0] ?? null;
        delete cell.error;
        return;
      }
    }
    if (result.kind === "error") {
      cell.value = result.code;
      cell.error = true;
    } else {
      // A returned string is text even if it reads "#N/A": only a thrown error is an error value.
      cell.value = result.value;
      delete cell.error;
    }
  }

  /**
   * The English name of the function a formula calls, or null if Excel would not know it. With
   * localized names (a display language that has them), a formula written through the API must
   * use the localized name: the English one shows #NAME? (office-js #891; #6614 for Turkish).
   */
  private functionName(called: string): string | null {
    const localized = this.options.localizedFunctionNames;
    if (!localized) return called;
    for (const [english, local] of Object.entries(localized)) {
      if (local.toUpperCase() === called) return english;
    }
    const own = localized[called];
    return own !== undefined && own.toUpperCase() !== called ? null : called;
  }
}
