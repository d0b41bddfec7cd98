//! The tutorial's host on crates.io's Lucet 0.6.1 (erratum E2): it cannot load a guest compiled by
//! the checkout's lucetc, whose WASI imports are `wasi_snapshot_preview1`'s. `make errata` runs it.
use lucet_runtime::{DlModule, Limits, MmapRegion, Region};
use lucet_wasi::WasiCtxBuilder;

// ANCHOR: main
fn main() {
    let module = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "example.so".to_string());
    lucet_wasi::export_wasi_funcs();
    let dl_module = DlModule::load(&module).unwrap();
    // 0.6.1's Limits has no builder methods yet.
    let limits = Limits {
        heap_memory_size: 100 * 16 * 64 * 1024,
        ..Limits::default()
    };
    let region = MmapRegion::create(1, &limits).unwrap();
    let mut instance = region.new_instance(dl_module).unwrap();
    let wasi_ctx = WasiCtxBuilder::new().inherit_stdio().build().unwrap();
    instance.insert_embed_ctx(wasi_ctx);
    instance.run("_start", &[]).unwrap();
}
// ANCHOR_END: main
