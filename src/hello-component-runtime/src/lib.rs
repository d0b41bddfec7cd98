//! The tutorial's host for WebAssembly components (WASI 0.2), on Wasmtime, as `host_core::Engine`:
//! loading a component's `.cwasm`, its exports by their WIT types, a store with WASI 0.2 and the
//! host function of wit/tutorial.wit, and a call by the canonical ABI. The engine is the Wasmtime
//! host's, configured alike (`hello_wasmtime_runtime::config`), so `wasmtime-compile` compiles for
//! both; the heap limit, the timeout and the traps in words are the Wasmtime host's too.
use anyhow::{anyhow, bail, Context, Result};
use hello_wasmtime_runtime::{guarded_call, load_error, store, unsigned, Ended, Guard, Guarded};
use host_core::artifact;
use host_core::cli::{Grants, COMMAND_ENTRY};
use host_core::engine::{self, Settings};
use host_core::guest;
use host_core::value::{Export, FuncType, ValType, Value};
use std::path::Path;
use wasmtime::component::types::{ComponentFunc, ComponentItem};
use wasmtime::component::{
    Component, ComponentExportIndex, HasSelf, Instance, InstancePre, Linker, ResourceTable, Type,
    Val,
};
use wasmtime::{Engine, Precompiled, Store};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

// ANCHOR: bindgen
// The host's side of wit/tutorial.wit: the trait `TutorialImports` (its `log`) and
// `Tutorial::add_to_linker`, generated from the same file the guests' wit-bindgen reads.
wasmtime::component::bindgen!({ world: "tutorial", path: "../../wit" });

/// What a store holds for a component: WASI 0.2's context and the table of its resources (files,
/// streams), and the `Guard` of the Wasmtime host (the heap limit, the stop).
pub struct ComponentHost {
    wasi: WasiCtx,
    table: ResourceTable,
    guard: Guard,
}

impl ComponentHost {
    /// What the host's command line grants the guest (WASI 0.2's context from the same grants as
    /// the Wasmtime host's preview 1), and the heap limit.
    pub fn new(grants: &Grants, heap_limit: usize) -> Result<ComponentHost> {
        Ok(ComponentHost {
            wasi: hello_wasmtime_runtime::wasi_builder(grants)?.build(),
            table: ResourceTable::new(),
            guard: Guard::new(heap_limit),
        })
    }
}

impl TutorialImports for ComponentHost {
    /// `log`: the message arrives as a Rust `String`; no pointer, no length, no guest memory.
    fn log(&mut self, message: String) {
        guest::received(&message);
    }
}
// ANCHOR_END: bindgen

impl WasiView for ComponentHost {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl Guarded for ComponentHost {
    fn guard(&mut self) -> &mut Guard {
        &mut self.guard
    }
}

// ANCHOR: linker
/// WASI 0.2 and the host function of wit/tutorial.wit: what the project's components import.
pub fn linker(engine: &Engine) -> Result<Linker<ComponentHost>> {
    let mut linker = Linker::new(engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker)?;
    Tutorial::add_to_linker::<_, HasSelf<_>>(&mut linker, |host| host)?;
    Ok(linker)
}
// ANCHOR_END: linker

pub const CWASM: artifact::Kind = artifact::Kind {
    what: "a component's .cwasm made by wasmtime-compile",
    compiler: "wasmtime-compile",
    build: "make ENGINE=component build/component/NAME.cwasm",
    elf_type: None,
};

// ANCHOR: load
/// The component at `path`: a `.cwasm` that `wasmtime-compile` made of a component, not of a core
/// module (which `hello-wasmtime-runtime` runs).
pub fn load(engine: &Engine, path: &Path) -> Result<Component> {
    artifact::check(path, &CWASM)?;
    // SAFETY: wasmtime-compile wrote it with the same engine configuration (Wasmtime checks that),
    // and it was not tampered with (nothing can check that: load only what you compiled).
    let loaded = unsafe { Component::deserialize_file(engine, path) };
    loaded.map_err(|error| load_error(error, path, Precompiled::Component))
}
// ANCHOR_END: load

/// What a component of Rust's wasm32-wasip2 may need past its initial memory for the WASI preview
/// 1 adapter: a guest's own preview 1 imports (guests/capabilities' `random_get`) go through an
/// adapter the linker puts inside the component, which allocates its stack and state in the
/// guest's memory on its first call, growing it by two 64 KiB pages (measured: under a limit of
/// the initial memory, or one page more, `capabilities random` is stopped; see the errata).
pub const ADAPTER_HEAP: usize = 2 * 65536;

/// Wasmtime's component model, as the host drives it (`host_core::main`).
pub struct Components {
    engine: Engine,
}

impl Components {
    pub fn new() -> Result<Components> {
        Ok(Components {
            engine: hello_wasmtime_runtime::engine()?,
        })
    }
}

/// A loaded component, with its imports resolved (`InstancePre::component` is the component).
pub type Loaded = InstancePre<ComponentHost>;

impl engine::Engine for Components {
    type Module = Loaded;
    type Guest = ComponentGuest;

    fn load(&self, path: &Path, verify_with: Option<&Path>) -> Result<Loaded> {
        unsigned(verify_with)?;
        let component = load(&self.engine, path)?;
        linker(&self.engine)?
            .instantiate_pre(&component)
            .map_err(anyhow::Error::from)
            .context("its imports are not what this host provides (WASI 0.2, and wit/tutorial.wit's log): build the guest from the WIT the host was built from")
    }

    /// The exports the command line can call: those whose types it has values for.
    fn exports(&self, loaded: &Loaded) -> Result<Vec<Export>> {
        let funcs = funcs(&self.engine, loaded.component());
        let exports = funcs.filter_map(|(name, func)| {
            let ty = func_type(&name, &func).ok()?;
            Some(Export { name, ty })
        });
        Ok(exports.collect())
    }

    fn export_type(&self, loaded: &Loaded, name: &str) -> Result<Option<FuncType>> {
        let name = entry_name(&self.engine, loaded.component(), name);
        match funcs(&self.engine, loaded.component()).find(|(export, _)| *export == name) {
            Some((_, func)) => Ok(Some(func_type(&name, &func)?)),
            None => Ok(None),
        }
    }

    /// For `_start`, the default entry: the component is not a command.
    fn no_such_export(&self, name: &str) -> anyhow::Error {
        match name {
            COMMAND_ENTRY => anyhow!("this component is not a command: it exports no wasi:cli/run, so there is no _start to run; name one of its exports (--list shows them)"),
            _ => anyhow!("no exported function named {:?}", name),
        }
    }

    // ANCHOR: default-heap
    /// The initial size of the component's largest memory (a component exports none, but Wasmtime
    /// knows what its core modules declare), and `ADAPTER_HEAP` more.
    fn default_heap(&self, loaded: &Loaded) -> usize {
        let resources = loaded.component().resources_required();
        // (None: the component imports core modules, which no linker of this host provides.)
        let pages = resources.and_then(|resources| resources.max_initial_memory_size);
        pages.unwrap_or(0) as usize * 65536 + ADAPTER_HEAP
    }
    // ANCHOR_END: default-heap

    fn instantiate(&self, loaded: &Loaded, settings: &Settings) -> Result<ComponentGuest> {
        ComponentGuest::new(loaded, settings)
    }
}

/// The name of a command's entry, `wasi:cli/run@VERSION#run`, as the component exports it; the
/// host's default entry, `_start`, names it too (a component has no `_start`).
pub fn entry_name(engine: &Engine, component: &Component, name: &str) -> String {
    if name != COMMAND_ENTRY {
        return name.to_string();
    }
    funcs(engine, component)
        .map(|(export, _)| export)
        .find(|export| is_run(export))
        .unwrap_or_else(|| name.to_string())
}

/// Whether `export` is a command's `run` (`wasi:cli/run@VERSION#run`), which returns whether the
/// command succeeded, as a `result` without values.
fn is_run(export: &str) -> bool {
    export.starts_with("wasi:cli/run@") && export.ends_with("#run")
}

/// The component's exported functions: its own, by name, and those of the instances it exports,
/// as `INTERFACE#NAME` (a command's `wasi:cli/run@0.2.x#run`).
fn funcs(engine: &Engine, component: &Component) -> impl Iterator<Item = (String, ComponentFunc)> {
    let mut funcs = Vec::new();
    for (name, item) in component.component_type().exports(engine) {
        match item.ty {
            ComponentItem::ComponentFunc(func) => funcs.push((name.to_string(), func)),
            ComponentItem::ComponentInstance(instance) => {
                for (inner, item) in instance.exports(engine) {
                    if let ComponentItem::ComponentFunc(func) = item.ty {
                        funcs.push((format!("{}#{}", name, inner), func));
                    }
                }
            }
            _ => {}
        }
    }
    funcs.into_iter()
}

/// Where `name` (`NAME` or `INTERFACE#NAME`) is among the component's exports.
pub fn export_index(component: &Component, name: &str) -> Option<ComponentExportIndex> {
    match name.split_once('#') {
        Some((interface, func)) => {
            let (_, interface) = component.get_export(None, interface)?;
            let (_, func) = component.get_export(Some(&interface), func)?;
            Some(func)
        }
        None => component.get_export(None, name).map(|(_, index)| index),
    }
}

/// The type of the export `name`, in the command line's values; an error naming the function if
/// it takes or returns a value the command line has none for.
fn func_type(name: &str, func: &ComponentFunc) -> Result<FuncType> {
    let val_type = |ty: &Type| {
        val_type(ty).ok_or_else(|| {
            anyhow!(
                "{} takes or returns a value of type {:?}; this host passes s32, s64, float32, float64 and string",
                name,
                ty
            )
        })
    };
    let results: Vec<Type> = func.results().collect();
    Ok(FuncType {
        params: func
            .params()
            .map(|(_, ty)| val_type(&ty))
            .collect::<Result<_>>()?,
        results: match results.as_slice() {
            // A command's `run` returns whether it succeeded, which the host says.
            [Type::Result(_)] if is_run(name) => vec![],
            results => results.iter().map(val_type).collect::<Result<_>>()?,
        },
    })
}

fn val_type(ty: &Type) -> Option<ValType> {
    Some(match ty {
        Type::S32 => ValType::I32,
        Type::S64 => ValType::I64,
        Type::Float32 => ValType::F32,
        Type::Float64 => ValType::F64,
        Type::String => ValType::String,
        _ => return None,
    })
}

// ANCHOR: values
/// The canonical ABI's value for one of the command line's: a string is a string.
fn val(value: &Value) -> Val {
    match value {
        Value::I32(v) => Val::S32(*v),
        Value::I64(v) => Val::S64(*v),
        Value::F32(v) => Val::Float32(*v),
        Value::F64(v) => Val::Float64(*v),
        Value::String(v) => Val::String(v.clone()),
    }
}

fn value(val: Val) -> Result<Value> {
    Ok(match val {
        Val::S32(v) => Value::I32(v),
        Val::S64(v) => Value::I64(v),
        Val::Float32(v) => Value::F32(v),
        Val::Float64(v) => Value::F64(v),
        Val::String(v) => Value::String(v),
        other => return Err(anyhow!("results of type {:?} are not supported", other)),
    })
}
// ANCHOR_END: values

/// A component instance in its store, with what it takes to make a fresh one.
pub struct ComponentGuest {
    store: Store<ComponentHost>,
    instance: Instance,
    loaded: Loaded,
    settings: Settings,
}

impl ComponentGuest {
    /// An instance of `loaded` in a store of its own, given what `settings` grant.
    pub fn new(loaded: &Loaded, settings: &Settings) -> Result<ComponentGuest> {
        let host = ComponentHost::new(&settings.grants, settings.heap_limit)?;
        let mut store = store(loaded.engine(), host);
        let instance = loaded
            .instantiate(&mut store)
            .map_err(anyhow::Error::from)?;
        Ok(ComponentGuest {
            store,
            instance,
            loaded: loaded.clone(),
            settings: settings.clone(),
        })
    }
}

impl guest::Guest for ComponentGuest {
    // ANCHOR: call
    fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
        let engine = self.store.engine().clone();
        let component = self.loaded.component();
        let name = entry_name(&engine, component, name);
        let func = export_index(component, &name)
            .and_then(|index| self.instance.get_func(&mut self.store, index))
            .ok_or_else(|| anyhow!("no exported function named {:?}", name))?;
        let args: Vec<Val> = args.iter().map(val).collect();
        let mut results = vec![Val::Bool(false); func.ty(&self.store).results().len()];
        let timeout = self.settings.timeout;
        let ended = guarded_call(&mut self.store, timeout, |store| {
            func.call(store, &args, &mut results)
        })?;
        match (ended, results.as_slice()) {
            (Ended::Exited, _) => Ok(vec![]),
            // A command's `run`: `ok`, or `err`, which is its exit status 1.
            (_, [Val::Result(Ok(None))]) if is_run(&name) => Ok(vec![]),
            (_, [Val::Result(Err(None))]) if is_run(&name) => {
                bail!("{} returned an error (the command's exit status 1)", name)
            }
            _ => results.into_iter().map(value).collect(),
        }
    }
    // ANCHOR_END: call

    fn memory(&mut self) -> Result<&mut [u8]> {
        bail!("a component exports no memory: its strings cross by the canonical ABI (call a (string) -> string function with --strings)")
    }

    fn fresh_instance(&mut self) -> Result<()> {
        *self = ComponentGuest::new(&self.loaded.clone(), &self.settings)?;
        Ok(())
    }

    fn engine_error(&self, error: &anyhow::Error) -> String {
        hello_wasmtime_runtime::engine_error(error)
    }
}
