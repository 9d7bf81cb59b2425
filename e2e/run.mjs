#!/usr/bin/env node
// e2e runner: serves the release build (dist/) under a subpath with scripts/static-server.mjs, then
// runs every test exported by e2e/tests/*.mjs and e2e/bench/*-bench.mjs in headless Chromium (see
// e2e/README.md).
//
//   node e2e/run.mjs                 all test files
//   node e2e/run.mjs smoke           only files whose name contains "smoke"
//   node e2e/run.mjs smoke -g heading   ... and only tests whose name contains "heading"
//   E2E_BASE_URL=http://127.0.0.1:8080/ node e2e/run.mjs   test an already running server instead

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser, TestContext, OUT_DIR } from './lib/harness.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DEFAULT_TIMEOUT_MS = 30_000;
const SUBPATH = '/tools/luoshi/';

function parseArgs(argv) {
  const filters = [];
  let grep = null;
  let dist = path.join(ROOT, 'dist');
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '-g' || a === '--grep') grep = argv[(i += 1)];
    else if (a === '--dist') dist = path.resolve(argv[(i += 1)]);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node e2e/run.mjs [file-filter...] [-g test-name-filter] [--dist dir]');
      process.exit(0);
    } else filters.push(a);
  }
  return { filters, grep, dist };
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Test files: every e2e/tests/*.mjs, and the browser benchmarks e2e/bench/*-bench.mjs (they assert
// what they produce and print their timings; the other bench/ scripts are standalone tools).
function testFiles() {
  const list = (dir, keep) =>
    fs.readdirSync(path.join(HERE, dir)).filter(keep).map((f) => ({ dir, file: f }));
  return [
    ...list('tests', (f) => f.endsWith('.mjs')),
    ...list('bench', (f) => f.endsWith('-bench.mjs')),
  ].sort((a, b) => a.file.localeCompare(b.file));
}

async function loadTests(filters) {
  const files = testFiles().filter(
    ({ file: f }) => filters.length === 0 || filters.some((flt) => f.includes(flt.replace(/^.*(tests|bench)\//, ''))),
  );
  const suites = [];
  for (const { dir, file } of files) {
    const mod = await import(pathToFileURL(path.join(HERE, dir, file)).href);
    if (!mod.tests || typeof mod.tests !== 'object') {
      throw new Error(`e2e/${dir}/${file} must export \`tests\` (an object: name -> async (t) => {...})`);
    }
    suites.push({ file, tests: Object.entries(mod.tests), timeout: mod.timeout ?? DEFAULT_TIMEOUT_MS });
  }
  return suites;
}

async function main() {
  const { filters, grep, dist } = parseArgs(process.argv.slice(2));
  const suites = await loadTests(filters);
  const total = suites.reduce((n, s) => n + s.tests.filter(([name]) => !grep || name.includes(grep)).length, 0);
  if (total === 0) {
    console.error(`e2e: no tests matched (files: ${filters.join(', ') || '*'}, grep: ${grep ?? '-'})`);
    process.exit(1);
  }

  let server = null;
  let baseUrl = process.env.E2E_BASE_URL;
  if (baseUrl) {
    if (!baseUrl.endsWith('/')) baseUrl += '/';
  } else {
    if (!fs.existsSync(path.join(dist, 'index.html'))) {
      console.error(`e2e: ${dist}/index.html not found; build first: trunk build --release`);
      process.exit(1);
    }
    // Tests that need the files themselves (offline update, single-file edition) read E2E_DIST.
    process.env.E2E_DIST = dist;
    server = await startStaticServer({ dir: dist, prefix: SUBPATH, port: 0 });
    baseUrl = server.url;
  }
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  console.log(`e2e: ${total} test(s) against ${baseUrl}`);

  const browser = await launchBrowser();
  const failures = [];
  let passed = 0;
  const started = Date.now();
  try {
    for (const suite of suites) {
      for (const [name, fn] of suite.tests) {
        if (grep && !name.includes(grep)) continue;
        const t = new TestContext({ browser, baseUrl, file: suite.file.replace(/\.mjs$/, ''), name });
        const t0 = Date.now();
        let error = null;
        try {
          await t.init();
          await withTimeout(fn(t), suite.timeout, `test "${name}"`);
        } catch (e) {
          error = e;
        }
        // Always leave a final screenshot for humans; ignore failures to take it (page may be gone).
        await t.screenshot('end').catch(() => {});
        await t.close();
        const ms = Date.now() - t0;
        const label = `${suite.file} › ${name}`;
        if (!error && t.problems.length === 0) {
          passed += 1;
          console.log(`  ${color(32, 'ok')}    ${label} (${ms} ms)`);
        } else {
          failures.push(label);
          console.log(`  ${color(31, 'FAIL')}  ${label} (${ms} ms)`);
          if (error) console.log(indent(error.stack || String(error)));
          for (const p of t.problems) console.log(indent(`page problem: ${p}`));
        }
      }
    }
  } finally {
    await browser.close();
    await server?.close();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`e2e: ${passed} passed, ${failures.length} failed (${secs} s); screenshots in e2e/out/`);
  if (failures.length) {
    for (const f of failures) console.log(`  failed: ${f}`);
    process.exit(1);
  }
}

const color = (code, s) => (process.stdout.isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);
const indent = (s) => s.split('\n').map((l) => `        ${l}`).join('\n');

main().catch((e) => {
  console.error(`e2e runner error: ${e.stack || e}`);
  process.exit(1);
});
