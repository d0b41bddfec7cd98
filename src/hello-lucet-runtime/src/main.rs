//! Step 3 host, on Lucet: `make run-hello` (or `hello-lucet-runtime build/lucet/hello.so`).
mod cli;

use anyhow::{anyhow, Context, Result};
use cli::{ValType, Value};
use lucet_module::ValueType;
use lucet_runtime::{DlModule, Limits, MmapRegion, Region, Val};
// Brings the module's metadata (heap spec, export signatures) into reach.
use lucet_runtime_internals::module::ModuleInternal;
use lucet_wasi::WasiCtxBuilder;

fn main() -> Result<()> {
    let command = cli::parse(std::env::args().skip(1))?;
    let module = command.module.display();
    let entry = &command.entry;
    // ANCHOR: ensure_linked
    // Keeps the runtime's `lucet_vmctx_*` symbols in a --release build.
    lucet_runtime::lucet_internal_ensure_linked();
    lucet_wasi::export_wasi_funcs();
    // ANCHOR_END: ensure_linked

    // ANCHOR: load
    let dl_module = DlModule::load(&command.module)
        .map_err(lucet)
        .with_context(|| format!("loading {}", module))?;
    // ANCHOR_END: load
    let signature = dl_module
        .get_export_func(entry)
        .map(|func| dl_module.get_signature(func.id).clone())
        .map_err(lucet)
        .with_context(|| format!("running {} in {}", entry, module))?;
    let params: Vec<ValType> = signature.params.iter().map(val_type).collect();
    let args: Vec<Val> = cli::typed_args(entry, &params, &command.args)?;
    let heap_memory_size = match command.heap_memory_size {
        Some(bytes) => bytes,
        None => {
            let initial = dl_module.heap_spec().map_or(0, |heap| heap.initial_size);
            let page = host_page_size();
            ((initial + page - 1) / page * page) as usize
        }
    };

    // ANCHOR: instance
    let limits = Limits::default().with_heap_memory_size(heap_memory_size);
    let region = MmapRegion::create(1, &limits)
        .map_err(lucet)
        .with_context(|| format!("creating a region with {:?}", limits))?;
    let mut instance = region
        .new_instance(dl_module)
        .map_err(lucet)
        .with_context(|| format!("instantiating {}", module))?;
    let wasi_ctx = WasiCtxBuilder::new().inherit_stdio().build()?;
    instance.insert_embed_ctx(wasi_ctx);
    // ANCHOR_END: instance

    // ANCHOR: run
    let returned = instance
        .run(entry, &args)
        .and_then(|result| result.returned())
        .map_err(lucet)
        .with_context(|| format!("running {} in {}", entry, module))?;
    // ANCHOR_END: run
    match signature.ret_ty {
        Some(ValueType::I32) => println!("{} returned {}", entry, returned.as_i32()),
        Some(ValueType::I64) => println!("{} returned {}", entry, returned.as_i64()),
        Some(ValueType::F32) => println!("{} returned {}", entry, returned.as_f32()),
        Some(ValueType::F64) => println!("{} returned {}", entry, returned.as_f64()),
        None => {}
    }
    Ok(())
}

/// Lucet's errors, in the `Debug` form the tutorial quotes (`SymbolNotFound("main")`).
fn lucet(error: lucet_runtime::Error) -> anyhow::Error {
    anyhow!("{:?}", error)
}

fn host_page_size() -> u64 {
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as u64 }
}

fn val_type(ty: &ValueType) -> ValType {
    match ty {
        ValueType::I32 => ValType::I32,
        ValueType::I64 => ValType::I64,
        ValueType::F32 => ValType::F32,
        ValueType::F64 => ValType::F64,
    }
}

impl From<Value> for Val {
    fn from(value: Value) -> Val {
        match value {
            Value::I32(v) => v.into(),
            Value::I64(v) => v.into(),
            Value::F32(v) => v.into(),
            Value::F64(v) => v.into(),
        }
    }
}
