//! The engine boundary: what a host needs of an engine, and the one driver both hosts run
//! (`host_core::main`). Each engine's host crate implements `Engine`; its `main.rs` hands it to
//! `main`.
use crate::cli::{self, Grants};
use crate::diff;
use crate::guest::{self, Guest};
use crate::value::{Export, FuncType};
use anyhow::{anyhow, Context, Result};
use std::path::Path;
use std::time::Duration;

/// An engine, as the host drives it: load a module file, read its exports, make a guest of it.
pub trait Engine {
    /// A loaded module, from which guests are made.
    type Module;
    /// An instance of a module, with what it takes to make a fresh one.
    type Guest: Guest;

    /// The module file at `path`, checked first for what can be seen without loading it; with
    /// `verify_with`, its signature verified by that public key (an error where the engine has none).
    fn load(&self, path: &Path, verify_with: Option<&Path>) -> Result<Self::Module>;
    /// The module's exported functions.
    fn exports(&self, module: &Self::Module) -> Result<Vec<Export>>;
    /// The type of the function the module exports as `name`: `Ok(None)` if it exports none.
    fn export_type(&self, module: &Self::Module, name: &str) -> Result<Option<FuncType>>;
    /// The engine's own error for a function the module does not export.
    fn no_such_export(&self, name: &str) -> anyhow::Error {
        anyhow!("no exported function named {:?}", name)
    }
    /// The heap limit a guest gets unless told otherwise.
    fn default_heap(&self, module: &Self::Module) -> usize;
    /// A guest: an instance of `module`, as `settings` say.
    fn instantiate(&self, module: &Self::Module, settings: &Settings) -> Result<Self::Guest>;
}

/// What a guest is given, for its first instance and every fresh one.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The bytes its memory may grow to; past them, the guest is stopped.
    pub heap_limit: usize,
    /// How long a call may run before it is stopped.
    pub timeout: Option<Duration>,
    pub grants: Grants,
    /// Whether a `memory.grow` that fails stops the guest (the hosts' way, Lucet's
    /// `terminate_on_heap_oom`) or returns -1 to it (the spec's, for `--diff`).
    pub stop_on_grow_failure: bool,
}

/// The host: parses the command line and does what it asks of `engine` — list the exports, run
/// ENTRY (see `guest::run`), or make and observe `--diff`'s calls (see `diff`). The error is what `main` returns: printed, exit status 1.
pub fn main<E: Engine>(engine: &E, host: &cli::Host) -> Result<()> {
    let command = cli::parse(host);
    let path = command.module.display();
    let module = engine
        .load(&command.module, command.verify_with.as_deref())
        .with_context(|| format!("loading {}", path))?;
    if command.list {
        cli::print_exports(engine.exports(&module)?);
        return Ok(());
    }
    let settings = Settings {
        heap_limit: command
            .heap_memory_size
            .unwrap_or_else(|| match command.diff {
                Some(_) => diff::HEAP_LIMIT,
                None => engine.default_heap(&module),
            }),
        timeout: command.timeout,
        grants: command.grants.clone(),
        stop_on_grow_failure: command.diff.is_none(),
    };
    let instantiate = || {
        engine.instantiate(&module, &settings).with_context(|| {
            format!(
                "instantiating {} with a {} byte heap limit",
                path, settings.heap_limit
            )
        })
    };
    if let Some(plan) = &command.diff {
        let plan = diff::Plan::read(plan)?;
        let observed = diff::observe(instantiate(), &plan);
        println!("{}", serde_json::to_string(&observed)?);
        return Ok(());
    }
    let entry_type = match engine.export_type(&module, &command.entry)? {
        Some(entry_type) => entry_type,
        None => {
            let exports = engine.exports(&module)?;
            return Err(engine
                .no_such_export(&command.entry)
                .context(cli::no_such_export(&command, &exports)));
        }
    };
    let mut guest = instantiate()?;
    guest::run(&command, &entry_type, &mut guest)
        .with_context(|| format!("running {} in {}", command.entry, path))
}
