/**
 * The preview page: the real task pane (its production bundle, CSS and root element) beside a workbook
 * simulated by src/simulated-excel, drawn by ./grid.ts over a bounded ./viewport.ts. =BJ.* formulas
 * are evaluated by the real functions, other formulas by ./formula-engine.ts. Clicking a cell (or
 * moving with the keys) selects it, and the pane inserts there; typing edits the cell (F2, Enter,
 * Tab, Escape, Delete, as in Excel), the formula bar edits it too, and the name box goes to a cell,
 * range or table. The workbook is saved to the tab's sessionStorage
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
  type FormulaContext,
  type FormulaResult,
  type SimCustomFunction,
  type SimulatedExcel,
  type SimulatedWorkbookSnapshot,
  type WorkbookModel,
} from "../simulated-excel";
import { cellAddress, qualified } from "../core/a1";
import { parseRange, splitAddress } from "../office/layout";
import { drawSheet } from "./grid";
import { type Rect, SHEET_COLUMNS, SHEET_ROWS, viewport } from "./viewport";
import { briefingButtons, drawCharts, paneSyncs } from "./briefing-view";

/** Each registered function under its full name, called as Excel calls it. */
const functions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

/**
 * The formula engine (fast-formula-parser, most of this page's script), loaded as its own chunk
 * the first time a formula needs it, so that the page and the pane are ready without waiting for it.
 */
let engine: Promise<(formula: string, context: FormulaContext) => Promise<FormulaResult>> | null = null;
async function evaluateOther(formula: string, context: FormulaContext): Promise<FormulaResult> {
  engine ??= import(/* webpackChunkName: "formula-engine" */ "./formula-engine").then((module) => module.createFormulaEngine());
  try {
    return await (await engine)(formula, context);
  } catch {
    // The chunk could not load (the site is missing a file): the formula cannot be evaluated here.
    engine = null;
    return { kind: "error", code: "#NAME?" };
  }
}

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
    if (saved) return openSimulatedExcel(JSON.parse(saved) as SimulatedWorkbookSnapshot, { functions, evaluateOther });
  } catch {
    // Unreadable or from another version: start afresh (the next save replaces it).
  }
  return createSimulatedExcel({ functions, evaluateOther });
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

/** An input element of the page, by id. */
function requiredInput(id: string): HTMLInputElement {
  const found = required(id);
  if (!(found instanceof HTMLInputElement)) throw new Error(`#${id} is not an input`);
  return found;
}

let grid: HTMLElement;
let tabs: HTMLElement;
let nameBox: HTMLInputElement;
let formulaBar: HTMLInputElement;
let workbookStatus: HTMLElement;
let charts: HTMLElement;

/** The cell being edited: its address, the editor in it, and what it held before. */
interface Editing {
  readonly row: number;
  readonly column: number;
  readonly input: HTMLInputElement;
}
let editing: Editing | null = null;
/**
 * A press on the grid whose click has not come yet. Redrawing the grid in between would replace
 * the pressed cell, and the browser would then drop the click: an edit ended by that press waits.
 */
let pressPending = false;

type SheetModel = WorkbookModel["sheets"][number];

function activeSheetOf(model: WorkbookModel): SheetModel | undefined {
  return model.sheets.find((each) => each.id === model.activeSheetId) ?? model.sheets[0];
}

/** The smallest rectangle holding every cell in use (null when the sheet is empty): O(cells), never O(coordinates). */
function usedArea(sheet: SheetModel): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const key of Object.keys(sheet.cells)) {
    const [row = 0, column = 0] = key.split(",").map(Number);
    top = Math.min(top, row);
    left = Math.min(left, column);
    bottom = Math.max(bottom, row);
    right = Math.max(right, column);
  }
  return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** What the formula bar shows for a cell: its formula, else its value ("" when empty). */
function contentsOf(sheet: SheetModel, row: number, column: number): string {
  const cell = sheet.cells[`${row},${column}`];
  if (!cell) return "";
  if (cell.formula !== undefined) return cell.formula;
  if (cell.value === null) return "";
  if (typeof cell.value === "boolean") return cell.value ? "TRUE" : "FALSE";
  return String(cell.value);
}

/** Says something about the workbook (a refused edit, a bad Go To) to the eye and to screen readers. */
function say(text: string): void {
  workbookStatus.textContent = text;
}

/** Draws the active sheet from a snapshot of the simulated workbook. */
function render(): void {
  const snapshot = host.save();
  persist(snapshot);
  const model: WorkbookModel = snapshot.workbook;
  const sheet = activeSheetOf(model);
  if (!sheet) return;
  const selection = model.selection;
  const view = viewport(selection, usedArea(sheet));
  const { table, cellsDrawn } = drawSheet(model, sheet, view);
  const editorHadFocus = editing !== null && document.activeElement === editing.input;
  grid.replaceChildren(table);
  const active = cellAddress(selection.row, selection.column);
  const activeCell = document.getElementById(`cell-${active}`);
  // The active cell may be covered by a merged area: the area's cell is then the active one.
  const activeId = activeCell ? `cell-${active}` : (grid.querySelector<HTMLElement>("td.active-cell, td[aria-selected=true]")?.id ?? "");
  if (activeId) grid.setAttribute("aria-activedescendant", activeId);
  else grid.removeAttribute("aria-activedescendant");
  grid.setAttribute("aria-label", sheet.name);
  grid.setAttribute("aria-rowcount", "1048577");
  grid.setAttribute("aria-colcount", "16385");
  if (editing && editing.row === selection.row && editing.column === selection.column && activeCell) {
    // A batch of the pane ended while the user was typing: the editor stays, with what was typed.
    activeCell.replaceChildren(editing.input);
    activeCell.classList.add("editing");
    if (editorHadFocus) editing.input.focus();
  } else {
    editing = null;
    formulaBar.value = contentsOf(sheet, selection.row, selection.column);
  }
  // Scrolled into view clear of the sticky headers (Go to, arrows): the corner cell's size.
  const corner = grid.querySelector("thead th")?.getBoundingClientRect();
  if (corner) grid.style.scrollPadding = `${Math.ceil(corner.height)}px 0 0 ${Math.ceil(corner.width)}px`;
  activeCell?.scrollIntoView({ block: "nearest", inline: "nearest" });
  if (document.activeElement !== nameBox) nameBox.value = active;

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
  // What the last draw cost, for the tests: the cells drawn never grow with the coordinates.
  grid.dataset.cellsDrawn = String(cellsDrawn);
  grid.dataset.view = `${cellAddress(view.firstRow, view.firstColumn)}:${cellAddress(view.firstRow + view.rows - 1, view.firstColumn + view.columns - 1)}`;
  void drawCharts(host, sheet.name, charts);
}

function activeSheetName(): string {
  return activeSheetOf(host.save().workbook)?.name ?? "Sheet1";
}

function select(row: number, column: number, rows = 1, columns = 1): void {
  const r = Math.min(SHEET_ROWS - 1, Math.max(0, row));
  const c = Math.min(SHEET_COLUMNS - 1, Math.max(0, column));
  const local = rows === 1 && columns === 1 ? cellAddress(r, c) : `${cellAddress(r, c)}:${cellAddress(Math.min(SHEET_ROWS - 1, r + rows - 1), Math.min(SHEET_COLUMNS - 1, c + columns - 1))}`;
  host.user.select(qualified(activeSheetName(), local));
  render();
}

/** Excel's message for an edit it refuses, in the page's two languages. */
function refusal(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  if (code === "AccessDenied") return "The cell is on a protected sheet: unprotect the sheet to change it. · 单元格位于受保护的工作表上：请先取消保护。";
  return `Excel would refuse this edit: ${error instanceof Error ? error.message : String(error)} · 无法编辑此单元格。`;
}

/** Writes what the user typed into the active cell, as typing does in Excel, then redraws. */
async function commit(text: string, row: number, column: number): Promise<boolean> {
  try {
    await host.user.type(qualified(activeSheetName(), cellAddress(row, column)), text);
    say("");
    return true;
  } catch (error: unknown) {
    say(refusal(error));
    return false;
  }
}

/**
 * Opens the editor in the active cell. `initial` replaces the cell's contents (a key typed on
 * the grid); without it the editor starts with the contents (F2, a double click).
 */
function startEdit(initial?: string): void {
  const { selection } = host.save().workbook;
  const sheet = activeSheetOf(host.save().workbook);
  const td = document.getElementById(`cell-${cellAddress(selection.row, selection.column)}`);
  if (!sheet || !td) return;
  const input = element("input", { type: "text", class: "cell-editor", "aria-label": `Edit ${cellAddress(selection.row, selection.column)} · 编辑单元格`, spellcheck: "false", autocomplete: "off" });
  input.value = initial ?? contentsOf(sheet, selection.row, selection.column);
  editing = { row: selection.row, column: selection.column, input };
  td.replaceChildren(input);
  td.classList.add("editing");
  formulaBar.value = input.value;
  input.addEventListener("input", () => (formulaBar.value = input.value));
  input.addEventListener("keydown", (event) => void editorKey(event, input));
  // Leaving the cell for anything but the formula bar writes what was typed, as in Excel.
  input.addEventListener("blur", (event) => {
    if (event.relatedTarget === formulaBar || !input.isConnected) return;
    void endEdit(input, [0, 0], false);
  });
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

/** Ends the edit: commits (and moves the active cell by `move`) or cancels (move null); then focuses the grid unless told not to. */
async function endEdit(input: HTMLInputElement, move: [number, number] | null, refocus = true): Promise<void> {
  const current = editing;
  if (!current || current.input !== input) return;
  editing = null;
  if (move) {
    const written = await commit(input.value, current.row, current.column);
    // [0, 0] (focus or a click went elsewhere) keeps whatever is selected by then.
    if (written && (move[0] !== 0 || move[1] !== 0)) select(current.row + move[0], current.column + move[1]);
    else if (!pressPending) render();
  } else {
    say("");
    render();
  }
  if (refocus) grid.focus();
}

async function editorKey(event: KeyboardEvent, input: HTMLInputElement): Promise<void> {
  const moves: Record<string, [number, number]> = { Enter: [1, 0], Tab: [0, 1] };
  const base = moves[event.key];
  if (base) {
    event.preventDefault();
    event.stopPropagation();
    await endEdit(input, event.shiftKey ? [-base[0], -base[1]] : base);
  } else if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    await endEdit(input, null);
  }
}

/**
 * Go To, as Excel's name box does: a cell ("xfb1", "$B$3"), a range ("A1:C4"), either on another
 * sheet ("'My sheet'!B2"), or a table's name. Returns false (and says why) for anything else.
 */
function goTo(text: string): boolean {
  const wanted = text.trim();
  const model = host.save().workbook;
  const table = model.tables.find((each) => each.name.toLowerCase() === wanted.toLowerCase());
  if (table) {
    const sheet = model.sheets.find((each) => each.id === table.sheetId);
    if (sheet?.visibility === "Visible") {
      host.user.select(qualified(sheet.name, `${cellAddress(table.rect.row, table.rect.column)}:${cellAddress(table.rect.row + table.rect.rows - 1, table.rect.column + table.rect.columns - 1)}`));
      render();
      return true;
    }
  }
  const { sheet, local } = splitAddress(wanted);
  const rect = parseRange(local.replace(/\$/g, ""));
  const target = sheet === null ? activeSheetOf(model) : model.sheets.find((each) => each.name.toLowerCase() === sheet.toLowerCase());
  if (!rect || !target || target.visibility !== "Visible") {
    say(`Reference isn't valid: "${wanted}". Type a cell such as B3, a range such as A1:C4, or a table's name. · 引用无效：请输入单元格（如 B3）、区域（如 A1:C4）或表名。`);
    return false;
  }
  host.user.select(qualified(target.name, local.replace(/\$/g, "")));
  say("");
  render();
  return true;
}

/** Keys on the grid itself (not editing): moving, starting an edit, clearing. */
async function gridKey(event: KeyboardEvent): Promise<void> {
  if (editing) return;
  const { selection } = host.save().workbook;
  const page = 20;
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    PageUp: [-page, 0],
    PageDown: [page, 0],
    Enter: [1, 0],
  };
  const move = moves[event.key];
  if (move && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    const sign = event.key === "Enter" && event.shiftKey ? -1 : 1;
    select(selection.row + sign * move[0], selection.column + sign * move[1]);
    return;
  }
  if (event.key === "Home") {
    event.preventDefault();
    select(event.ctrlKey || event.metaKey ? 0 : selection.row, 0);
    return;
  }
  if (event.key === "End" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    const sheet = activeSheetOf(host.save().workbook);
    const used = sheet ? usedArea(sheet) : null;
    select(used ? used.row + used.rows - 1 : 0, used ? used.column + used.columns - 1 : 0);
    return;
  }
  if (event.key === "F2") {
    event.preventDefault();
    startEdit();
    return;
  }
  if (event.key === "Delete" || event.key === "Backspace") {
    event.preventDefault();
    try {
      await host.user.clearContents(qualified(activeSheetName(), cellAddress(selection.row, selection.column)));
      say("");
    } catch (error: unknown) {
      say(refusal(error));
    }
    if (event.key === "Backspace") {
      render();
      startEdit("");
    } else render();
    return;
  }
  // An input method starting to compose (Chinese, Japanese...): open the editor and let it compose there.
  if (event.key === "Process" || event.isComposing) {
    startEdit("");
    return;
  }
  // A printable character starts typing into the cell, replacing what it held.
  if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    startEdit(event.key);
  }
}

/** The workbook the pane runs its adapter over; every batch redraws the grid when it ends. */
const previewHost: PreviewHost = {
  run: (<T>(batch: (context: XlContext) => Promise<T>): Promise<T> => host.run((context) => batch(context)).finally(render)) satisfies ExcelRun,
  isSetSupported: (name, version) => host.isSetSupported(name, version),
};

function cellFrom(event: Event): { row: number; column: number } | null {
  const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>("td[data-address]") : null;
  const rect = target?.dataset.address ? parseRange(target.dataset.address) : null;
  return rect ? { row: rect.row, column: rect.column } : null;
}

function start(): void {
  grid = required("grid");
  tabs = required("sheet-tabs");
  nameBox = requiredInput("name-box");
  formulaBar = requiredInput("formula-bar");
  workbookStatus = required("workbook-status");
  charts = required("charts");
  const status = required("preview-status");
  required("briefing-bar").append(briefingButtons(previewHost.run, previewHost.isSetSupported, (message) => (status.textContent = message)));

  grid.addEventListener("pointerdown", (event) => {
    if (!(event.target instanceof HTMLInputElement)) pressPending = true;
  });
  // A press that never became a click (dragged off): draw what is pending.
  window.addEventListener("pointerup", () =>
    window.setTimeout(() => {
      if (!pressPending) return;
      pressPending = false;
      render();
    }, 0),
  );
  grid.addEventListener("click", (event) => {
    pressPending = false;
    if (event.target instanceof HTMLInputElement) return; // a click in the editor
    const cell = cellFrom(event);
    if (!cell) return;
    // An open editor has already written its cell when it lost the focus (its blur). The cell
    // already selected is not drawn again, so that a second click lands on the same element and
    // makes a double click (which edits).
    const { selection } = host.save().workbook;
    const same = selection.row === cell.row && selection.column === cell.column && selection.rows === 1 && selection.columns === 1;
    if (!same) select(cell.row, cell.column);
    grid.focus();
  });
  grid.addEventListener("dblclick", (event) => {
    if (event.target instanceof HTMLInputElement) return;
    if (cellFrom(event)) startEdit();
  });
  grid.addEventListener("keydown", (event) => void gridKey(event));

  nameBox.addEventListener("focus", () => nameBox.select());
  nameBox.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (goTo(nameBox.value)) grid.focus();
      else nameBox.select();
    } else if (event.key === "Escape") {
      event.preventDefault();
      render();
      grid.focus();
    }
  });
  nameBox.addEventListener("blur", () => {
    const { selection } = host.save().workbook;
    nameBox.value = cellAddress(selection.row, selection.column);
  });

  // The formula bar edits the active cell too: Enter writes, Escape puts back what it held.
  formulaBar.addEventListener("input", () => {
    if (editing) editing.input.value = formulaBar.value;
  });
  formulaBar.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      const { selection } = host.save().workbook;
      editing = null;
      void commit(formulaBar.value, selection.row, selection.column).then(() => {
        render();
        grid.focus();
      });
    } else if (event.key === "Escape") {
      event.preventDefault();
      editing = null;
      render();
      grid.focus();
    }
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
