//! The guest's stack: Wasmtime runs the guest on the stack of the thread that calls it, and
//! `Config::max_wasm_stack` bounds how much of it the guest may use; past it, the guest traps
//! (`StackOverflow`). The thread's own stack must be larger (here the main thread's, 8 MiB).
use anyhow::Result;
use wasmtime::{Config, Engine};

pub fn run(module: &str, stack_size: usize, depth: i32) -> Result<()> {
    // ANCHOR: stack
    let mut config = Config::new();
    config.max_wasm_stack(stack_size);
    let engine = Engine::new(&config)?;
    let (mut store, instance) = super::instantiate(&engine, module)?;
    let descend = instance.get_typed_func::<i32, i32>(&mut store, "descend")?;
    let returned = descend.call(&mut store, depth);
    // ANCHOR_END: stack
    println!(
        "descend returned {} with a {} byte stack",
        returned?, stack_size
    );
    Ok(())
}
