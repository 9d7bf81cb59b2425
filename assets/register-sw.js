// Offline support: register the service worker (sw.js, next to index.html) so the app opens with the
// network off after one visit. Only over http(s): file:// (the single-file edition) has no service
// workers. A relative URL keeps the scope to the directory the app is served from (e.g. /tools/luoshi/).
if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.protocol === 'http:')) {
  navigator.serviceWorker.register('./sw.js').catch((error) => {
    // Offline use is a bonus: the app works without it, so report quietly and carry on.
    console.info('luoshi: service worker not registered:', error && error.message);
  });
}
