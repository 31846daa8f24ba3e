/** "Open this pane when this workbook opens": the document setting Office reads, per workbook. */
import { AUTO_OPEN_SETTING, type DocumentSettings, ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel, openSimulatedExcel } from "../../src/simulated-excel";

describe("auto-open", () => {
  test("through Office.context.document.settings: set and saved, or removed and saved", async () => {
    const store = new Map<string, unknown>();
    const saves: number[] = [];
    const settings: DocumentSettings = {
      get: (name) => store.get(name),
      set: (name, value) => void store.set(name, value),
      remove: (name) => void store.delete(name),
      saveAsync: (callback) => {
        saves.push(store.size);
        callback?.({ status: "succeeded" });
      },
    };
    const host = createSimulatedExcel();
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported, documentSettings: settings });
    expect(await port.getAutoOpen()).toBe(false);
    await port.setAutoOpen(true);
    expect(store.get(AUTO_OPEN_SETTING)).toBe(true);
    expect(await port.getAutoOpen()).toBe(true);
    await port.setAutoOpen(false);
    expect(store.has(AUTO_OPEN_SETTING)).toBe(false);
    expect(saves).toEqual([1, 0]);
    // Nothing went through Excel batches.
    expect(host.syncCount).toBe(0);
  });

  test("a failed save is reported", async () => {
    const settings: DocumentSettings = { get: () => undefined, set: () => undefined, remove: () => undefined, saveAsync: (callback) => callback?.({ status: "failed", error: { message: "denied" } }) };
    const host = createSimulatedExcel();
    await expect(new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported, documentSettings: settings }).setAutoOpen(true)).rejects.toMatchObject({ code: "office_error" });
  });

  test("without an Office document (the preview): the workbook's settings, kept in the file", async () => {
    const host = createSimulatedExcel();
    const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported, documentSettings: null });
    await port.setAutoOpen(true);
    const reopened = openSimulatedExcel(host.save());
    expect(await new ExcelWorkbook({ run: reopened.run, isSetSupported: reopened.isSetSupported, documentSettings: null }).getAutoOpen()).toBe(true);
    await port.setAutoOpen(false);
    expect(await port.getAutoOpen()).toBe(false);
  });
});
