#!/usr/bin/env node
// Where a returning visit's script time goes, by function (issue 19): a sampling CPU profile of the
// renderer's main thread from navigation until the app marks `#app[data-started]`, summed over a
// few returning visits (the service worker holds the files, localStorage a ledger, as in
// e2e/bench/visits.mjs). Prints self time and inclusive time per function name, averaged per visit.
// "(program)" is the browser's own work outside script: HTML parsing, style, layout, paint.
//
//   node e2e/bench/startup-profile.mjs DIST [--visits 3]
//
// A release dist's wasm has no function names (wasm-opt strips them), so its functions show as
// `wasm-function[N]`. For names, profile a dist whose wasm keeps its name section, e.g. (after a
// release build, which leaves the linked wasm in target/):
//   cp -r dist /tmp/named && wasm-bindgen --target web --keep-debug --out-dir /tmp/wb \
//     --out-name <the dist's luoshi-web-HASH> target/wasm32-unknown-unknown/release/luoshi-web.wasm
//   wasm-opt -Oz -g <features as trunk passes them> /tmp/wb/<name>_bg.wasm -o /tmp/named/<name>_bg.wasm
//   cp /tmp/wb/<name>.js /tmp/named/
// The profiler slows the page: take times from e2e/bench/visits.mjs, shares from this.

import path from 'node:path';
import { launchBrowser, markAndCache } from '../lib/harness.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--visits');
const VISITS = at >= 0 ? Number(args[at + 1]) : 3;
const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--visits');
if (!dist) {
  console.error('usage: node e2e/bench/startup-profile.mjs DIST [--visits 3]');
  process.exit(2);
}

/** Self and inclusive sample time (ms) per function name of one CDP profile, added into the sums. */
function addProfile(profile, self, total, weight) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const counts = new Map();
  for (const s of profile.samples) counts.set(s, (counts.get(s) || 0) + 1);
  const interval = profile.timeDeltas.reduce((a, b) => a + b, 0) / profile.samples.length / 1000;
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
  for (const [id, count] of counts) {
    const ms = count * interval * weight;
    const node = byId.get(id);
    self[name(node)] = (self[name(node)] || 0) + ms;
    // Each name once per stack, so recursion is not counted twice.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const n = name(byId.get(cur));
      if (!seen.has(n)) {
        seen.add(n);
        total[n] = (total[n] || 0) + ms;
      }
    }
  }
}

async function main() {
  const server = await startStaticServer({ dir: path.resolve(dist), prefix: '/tools/luoshi/', compress: true });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'zh-CN' });
    await context.addInitScript(() => {
      new MutationObserver(() => {
        const app = document.getElementById('app');
        if (app && app.hasAttribute('data-started') && window.__startedAt === undefined) window.__startedAt = performance.now();
      }).observe(document, { attributes: true, subtree: true });
    });
    const first = await context.newPage();
    await first.goto(server.url);
    await first.waitForSelector('#app[data-started]', { state: 'attached' });
    await markAndCache(first);
    await first.close();
    const self = {};
    const total = {};
    const started = [];
    for (let i = 0; i < VISITS; i += 1) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(server.url);
      await page.waitForFunction(() => window.__startedAt !== undefined);
      const { profile } = await cdp.send('Profiler.stop');
      started.push(await page.evaluate(() => window.__startedAt));
      addProfile(profile, self, total, 1 / VISITS);
      await page.close();
    }
    const top = (sums, n) => Object.entries(sums).sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k.slice(0, 140)}`).join('\n');
    console.log(`returning visits: ${VISITS}; started at ${started.map((t) => t.toFixed(0)).join(', ')} ms (profiled, so slower)`);
    console.log('\nself time per visit'); console.log(top(self, 40));
    console.log('\ninclusive time per visit'); console.log(top(total, 80));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(`startup profile: ${e.stack || e}`);
  process.exit(1);
});
