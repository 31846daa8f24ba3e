/**
 * The proxy machinery shared by every simulated Excel object: queued operations, load(), the
 * PropertyNotLoaded rule, null objects and ClientResult.
 */
import { SimOfficeError, apiNotFound, propertyNotLoaded } from "../errors";
import type { WorkbookState } from "../state";

/** One queued request: applied in order at sync(). */
export interface Operation {
  /** The API member, e.g. "Range.values": what error debugInfo and sync records name. */
  readonly location: string;
  /** What would travel to Excel for this request: its JSON length is the payload estimate. */
  readonly payload: unknown;
  readonly kind: "write" | "load" | "method";
  apply(state: WorkbookState): void | Promise<void>;
}

/** What a proxy needs from its request context. */
export interface ProxyContext {
  enqueue(operation: Operation): void;
  isSetSupported(name: string, version: string): boolean;
}

/** Property readers of a proxy type: how each loadable property is read from the workbook. */
export type Readers<P> = { readonly [K in keyof P]: (state: WorkbookState) => P[K] };

/** Parses the arguments of load(): "a, b", ["a", "b"] or { select: "a,b" }. */
export function loadNames(names: string | readonly string[] | { select?: string } | undefined): string[] | null {
  if (names === undefined) return null;
  const list = typeof names === "string" ? names.split(",") : Array.isArray(names) ? names : (names as { select?: string }).select?.split(",") ?? [];
  const trimmed = list.map((name) => name.trim()).filter((name) => name !== "");
  return trimmed.length === 0 ? null : trimmed;
}

/**
 * Base of every proxy. `P` lists the loadable scalar properties and their types. Reading one before
 * it was loaded and synced throws PropertyNotLoaded, as Excel does. A proxy made by an
 * ...OrNullObject method learns at sync whether its object exists (`isNullObject`).
 */
export abstract class SimObject<P extends object> {
  private loaded: { [K in keyof P]?: { value: P[K] } } = {};
  private nullState: boolean | undefined;

  protected constructor(
    readonly context: ProxyContext,
    private readonly typeName: string,
    private readonly orNull: boolean,
  ) {
    if (orNull) {
      context.enqueue({
        location: `${typeName}.getItemOrNullObject`,
        payload: null,
        kind: "load",
        apply: (state) => {
          this.nullState = !this.exists(state);
        },
      });
    }
  }

  /** How each loadable property is read. */
  protected abstract readers(): Readers<P>;
  /** Whether the object this proxy points to exists; a non-null proxy throws ItemNotFound instead. */
  protected abstract exists(state: WorkbookState): boolean;

  /** True if an ...OrNullObject method found nothing. Available after sync(). */
  get isNullObject(): boolean {
    if (!this.orNull) return false;
    if (this.nullState === undefined) throw propertyNotLoaded("isNullObject");
    return this.nullState;
  }

  protected need<K extends keyof P & string>(key: K): P[K] {
    const slot = this.loaded[key];
    if (!slot) throw propertyNotLoaded(key);
    return slot.value;
  }

  /** Loads properties now (inside a sync): used by load() and by collections loading their items. */
  fillProps(state: WorkbookState, names: readonly string[] | null): void {
    if (this.orNull && !this.exists(state)) return;
    const readers = this.readers();
    const keys = (names ?? Object.keys(readers)) as string[];
    for (const key of keys) {
      if (!(key in readers)) {
        throw new SimOfficeError("InvalidArgument", `The property '${key}' is not available on ${this.typeName} in this simulator.`, `${this.typeName}.load`);
      }
      const typedKey = key as keyof P;
      const value = readers[typedKey](state);
      state.noteResponse(value);
      this.loaded[typedKey] = { value };
    }
  }

  /** Queues loading of properties: "a, b", ["a", "b"] or { select: "a,b" }; all scalar ones if none. */
  load(names?: string | string[] | { select?: string }): this {
    const parsed = loadNames(names);
    this.context.enqueue({ location: `${this.typeName}.load`, payload: parsed, kind: "load", apply: (state) => this.fillProps(state, parsed) });
    return this;
  }

  /** Queues a write or method call. Writes to a null object fail with ItemNotFound at sync. */
  protected queue(member: string, payload: unknown, apply: (state: WorkbookState) => void | Promise<void>, kind: Operation["kind"] = "method"): void {
    this.context.enqueue({ location: `${this.typeName}.${member}`, payload, kind, apply });
  }

  /** Queues an ApiNotFound failure if the host does not report the requirement set the API needs. */
  protected requires(member: string, version: string): boolean {
    if (this.context.isSetSupported("ExcelApi", version)) return true;
    const location = `${this.typeName}.${member}`;
    this.context.enqueue({
      location,
      payload: null,
      kind: "method",
      apply: () => {
        throw apiNotFound(location, "ExcelApi", version);
      },
    });
    return false;
  }

  toJSON(): Partial<P> {
    const out: Partial<P> = {};
    for (const key of Object.keys(this.loaded) as (keyof P)[]) {
      const slot = this.loaded[key];
      if (slot) out[key] = slot.value;
    }
    return out;
  }
}

/** A value a method returns: available as `.value` only after sync(), like OfficeExtension.ClientResult. */
export class SimClientResult<T> {
  private slot: { value: T } | undefined;

  get value(): T {
    if (!this.slot) {
      throw new SimOfficeError(
        "ValueNotLoaded",
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
      );
    }
    return this.slot.value;
  }

  /** Set by the simulator at sync. */
  resolve(value: T): void {
    this.slot = { value };
  }
}

/** Queues a method that returns a value; the result fills at sync. */
export function resultOf<T>(context: ProxyContext, location: string, payload: unknown, compute: (state: WorkbookState) => T): SimClientResult<T> {
  const result = new SimClientResult<T>();
  context.enqueue({
    location,
    payload,
    kind: "method",
    apply: (state) => {
      const value = compute(state);
      state.noteResponse(value);
      result.resolve(value);
    },
  });
  return result;
}

/** "items/name" and "name" both load `name` on each item; "items" loads all scalar properties. */
export function itemProps(names: string[] | null): string[] | null {
  if (names === null) return null;
  const props = names.map((name) => name.replace(/^items\/?/, "")).filter((name) => name !== "");
  return props.length === 0 ? null : props;
}

/** A proxy a collection hands out: it can fill the properties a collection load asked for. */
interface LoadableItem {
  fillProps(state: WorkbookState, names: readonly string[] | null): void;
}

/**
 * The `items` / `load()` half shared by every simulated collection: `load` queues a read of the
 * current list, one fresh proxy per model with the asked properties filled; `items` throws
 * PropertyNotLoaded until that load has been synced.
 */
export abstract class SimItemCollection<Model, Item extends LoadableItem> {
  private loadedItems: Item[] | undefined;

  protected constructor(
    protected readonly context: ProxyContext,
    private readonly typeName: string,
  ) {}

  /** The models in the collection now. */
  protected abstract list(state: WorkbookState): readonly Model[];
  /** A proxy for one loaded model. */
  protected abstract itemFor(model: Model): Item;

  get items(): Item[] {
    if (!this.loadedItems) throw propertyNotLoaded("items");
    return this.loadedItems;
  }

  load(names?: string | string[] | { select?: string }): this {
    const props = itemProps(loadNames(names));
    this.context.enqueue({
      location: `${this.typeName}.load`,
      payload: props,
      kind: "load",
      apply: (state) => {
        this.loadedItems = this.list(state).map((model) => {
          const proxy = this.itemFor(model);
          proxy.fillProps(state, props);
          return proxy;
        });
      },
    });
    return this;
  }
}
