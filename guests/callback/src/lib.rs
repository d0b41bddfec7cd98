//! The guest of the migration chapter's callback examples (`migration-lucet reenter`,
//! `migration-wasmtime reenter`): it hands its host a function of its own, which the host calls
//! back, while the guest is still inside the host function it called.
// ANCHOR: reenter
#[link(wasm_import_module = "hello_host")]
extern "C" {
    /// Has the host call `callback(n)` back, in this guest, and return what it returned.
    fn call_back(callback: extern "C" fn(i32) -> i32, n: i32) -> i32;
}

/// What the host calls back: twice `n`.
extern "C" fn double(n: i32) -> i32 {
    n * 2
}

/// Calls the host, which calls `double` back in this guest: guest → host → guest.
#[no_mangle]
pub extern "C" fn reenter(n: i32) -> i32 {
    // SAFETY: the host calls `double` (a function of this guest's table) with `n`, and nothing else.
    unsafe { call_back(double, n) }
}

/// What the host calls back in `reenter_loudly`: twice `n`, printed first (WASI's `fd_write`, a
/// host function called from within a host function's call back).
extern "C" fn double_loudly(n: i32) -> i32 {
    println!("double_loudly({}) in the guest", n);
    n * 2
}

/// As `reenter`, but what the host calls back calls the host in its turn.
#[no_mangle]
pub extern "C" fn reenter_loudly(n: i32) -> i32 {
    // SAFETY: as in `reenter`.
    unsafe { call_back(double_loudly, n) }
}
// ANCHOR_END: reenter
