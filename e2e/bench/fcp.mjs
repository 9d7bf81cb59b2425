#!/usr/bin/env node
// First-paint benchmark: the release app (dist/) against its floor, a plain static HTML page that
// shows the same 71 tasks with the same stylesheets (generated from the CLI's JSON of the seed), in
// the same headless Chromium run, alternating, each load in a fresh context (cold cache, no service
// worker). Prints median and p90 first-contentful-paint and "all 71 rows in the DOM" for both, and
// the ratio app/floor (goal <= 1.2). A benchmark that prints figures, not a pass/fail test.
// Also measured in the same run: "csr", the same dist/ with the prerendered first view taken out of
// index.html (an empty <div id="app">, as before prerendering), i.e. plain client-side rendering
// with the very same wasm — the before/after of the prerender.
//
//   node e2e/bench/fcp.mjs [--runs 15] [--dist dist] [--cpu 4]   (--cpu: CPU slowdown factor, like a slow laptop)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../lib/harness.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { inlineStyles } from '../../scripts/post-build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = path.join(ROOT, 'seeds', 'chengyang-2023-key-tasks.txt');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 15));
const DIST = path.resolve(arg('dist', path.join(ROOT, 'dist')));
const CPU = Number(arg('cpu', 1));

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The seed as the CLI parses it (the same parser the app runs). */
export function seedJson() {
  const bin = path.join(ROOT, 'target', 'debug', 'luoshi');
  const out = fs.existsSync(bin)
    ? execFileSync(bin, ['parse', SEED], { maxBuffer: 1 << 26 })
    : execFileSync('cargo', ['run', '--offline', '--quiet', '--bin', 'luoshi', '--', 'parse', SEED], { cwd: ROOT, maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

/**
 * The app's stylesheets as files for the floor to link: dist's .css files, or, when index.html
 * carries its CSS inline, that CSS written out as files in the same order. Written to `floorDir`;
 * returns the file names and the CSS texts (for the inline floor).
 */
export function floorStylesheets(dist, floorDir) {
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.css')).sort();
  if (files.length) {
    for (const f of files) fs.copyFileSync(path.join(dist, f), path.join(floorDir, f));
    return { files, texts: files.map((f) => fs.readFileSync(path.join(dist, f), 'utf8')) };
  }
  const texts = inlineStyles(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'));
  const names = texts.map((_, i) => `style-${i}.css`);
  texts.forEach((text, i) => fs.writeFileSync(path.join(floorDir, names[i]), text));
  return { files: names, texts };
}

/**
 * The floor: the same header, sections and rows as static HTML, linking the app's stylesheets
 * (`stylesheets`, file names) or, given `inline` (CSS texts), carrying them in <style> elements.
 */
export function floorHtml(doc, stylesheets, inline = []) {
  const units = (list) => (list.length ? list.map(escape).join('、') : '—');
  const sections = doc.sections
    .map((s) => {
      const rows = doc.tasks
        .filter((t) => t.section === s.number)
        .map(
          (t) => `<tr class="task-row" id="task-${t.number}"><td><a class="task-number" href="?task=${t.number}">${t.number}</a></td>` +
            `<td><details><summary class="task-title">${escape(t.title)}</summary><div class="task-text">${escape(t.text)}</div></details></td>` +
            `<td>${units(t.lead_units)}</td><td>${units(t.participating_units)}</td></tr>`,
        )
        .join('\n');
      return `<section class="task-section"><h2 class="section-heading">${escape(s.numeral)}、${escape(s.title)}</h2>` +
        `<table class="task-table"><thead><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>参与单位</th></tr></thead><tbody>${rows}</tbody></table></section>`;
    })
    .join('\n');
  const links = stylesheets.map((f) => `<link rel="stylesheet" href="./${f}">`).join('\n') +
    inline.map((css) => `<style>${css}</style>`).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>落实 · 重点工作任务台账</title><link rel="icon" href="data:,">${links}</head>
<body><div id="app"><header class="app-header"><div class="doc-header"><h1 class="doc-title">${escape(doc.title)}</h1></div></header>
<main id="main">${sections}</main></div></body></html>`;
}

// Recorded in every page before it loads: when all 71 rows are in the DOM.
const ROWS_PROBE = () => {
  const done = () => document.querySelectorAll('tr.task-row').length >= 71;
  const mark = () => {
    if (window.__rowsAt === undefined && done()) window.__rowsAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', mark);
  // The app only: when wasm-bindgen's init resolved (wasm fetched, compiled, main() run).
  addEventListener('TrunkApplicationStarted', () => {
    window.__startedAt = performance.now();
  });
  // The app only: when its first render (hydration or replacement) is in the DOM.
  new MutationObserver(() => {
    const app = document.getElementById('app');
    if (window.__takenOverAt === undefined && app && app.hasAttribute('data-started')) {
      window.__takenOverAt = performance.now();
      window.__startMode = app.getAttribute('data-started');
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-started'] });
};

async function measure(browser, url, app = true) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(ROWS_PROBE);
  const page = await context.newPage();
  if (CPU > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  }
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__rowsAt !== undefined && performance.getEntriesByName('first-contentful-paint').length > 0);
  if (app) await page.waitForFunction(() => window.__takenOverAt !== undefined);
  const result = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    rows: window.__rowsAt,
    started: window.__startedAt,
    takenOver: window.__takenOverAt,
    mode: window.__startMode,
    wasm: performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd,
  }));
  await context.close();
  return result;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms) => `${ms.toFixed(0).padStart(5)} ms`;

async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html not found: trunk build --release first`);
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-floor-'));
  const css = floorStylesheets(DIST, floorDir);
  const doc = seedJson();
  fs.writeFileSync(path.join(floorDir, 'index.html'), floorHtml(doc, css.files));
  // A stricter floor: the same page with the same CSS inline (no stylesheet requests at all).
  const inlineDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-floor-inline-'));
  fs.writeFileSync(path.join(inlineDir, 'index.html'), floorHtml(doc, [], css.texts));

  // The same dist without the prerendered markup: client-side rendering only (the "before").
  const csrDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-csr-'));
  fs.cpSync(DIST, csrDir, { recursive: true });
  const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const emptied = index.replace(/<div id="app"[^>]*>[\s\S]*<\/div>(\s*<\/body>)/i, '<div id="app"></div>$1');
  const prerendered = emptied !== index;
  fs.writeFileSync(path.join(csrDir, 'index.html'), emptied);

  const app = await startStaticServer({ dir: DIST, prefix: '/tools/luoshi/' });
  const csr = await startStaticServer({ dir: csrDir, prefix: '/csr/' });
  const floor = await startStaticServer({ dir: floorDir, prefix: '/floor/' });
  const floorInline = await startStaticServer({ dir: inlineDir, prefix: '/floor-inline/' });
  const browser = await launchBrowser();
  const results = { app: [], csr: [], floor: [], floorInline: [] };
  try {
    await measure(browser, app.url); // warm-up: Chromium's own first-start costs, not the page's
    await measure(browser, floor.url, false);
    for (let i = 0; i < RUNS; i += 1) {
      results.floor.push(await measure(browser, floor.url, false));
      results.floorInline.push(await measure(browser, floorInline.url, false));
      results.app.push(await measure(browser, app.url));
      if (prerendered) results.csr.push(await measure(browser, csr.url));
    }
  } finally {
    await browser.close();
    await app.close();
    await csr.close();
    await floor.close();
    await floorInline.close();
    fs.rmSync(floorDir, { recursive: true, force: true });
    fs.rmSync(inlineDir, { recursive: true, force: true });
    fs.rmSync(csrDir, { recursive: true, force: true });
  }

  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`first paint, ${RUNS} cold loads each, alternating${CPU > 1 ? `, CPU slowed ${CPU}x` : ''} (headless Chromium, localhost; load average after: ${load}, ${os.cpus().length} CPUs)`);
  if (!prerendered) console.log('note: dist/index.html has no prerendered first view: "app" is client-side rendering');
  console.log(`${'page'.padEnd(22)} ${'FCP median'.padStart(11)} ${'FCP p90'.padStart(9)} ${'71 rows median'.padStart(15)} ${'71 rows p90'.padStart(12)}`);
  const med = {};
  const labels = { floor: 'floor (static HTML)', floorInline: 'floor, CSS inline', app: 'app (dist/)', csr: 'app, no prerender' };
  for (const name of ['floor', 'floorInline', 'app', 'csr']) {
    if (!results[name].length) continue;
    const fcp = results[name].map((r) => r.fcp);
    const rows = results[name].map((r) => r.rows);
    med[name] = { fcp: quantile(fcp, 0.5), rows: quantile(rows, 0.5) };
    const label = labels[name];
    console.log(`${label.padEnd(22)} ${fmt(med[name].fcp).padStart(11)} ${fmt(quantile(fcp, 0.9)).padStart(9)} ${fmt(med[name].rows).padStart(15)} ${fmt(quantile(rows, 0.9)).padStart(12)}`);
  }
  for (const name of ['app', 'csr']) {
    if (!results[name].length) continue;
    const at = (key) => fmt(quantile(results[name].map((r) => r[key] ?? 0), 0.5));
    const modes = [...new Set(results[name].map((r) => r.mode))].join('/');
    console.log(`${labels[name]} breakdown (median): wasm downloaded ${at('wasm')}, init done ${at('started')}, app took over (${modes}) ${at('takenOver')}`);
  }
  if (med.csr) console.log(`FCP ratio no-prerender/floor (median): ${(med.csr.fcp / med.floor.fcp).toFixed(2)}x (before)`);
  const ratio = med.app.fcp / med.floor.fcp;
  console.log(`FCP ratio app/floor (median): ${ratio.toFixed(2)}x (goal <= 1.2x)${ratio > 1.2 ? '  -- over the goal' : ''}`);
  console.log(`FCP ratio app/floor with its CSS inline (median): ${(med.app.fcp / med.floorInline.fcp).toFixed(2)}x (a stricter floor)`);
  console.log(`71-rows ratio app/floor (median): ${(med.app.rows / med.floor.rows).toFixed(2)}x`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`fcp bench: ${e.stack || e}`);
    process.exit(1);
  });
}
