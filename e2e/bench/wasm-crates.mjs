#!/usr/bin/env node
// What each crate costs in the wasm: runs `twiggy top` on the release wasm before wasm-bindgen and
// wasm-opt strip the names (target/wasm32-unknown-unknown/release/luoshi-web.wasm, built by
// `trunk build --release`), attributes every function to the crate its demangled name starts with,
// and prints bytes and share per crate (code + data, custom sections excluded). Shares carry over to
// the shipped, wasm-opt'd file roughly, not exactly. Needs twiggy (`cargo install twiggy`).
//   node e2e/bench/wasm-crates.mjs [path.wasm] [--top 12]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasm = process.argv[2] && !process.argv[2].startsWith('--')
  ? process.argv[2]
  : path.join(ROOT, 'target', 'wasm32-unknown-unknown', 'release', 'luoshi-web.wasm');
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 14;

const rows = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'json', wasm], { maxBuffer: 1 << 28 }));

/** The crate a demangled item name belongs to (for `<A as B>::f`, A's crate: the code is A's impl). */
export function crateOf(name) {
  if (/^custom section|subsection/.test(name)) return null;
  if (/^data segment|^data\[/.test(name)) return '(data: strings, tables, the seed text)';
  const m = /([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name.replace(/^<(?:impl )?/, '').replace(/^&(?:mut )?/, ''));
  if (!m) return '(other: wasm-bindgen shims, tables)';
  const crate = m[1];
  if (crate === 'luoshi_web') {
    const comp = /luoshi_web::app::(?:components::)?([a-z_]+)/.exec(name);
    return `luoshi_web::${comp ? comp[1] : '?'}`;
  }
  return crate;
}

const byCrate = new Map();
let total = 0;
for (const row of rows) {
  const crate = crateOf(row.name);
  if (!crate) continue;
  total += row.shallow_size;
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + row.shallow_size);
}
const group = (c) => (c.startsWith('luoshi_web::') ? 'luoshi_web (app shell, all views)' : c);
const grouped = new Map();
for (const [c, b] of byCrate) grouped.set(group(c), (grouped.get(group(c)) ?? 0) + b);
const print = (title, map) => {
  console.log(`${title} (code + data, ${(total / 1024).toFixed(0)} KiB before wasm-opt)`);
  for (const [c, b] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(b / 1024).toFixed(1).padStart(7)} KiB ${((100 * b) / total).toFixed(1).padStart(5)}%  ${c}`);
  }
};
print('by crate', grouped);
print('luoshi_web by module', new Map([...byCrate].filter(([c]) => c.startsWith('luoshi_web::'))));
