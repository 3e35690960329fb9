// idb checks values against the global IDB classes, so the fakes are installed as globals.
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { createEffect, createRoot, on } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { Cell } from "../../src/kernel/notebook.ts";
import { createPersistence } from "../../src/kernel/persistence.ts";
import { createSession, type Session } from "../../src/kernel/session.ts";
import { emptyWorkspace, type Workspace } from "../../src/kernel/workspace.ts";
import { expectOk } from "../expect-result.ts";

const SID = "jiaxing-baseline";

/** Channels between tabs whose messages wait until the test delivers them, so the order is the test's. */
function bus() {
  const ends: EventTarget[] = [];
  const queue: { to: EventTarget; data: unknown }[] = [];
  return {
    end() {
      const me = new EventTarget();
      ends.push(me);
      return Object.assign(me, {
        postMessage(data: unknown) {
          for (const to of ends) if (to !== me) queue.push({ to, data });
        },
        close() {},
      });
    },
    /** Delivers every waiting message. */
    deliver() {
      for (const { to, data } of queue.splice(0)) to.dispatchEvent(new MessageEvent("message", { data }));
    },
  };
}

interface Tab {
  session: Session;
  /** Resolves with the next workspace taken in from another tab. */
  nextIncoming(): Promise<Workspace>;
  /** This tab's newest work with its notebook's cells replaced. */
  withCells(cells: Cell[]): Workspace;
  dispose(): void;
}

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
});

/** A tab: a session over the shared database that takes in another tab's work as the workbench does. */
async function openTab(
  factory: IDBFactory,
  channel: ReturnType<ReturnType<typeof bus>["end"]>,
): Promise<Tab> {
  const persistence = createPersistence({ indexedDB: factory, journalStorage: null });
  const loaded = await persistence.load();
  if (!loaded.ok) throw new Error("load failed");
  return createRoot((dispose) => {
    const session = createSession({
      persistence,
      initial: loaded.value,
      loadProblem: null,
      link: { kind: "none" },
      planIds: new Set(["jiaxing-2021-2025"]),
      autosave: { delayMs: 1, maxWaitMs: 5 },
      channel,
    });
    let waiting: ((ws: Workspace) => void)[] = [];
    // As the workbench: absorb the merged work, and the store's snapshot of it is saved as a change.
    createEffect(
      on(
        session.incoming,
        (inc) => {
          if (!inc) return;
          session.change(inc.ws);
          for (const w of waiting.splice(0)) w(inc.ws);
        },
        { defer: true },
      ),
    );
    const tab: Tab = {
      session,
      nextIncoming: () => new Promise((resolve) => waiting.push(resolve)),
      withCells(cells) {
        const cur = session.latest() ?? emptyWorkspace({ language: "zh-CN" });
        const nb = cur.notebooks[SID] ?? { cells: [], log: [] };
        return { ...cur, notebooks: { ...cur.notebooks, [SID]: { ...nb, cells } } };
      },
      dispose() {
        waiting = [];
        session.dispose();
        persistence.close();
        dispose();
      },
    };
    disposers.push(() => tab.dispose());
    return tab;
  });
}

async function storedCells(factory: IDBFactory): Promise<Cell[]> {
  const p = createPersistence({ indexedDB: factory, journalStorage: null });
  const r = await p.load();
  p.close();
  if (!r.ok) throw new Error("load failed");
  return r.value?.notebooks[SID]?.cells ?? [];
}

const note = (id: string, markdown: string): Cell => ({ id, kind: "note", markdown });

describe("session: two tabs", () => {
  it("a note one tab deleted after taking it in from the other does not come back", async () => {
    const factory = new IDBFactory();
    const b0 = bus();
    const a = await openTab(factory, b0.end());
    const b = await openTab(factory, b0.end());
    a.session.change(a.withCells([note("c1", "A's note")]));
    await a.session.flush();
    const took = b.nextIncoming();
    b0.deliver();
    expect((await took).notebooks[SID]?.cells).toEqual([note("c1", "A's note")]);
    // Deleted before B's save of what it took in: B's one save must be made from A's record.
    b.session.change(b.withCells([]));
    await b.session.flush();
    expect(await storedCells(factory)).toEqual([]);
    const aTook = a.nextIncoming();
    b0.deliver();
    expect((await aTook).notebooks[SID]?.cells ?? []).toEqual([]);
  });

  it("a note edited in one tab is not kept twice by the other tab's next save", async () => {
    const factory = new IDBFactory();
    const b0 = bus();
    const a = await openTab(factory, b0.end());
    const b = await openTab(factory, b0.end());
    a.session.change(a.withCells([note("c1", "v1")]));
    await a.session.flush();
    const took = b.nextIncoming();
    b0.deliver();
    await took;
    // A edits the note and saves; before B hears of it, B changes something else and saves.
    a.session.change(a.withCells([note("c1", "v2")]));
    await a.session.flush();
    const latest = b.session.latest();
    if (!latest) throw new Error("B holds no work");
    b.session.change({ ...latest, settings: { ...latest.settings, seed: 9 } });
    await b.session.flush();
    expect(await storedCells(factory)).toEqual([note("c1", "v2")]);
    const p = createPersistence({ indexedDB: factory, journalStorage: null });
    const r = await p.load();
    p.close();
    expect(expectOk(r)?.settings.seed).toBe(9);
  });

  it("notes written in both tabs at once are both kept, once each", async () => {
    const factory = new IDBFactory();
    const b0 = bus();
    const a = await openTab(factory, b0.end());
    const b = await openTab(factory, b0.end());
    a.session.change(a.withCells([note("c1", "from A")]));
    b.session.change(b.withCells([note("c1", "from B")]));
    await a.session.flush();
    await b.session.flush();
    const aTook = a.nextIncoming();
    b0.deliver();
    await aTook;
    await a.session.flush();
    b0.deliver();
    await b.session.flush();
    const cells = await storedCells(factory);
    expect(cells.map((c) => (c.kind === "note" ? c.markdown : "")).sort()).toEqual(["from A", "from B"]);
    expect(new Set(cells.map((c) => c.id)).size).toBe(2);
  });
});

describe("session: one tab", () => {
  it("an undo taken back by a redo while the undo's save is in flight is saved as the redo", async () => {
    const factory = new IDBFactory();
    const persistence = createPersistence({ indexedDB: factory, journalStorage: null });
    const loaded = await persistence.load();
    if (!loaded.ok) throw new Error("load failed");
    // Saves wait at a gate the test opens, so the redo is made while the undo's save is in flight.
    let open!: () => void;
    let gate: Promise<void> = Promise.resolve();
    const held: typeof persistence = {
      ...persistence,
      save: async (ws, from) => {
        await gate;
        return persistence.save(ws, from);
      },
    };
    const { session, dispose } = createRoot((dispose) => ({
      session: createSession({
        persistence: held,
        initial: loaded.value,
        loadProblem: null,
        link: { kind: "none" },
        planIds: new Set(["jiaxing-2021-2025"]),
        autosave: { delayMs: 1, maxWaitMs: 5 },
        channel: bus().end(),
      }),
      dispose,
    }));
    disposers.push(() => {
      session.dispose();
      persistence.close();
      dispose();
    });
    const withCells = (cells: Cell[]): Workspace => {
      const cur = session.latest() ?? emptyWorkspace({ language: "zh-CN" });
      return { ...cur, notebooks: { ...cur.notebooks, [SID]: { cells, log: [] } } };
    };
    const pin = note("c1-aaaa", "pinned");
    session.change(withCells([pin]));
    await session.flush();
    expect(await storedCells(factory)).toEqual([pin]);

    gate = new Promise((resolve) => {
      open = resolve;
    });
    session.change(withCells([])); // undo
    const undoSaved = session.flush();
    session.change(withCells([pin])); // redo, made while the undo's save waits
    open();
    await undoSaved;
    await session.flush();
    expect(await storedCells(factory)).toEqual([pin]);
    expect(session.latest()?.notebooks[SID]?.cells).toEqual([pin]);
    expect(session.mergedFromOtherTabs()).toBe(0);
  });
});
