import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import type { Bindings } from "../../../models/bindings.ts";
import type { Evaluation } from "../../../models/engine.ts";
import type { Plan } from "../../../models/plan.ts";
import type { Assumption } from "../../../models/scenario.ts";
import { type Bilingual, pick } from "../../../models/text.ts";
import { useI18n } from "../../kernel/i18n.ts";
import { sameData } from "../../kernel/same-data.ts";
import type { WorkbenchStore } from "../../kernel/store.ts";
import { indicatorLabel } from "../shared/verdict.tsx";
import { AssumptionField, assumptionDomId } from "./assumption-field.tsx";

interface Group {
  id: string;
  label: Bilingual;
  items: { id: string; short: Bilingual }[];
}

/** Strips "<component> · " from a label that starts with its component's name. */
function shortOf(label: Bilingual, group: Bilingual): Bilingual {
  const strip = (s: string, prefix: string) => {
    for (const sep of [" · ", "·", "：", ": "]) {
      if (s.startsWith(prefix + sep)) return s.slice(prefix.length + sep.length).trim() || s;
    }
    return s;
  };
  return { zh: strip(label.zh, group.zh), en: strip(label.en, group.en) };
}

/**
 * Every assumption of the open scenario, grouped by the model component it feeds (the bindings'
 * component label), each group a disclosure; the selected indicator's group first, and open. A search and a "only what moves the selected indicator"
 * filter keep the list short; both open the groups they leave.
 */
export function AssumptionsPanel(props: {
  store: WorkbenchStore;
  plan: Plan;
  bindings: Bindings | undefined;
  selected: string | null;
  evaluation: Evaluation | undefined;
}) {
  const { lang, t } = useI18n();
  const store = props.store;
  const [query, setQuery] = createSignal("");
  const [onlySelected, setOnlySelected] = createSignal(false);
  const [open, setOpen] = createSignal<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = createSignal("");

  const current = createMemo((): Record<string, Assumption> => {
    const m = store.runModel();
    return m?.ok ? m.value.assumptions : {};
  });
  const defaults = createMemo((): Record<string, Assumption> => {
    const r = store.resolved();
    return r?.ok ? r.value.assumptions : {};
  });

  /** The component (assumption group) the selected indicator's model output belongs to. */
  const ownGroup = createMemo(() => {
    const output = props.selected ? props.bindings?.indicators[props.selected]?.output : undefined;
    return output ? output.split(".")[0] : undefined;
  });
  let moved = false;
  // Selecting an indicator opens its group (others stay as the person left them) and brings the group
  // to the top of the pane, so its levers are in reach without scrolling (the pane moves, not the page).
  createEffect(
    on(ownGroup, (g) => {
      if (!g) return;
      if (!untrack(open).has(g)) setOpen(new Set([...untrack(open), g]));
      if (!moved) {
        // On opening, the pane starts at its top (search and tools).
        moved = true;
        return;
      }
      requestAnimationFrame(() => {
        const el = document.querySelector(`details.assumption-group[data-group="${CSS.escape(g)}"]`);
        const pane = el?.closest(".pane-assumptions");
        if (!el || !pane || pane.scrollHeight <= pane.clientHeight) return;
        pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
      });
    }),
  );

  const groups = createMemo((): Group[] => {
    const labels = new Map((props.bindings?.components ?? []).map((c) => [c.id, c.label] as const));
    const order = new Map((props.bindings?.components ?? []).map((c, i) => [c.id, i] as const));
    const byGroup = new Map<string, Group>();
    for (const id of Object.keys(defaults())) {
      const gid = id.split(".")[0] ?? id;
      let g = byGroup.get(gid);
      if (!g) {
        g = { id: gid, label: labels.get(gid) ?? { zh: gid, en: gid }, items: [] };
        byGroup.set(gid, g);
      }
      g.items.push({ id, short: shortOf(defaults()[id]!.label, g.label) });
    }
    // The group that feeds the selected indicator comes first: its levers are the ones reached for.
    const own = ownGroup();
    const rank = (g: Group) => (g.id === own ? -1 : (order.get(g.id) ?? 999));
    return [...byGroup.values()].sort((a, b) => rank(a) - rank(b));
  });

  const selectedInd = createMemo(() =>
    props.selected ? props.plan.indicators.find((i) => i.id === props.selected) : undefined,
  );
  const drivers = createMemo(
    () => {
      const r = props.evaluation?.indicators.find((i) => i.id === props.selected);
      return new Set(r?.assumptions ?? []);
    },
    new Set<string>(),
    { equals: (a, b) => a.size === b.size && [...a].every((x) => b.has(x)) },
  );

  const filtering = () => query().trim() !== "" || (onlySelected() && selectedInd() !== undefined);
  /** Whether an assumption passes the search and the filter. Items keep their identity, so fields keep focus. */
  const matches = (id: string): boolean => {
    const q = query().trim().toLowerCase();
    if (onlySelected() && selectedInd() !== undefined && !drivers().has(id)) return false;
    if (!q) return true;
    const a = defaults()[id];
    if (!a) return false;
    return (
      a.label.zh.toLowerCase().includes(q) ||
      a.label.en.toLowerCase().includes(q) ||
      id.toLowerCase().includes(q)
    );
  };
  const visibleGroups = createMemo(() => groups().filter((g) => g.items.some((it) => matches(it.id))));

  const editedCount = (g: Group) => g.items.filter((it) => store.isEdited(it.id)).length;
  const editedTotal = createMemo(() => {
    const id = store.state.scenarioId;
    return id ? Object.keys(store.state.edits[id] ?? {}).length : 0;
  });

  /**
   * A change can grow the field's own lines (the "changed" badge, the default beside the range): keep
   * its inputs in view in the pane, so what the person is typing never slides out of sight.
   */
  const keepInView = (id: string): void => {
    requestAnimationFrame(() =>
      document
        .getElementById(assumptionDomId(id))
        ?.closest(".assumption-inputs")
        ?.scrollIntoView({ block: "nearest" }),
    );
  };

  return (
    <section class="assumptions-panel" aria-labelledby="assumptions-heading">
      <h2 id="assumptions-heading">{t("as.heading")}</h2>
      <p class="muted small">{t("as.intro")}</p>
      <div class="panel-tools">
        <div class="field">
          <label for="assumption-search">{t("as.search")}</label>
          <input
            id="assumption-search"
            type="search"
            value={query()}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        <Show when={selectedInd()}>
          {(ind) => (
            <label class="checkbox">
              <input
                type="checkbox"
                checked={onlySelected()}
                onChange={(e) => setOnlySelected(e.currentTarget.checked)}
              />{" "}
              {t("as.filter.selected", { name: indicatorLabel(ind(), lang()) })}
            </label>
          )}
        </Show>
        <button
          type="button"
          class="button small"
          disabled={editedTotal() === 0}
          onClick={() => {
            store.resetAll();
            setNotice(t("as.resetAllDone"));
          }}
        >
          {t("as.resetAll")}
        </button>
        <p class="visually-hidden" role="status">
          {notice()}
        </p>
      </div>
      <Show when={visibleGroups().length > 0} fallback={<p class="empty">{t("as.none")}</p>}>
        <div class="assumption-groups">
          <For each={visibleGroups()}>
            {(g) => {
              // Built once the group is first opened, then kept: a closed group's fields were four in
              // five of the workbench's elements (about 3,700 of 4,500 on Jiaxing), each re-rendered on
              // a language switch and walked by every accessibility check. Kept after closing, so a
              // draft typed in a field is still there when the group opens again.
              const built = createMemo((was: boolean) => was || open().has(g.id), false);
              return (
                <details
                  class="assumption-group"
                  open={filtering() || open().has(g.id)}
                  data-group={g.id}
                  onToggle={(e) => {
                    if (filtering()) return;
                    const isOpen = e.currentTarget.open;
                    const next = new Set(open());
                    if (isOpen) next.add(g.id);
                    else next.delete(g.id);
                    if (next.size !== open().size) setOpen(next);
                  }}
                >
                  <summary>
                    <span class="group-label">{pick(g.label, lang())}</span>{" "}
                    <span class="group-meta">
                      {t("as.groupCount", { count: g.items.length })}
                      <Show when={editedCount(g) > 0}>
                        {" · "}
                        <strong>{t("as.groupChanged", { count: editedCount(g) })}</strong>
                      </Show>
                    </span>
                  </summary>
                  <Show when={filtering() || built()}>
                    <ul class="assumption-list">
                      <For each={g.items.filter((it) => matches(it.id))}>
                        {(it) => {
                          // One memo per field, equal while its own assumption is: an edit elsewhere
                          // leaves this field's effects alone (issue 12's input-to-paint profile).
                          const cur = createMemo(() => current()[it.id], undefined, { equals: sameData });
                          const def = createMemo(() => defaults()[it.id], undefined, { equals: sameData });
                          const edited = createMemo(() => store.isEdited(it.id));
                          return (
                            <Show when={cur() && def()}>
                              <AssumptionField
                                id={it.id}
                                shortLabel={it.short}
                                groupLabel={g.label}
                                current={cur()!}
                                defaults={def()!}
                                distribution={cur()?.uncertainty ?? def()?.uncertainty}
                                edited={edited()}
                                set={(v) => {
                                  const r = store.setAssumption(it.id, v);
                                  keepInView(it.id);
                                  return r;
                                }}
                                reset={() => store.resetAssumption(it.id)}
                                toggleUncertainty={() => store.toggleUncertainty(it.id)}
                              />
                            </Show>
                          );
                        }}
                      </For>
                    </ul>
                  </Show>
                </details>
              );
            }}
          </For>
        </div>
      </Show>
    </section>
  );
}
