import type { Basis } from "../../../models/basis.ts";
import { useI18n } from "../../kernel/i18n.ts";

/** The basis in a word, with a marker shape (never colour alone). */
export function BasisBadge(props: { basis: Basis }) {
  const { t } = useI18n();
  const shape = { published: "◆", trend: "◇", estimate: "○", plan: "⚠" } as const;
  return (
    <span class={`basis basis-${props.basis}`} title={t(`basis.${props.basis}Note`)}>
      <span aria-hidden="true">{shape[props.basis]} </span>
      <span class="visually-hidden">{t("basis.label")}: </span>
      {t(`basis.${props.basis}`)}
    </span>
  );
}
