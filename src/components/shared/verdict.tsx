import { useI18n } from "../../kernel/i18n.ts";

/**
 * Met or missed, as an icon AND a word (never colour alone). The other pieces every view of a verdict
 * shares live beside it and are re-exported here, so one import still reaches them all: the status band
 * (status-badge.tsx), the basis (basis-badge.tsx), an indicator's name (indicator-name.tsx), and the
 * verdict's words (verdict-text.ts).
 */

/** Met (✓) or missed (✗), as icon and word. */
export function VerdictBadge(props: { met: boolean }) {
  const { t } = useI18n();
  return (
    <span class="verdict" classList={{ "verdict-met": props.met, "verdict-missed": !props.met }}>
      <span class="verdict-icon" aria-hidden="true">
        {props.met ? "✓" : "✗"}
      </span>
      {props.met ? t("verdict.met") : t("verdict.missed")}
    </span>
  );
}

export { BasisBadge } from "./basis-badge.tsx";
export { IndicatorName } from "./indicator-name.tsx";
export { StatusBadge } from "./status-badge.tsx";
export {
  indicatorLabel,
  marginText,
  paceRatioText,
  paceUnitText,
  paceValueText,
  probabilityText,
  projectedText,
  projectedTextOf,
  shownResult,
  targetText,
  unitOf,
} from "./verdict-text.ts";
