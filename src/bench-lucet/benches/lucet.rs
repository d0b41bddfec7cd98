//! `make bench` on Lucet: the cases of Lucet's own suite (`benchmarks/lucet-benchmarks`), on the
//! tutorial's lowered guests. `make bench` runs it, on the artifacts in `BENCH_ARTIFACTS`
//! (the project's build/lucet).
use criterion::{BatchSize, Criterion};
use hello_lucet_runtime::{ensure_linked, instantiate, load, region};
use lucet_runtime::{DlModule, InstanceHandle, MmapRegion, Val};
use lucet_wasi::WasiCtxBuilder;
use std::path::PathBuf;
use std::sync::Arc;

/// The article's heap limit.
const HEAP_MEMORY_SIZE: usize = 100 * 16 * 64 * 1024;

/// The guest `name`, loaded as the host loads it.
fn module(name: &str) -> Arc<DlModule> {
    let build = std::env::var_os("BENCH_ARTIFACTS").expect("BENCH_ARTIFACTS: run make bench");
    load(&PathBuf::from(build).join(format!("{}.so", name)), None).unwrap()
}

/// A fresh instance, as the host makes one, with a WASI context that inherits no stdio: what it
/// prints goes nowhere.
fn instance(region: &Arc<MmapRegion>, module: &Arc<DlModule>) -> InstanceHandle {
    instantiate(region, module, WasiCtxBuilder::new().build().unwrap()).unwrap()
}

fn many_args() -> Vec<Val> {
    (0..4)
        .flat_map(|i| {
            vec![
                Val::from(i as i32),
                Val::from(i as i64),
                Val::from(i as f32),
                Val::from(i as f64),
            ]
        })
        .collect()
}

fn main() {
    ensure_linked();
    let mut c = Criterion::default().configure_from_args();
    let region = region(1, HEAP_MEMORY_SIZE).unwrap();
    let (hello, add, bench) = (module("hello"), module("add"), module("bench"));
    let add_args = vec![Val::from(5i32), Val::from(3i32)];

    c.bench_function("load", |b| b.iter(|| module("hello")));
    c.bench_function("hello_instantiate", |b| {
        b.iter(|| instance(&region, &hello))
    });

    // Each run on a fresh instance, made outside the measurement, as Lucet's suite does.
    let cases = vec![
        ("run_null", &bench, "null", vec![]),
        ("run_many_args", &bench, "many_args", many_args()),
        ("run_add", &add, "add", add_args.clone()),
        ("run_hello", &hello, "_start", vec![]),
        ("run_hostcall", &bench, "hostcall", vec![]),
    ];
    for (case, module, export, args) in cases {
        let region = region.clone();
        c.bench_function(case, move |b| {
            b.iter_batched_ref(
                || instance(&region, module),
                |instance| instance.run(export, &args).unwrap(),
                BatchSize::PerIteration,
            )
        });
    }

    c.bench_function("instantiate_and_run_add", |b| {
        b.iter(|| instance(&region, &add).run("add", &add_args).unwrap())
    });
    // One instance per request, in the one slot, reset to its initial state each time.
    let mut reused = instance(&region, &add);
    c.bench_function("reset_and_run", |b| {
        b.iter(|| {
            reused.reset().unwrap();
            reused.run("add", &add_args).unwrap()
        })
    });
    drop(reused);
    // What the CLI does inside, once per process: load, instantiate, run `add`.
    c.bench_function("load_instantiate_run_add", |b| {
        b.iter(|| {
            instance(&region, &module("add"))
                .run("add", &add_args)
                .unwrap()
        })
    });

    let mut warm = instance(&region, &bench);
    c.bench_function("warm_call", |b| b.iter(|| warm.run("null", &[]).unwrap()));
    drop(warm);

    c.final_summary();
}
