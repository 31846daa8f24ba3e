/**
 * The workbook port's Excel adapter, run unchanged against the simulated host: inserting curated
 * tables in both languages, text kept as text, bindings, sync counts, refusals and save/reopen.
 */
import { TRACKING_NAMESPACE, currentDataset, formatFigureValue, parseTrackingRecord, serializeTrackingRecord, tableGrid } from "../../src/core";
import type { TableGrid } from "../../src/core";
import { LANGUAGES } from "../../src/data";
import { AdapterError, BINDINGS_NAMESPACE, ExcelWorkbook, TABLE_STYLE, parseBindings, serializeBindings } from "../../src/office";
import type { TableBinding } from "../../src/office";
import { createSimulatedExcel, openSimulatedExcel } from "../../src/simulated-excel";
import type { SimulatedExcel, SimulatedExcelOptions } from "../../src/simulated-excel";

const index = currentDataset();

function setup(options: SimulatedExcelOptions = {}): { host: SimulatedExcel; port: ExcelWorkbook } {
  const host = createSimulatedExcel(options);
  // The simulator's run is passed where the adapter takes Excel.run: this line is the compile-time
  // check that the simulator satisfies the adapter's Excel interfaces.
  const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
  return { host, port };
}

interface Read {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  text: string[][];
}

async function read(host: SimulatedExcel, address: string): Promise<Read> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange(address);
    range.load("values, formulas, numberFormat, text");
    await context.sync();
    return { values: range.values, formulas: range.formulas, numberFormat: range.numberFormat, text: range.text };
  });
}

async function trackingXml(host: SimulatedExcel): Promise<string[]> {
  return (await partsOf(host, TRACKING_NAMESPACE)).map(([, xml]) => xml);
}

/** The parts of a namespace as [id, xml] pairs, in workbook order. */
async function partsOf(host: SimulatedExcel, namespace: string): Promise<[string, string][]> {
  return host.run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(namespace).load("items/id");
    await context.sync();
    const xmls = parts.items.map((part) => [part.id, part.getXml()] as const);
    await context.sync();
    return xmls.map(([id, xml]): [string, string] => [id, xml.value]);
  });
}

async function bindingsXml(host: SimulatedExcel): Promise<string[]> {
  return host.run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(BINDINGS_NAMESPACE).load("items/id");
    await context.sync();
    const xmls = parts.items.map((part) => part.getXml());
    await context.sync();
    return xmls.map((xml) => xml.value);
  });
}

/** Replaces a part's XML as a damaged file or another tool might leave it. */
async function overwritePart(host: SimulatedExcel, id: string, xml: string): Promise<void> {
  await host.run(async (context) => context.workbook.customXmlParts.getItem(id).setXml(xml));
}

async function errorOf(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof AdapterError) return error;
    throw error;
  }
  throw new Error("expected an AdapterError");
}

describe.each(LANGUAGES)("insertTable (%s)", (language) => {
  const grid = tableGrid(index, "fdi_headline", language);

  it("writes title, header, rows, note and source with per-cell formats, at the active cell", async () => {
    const { host, port } = setup();
    host.user.select("Sheet1!B3");
    const inserted = await port.insertTable(grid);
    // Title, header, rows, the empty spacer row, note, source.
    const rows = grid.rows.length + 5;
    const width = grid.header.length;
    expect(inserted.address).toBe(`Sheet1!B3:${String.fromCharCode(65 + width)}${3 + rows - 1}`);
    const block = await read(host, inserted.address.split("!")[1] ?? "");
    const blank = (text: string): unknown[] => [text, ...Array(width - 1).fill("")];
    expect(block.values).toEqual([blank(grid.title), [...grid.header], ...grid.rows.map((row) => [...row]), blank(""), blank(grid.note), blank(grid.sourceLine)]);
    expect(inserted.problems).toEqual([]);
    expect(block.numberFormat.slice(2, 2 + grid.rows.length)).toEqual(grid.numberFormats.map((row) => [...row]));
    expect(block.numberFormat[1]).toEqual(grid.header.map(() => "@"));
    // Each figure shows as the core's own rendering of it: the number format did its job.
    const valueColumn = grid.columnKeys.indexOf("value");
    const shown = block.text.slice(2, 2 + grid.rows.length).map((row) => row[valueColumn]);
    const expected = grid.rowIds.map((id) => {
      const figure = index.figure(id);
      if (!figure) throw new Error(`no figure ${id}`);
      return formatFigureValue(figure, language);
    });
    expect(shown).toEqual(expected);
  });

  it("creates a uniquely named Excel table and records its binding", async () => {
    const { host, port } = setup();
    const first = await port.insertTable(grid, { address: "A1" });
    const second = await port.insertTable(grid, { address: "A20" });
    expect([first.binding.tableName, second.binding.tableName]).toEqual(["BJ_fdi_headline", "BJ_fdi_headline_2"]);
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem("BJ_fdi_headline_2").load("name, style");
      const header = table.getHeaderRowRange().load("values, address");
      const body = table.getDataBodyRange().load("values");
      await context.sync();
      expect(table.style).toBe(TABLE_STYLE);
      expect(header.values).toEqual([[...grid.header]]);
      const [start = "", end = ""] = (second.tableAddress.split("!")[1] ?? "").split(":");
      expect(header.address).toBe(`Sheet1!${start}:${end.replace(/\d+$/, "")}${start.replace(/^[A-Z]+/, "")}`);
      expect(start).toBe("A21");
      expect(body.values).toEqual(grid.rows.map((row) => [...row]));
    });
    // One version-2 tracking part per insert; no version-1 part is written any more.
    expect(await bindingsXml(host)).toEqual([]);
    const records = (await trackingXml(host)).map((xml) => parseTrackingRecord(xml));
    expect(records.map((parsed) => (parsed.ok ? parsed.record.table?.name : parsed.damage))).toEqual(["BJ_fdi_headline", "BJ_fdi_headline_2"]);
    const recorded = [first.binding, second.binding];
    expect(recorded.map(({ recordId: _id, ...rest }) => rest)).toEqual([
      { tableName: "BJ_fdi_headline", tableId: "fdi_headline", releaseId: grid.releaseId, language, sheet: "Sheet1", mode: "values" },
      { tableName: "BJ_fdi_headline_2", tableId: "fdi_headline", releaseId: grid.releaseId, language, sheet: "Sheet1", mode: "values" },
    ]);
    expect(first.binding.recordId).not.toBe(second.binding.recordId);
    expect(await port.listBindings()).toEqual({ bindings: recorded, damagedParts: [] });
  });
});

describe("insertTable: safety", () => {
  const hostile: TableGrid = {
    tableId: "hostile",
    releaseId: "test",
    language: "en",
    title: "=HYPERLINK(\"http://evil.example\",\"click\")",
    columnKeys: ["item", "value"],
    header: ["=1+1", "+Value"],
    rowIds: ["a", "b"],
    valueFigureIds: [null, null],
    statTexts: [null, null],
    rows: [
      ["@SUM(1)", 1],
      ["-1+2", 2],
    ],
    numberFormats: [
      ["@", "0"],
      ["@", "0"],
    ],
    note: "-note",
    sourceLine: "+source",
  };

  it("stores text that starts with = + - @ as text, never as a formula", async () => {
    const { host, port } = setup();
    await port.insertTable(hostile, { address: "A1" });
    const block = await read(host, "A1:B7");
    expect(block.formulas.map((row) => row[0])).toEqual([hostile.title, "=1+1", "@SUM(1)", "-1+2", "", "-note", "+source"]);
    expect(block.values.map((row) => row[0])).toEqual(block.formulas.map((row) => row[0]));
    expect(block.formulas[1]?.[1]).toBe("+Value");
  });

  it("refuses to overwrite a non-empty cell, names it and writes nothing", async () => {
    const { host, port } = setup();
    await host.user.type("C5", "mine");
    const before = host.save();
    const error = await errorOf(port.insertTable(tableGrid(index, "fdi_headline", "en"), { address: "B2" }));
    expect(error.code).toBe("target_not_empty");
    expect(error.details.address).toBe("Sheet1!C5");
    expect(error.localized("en")).toContain("Sheet1!C5");
    expect(error.localized("zh")).toContain("Sheet1!C5");
    expect(host.save()).toEqual(before);
    expect(host.syncCount).toBe(1);
  });

  it("refuses an area that meets an existing (even empty) table", async () => {
    const { host, port } = setup();
    await host.run(async (context) => void context.workbook.worksheets.getActiveWorksheet().tables.add("D4:E5", true));
    await host.run(async (context) => context.workbook.worksheets.getActiveWorksheet().getRange("D4:E5").clear("Contents"));
    const before = host.save();
    const error = await errorOf(port.insertTable(tableGrid(index, "fdi_headline", "en"), { address: "A1" }));
    expect([error.code, error.details.table, error.isTargetError]).toEqual(["target_in_table", "Table1", true]);
    expect(host.save()).toEqual(before);
  });

  it("reports a protected sheet before writing, and maps AccessDenied met mid-insert", async () => {
    const { host, port } = setup();
    host.user.protectSheet("Sheet1");
    const before = host.save();
    const error = await errorOf(port.insertTable(tableGrid(index, "fdi_headline", "en")));
    expect([error.code, error.details.sheet]).toEqual(["sheet_protected", "Sheet1"]);
    expect(host.save()).toEqual(before);

    const second = setup();
    const start = second.host.syncCount;
    second.host.onBeforeSync(start + 2, () => second.host.user.protectSheet("Sheet1"));
    const raced = await errorOf(second.port.insertTable(tableGrid(index, "fdi_headline", "en")));
    expect([raced.code, raced.details.officeCode]).toEqual(["sheet_protected", "AccessDenied"]);
  });

  it("reports a missing sheet", async () => {
    const { port } = setup();
    const error = await errorOf(port.insertTable(tableGrid(index, "fdi_headline", "en"), { sheet: "Nope" }));
    expect([error.code, error.details.sheet]).toEqual(["sheet_not_found", "Nope"]);
  });

  it("wraps every other host error as office_error with its Office code", async () => {
    // A request over the host's payload limit: an Office error with no mapping of its own.
    const { port } = setup({ payloadLimitBytes: 100 });
    const error = await errorOf(port.insertTable(tableGrid(index, "fdi_headline", "en")));
    expect([error.code, error.details.officeCode]).toEqual(["office_error", "RequestPayloadSizeLimitExceeded"]);
  });
});

describe("records: nothing recorded is ever lost", () => {
  const grid = tableGrid(index, "fdi_headline", "en");
  const open = `<bindings xmlns="${BINDINGS_NAMESPACE}">`;

  it("never rewrites a part: damaged version-1 and version-2 parts stay byte-identical, inserts still take 2 syncs", async () => {
    const { host, port } = setup();
    const first = await port.insertTable(grid, { address: "A1" });
    const old: TableBinding = { tableName: "BJ_old", tableId: "fdi_headline", releaseId: "old", language: "zh", sheet: "Sheet1" };
    const damagedV1 = `${open}{"version":1,"tables":[</bindings>`;
    const [[v2Id, v2Xml] = ["", ""]] = await partsOf(host, TRACKING_NAMESPACE);
    // Truncated mid-record, as a crash or a careless edit might leave it.
    const damagedV2 = `${v2Xml.slice(0, v2Xml.length - 40)}</record>`;
    await overwritePart(host, v2Id, damagedV2);
    // setXml gave the damaged part a new id (office-js #3564): what follows must keep that one.
    const [[damagedId] = [""]] = await partsOf(host, TRACKING_NAMESPACE);
    expect(damagedId).not.toBe(v2Id);
    await host.run(async (context) => {
      context.workbook.customXmlParts.add(damagedV1);
      context.workbook.customXmlParts.add(serializeBindings([old]));
    });
    const v1Before = await partsOf(host, BINDINGS_NAMESPACE);

    const before = host.syncCount;
    const second = await port.insertTable(grid, { address: "A40" });
    expect(host.syncCount - before).toBe(2);

    expect(await partsOf(host, BINDINGS_NAMESPACE)).toEqual(v1Before);
    const v2After = await partsOf(host, TRACKING_NAMESPACE);
    expect(v2After[0]).toEqual([damagedId, damagedV2]);
    expect(v2After).toHaveLength(2);
    const report = await port.listBindings();
    expect(report.bindings).toEqual([old, second.binding]);
    expect(report.damagedParts.map((part) => part.damage).sort()).toEqual(["invalid_json", "invalid_json"]);
    expect(first.binding.recordId).toBeDefined();
  });

  it("reads a version-1 part as damaged as a whole: bad XML, bad JSON, another version, one bad entry", () => {
    const good: TableBinding = { tableName: "T", tableId: "t", releaseId: "r", language: "en", sheet: "S" };
    const cases: [string, string][] = [
      ["<other/>", "not_bindings_xml"],
      [`${open}{"version":1,"tables":[</bindings>`, "invalid_json"],
      [`${open}{"version":2,"tables":[]}</bindings>`, "unknown_version"],
      [`${open}[]</bindings>`, "unknown_version"],
      [serializeBindings([good, { ...good, language: "fr" } as unknown as TableBinding]), "invalid_entry"],
    ];
    const wrong = cases.flatMap(([xml, damage]) => {
      const parsed = parseBindings(xml);
      return parsed.ok || parsed.damage !== damage ? [`${xml} -> ${JSON.stringify(parsed)}`] : [];
    });
    expect(wrong).toEqual([]);
    expect(parseBindings(serializeBindings([good]))).toEqual({ ok: true, bindings: [good] });
  });

  it("reads a version-2 record back exactly as written", async () => {
    const { port } = setup();
    const inserted = await port.insertTable(grid, { address: "B2" });
    expect(parseTrackingRecord(serializeTrackingRecord(inserted.record))).toEqual({ ok: true, record: inserted.record });
  });
});

describe("insertTable: round trips", () => {
  it("takes 2 syncs for the first insert and 2 after, whatever the table's size", async () => {
    const { host, port } = setup();
    const small = tableGrid(index, "fdi_headline", "en");
    const rows = Array.from({ length: 2000 }, (_, i) => [`row ${i}`, i]);
    const large: TableGrid = {
      ...small,
      tableId: "large",
      columnKeys: ["item", "value"],
      header: ["Item", "Value"],
      rowIds: rows.map((_, i) => `r${i}`),
      valueFigureIds: rows.map(() => null),
      statTexts: rows.map(() => null),
      rows,
      numberFormats: rows.map(() => ["@", "#,##0"]),
    };
    let before = host.syncCount;
    await port.insertTable(small, { address: "A1" });
    expect(host.syncCount - before).toBe(2);
    before = host.syncCount;
    await port.insertTable(large, { address: "H1" });
    expect(host.syncCount - before).toBe(2);
    const writes = host.syncs[host.syncs.length - 1];
    expect(writes?.payloadBytes).toBeLessThan(5 * 1024 * 1024);
    // Bulk writes: a fixed number of operations, not one per row.
    expect(writes?.operations).toBeLessThan(20);
  });

  it("falls back on older hosts: no active cell API (1.7), no calculation suspension (1.6), no getTables (1.9)", async () => {
    const { host, port } = setup({ requirementSets: { ExcelApi: "1.5" } });
    host.user.select("Sheet1!C2");
    const inserted = await port.insertTable(tableGrid(index, "fdi_headline", "zh"));
    expect(inserted.address.startsWith("Sheet1!C2:")).toBe(true);
    const locations = host.syncs.flatMap((sync) => sync.locations);
    expect(locations).not.toContain("Application.suspendApiCalculationUntilNextSync");
    expect(locations).not.toContain("Workbook.getActiveCell");
  });

  it("keeps cells, formats, table and bindings through save and reopen", async () => {
    const { host, port } = setup();
    const grid = tableGrid(index, "fdi_headline", "zh");
    const inserted = await port.insertTable(grid, { address: "B2" });
    const local = inserted.address.split("!")[1] ?? "";
    const before = await read(host, local);
    const reopened = openSimulatedExcel(JSON.parse(JSON.stringify(host.save())) as ReturnType<SimulatedExcel["save"]>);
    expect(await read(reopened, local)).toEqual(before);
    const again = new ExcelWorkbook({ run: reopened.run, isSetSupported: reopened.isSetSupported });
    expect(await again.listBindings()).toEqual({ bindings: [inserted.binding], damagedParts: [] });
    const next = await again.insertTable(grid, { address: "B30" });
    expect(next.binding.tableName).toBe("BJ_fdi_headline_2");
  });
});
