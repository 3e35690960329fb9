import { createEffect, createSignal, For, on, Show } from "solid-js";
import { pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { useSession } from "../../kernel/session.ts";
import { download } from "./downloads.ts";

/**
 * What the person must know about their saved work, under the banner: a polite status line ("Saving…",
 * "Saved"), a storage problem with the way out (export the workspace to a file), and a share link that
 * could not be read, naming what is wrong. A language switch is saved here too, so it is kept even
 * before a plan is opened.
 */
export function SessionNotices() {
  const { lang, t } = useI18n();
  const session = useSession();
  const [updateDismissed, setUpdateDismissed] = createSignal(false);

  createEffect(
    on(
      lang,
      (l) => {
        const ws = session.latest();
        if (ws && ws.language !== l) session.change({ ...ws, language: l });
      },
      { defer: true },
    ),
  );

  const exportWorkspace = (): void => {
    const ws = { ...session.exportable(lang()), savedAt: new Date().toISOString() };
    download(
      `reachable-workspace-${ws.savedAt.slice(0, 10)}.json`,
      `${JSON.stringify(ws, null, 2)}\n`,
      "application/json",
    );
  };
  const exportDamaged = async (): Promise<void> => {
    const list = await session.backups();
    download("reachable-unreadable-records.json", `${JSON.stringify(list, null, 2)}\n`, "application/json");
  };

  const statusText = () => {
    switch (session.status()) {
      case "saving":
        return t("save.saving");
      case "saved":
        return t("save.saved");
      case "failed":
        return t("save.failed");
      default:
        return session.initial ? t("save.restored") : "";
    }
  };

  return (
    <div class="session-notices">
      <p class="save-status" role="status" aria-live="polite">
        {statusText()}
        <Show when={session.mergedFromOtherTabs() > 0}>
          {" "}
          <span class="save-merged">{t("save.mergedOtherTab")}</span>
        </Show>
      </p>
      <Show when={session.updated && !updateDismissed()}>
        <section class="update-notice" role="status" aria-labelledby="update-notice-heading">
          <h2 id="update-notice-heading" class="banner-heading">
            {t("update.heading")}
          </h2>
          <p>{t("update.body")}</p>
          <button type="button" class="button small" onClick={() => setUpdateDismissed(true)}>
            {t("link.dismiss")}
          </button>
        </section>
      </Show>
      <Show when={session.problem()}>
        {(p) => (
          <section class="storage-banner" role="alert" aria-labelledby="storage-banner-heading">
            <h2 id="storage-banner-heading" class="banner-heading">
              <span aria-hidden="true">⚠ </span>
              {t("save.problemHeading")}
            </h2>
            <p>{pick(p().message, lang())}</p>
            <div class="banner-actions">
              <button type="button" class="button primary" onClick={exportWorkspace}>
                {t("files.exportWorkspace")}
              </button>
              <Show when={p().kind === "corrupt"}>
                <button type="button" class="button" onClick={() => void exportDamaged()}>
                  {t("save.exportDamaged")}
                </button>
              </Show>
            </div>
          </section>
        )}
      </Show>
      <Show
        when={(() => {
          const l = session.link();
          return l.kind === "invalid" ? l : undefined;
        })()}
      >
        {(l) => (
          <section class="link-banner no-print" role="alert" aria-labelledby="link-banner-heading">
            <h2 id="link-banner-heading" class="banner-heading">
              <span aria-hidden="true">⚠ </span>
              {t("link.invalidHeading")}
            </h2>
            <ul class="issue-list">
              <For each={l().issues}>
                {(i) => (
                  <li>
                    <Show when={i.path !== ""}>
                      <code>{i.path}</code>:{" "}
                    </Show>
                    {pick(i.message, lang())}
                  </li>
                )}
              </For>
            </ul>
            <p>{t("link.nothingChanged")}</p>
            <button type="button" class="button small" onClick={() => session.settleLink()}>
              {t("link.dismiss")}
            </button>
          </section>
        )}
      </Show>
    </div>
  );
}
