import type { Indicator, Plan } from "../../../models/plan.ts";
import { pick } from "../../../models/text.ts";
import type { FigureMeta } from "../../charts/standalone.ts";
import { formatDate, formatYear } from "../../kernel/format.ts";
import type { I18n } from "../../kernel/i18n.ts";
import { indicatorLabel, targetText, unitWords } from "./verdict-text.ts";

/**
 * The words every exported chart of one indicator opens and closes with, in `lang`: its name (and the
 * plan's Chinese name in an English file), the plan and `scenario`, the unit, the target by its year,
 * and the date the file is made. The caller adds what only its chart knows: the legend and the source.
 */
export function figureWords(
  ind: Indicator,
  plan: Plan,
  scenario: string,
  lang: "zh-CN" | "en",
  t: I18n["t"],
): Omit<FigureMeta, "legend" | "source"> {
  return {
    lang,
    title: indicatorLabel(ind, lang),
    // The Chinese name is the plan's own words: an English file carries it too.
    subtitle: [
      lang === "en" ? ind.name.zh : "",
      t("export.scenario", { plan: pick(plan.title, lang), scenario }),
      t("export.unit", { unit: unitWords(ind, lang, t) }),
    ],
    target: t(ind.measure === "annual" ? "export.targetAnnual" : "export.target", {
      target: targetText(ind, lang, t),
      year: formatYear(ind.target.year),
    }),
    date: t("export.made", { date: formatDate(new Date(), lang) }),
  };
}
