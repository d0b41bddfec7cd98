//! `make load` on Lucet: `load-lucet build/lucet/faults.so --threads 1,2 --runs 10000`
//! (`--help` for the rest). Workers on their own threads, each making an instance per run in one
//! region, as the host makes its one.
use hello_lucet_runtime::{default_heap_memory_size, ensure_linked, load, region, LucetGuest};
use std::sync::Arc;

// ANCHOR: main
fn main() -> anyhow::Result<()> {
    ensure_linked();
    let options = load_driver::parse("load-lucet");
    let module = load(&options.module, None)?;
    let settings = options.settings(default_heap_memory_size(&module));
    // A slot per worker: a worker gives its instance's slot up before it makes the next.
    let slots = options.most_threads();
    let region = region(slots, settings.heap_limit)?;
    // ANCHOR: slot_references
    // Each slot holds a `Weak` reference to its region, whether free or in use: one each.
    let watched = region.clone();
    let slot_references = move || {
        let references = Arc::weak_count(&watched);
        (references != slots).then(|| {
            format!(
                "the region's count of references from its {} slots is {}: some were dropped \
                 twice; at 0, Lucet frees the region while it is in use",
                slots, references
            )
        })
    };
    // ANCHOR_END: slot_references
    let new_guest = move || LucetGuest::new(region.clone(), module.clone(), &settings);
    load_driver::run("Lucet", &options, new_guest, slot_references)
}
// ANCHOR_END: main
