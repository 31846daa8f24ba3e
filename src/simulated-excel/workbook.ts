/** Workbook, application, named items, settings and custom XML parts. */
import { formatAddress } from "./address";
import { rootNamespace } from "./custom-xml";
import { SimOfficeError, itemNotFound } from "./errors";
import { type ProxyContext, type Readers, type SimClientResult, SimItemCollection, SimObject, resultOf } from "./proxy/base";
import { SimRange } from "./range";
import type { CustomXmlPartModel, NameModel } from "./snapshot";
import type { WorkbookState } from "./state";
import { SimTableCollection } from "./table";
import { SimWorksheetCollection } from "./worksheet";

export class SimWorkbook {
  readonly worksheets: SimWorksheetCollection;
  readonly tables: SimTableCollection;
  readonly names: SimNamedItemCollection;
  readonly settings: SimSettingCollection;
  readonly customXmlParts: SimCustomXmlPartCollection;
  readonly application: SimApplication;

  constructor(private readonly context: ProxyContext) {
    this.worksheets = new SimWorksheetCollection(context);
    this.tables = new SimTableCollection(context, null);
    this.names = new SimNamedItemCollection(context);
    this.settings = new SimSettingCollection(context);
    this.customXmlParts = new SimCustomXmlPartCollection(context);
    this.application = new SimApplication(context);
  }

  /** The selection on the active sheet. */
  getSelectedRange(): SimRange {
    return new SimRange(this.context, (state) => ({ sheet: state.activeSheet(), rect: state.model.selection }));
  }

  /** The active cell: the top-left cell of the selection (ExcelApi 1.7). */
  getActiveCell(): SimRange {
    const range = new SimRange(this.context, (state) => ({ sheet: state.activeSheet(), rect: { ...state.model.selection, rows: 1, columns: 1 } }));
    this.context.enqueue({
      location: "Workbook.getActiveCell",
      payload: null,
      kind: "method",
      apply: () => {
        if (!this.context.isSetSupported("ExcelApi", "1.7")) {
          throw new SimOfficeError("ApiNotFound", "Workbook.getActiveCell needs ExcelApi 1.7, which this host does not report.", "Workbook.getActiveCell");
        }
      },
    });
    return range;
  }
}

export class SimApplication {
  constructor(private readonly context: ProxyContext) {}

  /** Recalculates every formula (the calculation type is accepted and ignored). */
  calculate(_calculationType?: string): void {
    this.context.enqueue({ location: "Application.calculate", payload: null, kind: "method", apply: (state) => state.recalculate() });
  }

  /**
   * Suspends calculation until the next sync (ExcelApi 1.6): formulas written in this sync are not
   * calculated, neither as they are written nor when the sync ends; the reference leaves the
   * re-calc to the developer (see WorkbookState.finishSync).
   */
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue({
      location: "Application.suspendApiCalculationUntilNextSync",
      payload: null,
      kind: "method",
      apply: (state) => {
        if (!this.context.isSetSupported("ExcelApi", "1.6")) {
          throw new SimOfficeError("ApiNotFound", "suspendApiCalculationUntilNextSync needs ExcelApi 1.6.", "Application.suspendApiCalculationUntilNextSync");
        }
        state.calculationSuspended = true;
      },
    });
  }
}

// ---- named items ----

interface NamedItemProps {
  name: string;
  formula: string;
  comment: string;
}

export class SimNamedItem extends SimObject<NamedItemProps> {
  constructor(
    context: ProxyContext,
    private readonly key: string,
    orNull = false,
  ) {
    super(context, "NamedItem", orNull);
  }
  private find(state: WorkbookState): NameModel | undefined {
    return state.model.names.find((each) => each.name.toLowerCase() === this.key.toLowerCase());
  }
  private model(state: WorkbookState): NameModel {
    const found = this.find(state);
    if (!found) throw itemNotFound(`name '${this.key}'`, "NamedItem");
    return found;
  }
  protected exists(state: WorkbookState): boolean {
    return this.find(state) !== undefined;
  }
  protected readers(): Readers<NamedItemProps> {
    return { name: (s) => this.model(s).name, formula: (s) => this.model(s).formula, comment: (s) => this.model(s).comment };
  }
  get name(): string {
    return this.need("name");
  }
  get formula(): string {
    return this.need("formula");
  }
  get comment(): string {
    return this.need("comment");
  }
  /** The range the name refers to (a "=Sheet!A1:B2" formula). */
  getRange(): SimRange {
    return new SimRange(this.context, (state) => {
      const formula = this.model(state).formula.replace(/^=/, "").replace(/\$/g, "");
      return state.resolveAddress(formula, state.activeSheet(), "NamedItem.getRange");
    });
  }
  delete(): void {
    this.queue("delete", null, (state) => {
      const model = this.model(state);
      state.model.names.splice(state.model.names.indexOf(model), 1);
    });
  }
}

export class SimNamedItemCollection extends SimItemCollection<NameModel, SimNamedItem> {
  constructor(context: ProxyContext) {
    super(context, "NamedItemCollection");
  }

  protected list(state: WorkbookState): readonly NameModel[] {
    return state.model.names;
  }

  protected itemFor(model: NameModel): SimNamedItem {
    return new SimNamedItem(this.context, model.name);
  }

  /** Adds a name for a range or a formula string; names share one namespace with tables. */
  add(name: string, reference: SimRange | string, comment = ""): SimNamedItem {
    this.context.enqueue({
      location: "NamedItemCollection.add",
      payload: { name, reference: typeof reference === "string" ? reference : "Range", comment },
      kind: "method",
      apply: (state) => {
        let formula: string;
        if (typeof reference === "string") formula = reference.startsWith("=") ? reference : `=${reference}`;
        else {
          const { sheet, rect } = reference.target(state);
          formula = `=${formatAddress(sheet.name, rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
        }
        state.addName(name, formula, comment);
      },
    });
    return new SimNamedItem(this.context, name);
  }
  getItem(name: string): SimNamedItem {
    return new SimNamedItem(this.context, name);
  }
  getItemOrNullObject(name: string): SimNamedItem {
    return new SimNamedItem(this.context, name, true);
  }
  getCount(): SimClientResult<number> {
    return resultOf(this.context, "NamedItemCollection.getCount", null, (state) => state.model.names.length);
  }
}

// ---- settings ----

interface SettingProps {
  key: string;
  value: unknown;
}

export class SimSetting extends SimObject<SettingProps> {
  constructor(
    context: ProxyContext,
    private readonly settingKey: string,
    orNull = false,
  ) {
    super(context, "Setting", orNull);
  }
  protected exists(state: WorkbookState): boolean {
    return this.settingKey in state.model.settings;
  }
  private raw(state: WorkbookState): string {
    const raw = state.model.settings[this.settingKey];
    if (raw === undefined) throw itemNotFound(`setting '${this.settingKey}'`, "Setting");
    return raw;
  }
  protected readers(): Readers<SettingProps> {
    return { key: (s) => (this.raw(s), this.settingKey), value: (s) => JSON.parse(this.raw(s)) as unknown };
  }
  get key(): string {
    return this.need("key");
  }
  get value(): unknown {
    return this.need("value");
  }
  set value(value: unknown) {
    this.queue("value", value, (state) => {
      this.raw(state);
      state.model.settings[this.settingKey] = JSON.stringify(value);
    }, "write");
  }
  delete(): void {
    this.queue("delete", null, (state) => {
      this.raw(state);
      delete state.model.settings[this.settingKey];
    });
  }
}

export class SimSettingCollection {
  constructor(private readonly context: ProxyContext) {}
  /** Sets a setting (its value is stored as JSON, as Excel does), replacing any existing one. */
  add(key: string, value: unknown): SimSetting {
    this.context.enqueue({
      location: "SettingCollection.add",
      payload: { key, value },
      kind: "method",
      apply: (state) => {
        const json = JSON.stringify(value);
        if (json === undefined) throw new SimOfficeError("InvalidArgument", "A setting value must be JSON-serialisable.", "SettingCollection.add");
        state.model.settings[key] = json;
      },
    });
    return new SimSetting(this.context, key);
  }
  getItem(key: string): SimSetting {
    return new SimSetting(this.context, key);
  }
  getItemOrNullObject(key: string): SimSetting {
    return new SimSetting(this.context, key, true);
  }
}

// ---- custom XML parts ----

interface CustomXmlPartProps {
  id: string;
  namespaceUri: string;
}

export class SimCustomXmlPart extends SimObject<CustomXmlPartProps> {
  constructor(
    context: ProxyContext,
    private readonly locator: (state: WorkbookState) => CustomXmlPartModel | null,
    orNull = false,
  ) {
    super(context, "CustomXmlPart", orNull);
  }
  private partId: string | null | undefined;
  private find(state: WorkbookState): CustomXmlPartModel | null {
    if (this.partId === undefined) this.partId = this.locator(state)?.id ?? null;
    const id = this.partId;
    return id === null ? null : state.model.customXmlParts.find((part) => part.id === id) ?? null;
  }
  private model(state: WorkbookState): CustomXmlPartModel {
    const part = this.find(state);
    if (!part) throw itemNotFound("custom XML part", "CustomXmlPart");
    return part;
  }
  protected exists(state: WorkbookState): boolean {
    return this.find(state) !== null;
  }
  protected readers(): Readers<CustomXmlPartProps> {
    return { id: (s) => this.model(s).id, namespaceUri: (s) => this.model(s).namespaceUri };
  }
  get id(): string {
    return this.need("id");
  }
  get namespaceUri(): string {
    return this.need("namespaceUri");
  }
  getXml(): SimClientResult<string> {
    return resultOf(this.context, "CustomXmlPart.getXml", null, (state) => this.model(state).xml);
  }
  /**
   * Replaces the XML as Excel does it: a NEW part (new id, at the end of the collection) takes the
   * XML and the old part is deleted (office-js #3564). The root namespace may change. This proxy
   * keeps pointing at the old id, so using it afterwards fails with ItemNotFound; code must read
   * the parts again (getByNamespace) to learn the new id.
   */
  setXml(xml: string): void {
    this.queue("setXml", xml, (state) => {
      const part = this.model(state);
      const namespaceUri = rootNamespace(xml, "CustomXmlPart.setXml");
      const parts = state.model.customXmlParts;
      parts.splice(parts.indexOf(part), 1);
      parts.push({ id: `{SIM-${state.newId()}}`, namespaceUri, xml });
    });
  }
  delete(): void {
    this.queue("delete", null, (state) => {
      const part = this.model(state);
      state.model.customXmlParts.splice(state.model.customXmlParts.indexOf(part), 1);
    });
  }
}

/** Parts of the workbook (`namespace` null) or of one namespace (getByNamespace). */
export class SimCustomXmlPartCollection extends SimItemCollection<CustomXmlPartModel, SimCustomXmlPart> {
  constructor(
    context: ProxyContext,
    private readonly namespace: string | null = null,
  ) {
    super(context, "CustomXmlPartCollection");
  }

  protected list(state: WorkbookState): CustomXmlPartModel[] {
    if (!this.context.isSetSupported("ExcelApi", "1.5")) {
      throw new SimOfficeError("ApiNotFound", "Custom XML parts need ExcelApi 1.5.", "CustomXmlPartCollection");
    }
    const parts = state.model.customXmlParts;
    return this.namespace === null ? parts : parts.filter((part) => part.namespaceUri === this.namespace);
  }

  protected itemFor(part: CustomXmlPartModel): SimCustomXmlPart {
    return new SimCustomXmlPart(this.context, () => part);
  }

  /** Adds a part (workbook collection only). The XML must have a root element. */
  add(xml: string): SimCustomXmlPart {
    let created: CustomXmlPartModel | undefined;
    this.context.enqueue({
      location: "CustomXmlPartCollection.add",
      payload: xml,
      kind: "method",
      apply: (state) => {
        this.list(state);
        const part = { id: `{SIM-${state.newId()}}`, namespaceUri: rootNamespace(xml, "CustomXmlPartCollection.add"), xml };
        state.model.customXmlParts.push(part);
        created = part;
      },
    });
    return new SimCustomXmlPart(this.context, () => created ?? null);
  }

  getByNamespace(namespaceUri: string): SimCustomXmlPartCollection {
    return new SimCustomXmlPartCollection(this.context, namespaceUri);
  }

  getItem(id: string): SimCustomXmlPart {
    return new SimCustomXmlPart(this.context, (state) => {
      const part = this.list(state).find((each) => each.id === id);
      if (!part) throw itemNotFound(`custom XML part ${id}`, "CustomXmlPartCollection.getItem");
      return part;
    });
  }

  getItemOrNullObject(id: string): SimCustomXmlPart {
    return new SimCustomXmlPart(this.context, (state) => this.list(state).find((each) => each.id === id) ?? null, true);
  }

  /** The one part of the collection, or a null object if there are none or several (Excel's reference). */
  getOnlyItemOrNullObject(): SimCustomXmlPart {
    return new SimCustomXmlPart(this.context, (state) => {
      const parts = this.list(state);
      return parts.length === 1 ? (parts[0] ?? null) : null;
    }, true);
  }

  getOnlyItem(): SimCustomXmlPart {
    return new SimCustomXmlPart(this.context, (state) => {
      const part = this.only(state);
      if (!part) throw itemNotFound("custom XML part", "CustomXmlPartScopedCollection.getOnlyItem");
      return part;
    });
  }

  private only(state: WorkbookState): CustomXmlPartModel | null {
    const parts = this.list(state);
    if (parts.length > 1) throw new SimOfficeError("InvalidOperation", "The collection holds more than one part.", "CustomXmlPartScopedCollection.getOnlyItem");
    return parts[0] ?? null;
  }

  getCount(): SimClientResult<number> {
    return resultOf(this.context, "CustomXmlPartCollection.getCount", null, (state) => this.list(state).length);
  }
}
