/**
 * Refresh takes the same number of syncs whatever the number of tables (issue 9) and however much
 * data the workbook holds (issue 14): 4 when it writes (list, locate, read, write), 3 when the
 * workbook is up to date (and then no write operation).
 */
import { revisedIndex } from "./helpers";
import { refreshScenario } from "./scenario";

const REVISED = revisedIndex();

describe("refresh sync counts", () => {
  it.each([1, 10, 100])("%i tables: 4 syncs to refresh, 3 and no write when up to date", async (tables) => {
    const result = await refreshScenario(tables, REVISED);
    expect(result.statuses).toEqual(Array<string>(tables).fill("stale"));
    expect(result.refresh.syncs).toBe(4);
    expect(result.refresh.writeOperations).toBeGreaterThan(0);
    // Far below the 4 MB split point, so one write request.
    expect(result.refresh.largestPayloadBytes).toBeLessThan(4 * 1024 * 1024);
    expect([result.again.syncs, result.again.writeOperations, result.again.upToDate]).toEqual([3, 0, true]);
  });

  it("splits the write only where a request would pass the budget", async () => {
    const { workbookWith } = await import("./scenario");
    const { refreshTables } = await import("../../src/office/refresh");
    const host = await workbookWith(10);
    const before = host.syncs.length;
    const report = await refreshTables(host.run, REVISED, { payloadBudgetBytes: 4000 });
    const records = host.syncs.slice(before);
    expect(records.length).toBe(report.syncs);
    expect(records.length).toBeGreaterThan(4);
    // Every write request but the last stays within the budget (a single step over it goes alone).
    expect(records.slice(3, -1).filter((record) => record.payloadBytes > 4000 * 1.2)).toEqual([]);
    expect(report.tables.every((table) => table.status === "stale")).toBe(true);
  });
});
