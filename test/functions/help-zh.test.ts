/**
 * The Chinese text about the BJ.* functions (the help pages' zh-CN parts, the zh-CN metadata's
 * descriptions, the Chinese error messages). In Chinese Excel the localized names of
 * functions.zh.json apply, so Chinese text gives the Chinese name first and the English name only
 * beside it ("BJ.数据版本()（英文名 BJ.VERSION）"); and it calls a figure's bound by the same
 * word the functions use in their Chinese headers and cards.
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
  name: string;
  description: string;
  parameters: Record<string, { name: string; description: string }>;
}
const ZH = JSON.parse(readFileSync(join(ROOT, "src/functions/functions.zh.json"), "utf8")) as Record<string, Translation>;
/** Chinese function name → id, and id → Chinese name. */
const zhNameOf = new Map(Object.entries(ZH).map(([id, t]) => [id, t.name]));
const idOfZhName = new Map(Object.entries(ZH).map(([id, t]) => [t.name, id]));

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

/**
 * Problems with the function names in a Chinese text: every `BJ.<name>` must be a Chinese name,
 * or an English id written as "英文名 BJ.<ID>" right after a mention of that id's Chinese name.
 */
function nameProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  const mentions = [...text.matchAll(/BJ\.([\p{L}\p{N}_]+)/gu)];
  mentions.forEach((mention, i) => {
    const name = mention[1] ?? "";
    if (idOfZhName.has(name)) return;
    if (!zhNameOf.has(name)) {
      problems.push(`${where}: BJ.${name} is neither a Chinese name nor a function id`);
      return;
    }
    const before = text.slice(0, mention.index);
    const previous = mentions[i - 1]?.[1];
    if (!/英文名\s*=?$/.test(before) || previous !== zhNameOf.get(name)) {
      problems.push(`${where}: English name BJ.${name} not written as "BJ.${zhNameOf.get(name) ?? "?"}…（英文名 BJ.${name}": …${before.slice(-30)}`);
    }
  });
  return problems;
}

describe("Chinese function names", () => {
  it("functions.zh.json names every function", () => {
    expect([...zhNameOf.keys()].sort()).toEqual([...FUNCTION_IDS].sort());
  });

  it("each function's Chinese help section gives its Chinese name and Chinese parameter names, then its English name", () => {
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
      if (!heading.startsWith(`BJ.${t.name}(`)) problems.push(`${id}: heading "${heading}" does not start with BJ.${t.name}(`);
      for (const p of Object.values(t.parameters)) if (!heading.includes(p.name)) problems.push(`${id}: heading lacks parameter ${p.name}`);
      if (!heading.includes(`英文名 BJ.${id}`)) problems.push(`${id}: heading lacks its English name`);
    }
    expect(problems).toEqual([]);
  });

  it("every Chinese name appears in the Chinese text of functions.html", () => {
    const text = chineseParts("functions.html").join("\n");
    const missing = [...idOfZhName.keys()].filter((name) => !text.includes(`BJ.${name}`));
    expect(missing).toEqual([]);
  });

  it("Chinese text names functions by their Chinese names, with an English name only beside its Chinese one", () => {
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

  it("the name check catches an English name on its own, a wrong pairing and an unknown name", () => {
    expect(nameProblems("例如 =BJ.VERSION()。", "t")).toHaveLength(1);
    expect(nameProblems("=BJ.指标值()（英文名 BJ.VERSION）", "t")).toHaveLength(1);
    expect(nameProblems("=BJ.数据版本()（英文名 BJ.VERSIONS）", "t")).toHaveLength(1);
    expect(nameProblems("=BJ.数据版本()（英文名 BJ.VERSION）", "t")).toEqual([]);
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
