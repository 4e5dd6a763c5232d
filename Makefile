# The two commands of the README: `make demo` and `make test`. Everything they need is
# installed by them; nothing has to be set up by hand.

CARGO ?= cargo
PYTHON ?= python3
VENV := $(CURDIR)/.venv
VPY := $(VENV)/bin/python

# One target directory for cargo, maturin and the napi CLI (which always passes --target):
# naming the host triple for all three lets them share every compiled crate.
export CARGO_BUILD_TARGET ?= $(shell rustc -vV | sed -n 's/^host: //p')

.PHONY: demo test generate generate-check demo-rust demo-python demo-node demo-cli rust-lint rust-test rust-version \
	python-setup python-lint python-build python-test node-lint node-setup node-build node-test fuzz soak mock help

## help: every target, one line each
help:
	@grep -E '^## [a-z][a-z-]*:' $(MAKEFILE_LIST) | sed -E 's/^## ([a-z-]+): */\1\t/' | \
		awk -F '\t' '{ printf "  %-16s %s\n", $$1, $$2 }'

## demo: the quickstarts, webhook receivers and command line of every language, against the mock
# the quickstart of every language against the local mock server (or Leat, when LEAT_API_KEY
# is set), then the `leat` command line against the mock
demo: demo-rust demo-python demo-node demo-cli

## demo-rust: the Rust quickstart and webhook receiver
demo-rust:
	@echo "=== Rust loyalty quickstart (examples/loyalty.rs) ==="
	$(CARGO) run --quiet -p leat-sdk --example loyalty
	@echo "=== Rust local Leat: state, webhooks, typed events (examples/local_leat.rs) ==="
	$(CARGO) run --quiet -p leat-sdk --example local_leat
	@echo "=== Rust quickstart (examples/quickstart.rs) ==="
	$(CARGO) run --quiet -p leat-sdk --example quickstart
	@echo "=== Rust webhook receiver (examples/receiver.rs) ==="
	$(CARGO) run --quiet -p leat-sdk --example receiver

## demo-python: the Python quickstart and webhook receivers
demo-python: python-build
	@echo "=== Python loyalty quickstart (examples/loyalty.py) ==="
	$(VPY) examples/loyalty.py
	@echo "=== Python local Leat: state, webhooks, typed events (examples/local_leat.py) ==="
	$(VPY) examples/local_leat.py
	@echo "=== Python quickstart (examples/quickstart.py) ==="
	$(VPY) examples/quickstart.py
	@echo "=== Python webhook receiver (examples/receiver.py) ==="
	$(VPY) examples/receiver.py
	@echo "=== Python FastAPI receiver (examples/receiver_fastapi.py) ==="
	$(VPY) examples/receiver_fastapi.py

## test: format and lint checks, the generated files' freshness, then every suite
test: rust-version generate-check rust-lint python-lint node-lint rust-test python-test node-test

## generate: write every generated file from spec/ (leat-codegen)
generate:
	$(CARGO) run --quiet -p leat-codegen -- write

## generate-check: fail when a generated file differs from what spec/ gives
generate-check:
	$(CARGO) run --quiet -p leat-codegen -- verify

## rust-version: each crate's rust-version is at least what its locked dependencies declare
rust-version:
	$(PYTHON) scripts/check_rust_version.py

## rust-lint: cargo fmt --check and clippy -D warnings on every crate
rust-lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## rust-test: cargo test on the workspace
rust-test:
	$(CARGO) test --workspace

$(VENV)/.installed: python/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet -r python/requirements-dev.txt
	touch $@

## python-lint: ruff check and ruff format --check on every Python file of the repository
python-lint: python-setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## python-setup: .venv with maturin, pytest, mypy and the test dependencies
python-setup: $(VENV)/.installed

## python-build: the debug extension into .venv (maturin develop)
python-build: python-setup
	cd python && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --quiet

## python-test: pytest, mypy --strict (the package and a user's script), stubtest and the stub docstring check
python-test: python-build
	cd python && $(VPY) -m pytest -q
	cd python && $(VPY) -m mypy --strict -p leat
	cd python && $(VPY) -m mypy --strict tests/typing_check.py
	cd python && $(VPY) -m mypy.stubtest leat._native --ignore-disjoint-bases
	cd python && $(VPY) tools/stub_docs.py

node/node_modules/.package-lock.json: node/package-lock.json
	cd node && npm ci --no-audit --no-fund

## node-setup: the Node package's dev dependencies (@napi-rs/cli, typescript)
node-setup: node/node_modules/.package-lock.json

## node-build: the debug addon node/leat-sdk.<platform>.node
node-build: node-setup
	cd node && npm run build

## node-lint: Biome's lint and format check on every JavaScript and TypeScript file
node-lint: node-setup
	node/node_modules/.bin/biome check

## node-test: tsc on the types, node --test, and the packed types checked by attw
node-test: node-build
	cd node && npm run typecheck
	cd node && npm test
	@# The packed package's types under every resolution (node10, node16 CJS and ESM, bundler).
	rm -rf target/attw && mkdir -p target/attw
	cd node && npm pack --ignore-scripts --silent --pack-destination ../target/attw > /dev/null
	cd node && npx attw ../target/attw/leat-sdk-*.tgz

## demo-node: the Node quickstart and webhook receivers
demo-node: node-build
	@echo "=== Node loyalty quickstart (examples/loyalty.mjs) ==="
	node examples/loyalty.mjs
	@echo "=== Node local Leat: state, webhooks, typed events (examples/local_leat.mjs) ==="
	node examples/local_leat.mjs
	@echo "=== Node quickstart (examples/quickstart.mjs) ==="
	node examples/quickstart.mjs
	@echo "=== Node webhook receiver (examples/receiver.mjs) ==="
	node examples/receiver.mjs
	@echo "=== Node Express receiver (examples/receiver_express.mjs) ==="
	node examples/receiver_express.mjs

## demo-cli: `leat subscriptions apply` twice and `leat webhooks send` to a receiver, against the mock
# `leat subscriptions apply` twice and `leat webhooks send` to a verifying receiver, against
# the mock server (always: it never touches a real account)
demo-cli:
	@echo "=== Command line (examples/cli-demo.py) ==="
	$(CARGO) build --quiet -p leat-cli --bin leat
	LEAT=$(CURDIR)/target/$(CARGO_BUILD_TARGET)/debug/leat $(PYTHON) examples/cli-demo.py

## dist: every artifact users install into dist/: wheel, sdist, npm tarballs, .crate files
# every artifact users install, built as the release workflow builds them, into dist/: the
# manylinux_2_17 abi3 wheel, the sdist, the npm main package and its linux-x64-gnu platform
# package, and a .crate for every publishable crate
.PHONY: dist dist-check dist-setup python-wheel python-sdist node-addon node-pack crates-package
DIST := $(CURDIR)/dist
# Release builds for packages get their own target directories: zig and the napi cross
# toolchain compile C with other compilers than the host's, which would otherwise rebuild the
# crates that `make test` and `make bench` share.
DIST_TARGET := $(CURDIR)/target/dist
WHEEL_OUT ?= $(CURDIR)/target/wheels
PACK_OUT ?= $(CURDIR)/node
CRATE_OUT ?= $(CURDIR)/target/package

dist:
	rm -rf $(DIST) && mkdir -p $(DIST)
	$(MAKE) --no-print-directory python-wheel python-sdist node-pack crates-package \
		WHEEL_OUT=$(DIST) PACK_OUT=$(DIST) CRATE_OUT=$(DIST)
	@ls -l $(DIST)

## dist-check: installs dist/ as users would and checks it (CPython 3.9-3.13, Node, Bun, Deno, glibc)
# installs dist/ as users would (fresh venvs for every CPython 3.9-3.13 found, the sdist
# compiled, an empty npm project under Node, Bun and Deno) and checks glibc ceilings,
# auditwheel, cargo publish --dry-run, the workflow lint and sizes
dist-check: dist-setup
	$(VPY) scripts/dist_check.py $(DIST)

$(VENV)/.dist-installed: python/requirements-dist.txt $(VENV)/.installed
	$(VPY) -m pip install --quiet -r python/requirements-dist.txt
	touch $@

## dist-setup: zig, auditwheel and actionlint into .venv (python/requirements-dist.txt)
dist-setup: $(VENV)/.dist-installed

## python-wheel: the manylinux_2_17 x86_64 abi3 wheel, built with zig, in WHEEL_OUT
# a manylinux_2_17 x86_64 abi3 wheel (zig links it against glibc 2.17) in WHEEL_OUT
# (target/wheels), with the tag auditwheel finds
python-wheel: dist-setup
	cd python && PATH=$(VENV)/bin:$$PATH CARGO_TARGET_DIR=$(DIST_TARGET)/python \
		$(VENV)/bin/maturin build --release --zig --compatibility manylinux2014 --out $(WHEEL_OUT)
	$(VENV)/bin/auditwheel show $$(ls -t $(WHEEL_OUT)/leat_sdk-*-manylinux*.whl | head -1)

## python-sdist: the source distribution in WHEEL_OUT
# the source distribution (the core, the mock, the binding and Cargo.lock) in WHEEL_OUT
python-sdist: python-setup
	cd python && $(VENV)/bin/maturin sdist --out $(WHEEL_OUT)

## node-addon: the release linux-x64-gnu addon, built against glibc 2.17 (napi-rs cross toolchain)
# the release linux-x64-gnu addon, built against glibc 2.17 with the napi-rs cross toolchain
# (fetched from the npm registry), into node/npm/linux-x64-gnu/
node-addon: node-setup
	cd node && CARGO_TARGET_DIR=$(DIST_TARGET)/node npx napi build --platform --release \
		--use-napi-cross --manifest-path ../bindings/node/Cargo.toml \
		--output-dir npm/linux-x64-gnu --no-js --dts native.d.ts

## node-pack: the npm tarballs of leat-sdk and @leat-sdk/linux-x64-gnu in PACK_OUT
# the npm tarballs of leat-sdk (JavaScript and types) and @leat-sdk/linux-x64-gnu (the addon)
# in PACK_OUT (node/)
node-pack: node-addon
	$(PYTHON) scripts/stage_npm_package.py $(PACK_OUT)
	cd node/npm/linux-x64-gnu && npm pack --silent --pack-destination $(PACK_OUT)

## crates-package: a .crate for every publishable workspace crate, in CRATE_OUT
crates-package:
	$(PYTHON) scripts/package_crates.py $(CRATE_OUT)

## mock: run the mock server (`leat mock`) on port 8787 until Ctrl-C
mock:
	$(CARGO) run --quiet -p leat-cli --bin leat -- mock --port 8787

## fuzz: every fuzz target for FUZZ_SECONDS each (default 60); crashes land in fuzz/artifacts/
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := decode_response webhook_event retry_after arguments durations

fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	mkdir -p fuzz/corpus/decode_response fuzz/corpus/webhook_event
	cp tests/fixtures/responses/* fuzz/corpus/decode_response/
	$(PYTHON) -c "import json,pathlib; [pathlib.Path('fuzz/corpus/webhook_event', str(i)).write_text(c['body']) for i, c in enumerate(json.load(open('tests/vectors/webhook-signatures.json'))['cases'])]"
	cd fuzz && for target in $(FUZZ_TARGETS); do \
		echo "=== fuzz $$target for $(FUZZ_SECONDS) s ==="; \
		log=artifacts/$$target.log; mkdir -p artifacts; \
		RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run -O $$target -- -max_total_time=$(FUZZ_SECONDS) > $$log 2>&1; \
		status=$$?; grep -E "^Done" $$log; \
		if [ $$status -ne 0 ]; then tail -40 $$log; echo "fuzz target $$target FAILED"; exit 1; fi; \
	done

## soak: the fault soak in Rust, Python and Node: nothing lost or duplicated (SOAK_CALLS, SOAK_SEED)
# the fault soak (random seeded faults, thousands of calls) in Rust, Python and Node;
# SOAK_CALLS and SOAK_SEED tune it
soak: python-build node-build
	@echo "=== soak: Rust ==="
	$(CARGO) run --quiet -p leat-sdk --example soak
	@echo "=== soak: Python ==="
	SOAK_CALLS=$${SOAK_CALLS:-800} $(VPY) soak/soak.py
	@echo "=== soak: Node ==="
	node --expose-gc soak/soak.mjs

## bench: release builds, then every benchmark side by side; the report goes to bench/results/
# release builds, then every benchmark against one loopback server; prints one report and
# writes it to bench/results/latest.md (see BENCHMARKS.md)
.PHONY: bench bench-unpinned bench-build bench-deps bench-python bench-wheel bench-node bench-rust
BENCH_BIN_DIR := $(CURDIR)/target/$(CARGO_BUILD_TARGET)/release

bench: bench-build
	BENCH_BIN_DIR=$(BENCH_BIN_DIR) $(VPY) bench/run.py

## bench-unpinned: the same with nothing pinned (as users' processes run); report in latest-unpinned.md
bench-unpinned: bench-build
	BENCH_SERVER_CPU=none BENCH_CLIENT_CPU=none BENCH_BIN_DIR=$(BENCH_BIN_DIR) $(VPY) bench/run.py

## bench-build: the release builds make bench measures
bench-build: bench-python bench-wheel bench-node bench-rust

bench-python: bench-deps
	cd python && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --release --quiet

bench-deps: python-setup
	$(VPY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt

bench-wheel: python-wheel

bench-node:
	cd node && { test -d node_modules || npm ci --no-audit --no-fund; } && npm run --silent build:release
	cd bench/node && npm ci --no-audit --no-fund --silent

bench-rust:
	$(CARGO) build --release --quiet --manifest-path bench/server/Cargo.toml --target-dir $(CURDIR)/target
	$(CARGO) build --release --quiet --manifest-path bench/rust/Cargo.toml --target-dir $(CURDIR)/target
