/**
 * The ribbon's commands, associated at the top level of the shared runtime's script: importing
 * this module calls `Office.actions.associate` at once, synchronously, before any await of the
 * page. With a shared runtime, a command associated later (after Office.onReady or the page's own
 * start-up) is often missing when the first click arrives: that click only loads the runtime
 * (OfficeDev/office-js #5176, #3378, #2744, #1029); Microsoft's samples associate at the top
 * level. So the page imports this module first, and hands over what the command needs later
 * (`provideRefreshCommand`), once Office has said which workbook it works on.
 *
 * The handler waits for readiness itself: Office.onReady, then the page's dependencies (the
 * workbook port, the release channel's answer: see RefreshCommandDeps.refresh); then it refreshes,
 * reports through `notify` (the pane's status line), and only then calls event.completed().
 *
 * Layer: commands (Office.js only through the global, guarded; no DOM).
 */
import { REFRESH_COMMAND_ID, type RefreshCommandDeps, runRefreshCommand } from "./refresh-command";

/** How long a click waits for the page to provide the command's dependencies before giving up. */
export const READY_TIMEOUT_MS = 120_000;

/** What Office passes to a command function: call completed() when done (always, even after a failure). */
interface CommandEvent {
  completed(): void;
}

function isCommandEvent(value: unknown): value is CommandEvent {
  return typeof value === "object" && value !== null && typeof (value as { completed?: unknown }).completed === "function";
}

/** The part of the Office global the association needs. */
export interface OfficeLike {
  readonly actions?: { associate?: (actionId: string, actionFunction: (event?: unknown) => void) => void };
  onReady?: () => Promise<unknown>;
}

/** A one-shot promise with its resolver. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Resolves with the value, or with null after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

/**
 * The "Refresh figures" handler: waits for Office and for the page's dependencies, runs the
 * refresh (which reports through deps.notify), then completes the event. Never throws; the event
 * is completed whatever happens, once (also when the dependencies never come: after `timeoutMs`).
 */
export function createRefreshHandler(
  dependencies: Promise<RefreshCommandDeps>,
  officeReady: () => Promise<unknown>,
  timeoutMs = READY_TIMEOUT_MS,
): (event?: unknown) => void {
  return (event?: unknown) => {
    void (async () => {
      try {
        await officeReady();
        const deps = await within(dependencies, timeoutMs);
        if (deps) await runRefreshCommand(deps);
      } catch {
        // runRefreshCommand never rejects; Office.onReady failing leaves nothing to report to.
      } finally {
        if (isCommandEvent(event)) event.completed();
      }
    })();
  };
}

/**
 * Associates every ribbon command with its handler, if `office` has Office.actions.associate
 * (ExecuteFunction commands in a shared runtime). Returns whether it did.
 */
export function associateRibbonCommands(office: OfficeLike | undefined, dependencies: Promise<RefreshCommandDeps>): boolean {
  const associate = office?.actions?.associate;
  if (typeof associate !== "function") return false;
  const onReady = office?.onReady;
  const officeReady = (): Promise<unknown> => (typeof onReady === "function" ? onReady.call(office) : Promise.resolve());
  associate.call(office?.actions, REFRESH_COMMAND_ID, createRefreshHandler(dependencies, officeReady));
  return true;
}

const refreshDeps = deferred<RefreshCommandDeps>();

/** Hands the command what it needs (once; later calls are ignored). Clicks made before wait for it. */
export function provideRefreshCommand(deps: RefreshCommandDeps): void {
  refreshDeps.resolve(deps);
}

/** Whether the top-level association ran (false outside Office, e.g. the preview page). */
export const ribbonAssociated = associateRibbonCommands((globalThis as { Office?: OfficeLike }).Office, refreshDeps.promise);
