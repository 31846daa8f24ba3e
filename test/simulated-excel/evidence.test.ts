/**
 * Contract tests for the behaviours in docs/excel-evidence.md that the simulated host once got
 * kinder than Excel. Each test names its source beside it; where the evidence is silent the
 * simulator takes the stricter reading, and the comment says so.
 */
import { PAYLOAD_LIMIT_BYTES, READ_CELL_LIMIT, createSimulatedExcel } from "../../src/simulated-excel";
import type { SimPlatform, SimRange, SimWorksheet, SimulatedExcel } from "../../src/simulated-excel";
import { codeOf } from "./error-code";


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
    expect(web.syncs.at(-1)?.responseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
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

  // A failed request returns an error, not results (Errors: the error object is what the sync
  // rejects with). Stricter where silent: no proxy of a failed sync gets what it loaded.
  it("hands back nothing loaded in a sync that fails, the response limit included", async () => {
    const web = await bigColumn("web");
    let range: SimRange | undefined;
    const code = await codeOf(
      web.run(async (context) => {
        range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:A200").load("values, address");
        await context.sync();
      }),
    );
    expect(code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(() => range?.address).toThrow("is not available");
    const failing = createSimulatedExcel();
    let before: SimRange | undefined;
    const second = await codeOf(
      failing.run(async (context) => {
        before = context.workbook.worksheets.getActiveWorksheet().getRange("A1").load("values");
        context.workbook.worksheets.getItem("No such sheet").load("name");
        await context.sync();
      }),
    );
    expect(second).toBe("ItemNotFound");
    expect(() => before?.values).toThrow("is not available");
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

describe("ids across sessions", () => {
  async function sheetIds(host: SimulatedExcel): Promise<[string, string][]> {
    return host.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name, items/id");
      await context.sync();
      return sheets.items.map((sheet): [string, string] => [sheet.name, sheet.id]);
    });
  }

  // office-js #552 ("by design"): on the web the first sheet of every new workbook has the id
  // {00000000-0001-0000-0000-000000000000}; sheets added later get a fresh GUID.
  it("gives the first sheet of every new workbook on the web the same id, and added sheets fresh ones", async () => {
    const first = createSimulatedExcel();
    const second = createSimulatedExcel({ platform: "web" });
    expect(await sheetIds(first)).toEqual([["Sheet1", "{00000000-0001-0000-0000-000000000000}"]]);
    expect(await sheetIds(second)).toEqual(await sheetIds(first));
    await first.run(async (context) => void context.workbook.worksheets.add("Added"));
    await second.run(async (context) => void context.workbook.worksheets.add("Added"));
    const [, addedFirst] = (await sheetIds(first))[1] ?? [];
    const [, addedSecond] = (await sheetIds(second))[1] ?? [];
    expect(addedFirst).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(addedFirst).not.toBe(addedSecond);
    // On the desktop (office-js #552: "this issue does not exist" on the Mac desktop) each new workbook's first sheet differs.
    const [[, desktopA] = ["", ""]] = await sheetIds(createSimulatedExcel({ platform: "desktop" }));
    const [[, desktopB] = ["", ""]] = await sheetIds(createSimulatedExcel({ platform: "desktop" }));
    expect(desktopA).not.toBe(desktopB);
    expect(desktopA).not.toBe("{00000000-0001-0000-0000-000000000000}");
  });

  // "The ID remains constant within a single session but will change between sessions"
  // (OfficeDev/office-js-docs#297, Microsoft's reply); after reopening, ids read
  // {00000000-0001-0000-000N-000000000000} (office-js-docs#297, office-js#1390).
  it("gives sheets new ids on reopen: by position, so a moved sheet takes another sheet's old id", async () => {
    const host = createSimulatedExcel({ platform: "desktop" });
    await host.run(async (context) => {
      context.workbook.worksheets.add("Second");
      context.workbook.worksheets.add("Third");
      await context.sync();
    });
    const session = await sheetIds(host);
    expect(await sheetIds(host)).toEqual(session);
    const reopened = host.reopen();
    const after = await sheetIds(reopened);
    expect(after.map(([name]) => name)).toEqual(["Sheet1", "Second", "Third"]);
    after.forEach(([, id], position) => {
      expect(id).toBe(`{00000000-0001-0000-000${position}-000000000000}`);
      expect(id).not.toBe(session[position]?.[1]);
    });
    // Content stays; the old host is untouched.
    expect(reopened.save().workbook.sheets.map((sheet) => sheet.cells)).toEqual(host.save().workbook.sheets.map((sheet) => sheet.cells));
    expect(await sheetIds(host)).toEqual(session);
    // A sheet moved between sessions comes back with the id its new position had.
    reopened.user.moveSheet("Third", 0);
    const movedIds = await sheetIds(reopened.reopen());
    expect(movedIds[0]).toEqual(["Third", after[0]?.[1]]);
  });

  // Table.id "uniquely identifies the table in a given workbook" and survives a rename (Excel.Table
  // reference); nothing says it survives a session, so the stricter reading: renumbered on reopen,
  // by the table's place, so that an old id may name another table.
  it("keeps table ids within a session and numbers them again on reopen (stricter where silent)", async () => {
    const host = createSimulatedExcel();
    const tableIds = (of: SimulatedExcel): Promise<[string, string][]> =>
      of.run(async (context) => {
        const tables = context.workbook.tables.load("items/name, items/id");
        await context.sync();
        return tables.items.map((table): [string, string] => [table.name, table.id]);
      });
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.tables.add("A1:B2", true).name = "First";
      sheet.tables.add("D1:E2", true).name = "Second";
      await context.sync();
      sheet.tables.getItem("First").delete();
    });
    const [[, secondId] = ["", ""]] = await tableIds(host);
    host.user.renameTable("Second", "Renamed");
    expect(await tableIds(host)).toEqual([["Renamed", secondId]]);
    expect(await tableIds(host.reopen())).toEqual([["Renamed", "1"]]);
    expect(secondId).not.toBe("1");
  });
});

describe("AutoFilter (ExcelApi 1.9)", () => {
  /** A sheet with table T over A1:B6 (Name, Value) and a plain range D1:E4 beside it. */
  async function filterable(options: Parameters<typeof createSimulatedExcel>[0] = {}): Promise<SimulatedExcel> {
    const host = createSimulatedExcel(options);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:B6").values = [["Name", "Value"], ["a", 10], ["b", 60], ["a", 30], ["c", 90], ["b", 20]];
      sheet.tables.add("A1:B6", true).name = "T";
      sheet.getRange("D1:E4").values = [["Key", "N"], ["x", 1], ["y", 70], ["z", 5]];
    });
    return host;
  }

  function hiddenRows(host: SimulatedExcel): number[] {
    return host.save().workbook.sheets[0]?.hiddenRows ?? [];
  }

  // Excel.AutoFilter reference (https://learn.microsoft.com/javascript/api/excel/excel.autofilter):
  // apply(range, columnIndex, criteria), clearCriteria(), isDataFiltered; Table.autoFilter and
  // Worksheet.autoFilter. Range.rowHidden (ExcelApi 1.2) shows the rows a filter hides.
  it("filters a table's rows by values, reports isDataFiltered and rowHidden, and shows them again on clearCriteria", async () => {
    const host = await filterable();
    const state = await host.run(async (context) => {
      const table = context.workbook.tables.getItem("T");
      table.autoFilter.apply(table.getRange(), 0, { filterOn: "Values", values: ["a"] });
      const filter = table.autoFilter.load("isDataFiltered, enabled");
      const third = context.workbook.worksheets.getActiveWorksheet().getRange("A3").load("rowHidden");
      const second = context.workbook.worksheets.getActiveWorksheet().getRange("A2").load("rowHidden");
      const body = table.getDataBodyRange().load("rowHidden");
      await context.sync();
      return [filter.isDataFiltered, filter.enabled, third.rowHidden, second.rowHidden, body.rowHidden];
    });
    expect(state).toEqual([true, true, true, false, null]);
    expect(hiddenRows(host)).toEqual([2, 4, 5]);
    const cleared = await host.run(async (context) => {
      const filter = context.workbook.tables.getItem("T").autoFilter;
      filter.clearCriteria();
      filter.load("isDataFiltered");
      await context.sync();
      return filter.isDataFiltered;
    });
    expect(cleared).toBe(false);
    expect(hiddenRows(host)).toEqual([]);
    // The user's filter button does the same.
    host.user.filterTable("T", 0, ["a"]);
    expect(hiddenRows(host)).toEqual([2, 4, 5]);
    host.user.clearTableFilter("T");
    expect(hiddenRows(host)).toEqual([]);
  });

  it("filters a worksheet range with custom criteria, outside tables, and removes the filter", async () => {
    const host = await filterable();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.autoFilter.apply("D1:E4", 1, { filterOn: "Custom", criterion1: ">=5", criterion2: "<50", operator: "And" });
    });
    expect(hiddenRows(host)).toEqual([1, 2]);
    const enabled = await host.run(async (context) => {
      const filter = context.workbook.worksheets.getActiveWorksheet().autoFilter;
      const range = filter.getRange().load("address");
      filter.load("enabled, isDataFiltered");
      await context.sync();
      return [range.address, filter.enabled, filter.isDataFiltered];
    });
    expect(enabled).toEqual(["Sheet1!D1:E4", true, true]);
    await host.run(async (context) => context.workbook.worksheets.getActiveWorksheet().autoFilter.remove());
    expect(hiddenRows(host)).toEqual([]);
    expect(host.save().workbook.sheets[0]?.autoFilter).toBeUndefined();
    // A worksheet filter over a table is refused (the table has its own).
    expect(await codeOf(host.run(async (context) => context.workbook.worksheets.getActiveWorksheet().autoFilter.apply("A1:B6", 0, { filterOn: "Values", values: ["a"] })))).toBe("InvalidOperation");
  });

  // office-js #994: rows of a filtered table are not deleted. Excel's code for "a conflict with a
  // filtered range" is FilteredRangeConflict (Error handling with the application-specific
  // JavaScript APIs); the simulator refuses every shift of cells in or through a filtered range,
  // and adding rows to a filtered table (stricter where the evidence is silent).
  it("refuses Range.delete and rows.add that would shift cells of a filtered range (FilteredRangeConflict) and changes nothing", async () => {
    const host = await filterable();
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem("T");
      table.autoFilter.apply(table.getRange(), 1, { filterOn: "Custom", criterion1: ">25" });
    });
    const before = JSON.stringify(host.save());
    const attempts: [string, (sheet: SimWorksheet) => void][] = [
      ["a table row", (sheet) => sheet.getRange("A3:B3").delete("Up")],
      ["the data body", (sheet) => sheet.getRange("A2:B6").delete("Up")],
      ["a cell left of the filtered rows' band", (sheet) => sheet.getRange("A4").delete("Left")],
      ["rows.add", (sheet) => void sheet.tables.getItem("T").rows.add(null, [["d", 1]])],
    ];
    const codes: string[] = [];
    for (const [name, attempt] of attempts) {
      codes.push(`${name}: ${await codeOf(host.run(async (context) => attempt(context.workbook.worksheets.getActiveWorksheet())))}`);
    }
    expect(codes).toEqual(attempts.map(([name]) => `${name}: FilteredRangeConflict`));
    expect(JSON.stringify(host.save())).toBe(before);
    // Columns the filter does not reach still shift, and after clearCriteria the table's rows delete again.
    await host.run(async (context) => context.workbook.worksheets.getActiveWorksheet().getRange("G2").delete("Up"));
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem("T");
      table.autoFilter.clearCriteria();
      await context.sync();
      context.workbook.worksheets.getActiveWorksheet().getRange("A3:B3").delete("Up");
    });
    expect(host.save().workbook.tables[0]?.rect.rows).toBe(5);
  });

  // Sorting a filtered range in Excel sorts the visible rows; hidden rows stay where they are.
  it("keeps sorting working: a filtered table sorts its visible rows only", async () => {
    const host = await filterable();
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem("T");
      table.autoFilter.apply(table.getRange(), 0, { filterOn: "Values", values: ["a", "c"] });
    });
    host.user.sortTable("T", 1, false);
    const values = await host.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A2:B6").load("values");
      await context.sync();
      return range.values;
    });
    // Visible rows 2, 4, 5 (a 10, a 30, c 90) sorted descending; hidden rows 3 and 6 (b 60, b 20) untouched.
    expect(values).toEqual([["c", 90], ["b", 60], ["a", 30], ["a", 10], ["b", 20]]);
  });

  it("needs ExcelApi 1.9 and refuses filtering a protected sheet (AccessDenied)", async () => {
    const old = await filterable({ requirementSets: { ExcelApi: "1.8" } });
    expect(await codeOf(old.run(async (context) => void context.workbook.tables.getItem("T").autoFilter.load("isDataFiltered")))).toBe("ApiNotFound");
    expect(await codeOf(old.run(async (context) => context.workbook.tables.getItem("T").autoFilter.apply("A1:B6", 0, { filterOn: "Values", values: ["a"] })))).toBe("ApiNotFound");
    const host = await filterable();
    host.user.protectSheet("Sheet1");
    expect(await codeOf(host.run(async (context) => context.workbook.tables.getItem("T").autoFilter.apply("A1:B6", 0, { filterOn: "Values", values: ["a"] })))).toBe("AccessDenied");
    // A table's filter takes the table's range only; unmodelled criteria are refused.
    const other = await filterable();
    expect(await codeOf(other.run(async (context) => context.workbook.tables.getItem("T").autoFilter.apply("A1:B3", 0, { filterOn: "Values", values: ["a"] })))).toBe("InvalidArgument");
    expect(await codeOf(other.run(async (context) => context.workbook.tables.getItem("T").autoFilter.apply("A1:B6", 0, { filterOn: "TopItems", criterion1: "2" })))).toBe("InvalidArgument");
  });
});

describe("undo (Ctrl+Z after a batch)", () => {
  async function valueOf(host: SimulatedExcel, address: string): Promise<unknown> {
    return host.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange(address).load("values");
      await context.sync();
      return range.values[0]?.[0];
    });
  }

  // office-js #6415: after an add-in changed the worksheet and custom XML parts, undo reverts the
  // worksheet changes only; the parts stay as the add-in left them.
  it("reverts the last batch's cells and tables but leaves custom XML parts as they are", async () => {
    const host = createSimulatedExcel({ undo: true });
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:B2").values = [["h1", "h2"], [1, 2]];
      sheet.tables.add("A1:B2", true).name = "Mine";
      context.workbook.customXmlParts.add(`<r xmlns="urn:test:undo">record</r>`);
      await context.sync();
    });
    // A read-only batch is no step of its own.
    expect(await valueOf(host, "A1")).toBe("h1");
    host.undo();
    expect(await valueOf(host, "A1")).toBe("");
    const saved = host.save().workbook;
    expect(saved.tables).toEqual([]);
    expect(saved.customXmlParts.map((part) => part.xml)).toEqual([`<r xmlns="urn:test:undo">record</r>`]);
    expect(() => host.undo()).toThrow("Nothing to undo");
  });

  it("has nothing to undo after a user edit, without the option, or after an API that clears Excel's undo stack", async () => {
    const edited = createSimulatedExcel({ undo: true });
    await edited.run(async (context) => void (context.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [[1]]));
    edited.user.select("B2");
    await edited.user.type("C3", "typed");
    expect(() => edited.undo()).toThrow("Nothing to undo");
    const plain = createSimulatedExcel();
    await plain.run(async (context) => void (context.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [[1]]));
    expect(() => plain.undo()).toThrow("undo: true");
    // "Undo support with the Excel JavaScript API": WorksheetProtection.protect is among the APIs
    // without undo support, which clear the user's undo stack.
    const protectedHost = createSimulatedExcel({ undo: true });
    await protectedHost.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1").values = [[1]];
      sheet.protection.protect();
      await context.sync();
    });
    expect(() => protectedHost.undo()).toThrow("cleared the undo stack");
  });
});

describe("table auto-expansion", () => {
  async function withTable(): Promise<SimulatedExcel> {
    const host = createSimulatedExcel();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:B3").values = [["Key", "Value"], ["A", 1], ["B", 2]];
      sheet.tables.add("A1:B3", true).name = "Example";
    });
    return host;
  }

  function tableRect(host: SimulatedExcel): unknown {
    return host.save().workbook.tables[0]?.rect;
  }

  // "write the data into a range object via table.getDataBodyRange(), and the table will expand
  // automatically", with table.getDataBodyRange().getRowsBelow(1).values = [["C", 3]] (Performance
  // optimization using the Excel JavaScript API, "Importing data into tables",
  // https://learn.microsoft.com/office/dev/add-ins/excel/performance).
  it("expands over values set in the row directly below, as the documented example does", async () => {
    const host = await withTable();
    await host.run(async (context) => {
      context.workbook.tables.getItem("Example").getDataBodyRange().getRowsBelow(1).values = [["C", 3]];
    });
    expect(tableRect(host)).toEqual({ row: 0, column: 0, rows: 4, columns: 2 });
    // A write through the data body that reaches past it takes the new rows too.
    await host.run(async (context) => {
      context.workbook.tables.getItem("Example").getDataBodyRange().getResizedRange(2, 0).values = [["A", 1], ["B", 2], ["C", 3], ["D", 4], ["E", 5]];
    });
    expect(tableRect(host)).toEqual({ row: 0, column: 0, rows: 6, columns: 2 });
  });

  // The docs' trigger is a value set directly below the table; an empty row there (a spacer) is no
  // trigger, even when the same write puts a line under it.
  it("does not expand when the row directly below stays empty: a spacer keeps a note out of the table", async () => {
    const host = await withTable();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A4:B5").values = [["", ""], ["Note: a line under the table", ""]];
      await context.sync();
      sheet.getRange("A4:B4").values = [[null, ""]];
      sheet.getRange("A4:B4").numberFormat = [["@", "@"]];
    });
    expect(tableRect(host)).toEqual({ row: 0, column: 0, rows: 3, columns: 2 });
  });
});

describe("localized function names", () => {
  // office-js #891: with localized custom function names, `range.formulas = [["=CONTOSO.ADD(1,2)"]]`
  // in another display language shows #NAME?; #6614: the same in Turkish Excel.
  it("shows #NAME? for a formula that calls the English name where the display language has a localized one", async () => {
    const host = createSimulatedExcel({ functions: { "BJ.STAT": () => 42 }, localizedFunctionNames: { "BJ.STAT": "BJ.指标值" } });
    const read = await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:B1").formulas = [["=BJ.STAT(1)", "=BJ.指标值(1)"]];
      const range = sheet.getRange("A1:B1").load("values, valueTypes");
      await context.sync();
      return [range.values, range.valueTypes];
    });
    expect(read).toEqual([[["#NAME?", 42]], [["Error", "Double"]]]);
    // English Excel (no localized names): the English name works.
    const english = createSimulatedExcel({ functions: { "BJ.STAT": () => 42 } });
    const value = await english.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1");
      range.formulas = [["=BJ.STAT(1)"]];
      range.load("values");
      await context.sync();
      return range.values;
    });
    expect(value).toEqual([[42]]);
  });
});
