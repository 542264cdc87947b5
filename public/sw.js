// Lumbung's service worker. The server serves it at /sw.js with two constants put in front:
// VERSION (changes with every build, so a deploy installs a new worker) and SHELL (the offline page,
// the manifest, the icons and this build's hashed CSS, JS and WASM).
/* global VERSION, SHELL */
const SHELL_CACHE = `lumbung-shell-${VERSION}`;
// Pages refer to one build's hashed files, so they are kept per build too.
const PAGE_CACHE = `lumbung-pages-${VERSION}`;
const IMAGE_CACHE = "lumbung-images";
const OFFLINE_PAGE = "/luring";
// Past this, a slow network loses to the copy kept from the last visit.
const NAVIGATION_TIMEOUT_MS = 4000;
const MAX_IMAGES = 120;
const MAX_PAGES = 60;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      // The start page opens offline even if the first visit began elsewhere.
      .then(() => keep("/").catch(() => {}))
      .then(() => self.skipWaiting()),
  );
});

// A new build takes over at once and drops the caches of the builds before it.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("lumbung-") && name !== IMAGE_CACHE)
            .filter((name) => name !== SHELL_CACHE && name !== PAGE_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim())
      // The pages open before this worker existed (the first visit) are kept too.
      .then(() => self.clients.matchAll({ type: "window" }))
      .then((windows) => Promise.all(windows.map((client) => keep(client.url).catch(() => {})))),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Server functions (POST), other sites and uploads go straight to the network, never to a cache.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, request));
  } else if (url.pathname.startsWith("/pkg/") || SHELL.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/media/") || url.pathname === "/placeholder.svg") {
    event.respondWith(staleWhileRevalidate(event, request));
  }
});

// Pages vary by cookie (language, data saver), which a worker's requests do not show: matched by address.
const BY_ADDRESS = { ignoreVary: true };

// Pages the server marks `no-store` (the dashboard, orders, sign-in) are never kept.
function keepable(response) {
  return response.ok && !response.redirected && !/no-store/.test(response.headers.get("Cache-Control") || "");
}

/** Fetches a page and keeps it, as a visit through the worker would. */
async function keep(url) {
  // Marked so that keeping a product page does not count as a buyer's view.
  const response = await fetch(url, { credentials: "same-origin", headers: { "X-Lumbung-Keep": "1" } });
  if (keepable(response)) await (await caches.open(PAGE_CACHE)).put(url, response);
}

async function page(event, request) {
  const network = fetch(request).then(async (response) => {
    if (keepable(response)) {
      const cache = await caches.open(PAGE_CACHE);
      await cache.put(request, response.clone());
      await trim(cache, MAX_PAGES);
    }
    return response;
  });
  // The network's answer still refreshes the cache after the timeout has served the kept copy.
  event.waitUntil(network.catch(() => {}));
  const kept = () => caches.open(PAGE_CACHE).then((cache) => cache.match(request, BY_ADDRESS));
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS)).then(kept);
  try {
    // The kept copy answers a slow network; with none kept, the network is waited for.
    const first = await Promise.race([network, timeout]);
    return first || (await network);
  } catch {
    return (await kept()) || (await (await caches.open(SHELL_CACHE)).match(OFFLINE_PAGE, BY_ADDRESS));
  }
}

async function cacheFirst(request) {
  const kept = await (await caches.open(SHELL_CACHE)).match(request, BY_ADDRESS);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(IMAGE_CACHE);
  const kept = await cache.match(request, BY_ADDRESS);
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      await cache.put(request, response.clone());
      await trim(cache, MAX_IMAGES);
    }
    return response;
  });
  if (kept) {
    event.waitUntil(network.catch(() => {}));
    return kept;
  }
  return network;
}

// Keeps the newest `max` entries: a cache's keys come in the order they were first put.
async function trim(cache, max) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((key) => cache.delete(key)));
}
