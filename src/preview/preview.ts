/**
 * The preview page: the real task pane (its production bundle, CSS and root element) beside a workbook
 * simulated by src/simulated-excel, drawn as a grid with sheet tabs, row and column headers, the
 * selection and table styling. Each cell shows its formatted text (the simulator's renderValue);
 * =BJ.* formulas are evaluated by the real functions. Clicking a cell (or moving with the arrow
 * keys) selects it, and the pane inserts there. The workbook is saved to the tab's sessionStorage
 * after every change and reopened from it on a reload (as a user reopens a file), so a reload (e.g.
 * to pick up a newly published release) keeps what was inserted.
 *
 * How the pane finds this workbook: this script runs before taskpane.js (the page's script order)
 * and sets `window.bjPreviewHost = { run, isSetSupported }` over the simulator. When Office.onReady
 * reports no host, the pane takes that hook and runs its own production adapter over it. See
 * src/taskpane/host.ts.
 *
 * Layer: preview (never in a production bundle).
 */
import type { ExcelRun, XlContext } from "../office";
import type { PreviewHost } from "../taskpane/host";
import { REGISTERED } from "../functions/functions";
import {
  createSimulatedExcel,
  openSimulatedExcel,
  renderValue,
  type SimCustomFunction,
  type SimulatedExcel,
  type SimulatedWorkbookSnapshot,
  type WorkbookModel,
} from "../simulated-excel";
import { cellAddress, columnLetters, qualified } from "../core/a1";
import { briefingButtons, drawCharts, paneSyncs } from "./briefing-view";

/** Each registered function under its full name, called as Excel calls it. */
const functions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

/** Where the page keeps its workbook between reloads (this tab only, as a file a user reopens). */
const WORKBOOK_STORAGE_KEY = "bj-preview.workbook.v1";

/** The tab's session storage, or null where the browser refuses it (privacy settings, sandboxing). */
function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The workbook saved by this tab before a reload, reopened as Excel reopens a file; a new empty
 * workbook when there is none or it cannot be read.
 */
function openWorkbook(): SimulatedExcel {
  try {
    const saved = sessionStore()?.getItem(WORKBOOK_STORAGE_KEY);
    if (saved) return openSimulatedExcel(JSON.parse(saved) as SimulatedWorkbookSnapshot, { functions });
  } catch {
    // Unreadable or from another version: start afresh (the next save replaces it).
  }
  return createSimulatedExcel({ functions });
}

const host = openWorkbook();

/** Saves the workbook for the next reload of this tab. A full or blocked storage is ignored. */
function persist(snapshot: SimulatedWorkbookSnapshot): void {
  try {
    sessionStore()?.setItem(WORKBOOK_STORAGE_KEY, JSON.stringify(snapshot));
  } catch {
    // Quota exceeded or storage disabled: the workbook simply does not survive a reload.
  }
}

/** Fill colours of the table styles the pane offers: header, header text, band. */
const TABLE_STYLES: Record<string, { header: string; headerText: string; band: string }> = {
  TableStyleMedium2: { header: "#4472c4", headerText: "#ffffff", band: "#d9e1f2" },
  TableStyleLight9: { header: "#4472c4", headerText: "#ffffff", band: "transparent" },
  TableStyleMedium9: { header: "#4472c4", headerText: "#ffffff", band: "#b4c6e7" },
  TableStyleLight1: { header: "transparent", headerText: "inherit", band: "#d9d9d9" },
  TableStyleMedium4: { header: "#70ad47", headerText: "#ffffff", band: "#e2efda" },
};
const DEFAULT_STYLE = { header: "#4472c4", headerText: "#ffffff", band: "#d9e1f2" };

const MIN_ROWS = 30;
const MIN_COLUMNS = 10;
const POINTS_TO_PX = 4 / 3;
const DEFAULT_WIDTH_PX = 72;
const ROW_HEADER_PX = 40;
/** Columns wider than this are drawn at this width (long note lines would push the table off screen). */
const MAX_WIDTH_PX = 240;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function required(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The preview page has no #${id}`);
  return found;
}

let grid: HTMLElement;
let tabs: HTMLElement;
let nameBox: HTMLElement;
let formulaBar: HTMLElement;
let charts: HTMLElement;

/** Draws the active sheet from a snapshot of the simulated workbook. */
function render(): void {
  const snapshot = host.save();
  persist(snapshot);
  const model: WorkbookModel = snapshot.workbook;
  const sheet = model.sheets.find((each) => each.id === model.activeSheetId) ?? model.sheets[0];
  if (!sheet) return;
  const selection = model.selection;

  // Extent: what is used, with room around it.
  let lastRow = 0;
  let lastColumn = 0;
  for (const key of Object.keys(sheet.cells)) {
    const [row = 0, column = 0] = key.split(",").map(Number);
    lastRow = Math.max(lastRow, row);
    lastColumn = Math.max(lastColumn, column);
  }
  const rows = Math.max(MIN_ROWS, lastRow + 4, selection.row + 2);
  const columns = Math.max(MIN_COLUMNS, lastColumn + 3, selection.column + 2);

  const tables = model.tables.filter((table) => table.sheetId === sheet.id);
  const inTableAt = (r: number, c: number): boolean =>
    tables.some((t) => r >= t.rect.row && r < t.rect.row + t.rect.rows && c >= t.rect.column && c < t.rect.column + t.rect.columns);
  // #grid is the ARIA grid (it holds the focus and aria-activedescendant); the table is only its
  // layout, so its rows and header cells say their grid roles themselves.
  const table = element("table", { class: "cells", role: "presentation" });
  const colgroup = element("colgroup");
  // Widths through the CSSOM, not style attributes: a CSP without 'unsafe-inline' allows only these.
  const column = (width: number): HTMLTableColElement => {
    const col = element("col");
    col.style.width = `${width}px`;
    return col;
  };
  colgroup.append(column(ROW_HEADER_PX));
  let tableWidth = ROW_HEADER_PX;
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    const points = sheet.columnWidths[String(c)];
    const width = points ? Math.min(MAX_WIDTH_PX, Math.round(points * POINTS_TO_PX)) : DEFAULT_WIDTH_PX;
    widths.push(width);
    tableWidth += width;
    colgroup.append(column(width));
  }
  table.append(colgroup);
  // A fixed layout needs the table's width: the columns then keep their widths, text is clipped.
  table.style.width = `${tableWidth}px`;
  const head = element("tr", { role: "row" });
  head.append(element("th", { class: "corner", "aria-hidden": "true" }));
  for (let c = 0; c < columns; c++) {
    head.append(element("th", { role: "columnheader", class: c >= selection.column && c < selection.column + selection.columns ? "header active" : "header" }, columnLetters(c)));
  }
  const thead = element("thead");
  thead.append(head);
  table.append(thead);
  const body = element("tbody");
  for (let r = 0; r < rows; r++) {
    const tr = element("tr", { role: "row" });
    tr.append(element("th", { role: "rowheader", class: r >= selection.row && r < selection.row + selection.rows ? "header active" : "header" }, String(r + 1)));
    for (let c = 0; c < columns; c++) {
      const cell = sheet.cells[`${r},${c}`];
      const address = cellAddress(r, c);
      const td = element("td", { id: `cell-${address}`, role: "gridcell", "data-address": address });
      if (cell) {
        const text = renderValue(cell.value, cell.numberFormat ?? "General", cell.error === true);
        // Text runs on over empty cells to its right, up to the next cell with content, as in Excel.
        let spill = 0;
        if (typeof cell.value === "string" && !inTableAt(r, c)) {
          for (let next = c + 1; next < columns && !sheet.cells[`${r},${next}`] && !inTableAt(r, next); next++) spill += widths[next] ?? 0;
        }
        if (spill > 0) {
          td.classList.add("overflow");
          const run = element("span", { class: "spill" }, text);
          run.style.width = `${(widths[c] ?? 0) + spill - 8}px`;
          td.append(run);
        } else {
          td.textContent = text;
        }
        if (typeof cell.value === "number" || cell.error) td.classList.add("number");
        if (cell.format?.bold) td.classList.add("bold");
        if (cell.format?.italic) td.classList.add("italic");
        if (cell.formula) td.title = cell.formula;
      }
      const inTable = tables.find((t) => r >= t.rect.row && r < t.rect.row + t.rect.rows && c >= t.rect.column && c < t.rect.column + t.rect.columns);
      if (inTable) {
        const style = TABLE_STYLES[inTable.style] ?? DEFAULT_STYLE;
        const dataRow = r - inTable.rect.row - (inTable.showHeaders ? 1 : 0);
        if (inTable.showHeaders && r === inTable.rect.row) {
          td.classList.add("table-header");
          td.style.background = style.header;
          td.style.color = style.headerText;
        } else if (inTable.showBandedRows && dataRow % 2 === 0) {
          td.style.background = style.band;
          // The bands are light in either theme (as in Excel): dark text on them, also in dark mode.
          if (style.band !== "transparent") td.style.color = "#1f1f1f";
        }
        td.classList.add("in-table");
      }
      const selected = r >= selection.row && r < selection.row + selection.rows && c >= selection.column && c < selection.column + selection.columns;
      if (selected) {
        td.classList.add(r === selection.row && c === selection.column ? "active-cell" : "selected");
        td.setAttribute("aria-selected", "true");
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  grid.replaceChildren(table);
  const active = cellAddress(selection.row, selection.column);
  grid.setAttribute("aria-activedescendant", `cell-${active}`);
  grid.setAttribute("aria-label", `${sheet.name}`);
  document.getElementById(`cell-${active}`)?.scrollIntoView({ block: "nearest", inline: "nearest" });

  nameBox.textContent = active;
  const activeCell = sheet.cells[`${selection.row},${selection.column}`];
  formulaBar.textContent = activeCell ? activeCell.formula ?? (activeCell.value === null ? "" : String(activeCell.value)) : "";

  tabs.replaceChildren(
    ...model.sheets
      .filter((each) => each.visibility === "Visible")
      .map((each) => {
        const tab = element("button", { type: "button", role: "tab", class: "sheet-tab", "aria-selected": each.id === sheet.id ? "true" : "false", "data-sheet": each.name }, each.name);
        tab.addEventListener("click", () => {
          host.user.activate(each.name);
          render();
        });
        return tab;
      }),
  );
  document.body.dataset.syncs = String(paneSyncs(host));
  void drawCharts(host, sheet.name, charts);
}

function activeSheetName(): string {
  const model = host.save().workbook;
  return model.sheets.find((each) => each.id === model.activeSheetId)?.name ?? "Sheet1";
}

function select(row: number, column: number): void {
  host.user.select(qualified(activeSheetName(), cellAddress(Math.max(0, row), Math.max(0, column))));
  render();
}

/** The workbook the pane runs its adapter over; every batch redraws the grid when it ends. */
const previewHost: PreviewHost = {
  run: (<T>(batch: (context: XlContext) => Promise<T>): Promise<T> => host.run((context) => batch(context)).finally(render)) satisfies ExcelRun,
  isSetSupported: (name, version) => host.isSetSupported(name, version),
};

function start(): void {
  grid = required("grid");
  tabs = required("sheet-tabs");
  nameBox = required("name-box");
  formulaBar = required("formula-bar");
  charts = required("charts");
  const status = required("preview-status");
  required("briefing-bar").append(briefingButtons(previewHost.run, previewHost.isSetSupported, (message) => (status.textContent = message)));

  grid.addEventListener("click", (event) => {
    const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>("td[data-address]") : null;
    const address = target?.dataset.address;
    if (!address) return;
    const match = /^([A-Z]+)(\d+)$/.exec(address);
    if (!match?.[1] || !match[2]) return;
    let column = 0;
    for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
    select(Number(match[2]) - 1, column - 1);
    grid.focus();
  });
  grid.addEventListener("keydown", (event) => {
    const { selection } = host.save().workbook;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    select(selection.row + move[0], selection.column + move[1]);
  });
  render();
}

// Set now, at load, before taskpane.js runs: the pane reads it when Office reports no host.
window.bjPreviewHost = previewHost;

/** The part of office.js's logger that opens a frame on Microsoft's telemetry service. */
interface OfficeLogger {
  readonly Logger?: { readonly ulsEndpoint?: { loadProxyFrame?: () => void } | null };
}

/**
 * office.js (its o15apptofilemappingtable.js) opens a frame on Microsoft's telemetry service 3 s
 * after loading, even outside Office. The preview runs offline and sends nothing anywhere, so it
 * stops that frame once Office has started. (Inside Office this page is never used.)
 */
function keepOffline(): void {
  const osf = (globalThis as { OSF?: OfficeLogger }).OSF;
  const endpoint = osf?.Logger?.ulsEndpoint;
  if (endpoint) endpoint.loadProxyFrame = () => undefined;
}
if (typeof Office !== "undefined") {
  // Again a little later, in case office.js loads its logger after reporting ready (before its 3 s).
  void Office.onReady().then(() => [0, 1000, 2500].forEach((delay) => window.setTimeout(keepOffline, delay)));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
