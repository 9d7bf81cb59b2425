#!/usr/bin/env node
// Post-build step (a Trunk `post_build` hook, see Trunk.toml; also runnable by hand on a dist dir):
//   0. puts the prerendered first view (the seed's task list, rendered natively by Yew's server
//      renderer: `cargo run --features prerender --bin luoshi-prerender`) inside <div id="app">, so
//      the browser paints it before the wasm arrives; the app then hydrates or replaces it (see
//      src/app/first_view.rs). `LUOSHI_PRERENDER_DATE=YYYY-MM-DD` renders as of that day.
//   1. puts a Content-Security-Policy <meta> into index.html that allows only the app's own files,
//      plus the inline scripts (trunk's wasm loader, the first-view guard) and the inline
//      stylesheets, each by its sha256 hash;
//   2. fills in sw.js: the list of files to cache and a version (a hash of every file), so each build
//      gets its own cache name and the service worker drops the old caches;
//   3. (before 1 and 2) the lazily loaded module (issue 19; trunk builds it into lazy/ as a worker,
//      with fixed names): names its files by content, writes the classic-worker bootstrap that
//      loads it (lazy/worker-HASH.js) and names that in <meta name="luoshi-lazy"> for the app.
//   4. (before 1 and 2) minifies the app's wasm-bindgen glue (terser, from e2e/node_modules): part of
//      every first visit (issue 19's size guard).
//
// Usage: node scripts/post-build.mjs [dir]   (default: $TRUNK_STAGING_DIR, else dist/)
// Module: the pure functions below are unit-tested in scripts/tests/post-build.test.mjs.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('base64');

/** Contents of every inline <script> (one without a src attribute), in document order. */
export function inlineScripts(html) {
  const scripts = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (!/\bsrc\s*=/i.test(m[1])) scripts.push(m[2]);
  }
  return scripts;
}

/** Contents of every inline <style> element. */
export function inlineStyles(html) {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map((m) => m[1]);
}

/** CSP source expressions ('sha256-…') for a list of inline script or style texts. */
export const hashSources = (texts) => texts.map((t) => `'sha256-${sha256(t)}'`);

/**
 * What lets the page compile its wasm. 'wasm-unsafe-eval' is the precise keyword (Chromium 97+,
 * Firefox 102+); Chromium 86-96 (the cores of 360 / 奇安信 browsers, README "Browsers") do not know
 * it and refuse to compile any wasm unless 'unsafe-eval' is allowed. 'unsafe-eval' lets scripts
 * that already run call eval()/new Function(); only our own files and the hashed inline scripts run,
 * and scripts/compat.mjs fails the build if any of them contains such a call.
 */
export const WASM_EVAL_SOURCES = ["'wasm-unsafe-eval'", "'unsafe-eval'"];

/**
 * Trunk's inline loader awaits at the top level of a module script (`const wasm = await init(…)`),
 * which Chromium before 89 cannot parse: the page would never start. The same start-up written as
 * a promise chain. A page without that line is returned unchanged.
 */
export function withoutTopLevelAwait(html) {
  return html.replace(
    /(<script\b[^>]*type=["']module["'][^>]*>)([\s\S]*?)const wasm = await (init\([^;]*\));([\s\S]*?)(<\/script\s*>)/i,
    (_, open, head, call, rest, close) => `${open}${head}${call}.then((wasm) => {${rest}});\n${close}`,
  );
}

/**
 * Trunk's inline loader as an `async` module script: it runs as soon as the wasm-bindgen glue is
 * in (both are preloaded), so the wasm is fetched, compiled and instantiated while the browser
 * still parses and paints the prerendered page, instead of after the whole page is parsed (a
 * deferred module script's turn). The app's `main` waits for `DOMContentLoaded` before it touches
 * the page (src/app/mod.rs `start`). A page without the loader, or already async, is unchanged.
 */
export function startingEarly(html) {
  return html.replace(/<script\b([^>]*)type=(["'])module\2([^>]*)>(?=(?:(?!<\/script)[\s\S])*?module_or_path)/i, (tag, before, quote, after) =>
    /\basync\b/i.test(tag) ? tag : `<script${before}type=${quote}module${quote} async${after}>`);
}

/**
 * The policy for the served (http) build: only the app's own files. connect-src must be 'self'
 * (not 'none') because wasm-bindgen's init fetches the .wasm and trunk preloads it `as="fetch"`.
 */
export function webPolicy(html) {
  const scripts = ["'self'", ...WASM_EVAL_SOURCES, ...hashSources(inlineScripts(html))];
  const styles = ["'self'", ...hashSources(inlineStyles(html))];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    `style-src ${styles.join(' ')}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    // The lazily loaded module runs as a worker from our own lazy/ folder (src/app/lazy.rs).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * A stylesheet without its comments and the whitespace nothing depends on (issue 19: the inline
 * styles are most of index.html's weight, and the comments are for the people editing styles/).
 * Strings are kept verbatim; whitespace runs become one space, dropped next to `{ } ; ,`, after
 * `:` and `(` and before `)`; a `;` before `}` goes. Spaces that can mean something stay: before
 * `:` (`.a :focus` is not `.a:focus`), around `+ - * /` (calc) and `>`, between words, after the
 * comma of a `var()` fallback. Every stylesheet of styles/ reads back the same in Chromium's CSSOM.
 */
export function minifyCss(css) {
  let out = '';
  let at = 0;
  let space = false;
  // Per open parenthesis: whether it is a var(), whose fallback keeps the space after its comma
  // (the browser keeps it in the value: the stylesheet would read back differently).
  const parens = [];
  const dropsBefore = new Set(['{', '}', ';', ',', ')']);
  const dropsAfter = new Set(['{', '}', ';', ',', ':', '(']);
  while (at < css.length) {
    const c = css[at];
    if (c === '/' && css[at + 1] === '*') {
      const end = css.indexOf('*/', at + 2);
      at = end < 0 ? css.length : end + 2;
      space = true;
      continue;
    }
    if (/\s/.test(c)) {
      space = true;
      at += 1;
      continue;
    }
    const last = out[out.length - 1];
    const inVar = last === ',' && parens[parens.length - 1] === true;
    if (space && out && (inVar || !dropsAfter.has(last)) && !dropsBefore.has(c)) out += ' ';
    space = false;
    if (c === '"' || c === "'") {
      let end = at + 1;
      while (end < css.length && css[end] !== c) end += css[end] === '\\' ? 2 : 1;
      out += css.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
    if (c === '(') parens.push(/\bvar$/i.test(out));
    if (c === ')') parens.pop();
    out += c;
    at += 1;
  }
  return out;
}

/** index.html with every inline <style>'s text minified ([`minifyCss`]). */
export function withMinifiedStyles(html) {
  return html.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi, (_, open, css, close) => `${open}${minifyCss(css)}${close}`);
}

/**
 * index.html without the HTML comments before the mount (notes for the people editing index.html).
 * The mount and what follows are left alone: the prerendered view's `<!--<[]>-->` markers are
 * Yew's hydration anchors. Comments inside <script> and <style> are text, also left alone.
 */
export function withoutHeadComments(html) {
  const mount = html.search(/<div id="app"/);
  const [head, rest] = mount < 0 ? [html, ''] : [html.slice(0, mount), html.slice(mount)];
  const parts = head.split(/(<(script|style)\b[\s\S]*?<\/\2\s*>)/i);
  const out = parts.map((part, i) => {
    if (i % 3 === 2) return ''; // the captured tag name
    if (i % 3 === 1) return part; // a script or style element, verbatim
    return part.replace(/<!--[\s\S]*?-->[ \t]*\n?/g, '');
  });
  return out.join('') + rest;
}

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/i;

/** index.html with `policy` as its CSP <meta>, right after <meta charset> (before anything it governs). */
export function withCsp(html, policy) {
  const escaped = policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escaped}">`;
  const cleaned = html.replace(CSP_META, '');
  const charset = /<meta\s+charset=[^>]*>/i.exec(cleaned);
  if (!charset) throw new Error('index.html has no <meta charset>: cannot place the CSP before the scripts');
  const at = charset.index + charset[0].length;
  return `${cleaned.slice(0, at)}\n  ${meta}${cleaned.slice(at)}`;
}

const EMPTY_MOUNT = /<div id="app">\s*<\/div>/;

/**
 * index.html with the prerendered first view inside the (empty) mount element, and the days it
 * may be hydrated on as `data-prerendered="FROM..UNTIL"`. Only an empty mount is filled: a dir
 * already done is left as it is.
 */
export function withPrerender(html, { markup, validFrom, validUntil }) {
  if (/<div id="app"[^>]*\bdata-prerendered=/.test(html)) return html;
  if (!EMPTY_MOUNT.test(html)) throw new Error('index.html has no empty <div id="app"></div> to prerender into');
  if (/<script\b/i.test(markup)) throw new Error('prerendered markup must not contain scripts (CSP)');
  const days = `${validFrom}..${validUntil}`;
  // A function replacement: the markup may contain `$` sequences that String.replace would expand.
  return html.replace(EMPTY_MOUNT, () => `<div id="app" data-prerendered="${days}">${markup}</div>`);
}

/** Runs the native prerender; its JSON: { date, valid_from, valid_until, html }. */
export function runPrerender(root) {
  const args = ['run', '--quiet', '--features', 'prerender', '--bin', 'luoshi-prerender', '--'];
  if (process.env.LUOSHI_PRERENDER_DATE) args.push('--date', process.env.LUOSHI_PRERENDER_DATE);
  // Without the release wasm's RUSTC_BOOTSTRAP (scripts/release-flags.sh): cargo would otherwise
  // rebuild every native crate, for this run and again for the next plain `cargo test`.
  const env = { ...process.env };
  delete env.RUSTC_BOOTSTRAP;
  const out = execFileSync('cargo', args, { cwd: root, env, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  const result = JSON.parse(out);
  return { date: result.date, markup: result.html, validFrom: result.valid_from, validUntil: result.valid_until };
}

/**
 * The classic-worker bootstrap of the lazily loaded module: loads the wasm-bindgen glue
 * (`--target no-modules`, which defines `wasm_bindgen`) and starts the module, whose `main` listens
 * and posts `{ ready: true }`; a failure to start is posted as `{ failed }` (src/app/lazy.rs tells
 * the person). Names are relative to the bootstrap, which sits beside them.
 */
export function lazyBootstrap(glue, wasm) {
  return `// luoshi: starts the lazily loaded module (written by scripts/post-build.mjs).
importScripts(${JSON.stringify(`./${glue}`)});
wasm_bindgen({ module_or_path: ${JSON.stringify(`./${wasm}`)} }).catch(function (error) {
  postMessage({ failed: String(error) });
});
`;
}

const LAZY_META = /<meta\s+name=["']luoshi-lazy["'][^>]*>\s*/i;

/**
 * Name the lazy module's files (trunk's fixed `lazy/luoshi-lazy.js` and `_bg.wasm`) by content
 * and write the bootstrap; returns its path (relative to dir), or the one already written when
 * this dir was done before, or null when the build has no lazy module.
 */
export function nameLazyFiles(dir) {
  const lazy = path.join(dir, 'lazy');
  const glue = path.join(lazy, 'luoshi-lazy.js');
  const wasm = path.join(lazy, 'luoshi-lazy_bg.wasm');
  if (!fs.existsSync(glue) || !fs.existsSync(wasm)) {
    const done = fs.existsSync(lazy) ? fs.readdirSync(lazy).find((f) => /^worker-[0-9a-f]+\.js$/.test(f)) : null;
    return done ? `lazy/${done}` : null;
  }
  const hash = crypto.createHash('sha256').update(fs.readFileSync(glue)).update('\0').update(fs.readFileSync(wasm)).digest('hex').slice(0, 16);
  for (const f of fs.readdirSync(lazy)) {
    if (/^(worker|luoshi-lazy)-[0-9a-f]+(\.js|_bg\.wasm)$/.test(f)) fs.rmSync(path.join(lazy, f));
  }
  const [glueName, wasmName] = [`luoshi-lazy-${hash}.js`, `luoshi-lazy-${hash}_bg.wasm`];
  fs.renameSync(glue, path.join(lazy, glueName));
  fs.renameSync(wasm, path.join(lazy, wasmName));
  const bootstrap = `worker-${hash}.js`;
  fs.writeFileSync(path.join(lazy, bootstrap), lazyBootstrap(glueName, wasmName));
  return `lazy/${bootstrap}`;
}

/** index.html naming the lazy module's bootstrap for the app (src/app/lazy.rs), after <meta charset>. */
export function withLazyMeta(html, bootstrap) {
  const cleaned = html.replace(LAZY_META, '');
  if (!bootstrap) return cleaned;
  return cleaned.replace(/(<meta\s+charset=[^>]*>)/i, `$1\n  <meta name="luoshi-lazy" content="${bootstrap}">`);
}

const VIEWS_META = /<meta\s+name=["']luoshi-views["'][^>]*>\s*/i;

/**
 * The lazily loaded views' script (src/app/views): the wasm-bindgen glue (`--target no-modules`,
 * which defines `wasm_bindgen`) and its start-up, which loads the wasm (a path relative to the
 * page) and runs the module, whose `main` offers `window.luoshiViews` and fires
 * `luoshi-views-ready`; a failure to load fires `luoshi-views-failed` instead. The start-up stays
 * callable as `luoshiViewsStart()`: a second try after a failure calls it again, because the
 * script itself cannot run twice (its top-level `let wasm_bindgen` would be declared again).
 */
export const VIEWS_START = ';// luoshi: starts the lazily loaded views (appended by scripts/post-build.mjs).';

export function viewsScript(glue, wasmPath) {
  return `${glue}
${VIEWS_START}
self.luoshiViewsStart = function () {
  return wasm_bindgen({ module_or_path: ${JSON.stringify(wasmPath)} }).catch(function (error) {
    dispatchEvent(new CustomEvent('luoshi-views-failed', { detail: String(error) }));
  });
};
self.luoshiViewsStart();
`;
}

/**
 * Name the views module's files (trunk's fixed `lazy/luoshi-views.js` and `_bg.wasm`) by content,
 * the script with its start-up appended; returns the script's path (relative to dir), or the one
 * already written when this dir was done before, or null when the build has no views module.
 */
export function nameViewsFiles(dir) {
  const lazy = path.join(dir, 'lazy');
  const glue = path.join(lazy, 'luoshi-views.js');
  const wasm = path.join(lazy, 'luoshi-views_bg.wasm');
  if (!fs.existsSync(glue) || !fs.existsSync(wasm)) {
    const done = fs.existsSync(lazy) ? fs.readdirSync(lazy).find((f) => /^luoshi-views-[0-9a-f]+\.js$/.test(f)) : null;
    return done ? `lazy/${done}` : null;
  }
  const hash = crypto.createHash('sha256').update(fs.readFileSync(glue)).update('\0').update(fs.readFileSync(wasm)).digest('hex').slice(0, 16);
  for (const f of fs.readdirSync(lazy)) {
    if (/^luoshi-views-[0-9a-f]+(\.js|_bg\.wasm)$/.test(f)) fs.rmSync(path.join(lazy, f));
  }
  const [scriptName, wasmName] = [`luoshi-views-${hash}.js`, `luoshi-views-${hash}_bg.wasm`];
  fs.renameSync(wasm, path.join(lazy, wasmName));
  fs.writeFileSync(path.join(lazy, scriptName), viewsScript(fs.readFileSync(glue, 'utf8'), `lazy/${wasmName}`));
  fs.rmSync(glue);
  return `lazy/${scriptName}`;
}

/** index.html naming the views module's script for the app (src/app/views), after <meta charset>. */
export function withViewsMeta(html, script) {
  const cleaned = html.replace(VIEWS_META, '');
  if (!script) return cleaned;
  return cleaned.replace(/(<meta\s+charset=[^>]*>)/i, `$1\n  <meta name="luoshi-views" content="${script}">`);
}

/** The app's wasm-bindgen glue that trunk's inline loader imports (`./luoshi-web-HASH.js`), or null. */
export function glueName(html) {
  const loader = inlineScripts(html).find((s) => /module_or_path/.test(s));
  return loader ? /from\s+['"]\.\/([^'"]+\.js)['"]/.exec(loader)?.[1] ?? null : null;
}

/**
 * The glue minified (an ES module: its top-level names may be renamed, its exports keep their
 * names; ES2020 like every shipped script, scripts/compat.mjs). From 63 KB to 29 KB raw, 8.4 to
 * 6.8 KiB brotli. Terser is an e2e npm package (scripts/setup.sh installs it).
 */
export async function minifyGlue(code) {
  const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'e2e', 'package.json'));
  const { minify } = require('terser');
  const result = await minify(code, { module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
  return result.code;
}

/** Every file under dir (relative, '/'-separated, sorted), except the service worker itself. */
export function listFiles(dir, sub = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (rel !== 'sw.js') out.push(rel);
  }
  return out.sort();
}

/** sw.js from its template: the cache list ('./' is the page itself) and a version over all files. */
export function fillServiceWorker(template, files, readFile) {
  // The worker's own code counts too: a change to it alone must also start a fresh cache.
  const hash = crypto.createHash('sha256').update(template).update('\0');
  for (const f of files) hash.update(f).update('\0').update(readFile(f)).update('\0');
  const version = hash.digest('hex').slice(0, 16);
  if (!template.includes('__LUOSHI_VERSION__') || !template.includes("'__LUOSHI_FILES__'")) {
    throw new Error('sw.js is not the template (already filled in?)');
  }
  const list = ['./', ...files].map((f) => JSON.stringify(f)).join(', ');
  return { version, text: template.replace('__LUOSHI_VERSION__', version).replace("'__LUOSHI_FILES__'", list) };
}

async function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || path.join(here, '..', 'dist'));
  const indexPath = path.join(dir, 'index.html');
  const prerender = runPrerender(path.join(here, '..'));
  const lazy = nameLazyFiles(dir);
  const views = nameViewsFiles(dir);
  const glue = glueName(fs.readFileSync(indexPath, 'utf8'));
  if (glue) {
    const gluePath = path.join(dir, glue);
    const code = fs.readFileSync(gluePath, 'utf8');
    // A dir done before keeps its minified glue (terser again would change nothing but time).
    if (/\n {2}/.test(code)) fs.writeFileSync(gluePath, await minifyGlue(code));
  }
  // Before the CSP: its hashes cover the inline scripts and styles of the final page.
  const html = withViewsMeta(withLazyMeta(startingEarly(withoutHeadComments(withMinifiedStyles(withoutTopLevelAwait(withPrerender(fs.readFileSync(indexPath, 'utf8'), prerender))))), lazy), views);
  fs.writeFileSync(indexPath, withCsp(html, webPolicy(html)));
  console.log(`post-build: lazily loaded module ${lazy ?? 'none'}, views ${views ?? 'none'}`);
  console.log(`post-build: first view prerendered as of ${prerender.date} (${prerender.markup.length} chars, hydratable ${prerender.validFrom}..${prerender.validUntil})`);

  const swPath = path.join(dir, 'sw.js');
  // The template comes from assets/ (trunk copies it); refill from there if this dir was done before.
  const template = fs.readFileSync(path.join(here, '..', 'assets', 'sw.js'), 'utf8');
  const files = listFiles(dir);
  const { version, text } = fillServiceWorker(template, files, (f) => fs.readFileSync(path.join(dir, f)));
  fs.writeFileSync(swPath, text);
  console.log(`post-build: CSP in index.html; sw.js caches ${files.length} files as luoshi-${version}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
