//! The tutorial's host, on Wasmtime: the engine's part (the configuration `wasmtime-compile` and
//! the host agree on, loading a `.cwasm`, a store and an instance with WASI and the host
//! functions, the heap limit, Wasmtime's traps in words, the export list), as `host_core::Engine`.
//! The command line and what is done with the guest are `host_core`'s; `main.rs` hands `Wasmtime`
//! to its driver, and `make bench` and `make load` call this too.
use anyhow::{anyhow, bail, Context, Result};
use host_core::artifact;
use host_core::cli::Grants;
use host_core::engine::{self, Settings};
use host_core::guest::{self, Trap};
use host_core::value::{Export, FuncType, ValType, Value};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wasmtime::{
    Caller, Config, Enabled, Engine, Extern, Instance, InstancePre, Linker, Module,
    PoolingAllocationConfig, Precompiled, ResourceLimiter, Store, UpdateDeadline, Val,
    ValType as WasmType,
};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

// ANCHOR: config
/// The configuration artifacts are compiled with: only an engine configured alike loads them.
pub fn config() -> Config {
    config_for(true)
}

/// `config()`, with memories mapped copy-on-write from the module's image (`memory_init_cow`,
/// Wasmtime's default) or not: a `.cwasm` loads only where this is as it was compiled.
pub fn config_for(memory_init_cow: bool) -> Config {
    let mut config = Config::new();
    config.memory_init_cow(memory_init_cow);
    // Lets the host stop a guest that runs too long (`--timeout-ms`): compiled-in checks.
    config.epoch_interruption(true);
    config
}

/// The engine the host runs modules on. It only loads what `wasmtime-compile` compiled, so it
/// makes no compiler (nor probes the CPU for one); `wasmtime-compile` compiles with `config()`.
pub fn engine() -> wasmtime::Result<Engine> {
    Engine::new(config().enable_compiler(false))
}
// ANCHOR_END: config

/// Wasmtime, as the host drives it (`host_core::main`): its engine, configured as `engine()` says.
pub struct Wasmtime {
    engine: Engine,
}

impl Wasmtime {
    pub fn new() -> Result<Wasmtime> {
        Ok(Wasmtime { engine: engine()? })
    }
}

impl engine::Engine for Wasmtime {
    type Module = Module;
    type Guest = WasmtimeGuest;

    fn load(&self, path: &Path, verify_with: Option<&Path>) -> Result<Module> {
        unsigned(verify_with)?;
        load(&self.engine, path)
    }

    fn exports(&self, module: &Module) -> Result<Vec<Export>> {
        exports(module)
    }

    fn export_type(&self, module: &Module, name: &str) -> Result<Option<FuncType>> {
        match module.get_export(name).as_ref().and_then(|ty| ty.func()) {
            Some(func) => Ok(Some(func_type(func)?)),
            None => Ok(None),
        }
    }

    fn default_heap(&self, module: &Module) -> usize {
        default_heap_memory_size(module)
    }

    // ANCHOR: instance
    /// The module with its imports resolved (from which each instance is made), and an instance.
    fn instantiate(&self, module: &Module, settings: &Settings) -> Result<WasmtimeGuest> {
        WasmtimeGuest::new(pre(module)?, settings)
    }
    // ANCHOR_END: instance
}

// ANCHOR: pooling
/// An engine whose instances come from slots reserved up front, `instances` of them (Wasmtime's
/// pooling allocator), with `knobs` set: `chosen()` unless a measurement asks otherwise. Wasmtime
/// refuses a knob the machine cannot honour (`PAGEMAP_SCAN` before Linux 6.7, memory protection
/// keys without PKU).
pub fn pooling_engine(instances: u32, knobs: &Pooling) -> Result<Engine> {
    // Slots waiting for a batch's decommit are not free: `decommit_batch_size` says up to
    // min(CPUs, 16) × (batch − 1) may wait, besides the slots in use.
    let cpus = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(16);
    let waiting = (cpus * (knobs.decommit_batch_size.max(1) - 1)) as u32;
    let slots = instances + waiting;
    let mut pooling = PoolingAllocationConfig::default();
    pooling
        .total_memories(slots)
        .total_tables(slots)
        .total_core_instances(slots)
        .linear_memory_keep_resident(knobs.keep_resident)
        .table_keep_resident(knobs.keep_resident)
        .pagemap_scan(enabled(knobs.pagemap_scan))
        .decommit_batch_size(knobs.decommit_batch_size)
        .memory_protection_keys(enabled(knobs.memory_protection_keys));
    if let Some(slots) = knobs.max_unused_warm_slots {
        pooling.max_unused_warm_slots(slots);
    }
    let mut config = config_for(knobs.memory_init_cow);
    config.enable_compiler(false).allocation_strategy(pooling);
    Ok(Engine::new(&config)?)
}
// ANCHOR_END: pooling

fn enabled(on: bool) -> Enabled {
    if on {
        Enabled::Yes
    } else {
        Enabled::No
    }
}

// ANCHOR: knobs
/// The pooling allocator's knobs that bear on making instances over and over, each in
/// `PoolingAllocationConfig` (and `Config::memory_init_cow`) of Wasmtime 48.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pooling {
    /// `linear_memory_keep_resident` and `table_keep_resident`: bytes of a freed slot reset with
    /// `memset` and kept resident, instead of handed back to the kernel with `madvise`.
    pub keep_resident: usize,
    /// `pagemap_scan`: ask the kernel which pages were touched (Linux 6.7 or later), and reset
    /// only those, up to `keep_resident`.
    pub pagemap_scan: bool,
    /// `decommit_batch_size`: freed slots whose `madvise` waits for a batch this big.
    pub decommit_batch_size: usize,
    /// `max_unused_warm_slots`, where it is not Wasmtime's default (100).
    pub max_unused_warm_slots: Option<u32>,
    /// `Config::memory_init_cow`: memories mapped copy-on-write from the module's image; off, the
    /// data is copied in (the `.cwasm` must be compiled with it off too).
    pub memory_init_cow: bool,
    /// `memory_protection_keys`: slots packed closer, told apart by PKU keys (Intel, some AMD).
    pub memory_protection_keys: bool,
}

/// Each configuration `make load` measures, by name. The first is the one the project used before
/// these knobs were measured: Wasmtime's defaults.
pub const POOLINGS: [(&str, Pooling); 11] = [
    ("defaults", DEFAULTS),
    (
        "keep-resident-64k",
        Pooling {
            keep_resident: 64 << 10,
            ..DEFAULTS
        },
    ),
    (
        "keep-resident-1m",
        Pooling {
            keep_resident: 1 << 20,
            ..DEFAULTS
        },
    ),
    (
        "keep-resident-64k+pagemap-scan",
        Pooling {
            keep_resident: 64 << 10,
            pagemap_scan: true,
            ..DEFAULTS
        },
    ),
    (
        "keep-resident-1m+pagemap-scan",
        Pooling {
            keep_resident: 1 << 20,
            pagemap_scan: true,
            ..DEFAULTS
        },
    ),
    (
        "keep-resident-16m+pagemap-scan",
        Pooling {
            keep_resident: 16 << 20,
            pagemap_scan: true,
            ..DEFAULTS
        },
    ),
    (
        "decommit-batch-64",
        Pooling {
            decommit_batch_size: 64,
            ..DEFAULTS
        },
    ),
    (
        "max-unused-warm-slots-0",
        Pooling {
            max_unused_warm_slots: Some(0),
            ..DEFAULTS
        },
    ),
    (
        "keep-resident-1m+pagemap-scan+warm-0",
        Pooling {
            keep_resident: 1 << 20,
            pagemap_scan: true,
            max_unused_warm_slots: Some(0),
            ..DEFAULTS
        },
    ),
    (
        "no-memory-init-cow",
        Pooling {
            memory_init_cow: false,
            ..DEFAULTS
        },
    ),
    (
        "memory-protection-keys",
        Pooling {
            memory_protection_keys: true,
            ..DEFAULTS
        },
    ),
];

const DEFAULTS: Pooling = Pooling {
    keep_resident: 0,
    pagemap_scan: false,
    decommit_batch_size: 1,
    max_unused_warm_slots: None,
    memory_init_cow: true,
    memory_protection_keys: false,
};

/// The configuration `load-wasmtime` and the pooling benchmark use: the one `make load` measured
/// fastest at 2 workers with its p99 within 3 × its p50 (`CHOSEN`). Where the kernel has no
/// `PAGEMAP_SCAN` (before Linux 6.7), the one the same rule picks of those that need neither the
/// scan nor a `.cwasm` of their own (`FALLBACK`).
pub fn chosen() -> (&'static str, Pooling) {
    let name = match PoolingAllocationConfig::is_pagemap_scan_available() {
        true => CHOSEN,
        false => FALLBACK,
    };
    pooling(name).expect("CHOSEN and FALLBACK name configurations of POOLINGS")
}

/// See `chosen`.
pub const CHOSEN: &str = "keep-resident-1m+pagemap-scan+warm-0";
/// See `chosen`: a megabyte kept resident without the scan is slower than Wasmtime's defaults, 64
/// KiB about even with them at 1 worker and faster at 2.
pub const FALLBACK: &str = "keep-resident-64k";

/// The configuration named `name`, of `POOLINGS`.
pub fn pooling(name: &str) -> Option<(&'static str, Pooling)> {
    POOLINGS.iter().copied().find(|(known, _)| *known == name)
}
// ANCHOR_END: knobs

// ANCHOR: wasi
/// What a store holds for its guest: the WASI context, and its `Guard` (the heap limit, and
/// whether the guest is to be stopped: see `stopper`).
pub struct Host {
    pub wasi: WasiP1Ctx,
    pub guard: Guard,
}

impl Host {
    /// What the host's command line grants the guest, with stdio (see `wasi`).
    pub fn granted(grants: &Grants, heap_limit: usize) -> Result<Host> {
        Ok(Host::new(wasi(grants)?, heap_limit))
    }

    pub fn new(wasi: WasiP1Ctx, heap_limit: usize) -> Host {
        Host {
            wasi,
            guard: Guard::new(heap_limit),
        }
    }
}

/// WASI (preview 1) that gives the guest what `grants` says (see `wasi_builder`).
pub fn wasi(grants: &Grants) -> Result<WasiP1Ctx> {
    Ok(wasi_builder(grants)?.build_p1())
}

/// WASI's context as `grants` say: the guest's arguments, its environment, the directories it may
/// open (`FsPerms::ReadOnly` for `--dir-readonly`), the host's stdio. Built for preview 1 here,
/// for WASI 0.2 by the component host: the grants are the same.
pub fn wasi_builder(grants: &Grants) -> Result<WasiCtxBuilder> {
    let mut builder = WasiCtxBuilder::new();
    if grants.stdio {
        builder.inherit_stdio();
    }
    builder.args(&grants.argv);
    for (name, value) in &grants.env {
        builder.env(name, value);
    }
    for dir in &grants.dirs {
        let perms = match dir.writable {
            true => FsPerms::ReadWrite,
            false => FsPerms::ReadOnly,
        };
        builder
            .preopened_dir(&dir.host, &dir.guest, perms)
            .map_err(anyhow::Error::from)
            .with_context(|| format!("--dir {}", dir.host.display()))?;
    }
    Ok(builder)
}
// ANCHOR_END: wasi

impl Guarded for Host {
    fn guard(&mut self) -> &mut Guard {
        &mut self.guard
    }
}

/// What a store's host keeps to stop its guest: the heap limit, and whether the guest is to be
/// stopped (see `stopper`). The core host's and the component host's stores alike.
pub struct Guard {
    pub heap_limit: HeapLimit,
    stop: Arc<AtomicBool>,
}

impl Guard {
    pub fn new(heap_limit: usize) -> Guard {
        Guard {
            heap_limit: HeapLimit {
                limit: heap_limit,
                stop: true,
            },
            stop: Arc::default(),
        }
    }
}

/// A store's data with a `Guard`: what `store` and `stopper` need of it.
pub trait Guarded: 'static {
    fn guard(&mut self) -> &mut Guard;
}

pub const CWASM: artifact::Kind = artifact::Kind {
    what: "a .cwasm made by wasmtime-compile",
    compiler: "wasmtime-compile",
    build: "make build/wasmtime/NAME.cwasm",
    elf_type: None,
};

// ANCHOR: load
/// The module at `path`, checked first for what can be seen without loading it.
pub fn load(engine: &Engine, path: &Path) -> Result<Module> {
    artifact::check(path, &CWASM)?;
    // SAFETY: wasmtime-compile wrote it with the same engine configuration (Wasmtime checks that),
    // and it was not tampered with (nothing can check that: load only what you compiled).
    let loaded = unsafe { Module::deserialize_file(engine, path) };
    loaded.map_err(|error| load_error(error, path, Precompiled::Module))
}
// ANCHOR_END: load

// ANCHOR: linker
/// WASI (preview 1) and the host functions the project's guests import.
pub fn linker(engine: &Engine) -> Result<Linker<Host>> {
    let mut linker: Linker<Host> = Linker::new(engine);
    p1::add_to_linker_sync(&mut linker, |host| &mut host.wasi)?;
    linker.func_wrap("hello_host", "log", hostcall_log)?;
    linker.func_wrap("hello_host", "nop", || 0i32)?;
    Ok(linker)
}
// ANCHOR_END: linker

/// `module` with its imports resolved by `linker`: `InstancePre`, ready for any number of instances.
pub fn pre(module: &Module) -> Result<InstancePre<Host>> {
    let pre = linker(module.engine())?.instantiate_pre(module);
    pre.map_err(anyhow::Error::from)
}

/// The heap limit a guest gets unless told otherwise: the initial size of its memory.
pub fn default_heap_memory_size(module: &Module) -> usize {
    // Its memory's, exported or not (in wasm pages of 64 KiB: the module has no other size).
    let pages = module.resources_required().max_initial_memory_size;
    (pages.unwrap_or(0) * 65536) as usize
}

// ANCHOR: store
/// A store for one instance of `engine`'s, holding `host`.
pub fn store<T: Guarded>(engine: &Engine, host: T) -> Store<T> {
    let mut store = Store::new(engine, host);
    store.limiter(|host| &mut host.guard().heap_limit);
    // The guest's compiled-in checks call back once the engine's epoch moves on. The epoch is the
    // engine's, shared by every store: each asks whether it is its own guest that is to stop.
    store.set_epoch_deadline(1);
    store.epoch_deadline_callback(|mut store| {
        match store.data_mut().guard().stop.load(Ordering::SeqCst) {
            true => Ok(UpdateDeadline::Interrupt),
            false => Ok(UpdateDeadline::Continue(1)),
        }
    });
    store
}

/// Readies `store` for a call that may have to be stopped; what stops that call's guest from
/// another thread, and no other store's.
pub fn stopper<T: Guarded>(store: &mut Store<T>) -> impl FnOnce() + Send + 'static {
    let stop = store.data_mut().guard().stop.clone();
    stop.store(false, Ordering::SeqCst);
    store.set_epoch_deadline(1);
    let engine = store.engine().clone();
    move || {
        stop.store(true, Ordering::SeqCst);
        engine.increment_epoch();
    }
}
// ANCHOR_END: store

// ANCHOR: instantiate
/// An instance of `pre`'s module in a store of its own, holding `host`: `InstancePre` is the
/// module with its imports already resolved by the linker, ready for any number of instances.
pub fn instantiate(pre: &InstancePre<Host>, host: Host) -> Result<(Store<Host>, Instance)> {
    let mut store = store(pre.module().engine(), host);
    // A trap in the module's start function, if it has one, in the host's words (`fault`).
    let instance = pre
        .instantiate(&mut store)
        .map_err(|error| fault(error, None))?;
    Ok((store, instance))
}
// ANCHOR_END: instantiate

// ANCHOR: limiter
/// Stops a guest whose memory would grow past `limit` bytes (Lucet's `terminate_on_heap_oom`);
/// unless `stop` is false (`--diff`): then the growth fails, `memory.grow` returning -1, as the
/// spec has it.
pub struct HeapLimit {
    pub limit: usize,
    pub stop: bool,
}

impl ResourceLimiter for HeapLimit {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.limit && !self.stop {
            return Ok(false);
        }
        if desired > self.limit {
            let wanted = Some(desired);
            return Err(wasmtime::Error::new(Trap::HeapLimit {
                limit: self.limit,
                wanted,
            }));
        }
        Ok(true)
    }

    fn table_growing(&mut self, _: usize, _: usize, _: Option<usize>) -> wasmtime::Result<bool> {
        Ok(true)
    }
}
// ANCHOR_END: limiter

// ANCHOR: hostcall
/// `hello_host.log`, the import the hostcall guest calls (linked by `Linker::func_wrap` in `linker`).
fn hostcall_log(mut caller: Caller<'_, Host>, ptr: u32, len: u32) -> wasmtime::Result<i32> {
    let memory = match caller.get_export("memory") {
        Some(Extern::Memory(memory)) => memory,
        _ => return Err(wasmtime::Error::msg("log: the guest exports no memory")),
    };
    guest::log(memory.data_mut(&mut caller), ptr, len).map_err(wasmtime::Error::from_anyhow)
}
// ANCHOR_END: hostcall

/// A Wasmtime instance in its store, with what it takes to make a fresh one.
pub struct WasmtimeGuest {
    store: Store<Host>,
    instance: Instance,
    pre: InstancePre<Host>,
    settings: Settings,
}

// ANCHOR: guest
impl WasmtimeGuest {
    /// An instance of `pre`'s module in a store of its own, given what `settings` grant.
    pub fn new(pre: InstancePre<Host>, settings: &Settings) -> Result<WasmtimeGuest> {
        let mut host = Host::granted(&settings.grants, settings.heap_limit)?;
        host.guard.heap_limit.stop = settings.stop_on_grow_failure;
        let (store, instance) = instantiate(&pre, host)?;
        let settings = settings.clone();
        Ok(WasmtimeGuest {
            store,
            instance,
            pre,
            settings,
        })
    }
}
// ANCHOR_END: guest

impl guest::Guest for WasmtimeGuest {
    // ANCHOR: run
    fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
        let func = self
            .instance
            .get_func(&mut self.store, name)
            .ok_or_else(|| anyhow!("no exported function named {:?}", name))?;
        let args = args.iter().map(val).collect::<Result<Vec<Val>>>()?;
        let mut results = vec![Val::I32(0); func.ty(&self.store).results().len()];
        let timeout = self.settings.timeout;
        match guarded_call(&mut self.store, timeout, |store| {
            func.call(store, &args, &mut results)
        })? {
            Ended::Returned => results.iter().map(value).collect(),
            Ended::Exited => Ok(vec![]),
        }
    }
    // ANCHOR_END: run

    /// The memory exported as `memory` (Rust's name for it), or else the one the module exports.
    fn memory(&mut self) -> Result<&mut [u8]> {
        let memory = match self.instance.get_memory(&mut self.store, "memory") {
            Some(memory) => Some(memory),
            None => self
                .instance
                .exports(&mut self.store)
                .find_map(|export| export.into_memory()),
        };
        let memory = memory.ok_or_else(|| anyhow!("the guest exports no memory"))?;
        Ok(memory.data_mut(&mut self.store))
    }

    fn globals(&mut self) -> Result<Vec<(String, Value)>> {
        let exported: Vec<(String, wasmtime::Global)> = self
            .instance
            .exports(&mut self.store)
            .filter_map(|export| {
                let name = export.name().to_string();
                export.into_global().map(|global| (name, global))
            })
            .collect();
        exported
            .into_iter()
            .map(|(name, global)| Ok((name, value(&global.get(&mut self.store))?)))
            .collect()
    }

    fn fresh_instance(&mut self) -> Result<()> {
        *self = WasmtimeGuest::new(self.pre.clone(), &self.settings)?;
        Ok(())
    }

    fn engine_error(&self, error: &anyhow::Error) -> String {
        engine_error(error)
    }
}

/// Wasmtime's error at the bottom of `error`, as `--report json` names it; a memory growth the
/// `HeapLimit` refused has none of its own (no trap code), only the host's words.
pub fn engine_error(error: &anyhow::Error) -> String {
    match error.root_cause().downcast_ref::<Trap>() {
        Some(Trap::HeapLimit { .. }) => "ResourceLimiter::memory_growing refused".to_string(),
        _ => error.root_cause().to_string(),
    }
}

/// How a call to a guest ended, when it did not fault.
pub enum Ended {
    /// It returned its results.
    Returned,
    /// A WASI command ended with exit status 0 (`proc_exit(0)`, `std::process::exit(0)`): a
    /// success, with no results.
    Exited,
}

/// Runs `call` on `store`'s guest as the hosts do: stopped past `timeout` by the watchdog; a fault
/// in words (`fault`), and a command's exit status 0 a success. The core host's and the component
/// host's calls alike.
pub fn guarded_call<T: Guarded>(
    store: &mut Store<T>,
    timeout: Option<Duration>,
    call: impl FnOnce(&mut Store<T>) -> wasmtime::Result<()>,
) -> Result<Ended> {
    let stop = stopper(store);
    match guest::with_timeout(timeout, stop, || call(store)) {
        Err(error) if matches!(error.downcast_ref::<I32Exit>(), Some(I32Exit(0))) => {
            Ok(Ended::Exited)
        }
        Err(error) => Err(fault(error, timeout)),
        Ok(()) => Ok(Ended::Returned),
    }
}

/// What a Wasmtime host answers `--verify-with`: Lucet's signed modules have no counterpart.
pub fn unsigned(verify_with: Option<&Path>) -> Result<()> {
    match verify_with {
        Some(_) => bail!("--verify-with is Lucet's: Wasmtime has no signed modules (it checks that a .cwasm was compiled by this Wasmtime version with this configuration)"),
        None => Ok(()),
    }
}

/// Wasmtime's error loading the `.cwasm` at `path` as a core module or a component (`wanted`),
/// with what the file is above it when it is the other one.
pub fn load_error(error: wasmtime::Error, path: &Path, wanted: Precompiled) -> anyhow::Error {
    let what = |kind| match kind {
        Precompiled::Module => "a core module's .cwasm",
        _ => "a component's .cwasm",
    };
    let error = anyhow::Error::from(error);
    match Engine::detect_precompiled_file(path) {
        Ok(Some(found)) if found != wanted => {
            let run = match found {
                Precompiled::Module => "run it with hello-wasmtime-runtime, or build the guest for wasm32-wasip2 (make ENGINE=component build/component/NAME.cwasm)",
                _ => "run it with hello-component-runtime (make ENGINE=component)",
            };
            let (found, wanted) = (what(found), what(wanted));
            error.context(format!(
                "{} is {}, not {}: {}",
                path.display(),
                found,
                wanted,
                run
            ))
        }
        _ => error,
    }
}

// ANCHOR: fault
/// A guest's trap: Wasmtime's error, with what happened in words above it.
pub fn fault(error: wasmtime::Error, timeout: Option<Duration>) -> anyhow::Error {
    if let Some(&trap) = error.downcast_ref::<Trap>() {
        // The host's own error (`HeapLimit`'s): said on top once, whether a call's backtrace
        // came over it or not (an instantiation's did not).
        let error = anyhow::Error::from(error);
        return match error.to_string() == trap.to_string() {
            true => error,
            false => error.context(trap),
        };
    }
    let trap = match error.downcast_ref::<wasmtime::Trap>() {
        Some(wasmtime::Trap::UnreachableCodeReached) => Some(Trap::Unreachable),
        Some(wasmtime::Trap::MemoryOutOfBounds) => Some(Trap::OutOfBounds),
        Some(wasmtime::Trap::IntegerDivisionByZero) => Some(Trap::DivideByZero),
        Some(wasmtime::Trap::IntegerOverflow) => Some(Trap::IntegerOverflow),
        Some(wasmtime::Trap::BadConversionToInteger) => Some(Trap::BadConversion),
        Some(wasmtime::Trap::TableOutOfBounds) => Some(Trap::TableOutOfBounds),
        Some(wasmtime::Trap::IndirectCallToNull) => Some(Trap::NullCall),
        Some(wasmtime::Trap::BadSignature) => Some(Trap::BadSignature),
        Some(wasmtime::Trap::StackOverflow) => Some(Trap::StackOverflow),
        Some(wasmtime::Trap::Interrupt) => timeout.map(Trap::TimedOut),
        _ => None,
    };
    let error = anyhow::Error::from(error);
    match trap {
        Some(trap) => error.context(trap),
        None => error,
    }
}
// ANCHOR_END: fault

/// The module's exported functions, from its own type information.
pub fn exports(module: &Module) -> Result<Vec<Export>> {
    let mut exports = Vec::new();
    for export in module.exports() {
        if let Some(func) = export.ty().func() {
            exports.push(Export {
                name: export.name().to_string(),
                ty: func_type(func)?,
            });
        }
    }
    Ok(exports)
}

fn func_type(func: &wasmtime::FuncType) -> Result<FuncType> {
    Ok(FuncType {
        params: func
            .params()
            .map(|ty| val_type(&ty))
            .collect::<Result<_>>()?,
        results: func
            .results()
            .map(|ty| val_type(&ty))
            .collect::<Result<_>>()?,
    })
}

fn val_type(ty: &WasmType) -> Result<ValType> {
    Ok(match ty {
        WasmType::I32 => ValType::I32,
        WasmType::I64 => ValType::I64,
        WasmType::F32 => ValType::F32,
        WasmType::F64 => ValType::F64,
        other => return Err(anyhow!("values of type {} are not supported", other)),
    })
}

/// The engine's value for one of the command line's (the benchmarks' arguments too).
pub fn val(value: &Value) -> Result<Val> {
    Ok(match *value {
        Value::I32(v) => Val::I32(v),
        Value::I64(v) => Val::I64(v),
        Value::F32(v) => Val::F32(v.to_bits()),
        Value::F64(v) => Val::F64(v.to_bits()),
        Value::String(_) => return Err(host_core::value::string_for_core_module()),
    })
}

fn value(val: &Val) -> Result<Value> {
    Ok(match val {
        Val::I32(v) => Value::I32(*v),
        Val::I64(v) => Value::I64(*v),
        Val::F32(bits) => Value::F32(f32::from_bits(*bits)),
        Val::F64(bits) => Value::F64(f64::from_bits(*bits)),
        other => return Err(anyhow!("results of type {:?} are not supported", other)),
    })
}
