//! Host functions: `make run-hostcall` prints `host received: Hello from the guest` (the host) and
//! `host returned 20` (the guest).
// ANCHOR: import
#[link(wasm_import_module = "hello_host")]
extern "C" {
    /// Hands the host `len` bytes of this guest's memory at `ptr`; returns what the host returns.
    fn log(ptr: *const u8, len: usize) -> i32;
}

fn main() {
    let message = "Hello from the guest";
    // SAFETY: the host reads `len` bytes at `ptr`, here the whole of `message`, and writes nothing.
    let returned = unsafe { log(message.as_ptr(), message.len()) };
    println!("host returned {}", returned);
}
// ANCHOR_END: import

/// Points the host outside this guest's memory: the host must refuse, not read.
#[no_mangle]
fn log_out_of_bounds() -> i32 {
    // SAFETY: the host only reads, and must refuse a range outside this guest's memory: that
    // refusal is what this export is for.
    unsafe { log((usize::MAX - 15) as *const u8, 32) }
}
