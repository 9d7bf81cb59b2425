#!/usr/bin/env node
// A tiny static file server (node built-ins only) that serves a directory under a URL prefix, e.g.
// dist/ at http://127.0.0.1:PORT/tools/luoshi/. Serving under a subpath proves that every asset URL
// in the build is relative: anything requested outside the prefix gets a 404. There are deliberately
// no rewrite rules (no SPA fallback), matching plain static hosting.
//
// CLI:    node scripts/static-server.mjs [--dir dist] [--prefix /tools/luoshi/] [--port 0] [--host 127.0.0.1]
//         prints "serving <dir> at <url>" once listening (port 0 picks a free port).
// Module: const { url, close } = await startStaticServer({ dir, prefix, port, host, compress });
// `compress: true` (CLI `--compress`) sends text and wasm brotli-compressed to a client that accepts
// it, as a static host would (benchmarks; the e2e tests use the plain bytes).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

function normalizePrefix(prefix) {
  let p = prefix || '/';
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.txt', '.webmanifest']);

export function startStaticServer({ dir = 'dist', prefix = '/', port = 0, host = '127.0.0.1', log = false, compress = false } = {}) {
  const root = path.resolve(dir);
  const base = normalizePrefix(prefix);
  // Compressed bodies, computed once per file (quality 11, as scripts/size.sh measures).
  const compressed = new Map();
  const brotli = (file, body) => {
    const key = `${file}:${fs.statSync(file).mtimeMs}`;
    if (!compressed.has(key)) {
      compressed.set(key, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    return compressed.get(key);
  };
  if (compress) {
    // Compress every file now, not while a page waits for it (quality 11 takes seconds on the wasm).
    const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (COMPRESSIBLE.has(path.extname(f).toLowerCase())) brotli(f, fs.readFileSync(f));
    });
    walk(root);
  }
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');

    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    // "/tools/luoshi" -> "/tools/luoshi/" so relative URLs in index.html resolve inside the prefix.
    if (`${pathname}/` === base) return send(301, '', { Location: base });
    if (!pathname.startsWith(base)) return send(404, `not under ${base}`);

    let file = path.join(root, pathname.slice(base.length));
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden');
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      const ext = path.extname(file).toLowerCase();
      const type = TYPES[ext] || 'application/octet-stream';
      if (compress && COMPRESSIBLE.has(ext) && /\bbr\b/.test(req.headers['accept-encoding'] || '')) {
        const packed = brotli(file, body);
        return send(200, packed, { 'Content-Type': type, 'Content-Length': packed.length, 'Content-Encoding': 'br', Vary: 'Accept-Encoding' });
      }
      return send(200, body, { 'Content-Type': type, 'Content-Length': body.length });
    } catch {
      return send(404, 'not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({
        url: `http://${host}:${addr.port}${base}`,
        port: addr.port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = opt('dir', path.join(here, '..', 'dist'));
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`static-server: ${dir}/index.html not found (build first: trunk build --release)`);
    process.exit(1);
  }
  const { url } = await startStaticServer({
    dir,
    prefix: opt('prefix', '/'),
    port: Number(opt('port', '8080')),
    host: opt('host', '127.0.0.1'),
    log: args.includes('--log'),
    compress: args.includes('--compress'),
  });
  console.log(`serving ${path.resolve(dir)} at ${url}`);
}
