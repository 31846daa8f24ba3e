/**
 * The task pane: browse and search the catalog, preview a table or a figure, insert tables (at the
 * active cell, on a new sheet, all at once; values, live formulas or one spill formula), list and
 * remove what the add-in inserted, refresh their figures to the release in use (plan, review,
 * apply), and copy citations. Runs in Excel, in the preview page (over a simulated workbook), and
 * in a plain browser (browse and cite only).
 *
 * The release: the page's one active release (core's activeDataset), which the release channel
 * (src/channel) sets at start from `releases/index.json` beside the page. Everything the pane shows
 * or writes comes from it, and it re-renders when it changes. This page is also the shared runtime
 * of the custom functions and of the ribbon's "Refresh figures" command, which it registers here.
 *
 * Everything is rendered with textContent (dom.ts); strings come from strings.ts; pure logic
 * (catalog, search, messages) lives beside this file and is unit-tested in jest.
 *
 * Layer: task pane (the only DOM code of production).
 */
import { CURRENT_RELEASE, type Figure, type Language } from "../data";
import {
  type CitationStyle,
  type DatasetIndex,
  FIGURE_WORDS,
  type FormulaCount,
  REFRESH_REASON_TEXT,
  REFRESH_STATUS_TEXT,
  type RefreshReport,
  type RefreshStatus,
  type RefreshTableReport,
  activeDataset,
  activeOrigin,
  basisLabel,
  citeFigure,
  citeSource,
  compareReleaseIds,
  describeOrigin,
  formatFigureValue,
  periodText,
  setActiveRelease,
  subscribeActiveRelease,
  tableGrid,
  type TableGrid,
} from "../core";
// The channel itself (and zod, which checks a release) is loaded on demand, after the pane is drawn: see startChannel.
import type { LoadReleaseOutcome, ReleaseCache } from "../channel";
import { registerRefreshCommand } from "../commands/refresh-command";
import type { InsertMode, InsertedEntry, InsertedReport, WorkbookPort } from "../office";
import { buildCatalog, searchCatalog, type CatalogItem } from "./catalog";
import { byId, el, fill } from "./dom";
import { type ChangeView, type TableRefreshView, formulaCountTexts, refreshSummary, refreshViews, statusesByRecord } from "./refresh-view";
import { describeFailure, insertProblemsText } from "./feedback";
import { type PaneHost, isDarkColour, languageOf, resolveHost } from "./host";
import { STRINGS, TABLE_STYLES, type PaneStrings } from "./strings";

/** Actions slower than this show a progress indicator. */
const PROGRESS_DELAY_MS = 300;

interface Selection {
  readonly kind: "table" | "figure";
  readonly id: string;
}

interface State {
  language: Language;
  /** True once the user chose a language: Office's display language no longer overrides it. */
  languageChosen: boolean;
  query: string;
  selected: Selection | null;
  tableLanguage: Language;
  tableLanguageChosen: boolean;
  includeSource: boolean;
  style: string;
  mode: InsertMode;
  citeStyle: CitationStyle;
  citeStyleChosen: boolean;
  host: PaneHost | null;
  busy: boolean;
  inserted: readonly InsertedEntry[];
  damagedParts: number;
  /** The release channel: still being read, or its outcome (null if it could not run at all). */
  channel: { readonly stage: "checking" } | { readonly stage: "done"; readonly outcome: LoadReleaseOutcome | null };
  /** Each tracked table's refresh status, by record id, from the last dry run (empty until one ran). */
  statuses: ReadonlyMap<string, RefreshTableReport>;
  /** BJ.* formula cells per sheet, from the last dry run; null until one ran. */
  formulaCells: readonly FormulaCount[] | null;
  /** The refresh plan under review, or the last refresh's report; null when neither is shown. */
  refresh: RefreshView | null;
  /** "Also write the report to a Refresh log sheet". */
  writeLog: boolean;
}

interface RefreshView {
  readonly stage: "plan" | "report";
  readonly report: RefreshReport;
  /** The release the plan was made for: Apply refreshes to exactly this one. */
  readonly dataset: DatasetIndex;
}

/** The catalog of the active release; rebuilt when the release changes. */
let catalog = buildCatalog(activeDataset());
let catalogReleaseId = activeDataset().release.id;

const state: State = {
  language: languageOf(navigator.language),
  languageChosen: false,
  query: "",
  selected: null,
  tableLanguage: languageOf(navigator.language),
  tableLanguageChosen: false,
  includeSource: true,
  style: TABLE_STYLES[0],
  mode: "values",
  citeStyle: languageOf(navigator.language) === "zh" ? "gbt7714" : "apa",
  citeStyleChosen: false,
  host: null,
  busy: false,
  inserted: [],
  damagedParts: 0,
  channel: { stage: "checking" },
  statuses: new Map(),
  formulaCells: null,
  refresh: null,
  writeLog: false,
};

const t = (): PaneStrings => STRINGS[state.language];
const langAttr = (language: Language): string => STRINGS[language].htmlLang;

// ---------------------------------------------------------------- skeleton (built once) -----

let root: HTMLElement;

interface Parts {
  readonly appName: HTMLElement;
  readonly langSwitch: HTMLButtonElement;
  readonly searchLabel: HTMLLabelElement;
  readonly search: HTMLInputElement;
  readonly resultCount: HTMLElement;
  readonly tablesHeading: HTMLElement;
  readonly tablesList: HTMLElement;
  readonly figuresHeading: HTMLElement;
  readonly figuresList: HTMLElement;
  readonly noResults: HTMLElement;
  readonly previewHeading: HTMLElement;
  readonly preview: HTMLElement;
  readonly insertSection: HTMLElement;
  readonly cite: HTMLElement;
  readonly insertedHeading: HTMLElement;
  readonly refresh: HTMLButtonElement;
  readonly refreshFigures: HTMLButtonElement;
  readonly insertedList: HTMLElement;
  readonly formulaCounts: HTMLElement;
  readonly refreshPanel: HTMLElement;
  readonly hostStatus: HTMLElement;
  readonly releaseStatus: HTMLElement;
  readonly releaseProblem: HTMLElement;
  readonly progress: HTMLElement;
  readonly message: HTMLElement;
  readonly footer: HTMLElement;
}

let parts: Parts;

function buildSkeleton(): Parts {
  const appName = el("h1", { id: "app-name" });
  const langSwitch = el("button", { type: "button", id: "lang-switch", class: "button subtle" });
  const search = el("input", { type: "search", id: "search", autocomplete: "off", spellcheck: "false" });
  const searchLabel = el("label", { for: "search", id: "search-label" });
  const resultCount = el("p", { id: "result-count", class: "caption" });
  const tablesHeading = el("h2", { id: "tables-heading" });
  const tablesList = el("ul", { id: "tables", class: "items", "aria-labelledby": "tables-heading" });
  const figuresHeading = el("h2", { id: "figures-heading" });
  const figuresList = el("ul", { id: "figures", class: "items", "aria-labelledby": "figures-heading" });
  const noResults = el("p", { id: "no-results", class: "caption", hidden: true });
  const previewHeading = el("h2", { id: "preview-heading" });
  const preview = el("div", { id: "preview" });
  const insertSection = el("section", { id: "insert", "aria-labelledby": "insert-heading" });
  const cite = el("section", { id: "cite", "aria-labelledby": "cite-heading" });
  const insertedHeading = el("h2", { id: "inserted-heading" });
  const refresh = el("button", { type: "button", id: "refresh-inserted", class: "button subtle small" });
  const refreshFigures = el("button", { type: "button", id: "refresh-figures", class: "button small", "data-focus-key": "refresh-figures" });
  const insertedList = el("ul", { id: "inserted", class: "inserted", "aria-labelledby": "inserted-heading" });
  const formulaCounts = el("div", { id: "formula-counts", class: "caption", hidden: true });
  const refreshPanel = el("section", { id: "refresh-panel", class: "refresh-panel", "aria-labelledby": "refresh-heading", hidden: true });
  const hostStatus = el("p", { id: "host-status", class: "caption" });
  // Which release is in use and where it came from; a rejected release's reason under it (not an error: the pane works on).
  const releaseStatus = el("p", { id: "release-status", class: "caption", "aria-live": "polite" });
  const releaseProblem = el("p", { id: "release-problem", class: "caption notice", "aria-live": "polite", hidden: true });
  const progress = el("div", { id: "progress", class: "progress", role: "progressbar", hidden: true }, el("span"));
  const message = el("div", { id: "message", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const footer = el("footer", { id: "pane-footer", class: "caption" });

  root.replaceChildren(
    el("header", { class: "pane-header" }, el("img", { src: "assets/icon-32.png", width: 24, height: 24, alt: "" }), appName, langSwitch),
    el(
      "main",
      {},
      el("section", { class: "search", role: "search" }, searchLabel, search, resultCount),
      el("section", { class: "catalog", id: "catalog" }, tablesHeading, tablesList, figuresHeading, figuresList, noResults),
      el("section", { id: "detail", "aria-labelledby": "preview-heading" }, previewHeading, preview),
      insertSection,
      cite,
      el(
        "section",
        { id: "inserted-section", "aria-labelledby": "inserted-heading" },
        el("div", { class: "row-between" }, insertedHeading, refresh),
        el("div", { class: "buttons refresh-actions" }, refreshFigures),
        insertedList,
        formulaCounts,
        refreshPanel,
      ),
    ),
    el("div", { class: "status-bar" }, progress, message, hostStatus, releaseStatus, releaseProblem),
    footer,
  );

  langSwitch.addEventListener("click", () => {
    state.language = state.language === "en" ? "zh" : "en";
    state.languageChosen = true;
    followLanguage();
    renderAll();
  });
  search.addEventListener("input", () => {
    state.query = search.value;
    renderCatalog();
  });
  refresh.addEventListener("click", () => void refreshInserted(true));
  refreshFigures.addEventListener("click", () => {
    if (!state.busy) void planFigureRefresh();
  });

  return {
    appName, langSwitch, searchLabel, search, resultCount, tablesHeading, tablesList, figuresHeading, figuresList, noResults,
    previewHeading, preview, insertSection, cite, insertedHeading, refresh, refreshFigures, insertedList, formulaCounts, refreshPanel,
    hostStatus, releaseStatus, releaseProblem, progress, message, footer,
  };
}

// ---------------------------------------------------------------- rendering --------------------

function renderAll(): void {
  const text = t();
  document.documentElement.lang = text.htmlLang;
  document.title = text.appName;
  parts.appName.textContent = text.appName;
  parts.langSwitch.textContent = text.otherLanguage;
  parts.langSwitch.lang = langAttr(state.language === "en" ? "zh" : "en");
  parts.langSwitch.setAttribute("aria-label", `${text.languageSwitch}: ${text.otherLanguage}`);
  parts.searchLabel.textContent = text.searchLabel;
  byId("catalog", HTMLElement).setAttribute("aria-label", text.catalogLabel);
  parts.search.placeholder = text.searchPlaceholder;
  parts.tablesHeading.textContent = text.tablesHeading;
  parts.figuresHeading.textContent = text.figuresHeading;
  parts.noResults.textContent = text.noResults;
  parts.previewHeading.textContent = text.previewHeading;
  parts.insertedHeading.textContent = text.insertedHeading;
  parts.refresh.textContent = text.refreshList;
  parts.refreshFigures.textContent = text.refreshFigures;
  parts.progress.setAttribute("aria-label", text.working);
  fill(parts.footer, el("a", { href: text.helpHref, target: "_blank", rel: "noopener" }, text.help), ` · ${text.releaseMeta(activeDataset().release.id)}`);
  renderCatalog();
  renderPreview();
  renderInsert();
  renderCite();
  renderInserted();
  renderRefreshPanel();
  renderHostStatus();
  renderRelease();
}

function itemButton(item: CatalogItem): HTMLElement {
  const selected = state.selected?.kind === item.kind && state.selected.id === item.id;
  const button = el(
    "button",
    { type: "button", class: "item", "aria-pressed": selected ? "true" : "false", "data-kind": item.kind, "data-id": item.id },
    el("span", { class: "item-label" }, item.label[state.language]),
    el("span", { class: "item-meta" }, item.meta[state.language]),
    el("span", { class: "item-id" }, item.id),
  );
  button.addEventListener("click", () => {
    state.selected = { kind: item.kind, id: item.id };
    renderCatalog();
    renderPreview();
    renderInsert();
    renderCite();
  });
  return el("li", {}, button);
}

/** Re-renders a list, keeping keyboard focus on the same item where it was on one. */
function keepFocus(render: () => void): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement ? active.dataset.focusKey ?? (active.dataset.id ? `${active.dataset.kind}:${active.dataset.id}` : null) : null;
  render();
  if (key === null) return;
  const again = Array.from(root.querySelectorAll<HTMLElement>("[data-id], [data-focus-key]")).find(
    (candidate) => (candidate.dataset.focusKey ?? `${candidate.dataset.kind}:${candidate.dataset.id}`) === key,
  );
  again?.focus();
}

function renderCatalog(): void {
  const found = searchCatalog(catalog, state.query);
  const tables = found.filter((item) => item.kind === "table");
  const figures = found.filter((item) => item.kind === "figure");
  keepFocus(() => {
    fill(parts.tablesList, ...tables.map(itemButton));
    fill(parts.figuresList, ...figures.map(itemButton));
  });
  parts.tablesHeading.hidden = tables.length === 0;
  parts.figuresHeading.hidden = figures.length === 0;
  parts.noResults.hidden = found.length > 0;
  parts.resultCount.textContent = t().resultCount(tables.length, figures.length);
}

function selectedFigure(): Figure | undefined {
  return state.selected?.kind === "figure" ? activeDataset().figure(state.selected.id) : undefined;
}

/** The selected table's grid in the active release; null when none is selected (or the release has no such table). */
function currentGrid(): TableGrid | null {
  const dataset = activeDataset();
  const id = state.selected?.kind === "table" ? state.selected.id : null;
  return id !== null && dataset.table(id) ? tableGrid(dataset, id, state.tableLanguage) : null;
}

/** The display text of a grid's cell: value cells as their number format shows them. */
function cellText(grid: TableGrid, row: number, column: number): string {
  const value = grid.rows[row]?.[column];
  if (typeof value === "number") {
    const figureId = grid.valueFigureIds[row];
    const figure = figureId ? activeDataset().figure(figureId) : undefined;
    return figure ? formatFigureValue(figure, grid.language) : String(value);
  }
  return value ?? "";
}

function renderPreview(): void {
  const text = t();
  const grid = currentGrid();
  const figure = selectedFigure();
  if (grid) {
    const valueColumn = grid.columnKeys.indexOf("value");
    const table = el(
      "table",
      { class: "sheet-table", lang: langAttr(grid.language) },
      el("caption", { class: "visually-hidden" }, text.previewCaption(grid.title)),
      el("thead", {}, el("tr", {}, ...grid.header.map((cell) => el("th", { scope: "col" }, cell)))),
      el(
        "tbody",
        {},
        ...grid.rows.map((row, r) =>
          el("tr", {}, ...row.map((_cell, c) => el("td", { class: c === valueColumn ? "number" : "" }, cellText(grid, r, c)))),
        ),
      ),
    );
    fill(
      parts.preview,
      el(
        "div",
        { class: "sheet-preview", lang: langAttr(grid.language) },
        el("p", { class: "sheet-title" }, grid.title),
        el("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": text.previewCaption(grid.title) }, table),
        state.includeSource && el("p", { class: "sheet-note" }, grid.note),
        state.includeSource && el("p", { class: "sheet-note" }, grid.sourceLine),
      ),
    );
    return;
  }
  if (figure) {
    const language = state.language;
    const rows: [string, string][] = [
      [text.cardValue, formatFigureValue(figure, language)],
      [text.cardUnit, figure.unit[language]],
      [text.cardPeriod, periodText(figure.period, language)],
      [text.cardBound, FIGURE_WORDS.bound[language][figure.bound]],
      [text.cardBasis, basisLabel(figure, language)],
      figure.basis === "stated" ? [text.cardPhrase, `“${figure.phrase}”`] : [text.cardFormula, `${figure.id} = ${figure.formula}`],
      ...(figure.basis === "derived" ? [[text.cardNote, figure.note[language]] as [string, string]] : []),
      [text.cardId, figure.id],
    ];
    fill(
      parts.preview,
      el(
        "article",
        { class: "card", "aria-label": figure.label[language] },
        el("p", { class: "card-title" }, figure.label[language]),
        el("p", { class: "card-value" }, formatFigureValue(figure, language)),
        el("dl", {}, ...rows.flatMap(([label, value]) => [el("dt", {}, label), el("dd", {}, value)])),
      ),
    );
    return;
  }
  fill(parts.preview, el("p", { class: "caption" }, text.previewHint));
}

function radioGroup<V extends string>(name: string, legend: string, options: readonly (readonly [V, string])[], current: V, onChange: (value: V) => void): HTMLElement {
  return el(
    "fieldset",
    { class: "field" },
    el("legend", {}, legend),
    ...options.map(([value, label]) => {
      const input = el("input", { type: "radio", name, value, id: `${name}-${value}`, checked: value === current, "data-focus-key": `${name}-${value}` });
      input.addEventListener("change", () => {
        if (input.checked) onChange(value);
      });
      return el("div", { class: "choice" }, input, el("label", { for: `${name}-${value}` }, label));
    }),
  );
}

function actionButton(id: string, label: string, action: () => Promise<void>, primary = false, accessibleName?: string): HTMLButtonElement {
  const button = el("button", { type: "button", id, class: primary ? "button primary" : "button", "data-focus-key": id, "aria-label": accessibleName }, label);
  button.addEventListener("click", () => {
    if (state.busy) return;
    void action();
  });
  return button;
}

function renderInsert(): void {
  const text = t();
  const grid = state.selected?.kind === "table";
  // Until the host is known, writes are offered (they wait for it); with no workbook they are marked off.
  const canWrite = state.host === null || state.host.port !== null;
  const styleSelect = el("select", { id: "table-style", "data-focus-key": "table-style" }, ...TABLE_STYLES.map((style) =>
    el("option", { value: style, selected: style === state.style }, text.styleNames[style] ?? style),
  ));
  styleSelect.addEventListener("change", () => {
    state.style = styleSelect.value;
  });
  const source = el("input", { type: "checkbox", id: "include-source", checked: state.includeSource, "data-focus-key": "include-source" });
  source.addEventListener("change", () => {
    state.includeSource = source.checked;
    renderPreview();
  });
  const buttons = el(
    "div",
    { class: "buttons" },
    grid && actionButton("insert-here", text.insertHere, () => insertTable(false), true),
    grid && actionButton("insert-new-sheet", text.insertNewSheet, () => insertTable(true)),
    actionButton("insert-all", text.insertAll, insertAll),
  );
  for (const button of buttons.querySelectorAll("button")) if (!canWrite) button.setAttribute("aria-disabled", "true");
  keepFocus(() =>
    fill(
      parts.insertSection,
      el("h2", { id: "insert-heading" }, text.insertHeading),
      radioGroup("table-language", text.tableLanguage, [["en", text.languageEn], ["zh", text.languageZh]], state.tableLanguage, (value) => {
        state.tableLanguage = value;
        state.tableLanguageChosen = true;
        renderPreview();
      }),
      radioGroup("mode", text.modeLegend, [["values", text.modeValues], ["formulas", text.modeFormulas], ["spill", text.modeSpill]], state.mode, (value) => {
        state.mode = value;
      }),
      el("div", { class: "choice" }, source, el("label", { for: "include-source" }, text.includeSource)),
      el("div", { class: "field" }, el("label", { for: "table-style" }, text.tableStyle), styleSelect),
      buttons,
    ),
  );
}

function citation(): string {
  const figure = selectedFigure();
  const release = activeDataset().release;
  return figure ? citeFigure(release, figure, state.citeStyle) : citeSource(release, state.citeStyle);
}

function renderCite(): void {
  const text = t();
  const styleSelect = el(
    "select",
    { id: "cite-style", "data-focus-key": "cite-style" },
    el("option", { value: "apa", selected: state.citeStyle === "apa" }, text.citeApa),
    el("option", { value: "gbt7714", selected: state.citeStyle === "gbt7714" }, text.citeGbt),
  );
  styleSelect.addEventListener("change", () => {
    state.citeStyle = styleSelect.value === "gbt7714" ? "gbt7714" : "apa";
    state.citeStyleChosen = true;
    renderCite();
  });
  const box = el("textarea", { id: "citation", readonly: true, rows: 4, "aria-labelledby": "cite-heading" });
  box.value = citation();
  keepFocus(() =>
    fill(
      parts.cite,
      el("h2", { id: "cite-heading" }, text.citeHeading),
      el("div", { class: "field" }, el("label", { for: "cite-style" }, text.citeStyle), styleSelect),
      box,
      el("div", { class: "buttons" }, actionButton("copy-citation", text.copyCitation, () => copyCitation(box))),
    ),
  );
}

function modeWord(mode: InsertMode | undefined): string {
  const text = t();
  return mode === "formulas" ? text.modeFormulas : mode === "spill" ? text.modeSpill : text.modeValues;
}

function renderInserted(): void {
  const text = t();
  parts.refresh.hidden = !state.host?.port;
  parts.refreshFigures.hidden = !state.host?.port;
  const index = activeDataset();
  const items = state.inserted.map((entry, i) => {
    const binding = entry.binding;
    // A spill has no Excel table: it is named by its formula's cell.
    const name = entry.found?.tableName || binding.tableName || entry.found?.address || binding.tableId;
    const sheet = entry.found?.sheet ?? binding.sheet;
    const title = index.table(binding.tableId)?.title[state.language] ?? binding.tableId;
    const recordId = entry.recordId;
    const language = binding.language === "zh" ? text.languageZh : text.languageEn;
    const status = state.statuses.get(recordId);
    return el(
      "li",
      { class: entry.found ? "" : "missing", "data-record": recordId, "data-status": status?.status },
      el("span", { class: "item-label" }, title, status && " ", status && statusBadge(status.status)),
      el("span", { class: "item-meta" }, text.insertedMeta(name, sheet, binding.releaseId, language, modeWord(binding.mode))),
      !entry.found && el("span", { class: "item-meta warn" }, text.insertedMissing),
      status?.reason && (status.status === "blocked" || status.status === "missing") && el("span", { class: "item-meta notice" }, REFRESH_REASON_TEXT[state.language][status.reason]),
      el(
        "div",
        { class: "buttons" },
        entry.found && actionButton(`goto-${i}`, text.goToShort, () => selectInserted(recordId, name), false, text.goTo(name)),
        entry.found
          ? actionButton(`remove-${i}`, text.removeShort, () => removeInserted(recordId, name), false, text.remove(name))
          : actionButton(`forget-${i}`, text.forgetShort, () => forgetInserted(recordId, name), false, text.forget(name)),
      ),
    );
  });
  keepFocus(() =>
    fill(
      parts.insertedList,
      ...(items.length > 0 ? items : state.host?.port ? [el("li", { class: "caption" }, text.insertedEmpty)] : []),
      state.damagedParts > 0 && el("li", { class: "item-meta warn" }, text.damagedParts(state.damagedParts)),
    ),
  );
  renderFormulaCounts();
}

/** A table's refresh status as a small labelled badge (core's words). */
function statusBadge(status: RefreshStatus): HTMLElement {
  const word = REFRESH_STATUS_TEXT[state.language][status];
  return el("span", { class: `status status-${status}`, "data-status": status, title: t().statusLabel(word) }, word);
}

/** The count of BJ.* formula cells per sheet, from the last dry run. */
function renderFormulaCounts(): void {
  const text = t();
  const counts = state.formulaCells;
  parts.formulaCounts.hidden = counts === null || !state.host?.port;
  if (counts === null) return;
  const sheets = formulaCountTexts(counts, state.language);
  fill(
    parts.formulaCounts,
    sheets.length === 0
      ? el("p", {}, text.formulaCountsNone)
      : el(
          "p",
          {},
          `${text.formulaCountsHeading}: `,
          ...sheets.flatMap((sheet, i) => [i > 0 ? " · " : "", el("span", { class: "formula-count", "data-sheet": sheet.sheet }, sheet.text)]),
        ),
  );
}

function changeItem(change: ChangeView): HTMLElement {
  return el(
    "li",
    { class: `change change-${change.kind}`, "data-kind": change.kind, "data-written": change.written ? "true" : "false", "data-address": change.address },
    el("span", { class: "change-kind" }, change.kindText),
    el("span", { class: "change-where" }, change.where),
    change.values !== "" && el("span", { class: "change-values" }, change.values),
    change.reason !== null && el("span", { class: "change-reason" }, change.reason),
  );
}

function tableBlock(table: TableRefreshView): HTMLElement {
  return el(
    "article",
    { class: "refresh-table", "data-record": table.recordId, "data-status": table.status, "aria-label": table.title },
    el("p", { class: "item-label" }, table.title, " ", statusBadge(table.status)),
    el("p", { class: "item-meta" }, [table.place, table.releases].filter((part) => part !== "").join(" · ")),
    table.reason !== null && el("p", { class: "item-meta notice" }, table.reason),
    table.changes.length > 0 ? el("ul", { class: "changes" }, ...table.changes.map(changeItem)) : el("p", { class: "item-meta" }, t().refreshNoChanges),
  );
}

/** The plan under review (Apply / Cancel), or the last report (Close). */
function renderRefreshPanel(): void {
  const view = state.refresh;
  parts.refreshPanel.hidden = view === null;
  if (view === null) {
    fill(parts.refreshPanel);
    return;
  }
  const text = t();
  const { report } = view;
  const summary = refreshSummary(report, state.language);
  const log = el("input", { type: "checkbox", id: "refresh-log", checked: state.writeLog, "data-focus-key": "refresh-log" });
  log.addEventListener("change", () => {
    state.writeLog = log.checked;
  });
  const controls =
    view.stage === "plan"
      ? [
          el("div", { class: "choice" }, log, el("label", { for: "refresh-log" }, text.refreshWriteLog)),
          el(
            "div",
            { class: "buttons" },
            actionButton("refresh-apply", text.refreshApply, applyFigureRefresh, true),
            actionButton("refresh-cancel", text.refreshCancel, cancelFigureRefresh),
          ),
        ]
      : [el("div", { class: "buttons" }, actionButton("refresh-close", text.refreshClose, closeRefreshReport))];
  keepFocus(() =>
    fill(
      parts.refreshPanel,
      el("h3", { id: "refresh-heading", tabindex: -1, "data-focus-key": "refresh-heading" }, view.stage === "plan" ? text.refreshPlanHeading : text.refreshReportHeading),
      el("p", { id: "refresh-summary" }, summary),
      view.stage === "plan" && el("p", { class: "caption" }, text.refreshPlanIntro(report.releaseId)),
      report.logSheet !== null && el("p", { class: "caption" }, text.refreshLogWritten(report.logSheet)),
      ...refreshViews(report, view.dataset, state.language).map(tableBlock),
      report.damagedParts.length > 0 && el("p", { class: "item-meta warn" }, text.refreshDamaged(report.damagedParts.length)),
      ...controls,
    ),
  );
}

/** The release line: which release is in use and where it came from, and why a channel release was refused. */
function renderRelease(): void {
  const text = t();
  const line = describeOrigin(activeOrigin())[state.language];
  parts.releaseStatus.textContent = state.channel.stage === "checking" ? `${line} · ${text.releaseChecking}` : line;
  const outcome = state.channel.stage === "done" ? state.channel.outcome : null;
  if (outcome && !outcome.ok) {
    parts.releaseProblem.hidden = false;
    parts.releaseProblem.dataset.reason = outcome.reason;
    parts.releaseProblem.textContent = outcome.message[state.language];
  } else {
    parts.releaseProblem.hidden = true;
    parts.releaseProblem.textContent = "";
  }
}

function renderHostStatus(): void {
  const text = t();
  const host = state.host;
  parts.hostStatus.textContent =
    host === null ? "" : host.kind === "excel" ? text.connectedExcel : host.kind === "preview" ? text.connectedPreview : host.officeError ? text.officeFailed(host.officeError) : text.noWorkbook;
}

// ---------------------------------------------------------------- messages and progress --------

type Tone = "success" | "error" | "info";

/** Shows a message in the live region; an optional action button (e.g. insert on a new sheet). */
function say(tone: Tone, message: string, action?: { label: string; run: () => Promise<void> }): void {
  const text = t();
  const dismiss = el("button", { type: "button", class: "button subtle small", "aria-label": text.dismiss }, "×");
  dismiss.addEventListener("click", () => {
    fill(parts.message);
    parts.search.focus();
  });
  fill(
    parts.message,
    el(
      "div",
      { class: `message ${tone}` },
      el("p", {}, tone === "error" ? el("strong", {}, `${text.errorPrefix} `) : null, message),
      el("div", { class: "buttons" }, action ? actionButton("message-action", action.label, action.run, true) : null, dismiss),
    ),
  );
}

/** Runs an action with the busy state; shows the progress bar when it takes over 300 ms. */
async function busy<T>(work: () => Promise<T>): Promise<T> {
  state.busy = true;
  root.setAttribute("aria-busy", "true");
  const timer = window.setTimeout(() => {
    parts.progress.hidden = false;
  }, PROGRESS_DELAY_MS);
  try {
    return await work();
  } finally {
    window.clearTimeout(timer);
    parts.progress.hidden = true;
    state.busy = false;
    root.removeAttribute("aria-busy");
  }
}

/** Resolves once Office (or the preview page) has said which workbook the pane works on. */
let hostReady: Promise<PaneHost> = new Promise(() => undefined);

/**
 * The workbook port, waiting for the host if an action comes before Office is ready (the pane is
 * usable at once; only a write waits). Says why when there is no workbook.
 */
async function requirePort(): Promise<WorkbookPort | null> {
  const host = state.host ?? (await busy(() => hostReady));
  const port = host.port;
  if (!port) say("info", host.officeError ? t().officeFailed(host.officeError) : t().noWorkbook);
  return port;
}

// ---------------------------------------------------------------- actions ------------------------

async function insertTable(newSheet: boolean): Promise<void> {
  const port = await requirePort();
  const grid = currentGrid();
  if (!port || !grid) return;
  try {
    const result = await busy(() =>
      port.insertTable(grid, { newSheet, mode: state.mode, includeSource: state.includeSource, style: state.style }),
    );
    const problems = insertProblemsText(result.problems, state.language);
    say(problems ? "error" : "success", problems ? `${t().inserted(grid.title, result.address)} ${problems}` : t().inserted(grid.title, result.address));
    await refreshInserted(false);
  } catch (error: unknown) {
    const failure = describeFailure(error, state.language, !newSheet);
    say("error", failure.text, failure.offerNewSheet ? { label: t().retryNewSheet, run: () => insertTable(true) } : undefined);
  }
}

async function insertAll(): Promise<void> {
  const port = await requirePort();
  if (!port) return;
  const language = state.tableLanguage;
  const dataset = activeDataset();
  const grids = dataset.tableIds.map((id) => tableGrid(dataset, id, language));
  try {
    const result = await busy(() =>
      port.insertAllTables(grids, {
        title: STRINGS[language].allTablesTitle,
        sheetName: STRINGS[language].allTablesSheet,
        mode: state.mode,
        includeSource: state.includeSource,
        style: state.style,
      }),
    );
    const sheet = result[0]?.binding.sheet ?? STRINGS[language].allTablesSheet;
    const problems = insertProblemsText(result.flatMap((each) => each.problems), state.language);
    say(problems ? "error" : "success", problems ? `${t().insertedAll(result.length, sheet)} ${problems}` : t().insertedAll(result.length, sheet));
    await refreshInserted(false);
  } catch (error: unknown) {
    say("error", describeFailure(error, state.language).text);
  }
}

/** The list is read one request at a time (an insert, the release channel and a click may all ask). */
let listing: Promise<void> = Promise.resolve();

/**
 * Re-reads the "Inserted in this workbook" list, then the tables' refresh statuses and the BJ.*
 * formula counts (a dry run against the active release: 2 more syncs, nothing written).
 */
function refreshInserted(announce: boolean): Promise<void> {
  listing = listing.then(() => readInserted(announce));
  return listing;
}

async function readInserted(announce: boolean): Promise<void> {
  const port = state.host?.port;
  if (!port) return;
  const dataset = activeDataset();
  try {
    const read = async (): Promise<{ list: InsertedReport; plan: RefreshReport | null; planError: unknown }> => {
      const list = await port.listInserted();
      try {
        return { list, plan: await port.refreshTables(dataset, { dryRun: true }), planError: null };
      } catch (error: unknown) {
        return { list, plan: null, planError: error };
      }
    };
    // Asked for: the progress indicator and busy state. In the background (after an insert, a new
    // release): quietly, so that it never holds up what the user does meanwhile.
    const { list, plan, planError } = announce ? await busy(read) : await read();
    state.inserted = list.entries;
    state.damagedParts = list.damagedParts.length;
    if (plan) setStatuses(plan);
    else {
      // No statuses rather than old ones.
      state.statuses = new Map();
      state.formulaCells = null;
    }
    renderInserted();
    if (planError !== null && announce) say("error", `${t().refreshFailed} ${describeFailure(planError, state.language).text}`);
  } catch (error: unknown) {
    if (announce) say("error", `${t().listFailed} ${describeFailure(error, state.language).text}`);
  }
}

function setStatuses(report: RefreshReport): void {
  state.statuses = statusesByRecord(report);
  state.formulaCells = report.formulaCells;
}

/** Moves keyboard focus to the refresh panel's heading (the plan or the report just shown). */
function focusRefreshPanel(): void {
  byId("refresh-heading", HTMLElement).focus();
}

/** "Refresh figures": plans a refresh to the active release (a dry run) and shows it for review. */
async function planFigureRefresh(): Promise<void> {
  const port = await requirePort();
  if (!port) return;
  const dataset = activeDataset();
  try {
    const report = await busy(() => port.refreshTables(dataset, { dryRun: true }));
    setStatuses(report);
    // Already current: the report says so, and there is nothing to apply.
    state.refresh = { stage: report.upToDate ? "report" : "plan", report, dataset };
    renderInserted();
    renderRefreshPanel();
    say(report.upToDate ? "success" : "info", refreshSummary(report, state.language));
    focusRefreshPanel();
  } catch (error: unknown) {
    say("error", `${t().refreshFailed} ${describeFailure(error, state.language).text}`);
  }
}

/** Apply: refreshes for real to the release the plan was made for, then shows the report. */
async function applyFigureRefresh(): Promise<void> {
  const planned = state.refresh;
  if (planned?.stage !== "plan") return;
  const port = await requirePort();
  if (!port) return;
  try {
    const report = await busy(() => port.refreshTables(planned.dataset, { log: state.writeLog ? state.language : false }));
    state.refresh = { stage: "report", report, dataset: planned.dataset };
    renderRefreshPanel();
    const summary = refreshSummary(report, state.language);
    say("success", report.logSheet ? `${summary} ${t().refreshLogWritten(report.logSheet)}` : summary);
    focusRefreshPanel();
    await refreshInserted(false);
  } catch (error: unknown) {
    say("error", `${t().refreshFailed} ${describeFailure(error, state.language).text}`);
  }
}

async function cancelFigureRefresh(): Promise<void> {
  state.refresh = null;
  renderRefreshPanel();
  say("info", t().refreshCancelled);
  parts.refreshFigures.focus();
  return Promise.resolve();
}

async function closeRefreshReport(): Promise<void> {
  state.refresh = null;
  renderRefreshPanel();
  parts.refreshFigures.focus();
  return Promise.resolve();
}

async function selectInserted(recordId: string, name: string): Promise<void> {
  const port = await requirePort();
  if (!port) return;
  try {
    await busy(() => port.selectInserted(recordId));
    say("success", t().selected(name));
  } catch (error: unknown) {
    say("error", describeFailure(error, state.language).text);
  }
}

async function removeInserted(recordId: string, name: string): Promise<void> {
  const port = await requirePort();
  if (!port) return;
  try {
    await busy(() => port.removeInserted(recordId));
    say("success", t().removed(name));
    await refreshInserted(false);
  } catch (error: unknown) {
    say("error", describeFailure(error, state.language).text);
  }
}

async function forgetInserted(recordId: string, name: string): Promise<void> {
  const port = await requirePort();
  if (!port) return;
  try {
    await busy(() => port.forgetInserted(recordId));
    say("success", t().forgotten(name));
    await refreshInserted(false);
  } catch (error: unknown) {
    say("error", describeFailure(error, state.language).text);
  }
}

async function copyCitation(box: HTMLTextAreaElement): Promise<void> {
  const value = box.value;
  try {
    if (!navigator.clipboard) throw new Error("no clipboard");
    await navigator.clipboard.writeText(value);
    say("success", t().copied);
  } catch {
    // Fallback: leave the text selected for Ctrl+C, and say so.
    box.focus();
    box.select();
    say("info", t().copyFailed);
    box.focus();
  }
}

// ---------------------------------------------------------------- start ------------------------

/** The table language and citation style follow the pane's language until the user picks them. */
function followLanguage(): void {
  if (!state.tableLanguageChosen) state.tableLanguage = state.language;
  if (!state.citeStyleChosen) state.citeStyle = state.language === "zh" ? "gbt7714" : "apa";
}

function applyTheme(host: PaneHost): void {
  if (host.themeBackground) document.documentElement.dataset.theme = isDarkColour(host.themeBackground) ? "dark" : "light";
}

/** The release the pane, the functions and the ribbon use changed: show and list everything anew. */
function onReleaseChanged(dataset: DatasetIndex): void {
  // Release ids are never reused: the same id (e.g. the channel serving the embedded release) is the same data.
  const newRelease = dataset.release.id !== catalogReleaseId;
  catalogReleaseId = dataset.release.id;
  catalog = buildCatalog(dataset);
  if (state.refresh?.stage === "plan" && state.refresh.dataset.release.id !== dataset.release.id) {
    // A plan is only valid for the release it was made for.
    state.refresh = null;
    say("info", t().refreshStale);
  }
  renderAll();
  if (newRelease) void refreshInserted(false);
}

/** Resolves once the release channel has been read (whatever the answer). */
let channelReady: Promise<void> = Promise.resolve();

/** The page's local storage as a release cache, or none where the browser refuses storage. */
function releaseCache(storageReleaseCache: (storage: Storage) => ReleaseCache): ReleaseCache | undefined {
  try {
    return storageReleaseCache(window.localStorage);
  } catch {
    return undefined;
  }
}

/**
 * Reads the release channel beside the page (`releases/index.json`) and makes its newest good
 * release the one in use; a rejected release leaves the cached or embedded one, and the release
 * line says what failed. Never rejects.
 */
async function startChannel(): Promise<void> {
  let outcome: LoadReleaseOutcome | null = null;
  try {
    // A chunk of its own (channel.js, with zod): the pane is interactive before it arrives.
    const { activateChannelRelease, storageReleaseCache } = await import(/* webpackChunkName: "channel" */ "./channel-chunk");
    const cache = releaseCache(storageReleaseCache);
    outcome = await activateChannelRelease({ baseUrl: new URL("./", location.href).href, ...(cache ? { cache } : {}) });
  } catch {
    // activateChannelRelease does not reject for a bad channel. The chunk failing to load (offline
    // without it cached) leaves the embedded release, which the release line names.
  }
  // The newest good release: never one older than the release built into the add-in (a stale index).
  if (compareReleaseIds(activeDataset().release.id, CURRENT_RELEASE.id) < 0) setActiveRelease(CURRENT_RELEASE, { kind: "embedded" });
  state.channel = { stage: "done", outcome };
  renderRelease();
  document.documentElement.dataset.release = "ready";
}

/**
 * The ribbon's "Refresh figures" (an ExecuteFunction command of the shared runtime): applies a
 * refresh to the release in use without asking (once the channel has answered), then reports in
 * the pane's status line and re-reads the list.
 */
function registerRibbonCommand(port: WorkbookPort): void {
  if (typeof Office === "undefined" || typeof Office.actions?.associate !== "function") return;
  registerRefreshCommand((id, handler) => Office.actions.associate(id, handler), {
    refresh: async (_release, options) => {
      await channelReady;
      return port.refreshTables(activeDataset(), options);
    },
    release: () => activeDataset(),
    language: () => state.language,
    notify: (message, report) => {
      say(report ? "success" : "error", message);
      void refreshInserted(false);
    },
  });
}

async function start(): Promise<void> {
  root = byId("app", HTMLElement);
  parts = buildSkeleton();
  subscribeActiveRelease(onReleaseChanged);
  hostReady = resolveHost();
  renderAll();
  channelReady = startChannel();
  // Interactive from here: browsing, search, preview and citations need no host; writes await it.
  performance.mark("bj-pane-interactive");
  const host = await hostReady;
  state.host = host;
  if (host.kind === "excel" && host.port) registerRibbonCommand(host.port);
  if (host.displayLanguage && !state.languageChosen) {
    state.language = host.displayLanguage;
    followLanguage();
  }
  applyTheme(host);
  renderAll();
  await refreshInserted(false);
  document.documentElement.dataset.pane = "ready";
  performance.mark("bj-pane-host-ready");
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => void start());
} else {
  void start();
}
