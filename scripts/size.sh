#!/usr/bin/env bash
# Print the size of a build: raw, gzip -9 and brotli -q 11 (what a static host would actually send),
# per file and in total, and a WARN line when the total brotli size is over the budget.
#   scripts/size.sh [dist-dir]          every file of the web build (default: dist/)
#   scripts/size.sh --single FILE       the single-file edition (dist-single/luoshi.html)
# Budget: LUOSHI_SIZE_BUDGET_KIB (default 150) KiB brotli for everything a first visit downloads.
# Over budget only warns (exit 0); LUOSHI_SIZE_STRICT=1 makes it fail.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUDGET_KIB="${LUOSHI_SIZE_BUDGET_KIB:-150}"

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

shopt -s nullglob
if [ "${1:-}" = "--single" ]; then
  files=("${2:-$ROOT/dist-single/luoshi.html}")
  [ -f "${files[0]}" ] || { echo "size: ${files[0]} not found (build it: scripts/build-single.sh)" >&2; exit 1; }
  label="single file"
else
  DIST="${1:-$ROOT/dist}"
  wasm=("$DIST"/*.wasm)
  if [ "${#wasm[@]}" -eq 0 ]; then
    echo "size: no .wasm in $DIST (build first: trunk build --release)" >&2
    exit 1
  fi
  files=("$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css "$DIST"/*.html "$DIST"/*.webmanifest "$DIST"/*.svg)
  label="total (first visit)"
fi

printf '%-44s %14s %14s %14s\n' "file" "raw" "gzip -9" "brotli -q11"
t_raw=0 t_gz=0 t_br=0
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli_size "$f")
  t_raw=$((t_raw + raw)) t_gz=$((t_gz + gz)) t_br=$((t_br + br))
  printf '%-44s %14s %14s %14s\n' "$(basename "$f")" "$(kib "$raw")" "$(kib "$gz")" "$(kib "$br")"
done
if [ "${#files[@]}" -gt 1 ]; then
  printf '%-44s %14s %14s %14s\n' "$label" "$(kib "$t_raw")" "$(kib "$t_gz")" "$(kib "$t_br")"
fi

# The budget is for the served web build; the single file carries the wasm as base64 and is opened
# from disk, so its size is reported, not budgeted.
if [ "$label" = "single file" ]; then
  :
elif [ "$t_br" -gt $((BUDGET_KIB * 1024)) ]; then
  printf 'WARN: size over budget: %s brotli > %s KiB (%s)\n' "$(kib "$t_br" | tr -s ' ')" "$BUDGET_KIB" "$label"
  if [ "${LUOSHI_SIZE_STRICT:-0}" = "1" ]; then exit 1; fi
else
  printf 'size: within budget: %s brotli <= %s KiB (%s)\n' "$(kib "$t_br" | tr -s ' ')" "$BUDGET_KIB" "$label"
fi
