# The two commands of the README: `make demo` and `make test`. Everything they need is
# installed by them; nothing has to be set up by hand.

CARGO ?= cargo
PYTHON ?= python3
VENV := $(CURDIR)/.venv
VPY := $(VENV)/bin/python

# One target directory for cargo, maturin and the napi CLI (which always passes --target):
# naming the host triple for all three lets them share every compiled crate.
export CARGO_BUILD_TARGET ?= $(shell rustc -vV | sed -n 's/^host: //p')

.PHONY: demo test demo-rust demo-python demo-node demo-cli rust-lint rust-test python-setup python-build \
	python-test python-wheel node-setup node-build node-test node-pack fuzz soak mock

## demo: the quickstart of every language against the local mock server (or Leat, when
## LEAT_API_KEY is set), then the `leat` command line against the mock
demo: demo-rust demo-python demo-node demo-cli

demo-rust:
	@echo "=== Rust quickstart (examples/quickstart.rs) ==="
	$(CARGO) run --quiet -p leat --example quickstart
	@echo "=== Rust webhook receiver (examples/receiver.rs) ==="
	$(CARGO) run --quiet -p leat --example receiver

demo-python: python-build
	@echo "=== Python quickstart (examples/quickstart.py) ==="
	$(VPY) examples/quickstart.py
	@echo "=== Python webhook receiver (examples/receiver.py) ==="
	$(VPY) examples/receiver.py
	@echo "=== Python FastAPI receiver (examples/receiver_fastapi.py) ==="
	$(VPY) examples/receiver_fastapi.py

## test: format and lint checks, then every suite
test: rust-lint rust-test python-test node-test

rust-lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) test --workspace

$(VENV)/.installed: python/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet -r python/requirements-dev.txt
	touch $@

python-setup: $(VENV)/.installed

python-build: python-setup
	cd python && VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin develop --quiet

python-test: python-build
	cd python && $(VPY) -m pytest -q
	cd python && $(VPY) -m mypy --strict tests/typing_check.py

## python-wheel: a release wheel in target/wheels
python-wheel: python-setup
	cd python && $(VENV)/bin/maturin build --release

node/node_modules/.package-lock.json: node/package-lock.json
	cd node && npm ci --no-audit --no-fund

## node-setup: the Node package's dev dependencies (@napi-rs/cli, typescript)
node-setup: node/node_modules/.package-lock.json

## node-build: the debug addon node/leat-sdk.<platform>.node
node-build: node-setup
	cd node && npm run build

node-test: node-build
	cd node && npm run typecheck
	cd node && npm test

demo-node: node-build
	@echo "=== Node quickstart (examples/quickstart.mjs) ==="
	node examples/quickstart.mjs
	@echo "=== Node webhook receiver (examples/receiver.mjs) ==="
	node examples/receiver.mjs
	@echo "=== Node Express receiver (examples/receiver_express.mjs) ==="
	node examples/receiver_express.mjs

## demo-cli: `leat subscriptions apply` twice and `leat webhooks send` to a verifying
## receiver, against the mock server (always: it never touches a real account)
demo-cli:
	@echo "=== Command line (examples/cli-demo.py) ==="
	$(CARGO) build --quiet -p leat-cli --bin leat
	LEAT=$(CURDIR)/target/$(CARGO_BUILD_TARGET)/debug/leat $(PYTHON) examples/cli-demo.py

## node-pack: a release tarball, node/leat-sdk-<version>.tgz
node-pack: node-setup
	cd node && npm pack

## mock: run the mock server (`leat mock`) on port 8787 until Ctrl-C
mock:
	$(CARGO) run --quiet -p leat-cli --bin leat -- mock --port 8787

## fuzz: every fuzz target for FUZZ_SECONDS each (default 60); crashes land in fuzz/artifacts/
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := decode_response webhook_event retry_after arguments

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

## soak: the fault soak (random seeded faults, thousands of calls) in Rust, Python and Node;
## SOAK_CALLS and SOAK_SEED tune it
soak: python-build node-build
	@echo "=== soak: Rust ==="
	$(CARGO) run --quiet -p leat --example soak
	@echo "=== soak: Python ==="
	SOAK_CALLS=$${SOAK_CALLS:-800} $(VPY) soak/soak.py
	@echo "=== soak: Node ==="
	node --expose-gc soak/soak.mjs

## bench: release builds, then every benchmark against one loopback server; prints one
## report and writes it to bench/results/latest.md (see BENCHMARKS.md)
.PHONY: bench bench-build bench-deps bench-python bench-wheel bench-node bench-rust
BENCH_BIN_DIR := $(CURDIR)/target/$(CARGO_BUILD_TARGET)/release

bench: bench-build
	BENCH_BIN_DIR=$(BENCH_BIN_DIR) $(VPY) bench/run.py

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
