//! What the AOT step (`wasmtime-compile`), the host (`hello-wasmtime-runtime`) and the benchmark
//! must agree on.
use wasmtime::{Config, Engine};

/// The configuration artifacts are compiled with: only an engine configured alike loads them.
pub fn config() -> Config {
    let mut config = Config::new();
    // Lets the host stop a guest that runs too long (`--timeout-ms`): compiled-in checks.
    config.epoch_interruption(true);
    config
}

pub fn engine() -> wasmtime::Result<Engine> {
    Engine::new(&config())
}
