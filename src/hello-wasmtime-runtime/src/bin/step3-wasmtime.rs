//! The tutorial's step 3 on Wasmtime: the article's host (`src/hello-lucet-runtime/src/bin/step3.rs`)
//! translated line by line, for a reader moving a Lucet host to Wasmtime:
//! `step3-wasmtime hello.cwasm` (`make` builds it, with the `.cwasm` from `wasmtime-compile`).
use hello_wasmtime_runtime::config;
use wasmtime::{Engine, Linker, Module, Store, StoreLimits, StoreLimitsBuilder};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{I32Exit, WasiCtxBuilder};

/// What the article put in the instance (`insert_embed_ctx`) and the region (`Limits`), a store holds.
struct Host {
    wasi: WasiP1Ctx,
    limits: StoreLimits,
}

fn main() {
    let module = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "example.cwasm".to_string());
    // The configuration wasmtime-compile compiled with: a .cwasm loads only into an engine alike.
    let engine = Engine::new(&config()).unwrap();
    // DlModule::load. SAFETY: the .cwasm is native code, run as it is, as dlopen runs a .so: it must
    // be one wasmtime-compile wrote, untampered (Wasmtime checks the version and configuration).
    let module = unsafe { Module::deserialize_file(&engine, &module) }.unwrap();
    // lucet_wasi::export_wasi_funcs: WASI's functions, linked by name.
    let mut linker = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |host: &mut Host| &mut host.wasi).unwrap();
    // MmapRegion::create(1, &Limits::default().with_heap_memory_size(…)): a limit per store.
    let limits = StoreLimitsBuilder::new()
        .memory_size(100 * 16 * 64 * 1024)
        .build();
    let wasi = WasiCtxBuilder::new().inherit_stdio().build_p1();
    let mut store = Store::new(&engine, Host { wasi, limits });
    store.limiter(|host| &mut host.limits);
    // The configuration checks for epochs (for the host's --timeout-ms): a deadline the engine's
    // epoch, never moved here, does not reach. Lucet has no such setting.
    store.set_epoch_deadline(1);
    // region.new_instance(dl_module)
    let instance = linker.instantiate(&mut store, &module).unwrap();
    // instance.run("_start", &[]): a typed export; a WASI exit(0) is a success.
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .unwrap();
    match start.call(&mut store, ()) {
        Err(error) if matches!(error.downcast_ref::<I32Exit>(), Some(I32Exit(0))) => {}
        result => result.unwrap(),
    }
}
