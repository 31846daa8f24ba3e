/**
 * Contract tests for the behaviours in docs/excel-evidence.md that the simulated host once got
 * kinder than Excel. Each test names its source beside it; where the evidence is silent the
 * simulator takes the stricter reading, and the comment says so.
 */
import { SimOfficeError, createSimulatedExcel } from "../../src/simulated-excel";

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
