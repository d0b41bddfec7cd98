//! Portable artifacts: an engine compiles for the target its `Config` names (`Config::target`; by
//! default this host, with the CPU features it has). A `.cwasm` records the target and the CPU
//! features it was compiled for, and an engine that cannot run them refuses it.
use anyhow::{Context, Result};
use wasmtime::{Config, Engine, Module};

pub fn run(module: &str, target: &str) -> Result<()> {
    // ANCHOR: portable
    let mut config = Config::new();
    config.target(target)?;
    let compiled = Engine::new(&config)?.precompile_module(&std::fs::read(module)?)?;
    println!(
        "compiled for {}: {:?}",
        target,
        Engine::detect_precompiled(&compiled)
    );
    let here = Engine::new(&Config::new())?;
    // SAFETY: `compiled` is what an engine of this same Wasmtime just wrote.
    let loaded = unsafe { Module::deserialize(&here, &compiled) };
    // ANCHOR_END: portable
    loaded
        .map_err(anyhow::Error::from)
        .with_context(|| format!("loading on this host what was compiled for {}", target))?;
    println!("loaded on this host");
    Ok(())
}
