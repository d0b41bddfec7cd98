//! Step 3 host, on Lucet: `make run-hello` (or `hello-lucet-runtime build/lucet/hello.so`;
//! `hello-lucet-runtime --help` for the rest).
use anyhow::{Context, Result};
use hello_lucet_runtime::{
    default_heap_memory_size, ensure_linked, export_type, exports, instantiate, load, lucet,
    region, wasi, LucetGuest,
};
use host_core::{cli, guest};

fn main() -> Result<()> {
    let command = cli::parse(&cli::Host {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    });
    let module = command.module.display();
    ensure_linked();

    // ANCHOR: load
    let dl_module = load(&command.module, command.verify_with.as_deref())
        .with_context(|| format!("loading {}", module))?;
    // ANCHOR_END: load
    // The export list is read only to print it, or to say which exports there are.
    let export_list = || exports(&command.module).with_context(|| format!("reading {}", module));
    if command.list {
        cli::print_exports(export_list()?);
        return Ok(());
    }
    let entry_type = match export_type(&dl_module, &command.entry) {
        Ok(entry_type) => entry_type,
        Err(error) => {
            return Err(lucet(error).context(cli::no_such_export(&command, &export_list()?)))
        }
    };
    let heap_memory_size = match command.heap_memory_size {
        Some(bytes) => bytes,
        None => default_heap_memory_size(&dl_module),
    };

    // ANCHOR: instance
    let region = region(1, heap_memory_size)?;
    let instance = instantiate(&region, &dl_module, wasi(&command.grants)?)
        .with_context(|| format!("instantiating {}", module))?;
    // ANCHOR_END: instance

    let mut guest = LucetGuest {
        instance: Some(instance),
        region,
        module: dl_module,
        timeout: command.timeout,
        heap_limit: heap_memory_size,
        grants: command.grants.clone(),
    };
    guest::run(&command, &entry_type, &mut guest)
        .with_context(|| format!("running {} in {}", command.entry, module))
}
