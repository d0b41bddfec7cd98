//! The migration chapter's examples on Lucet, one topic a file, each on the guest
//! `guests/migration`: `migration-lucet EXAMPLE MODULE ARGS…` (`--help` lists them) (`migration-wasmtime` does the same on
//! Wasmtime). Each prints what Lucet did, and fails with Lucet's own error where the guest failed.
mod exit;
mod fuel;
mod signals;
mod stack;
mod start;
mod yield_;

use anyhow::Result;
use host_core::examples::Example;
use lucet_runtime::Limits;

fn main() -> Result<()> {
    // The symbols a guest's .so looks up in this executable: the runtime's and WASI's.
    hello_lucet_runtime::ensure_linked();
    // And this executable's own hostcall, which only the ask guest imports. SAFETY: a read of a
    // function pointer's own bytes; nothing is called.
    unsafe { std::ptr::read_volatile(yield_::hostcall_ask_host as *const extern "C" fn()) };
    let examples = ["stack", "fuel", "exit", "start", "signals", "yield"];
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
        Example::Yield { module, question } => yield_::run(&module, question),
        Example::Portable { .. } => unreachable!("not one of this program's examples"),
    }
}

/// A region's limits with room for the guest's heap: `Limits::default()`'s 1 MiB is less than the
/// 17 pages a Rust guest starts with (erratum E4); 64 MiB is a multiple of the host page (E5).
fn limits() -> Limits {
    Limits::default().with_heap_memory_size(64 * 1024 * 1024)
}
