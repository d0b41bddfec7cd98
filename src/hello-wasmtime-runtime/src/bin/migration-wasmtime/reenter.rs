//! Calling back into the guest: a Wasmtime host function reaches what the guest exports through
//! its `Caller`, here the guest's function table, and calls a function of it once its type is
//! checked (`Func::typed`).
use anyhow::Result;
use hello_wasmtime_runtime::Host;
use wasmtime::{Caller, Config, Engine, Extern, Ref};

// ANCHOR: call_back
/// `hello_host.call_back(callback, n)`, which the callback guest calls: calls the guest's function
/// `callback` (an index into the function table it exports) with `n`, and returns what it returned.
fn call_back(mut caller: Caller<'_, Host>, callback: u32, n: i32) -> wasmtime::Result<i32> {
    let table = match caller.get_export("__indirect_function_table") {
        Some(Extern::Table(table)) => table,
        _ => wasmtime::bail!(
            "call_back: the guest exports no function table (link it with --export-table, as \
             guests/callback/build.rs does)"
        ),
    };
    let func = match table.get(&mut caller, u64::from(callback)) {
        Some(Ref::Func(Some(func))) => func,
        _ => wasmtime::bail!(
            "call_back: no function at {} in the guest's table",
            callback
        ),
    };
    // The function's type is checked: one of another type is an error, not a call.
    func.typed::<i32, i32>(&caller)?.call(&mut caller, n)
}
// ANCHOR_END: call_back

pub fn run(module: &str, export: &str, n: i32) -> Result<()> {
    let engine = Engine::new(&Config::new())?;
    let mut linker = hello_wasmtime_runtime::linker(&engine)?;
    linker.func_wrap("hello_host", "call_back", call_back)?;
    let (mut store, instance) = super::instantiate_with(&linker, module)?;
    let reenter = instance.get_typed_func::<i32, i32>(&mut store, export)?;
    println!("{} returned {}", export, reenter.call(&mut store, n)?);
    Ok(())
}
