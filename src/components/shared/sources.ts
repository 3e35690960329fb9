import type { Plan } from "../../../models/plan.ts";
import { type Lang, pick } from "../../../models/text.ts";
import { formatDate } from "../../kernel/format.ts";
import type { I18n } from "../../kernel/i18n.ts";

/**
 * A plan's published source in the reader's language, as a printed report or an exported chart cites
 * it: the document's title (in its own words), its section, and where it was read — a public address
 * with the date it was retrieved, or, for a document kept beside the repository, who issued it.
 * Never a path: a `file` source names a copy inside the code repository, which no reader can open.
 */
export function planSourceText(plan: Plan, lang: Lang, t: I18n["t"]): string {
  const src = plan.source;
  const base =
    src.url !== undefined
      ? t("source.url", {
          title: src.title,
          url: src.url,
          date: src.retrieved ? formatDate(src.retrieved, lang) : "—",
        })
      : t("source.issued", { title: src.title, issuer: pick(plan.issuer, lang) });
  return src.section ? t("source.section", { source: base, section: src.section }) : base;
}
