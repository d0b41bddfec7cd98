//! `make load` on Wasmtime: `load-wasmtime build/wasmtime/faults.cwasm --threads 1,2 --runs 10000`
//! (`--help` for the rest). Workers on their own threads, each making an instance per run from one
//! `InstancePre`, in a store of its own, with the pooling allocator configured as `--config` says
//! (`--configs` lists them: `POOLINGS`), by default as the hosts configure it (`chosen()`).
use anyhow::Context;
use hello_wasmtime_runtime::{
    chosen, default_heap_memory_size, load, pooling, pooling_engine, pre, WasmtimeGuest, POOLINGS,
};

// ANCHOR: main
fn main() -> anyhow::Result<()> {
    let configs: Vec<&str> = POOLINGS.iter().map(|(name, _)| *name).collect();
    let options = load_driver::parse("load-wasmtime", &configs, chosen().0);
    let (_, knobs) = pooling(&options.config).expect("the command line takes only their names");
    // Two slots per worker: a worker makes its next instance before it drops the last.
    let engine = pooling_engine(2 * options.most_threads() as u32, &knobs).with_context(|| {
        format!(
            "--config {}: Wasmtime cannot make this pooling allocator here (PAGEMAP_SCAN needs \
             Linux 6.7 or later, memory protection keys a CPU with PKU): choose another \
             (load-wasmtime --configs lists them)",
            options.config
        )
    })?;
    let module = load(&engine, &options.module).map_err(|error| {
        // The one way a configuration and a .cwasm can disagree: copy-on-write memories.
        match format!("{:#}", error).contains("memory initialization with CoW") {
            true => error.context(format!(
                "--config {} and {} disagree on copy-on-write memories: no-memory-init-cow takes \
                 a .cwasm from wasmtime-compile --no-memory-init-cow (make builds \
                 build/wasmtime/faults.no-memory-init-cow.cwasm), every other configuration one \
                 compiled without it",
                options.config,
                options.module.display()
            )),
            false => error,
        }
    })?;
    let pre = pre(&module).context("resolving the module's imports")?;
    let settings = options.settings(default_heap_memory_size(&module));
    let new_guest = move || WasmtimeGuest::new(pre.clone(), &settings);
    load_driver::run("Wasmtime", &options, new_guest, || None)
}
// ANCHOR_END: main
