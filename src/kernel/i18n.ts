import { type Accessor, createComponent, createContext, createSignal, type JSX, useContext } from "solid-js";
import { z } from "zod";
import { LANGS, type Lang } from "../../models/text.ts";

/**
 * The product's words in English. Its keys are the type of every message key: the zh-CN catalogue must
 * carry each of them (the compiler checks, and so does `tests/kernel/i18n.test.ts`).
 * `{name}` placeholders are filled from `t(key, { name })`.
 */
export const en = {
  "app.name": "Reachable · 可达",
  "app.tagline": "Will each target of a local five-year plan be reached, how surely, and what would it take?",
  "app.documentTitle": "Reachable · 可达 — five-year plans for disabled people's services",
  "app.documentTitleWithPlan": "{plan} — Reachable · 可达",
  "skip.toMain": "Skip to main content",
  "lang.label": "Language",
  "lang.zh-CN": "简体中文",
  "lang.en": "English",
  "plans.heading": "Plans",
  "plans.intro":
    "Choose a plan to see its indicators. Plan texts keep the Chinese of the source document; English is a reading aid.",
  "plans.listLabel": "Available plans",
  "plans.none": "No plans were found. Add a plan file under scenarios/plans/.",
  "plan.region": "Region",
  "plan.period": "Plan period",
  "plan.periodValue": "{from}–{to}",
  "plan.baselineYear": "Baseline year",
  "plan.targetYear": "Target year",
  "plan.tableIndicators": "Indicators in the table",
  "plan.textTargets": "Targets from the text",
  "plan.issuer": "Issued by: ",
  "plan.open": "Open",
  "plan.isOpen": "Open below",
  "level.city": "city",
  "level.county": "county",
  "level.district": "district",
  "summary.label": "Plan summary",
  "summary.caption": "Indicators as printed in the plan ({count})",
  "summary.col.number": "No.",
  "summary.col.name": "Indicator",
  "summary.col.unit": "Unit",
  "summary.col.attribute": "Attribute",
  "summary.col.baseline": "Baseline as printed",
  "summary.col.target": "Target as printed",
  "summary.fromText": "Text",
  "summary.fromTextLabel": "From the text, no row number",
  "summary.later":
    "Values are shown as the plan prints them. Projections of whether each target will be reached come next.",
  "summary.tableLabel": "Indicators table; scroll sideways if it does not fit",
  "attribute.binding": "Binding",
  "attribute.expected": "Expected",
  "attribute.unspecified": "Not stated",
  "unit.percent": "%",
  "unit.people": "people",
  "unit.attendances": "attendances",
  "unit.households": "households",
  "unit.yuan": "yuan",
  "unit.growth-rate": "growth rate",
  "unit.count": "count",
  "unit.notPrinted": "(not printed)",
  "issues.heading": "Plan files that could not be loaded",
  "issues.intro":
    "These files were skipped; the other plans work as usual. Fix each problem below, then check the file with npm run check-plan.",
  "issues.file": "File: ",
  "issues.path": "Where",
  "issues.message": "Problem",
  "issues.wholeFile": "(whole file)",
  "footer.note":
    "Everything runs in this browser; nothing is sent anywhere. Plans are data taken from official documents.",
  "error.heading": "Something went wrong",
  "error.body":
    "This view stopped with an error: {message}. Nothing you saved is lost; reload the page to continue.",
} satisfies Record<string, string>;

/** A message key. */
export type MessageKey = keyof typeof en;
/** A complete catalogue: one string for every key. */
export type Catalogue = Record<MessageKey, string>;

/** 简体中文 catalogue. Every key of {@link en} is required. */
export const zhCN: Catalogue = {
  "app.name": "Reachable · 可达",
  "app.tagline": "地方五年规划的各项目标能否实现、把握多大、还需要什么条件？",
  "app.documentTitle": "Reachable · 可达 — 残疾人事业五年规划",
  "app.documentTitleWithPlan": "{plan} — Reachable · 可达",
  "skip.toMain": "跳到主要内容",
  "lang.label": "语言",
  "lang.zh-CN": "简体中文",
  "lang.en": "English",
  "plans.heading": "规划",
  "plans.intro": "选择一个规划，查看其指标。规划文本保留原文中文。",
  "plans.listLabel": "可用的规划",
  "plans.none": "没有找到规划。请在 scenarios/plans/ 下添加规划文件。",
  "plan.region": "地区",
  "plan.period": "规划期",
  "plan.periodValue": "{from}–{to}年",
  "plan.baselineYear": "基期年份",
  "plan.targetYear": "目标年份",
  "plan.tableIndicators": "表格指标",
  "plan.textTargets": "正文目标",
  "plan.issuer": "发布机关：",
  "plan.open": "打开",
  "plan.isOpen": "已在下方打开",
  "level.city": "市",
  "level.county": "县",
  "level.district": "区",
  "summary.label": "规划概要",
  "summary.caption": "规划所列指标（按原文，共 {count} 项）",
  "summary.col.number": "序号",
  "summary.col.name": "指标",
  "summary.col.unit": "单位",
  "summary.col.attribute": "属性",
  "summary.col.baseline": "基期值（原文）",
  "summary.col.target": "目标值（原文）",
  "summary.fromText": "正文",
  "summary.fromTextLabel": "来自正文，无表格序号",
  "summary.later": "各数值均按规划原文列出。各项目标能否实现的推演将在后续版本提供。",
  "summary.tableLabel": "指标表；如显示不全可横向滚动",
  "attribute.binding": "约束性",
  "attribute.expected": "预期性",
  "attribute.unspecified": "未标明",
  "unit.percent": "%",
  "unit.people": "人",
  "unit.attendances": "人次",
  "unit.households": "户",
  "unit.yuan": "元",
  "unit.growth-rate": "增长率",
  "unit.count": "个",
  "unit.notPrinted": "（原文未标）",
  "issues.heading": "无法载入的规划文件",
  "issues.intro":
    "以下文件已跳过，其他规划照常可用。请按下列说明逐项修改，然后用 npm run check-plan 检查该文件。",
  "issues.file": "文件：",
  "issues.path": "位置",
  "issues.message": "问题",
  "issues.wholeFile": "（整个文件）",
  "footer.note": "所有计算都在本浏览器中完成，不向任何地方发送数据。规划数据摘自官方文件。",
  "error.heading": "出现错误",
  "error.body": "此视图因错误而停止：{message}。已保存的内容不会丢失，请刷新页面继续。",
};

/** Both catalogues, by language. */
export const catalogues: Record<Lang, Catalogue> = { "zh-CN": zhCN, en };

/** Values that fill `{name}` placeholders. Numbers are written as `String(n)`; format them first if needed. */
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays visible so the gap is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** The localStorage key holding the chosen language. */
export const LANG_STORAGE_KEY = "reachable:lang";

const langSchema = z.enum(LANGS as [Lang, ...Lang[]]);

/**
 * The product language for a list of browser languages (BCP 47 tags, most preferred first):
 * the first tag that is Chinese or English decides; otherwise zh-CN, the language of every plan.
 */
export function detectLang(languages: readonly string[] | undefined): Lang {
  for (const tag of languages ?? []) {
    const lower = tag.toLowerCase();
    if (lower === "zh" || lower.startsWith("zh-")) return "zh-CN";
    if (lower === "en" || lower.startsWith("en-")) return "en";
  }
  return "zh-CN";
}

/** The bits of the browser the i18n kernel touches; injected so tests run without a DOM. */
export interface I18nEnvironment {
  /** Where the choice is kept; null to keep it in memory only. Default: `localStorage` when present. */
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
  /** Browser languages, most preferred first. Default: `navigator.languages`. */
  languages?: readonly string[];
  /** The element whose `lang` attribute follows the choice. Default: `document.documentElement`. */
  root?: { lang: string } | null;
}

/** The i18n kernel: the current language, a way to change it, and the message lookup. */
export interface I18n {
  lang: Accessor<Lang>;
  setLang: (lang: Lang) => void;
  /** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
  t: (key: MessageKey, params?: MessageParams) => string;
}

function defaultStorage(): Pick<Storage, "getItem" | "setItem"> | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage access throws in some privacy modes; the choice then lives for the session only.
    return null;
  }
}

function readStored(storage: Pick<Storage, "getItem"> | null): Lang | undefined {
  if (!storage) return undefined;
  try {
    const parsed = langSchema.safeParse(storage.getItem(LANG_STORAGE_KEY));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the i18n kernel. The initial language is the stored choice when it is valid, else the browser
 * language, else zh-CN. Every change is written back to storage and to `<html lang>` at once, so
 * screen readers and CJK font selection follow the switch.
 */
export function createI18n(env: I18nEnvironment = {}): I18n {
  const storage = env.storage === undefined ? defaultStorage() : env.storage;
  const languages =
    env.languages ??
    (typeof navigator === "undefined" ? undefined : (navigator.languages ?? [navigator.language]));
  const root =
    env.root === undefined ? (typeof document === "undefined" ? null : document.documentElement) : env.root;

  const [lang, setLangSignal] = createSignal<Lang>(readStored(storage) ?? detectLang(languages));
  if (root) root.lang = lang();

  const setLang = (next: Lang): void => {
    setLangSignal(() => next);
    if (root) root.lang = next;
    try {
      storage?.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // A full or blocked storage must not stop the switch itself.
    }
  };

  const t = (key: MessageKey, params?: MessageParams): string => interpolate(catalogues[lang()][key], params);

  return { lang, setLang, t };
}

const I18nContext = createContext<I18n>();

/** Makes an i18n kernel available to every component below it. */
export function I18nProvider(props: { i18n: I18n; children: JSX.Element }): JSX.Element {
  return createComponent(I18nContext.Provider, {
    get value() {
      return props.i18n;
    },
    get children() {
      return props.children;
    },
  });
}

/** The i18n kernel of the nearest {@link I18nProvider}; throws outside one, so a missing provider is loud. */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n() was called outside <I18nProvider>");
  return ctx;
}
