//! Step 3 host, on Lucet: `make run-hello` (or `hello-lucet-runtime build/lucet/hello.so`;
//! `hello-lucet-runtime --help` for the rest). What it does is `host_core::main`'s, with Lucet.
use hello_lucet_runtime::Lucet;
use host_core::cli::Host;

fn main() -> anyhow::Result<()> {
    let host = Host {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    };
    host_core::main(&Lucet::new(), &host)
}
