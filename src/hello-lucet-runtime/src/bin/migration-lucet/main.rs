//! The migration chapter's examples on Lucet, one topic a file: `migration-lucet EXAMPLE MODULE
//! ARGS…` (`--help` lists them), on the guests `guests/migration`, `guests/callback`, `guests/ask`
//! and `guests/migration/start.wat`; `migration-wasmtime` does the same on Wasmtime. Each prints
//! what Lucet did, and fails with Lucet's own error where the guest failed.
mod exit;
mod fuel;
mod reenter;
mod signals;
mod stack;
mod start;
mod yield_;

use anyhow::Result;
use host_core::examples::Example;
use lucet_runtime::{InstanceHandle, Limits, MmapRegion, Region};
use std::path::Path;

fn main() -> Result<()> {
    // The symbols a guest's .so looks up in this executable: the runtime's and WASI's, and this
    // executable's own hostcalls, which only the callback and ask guests import. SAFETY: each read
    // is of the first byte of a function's code, which is mapped readable, and any byte is a valid
    // u8; nothing is called and nothing is written.
    hello_lucet_runtime::ensure_linked();
    unsafe {
        std::ptr::read_volatile(reenter::hostcall_call_back as *const u8);
        std::ptr::read_volatile(yield_::hostcall_ask_host as *const u8);
    }
    let examples = [
        "stack", "fuel", "exit", "start", "signals", "reenter", "yield",
    ];
    match Example::parse("migration-lucet", &examples) {
        Example::Stack {
            module,
            stack_size,
            depth,
        } => stack::run(&module, stack_size, depth),
        Example::Fuel { module, bound, n } => fuel::run(&module, bound, n),
        Example::Exit { module, code } => exit::run(&module, code),
        Example::Start { module } => start::run(&module),
        Example::Signals { module, address } => signals::run(&module, address),
        Example::Reenter { module, export, n } => reenter::run(&module, &export, n),
        Example::Yield { module, question } => yield_::run(&module, question),
        Example::Portable { .. } => unreachable!("not one of this program's examples"),
    }
}

/// A region's limits with room for the guest's heap: `Limits::default()`'s 1 MiB is less than the
/// 17 pages a Rust guest starts with (erratum E4); 64 MiB is a multiple of the host page (E5).
fn limits() -> Limits {
    Limits::default().with_heap_memory_size(64 * 1024 * 1024)
}

/// An instance of the module at `path`, loaded as the tutorial's host loads one (the file checked
/// first), in a region of one slot with `limits`.
fn instance(path: &str, limits: &Limits) -> Result<InstanceHandle> {
    let module = hello_lucet_runtime::load(Path::new(path), None)?;
    let region = MmapRegion::create(1, limits).map_err(hello_lucet_runtime::lucet)?;
    region
        .new_instance(module)
        .map_err(hello_lucet_runtime::lucet)
}
