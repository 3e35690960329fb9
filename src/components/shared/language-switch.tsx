import { For } from "solid-js";
import { LANGS } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";

/**
 * Two toggle buttons, one per language, in a labelled group. Each button names its language in that
 * language (and says so with `lang`), so a person who cannot read the current one can still find theirs.
 * Switching changes only the words: every other piece of state stays where it was.
 */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <fieldset class="lang-switch">
      <legend class="lang-switch-label">{t("lang.label")}</legend>
      <div class="button-group">
        <For each={LANGS}>
          {(l) => (
            <button
              type="button"
              class="toggle"
              lang={l}
              aria-pressed={lang() === l ? "true" : "false"}
              onClick={() => setLang(l)}
            >
              {t(`lang.${l}`)}
            </button>
          )}
        </For>
      </div>
    </fieldset>
  );
}
