//! Step 3 host, on Wasmtime: `make run-hello ENGINE=wasmtime`
//! (or `hello-wasmtime-runtime build/wasmtime/hello.cwasm`; `--help` for the rest).
#[path = "../../hello-lucet-runtime/src/cli.rs"]
mod cli;
#[path = "../../hello-lucet-runtime/src/guest.rs"]
mod guest;

use anyhow::{anyhow, Context, Result};
use cli::{Export, FuncType, ValType, Value};
use wasmtime::{
    Caller, Extern, Instance, Linker, Module, Store, StoreLimits, StoreLimitsBuilder, Val,
    ValType as WasmType,
};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{I32Exit, WasiCtxBuilder};

struct Host {
    wasi: WasiP1Ctx,
    limits: StoreLimits,
}

fn main() -> Result<()> {
    let command = cli::parse();
    let module_path = command.module.display();

    // ANCHOR: load
    let engine = hello_wasmtime_runtime::engine()?;
    // Safety: the artifact is one that `wasmtime-compile` wrote with the same engine configuration.
    let module = unsafe { Module::deserialize_file(&engine, &command.module) }
        .map_err(anyhow::Error::from)
        .with_context(|| format!("loading {}", module_path))?;
    // ANCHOR_END: load
    let exports = exports(&module)?;
    if command.list {
        cli::print_exports(exports);
        return Ok(());
    }
    let entry_type = exports
        .iter()
        .find(|export| export.name == command.entry)
        .map(|export| export.ty.clone())
        .ok_or_else(|| anyhow!("no exported function named {:?}", command.entry))
        .with_context(|| cli::no_such_export(&command, &exports))?;
    let heap_memory_size = match command.heap_memory_size {
        Some(bytes) => bytes,
        None => module
            .exports()
            .filter_map(|export| export.ty().memory().cloned())
            .map(|memory| (memory.minimum() * memory.page_size()) as usize)
            .max()
            .unwrap_or(0),
    };

    // ANCHOR: instance
    let mut linker: Linker<Host> = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |host| &mut host.wasi)?;
    linker.func_wrap("hello_host", "log", hostcall_log)?;
    let host = Host {
        wasi: WasiCtxBuilder::new().inherit_stdio().build_p1(),
        limits: StoreLimitsBuilder::new()
            .memory_size(heap_memory_size)
            .trap_on_grow_failure(true)
            .build(),
    };
    let mut store = Store::new(&engine, host);
    store.limiter(|host| &mut host.limits);
    let instance = linker
        .instantiate(&mut store, &module)
        .map_err(anyhow::Error::from)
        .with_context(|| {
            format!(
                "instantiating {} with a {} byte heap limit",
                module_path, heap_memory_size
            )
        })?;
    // ANCHOR_END: instance

    let mut guest = WasmtimeGuest { store, instance };
    guest::run(&command, &entry_type, &mut guest)
        .with_context(|| format!("running {} in {}", command.entry, module_path))
}

// ANCHOR: hostcall
/// `hello_host.log`, the import the hostcall guest calls (linked by `Linker::func_wrap` above).
fn hostcall_log(mut caller: Caller<'_, Host>, ptr: u32, len: u32) -> wasmtime::Result<i32> {
    let memory = match caller.get_export("memory") {
        Some(Extern::Memory(memory)) => memory,
        _ => return Err(wasmtime::Error::msg("log: the guest exports no memory")),
    };
    guest::log(memory.data_mut(&mut caller), ptr, len).map_err(wasmtime::Error::from_anyhow)
}
// ANCHOR_END: hostcall

struct WasmtimeGuest {
    store: Store<Host>,
    instance: Instance,
}

impl guest::Guest for WasmtimeGuest {
    // ANCHOR: run
    fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
        let func = self
            .instance
            .get_func(&mut self.store, name)
            .ok_or_else(|| anyhow!("no exported function named {:?}", name))?;
        let args: Vec<Val> = args.iter().map(val).collect();
        let mut results = vec![Val::I32(0); func.ty(&self.store).results().len()];
        match func.call(&mut self.store, &args, &mut results) {
            // A WASI command's `_start` may end with `proc_exit(0)`: a success.
            Err(error) if matches!(error.downcast_ref::<I32Exit>(), Some(I32Exit(0))) => {}
            outcome => outcome.map_err(anyhow::Error::from)?,
        }
        results.iter().map(value).collect()
    }
    // ANCHOR_END: run

    fn memory(&mut self) -> Result<&mut [u8]> {
        let memory = self
            .instance
            .get_memory(&mut self.store, "memory")
            .ok_or_else(|| anyhow!("the guest exports no memory"))?;
        Ok(memory.data_mut(&mut self.store))
    }
}

/// The module's exported functions, from its own type information.
fn exports(module: &Module) -> Result<Vec<Export>> {
    let mut exports = Vec::new();
    for export in module.exports() {
        if let Some(func) = export.ty().func() {
            let params = func.params().map(|ty| val_type(&ty));
            let results = func.results().map(|ty| val_type(&ty));
            exports.push(Export {
                name: export.name().to_string(),
                ty: FuncType {
                    params: params.collect::<Result<_>>()?,
                    results: results.collect::<Result<_>>()?,
                },
            });
        }
    }
    Ok(exports)
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

fn val(value: &Value) -> Val {
    match *value {
        Value::I32(v) => Val::I32(v),
        Value::I64(v) => Val::I64(v),
        Value::F32(v) => Val::F32(v.to_bits()),
        Value::F64(v) => Val::F64(v.to_bits()),
    }
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
