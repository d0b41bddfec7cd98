//! A module's start function: Wasmtime runs it as part of instantiation, so every instance the
//! host gets has run it; there is no reset, only a new instance, which runs it again.
use anyhow::Result;
use wasmtime::{Config, Engine, Instance, Linker, Module, Store};

pub fn run(module: &str) -> Result<()> {
    let engine = Engine::new(&Config::new())?;
    let module = Module::from_file(&engine, module)?;
    // ANCHOR: start
    let ready = |store: &mut Store<()>, instance: &Instance| -> Result<i32> {
        let ready = instance.get_typed_func::<(), i32>(&mut *store, "ready")?;
        Ok(ready.call(store, ())?)
    };
    let linker = Linker::new(&engine);
    let mut store = Store::new(&engine, ());
    let instance = linker.instantiate(&mut store, &module)?;
    println!("made:     ready: {}", ready(&mut store, &instance)?);
    let mut store = Store::new(&engine, ());
    let instance = linker.instantiate(&mut store, &module)?;
    println!("new:      ready: {}", ready(&mut store, &instance)?);
    // ANCHOR_END: start
    Ok(())
}
