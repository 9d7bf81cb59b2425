#!/usr/bin/env node
// Browser compatibility of a build: everything the oldest supported engines (README "Browsers":
// Chromium 86, Firefox ESR 115) must be able to run. A stage of scripts/test.sh, after the build.
//   1. wasm: `wasm-tools validate --features …` of every dist/*.wasm against exactly the features
//      Chromium 86 ships (the same set .cargo/config.toml and index.html's wasm-opt flags ask for);
//   2. JS: every shipped script (the wasm-bindgen glue, assets, the inline scripts of index.html and
//      of the single file) parses as ES2020 (acorn; Chromium 86 has no top-level await, no class
//      static blocks, no `#x in obj`), calls no API newer than those engines, and never evaluates
//      strings as code (eval, new Function, string timers): the CSP allows 'unsafe-eval' only for
//      Chromium 86-96's wasm compile (scripts/post-build.mjs), so this keeps it from meaning more;
//   3. CSS: styles/*.css use no feature those engines lack unless it degrades harmlessly: a
//      shorthand like `inset` needs its longhands first, and anything else needs a
//      `/* compat: why it is fine */` comment in the same rule.
//
// Usage: node scripts/compat.mjs [dist-dir] [single-file]   (defaults: dist/, dist-single/luoshi.html)
// Module: the check functions are pure and unit-tested in scripts/tests/compat.test.mjs.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inlineScripts } from './post-build.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const require = createRequire(path.join(ROOT, 'e2e', 'package.json'));
const acorn = require('acorn');

/**
 * The wasm features of the oldest engines, in wasm-tools' names: the MVP plus mutable-global
 * (Chromium 74), sign-extension (74), saturating-float-to-int (75), bulk-memory (75) and multi-value
 * (85). Not reference-types (Chromium 96), not simd, threads, tail calls, exceptions, GC.
 */
export const WASM_FEATURES = [
  // The base: wasm-tools otherwise starts from every phase-4 proposal (and would accept anything).
  'mvp',
  'mutable-global',
  'sign-extension',
  'saturating-float-to-int',
  'bulk-memory',
  'multi-value',
  'floats',
];

/** ECMAScript level of the shipped scripts (acorn's ecmaVersion). */
export const ECMA_VERSION = 2020;

/**
 * APIs newer than Chromium 86 / Firefox 115 (first Chromium version in the comment). A match in a
 * shipped script fails unless the script guards it with `typeof`/`in` (wasm-bindgen does for
 * FinalizationRegistry, which is not listed: Chromium 84).
 */
export const NEW_APIS = [
  [/\bstructuredClone\s*\(/, 'structuredClone (Chromium 98)'],
  [/\bObject\.hasOwn\s*\(/, 'Object.hasOwn (Chromium 93)'],
  [/\.at\(\s*-?\w+\s*\)/, 'Array/String .at() (Chromium 92)'],
  [/\.findLast(Index)?\s*\(/, 'findLast (Chromium 97, Firefox 104)'],
  [/\.to(Sorted|Reversed|Spliced)\s*\(/, 'change-array-by-copy (Chromium 110, Firefox 115 behind a flag)'],
  [/\brandomUUID\s*\(/, 'crypto.randomUUID (Chromium 92)'],
  [/\bAbortSignal\.timeout\s*\(/, 'AbortSignal.timeout (Chromium 103)'],
  [/\.showPicker\s*\(/, 'showPicker (Chromium 99)'],
  [/\bPromise\.withResolvers\b/, 'Promise.withResolvers (Chromium 119)'],
  [/\b(Object|Map)\.groupBy\b/, 'groupBy (Chromium 117)'],
  [/\bshow(Save|Open)FilePicker\b/, 'File System Access (Chromium only, 86 behind a flag)'],
];

/** Problems with one script's text: syntax above ECMA_VERSION, string evaluation, new APIs. */
export function checkScript(code, { module = false, name = 'script' } = {}) {
  const problems = [];
  let ast;
  try {
    ast = acorn.parse(code, { ecmaVersion: ECMA_VERSION, sourceType: module ? 'module' : 'script' });
  } catch (e) {
    const line = code.split('\n')[(e.loc?.line ?? 1) - 1] ?? '';
    return [`${name}: not ES${ECMA_VERSION} (${e.message}): ${line.trim().slice(0, 120)}`];
  }
  walk(ast, (node) => {
    const callee = node.type === 'CallExpression' || node.type === 'NewExpression' ? node.callee : null;
    if (!callee) return;
    const fn = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null;
    if (fn === 'eval' || fn === 'Function') problems.push(`${name}: evaluates a string as code (${fn}) at ${node.start}`);
    if ((fn === 'setTimeout' || fn === 'setInterval') && node.arguments[0]?.type === 'Literal' && typeof node.arguments[0].value === 'string') {
      problems.push(`${name}: ${fn} with a string at ${node.start}`);
    }
  });
  for (const [re, what] of NEW_APIS) {
    const m = re.exec(code);
    if (m) problems.push(`${name}: uses ${what}: …${code.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}…`);
  }
  return problems;
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) for (const c of v) walk(c, visit);
    else if (v && typeof v.type === 'string') walk(v, visit);
  }
}

/**
 * CSS features the oldest engines lack. `longhands`: fine when these are declared before it in the
 * same rule (the old engine keeps them, a new one overrides). Otherwise a `/* compat: … *\/`
 * comment in the rule must say why dropping it is harmless.
 */
export const CSS_FEATURES = [
  { re: /(^|[;{\s])inset\s*:/, what: 'inset (Chromium 87)', longhands: ['top', 'right', 'bottom', 'left'] },
  { re: /:has\(/, what: ':has() (Chromium 105, Firefox 121); an old engine drops the whole rule' },
  { re: /:(is|where)\(/, what: ':is()/:where() (Chromium 88); an old engine drops the whole rule' },
  { re: /(^|[;{\s])aspect-ratio\s*:/, what: 'aspect-ratio (Chromium 88)' },
  { re: /color-mix\(/, what: 'color-mix() (Chromium 111)' },
  { re: /@container\b/, what: '@container (Chromium 105)' },
  { re: /@layer\b/, what: '@layer (Chromium 99)' },
  { re: /\d(dvh|svh|lvh|dvw|svw|lvw)\b/, what: 'dynamic viewport units (Chromium 108)' },
  { re: /overflow(-[xy])?\s*:\s*clip\b/, what: 'overflow: clip (Chromium 90)' },
  { re: /(^|[;{\s])(translate|rotate|scale)\s*:/, what: 'individual transform properties (Chromium 104)' },
  { re: /(^|[;{\s])accent-color\s*:/, what: 'accent-color (Chromium 93)' },
  { re: /text-wrap\s*:/, what: 'text-wrap (Chromium 114)' },
  { re: /(^|[;{\s])(content-visibility|contain-intrinsic-size)\s*:/, what: 'content-visibility (Firefox 125)' },
  { re: /&[\s.:#[>+~]/, what: 'CSS nesting (Chromium 112)' },
];

/** Problems in one stylesheet (comments matter: they carry the compat reasons). */
export function checkCss(css, name = 'css') {
  const problems = [];
  // Split into rules at braces; each chunk is a selector or a declaration block with its comments.
  const blocks = [];
  let depth = 0;
  let start = 0;
  let selector = '';
  for (let i = 0; i < css.length; i += 1) {
    if (css.startsWith('/*', i)) {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
    } else if (css[i] === '{') {
      selector = css.slice(start, i);
      depth += 1;
      start = i + 1;
    } else if (css[i] === '}') {
      blocks.push({ selector, body: css.slice(start, i), at: start });
      depth -= 1;
      start = i + 1;
      selector = '';
    }
  }
  for (const { selector: sel, body, at } of blocks) {
    const line = css.slice(0, at).split('\n').length;
    const stripped = (s) => s.replace(/\/\*[\s\S]*?\*\//g, '');
    const text = `${stripped(sel)}{${stripped(body)}`;
    const reasoned = /\/\*\s*compat:/.test(sel + body);
    for (const f of CSS_FEATURES) {
      const m = f.re.exec(text);
      if (!m) continue;
      if (f.longhands) {
        const before = text.slice(0, m.index);
        if (f.longhands.every((p) => new RegExp(`(^|[;{\\s])${p}\\s*:`).test(before))) continue;
      }
      if (reasoned) continue;
      problems.push(`${name}:${line}: ${f.what} in "${stripped(sel).trim().slice(-60)}" without a fallback or a /* compat: … */ reason`);
    }
  }
  return problems;
}

/** Validate a wasm file with wasm-tools against WASM_FEATURES; returns problems (empty = fine). */
export function checkWasm(file) {
  try {
    execFileSync('wasm-tools', ['validate', `--features=${WASM_FEATURES.join(',')}`, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (e) {
    if (e.code === 'ENOENT') return ['wasm-tools not found (scripts/setup.sh installs it)'];
    return [`${path.basename(file)}: not valid for ${WASM_FEATURES.join(',')}: ${String(e.stderr || e.message).trim()}`];
  }
}

function main() {
  const dist = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));
  const single = path.resolve(process.argv[3] || path.join(ROOT, 'dist-single', 'luoshi.html'));
  const problems = [];
  // Every file, in subfolders too (e.g. dist/lazy/, loaded only when needed).
  const files = fs.readdirSync(dist, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dist, f)).isFile());
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  if (wasm.length === 0) problems.push(`no .wasm in ${dist}: build first`);
  for (const f of wasm) problems.push(...checkWasm(path.join(dist, f)));

  let scripts = 0;
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    // The app's wasm-bindgen glue is an ES module; sw.js, register-sw.js and the lazily loaded
    // module (lazy/: a classic worker, its glue built `--target no-modules`) are classic scripts.
    const code = fs.readFileSync(path.join(dist, f), 'utf8');
    problems.push(...checkScript(code, { module: /(^|\/)luoshi-web/.test(f), name: f }));
    scripts += 1;
  }
  const pages = [path.join(dist, 'index.html')];
  if (fs.existsSync(single)) pages.push(single);
  for (const page of pages) {
    const html = fs.readFileSync(page, 'utf8');
    const modules = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
      .filter((m) => !/\bsrc\s*=/i.test(m[1]))
      .map((m) => /type=["']module["']/i.test(m[1]));
    inlineScripts(html).forEach((code, i) => {
      problems.push(...checkScript(code, { module: modules[i], name: `${path.basename(page)} inline script ${i + 1}` }));
      scripts += 1;
    });
  }

  const styles = fs.readdirSync(path.join(ROOT, 'styles')).filter((f) => f.endsWith('.css'));
  for (const f of styles) problems.push(...checkCss(fs.readFileSync(path.join(ROOT, 'styles', f), 'utf8'), `styles/${f}`));

  if (problems.length) {
    console.error(`compat: ${problems.length} problem(s) for the oldest supported browsers (README "Browsers"):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`compat: ${wasm.length} wasm valid for [${WASM_FEATURES.join(', ')}]; ${scripts} scripts ES${ECMA_VERSION}, no eval, no newer APIs; ${styles.length} stylesheets with fallbacks`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
