//! Step 3 host, on Wasmtime: `make run-hello ENGINE=wasmtime`
//! (or `hello-wasmtime-runtime build/wasmtime/hello.cwasm`).
#[path = "../../hello-lucet-runtime/src/cli.rs"]
mod cli;

use anyhow::{anyhow, Context, Result};
use cli::{ValType, Value};
use wasmtime::{Linker, Module, Store, StoreLimits, StoreLimitsBuilder, Val, ValType as WasmType};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{I32Exit, WasiCtxBuilder};

struct Host {
    wasi: WasiP1Ctx,
    limits: StoreLimits,
}

fn main() -> Result<()> {
    let command = cli::parse(std::env::args().skip(1))?;
    let module_path = command.module.display();
    let entry = &command.entry;
    let running = || format!("running {} in {}", entry, module_path);

    // ANCHOR: load
    let engine = hello_wasmtime_runtime::engine()?;
    // Safety: the artifact is one that `wasmtime-compile` wrote with the same engine configuration.
    let module = unsafe { Module::deserialize_file(&engine, &command.module) }
        .map_err(anyhow::Error::from)
        .with_context(|| format!("loading {}", module_path))?;
    // ANCHOR_END: load
    let func_type = module
        .get_export(entry)
        .and_then(|export| export.func().cloned())
        .ok_or_else(|| anyhow!("no exported function named {:?}", entry))
        .with_context(running)?;
    let params: Vec<ValType> = func_type
        .params()
        .map(|ty| val_type(&ty))
        .collect::<Result<_>>()?;
    let args: Vec<Val> = cli::typed_args(entry, &params, &command.args)?;
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
    // ANCHOR: run
    let func = instance
        .get_func(&mut store, entry)
        .ok_or_else(|| anyhow!("no function {:?}", entry))?;
    let mut results = vec![Val::I32(0); func_type.results().len()];
    match func.call(&mut store, &args, &mut results) {
        Err(error) if matches!(error.downcast_ref::<I32Exit>(), Some(I32Exit(0))) => {}
        outcome => outcome.map_err(anyhow::Error::from).with_context(running)?,
    }
    // ANCHOR_END: run
    for result in results {
        println!("{} returned {}", entry, display(&result));
    }
    Ok(())
}

fn val_type(ty: &WasmType) -> Result<ValType> {
    Ok(match ty {
        WasmType::I32 => ValType::I32,
        WasmType::I64 => ValType::I64,
        WasmType::F32 => ValType::F32,
        WasmType::F64 => ValType::F64,
        other => return Err(anyhow!("parameters of type {} are not supported", other)),
    })
}

impl From<Value> for Val {
    fn from(value: Value) -> Val {
        match value {
            Value::I32(v) => Val::I32(v),
            Value::I64(v) => Val::I64(v),
            Value::F32(v) => Val::F32(v.to_bits()),
            Value::F64(v) => Val::F64(v.to_bits()),
        }
    }
}

fn display(value: &Val) -> String {
    match value {
        Val::I32(v) => v.to_string(),
        Val::I64(v) => v.to_string(),
        Val::F32(bits) => f32::from_bits(*bits).to_string(),
        Val::F64(bits) => f64::from_bits(*bits).to_string(),
        other => format!("{:?}", other),
    }
}
