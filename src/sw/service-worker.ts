/**
 * Offline support: precaches every file of the build (the list is injected at build time by the
 * `precache` plugin in vite.config.ts) and answers same-origin requests cache-first, so the app works
 * without a network once loaded. It never fetches from other origins.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
declare const __PRECACHE__: { version: string; files: string[] };

const manifest = __PRECACHE__;
const CACHE = `reachable-${manifest.version}`;

sw.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(manifest.files.map((f) => new URL(f, sw.registration.scope).href)))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("reachable-") && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== sw.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(req, { ignoreSearch: req.mode === "navigate" });
      if (hit) return hit;
      try {
        const res = await fetch(req);
        if (res.ok) void cache.put(req, res.clone());
        return res;
      } catch (e) {
        if (req.mode === "navigate") {
          const shell = await cache.match(new URL("index.html", sw.registration.scope).href);
          if (shell) return shell;
        }
        throw e;
      }
    })(),
  );
});

export {};
