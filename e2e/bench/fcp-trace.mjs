#!/usr/bin/env node
// What gates first paint: Chromium traces of cold loads of the release app (dist/) and of its floor
// (the static page of e2e/bench/fcp.mjs), alternating, and per page the medians of the milestones
// on the way to the first contentful paint, read from the renderer's main thread:
//   css sent / css loaded  first and last stylesheet request (sent by the preload scanner or the parser)
//   style / layout start   the first style recalc of more than 100 elements
//   style, layout, parse   main-thread CPU time (thread time: little affected by other load) before FCP
//   painted                end of the last Paint before FCP (the frame then still has to be rastered and shown)
//   fcp                    first-contentful-paint (performance API)
// A diagnostic that prints figures, not a pass/fail test. Tracing slows the pages; compare pages
// within one run, and take FCP ratios from fcp.mjs.
//
//   node e2e/bench/fcp-trace.mjs [--runs 7] [--dist dist] [--save DIR]   (--save: keep the trace JSONs)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../lib/harness.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { floorHtml, floorStylesheets, seedJson } from './fcp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 7));
const DIST = path.resolve(arg('dist', path.join(ROOT, 'dist')));
const SAVE = arg('save', null);
const CATEGORIES = ['devtools.timeline', 'blink', 'loading', 'blink.user_timing', 'toplevel', 'disabled-by-default-devtools.timeline'];

/** Milestones (ms after navigation start) and main-thread CPU before FCP, from one trace. */
export function milestones(traceEvents) {
  const fcp = traceEvents.find((e) => e.name === 'firstContentfulPaint');
  if (!fcp) throw new Error('no firstContentfulPaint in the trace');
  const nav = traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data?.navigationId === fcp.args.data.navigationId);
  const at = (ts) => (ts - nav.ts) / 1000;
  const main = traceEvents.filter((e) => e.pid === fcp.pid && e.tid === fcp.tid && e.ts > nav.ts && e.ts < fcp.ts);
  const cpu = (name) => main.filter((e) => e.name === name).reduce((sum, e) => sum + (e.tdur || 0), 0) / 1000;
  const urls = new Map();
  for (const e of traceEvents) if (e.name === 'ResourceSendRequest') urls.set(e.args.data.requestId, e.args.data.url);
  const isCss = (e) => /\.css$/.test(urls.get(e.args?.data?.requestId) || '');
  const sent = traceEvents.filter((e) => e.name === 'ResourceSendRequest' && isCss(e)).map((e) => at(e.ts));
  const loaded = traceEvents.filter((e) => e.name === 'ResourceFinish' && isCss(e) && e.ts < fcp.ts).map((e) => at(e.ts));
  const style = main.find((e) => e.name === 'UpdateLayoutTree' && (e.args?.elementCount || 0) > 100);
  const paint = main.filter((e) => e.name === 'Paint').pop();
  return {
    cssSent: sent.length ? Math.min(...sent) : NaN,
    cssLoaded: loaded.length ? Math.max(...loaded) : NaN,
    styleStart: style ? at(style.ts) : NaN,
    styleCpu: cpu('UpdateLayoutTree'),
    layoutCpu: cpu('Layout'),
    parseCpu: cpu('ParseHTML'),
    painted: paint ? at(paint.ts + paint.dur) : NaN,
  };
}

async function load(browser, url, file) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
  const trace = await browser.stopTracing();
  await context.close();
  if (file) fs.writeFileSync(file, trace);
  return { ...milestones(JSON.parse(trace).traceEvents), fcp };
}

async function main() {
  const floorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-floor-'));
  const css = floorStylesheets(DIST, floorDir);
  fs.writeFileSync(path.join(floorDir, 'index.html'), floorHtml(seedJson(), css.files));
  if (SAVE) fs.mkdirSync(SAVE, { recursive: true });
  const app = await startStaticServer({ dir: DIST, prefix: '/tools/luoshi/' });
  const floor = await startStaticServer({ dir: floorDir, prefix: '/floor/' });
  const browser = await launchBrowser();
  const results = { floor: [], app: [] };
  try {
    await load(browser, floor.url); // warm-up: Chromium's own first-start costs
    for (let i = 0; i < RUNS; i += 1) {
      for (const [name, server] of [['floor', floor], ['app', app]]) {
        results[name].push(await load(browser, server.url, SAVE && path.join(SAVE, `${name}-${i}.json`)));
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await floor.close();
    fs.rmSync(floorDir, { recursive: true, force: true });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const keys = ['cssSent', 'cssLoaded', 'styleStart', 'styleCpu', 'layoutCpu', 'parseCpu', 'painted', 'fcp'];
  const load1 = os.loadavg()[0].toFixed(1);
  console.log(`first paint traced, ${RUNS} cold loads each, alternating; medians in ms (load average after: ${load1})`);
  console.log(`${'page'.padEnd(6)} ${keys.map((k) => k.padStart(10)).join(' ')}`);
  for (const name of ['floor', 'app']) {
    console.log(`${name.padEnd(6)} ${keys.map((k) => median(results[name].map((r) => r[k])).toFixed(1).padStart(10)).join(' ')}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`fcp trace: ${e.stack || e}`);
    process.exit(1);
  });
}
