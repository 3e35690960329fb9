import { createUniqueId, For, type JSX, onCleanup, onMount } from "solid-js";

/** One answer a {@link ChoiceDialog} offers. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  /** The emphasised (and first-focused) answer. */
  primary?: boolean;
}

/**
 * A modal question with a few answers, on the native `<dialog>` (focus is trapped inside and returns to
 * where it was; Escape answers `cancel`). Mounted when there is a question, removed when answered.
 */
export function ChoiceDialog<T extends string>(props: {
  title: string;
  children: JSX.Element;
  choices: Choice<T>[];
  cancel: T;
  onChoose: (value: T) => void;
}) {
  const id = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  const before = document.activeElement as HTMLElement | null;
  let answered = false;
  const choose = (v: T): void => {
    if (answered) return;
    answered = true;
    dialog?.close();
    props.onChoose(v);
  };
  onMount(() => {
    dialog?.showModal();
    dialog?.querySelector<HTMLButtonElement>("button.primary")?.focus();
  });
  onCleanup(() => {
    if (dialog?.open) dialog.close();
    if (before?.isConnected) before.focus();
  });
  return (
    <dialog
      ref={dialog}
      class="choice-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        choose(props.cancel);
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <div id={`${id}-body`}>{props.children}</div>
      <div class="dialog-actions">
        <For each={props.choices}>
          {(c) => (
            <button
              type="button"
              class="button"
              classList={{ primary: c.primary === true }}
              onClick={() => choose(c.value)}
            >
              {c.label}
            </button>
          )}
        </For>
      </div>
    </dialog>
  );
}
