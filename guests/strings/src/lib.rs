//! Strings both ways: `make run-strings` prints `greet returned "Hello, Lucet!"`.
//!
//! The ABI, in the guest's memory: the host gets a buffer from `alloc(len)`, writes the name's bytes
//! into it and calls `greet(ptr, len)`, which takes the buffer and returns a new one holding the
//! greeting, as `ptr << 32 | len`; the host reads it and gives it back with `dealloc(ptr, len)`.

// ANCHOR: abi
/// A buffer of `len` bytes, owned by the caller until it is passed to `greet` or `dealloc`.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    Box::into_raw(vec![0u8; len].into_boxed_slice()) as *mut u8
}

/// Frees a buffer from `alloc`, or a greeting from `greet`.
///
/// # Safety
/// `ptr` and `len` are those of such a buffer, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
}

/// `Hello, NAME!` from the `len` bytes at `ptr` (a buffer from `alloc`, which this frees).
/// The name is taken as bytes, as given: what comes back is UTF-8 only if the name was.
///
/// # Safety
/// `ptr` and `len` are those of a buffer from `alloc`, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn greet(ptr: *mut u8, len: usize) -> u64 {
    let name = Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len));
    let greeting = [&b"Hello, "[..], &name, b"!"].concat().into_boxed_slice();
    let len = greeting.len() as u64;
    (Box::into_raw(greeting) as *mut u8 as u64) << 32 | len
}
// ANCHOR_END: abi
