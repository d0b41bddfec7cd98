//! `make bench` on Lucet: the cases of `bench-cases` (those of Lucet's own suite,
//! `benchmarks/lucet-benchmarks`, and more), on the tutorial's lowered guests, set up as the host
//! does it. `make bench` runs it, on the artifacts in `BENCH_ARTIFACTS` (the project's build/lucet).
use bench_cases::*;
use criterion::{BatchSize, Criterion};
use hello_lucet_runtime::{ensure_linked, instantiate, load, region, val, wasi};
use host_core::cli::Grants;
use lucet_runtime::{DlModule, InstanceHandle, MmapRegion, Val};
use std::path::PathBuf;
use std::sync::Arc;

/// The guest `name`, loaded as the host loads it.
fn module(name: &str) -> Arc<DlModule> {
    let build = std::env::var_os("BENCH_ARTIFACTS").expect("BENCH_ARTIFACTS: run make bench");
    load(&PathBuf::from(build).join(format!("{}.so", name)), None).unwrap()
}

/// A fresh instance, as the host makes one, granted nothing, not even stdio: what it prints goes
/// nowhere.
fn instance(region: &MmapRegion, module: &Arc<DlModule>) -> InstanceHandle {
    instantiate(region, module, wasi(&Grants::default()).unwrap()).unwrap()
}

fn main() {
    ensure_linked();
    let mut c = Criterion::default().configure_from_args();
    let region = region(1, HEAP_MEMORY_SIZE).unwrap();
    let (hello, add, bench) = (module("hello"), module("add"), module("bench"));
    let add_args: Vec<Val> = add_args().iter().map(val).collect::<Result<_, _>>().unwrap();

    c.bench_function(LOAD, |b| b.iter(|| module("hello")));
    c.bench_function(INSTANTIATE, |b| b.iter(|| instance(&region, &hello)));

    for run in runs() {
        let module = module(run.guest);
        let args: Vec<Val> = run.args.iter().map(val).collect::<Result<_, _>>().unwrap();
        c.bench_function(run.case, |b| {
            b.iter_batched_ref(
                || instance(&region, &module),
                |instance| instance.run(run.export, &args).unwrap(),
                BatchSize::PerIteration,
            )
        });
    }

    c.bench_function(INSTANTIATE_AND_RUN, |b| {
        b.iter(|| instance(&region, &add).run("add", &add_args).unwrap())
    });
    // ANCHOR: reset
    // One instance per request, in the one slot, reset to its initial state each time.
    let mut reused = instance(&region, &add);
    c.bench_function(RESET_AND_RUN, |b| {
        b.iter(|| {
            reused.reset().unwrap();
            reused.run("add", &add_args).unwrap()
        })
    });
    drop(reused);
    // ANCHOR_END: reset
    // What the host does inside, once per process: load, instantiate, run `add`.
    c.bench_function(LOAD_INSTANTIATE_RUN, |b| {
        b.iter(|| {
            instance(&region, &module("add"))
                .run("add", &add_args)
                .unwrap()
        })
    });

    let mut warm = instance(&region, &bench);
    c.bench_function(WARM_CALL, |b| b.iter(|| warm.run("null", &[]).unwrap()));
    drop(warm);

    c.final_summary();
}
