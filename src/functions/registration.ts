/**
 * Registration of the BJ.* functions with the custom functions runtime, guarded: a browser page
 * without Office has no `CustomFunctions` global, and loading the bundle there must do nothing.
 */

/** A function as the runtime receives it. */
export type RegisteredFunction = (...args: never[]) => unknown;

/** The part of the runtime that registration uses. */
export interface Registrar {
  associate(id: string, fn: RegisteredFunction): void;
}

/** The runtime's registrar, or undefined where there is no runtime (a plain page, Node). */
export function runtimeRegistrar(): Registrar | undefined {
  if (typeof CustomFunctions === "undefined" || typeof CustomFunctions.associate !== "function") return undefined;
  return { associate: (id, fn) => CustomFunctions.associate(id, fn) };
}

/**
 * A registrar that associates each id once: the explicit registration and the calls that
 * custom-functions-metadata-plugin appends to functions.ts both go through it.
 */
export function onceRegistrar(target: () => Registrar | undefined): Registrar & { readonly ids: ReadonlySet<string> } {
  const ids = new Set<string>();
  return {
    ids,
    associate(id, fn) {
      if (ids.has(id)) return;
      const registrar = target();
      if (!registrar) return;
      registrar.associate(id, fn);
      ids.add(id);
    },
  };
}
