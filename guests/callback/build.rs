//! Exports the guest's function table (`__indirect_function_table`), where the function pointer it
//! hands the host (`reenter`) is an index: a Wasmtime host can only reach what a guest exports.
fn main() {
    println!("cargo:rustc-cdylib-link-arg=--export-table");
}
