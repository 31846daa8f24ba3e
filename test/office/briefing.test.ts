/**
 * Issue 17's Excel side, against the simulated host: the briefing inserted on a new sheet in both
 * languages in 2 syncs, with live figure cells, native charts on those cells and a briefing
 * record; listed; removed exactly (the sheet when nothing else is on it, else only what was
 * written), refused after an edit or on a protected sheet.
 */
import "../functions/setup-custom-functions";
import { BRIEFING_NAMESPACE, briefingFormula, briefingLayout, currentDataset, formatFigureValue, parseBriefingRecord, qualified } from "../../src/core";
import { LANGUAGES, type Language } from "../../src/data";
import { REGISTERED } from "../../src/functions/functions";
import { AdapterError, ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel, SimulatedExcelOptions } from "../../src/simulated-excel";

const index = currentDataset();
const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

function setup(options: SimulatedExcelOptions = {}): { host: SimulatedExcel; port: ExcelWorkbook } {
  const host = createSimulatedExcel({ functions: bjFunctions, ...options });
  let n = 0;
  return { host, port: new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported, newRecordId: () => `rec-${++n}`, now: () => new Date("2025-02-01T00:00:00Z") }) };
}

async function syncsOf<T>(host: SimulatedExcel, call: () => Promise<T>): Promise<[T, number]> {
  const before = host.syncCount;
  const result = await call();
  return [result, host.syncCount - before];
}

async function read(host: SimulatedExcel, sheet: string, address: string): Promise<{ formulas: unknown[][]; text: string[][] }> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRange(address).load("formulas, text");
    await context.sync();
    return { formulas: range.formulas, text: range.text };
  });
}

interface SeenChart {
  name: string;
  title: string;
  values: string[];
  categories: string[];
  source: string;
  top: number;
  left: number;
}

async function chartsOn(host: SimulatedExcel, sheet: string): Promise<SeenChart[]> {
  return host.run(async (context) => {
    const charts = context.workbook.worksheets.getItem(sheet).charts.load("items/name, items/top, items/left");
    await context.sync();
    const details = charts.items.map((chart) => {
      const series = chart.series.getItemAt(0);
      return {
        chart,
        title: chart.title.load("text"),
        values: series.getDimensionValues("Values"),
        categories: series.getDimensionValues("Categories"),
        source: series.getDimensionDataSourceString("Values"),
      };
    });
    await context.sync();
    return details.map(({ chart, title, values, categories, source }) => ({
      name: chart.name,
      title: title.text,
      values: values.value,
      categories: categories.value,
      source: source.value,
      top: chart.top,
      left: chart.left,
    }));
  });
}

async function sheetNames(host: SimulatedExcel): Promise<string[]> {
  return host.run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    return sheets.items.map((sheet) => sheet.name);
  });
}

async function briefingParts(host: SimulatedExcel): Promise<string[]> {
  return host.run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(BRIEFING_NAMESPACE).load("items/id");
    await context.sync();
    const xml = parts.items.map((part) => part.getXml());
    await context.sync();
    return xml.map((each) => each.value);
  });
}

const EXPECTED: Record<Language, { sheet: string }> = { en: { sheet: "Briefing" }, zh: { sheet: "简报" } };

describe.each(LANGUAGES)("insertBriefing (%s)", (language) => {
  const layout = briefingLayout(index, language);

  test("2 syncs: a new sheet with the text, live figure cells and three charts on those cells; a record", async () => {
    const { host, port } = setup();
    const [inserted, syncs] = await syncsOf(host, () => port.insertBriefing(layout));
    expect(syncs).toBe(2);
    expect(inserted.sheet).toBe(EXPECTED[language].sheet);
    expect(inserted.address).toBe(qualified(EXPECTED[language].sheet, `A1:N${layout.rows}`));
    expect(inserted.charts).toEqual(layout.charts.map((chart) => chart.name));

    const { formulas, text } = await read(host, inserted.sheet, inserted.record.block);
    // Every cell as laid out: text as text, figures as =BJ.STAT formulas.
    layout.content.forEach((row, r) => row.forEach((content, c) => expect(formulas[r]?.[c] ?? "").toBe(content ?? "")));
    // Figure cells show their bound, period tag and estimate mark.
    const cellText = (address: string): string => {
      const at = /^([A-Z]+)(\d+)$/.exec(address);
      const column = [...(at?.[1] ?? "A")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return text[Number(at?.[2] ?? 1) - 1]?.[column] ?? "";
    };
    const shownOf = (id: string): string => cellText(layout.figureCells.find((cell) => cell.figureId === id && cell.role === "statement")?.address ?? "A1");
    // The bare number under the cell's format, in the briefing's language whatever Excel's.
    const shownAs = (id: string): string => {
      const figure = index.figure(id);
      if (!figure) throw new Error(id);
      return formatFigureValue(figure, language, { periodTag: true });
    };
    expect(shownOf("pioneering_policies")).toBe(shownAs("pioneering_policies"));
    expect(shownOf("national_fdi_new_enterprises_yoy")).toBe(shownAs("national_fdi_new_enterprises_yoy"));
    expect(shownOf("national_fdi_new_enterprises_yoy")).toMatch(language === "en" ? /^est\. 9%/ : /估算/);

    const charts = await chartsOn(host, inserted.sheet);
    expect(charts.map((chart) => chart.name)).toEqual(layout.charts.map((chart) => chart.name));
    charts.forEach((chart, i) => {
      const spec = layout.charts[i];
      expect(chart.title).toBe(spec?.title);
      expect(chart.categories).toEqual(spec?.categories);
      // The series shows its cells as they show themselves: bound, estimate mark (and any tag).
      const [from, to] = (spec?.valuesRange ?? "").split(":");
      expect(chart.values).toEqual([cellText(from ?? ""), cellText(to ?? "")]);
      chart.values.forEach((value, k) => expect(value).toBe(shownAs(spec?.figureIds[k] ?? "")));
      expect(chart.source).toContain(inserted.sheet);
      expect(chart.source.endsWith(`!${(spec?.valuesRange ?? "").replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`)).toBe(true);
    });
    // Charts sit right of the text, one under the other.
    expect(charts.every((chart) => chart.left > 0)).toBe(true);
    expect(charts.map((chart) => chart.top)).toEqual([...charts.map((chart) => chart.top)].sort((a, b) => a - b));

    const parts = await briefingParts(host);
    expect(parts).toHaveLength(1);
    const parsed = parseBriefingRecord(parts[0] ?? "");
    expect(parsed.ok && parsed.record).toEqual(inserted.record);
    expect(inserted.record).toMatchObject({ recordId: "rec-1", language, releaseId: index.release.id, createdSheet: true, sheet: { name: inserted.sheet, id: null } });
    expect(inserted.record.figureCells.map((cell) => cell.figureId)).toContain("ftz_fdi_share_prev_year");
  });

  test("the charts follow their live cells", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    const spec = layout.charts[0];
    const first = spec?.valuesRange.split(":")[0] ?? "";
    await host.user.type(`'${inserted.sheet}'!${first}`, "0.2");
    const [chart] = await chartsOn(host, inserted.sheet);
    expect(chart?.values[0]?.startsWith("20%")).toBe(true);
  });

  test("a second briefing goes on a sheet of its own, in 2 syncs too; both are listed (2 syncs)", async () => {
    const { host, port } = setup();
    await port.insertBriefing(layout);
    const [second, syncs] = await syncsOf(host, () => port.insertBriefing(layout));
    expect(syncs).toBe(2);
    expect(second.sheet).toBe(`${EXPECTED[language].sheet} (2)`);
    const [listed, listSyncs] = await syncsOf(host, () => port.listBriefings());
    expect(listSyncs).toBe(2);
    expect(listed.entries.map((entry) => [entry.recordId, entry.found?.sheet])).toEqual([
      ["rec-1", EXPECTED[language].sheet],
      ["rec-2", `${EXPECTED[language].sheet} (2)`],
    ]);
    expect(listed.damagedParts).toEqual([]);
  });

  test("remove deletes the sheet it created when nothing else is on it, and its record: 4 syncs", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    const [, syncs] = await syncsOf(host, () => port.removeBriefing(inserted.record.recordId));
    expect(syncs).toBe(4);
    expect(await sheetNames(host)).toEqual(["Sheet1"]);
    expect(await briefingParts(host)).toEqual([]);
    expect((await port.listBriefings()).entries).toEqual([]);
  });
});

describe("selectBriefing (the pane's Go to)", () => {
  const layout = briefingLayout(index, "en");

  async function active(host: SimulatedExcel): Promise<[string, string]> {
    return host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet().load("name");
      const cell = context.workbook.getActiveCell().load("address");
      await context.sync();
      return [sheet.name, cell.address];
    });
  }

  test("activates its sheet and selects its title: 3 syncs, whatever the number of briefings", async () => {
    const { host, port } = setup();
    const first = await port.insertBriefing(layout);
    host.user.activate("Sheet1");
    host.user.select("Sheet1!D4");
    const [, syncs] = await syncsOf(host, () => port.selectBriefing(first.record.recordId));
    expect(syncs).toBe(3);
    expect(await active(host)).toEqual(["Briefing", "Briefing!A1"]);

    const zh = await port.insertBriefing(briefingLayout(index, "zh"));
    await port.insertBriefing(layout);
    host.user.activate("Sheet1");
    const [, again] = await syncsOf(host, () => port.selectBriefing(zh.record.recordId));
    expect(again).toBe(3);
    expect(await active(host)).toEqual(["简报", "'简报'!A1"]);
  });

  test("refused for a gone sheet and an unknown record, changing nothing", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    host.user.deleteSheet("Briefing");
    host.user.select("Sheet1!C2");
    await expect(port.selectBriefing(inserted.record.recordId)).rejects.toMatchObject({ code: "sheet_not_found", details: { sheet: "Briefing" } });
    await expect(port.selectBriefing("nope")).rejects.toMatchObject({ code: "record_not_found" });
    expect(await active(host)).toEqual(["Sheet1", "Sheet1!C2"]);
  });
});

describe("forgetInserted takes a briefing's record too (its sheet gone)", () => {
  test("deletes only the record; the workbook's other briefing, its table and its cells stay", async () => {
    const { host, port } = setup();
    const en = await port.insertBriefing(briefingLayout(index, "en"));
    const zh = await port.insertBriefing(briefingLayout(index, "zh"));
    host.user.deleteSheet("Briefing");
    const before = host.save().workbook.sheets.map((sheet) => sheet.name);
    expect((await port.listBriefings()).entries.map((each) => [each.recordId, each.found !== null])).toEqual([
      [en.record.recordId, false],
      [zh.record.recordId, true],
    ]);
    const listSyncs = (await syncsOf(host, () => port.listInserted()))[1];
    const [, syncs] = await syncsOf(host, () => port.forgetInserted(en.record.recordId));
    // listInserted's syncs + 1: the records and their XML, then the delete.
    expect(syncs).toBe(listSyncs + 1);
    expect((await port.listBriefings()).entries.map((each) => each.recordId)).toEqual([zh.record.recordId]);
    expect(host.save().workbook.sheets.map((sheet) => sheet.name)).toEqual(before);
    await expect(port.forgetInserted(en.record.recordId)).rejects.toMatchObject({ code: "record_not_found" });
  });
});

describe("remove keeps what the user added", () => {
  const layout = briefingLayout(index, "en");

  test("with the user's cell on the sheet, only the briefing's cells, formats and charts go", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    await host.user.type("Briefing!A60", "my note");
    await host.user.type("Briefing!E3", "beside");
    await port.removeBriefing(inserted.record.recordId);
    expect(await sheetNames(host)).toEqual(["Sheet1", "Briefing"]);
    expect(await chartsOn(host, "Briefing")).toEqual([]);
    const after = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Briefing");
      const used = sheet.getUsedRange(true).load("address");
      const cells = sheet.getRange("A60").load("values");
      const near = sheet.getRange("E3").load("values");
      const title = sheet.getRange("A1").format.font.load("bold");
      await context.sync();
      return { used: used.address, note: cells.values, near: near.values, bold: title.bold };
    });
    expect(after).toEqual({ used: "Briefing!A3:E60", note: [["my note"]], near: [["beside"]], bold: false });
    expect(await briefingParts(host)).toEqual([]);
  });

  test("the user's own chart on the sheet keeps the sheet and the chart", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Briefing");
      sheet.charts.add("ColumnClustered", sheet.getRange("G6:G7"), "Columns").name = "Mine";
      await context.sync();
    });
    await port.removeBriefing(inserted.record.recordId);
    expect((await chartsOn(host, "Briefing")).map((chart) => chart.name)).toEqual(["Mine"]);
  });

  test("the last visible sheet is never deleted: its cells are cleared instead", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    host.user.deleteSheet("Sheet1");
    await port.removeBriefing(inserted.record.recordId);
    expect(await sheetNames(host)).toEqual(["Briefing"]);
    const { formulas } = await read(host, "Briefing", inserted.record.block);
    expect(formulas.flat().every((cell) => cell === "")).toBe(true);
  });

  test("refused, changing nothing, after the user changed a written cell; on a protected sheet; for an unknown record", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    const figure = layout.figureCells[0]?.address ?? "B7";
    await host.user.type(`Briefing!${figure}`, "42");
    const before = JSON.stringify(host.save());
    const edited = await port.removeBriefing(inserted.record.recordId).catch((error: unknown) => error);
    expect(edited).toBeInstanceOf(AdapterError);
    expect(edited).toMatchObject({ code: "edited_since_insert", details: { address: `Briefing!${figure}` } });
    expect(JSON.stringify(host.save())).toBe(before);
    expect(await chartsOn(host, "Briefing")).toHaveLength(3);

    await host.user.type(`Briefing!${figure}`, briefingFormula(layout.figureCells[0]?.figureId ?? ""));
    host.user.protectSheet("Briefing");
    await expect(port.removeBriefing(inserted.record.recordId)).rejects.toMatchObject({ code: "sheet_protected" });
    await expect(port.removeBriefing("nope")).rejects.toMatchObject({ code: "record_not_found" });
    expect(await chartsOn(host, "Briefing")).toHaveLength(3);
  });
});

describe("hosts and other records", () => {
  const layout = briefingLayout(index, "zh");

  test("without ExcelApi 1.7 the briefing is written without charts, still in 2 syncs, and the record says so", async () => {
    const { host, port } = setup({ requirementSets: { ExcelApi: "1.6" } });
    const [inserted, syncs] = await syncsOf(host, () => port.insertBriefing(layout));
    expect(syncs).toBe(2);
    expect(inserted.charts).toEqual([]);
    expect(inserted.record.charts).toEqual([]);
    expect(await chartsOn(host, inserted.sheet)).toEqual([]);
  });

  test("the inserted list shows the briefing (one more sync for its record), and table records never meet its part", async () => {
    const { host, port } = setup();
    const empty = await syncsOf(host, () => port.listInserted());
    expect(empty).toEqual([{ entries: [], damagedParts: [] }, 2]);
    const inserted = await port.insertBriefing(layout);
    const [report, syncs] = await syncsOf(host, () => port.listInserted());
    expect(syncs).toBe(3);
    expect(report.entries).toEqual([]);
    expect(report.damagedParts).toEqual([]);
    expect(report.briefings?.map((entry) => [entry.recordId, entry.found?.sheet])).toEqual([[inserted.record.recordId, "简报"]]);
  });

  test("a damaged briefing part is reported, never touched", async () => {
    const { host, port } = setup();
    await host.run(async (context) => {
      context.workbook.customXmlParts.add(`<briefing xmlns="${BRIEFING_NAMESPACE}">{not json</briefing>`);
      await context.sync();
    });
    const listed = await port.listBriefings();
    expect(listed.entries).toEqual([]);
    expect(listed.damagedParts).toEqual([{ partId: expect.any(String) as string, damage: "invalid_json" }]);
  });

  test("a taken sheet name between read and write is name_taken, and nothing is written", async () => {
    const { host, port } = setup();
    host.onBeforeSync(host.syncCount + 2, () => host.user.addSheet("简报"));
    await expect(port.insertBriefing(layout)).rejects.toMatchObject({ code: "name_taken", details: { sheet: "简报" } });
    expect(await briefingParts(host)).toEqual([]);
  });
});
