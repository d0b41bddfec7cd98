//! The guest of the migration chapter's examples (`migration-lucet`, `migration-wasmtime`): the same
//! exports on both engines, each showing where the engines differ.
use std::hint::black_box;

// ANCHOR: descend
/// Recurses `depth` calls deep and returns `depth`: how deep the engine's stack lets it go.
#[no_mangle]
pub extern "C" fn descend(depth: i32) -> i32 {
    if depth == 0 {
        return 0;
    }
    black_box(descend(black_box(depth - 1))) + 1
}
// ANCHOR_END: descend

// ANCHOR: count
/// Counts to `n` and returns the sum of the numbers counted: work in proportion to `n`.
#[no_mangle]
pub extern "C" fn count(n: i64) -> i64 {
    let mut sum = 0i64;
    for i in 0..n {
        sum = black_box(sum.wrapping_add(i));
    }
    sum
}
// ANCHOR_END: count

// ANCHOR: peek
/// Reads the 4 bytes at `address` of this guest's memory: past its end, a fault.
#[no_mangle]
pub extern "C" fn peek(address: i32) -> i32 {
    // SAFETY: none, on purpose: an address past the guest's memory is what this export is for, and
    // the engine must stop the guest there.
    unsafe { std::ptr::read_volatile(address as usize as *const i32) }
}
// ANCHOR_END: peek

// ANCHOR: exit
/// Ends the guest with exit status `code`, as a WASI program's `exit` does (WASI's `proc_exit`).
#[no_mangle]
pub extern "C" fn exit_with(code: i32) {
    std::process::exit(code)
}
// ANCHOR_END: exit
