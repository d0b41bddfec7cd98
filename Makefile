# The lucet-runtime tutorial, one step per rule: guest crate → .wasm → lowered .wasm → AOT → host run.
# `make help` lists the targets; the README says what each engine is.
.DELETE_ON_ERROR:
# Keep every intermediate step (.wasm, lowered .wasm) for the next run and for inspection.
.SECONDARY:
.SECONDEXPANSION:
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

GUESTS := hello add custom-entry hostcall strings faults bench capabilities
WASM_TARGET := wasm32-wasip1
# ANCHOR: flags
# binaryen lowers the post-MVP features today's Rust emits to what lucetc 51fb1ed accepts;
# -g keeps the function names, so that traps and backtraces name the function.
LOWERING := -g --llvm-memory-copy-fill-lowering --signext-lowering --llvm-nontrapping-fptoint-lowering
# Which host function each import not from WASI is bound to (the hostcall guest's).
HOSTCALL_BINDINGS := src/hello-lucet-runtime/hostcall-bindings.json
# lucetc's default, --target-cpu=native, panics in CPU detection on newer CPUs (see the errata).
LUCETC_FLAGS := --target-cpu=baseline
# ANCHOR_END: flags

# The Lucet checkout (empty when none is found); an unusable one stops here. Variables given on
# make's command line do not reach $(shell) by themselves: they are passed on explicitly.
# `make lucet` brings one up, so it does not need one found.
ifneq ($(filter-out help lucet lucet-prerequisites book-prerequisites bench-prerequisites,$(or $(MAKECMDGOALS),all)),)
LUCET := $(shell LUCET_DIR='$(LUCET_DIR)' LUCET_ALLOW_UNPINNED='$(LUCET_ALLOW_UNPINNED)' XDG_CACHE_HOME='$(XDG_CACHE_HOME)' scripts/lucet-checkout)
ifeq ($(.SHELLSTATUS),1)
$(error the Lucet checkout above is unusable; fix it as it says, or unset LUCET_DIR)
endif
endif
ENGINE ?= $(if $(LUCET),lucet,wasmtime)
LUCETC := $(LUCET)/target/release/lucetc
LUCET_HOST := $(LUCET)/target/release/hello-lucet-runtime
LUCET_LOAD := $(LUCET)/target/release/load-lucet
WASMTIME_HOST := target/release/hello-wasmtime-runtime
WASMTIME_VERSION := $(shell awk '/^name = "wasmtime"$$/ { getline; gsub(/"/, ""); print $$3 }' Cargo.lock)
LUCET_VERSION := $(if $(LUCET),$(shell git -C $(LUCET) rev-parse --short=7 HEAD))
# What the project's tools are told of the engines (the tests, make faults, errata, bench).
ENGINES_ENV = LUCET=$(LUCET) LUCET_VERSION=$(LUCET_VERSION) WASMTIME_VERSION=$(WASMTIME_VERSION) \
  LUCET_HOST=$(LUCET_HOST) WASMTIME_HOST=$(WASMTIME_HOST) LUCETC_WASI='$(LUCETC_WASI)' WASMTIME_COMPILE=$(WASMTIME_COMPILE)

ifeq ($(ENGINE),lucet)
ifeq ($(LUCET),)
$(error ENGINE=lucet needs Lucet at 51fb1ed: run `make lucet` first, or set LUCET_DIR to a checkout it brought up)
endif
HOST := $(LUCET_HOST)
EXT := so
BANNER := Lucet $(LUCET_VERSION) ($(LUCET))
else ifeq ($(ENGINE),wasmtime)
HOST := $(WASMTIME_HOST)
EXT := cwasm
BANNER := Wasmtime $(WASMTIME_VERSION)
else
$(error ENGINE=$(ENGINE): choose lucet or wasmtime)
endif
# Said on every run and test without a checkout.
NO_LUCET := $(if $(LUCET),,NOTE: no Lucet checkout found, so Lucet is skipped and Wasmtime, the default engine, runs. \
  To run on Lucet: make lucet (once; it brings up Lucet 51fb1ed), then the same command again.)
# Tools, pinned, in the per-user cache (builds that `make clean` keeps): mdBook; hyperfine, which
# times whole processes in make bench; the Wasmtime CLIs make bench compares the hosts with.
CACHE := $(shell XDG_CACHE_HOME='$(XDG_CACHE_HOME)' scripts/lucet-checkout --cache)
MDBOOK_VERSION := 0.5.4
MDBOOK_ROOT := $(CACHE)/mdbook-$(MDBOOK_VERSION)
MDBOOK := $(MDBOOK_ROOT)/bin/mdbook
HYPERFINE_VERSION := 1.19.0
HYPERFINE := $(CACHE)/hyperfine-$(HYPERFINE_VERSION)/bin/hyperfine
WASMTIME_CLI := $(CACHE)/wasmtime-cli-$(WASMTIME_VERSION)/bin/wasmtime
WASMTIME_MIN := $(CACHE)/wasmtime-min-$(WASMTIME_VERSION)/bin/wasmtime
WASMTIME_COMPILE := target/release/wasmtime-compile
WASMTIME_LOAD := target/release/load-wasmtime
WASM_OPT := node_modules/.bin/wasm-opt
NPM_INSTALLED := node_modules/.package-lock.json
# The project's Rust (rust-toolchain.toml), installed when missing, also where rustup would not do
# it by itself (RUSTUP_AUTO_INSTALL=0).
RUST_TOOLCHAIN := $(shell sed -n 's/^channel = "\(.*\)"$$/\1/p' rust-toolchain.toml)
$(if $(shell rustup run $(RUST_TOOLCHAIN) rustc --version 2>/dev/null),,$(shell rustup toolchain install $(RUST_TOOLCHAIN) --profile minimal --target $(WASM_TARGET) --component clippy,rustfmt >&2))
RUST_WASM_STD := $(shell rustc --print sysroot)/lib/rustlib/$(WASM_TARGET)
# Crates built inside the Lucet checkout: the tutorial's host (with the article's step-3 host, its fixes marked),
# the benchmark's Lucet half with the cases both benchmarks share, and what both hosts share, placed
# beside them.
LUCET_HOST_CRATE := src/hello-lucet-runtime
HOST_CORE := src/host-core
LUCET_BENCH_CRATES := src/bench-cases src/bench-lucet
LUCET_CRATES := $(HOST_CORE) $(LUCET_HOST_CRATE) $(LUCET_BENCH_CRATES)
WASMTIME_HOST_SRC := $(shell find src/hello-wasmtime-runtime $(HOST_CORE) -type f)

.PHONY: all help lucet lucet-prerequisites lucet-dir setup artifacts errata-hosts errata-toolchains all-engines run-hello run-add run-custom run-hostcall run-strings run-signed test transcripts-update faults capabilities bench load bench-prerequisites errata docs book book-prerequisites lucet-unplace clean
## make all         set up, build, AOT-compile and run hello (prints Hello, Lucet!)
all: run-hello

# What `make help` prints: the `##` lines above the targets, in this file's order.
help:
	@sed -n 's/^## //p' $(firstword $(MAKEFILE_LIST))
	@echo "ENGINE=lucet|wasmtime picks the engine (default: lucet when a checkout is found)"

# Prerequisites: Lucet at the tutorial's commit, brought up once per user (scripts/lucet-bring-up says how).
## make lucet       bring up Lucet 51fb1ed once (clone, toolchain, crates, lucetc), in LUCET_DIR or ~/.cache
## make lucet-prerequisites   install the Debian packages make lucet needs (apt-get)
# ANCHOR: lucet
lucet:
	scripts/lucet-bring-up
lucet-prerequisites:
	scripts/lucet-bring-up --install-prerequisites
# ANCHOR_END: lucet
## make lucet-dir   print where the Lucet checkout is (for the commands the tutorial types by hand)
lucet-dir:
	@$(if $(LUCET),echo $(LUCET),echo "no Lucet checkout found: run make lucet first" >&2; exit 1)

## make setup       add the wasm32-wasip1 target; binaryen from package-lock.json (npm ci)
setup: $(RUST_WASM_STD) $(NPM_INSTALLED)
$(RUST_WASM_STD):
	rustup target add $(WASM_TARGET)
$(NPM_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund

# Step 1: the guest, compiled by cargo.
# ANCHOR: guest
target/$(WASM_TARGET)/release/%.wasm: $$(shell find guests/$$* -type f) Cargo.toml | $(RUST_WASM_STD)
	cargo build --release --target $(WASM_TARGET) -p $*
	@touch $@
# ANCHOR_END: guest

# Today's Rust output, lowered to the WebAssembly lucetc 51fb1ed reads.
# ANCHOR: lowering
build/wasm/%.wasm: target/$(WASM_TARGET)/release/%.wasm | $(NPM_INSTALLED)
	@mkdir -p $(@D)
	$(WASM_OPT) $(LOWERING) $< -o $@
# ANCHOR_END: lowering

# Step 2: AOT compilation (what `lucetc-wasi` does: lucetc with the WASI bindings).
# ANCHOR: aot
LUCETC_WASI := $(LUCETC) $(LUCETC_FLAGS) --bindings $(LUCET)/lucet-wasi/bindings.json --bindings $(HOSTCALL_BINDINGS)
build/lucet/%.so: build/wasm/%.wasm $(LUCETC) $(HOSTCALL_BINDINGS)
	@mkdir -p $(@D)
	$(LUCETC_WASI) $< -o $@
build/wasmtime/%.cwasm: build/wasm/%.wasm $(WASMTIME_COMPILE)
	@mkdir -p $(@D)
	$(WASMTIME_COMPILE) $< -o $@
# ANCHOR_END: aot

# Signed modules (Lucet's own answer to foreign artifacts): lucetc makes a key pair once, then
# signs what it compiles; the host loads it with --verify-with the public key.
# ANCHOR: sign
SIGNING_KEY := build/keys/lucet.sk
PUBLIC_KEY := build/keys/lucet.pk
$(PUBLIC_KEY) $(SIGNING_KEY) &: | $(LUCETC)
	@mkdir -p $(@D)
	$(LUCETC) --signature-keygen --signature-pk $(PUBLIC_KEY) --signature-sk raw:$(SIGNING_KEY)
build/lucet/%.signed.so: build/wasm/%.wasm $(LUCETC) $(HOSTCALL_BINDINGS) $(SIGNING_KEY)
	$(LUCETC_WASI) --signature-create --signature-sk raw:$(SIGNING_KEY) $< -o $@
# ANCHOR_END: sign

# Step 3: the hosts. Lucet's is built inside the checkout, with Lucet's toolchain and lockfile.
# ANCHOR: host
ifneq ($(LUCET),)
$(LUCET_HOST) $(LUCET_LOAD) &: $(shell find $(LUCET_HOST_CRATE) $(HOST_CORE) -type f)
	scripts/lucet-workspace place $(LUCET) $(HOST_CORE) $(LUCET_HOST_CRATE)
	cd $(LUCET)/$(LUCET_HOST_CRATE) && cargo build --release
	@touch $(LUCET_HOST) $(LUCET_LOAD)
endif
# ANCHOR_END: host
# The host crates' other binaries (the AOT compiler, make load's) are built with them.
$(WASMTIME_HOST) $(WASMTIME_COMPILE) $(WASMTIME_LOAD) &: $(WASMTIME_HOST_SRC) Cargo.toml Cargo.lock
	cargo build --release -p hello-wasmtime-runtime
	@touch $(WASMTIME_HOST) $(WASMTIME_COMPILE) $(WASMTIME_LOAD)

artifacts: setup $(HOST) $(GUESTS:%=build/$(ENGINE)/%.$(EXT)) $(if $(filter lucet,$(ENGINE)),build/lucet/hello.signed.so)

# The errata's host on crates.io's Lucet 0.6.1;
# and E3's toolchains: nightly cargo resolves as of the article's date, 2021's stable Rust builds.
ERRATA_TOOLCHAINS := nightly 1.51.0
errata-hosts: target/release/crates-io-lucet-host errata-toolchains
errata-toolchains:
	for toolchain in $(ERRATA_TOOLCHAINS); do rustup run $$toolchain cargo --version >/dev/null 2>&1 || rustup toolchain install $$toolchain --profile minimal; done
target/release/crates-io-lucet-host: $(shell find src/errata/crates-io-lucet-host -type f) Cargo.lock
	cargo build --release -p crates-io-lucet-host
	@touch $@

# Steps 4 and 5 and Going further, then beyond the article: run each guest from the host.
## make run-hello | run-add | run-custom   run one step of the tutorial
## make run-hostcall | run-strings [NAME=...]   the guest calls the host; strings both ways
## make run-signed  Lucet: sign hello with lucetc (key pair in build/keys) and run it verified
run-hello: MODULE := hello
run-add: MODULE := add
run-add: ENTRY := add 5 3
run-custom: MODULE := custom-entry
run-custom: ENTRY := hello
run-hostcall: MODULE := hostcall
run-strings: MODULE := strings
NAME := Lucet
run-strings: ENTRY := --strings greet '$(NAME)'
run-signed: MODULE := hello.signed
run-signed: ENTRY := --verify-with $(PUBLIC_KEY)
ifeq ($(ENGINE),lucet)
RUN_SIGNED := run-signed
else
run-signed:
	@echo "make run-signed: signed modules are Lucet's (lucetc signs, the runtime verifies); run make lucet first" >&2; exit 2
endif
run-hello run-add run-custom run-hostcall run-strings $(RUN_SIGNED): setup $(HOST) build/$(ENGINE)/$$(MODULE).$(EXT)
	@$(if $(NO_LUCET),echo "$(NO_LUCET)" >&2)
	@echo "[$(BANNER)] $(strip $(notdir $(HOST)) build/$(ENGINE)/$(MODULE).$(EXT) $(ENTRY))" >&2
	@$(HOST) build/$(ENGINE)/$(MODULE).$(EXT) $(ENTRY)

# Every engine there is: Wasmtime always, Lucet when a checkout is found.
all-engines:
	$(MAKE) ENGINE=wasmtime artifacts
	$(if $(LUCET),$(MAKE) ENGINE=lucet artifacts errata-hosts)

# Lucet's transcripts are ignored, and so reported as skipped, unless a checkout was found.
## make test        the tests (both engines where a Lucet checkout is found)
test: all-engines book
	scripts/apt-install --if-possible $(BOOK_PACKAGES)
	@$(if $(NO_LUCET),echo "$(NO_LUCET)" >&2)
	cargo clippy -q -p host-core -p bench-cases --all-targets -- -D warnings
	$(ENGINES_ENV) cargo test -p host-core -p bench-cases -p xtask

# After a change that alters what transcripts print (a Wasmtime bump, say): rewrites those that
# differ with what they printed, keeping their [..], ... and redactions; review with git diff.
## make transcripts-update   rewrite the transcripts whose output changed (review with git diff)
transcripts-update: all-engines
	$(ENGINES_ENV) SNAPSHOTS=overwrite cargo test -p xtask --test transcripts

# Each misbehaving guest on every engine, in a table: what the host said, and whether the next
# instance ran fine; fails if any case escaped.
## make faults      each misbehaving guest on every engine: contained, and the next instance runs
faults: all-engines
	$(ENGINES_ENV) cargo run --release -q -p xtask --bin faults

# Each attempt of guests/capabilities, granted or not, and each escape, on every engine, in a table:
# what the guest got; fails if an escape succeeded or a grant did not hold.
## make capabilities   what a guest may touch, granted or not, and the escapes refused, on every engine
capabilities: all-engines
	$(ENGINES_ENV) cargo run --release -q -p xtask --bin capabilities

# Both engines side by side, with criterion, and whole processes beside the peers, with hyperfine:
# build/bench/report.md (report.ja.md), report.json, chart.svg; with PUBLISH=1 (and not QUICK=1)
# also the report in the Performance chapter. QUICK=1 for a fast pass.
## make bench       both engines side by side (criterion), whole processes beside the peers (hyperfine): build/bench/report.md; QUICK=1 fast; PUBLISH=1 into the book
# ANCHOR: bench
BENCH_ARGS := --warm-up-time 1 --measurement-time $(if $(QUICK),1 --sample-size 10,3)
CRITERION_HOME := $(CURDIR)/build/bench/criterion
# Lucet's benchmarks build apart: Lucet's resolver gives crates they share with lucetc and the hosts
# other features there, so in target/release each build would undo the other's.
LUCET_BENCH_TARGET := $(LUCET)/target/bench
bench: all-engines $(HYPERFINE)
	rm -rf $(CRITERION_HOME)
	cd src/bench-wasmtime && CRITERION_HOME=$(CRITERION_HOME)/wasmtime cargo bench -q -- $(BENCH_ARGS)
ifneq ($(LUCET),)
	scripts/lucet-workspace place $(LUCET) $(LUCET_BENCH_CRATES)
	cd $(LUCET)/src/bench-lucet && CARGO_TARGET_DIR=$(LUCET_BENCH_TARGET) BENCH_ARTIFACTS=$(CURDIR)/build/lucet CRITERION_HOME=$(CRITERION_HOME)/lucet cargo bench -q --offline -- $(BENCH_ARGS)
	CARGO_TARGET_DIR=$(LUCET_BENCH_TARGET) scripts/lucet-benchmarks $(LUCET) $(CRITERION_HOME)/lucet-benchmarks "$$(cargo run -q --release -p xtask --bin bench-report -- --lucet-suite-filter)" $(BENCH_ARGS)
endif
	$(ENGINES_ENV) QUICK=$(QUICK) PUBLISH=$(PUBLISH) HYPERFINE=$(HYPERFINE) WASMTIME_CLI=$(WASMTIME_CLI) WASMTIME_MIN=$(WASMTIME_MIN) cargo run --release -q -p xtask --bin bench-report
	$(MAKE) docs
# ANCHOR_END: bench
## make bench-prerequisites   install what make bench compares with: the Wasmtime CLIs (cargo), Lucet's suite's WASI C compiler (apt-get)
# The peers are built from crates.io at the hosts' Wasmtime version; wasmtime-min is the CLI with
# nothing but `run`, which loads only what `wasmtime compile` compiled.
bench-prerequisites: $(WASMTIME_CLI) $(WASMTIME_MIN)
	scripts/apt-install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
$(HYPERFINE): CRATE := hyperfine@$(HYPERFINE_VERSION)
$(WASMTIME_CLI): CRATE := wasmtime-cli@$(WASMTIME_VERSION)
$(WASMTIME_MIN): CRATE := wasmtime-cli@$(WASMTIME_VERSION) --no-default-features --features run
$(HYPERFINE) $(WASMTIME_CLI) $(WASMTIME_MIN):
	cargo install --locked --root $(dir $(@D)) $(CRATE)

# Many instances at once on every engine, each run checked: runs/s by workers, the fault mix on
# every worker, a soak; build/load/report.md (report.ja.md), report.json, chart.svg; with PUBLISH=1
# (and not QUICK=1), when every run went right, also the report in the Performance and faults
# chapters (PUBLISH=failures: even when one did not, as a finding). QUICK=1 for a first look; fails
# if any run went wrong.
## make load        many guests at once on every engine: runs/s by workers, faults under load, a soak; QUICK=1 for a first look; PUBLISH=1 into the book
load: all-engines
	$(ENGINES_ENV) QUICK=$(QUICK) PUBLISH=$(PUBLISH) cargo run --release -q -p xtask --bin load
	$(MAKE) docs

## make errata      reproduce every erratum and check its fix; prints a table (ONLY=E4: one)
errata: all-engines
	$(ENGINES_ENV) cargo run --release -q -p xtask --bin errata -- $(ONLY)

## make docs        render docs/src (sources with includes) to the readable pages in docs/
docs: book
	cargo run --release -q -p xtask --bin docs

# The book: HTML, and the same pages as Markdown (includes expanded), which `make docs` copies to docs/;
# the tests open it in headless Chromium, which needs a Japanese font for the Japanese pages.
## make book-prerequisites   install Chromium and a Japanese font, which the book's tests use (apt-get)
BOOK_PACKAGES := chromium fonts-noto-cjk
book-prerequisites:
	scripts/apt-install $(BOOK_PACKAGES)
## make book        the HTML book, in build/book/html (mdBook, installed on first use)
book: $(MDBOOK)
	$(MDBOOK) build docs -d $(CURDIR)/build/book
$(MDBOOK):
	cargo install --locked --root $(MDBOOK_ROOT) mdbook@$(MDBOOK_VERSION) --no-default-features --features search

# Takes this project's crates out of the checkout's workspace (and tutorial-host, which earlier
# versions placed), and the hosts built from them, so that the next make places and builds them
# again. What `make lucet` made stays: vendor/ (with the cargo configuration of Lucet's builds),
# Lucet's build, the ready marker; no file of Lucet's own was changed.
## make lucet-unplace   take the project's crates (and the hosts built from them) out of the Lucet checkout
lucet-unplace:
	$(if $(LUCET),scripts/lucet-workspace remove $(LUCET) $(LUCET_CRATES) tutorial-host)
	$(if $(LUCET),rm -f $(LUCET_HOST) $(LUCET_LOAD) $(LUCET)/target/release/step3 $(LUCET)/target/release/tutorial-host)

## make clean       remove build output and take the host out of the Lucet checkout
clean: lucet-unplace
	cargo clean
	rm -rf build
