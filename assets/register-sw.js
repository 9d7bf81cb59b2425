// Offline support: register the service worker (sw.js, next to index.html) so the app opens with the
// network off after one visit. Only over http(s): file:// (the single-file edition) has no service
// workers. A relative URL keeps the scope to the directory the app is served from (e.g. /tools/luoshi/).
//
// Registered only once the app has started (trunk's loader fires `TrunkApplicationStarted` when the
// wasm is compiled and running): installing the worker downloads every file again to cache it,
// and on a first visit over a slow line that competed with the wasm download the app waits for
// (BENCHMARKS.md "First and returning visits").
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.protocol === 'http:')) {
  const register = () => {
    navigator.serviceWorker.register('./sw.js').catch((error) => {
      // Offline use is a bonus: the app works without it, so report quietly and carry on.
      console.info('luoshi: service worker not registered:', error && error.message);
    });
  };
  if (navigator.serviceWorker.controller || window.wasmBindings) {
    // Already installed (a returning visit): checking for an update costs the page nothing. Or the
    // app started before this ran: trunk's loader is an async module script (scripts/post-build.mjs
    // `startingEarly`) and sets `wasmBindings` just before it fires the event.
    register();
  } else {
    addEventListener('TrunkApplicationStarted', register, { once: true });
  }
}
