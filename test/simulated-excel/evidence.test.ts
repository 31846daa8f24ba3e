/**
 * Contract tests for the behaviours in docs/excel-evidence.md that the simulated host once got
 * kinder than Excel. Each test names its source beside it; where the evidence is silent the
 * simulator takes the stricter reading, and the comment says so.
 */
import { PAYLOAD_LIMIT_BYTES, READ_CELL_LIMIT, SimOfficeError, createSimulatedExcel } from "../../src/simulated-excel";
import type { SimPlatform, SimRange, SimulatedExcel } from "../../src/simulated-excel";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof SimOfficeError) return error.code;
    throw error;
  }
  return "no error";
}

describe("custom XML parts", () => {
  // office-js #3564 (as cited in issue 14): setXml creates a new part and deletes the old one, so
  // the part's id changes. A proxy still holding the old id finds nothing.
  it("setXml gives the part a new id and deletes the old part", async () => {
    const host = createSimulatedExcel();
    const ns = "urn:test:setxml";
    const first = await host.run(async (context) => {
      const part = context.workbook.customXmlParts.add(`<r xmlns="${ns}">1</r>`).load("id");
      await context.sync();
      return part.id;
    });
    await host.run(async (context) => context.workbook.customXmlParts.getItem(first).setXml(`<r xmlns="${ns}">2</r>`));
    const after = host.save().workbook.customXmlParts;
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(first);
    expect(after[0]?.xml).toBe(`<r xmlns="${ns}">2</r>`);
    expect(await codeOf(host.run(async (context) => void context.workbook.customXmlParts.getItem(first).load("id")))).toBe("ItemNotFound");
    // The same proxy used again after its setXml: its old id is gone.
    const code = await codeOf(
      host.run(async (context) => {
        const part = context.workbook.customXmlParts.getItem(after[0]?.id ?? "");
        part.setXml(`<r xmlns="${ns}">3</r>`);
        await context.sync();
        part.getXml();
        await context.sync();
      }),
    );
    expect(code).toBe("ItemNotFound");
  });
});

describe("read limits", () => {
  // "A range is limited to 5,000,000 cells for read operations" (Resource limits and performance
  // optimization for Office Add-ins, https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization);
  // RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number"
  // (Error handling with the application-specific JavaScript APIs,
  // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
  type Load = (range: SimRange) => void;
  /** The error code of a load (given as a function of the range) of A1:E{rows}. */
  function readCode(host: SimulatedExcel, rows: number, load: Load): Promise<string> {
    return codeOf(
      host.run(async (context) => {
        load(context.workbook.worksheets.getActiveWorksheet().getRangeByIndexes(0, 0, rows, 5));
        await context.sync();
      }),
    );
  }

  it.each<SimPlatform>(["web", "desktop"])("refuses a read of more than 5,000,000 cells with RangeExceedsLimit (%s)", async (platform) => {
    expect(READ_CELL_LIMIT).toBe(5_000_000);
    const host = createSimulatedExcel({ platform });
    const over = READ_CELL_LIMIT / 5 + 1;
    const cellReads: Load[] = [
      (range) => range.load("values"),
      (range) => range.load("formulas"),
      (range) => range.load("numberFormat"),
      (range) => range.load("valueTypes"),
      (range) => range.load("text"),
      (range) => range.format.font.load("bold"),
    ];
    for (const load of cellReads) expect(await readCode(host, over, load)).toBe("RangeExceedsLimit");
    // The size of a range is not a read of its cells.
    expect(await readCode(host, over, (range) => range.load("address, rowCount"))).toBe("no error");
    expect(await readCode(host, 10, (range) => range.load("values"))).toBe("no error");
  });

  /** Writes 200 cells of 30,000 characters in column A, in syncs that each stay under the request limit. */
  async function bigColumn(platform: SimPlatform): Promise<SimulatedExcel> {
    const host = createSimulatedExcel({ platform });
    const hundred = Array.from({ length: 100 }, () => ["x".repeat(30_000)]);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:A100").values = hundred;
      await context.sync();
      sheet.getRange("A101:A200").values = hundred;
      await context.sync();
    });
    return host;
  }

  // "Excel on the web has a payload size limit for requests and responses of 5MB"; the two codes
  // "only occur in Office on the web" (the two pages above).
  it("refuses a response over 5 MB with ResponsePayloadSizeLimitExceeded on the web, not on the desktop", async () => {
    const readAll = (host: SimulatedExcel): Promise<string> =>
      codeOf(
        host.run(async (context) => {
          context.workbook.worksheets.getActiveWorksheet().getRange("A1:A200").load("values");
          await context.sync();
        }),
      );
    const web = await bigColumn("web");
    expect(await readAll(web)).toBe("ResponsePayloadSizeLimitExceeded");
    expect(web.syncs.at(-1)?.failed).toBe("ResponsePayloadSizeLimitExceeded");
    const desktop = await bigColumn("desktop");
    expect(await readAll(desktop)).toBe("no error");
    // The estimate is the JSON of what was loaded.
    expect(desktop.syncs.at(-1)?.responseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    // Half of it fits on the web.
    const half = await codeOf(
      web.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange("A1:A100").load("values");
        await context.sync();
      }),
    );
    expect(half).toBe("no error");
    expect(web.syncs.at(-1)?.responseBytes).toBeGreaterThan(3_000_000);
  });

  it("refuses a request over 5 MB on the web only", async () => {
    const write = (platform: SimPlatform): Promise<string> =>
      codeOf(
        createSimulatedExcel({ platform }).run(async (context) => {
          context.workbook.worksheets.getActiveWorksheet().getRange("A1:A200").values = Array.from({ length: 200 }, () => ["x".repeat(30_000)]);
          await context.sync();
        }),
      );
    expect(await write("web")).toBe("RequestPayloadSizeLimitExceeded");
    expect(await write("desktop")).toBe("no error");
  });
});
