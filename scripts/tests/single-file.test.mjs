// Unit tests of the single-file step. Run: node --test scripts/tests/
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { buildSingleFile } from '../single-file.mjs';
import { inlineScripts, inlineStyles } from '../post-build.mjs';

const INDEX = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
  <link rel="icon" href="icon.svg" type="image/svg+xml">
  <link rel="manifest" href="manifest.webmanifest">
  <base href="./" />
  <link rel="stylesheet" href="./a-1.css"/>
  <link rel="stylesheet" href="./b-2.css"/>
  <!-- a comment -->
  <script src="register-sw.js" defer></script>
<script type="module">
import init, * as bindings from './app-3.js';
const wasm = await init({ module_or_path: './app-3_bg.wasm' });
</script>
<link rel="modulepreload" href="./app-3.js" crossorigin="anonymous"><link rel="preload" href="./app-3_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>
<body><div id="app"></div></body>
</html>`;

const FILES = {
  'a-1.css': 'body { color: red; }',
  'b-2.css': 'p { margin: 0 } /* </style> inside */',
  'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'app-3.js': "let wasm;\nconst s = '</script>';\nasync function __wbg_init(m) { return m; }\nfunction initSync() {}\nexport { initSync, __wbg_init as default };\n",
  'app-3_bg.wasm': Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]),
};
const read = (name) => {
  if (!(name in FILES)) throw new Error(`unexpected read: ${name}`);
  return Buffer.from(FILES[name]);
};

test('everything is inline: no file, manifest, service worker or base URL is referenced', () => {
  const html = buildSingleFile(INDEX, read);
  assert.ok(!/register-sw|manifest|modulepreload|rel="preload"|<base|<!--/.test(html), html);
  assert.ok(html.includes('body { color: red; }'));
  assert.ok(html.includes('<link rel="icon" href="data:image/svg+xml;base64,'));
  assert.ok(html.includes('<meta name="luoshi-edition" content="single">'));
  assert.ok(html.includes(JSON.stringify(FILES['app-3_bg.wasm'].toString('base64'))));
  assert.ok(html.includes('__wbg_init({ module_or_path: luoshiWasmBytes })'));
  assert.ok(!/export\s*\{/.test(html), 'the glue exports are removed');
});

test('inline text cannot close its element early', () => {
  const html = buildSingleFile(INDEX, read);
  assert.equal(inlineScripts(html).length, 1);
  assert.ok(inlineScripts(html)[0].includes("'<\\/script>'"));
  assert.equal(inlineStyles(html).length, 2);
});

test('the CSP allows exactly the inline script and styles, by hash', () => {
  const html = buildSingleFile(INDEX, read);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.equal(html.match(/Content-Security-Policy/g).length, 1);
  const hash = (t) => `'sha256-${crypto.createHash('sha256').update(t).digest('base64')}'`;
  assert.ok(csp.includes(`script-src 'wasm-unsafe-eval' 'unsafe-eval' ${hash(inlineScripts(html)[0])}`), csp);
  for (const style of inlineStyles(html)) assert.ok(csp.includes(hash(style)), csp);
  assert.ok(csp.startsWith("default-src 'none'"));
  assert.ok(csp.includes("connect-src 'none'"));
  assert.ok(!csp.includes('unsafe-inline'));
});

test('an unexpected build fails loudly', () => {
  assert.throws(() => buildSingleFile('<html><head><meta charset="utf-8"></head></html>', read), /no trunk wasm loader/);
  const badGlue = (name) => (name === 'app-3.js' ? Buffer.from('export default 1;') : read(name));
  assert.throws(() => buildSingleFile(INDEX, badGlue), /unexpected wasm-bindgen glue/);
});

test('the prerendered first view (the web edition) is left out: an empty mount', () => {
  const prerendered = INDEX.replace('<div id="app"></div>', '<div id="app" data-prerendered="2026-11-19..2027-01-27"><header><div>网页版</div></header><!--<[]>--><main></main></div>');
  const out = buildSingleFile(prerendered, read);
  assert.ok(out.includes('<div id="app"></div>'));
  assert.ok(!out.includes('网页版') && !out.includes('data-prerendered'));
});

test('the lazily loaded module is embedded: a blob worker from its glue, the wasm as base64', async () => {
  const { lazyBootstrap } = await import('../post-build.mjs');
  const files = {
    ...FILES,
    'lazy/worker-ab.js': lazyBootstrap('luoshi-lazy-ab.js', 'luoshi-lazy-ab_bg.wasm'),
    'lazy/luoshi-lazy-ab.js': 'let wasm_bindgen = (function () { return () => Promise.resolve(); })();',
    'lazy/luoshi-lazy-ab_bg.wasm': Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, 9]),
  };
  const index = INDEX.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  <meta name="luoshi-lazy" content="lazy/worker-ab.js">');
  const html = buildSingleFile(index, (name) => Buffer.from(files[name]));
  assert.ok(!html.includes('name="luoshi-lazy"'), 'the meta naming lazy/ is dropped');
  assert.ok(html.includes('globalThis.luoshiLazyWorker'));
  assert.ok(html.includes(JSON.stringify(Buffer.from(files['lazy/luoshi-lazy-ab_bg.wasm']).toString('base64'))));
  assert.ok(html.includes('let wasm_bindgen = (function ()'));
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.ok(csp.includes('worker-src blob:'), csp);
  assert.ok(!csp.includes('unsafe-inline'));
  // Without the meta (a build without the lazy module), nothing is embedded.
  assert.ok(!buildSingleFile(INDEX, read).includes('luoshiLazyWorker'));
});

test('the lazily loaded views are embedded: luoshiViewsLoad runs their glue and starts them from bytes', async () => {
  const { viewsScript } = await import('../post-build.mjs');
  const glue = 'let wasm_bindgen = (function () { return () => Promise.resolve(); })();';
  const files = {
    ...FILES,
    'lazy/luoshi-views-cd.js': viewsScript(glue, 'lazy/luoshi-views-cd_bg.wasm'),
    'lazy/luoshi-views-cd_bg.wasm': Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, 7]),
  };
  const index = INDEX.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  <meta name="luoshi-views" content="lazy/luoshi-views-cd.js">');
  const html = buildSingleFile(index, (name) => Buffer.from(files[name]));
  assert.ok(!html.includes('name="luoshi-views"'), 'the meta naming lazy/ is dropped');
  assert.ok(html.includes('globalThis.luoshiViewsLoad = function () {'));
  // The glue inside the function, without the web edition's start-up (which fetches lazy/…).
  const body = html.slice(html.indexOf('globalThis.luoshiViewsLoad'));
  assert.ok(body.includes(glue));
  assert.ok(!html.includes('lazy/luoshi-views-cd_bg.wasm'), 'no path to a file');
  assert.ok(html.includes(JSON.stringify(Buffer.from(files['lazy/luoshi-views-cd_bg.wasm']).toString('base64'))));
  assert.ok(body.includes('wasm_bindgen({ module_or_path: bytes })'));
  // Without the meta, nothing is embedded.
  assert.ok(!buildSingleFile(INDEX, read).includes('luoshiViewsLoad'));
});

test('the glue export statement is read as written and as minified', async () => {
  const { withoutExports } = await import('../single-file.mjs');
  const plain = withoutExports('function a(){}\nasync function __wbg_init(){}\nexport { initSync, __wbg_init as default };\n');
  assert.equal(plain.init, '__wbg_init');
  assert.ok(!plain.code.includes('export'));
  const minified = withoutExports('function H(){}async function x(){}export{H as initSync,x as default};');
  assert.equal(minified.init, 'x');
  assert.equal(minified.code, 'function H(){}async function x(){}');
  assert.throws(() => withoutExports('export { initSync };'), /no `export/);
});
