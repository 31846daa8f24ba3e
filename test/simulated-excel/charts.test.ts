/* eslint-disable office-addins/load-object-before-read --
   the plugin takes ClientResult.value (getCount, getDimensionValues) for a property that needs load(). */
/**
 * Contract tests of the simulated host's charts (src/simulated-excel/chart.ts), each beside the
 * Microsoft page it follows, or "(not confirmed)" where the documentation is silent and the
 * simulator takes the stricter reading.
 *
 * Sources: "Excel.ChartCollection class", "Excel.Chart class", "Excel.ChartSeries class",
 * "Excel.ChartSeriesCollection class", "Excel.ChartTitle class" (learn.microsoft.com/javascript/api/excel/),
 * and "Work with charts using the Excel JavaScript API" (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts).
 */
import { createSimulatedExcel, openSimulatedExcel } from "../../src/simulated-excel";
import type { SimRequestContext, SimWorksheet, SimulatedExcel } from "../../src/simulated-excel";
import { codeOf } from "./error-code";


const sheetOf = (context: SimRequestContext): SimWorksheet => context.workbook.worksheets.getActiveWorksheet();

/** A sheet with labels in A2:A3 and numbers in B2:C3. */
async function withData(host: SimulatedExcel): Promise<void> {
  await host.run(async (context) => {
    sheetOf(context).getRange("A1:C3").values = [["", "x", "y"], ["one", 1, 10], ["two", 2, 20]];
    await context.sync();
  });
}

describe("ChartCollection.add (ExcelApi 1.1)", () => {
  it("adds a chart with one series per column of the source, named Chart 1, Chart 2 ... (naming not confirmed)", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const seen = await host.run(async (context) => {
      const charts = sheetOf(context).charts;
      const first = charts.add("ColumnClustered", sheetOf(context).getRange("B2:C3"), "Columns");
      const second = charts.add("Line", sheetOf(context).getRange("B2:C3"), "Rows");
      first.load("name, chartType, top, left, width, height");
      second.load("name");
      const series = first.series.load("items/name");
      const rows = second.series.load("items/name");
      await context.sync();
      return { first: first.toJSON(), second: second.name, series: series.items.map((s) => s.name), rows: rows.items.length };
    });
    expect(seen.first).toMatchObject({ name: "Chart 1", chartType: "ColumnClustered", top: 0, left: 0, width: 360, height: 216 });
    expect(seen.second).toBe("Chart 2");
    expect(seen.series).toEqual(["Series1", "Series2"]);
    expect(seen.rows).toBe(2);
  });

  it("'Auto' takes series by column unless the range is wider than tall (not confirmed)", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const counts = await host.run(async (context) => {
      const tall = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B1:C3"));
      const wide = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("A2:C2"), "Auto");
      const a = tall.series.getCount();
      const b = wide.series.getCount();
      await context.sync();
      return [a.value, b.value];
    });
    expect(counts).toEqual([2, 1]);
  });

  it("never guesses categories from the cells: without setXAxisValues they are 1, 2, ... (not confirmed)", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const categories = await host.run(async (context) => {
      const chart = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      const result = chart.series.getItemAt(0).getDimensionValues("Categories");
      await context.sync();
      return result.value;
    });
    expect(categories).toEqual(["1", "2"]);
  });

  it("refuses a chart on a protected sheet (a chart is a locked object by default: not confirmed), with AccessDenied", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    await host.run(async (context) => {
      sheetOf(context).protection.protect();
      await context.sync();
    });
    const code = await codeOf(host.run(async (context) => {
      sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      await context.sync();
    }));
    expect(code).toBe("AccessDenied");
  });

  it("refuses the chart type Invalid with InvalidArgument (Excel.ChartType lists it as no type)", async () => {
    const host = createSimulatedExcel();
    const code = await codeOf(host.run(async (context) => {
      sheetOf(context).charts.add("Invalid", sheetOf(context).getRange("B2:B3"));
      await context.sync();
    }));
    expect(code).toBe("InvalidArgument");
  });
});

describe("Chart: name, title, type, position, delete", () => {
  it("sets name, title text (ChartTitle.text, 1.1) and chartType, and reads them back", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const read = await host.run(async (context) => {
      const chart = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      chart.name = "Growth";
      chart.title.text = "Growth (est.)";
      chart.chartType = "BarClustered";
      chart.load("name, chartType");
      chart.title.load("text");
      await context.sync();
      return { name: chart.name, type: chart.chartType, title: chart.title.text };
    });
    expect(read).toEqual({ name: "Growth", type: "BarClustered", title: "Growth (est.)" });
  });

  it("a new chart's title is empty until set (not confirmed; Excel may show a series name)", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const title = await host.run(async (context) => {
      const chart = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      chart.title.load("text");
      await context.sync();
      return chart.title.text;
    });
    expect(title).toBe("");
  });

  it("reading a property before load and sync throws PropertyNotLoaded", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    await host.run(async (context) => {
      const chart = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      await context.sync();
      expect(() => chart.name).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }) as Error);
    });
  });

  it("setPosition(start, end) covers the cells: top and left from the sheet's grid, size to the end cell's far corner", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const box = await host.run(async (context) => {
      const sheet = sheetOf(context);
      sheet.getRange("A1").format.columnWidth = 100;
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("B2:B3"), "Columns");
      chart.setPosition("C3", sheet.getRange("D6"));
      chart.load("top, left, width, height");
      await context.sync();
      return { top: chart.top, left: chart.left, width: chart.width, height: chart.height };
    });
    // A is 100 pt, B 48 (the simulator's default width); rows are 15 pt.
    expect(box).toEqual({ top: 30, left: 148, width: 96, height: 60 });
  });

  it("setPosition refuses an end cell above or left of the start (not confirmed)", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const code = await codeOf(host.run(async (context) => {
      const chart = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      chart.setPosition("D6", "C3");
      await context.sync();
    }));
    expect(code).toBe("InvalidArgument");
  });

  it("top, left, width and height can be set in points", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const box = await host.run(async (context) => {
      const chart = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      chart.top = 5;
      chart.left = 6;
      chart.width = 200;
      chart.height = 100;
      chart.load("top, left, width, height");
      await context.sync();
      return chart.toJSON();
    });
    expect(box).toEqual({ top: 5, left: 6, width: 200, height: 100 });
  });

  it("delete removes the chart; later calls on it fail with ItemNotFound; getItemOrNullObject (1.4) then gives a null object", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    await host.run(async (context) => {
      const chart = sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      chart.name = "Gone";
      await context.sync();
      chart.delete();
      await context.sync();
    });
    const after = await host.run(async (context) => {
      const charts = sheetOf(context).charts.load("items/name");
      const missing = sheetOf(context).charts.getItemOrNullObject("Gone");
      await context.sync();
      return { count: charts.items.length, isNull: missing.isNullObject };
    });
    expect(after).toEqual({ count: 0, isNull: true });
    const code = await codeOf(host.run(async (context) => {
      sheetOf(context).charts.getItem("Gone").load("name");
      await context.sync();
    }));
    expect(code).toBe("ItemNotFound");
  });

  it("getItem and getItemOrNullObject return the first chart of a name (ChartCollection: 'the first one will be returned')", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const ids = await host.run(async (context) => {
      const sheet = sheetOf(context);
      const a = sheet.charts.add("ColumnClustered", sheet.getRange("B2:B3"), "Columns");
      const b = sheet.charts.add("Line", sheet.getRange("B2:B3"), "Columns");
      a.name = "Same";
      b.name = "Same";
      const found = sheet.charts.getItemOrNullObject("Same").load("chartType");
      const exact = sheet.charts.getItemOrNullObject("same");
      await context.sync();
      return { type: found.chartType, caseDiffers: exact.isNullObject };
    });
    expect(ids).toEqual({ type: "ColumnClustered", caseDiffers: true });
  });

  it("getItemOrNullObject without ExcelApi 1.4 fails with ApiNotFound", async () => {
    const host = createSimulatedExcel({ requirementSets: { ExcelApi: "1.3" } });
    const code = await codeOf(host.run(async (context) => {
      sheetOf(context).charts.getItemOrNullObject("x");
      await context.sync();
    }));
    expect(code).toBe("ApiNotFound");
  });

  it("deleting the sheet deletes its charts; a saved and reopened workbook has none (snapshots keep no charts)", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.add("Other");
      sheet.charts.add("ColumnClustered", sheet.getRange("A1:A2"), "Columns");
      sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      await context.sync();
      sheet.delete();
      await context.sync();
    });
    const reopened = openSimulatedExcel(host.save());
    const counts = await Promise.all(
      [host, reopened].map((each) =>
        each.run(async (context) => {
          const result = sheetOf(context).charts.getCount();
          await context.sync();
          return result.value;
        }),
      ),
    );
    expect(counts).toEqual([1, 0]);
  });
});

describe("ChartSeries sources (ExcelApi 1.7) and values (getDimensionValues, 1.12)", () => {
  it("setValues and setXAxisValues bind the series to cells; the values follow later edits of those cells", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const read = async (): Promise<{ values: string[]; categories: string[]; source: string; axis: string }> =>
      host.run(async (context) => {
        const series = sheetOf(context).charts.getItem("Live").series.getItemAt(0);
        const values = series.getDimensionValues("Values");
        const categories = series.getDimensionValues("Categories");
        const source = series.getDimensionDataSourceString("Values");
        const axis = series.getDimensionDataSourceString("Categories");
        await context.sync();
        return { values: values.value, categories: categories.value, source: source.value, axis: axis.value };
      });
    await host.run(async (context) => {
      const sheet = sheetOf(context);
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("C2:C3"), "Columns");
      chart.name = "Live";
      const series = chart.series.getItemAt(0);
      series.setValues(sheet.getRange("B2:B3"));
      series.setXAxisValues(sheet.getRange("A2:A3"));
      series.name = "x";
      await context.sync();
    });
    expect(await read()).toEqual({ values: ["1", "2"], categories: ["one", "two"], source: "=Sheet1!$B$2:$B$3", axis: "=Sheet1!$A$2:$A$3" });
    await host.user.type("Sheet1!B2", "7");
    expect((await read()).values).toEqual(["7", "2"]);
  });

  it("values read as the cells show them, number format included", async () => {
    const host = createSimulatedExcel();
    await host.run(async (context) => {
      const sheet = sheetOf(context);
      sheet.getRange("A1:A2").numberFormat = [['"est. "0%'], ["0.0%"]];
      sheet.getRange("A1:A2").values = [[0.09], [0.338]];
      sheet.charts.add("ColumnClustered", sheet.getRange("A1:A2"), "Columns").name = "F";
      await context.sync();
    });
    const values = await host.run(async (context) => {
      const result = sheetOf(context).charts.getItem("F").series.getItemAt(0).getDimensionValues("Values");
      await context.sync();
      return result.value;
    });
    expect(values).toEqual(["est. 9%", "33.8%"]);
  });

  it("a series source must be one row or one column (not confirmed), else InvalidArgument", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const code = await codeOf(host.run(async (context) => {
      const sheet = sheetOf(context);
      sheet.charts.add("ColumnClustered", sheet.getRange("B2:B3"), "Columns").series.getItemAt(0).setValues(sheet.getRange("B2:C3"));
      await context.sync();
    }));
    expect(code).toBe("InvalidArgument");
  });

  it("getItemAt past the last series fails with ItemNotFound when used", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const code = await codeOf(host.run(async (context) => {
      const sheet = sheetOf(context);
      sheet.charts.add("ColumnClustered", sheet.getRange("B2:B3"), "Columns").series.getItemAt(3).name = "none";
      await context.sync();
    }));
    expect(code).toBe("ItemNotFound");
  });

  it("without ExcelApi 1.7, setValues and setXAxisValues fail with ApiNotFound; getItemAt (1.1) works", async () => {
    const host = createSimulatedExcel({ requirementSets: { ExcelApi: "1.6" } });
    await withData(host);
    const acts: ((sheet: SimWorksheet) => void)[] = [
      (sheet) => void sheet.charts.add("ColumnClustered", sheet.getRange("B2:B3"), "Columns").series.getItemAt(0).load("name"),
      (sheet) => void sheet.charts.getItem("Chart 1").series.getItemAt(0).setValues(sheet.getRange("B2:B3")),
      (sheet) => void sheet.charts.getItem("Chart 1").series.getItemAt(0).setXAxisValues(sheet.getRange("A2:A3")),
    ];
    await host.run(async (context) => {
      sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("B2:B3"), "Columns");
      await context.sync();
    });
    const attempt = (act: (sheet: SimWorksheet) => void): Promise<string> =>
      codeOf(host.run(async (context) => {
        act(sheetOf(context));
        await context.sync();
      }));
    const codes = [await attempt(acts[0] ?? (() => undefined)), await attempt(acts[1] ?? (() => undefined)), await attempt(acts[2] ?? (() => undefined))];
    expect(codes).toEqual(["no error", "ApiNotFound", "ApiNotFound"]);
  });

  it("series.delete (1.7) removes a series", async () => {
    const host = createSimulatedExcel();
    await withData(host);
    const count = await host.run(async (context) => {
      const sheet = sheetOf(context);
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("B2:C3"), "Columns");
      chart.series.getItemAt(1).delete();
      const result = chart.series.getCount();
      await context.sync();
      return result.value;
    });
    expect(count).toBe(1);
  });
});
