/**
 * The simulated host: `run` (shaped like Excel.run), the request context with its queue and sync(),
 * sync records, requirement sets, save/open and the user-edit helpers.
 *
 * Failed batches: sync() applies queued operations in order. When one fails, the operations
 * before it in the same sync STAY APPLIED, the failing one and those after it are dropped, no
 * proxy gets anything loaded in that sync, and sync() rejects with the error. There is no
 * rollback (Excel gives no transactional guarantee either, so adapter code must not rely on one).
 */
import { SimOfficeError, requestPayloadTooLarge, responsePayloadTooLarge } from "./errors";
import type { SimCustomFunction } from "./formula";
import type { Operation, ProxyContext } from "./proxy/base";
import {
  type SimulatedWorkbookSnapshot,
  type WorkbookModel,
  emptyWorkbook,
  fromSnapshot,
  toSnapshot,
} from "./snapshot";
import { type StateOptions, WorkbookState } from "./state";
import { type UserEdits, userEdits } from "./user-edits";
import { SimWorkbook } from "./workbook";
import { WEB_FIRST_SHEET_ID, reassignIdsOnOpen, sessionSheetId } from "./ids";
import { NO_UNDO_MEMBERS, type UndoPoint, revert } from "./undo";

/**
 * "Excel on the web has a payload size limit for requests and responses of 5MB" (Resource limits
 * and performance optimization for Office Add-ins, section "Excel add-ins"). The two error codes
 * "only occur in Office on the web" (Error handling with the application-specific JavaScript APIs).
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** Which Excel the simulated host plays: the web has the payload limits, the desktop has none. */
export type SimPlatform = "web" | "desktop";

export interface SimulatedExcelOptions {
  /** Requirement sets the host reports, e.g. { ExcelApi: "1.5" }. Default: ExcelApi 1.17. */
  readonly requirementSets?: Readonly<Record<string, string>>;
  /** Custom functions by full upper-case name ("BJ.FDI_COUNT") for evaluating =BJ.* formulas. */
  readonly functions?: Readonly<Record<string, SimCustomFunction>>;
  /**
   * Evaluates any formula that is not a plain =NS.NAME(...) call of a given function, reading cells
   * through its context; without it such formulas show #NAME? (the simulator has no general engine
   * of its own; the preview passes src/preview/formula-engine.ts).
   */
  readonly evaluateOther?: StateOptions["evaluateOther"];
  /**
   * Excel's display language has these localized function names (English full name in upper case →
   * localized full name, e.g. { "BJ.STAT": "BJ.指标值" }): formulas must then call the localized
   * name; the English one shows #NAME? (office-js #891, #6614). Default: none (English Excel).
   */
  readonly localizedFunctionNames?: Readonly<Record<string, string>>;
  /**
   * Excel calculates custom functions asynchronously: a cell calling one (a registered function)
   * reads #BUSY! in the request that wrote it, and its result from the next request on
   * (office-js #4152, #6930). Off by default: then it is calculated as it is written.
   */
  readonly asyncCustomFunctions?: boolean;
  /**
   * The Excel it plays (default "web", the stricter). "web": each sync's request and response are
   * held to `payloadLimitBytes`; the first sheet of a new workbook has the id every new workbook's
   * first sheet has on the web (office-js #552). "desktop": no payload limit unless
   * `payloadLimitBytes` is given.
   */
  readonly platform?: SimPlatform;
  /** Payload limit per sync in bytes, for request and response; default 5 MB on the web, none on the desktop. */
  readonly payloadLimitBytes?: number;
  /**
   * Keeps what `undo()` needs: a copy of the workbook before each batch. Off by default, because
   * the copy costs as much as the workbook is large.
   */
  readonly undo?: boolean;
}

/** What one sync() sent: one request holding `operations` operations. */
export interface SyncRecord {
  /** 1-based over the host's life. */
  readonly index: number;
  readonly operations: number;
  readonly loads: number;
  readonly writes: number;
  /** Estimated request size: the JSON length of the operations' payloads. */
  readonly payloadBytes: number;
  /** Estimated response size: the JSON length of every value loaded in the sync (so far, if it failed). */
  readonly responseBytes: number;
  /** The API members called, in order. */
  readonly locations: readonly string[];
  /** The error code if this sync failed. */
  readonly failed?: string;
}

/** The request context a batch receives: `workbook`, `sync()` and `trackedObjects`. */
export class SimRequestContext implements ProxyContext {
  readonly workbook: SimWorkbook;
  readonly trackedObjects = {
    add: (_object: unknown): void => undefined,
    remove: (_object: unknown): void => undefined,
  };
  private pending: Operation[] = [];
  private closed = false;

  constructor(private readonly host: HostCore) {
    this.workbook = new SimWorkbook(this);
  }

  enqueue(operation: Operation): void {
    if (this.closed) {
      throw new SimOfficeError("InvalidRequestContext", "Cannot use the object across different request contexts.", operation.location);
    }
    this.pending.push(operation);
  }

  isSetSupported(name: string, version: string): boolean {
    return this.host.isSetSupported(name, version);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  close(): void {
    this.closed = true;
  }

  /** Sends the queued operations as one request and applies them in order. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const operations = this.pending;
    this.pending = [];
    await this.host.execute(operations);
    return passThroughValue as T;
  }
}

/** The host's shared core: the workbook state, options and sync records. */
class HostCore {
  readonly records: SyncRecord[] = [];
  readonly state: WorkbookState;
  /** The last batch's undo step, when the `undo` option is on and nothing has happened since. */
  undoPoint: UndoPoint | null = null;
  private readonly beforeSync = new Map<number, () => void | Promise<void>>();

  constructor(
    model: WorkbookModel,
    readonly options: SimulatedExcelOptions,
  ) {
    this.state = new WorkbookState(model, {
      functions: options.functions ?? {},
      ...(options.evaluateOther ? { evaluateOther: options.evaluateOther } : {}),
      ...(options.localizedFunctionNames ? { localizedFunctionNames: options.localizedFunctionNames } : {}),
      ...(options.asyncCustomFunctions ? { asyncCustomFunctions: true } : {}),
    });
  }

  isSetSupported(name: string, version: string): boolean {
    const sets = this.options.requirementSets ?? { ExcelApi: "1.17" };
    const reported = sets[name];
    if (reported === undefined) return false;
    const [major = 0, minor = 0] = reported.split(".").map(Number);
    const [wantMajor = 0, wantMinor = 0] = version.split(".").map(Number);
    return major > wantMajor || (major === wantMajor && minor >= wantMinor);
  }

  /** Registers an action (a user edit) to run just before the sync with this 1-based index. */
  onBeforeSync(index: number, action: () => void | Promise<void>): void {
    this.beforeSync.set(index, action);
  }

  /** The request being processed: Excel processes one request at a time, in the order they arrive. */
  private processing: Promise<void> = Promise.resolve();

  /**
   * Sends one request. Requests of concurrent batches (two Excel.run calls at once) are processed
   * one after the other, never interleaved, so one batch's response never mixes with another's.
   */
  execute(operations: readonly Operation[]): Promise<void> {
    const done = this.processing.then(() => this.process(operations));
    this.processing = done.catch(() => undefined);
    return done;
  }

  private async process(operations: readonly Operation[]): Promise<void> {
    const index = this.records.length + 1;
    const hook = this.beforeSync.get(index);
    if (hook) {
      this.beforeSync.delete(index);
      await hook();
    }
    const payloadBytes = JSON.stringify(operations.map((op) => [op.location, op.payload])).length;
    const base = {
      index,
      operations: operations.length,
      loads: operations.filter((op) => op.kind === "load").length,
      writes: operations.filter((op) => op.kind === "write").length,
      payloadBytes,
      responseBytes: 0,
      locations: operations.map((op) => op.location),
    };
    const limit = this.payloadLimit();
    if (payloadBytes > limit) {
      this.records.push({ ...base, failed: "RequestPayloadSizeLimitExceeded" });
      throw requestPayloadTooLarge();
    }
    let current = "RequestContext.sync";
    this.state.beginResponse();
    try {
      for (const operation of operations) {
        current = operation.location;
        await operation.apply(this.state);
      }
      current = "RequestContext.sync";
      await this.state.finishSync();
      // The response is too large only once the request has run: what it wrote stays written
      // (the docs say nothing of a rollback, so none is assumed) and the sync rejects.
      if (this.state.responseBytes > limit) throw responsePayloadTooLarge();
      this.records.push({ ...base, responseBytes: this.state.responseBytes });
      this.state.endResponse(true);
    } catch (error: unknown) {
      // A failed request returns no results: no proxy of this sync gets what it loaded.
      this.state.endResponse(false);
      this.state.calculationSuspended = false;
      const code = error instanceof SimOfficeError ? error.code : "GeneralException";
      this.records.push({ ...base, responseBytes: this.state.responseBytes, failed: code });
      if (error instanceof SimOfficeError) throw error;
      // Anything else is not one of Excel's rules but a fault in the simulator or in code a test
      // supplied (e.g. evaluateOther): Excel's code for an internal error, with the cause kept.
      throw new SimOfficeError("GeneralException", `There was an internal error while processing the request: ${String(error)}`, current, { cause: error });
    }
  }

  /** The request and response limit of one sync: 5 MB on the web, none on the desktop, unless an option sets it. */
  private payloadLimit(): number {
    if (this.options.payloadLimitBytes !== undefined) return this.options.payloadLimitBytes;
    return (this.options.platform ?? "web") === "web" ? PAYLOAD_LIMIT_BYTES : Number.POSITIVE_INFINITY;
  }
}

/** A simulated Excel: run batches against it, count its syncs, save it, edit it as a user. */
export interface SimulatedExcel {
  /** Same shape as Excel.run(batch). Queued work left at the end of the batch is synced, as Excel does. */
  run<T>(batch: (context: SimRequestContext) => Promise<T>): Promise<T>;
  /** The number of sync() calls so far (including the final sync of a batch that left work queued). */
  readonly syncCount: number;
  readonly syncs: readonly SyncRecord[];
  /** The workbook as a serialisable snapshot, as a saved file keeps it. */
  save(): SimulatedWorkbookSnapshot;
  /**
   * Saves, closes and opens the workbook again, with the same options: a new host holding the same
   * content, whose sheets and tables have new ids (see ids.ts). The old host is left as it was.
   */
  reopen(): SimulatedExcel;
  /** Edits a user makes between batches. */
  readonly user: UserEdits;
  /** Runs a user edit just before the sync with this 1-based index: a user acting mid-operation. */
  onBeforeSync(index: number, action: () => void | Promise<void>): void;
  isSetSupported(name: string, version: string): boolean;
  /**
   * The user presses Ctrl+Z after the last batch (needs the `undo` option): the batch's changes to
   * sheets, cells and tables are reverted; custom XML parts and settings stay (see undo.ts). Throws
   * if there is nothing to undo, or if the batch called an API that clears Excel's undo stack.
   */
  undo(): void;
}

/** The user helpers; each one but selecting is an action on Excel's undo stack and takes the last batch's undo step away. */
function trackedUserEdits(core: HostCore): UserEdits {
  const edits = userEdits(core.state);
  const action =
    <A extends unknown[], R>(edit: (...args: A) => R) =>
    (...args: A): R => {
      core.undoPoint = null;
      return edit(...args);
    };
  return {
    type: action(edits.type),
    renameSheet: action(edits.renameSheet),
    moveSheet: action(edits.moveSheet),
    deleteSheet: action(edits.deleteSheet),
    addSheet: action(edits.addSheet),
    activate: edits.activate,
    select: edits.select,
    renameTable: action(edits.renameTable),
    resizeTable: action(edits.resizeTable),
    deleteTable: action(edits.deleteTable),
    insertRows: action(edits.insertRows),
    insertColumns: action(edits.insertColumns),
    protectSheet: action(edits.protectSheet),
    unprotectSheet: action(edits.unprotectSheet),
    merge: action(edits.merge),
    sortTable: action(edits.sortTable),
    moveTable: action(edits.moveTable),
    calculate: edits.calculate,
    clearContents: action(edits.clearContents),
    filterTable: action(edits.filterTable),
    clearTableFilter: action(edits.clearTableFilter),
  };
}

function makeHost(core: HostCore): SimulatedExcel {
  return {
    async run<T>(batch: (context: SimRequestContext) => Promise<T>): Promise<T> {
      const context = new SimRequestContext(core);
      const before = core.options.undo ? toSnapshot(core.state.model) : null;
      const firstSync = core.records.length;
      try {
        const pending: unknown = batch(context);
        if (!(pending instanceof Promise)) {
          throw new SimOfficeError("RunMustReturnPromise", "The batch function passed to the \".run\" method didn't return a promise.");
        }
        const result = (await pending) as T;
        if (context.hasPending) await context.sync();
        return result;
      } finally {
        context.close();
        const synced = core.records.slice(firstSync);
        // A batch that changed nothing (reads only) is no step on the undo stack.
        if (before && JSON.stringify(before.workbook) !== JSON.stringify(core.state.model)) {
          const undoable = !synced.some((record) => record.locations.some((location) => NO_UNDO_MEMBERS.includes(location)));
          core.undoPoint = { before, undoable };
        }
      }
    },
    get syncCount() {
      return core.records.length;
    },
    get syncs() {
      return core.records;
    },
    save: () => toSnapshot(core.state.model),
    reopen: () => openSimulatedExcel(toSnapshot(core.state.model), core.options),
    user: trackedUserEdits(core),
    undo: () => {
      if (!core.options.undo) throw new Error("undo() needs the host option { undo: true }.");
      if (!core.undoPoint) throw new Error("Nothing to undo: no batch since the last undo or user edit.");
      revert(core.state.model, core.undoPoint);
      core.undoPoint = null;
    },
    onBeforeSync: (index, action) => core.onBeforeSync(index, action),
    isSetSupported: (name, version) => core.isSetSupported(name, version),
  };
}

/**
 * A new host with an empty workbook (one sheet, "Sheet1"). On the web its id is the one every new
 * workbook's first sheet has there (office-js #552); on the desktop a fresh one.
 */
export function createSimulatedExcel(options: SimulatedExcelOptions = {}): SimulatedExcel {
  const firstSheetId = (options.platform ?? "web") === "web" ? WEB_FIRST_SHEET_ID : sessionSheetId();
  return makeHost(new HostCore(emptyWorkbook(firstSheetId), options));
}

/**
 * A fresh host from a saved snapshot: nothing of the previous session survives but the file. The
 * new session gives sheets and tables new ids, as Excel does (see ids.ts).
 */
export function openSimulatedExcel(snapshot: SimulatedWorkbookSnapshot, options: SimulatedExcelOptions = {}): SimulatedExcel {
  const model = fromSnapshot(snapshot);
  reassignIdsOnOpen(model);
  return makeHost(new HostCore(model, options));
}
