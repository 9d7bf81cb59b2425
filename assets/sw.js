// luoshi service worker: cache-first for the app's own (content-hashed) files, so after one visit the app opens and
// works with the network off. scripts/post-build.mjs fills in VERSION (a hash of every dist file) and
// FILES (the dist file list) at build time: a new build gets a new cache name; `activate` deletes the
// old caches. Annotations live in localStorage, which the service worker never touches.
const VERSION = '__LUOSHI_VERSION__';
const FILES = ['__LUOSHI_FILES__'];
const CACHE = `luoshi-${VERSION}`;
const PREFIX = 'luoshi-';

self.addEventListener('install', (event) => {
  // Relative to the worker's own URL, so the app works under any subpath.
  const urls = FILES.map((file) => new URL(file, self.registration.scope).href);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(urls))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  // Navigation preload: the browser requests the page while it starts this worker, instead of
  // after (a returning visit's first paint no longer waits for the worker to boot).
  const preload = self.registration.navigationPreload ? self.registration.navigationPreload.enable() : Promise.resolve();
  event.waitUntil(
    Promise.all([
      preload,
      caches
        .keys()
        .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)))),
    ]).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    // The page itself (index.html, any ?task=…&view=… query): network first, so a new build is
    // picked up on the next visit; the cached copy when offline. Every other file has a content
    // hash in its name, so the cached copy is always right: cache first.
    // The network request is the navigation preload's when there is one (started while this
    // worker booted); a failed one (offline) rejects and falls back to the cached page.
    const shell = new URL('./', self.registration.scope).href;
    const network = Promise.resolve(event.preloadResponse).then((preloaded) => preloaded || fetch(request));
    event.respondWith(network.catch(() => caches.match(shell, { cacheName: CACHE }).then((hit) => hit || Response.error())));
    return;
  }
  // caches.match (not caches.open): an old worker still serving the page while a new one activates
  // must not re-create the cache the new one just deleted.
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
