//! `make bench` on Wasmtime: the cases of `bench-cases` (those of Lucet's own suite,
//! `benchmarks/lucet-benchmarks`, and more), on the tutorial's lowered guests, set up as the host
//! does it, plus Wasmtime's pooling allocator with `InstancePre` and a native baseline; and the
//! same work on components (build/component), beside what it replaces on core modules. `make bench`
//! runs it, on the artifacts in build/wasmtime and build/component.
use bench_cases::*;
use criterion::{black_box, BatchSize, Criterion};
use hello_wasmtime_runtime::{
    chosen, engine, instantiate, linker, load, pooling_engine, store, val, Host,
};
use host_core::cli::Grants;
use host_core::engine::Settings;
use host_core::guest::call_with_strings;
use std::ffi::OsString;
use std::path::Path;
use wasmtime::{Engine, Instance, InstancePre, Linker, Module, Store, TypedFunc, Val};

/// What a guest's store holds: nothing granted, not even stdio, so that what it prints goes
/// nowhere.
fn quiet_host() -> Host {
    Host::granted(&Grants::default(), HEAP_MEMORY_SIZE).unwrap()
}

/// The guest `name`, loaded as the host loads it.
fn module(engine: &Engine, name: &str) -> Module {
    let build = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../build/wasmtime");
    load(engine, &build.join(format!("{}.cwasm", name))).unwrap()
}

/// `module` with its imports resolved by `linker`, as the host does it once per process.
fn pre(linker: &Linker<Host>, module: &Module) -> InstancePre<Host> {
    linker.instantiate_pre(module).unwrap()
}

/// A fresh instance, ready to run.
fn new_instance(pre: &InstancePre<Host>) -> (Store<Host>, Instance) {
    instantiate(pre, quiet_host()).unwrap()
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

/// The component cases: the same work as their core counterparts, through the hosts' own code
/// (`host_core`'s `Guest`, and the component host's store and linker).
fn components(c: &mut Criterion) {
    use hello_component_runtime::{entry_name, export_index};
    use hello_component_runtime::{linker as component_linker, load as load_component};
    use hello_component_runtime::{ComponentHost, Components};
    use wasmtime::component::Val as ComponentVal;
    let build = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let artifact = |engine, name: &str| build.join(format!("build/{}/{}.cwasm", engine, name));
    let settings = Settings {
        heap_limit: HEAP_MEMORY_SIZE,
        timeout: None,
        grants: Grants::default(),
        stop_on_grow_failure: true,
    };
    let quiet = || ComponentHost::new(&Grants::default(), HEAP_MEMORY_SIZE).unwrap();

    // Instances from the pooling allocator, configured as for core modules.
    let pooled = pooling_engine(4, &chosen().1).unwrap();
    let hello = load_component(&pooled, &artifact("component", "hello")).unwrap();
    let hello_pre = component_linker(&pooled)
        .unwrap()
        .instantiate_pre(&hello)
        .unwrap();
    c.bench_function(COMPONENT_INSTANTIATE_POOLED, |b| {
        b.iter(|| {
            let mut store = store(&pooled, quiet());
            hello_pre.instantiate(&mut store).unwrap()
        })
    });

    // The command's `run` on a fresh instance, made outside the measurement; looked up and called
    // as `run_hello` does `_start` (the export's name resolved once, as a name needs no resolving).
    let engine = engine().unwrap();
    let hello = load_component(&engine, &artifact("component", "hello")).unwrap();
    let hello_pre = component_linker(&engine)
        .unwrap()
        .instantiate_pre(&hello)
        .unwrap();
    let run = entry_name(&engine, &hello, host_core::cli::COMMAND_ENTRY);
    let run = export_index(&hello, &run).unwrap();
    c.bench_function(COMPONENT_RUN_HELLO, |b| {
        b.iter_batched_ref(
            || {
                let mut store = store(&engine, quiet());
                let instance = hello_pre.instantiate(&mut store).unwrap();
                (store, instance)
            },
            |(store, instance)| {
                let func = instance.get_func(&mut *store, run).unwrap();
                let mut results = [ComponentVal::Bool(false)];
                func.call(store, &[], &mut results).unwrap()
            },
            BatchSize::PerIteration,
        )
    });

    // A string in and out, on one instance: through the core guest's memory, and by the
    // canonical ABI.
    let wasmtime = hello_wasmtime_runtime::Wasmtime::new().unwrap();
    greet(
        c,
        GREET_POINTER_LENGTH,
        &wasmtime,
        &artifact("wasmtime", "strings"),
        &settings,
    );
    let components = Components::new().unwrap();
    greet(
        c,
        GREET_CANONICAL_ABI,
        &components,
        &artifact("component", "tutorial"),
        &settings,
    );
}

/// `greet` with a string, again and again on one instance of the guest at `path`, by
/// `call_with_strings`, as `--strings` calls it.
fn greet<E: host_core::Engine>(
    c: &mut Criterion,
    case: &str,
    engine: &E,
    path: &Path,
    settings: &Settings,
) {
    let (entry, name) = GREET;
    let args = [OsString::from(name)];
    let module = engine.load(path, None).unwrap();
    let ty = engine.export_type(&module, entry).unwrap().unwrap();
    let mut guest = engine.instantiate(&module, settings).unwrap();
    c.bench_function(case, |b| {
        b.iter(|| call_with_strings(&mut guest, entry, &ty, &args).unwrap())
    });
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let engine = engine().unwrap();
    let host_linker = linker(&engine).unwrap();
    let (hello, add, bench) = (
        pre(&host_linker, &module(&engine, "hello")),
        pre(&host_linker, &module(&engine, "add")),
        pre(&host_linker, &module(&engine, "bench")),
    );
    let add_args: Vec<Val> = add_args()
        .iter()
        .map(val)
        .collect::<Result<_, _>>()
        .unwrap();

    c.bench_function(LOAD, |b| b.iter(|| module(&engine, "hello")));
    c.bench_function(INSTANTIATE, |b| b.iter(|| new_instance(&hello)));

    // The pooling allocator: instances come from slots reserved up front, configured as the
    // hosts configure it (`chosen`, from make load's measurement).
    let pooled = pooling_engine(4, &chosen().1).unwrap();
    let pooled_linker = linker(&pooled).unwrap();
    let pooled_pre = |name| pre(&pooled_linker, &module(&pooled, name));
    let (hello_pre, add_pre) = (pooled_pre("hello"), pooled_pre("add"));
    c.bench_function(INSTANTIATE_POOLED, |b| {
        b.iter(|| {
            let mut store = store(&pooled, quiet_host());
            hello_pre.instantiate(&mut store).unwrap()
        })
    });

    // Each run on a fresh instance, made outside the measurement, as Lucet's suite does.
    for run in runs() {
        let pre = pre(&host_linker, &module(&engine, run.guest));
        let args: Vec<Val> = run.args.iter().map(val).collect::<Result<_, _>>().unwrap();
        c.bench_function(run.case, |b| {
            b.iter_batched_ref(
                || new_instance(&pre),
                |(store, instance)| call(store, instance, run.export, &args),
                BatchSize::PerIteration,
            )
        });
    }

    c.bench_function(INSTANTIATE_AND_RUN, |b| {
        b.iter(|| {
            let (mut store, instance) = new_instance(&add);
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
            let (mut store, instance) = new_instance(&pre(&host_linker, &module(&engine, "add")));
            call(&mut store, &instance, "add", &add_args);
        })
    });

    let (mut store, instance) = new_instance(&bench);
    let null: TypedFunc<(), ()> = instance.get_typed_func(&mut store, "null").unwrap();
    c.bench_function(WARM_CALL, |b| b.iter(|| null.call(&mut store, ()).unwrap()));
    c.bench_function(NATIVE_ADD, |b| {
        b.iter(|| native_add(black_box(5), black_box(3)))
    });
    components(&mut c);

    c.final_summary();
}
