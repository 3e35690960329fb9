import { useI18n } from "../../kernel/i18n.ts";

/** What a person sees when a view throws: what happened, in their language, and what to do next. */
export function ErrorPanel(props: { error: unknown }) {
  const { t } = useI18n();
  const message = () => (props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <section class="error-panel" role="alert" aria-labelledby="error-panel-heading">
      <h2 id="error-panel-heading">{t("error.heading")}</h2>
      <p>{t("error.body", { message: message() })}</p>
    </section>
  );
}
