//! `make bench` on Lucet: the cases of Lucet's own suite (`benchmarks/lucet-benchmarks`), on the
//! tutorial's lowered guests. `make bench` runs it, on the artifacts in `BENCH_ARTIFACTS`
//! (the project's build/lucet).
use criterion::{BatchSize, Criterion};
use lucet_runtime::vmctx::Vmctx;
use lucet_runtime::{lucet_hostcall, DlModule, InstanceHandle, Limits, MmapRegion, Region, Val};
use lucet_wasi::WasiCtxBuilder;
use std::path::PathBuf;
use std::sync::Arc;

/// The article's heap limit.
const HEAP_MEMORY_SIZE: usize = 100 * 16 * 64 * 1024;

/// `hello_host.nop`, which the bench guest calls.
#[lucet_hostcall]
#[no_mangle]
pub fn hostcall_nop(_vmctx: &Vmctx) -> i32 {
    0
}

fn module(name: &str) -> Arc<DlModule> {
    let build = std::env::var_os("BENCH_ARTIFACTS").expect("BENCH_ARTIFACTS: run make bench");
    DlModule::load(PathBuf::from(build).join(format!("{}.so", name))).unwrap()
}

fn region() -> Arc<MmapRegion> {
    let limits = Limits::default().with_heap_memory_size(HEAP_MEMORY_SIZE);
    MmapRegion::create(1, &limits).unwrap()
}

/// A fresh instance, with a WASI context that inherits no stdio: what it prints goes nowhere.
fn instance(region: &Arc<MmapRegion>, module: &Arc<DlModule>) -> InstanceHandle {
    let mut instance = region.new_instance(module.clone()).unwrap();
    instance.insert_embed_ctx(WasiCtxBuilder::new().build().unwrap());
    instance
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
    // Keeps the runtime's `lucet_vmctx_*` symbols and WASI's hostcalls in this executable.
    lucet_runtime::lucet_internal_ensure_linked();
    lucet_wasi::export_wasi_funcs();
    let mut c = Criterion::default().configure_from_args();
    let region = region();
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
