//! The tutorial's host, on Lucet: the engine's part (load a module, give it a region and an
//! instance with WASI, the host functions, Lucet's faults in words, the export list), as
//! `host_core::Engine`. The command line and what is done with the guest are `host_core`'s;
//! `main.rs` hands `Lucet` to its driver, and `make bench` and `make load` call this too.
use anyhow::{anyhow, bail, Context, Result};
use host_core::artifact;
use host_core::cli::Grants;
use host_core::guest::{self, Trap};
use host_core::value::{Export, FuncType, ValType, Value};
use host_core::{Engine, Settings};
use lucet_module::{ModuleData, SerializedModule, Signature, ValueType, LUCET_MODULE_SYM};
use lucet_runtime::vmctx::Vmctx;
use lucet_runtime::{
    lucet_hostcall, lucet_hostcall_terminate, DlModule, InstanceHandle, Limits, MmapRegion,
    PublicKey, Region, TrapCode, Val,
};
// Brings the module's metadata (heap spec, export signatures) into reach.
use lucet_runtime_internals::module::ModuleInternal;
use lucet_wasi::{WasiCtx, WasiCtxBuilder};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Lucet 51fb1ed, as the host drives it (`host_core::main`).
pub struct Lucet(());

impl Lucet {
    /// The engine, with the symbols its guests look up kept in the executable (`ensure_linked`).
    pub fn new() -> Lucet {
        ensure_linked();
        Lucet(())
    }
}

/// A module `DlModule::load` loaded, and the file it came from, from which its export list is read.
pub struct Loaded {
    module: Arc<DlModule>,
    path: PathBuf,
}

impl Engine for Lucet {
    type Module = Loaded;
    type Guest = LucetGuest;

    fn load(&self, path: &Path, verify_with: Option<&Path>) -> Result<Loaded> {
        // ANCHOR: load
        let module = load(path, verify_with)?;
        // ANCHOR_END: load
        let path = path.to_path_buf();
        Ok(Loaded { module, path })
    }

    fn exports(&self, module: &Loaded) -> Result<Vec<Export>> {
        exports(&module.path)
    }

    fn export_type(&self, module: &Loaded, name: &str) -> Result<Option<FuncType>> {
        match module.module.get_export_func(name) {
            Ok(func) => Ok(Some(func_type(module.module.get_signature(func.id)))),
            Err(lucet_runtime::Error::SymbolNotFound(_)) => Ok(None),
            Err(error) => Err(lucet(error)),
        }
    }

    /// Lucet's own words, which the article quotes (erratum E1): `SymbolNotFound("main")`.
    fn no_such_export(&self, name: &str) -> anyhow::Error {
        lucet(lucet_runtime::Error::SymbolNotFound(name.to_string()))
    }

    fn default_heap(&self, module: &Loaded) -> usize {
        default_heap_memory_size(&module.module)
    }

    // ANCHOR: instance
    /// A region of one slot with the heap limit, and an instance in it.
    fn instantiate(&self, module: &Loaded, settings: &Settings) -> Result<LucetGuest> {
        let region = region(1, settings.heap_limit)?;
        LucetGuest::new(region, module.module.clone(), settings)
    }
    // ANCHOR_END: instance
}

// ANCHOR: ensure_linked
/// Keeps the symbols a guest's shared object looks up in the executable (the runtime's
/// `lucet_vmctx_*`, WASI's and this crate's hostcalls) in a --release build, which would otherwise
/// drop them as unused.
pub fn ensure_linked() {
    lucet_runtime::lucet_internal_ensure_linked();
    lucet_wasi::export_wasi_funcs();
    // As lucet_internal_ensure_linked does for the runtime's: a use the optimizer cannot remove.
    // SAFETY: each read is of the first byte of a function's code, which is mapped readable, and
    // any byte is a valid u8; nothing is called and nothing is written.
    unsafe {
        std::ptr::read_volatile(hostcall_log as *const u8);
        std::ptr::read_volatile(hostcall_nop as *const u8);
    }
}
// ANCHOR_END: ensure_linked

pub const SHARED_OBJECT: artifact::Kind = artifact::Kind {
    what: "a shared object made by lucetc",
    compiler: "lucetc",
    build: "make build/lucet/NAME.so",
    elf_type: Some(3),
};

/// The module, checked first for what can be seen without loading it, and with `--verify-with`, its
/// signature verified (by Lucet, after `dlopen`).
pub fn load(path: &Path, verify_with: Option<&Path>) -> Result<Arc<DlModule>> {
    artifact::check(path, &SHARED_OBJECT)?;
    // ANCHOR: verify
    let dl_module = match verify_with {
        Some(key) => {
            let key = PublicKey::from_file(key)
                .map_err(|error| anyhow!("{:?}", error))
                .with_context(|| format!("reading the public key {}", key.display()))?;
            DlModule::load_and_verify(path, key, true)
        }
        None => DlModule::load(path),
    };
    // ANCHOR_END: verify
    dl_module.map_err(lucet)
}

// ANCHOR: region
/// A region with room for `slots` instances, each with a heap limit of `heap_memory_size` bytes (a
/// multiple of the host page size: erratum E5).
pub fn region(slots: usize, heap_memory_size: usize) -> Result<Arc<MmapRegion>> {
    let limits = limits(heap_memory_size);
    MmapRegion::create(slots, &limits)
        .map_err(lucet)
        .with_context(|| format!("creating a region with {:?}", limits))
}
// ANCHOR_END: region

/// Lucet's default limits, with a heap limit of `heap_memory_size` bytes.
pub fn limits(heap_memory_size: usize) -> Limits {
    Limits::default().with_heap_memory_size(heap_memory_size)
}

// ANCHOR: instantiate
/// An instance of `module` in `region`, with the WASI context `wasi` (see `wasi`). A
/// guest whose `memory.grow` would pass the region's heap limit is stopped (not told -1), as the
/// hosts have it; `LucetGuest` follows its settings (`--diff`: told -1).
pub fn instantiate(
    region: &dyn Region,
    module: &Arc<DlModule>,
    wasi: WasiCtx,
) -> Result<InstanceHandle> {
    let mut instance = region
        .new_instance_builder(module.clone())
        .with_terminate_on_heap_oom(true)
        .build()
        .map_err(lucet)?;
    instance.insert_embed_ctx(wasi);
    Ok(instance)
}
// ANCHOR_END: instantiate

// ANCHOR: wasi
/// A WASI context that gives the guest what `grants` says: its arguments, its environment, the
/// directories it may open, the host's stdio. Read-only directories are refused: wasi-cap-std-sync
/// 0.23's builder has no way to grant one, and granting write instead would give more than asked.
pub fn wasi(grants: &Grants) -> Result<WasiCtx> {
    let mut builder = WasiCtxBuilder::new();
    if grants.stdio {
        builder = builder.inherit_stdio();
    }
    let mut builder = builder.args(&grants.argv)?.envs(&grants.env)?;
    for dir in &grants.dirs {
        if !dir.writable {
            bail!(
                "--dir-readonly {}: Lucet 51fb1ed's WASI builder cannot grant a directory read-only; \
                 grant it read-write with --dir, or run on Wasmtime (ENGINE=wasmtime)",
                dir.host.display()
            );
        }
        // SAFETY: cap-std's "ambient authority" — this host chose the directory to hand out, from
        // its own command line; the guest gets only what is below it.
        let opened = unsafe { cap_std::fs::Dir::open_ambient_dir(&dir.host) }
            .with_context(|| format!("--dir {}", dir.host.display()))?;
        builder = builder.preopened_dir(opened, &dir.guest)?;
    }
    builder.build()
}
// ANCHOR_END: wasi

// ANCHOR: hostcall
/// `hello_host.log`, the import the hostcall guest calls: lucetc binds it to this symbol by
/// `hostcall-bindings.json`; the guest's `.so` finds it in this executable (`-rdynamic`).
#[lucet_hostcall]
#[no_mangle]
pub fn hostcall_log(vmctx: &Vmctx, ptr: u32, len: u32) -> i32 {
    guest::log(&mut vmctx.heap_mut(), ptr, len)
        .unwrap_or_else(|error| lucet_hostcall_terminate!(format!("{:#}", error)))
}
// ANCHOR_END: hostcall

/// `hello_host.nop`, which the bench guest calls: nothing, so that a round trip costs only itself.
#[lucet_hostcall]
#[no_mangle]
pub fn hostcall_nop(_vmctx: &Vmctx) -> i32 {
    0
}

/// A Lucet instance, with the region it lives in and the module it runs.
pub struct LucetGuest {
    /// `None` between dropping an instance and making its successor, and after that failed.
    instance: Option<InstanceHandle>,
    region: Arc<dyn Region>,
    module: Arc<DlModule>,
    settings: Settings,
}

// ANCHOR: guest
impl LucetGuest {
    /// An instance of `module` in `region`, with a WASI context that gives it what `settings` grant.
    pub fn new(
        region: Arc<dyn Region>,
        module: Arc<DlModule>,
        settings: &Settings,
    ) -> Result<LucetGuest> {
        let mut instance = instantiate(&*region, &module, wasi(&settings.grants)?)?;
        instance.set_terminate_on_heap_oom(settings.stop_on_grow_failure);
        // The module's start function, if it has one: the spec runs it as part of instantiation,
        // Lucet leaves it to the embedder (`Instance::run_start`), and refuses other calls before.
        let (timeout, heap_limit) = (settings.timeout, settings.heap_limit);
        instance
            .run_start()
            .map_err(|error| fault(error, timeout, heap_limit))
            .context("running the module's start function")?;
        Ok(LucetGuest {
            instance: Some(instance),
            region,
            module,
            settings: settings.clone(),
        })
    }
}
// ANCHOR_END: guest

impl LucetGuest {
    fn instance(&mut self) -> Result<&mut InstanceHandle> {
        self.instance
            .as_mut()
            .ok_or_else(|| anyhow!("no instance: making a fresh one failed"))
    }
}

impl guest::Guest for LucetGuest {
    // ANCHOR: run
    fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
        let func = self.module.get_export_func(name).map_err(lucet)?;
        let ret_ty = self.module.get_signature(func.id).ret_ty;
        let args = args.iter().map(val).collect::<Result<Vec<Val>>>()?;
        let (timeout, heap_limit) = (self.settings.timeout, self.settings.heap_limit);
        let instance = self.instance()?;
        let kill_switch = instance.kill_switch();
        let stop = move || drop(kill_switch.terminate());
        let returned = guest::with_timeout(timeout, stop, || instance.run(name, &args))
            .and_then(|result| result.returned())
            .map_err(|error| fault(error, timeout, heap_limit))?;
        Ok(match ret_ty {
            Some(ValueType::I32) => vec![Value::I32(returned.as_i32())],
            Some(ValueType::I64) => vec![Value::I64(returned.as_i64())],
            Some(ValueType::F32) => vec![Value::F32(returned.as_f32())],
            Some(ValueType::F64) => vec![Value::F64(returned.as_f64())],
            None => vec![],
        })
    }
    // ANCHOR_END: run

    fn memory(&mut self) -> Result<&mut [u8]> {
        Ok(self.instance()?.heap_mut())
    }

    /// Each global the module exports, read by the type lucetc recorded for it.
    fn globals(&mut self) -> Result<Vec<(String, Value)>> {
        use lucet_module::{Global, GlobalDef};
        let module = self.module.clone();
        let specs = module.globals();
        let values = self.instance()?.globals();
        let mut globals = Vec::new();
        for (spec, value) in specs.iter().zip(values) {
            // SAFETY (each read): `GlobalValue` is a union of four plain numbers, each 8 bytes
            // or less of a slot that is all initialized, and any bits are a valid number; the
            // field read is the type the module declares the global with.
            let value = match spec.global() {
                Global::Def(GlobalDef::I32(_)) => Value::I32(unsafe { value.i_32 }),
                Global::Def(GlobalDef::I64(_)) => Value::I64(unsafe { value.i_64 }),
                Global::Def(GlobalDef::F32(_)) => Value::F32(unsafe { value.f_32 }),
                Global::Def(GlobalDef::F64(_)) => Value::F64(unsafe { value.f_64 }),
                Global::Import { .. } => continue,
            };
            for name in spec.export_names() {
                globals.push((name.to_string(), value.clone()));
            }
        }
        Ok(globals)
    }

    fn fresh_instance(&mut self) -> Result<()> {
        // The old instance gives its slot up first (the host's region has only one).
        self.instance = None;
        *self = LucetGuest::new(self.region.clone(), self.module.clone(), &self.settings)?;
        Ok(())
    }

    /// Lucet's error, but a fault's details (addresses, which differ from run to run) only by the
    /// trap code: `RuntimeFault { trapcode: Some(Unreachable), .. }`.
    fn engine_error(&self, error: &anyhow::Error) -> String {
        let lucet = error.root_cause().to_string();
        match lucet.find("trapcode: ") {
            Some(at) => {
                let code = &lucet[at..];
                let code = &code[..code.find(',').unwrap_or_else(|| code.len())];
                format!("RuntimeFault {{ {}, .. }}", code)
            }
            None => lucet,
        }
    }
}

// ANCHOR: fault
/// A guest's fault or termination: Lucet's error, with what happened in words above it.
fn fault(
    error: lucet_runtime::Error,
    timeout: Option<Duration>,
    heap_limit: usize,
) -> anyhow::Error {
    use lucet_runtime::{Error::RuntimeFault, Error::RuntimeTerminated, TerminationDetails};
    let trap = match &error {
        RuntimeFault(details) => match details.trapcode {
            Some(TrapCode::Unreachable) => Some(Trap::Unreachable),
            Some(TrapCode::HeapOutOfBounds) => Some(Trap::OutOfBounds),
            Some(TrapCode::IntegerDivByZero) => Some(Trap::DivideByZero),
            Some(TrapCode::IntegerOverflow) => Some(Trap::IntegerOverflow),
            Some(TrapCode::BadConversionToInteger) => Some(Trap::BadConversion),
            Some(TrapCode::TableOutOfBounds) => Some(Trap::TableOutOfBounds),
            Some(TrapCode::IndirectCallToNull) => Some(Trap::NullCall),
            Some(TrapCode::BadSignature) => Some(Trap::BadSignature),
            Some(TrapCode::StackOverflow) => Some(Trap::StackOverflow),
            _ => None,
        },
        RuntimeTerminated(TerminationDetails::Remote) => timeout.map(Trap::TimedOut),
        RuntimeTerminated(TerminationDetails::HeapOutOfMemory) => Some(Trap::HeapLimit {
            limit: heap_limit,
            wanted: None,
        }),
        _ => None,
    };
    let error = lucet(error);
    match trap {
        Some(trap) => error.context(trap),
        None => error,
    }
}
// ANCHOR_END: fault

/// The module's exported functions, from the metadata lucetc wrote into it (lucet-module's
/// `ModuleData`, which `DlModule` keeps to itself).
pub fn exports(path: &Path) -> Result<Vec<Export>> {
    // The library `DlModule::load` opened: this only takes another reference to it. By its full
    // path, as `DlModule::load` opens it: `dlopen` looks for a bare `hello.so` in the system's
    // library folders, not in the current one.
    let library = libloading::Library::new(path.canonicalize()?)?;
    // SAFETY: lucetc defines `LUCET_MODULE_SYM` in every module as a `SerializedModule`, and
    // `artifact::check` and `DlModule::load` accepted this file as one of lucetc's; the reference
    // borrows from `library`, which outlives every use of it in this function.
    let module: &SerializedModule = unsafe {
        let symbol = library.get::<*const SerializedModule>(LUCET_MODULE_SYM.as_bytes())?;
        &**symbol
    };
    // SAFETY: lucetc wrote `module_data_len` bytes of serialized `ModuleData` at
    // `module_data_ptr`, inside the library's mapped image, which `library` keeps mapped until the
    // exports below are copied out (owned `String`s and types) and the function returns.
    let data = unsafe {
        std::slice::from_raw_parts(
            module.module_data_ptr as *const u8,
            module.module_data_len as usize,
        )
    };
    let data = ModuleData::deserialize(data).map_err(|error| anyhow!("{:?}", error))?;
    let mut exports = Vec::new();
    for function in data.export_functions() {
        for name in &function.names {
            exports.push(Export {
                name: name.to_string(),
                ty: func_type(data.get_signature(function.fn_idx)),
            });
        }
    }
    Ok(exports)
}

// ANCHOR: errors
/// Lucet's errors in the `Debug` form the tutorial quotes (`SymbolNotFound("main")`); a hostcall's
/// own message, if it terminated the guest with one, above it.
pub fn lucet(error: lucet_runtime::Error) -> anyhow::Error {
    let message = match &error {
        lucet_runtime::Error::RuntimeTerminated(details) => details
            .provided_details()
            .and_then(|details| details.downcast_ref::<String>())
            .cloned(),
        _ => None,
    };
    let error = anyhow!("{:?}", error);
    match message {
        Some(message) => error.context(message),
        None => error,
    }
}
// ANCHOR_END: errors

/// The heap limit a guest gets unless told otherwise: its initial heap, in whole host pages (a
/// region's heap size must be a multiple of the page size: erratum E5).
pub fn default_heap_memory_size(module: &DlModule) -> usize {
    let initial = module.heap_spec().map_or(0, |heap| heap.initial_size);
    // The page size Lucet itself checks a region's heap against (erratum E5).
    let page = lucet_runtime_internals::sysdeps::host_page_size() as u64;
    ((initial + page - 1) / page * page) as usize
}

fn func_type(signature: &Signature) -> FuncType {
    FuncType {
        params: signature.params.iter().map(val_type).collect(),
        results: signature.ret_ty.iter().map(val_type).collect(),
    }
}

fn val_type(ty: &ValueType) -> ValType {
    match ty {
        ValueType::I32 => ValType::I32,
        ValueType::I64 => ValType::I64,
        ValueType::F32 => ValType::F32,
        ValueType::F64 => ValType::F64,
    }
}

/// The engine's value for one of the command line's (the benchmarks' arguments too).
pub fn val(value: &Value) -> Result<Val> {
    Ok(match *value {
        Value::I32(v) => v.into(),
        Value::I64(v) => v.into(),
        Value::F32(v) => v.into(),
        Value::F64(v) => v.into(),
        Value::String(_) => return Err(host_core::value::string_for_core_module()),
    })
}
