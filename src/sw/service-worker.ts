/**
 * Offline support: precaches every file of the build (the list is injected at build time by the
 * `precache` plugin in vite.config.ts) and answers same-origin requests cache-first, so the app works
 * without a network once loaded. It never fetches from other origins.
 *
 * Deploys do not break open tabs: a tab still running the previous build loads that build's chunks
 * lazily (opening a plan loads the workbench), and the server now has only the new build's files. So a
 * new version keeps every older version's cache for as long as a tab that was open when it took over
 * is still open (those tabs are the only ones that can run older code: a tab opened later loads the
 * new index.html), and answers an asset from whichever version's cache has it. Which caches are kept
 * for which tabs is written down in a cache of its own, so it survives the worker being stopped.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
declare const __PRECACHE__: { version: string; files: string[] };

const manifest = __PRECACHE__;
const PREFIX = "reachable-";
const CACHE = `${PREFIX}${manifest.version}`;
/** Where the list of kept caches lives: cache name → ids of the tabs that may still need it. */
const META = `${PREFIX}meta`;
const RETAINED = new URL("__retained__", sw.registration.scope).href;

type Retained = Record<string, string[]>;

async function readRetained(): Promise<Retained> {
  const res = await (await caches.open(META)).match(RETAINED);
  if (!res) return {};
  try {
    const v = (await res.json()) as unknown;
    return v && typeof v === "object" ? (v as Retained) : {};
  } catch {
    return {};
  }
}

async function writeRetained(r: Retained): Promise<void> {
  await (await caches.open(META)).put(
    RETAINED,
    new Response(JSON.stringify(r), { headers: { "content-type": "application/json" } }),
  );
}

/**
 * Deletes every older version's cache that no open tab may need; with `adopt`, first marks the tabs
 * open now as needing every older cache (they were loaded before this version took over).
 */
async function prune(adopt: boolean): Promise<void> {
  const open = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const alive = new Set(open.map((c) => c.id));
  const older = (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE && k !== META);
  const retained = await readRetained();
  const next: Retained = {};
  for (const k of older) {
    const ids = [...(retained[k] ?? []), ...(adopt ? open.map((c) => c.id) : [])].filter((id) =>
      alive.has(id),
    );
    if (ids.length > 0) next[k] = [...new Set(ids)];
    else await caches.delete(k);
  }
  await writeRetained(next);
}

sw.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(manifest.files.map((f) => new URL(f, sw.registration.scope).href)))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(prune(true).then(() => sw.clients.claim()));
});

sw.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== sw.location.origin) return;
  const navigate = req.mode === "navigate";
  // A page load may be the moment the last tab of an older version went away.
  if (navigate) event.waitUntil(prune(false).catch(() => {}));
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(req, { ignoreSearch: navigate });
      if (hit) return hit;
      // An asset of an older version, for a tab still running it (file names carry content hashes,
      // so a name found in any version's cache is that file). Pages always come from this version.
      if (!navigate) {
        for (const k of await caches.keys()) {
          if (!k.startsWith(PREFIX) || k === CACHE || k === META) continue;
          const old = await (await caches.open(k)).match(req);
          if (old) return old;
        }
      }
      try {
        const res = await fetch(req);
        if (res.ok) void cache.put(req, res.clone());
        return res;
      } catch (e) {
        if (navigate) {
          const shell = await cache.match(new URL("index.html", sw.registration.scope).href);
          if (shell) return shell;
        }
        throw e;
      }
    })(),
  );
});

export {};
