// idb checks values against the global IDB classes, so the fakes are installed as globals.
import "fake-indexeddb/auto";
import { IDBFactory, IDBObjectStore } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Result } from "../../models/text.ts";
import {
  BACKUP_PREFIX,
  createAutosave,
  createPersistence,
  type StorageProblem,
  WORKSPACE_KEY,
} from "../../src/kernel/persistence.ts";
import { emptyWorkspace, type Workspace } from "../../src/kernel/workspace.ts";
import { expectOk } from "../expect-result.ts";

const SAVED = "2024-05-01T09:30:00.000Z";
const ws = (): Workspace => ({
  ...emptyWorkspace({ language: "zh-CN", savedAt: SAVED }),
  selected: { planId: "jiaxing-2021-2025", scenarioId: "jiaxing-baseline" },
  notebooks: { "jiaxing-baseline": { cells: [{ id: "c1", kind: "note", markdown: "笔记" }], log: [] } },
});

/** Writes a raw record straight into the database, as a damaged or older save would be. */
async function putRaw(factory: IDBFactory, value: unknown, key = WORKSPACE_KEY): Promise<void> {
  const p = createPersistence({ indexedDB: factory });
  await p.load(); // creates the database and store
  p.close();
  await new Promise<void>((resolve, reject) => {
    const req = factory.open("reachable", 1);
    req.onsuccess = () => {
      const tx = req.result.transaction("records", "readwrite");
      tx.objectStore("records").put(value, key);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("persistence", () => {
  it("answers null before anything was saved, then round-trips a workspace", async () => {
    const p = createPersistence({ indexedDB: new IDBFactory() });
    expect(await p.load()).toEqual({ ok: true, value: null });
    expect(await p.save(ws())).toEqual({ ok: true, value: { revision: 1, stored: ws(), merged: null } });
    expect(await p.load()).toEqual({ ok: true, value: ws() });
  });

  it("never overwrites another tab's save: the later save merges, and pull shows what the other stored", async () => {
    const factory = new IDBFactory();
    const a = createPersistence({ indexedDB: factory, journalStorage: null });
    const b = createPersistence({ indexedDB: factory, journalStorage: null });
    expect(await a.load()).toEqual({ ok: true, value: null });
    expect(await b.load()).toEqual({ ok: true, value: null });
    const fromA: Workspace = {
      ...ws(),
      edits: { "jiaxing-baseline": { "retrofit.capacity1": { value: 300 } } },
      notebooks: { "jiaxing-baseline": { cells: [{ id: "c1", kind: "note", markdown: "A" }], log: [] } },
    };
    const fromB: Workspace = {
      ...ws(),
      edits: { "jiaxing-baseline": { "living.budgetGrowth": { value: 20 } } },
      notebooks: { "jiaxing-baseline": { cells: [{ id: "c1", kind: "note", markdown: "B" }], log: [] } },
    };
    expect(await a.save(fromA)).toEqual({ ok: true, value: { revision: 1, stored: fromA, merged: null } });
    const pulled = await b.pull();
    expect(expectOk(pulled)?.stored.edits).toEqual(fromA.edits);
    const r = await b.save(fromB);
    if (!r.ok) throw new Error("save failed");
    expect(r.value.revision).toBe(2);
    const expected = {
      "retrofit.capacity1": { value: 300 },
      "living.budgetGrowth": { value: 20 },
    };
    expect(r.value.merged?.edits["jiaxing-baseline"]).toEqual(expected);
    // Both notes stay: B's under its id, A's (added under the same id) under a new one.
    expect(r.value.merged?.notebooks["jiaxing-baseline"]?.cells).toEqual([
      { id: "c1", kind: "note", markdown: "B" },
      { id: "c2", kind: "note", markdown: "A" },
    ]);
    const c = createPersistence({ indexedDB: factory, journalStorage: null });
    const loaded = await c.load();
    expect(expectOk(loaded)).toEqual(r.value.merged);
    // A's next save starts from revision 1: it merges in B's work rather than writing over it.
    const again = await a.save({ ...fromA, settings: { ...fromA.settings, seed: 9 } });
    expect(expectOk(again).merged?.edits["jiaxing-baseline"]).toEqual(expected);
    expect(expectOk(again).merged?.settings.seed).toBe(9);
    expect(await a.pull()).toEqual({ ok: true, value: null });
  });

  it("a journal written as the page goes is merged in by the next load, then removed", async () => {
    const factory = new IDBFactory();
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
      key: (i: number) => [...items.keys()][i] ?? null,
      get length() {
        return items.size;
      },
    };
    const page = createPersistence({ indexedDB: factory, journalStorage: storage, pageId: "p1" });
    await page.load();
    await page.save(ws());
    const newer: Workspace = {
      ...ws(),
      edits: { "jiaxing-baseline": { "retrofit.capacity1": { value: 301 } } },
    };
    expect(page.journal(newer)).toBe(true);
    expect([...items.keys()]).toEqual(["workspace-journal:p1"]);
    // The page is gone before its save: the next page finds the journal.
    const next = createPersistence({ indexedDB: factory, journalStorage: storage });
    const loaded = await next.load();
    expect(expectOk(loaded)?.edits).toEqual(newer.edits);
    expect(items.size).toBe(0);
    const after = await createPersistence({ indexedDB: factory, journalStorage: storage }).load();
    expect(expectOk(after)?.edits).toEqual(newer.edits);

    // With localStorage refusing, the journal goes to IndexedDB in one transaction.
    const full = {
      ...storage,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    };
    const p2 = createPersistence({ indexedDB: factory, journalStorage: full, pageId: "p2" });
    await p2.load();
    const newest: Workspace = {
      ...ws(),
      edits: { "jiaxing-baseline": { "retrofit.capacity1": { value: 302 } } },
    };
    expect(p2.journal(newest)).toBe(true);
    const last = await createPersistence({ indexedDB: factory, journalStorage: storage }).load();
    expect(expectOk(last)?.edits).toEqual(newest.edits);
  });

  it("a save of the journaled value removes the journal; a newer journal stays", async () => {
    const factory = new IDBFactory();
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
      key: (i: number) => [...items.keys()][i] ?? null,
      get length() {
        return items.size;
      },
    };
    const p = createPersistence({ indexedDB: factory, journalStorage: storage, pageId: "p" });
    await p.load();
    const one = ws();
    const two: Workspace = { ...ws(), settings: { ...ws().settings, seed: 2 } };
    p.journal(one);
    await p.save(one);
    expect(items.size).toBe(0);
    const saving = p.save(one);
    p.journal(two);
    await saving;
    expect(items.size).toBe(1);
  });

  it("survives a reload: a new persistence over the same database reads what the last one saved", async () => {
    const factory = new IDBFactory();
    const first = createPersistence({ indexedDB: factory });
    await first.save(ws());
    first.close();
    const second = createPersistence({ indexedDB: factory });
    expect(await second.load()).toEqual({ ok: true, value: ws() });
  });

  it("migrates an older stored version on load", async () => {
    const factory = new IDBFactory();
    const { language, notebooks: _n, actuals: _a, imported: _i, ...rest } = ws();
    await putRaw(factory, { ...rest, version: 1, lang: language });
    const r = await createPersistence({ indexedDB: factory }).load();
    expect(r).toEqual({ ok: true, value: { ...ws(), notebooks: {} } });
  });

  it("reports a corrupt record with its problems, keeps it under a backup key, and deletes nothing", async () => {
    const factory = new IDBFactory();
    const damaged = { ...ws(), settings: { samples: "lots", seed: 1, sampling: "lhs" } };
    await putRaw(factory, damaged);
    const p = createPersistence({ indexedDB: factory, now: () => Date.parse(SAVED) });
    const r = await p.load();
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== "corrupt") throw new Error("expected a corrupt record");
    expect(r.error.backupKey).toBe(`${BACKUP_PREFIX}${SAVED}`);
    expect(r.error.issues[0]).toMatchObject({ file: "browser storage", path: "settings.samples" });
    expect(r.error.message.en).toMatch(/settings\.samples: expected a number.*kept unchanged.*export it/);
    expect(r.error.message.zh).toMatch(/原样保留/);
    // Loading again does not pile up copies; the original key still holds the record too.
    await p.load();
    const backups = await p.backups();
    expect(backups).toEqual({ ok: true, value: [{ key: `${BACKUP_PREFIX}${SAVED}`, value: damaged }] });
    // Saving new work afterwards leaves the backup in place.
    await p.save(ws());
    expect((await p.backups()).ok).toBe(true);
    expect(await p.load()).toEqual({ ok: true, value: ws() });
    expect(await p.backups()).toEqual(backups);
  });

  it("refuses to overwrite a corrupt record that could not be copied aside", async () => {
    const factory = new IDBFactory();
    await putRaw(factory, { format: "reachable-workspace", version: 2 });
    const p = createPersistence({ indexedDB: factory });
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    const r = await p.load();
    expect(r.ok === false && r.error.kind === "corrupt" && r.error.backupKey).toBeNull();
    vi.restoreAllMocks();
    const s = await p.save(ws());
    expect(s.ok === false && s.error.kind).toBe("corrupt");
    expect(s.ok === false && s.error.message.en).toMatch(/will not be overwritten until it is exported/);
  });

  it("maps a QuotaExceededError to a quota problem that offers export", async () => {
    const p = createPersistence({ indexedDB: new IDBFactory() });
    await p.load();
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    const r = await p.save(ws());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe("quota");
    expect(r.error.message.en).toMatch(/storage for this site is full.*Export workspace/);
    expect(r.error.message.zh).toMatch(/导出工作区/);
  });

  it("reports unavailable storage when there is no IndexedDB or opening fails", async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error: a browser without IndexedDB (or with it switched off)
    delete globalThis.indexedDB;
    const r = await createPersistence().load();
    globalThis.indexedDB = saved;
    expect(r.ok === false && r.error.kind).toBe("unavailable");
    const broken = {
      open() {
        throw new DOMException(
          "A mutation operation was attempted on a database that did not allow mutations.",
          "InvalidStateError",
        );
      },
    } as unknown as IDBFactory;
    const r2 = await createPersistence({ indexedDB: broken }).save(ws());
    expect(r2.ok === false && r2.error.kind).toBe("unavailable");
    expect(r2.ok === false && r2.error.message.en).toMatch(/private window.*Export workspace/);
  });
});

describe("autosave", () => {
  const okSave = () =>
    vi.fn(async (_v: number): Promise<Result<void, StorageProblem>> => ({ ok: true, value: undefined }));

  it("folds 10 quick changes into one save of the last value, within 1 s of the last change", async () => {
    vi.useFakeTimers();
    const save = okSave();
    const a = createAutosave(save, { delayMs: 400, events: null });
    for (let i = 1; i <= 10; i++) {
      a.change(i);
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(save).not.toHaveBeenCalled();
    expect(a.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith(10);
    expect(a.pending()).toBe(false);
    a.dispose();
  });

  it("saves at least once a second while changes keep coming (a long slider drag)", async () => {
    vi.useFakeTimers();
    const save = okSave();
    const a = createAutosave(save, { delayMs: 400, events: null });
    const times: number[] = [];
    save.mockImplementation(async () => {
      times.push(Date.now());
      return { ok: true, value: undefined };
    });
    const start = Date.now();
    for (let i = 0; i < 30; i++) {
      a.change(i);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1000);
    const gaps = [start, ...times].map((t, i, all) => (i === 0 ? 0 : t - all[i - 1]!)).slice(1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
    expect(save).toHaveBeenLastCalledWith(29);
    expect(times.length).toBeLessThanOrEqual(4);
    a.dispose();
  });

  it("saves at once when the page is hidden or left", async () => {
    vi.useFakeTimers();
    const save = okSave();
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: "visible" });
    const a = createAutosave(save, { events: { window: win, document: doc } });
    a.change(1);
    doc.visibilityState = "hidden";
    doc.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledWith(1);
    a.change(2);
    win.dispatchEvent(new Event("pagehide"));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenLastCalledWith(2);
    expect(save).toHaveBeenCalledTimes(2);
    // Nothing pending: a later timer fires no extra save.
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(2);
    a.dispose();
    a.change(3);
    win.dispatchEvent(new Event("pagehide"));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it("runs one save at a time and saves changes made during a save right after it", async () => {
    vi.useFakeTimers();
    const resolvers: (() => void)[] = [];
    const save = vi.fn(
      (_v: number) =>
        new Promise<Result<void, StorageProblem>>((resolve) =>
          resolvers.push(() => resolve({ ok: true, value: undefined })),
        ),
    );
    const a = createAutosave(save, { delayMs: 400, events: null });
    a.change(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledTimes(1);
    a.change(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
    resolvers.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith(2);
    resolvers.shift()!();
    await a.flush();
    expect(a.pending()).toBe(false);
  });

  it("tells of a failed save, and of recovery", async () => {
    const problems: (StorageProblem | null)[] = [];
    let fail = true;
    const save = async (): Promise<Result<void, StorageProblem>> =>
      fail
        ? { ok: false, error: { kind: "quota", message: { zh: "满", en: "full" }, cause: "test" } }
        : { ok: true, value: undefined };
    const a = createAutosave(save, { events: null, onProblem: (p) => problems.push(p) });
    a.change(1);
    await a.flush();
    fail = false;
    a.change(2);
    await a.flush();
    expect(problems.map((p) => p?.kind ?? null)).toEqual(["quota", null]);
    a.dispose();
  });
});
