import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from "solid-js";
import type { Evaluation } from "../../../models/engine.ts";
import type { Plan } from "../../../models/plan.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { loadLibrary } from "../../kernel/library.ts";
import { useProjection } from "../../kernel/projection.ts";
import { workshopFor } from "../../kernel/workshop-files.ts";
import { WORKSHOP_SAMPLES, WORKSHOP_SEED } from "../../kernel/workshop-runs.ts";
import { type BeforeKind, createWorkshopSession } from "../../kernel/workshop-session.ts";
import { wt } from "../../kernel/workshop-text.ts";
import { InputIssues } from "../shared/input-issues.tsx";
import { SourceText } from "../shared/source-text.tsx";
import { indicatorLabel } from "../shared/verdict.tsx";
import { WorkshopCards } from "./workshop-cards.tsx";
import { WorkshopChart } from "./workshop-chart.tsx";
import { WorkshopLive } from "./workshop-live.tsx";
import "../../workshop.css";

/** Keys that must keep their own meaning: typing, choosing, scrolling a focused region. */
function ownsArrows(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest(
      "input, select, textarea, [contenteditable=''], [contenteditable='true'], .table-scroll",
    ) !== null
  );
}

/**
 * Workshop mode for one plan: a presenter layout for a projector. The plan and the current step with its
 * explanation; Previous / Next (and → / ←) through a prepared sequence; preset teaching scenarios one click
 * away and a Reset that restores the preset exactly; the key targets as big before/after cards; one chart.
 * Every number comes from the models: the deterministic projection at once, the probabilities from a
 * Monte Carlo run in the worker pool. Each step's verdict changes are announced politely.
 */
export default function WorkshopScreen(props: {
  plan: Plan;
  onExit: () => void;
  headingRef?: (el: HTMLHeadingElement) => void;
}) {
  const { lang, t } = useI18n();
  const lib = loadLibrary();
  const { workshop, issues } = workshopFor(props.plan.id);
  const s = createWorkshopSession({ lib, plan: props.plan, workshop, projection: useProjection() });

  // The projector layout scales the whole page (header included) from the root font size.
  onMount(() => document.documentElement.classList.add("workshop-mode"));
  onCleanup(() => document.documentElement.classList.remove("workshop-mode"));

  let stepHeading: HTMLHeadingElement | undefined;

  const step = createMemo(() => {
    const m = s.mode();
    return m.kind === "step" && workshop ? workshop.steps[m.index] : undefined;
  });
  const atFirst = () => s.mode().kind === "step" && s.stepIndex() === 0;
  const atLast = () => s.mode().kind === "step" && s.stepIndex() >= s.stepCount - 1;

  const nowDet = createMemo((): Evaluation | undefined => {
    const r = s.nowDet();
    return r.ok ? r.value : undefined;
  });
  const beforeDet = createMemo((): Evaluation | null => {
    const r = s.beforeDet();
    return r?.ok ? r.value : null;
  });
  const detError = createMemo((): Bilingual | undefined => {
    const r = s.nowDet();
    return r.ok ? undefined : r.error;
  });

  const beforeWhat = (k: BeforeKind): string => {
    switch (k.kind) {
      case "step":
        return wt(lang(), "beforeStep", { n: k.n });
      case "baseline":
        return wt(lang(), "beforeBaseline");
      case "live":
        return wt(lang(), "beforeLive");
    }
  };
  const beforeLabel = () => {
    const b = s.before();
    if (!b) return wt(lang(), "before");
    return lang() === "zh-CN"
      ? `${wt(lang(), "before")}（${beforeWhat(b.kind)}）`
      : `${wt(lang(), "before")} (${beforeWhat(b.kind)})`;
  };
  const nowLabel = () => {
    const m = s.mode();
    if (m.kind !== "step") return wt(lang(), "now");
    const n = wt(lang(), "beforeStep", { n: m.index + 1 });
    return lang() === "zh-CN" ? `${wt(lang(), "now")}（${n}）` : `${wt(lang(), "now")} (${n})`;
  };

  /** The focused targets whose verdict differs before and now, as "name: Met → Missed". */
  const verdictChanges = (): string => {
    const now = nowDet();
    const before = beforeDet();
    if (!now || !before) return "";
    const list: string[] = [];
    for (const id of s.focus()) {
      const ind = props.plan.indicators.find((i) => i.id === id);
      const a = before.indicators.find((r) => r.id === id);
      const b = now.indicators.find((r) => r.id === id);
      if (!ind || !a || !b || a.judgement.met === b.judgement.met) continue;
      const word = (met: boolean) => t(met ? "verdict.met" : "verdict.missed");
      list.push(`${indicatorLabel(ind, lang())}: ${word(a.judgement.met)} → ${word(b.judgement.met)}`);
    }
    if (list.length === 0) return wt(lang(), "noneChanged");
    return wt(lang(), "changedList", { list: list.join(lang() === "zh-CN" ? "；" : "; ") });
  };

  // What the live region says: set by each navigation, worded in the current language.
  type Event = { kind: "step" } | { kind: "preset" } | { kind: "reset" } | { kind: "live"; text: Bilingual };
  const [event, setEvent] = createSignal<Event | null>(null);
  const announcement = createMemo(() => {
    const e = event();
    if (!e) return "";
    switch (e.kind) {
      case "step": {
        const st = step();
        return st
          ? wt(lang(), "stepAnnounce", {
              n: s.stepIndex() + 1,
              total: s.stepCount,
              title: pick(st.title, lang()),
              changes: verdictChanges(),
            })
          : "";
      }
      case "preset":
        return wt(lang(), "presetAnnounce", {
          name: pick(s.scenarioName(), lang()),
          changes: verdictChanges(),
        });
      case "reset":
        return `${wt(lang(), "resetDone", { name: resetName() })} ${verdictChanges()}`;
      case "live":
        return `${pick(e.text, lang())} ${verdictChanges()}`;
    }
  });

  const resetName = () => {
    const st = step();
    return st ? pick(st.title, lang()) : pick(s.scenarioName(), lang());
  };

  /** After a move, keep focus where it was unless that control just became disabled. */
  const keepFocus = (): void => {
    const active = document.activeElement;
    if (active instanceof HTMLButtonElement && active.disabled) stepHeading?.focus();
  };
  const go = (dir: 1 | -1): void => {
    const wasPreset = s.mode().kind === "preset";
    const moved = dir === 1 ? s.next() : s.previous();
    if (!moved) return;
    setEvent({ kind: "step" });
    queueMicrotask(() => {
      if (wasPreset) stepHeading?.focus();
      else keepFocus();
    });
  };

  const onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    if (ownsArrows(e.target) || s.stepCount === 0) return;
    e.preventDefault();
    go(e.key === "ArrowRight" ? 1 : -1);
  };
  onMount(() => document.addEventListener("keydown", onKey));
  onCleanup(() => document.removeEventListener("keydown", onKey));

  createEffect(
    on(lang, () => {
      document.title = wt(lang(), "documentTitle", { plan: pick(props.plan.title, lang()) });
    }),
  );

  const liveIds = createMemo((): string[] => {
    const now = nowDet();
    if (!now) return [];
    const ids = new Set<string>();
    for (const id of s.focus())
      for (const a of now.indicators.find((r) => r.id === id)?.assumptions ?? []) ids.add(a);
    return [...ids];
  });

  /** The levers the current step moves: its own changes, then what its scenario overrides. */
  const stepLevers = (): string[] => {
    const st = step();
    if (!st) return [];
    const own = lib.scenarios.get(s.now().scenarioId)?.overrides ?? {};
    return [...new Set([...Object.keys(st.changes ?? {}), ...Object.keys(own)])];
  };

  const activePreset = () => {
    const m = s.mode();
    return m.kind === "preset" ? m.scenarioId : null;
  };

  return (
    <section class="workshop" aria-labelledby="ws-heading">
      <header class="ws-head">
        <div>
          <p class="eyebrow ws-eyebrow">{wt(lang(), "eyebrow")}</p>
          <h1 id="ws-heading" tabindex="-1" ref={(el) => props.headingRef?.(el)}>
            {workshop ? pick(workshop.title, lang()) : <SourceText text={props.plan.title} />}
          </h1>
          <Show when={workshop}>
            <p class="ws-plan">
              <SourceText text={props.plan.title} />
            </p>
          </Show>
        </div>
        <button type="button" class="button ws-button ws-exit" onClick={() => props.onExit()}>
          {wt(lang(), "leave")}
        </button>
      </header>

      <Show when={issues.length > 0}>
        <p class="ws-note">{wt(lang(), "sequenceIssues")}</p>
        <InputIssues issues={issues} headingId="ws-issues-heading" />
      </Show>

      <fieldset class="ws-presets">
        <legend class="ws-presets-label">{wt(lang(), "presetsLabel")}</legend>
        <div class="ws-preset-buttons">
          <For each={s.presets}>
            {(p) => (
              <button
                type="button"
                class="toggle ws-preset"
                aria-pressed={activePreset() === p.id ? "true" : "false"}
                onClick={() => {
                  s.selectPreset(p.id);
                  setEvent({ kind: "preset" });
                }}
              >
                {pick(p.name, lang())}
                <Show when={p.baseline}>
                  <span class="ws-tag"> ({wt(lang(), "baselineTag")})</span>
                </Show>
              </button>
            )}
          </For>
          <button
            type="button"
            class="button ws-button ws-reset"
            aria-describedby="ws-reset-description"
            onClick={() => {
              s.reset();
              setEvent({ kind: "reset" });
            }}
          >
            <span aria-hidden="true">↺ </span>
            {wt(lang(), "reset")}
          </button>
          <Show when={s.stepCount > 0 && s.stepIndex() > 0}>
            <button
              type="button"
              class="button ws-button ws-restart"
              onClick={() => {
                s.reset();
                s.goToStep(0);
                setEvent({ kind: "step" });
              }}
            >
              <span aria-hidden="true">« </span>
              {wt(lang(), "backToSequence", { n: 1 })}
            </button>
          </Show>
          <span id="ws-reset-description" class="visually-hidden">
            {wt(lang(), "resetDescription", { name: resetName() })}
          </span>
        </div>
      </fieldset>

      <div class="ws-body">
        <div class="ws-side">
          <section class="ws-step" aria-labelledby="ws-step-heading">
            <Show
              when={step()}
              fallback={
                <>
                  <h2 id="ws-step-heading" tabindex="-1" ref={stepHeading}>
                    {pick(s.scenarioName(), lang())}
                  </h2>
                  <p class="ws-explain">
                    {workshop
                      ? wt(lang(), "presetShown", { name: pick(s.scenarioName(), lang()) })
                      : wt(lang(), "noSequence")}
                  </p>
                  <Show when={lib.scenarios.get(s.now().scenarioId)?.description}>
                    {(d) => <p class="ws-explain">{pick(d(), lang())}</p>}
                  </Show>
                  <Show when={workshop}>
                    <button type="button" class="button primary ws-button" onClick={() => go(1)}>
                      {wt(lang(), "backToSequence", { n: s.stepIndex() + 1 })}
                    </button>
                  </Show>
                </>
              }
            >
              {(st) => (
                <>
                  <p class="ws-counter">
                    {wt(lang(), "stepCounter", { n: s.stepIndex() + 1, total: s.stepCount })}
                  </p>
                  <h2 id="ws-step-heading" tabindex="-1" ref={stepHeading}>
                    {pick(st().title, lang())}
                  </h2>
                  <p class="ws-explain">{pick(st().explain, lang())}</p>
                </>
              )}
            </Show>
            <Show when={s.stepCount > 0}>
              <nav class="ws-nav" aria-label={wt(lang(), "stepNav")}>
                <button
                  type="button"
                  class="button ws-button ws-prev"
                  disabled={atFirst()}
                  onClick={() => go(-1)}
                >
                  <span aria-hidden="true">← </span>
                  {wt(lang(), "previous")}
                </button>
                <button
                  type="button"
                  class="button primary ws-button ws-next"
                  disabled={atLast()}
                  onClick={() => go(1)}
                >
                  {wt(lang(), "next")}
                  <span aria-hidden="true"> →</span>
                </button>
                <p class="ws-keys">{wt(lang(), "keysHint")}</p>
              </nav>
            </Show>
          </section>

          <Show when={nowDet()}>
            {(now) => (
              <WorkshopChart
                plan={props.plan}
                focus={s.focus()}
                now={now()}
                before={beforeDet()}
                nowLabel={nowLabel()}
                beforeLabel={beforeLabel()}
              />
            )}
          </Show>
        </div>
        <div class="ws-main">
          <Show when={nowDet()}>
            {(now) => (
              <>
                <WorkshopCards
                  plan={props.plan}
                  focus={s.focus()}
                  now={now()}
                  nowMc={s.nowMc()}
                  before={beforeDet()}
                  beforeMc={s.beforeMc()}
                  beforeLabel={beforeLabel()}
                  nowLabel={nowLabel()}
                  pending={s.mcPending()}
                />
              </>
            )}
          </Show>
          <WorkshopLive
            ids={liveIds()}
            preferred={stepLevers()}
            assumptions={s.assumptions()}
            live={s.live()}
            onApply={(id, v) => {
              const r = s.setLive(id, v);
              if (!r.ok) return r;
              const a = s.assumptions()[id];
              setEvent({
                kind: "live",
                text: {
                  zh: wt("zh-CN", "liveApplied", { label: a?.label.zh ?? id, value: v }),
                  en: wt("en", "liveApplied", { label: a?.label.en ?? id, value: v }),
                },
              });
              return r;
            }}
          />

          <p class="ws-run-status">
            <Show when={detError()}>{(e) => wt(lang(), "runError", { message: pick(e(), lang()) })}</Show>
            <Show when={!detError()}>
              <Show
                when={s.mcError()}
                fallback={
                  s.mcPending()
                    ? wt(lang(), "mcPending", { samples: WORKSHOP_SAMPLES })
                    : wt(lang(), "mcDone", { samples: WORKSHOP_SAMPLES, seed: WORKSHOP_SEED })
                }
              >
                {(e) => wt(lang(), "mcError", { message: pick(e(), lang()) })}
              </Show>
            </Show>
          </p>
        </div>
      </div>

      <div class="visually-hidden" aria-live="polite" aria-atomic="true" id="ws-announcer">
        {announcement()}
      </div>
    </section>
  );
}
