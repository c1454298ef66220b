# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export LEPTOS_SITE_ROOT ?= $(CURDIR)/target/site
# CI may keep the build outside the clone (CARGO_TARGET_DIR); the site stays in target/site.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
export SERVER := $(TARGET_DIR)/release/server

.PHONY: run test tools build lint unit e2e bench clean

tools:
	@scripts/tools.sh

build: tools
	cargo leptos build --release --precompress

## make run: build, migrate, load demo data into an empty database, serve on http://127.0.0.1:3000
run: build
	$(SERVER) seed
	$(SERVER) serve

lint: tools
	cargo fmt --all -- --check
	cargo clippy -p server -p app -p migrations --all-targets --features app/ssr -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

unit: tools
	cargo test -p app -p migrations -p server --features app/ssr

e2e: build
	@scripts/tools.sh --e2e
	cd end2end && npx playwright test

## make test: formatting, clippy (server and wasm), unit and integration tests, end-to-end in Chromium
test: lint unit e2e

## make bench: search and page benchmarks at 100,000 products (figures, not tests)
bench: build
	scripts/bench.sh

clean:
	cargo clean
