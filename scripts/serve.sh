#!/usr/bin/env bash
# Install what is missing (scripts/setup.sh), then build the release app and serve it with live
# rebuilds at http://127.0.0.1:8080/ (address and port come from Trunk.toml).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh

# Release builds run wasm-opt; the npm binaryen one must come first (Debian's 108 cannot parse
# current wasm). --offline: crates were fetched by setup, and trunk must never try to download tools.
export PATH="$ROOT/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# The release wasm's own rustc flags (panic locations left out).
. "$ROOT/scripts/release-flags.sh"
echo "[serve] http://127.0.0.1:8080/  (Ctrl-C to stop)"
# A separate dist dir: trunk serve injects its live-reload script into the HTML it writes, and dist/
# must stay the clean release build that e2e and deployment use.
exec trunk serve --release --offline --dist target/serve-dist "$@"
