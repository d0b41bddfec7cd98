//! The tutorial's host for components: `make ENGINE=component run-hello` (or
//! `hello-component-runtime build/component/hello.cwasm`; `--help` for the rest). What it does is
//! `host_core::main`'s, with Wasmtime's component model.
use hello_component_runtime::Components;
use host_core::cli::Host;

fn main() -> anyhow::Result<()> {
    let host = Host {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    };
    host_core::main(&Components::new()?, &host)
}
