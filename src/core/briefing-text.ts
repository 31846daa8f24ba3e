/**
 * The words of a briefing sheet: the project's own short sentences, in both languages, each tied
 * to the figure it introduces or to the fact it restates (whose verbatim phrase is the trace).
 * No sentence copies the source's (test/core/briefing.test.ts checks for shared 8-word runs).
 *
 * Layer: pure core.
 */
import type { BilingualText } from "../data";

/** A line of a section: a sentence and the figure shown beside it, or a sentence restating a fact. */
export type BriefingItem =
  | { readonly kind: "figure"; readonly figureId: string; readonly text: BilingualText }
  | { readonly kind: "fact"; readonly factIds: readonly string[]; readonly text: BilingualText };

export interface BriefingSectionText {
  readonly id: "policies" | "foreign_investment" | "pilot_ftz" | "bonded_zones";
  readonly heading: BilingualText;
  readonly items: readonly BriefingItem[];
}

const figure = (figureId: string, en: string, zh: string): BriefingItem => ({ kind: "figure", figureId, text: { en, zh } });
const fact = (factIds: readonly string[], en: string, zh: string): BriefingItem => ({ kind: "fact", factIds, text: { en, zh } });

/** The sections, in the order the report takes them. */
export const BRIEFING_SECTIONS: readonly BriefingSectionText[] = [
  {
    id: "policies",
    heading: { en: "1. Policies", zh: "一、政策" },
    items: [
      figure("pioneering_policies", "Groundbreaking policies put in place since the two zones began", "“两区”建设以来落地的突破性政策"),
      figure("national_first_policies", "Of these, policies that were a first for China", "其中属全国首创的政策"),
      figure("services_plan_v2_tasks_done", "Share of the services plan 2.0 tasks done within one year", "服务业扩大开放2.0版方案一年内完成的任务比例"),
      figure("services_openness_rank", "Beijing's place in the national review of services opening-up pilots", "北京在全国服务业扩大开放试点评估中的名次"),
      fact(
        ["first_fie_gene_therapy", "first_data_outbound_negative_list", "first_rare_disease_drug_pilot_zone"],
        "National firsts: a gene therapy enterprise, a data outbound negative list, a rare disease drug zone.",
        "全国首创：一家外资基因治疗企业、数据出境负面清单、罕见病药品试点区。",
      ),
    ],
  },
  {
    id: "foreign_investment",
    heading: { en: "2. An open economy and foreign investment", zh: "二、开放型经济与外资" },
    items: [
      figure("fdi_new_enterprises", "Foreign-funded enterprises newly set up in Beijing", "北京新设外资企业"),
      figure("fdi_new_enterprises_yoy", "Their growth on the same months a year before", "较上年同期的增速"),
      figure("fdi_new_enterprises_yoy_vs_national", "Beijing's lead over the national average growth", "北京增速高出全国平均水平"),
      figure("national_fdi_new_enterprises_yoy", "The national average growth this implies (our estimate)", "由此推得的全国平均增速（本插件估算）"),
      figure("fdi_new_enterprises_jan_nov_2023_approx", "The count for the same months of 2023 (our estimate)", "2023年同期的数量（本插件估算）"),
      figure("global_service_partners", "Enterprises chosen for the first round of the Global Service Partners Program", "“全球服务伙伴计划”首批入选企业"),
    ],
  },
  {
    id: "pilot_ftz",
    heading: { en: "3. The pilot free trade zone", zh: "三、自由贸易试验区" },
    items: [
      figure("ftz_fdi_share", "The zone's part of all foreign investment in actual use in the city", "自贸试验区实际使用外资占全市的比重"),
      figure("ftz_fdi_share_change", "How much that part grew on a year before", "该比重较上年同期提高"),
      figure("ftz_fdi_share_prev_year", "The part it had a year before (our estimate)", "上年同期的比重（本插件估算）"),
    ],
  },
  {
    id: "bonded_zones",
    heading: { en: "4. The bonded zones", zh: "四、综合保税区" },
    items: [
      fact(["yizhuang_bonded_zone"], "Yizhuang won approval as a new comprehensive bonded zone.", "亦庄综合保税区获批设立。"),
      figure("tianzhu_bonded_zone_rank", "Tianzhu's place nationwide in the customs review of 2023", "天竺综合保税区在海关总署2023年度评估中的全国名次"),
      figure("daxing_bonded_zone_rank_rise", "Places the Daxing airport zone climbed in the trade value ranking", "大兴机场综合保税区进出口额排名上升的位次"),
    ],
  },
];

/** The fixed words of the sheet. */
export const BRIEFING_WORDS = {
  title: { en: "Beijing's \"two zones\" opening-up: a briefing", zh: "北京“两区”建设扩大开放简报" },
  caveat: {
    en: "Figures are a spokesperson's statements as Xinhua reported them, not official statistics; \"est.\" marks our own estimates.",
    zh: "数据为新华社报道的新闻发言人介绍，并非官方统计数据；“估算”为本插件的估计值。",
  },
  header: {
    en: ["Statement", "Figure", "Derived as", "Trace in the source"],
    zh: ["表述", "数据", "推算方法", "原文出处"],
  },
  citationHeading: { en: "How to cite", zh: "引用方式" },
  citationHint: {
    en: "Each figure's own citation: =BJ.SOURCE(\"id\"), with the id from BJ.INDICATORS().",
    zh: "单项数据的引用：=BJ.SOURCE(\"id\")，id 见 BJ.INDICATORS()。",
  },
  derived: { en: "est. =", zh: "估算 =" },
  stated: { en: "Source: ", zh: "原文：" },
  chartData: { en: "Chart data", zh: "图表数据" },
  chartSource: {
    en: "Source: Xinhua, 15 January 2025, a spokesperson's statements; est. = our estimate.",
    zh: "来源：新华社2025年1月15日报道的新闻发言人介绍；“估算”为本插件估计值。",
  },
} as const;

/** The three comparisons the data supports, each a stated figure against an estimate. */
export const BRIEFING_CHARTS = [
  {
    id: "fdi_growth_vs_national",
    figures: ["fdi_new_enterprises_yoy", "national_fdi_new_enterprises_yoy"],
    title: {
      en: "Growth in the number of new foreign-funded enterprises, Jan–Nov 2024: Beijing vs national average (est.)",
      zh: "2024年1—11月新设外资企业增速：北京与全国平均（估算）",
    },
    categories: { en: ["Beijing (stated)", "National average (est.)"], zh: ["北京（公布数）", "全国平均（估算）"] },
    series: { en: "Growth, year on year", zh: "同比增速" },
  },
  {
    id: "ftz_share_vs_prev",
    figures: ["ftz_fdi_share", "ftz_fdi_share_prev_year"],
    title: {
      en: "Pilot FTZ share of foreign investment in actual use: 2024 vs 2023 (est.), Jan–Nov",
      zh: "自贸试验区实际使用外资占比：2024年与2023年（估算），1—11月",
    },
    categories: { en: ["2024 (stated)", "2023 (est.)"], zh: ["2024年（公布数）", "2023年（估算）"] },
    series: { en: "Share of the city's total", zh: "占全市比重" },
  },
  {
    id: "fdi_count_vs_prev",
    figures: ["fdi_new_enterprises", "fdi_new_enterprises_jan_nov_2023_approx"],
    title: {
      en: "New foreign-funded enterprises, Jan–Nov: 2024 vs 2023 (est.)",
      zh: "新设外资企业数，1—11月：2024年与2023年（估算）",
    },
    categories: { en: ["2024 (stated)", "2023 (est.)"], zh: ["2024年（公布数）", "2023年（估算）"] },
    series: { en: "Enterprises", zh: "企业数" },
  },
] as const;

export type BriefingChartId = (typeof BRIEFING_CHARTS)[number]["id"];
