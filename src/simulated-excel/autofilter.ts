/**
 * The AutoFilter proxy (ExcelApi 1.9), for a table (Table.autoFilter) or a worksheet
 * (Worksheet.autoFilter): apply, clearCriteria, clearColumnCriteria, reapply, remove (worksheet),
 * getRange(OrNullObject), and the loadable `enabled` and `isDataFiltered`. The rules are in
 * filter.ts.
 */
import { type Rect, intersect } from "./address";
import { SimOfficeError, invalidArgument, itemNotFound } from "./errors";
import { type FilterCriteriaInput, type FilterOwner, criteriaModel, refilter } from "./filter";
import { type ProxyContext, type Readers, SimObject } from "./proxy/base";
import { SimRange } from "./range";
import type { FilterCriteriaModel, SheetModel } from "./snapshot";
import type { WorkbookState } from "./state";

interface AutoFilterProps {
  enabled: boolean;
  isDataFiltered: boolean;
}

export class SimAutoFilter extends SimObject<AutoFilterProps> {
  constructor(
    context: ProxyContext,
    private readonly owner: (state: WorkbookState) => FilterOwner,
  ) {
    super(context, "AutoFilter", false);
  }

  protected exists(): boolean {
    return true;
  }

  private sheetOf(state: WorkbookState, owner: FilterOwner): SheetModel {
    return owner.kind === "sheet" ? owner.sheet : state.requireSheet(owner.table.sheetId);
  }

  private criteriaOf(owner: FilterOwner): Readonly<Record<string, FilterCriteriaModel>> {
    return owner.kind === "table" ? owner.table.filterCriteria ?? {} : owner.sheet.autoFilter?.criteria ?? {};
  }

  private rectOf(owner: FilterOwner): Rect | null {
    return owner.kind === "table" ? owner.table.rect : owner.sheet.autoFilter?.rect ?? null;
  }

  protected readers(): Readers<AutoFilterProps> {
    return {
      enabled: (s) => this.rectOf(this.owner(s)) !== null,
      isDataFiltered: (s) => Object.keys(this.criteriaOf(this.owner(s))).length > 0,
    };
  }

  override load(names?: string | string[] | { select?: string }): this {
    this.requires("load", "1.9");
    return super.load(names);
  }

  get enabled(): boolean {
    return this.need("enabled");
  }
  get isDataFiltered(): boolean {
    return this.need("isDataFiltered");
  }

  /** Changes the criteria (protection allowing, as Excel's default protection forbids filtering) and re-filters. */
  private change(member: string, payload: unknown, edit: (state: WorkbookState, owner: FilterOwner, sheet: SheetModel) => void): void {
    if (!this.requires(member, "1.9")) return;
    this.queue(member, payload, (state) => {
      const owner = this.owner(state);
      const sheet = this.sheetOf(state, owner);
      state.assertWritable(sheet, `AutoFilter.${member}`);
      edit(state, owner, sheet);
      refilter(sheet, state.model.tables);
    });
  }

  /**
   * Applies the AutoFilter to `range` and, with `columnIndex` and `criteria`, filters that column
   * (0-based within the range). A table's filter takes only the table's own range; a worksheet's
   * may not meet a table (the simulator refuses with InvalidOperation; Excel's code not confirmed).
   */
  apply(range: SimRange | string, columnIndex?: number, criteria?: FilterCriteriaInput): void {
    this.change("apply", { range: typeof range === "string" ? range : "Range", columnIndex: columnIndex ?? null, criteria: criteria ?? null }, (state, owner, sheet) => {
      const target = typeof range === "string" ? state.resolveAddress(range, sheet, "AutoFilter.apply") : range.target(state);
      if (target.sheet !== sheet) throw invalidArgument("The range is on another sheet.", "AutoFilter.apply");
      const model = criteria === undefined ? null : criteriaModel(criteria, "AutoFilter.apply");
      const rect = target.rect;
      if (columnIndex !== undefined && (!Number.isInteger(columnIndex) || columnIndex < 0 || columnIndex >= rect.columns)) {
        throw invalidArgument(`Column ${columnIndex} is outside the filtered range.`, "AutoFilter.apply");
      }
      if (owner.kind === "table") {
        const t = owner.table.rect;
        if (rect.row !== t.row || rect.column !== t.column || rect.rows !== t.rows || rect.columns !== t.columns) {
          throw invalidArgument("A table's AutoFilter applies to the table's range.", "AutoFilter.apply");
        }
        if (model && columnIndex !== undefined) owner.table.filterCriteria = { ...owner.table.filterCriteria, [String(columnIndex)]: model };
        return;
      }
      if (state.model.tables.some((table) => table.sheetId === sheet.id && intersect(table.rect, rect))) {
        throw new SimOfficeError("InvalidOperation", "A worksheet AutoFilter can't meet a table; filter the table instead.", "AutoFilter.apply");
      }
      const current = sheet.autoFilter;
      const same = current && current.rect.row === rect.row && current.rect.column === rect.column && current.rect.rows === rect.rows && current.rect.columns === rect.columns;
      const kept = same ? current.criteria : {};
      sheet.autoFilter = { rect, criteria: model && columnIndex !== undefined ? { ...kept, [String(columnIndex)]: model } : { ...kept } };
    });
  }

  /** Clears every column's criteria: all rows show again. */
  clearCriteria(): void {
    this.change("clearCriteria", null, (_state, owner) => {
      if (owner.kind === "table") delete owner.table.filterCriteria;
      else if (owner.sheet.autoFilter) owner.sheet.autoFilter = { ...owner.sheet.autoFilter, criteria: {} };
    });
  }

  clearColumnCriteria(columnIndex: number): void {
    this.change("clearColumnCriteria", columnIndex, (_state, owner) => {
      const without = (criteria: Record<string, FilterCriteriaModel>): Record<string, FilterCriteriaModel> =>
        Object.fromEntries(Object.entries(criteria).filter(([column]) => column !== String(columnIndex)));
      if (owner.kind === "table") owner.table.filterCriteria = without(owner.table.filterCriteria ?? {});
      else if (owner.sheet.autoFilter) owner.sheet.autoFilter = { ...owner.sheet.autoFilter, criteria: without(owner.sheet.autoFilter.criteria) };
    });
  }

  /** Applies the current criteria again, to the cells as they are now. */
  reapply(): void {
    this.change("reapply", null, () => undefined);
  }

  /** Removes a worksheet's AutoFilter (a table keeps its own: InvalidOperation here, not confirmed). */
  remove(): void {
    this.change("remove", null, (_state, owner) => {
      if (owner.kind === "table") throw new SimOfficeError("InvalidOperation", "A table's AutoFilter can't be removed here; clear its criteria.", "AutoFilter.remove");
      delete owner.sheet.autoFilter;
    });
  }

  /** The filtered range; ItemNotFound for a worksheet without an AutoFilter. */
  getRange(): SimRange {
    return new SimRange(this.context, (state) => {
      const owner = this.owner(state);
      const rect = this.rectOf(owner);
      if (!rect) throw itemNotFound("AutoFilter range", "AutoFilter.getRange");
      return { sheet: this.sheetOf(state, owner), rect };
    });
  }

  getRangeOrNullObject(): SimRange {
    return new SimRange(
      this.context,
      (state) => {
        const owner = this.owner(state);
        const rect = this.rectOf(owner);
        return rect ? { sheet: this.sheetOf(state, owner), rect } : null;
      },
      true,
    );
  }
}
