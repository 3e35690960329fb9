import { useI18n } from "../../kernel/i18n.ts";
import { LanguageSwitch } from "./language-switch.tsx";
import { SessionNotices } from "./session-notices.tsx";

/** The banner: product name, what it is for, the language switch, and the state of saved work. */
export function SiteHeader() {
  const { t } = useI18n();
  return (
    <header class="site-header">
      <div class="container site-header-inner">
        <div class="brand-block">
          <p class="brand">
            <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
              <circle cx="16" cy="16" r="13" fill="none" stroke="currentColor" stroke-width="3" />
              <circle cx="16" cy="16" r="5" fill="currentColor" />
            </svg>
            <span>
              <span lang="en">Reachable</span> · <span lang="zh-CN">可达</span>
            </span>
          </p>
          <p class="tagline">{t("app.tagline")}</p>
        </div>
        <LanguageSwitch />
      </div>
      <div class="container">
        <SessionNotices />
      </div>
    </header>
  );
}
