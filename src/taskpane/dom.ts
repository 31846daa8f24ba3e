/**
 * A small element builder: attributes and text only. Strings become text nodes (never parsed as
 * HTML), so data and anything read from a workbook is inert wherever it is shown.
 *
 * Layer: task pane (DOM).
 */

export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly [attribute: string]: string | number | boolean | null | undefined;
}

/** An element with attributes (false/null/undefined omitted, true as "") and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children; strings as text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** The element with an id, typed; throws when the page lacks it (a build fault, not a user one). */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The pane page has no #${id}`);
  return found;
}
