//! Guests that misbehave, one export each: `make faults` runs every one on every engine and then
//! `healthy` on a fresh instance in the same host process; `make load` runs them among many
//! `answer`s, on many threads at once.
use std::hint::black_box;

// ANCHOR: faults
/// A Rust panic: on wasm32-wasip1, panics abort, and abort is the `unreachable` instruction.
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn panic() {
    panic!("the guest panics");
}

/// A load from an address beyond the guest's heap.
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn out_of_bounds() -> i32 {
    // SAFETY: none; the load is meant to be out of bounds, and the engine, not Rust, answers it
    // with a trap, which is what this guest is for.
    unsafe { std::ptr::read_volatile(black_box(0xffff_fff0usize) as *const i32) }
}

/// `a / b` as the bare `i32.div_s` instruction, which traps when `b` is zero. (Rust checks for
/// zero itself and panics; the hint removes that check, so the instruction's own trap is seen.)
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn divide(a: i32, b: i32) -> i32 {
    // SAFETY: not kept on purpose: with `b == 0` the division is the bare instruction, whose trap
    // the engine catches; that trap is what this guest is for.
    unsafe { std::hint::assert_unchecked(b != 0) };
    a / b
}

/// Unbounded recursion, until the call stack is exhausted.
#[allow(unconditional_recursion)]
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn recurse(depth: i32) -> i32 {
    black_box(recurse(black_box(depth + 1))) + 1
}

/// An infinite loop: only a timeout stops it.
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn spin() {
    loop {
        black_box(());
    }
}

/// Grows memory without end, 64 KiB at a time, keeping all of it.
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn memory_bomb() {
    let mut kept = Vec::new();
    loop {
        kept.push(black_box(vec![1u8; 64 * 1024]));
    }
}

/// What a healthy instance returns.
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn healthy() -> i32 {
    42
}
// ANCHOR_END: faults

// ANCHOR: answer
/// The run this instance served first; 0 in a fresh instance.
static mut FIRST_RUN: i32 = 0;

/// `make load`'s healthy run: the run's own number goes into the guest's memory, and the answer is
/// computed from what memory holds. An instance that served an earlier run (not fresh, or sharing
/// memory with another) answers for that run instead, which the host sees.
#[cfg_attr(not(target_env = "p2"), no_mangle)]
pub extern "C" fn answer(run: i32) -> i32 {
    // SAFETY: a guest is one thread, and only this function touches the two statics.
    unsafe {
        let first = std::ptr::addr_of_mut!(FIRST_RUN);
        if first.read_volatile() == 0 {
            first.write_volatile(run);
        }
        first.read_volatile().wrapping_mul(ANSWER_FACTOR)
    }
}

/// Odd, so that the host can tell from an answer which run it belongs to.
const ANSWER_FACTOR: i32 = 0x9e37_79b1_u32 as i32;
// ANCHOR_END: answer

// ANCHOR: component
/// On wasm32-wasip2, a component: the same functions, exported as wit/tutorial.wit's world
/// `faults` says (wit-bindgen generates the glue).
#[cfg(target_env = "p2")]
mod component {
    wit_bindgen::generate!({ world: "faults", path: "../../wit" });

    struct Faults;

    impl Guest for Faults {
        fn panic() {
            super::panic()
        }
        fn out_of_bounds() -> i32 {
            super::out_of_bounds()
        }
        fn divide(a: i32, b: i32) -> i32 {
            super::divide(a, b)
        }
        fn recurse(depth: i32) -> i32 {
            super::recurse(depth)
        }
        fn spin() {
            super::spin()
        }
        fn memory_bomb() {
            super::memory_bomb()
        }
        fn healthy() -> i32 {
            super::healthy()
        }
        fn answer(run: i32) -> i32 {
            super::answer(run)
        }
    }

    export!(Faults);
}
// ANCHOR_END: component
