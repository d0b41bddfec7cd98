//! What `make bench` measures, written once: the cases both engines' benchmarks run (by these
//! names), in the order the report shows them, with what each measures, the name Lucet's own suite
//! gives it, and the figure the engine's authors published for it.
use host_core::value::Value;

/// The article's heap limit, for every instance the benchmarks make.
pub const HEAP_MEMORY_SIZE: usize = 100 * 16 * 64 * 1024;

pub const LOAD: &str = "load";
pub const INSTANTIATE: &str = "hello_instantiate";
pub const INSTANTIATE_POOLED: &str = "hello_instantiate (pooling + InstancePre)";
pub const RUN_NULL: &str = "run_null";
pub const RUN_MANY_ARGS: &str = "run_many_args";
pub const RUN_ADD: &str = "run_add";
pub const NATIVE_ADD: &str = "run_add (native)";
pub const RUN_HELLO: &str = "run_hello";
pub const RUN_HOSTCALL: &str = "run_hostcall";
pub const WARM_CALL: &str = "warm_call";
pub const RESET_AND_RUN: &str = "reset_and_run";
pub const INSTANTIATE_AND_RUN: &str = "instantiate_and_run_add";
pub const LOAD_INSTANTIATE_RUN: &str = "load_instantiate_run_add";
/// The same work on a component (WASI 0.2, wit/tutorial.wit), and what it replaces on a core module.
pub const COMPONENT_INSTANTIATE_POOLED: &str =
    "hello_instantiate (component, pooling + InstancePre)";
pub const COMPONENT_RUN_HELLO: &str = "run_hello (component)";
pub const GREET_POINTER_LENGTH: &str = "greet (core: alloc, pointer/length)";
pub const GREET_CANONICAL_ABI: &str = "greet (component: canonical ABI)";

pub struct Case {
    pub name: &'static str,
    /// Its name in Lucet's own suite (`benchmarks/lucet-benchmarks`, the `MmapRegion` half).
    pub lucet_suite: Option<&'static str>,
    /// What the engine's authors published for it.
    pub published: Option<Published>,
}

/// Each engine's key, as `Published::engine` and the reports' data give it, and its name.
pub const ENGINES: [(&str, &str); 2] = [("lucet", "Lucet"), ("wasmtime", "Wasmtime")];

/// The engine's name for its key (the key itself, for one `ENGINES` does not list).
pub fn engine_name(key: &str) -> &str {
    ENGINES
        .iter()
        .find(|(known, _)| *known == key)
        .map_or(key, |(_, name)| name)
}

pub struct Published {
    /// `lucet` or `wasmtime`.
    pub engine: &'static str,
    pub nanoseconds: f64,
    /// The figure, as the report says it: `≤ 50 µs`.
    pub figure: &'static str,
    /// Where it was published.
    pub source: &'static str,
}

/// Every case, in the report's order: loading, instantiating, calling, whole requests.
#[rustfmt::skip]
pub const CASES: &[Case] = &[
    Case { name: LOAD, lucet_suite: None, published: None },
    Case { name: INSTANTIATE, lucet_suite: Some("hello_instantiate"), published: None },
    Case { name: INSTANTIATE_POOLED, lucet_suite: None, published: Some(Published {
        engine: "wasmtime", nanoseconds: 5_000.0, figure: "≤ 5 µs",
        source: "https://bytecodealliance.org/articles/wasmtime-10-performance",
    }) },
    Case { name: RUN_NULL, lucet_suite: Some("run_null"), published: None },
    Case { name: RUN_MANY_ARGS, lucet_suite: Some("run_many_args"), published: None },
    Case { name: RUN_ADD, lucet_suite: None, published: None },
    Case { name: NATIVE_ADD, lucet_suite: None, published: None },
    Case { name: RUN_HELLO, lucet_suite: Some("run_hello"), published: None },
    Case { name: RUN_HOSTCALL, lucet_suite: Some("run_hostcall_wrapped"), published: None },
    Case { name: WARM_CALL, lucet_suite: None, published: Some(Published {
        engine: "wasmtime", nanoseconds: 100.0, figure: "≤ 100 ns",
        source: "https://github.com/bytecodealliance/wasmtime/pull/2757",
    }) },
    Case { name: RESET_AND_RUN, lucet_suite: None, published: None },
    Case { name: INSTANTIATE_AND_RUN, lucet_suite: None, published: Some(Published {
        engine: "lucet", nanoseconds: 50_000.0, figure: "≤ 50 µs",
        source: "https://www.fastly.com/blog/announcing-lucet-fastly-native-webassembly-compiler-runtime",
    }) },
    Case { name: LOAD_INSTANTIATE_RUN, lucet_suite: None, published: None },
    Case { name: COMPONENT_INSTANTIATE_POOLED, lucet_suite: None, published: None },
    Case { name: COMPONENT_RUN_HELLO, lucet_suite: None, published: None },
    Case { name: GREET_POINTER_LENGTH, lucet_suite: None, published: None },
    Case { name: GREET_CANONICAL_ABI, lucet_suite: None, published: None },
];

/// The name and argument of the greet cases.
pub const GREET: (&str, &str) = ("greet", "ワールド");

/// A `run_*` case: one call on a fresh instance, made outside the measurement (as Lucet's suite
/// does): the guest, its export and the arguments.
pub struct Run {
    pub case: &'static str,
    pub guest: &'static str,
    pub export: &'static str,
    pub args: Vec<Value>,
}

/// `add(5, 3)`, the article's call.
pub fn add_args() -> Vec<Value> {
    vec![Value::I32(5), Value::I32(3)]
}

/// The `run_*` cases both engines run.
pub fn runs() -> Vec<Run> {
    let run = |case, guest, export, args| Run {
        case,
        guest,
        export,
        args,
    };
    vec![
        run(RUN_NULL, "bench", "null", vec![]),
        run(RUN_MANY_ARGS, "bench", "many_args", many_args()),
        run(RUN_ADD, "add", "add", add_args()),
        run(RUN_HELLO, "hello", "_start", vec![]),
        run(RUN_HOSTCALL, "bench", "hostcall", vec![]),
    ]
}

/// Lucet's suite's `many_args`: four of each type.
fn many_args() -> Vec<Value> {
    (0..4)
        .flat_map(|i| {
            vec![
                Value::I32(i),
                Value::I64(i64::from(i)),
                Value::F32(i as f32),
                Value::F64(f64::from(i)),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_is_a_case_and_names_are_unique() {
        for run in runs() {
            assert!(
                CASES.iter().any(|case| case.name == run.case),
                "{}",
                run.case
            );
        }
        let mut names: Vec<&str> = CASES.iter().map(|case| case.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CASES.len());
    }
}
