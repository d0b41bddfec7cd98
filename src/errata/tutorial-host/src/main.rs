//! The tutorial's step-3 host as the article prints it, for the errata, with the one fix it needs
//! to compile (E6, marked). Built `--release`, it cannot load a guest (T4). `make errata` runs it.
use lucet_runtime::{DlModule, Limits, MmapRegion, Region};
use lucet_wasi::WasiCtxBuilder;

// ANCHOR: main
fn main() {
    let module = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "example.so".to_string());
    lucet_wasi::export_wasi_funcs();
    let dl_module = DlModule::load(&module).unwrap();
    let region = MmapRegion::create(1, &Limits::default().with_heap_memory_size(100 * 16 * 64 * 1024),)
        .unwrap(); // E6: the article's listing has neither this `.unwrap()` nor a `;`
    let mut instance = region.new_instance(dl_module).unwrap();
    let wasi_ctx = WasiCtxBuilder::new().inherit_stdio().build().unwrap();
    instance.insert_embed_ctx(wasi_ctx);
    instance.run("_start", &[]).unwrap();
}
// ANCHOR_END: main
