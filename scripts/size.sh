#!/usr/bin/env bash
# Print the size of the release build's wasm and JS: raw, gzip -9 and brotli -q 11 (what a static
# host would actually send). Usage: scripts/size.sh [dist-dir]   (default: dist/)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"

shopt -s nullglob
files=("$DIST"/*.wasm "$DIST"/*.js)
wasm=("$DIST"/*.wasm)
if [ "${#wasm[@]}" -eq 0 ]; then
  echo "size: no .wasm in $DIST (build first: trunk build --release)" >&2
  exit 1
fi

brotli_size() {
  if command -v brotli >/dev/null; then
    brotli -c -q 11 "$1" | wc -c
  else
    node -e 'const z=require("zlib"),fs=require("fs");
      const b=z.brotliCompressSync(fs.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}});
      console.log(b.length)' "$1"
  fi
}

kib() { awk -v b="$1" 'BEGIN { printf "%8.1f KiB", b / 1024 }'; }

printf '%-44s %14s %14s %14s\n' "file" "raw" "gzip -9" "brotli -q11"
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli_size "$f")
  printf '%-44s %14s %14s %14s\n' "$(basename "$f")" "$(kib "$raw")" "$(kib "$gz")" "$(kib "$br")"
done
