# Sourced by the scripts that make a release build of the web app (test.sh, serve.sh,
# build-single.sh): flags for the wasm32 crates of that build only, on top of .cargo/config.toml's.
#
# -Zlocation-detail=none: panic locations (file, line, column) are left out of the wasm. With
# `panic = "abort"` nobody sees them (the person gets the app's own messages; a panic is a bug
# report either way), and they were the largest part of the data segment: the first visit is about
# 6 KiB brotli smaller (issue 19's 450 KiB guard; BENCHMARKS.md "Size"), and the wasm no longer
# depends on where it is built (the locations carried the checkout's and CARGO_HOME's absolute
# paths). The flag is unstable: RUSTC_BOOTSTRAP=1 lets the pinned stable rustc take it, for these
# rustc runs only. A rustc that drops the flag fails the build loudly; nothing changes silently.
# Not used for the component tests (cargo test): their panics keep their locations.
# An environment variable of this name adds to .cargo/config.toml's target rustflags (cargo
# joins the two lists), unlike RUSTFLAGS, which would replace them.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none"
export RUSTC_BOOTSTRAP=1
