//! Signals: Wasmtime's handlers are the process's, installed once for every engine; no instance
//! has a handler of its own. `Config::signals_based_traps(false)` compiles explicit checks
//! instead, so that a guest's fault raises no signal at all, for hosts whose signals are not
//! Wasmtime's to take.
use anyhow::Result;
use wasmtime::{Config, Engine};

pub fn run(module: &str, address: i32) -> Result<()> {
    // ANCHOR: signals
    let mut config = Config::new();
    config.signals_based_traps(false);
    let engine = Engine::new(&config)?;
    let (mut store, instance) = super::instantiate(&engine, module)?;
    let peek = instance.get_typed_func::<i32, i32>(&mut store, "peek")?;
    let returned = peek.call(&mut store, address);
    // ANCHOR_END: signals
    println!("peek returned {}", returned?);
    Ok(())
}
