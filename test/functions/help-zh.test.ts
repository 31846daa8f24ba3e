/**
 * The Chinese text about the BJ.* functions (the help pages' zh-CN parts, the zh-CN metadata's
 * descriptions, the Chinese error messages). Function names are the English ones in every language
 * (functions.zh-CN.json keeps them: a formula the add-in writes names the function in English, and
 * localized names would make it #NAME?, office-js#891), so Chinese text names a function only as
 * BJ.<ID>, never by a Chinese name; a Chinese gloss may follow it. And it calls a figure's bound by
 * the same word the functions use in their Chinese headers and cards.
 */
import "./setup-custom-functions";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { FUNCTION_IDS, createLibrary } from "../../src/functions/library";
import { MESSAGES } from "../../src/functions/messages";
import { HOSTS } from "./helpers";

const ROOT = resolve(__dirname, "../..");

interface Translation {
  name?: string;
  description: string;
  parameters: Record<string, { name: string; description: string }>;
}
const ZH = JSON.parse(readFileSync(join(ROOT, "src/functions/functions.zh.json"), "utf8")) as Record<string, Translation>;
const IDS = new Set<string>(FUNCTION_IDS);

function parsePage(name: string) {
  return new DOMParser().parseFromString(readFileSync(join(ROOT, "src/help", name), "utf8"), "text/html");
}

/** The text of the outermost elements marked lang="zh-CN", one string each. */
function chineseParts(name: string): string[] {
  const all = Array.from(parsePage(name).getElementsByTagName("*"));
  const isChinese = (e: Element): boolean => e.getAttribute("lang") === "zh-CN";
  const hasChineseAncestor = (e: Element): boolean => {
    for (let p = e.parentNode; p; p = p.parentNode) if (p.nodeType === 1 && isChinese(p as Element)) return true;
    return false;
  };
  return all.filter((e) => isChinese(e) && !hasChineseAncestor(e)).map((e) => (e.textContent ?? "").replace(/\s+/g, " "));
}

/** Problems with the function names in a text: every `BJ.<name>` must be a function id ("BJ.*" aside). */
function nameProblems(text: string, where: string): string[] {
  return [...text.matchAll(/BJ\.([\p{L}\p{N}_]+)/gu)].flatMap((mention) => {
    const name = mention[1] ?? "";
    return IDS.has(name) ? [] : [`${where}: BJ.${name} is not a function's name (names are the English ids in every language)`];
  });
}

describe("function names in Chinese text", () => {
  it("functions.zh.json translates every function and names none", () => {
    expect(Object.keys(ZH).sort()).toEqual([...FUNCTION_IDS].sort());
    expect(Object.entries(ZH).filter(([, t]) => t.name !== undefined).map(([id]) => id)).toEqual([]);
  });

  it("each function's Chinese help section starts with its English name and Chinese parameter names, then a Chinese gloss", () => {
    const document = parsePage("functions.html");
    const problems: string[] = [];
    for (const [id, t] of Object.entries(ZH)) {
      const section = document.getElementById(`${id.toLowerCase()}-zh`);
      if (!section) {
        problems.push(`${id}: no Chinese section #${id.toLowerCase()}-zh`);
        continue;
      }
      if (section.getAttribute("lang") !== "zh-CN") problems.push(`${id}: section not marked zh-CN`);
      const heading = (section.getElementsByTagName("h3")[0]?.textContent ?? "").replace(/\s+/g, " ");
      if (!heading.startsWith(`BJ.${id}(`)) problems.push(`${id}: heading "${heading}" does not start with BJ.${id}(`);
      for (const p of Object.values(t.parameters)) if (!heading.includes(p.name)) problems.push(`${id}: heading lacks parameter ${p.name}`);
      if (!/）$/.test(heading) || !/\p{Script=Han}/u.test(heading.slice(heading.lastIndexOf("）") - 12))) problems.push(`${id}: heading "${heading}" has no Chinese gloss`);
    }
    expect(problems).toEqual([]);
  });

  it("the Chinese text of both help pages says the names are the same in Chinese Excel", () => {
    for (const page of ["functions.html", "help.html"]) expect(chineseParts(page).join("\n")).toMatch(/函数名在各种语言的 Excel 中都相同|各种语言的 Excel 中函数名都相同/);
  });

  it("Chinese text names functions only by their English names", () => {
    const problems: string[] = [];
    for (const page of ["functions.html", "help.html"]) {
      chineseParts(page).forEach((text, i) => problems.push(...nameProblems(text, `${page} zh part ${i}`)));
    }
    for (const [id, t] of Object.entries(ZH)) {
      problems.push(...nameProblems(t.description, `functions.zh.json ${id}`));
      for (const [p, tp] of Object.entries(t.parameters)) problems.push(...nameProblems(tp.description, `functions.zh.json ${id}.${p}`));
    }
    problems.push(...nameProblems(MESSAGES.idRequired("indicator", "x", "zh"), "MESSAGES.idRequired zh"));
    expect(problems).toEqual([]);
  });

  it("the name check catches a Chinese name and an unknown name", () => {
    expect(nameProblems("例如 =BJ.数据版本()。", "t")).toHaveLength(1);
    expect(nameProblems("=BJ.VERSIONS()", "t")).toHaveLength(1);
    expect(nameProblems("=BJ.VERSION()（数据版本）", "t")).toEqual([]);
  });
});

describe("the Chinese word for a figure's bound", () => {
  /** The word the functions use: the bound column of BJ.INDICATORS("zh") and a property of the zh card. */
  const header = createLibrary().INDICATORS("zh") as unknown[][];
  const boundWord = String(header[0]?.[4]);
  const englishHeader = createLibrary().INDICATORS("en") as unknown[][];

  it("is the functions' own word, on the zh card too", () => {
    expect(englishHeader[0]?.[4]).toBe("Bound");
    const card = createLibrary({ host: () => HOSTS.doubleZh }).CARD("ftz_fdi_share") as { properties?: Record<string, unknown> };
    expect(Object.keys(card.properties ?? {})).toContain(boundWord);
  });

  it("is the word both help pages use in Chinese, and no other", () => {
    const problems: string[] = [];
    for (const page of ["functions.html", "help.html"]) {
      const text = chineseParts(page).join("\n");
      if (!text.includes(boundWord)) problems.push(`${page}: Chinese text never says ${boundWord}`);
      for (const other of ["限定词", "限定", "边界"]) if (text.includes(other)) problems.push(`${page}: says ${other} for bound`);
    }
    expect(problems).toEqual([]);
  });
});
