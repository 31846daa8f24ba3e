/**
 * The tracking record's pure half (src/core/tracking.ts): round trip, damage classification,
 * hashes and the cell comparison that remove and refresh rely on.
 */
import {
  TRACKING_NAMESPACE,
  canonicalCell,
  cellHash,
  changedCells,
  currentDataset,
  headerFingerprint,
  parseTrackingRecord,
  serializeTrackingRecord,
  tableGrid,
} from "../../src/core";
import type { TrackingRecord } from "../../src/core";
import { blockLayout, trackingRecord } from "../../src/office";

const grid = tableGrid(currentDataset(), "fdi_headline", "zh");
const record: TrackingRecord = trackingRecord(grid, blockLayout(grid, "formulas", true), {
  recordId: "0f8fad5b-d9cb-469f-a165-70867728950e",
  sheetName: "数据 <&> 'x'",
  sheetId: "{00000000-0001-0000-0000-000000000000}",
  row: 2,
  column: 1,
  tableName: "BJ_fdi_headline",
  insertedAt: "2026-01-01T00:00:00.000Z",
  columnWidths: [48, 60.5, 48, 48, 48],
});

describe("tracking record", () => {
  it("round-trips through its XML, escaping what XML needs", () => {
    const xml = serializeTrackingRecord(record);
    expect(xml.startsWith(`<record xmlns="${TRACKING_NAMESPACE}">`)).toBe(true);
    expect(xml).not.toContain("<&>");
    expect(parseTrackingRecord(xml)).toEqual({ ok: true, record });
  });

  it("classifies damage, each case once", () => {
    const open = `<record xmlns="${TRACKING_NAMESPACE}">`;
    const body = (change: Record<string, unknown>): string => `${open}${JSON.stringify({ ...record, ...change })}</record>`;
    const cases: [string, string][] = [
      ["<bindings/>", "not_record_xml"],
      [`${open}{"version":2,</record>`, "invalid_json"],
      [body({ version: 3 }), "unknown_version"],
      [`${open}[]</record>`, "unknown_version"],
      [body({ recordId: "" }), "invalid_record"],
      [body({ language: "fr" }), "invalid_record"],
      [body({ mode: "spill" }), "invalid_record"], // spill with a table
      [body({ anchor: "not a cell" }), "invalid_record"],
      [body({ cellHashes: [["xyz"]] }), "invalid_record"],
      [body({ columnWidths: [-1] }), "invalid_record"],
      [body({ insertedAt: undefined }), "invalid_record"],
    ];
    const wrong = cases.flatMap(([xml, damage]) => {
      const parsed = parseTrackingRecord(xml);
      return parsed.ok || parsed.damage !== damage ? [`${xml.slice(0, 60)} -> ${parsed.ok ? "ok" : parsed.damage}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it("hashes by type and content, and finds the changed cells of a block", () => {
    expect(canonicalCell(1)).not.toBe(canonicalCell("1"));
    expect(cellHash(1)).not.toBe(cellHash("1"));
    expect(cellHash("")).toBe(cellHash(""));
    expect(headerFingerprint(["a", "b"])).not.toBe(headerFingerprint(["a b"]));
    expect(headerFingerprint(["a", "b"])).toMatch(/^[0-9a-f]{16}$/);
    const hashes = [[cellHash("title"), null], [cellHash(1), cellHash("=BJ.STAT(\"x\")")]];
    expect(changedCells(hashes, [["title", "user text"], [1, '=BJ.STAT("x")']])).toEqual([]);
    expect(changedCells(hashes, [["title", ""], [2, '=BJ.STAT("y")']])).toEqual([[1, 0], [1, 1]]);
  });

  it("hashes exactly the cells a block writes", () => {
    const layout = blockLayout(grid, "spill", true);
    const spill = trackingRecord(grid, layout, { ...record, sheetName: "S", sheetId: null, row: 0, column: 0, tableName: "", insertedAt: record.insertedAt, columnWidths: null });
    const written = spill.cellHashes.flatMap((row, r) => row.flatMap((hash, c) => (hash === null ? [] : [`${r},${c}`])));
    const last = layout.rows - 1;
    expect(written).toEqual(["0,0", "1,0", `${last - 1},0`, `${last},0`]);
    expect([spill.table, spill.spillCell, spill.lines]).toEqual([null, "A2", { title: "A1", note: `A${last}`, source: `A${last + 1}` }]);
  });
});
