//! The migration chapter's examples on Wasmtime, one topic a file, each on the guest
//! `guests/migration`: `migration-wasmtime TOPIC MODULE ARGS…` (`migration-lucet` does the same on
//! Lucet). Each compiles the `.wasm` it is given with the configuration its topic needs, prints what
//! Wasmtime did, and fails with Wasmtime's own error where the guest failed.
mod exit;
mod fuel;
mod portable;
mod signals;
mod stack;
mod start;

use anyhow::{bail, Result};
use hello_wasmtime_runtime::Host;
use wasmtime::{Engine, Instance, Module, Store};
use wasmtime_wasi::WasiCtxBuilder;

const USAGE: &str = "usage: migration-wasmtime stack MODULE STACK_BYTES DEPTH
       migration-wasmtime fuel MODULE BOUND N
       migration-wasmtime exit MODULE CODE
       migration-wasmtime signals MODULE ADDRESS
       migration-wasmtime start MODULE
       migration-wasmtime portable MODULE TARGET";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["stack", module, stack_size, depth] => {
            stack::run(module, number(stack_size)?, number(depth)?)
        }
        ["fuel", module, bound, n] => fuel::run(module, number(bound)?, number(n)?),
        ["exit", module, code] => exit::run(module, number(code)?),
        ["signals", module, address] => signals::run(module, number(address)?),
        ["start", module] => start::run(module),
        ["portable", module, target] => portable::run(module, target),
        _ => bail!("{}", USAGE),
    }
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T> {
    match text.parse() {
        Ok(number) => Ok(number),
        Err(_) => bail!("{:?} is not a whole number\n{}", text, USAGE),
    }
}

/// An instance of the module at `path`, compiled by `engine`, with the host functions of the
/// tutorial's host (`hello_wasmtime_runtime::linker`: WASI, stdio only, and `hello_host`'s).
fn instantiate(engine: &Engine, path: &str) -> Result<(Store<Host>, Instance)> {
    let module = Module::from_file(engine, path)?;
    let linker = hello_wasmtime_runtime::linker(engine)?;
    let wasi = WasiCtxBuilder::new().inherit_stdio().build_p1();
    let mut store = Store::new(engine, Host::new(wasi, usize::MAX));
    let instance = linker.instantiate(&mut store, &module)?;
    Ok((store, instance))
}
