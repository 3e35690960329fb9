import { type Lang, pick } from "../../models/text.ts";
import { interpolate, type MessageParams } from "./i18n.ts";

/**
 * The words of adding a plan that the first screen shows ("Add a plan", the imported plans and their
 * downloads). The paste screen's own words (`paste-text.ts`, which includes these) load with that screen,
 * so the first screen carries only these.
 */
export const IMPORT_TEXT = {
  entryHeading: { zh: "添加规划", en: "Add a plan" },
  entryIntro: {
    zh: "从规划文件（Word、PDF 或网页）复制主要指标表，粘贴进来，逐行核对后即可推演。",
    en: "Copy the main indicator table from the plan's document (Word, PDF or a web page), paste it, check it row by row, and project it.",
  },
  entryButton: { zh: "粘贴规划表格", en: "Paste a plan's table" },
  importedHeading: { zh: "导入的规划", en: "Imported plans" },
  importedIntro: {
    zh: "这些规划保存在本浏览器中。可下载与仓库相同的三个文件：规划、模型绑定和基准情景。",
    en: "These plans are kept in this browser. Download the three files the repository keeps for a plan: the plan, its bindings and its baseline scenario.",
  },
  downloadPlan: {
    zh: "下载规划文件（scenarios/plans/{file}）",
    en: "Download the plan (scenarios/plans/{file})",
  },
  downloadBindings: {
    zh: "下载模型绑定（scenarios/bindings/{file}）",
    en: "Download the bindings (scenarios/bindings/{file})",
  },
  downloadScenario: {
    zh: "下载基准情景（scenarios/{file}）",
    en: "Download the baseline scenario (scenarios/{file})",
  },
} as const;

/** A first-screen word of adding a plan in `lang`, with `{name}` parameters filled in. */
export function importText(lang: Lang, key: keyof typeof IMPORT_TEXT, params?: MessageParams): string {
  return interpolate(pick(IMPORT_TEXT[key], lang), params);
}
