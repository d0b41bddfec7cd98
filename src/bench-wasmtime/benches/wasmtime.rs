//! `make bench` on Wasmtime: the cases of `bench-cases` (those of Lucet's own suite,
//! `benchmarks/lucet-benchmarks`, and more), on the tutorial's lowered guests, set up as the host
//! does it, plus Wasmtime's pooling allocator with `InstancePre` and a native baseline. `make bench`
//! runs it, on the artifacts in build/wasmtime.
use bench_cases::*;
use criterion::{black_box, BatchSize, Criterion};
use hello_wasmtime_runtime::{config, engine, instantiate, linker, load, store, val, Host};
use std::path::Path;
use wasmtime::{
    Engine, Instance, InstancePre, Linker, Module, PoolingAllocationConfig, Store, TypedFunc, Val,
};
use wasmtime_wasi::WasiCtxBuilder;

/// What a guest's store holds: a WASI context that inherits no stdio, so that what it prints goes
/// nowhere.
fn quiet_host() -> Host {
    Host::new(WasiCtxBuilder::new().build_p1(), HEAP_MEMORY_SIZE)
}

/// The guest `name`, loaded as the host loads it.
fn module(engine: &Engine, name: &str) -> Module {
    let build = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../build/wasmtime");
    load(engine, &build.join(format!("{}.cwasm", name))).unwrap()
}

/// A fresh instance of `module`, ready to run.
fn new_instance(linker: &Linker<Host>, module: &Module) -> (Store<Host>, Instance) {
    instantiate(linker, module, quiet_host()).unwrap()
}

/// Calls `name` with `args` as the tutorial's host does: untyped, by name.
fn call(store: &mut Store<Host>, instance: &Instance, name: &str, args: &[Val]) {
    let func = instance.get_func(&mut *store, name).unwrap();
    let mut results = vec![Val::I32(0); func.ty(&*store).results().len()];
    func.call(store, args, &mut results).unwrap();
}

#[inline(never)]
fn native_add(a: i32, b: i32) -> i32 {
    a + b
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let engine = engine().unwrap();
    let host_linker = linker(&engine).unwrap();
    let (hello, add, bench) = (
        module(&engine, "hello"),
        module(&engine, "add"),
        module(&engine, "bench"),
    );
    let add_args: Vec<Val> = add_args().iter().map(val).collect();

    c.bench_function(LOAD, |b| b.iter(|| module(&engine, "hello")));
    c.bench_function(INSTANTIATE, |b| {
        b.iter(|| new_instance(&host_linker, &hello))
    });

    // ANCHOR: pooling
    // The pooling allocator: instances come from slots reserved up front.
    let mut pooling = PoolingAllocationConfig::default();
    pooling
        .total_memories(4)
        .total_tables(4)
        .total_core_instances(4);
    let mut config = config();
    config.allocation_strategy(pooling);
    let pooled = Engine::new(&config).unwrap();
    let pooled_linker = linker(&pooled).unwrap();
    let pre = |name| -> InstancePre<Host> {
        pooled_linker
            .instantiate_pre(&module(&pooled, name))
            .unwrap()
    };
    let (hello_pre, add_pre) = (pre("hello"), pre("add"));
    // ANCHOR_END: pooling
    c.bench_function(INSTANTIATE_POOLED, |b| {
        b.iter(|| {
            let mut store = store(&pooled, quiet_host());
            hello_pre.instantiate(&mut store).unwrap()
        })
    });

    // Each run on a fresh instance, made outside the measurement, as Lucet's suite does.
    for run in runs() {
        let module = module(&engine, run.guest);
        let args: Vec<Val> = run.args.iter().map(val).collect();
        c.bench_function(run.case, |b| {
            b.iter_batched_ref(
                || new_instance(&host_linker, &module),
                |(store, instance)| call(store, instance, run.export, &args),
                BatchSize::PerIteration,
            )
        });
    }

    c.bench_function(INSTANTIATE_AND_RUN, |b| {
        b.iter(|| {
            let (mut store, instance) = new_instance(&host_linker, &add);
            call(&mut store, &instance, "add", &add_args);
        })
    });
    // ANCHOR: reset
    // One instance per request, from a pooled slot that the last request's instance gave back.
    c.bench_function(RESET_AND_RUN, |b| {
        b.iter(|| {
            let mut store = store(&pooled, quiet_host());
            let instance = add_pre.instantiate(&mut store).unwrap();
            call(&mut store, &instance, "add", &add_args);
        })
    });
    // ANCHOR_END: reset
    // What the host does inside, once per process: load, instantiate, run `add`.
    c.bench_function(LOAD_INSTANTIATE_RUN, |b| {
        b.iter(|| {
            let (mut store, instance) = new_instance(&host_linker, &module(&engine, "add"));
            call(&mut store, &instance, "add", &add_args);
        })
    });

    let (mut store, instance) = new_instance(&host_linker, &bench);
    let null: TypedFunc<(), ()> = instance.get_typed_func(&mut store, "null").unwrap();
    c.bench_function(WARM_CALL, |b| b.iter(|| null.call(&mut store, ()).unwrap()));
    c.bench_function(NATIVE_ADD, |b| {
        b.iter(|| native_add(black_box(5), black_box(3)))
    });

    c.final_summary();
}
