/**
 * The catalog panel: the search box and the lists of tables and figures of the active release
 * that match it. Choosing an item selects it (the preview, insert and cite panels follow).
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
  const catalogSection = el("section", { class: "catalog", id: "catalog" }, tablesHeading, tablesList, figuresHeading, figuresList, noResults);

  search.addEventListener("input", () => store.set({ query: search.value }));

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
