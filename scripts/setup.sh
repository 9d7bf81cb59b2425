#!/usr/bin/env bash
# Install everything luoshi needs to build, serve and test. Idempotent: every step checks first and
# skips what is already present, so a second run takes seconds.
#
# Installs: the wasm32 rustup target, trunk 0.21.14, wasm-bindgen-cli (the exact version pinned in
# Cargo.lock), wasm-tools (validates the wasm's feature set), Chromium + chromedriver, Firefox ESR
# and a CJK font (apt), the e2e npm packages (playwright-core, puppeteer-core, binaryen's wasm-opt,
# axe-core, acorn, terser), python jsonschema + openpyxl + pypdf, python3-docx/openpyxl for the system
# python and LibreOffice headless (apt, for the office-file checks), and all crates (cargo fetch).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] FAILED:\033[0m %s\n' "$*" >&2; exit 1; }

# Another `cargo install X` already running (e.g. started by hand in another shell) would race with
# ours for ~/.cargo/bin; wait for it instead of compiling the same tool twice.
wait_for_cargo_install() {
  local name="$1" waited=0
  while pgrep -f "cargo install $name( |$)" >/dev/null 2>&1; do
    if [ "$waited" -eq 0 ]; then say "waiting for a running 'cargo install $name' to finish..."; fi
    sleep 5
    waited=$((waited + 5))
  done
}

# --- Rust target -----------------------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found: install Rust via rustup first (https://rustup.rs)"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- trunk -----------------------------------------------------------------------------------------
# 0.21.14 is the newest trunk that builds with our rustc; --locked keeps its dependency tree buildable.
trunk_version() { trunk --version 2>/dev/null | awk '{print $2}'; }
wait_for_cargo_install trunk
if [ "$(trunk_version)" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (cargo install, takes ~7 min)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli ------------------------------------------------------------------------------
# Must match the wasm-bindgen crate version in Cargo.lock exactly, or the generated JS glue and the
# wasm disagree. Installed WITHOUT --locked: its lockfile pins a webpki-roots that no longer builds.
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WBG_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
wbg_version() { wasm-bindgen --version 2>/dev/null | awk '{print $2}'; }
wait_for_cargo_install wasm-bindgen-cli
if [ "$(wbg_version)" = "$WBG_VERSION" ] && command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen-cli $WBG_VERSION: present"
else
  say "installing wasm-bindgen-cli $WBG_VERSION (cargo install, takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

# --- wasm-tools ------------------------------------------------------------------------------------
# Validates the final dist/*.wasm against the feature set of the oldest supported engines
# (scripts/compat.sh). Only its `validate` subcommand is built (a few minutes).
WASM_TOOLS_VERSION="1.263.0"
wait_for_cargo_install wasm-tools
if [ "$(wasm-tools --version 2>/dev/null | awk '{print $2}')" = "$WASM_TOOLS_VERSION" ]; then
  say "wasm-tools $WASM_TOOLS_VERSION: present"
else
  say "installing wasm-tools $WASM_TOOLS_VERSION (validate only; cargo install)"
  cargo install wasm-tools --version "$WASM_TOOLS_VERSION" --locked --no-default-features --features validate
fi

# --- apt: Chromium + chromedriver, Firefox ESR, a CJK font ------------------------------------------
# Without a CJK font every Chinese character renders as an empty box (on screen, in screenshots and
# in printed PDFs); the e2e harness checks the glyphs on every page it opens (e2e/lib/glyphs.mjs).
APT_MISSING=()
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then APT_MISSING+=(chromium chromium-driver); fi
if [ ! -x /usr/bin/firefox-esr ]; then APT_MISSING+=(firefox-esr); fi
if ! fc-list :lang=zh-cn family 2>/dev/null | grep -q .; then APT_MISSING+=(fonts-noto-cjk fontconfig); fi
if [ "${#APT_MISSING[@]}" -eq 0 ]; then
  say "chromium + chromedriver, firefox-esr, CJK font: present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  say "installing ${APT_MISSING[*]} (apt)"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_MISSING[@]}"
fi

# --- e2e npm packages (playwright-core, puppeteer-core, binaryen wasm-opt, axe-core, acorn, terser) -------
# Stamp the lockfile hash into node_modules so a changed package-lock.json triggers a reinstall.
command -v npm >/dev/null || die "npm not found: install Node.js 20+"
NPM_INSTALL="ci"
if [ ! -f e2e/package-lock.json ]; then NPM_INSTALL="install"; fi
LOCK_HASH="$(cat e2e/package.json e2e/package-lock.json 2>/dev/null | sha256sum | cut -c1-16)"
STAMP="e2e/node_modules/.luoshi-lock-hash"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_HASH" ] && [ -x e2e/node_modules/.bin/wasm-opt ]; then
  say "e2e node_modules: up to date"
else
  say "installing e2e npm packages (npm $NPM_INSTALL)"
  (cd e2e && npm "$NPM_INSTALL" --no-audit --no-fund)
  # Hash again: `npm install` may have just written package-lock.json.
  cat e2e/package.json e2e/package-lock.json 2>/dev/null | sha256sum | cut -c1-16 >"$STAMP"
fi

# --- python packages for export checks -------------------------------------------------------------
PY="$(command -v python3 || true)"
[ -n "$PY" ] || die "python3 not found"
if "$PY" -c 'import jsonschema, openpyxl, pypdf' >/dev/null 2>&1; then
  say "python jsonschema + openpyxl + pypdf: present"
else
  say "installing python jsonschema + openpyxl + pypdf (pip)"
  # pyenv/venv pythons accept pip installs; a Debian system python refuses them (PEP 668), so fall
  # back to the Debian packages there.
  if ! PIP_ROOT_USER_ACTION=ignore "$PY" -m pip install --quiet jsonschema openpyxl pypdf; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-jsonschema python3-openpyxl python3-pypdf
  fi
  "$PY" -c 'import jsonschema, openpyxl, pypdf' || die "python jsonschema/openpyxl/pypdf not importable by $PY"
fi

# --- office-file checks: python-docx + openpyxl for /usr/bin/python3, LibreOffice headless -----------
# tests/xlsx_check.py and tests/docx_check.py run under the Debian python with its apt packages and
# convert the e2e suite's XLSX/DOCX files with LibreOffice (soffice --headless --convert-to pdf).
SYS_PY=/usr/bin/python3
APT_PKGS=()
if ! "$SYS_PY" -c 'import openpyxl, docx, pypdf' >/dev/null 2>&1; then
  APT_PKGS+=(python3-openpyxl python3-docx python3-pypdf)
fi
if ! command -v soffice >/dev/null; then
  APT_PKGS+=(libreoffice-calc-nogui libreoffice-writer-nogui)
fi
if [ "${#APT_PKGS[@]}" -eq 0 ]; then
  say "python-docx + openpyxl (system python) and LibreOffice headless: present"
else
  say "installing ${APT_PKGS[*]} (apt)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_PKGS[@]}" ||
    { $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_PKGS[@]}"; }
fi

# --- a real QR decoder for the share-link check (tests/qr_decode.py) ---------------------------------
# Pillow (draws the QR at phone and A4 sizes) and zxing-cpp from PyPI where pip may install, else
# Debian's python3-pil and python3-pyzbar (over libzbar0); either decoder will do.
qr_ready() {
  "$PY" -c 'import PIL' >/dev/null 2>&1 &&
    { "$PY" -c 'import zxingcpp' >/dev/null 2>&1 || "$PY" -c 'import pyzbar.pyzbar' >/dev/null 2>&1; }
}
if qr_ready; then
  say "python QR decoder + Pillow: present"
else
  say "installing a python QR decoder and Pillow (pip: zxing-cpp pillow, else apt: python3-pyzbar python3-pil)"
  if ! PIP_ROOT_USER_ACTION=ignore "$PY" -m pip install --quiet zxing-cpp pillow; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-pyzbar python3-pil
  fi
  qr_ready || die "no python QR decoder (zxingcpp or pyzbar) with Pillow importable by $PY"
fi

# --- crates ----------------------------------------------------------------------------------------
say "cargo fetch"
cargo fetch --quiet

say "done"
