//! Step 3 host, on Wasmtime: `make run-hello ENGINE=wasmtime`
//! (or `hello-wasmtime-runtime build/wasmtime/hello.cwasm`; `--help` for the rest). What it does is
//! `host_core::main`'s, with Wasmtime.
use hello_wasmtime_runtime::Wasmtime;
use host_core::cli::Host;

fn main() -> anyhow::Result<()> {
    let host = Host {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    };
    host_core::main(&Wasmtime::new()?, &host)
}
