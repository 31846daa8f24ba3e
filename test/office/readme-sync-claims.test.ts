/**
 * The README's and docs' sync counts for an insert are the measured ones: every sentence saying an
 * insert "takes N syncs" or "N round trips" is checked against inserts into an empty workbook and
 * into one that already holds inserted tables (tracking records and bindings), in every mode.
 */
import "../functions/setup-custom-functions";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { currentDataset, tableGrid } from "../../src/core";
import { ExcelWorkbook, type InsertMode } from "../../src/office";
import { createSimulatedExcel, type SimulatedExcel } from "../../src/simulated-excel";

const ROOT = join(__dirname, "../..");
const CLAIMS = [/\binserts?\b[^.]*?\btakes? (\d+) (?:syncs|round trips)/gi, /\binserts?\b[^.]*?\b(\d+) once the workbook holds/gi];

async function syncsOf(host: SimulatedExcel, call: () => Promise<unknown>): Promise<number> {
  const before = host.syncCount;
  await call();
  return host.syncCount - before;
}

describe("the documented insert sync counts", () => {
  it("match what an insert takes, first and once the workbook holds earlier inserts", async () => {
    const claims = ["README.md", "docs/tracking-record.md", "docs/simulated-excel.md"].flatMap((path) =>
      CLAIMS.flatMap((claim) =>
        [...readFileSync(join(ROOT, path), "utf8").replace(/\s+/g, " ").matchAll(claim)].map((match) => ({ path, syncs: Number(match[1]), text: match[0] })),
      ),
    );
    expect(claims.length).toBeGreaterThan(0);
    const measured = new Set<number>();
    const grid = tableGrid(currentDataset(), "fdi_headline", "en");
    for (const mode of ["values", "formulas", "spill"] as InsertMode[]) {
      const host = createSimulatedExcel();
      const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
      host.user.select("Sheet1!B3");
      measured.add(await syncsOf(host, () => port.insertTable(grid, { mode })));
      host.user.select("Sheet1!B30");
      measured.add(await syncsOf(host, () => port.insertTable(grid, { mode })));
      measured.add(await syncsOf(host, () => port.insertTable(grid, { mode, newSheet: true })));
    }
    expect([...measured]).toHaveLength(1);
    const wrong = claims.filter((claim) => !measured.has(claim.syncs)).map((claim) => `${claim.path}: "${claim.text}"`);
    expect(wrong).toEqual([]);
  });
});
