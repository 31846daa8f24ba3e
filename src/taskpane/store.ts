/**
 * A tiny typed state store: get, set (a partial patch) and subscribe to chosen keys. The pane's
 * panels subscribe to the keys they show, so a change re-renders exactly the panels that show it.
 *
 * Layer: task pane (pure: no DOM).
 */

export type Listener<S> = (state: Readonly<S>, changed: ReadonlySet<keyof S>) => void;

export interface Store<S extends object> {
  /** The current state (read-only: change it with set). */
  get(): Readonly<S>;
  /**
   * Applies a patch; listeners whose keys changed (by ===) are called once each, in the order
   * they subscribed. A listener that sets again is called again after the current round.
   */
  set(patch: Partial<S>): void;
  /** Calls listener after every set that changes one of keys; returns the unsubscribe. */
  subscribe(keys: readonly (keyof S)[], listener: Listener<S>): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state: S = { ...initial };
  const listeners: { keys: ReadonlySet<keyof S>; listener: Listener<S> }[] = [];
  return {
    get: () => state,
    set(patch) {
      const changed = new Set<keyof S>();
      for (const key of Object.keys(patch) as (keyof S)[]) {
        if (patch[key] !== state[key]) changed.add(key);
      }
      if (changed.size === 0) return;
      state = { ...state, ...patch };
      for (const entry of [...listeners]) {
        if ([...changed].some((key) => entry.keys.has(key))) entry.listener(state, changed);
      }
    },
    subscribe(keys, listener) {
      const entry = { keys: new Set(keys), listener };
      listeners.push(entry);
      return () => {
        const at = listeners.indexOf(entry);
        if (at >= 0) listeners.splice(at, 1);
      };
    },
  };
}
