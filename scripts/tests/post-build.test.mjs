// Unit tests of the post-build step (CSP meta, service-worker fill-in). Run: node --test scripts/tests/
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { fillServiceWorker, inlineScripts, webPolicy, withCsp, withPrerender, withoutTopLevelAwait, startingEarly } from '../post-build.mjs';

const INDEX = `<!doctype html><html><head>
  <meta charset="utf-8">
  <script src="register-sw.js" defer></script>
<script type="module">
import init from './a.js';
await init({ module_or_path: './a_bg.wasm' });
</script></head><body></body></html>`;

test('only inline scripts are hashed, with the exact text between the tags', () => {
  const scripts = inlineScripts(INDEX);
  assert.equal(scripts.length, 1);
  const expected = crypto.createHash('sha256').update(scripts[0]).digest('base64');
  assert.ok(webPolicy(INDEX).includes(`'sha256-${expected}'`));
  // 'unsafe-eval' only for Chromium 86-96, which compile wasm under no other keyword (README "Browsers").
  assert.ok(webPolicy(INDEX).includes("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval' 'sha256-"));
  assert.ok(!webPolicy(INDEX).includes('unsafe-inline'));
});

test('inline stylesheets are allowed by their hashes in style-src, and nothing else inline', () => {
  const css = 'body { margin: 0; }\n.row-controls { content-visibility: auto; }';
  const html = INDEX.replace('</head>', `<style>${css}</style></head>`);
  const expected = crypto.createHash('sha256').update(css).digest('base64');
  const policy = webPolicy(html);
  assert.match(policy, new RegExp(`style-src 'self' 'sha256-${expected.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
  assert.ok(!policy.includes('unsafe-inline'));
  // Without inline styles, style-src is the app's own files only.
  assert.match(webPolicy(INDEX), /style-src 'self';/);
});

test('the CSP meta goes right after <meta charset>, and a second run replaces it', () => {
  const once = withCsp(INDEX, webPolicy(INDEX));
  assert.match(once, /<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; /);
  const twice = withCsp(once, webPolicy(once));
  assert.equal(twice, once);
  assert.equal(twice.match(/Content-Security-Policy/g).length, 1);
  assert.throws(() => withCsp('<html><head></head></html>', 'x'), /no <meta charset>/);
});

test('the service worker version changes with any file and with the worker code', () => {
  const template = "const VERSION = '__LUOSHI_VERSION__';\nconst FILES = ['__LUOSHI_FILES__'];\n";
  const files = { 'index.html': 'a', 'app.js': 'b' };
  const read = (f) => Buffer.from(files[f]);
  const one = fillServiceWorker(template, Object.keys(files), read);
  assert.match(one.version, /^[0-9a-f]{16}$/);
  assert.ok(one.text.includes(`const FILES = ["./", "index.html", "app.js"];`));
  assert.ok(one.text.includes(`const VERSION = '${one.version}';`));
  files['app.js'] = 'c';
  assert.notEqual(fillServiceWorker(template, Object.keys(files), read).version, one.version);
  assert.notEqual(fillServiceWorker(`${template}// changed\n`, Object.keys(files), (f) => Buffer.from(files[f])).version, one.version);
  assert.throws(() => fillServiceWorker(one.text, Object.keys(files), read), /not the template/);
});

test('the prerendered first view goes inside the empty mount, with the days it may be hydrated on', () => {
  const html = '<html><head><meta charset="utf-8"></head><body>\n  <div id="app"></div>\n</body></html>';
  // `$&` and `$1` must come through as text, not as replacement patterns.
  const markup = '<header>落实 $& $1</header><main><tr class="task-row"></tr></main>';
  const out = withPrerender(html, { markup, validFrom: '2026-11-19', validUntil: '2027-01-27' });
  assert.ok(out.includes(`<div id="app" data-prerendered="2026-11-19..2027-01-27">${markup}</div>`));
  // A second run leaves it as it is; a page with no mount, or markup with a script, is refused.
  assert.equal(withPrerender(out, { markup: 'other', validFrom: 'a', validUntil: 'b' }), out);
  assert.throws(() => withPrerender('<body></body>', { markup, validFrom: 'a', validUntil: 'b' }), /no empty/);
  assert.throws(() => withPrerender(html, { markup: '<script>x</script>', validFrom: 'a', validUntil: 'b' }), /scripts/);
  // The CSP computed afterwards still hashes only real inline scripts.
  assert.deepEqual(inlineScripts(out), []);
});

test("trunk's loader loses its top-level await (Chromium < 89 cannot parse it), nothing else changes", () => {
  const trunk = `<head><script type="module">
import init, * as bindings from './luoshi-web-1.js';
const wasm = await init({ module_or_path: './luoshi-web-1_bg.wasm' });

window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script><script>const keep = 1;</script></head>`;
  const out = withoutTopLevelAwait(trunk);
  assert.ok(!/\bawait\b/.test(out), out);
  assert.match(out, /init\(\{ module_or_path: '\.\/luoshi-web-1_bg\.wasm' \}\)\.then\(\(wasm\) => \{\n\nwindow\.wasmBindings = bindings;\ndispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);\n\}\);\n<\/script>/);
  assert.ok(out.includes('<script>const keep = 1;</script>'));
  assert.equal(withoutTopLevelAwait(out), out);
});

test("trunk's loader runs early (an async module script); other scripts are left as they are", () => {
  const trunk = `<head><script type="module">import y from './c.js';</script><script type="module">import init from './a.js';
init({ module_or_path: './a_bg.wasm' }).then(() => {});
</script><script type="module">import x from './b.js';</script><script>const keep = 1;</script></head>`;
  const out = startingEarly(trunk);
  assert.ok(out.startsWith(`<head><script type="module">import y from './c.js';</script><script type="module" async>import init`), out);
  assert.ok(out.includes(`<script type="module">import x from './b.js';</script><script>const keep = 1;</script>`), out);
  assert.equal(startingEarly(out), out);
  // The loader's text is unchanged (the CSP hashes it after this).
  assert.deepEqual(inlineScripts(out), inlineScripts(trunk));
});

test('the lazily loaded module: files named by content, a bootstrap, the meta, worker-src', async () => {
  const { nameLazyFiles, withLazyMeta, lazyBootstrap } = await import('../post-build.mjs');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-post-build-'));
  try {
    assert.equal(nameLazyFiles(dir), null, 'no lazy module: nothing to name');
    fs.mkdirSync(path.join(dir, 'lazy'));
    fs.writeFileSync(path.join(dir, 'lazy', 'luoshi-lazy.js'), 'let wasm_bindgen;');
    fs.writeFileSync(path.join(dir, 'lazy', 'luoshi-lazy_bg.wasm'), Buffer.from([0, 97, 115, 109]));
    const bootstrap = nameLazyFiles(dir);
    assert.match(bootstrap, /^lazy\/worker-[0-9a-f]{16}\.js$/);
    const hash = /worker-([0-9a-f]+)\.js/.exec(bootstrap)[1];
    assert.deepEqual(fs.readdirSync(path.join(dir, 'lazy')).sort(), [`luoshi-lazy-${hash}.js`, `luoshi-lazy-${hash}_bg.wasm`, `worker-${hash}.js`]);
    assert.equal(fs.readFileSync(path.join(dir, bootstrap), 'utf8'), lazyBootstrap(`luoshi-lazy-${hash}.js`, `luoshi-lazy-${hash}_bg.wasm`));
    assert.equal(nameLazyFiles(dir), bootstrap, 'a dir done before keeps its names');
    const html = withLazyMeta(withLazyMeta(INDEX, bootstrap), bootstrap);
    assert.equal(html.match(/name="luoshi-lazy"/g).length, 1);
    assert.ok(html.includes(`<meta name="luoshi-lazy" content="${bootstrap}">`));
    assert.match(webPolicy(html), /worker-src 'self'/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the lazily loaded views: files named by content, the start-up appended to the glue, the meta', async () => {
  const { nameViewsFiles, withViewsMeta, viewsScript, VIEWS_START } = await import('../post-build.mjs');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-post-build-'));
  try {
    assert.equal(nameViewsFiles(dir), null, 'no views module: nothing to name');
    fs.mkdirSync(path.join(dir, 'lazy'));
    fs.writeFileSync(path.join(dir, 'lazy', 'luoshi-views.js'), 'let wasm_bindgen;');
    fs.writeFileSync(path.join(dir, 'lazy', 'luoshi-views_bg.wasm'), Buffer.from([0, 97, 115, 109]));
    const script = nameViewsFiles(dir);
    assert.match(script, /^lazy\/luoshi-views-[0-9a-f]{16}\.js$/);
    const hash = /luoshi-views-([0-9a-f]+)\.js/.exec(script)[1];
    assert.deepEqual(fs.readdirSync(path.join(dir, 'lazy')).sort(), [`luoshi-views-${hash}.js`, `luoshi-views-${hash}_bg.wasm`]);
    const text = fs.readFileSync(path.join(dir, script), 'utf8');
    assert.equal(text, viewsScript('let wasm_bindgen;', `lazy/luoshi-views-${hash}_bg.wasm`));
    // The glue first, then the start-up: the wasm by its path from the page, a failure announced.
    assert.ok(text.startsWith('let wasm_bindgen;\n'));
    assert.ok(text.indexOf(VIEWS_START) > 0);
    assert.ok(text.includes(`wasm_bindgen({ module_or_path: "lazy/luoshi-views-${hash}_bg.wasm" })`));
    // Callable again after a failure, and called once now.
    assert.ok(text.includes('self.luoshiViewsStart = function () {'));
    assert.ok(text.trimEnd().endsWith('self.luoshiViewsStart();'));
    assert.ok(text.includes("new CustomEvent('luoshi-views-failed'"));
    assert.equal(nameViewsFiles(dir), script, 'a dir done before keeps its names');
    const html = withViewsMeta(withViewsMeta(INDEX, script), script);
    assert.equal(html.match(/name="luoshi-views"/g).length, 1);
    assert.ok(html.includes(`<meta name="luoshi-views" content="${script}">`));
    // Served from 'self', as every script of the page.
    assert.match(webPolicy(html), /script-src 'self'/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('minifyCss drops comments and spare whitespace, keeps strings and the spaces that mean something', async () => {
  const { minifyCss, withMinifiedStyles } = await import('../post-build.mjs');
  const css = `/* a comment */
.a :focus, .b > .c {
  width: calc(100% - 2px);  /* after */
  font-family: "Noto Sans", sans-serif;
  content: "  /* not a comment */ ";
  color: var(--ink, #222);
}
@media (max-width: 700px) and (hover: none) { .d { display: none !important; } }`;
  assert.equal(
    minifyCss(css),
    '.a :focus,.b > .c{width:calc(100% - 2px);font-family:"Noto Sans",sans-serif;content:"  /* not a comment */ ";color:var(--ink, #222)}' +
      '@media (max-width:700px) and (hover:none){.d{display:none !important}}',
  );
  assert.equal(withMinifiedStyles('<style>\n a { b: c; }\n</style><p> x </p>'), '<style>a{b:c}</style><p> x </p>');
});

test('withoutHeadComments drops the notes before the mount, never the hydration markers or script text', async () => {
  const { withoutHeadComments } = await import('../post-build.mjs');
  const html = '<head><!-- a note\n over lines -->\n  <meta charset="utf-8"><script>/*<!-- x -->*/</script><style>a{}</style><!-- b --></head>' +
    '<body><div id="app"><!--<[]>--><p>x</p><!--</[]>--></div></body>';
  assert.equal(
    withoutHeadComments(html),
    '<head>  <meta charset="utf-8"><script>/*<!-- x -->*/</script><style>a{}</style></head>' +
      '<body><div id="app"><!--<[]>--><p>x</p><!--</[]>--></div></body>',
  );
});

test('the app glue is found by the loader and minified with its exports kept', async () => {
  const { glueName, minifyGlue } = await import('../post-build.mjs');
  const html = `<script type="module">import init, * as bindings from './luoshi-web-ab12.js';
init({ module_or_path: './luoshi-web-ab12_bg.wasm' });</script>`;
  assert.equal(glueName(html), 'luoshi-web-ab12.js');
  assert.equal(glueName('<script>no loader</script>'), null);
  const glue = `let wasm;
function helperWithALongName(value) {
    return value + 1;
}
function initSync(module) {
    return helperWithALongName(module);
}
async function __wbg_init(module_or_path) {
    return helperWithALongName(module_or_path);
}
export { initSync, __wbg_init as default };
`;
  const minified = await minifyGlue(glue);
  assert.ok(minified.length < glue.length / 2, minified);
  assert.ok(!minified.includes('helperWithALongName'), 'private names renamed');
  // The module still exports both, by those names: load it and call them.
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-glue-'));
  try {
    const file = path.join(dir, 'glue.mjs');
    fs.writeFileSync(file, minified);
    const loaded = await import(pathToFileURL(file).href);
    assert.equal(loaded.initSync(1), 2);
    assert.equal(await loaded.default(41), 42);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
