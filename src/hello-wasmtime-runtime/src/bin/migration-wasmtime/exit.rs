//! WASI's `proc_exit`: wasmtime-wasi ends the call with an error that holds the exit status,
//! `I32Exit`.
use anyhow::Result;
use wasmtime::{Config, Engine};
use wasmtime_wasi::I32Exit;

pub fn run(module: &str, code: i32) -> Result<()> {
    let engine = Engine::new(&Config::new())?;
    let (mut store, instance) = super::instantiate(&engine, module)?;
    let exit_with = instance.get_typed_func::<i32, ()>(&mut store, "exit_with")?;
    // ANCHOR: exit
    match exit_with.call(&mut store, code) {
        Err(error) if error.downcast_ref::<I32Exit>().is_some() => {
            let I32Exit(status) = *error.downcast_ref::<I32Exit>().unwrap();
            println!("the guest exited with status {}", status);
            std::process::exit(status)
        }
        Err(error) => Err(error.into()),
        Ok(()) => {
            println!("exit_with returned");
            Ok(())
        }
    }
    // ANCHOR_END: exit
}
