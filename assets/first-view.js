// Runs before the body is parsed: trunk inlines it into <head> (`rel="inline"` in index.html) and
// scripts/post-build.mjs allows it in the Content-Security-Policy by its hash. Inline rather than
// an external file because the CSP <meta> turns off Chromium's preload scanner: an external
// blocking script here held back the stylesheets' requests until it was fetched and run, the
// largest part of the app's first-paint gap to a static page (BENCHMARKS.md "First paint").
// index.html holds the prerendered first view — what a first-time visitor
// sees at the bare address (see src/bin/luoshi-prerender.rs). For anyone else — a query or
// fragment in the address (a task, a filter, a share link) or data of ours in localStorage (a
// ledger, their unit, documents) — it would show the wrong page until the app replaces it, so it
// is hidden instead (styles/layout.css) and the app paints first. These are the conditions of
// src/app/first_view.rs except the date: another day's render differs only in figures.
(function () {
  var returning = location.search.length > 1 || location.hash.length > 1;
  if (!returning) {
    try {
      for (var i = 0; i < localStorage.length; i += 1) {
        if (String(localStorage.key(i)).indexOf('luoshi.') === 0) {
          returning = true;
          break;
        }
      }
    } catch (error) {
      // No storage: the app shows a notice the prerendered page lacks.
      returning = true;
    }
  }
  if (returning) document.documentElement.classList.add('luoshi-returning');
})();
