// Runs before the body is parsed: trunk inlines it into <head> (`rel="inline"` in index.html) and
// scripts/post-build.mjs allows it in the Content-Security-Policy by its hash. Inline rather than
// an external file because the CSP <meta> turns off Chromium's preload scanner: an external
// blocking script here held back the stylesheets' requests until it was fetched and run, the
// largest part of the app's first-paint gap to a static page (BENCHMARKS.md "First paint").
// index.html holds the prerendered first view — the seed's list at the bare address (see
// src/bin/luoshi-prerender.rs). A visitor with a query or fragment in the address (a task, a
// filter, another document, a share link) would see the wrong page until the app replaces it, so
// for them it is hidden (styles/layout.css) and the app paints first. A returning visitor at the
// bare address with their ledger or prefs in localStorage sees the same list: the same rows in the
// same places, only without their marks, which the app fills in as it starts (it hydrates the
// markup and applies what is stored as changes, src/app/first_view.rs); so they see it at once
// (issue 19). Two stored settings open another list at the bare address, and the app replaces
// the markup for them: a picked unit (只看本单位, a shorter list) and kept documents (another one
// may be current). Showing the prerender to them would show the wrong list and then move every
// row, so it is hidden; this reads those two keys only to decide that (the same test as the
// app's `first_view::Stored`; anything unreadable counts as not set, as it does there). Without
// readable storage the app shows a notice the prerender lacks: hidden.
(function () {
  var hide = location.search.length > 1 || location.hash.length > 1;
  var storage = null;
  if (!hide) {
    try {
      storage = window.localStorage;
      hide = !storage;
    } catch (error) {
      hide = true;
    }
  }
  if (!hide) {
    var stored = function (key) {
      try {
        return JSON.parse(storage.getItem(key) || 'null');
      } catch (error) {
        return null;
      }
    };
    var prefs = stored('luoshi.prefs');
    var documents = stored('luoshi.documents');
    hide = Boolean(prefs && typeof prefs.my_unit === 'string' && prefs.my_unit.length > 0) || (Array.isArray(documents) && documents.length > 0);
  }
  if (hide) document.documentElement.classList.add('luoshi-other-view');
})();
