/**
 * The catalog panel: the search box and the lists of tables and figures of the active release
 * that match it. Choosing an item selects it (the preview, insert and cite panels follow). Enter
 * in the search box selects the first result; the results are one Tab stop, arrow keys (and Home,
 * End) move between them.
 *
 * Layer: task pane (DOM).
 */
import { activeDataset } from "../core";
import { type CatalogItem, buildCatalog, searchCatalog } from "./catalog";
import { el, fill } from "./dom";
import type { PaneContext, Panel } from "./pane-state";
import { keepFocus } from "./ui";

export interface CatalogPanel extends Panel {
  /** The search section and the catalog section, in page order. */
  readonly nodes: readonly HTMLElement[];
  /** Moves keyboard focus to the search box. */
  focusSearch(): void;
}

export function createCatalogPanel(ctx: PaneContext): CatalogPanel {
  const { store } = ctx;
  // The catalog of the active release; rebuilt when the release changes.
  let catalog = buildCatalog(activeDataset());
  let catalogDataset = activeDataset();

  const search = el("input", { type: "search", id: "search", autocomplete: "off", spellcheck: "false" });
  const searchLabel = el("label", { for: "search", id: "search-label" });
  const resultCount = el("p", { id: "result-count", class: "caption" });
  const tablesHeading = el("h2", { id: "tables-heading" });
  const tablesList = el("ul", { id: "tables", class: "items", "aria-labelledby": "tables-heading" });
  const figuresHeading = el("h2", { id: "figures-heading" });
  const figuresList = el("ul", { id: "figures", class: "items", "aria-labelledby": "figures-heading" });
  const noResults = el("p", { id: "no-results", class: "caption", hidden: true });
  const catalogSection = el("section", { class: "catalog", id: "catalog", "data-roving": "catalog" }, tablesHeading, tablesList, figuresHeading, figuresList, noResults);

  search.addEventListener("input", () => store.set({ query: search.value }));
  // Enter in the search box selects the first result (the preview follows; focus stays here).
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    event.preventDefault();
    const first = itemButtons()[0];
    if (first?.dataset.id && first.dataset.kind) store.set({ selected: { kind: first.dataset.kind === "figure" ? "figure" : "table", id: first.dataset.id } });
  });

  /** The result buttons, tables then figures: one Tab stop (roving tabindex), arrows move between them. */
  function itemButtons(): HTMLButtonElement[] {
    return Array.from(catalogSection.querySelectorAll<HTMLButtonElement>("button.item"));
  }

  catalogSection.addEventListener("keydown", (event) => {
    const buttons = itemButtons();
    const at = buttons.findIndex((button) => button === document.activeElement);
    if (at < 0) return;
    const last = buttons.length - 1;
    const next =
      event.key === "ArrowDown" || event.key === "ArrowRight" ? Math.min(last, at + 1)
      : event.key === "ArrowUp" || event.key === "ArrowLeft" ? Math.max(0, at - 1)
      : event.key === "Home" ? 0
      : event.key === "End" ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    moveTabStop(buttons, next);
    buttons[next]?.focus();
  });

  /** Makes one result the list's Tab stop. */
  function moveTabStop(buttons: readonly HTMLButtonElement[], index: number): void {
    buttons.forEach((button, i) => button.setAttribute("tabindex", i === index ? "0" : "-1"));
  }

  function itemButton(item: CatalogItem): HTMLElement {
    const state = store.get();
    const selected = state.selected?.kind === item.kind && state.selected.id === item.id;
    const button = el(
      "button",
      { type: "button", class: "item", "aria-pressed": selected ? "true" : "false", "data-kind": item.kind, "data-id": item.id },
      el("span", { class: "item-label" }, item.label[state.language]),
      el("span", { class: "item-meta" }, item.meta[state.language]),
      el("span", { class: "item-id" }, item.id),
    );
    button.addEventListener("click", () => store.set({ selected: { kind: item.kind, id: item.id } }));
    button.addEventListener("focus", () => moveTabStop(itemButtons(), itemButtons().indexOf(button)));
    return el("li", {}, button);
  }

  function render(): void {
    const text = ctx.t();
    const dataset = activeDataset();
    if (dataset !== catalogDataset) {
      catalogDataset = dataset;
      catalog = buildCatalog(dataset);
    }
    searchLabel.textContent = text.searchLabel;
    catalogSection.setAttribute("aria-label", text.catalogLabel);
    search.placeholder = text.searchPlaceholder;
    tablesHeading.textContent = text.tablesHeading;
    figuresHeading.textContent = text.figuresHeading;
    noResults.textContent = text.noResults;
    const found = searchCatalog(catalog, store.get().query);
    const tables = found.filter((item) => item.kind === "table");
    const figures = found.filter((item) => item.kind === "figure");
    keepFocus(ctx.root, () => {
      fill(tablesList, ...tables.map(itemButton));
      fill(figuresList, ...figures.map(itemButton));
      // The Tab stop: the selected result where it is listed, else the first.
      const buttons = itemButtons();
      const selected = buttons.findIndex((button) => button.getAttribute("aria-pressed") === "true");
      moveTabStop(buttons, Math.max(0, selected));
    });
    tablesHeading.hidden = tables.length === 0;
    figuresHeading.hidden = figures.length === 0;
    noResults.hidden = found.length > 0;
    resultCount.textContent = text.resultCount(tables.length, figures.length);
  }

  store.subscribe(["query", "selected"], render);
  return {
    nodes: [el("section", { class: "search", role: "search" }, searchLabel, search, resultCount), catalogSection],
    render,
    focusSearch: () => search.focus(),
  };
}
