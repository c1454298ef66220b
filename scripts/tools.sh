#!/usr/bin/env bash
# Installs what building and testing need, each only when missing, at the
# versions that build on this kind of machine (rustc 1.95, no downloads
# outside the package registries); `--e2e` adds Chromium. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' || {
  say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }

# cargo-leptos 0.3.11 needs rustc 1.96; 0.3.10 builds here (15-30 minutes, once).
if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.10'; then
  say "installing cargo-leptos 0.3.10 (compiles for a while, once)"
  cargo install cargo-leptos@0.3.10 --locked
fi
# Must equal the wasm-bindgen crate version pinned in Cargo.toml.
if ! wasm-bindgen --version 2>/dev/null | grep -q '0\.2\.129'; then
  say "installing wasm-bindgen-cli 0.2.129"
  cargo install wasm-bindgen-cli@0.2.129 --locked
fi

# The S3-compatible server the object-storage tests start (s3s-fs keeps
# objects as files and checks SigV4 signatures; 0.14.1 is the newest that
# builds with rustc 1.95).
if ! s3s-fs --version 2>/dev/null | grep -q '0\.14\.1'; then
  say "installing s3s-fs 0.14.1 (the S3 server of the storage tests)"
  cargo install s3s-fs@0.14.1 --locked --features binary
fi

# wasm-opt from npm's binaryen (Debian's 108 breaks hydration), Playwright and axe-core.
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] || \
   [ end2end/package-lock.json -nt end2end/node_modules/.installed ]; then
  say "installing end2end node packages"
  (cd end2end && npm ci --no-audit --no-fund && touch node_modules/.installed)
fi

# wrk and brotli for `make bench` only (Debian's packages).
if [ "${1:-}" = "--bench" ] && { ! command -v wrk >/dev/null || ! command -v brotli >/dev/null; }; then
  say "installing wrk and brotli"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk brotli >/dev/null
fi

# Chromium for the end-to-end tests only (Playwright cannot download browsers here).
if [ "${1:-}" = "--e2e" ] && [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
