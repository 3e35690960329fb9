import { type Accessor, createComponent, createContext, createSignal, type JSX, useContext } from "solid-js";
import { ok, refuse } from "../../models/result.ts";
import type { ScenarioFile } from "../../models/scenario.ts";
import type { Bilingual, Lang, Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { mergeWorkspaces, sameWork } from "./merge.ts";
import {
  type Autosave,
  createAutosave,
  type Persistence,
  type StorageProblem,
  type StoredBase,
} from "./persistence.ts";
import type { RunSettings } from "./store.ts";
import { emptyWorkspace, type ImportedPlan, type Workspace } from "./workspace.ts";

/**
 * The saved-work session of one page: the workspace loaded at startup, the newest workspace the app
 * holds, its autosave to IndexedDB with a status a person can read ("Saving…" / "Saved"), the storage
 * problem if saving fails, and a scenario that arrived in a share link, waiting for the workbench.
 * Created once at the app's edge (main.tsx) and handed down by context; views never touch IndexedDB.
 */

export type SaveStatus = "idle" | "saving" | "saved" | "failed";

/** A share link read at startup: the scenario it carries, or what is wrong with it. */
export type LinkState =
  | { kind: "none" }
  | { kind: "scenario"; scenario: ScenarioFile; settings?: RunSettings }
  | { kind: "invalid"; issues: InputIssue[] };

export interface Session {
  /** The workspace read from storage at startup (null: nothing saved, or it could not be read). */
  initial: Workspace | null;
  /** The newest workspace: what the app holds now, saved or not. */
  latest(): Workspace | null;
  /** Records the newest workspace and saves it within a second. */
  change(ws: Workspace): void;
  /** Saves now whatever waits, and waits for it. */
  flush(): Promise<void>;
  status: Accessor<SaveStatus>;
  problem: Accessor<StorageProblem | null>;
  /** Damaged records kept aside by persistence, for export. */
  backups(): Promise<{ key: string; value: unknown }[]>;
  link: Accessor<LinkState>;
  /** Marks the link as dealt with (taken in, or refused by the person). */
  settleLink(): void;
  /** A link that arrived while the page was open (the address's fragment changed). */
  offerLink(link: LinkState): void;
  /**
   * The plan the app should open: at startup the link's plan, else the one open when the work was
   * saved; later, the plan of a link that arrived. `n` makes each request new.
   */
  requestedPlan: Accessor<{ id: string; n: number } | null>;
  /** The newest workspace, or an empty one in `lang`, for "Export workspace". */
  exportable(lang: Lang): Workspace;
  /**
   * Work from another tab, merged with this tab's: the workbench takes it in (`store.absorb`). `n`
   * makes each one new. Comes after a save found that another tab had saved meanwhile, or when another
   * tab says it saved.
   */
  incoming: Accessor<{ ws: Workspace; n: number } | null>;
  /** How many times work from another tab was merged into this tab's (0: never). */
  mergedFromOtherTabs: Accessor<number>;
  /** True when the page reloaded itself into a new build of the app, after saving. */
  updated: boolean;
  /** The plans the person imported, as the newest workspace holds them (for the plan list). */
  imported: Accessor<readonly ImportedPlan[]>;
  /**
   * Adds an imported plan to the workspace, selects it and saves; an open workbench takes it in like
   * another tab's work. Refuses an id already taken by a shipped or imported plan.
   */
  addImported(entry: ImportedPlan, lang: Lang): Result<void, Bilingual>;
  /** Stops listening to other tabs and to the page; does not save (flush first). */
  dispose(): void;
}

export interface SessionOptions {
  persistence: Persistence | null;
  initial: Workspace | null;
  /** A problem found while loading (storage unavailable, record damaged). */
  loadProblem: StorageProblem | null;
  link: LinkState;
  /** Plan ids that exist, so a start plan is only offered when it can be opened. */
  planIds: ReadonlySet<string>;
  autosave?: { delayMs?: number; maxWaitMs?: number };
  /** The page reloaded itself into a new build of the app (update-reload.ts): say so. */
  updated?: boolean;
  /**
   * Where tabs of the app tell each other they saved; default a BroadcastChannel named
   * {@link CHANNEL_NAME} when the browser has one. Null: no channel (a save still merges, see
   * `Persistence.save`; only the other tab learns of it later).
   */
  channel?: Pick<BroadcastChannel, "postMessage" | "close"> & EventTarget;
}

/** The BroadcastChannel over which tabs of the app say they saved. */
export const CHANNEL_NAME = "reachable-workspace";

/** Creates the session; with `persistence` null (or a damaged record without backup) nothing is saved. */
export function createSession(opts: SessionOptions): Session {
  const [status, setStatus] = createSignal<SaveStatus>("idle");
  const [problem, setProblem] = createSignal<StorageProblem | null>(opts.loadProblem);
  const checkLink = (l: LinkState): LinkState =>
    l.kind === "scenario" && !opts.planIds.has(l.scenario.planId)
      ? {
          kind: "invalid",
          issues: [
            {
              file: "link",
              path: "planId",
              message: {
                zh: `链接中的情景属于规划 “${l.scenario.planId}”，本应用中没有这份规划`,
                en: `the scenario in this link belongs to plan "${l.scenario.planId}", which this app does not have`,
              },
            },
          ],
        }
      : l;
  const [link, setLink] = createSignal<LinkState>(checkLink(opts.link));
  let latest: Workspace | null = opts.initial;
  const [imported, setImportedPlans] = createSignal<readonly ImportedPlan[]>(opts.initial?.imported ?? []);
  /** Keeps the plan list's signal in step with the newest workspace (new only when the ids change). */
  const noteImported = (ws: Workspace): void => {
    const ids = (l: readonly ImportedPlan[]) => l.map((p) => p.plan.id).join("\n");
    if (ids(ws.imported) !== ids(imported())) setImportedPlans(ws.imported);
  };
  let seq = 0;
  let requests = 0;
  const first = link();
  const startPlan =
    first.kind === "scenario" ? first.scenario.planId : (opts.initial?.selected.planId ?? null);
  const [requestedPlan, setRequestedPlan] = createSignal<{ id: string; n: number } | null>(
    startPlan !== null && (opts.planIds.has(startPlan) || imported().some((p) => p.plan.id === startPlan))
      ? { id: startPlan, n: ++requests }
      : null,
  );

  const persistence = opts.persistence;
  const [incoming, setIncoming] = createSignal<{ ws: Workspace; n: number } | null>(null);
  const [merges, setMerges] = createSignal(0);
  let incomingN = 0;
  /**
   * The stored record `latest` is made from. Every change is saved against the base it was made from,
   * so a save merges exactly what another tab stored since; taking in another tab's work (a pull, or a
   * save that merged) moves the base forward, so that work is not taken for this tab's own next time
   * (which would bring back a note the other tab deleted, or keep both versions of a note it edited).
   */
  let base: StoredBase = persistence?.current() ?? { revision: 0, ws: null };

  /** Takes in `next`, work merged with another tab's, unless it holds nothing this tab lacks. */
  function adopt(next: Workspace): void {
    const cur = latest;
    if (cur && sameWork(next, cur)) return;
    latest = next;
    noteImported(next);
    setMerges((n) => n + 1);
    setIncoming({ ws: next, n: ++incomingN });
  }

  /**
   * A save in flight, and once it answers, the record a change made during it is made from. A change
   * made while save S was in flight descends from S's workspace, not from the base it captured (S
   * moves the base only when it answers): saved against the old base, an undo taken back by a redo
   * during S would look like another tab's deletion and be merged away. Stored as sent, S's record is
   * the base; merged with another tab's work, S's workspace is the common ancestor (with S's own old
   * revision, so the next save merges again against it).
   */
  interface SaveTicket {
    ws: Workspace;
    from: StoredBase;
    /** Null until the save answers; stays null if it failed (the captured base still holds). */
    base: StoredBase | null;
    done: boolean;
  }
  let inFlight: SaveTicket | null = null;
  const baseOf = (v: { from: StoredBase; after: SaveTicket | null }): StoredBase => v.after?.base ?? v.from;

  // Unavailable storage fails every save with the same message; it is shown once, from the load.
  const autosave: Autosave<{
    ws: Workspace;
    seq: number;
    from: StoredBase;
    after: SaveTicket | null;
  }> | null = persistence
    ? createAutosave(
        async (v) => {
          const { ws, seq: at } = v;
          const from = baseOf(v);
          const ticket: SaveTicket = { ws, from, base: null, done: false };
          inFlight = ticket;
          const r = await persistence.save(ws, from).finally(() => {
            ticket.done = true;
            if (inFlight === ticket) inFlight = null;
          });
          if (r.ok) {
            ticket.base = r.value.merged
              ? { revision: from.revision, ws }
              : { revision: r.value.revision, ws: r.value.stored };
            try {
              channel?.postMessage({ revision: r.value.revision });
            } catch {
              // A closed channel only means other tabs learn of this save at their own next save.
            }
            if (r.value.revision > base.revision) {
              // What is stored now holds `ws` (and, if merged, another tab's work): changes made here
              // since this save started are laid over it, so none are lost, and it is the new base.
              const stored = r.value.stored;
              base = { revision: r.value.revision, ws: stored };
              if (r.value.merged) adopt(latest ? mergeWorkspaces(ws, latest, stored) : stored);
            }
            if (at === seq) setStatus("saved");
          } else setStatus("failed");
          return r;
        },
        {
          delayMs: opts.autosave?.delayMs ?? 300,
          maxWaitMs: opts.autosave?.maxWaitMs ?? 800,
          onProblem: (p) => setProblem(p),
          onLeave: (v) => void persistence.journal(v.ws, baseOf(v)),
        },
      )
    : null;

  /** Another tab saved: take in its work now, so this tab shows it (its own next save merges anyway). */
  async function pull(): Promise<void> {
    if (!persistence) return;
    const r = await persistence.pull(base.revision);
    // Nothing new, or a save of this tab's finished meanwhile and already holds it.
    if (!r.ok || !r.value || r.value.revision <= base.revision) return;
    const { stored, revision } = r.value;
    const from = base;
    base = { revision, ws: stored };
    adopt(latest ? mergeWorkspaces(from.ws, latest, stored) : stored);
  }

  const channel =
    opts.channel === undefined
      ? typeof BroadcastChannel === "undefined" || !persistence
        ? null
        : new BroadcastChannel(CHANNEL_NAME)
      : opts.channel;
  const onMessage = () => void pull();
  channel?.addEventListener("message", onMessage);
  const doc = typeof document === "undefined" ? undefined : document;
  const onVisible = () => {
    if (doc?.visibilityState === "visible") void pull();
  };
  doc?.addEventListener("visibilitychange", onVisible);

  function change(ws: Workspace): void {
    latest = ws;
    noteImported(ws);
    seq++;
    if (!autosave) return;
    setStatus("saving");
    autosave.change({ ws, seq, from: base, after: inFlight && !inFlight.done ? inFlight : null });
  }

  return {
    initial: opts.initial,
    latest: () => latest,
    change,
    flush: () => autosave?.flush() ?? Promise.resolve(),
    status,
    problem,
    async backups() {
      if (!persistence) return [];
      const r = await persistence.backups();
      return r.ok ? r.value : [];
    },
    link,
    settleLink: () => setLink({ kind: "none" }),
    offerLink(l) {
      const checked = checkLink(l);
      setLink(checked);
      if (checked.kind === "scenario") setRequestedPlan({ id: checked.scenario.planId, n: ++requests });
    },
    requestedPlan,
    exportable: (lang) => latest ?? emptyWorkspace({ language: lang }),
    incoming,
    mergedFromOtherTabs: merges,
    updated: opts.updated ?? false,
    imported,
    addImported(entry, lang) {
      const id = entry.plan.id;
      const cur = latest ?? emptyWorkspace({ language: lang });
      if (opts.planIds.has(id) || cur.imported.some((p) => p.plan.id === id)) {
        return refuse(
          `已有 id 为 “${id}” 的规划，请换一个 id`,
          `a plan with the id "${id}" already exists; choose another id`,
        );
      }
      const next: Workspace = {
        ...cur,
        savedAt: new Date().toISOString(),
        imported: [...cur.imported, entry],
        selected: { planId: id, scenarioId: entry.scenario.id },
      };
      change(next);
      // An open workbench holds its own copy of the work: it takes this in as it takes another tab's.
      setIncoming({ ws: next, n: ++incomingN });
      return ok(undefined);
    },
    dispose() {
      channel?.removeEventListener("message", onMessage);
      if (opts.channel === undefined) channel?.close();
      doc?.removeEventListener("visibilitychange", onVisible);
      autosave?.dispose();
    },
  };
}

const SessionContext = createContext<Session>();

/** Makes the session available to every component below it. */
export function SessionProvider(props: { session: Session; children: JSX.Element }): JSX.Element {
  return createComponent(SessionContext.Provider, {
    get value() {
      return props.session;
    },
    get children() {
      return props.children;
    },
  });
}

/** The session of the nearest {@link SessionProvider}; throws outside one. */
export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession() was called outside <SessionProvider>");
  return ctx;
}
