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
# The same guests as WebAssembly components (WASI 0.2), for the component host: hello and
# capabilities as they are, wasi:cli commands; faults with its exports in wit/tutorial.wit; add,
# strings and hostcall as one component, guests/tutorial, whose world that file also gives.
COMPONENT_GUESTS := hello tutorial faults capabilities
COMPONENT_TARGET := wasm32-wasip2
# ANCHOR: flags
# binaryen lowers the post-MVP features today's Rust emits to what the tutorial's lucetc accepts;
# -g keeps the function names, so that traps and backtraces name the function.
LOWERING := -g --llvm-memory-copy-fill-lowering --signext-lowering --llvm-nontrapping-fptoint-lowering
# Which host function each import not from WASI is bound to: the tutorial host's (the hostcall
# and bench guests'), and migration-lucet's (the callback and ask guests', which only it runs).
HOSTCALL_BINDINGS := src/hello-lucet-runtime/hostcall-bindings.json
# lucetc's default, --target-cpu=native, panics in CPU detection on newer CPUs (see the errata).
LUCETC_FLAGS := --target-cpu=baseline
# ANCHOR_END: flags

# Nothing is found, probed or installed while this file is read: `make help` and `make clean` run no
# git, rustup or cargo. What a target needs is found when it is first used, once per make (`once`:
# the value is kept), and handed to the makes this one runs, which need not find it again. Make
# expands every explicit rule's prerequisites as it reads this file, even their `$$` part: a rule
# whose prerequisites need what is found is a pattern rule (expanded only when used), or names
# them in its recipe.
once = $(eval $1 := $$($2))$($1)
# The Lucet checkout (empty when none is found); an unusable one stops make here. Variables given
# on make's command line do not reach $(shell) by themselves: they are passed on explicitly.
LUCET = $(call once,LUCET,find-lucet)
find-lucet = $(shell LUCET_DIR='$(LUCET_DIR)' LUCET_ALLOW_UNPINNED='$(LUCET_ALLOW_UNPINNED)' XDG_CACHE_HOME='$(XDG_CACHE_HOME)' scripts/lucet-checkout)$(if $(filter 1,$(.SHELLSTATUS)),$(error the Lucet checkout above is unusable; fix it as it says, or unset LUCET_DIR))
ENGINE ?= $(if $(LUCET),lucet,wasmtime)
LUCETC = $(LUCET)/target/release/lucetc
LUCET_HOST = $(LUCET)/target/release/hello-lucet-runtime
LUCET_LOAD = $(LUCET)/target/release/load-lucet
LUCET_MIGRATION = $(LUCET)/target/release/migration-lucet
WASMTIME_HOST := target/release/hello-wasmtime-runtime
COMPONENT_HOST := target/release/hello-component-runtime
WASMTIME_VERSION = $(call once,WASMTIME_VERSION,find-wasmtime-version)
find-wasmtime-version = $(shell awk '/^name = "wasmtime"$$/ { getline; gsub(/"/, ""); print $$3 }' Cargo.lock)
LUCET_VERSION = $(call once,LUCET_VERSION,find-lucet-version)
find-lucet-version = $(if $(LUCET),$(shell git -C $(LUCET) rev-parse --short=7 HEAD))
# What the makes this one runs are told, so that they find nothing again.
FOUND = LUCET=$(LUCET) LUCET_VERSION=$(LUCET_VERSION) WASMTIME_VERSION=$(WASMTIME_VERSION) CACHE=$(CACHE)

# The engine a run uses (ENGINE=lucet|wasmtime|component): its host, its guests and their
# artifacts' extension, its name as every run says it. A target that runs on it checks the choice
# first (`$(CHOSEN)`). `component` is Wasmtime too, running the guests as components.
HOST_lucet = $(LUCET_HOST)
HOST_wasmtime = $(WASMTIME_HOST)
HOST_component = $(COMPONENT_HOST)
HOST = $(HOST_$(ENGINE))
EXT_lucet := so
EXT_wasmtime := cwasm
EXT_component := cwasm
EXT = $(EXT_$(ENGINE))
GUESTS_lucet = $(GUESTS)
GUESTS_wasmtime = $(GUESTS)
GUESTS_component = $(COMPONENT_GUESTS)
BANNER_lucet = Lucet $(LUCET_VERSION) ($(LUCET))
BANNER_wasmtime = Wasmtime $(WASMTIME_VERSION)
BANNER_component = Wasmtime $(WASMTIME_VERSION), components (WASI 0.2)
CHOSEN = $(if $(filter lucet wasmtime component,$(ENGINE)),,$(error ENGINE=$(ENGINE): choose lucet, wasmtime or component))$(if \
  $(filter lucet,$(ENGINE)),$(if $(LUCET),,$(error ENGINE=lucet needs the tutorial's Lucet: run `make lucet` first, or set LUCET_DIR to a checkout it brought up)))
# Said on every run and test without a checkout.
NO_LUCET = $(if $(LUCET),,NOTE: no Lucet checkout found, so Lucet is skipped and Wasmtime, the default engine, runs. \
  To run on Lucet: make lucet (once; it brings up the tutorial's Lucet), then the same command again.)
# Tools, pinned, in the per-user cache (builds that `make clean` keeps): mdBook; hyperfine, which
# times whole processes in make bench; the Wasmtime CLIs make bench compares the hosts with.
CACHE = $(call once,CACHE,find-cache)
find-cache = $(shell XDG_CACHE_HOME='$(XDG_CACHE_HOME)' scripts/lucet-checkout --cache)
MDBOOK_VERSION := 0.5.4
MDBOOK = $(CACHE)/mdbook-$(MDBOOK_VERSION)/bin/mdbook
HYPERFINE_VERSION := 1.19.0
HYPERFINE = $(CACHE)/hyperfine-$(HYPERFINE_VERSION)/bin/hyperfine
WASMTIME_CLI = $(CACHE)/wasmtime-cli-$(WASMTIME_VERSION)/bin/wasmtime
WASMTIME_MIN = $(CACHE)/wasmtime-min-$(WASMTIME_VERSION)/bin/wasmtime
WASMTIME_COMPILE := target/release/wasmtime-compile
WASMTIME_LOAD := target/release/load-wasmtime
WASMTIME_STEP3 := target/release/step3-wasmtime
WASMTIME_MIGRATION := target/release/migration-wasmtime
WASM_OPT := node_modules/.bin/wasm-opt
WASM_AS := node_modules/.bin/wasm-as
NPM_INSTALLED := node_modules/.package-lock.json
# The project's Rust (rust-toolchain.toml, with its wasm32-wasip1 and wasm32-wasip2 targets), installed by `make setup`
# when missing, also where rustup would not do it by itself (RUSTUP_AUTO_INSTALL=0).
RUST_TOOLCHAIN = $(call once,RUST_TOOLCHAIN,find-rust-toolchain)
find-rust-toolchain = $(shell sed -n 's/^channel = "\(.*\)"$$/\1/p' rust-toolchain.toml)
# Crates built inside the Lucet checkout: the tutorial's host (with the article's step-3 host, its fixes marked),
# the benchmark's Lucet half with the cases both benchmarks share, and what both hosts share, placed
# beside them.
LUCET_HOST_CRATE := src/hello-lucet-runtime
HOST_CORE := src/host-core src/load-driver
LUCET_BENCH_CRATES := src/bench-cases src/bench-lucet
LUCET_CRATES := $(HOST_CORE) $(LUCET_HOST_CRATE) $(LUCET_BENCH_CRATES)

.PHONY: all help lucet lucet-prerequisites lucet-dir setup toolchain engines artifacts errata-hosts errata-toolchains all-engines test transcripts-update faults capabilities bench load bench-prerequisites errata docs book book-prerequisites load-report bench-report lucet-unplace clean bench-lucet fuzz-diff fuzz
## make all         set up, build, AOT-compile and run hello (prints Hello, Lucet!)
all: run-hello

# What `make help` prints: the `##` lines above the targets, in this file's order.
help:
	@sed -n 's/^## //p' $(firstword $(MAKEFILE_LIST))
	@echo "ENGINE=lucet|wasmtime|component picks the engine (default: lucet when a checkout is found; component: Wasmtime on the guests as components)"

# Prerequisites: Lucet at the tutorial's commit, brought up once per user (scripts/lucet-bring-up says how).
## make lucet       bring up the tutorial's Lucet once (clone, toolchain, crates, lucetc), in LUCET_DIR or ~/.cache
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

## make setup       the project's Rust with the wasm32-wasip1 and wasm32-wasip2 targets (rustup); binaryen from package-lock.json (npm ci)
setup: toolchain $(NPM_INSTALLED)
toolchain:
	@(for target in $(WASM_TARGET) $(COMPONENT_TARGET); do rustup run $(RUST_TOOLCHAIN) rustc --print target-libdir --target $$target 2>/dev/null | xargs test -d 2>/dev/null || exit 1; done) || \
	  rustup toolchain install $(RUST_TOOLCHAIN) --profile minimal --target $(WASM_TARGET) --target $(COMPONENT_TARGET) --component clippy,rustfmt
$(NPM_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund

# What the project's tools (the tests, make faults, capabilities, errata, bench, load) are told of the
# engines: build/engines.json, written by every make that runs them, read by xtask::engines.
engines:
	@$(shell mkdir -p build)$(file >build/engines.json,$(ENGINES_JSON)):
json-string = "$(subst ",\",$(subst \,\\,$1))"
json-words = [$(call json-string,$(firstword $1))$(foreach word,$(wordlist 2,$(words $1),$1),, $(call json-string,$(word)))]
json-engine = {"key": "$1", "version": "$2", "host": $(call json-string,$3), "load": $(call json-string,$4), "compiler": $(call json-words,$5), "extension": "$(EXT_$1)"$6}
comma := ,
ENGINES_JSON = {"lucet": $(if $(LUCET),$(call json-engine,lucet,$(LUCET_VERSION),$(LUCET_HOST),$(LUCET_LOAD),$(LUCETC_WASI),$(comma) "checkout": $(call json-string,$(LUCET))),null), \
  "wasmtime": $(call json-engine,wasmtime,$(WASMTIME_VERSION),$(CURDIR)/$(WASMTIME_HOST),$(CURDIR)/$(WASMTIME_LOAD),$(CURDIR)/$(WASMTIME_COMPILE)), \
  "component": $(call json-engine,component,$(WASMTIME_VERSION),$(CURDIR)/$(COMPONENT_HOST),,$(CURDIR)/$(WASMTIME_COMPILE)), \
  "wasmtime_cli": $(call json-string,$(WASMTIME_CLI)), "wasmtime_min": $(call json-string,$(WASMTIME_MIN)), "hyperfine": $(call json-string,$(HYPERFINE))}

# Step 1: the guest, compiled by cargo.
# ANCHOR: guest
target/$(WASM_TARGET)/release/%.wasm: $$(shell find guests/$$* -type f) Cargo.toml | toolchain
	cargo build --release --target $(WASM_TARGET) -p $*
	@touch $@
# ANCHOR_END: guest
# The same, for wasm32-wasip2: cargo's output is a component (Rust's linker for the target makes
# one, with the exports wit-bindgen generated from wit/).
# ANCHOR: component-guest
target/$(COMPONENT_TARGET)/release/%.wasm: $$(shell find guests/$$* wit -type f) Cargo.toml | toolchain
	cargo build --release --target $(COMPONENT_TARGET) -p $*
	@touch $@
# ANCHOR_END: component-guest

# Today's Rust output, lowered to the WebAssembly lucetc 51fb1ed reads.
# ANCHOR: lowering
build/wasm/%.wasm: target/$(WASM_TARGET)/release/%.wasm | $(NPM_INSTALLED)
	@mkdir -p $(@D)
	$(WASM_OPT) $(LOWERING) $< -o $@
# ANCHOR_END: lowering

# Step 2: AOT compilation (what `lucetc-wasi` does: lucetc with the WASI bindings).
# ANCHOR: aot
LUCETC_WASI = $(LUCETC) $(LUCETC_FLAGS) --bindings $(LUCET)/lucet-wasi/bindings.json --bindings $(HOSTCALL_BINDINGS)
# ($$ : the Lucet checkout is found when a .so is made, not while this file is read.)
build/lucet/%.so: build/wasm/%.wasm $$(LUCETC) $(HOSTCALL_BINDINGS)
	@mkdir -p $(@D)
	$(LUCETC_WASI) $< -o $@
build/wasmtime/%.cwasm: build/wasm/%.wasm $(WASMTIME_COMPILE)
	@mkdir -p $(@D)
	$(WASMTIME_COMPILE) $< -o $@
# ANCHOR_END: aot
# A component needs no lowering: wasmtime-compile sees it is one and compiles it as a component.
# ANCHOR: component-aot
build/component/%.cwasm: target/$(COMPONENT_TARGET)/release/%.wasm $(WASMTIME_COMPILE)
	@mkdir -p $(@D)
	$(WASMTIME_COMPILE) $< -o $@
# ANCHOR_END: component-aot
# make load's (and its transcripts'): for the pooling allocator without copy-on-write memories,
# which loads only a .cwasm compiled so (load-wasmtime --config no-memory-init-cow takes
# build/wasmtime/faults.<config>.cwasm).
build/wasmtime/%.no-memory-init-cow.cwasm: build/wasm/%.wasm $(WASMTIME_COMPILE)
	@mkdir -p $(@D)
	$(WASMTIME_COMPILE) --no-memory-init-cow $< -o $@

# The migration chapter's: a module with a start function, which Rust does not emit, assembled
# from its text by binaryen; a guest compiled with lucetc's instruction counting (Lucet's fuel).
# ANCHOR: migration
build/wasm/start.wasm: guests/migration/start.wat | $(NPM_INSTALLED)
	@mkdir -p $(@D)
	$(WASM_AS) $< -o $@
build/lucet/%.counted.so: build/wasm/%.wasm $$(LUCETC) $(HOSTCALL_BINDINGS)
	@mkdir -p $(@D)
	$(LUCETC_WASI) --count-instructions $< -o $@
# ANCHOR_END: migration
MIGRATION_GUESTS := migration callback ask
MIGRATION_lucet = $(LUCET_MIGRATION) $(MIGRATION_GUESTS:%=build/lucet/%.so) build/lucet/migration.counted.so build/lucet/start.so
MIGRATION_wasmtime = $(WASMTIME_MIGRATION) $(WASMTIME_ASYNC) $(MIGRATION_GUESTS:%=build/wasm/%.wasm) build/wasm/start.wasm
# Its yield example on Wasmtime: a crate of its own, for Wasmtime's async feature, which the
# tutorial's host does without; cargo builds Wasmtime once more for it.
# ANCHOR: async
WASMTIME_ASYNC := target/release/async-wasmtime
$(WASMTIME_ASYNC): $$(shell find src/async-wasmtime src/host-core -type f) Cargo.toml Cargo.lock
	cargo build --release -p async-wasmtime
	@touch $@
# ANCHOR_END: async

# Signed modules (Lucet's own answer to foreign artifacts): lucetc makes a key pair once, then
# signs what it compiles; the host loads it with --verify-with the public key.
# ANCHOR: sign
SIGNING_KEY := build/keys/lucet.sk
PUBLIC_KEY := build/keys/lucet.pk
build/keys/%.pk build/keys/%.sk: | $$(LUCETC)
	@mkdir -p $(@D)
	$(LUCETC) --signature-keygen --signature-pk $(PUBLIC_KEY) --signature-sk raw:$(SIGNING_KEY)
build/lucet/%.signed.so: build/wasm/%.wasm $$(LUCETC) $(HOSTCALL_BINDINGS) $(SIGNING_KEY)
	$(LUCETC_WASI) --signature-create --signature-sk raw:$(SIGNING_KEY) $< -o $@
# ANCHOR_END: sign

# Step 3: the hosts. Lucet's is built inside the checkout (`$*`), with Lucet's toolchain and lockfile.
# ANCHOR: host
%/target/release/hello-lucet-runtime %/target/release/load-lucet %/target/release/migration-lucet: $$(shell find $(LUCET_HOST_CRATE) $(HOST_CORE) -type f)
	scripts/lucet-workspace place $* $(HOST_CORE) $(LUCET_HOST_CRATE)
	cd $*/$(LUCET_HOST_CRATE) && cargo build --release
	@touch $*/target/release/hello-lucet-runtime $*/target/release/load-lucet $*/target/release/migration-lucet
# ANCHOR_END: host
# Wasmtime's host with its AOT compiler, which the first run needs; each of the crate's other
# executables (make load's, the article's step 3 translated) when it is needed: each links all of
# Wasmtime anew.
WASMTIME_HOST_SRC = $$(shell find src/hello-wasmtime-runtime $(HOST_CORE) -type f) Cargo.toml Cargo.lock
target/%/hello-wasmtime-runtime target/%/wasmtime-compile: $(WASMTIME_HOST_SRC)
	cargo build --release -p hello-wasmtime-runtime --bin $(notdir $(WASMTIME_HOST)) --bin $(notdir $(WASMTIME_COMPILE))
	@touch $(WASMTIME_HOST) $(WASMTIME_COMPILE)
target/%-wasmtime: $(WASMTIME_HOST_SRC)
	cargo build --release -p hello-wasmtime-runtime --bin $(@F)
	@touch $@
# The component host: the Wasmtime host's engine with the component model, WASI 0.2 and the host
# function of wit/tutorial.wit.
target/%/hello-component-runtime: $$(shell find src/hello-component-runtime src/hello-wasmtime-runtime $(HOST_CORE) wit -type f) Cargo.toml Cargo.lock
	cargo build --release -p hello-component-runtime
	@touch $@

# The chosen engine's host and guests (a make told what this one found makes them).
artifacts: setup
	@$(MAKE) --no-print-directory $(FOUND) ENGINE=$(ENGINE) $(CHOSEN)$(HOST) $(patsubst %,build/$(ENGINE)/%.$(EXT),$(GUESTS_$(ENGINE))) \
	  $(if $(filter lucet,$(ENGINE)),build/lucet/hello.signed.so)

# The errata's host on crates.io's Lucet 0.6.1;
# and E3's toolchains: nightly cargo resolves as of the article's date, 2021's stable Rust builds.
ERRATA_TOOLCHAINS := nightly 1.51.0
errata-hosts: target/release/crates-io-lucet-host errata-toolchains
errata-toolchains:
	for toolchain in $(ERRATA_TOOLCHAINS); do rustup run $$toolchain cargo --version >/dev/null 2>&1 || rustup toolchain install $$toolchain --profile minimal; done
target/%/crates-io-lucet-host: $$(shell find src/errata/crates-io-lucet-host -type f) Cargo.lock
	cargo build --release -p crates-io-lucet-host
	@touch $@

# Steps 4 and 5 and Going further, then beyond the article: run each guest from the host.
## make run-hello | run-add | run-custom   run one step of the tutorial
## make run-hostcall | run-strings [NAME=...]   the guest calls the host; strings both ways
## make run-signed  Lucet: sign hello with lucetc (key pair in build/keys) and run it verified
# On components, add, strings and hostcall are one guest, guests/tutorial, and the host function is
# called from its export `hostcall`; a component's entries are its WIT exports, so the custom
# entry, Lucet's `main` aside, is no step of its own.
ON_COMPONENT = $(if $(filter component,$(ENGINE)),$1,$2)
run-hello: MODULE := hello
run-add: MODULE = $(call ON_COMPONENT,tutorial,add)
run-add: ENTRY := add 5 3
run-custom: MODULE = $(if $(filter component,$(ENGINE)),$(error make run-custom: a component's entries are its WIT exports (wit/tutorial.wit); try make ENGINE=component run-add),custom-entry)
run-custom: ENTRY := hello
run-hostcall: MODULE = $(call ON_COMPONENT,tutorial,hostcall)
run-hostcall: ENTRY = $(call ON_COMPONENT,hostcall)
run-strings: MODULE = $(call ON_COMPONENT,tutorial,strings)
NAME := Lucet
run-strings: ENTRY := --strings greet '$(NAME)'
run-signed: MODULE := hello.signed
run-signed: ENTRY := --verify-with $(PUBLIC_KEY)
run-signed: SIGNED_ONLY = $(if $(filter lucet,$(ENGINE)),,$(error make run-signed: signed modules are Lucet's (lucetc signs, the runtime verifies); run make lucet first))
# (A rule by pattern, whose prerequisites are expanded only when one runs.)
STEP = $(if $(MODULE),,$(error there is no make $@; make help lists the targets))
run-%: setup $$(STEP) $$(SIGNED_ONLY) $$(CHOSEN) $$(HOST) build/$$(ENGINE)/$$(MODULE).$$(EXT)
	@$(if $(NO_LUCET),echo "$(NO_LUCET)" >&2)
	@echo "[$(BANNER_$(ENGINE))] $(strip $(notdir $(HOST)) build/$(ENGINE)/$(MODULE).$(EXT) $(ENTRY))" >&2
	@$(HOST) build/$(ENGINE)/$(MODULE).$(EXT) $(ENTRY)

# Every engine there is: Wasmtime always (on core modules and on components), Lucet when a
# checkout is found.
all-engines: engines
	$(MAKE) $(FOUND) ENGINE=wasmtime artifacts $(WASMTIME_LOAD) build/wasmtime/faults.no-memory-init-cow.cwasm $(WASMTIME_STEP3) $(MIGRATION_wasmtime)
	$(MAKE) $(FOUND) ENGINE=component artifacts
	$(if $(LUCET),$(MAKE) $(FOUND) ENGINE=lucet artifacts errata-hosts $(MIGRATION_lucet))

# Lucet's transcripts are ignored, and so reported as skipped, unless a checkout was found.
## make test        the tests (both engines where a Lucet checkout is found)
test: all-engines book
	scripts/apt-install --if-possible $(BOOK_PACKAGES)
	@$(if $(NO_LUCET),echo "$(NO_LUCET)" >&2)
	cargo clippy -q -p host-core -p load-driver -p bench-cases -p hello-component-runtime -p fuzz-diff --all-targets -- -D warnings
	cargo test -p host-core -p load-driver -p bench-cases -p xtask -p fuzz-diff

# After a change that alters what transcripts print (a Wasmtime bump, say): rewrites those that
# differ with what they printed, keeping their [..], ... and redactions; review with git diff.
## make transcripts-update   rewrite the transcripts whose output changed (review with git diff)
transcripts-update: all-engines
	SNAPSHOTS=overwrite cargo test -p xtask --test transcripts

# Each misbehaving guest on every engine, in a table: what the host said, and whether the next
# instance ran fine; fails if any case escaped.
## make faults      each misbehaving guest on every engine: contained, and the next instance runs
faults: all-engines
	cargo run --release -q -p xtask --bin faults

# Each attempt of guests/capabilities, granted or not, and each escape, on every engine, in a table:
# what the guest got; fails if an escape succeeded or a grant did not hold.
## make capabilities   what a guest may touch, granted or not, and the escapes refused, on every engine
capabilities: all-engines
	cargo run --release -q -p xtask --bin capabilities

# Both engines side by side, with criterion, and whole processes beside the peers, with hyperfine:
# build/bench/report.md (report.ja.md), report.json, chart.svg; with PUBLISH=1 (and not QUICK=1)
# also the report in the Performance chapter. QUICK=1 for a fast pass.
## make bench       both engines side by side (criterion), whole processes beside the peers (hyperfine): build/bench/report.md; QUICK=1 fast; PUBLISH=1 into the book
# ANCHOR: bench
BENCH_ARGS := --warm-up-time 1 --measurement-time $(if $(QUICK),1 --sample-size 10,3)
CRITERION_HOME := $(CURDIR)/build/bench/criterion
# Lucet's benchmarks build apart: Lucet's resolver gives crates they share with lucetc and the hosts
# other features there, so in target/release each build would undo the other's.
LUCET_BENCH_TARGET = $(LUCET)/target/bench
bench: all-engines
	@$(MAKE) --no-print-directory -s $(FOUND) $(HYPERFINE)
	rm -rf $(CRITERION_HOME)
	cd src/bench-wasmtime && CRITERION_HOME=$(CRITERION_HOME)/wasmtime cargo bench -q -- $(BENCH_ARGS)
	$(if $(LUCET),$(MAKE) $(FOUND) bench-lucet)
	QUICK=$(QUICK) PUBLISH=$(PUBLISH) cargo run --release -q -p xtask --bin bench-report
	$(MAKE) docs
bench-lucet:
	scripts/lucet-workspace place $(LUCET) $(LUCET_BENCH_CRATES)
	cd $(LUCET)/src/bench-lucet && CARGO_TARGET_DIR=$(LUCET_BENCH_TARGET) BENCH_ARTIFACTS=$(CURDIR)/build/lucet CRITERION_HOME=$(CRITERION_HOME)/lucet cargo bench -q --offline -- $(BENCH_ARGS)
	CARGO_TARGET_DIR=$(LUCET_BENCH_TARGET) scripts/lucet-benchmarks $(LUCET) $(CRITERION_HOME)/lucet-benchmarks "$$(cargo run -q --release -p xtask --bin bench-report -- --lucet-suite-filter)" $(BENCH_ARGS)
# ANCHOR_END: bench
## make bench-report render the last make bench's report.json again, without measuring (PUBLISH=1 into the book)
bench-report:
	PUBLISH=$(PUBLISH) cargo run --release -q -p xtask --bin bench-report -- --from-report
	$(MAKE) docs
## make bench-prerequisites   install what make bench compares with: the Wasmtime CLIs (cargo), Lucet's suite's WASI C compiler (apt-get)
# The peers are built from crates.io at the hosts' Wasmtime version; wasmtime-min is the CLI with
# nothing but `run`, which loads only what `wasmtime compile` compiled.
bench-prerequisites:
	@$(MAKE) --no-print-directory -s $(FOUND) $(WASMTIME_CLI) $(WASMTIME_MIN)
	scripts/apt-install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
# (Rules by pattern: the cache is found only when one of them is needed.)
%/hyperfine-$(HYPERFINE_VERSION)/bin/hyperfine:
	cargo install --locked --root $*/hyperfine-$(HYPERFINE_VERSION) hyperfine@$(HYPERFINE_VERSION)
%/bin/wasmtime:
	cargo install --locked --root $* wasmtime-cli@$(WASMTIME_VERSION) $(if $(findstring /wasmtime-min-,$*),--no-default-features --features run)
%/mdbook-$(MDBOOK_VERSION)/bin/mdbook:
	cargo install --locked --root $*/mdbook-$(MDBOOK_VERSION) mdbook@$(MDBOOK_VERSION) --no-default-features --features search

# Many instances at once on every engine, each run checked: runs/s by workers, the fault mix on
# every worker, a soak; build/load/report.md (report.ja.md), report.json, chart.svg; with PUBLISH=1
# (and not QUICK=1), when every run went right, also the report in the Performance and faults
# chapters (PUBLISH=failures: even when one did not, as a finding). QUICK=1 for a first look; fails
# if any run went wrong.
## make load        many guests at once on every engine: runs/s by workers, faults under load, a soak; QUICK=1 for a first look; PUBLISH=1 into the book
load: all-engines
	QUICK=$(QUICK) PUBLISH=$(PUBLISH) cargo run --release -q -p xtask --bin load
	$(MAKE) docs

## make load-report render the last make load's report.json again, without measuring (PUBLISH=1 into the book)
load-report:
	PUBLISH=$(PUBLISH) cargo run --release -q -p xtask --bin load -- --from-report
	$(MAKE) docs

## make fuzz-diff   Lucet against Wasmtime on generated modules for FUZZ_SECONDS (default 180): build/fuzz-diff; PUBLISH=1 into the book
# wasm-smith's modules, each compiled by lucetc and wasmtime-compile and run by both hosts' --diff;
# a disagreement no committed finding (fuzz/findings) explains is shrunk into build/fuzz-diff/findings
# and fails the run. FUZZ_SEED=N starts from seed N (a run says its own). Not SECONDS: bash's.
FUZZ_SECONDS ?=
fuzz-diff: engines
	$(if $(LUCET),,$(error make fuzz-diff compares Lucet with Wasmtime: run make lucet first))
	$(MAKE) $(FOUND) all-engines
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) FUZZ_MODULES=$(FUZZ_MODULES) PUBLISH=$(PUBLISH) cargo run --release -q -p fuzz-diff
	$(MAKE) docs

## make fuzz        every in-process fuzz target (cargo-fuzz, libFuzzer: nightly Rust) for FUZZ_SECONDS each (default 60)
# Each starts from its committed corpus (fuzz/corpus/TARGET), copied to build/fuzz so that a run
# leaves the repository as it was; a crash is kept by cargo-fuzz in fuzz/artifacts/TARGET, and once
# fixed, goes to fuzz/regressions/TARGET, which make test replays with the corpus.
CARGO_FUZZ_VERSION := 0.13.2
CARGO_FUZZ = $(CACHE)/cargo-fuzz-$(CARGO_FUZZ_VERSION)/bin/cargo-fuzz
fuzz:
	rustup run nightly cargo --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
	@$(MAKE) --no-print-directory -s $(FOUND) $(CARGO_FUZZ)
	for target in $$(cd fuzz && $(CARGO_FUZZ) list); do \
	  rm -rf build/fuzz/corpus/$$target && mkdir -p build/fuzz/corpus/$$target && cp fuzz/corpus/$$target/* build/fuzz/corpus/$$target/ && \
	  (cd fuzz && RUSTUP_TOOLCHAIN=nightly $(CARGO_FUZZ) run $$target ../build/fuzz/corpus/$$target -- \
	    -max_total_time=$(or $(FUZZ_SECONDS),60) -print_final_stats=1) || exit 1; \
	done
%/cargo-fuzz-$(CARGO_FUZZ_VERSION)/bin/cargo-fuzz:
	cargo install --locked --root $*/cargo-fuzz-$(CARGO_FUZZ_VERSION) cargo-fuzz@$(CARGO_FUZZ_VERSION)

## make errata      reproduce every erratum and check its fix; prints a table (ONLY=E4: one)
errata: all-engines
	cargo run --release -q -p xtask --bin errata -- $(ONLY)

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
book:
	@$(MAKE) --no-print-directory -s $(FOUND) $(MDBOOK)
	$(MDBOOK) build docs -d $(CURDIR)/build/book

# Takes this project's crates out of the checkout's workspace (and tutorial-host, which earlier
# versions placed), and the hosts built from them, so that the next make places and builds them
# again. What `make lucet` made stays: vendor/ (with the cargo configuration of Lucet's builds),
# Lucet's build, the ready marker; no file of Lucet's own was changed.
## make lucet-unplace   take the project's crates (and the hosts built from them) out of the Lucet checkout
lucet-unplace:
	$(if $(LUCET),scripts/lucet-workspace remove $(LUCET) $(LUCET_CRATES) tutorial-host)
	$(if $(LUCET),rm -f $(LUCET_HOST) $(LUCET_LOAD) $(LUCET_MIGRATION) $(LUCET)/target/release/step3 $(LUCET)/target/release/tutorial-host)

## make clean       remove build output and take the host out of the Lucet checkout
clean: lucet-unplace
	cargo clean
	rm -rf build
