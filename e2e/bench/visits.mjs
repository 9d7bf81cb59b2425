#!/usr/bin/env node
// First and returning visits against the static floor, in one run (issue 19).
//
// For each network condition (loopback; 10 Mbit/s with 20 ms RTT, CDP network emulation) and CPU
// speed (as is; slowed 4x, CDP CPU throttling), alternating page by page:
//   - floor: a plain static HTML page with the same header, 11 sections and 71 rows and the app's
//     stylesheets (e2e/bench/fcp.mjs `floorHtml`): first load in a fresh context, then a second
//     load in the same context ("returning"). Its content time is also its interactive time.
//   - app (dist/, and every further --dist given, e.g. a build of main for A/B): first visit in a
//     fresh context with the service worker allowed; the visitor then sets a status (task 5) so
//     the ledger is stored, waits for the service worker to hold the files, and comes back
//     ("returning": the service worker serves the files, localStorage has the ledger).
// Measured in the page (an init script): content = the first animation frame in which the first
// task title is rendered visible on screen; interactive = the app marked `#app[data-started]`
// (its first render and the first screen's row controls are in and, on a returning visit, the
// stored ledger is rendered into them: src/app/first_view.rs `Latch`). Also recorded for the
// app: wasm response end; mount = the app removed `data-prerendered` (the wasm compiled and
// instantiated, the document parsed: its first render begins); wasm-bindgen init done
// (TrunkApplicationStarted).
// All pages are served brotli-compressed, as a static host would (--plain: uncompressed).
// --bare: also the app's own first view with no scripts at all (the first dist's index.html with
// every <script> removed, served like the floor, no service worker): what the page shows before the
// wasm runs, so its content time is the least any start-up of this first view can reach, and no
// interactive time can be below it (BENCHMARKS.md "The bound of this first view").
//
//   node e2e/bench/visits.mjs [--runs 7] [--dist dist [--dist other-dist ...]] [--net loopback,10mbit]
//                             [--cpu 1,4] [--plain] [--bare] [--json out.json] [--trace]
// Prints medians and ratios to the floor; a benchmark, not a pass/fail test.
// --trace: also trace every app visit (Chromium tracing) and print, per visit, where the renderer's
// main thread spent its time between navigation and interactive (top-level tasks by kind: wasm
// compile, script/wasm run, HTML parse, style, layout, paint, …). Tracing slows the page: take
// times from runs without it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, markAndCache } from '../lib/harness.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { floorHtml, floorStylesheets, seedJson } from './fcp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const all = (name) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const RUNS = Number(arg('runs', 7));
const DISTS = (all('dist').length ? all('dist') : [path.join(ROOT, 'dist')]).map((d) => path.resolve(d));
const NETS = arg('net', 'loopback,10mbit').split(',');
const CPUS = arg('cpu', '1,4').split(',').map(Number);
const COMPRESS = !args.includes('--plain');
const JSON_OUT = arg('json', null);
const TRACE = args.includes('--trace');
const BARE = args.includes('--bare');
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink', 'loading', 'toplevel', 'blink.user_timing'];

const NETWORK = {
  loopback: null,
  '10mbit': { offline: false, latency: 20, downloadThroughput: (10e6 / 8), uploadThroughput: (10e6 / 8) },
};

// Recorded in every page before it loads.
const PROBE = () => {
  const title = () => document.querySelector('.task-title');
  const tick = () => {
    const t = title();
    if (t && window.__contentAt === undefined) {
      const r = t.getBoundingClientRect();
      const shown = t.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true })
        && r.height > 0 && r.top < innerHeight && r.bottom > 0;
      if (shown) window.__contentAt = performance.now();
    }
    if (window.__contentAt === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  addEventListener('TrunkApplicationStarted', () => {
    window.__initAt = performance.now();
  });
  new MutationObserver((records) => {
    const app = document.getElementById('app');
    // The app removed data-prerendered: the wasm is compiled and instantiated, the document
    // parsed; its first render begins.
    if (window.__mountAt === undefined && records.some((r) => r.attributeName === 'data-prerendered' && r.target === app)) {
      window.__mountAt = performance.now();
    }
    if (window.__interactiveAt === undefined && app && app.hasAttribute('data-started')) {
      window.__interactiveAt = performance.now();
      window.__mode = app.getAttribute('data-started');
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-started', 'data-prerendered'] });
};

async function conditionPage(context, net, cpu) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  if (NETWORK[net]) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK[net]);
  }
  return page;
}

/**
 * Main-thread time of the renderer between navigation start and `untilMs`, by kind: the durations
 * of the complete events directly inside each top-level task (so nothing is counted twice), named
 * by their trace event name (e.g. v8.wasm.compiledModule, FunctionCall, ParseHTML, Layout).
 */
export function breakdown(traceEvents, untilMs) {
  const nav = traceEvents.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL).pop();
  if (!nav) return {};
  const until = nav.ts + untilMs * 1000;
  const main = traceEvents.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.ts >= nav.ts && e.ts <= until)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const sums = {};
  let task = null;
  let child = null;
  for (const e of main) {
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      if (!task || e.ts >= task.ts + task.dur) {
        task = e;
        child = null;
        sums['(task total)'] = (sums['(task total)'] || 0) + e.dur / 1000;
      }
      continue;
    }
    if (!task || e.ts >= task.ts + task.dur) continue;
    if (child && e.ts < child.ts + child.dur) continue;
    child = e;
    sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
  }
  return sums;
}

async function load(page, url, app) {
  const browser = page.context().browser();
  if (TRACE && app) await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => window.__contentAt !== undefined, null, { timeout: 60_000 });
  if (app) await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 60_000 });
  let cpu;
  if (TRACE && app) {
    const until = await page.evaluate(() => window.__interactiveAt);
    cpu = breakdown(JSON.parse(await browser.stopTracing()).traceEvents, until);
  }
  const timings = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      content: window.__contentAt,
      interactive: window.__interactiveAt ?? window.__contentAt,
      init: window.__initAt,
      mount: window.__mountAt,
      wasm: wasm?.responseEnd,
      html: nav?.responseEnd,
      mode: window.__mode,
      controlled: Boolean(navigator.serviceWorker?.controller),
    };
  });
  return { ...timings, cpu };
}

async function floorVisits(browser, url, net, cpu) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(PROBE);
  try {
    const first = await load(await conditionPage(context, net, cpu), url, false);
    const returning = await load(await conditionPage(context, net, cpu), url, false);
    return { first, returning };
  } finally {
    await context.close();
  }
}

async function appVisits(browser, url, net, cpu) {
  const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'zh-CN' });
  await context.addInitScript(PROBE);
  try {
    const page = await conditionPage(context, net, cpu);
    const first = await load(page, url, true);
    // The visitor's day: one status set (stored), the service worker holding every file.
    await markAndCache(page);
    await page.close();
    const again = await conditionPage(context, net, cpu);
    const returning = await load(again, url, true);
    if (!returning.controlled) throw new Error('the returning visit was not served by the service worker');
    const status = await again.getByLabel('第 5 项状态').inputValue();
    if (status !== 'behind') throw new Error(`the returning visit lost the stored status (${status})`);
    return { first, returning };
  } finally {
    await context.close();
  }
}

/** index.html with every script element removed (inline and external): the page before any script. */
export function withoutScripts(html) {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (Number.isNaN(x) ? '—' : `${x.toFixed(0)} ms`);

async function main() {
  for (const d of DISTS) if (!fs.existsSync(path.join(d, 'index.html'))) throw new Error(`${d}/index.html not found: trunk build --release first`);
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-floor-'));
  const css = floorStylesheets(DISTS[0], floorDir);
  fs.writeFileSync(path.join(floorDir, 'index.html'), floorHtml(seedJson(), css.files));
  const servers = [];
  const floor = await startStaticServer({ dir: floorDir, prefix: '/floor/', compress: COMPRESS });
  servers.push(floor);
  let bare = null;
  const bareDir = BARE ? fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bare-')) : null;
  if (BARE) {
    fs.writeFileSync(path.join(bareDir, 'index.html'), withoutScripts(fs.readFileSync(path.join(DISTS[0], 'index.html'), 'utf8')));
    bare = await startStaticServer({ dir: bareDir, prefix: '/bare/', compress: COMPRESS });
    servers.push(bare);
  }
  const apps = [];
  for (const [i, dir] of DISTS.entries()) {
    const server = await startStaticServer({ dir, prefix: '/tools/luoshi/', compress: COMPRESS });
    servers.push(server);
    apps.push({ name: DISTS.length === 1 ? 'app' : `app (${path.relative(process.cwd(), dir) || dir})`, url: server.url });
  }
  const browser = await launchBrowser();
  const loadBefore = os.loadavg()[0];
  const results = {};
  try {
    // Warm-up: Chromium's own first-start costs, not the pages'.
    await floorVisits(browser, floor.url, 'loopback', 1);
    await appVisits(browser, apps[0].url, 'loopback', 1);
    for (const net of NETS) {
      for (const cpu of CPUS) {
        const key = `${net}, CPU ${cpu}x`;
        const r = (results[key] = { floor: [] });
        if (bare) r.bare = [];
        for (const a of apps) r[a.name] = [];
        for (let i = 0; i < RUNS; i += 1) {
          r.floor.push(await floorVisits(browser, floor.url, net, cpu));
          if (bare) r.bare.push(await floorVisits(browser, bare.url, net, cpu));
          for (const a of apps) r[a.name].push(await appVisits(browser, a.url, net, cpu));
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
    fs.rmSync(floorDir, { recursive: true, force: true });
    if (bareDir) fs.rmSync(bareDir, { recursive: true, force: true });
  }

  const load = `${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`;
  console.log(`visits: ${RUNS} runs per page and condition, alternating; ${COMPRESS ? 'brotli-compressed' : 'uncompressed'}; load average ${load}, ${os.cpus().length} CPUs`);
  console.log('medians; ratios are to the floor\'s content time of the same visit (first or returning)');
  for (const [key, r] of Object.entries(results)) {
    const f = (visit, what) => median(r.floor.map((x) => x[visit][what]));
    console.log(`\n${key}`);
    console.log(`  ${'page'.padEnd(34)} ${'visit'.padEnd(10)} ${'content'.padStart(9)} ${'ratio'.padStart(6)} ${'interactive'.padStart(12)} ${'ratio'.padStart(6)}   (html, wasm, mount, init; start)`);
    for (const visit of ['first', 'returning']) {
      const floorContent = f(visit, 'content');
      console.log(`  ${'floor'.padEnd(34)} ${visit.padEnd(10)} ${ms(floorContent).padStart(9)} ${''.padStart(6)} ${''.padStart(12)}`);
      if (r.bare) {
        const bareContent = median(r.bare.map((x) => x[visit].content));
        console.log(`  ${'bare (first view, no scripts)'.padEnd(34)} ${visit.padEnd(10)} ${ms(bareContent).padStart(9)} ${(bareContent / floorContent).toFixed(2).padStart(5)}x`);
      }
      for (const name of Object.keys(r).filter((n) => n !== 'floor' && n !== 'bare')) {
        const m = (what) => median(r[name].map((x) => x[visit][what]));
        const modes = [...new Set(r[name].map((x) => x[visit].mode))].join('/');
        console.log(`  ${name.padEnd(34)} ${visit.padEnd(10)} ${ms(m('content')).padStart(9)} ${(m('content') / floorContent).toFixed(2).padStart(5)}x ${ms(m('interactive')).padStart(12)} ${(m('interactive') / floorContent).toFixed(2).padStart(5)}x   (${ms(m('html'))}, ${ms(m('wasm'))}, ${ms(m('mount'))}, ${ms(m('init'))}; ${modes})`);
      }
    }
  }
  if (TRACE) {
    console.log('\nmain thread, navigation → interactive, by kind (median ms; traced runs)');
    for (const [key, r] of Object.entries(results)) {
      for (const name of Object.keys(r).filter((n) => n !== 'floor' && n !== 'bare')) {
        for (const visit of ['first', 'returning']) {
          const kinds = new Set(r[name].flatMap((x) => Object.keys(x[visit].cpu || {})));
          const rows = [...kinds].map((k) => [k, median(r[name].map((x) => x[visit].cpu?.[k] ?? 0))])
            .filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).slice(0, 14);
          console.log(`  ${key} · ${name} · ${visit}: ${rows.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
        }
      }
    }
  }
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ load, compress: COMPRESS, runs: RUNS, results }, null, 1));
}

main().catch((e) => {
  console.error(`visits bench: ${e.stack || e}`);
  process.exit(1);
});
