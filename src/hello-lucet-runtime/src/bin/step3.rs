//! The tutorial's step 3: the article's host (its 3-4 src/main.rs), the module named on the command
//! line; in the checkout's src/hello-lucet-runtime, `cargo run --bin step3 -- hello.so`. Each line
//! the errata touch is marked with the erratum; two are fixes the article's listing lacks.
use lucet_runtime::{DlModule, Limits, MmapRegion, Region};
use lucet_wasi::WasiCtxBuilder;

fn main() {
    let module = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "example.so".to_string());
    lucet_runtime::lucet_internal_ensure_linked(); // T4: added; without it a --release build cannot load a guest
    lucet_wasi::export_wasi_funcs();
    let dl_module = DlModule::load(&module).unwrap();
    let region = MmapRegion::create(1, &Limits::default().with_heap_memory_size(100 * 16 * 64 * 1024),) // E4, E5: a heap limit the guest fits in, a multiple of the page size
        .unwrap(); // E6: added; the article's listing has neither this `.unwrap()` nor a `;`
    let mut instance = region.new_instance(dl_module).unwrap();
    let wasi_ctx = WasiCtxBuilder::new().inherit_stdio().build().unwrap();
    instance.insert_embed_ctx(wasi_ctx);
    instance.run("_start", &[]).unwrap(); // E1: a WASI command's entry point is "_start", not "main"
}
