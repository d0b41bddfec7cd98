//! What `make bench` calls, beside the tutorial's own guests (`hello`'s `_start`, `add`): the cases
//! of Lucet's benchmark suite, `run_null`, `run_many_args` and `run_hostcall`.
#[link(wasm_import_module = "hello_host")]
extern "C" {
    /// A host function that does nothing: the round trip guest → host → guest.
    fn nop() -> i32;
}

/// Does nothing: the cost of a call alone.
#[no_mangle]
pub extern "C" fn null() {}

/// Sixteen arguments of every type, as Lucet's `run_many_args`; returns their sum.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
#[rustfmt::skip]
pub extern "C" fn many_args(
    a: i32, b: i64, c: f32, d: f64, e: i32, f: i64, g: f32, h: f64,
    i: i32, j: i64, k: f32, l: f64, m: i32, n: i64, o: f32, p: f64,
) -> f64 {
    (a + e + i + m) as f64 + (b + f + j + n) as f64 + (c + g + k + o) as f64 + d + h + l + p
}

/// Calls the host once.
#[no_mangle]
pub extern "C" fn hostcall() -> i32 {
    // SAFETY: the host's `nop` takes nothing and touches nothing of the guest's.
    unsafe { nop() }
}
