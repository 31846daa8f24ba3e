/** Worksheet, its protection, and the worksheet collection. */
import { parseRect } from "./address";
import { itemNotFound } from "./errors";
import { type ProxyContext, type Readers, type SimClientResult, SimItemCollection, SimObject, resultOf } from "./proxy/base";
import { SimRange } from "./range";
import type { SheetModel } from "./snapshot";
import type { WorkbookState } from "./state";
import { SimAutoFilter } from "./autofilter";
import { SimTableCollection } from "./table";
import { SimChartCollection } from "./chart";

export type SheetLocator = (state: WorkbookState) => SheetModel | null;

interface WorksheetProps {
  id: string;
  name: string;
  position: number;
  visibility: "Visible" | "Hidden" | "VeryHidden";
}

export class SimWorksheet extends SimObject<WorksheetProps> {
  private sheetId: string | null | undefined;

  constructor(
    context: ProxyContext,
    private readonly locator: SheetLocator,
    orNull = false,
  ) {
    super(context, "Worksheet", orNull);
  }

  /** The sheet, found once (by name, or as the active one) and then followed by id. */
  model(state: WorkbookState): SheetModel {
    const sheet = this.find(state);
    if (!sheet) throw itemNotFound("worksheet", "Worksheet");
    return sheet;
  }

  private find(state: WorkbookState): SheetModel | null {
    if (this.sheetId === undefined) this.sheetId = this.locator(state)?.id ?? null;
    return this.sheetId === null ? null : state.sheet(this.sheetId) ?? null;
  }

  protected exists(state: WorkbookState): boolean {
    return this.find(state) !== null;
  }

  protected readers(): Readers<WorksheetProps> {
    return {
      id: (s) => this.model(s).id,
      name: (s) => this.model(s).name,
      position: (s) => s.model.sheets.indexOf(this.model(s)),
      visibility: (s) => this.model(s).visibility,
    };
  }

  get id(): string {
    return this.need("id");
  }
  get name(): string {
    return this.need("name");
  }
  set name(name: string) {
    this.queue("name", name, (state) => state.renameSheet(this.model(state), name), "write");
  }
  get position(): number {
    return this.need("position");
  }
  set position(position: number) {
    this.queue("position", position, (state) => state.moveSheet(this.model(state), position), "write");
  }
  get visibility(): "Visible" | "Hidden" | "VeryHidden" {
    return this.need("visibility");
  }
  set visibility(visibility: "Visible" | "Hidden" | "VeryHidden") {
    this.queue("visibility", visibility, (state) => void (this.model(state).visibility = visibility), "write");
  }

  private autoFilterProxy: SimAutoFilter | undefined;
  /** The worksheet's own AutoFilter, outside tables (ExcelApi 1.9). */
  get autoFilter(): SimAutoFilter {
    this.autoFilterProxy ??= new SimAutoFilter(this.context, (state) => ({ kind: "sheet", sheet: this.model(state) }));
    return this.autoFilterProxy;
  }

  private protectionProxy: SimWorksheetProtection | undefined;
  private tablesProxy: SimTableCollection | undefined;

  /** Navigation properties return the same object each time, as in Excel. */
  get protection(): SimWorksheetProtection {
    this.protectionProxy ??= new SimWorksheetProtection(this.context, (state) => this.model(state));
    return this.protectionProxy;
  }

  get tables(): SimTableCollection {
    this.tablesProxy ??= new SimTableCollection(this.context, (state) => this.model(state));
    return this.tablesProxy;
  }

  private chartsProxy: SimChartCollection | undefined;

  /** The sheet's charts (src/simulated-excel/chart.ts). */
  get charts(): SimChartCollection {
    this.chartsProxy ??= new SimChartCollection(this.context, (state) => this.model(state));
    return this.chartsProxy;
  }

  activate(): void {
    this.queue("activate", null, (state) => state.activateSheet(this.model(state)));
  }

  delete(): void {
    this.queue("delete", null, (state) => state.deleteSheet(this.model(state)));
  }

  /** A range by A1 address on this sheet; the whole used area is not implied: no address means A1. */
  getRange(address = "A1"): SimRange {
    return new SimRange(this.context, (state) => ({ sheet: this.model(state), rect: parseRect(address, "Worksheet.getRange") }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    return new SimRange(this.context, (state) => ({
      sheet: this.model(state),
      rect: { row: startRow, column: startColumn, rows: rowCount, columns: columnCount },
    }));
  }

  getCell(row: number, column: number): SimRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** The used range; on an empty sheet, A1 (as Excel returns). */
  getUsedRange(valuesOnly = false): SimRange {
    return new SimRange(this.context, (state) => {
      const sheet = this.model(state);
      return { sheet, rect: state.usedRect(sheet, valuesOnly) ?? { row: 0, column: 0, rows: 1, columns: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    const range = new SimRange(
      this.context,
      (state) => {
        const sheet = this.model(state);
        const rect = state.usedRect(sheet, valuesOnly);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
    return range;
  }
}

interface ProtectionProps {
  protected: boolean;
}

export class SimWorksheetProtection extends SimObject<ProtectionProps> {
  constructor(
    context: ProxyContext,
    private readonly sheet: (state: WorkbookState) => SheetModel,
  ) {
    super(context, "WorksheetProtection", false);
  }
  protected exists(): boolean {
    return true;
  }
  protected readers(): Readers<ProtectionProps> {
    return { protected: (s) => this.sheet(s).protected };
  }
  get protected(): boolean {
    return this.need("protected");
  }
  /** Protects the sheet. Options and password are accepted and ignored: every cell counts as locked. */
  protect(_options?: Excel.WorksheetProtectionOptions, _password?: string): void {
    this.queue("protect", null, (state) => void (this.sheet(state).protected = true));
  }
  unprotect(_password?: string): void {
    this.queue("unprotect", null, (state) => void (this.sheet(state).protected = false));
  }
}

export class SimWorksheetCollection extends SimItemCollection<SheetModel, SimWorksheet> {
  constructor(context: ProxyContext) {
    super(context, "WorksheetCollection");
  }

  protected list(state: WorkbookState): readonly SheetModel[] {
    return state.model.sheets;
  }

  protected itemFor(sheet: SheetModel): SimWorksheet {
    return new SimWorksheet(this.context, () => sheet);
  }

  add(name?: string): SimWorksheet {
    let created: SheetModel | undefined;
    this.context.enqueue({ location: "WorksheetCollection.add", payload: name ?? null, kind: "method", apply: (state) => void (created = state.addSheet(name)) });
    return new SimWorksheet(this.context, () => created ?? null);
  }

  getItem(key: string): SimWorksheet {
    return new SimWorksheet(this.context, (state) => state.requireSheetByName(key, "WorksheetCollection.getItem"));
  }

  getItemOrNullObject(key: string): SimWorksheet {
    return new SimWorksheet(this.context, (state) => state.sheetByName(key) ?? null, true);
  }

  getActiveWorksheet(): SimWorksheet {
    return new SimWorksheet(this.context, (state) => state.activeSheet());
  }

  getCount(): SimClientResult<number> {
    return resultOf(this.context, "WorksheetCollection.getCount", null, (state) => state.model.sheets.length);
  }
}
