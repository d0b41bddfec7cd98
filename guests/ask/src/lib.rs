//! The guest of the migration chapter's yield examples (`migration-lucet yield`, `async-wasmtime
//! yield`): it asks its host a question and waits for the answer, which the host gives when it
//! chooses, after the guest has been suspended.
// ANCHOR: ask
#[link(wasm_import_module = "hello_host")]
extern "C" {
    /// Hands the host `question` and suspends this guest until the host answers.
    fn ask_host(question: i32) -> i32;
}

/// Asks the host `question` and returns its answer plus one.
#[no_mangle]
pub extern "C" fn ask(question: i32) -> i32 {
    // SAFETY: the host's `ask_host` takes an i32 and returns one; it touches nothing of ours.
    unsafe { ask_host(question) + 1 }
}
// ANCHOR_END: ask
