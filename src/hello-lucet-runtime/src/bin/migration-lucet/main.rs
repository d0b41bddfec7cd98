//! The migration chapter's examples on Lucet, one topic a file, each on the guest
//! `guests/migration`: `migration-lucet TOPIC MODULE ARGS…` (`migration-wasmtime` does the same on
//! Wasmtime). Each prints what Lucet did, and fails with Lucet's own error where the guest failed.
mod exit;
mod fuel;
mod signals;
mod stack;
mod start;
mod yield_;

use anyhow::{bail, Result};
use lucet_runtime::Limits;

const USAGE: &str = "usage: migration-lucet stack MODULE STACK_BYTES DEPTH
       migration-lucet fuel MODULE BOUND N      (MODULE compiled with lucetc --count-instructions)
       migration-lucet exit MODULE CODE
       migration-lucet signals MODULE ADDRESS
       migration-lucet start MODULE
       migration-lucet yield MODULE QUESTION";

fn main() -> Result<()> {
    // The symbols a guest's .so looks up in this executable: the runtime's and WASI's.
    hello_lucet_runtime::ensure_linked();
    // And this executable's own hostcall, which only the ask guest imports. SAFETY: a read of a
    // function pointer's own bytes; nothing is called.
    unsafe { std::ptr::read_volatile(yield_::hostcall_ask_host as *const extern "C" fn()) };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["stack", module, stack_size, depth] => {
            stack::run(module, number(stack_size)?, number(depth)?)
        }
        ["fuel", module, bound, n] => fuel::run(module, number(bound)?, number(n)?),
        ["exit", module, code] => exit::run(module, number(code)?),
        ["signals", module, address] => signals::run(module, number(address)?),
        ["start", module] => start::run(module),
        ["yield", module, question] => yield_::run(module, number(question)?),
        _ => bail!("{}", USAGE),
    }
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T> {
    match text.parse() {
        Ok(number) => Ok(number),
        Err(_) => bail!("{:?} is not a whole number\n{}", text, USAGE),
    }
}

/// A region's limits with room for the guest's heap: `Limits::default()`'s 1 MiB is less than the
/// 17 pages a Rust guest starts with (erratum E4); 64 MiB is a multiple of the host page (E5).
fn limits() -> Limits {
    Limits::default().with_heap_memory_size(64 * 1024 * 1024)
}
