//! What the AOT step (`wasmtime-compile`) and the host (`hello-wasmtime-runtime`) must agree on.
use wasmtime::{Config, Engine};

/// Artifacts are only loadable by an engine configured as the one that compiled them.
pub fn engine() -> wasmtime::Result<Engine> {
    Engine::new(&Config::new())
}
