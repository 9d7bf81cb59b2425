// Runs before the body is parsed: trunk inlines it into <head> (`rel="inline"` in index.html) and
// scripts/post-build.mjs allows it in the Content-Security-Policy by its hash. Inline rather than
// an external file because the CSP <meta> turns off Chromium's preload scanner: an external
// blocking script here held back the stylesheets' requests until it was fetched and run, the
// largest part of the app's first-paint gap to a static page (BENCHMARKS.md "First paint").
// index.html holds the prerendered first view — the seed's list at the bare address (see
// src/bin/luoshi-prerender.rs). A visitor with a query or fragment in the address (a task, a
// filter, another document, a share link) would see the wrong page until the app replaces it, so
// for them it is hidden (styles/layout.css) and the app paints first. A returning visitor at the
// bare address (their ledger, their unit or documents in localStorage) sees the same list: the
// same rows in the same places, only without their marks, which the app fills in as it starts
// (it hydrates the markup and applies what is stored as changes; with their unit picked or other
// documents kept it replaces it, src/app/first_view.rs); so they see it at once (issue 19). Without readable storage the app shows a notice the prerender lacks: hidden.
(function () {
  var hide = location.search.length > 1 || location.hash.length > 1;
  if (!hide) {
    try {
      hide = !window.localStorage;
    } catch (error) {
      hide = true;
    }
  }
  if (hide) document.documentElement.classList.add('luoshi-other-view');
})();
