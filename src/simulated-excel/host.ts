/**
 * The simulated host: `run` (shaped like Excel.run), the request context with its queue and sync(),
 * sync records, requirement sets, save/open and the user-edit helpers.
 *
 * Failed batches: sync() applies queued operations in order. When one fails, the operations
 * before it in the same sync STAY APPLIED, the failing one and those after it are dropped, and
 * sync() rejects with the error. There is no rollback (Excel gives no transactional guarantee
 * either, so adapter code must not rely on one).
 */
import { SimOfficeError } from "./errors";
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

/** Excel on the web limits a request's payload to 5 MB (resource limits for Excel add-ins). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

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
  /** Payload limit per sync in bytes; default 5 MB, as Excel on the web. */
  readonly payloadLimitBytes?: number;
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
  private readonly beforeSync = new Map<number, () => void | Promise<void>>();

  constructor(
    model: WorkbookModel,
    readonly options: SimulatedExcelOptions,
  ) {
    this.state = new WorkbookState(model, {
      functions: options.functions ?? {},
      ...(options.evaluateOther ? { evaluateOther: options.evaluateOther } : {}),
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

  async execute(operations: readonly Operation[]): Promise<void> {
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
      locations: operations.map((op) => op.location),
    };
    const limit = this.options.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    if (payloadBytes > limit) {
      this.records.push({ ...base, failed: "RequestPayloadSizeLimitExceeded" });
      throw new SimOfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.", "RequestContext.sync");
    }
    let current = "RequestContext.sync";
    try {
      for (const operation of operations) {
        current = operation.location;
        await operation.apply(this.state);
      }
      current = "RequestContext.sync";
      this.state.calculationSuspended = false;
      await this.state.evaluatePending();
      this.records.push(base);
    } catch (error: unknown) {
      this.state.calculationSuspended = false;
      const code = error instanceof SimOfficeError ? error.code : "GeneralException";
      this.records.push({ ...base, failed: code });
      if (error instanceof SimOfficeError) throw error;
      // Anything else is not one of Excel's rules but a fault in the simulator or in code a test
      // supplied (e.g. evaluateOther): Excel's code for an internal error, with the cause kept.
      throw new SimOfficeError("GeneralException", `There was an internal error while processing the request: ${String(error)}`, current, { cause: error });
    }
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
  /** Edits a user makes between batches. */
  readonly user: UserEdits;
  /** Runs a user edit just before the sync with this 1-based index: a user acting mid-operation. */
  onBeforeSync(index: number, action: () => void | Promise<void>): void;
  isSetSupported(name: string, version: string): boolean;
}

function makeHost(core: HostCore): SimulatedExcel {
  return {
    async run<T>(batch: (context: SimRequestContext) => Promise<T>): Promise<T> {
      const context = new SimRequestContext(core);
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
      }
    },
    get syncCount() {
      return core.records.length;
    },
    get syncs() {
      return core.records;
    },
    save: () => toSnapshot(core.state.model),
    user: userEdits(core.state),
    onBeforeSync: (index, action) => core.onBeforeSync(index, action),
    isSetSupported: (name, version) => core.isSetSupported(name, version),
  };
}

/** A new host with an empty workbook (one sheet, "Sheet1"). */
export function createSimulatedExcel(options: SimulatedExcelOptions = {}): SimulatedExcel {
  return makeHost(new HostCore(emptyWorkbook(), options));
}

/** A fresh host from a saved snapshot: nothing of the previous session survives but the file. */
export function openSimulatedExcel(snapshot: SimulatedWorkbookSnapshot, options: SimulatedExcelOptions = {}): SimulatedExcel {
  return makeHost(new HostCore(fromSnapshot(snapshot), options));
}
