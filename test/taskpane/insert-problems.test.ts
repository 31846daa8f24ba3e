/**
 * What the pane says after an insert whose read-back found problems (src/taskpane/feedback.ts):
 * the #NAME? cells are named with what to do, other errors and a table range that differs are
 * reported, in both languages; nothing is said when the read-back found nothing.
 */
import "../functions/setup-custom-functions";
import { currentDataset, tableGrid } from "../../src/core";
import { ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel } from "../../src/simulated-excel";
import { insertProblemsText } from "../../src/taskpane/feedback";

describe("the pane's words for an insert's problems", () => {
  it("names the first #NAME? cell and the count, in English and Chinese, from a real insert's result", async () => {
    // A host that does not know the BJ functions: every =BJ.STAT cell shows #NAME?.
    const host = createSimulatedExcel({});
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
    const inserted = await port.insertTable(tableGrid(currentDataset(), "fdi_headline", "en"), { address: "B2", mode: "formulas" });
    const count = inserted.problems.length;
    expect(count).toBeGreaterThan(1);
    const first = inserted.problems[0];
    const address = first?.kind === "formula_error" ? first.address : "";
    expect(insertProblemsText(inserted.problems, "en")).toBe(
      `${count} formulas, the first in ${address}, show #NAME?: Excel does not know the BJ functions here. Check that the add-in's functions are loaded (Insert > My Add-ins), or insert as values.`,
    );
    expect(insertProblemsText(inserted.problems, "zh")).toContain(`${count} 个公式（第一个在 ${address}）显示 #NAME?`);
  });

  it("reports other errors and a table range, one sentence each; null when nothing was found", () => {
    const text = insertProblemsText(
      [
        { kind: "formula_error", address: "Sheet1!C4", error: "#SPILL!" },
        { kind: "table_range", table: "BJ_t", expected: "Sheet1!B3:F9", actual: "Sheet1!B3:F10" },
      ],
      "en",
    );
    expect(text).toBe(
      "Excel reports the table BJ_t at Sheet1!B3:F10, not at Sheet1!B3:F9 as written. Check the cells around it before you refresh or remove it. The formula in Sheet1!C4 shows #SPILL!. The cells are kept; hover over the cell for Excel's explanation.",
    );
    expect(insertProblemsText([], "zh")).toBeNull();
  });
});
