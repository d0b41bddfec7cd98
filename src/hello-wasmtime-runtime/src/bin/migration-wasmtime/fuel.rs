//! Fuel: with `Config::consume_fuel`, Wasmtime compiles a counter into the module; the store holds
//! the fuel left (`Store::set_fuel`, `get_fuel`), and a guest that runs out of it traps.
use anyhow::Result;
use wasmtime::{Config, Engine};

pub fn run(module: &str, bound: u64, n: i64) -> Result<()> {
    // ANCHOR: bound
    let mut config = Config::new();
    config.consume_fuel(true);
    let engine = Engine::new(&config)?;
    let (mut store, instance) = super::instantiate(&engine, module)?;
    let count = instance.get_typed_func::<i64, i64>(&mut store, "count")?;
    store.set_fuel(bound)?;
    let returned = count.call(&mut store, n);
    let used = bound - store.get_fuel()?;
    // ANCHOR_END: bound
    match returned {
        Ok(sum) => println!("count returned {} after {} units of fuel", sum, used),
        Err(error) => {
            return Err(error
                .context(format!(
                    "the guest was stopped after {} units of fuel, its bound {}",
                    used, bound
                ))
                .into())
        }
    }
    Ok(())
}
