/**
 * What an insert writes, laid out before any call to Excel: the block of one grid (title line,
 * table or spill cell, an empty spacer row, note and source lines) as whole 2-D arrays of values
 * and number formats, the widths it wants, and the tracking record that describes it. Pure: no
 * Office.js here. Only inserting uses it, so it loads with insert.js.
 */
import { GENERAL_FORMAT, STANDARD_COLUMN_WIDTH, TEXT_FORMAT, cellAddress, cellHash, gridColumnWidths, headerFingerprint, statFormula, tableFormula } from "../core";
import type { TableGrid, TrackedMode, TrackingRecord } from "../core";
import { rangeAddress } from "./layout";

/** One grid's block, positions relative to the block's top-left cell (the title line). */
export interface BlockLayout {
  readonly rows: number;
  readonly columns: number;
  /** What each cell will hold (a formula as its text); null: the cell is not written (left as it is). */
  readonly content: (string | number | null)[][];
  /** `content` without the formula cells: written through Range.values (text cells are "@", so text stays text). */
  readonly values: (string | number | null)[][];
  /** Only the formula cells (=BJ.STAT / =BJ.TABLE), else null: written through Range.formulas. */
  readonly formulas: (string | null)[][];
  /** Number formats, written before the values so that text cells ("@") keep text as text. */
  readonly formats: (string | null)[][];
  /** Row offset of the table's header row (the =BJ.TABLE cell in spill mode). */
  readonly tableRow: number;
  /** Header + data rows. */
  readonly tableRows: number;
  readonly mode: TrackedMode;
  /**
   * Row offsets of the single-cell lines; null where not written. The note line is two rows below
   * the table's last row: the row between (the spacer) is part of the block but never written.
   */
  readonly lines: { readonly title: number; readonly note: number | null; readonly source: number | null };
  /**
   * The width (points) each column wants, to show its header and cells whole (gridColumnWidths):
   * the same in values and spill mode; formulas mode counts the value cells as =BJ.STAT shows
   * them (with the period tag), so that column may be wider. An insert never narrows a column.
   */
  readonly columnWidths: readonly number[];
}

/** A line of text in the first cell of a row, written as text. */
function line(text: string, columns: number): { values: (string | null)[]; formats: (string | null)[] } {
  return {
    values: [text, ...Array<null>(columns - 1).fill(null)],
    formats: [TEXT_FORMAT, ...Array<null>(columns - 1).fill(null)],
  };
}

/** Lays out one grid's block for a mode, with or without the note and source lines. */
export function blockLayout(grid: TableGrid, mode: TrackedMode, includeSource: boolean): BlockLayout {
  const columns = Math.max(1, grid.header.length);
  const title = line(grid.title, columns);
  const values: (string | number | null)[][] = [title.values];
  const formats: (string | null)[][] = [title.formats];
  if (mode === "spill") {
    // One formula cell; the rest of the spill area stays empty for Excel to fill. Its format is set
    // to General so that a text format left on the empty cell cannot turn the formula into text.
    values.push([tableFormula(grid.tableId, grid.language), ...Array<null>(columns - 1).fill(null)]);
    formats.push([GENERAL_FORMAT, ...Array<null>(columns - 1).fill(null)]);
    for (let r = 0; r < grid.rows.length; r++) {
      values.push(Array<null>(columns).fill(null));
      formats.push(Array<null>(columns).fill(null));
    }
  } else {
    values.push([...grid.header]);
    formats.push(grid.header.map(() => TEXT_FORMAT));
    const valueColumn = grid.columnKeys.indexOf("value");
    grid.rows.forEach((row, r) => {
      const figureId = grid.valueFigureIds[r] ?? null;
      values.push(row.map((cell, c) => (mode === "formulas" && c === valueColumn && figureId !== null ? statFormula(figureId, grid.language) : cell)));
      formats.push([...(grid.numberFormats[r] ?? row.map(() => GENERAL_FORMAT))]);
    });
  }
  const tableRows = 1 + grid.rows.length;
  let note: number | null = null;
  let source: number | null = null;
  if (includeSource) {
    // The spacer: the row directly below the table stays empty (never written), so that Excel's
    // auto-expansion on values set directly below a table cannot take the note line into it.
    values.push(Array<null>(columns).fill(null));
    formats.push(Array<null>(columns).fill(null));
    const noteLine = line(grid.note, columns);
    const sourceLine = line(grid.sourceLine, columns);
    note = values.length;
    values.push(noteLine.values);
    formats.push(noteLine.formats);
    source = values.length;
    values.push(sourceLine.values);
    formats.push(sourceLine.formats);
  }
  // The formula cells: the spill cell, or the value cells of formulas mode. Everything else,
  // whatever its text starts with, is a value.
  const formulaAt = (r: number, c: number): boolean =>
    mode === "spill" ? r === 1 && c === 0 : mode === "formulas" && r >= 2 && r < 2 + grid.rows.length && c === grid.columnKeys.indexOf("value") && (grid.valueFigureIds[r - 2] ?? null) !== null;
  const formulas = values.map((row, r) => row.map((cell, c) => (formulaAt(r, c) && typeof cell === "string" ? cell : null)));
  const plain = values.map((row, r) => row.map((cell, c) => (formulaAt(r, c) ? null : cell)));
  const columnWidths = gridColumnWidths(grid, { statTexts: mode === "formulas" });
  return { rows: values.length, columns, content: values, values: plain, formulas, formats, tableRow: 1, tableRows, mode, lines: { title: 0, note, source }, columnWidths };
}

/**
 * The width to set on each of `columns` columns, or null to leave it: the widest any block wants
 * there, where that is wider than the column was (`before`; null for a new sheet, whose columns
 * have the standard width; a width read as null is unknown, and that column is left as it is). So
 * an insert never narrows a column, and insert all tables fits every table sharing a column.
 */
export function fitWidths(wanted: readonly (readonly number[])[], before: readonly (number | null)[] | null, columns: number): (number | null)[] {
  return Array.from({ length: columns }, (_, c) => {
    const want = Math.max(0, ...wanted.map((each) => each[c] ?? 0));
    const had = before === null ? STANDARD_COLUMN_WIDTH : (before[c] ?? null);
    return had !== null && want > had ? want : null;
  });
}

export interface RecordPlace {
  readonly recordId: string;
  readonly sheetName: string;
  readonly sheetId: string | null;
  /** 0-based top-left of the block. */
  readonly row: number;
  readonly column: number;
  /** The Excel table's name; ignored in spill mode. */
  readonly tableName: string;
  readonly insertedAt: string;
  /** The widths of the block's columns before the insert; null on a sheet the insert created. */
  readonly columnWidths: readonly number[] | null;
}

/** The tracking record of a block written at a place: addresses, ids and a hash of every written cell. */
export function trackingRecord(grid: TableGrid, layout: BlockLayout, place: RecordPlace): TrackingRecord {
  const at = (rowOffset: number, columnOffset = 0): string => cellAddress(place.row + rowOffset, place.column + columnOffset);
  const tableAddress = rangeAddress(place.row + layout.tableRow, place.column, layout.tableRows, layout.columns);
  return {
    version: 2,
    recordId: place.recordId,
    tableId: grid.tableId,
    releaseId: grid.releaseId,
    language: grid.language,
    mode: layout.mode,
    sheet: { name: place.sheetName, id: place.sheetId },
    anchor: at(0),
    block: rangeAddress(place.row, place.column, layout.rows, layout.columns),
    table: layout.mode === "spill" ? null : { name: place.tableName, id: null, address: tableAddress },
    spillCell: layout.mode === "spill" ? at(layout.tableRow) : null,
    lines: {
      title: at(layout.lines.title),
      note: layout.lines.note === null ? null : at(layout.lines.note),
      source: layout.lines.source === null ? null : at(layout.lines.source),
    },
    columnKeys: [...grid.columnKeys],
    rowIds: [...grid.rowIds],
    headerFingerprint: headerFingerprint(grid.header),
    cellHashes: layout.content.map((row) => row.map((value) => (value === null ? null : cellHash(value)))),
    columnWidths: place.columnWidths === null ? null : [...place.columnWidths],
    insertedAt: place.insertedAt,
  };
}
