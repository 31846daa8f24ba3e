/**
 * Refresh of a briefing, against the simulated host: to the revised release fixture, untouched
 * cells take its text and formats and the figures recalculate; what the user typed stays and is
 * reported; a dry run and an up-to-date workbook write nothing; remove still works after.
 */
import "../functions/setup-custom-functions";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BRIEFING_NAMESPACE, briefingLayout, currentDataset, indexRelease, parseBriefingRecord, resetActiveRelease, setActiveRelease } from "../../src/core";
import type { DatasetIndex } from "../../src/core";
import { Release } from "../../src/data/schema";
import { REGISTERED } from "../../src/functions/functions";
import { ExcelWorkbook } from "../../src/office";
import { createSimulatedExcel } from "../../src/simulated-excel";
import type { SimCustomFunction, SimulatedExcel } from "../../src/simulated-excel";

const EMBEDDED = currentDataset();
const REVISED: DatasetIndex = indexRelease(Release.parse(JSON.parse(readFileSync(join(__dirname, "../fixtures/releases/revised.json"), "utf8"))));
const bjFunctions: Record<string, SimCustomFunction> = Object.fromEntries(
  Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
);

beforeEach(() => resetActiveRelease());
afterAll(() => resetActiveRelease());

function setup(): { host: SimulatedExcel; port: ExcelWorkbook } {
  const host = createSimulatedExcel({ functions: bjFunctions });
  return { host, port: new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported }) };
}

async function measured<T>(host: SimulatedExcel, call: () => Promise<T>): Promise<{ result: T; syncs: number; writes: number }> {
  const before = host.syncs.length;
  const result = await call();
  const records = host.syncs.slice(before);
  return { result, syncs: records.length, writes: records.reduce((n, record) => n + record.writes, 0) };
}

async function text(host: SimulatedExcel, address: string): Promise<string> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getItem("Briefing").getRange(address).load("text");
    await context.sync();
    return range.text[0]?.[0] ?? "";
  });
}

async function parts(host: SimulatedExcel): Promise<string[]> {
  return host.run(async (context) => {
    const found = context.workbook.customXmlParts.getByNamespace(BRIEFING_NAMESPACE).load("items/id");
    await context.sync();
    const xml = found.items.map((part) => part.getXml());
    await context.sync();
    return xml.map((each) => each.value);
  });
}

const layout = briefingLayout(EMBEDDED, "en");
const cellOf = (figureId: string): string => layout.figureCells.find((cell) => cell.figureId === figureId && cell.role === "statement")?.address ?? "A1";
const traceOf = (figureId: string): string => `D${cellOf(figureId).slice(1)}`;

describe("refreshBriefings", () => {
  test("same release: up to date, 3 syncs, nothing written", async () => {
    const { host, port } = setup();
    await port.insertBriefing(layout);
    const run = await measured(host, () => port.refreshBriefings(EMBEDDED));
    expect(run.syncs).toBe(3);
    expect(run.writes).toBe(0);
    expect(run.result.upToDate).toBe(true);
    expect(run.result.briefings.map((entry) => entry.status)).toEqual(["up_to_date"]);
  });

  test("to the revised release: 4 syncs; text, figures and record follow; the user's edits stay and are reported", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    const sentence = `A${cellOf("ftz_fdi_share").slice(1)}`;
    await host.user.type(`Briefing!${sentence}`, "My own words about the zone");
    await host.user.type("Briefing!A70", "a note of mine");
    setActiveRelease(REVISED.release, { kind: "channel" });

    const run = await measured(host, () => port.refreshBriefings(REVISED));
    expect(run.syncs).toBe(4);
    const [entry] = run.result.briefings;
    expect(entry).toMatchObject({ status: "refreshed", fromRelease: EMBEDDED.release.id, sheet: "Briefing" });
    expect(entry?.kept).toEqual([sentence]);
    expect(entry?.updated).toEqual(expect.arrayContaining(["A2", traceOf("fdi_new_enterprises"), cellOf("fdi_new_enterprises")]));

    // The source and release line, the new phrase, the new figure with its (now whole-year) format.
    expect(await text(host, "A2")).toContain(REVISED.release.id);
    expect(await text(host, traceOf("fdi_new_enterprises"))).toContain("1,950 foreign-funded enterprises");
    expect(await text(host, cellOf("fdi_new_enterprises"))).toBe("1,950");
    expect(await text(host, cellOf("ftz_fdi_share"))).toBe("34.1%");
    // Kept as typed.
    expect(await text(host, sentence)).toBe("My own words about the zone");
    expect(await text(host, "A70")).toBe("a note of mine");

    const records = (await parts(host)).map(parseBriefingRecord);
    expect(records).toHaveLength(1);
    const record = records[0]?.ok ? records[0].record : null;
    expect(record).toMatchObject({ recordId: inserted.record.recordId, releaseId: REVISED.release.id, charts: inserted.record.charts, sheet: { name: "Briefing" } });
    expect(record?.sheet.id).toEqual(expect.any(String));

    // Renamed by the user: found by the id the refresh recorded.
    host.user.renameSheet("Briefing", "My briefing");
    expect((await port.listBriefings()).entries[0]?.found?.sheet).toBe("My briefing");
    host.user.renameSheet("My briefing", "Briefing");

    // Again: up to date now, the user's sentence still kept.
    const again = await measured(host, () => port.refreshBriefings(REVISED));
    expect(again.writes).toBe(0);
    expect(again.result.briefings[0]).toMatchObject({ status: "up_to_date", kept: [sentence] });
  });

  test("a dry run plans, in 3 syncs, and changes nothing", async () => {
    const { host, port } = setup();
    await port.insertBriefing(layout);
    const before = JSON.stringify(host.save());
    const run = await measured(host, () => port.refreshBriefings(REVISED, { dryRun: true }));
    expect(run.syncs).toBe(3);
    expect(run.result.briefings[0]?.status).toBe("planned");
    expect(run.result.briefings[0]?.updated.length).toBeGreaterThan(0);
    expect(JSON.stringify(host.save())).toBe(before);
  });

  test("after a refresh, remove still removes exactly what was written", async () => {
    const { host, port } = setup();
    const inserted = await port.insertBriefing(layout);
    await port.refreshBriefings(REVISED);
    await port.removeBriefing(inserted.record.recordId);
    const names = await host.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
    expect(names).toEqual(["Sheet1"]);
  });

  test("a release without a figure the briefing names: data_error, nothing written", async () => {
    const { host, port } = setup();
    await port.insertBriefing(layout);
    const lacking = indexRelease({ ...EMBEDDED.release, id: "2025-04-01.1", figures: EMBEDDED.release.figures.filter((figure) => figure.id !== "ftz_fdi_share_prev_year") });
    const before = JSON.stringify(host.save());
    const run = await port.refreshBriefings(lacking);
    expect(run.briefings.map((entry) => entry.status)).toEqual(["data_error"]);
    expect(run.upToDate).toBe(false);
    expect(JSON.stringify(host.save())).toBe(before);
  });

  test("a protected sheet is reported, not written", async () => {
    const { host, port } = setup();
    await port.insertBriefing(layout);
    host.user.protectSheet("Briefing");
    const before = JSON.stringify(host.save());
    const run = await port.refreshBriefings(REVISED);
    expect(run.briefings.map((entry) => entry.status)).toEqual(["protected"]);
    expect(JSON.stringify(host.save())).toBe(before);
  });
});
