//! What the AOT step (`wasmtime-compile`) and the host (`hello-wasmtime-runtime`) must agree on.
use wasmtime::{Config, Engine};

/// Artifacts are only loadable by an engine configured as the one that compiled them.
pub fn engine() -> wasmtime::Result<Engine> {
    let mut config = Config::new();
    // Lets the host stop a guest that runs too long (`--timeout-ms`): compiled-in checks.
    config.epoch_interruption(true);
    Engine::new(&config)
}
