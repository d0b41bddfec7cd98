//! The migration chapter's examples on Wasmtime, one topic a file: `migration-wasmtime EXAMPLE
//! MODULE ARGS…` (`--help` lists them), on the guests `guests/migration`, `guests/callback` and
//! `guests/migration/start.wat`; `migration-lucet` does the same on Lucet. Each compiles the `.wasm` it is given with the configuration its topic needs, prints what
//! Wasmtime did, and fails with Wasmtime's own error where the guest failed.
mod exit;
mod fuel;
mod portable;
mod reenter;
mod signals;
mod stack;
mod start;

use anyhow::Result;
use hello_wasmtime_runtime::Host;
use host_core::examples::Example;
use wasmtime::{Engine, Instance, Linker, Module, Store};
use wasmtime_wasi::WasiCtxBuilder;

fn main() -> Result<()> {
    let examples = [
        "stack", "fuel", "exit", "start", "signals", "reenter", "portable",
    ];
    match Example::parse("migration-wasmtime", &examples) {
        Example::Stack {
            module,
            stack_size,
            depth,
        } => stack::run(&module, stack_size, depth),
        Example::Fuel { module, bound, n } => fuel::run(&module, bound, n),
        Example::Exit { module, code } => exit::run(&module, code),
        Example::Start { module } => start::run(&module),
        Example::Signals { module, address } => signals::run(&module, address),
        Example::Reenter { module, export, n } => reenter::run(&module, &export, n),
        Example::Portable { module, target } => portable::run(&module, &target),
        // Wasmtime's needs its async feature: async-wasmtime.
        Example::Yield { .. } => unreachable!("not one of this program's examples"),
    }
}

/// An instance of the module at `path`, compiled by `engine`, with the host functions of the
/// tutorial's host (`hello_wasmtime_runtime::linker`: WASI and `hello_host`'s).
fn instantiate(engine: &Engine, path: &str) -> Result<(Store<Host>, Instance)> {
    instantiate_with(&hello_wasmtime_runtime::linker(engine)?, path)
}

/// An instance of the module at `path`, compiled by the linker's engine, with what `linker`
/// defines, and WASI with stdio only.
fn instantiate_with(linker: &Linker<Host>, path: &str) -> Result<(Store<Host>, Instance)> {
    let engine = linker.engine();
    let module = Module::from_file(engine, path)?;
    let wasi = WasiCtxBuilder::new().inherit_stdio().build_p1();
    let mut store = Store::new(engine, Host::new(wasi, usize::MAX));
    let instance = linker.instantiate(&mut store, &module)?;
    Ok((store, instance))
}
