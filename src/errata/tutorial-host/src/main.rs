//! The tutorial's step-3 host as written, for the errata: built `--release`, it cannot load a
//! guest (`undefined symbol: lucet_vmctx_grow_memory`). `make errata` runs it.
use lucet_runtime::{DlModule, Limits, MmapRegion, Region};
use lucet_wasi::WasiCtxBuilder;

// ANCHOR: main
fn main() {
    let module = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "example.so".to_string());
    lucet_wasi::export_wasi_funcs();
    let dl_module = DlModule::load(&module).unwrap();
    let limits = Limits::default().with_heap_memory_size(100 * 16 * 64 * 1024);
    let region = MmapRegion::create(1, &limits).unwrap();
    let mut instance = region.new_instance(dl_module).unwrap();
    let wasi_ctx = WasiCtxBuilder::new().inherit_stdio().build().unwrap();
    instance.insert_embed_ctx(wasi_ctx);
    instance.run("_start", &[]).unwrap();
}
// ANCHOR_END: main
