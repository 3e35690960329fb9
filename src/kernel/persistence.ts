import { type IDBPDatabase, wrap } from "idb";
import { err, ok } from "../../models/result.ts";
import type { Bilingual, Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
import { mergeWorkspaces } from "./merge.ts";
import { migrate, type Workspace } from "./workspace.ts";

/**
 * Local saving of the workspace in IndexedDB ("Nothing lost": every change survives a reload or a
 * crash). One database, one object store, out-of-line keys: the workspace under {@link WORKSPACE_KEY},
 * and any stored record that failed to read under a backup key beside it. A damaged record is never
 * deleted: it is copied aside before anything could overwrite it, and the problem is reported.
 *
 * Failures are data ({@link StorageProblem}), each with a bilingual message that offers an export, so
 * the person can keep their work in a file when the browser will not keep it.
 */

/** Default database name. */
export const DEFAULT_DB_NAME = "reachable";
const DB_VERSION = 1;
const STORE = "records";
/** Key of the current workspace record. */
export const WORKSPACE_KEY = "workspace";
/** Prefix of the keys under which damaged records are kept. */
export const BACKUP_PREFIX = "workspace-unreadable:";
/**
 * Key of the workspace's revision: a count of the saves, written in the same transaction as the
 * workspace. A save that finds a revision other than the one it started from knows another tab saved
 * in between, and merges instead of overwriting.
 */
export const REVISION_KEY = "workspace-revision";
/**
 * Prefix of the keys of journals: what a page held when it was hidden or left, written at once, beside
 * the workspace rather than over it (there is no time to read first). The next load merges every
 * journal into the workspace; the page's own next save of the same value removes its journal.
 *
 * A journal goes to localStorage when it can, and to IndexedDB (one transaction) only when
 * localStorage refuses (full, or switched off): Chromium aborts a page's IndexedDB transactions that
 * have not finished committing when the page is closed, and on a busy machine 1 close in 20 lost its
 * journal that way, while a localStorage write is handed to the browser at once.
 */
export const JOURNAL_PREFIX = "workspace-journal:";
/** What the stored record is called in messages. */
const SOURCE = "browser storage";

export type StorageProblem =
  | { kind: "unavailable"; message: Bilingual; cause: string }
  | { kind: "quota"; message: Bilingual; cause: string }
  | {
      kind: "corrupt";
      message: Bilingual;
      /** What is wrong with the stored record, path by path. */
      issues: InputIssue[];
      /** Where the damaged record was copied; null if even the copy could not be written. */
      backupKey: string | null;
    };

const UNAVAILABLE: Bilingual = {
  zh: "此浏览器不允许在本机保存（可能是隐私窗口、存储被关闭，或被另一个标签页占用）。当前的工作仍在页面上，但关闭后不会保留；请用“导出工作区”把它存成文件。",
  en: "This browser does not allow saving here (a private window, storage switched off, or another tab holding it). Your work stays on screen but will not survive closing it; use “Export workspace” to keep it in a file.",
};
const QUOTA: Bilingual = {
  zh: "浏览器为本站分配的存储空间已满，最近的修改没有保存。请先用“导出工作区”把工作存成文件，再清理浏览器存储。",
  en: "The browser's storage for this site is full, so the latest changes were not saved. Use “Export workspace” to keep your work in a file, then free some browser storage.",
};

function corruptMessage(issues: InputIssue[], backupKey: string | null): Bilingual {
  const first = issues[0];
  const where = first ? `${first.path === "" ? "" : `${first.path}: `}` : "";
  const what = {
    zh: first ? `${where}${first.message.zh}` : "",
    en: first ? `${where}${first.message.en}` : "",
  };
  const more =
    issues.length > 1
      ? { zh: `（另有 ${issues.length - 1} 处问题）`, en: ` (and ${issues.length - 1} more)` }
      : { zh: "", en: "" };
  return backupKey
    ? {
        zh: `本机保存的工作区无法读取：${what.zh}${more.zh}。原记录已原样保留为 “${backupKey}”，没有删除任何内容；可以把它导出为文件修复，或从空白工作区重新开始。`,
        en: `The workspace saved in this browser could not be read: ${what.en}${more.en}. The record was kept unchanged as "${backupKey}" and nothing was deleted; you can export it as a file to repair it, or start from an empty workspace.`,
      }
    : {
        zh: `本机保存的工作区无法读取：${what.zh}${more.zh}。也无法另存一份副本，因此在导出它之前不会覆盖它；请先导出。`,
        en: `The workspace saved in this browser could not be read: ${what.en}${more.en}. A copy could not be set aside either, so it will not be overwritten until it is exported; please export it first.`,
      };
}

/** Maps anything IndexedDB threw to a problem: QuotaExceededError is "quota", everything else "unavailable". */
export function problemOf(error: unknown): StorageProblem {
  const name = error && typeof error === "object" && "name" in error ? String(error.name) : "";
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (name === "QuotaExceededError" || /quota/i.test(text))
    return { kind: "quota", message: QUOTA, cause: text };
  return { kind: "unavailable", message: UNAVAILABLE, cause: text };
}

/**
 * A stored record a workspace was made from: the revision and the workspace stored under it (null: nothing
 * was stored yet). A tab's next save merges against it when the stored revision has moved on.
 */
export interface StoredBase {
  revision: number;
  ws: Workspace | null;
}

/** What a save did. */
export interface SaveOutcome {
  /** The revision now stored. */
  revision: number;
  /** What is stored now under {@link SaveOutcome.revision}: the base of whatever this tab makes next. */
  stored: Workspace;
  /**
   * Another tab had saved since this one last read or wrote: what is stored now is this workspace
   * merged with that one's (see merge.ts). Null when the workspace was stored as it was given.
   */
  merged: Workspace | null;
}

export interface Persistence {
  /**
   * The saved workspace, migrated to the current version, with every journal left by a closed page
   * merged into it; null when nothing was saved yet.
   */
  load(): Promise<Result<Workspace | null, StorageProblem>>;
  /**
   * Saves the workspace (a plain-data copy of it; Solid proxies are fine) in one transaction that
   * checks the stored revision: if it is no longer `from`'s (another tab saved since `ws` was made from
   * `from`), the two are merged against `from` and the merge is stored (and answered). Never overwrites
   * another tab's work. `from` defaults to what this page last read or wrote; a page that takes in
   * another tab's work (`pull`) passes the record its workspace is now made from.
   */
  save(ws: Workspace, from?: StoredBase): Promise<Result<SaveOutcome, StorageProblem>>;
  /**
   * What another tab stored since revision `since` (default: what this page last read or wrote), with
   * its revision, or null if nothing changed. Moves nothing here: a caller that merges the answer into
   * its workspace passes `{ revision, ws: stored }` as `from` to its next save.
   */
  pull(since?: number): Promise<Result<{ stored: Workspace; revision: number } | null, StorageProblem>>;
  /** The record this page last read or wrote (revision 0 and null before a load). */
  current(): StoredBase;
  /**
   * Writes the workspace at once, as this page's journal, in one transaction whose requests are all
   * issued before this returns (for `pagehide`, when a page may not live to see a reply). False when
   * the database is not open yet or refused. `from` is the record `ws` was made from (as for `save`).
   */
  journal(ws: Workspace, from?: StoredBase): boolean;
  /** Every damaged record kept aside, for export. */
  backups(): Promise<Result<{ key: string; value: unknown }[], StorageProblem>>;
  /** Closes the database connection (a later call opens it again). */
  close(): void;
}

export interface PersistenceOptions {
  /** Database name. Default {@link DEFAULT_DB_NAME}. */
  dbName?: string;
  /**
   * The IndexedDB factory; default `globalThis.indexedDB`. idb checks values against the global IDB
   * classes, so tests install fake-indexeddb's globals (`fake-indexeddb/auto`) and pass a fresh
   * `new IDBFactory()` per test for isolation.
   */
  indexedDB?: IDBFactory;
  /** Clock for backup keys (ms). Default `Date.now`. */
  now?: () => number;
  /** Names this page's journal. Default a random UUID. */
  pageId?: string;
  /**
   * Where journals go first; default `globalThis.localStorage` (null or absent: IndexedDB only).
   */
  journalStorage?: Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length"> | null;
}

/** Creates the local store of the workspace. Nothing is opened until the first call. */
export function createPersistence(opts: PersistenceOptions = {}): Persistence {
  const dbName = opts.dbName ?? DEFAULT_DB_NAME;
  const now = opts.now ?? Date.now;
  let db: Promise<IDBPDatabase> | null = null;
  /** The open connection, for the journal, which cannot wait for a promise. */
  let raw: IDBDatabase | null = null;
  /** Set while a damaged record sits under the main key without a copy: saving would destroy it. */
  let unbacked: StorageProblem | null = null;
  /** The stored revision this page last read or wrote, and the workspace stored under it. */
  let known: StoredBase = { revision: 0, ws: null };
  const journalKey = `${JOURNAL_PREFIX}${opts.pageId ?? globalThis.crypto?.randomUUID?.() ?? String(Math.random())}`;
  const local = journalStorageOf(opts);
  /** The workspace the newest journal of this page holds: a save of that same value removes it. */
  let journaled: Workspace | null = null;

  function open(): Promise<IDBPDatabase> {
    if (db) return db;
    const factory = opts.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    db = new Promise<IDBPDatabase>((resolve, reject) => {
      if (!factory) throw new DOMException("IndexedDB is not available", "NotSupportedError");
      const req = factory.open(dbName, DB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onblocked = () => reject(new DOMException("opening the database was blocked", "BlockedError"));
      req.onerror = () =>
        reject(req.error ?? new DOMException("could not open the database", "UnknownError"));
      req.onsuccess = () => {
        const conn = req.result;
        // Another tab upgrading the database asks this one to let go; reopen on the next call.
        conn.onversionchange = () => {
          conn.close();
          if (raw === conn) raw = null;
          db = null;
        };
        try {
          resolve(wrap(conn));
          raw = conn;
        } catch (e) {
          conn.close();
          reject(e);
        }
      };
    });
    // A failed open is retried on the next call rather than cached.
    db.catch(() => {
      db = null;
    });
    return db;
  }

  // Filtered here rather than with an IDBKeyRange, which needs the global the factory came with.
  async function backupKeys(d: IDBPDatabase): Promise<string[]> {
    const keys = await d.getAllKeys(STORE);
    return keys.filter((k): k is string => typeof k === "string" && k.startsWith(BACKUP_PREFIX));
  }

  async function backup(d: IDBPDatabase, raw: unknown): Promise<string> {
    // Reuse an identical backup rather than piling up copies on every reload.
    const text = JSON.stringify(raw);
    for (const k of await backupKeys(d)) {
      if (JSON.stringify(await d.get(STORE, k)) === text) return String(k);
    }
    const key = `${BACKUP_PREFIX}${new Date(now()).toISOString()}`;
    await d.put(STORE, raw, key);
    return key;
  }

  return {
    async load() {
      let d: IDBPDatabase;
      let stored: unknown;
      let revision: number;
      let journals: { key: string; value: unknown }[];
      try {
        d = await open();
        const tx = d.transaction(STORE, "readonly");
        stored = await tx.store.get(WORKSPACE_KEY);
        revision = revisionOf(await tx.store.get(REVISION_KEY));
        journals = [];
        for (const k of await tx.store.getAllKeys()) {
          if (typeof k === "string" && k.startsWith(JOURNAL_PREFIX))
            journals.push({ key: k, value: await tx.store.get(k) });
        }
        await tx.done;
      } catch (e) {
        return err(problemOf(e));
      }
      const localJournals = readLocalJournals(local);
      let current: Workspace | null = null;
      if (stored !== undefined) {
        const parsed = migrate(stored, SOURCE);
        if (!parsed.ok) {
          let backupKey: string | null = null;
          try {
            backupKey = await backup(d, stored);
          } catch {
            backupKey = null;
          }
          const problem: StorageProblem = {
            kind: "corrupt",
            message: corruptMessage(parsed.error, backupKey),
            issues: parsed.error,
            backupKey,
          };
          unbacked = backupKey === null ? problem : null;
          return err(problem);
        }
        current = parsed.value;
      }
      unbacked = null;
      known = { revision, ws: current };
      if (journals.length === 0 && localJournals.length === 0) return ok(current);
      // Pages that were left before their last save finished: fold in what they held.
      const readable: { key: string; ws: Workspace; base: Workspace | null; local: boolean }[] = [];
      const unreadable: { key: string; value: unknown; local: boolean }[] = [];
      for (const j of [
        ...journals.map((x) => ({ ...x, local: false })),
        ...localJournals.map((x) => ({ ...x, local: true })),
      ]) {
        const r = readJournal(j.value);
        if (r) readable.push({ key: j.key, local: j.local, ...r });
        else unreadable.push(j);
      }
      readable.sort((a, b) => (a.ws.savedAt < b.ws.savedAt ? -1 : 1));
      let merged = current;
      for (const j of readable) merged = merged ? mergeWorkspaces(j.base, j.ws, merged) : j.ws;
      try {
        const tx = d.transaction(STORE, "readwrite");
        const now0 = revisionOf(await tx.store.get(REVISION_KEY));
        if (now0 === revision) {
          if (merged) await tx.store.put(JSON.parse(JSON.stringify(merged)), WORKSPACE_KEY);
          await tx.store.put(revision + 1, REVISION_KEY);
          for (const j of readable) if (!j.local) await tx.store.delete(j.key);
          // A journal that cannot be read is kept aside like any damaged record, never just dropped.
          for (const j of unreadable) {
            await tx.store.put(j.value, `${BACKUP_PREFIX}${new Date(now()).toISOString()}:${j.key}`);
            if (!j.local) await tx.store.delete(j.key);
          }
          await tx.done;
          known = { revision: revision + 1, ws: merged };
          // Only once the merge is stored: a crash before this leaves them to be merged again (the
          // merge of a journal already in is the workspace itself).
          for (const j of [...readable, ...unreadable]) if (j.local) local?.removeItem(j.key);
        } else {
          // Another tab saved meanwhile: keep the journals for the next load, and merge through save.
          tx.abort();
          await tx.done.catch(() => {});
        }
      } catch {
        // The journals stay where they are; what this page shows still includes them.
      }
      return ok(merged);
    },

    async save(ws, from = known) {
      if (unbacked) return err(unbacked);
      try {
        const d = await open();
        // A JSON copy: what is stored is exactly what an export would hold, and store proxies and
        // typed arrays never reach structured cloning.
        const mine = JSON.parse(JSON.stringify(ws)) as Workspace;
        // One transaction: the revision check, the merge and the write cannot be split by another tab.
        const tx = d.transaction(STORE, "readwrite");
        const revision = revisionOf(await tx.store.get(REVISION_KEY));
        let merged: Workspace | null = null;
        if (revision !== from.revision) {
          const raw0: unknown = await tx.store.get(WORKSPACE_KEY);
          const theirs = raw0 === undefined ? null : migrate(raw0, SOURCE);
          if (theirs?.ok) merged = mergeWorkspaces(from.ws, mine, theirs.value);
          else if (theirs && !theirs.ok) {
            // Unreadable, written by something else: set it aside before writing over it.
            await tx.store.put(raw0, `${BACKUP_PREFIX}${new Date(now()).toISOString()}`);
          }
        }
        const value = merged ?? mine;
        await tx.store.put(merged ? JSON.parse(JSON.stringify(merged)) : mine, WORKSPACE_KEY);
        await tx.store.put(revision + 1, REVISION_KEY);
        const dropJournal = journaled === ws;
        if (dropJournal) await tx.store.delete(journalKey);
        await tx.done;
        if (dropJournal && journaled === ws) {
          journaled = null;
          local?.removeItem(journalKey);
        }
        const stored = JSON.parse(JSON.stringify(value)) as Workspace;
        known = { revision: revision + 1, ws: stored };
        return ok({ revision: revision + 1, stored, merged });
      } catch (e) {
        return err(problemOf(e));
      }
    },

    async pull(since = known.revision) {
      try {
        const d = await open();
        const tx = d.transaction(STORE, "readonly");
        const revision = revisionOf(await tx.store.get(REVISION_KEY));
        if (revision === since) return ok(null);
        const stored: unknown = await tx.store.get(WORKSPACE_KEY);
        await tx.done;
        const parsed = stored === undefined ? null : migrate(stored, SOURCE);
        if (!parsed?.ok) return ok(null);
        return ok({ stored: parsed.value, revision });
      } catch (e) {
        return err(problemOf(e));
      }
    },

    current: () => known,

    journal(ws, from = known) {
      if (unbacked) return false;
      const entry = { ws: JSON.parse(JSON.stringify(ws)), base: from.ws, baseRevision: from.revision };
      journaled = ws;
      if (local) {
        try {
          local.setItem(journalKey, JSON.stringify(entry));
          return true;
        } catch {
          // Full or refused: IndexedDB, below.
        }
      }
      if (!raw) return false;
      try {
        const tx = raw.transaction(STORE, "readwrite");
        tx.objectStore(STORE).put(entry, journalKey);
        // Ask for the commit now rather than when the event loop comes back (it may not).
        tx.commit?.();
        return true;
      } catch {
        return false;
      }
    },

    async backups() {
      try {
        const d = await open();
        const out: { key: string; value: unknown }[] = [];
        for (const k of await backupKeys(d)) out.push({ key: String(k), value: await d.get(STORE, k) });
        return ok(out);
      } catch (e) {
        return err(problemOf(e));
      }
    },

    close() {
      const p = db;
      db = null;
      raw = null;
      p?.then((d) => d.close()).catch(() => {});
    },
  };
}

function journalStorageOf(opts: PersistenceOptions): PersistenceOptions["journalStorage"] {
  if (opts.journalStorage !== undefined) return opts.journalStorage;
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    // Reading localStorage throws where storage is blocked.
    return null;
  }
}

/** Every journal in localStorage, parsed from JSON (a text that is not JSON is kept as text). */
function readLocalJournals(local: PersistenceOptions["journalStorage"]): { key: string; value: unknown }[] {
  const out: { key: string; value: unknown }[] = [];
  if (!local) return out;
  try {
    for (let i = 0; i < local.length; i++) {
      const key = local.key(i);
      if (!key?.startsWith(JOURNAL_PREFIX)) continue;
      const text = local.getItem(key);
      if (text === null) continue;
      let value: unknown = text;
      try {
        value = JSON.parse(text);
      } catch {
        // Kept as text: set aside as unreadable by load.
      }
      out.push({ key, value });
    }
  } catch {
    // Storage blocked: no journals to read.
  }
  return out;
}

function revisionOf(v: unknown): number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

/** A journal's workspace and the base it was made from, or null if it cannot be read. */
function readJournal(v: unknown): { ws: Workspace; base: Workspace | null } | null {
  if (!v || typeof v !== "object") return null;
  const j = v as { ws?: unknown; base?: unknown };
  const ws = migrate(j.ws, SOURCE);
  if (!ws.ok) return null;
  const base = j.base === null || j.base === undefined ? null : migrate(j.base, SOURCE);
  return { ws: ws.value, base: base?.ok ? base.value : null };
}

/** Autosave options. */
export interface AutosaveOptions<T = unknown> {
  /** Quiet time after the last change before saving (ms). Default 400. */
  delayMs?: number;
  /** Longest a change waits while changes keep coming (ms). Default 1000. */
  maxWaitMs?: number;
  /** Told of every failed save (and of recovery, with null). */
  onProblem?: (problem: StorageProblem | null) => void;
  /**
   * Called synchronously when the page is hidden or left while a value waits or is being saved, with
   * the newest such value: the save that starts then may not live to finish, so this is the moment to
   * write it somewhere at once (`Persistence.journal`).
   */
  onLeave?: (value: T) => void;
  /**
   * Where to listen for the page going away; default `globalThis.window` / `globalThis.document`.
   * Pass null to listen nowhere (workers, tests).
   */
  events?: { window?: EventTarget; document?: EventTarget & { visibilityState: string } } | null;
}

export interface Autosave<T> {
  /** Records the newest value to save; a burst of changes becomes one save. */
  change(value: T): void;
  /** Saves the newest unsaved value now (if any) and waits for every save in flight. */
  flush(): Promise<void>;
  /** True while a value waits to be saved or a save is in flight. */
  pending(): boolean;
  /** Stops listening and drops the timer; does not save (call flush first to keep changes). */
  dispose(): void;
}

/**
 * Folds bursts of changes into few saves: a save runs `delayMs` after the last change, and never later
 * than `maxWaitMs` after the first unsaved one, so a change is saved within 1 s even while a slider is
 * being dragged. One save at a time; changes made during a save are saved right after it. Leaving the
 * page (`pagehide`, or `visibilitychange` to hidden) saves at once.
 */
export function createAutosave<T>(
  save: (value: T) => Promise<Result<unknown, StorageProblem>>,
  opts: AutosaveOptions<T> = {},
): Autosave<T> {
  const delay = opts.delayMs ?? 400;
  const maxWait = Math.max(delay, opts.maxWaitMs ?? 1000);
  let latest: { value: T } | null = null;
  let firstAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  /** The value being saved by `inFlight`. */
  let inFlightValue: { value: T } | null = null;
  let failing = false;

  function clear(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function run(): Promise<void> {
    clear();
    if (inFlight) return inFlight.then(() => (latest ? run() : undefined));
    if (!latest) return Promise.resolve();
    const { value } = latest;
    latest = null;
    firstAt = null;
    inFlightValue = { value };
    inFlight = save(value)
      .then(
        (r) => {
          if (!r.ok) {
            failing = true;
            opts.onProblem?.(r.error);
          } else if (failing) {
            failing = false;
            opts.onProblem?.(null);
          }
        },
        (e: unknown) => {
          failing = true;
          opts.onProblem?.(problemOf(e));
        },
      )
      .finally(() => {
        inFlight = null;
        inFlightValue = null;
        // Changes made during the save wait for their own timer, unless it already fired.
        if (latest && timer === null) void run();
      });
    return inFlight;
  }

  function change(value: T): void {
    latest = { value };
    const t = Date.now();
    if (firstAt === null) firstAt = t;
    clear();
    const wait = Math.max(0, Math.min(delay, firstAt + maxWait - t));
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, wait);
  }

  const win =
    opts.events === null
      ? undefined
      : (opts.events?.window ?? (globalThis as { window?: EventTarget }).window);
  const doc =
    opts.events === null
      ? undefined
      : (opts.events?.document ??
        (globalThis as { document?: EventTarget & { visibilityState: string } }).document);
  const leave = (): void => {
    const newest = latest ?? inFlightValue;
    if (newest) opts.onLeave?.(newest.value);
    void run();
  };
  const onHide = () => leave();
  const onVisibility = () => {
    if (doc?.visibilityState === "hidden") leave();
  };
  win?.addEventListener("pagehide", onHide);
  doc?.addEventListener("visibilitychange", onVisibility);

  return {
    change,
    flush: run,
    pending: () => latest !== null || inFlight !== null,
    dispose() {
      clear();
      win?.removeEventListener("pagehide", onHide);
      doc?.removeEventListener("visibilitychange", onVisibility);
    },
  };
}
