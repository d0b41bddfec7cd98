//! `make load` on Lucet: `load-lucet build/lucet/faults.so --threads 1,2 --runs 10000`
//! (`--help` for the rest). Workers on their own threads, each making an instance per run: by
//! default in a region of its own (`region-per-worker`); with `--config shared-region`, all in one
//! region, a slot per worker, which shows the region's race (the faults chapter); with
//! `uffd-region-per-worker`, in a `UffdRegion` of its own, whose heap pages are filled on first
//! touch by a thread of the region's, through the kernel's userfaultfd.
use hello_lucet_runtime::{
    default_heap_memory_size, ensure_linked, limits, load, region, LucetGuest,
};
use lucet_runtime::{Region, UffdConfig, UffdRegion};
use std::sync::{Arc, Mutex};

/// The configurations `--config` takes, the default first.
const CONFIGS: [&str; 3] = [
    "region-per-worker",
    "shared-region",
    "uffd-region-per-worker",
];

// ANCHOR: main
fn main() -> anyhow::Result<()> {
    ensure_linked();
    let options = load_driver::parse("load-lucet", &CONFIGS, CONFIGS[0]);
    let module = load(&options.module, None)?;
    let settings = options.settings(default_heap_memory_size(&module));
    let shared = options.config == "shared-region";
    // The regions made: one in all, or one per worker, each with a slot per instance alive at once
    // (a worker gives its instance's slot up before it makes the next).
    let slots = if shared { options.most_threads() } else { 1 };
    let uffd = options.config == "uffd-region-per-worker";
    let regions: Arc<Mutex<Vec<Arc<dyn Region>>>> = Arc::default();
    if shared {
        regions
            .lock()
            .unwrap()
            .push(region(slots, settings.heap_limit)?);
    }
    let made = regions.clone();
    let new_guest = move || {
        let region: Arc<dyn Region> = match (shared, uffd) {
            (true, _) => made.lock().unwrap()[0].clone(),
            (false, false) => region(slots, settings.heap_limit)?,
            (false, true) => {
                let limits = limits(settings.heap_limit);
                UffdRegion::create(slots, &limits, UffdConfig::default()).map_err(|error| {
                    let error = error.to_string();
                    // userfaultfd 0.2.1 (Lucet's Cargo.lock) knows the kernel's flags of its day.
                    let why = match error.contains("Unrecognized ioctl flags") {
                        true => {
                            ": the userfaultfd crate in Lucet's Cargo.lock (0.2.1) refuses \
                                 the flags newer kernels report"
                        }
                        false => "",
                    };
                    anyhow::anyhow!(
                        "creating a UffdRegion: {}{}; use --config region-per-worker",
                        error,
                        why
                    )
                })?
            }
        };
        if !shared {
            made.lock().unwrap().push(region.clone());
        }
        LucetGuest::new(region, module.clone(), &settings)
    };
    load_driver::run("Lucet", &options, new_guest, move || {
        slot_references(&regions.lock().unwrap(), slots)
    })
}
// ANCHOR_END: main

// ANCHOR: slot_references
/// What is wrong with the regions' counts of references, if anything: each slot holds a `Weak`
/// reference to its region, whether free or in use, one each.
fn slot_references(regions: &[Arc<dyn Region>], slots: usize) -> Option<String> {
    let counts: Vec<usize> = regions.iter().map(Arc::weak_count).collect();
    counts.iter().any(|count| *count != slots).then(|| {
        format!(
            "the counts of references from the slots of {} region(s) of {} slot(s) each are {:?}: \
             some were dropped twice; at 0, Lucet frees a region while it is in use",
            regions.len(),
            slots,
            counts
        )
    })
}
// ANCHOR_END: slot_references
