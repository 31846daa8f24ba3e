/**
 * Refresh of a briefing, planned: given its record, what its cells hold now and the briefing laid
 * out for the release in use, which cells to write and which to keep. Pure.
 *
 * A cell the briefing wrote and nobody touched since (its hash matches the record) takes the new
 * content and number format; a cell the user changed is kept and reported; a cell the new layout
 * needs that the user filled is kept too (and is no longer the briefing's). The figure formulas
 * are written back even when unchanged, so that Excel recalculates them against the new release.
 * Chart titles and series names follow the new layout; their categories and values are cells.
 *
 * Layer: pure core.
 */
import { cellAddress } from "./a1";
import type { BriefingLayout } from "./briefing";
import { type BriefingRecord, briefingRecord } from "./briefing-record";
import { GENERAL_FORMAT } from "./formats";
import { cellHash } from "./tracking";

/** What one briefing's refresh writes: 2-D arrays over `rows` x `columns` from A1, null = leave. */
export interface BriefingRefreshPlan {
  readonly recordId: string;
  readonly fromRelease: string;
  readonly toRelease: string;
  readonly rows: number;
  readonly columns: number;
  readonly values: (string | null)[][];
  readonly formulas: (string | null)[][];
  readonly formats: (string | null)[][];
  /** Cells whose content or format changes (local A1), figure recalculations aside. */
  readonly updated: readonly string[];
  /** Cells kept as the user left them (local A1). */
  readonly kept: readonly string[];
  readonly charts: readonly { readonly name: string; readonly title: string; readonly seriesName: string }[];
  /** Nothing to write: same release, same content. */
  readonly upToDate: boolean;
  /** The record that replaces the old one once the plan is written. */
  readonly record: BriefingRecord;
}

/**
 * Plans the refresh of one briefing. `formulas` and `formats` are what its block (A1 to the larger
 * of the old and new layouts) holds now, as Range.formulas and Range.numberFormat read them.
 */
export function planBriefingRefresh(
  record: BriefingRecord,
  layout: BriefingLayout,
  formulas: readonly (readonly unknown[])[],
  formats: readonly (readonly unknown[])[],
): BriefingRefreshPlan {
  const oldRows = record.cellHashes.length;
  const oldColumns = Math.max(0, ...record.cellHashes.map((row) => row.length));
  const rows = Math.max(oldRows, layout.rows);
  const columns = Math.max(oldColumns, layout.columns);
  const grid = (): (string | null)[][] => Array.from({ length: rows }, () => Array<string | null>(columns).fill(null));
  const values = grid();
  const formulaWrites = grid();
  const formatWrites = grid();
  const hashes: (string | null)[][] = grid();
  const updated: string[] = [];
  const kept: string[] = [];
  const figureAt = new Set(layout.figureCells.map((cell) => cell.address));

  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const old = record.cellHashes[r]?.[c] ?? null;
      const now = formulas[r]?.[c] ?? "";
      const nowFormat = formats[r]?.[c] ?? GENERAL_FORMAT;
      const next = layout.content[r]?.[c] ?? null;
      const nextFormat = layout.formats[r]?.[c] ?? GENERAL_FORMAT;
      const address = cellAddress(r, c);
      const row = hashes[r] ?? [];
      const write = (content: string, format: string): void => {
        if (figureAt.has(address) && content.startsWith("=")) (formulaWrites[r] ?? [])[c] = content;
        else (values[r] ?? [])[c] = content;
        (formatWrites[r] ?? [])[c] = format;
      };
      if (old !== null && cellHash(now) !== old) {
        // The user's edit: kept, and still recorded as changed (remove keeps refusing over it).
        kept.push(address);
        row[c] = old;
        continue;
      }
      if (old === null && next !== null && now !== "") {
        // The new layout needs a cell the user filled: theirs now.
        kept.push(address);
        continue;
      }
      if (next === null) {
        if (old !== null) {
          write("", GENERAL_FORMAT);
          updated.push(address);
        }
        continue;
      }
      row[c] = cellHash(next);
      if (next !== now || nextFormat !== nowFormat) {
        write(next, nextFormat);
        updated.push(address);
      } else if (figureAt.has(address)) {
        // Unchanged formula: written back so that it recalculates against the new release.
        (formulaWrites[r] ?? [])[c] = next;
      }
    }
  }

  const recorded = new Set(record.charts.map((chart) => chart.name));
  const charts = layout.charts.filter((chart) => recorded.has(chart.name)).map(({ name, title, seriesName }) => ({ name, title, seriesName }));
  const upToDate = updated.length === 0 && record.releaseId === layout.releaseId;
  const fresh = briefingRecord(layout, {
    recordId: record.recordId,
    sheetName: record.sheet.name,
    sheetId: record.sheet.id,
    createdSheet: record.createdSheet,
    charts: false,
    insertedAt: record.insertedAt,
  });
  const figureCells = fresh.figureCells.filter((cell) => !kept.includes(cell.address));
  return {
    recordId: record.recordId,
    fromRelease: record.releaseId,
    toRelease: layout.releaseId,
    rows,
    columns,
    values,
    formulas: formulaWrites,
    formats: formatWrites,
    updated,
    kept,
    charts,
    upToDate,
    record: { ...fresh, block: `A1:${cellAddress(rows - 1, columns - 1)}`, cellHashes: hashes, figureCells, charts: record.charts },
  };
}
