#!/usr/bin/env node
// Single-file edition: turns the release build (dist/) into ONE self-contained HTML file that opens
// by double-click from file:// — the CSS inline, the wasm-bindgen JS glue inline, the wasm embedded
// as base64 and instantiated from bytes (file:// cannot fetch). The seed is inside the wasm already.
// The same app code as dist/: only the loading changes. No service worker (file:// has none), no
// manifest; a <meta name="luoshi-edition" content="single"> tells the app which edition it is.
//
// Usage: node scripts/single-file.mjs [dist-dir] [out-file]   (default: dist/ -> dist-single/luoshi.html)
// Module: buildSingleFile(files) is pure and unit-tested in scripts/tests/single-file.test.mjs.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VIEWS_START, WASM_EVAL_SOURCES, hashSources, inlineScripts, inlineStyles } from './post-build.mjs';

/** The policy of the single file: nothing but its own inline script and styles (by hash) and data: images. */
export function singlePolicy(html) {
  return [
    "default-src 'none'",
    `script-src ${WASM_EVAL_SOURCES.join(' ')} ${hashSources(inlineScripts(html)).join(' ')}`,
    `style-src ${hashSources(inlineStyles(html)).join(' ')}`,
    'img-src data: blob:',
    "connect-src 'none'",
    // The lazily loaded module: a worker made from the copy embedded here (a blob: URL; a file://
    // page cannot start a worker from a file). See lazyBoot below and src/app/lazy.rs.
    'worker-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

// Keep "</script" and "<!--" out of inline script text so the HTML parser cannot end it early.
const scriptSafe = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const styleSafe = (css) => css.replace(/<\/(style)/gi, '<\\/$1');

/**
 * Build the single file from dist/'s index.html and a reader for the files it references.
 * `read(name)` returns a Buffer. Returns the HTML text.
 */
export function buildSingleFile(indexHtml, read) {
  let html = indexHtml;

  // Trunk's loader: `import init, * as bindings from './X.js'; init({ module_or_path: './X_bg.wasm' })…`.
  const loader = inlineScripts(html).find((s) => /module_or_path/.test(s));
  if (!loader) throw new Error('index.html has no trunk wasm loader script');
  const jsName = /from\s+['"]\.\/([^'"]+\.js)['"]/.exec(loader)?.[1];
  const wasmName = /module_or_path:\s*['"]\.\/([^'"]+\.wasm)['"]/.exec(loader)?.[1];
  if (!jsName || !wasmName) throw new Error('cannot find the glue .js and .wasm names in the loader');

  const { code: glue, init } = withoutExports(read(jsName).toString('utf8'));
  const wasmBase64 = read(wasmName).toString('base64');
  // One module script: the glue as it is (its exports are simply unused), then the start-up from bytes.
  const boot = `${glue}
const luoshiWasmBytes = Uint8Array.from(atob(${JSON.stringify(wasmBase64)}), (c) => c.charCodeAt(0));
// A promise chain, not a top-level await: Chromium before 89 cannot parse that (README "Browsers").
${init}({ module_or_path: luoshiWasmBytes }).then((luoshiWasm) => {
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: luoshiWasm } }));
});
`;

  const boot2 = lazyBoot(html, read) + viewsBoot(html, read);

  // Drop what a file cannot use or that is served separately: the CSP (rewritten below), trunk's
  // loader and preloads, the base URL, manifest, service-worker registration.
  // The prerendered first view (scripts/post-build.mjs) is the web edition's: its footer says
  // 网页版, and the single file always re-renders (src/app/first_view.rs). The mount is the last
  // element of <body>, so everything from it to </body> goes; an empty mount is left.
  html = html.replace(/<div id="app"[^>]*>[\s\S]*<\/div>(\s*<\/body>)/i, '<div id="app"></div>$1');
  html = html
    .replace(/<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/i, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/gi, '')
    .replace(/<link\b[^>]*rel=["'](?:modulepreload|preload|manifest)["'][^>]*>\s*/gi, '')
    .replace(/<base\b[^>]*>\s*/i, '')
    .replace(/<meta\s+name=["']luoshi-lazy["'][^>]*>\s*/i, '')
    .replace(/<meta\s+name=["']luoshi-views["'][^>]*>\s*/i, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '');

  // Stylesheets inline, in order.
  html = html.replace(/<link\b[^>]*rel=["']stylesheet["'][^>]*href=["']\.?\/?([^"']+)["'][^>]*>/gi, (_, name) =>
    `<style>${styleSafe(read(name).toString('utf8'))}</style>`,
  );
  // The icon as a data: URL.
  html = html.replace(/<link\b([^>]*rel=["']icon["'][^>]*)href=["']\.?\/?([^"':]+\.svg)["']([^>]*)>/i, (_, a, name, b) =>
    `<link${a}href="data:image/svg+xml;base64,${read(name).toString('base64')}"${b}>`,
  );

  html = html.replace(/<\/head>/i, `<meta name="luoshi-edition" content="single">\n<script type="module">${scriptSafe(boot2 + boot)}</script>\n</head>`);
  const policy = singlePolicy(html);
  html = html.replace(/(<meta\s+charset=[^>]*>)/i, `$1\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
  if (/\b(?:src|href)=["']\.?\/[^"']*["']/.test(html.replace(/<script[\s\S]*?<\/script>/gi, ''))) {
    throw new Error('the single file still references a relative file');
  }
  return html;
}

/**
 * The wasm-bindgen glue without its export statement, and the local name of its default export
 * (the init function): `export { initSync, __wbg_init as default }` as wasm-bindgen writes it, or
 * `export{H as initSync,x as default}` once scripts/post-build.mjs has minified it.
 */
export function withoutExports(glue) {
  const statements = [...glue.matchAll(/export\s*\{([^}]*)\}\s*;?/g)];
  const last = statements[statements.length - 1];
  const init = last?.[1].split(',').map((item) => item.trim().split(/\s+as\s+/)).find(([, exported]) => exported === 'default')?.[0];
  if (!last || !init) throw new Error('unexpected wasm-bindgen glue: no `export { …, … as default }`');
  return { code: glue.slice(0, last.index) + glue.slice(last.index + last[0].length), init };
}

/**
 * The lazily loaded module, embedded: its glue and wasm (named by the bootstrap that
 * <meta name="luoshi-lazy"> points at) become `luoshiLazyWorker()`, which src/app/lazy.rs calls
 * instead of loading lazy/…: a classic worker from a blob: URL holding the glue and a start-up
 * that takes the wasm bytes as its first message. Decoded only when called. '' without the meta.
 */
export function lazyBoot(html, read) {
  const bootstrap = /<meta\s+name=["']luoshi-lazy["']\s+content=["']([^"']+)["']/i.exec(html)?.[1];
  if (!bootstrap) return '';
  const dir = path.posix.dirname(bootstrap);
  const text = read(bootstrap).toString('utf8');
  const glueName = /importScripts\(\s*"\.\/([^"]+\.js)"/.exec(text)?.[1];
  const wasmName = /module_or_path:\s*"\.\/([^"]+\.wasm)"/.exec(text)?.[1];
  if (!glueName || !wasmName) throw new Error(`cannot find the lazy module's glue and wasm in ${bootstrap}`);
  const glue = read(`${dir}/${glueName}`).toString('utf8');
  const wasm = read(`${dir}/${wasmName}`).toString('base64');
  const start = 'self.onmessage = function (e) { self.onmessage = null; wasm_bindgen({ module_or_path: e.data })'
    + '.catch(function (error) { postMessage({ failed: String(error) }); }); };';
  return `const luoshiLazyGlue = ${JSON.stringify(`${glue}\n;${start}\n`)};
const luoshiLazyWasm = ${JSON.stringify(wasm)};
globalThis.luoshiLazyWorker = () => {
  const worker = new Worker(URL.createObjectURL(new Blob([luoshiLazyGlue], { type: 'text/javascript' })));
  const bytes = Uint8Array.from(atob(luoshiLazyWasm), (c) => c.charCodeAt(0));
  worker.postMessage(bytes, [bytes.buffer]);
  return worker;
};
`;
}

/**
 * The lazily loaded views, embedded: the script <meta name="luoshi-views"> points at (the glue and
 * the start-up scripts/post-build.mjs appended) becomes `luoshiViewsLoad()`, which src/app/views
 * calls instead of loading lazy/…: the glue runs inside that function (its `wasm_bindgen` stays
 * local) and starts the module from the embedded bytes. Decoded only when called. '' without the meta.
 */
export function viewsBoot(html, read) {
  const script = /<meta\s+name=["']luoshi-views["']\s+content=["']([^"']+)["']/i.exec(html)?.[1];
  if (!script) return '';
  const text = read(script).toString('utf8');
  const start = text.indexOf(VIEWS_START);
  const wasmName = /module_or_path:\s*"([^"]+\.wasm)"/.exec(text.slice(start))?.[1];
  if (start < 0 || !wasmName) throw new Error(`cannot find the views module's start-up and wasm in ${script}`);
  const glue = text.slice(0, start);
  const wasm = read(wasmName).toString('base64');
  return `const luoshiViewsWasm = ${JSON.stringify(wasm)};
globalThis.luoshiViewsLoad = function () {
${glue}
  const bytes = Uint8Array.from(atob(luoshiViewsWasm), (c) => c.charCodeAt(0));
  return wasm_bindgen({ module_or_path: bytes }).catch(function (error) {
    dispatchEvent(new CustomEvent('luoshi-views-failed', { detail: String(error) }));
  });
};
`;
}

function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dist = path.resolve(process.argv[2] || path.join(here, '..', 'dist'));
  const out = path.resolve(process.argv[3] || path.join(here, '..', 'dist-single', 'luoshi.html'));
  const html = buildSingleFile(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'), (name) =>
    fs.readFileSync(path.join(dist, name)),
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, html);
  console.log(`single-file: ${path.relative(process.cwd(), out)} (${(Buffer.byteLength(html) / 1024).toFixed(1)} KiB)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
