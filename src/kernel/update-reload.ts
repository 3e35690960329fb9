/**
 * The second line of defence against a deploy under an open tab (the first is the service worker
 * keeping the old build's files): a tab with no service worker (the first visit, a private window)
 * asks the server for a chunk of its own build, which a new deploy removed. Rather than fail, the page
 * saves, reloads into the new build, and says so there. Once: if the chunk is still missing right
 * after such a reload, the error is shown as any other.
 */

/** sessionStorage key: when this tab last reloaded into a new build, and whether that was said. */
const KEY = "reachable-update-reload";
/** A reload this recent means the new build did not help: do not reload again. */
const LOOP_MS = 60_000;

let beforeReload: () => Promise<void> = () => Promise.resolve();

/** What to do before reloading (save the work). Set once by main.tsx. */
export function setBeforeUpdateReload(fn: () => Promise<void>): void {
  beforeReload = fn;
}

/** True for the error a browser gives when a lazily imported chunk cannot be fetched. */
export function isMissingChunk(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(
    text,
  );
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function last(): { at: number; said: boolean } | null {
  try {
    const v = JSON.parse(storage()?.getItem(KEY) ?? "null") as { at?: unknown; said?: unknown } | null;
    return v && typeof v.at === "number" ? { at: v.at, said: v.said === true } : null;
  } catch {
    return null;
  }
}

/** `load()`, or, when its chunk is gone because a new build was deployed, a save and a reload. */
export function importOrReload<T>(load: () => Promise<T>): Promise<T> {
  return load().catch(async (e: unknown) => {
    const s = storage();
    const before = last();
    if (!isMissingChunk(e) || !s || (before && Date.now() - before.at < LOOP_MS)) throw e;
    s.setItem(KEY, JSON.stringify({ at: Date.now(), said: false }));
    await beforeReload();
    location.reload();
    return new Promise<T>(() => {});
  });
}

/** True once after a reload into a new build, so the page can say why it reloaded. */
export function takeUpdateNotice(): boolean {
  const v = last();
  if (!v || v.said) return false;
  storage()?.setItem(KEY, JSON.stringify({ at: v.at, said: true }));
  return true;
}
