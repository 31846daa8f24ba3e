/**
 * The rule: every value cell reads right beside its Unit column, on hosts without formatted
 * results too. A reader takes a bare 0.14 next to "percent" for 0.14%, so what the cell shows,
 * read with the unit beside it, must give the figure's own quantity. Checked on what the reader
 * sees: the BJ.TABLE spill on plain hosts (both languages), and the text Excel shows for every
 * table inserted as values, formulas and a spill into the simulated host, whose functions run as
 * on a plain host.
 */
import "./setup-custom-functions";
import { currentDataset, tableGrid } from "../../src/core";
import { LANGUAGES, type Figure, type Language } from "../../src/data";
import { REGISTERED } from "../../src/functions/functions";
import { createLibrary } from "../../src/functions/library";
import { ExcelWorkbook, type InsertMode } from "../../src/office";
import { createSimulatedExcel, type SimCustomFunction, type SimulatedExcel } from "../../src/simulated-excel";
import { HOSTS } from "./helpers";

const index = currentDataset();
const UNIT_HEADER: Record<Language, string> = { en: "Unit", zh: "单位" };
const VALUE_HEADER: Record<Language, string> = { en: "Value", zh: "数值" };

/** The figure's quantity in the unit its words name: a ratio in percent, anything else as stored. */
function quantityInUnitWords(figure: Figure): number {
  return figure.kind === "ratio" ? Number((figure.value * 100).toFixed(figure.displayDecimals)) : figure.value;
}

/**
 * What a reader takes a cell for, beside its unit: the number it shows, in percent when the unit
 * says percent (whether or not the cell shows a % sign: "0.14" beside "percent" reads 0.14%).
 */
function readerQuantity(shown: string): number | null {
  const match = /-?\d[\d,]*(?:\.\d+)?/.exec(shown);
  return match ? Number(match[0].replace(/,/g, "")) : null;
}

function problemsOf(where: string, figure: Figure, shown: string, unit: string): string[] {
  const read = readerQuantity(shown);
  const want = quantityInUnitWords(figure);
  const problems: string[] = [];
  if (unit !== figure.unit.en && unit !== figure.unit.zh) problems.push(`${where}: unit cell "${unit}" is not ${figure.id}'s unit`);
  if (read === null || Math.abs(read - want) > 1e-9) problems.push(`${where}: "${shown}" beside "${unit}" reads ${String(read)}, the figure is ${want} ${unit}`);
  return problems;
}

/** Each value row of a matrix with a Value and a Unit column: [row index, shown value, unit]. */
function valueRows(matrix: readonly (readonly unknown[])[], language: Language): Array<[number, string, string]> {
  const header = matrix[0] ?? [];
  const v = header.indexOf(VALUE_HEADER[language]);
  const u = header.indexOf(UNIT_HEADER[language]);
  if (v < 0 || u < 0) return [];
  return matrix.slice(1).map((row, r): [number, string, string] => [r, String(row[v] ?? ""), String(row[u] ?? "")]);
}

/** The text Excel shows in a block of the active sheet ("Sheet1!A1:E7"), in one sync. */
async function shownText(host: SimulatedExcel, address: string): Promise<string[][]> {
  return host.run(async (context) => {
    const range = context.workbook.worksheets.getActiveWorksheet().getRange(address.slice(address.lastIndexOf("!") + 1));
    range.load("text");
    await context.sync();
    return range.text;
  });
}

describe("every value cell reads right beside its Unit column", () => {
  it("holds a rule that catches a bare fraction beside percent", () => {
    const share = index.figure("ftz_fdi_share");
    expect(share).toBeDefined();
    if (!share) return;
    expect(problemsOf("bare", share, "0.338", "percent")).toHaveLength(1);
    expect(problemsOf("text", share, "33.8%", "percent")).toEqual([]);
  });

  it("in every BJ.TABLE spill on plain hosts, in both languages", () => {
    const problems: string[] = [];
    for (const host of [HOSTS.plain, HOSTS.plainZh]) {
      const library = createLibrary({ host: () => host });
      for (const tableId of index.tableIds) {
        for (const language of LANGUAGES) {
          const grid = tableGrid(index, tableId, language);
          const matrix = library.TABLE(tableId, language);
          if (!Array.isArray(matrix)) {
            problems.push(`${tableId}/${language}: ${JSON.stringify(matrix)}`);
            continue;
          }
          for (const [r, shown, unit] of valueRows(matrix, language)) {
            const figure = index.figure(grid.valueFigureIds[r] ?? "");
            if (figure) problems.push(...problemsOf(`TABLE(${tableId},${language}) row ${r + 1} on ${host.language}`, figure, shown, unit));
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("in what Excel shows for every table inserted as values, formulas or a spill, in both languages", async () => {
    const functions: Record<string, SimCustomFunction> = Object.fromEntries(
      Object.entries(REGISTERED).map(([id, fn]) => [`BJ.${id}`, (...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)]),
    );
    const problems: string[] = [];
    let checked = 0;
    for (const mode of ["values", "formulas", "spill"] as InsertMode[]) {
      for (const language of LANGUAGES) {
        for (const tableId of index.tableIds) {
          const host = createSimulatedExcel({ functions });
          const port = new ExcelWorkbook({ run: host.run, isSetSupported: host.isSetSupported });
          const grid = tableGrid(index, tableId, language);
          const inserted = await port.insertTable(grid, { mode, includeSource: false });
          const shown = await shownText(host, inserted.address);
          // The block: the title line, then the header row and the data rows.
          for (const [r, value, unit] of valueRows(shown.slice(1), language)) {
            const figure = index.figure(grid.valueFigureIds[r] ?? "");
            if (!figure) continue;
            checked++;
            problems.push(...problemsOf(`${mode} ${tableId}/${language} row ${r + 1}`, figure, value, unit));
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
