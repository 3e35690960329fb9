import { type IDBPDatabase, wrap } from "idb";
import type { Bilingual, Result } from "../../models/text.ts";
import type { InputIssue } from "../../models/validation.ts";
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

export interface Persistence {
  /** The saved workspace, migrated to the current version; null when nothing was saved yet. */
  load(): Promise<Result<Workspace | null, StorageProblem>>;
  /** Saves the workspace (a plain-data copy of it; Solid proxies are fine). */
  save(ws: Workspace): Promise<Result<void, StorageProblem>>;
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
}

/** Creates the local store of the workspace. Nothing is opened until the first call. */
export function createPersistence(opts: PersistenceOptions = {}): Persistence {
  const dbName = opts.dbName ?? DEFAULT_DB_NAME;
  const now = opts.now ?? Date.now;
  let db: Promise<IDBPDatabase> | null = null;
  /** Set while a damaged record sits under the main key without a copy: saving would destroy it. */
  let unbacked: StorageProblem | null = null;

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
        const raw = req.result;
        // Another tab upgrading the database asks this one to let go; reopen on the next call.
        raw.onversionchange = () => {
          raw.close();
          db = null;
        };
        try {
          resolve(wrap(raw));
        } catch (e) {
          raw.close();
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
      let raw: unknown;
      try {
        d = await open();
        raw = await d.get(STORE, WORKSPACE_KEY);
      } catch (e) {
        return { ok: false, error: problemOf(e) };
      }
      if (raw === undefined) return { ok: true, value: null };
      const parsed = migrate(raw, SOURCE);
      if (parsed.ok) {
        unbacked = null;
        return parsed;
      }
      let backupKey: string | null = null;
      try {
        backupKey = await backup(d, raw);
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
      return { ok: false, error: problem };
    },

    async save(ws) {
      if (unbacked) return { ok: false, error: unbacked };
      try {
        const d = await open();
        // A JSON copy: what is stored is exactly what an export would hold, and store proxies and
        // typed arrays never reach structured cloning.
        await d.put(STORE, JSON.parse(JSON.stringify(ws)), WORKSPACE_KEY);
        return { ok: true, value: undefined };
      } catch (e) {
        return { ok: false, error: problemOf(e) };
      }
    },

    async backups() {
      try {
        const d = await open();
        const out: { key: string; value: unknown }[] = [];
        for (const k of await backupKeys(d)) out.push({ key: String(k), value: await d.get(STORE, k) });
        return { ok: true, value: out };
      } catch (e) {
        return { ok: false, error: problemOf(e) };
      }
    },

    close() {
      const p = db;
      db = null;
      p?.then((d) => d.close()).catch(() => {});
    },
  };
}

/** Autosave options. */
export interface AutosaveOptions {
  /** Quiet time after the last change before saving (ms). Default 400. */
  delayMs?: number;
  /** Longest a change waits while changes keep coming (ms). Default 1000. */
  maxWaitMs?: number;
  /** Told of every failed save (and of recovery, with null). */
  onProblem?: (problem: StorageProblem | null) => void;
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
  save: (value: T) => Promise<Result<void, StorageProblem>>,
  opts: AutosaveOptions = {},
): Autosave<T> {
  const delay = opts.delayMs ?? 400;
  const maxWait = Math.max(delay, opts.maxWaitMs ?? 1000);
  let latest: { value: T } | null = null;
  let firstAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
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
  const onHide = () => void run();
  const onVisibility = () => {
    if (doc?.visibilityState === "hidden") void run();
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
