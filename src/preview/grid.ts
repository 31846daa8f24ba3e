/**
 * Draws one sheet of the simulated workbook as the preview's grid: the part the viewport names
 * (src/preview/viewport.ts, so the cost never grows with a cell's coordinates), with row and column
 * headers, the selection, table styling, merged areas drawn merged, and each cell's formatted text
 * (the simulator's renderValue). As in Excel, text runs on over empty cells to its right; numbers
 * are right-aligned, error values and booleans centred, and neither ever runs on.
 *
 * Layer: preview (never in a production bundle).
 */
import { renderValue, type WorkbookModel } from "../simulated-excel";
import { cellAddress, columnLetters } from "../core/a1";
import type { Rect, Viewport } from "./viewport";

type SheetModel = WorkbookModel["sheets"][number];
type TableModel = WorkbookModel["tables"][number];

/** Fill colours of the table styles the pane offers: header, header text, band. */
const TABLE_STYLES: Record<string, { header: string; headerText: string; band: string }> = {
  TableStyleMedium2: { header: "#4472c4", headerText: "#ffffff", band: "#d9e1f2" },
  TableStyleLight9: { header: "#4472c4", headerText: "#ffffff", band: "transparent" },
  TableStyleMedium9: { header: "#4472c4", headerText: "#ffffff", band: "#b4c6e7" },
  TableStyleLight1: { header: "transparent", headerText: "inherit", band: "#d9d9d9" },
  TableStyleMedium4: { header: "#70ad47", headerText: "#ffffff", band: "#e2efda" },
};
const DEFAULT_STYLE = { header: "#4472c4", headerText: "#ffffff", band: "#d9e1f2" };

const POINTS_TO_PX = 4 / 3;
const DEFAULT_WIDTH_PX = 72;
/** Row headers widen with the row numbers they show (Excel's do too): "1048576" fits. */
const rowHeaderWidth = (lastRow: number): number => Math.max(40, 12 + 8 * String(lastRow).length);
/** Columns wider than this are drawn at this width (long note lines would push the table off screen). */
const MAX_WIDTH_PX = 240;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function inside(rect: Rect, row: number, column: number): boolean {
  return row >= rect.row && row < rect.row + rect.rows && column >= rect.column && column < rect.column + rect.columns;
}

/** The grid's table for `sheet`, drawing `view` of it; `cellsDrawn` counts the td elements made. */
export function drawSheet(model: WorkbookModel, sheet: SheetModel, view: Viewport): { table: HTMLTableElement; cellsDrawn: number } {
  const selection = model.selection;
  const lastRow = view.firstRow + view.rows;
  const lastColumn = view.firstColumn + view.columns;
  const tables = model.tables.filter((table) => table.sheetId === sheet.id);
  const tableAt = (r: number, c: number): TableModel | undefined => tables.find((t) => inside(t.rect, r, c));
  // Merged areas meeting the view, clipped to it: drawn as one cell from their top-left visible cell.
  const merges = sheet.merges
    .map((merge) => {
      const row = Math.max(merge.row, view.firstRow);
      const column = Math.max(merge.column, view.firstColumn);
      const rows = Math.min(merge.row + merge.rows, lastRow) - row;
      const columns = Math.min(merge.column + merge.columns, lastColumn) - column;
      return { merge, drawn: { row, column, rows, columns } };
    })
    .filter(({ drawn }) => drawn.rows > 0 && drawn.columns > 0);
  const mergeAt = (r: number, c: number): (typeof merges)[number] | undefined => merges.find(({ drawn }) => inside(drawn, r, c));

  // #grid is the ARIA grid (it holds the focus and aria-activedescendant); the table is only its
  // layout, so its rows and header cells say their grid roles themselves.
  const table = element("table", { class: "cells", role: "presentation" });
  const colgroup = element("colgroup");
  // Widths through the CSSOM, not style attributes: a CSP without 'unsafe-inline' allows only these.
  const col = (width: number): HTMLTableColElement => {
    const node = element("col");
    node.style.width = `${width}px`;
    return node;
  };
  const headerWidth = rowHeaderWidth(lastRow);
  colgroup.append(col(headerWidth));
  let tableWidth = headerWidth;
  const widths = new Map<number, number>();
  for (let c = view.firstColumn; c < lastColumn; c++) {
    const points = sheet.columnWidths[String(c)];
    const width = points ? Math.min(MAX_WIDTH_PX, Math.round(points * POINTS_TO_PX)) : DEFAULT_WIDTH_PX;
    widths.set(c, width);
    tableWidth += width;
    colgroup.append(col(width));
  }
  table.append(colgroup);
  // A fixed layout needs the table's width: the columns then keep their widths, text is clipped.
  table.style.width = `${tableWidth}px`;
  const head = element("tr", { role: "row" });
  head.append(element("th", { class: "corner", "aria-hidden": "true" }));
  for (let c = view.firstColumn; c < lastColumn; c++) {
    const active = c >= selection.column && c < selection.column + selection.columns;
    head.append(element("th", { role: "columnheader", class: active ? "header active" : "header" }, columnLetters(c)));
  }
  const thead = element("thead");
  thead.append(head);
  table.append(thead);
  const body = element("tbody");
  let cellsDrawn = 0;
  for (let r = view.firstRow; r < lastRow; r++) {
    const tr = element("tr", { role: "row" });
    const activeRow = r >= selection.row && r < selection.row + selection.rows;
    tr.append(element("th", { role: "rowheader", class: activeRow ? "header active" : "header" }, String(r + 1)));
    for (let c = view.firstColumn; c < lastColumn; c++) {
      const merged = mergeAt(r, c);
      if (merged && (merged.drawn.row !== r || merged.drawn.column !== c)) continue; // covered by its merged area
      const address = cellAddress(r, c);
      const td = element("td", { id: `cell-${address}`, role: "gridcell", "data-address": address });
      cellsDrawn++;
      if (merged) {
        if (merged.drawn.columns > 1) td.colSpan = merged.drawn.columns;
        if (merged.drawn.rows > 1) td.rowSpan = merged.drawn.rows;
        td.classList.add("merged");
        td.dataset.merge = `${cellAddress(merged.merge.row, merged.merge.column)}:${cellAddress(merged.merge.row + merged.merge.rows - 1, merged.merge.column + merged.merge.columns - 1)}`;
      }
      // A merged area shows its top-left cell's value, even where only part of it is in view.
      const source = merged ? sheet.cells[`${merged.merge.row},${merged.merge.column}`] : sheet.cells[`${r},${c}`];
      const inTable = tableAt(r, c);
      if (source) {
        const text = renderValue(source.value, source.numberFormat ?? "General", source.error === true);
        const isText = typeof source.value === "string" && source.error !== true;
        // Text runs on over empty cells to its right, up to the next cell with content, as in Excel.
        let runOn = 0;
        if (isText && !inTable && !merged) {
          for (let next = c + 1; next < lastColumn && !sheet.cells[`${r},${next}`] && !tableAt(r, next) && !mergeAt(r, next); next++) runOn += widths.get(next) ?? 0;
        }
        if (runOn > 0) {
          td.classList.add("overflow");
          const run = element("span", { class: "spill" }, text);
          run.style.width = `${(widths.get(c) ?? 0) + runOn - 8}px`;
          td.append(run);
        } else {
          td.textContent = text;
        }
        if (source.error) td.classList.add("error-value");
        else if (typeof source.value === "number") td.classList.add("number");
        else if (typeof source.value === "boolean") td.classList.add("boolean");
        if (source.format?.bold) td.classList.add("bold");
        if (source.format?.italic) td.classList.add("italic");
        if (source.formula) td.title = source.formula;
        if (source.spillFrom !== undefined) td.classList.add("spilled");
      }
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
      if (inside(selection, r, c)) {
        td.classList.add(r === selection.row && c === selection.column ? "active-cell" : "selected");
        td.setAttribute("aria-selected", "true");
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  return { table, cellsDrawn };
}
