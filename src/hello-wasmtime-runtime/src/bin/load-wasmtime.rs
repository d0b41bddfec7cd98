//! `make load` on Wasmtime: `load-wasmtime build/wasmtime/faults.cwasm --threads 1,2 --runs 10000`
//! (`--help` for the rest). Workers on their own threads, each making an instance per run from one
//! `InstancePre`, in a store of its own, with the pooling allocator.
use anyhow::Context;
use hello_wasmtime_runtime::{default_heap_memory_size, load, pooling_engine, pre, WasmtimeGuest};

// ANCHOR: main
fn main() -> anyhow::Result<()> {
    let options = load_driver::parse("load-wasmtime");
    // Two slots per worker: a worker makes its next instance before it drops the last.
    let engine = pooling_engine(2 * options.most_threads() as u32)?;
    let module = load(&engine, &options.module)?;
    let pre = pre(&module).context("resolving the module's imports")?;
    let settings = options.settings(default_heap_memory_size(&module));
    let new_guest = move || WasmtimeGuest::new(pre.clone(), &settings);
    load_driver::run("Wasmtime", &options, new_guest, || None)
}
// ANCHOR_END: main
