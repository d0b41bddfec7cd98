//! Step 3 host, on Wasmtime: `make run-hello ENGINE=wasmtime`
//! (or `hello-wasmtime-runtime build/wasmtime/hello.cwasm`; `--help` for the rest).
use anyhow::{anyhow, bail, Context, Result};
use hello_wasmtime_runtime::{
    default_heap_memory_size, engine, export_type, exports, instantiate, linker, load, Host,
    WasmtimeGuest,
};
use host_core::{cli, guest};

fn main() -> Result<()> {
    let command = cli::parse(&cli::Host {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    });
    let module_path = command.module.display();

    if command.verify_with.is_some() {
        bail!("--verify-with is Lucet's: Wasmtime has no signed modules (it checks that a .cwasm was compiled by this Wasmtime version with this configuration)");
    }
    let engine = engine()?;
    let module =
        load(&engine, &command.module).with_context(|| format!("loading {}", module_path))?;
    // The export list is read only to print it, or to say which exports there are.
    if command.list {
        cli::print_exports(exports(&module)?);
        return Ok(());
    }
    let entry_type = match export_type(&module, &command.entry)? {
        Some(entry_type) => entry_type,
        None => {
            let no_such = anyhow!("no exported function named {:?}", command.entry);
            return Err(no_such.context(cli::no_such_export(&command, &exports(&module)?)));
        }
    };
    let heap_memory_size = match command.heap_memory_size {
        Some(bytes) => bytes,
        None => default_heap_memory_size(&module),
    };

    // ANCHOR: instance
    let instantiating = || {
        format!(
            "instantiating {} with a {} byte heap limit",
            module_path, heap_memory_size
        )
    };
    // The module with its imports resolved, from which each instance is made.
    let pre = linker(&engine)?
        .instantiate_pre(&module)
        .map_err(anyhow::Error::from)
        .with_context(instantiating)?;
    let host = Host::granted(&command.grants, heap_memory_size)?;
    let (store, instance) = instantiate(&pre, host).with_context(instantiating)?;
    // ANCHOR_END: instance

    let mut guest = WasmtimeGuest {
        store,
        instance,
        pre,
        timeout: command.timeout,
        heap_limit: heap_memory_size,
        grants: command.grants.clone(),
    };
    guest::run(&command, &entry_type, &mut guest)
        .with_context(|| format!("running {} in {}", command.entry, module_path))
}
