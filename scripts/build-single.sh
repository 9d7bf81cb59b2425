#!/usr/bin/env bash
# Build the single-file edition: the release build (trunk build --release) turned into one
# self-contained HTML file, dist-single/luoshi.html, that opens by double-click (file://).
#   scripts/build-single.sh            release build, then the single file
#   scripts/build-single.sh --no-build  only the single file, from the dist/ already there
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

if [ "${1:-}" != "--no-build" ]; then
  # The release wasm's own rustc flags (panic locations left out).
  . "$ROOT/scripts/release-flags.sh"
  trunk build --release --offline
fi
node scripts/single-file.mjs dist dist-single/luoshi.html
scripts/size.sh --single dist-single/luoshi.html
