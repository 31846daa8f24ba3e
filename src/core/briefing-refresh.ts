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
import type { Language } from "../data";
import { cellAddress } from "./a1";
import type { BriefingLayout } from "./briefing";
import { type BriefingRecord, briefingRecord } from "./briefing-record";
import { GENERAL_FORMAT } from "./formats";
import { REFRESH_STATUS_TEXT, type RefreshStatus } from "./refresh";
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

/**
 * How one briefing fared in a refresh: refreshed / planned (dry run): cells were (or would be)
 * written; up_to_date: nothing to do; not_found: its sheet is gone; protected: its sheet is
 * protected; data_error: the release lacks a figure or fact the briefing names.
 */
export type BriefingRefreshOutcome = "refreshed" | "planned" | "up_to_date" | "not_found" | "protected" | "data_error";

/** What the words below need of a briefing's refresh entry (src/office's BriefingRefreshEntry). */
export interface BriefingOutcomeLike {
  readonly status: BriefingRefreshOutcome;
  readonly updated: readonly string[];
  readonly kept: readonly string[];
}

/**
 * A briefing's outcome as a table's refresh status, so that the pane shows one set of badges:
 * as for tables, the status says what the briefing was before the refresh (refreshed: "stale").
 */
export function briefingRefreshStatus(entry: BriefingOutcomeLike): RefreshStatus {
  switch (entry.status) {
    case "planned":
    case "refreshed":
      return "stale";
    case "up_to_date":
      return entry.kept.length > 0 ? "edited" : "current";
    case "not_found":
      return "missing";
    case "protected":
    case "data_error":
      return "blocked";
  }
}

/**
 * One sentence on the briefings of a refresh, for the pane and the ribbon command: their counts
 * per status and the cells written (or to write, in a dry run). "" when there is no briefing.
 */
export function summarizeBriefingRefresh(briefings: readonly BriefingOutcomeLike[], dryRun: boolean, language: Language): string {
  if (briefings.length === 0) return "";
  const counts = new Map<RefreshStatus, number>();
  for (const entry of briefings) counts.set(briefingRefreshStatus(entry), (counts.get(briefingRefreshStatus(entry)) ?? 0) + 1);
  const parts = [...counts.entries()].map(([status, n]) => `${REFRESH_STATUS_TEXT[language][status]}${language === "en" ? ": " : "："}${n}`);
  // Only what is (or will be) written: a protected briefing's planned cells are not.
  const cells = briefings.filter((entry) => entry.status === "planned" || entry.status === "refreshed").reduce((n, entry) => n + entry.updated.length, 0);
  const noun = cells === 1 ? "cell" : "cells";
  const written = dryRun
    ? language === "en" ? `${cells} ${noun} to update (nothing written yet)` : `计划更新 ${cells} 个单元格（尚未写入）`
    : language === "en" ? `${cells} ${noun} written` : `已写入 ${cells} 个单元格`;
  return language === "en" ? `Briefings — ${parts.join(", ")}; ${written}.` : `简报：${parts.join("，")}；${written}。`;
}
