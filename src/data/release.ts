/**
 * The curated dataset: every statistic of the Xinhua report of 15 January 2025 on Beijing's
 * "two zones" opening-up, with the facts and tables built on them.
 *
 * Figures a spokesperson of the Beijing Municipal Commerce Bureau gave at a press conference held at
 * the press center of the Third Session of the Sixteenth Beijing Municipal People's Congress, as
 * Xinhua reported them: a spokesperson's statements, not official statistics.
 *
 * Each stated figure and fact carries the shortest verbatim phrase of the source that states it,
 * as a locator; labels, descriptions and notes are the project's own words. Derived figures carry
 * their formula and are never listed as stated. The ids are a contract with workbooks and
 * functions: never rename or reuse one.
 *
 * Layer: pure data.
 */
import type { z } from "zod";
import type { Release } from "./schema";

const JAN_NOV_TAG = { en: "Jan–Nov", zh: "1—11月" } as const;

const JAN_NOV_2024 = {
  start: "2024-01-01",
  end: "2024-11-30",
  label: { en: "January–November 2024", zh: "2024年1—11月" },
  tag: JAN_NOV_TAG,
  inference: null,
} as const;

/** Items the report gives no date of their own, listed right after the January–November figures. */
const JAN_NOV_2024_INFERRED = {
  ...JAN_NOV_2024,
  inference: {
    en: "The report gives these no date of their own; it lists them right after the January–November 2024 figures.",
    zh: "报道未给出其具体时间，仅在2024年1—11月数据之后列举。",
  },
} as const;

/** The year-earlier period that "year-on-year" implies; the source states no figure for it. */
const JAN_NOV_2023 = {
  start: "2023-01-01",
  end: "2023-11-30",
  label: { en: "January–November 2023", zh: "2023年1—11月" },
  tag: JAN_NOV_TAG,
  inference: {
    en: "The year-earlier period implied by \"year-on-year\"; the source gives no figure for it.",
    zh: "由“同比”推得的上年同期；原文未给出该期数据。",
  },
} as const;

/** The report describes the work of 2024, but gives most items no date of their own. */
const YEAR_2024_INFERRED = {
  start: "2024-01-01",
  end: "2024-12-31",
  label: { en: "2024", zh: "2024年" },
  tag: null,
  inference: {
    en: "The report describes the work of 2024 but gives no date for this item.",
    zh: "报道介绍的是2024年工作，但未给出该项的具体时间。",
  },
} as const;

const YEAR_2023 = {
  start: "2023-01-01",
  end: "2023-12-31",
  label: { en: "2023", zh: "2023年" },
  tag: null,
  inference: null,
} as const;

/** Daxing's ranking: the report gives it no year, and does not tie it to the 2023 assessment. */
const YEAR_2023_INFERRED = {
  ...YEAR_2023,
  inference: {
    en: "The report gives this ranking no year; it follows the 2023 assessment in the text.",
    zh: "报道未给出该排名的年份，仅在2023年度评估之后提及。",
  },
} as const;

/** The source gives no launch date for the "two zones", nor a date the count runs to. */
const SINCE_TWO_ZONES_LAUNCH = {
  start: null,
  end: "2025-01-15",
  label: {
    en: "Since the two zones were launched, as of 15 January 2025",
    zh: "“两区”建设以来（截至2025年1月15日）",
  },
  tag: { en: "cumulative", zh: "累计" },
  inference: {
    en: "The source gives no launch date and no end date; the count is taken as of the press conference.",
    zh: "原文未给出起止日期；按新闻发布会当日计。",
  },
} as const;

const THREE_YEARS_TO_2025 = {
  start: null,
  end: "2025-01-15",
  label: {
    en: "Three consecutive years, as of 15 January 2025",
    zh: "连续三年（截至2025年1月15日）",
  },
  tag: { en: "3 years running", zh: "连续三年" },
  inference: {
    en: "The source does not say which three years; taken as those up to the press conference.",
    zh: "原文未说明是哪三年；按截至新闻发布会计。",
  },
} as const;

export const RELEASE = {
  // The id keeps the name it was first released under (workbooks record it; ids never change);
  // `released` is the date this curation was made.
  id: "2025-01-15.1",
  released: "2026-12-03",
  source: {
    publisher: { en: "Xinhua News Agency", zh: "新华社" },
    published: "2025-01-15",
    description: {
      en: "Report on Beijing's \"two zones\" opening-up",
      zh: "北京“两区”建设扩大开放情况报道",
    },
    headline: null,
    siteName: null,
    event: {
      en: "Press conference \"Deepening Reform to Promote Development\", press center of the Third Session of the 16th Beijing Municipal People's Congress",
      zh: "“深化改革促进发展”（译名）主题新闻发布会，北京市第十六届人民代表大会第三次会议新闻中心",
    },
    speaker: {
      en: "Lu Huiling, Deputy Director-General and Spokesperson, Beijing Municipal Commerce Bureau",
      zh: "Lu Huiling（拼音；中文姓名未经核实），北京市商务局副局长、新闻发言人",
    },
    url: null,
    // The day the project received and first read the source text (the repository's history).
    accessed: "2026-11-26",
  },

  figures: [
    {
      id: "fdi_new_enterprises",
      series: "fdi_new_enterprises",
      basis: "stated",
      label: { en: "New foreign-funded enterprises in Beijing", zh: "北京新设外资企业数" },
      kind: "count",
      unit: { en: "enterprises", zh: "家" },
      value: 1777,
      bound: "exact",
      period: JAN_NOV_2024,
      displayDecimals: 0,
      phrase: "1,777 foreign-funded enterprises were established",
    },
    {
      id: "fdi_new_enterprises_yoy",
      series: "fdi_new_enterprises_yoy",
      basis: "stated",
      label: {
        en: "Growth in the number of new foreign-funded enterprises, year on year",
        zh: "新设外资企业数同比增长",
      },
      kind: "ratio",
      unit: { en: "percent", zh: "%" },
      value: 0.14,
      bound: "exact",
      period: JAN_NOV_2024,
      displayDecimals: 0,
      phrase: "year-on-year growth of 14%",
    },
    {
      id: "fdi_new_enterprises_yoy_vs_national",
      series: "fdi_new_enterprises_yoy_vs_national",
      basis: "stated",
      label: {
        en: "Beijing's growth in the number of new foreign-funded enterprises, above the national average",
        zh: "新设外资企业增速高于全国平均水平",
      },
      kind: "percentage_points",
      unit: { en: "percentage points", zh: "百分点" },
      value: 5,
      bound: "exact",
      period: JAN_NOV_2024,
      displayDecimals: 0,
      phrase: "five percentage points higher than the national average",
    },
    {
      id: "national_fdi_new_enterprises_yoy",
      series: "national_fdi_new_enterprises_yoy",
      basis: "derived",
      label: {
        en: "National average growth in the number of new foreign-funded enterprises (estimate)",
        zh: "全国新设外资企业平均增速（估算）",
      },
      kind: "ratio",
      unit: { en: "percent", zh: "%" },
      value: 0.09,
      bound: "estimate",
      period: JAN_NOV_2024,
      displayDecimals: 0,
      formula: "fdi_new_enterprises_yoy - fdi_new_enterprises_yoy_vs_national / 100",
      inputs: ["fdi_new_enterprises_yoy", "fdi_new_enterprises_yoy_vs_national"],
      roundTo: 4,
      approximation: true,
      note: {
        en: "Beijing's growth less its lead over the national average; both are given in whole points, so this is an estimate.",
        zh: "由北京增速减去其高于全国平均水平的百分点数得出；二者均只给出整数，故仅为估计值。",
      },
    },
    {
      id: "fdi_new_enterprises_jan_nov_2023_approx",
      series: "fdi_new_enterprises",
      basis: "derived",
      label: {
        en: "New foreign-funded enterprises a year earlier (estimate)",
        zh: "上年同期新设外资企业数（估算）",
      },
      kind: "count",
      unit: { en: "enterprises", zh: "家" },
      value: 1559,
      bound: "estimate",
      period: JAN_NOV_2023,
      displayDecimals: 0,
      formula: "fdi_new_enterprises / (1 + fdi_new_enterprises_yoy)",
      inputs: ["fdi_new_enterprises", "fdi_new_enterprises_yoy"],
      roundTo: 0,
      approximation: true,
      note: {
        en: "Implied by the January–November 2024 count and its growth rate; the rate is given in whole percent, so this is an estimate.",
        zh: "由2024年1—11月数量及其同比增速倒推；增速只给出整数百分比，故仅为估计值。",
      },
    },
    {
      id: "ftz_fdi_share",
      series: "ftz_fdi_share",
      basis: "stated",
      label: {
        en: "Pilot free trade zone's share of Beijing's foreign investment in actual use",
        zh: "自由贸易试验区实际使用外资占全市比重",
      },
      kind: "ratio",
      unit: { en: "percent", zh: "%" },
      value: 0.338,
      bound: "exact",
      period: JAN_NOV_2024,
      displayDecimals: 1,
      phrase: "accounted for 33.8% of the city’s total",
    },
    {
      id: "ftz_fdi_share_change",
      series: "ftz_fdi_share_change",
      basis: "stated",
      label: {
        en: "Increase in the pilot free trade zone's share, year on year",
        zh: "自由贸易试验区占比同比提高",
      },
      kind: "percentage_points",
      unit: { en: "percentage points", zh: "百分点" },
      value: 17.9,
      bound: "exact",
      period: JAN_NOV_2024,
      displayDecimals: 1,
      phrase: "year-on-year increase of 17.9 percentage points",
    },
    {
      id: "ftz_fdi_share_prev_year",
      series: "ftz_fdi_share",
      basis: "derived",
      label: {
        en: "Pilot free trade zone's share a year earlier (estimate)",
        zh: "上年同期自由贸易试验区占比（估算）",
      },
      kind: "ratio",
      unit: { en: "percent", zh: "%" },
      value: 0.159,
      bound: "estimate",
      period: JAN_NOV_2023,
      displayDecimals: 1,
      formula: "ftz_fdi_share - ftz_fdi_share_change / 100",
      inputs: ["ftz_fdi_share", "ftz_fdi_share_change"],
      roundTo: 4,
      approximation: true,
      note: {
        en: "The January–November 2024 share less its year-on-year increase; both are given to one decimal place, so this is an estimate.",
        zh: "由2024年1—11月占比减去同比提高的百分点数得出；二者均只给出一位小数，故仅为估计值。",
      },
    },
    {
      id: "pioneering_policies",
      series: "pioneering_policies",
      basis: "stated",
      label: { en: "Groundbreaking policies implemented", zh: "落地突破性政策数" },
      kind: "count",
      unit: { en: "policies", zh: "项" },
      value: 120,
      bound: "over",
      period: SINCE_TWO_ZONES_LAUNCH,
      displayDecimals: 0,
      phrase: "over 120 groundbreaking policies",
    },
    {
      id: "national_first_policies",
      series: "national_first_policies",
      basis: "stated",
      label: {
        en: "Of those policies, the first of their kind in China",
        zh: "其中全国首创政策数",
      },
      kind: "count",
      unit: { en: "policies", zh: "项" },
      value: 60,
      bound: "nearly",
      period: SINCE_TWO_ZONES_LAUNCH,
      displayDecimals: 0,
      phrase: "nearly 60 of which are the first of their kind",
    },
    {
      id: "services_plan_v2_tasks_done",
      series: "services_plan_v2_tasks_done",
      basis: "stated",
      label: {
        en: "Tasks of the services opening-up Plan 2.0 completed within one year",
        zh: "国家服务业扩大开放综合示范区建设2.0版方案（译名）任务一年内完成比例",
      },
      kind: "ratio",
      unit: { en: "percent of tasks", zh: "%" },
      value: 0.8,
      bound: "over",
      period: YEAR_2024_INFERRED,
      displayDecimals: 0,
      phrase: "accomplishing over 80% of the tasks within just one year",
    },
    {
      id: "services_openness_rank",
      series: "services_openness_rank",
      basis: "stated",
      label: {
        en: "Beijing's rank in the national evaluation of services opening-up pilot areas",
        zh: "服务业扩大开放试点示范地区综合评估全国排名",
      },
      kind: "rank",
      unit: { en: "rank", zh: "名" },
      value: 1,
      bound: "exact",
      period: THREE_YEARS_TO_2025,
      displayDecimals: 0,
      phrase: "ranked first in the overall evaluation",
    },
    {
      id: "services_openness_first_place_years",
      series: "services_openness_first_place_years",
      basis: "stated",
      label: {
        en: "Consecutive years ranked first in that evaluation",
        zh: "在该评估中连续位居第一的年数",
      },
      kind: "count",
      unit: { en: "years", zh: "年" },
      value: 3,
      bound: "exact",
      period: THREE_YEARS_TO_2025,
      displayDecimals: 0,
      phrase: "For three consecutive years",
    },
    {
      id: "global_service_partners",
      series: "global_service_partners",
      basis: "stated",
      label: {
        en: "Enterprises in the first cohort of the Global Service Partners Program",
        zh: "“全球服务伙伴计划”（译名）首批入选企业数",
      },
      kind: "count",
      unit: { en: "enterprises", zh: "家" },
      value: 13,
      bound: "exact",
      period: YEAR_2024_INFERRED,
      displayDecimals: 0,
      phrase: "13 enterprises selected for its inaugural cohort",
    },
    {
      id: "tianzhu_bonded_zone_rank",
      series: "tianzhu_bonded_zone_rank",
      basis: "stated",
      label: {
        en: "Tianzhu Comprehensive Bonded Zone's national rank in the customs performance assessment",
        zh: "天竺综合保税区海关总署绩效评估全国排名",
      },
      kind: "rank",
      unit: { en: "rank", zh: "名" },
      value: 2,
      bound: "exact",
      period: YEAR_2023,
      displayDecimals: 0,
      phrase: "Tianzhu Comprehensive Bonded Zone ranked second nationwide",
    },
    {
      id: "daxing_bonded_zone_rank_rise",
      series: "daxing_bonded_zone_rank_rise",
      basis: "stated",
      label: {
        en: "Places gained by the Daxing airport bonded zone in the import and export value ranking",
        zh: "北京大兴国际机场综合保税区进出口额排名上升位次",
      },
      kind: "places",
      unit: { en: "places", zh: "位" },
      value: 55,
      bound: "exact",
      period: YEAR_2023_INFERRED,
      displayDecimals: 0,
      phrase: "rise of 55 places",
    },
  ],

  facts: [
    {
      id: "pilot_city_telecom_healthcare",
      category: "first_batch",
      label: {
        en: "Pilot city for wider opening of value-added telecoms and healthcare",
        zh: "增值电信、医疗领域扩大开放试点城市",
      },
      description: {
        en: "Beijing was in the first group of cities approved for the pilot.",
        zh: "北京为首批获批开展试点的城市之一。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "among the first batch of pilot cities",
      figure: null,
    },
    {
      id: "first_fie_gene_therapy",
      category: "national_first",
      label: {
        en: "Foreign-funded enterprise in human genetic diagnosis and gene therapy",
        zh: "人体基因诊断与治疗外资企业",
      },
      description: {
        en: "The first such enterprise in China was set up in Beijing.",
        zh: "全国首家此类企业在北京设立。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "first foreign-funded enterprise specializing in “human genetic diagnosis and gene therapy”",
      figure: null,
    },
    {
      id: "first_data_outbound_negative_list",
      category: "national_first",
      label: {
        en: "Negative list for outbound data flow, by scenario and field",
        zh: "分场景、分字段的数据出境负面清单",
      },
      description: {
        en: "China's first such list, for companies in the pilot free trade zone.",
        zh: "全国首个此类清单，适用于自由贸易试验区内企业。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "first scenario-based and field-level negative list for outbound data flow",
      figure: null,
    },
    {
      id: "first_professional_qualifications_catalogue",
      category: "called_first",
      label: {
        en: "Catalogue of Recognized International Professional Qualifications",
        zh: "境外职业资格认可目录（译名）",
      },
      description: {
        en: "Released by Beijing; the report calls it the first such catalogue, without saying first where.",
        zh: "北京发布；报道称其为首个此类目录，未说明范围。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "first Catalogue of Recognized International Professional Qualifications",
      figure: null,
    },
    {
      id: "first_rare_disease_drug_pilot_zone",
      category: "national_first",
      label: {
        en: "Pilot zone for the special provision of rare disease drugs",
        zh: "罕见病药品保障先行区（译名）",
      },
      description: {
        en: "Construction of China's first such zone began.",
        zh: "全国首个此类先行区启动建设。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "first pilot zone for the special provision of rare disease drugs",
      figure: null,
    },
    {
      id: "urgent_imported_drugs_rapid_review",
      category: "measure",
      label: {
        en: "Rapid review model with Beijing characteristics for urgently needed imported drugs and devices",
        zh: "具有北京特色的临床急需进口药品和医疗器械快速审评审批模式",
      },
      description: {
        en: "A fast approval route for imported drugs and medical devices that clinics urgently need.",
        zh: "为临床急需的进口药品和医疗器械建立的快速审评审批路径。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "a rapid review and approval model with Beijing characteristics",
      figure: null,
    },
    {
      id: "real_estate_trust_registration",
      category: "pioneered",
      label: {
        en: "Registration of real estate held in trust",
        zh: "不动产信托财产登记",
      },
      description: {
        en: "The report says Beijing pioneered the registration of real estate as trust property.",
        zh: "报道称北京率先开展不动产信托财产登记。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "pioneered real estate trust property registration",
      figure: null,
    },
    {
      id: "pharma_biotherapeutic_api_project",
      category: "signature_project",
      label: {
        en: "Biotherapeutic API project of a multinational drug maker",
        zh: "跨国药企生物治疗原料药项目（译名）",
      },
      description: {
        en: "The first project of this kind in China by a multinational pharmaceutical firm.",
        zh: "全国首个跨国药企的此类项目。",
      },
      period: JAN_NOV_2024_INFERRED,
      phrase: "China’s first pharma biotherapeutic API project",
      figure: null,
    },
    {
      id: "lilly_medical_innovation_center",
      category: "signature_project",
      label: {
        en: "Lilly China Medical Innovation Center",
        zh: "礼来中国医学创新中心",
      },
      description: {
        en: "Named in the report among the signature projects that landed.",
        zh: "报道列举的落地标志性项目之一。",
      },
      period: JAN_NOV_2024_INFERRED,
      phrase: "Lilly China Medical Innovation Center",
      figure: null,
    },
    {
      id: "steinbeis_china_headquarters",
      category: "signature_project",
      label: { en: "Steinbeis China headquarters", zh: "史太白中国总部" },
      description: {
        en: "Steinbeis set up its China headquarters in Beijing.",
        zh: "史太白在京设立中国总部。",
      },
      period: JAN_NOV_2024_INFERRED,
      phrase: "China headquarters of Steinbeis",
      figure: null,
    },
    {
      id: "standard_chartered_securities",
      category: "signature_project",
      label: { en: "Standard Chartered Securities", zh: "渣打证券" },
      description: {
        en: "Named in the report among the signature projects that landed.",
        zh: "报道列举的落地标志性项目之一。",
      },
      period: JAN_NOV_2024_INFERRED,
      phrase: "Standard Chartered Securities",
      figure: null,
    },
    {
      id: "yizhuang_bonded_zone",
      category: "bonded_zone",
      label: { en: "Beijing Yizhuang Comprehensive Bonded Zone", zh: "北京亦庄综合保税区" },
      description: {
        en: "Approved; meant to be China's first bonded zone for new quality productive forces.",
        zh: "获批设立，目标是建成全国首个培育新质生产力的综合保税区。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "the Beijing Yizhuang Comprehensive Bonded Zone was approved",
      figure: null,
    },
    {
      id: "tianzhu_bonded_zone",
      category: "bonded_zone",
      label: { en: "Tianzhu Comprehensive Bonded Zone", zh: "天竺综合保税区" },
      description: {
        en: "Second in China in the customs' 2023 assessment, its best result yet.",
        zh: "在海关总署2023年度绩效评估中位列全国第二，为历史最好成绩。",
      },
      period: YEAR_2023,
      phrase: "marking its best performance ever",
      figure: "tianzhu_bonded_zone_rank",
    },
    {
      id: "daxing_airport_bonded_zone",
      category: "bonded_zone",
      label: {
        en: "Daxing International Airport Comprehensive Bonded Zone",
        zh: "北京大兴国际机场综合保税区",
      },
      description: {
        en: "Rose the most places of any zone in China in the import and export value ranking.",
        zh: "进出口额排名上升位次居全国首位。",
      },
      period: YEAR_2023_INFERRED,
      phrase: "representing the biggest improvement in the country",
      figure: "daxing_bonded_zone_rank_rise",
    },
    {
      id: "regulation_on_foreign_investment",
      category: "measure",
      label: {
        en: "Regulation of Beijing Municipality on Foreign Investment",
        zh: "《北京市外商投资条例》（译名）",
      },
      description: {
        en: "Adopted by the city.",
        zh: "北京市通过该条例。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "adopted the Regulation of Beijing Municipality on Foreign Investment",
      figure: null,
    },
    {
      id: "global_service_partners_program",
      category: "measure",
      label: { en: "Global Service Partners Program", zh: "“全球服务伙伴计划”（译名）" },
      description: {
        en: "Launched, with a first cohort of selected enterprises.",
        zh: "启动实施，并遴选首批入选企业。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "launched the “Global Service Partners Program”",
      figure: "global_service_partners",
    },
    {
      id: "services_plan_v2",
      category: "measure",
      label: {
        en: "Plan 2.0 for the national comprehensive demonstration zone for expanding opening-up in the service sector",
        zh: "国家服务业扩大开放综合示范区建设2.0版方案（译名）",
      },
      description: {
        en: "Approved by the State Council; Beijing sped up its implementation.",
        zh: "经国务院批准；北京加快推进实施。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "approved by the State Council",
      figure: "services_plan_v2_tasks_done",
    },
    {
      id: "ftz_high_standard_alignment",
      category: "measure",
      label: {
        en: "Measures aligning the pilot free trade zone with high international standards",
        zh: "自由贸易试验区对接国际高标准相关措施",
      },
      description: {
        en: "Implemented by Beijing to further promote institutional opening-up.",
        zh: "北京实施相关措施，进一步推动制度型开放。",
      },
      period: YEAR_2024_INFERRED,
      phrase: "implemented relevant measures to align its pilot free trade zone with high international standards",
      figure: null,
    },
  ],

  tables: [
    {
      id: "fdi_headline",
      title: {
        en: "New foreign-funded enterprises (Beijing and the national average)",
        zh: "新设外资企业（北京与全国平均水平）",
      },
      note: {
        en: "January–November figures; estimates are computed from the stated figures and marked as such.",
        zh: "数据为1—11月累计；估算值由公布数据计算得出，并已标明。",
      },
      layout: "figures",
      rows: [
        "fdi_new_enterprises",
        "fdi_new_enterprises_yoy",
        "fdi_new_enterprises_yoy_vs_national",
        "national_fdi_new_enterprises_yoy",
        "fdi_new_enterprises_jan_nov_2023_approx",
      ],
    },
    {
      id: "two_zones_policy",
      title: { en: "\"Two zones\" policy results", zh: "“两区”政策成效" },
      note: {
        en: "Policy counts are cumulative since the two zones were launched; \"over\" and \"nearly\" are the source's bounds.",
        zh: "政策数为“两区”建设以来累计；“超过”“近”分别译自原文的“over”“nearly”。",
      },
      layout: "figures",
      rows: [
        "pioneering_policies",
        "national_first_policies",
        "services_plan_v2_tasks_done",
        "services_openness_rank",
        "services_openness_first_place_years",
      ],
    },
    {
      id: "national_firsts",
      title: { en: "Pioneering policies and national firsts", zh: "先行政策与全国首创" },
      note: {
        en: "Measures the report lists among Beijing's pioneering policies; the Category column says what the report says of each.",
        zh: "报道列为北京先行政策的举措；“类别”列注明报道对每项的表述。",
      },
      layout: "facts",
      rows: [
        "first_fie_gene_therapy",
        "first_data_outbound_negative_list",
        "first_professional_qualifications_catalogue",
        "first_rare_disease_drug_pilot_zone",
        "pilot_city_telecom_healthcare",
        "urgent_imported_drugs_rapid_review",
        "real_estate_trust_registration",
      ],
    },
    {
      id: "signature_projects",
      title: { en: "Signature projects", zh: "标志性项目" },
      note: {
        en: "Signature projects the report names as having landed in Beijing.",
        zh: "报道列举的在京落地标志性项目。",
      },
      layout: "facts",
      rows: [
        "pharma_biotherapeutic_api_project",
        "lilly_medical_innovation_center",
        "steinbeis_china_headquarters",
        "standard_chartered_securities",
      ],
    },
    {
      id: "bonded_zones",
      title: { en: "Comprehensive bonded zones", zh: "综合保税区" },
      note: {
        en: "Tianzhu's rank is from the General Administration of Customs' 2023 annual assessment; the report names no source for Daxing's ranking.",
        zh: "天竺综合保税区排名来自海关总署2023年度绩效评估；报道未说明大兴机场综合保税区排名的出处。",
      },
      layout: "facts",
      rows: ["yizhuang_bonded_zone", "tianzhu_bonded_zone", "daxing_airport_bonded_zone"],
    },
    {
      id: "ftz_share",
      title: {
        en: "Pilot free trade zone's share of foreign investment in actual use",
        zh: "自由贸易试验区实际使用外资占比",
      },
      note: {
        en: "January–November figures; the year-earlier share is an estimate, derived from the stated increase.",
        zh: "数据为1—11月累计；上年同期占比为估算值，由公布的同比提高值推算。",
      },
      layout: "figures",
      rows: ["ftz_fdi_share", "ftz_fdi_share_change", "ftz_fdi_share_prev_year"],
    },
    {
      id: "open_economy",
      title: { en: "Building an open economy", zh: "开放型经济建设" },
      note: {
        en: "Measures the report names in building an open economy; the count is of the program's first cohort.",
        zh: "报道列举的开放型经济建设举措；数量为该计划首批入选企业数。",
      },
      layout: "facts",
      rows: ["regulation_on_foreign_investment", "global_service_partners_program"],
    },
    {
      id: "institutional_opening",
      title: { en: "Institutional opening-up", zh: "制度型开放" },
      note: {
        en: "Measures the report names in institutional opening-up; the value is the share of Plan 2.0's tasks completed within one year.",
        zh: "报道列举的制度型开放举措；数值为2.0版方案一年内完成的任务比例。",
      },
      layout: "facts",
      rows: ["services_plan_v2", "ftz_high_standard_alignment"],
    },
  ],
} as const satisfies z.input<typeof Release>;

/** Every figure id of the release, derived from the data. */
export type FigureId = (typeof RELEASE.figures)[number]["id"];
/** Every fact id of the release. */
export type FactId = (typeof RELEASE.facts)[number]["id"];
/** Every curated table id of the release. */
export type TableId = (typeof RELEASE.tables)[number]["id"];
