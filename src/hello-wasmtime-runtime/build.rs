//! The host is linked as a position-dependent executable (`-no-pie`). As a position-independent
//! one (36 MB), it is relocated at every start: some 74,000 addresses written by the dynamic
//! loader, each page of them copied first. That is a quarter of a one-shot run; what it costs is
//! the host's own code and data at a fixed address (its libraries, heap and stacks are still
//! placed at random).
fn main() {
    println!("cargo:rustc-link-arg-bin=hello-wasmtime-runtime=-no-pie");
}
