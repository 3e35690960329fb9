import type { ModelSpec, ParamUnit } from "./model.ts";
import { MODELS } from "./registry.ts";
import type { Bilingual } from "./text.ts";

/**
 * The model catalogue: every model a binding may name, with what it is for, its parameters (unit, hard
 * range, meaning), its inputs and its outputs, in both languages. `npm run models` prints it; the
 * scaffold and the bindings' error messages use the same names.
 */

export interface OutputDoc {
  unit: ParamUnit;
  doc: Bilingual;
  /**
   * The parameter that sets this output's start-year value (index 0), where one does: coverage `rate`
   * starts at `rate0`, volume `annual` at `level0`… A printed exact baseline of an indicator bound to such
   * an output must be reproduced (tests/scenarios/bindings.test.ts).
   */
  startsFrom?: string;
}

export interface ModelDoc {
  summary: Bilingual;
  inputs: Record<string, Bilingual>;
  outputs: Record<string, OutputDoc>;
}

const people = (zh: string, en: string): OutputDoc => ({ unit: "people", doc: { zh, en } });

/** Documentation of each model's purpose, inputs and outputs (parameters document themselves). */
export const MODEL_DOCS: Readonly<Record<string, ModelDoc>> = {
  population: {
    summary: {
      zh: "人口与老龄化：按性别和5岁年龄组的队列模型（死亡、出生、净迁移、分年龄残疾患病率），得出残疾人、持证残疾人、重度、就业年龄段和儿童人数。",
      en: "Population and ageing: a cohort model by sex and 5-year age group (deaths, births, net migration, age-specific disability prevalence) giving disabled, certified, severe, working-age and child counts.",
    },
    inputs: {},
    outputs: {
      total: people("常住人口", "residents"),
      age60plus: people("60岁及以上人口", "residents aged 60+"),
      share60plus: { unit: "percent", doc: { zh: "60岁及以上人口占比", en: "share of residents aged 60+" } },
      births: { unit: "people-per-year", doc: { zh: "当年出生人数", en: "births in the year" } },
      deaths: { unit: "people-per-year", doc: { zh: "当年死亡人数", en: "deaths in the year" } },
      netMigration: {
        unit: "people-per-year",
        doc: { zh: "当年实际净迁移人数", en: "net migration actually applied in the year" },
      },
      disabled: people("残疾人（调查口径）", "disabled people (survey definition)"),
      certified: people("持证残疾人", "certified (持证) disabled people"),
      severe: people("重度（一、二级）持证残疾人", "severely disabled (grades 1–2), certified"),
      workingAgeCertified: people(
        "就业年龄段持证残疾人（男16–59岁，女16–54岁）",
        "working-age certified disabled (men 16–59, women 16–54)",
      ),
      children0to6Disabled: people("0–6岁残疾儿童", "disabled children aged 0–6"),
      children0to16Disabled: people("0–16岁残疾儿童少年", "disabled children aged 0–16"),
      age60plusDisabled: people("60岁及以上残疾人", "disabled people aged 60+"),
    },
  },
  subsidy: {
    summary: {
      zh: "补贴预算：困难残疾人生活补贴或重度残疾人护理补贴。符合条件人数随驱动序列变化，标准逐年调整，预算按设定增速增长；得出覆盖率和资金缺口。",
      en: "Subsidy budget: the living or the nursing subsidy. Eligible people move with a driver, the standard is indexed, the budget grows at a set rate; gives coverage and the funding gap.",
    },
    inputs: {
      driver: {
        zh: "符合条件人数随之变化的序列（如 population.certified 或 population.severe）",
        en: "the series eligible people scale with (e.g. population.certified or population.severe)",
      },
    },
    outputs: {
      eligible: people("符合条件人数", "eligible people"),
      recipients: people("获得补贴人数", "people funded"),
      standard: { unit: "yuan-per-month", doc: { zh: "补贴标准", en: "subsidy standard" } },
      budget: { unit: "yuan-per-year", doc: { zh: "补贴预算", en: "subsidy budget" } },
      costNeeded: {
        unit: "yuan-per-year",
        doc: { zh: "全部申领者所需资金", en: "cost of funding every claimant" },
      },
      gap: { unit: "yuan-per-year", doc: { zh: "资金缺口（不为负）", en: "funding gap (never negative)" } },
      coverage: {
        unit: "percent",
        doc: { zh: "覆盖率（获补贴人数占符合条件人数）", en: "coverage (funded as a percent of eligible)" },
        startsFrom: "coverage0",
      },
    },
  },
  retrofit: {
    summary: {
      zh: "家庭无障碍改造进度：每年完成量取能力、预算÷单价和待改造户数三者中的最小值；得出累计完成户数和改造率。",
      en: "Home-retrofit pace: each year completes the least of capacity, budget ÷ cost per household and the backlog; gives cumulative completions and the retrofit rate.",
    },
    inputs: {
      driver: {
        zh: "新增符合条件家庭随之变化的序列（如 population.severe；用 constant 表示不变）",
        en: "the series new eligible households scale with (e.g. population.severe; constant for none)",
      },
    },
    outputs: {
      eligible: { unit: "households", doc: { zh: "符合条件家庭", en: "eligible households" } },
      backlog: { unit: "households", doc: { zh: "年初待改造家庭", en: "eligible not yet retrofitted" } },
      capacity: { unit: "households-per-year", doc: { zh: "实施能力", en: "delivery capacity" } },
      cost: { unit: "yuan-per-household", doc: { zh: "每户改造费用", en: "cost per household" } },
      affordable: {
        unit: "households-per-year",
        doc: { zh: "预算可支付户数", en: "households the budget pays for" },
      },
      completions: {
        unit: "households-per-year",
        doc: { zh: "当年完成户数", en: "completions in the year" },
      },
      cumulativeCompletions: {
        unit: "households",
        doc: {
          zh: "基期以来累计完成户数（规划期累计目标用它）",
          en: "completions since the start year (for totals over the plan period)",
        },
      },
      retrofitted: { unit: "households", doc: { zh: "已改造家庭", en: "households retrofitted" } },
      rate: {
        unit: "percent",
        doc: { zh: "改造率（已改造占符合条件家庭）", en: "retrofit rate (percent of eligible)" },
        startsFrom: "rate0",
      },
      spending: { unit: "yuan-per-year", doc: { zh: "当年改造支出", en: "retrofit spending in the year" } },
    },
  },
  coverage: {
    summary: {
      zh: "服务覆盖：各类比率指标共用的“能力对需求”模型（康复、辅具、托养、残疾人之家、文体、保险、筛查、入学、低保等）。",
      en: "Service coverage: one capacity-versus-need model for rate indicators (rehabilitation, assistive devices, care, homes for the disabled, culture and sports, insurance, screening, enrolment, minimum living guarantee…).",
    },
    inputs: {
      driver: {
        zh: "需求随之变化的序列（设施覆盖用 constant）",
        en: "the series need scales with (constant for facility coverage)",
      },
    },
    outputs: {
      need: { unit: "count", doc: { zh: "需求（人、镇街等）", en: "units of need (people, towns…)" } },
      served: { unit: "count", doc: { zh: "已覆盖的需求", en: "need served" } },
      rate: {
        unit: "percent",
        doc: { zh: "覆盖率（0–100）", en: "coverage rate (0–100)" },
        startsFrom: "rate0",
      },
    },
  },
  employment: {
    summary: {
      zh: "就业：就业年龄段持证残疾人中的就业存量，每年有退出和新增安置（按比例、培训、自主创业），以可就业比例为上限。",
      en: "Employment: employed working-age certified disabled people, with exits and new placements (quota, training, self-employment) each year, capped at the share able to work.",
    },
    inputs: {
      workingAge: {
        zh: "就业年龄段持证残疾人（如 population.workingAgeCertified）",
        en: "working-age certified disabled people (e.g. population.workingAgeCertified)",
      },
    },
    outputs: {
      employed: people("就业人数", "employed people"),
      placements: { unit: "people-per-year", doc: { zh: "当年新增就业", en: "new jobs in the year" } },
      exits: { unit: "people-per-year", doc: { zh: "当年退出就业", en: "people leaving work in the year" } },
      rate: {
        unit: "percent",
        doc: { zh: "就业率", en: "employment rate" },
        startsFrom: "rate0",
      },
    },
  },
  volume: {
    summary: {
      zh: "数量：每年计数的活动（培训人次、托养人次、扶持户数、宣传条数……）及其累计，用于每年目标、当年水平和规划期累计目标。",
      en: "Volumes: an activity counted every year (training attendances, care attendances, households supported, press items…) and its running total, for yearly, level and plan-period targets.",
    },
    inputs: {},
    outputs: {
      annual: {
        unit: "count-per-year",
        doc: { zh: "当年数量", en: "count in the year" },
        startsFrom: "level0",
      },
      cumulative: {
        unit: "count",
        doc: {
          zh: "累计数量（基期为 stock0，其后逐年加上当年数量）",
          en: "running total (stock0 in the start year, then each year's count added)",
        },
        startsFrom: "stock0",
      },
    },
  },
  income: {
    summary: {
      zh: "收入增长：残疾人家庭人均可支配收入增速与所对照序列（地区生产总值、居民收入、财政收入……）增速的比较，用于“同步”目标。",
      en: "Income growth: disabled households' per-capita income growth against the series it keeps pace with (GDP, resident income, fiscal revenue…), for “in step with” targets.",
    },
    inputs: {},
    outputs: {
      incomeGrowth: {
        unit: "percent-per-year",
        doc: { zh: "当年收入增速", en: "income growth in the year" },
      },
      gdpGrowth: {
        unit: "percent-per-year",
        doc: { zh: "所对照序列的当年增速", en: "growth of the compared series in the year" },
      },
      avgIncomeGrowth: {
        unit: "percent-per-year",
        doc: { zh: "基期以来收入年均增速", en: "average income growth since the start year" },
      },
      avgGdpGrowth: {
        unit: "percent-per-year",
        doc: {
          zh: "基期以来所对照序列的年均增速",
          en: "average growth of the compared series since the start year",
        },
      },
      incomeIndex: {
        unit: "percent",
        doc: { zh: "收入指数（基期 = 100）", en: "income index (start year = 100)" },
      },
    },
  },
};

export interface CatalogueParam {
  name: string;
  unit: ParamUnit;
  min: number;
  max: number;
  doc: Bilingual;
}

export interface CatalogueEntry {
  name: string;
  summary: Bilingual;
  params: CatalogueParam[];
  inputs: { name: string; doc: Bilingual }[];
  outputs: ({ name: string } & OutputDoc)[];
}

const UNDOCUMENTED: Bilingual = { zh: "（未说明）", en: "(undocumented)" };

/** One model's catalogue entry. */
export function describeModel(spec: ModelSpec): CatalogueEntry {
  const doc = MODEL_DOCS[spec.name];
  return {
    name: spec.name,
    summary: doc?.summary ?? UNDOCUMENTED,
    params: spec.params.map((p) => ({
      name: p.name,
      unit: p.unit,
      min: p.min,
      max: p.max,
      doc: { zh: p.docZh, en: p.doc },
    })),
    inputs: spec.inputs.map((name) => ({ name, doc: doc?.inputs[name] ?? UNDOCUMENTED })),
    outputs: spec.outputs.map((name) => ({
      name,
      ...(doc?.outputs[name] ?? { unit: "count" as const, doc: UNDOCUMENTED }),
    })),
  };
}

/** Every model in the registry, in registry order. */
export function catalogue(): CatalogueEntry[] {
  return Object.values(MODELS).map(describeModel);
}

/** The parameter that sets `<model>.<output>`'s start-year value, if any (see {@link OutputDoc.startsFrom}). */
export function startsFrom(model: string, output: string): string | undefined {
  return MODEL_DOCS[model]?.outputs[output]?.startsFrom;
}
