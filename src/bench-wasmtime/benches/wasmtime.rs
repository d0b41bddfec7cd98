//! `make bench` on Wasmtime: the cases of Lucet's own suite (`benchmarks/lucet-benchmarks`), on
//! the tutorial's lowered guests, plus Wasmtime's pooling allocator with `InstancePre` and a native
//! baseline. `make bench` runs it, on the artifacts in build/wasmtime.
use criterion::{black_box, BatchSize, Criterion};
use hello_wasmtime_runtime::{config, engine, instantiate, linker, load, store, Host};
use std::path::Path;
use wasmtime::{
    Engine, Instance, InstancePre, Linker, Module, PoolingAllocationConfig, Store, TypedFunc, Val,
};
use wasmtime_wasi::WasiCtxBuilder;

/// The article's heap limit.
const HEAP_MEMORY_SIZE: usize = 100 * 16 * 64 * 1024;

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
fn run(store: &mut Store<Host>, instance: &Instance, name: &str, args: &[Val]) {
    let func = instance.get_func(&mut *store, name).unwrap();
    let mut results = vec![Val::I32(0); func.ty(&*store).results().len()];
    func.call(store, args, &mut results).unwrap();
}

fn many_args() -> Vec<Val> {
    (0..4)
        .flat_map(|i| {
            vec![
                Val::I32(i),
                Val::I64(i as i64),
                Val::F32((i as f32).to_bits()),
                Val::F64((i as f64).to_bits()),
            ]
        })
        .collect()
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
    let add_args = [Val::I32(5), Val::I32(3)];

    c.bench_function("load", |b| b.iter(|| module(&engine, "hello")));
    c.bench_function("hello_instantiate", |b| {
        b.iter(|| new_instance(&host_linker, &hello))
    });

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
    c.bench_function("hello_instantiate (pooling + InstancePre)", |b| {
        b.iter(|| {
            let mut store = store(&pooled, quiet_host());
            hello_pre.instantiate(&mut store).unwrap()
        })
    });

    // Each run on a fresh instance, made outside the measurement, as Lucet's suite does.
    let cases: [(&str, &Module, &str, Vec<Val>); 5] = [
        ("run_null", &bench, "null", vec![]),
        ("run_many_args", &bench, "many_args", many_args()),
        ("run_add", &add, "add", add_args.to_vec()),
        ("run_hello", &hello, "_start", vec![]),
        ("run_hostcall", &bench, "hostcall", vec![]),
    ];
    for (case, module, export, args) in &cases {
        c.bench_function(case, |b| {
            b.iter_batched_ref(
                || new_instance(&host_linker, module),
                |(store, instance)| run(store, instance, export, args),
                BatchSize::PerIteration,
            )
        });
    }

    c.bench_function("instantiate_and_run_add", |b| {
        b.iter(|| {
            let (mut store, instance) = new_instance(&host_linker, &add);
            run(&mut store, &instance, "add", &add_args);
        })
    });
    // One instance per request, from a pooled slot that the last request's instance gave back.
    c.bench_function("reset_and_run", |b| {
        b.iter(|| {
            let mut store = store(&pooled, quiet_host());
            let instance = add_pre.instantiate(&mut store).unwrap();
            run(&mut store, &instance, "add", &add_args);
        })
    });
    // What the CLI does inside, once per process: load, instantiate, run `add`.
    c.bench_function("load_instantiate_run_add", |b| {
        b.iter(|| {
            let (mut store, instance) = new_instance(&host_linker, &module(&engine, "add"));
            run(&mut store, &instance, "add", &add_args);
        })
    });

    let (mut store, instance) = new_instance(&host_linker, &bench);
    let null: TypedFunc<(), ()> = instance.get_typed_func(&mut store, "null").unwrap();
    c.bench_function("warm_call", |b| {
        b.iter(|| null.call(&mut store, ()).unwrap())
    });
    c.bench_function("run_add (native)", |b| {
        b.iter(|| native_add(black_box(5), black_box(3)))
    });

    c.final_summary();
}
