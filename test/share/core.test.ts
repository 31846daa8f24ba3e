/** The pure half of freeze and restore (src/core/share*.ts). */
import { currentDataset, tableGrid } from "../../src/core";
import { HEADLINE_SERIES, bjCalls, callsBj, figureFormula, figuresOfFormula, frozenContent, literalFormat, parseFreezeRecord, planRestore } from "../../src/core/share";
import { sourcesRows } from "../../src/core/share-sources";
import { frozenTableSpill } from "../../src/core/share-spill";
import { SERIES_FUNCTIONS, createLibrary } from "../../src/functions/library";
import { renderValue } from "../../src/simulated-excel/number-format";

const index = currentDataset();

describe("which formulas call BJ.*", () => {
  test.each([
    ["=BJ.STAT(\"x\")", true],
    ["=bj.fdi_count(2024)*2", true],
    ["=IF(A1>0,BJ.STAT(\"a\"),0)", true],
    ["=SUM(A1:A3)", false],
    ['="BJ.STAT(1)"', false],
    ["=MYBJ.STAT(1)", false],
    ["BJ.STAT(1)", false],
    [42, false],
  ])("%s → %s", (formula, expected) => {
    expect(callsBj(formula)).toBe(expected);
  });

  test("literal arguments, nested calls and strings with quotes", () => {
    expect(bjCalls('=BJ.TABLE("ftz_share","zh",TRUE)+BJ.FDI_COUNT()')).toEqual([
      { name: "TABLE", args: ["ftz_share", "zh", true] },
      { name: "FDI_COUNT", args: [] },
    ]);
    expect(bjCalls('=BJ.STAT("a""b",A1)')).toEqual([{ name: "STAT", args: ['a"b', null] }]);
  });

  test("the figures a formula uses", () => {
    expect(figuresOfFormula("=BJ.FDI_COUNT(2024)", index).figures).toEqual(["fdi_new_enterprises"]);
    expect(figuresOfFormula('=BJ.STAT("ftz_fdi_share")*100', index).figures).toEqual(["ftz_fdi_share"]);
    expect(figuresOfFormula("=BJ.STAT(A1)", index)).toEqual({ figures: [], unnamed: 1 });
    const table = figuresOfFormula('=BJ.TABLE("ftz_share")', index).figures;
    expect(table).toEqual(tableGrid(index, "ftz_share", "en").valueFigureIds.filter((id) => id !== null));
  });

  test("the headline series are the functions' own", () => {
    expect(HEADLINE_SERIES).toEqual(SERIES_FUNCTIONS);
    expect(figureFormula(index, "fdi_new_enterprises")).toBe("=BJ.FDI_COUNT(2024)");
    expect(figureFormula(index, "ftz_fdi_share_prev_year")).toBe('=BJ.STAT("ftz_fdi_share_prev_year")');
  });
});

describe("what a frozen cell becomes", () => {
  const cell = (value: unknown, numberFormat: string, text: string, valueType = "Double") => ({ formula: "=BJ.X()", value, numberFormat, text, valueType });

  test("a number keeps its format; a General number shown otherwise gets a literal format showing that text", () => {
    expect(frozenContent(cell(1777, "#,##0", "1,777"))).toEqual({ value: 1777, numberFormat: "#,##0" });
    expect(frozenContent(cell(1777, "General", "1777"))).toEqual({ value: 1777, numberFormat: "General" });
    const formatted = frozenContent(cell(1777, "General", 'over 1,777 "Jan–Nov"'));
    expect(formatted.value).toBe(1777);
    expect(renderValue(1777, formatted.numberFormat, false)).toBe('over 1,777 "Jan–Nov"');
    expect(frozenContent(cell(1777, "General", "####"))).toEqual({ value: 1777, numberFormat: "General" });
  });

  test("text and errors become text under '@', so nothing turns into a formula or an error", () => {
    expect(frozenContent(cell("=not a formula", "General", "=not a formula", "String"))).toEqual({ value: "=not a formula", numberFormat: "@" });
    expect(frozenContent(cell("#N/A", "General", "#N/A", "Error"))).toEqual({ value: "#N/A", numberFormat: "@" });
  });

  test("literal formats show the same text for any sign", () => {
    expect(renderValue(-5, literalFormat("a \"b\""), false)).toBe('a "b"');
  });

  test.each([false, true])("a frozen BJ.TABLE spill is what the function returns (formatted results: %s)", (formatted) => {
    const library = createLibrary({ index, host: () => ({ cellValues: formatted, doubleNumberFormat: false, language: "en" }) });
    for (const tableId of index.tableIds) {
      for (const [language, withSource] of [["en", false], ["zh", true]] as const) {
        const returned = library.TABLE(tableId, language, withSource);
        if (!Array.isArray(returned)) throw new Error(`BJ.TABLE(${tableId}) failed`);
        const frozen = frozenTableSpill(`=BJ.TABLE("${tableId}","${language}",${withSource ? "TRUE" : "FALSE"})`, index, formatted);
        const expected = returned.map((row) =>
          row.map((cell) => (typeof cell === "object" && cell !== null && "basicValue" in cell ? { value: cell.basicValue, numberFormat: "numberFormat" in cell ? cell.numberFormat : undefined } : { value: cell })),
        );
        expect(frozen?.map((row) => row.map((cell) => (typeof cell.value === "number" && formatted ? { value: cell.value, numberFormat: cell.numberFormat } : { value: cell.value })))).toEqual(
          expected.map((row) => row.map((cell) => ("numberFormat" in cell && cell.numberFormat !== undefined ? cell : { value: cell.value }))),
        );
      }
    }
  });

  test("a BJ.TABLE spill, with and without formatted results", () => {
    const grid = tableGrid(index, "ftz_share", "zh");
    const plain = frozenTableSpill('=BJ.TABLE("ftz_share","zh-CN",TRUE)', index, false);
    expect(plain).toHaveLength(grid.rows.length + 3);
    expect(plain?.[0]?.map((cell) => cell.value)).toEqual(grid.header);
    expect(frozenTableSpill('=BJ.TABLE(A1)', index, true)).toBeNull();
    expect(frozenTableSpill('=INDEX(BJ.TABLE("ftz_share"),1,1)', index, true)).toBeNull();
  });
});

describe("records, restore plans and the Sources sheet", () => {
  test("a damaged record is no record", () => {
    expect(parseFreezeRecord(null)).toBeNull();
    expect(parseFreezeRecord({ version: 2, sheets: [], figures: [] })).toBeNull();
    expect(parseFreezeRecord({ version: 1, sheets: [{ id: "1", cells: [{ address: 5 }] }], figures: [] })).toBeNull();
  });

  test("a missing sheet is reported and dropped", () => {
    const plan = planRestore({ version: 1, frozenAt: "", releaseId: "r", figures: [], sourcesSheet: null, sheets: [{ id: "9", name: "Gone", cells: [] }] }, new Map());
    expect(plan.missingSheets).toEqual(["Gone"]);
    expect(plan.record).toBeNull();
  });

  test("the Sources sheet: header, a row per figure, the note; never official statistics", () => {
    const rows = sourcesRows(index, ["ftz_fdi_share", "ftz_fdi_share_prev_year"], "en", null, 2);
    expect(rows[1]?.[0]).toBe("Id");
    expect(rows[2]?.[0]).toBe("ftz_fdi_share");
    expect(rows[2]?.[8]).toBe("not known");
    expect(rows[3]?.[6]).toMatch(/^ftz_fdi_share_prev_year = /);
    expect(rows.flat().join(" ")).toMatch(/not official statistics/);
    expect(rows.flat().join(" ")).toMatch(/2 frozen formula calls/);
    expect(new Set(rows.map((row) => row.length)).size).toBe(1);
  });
});
