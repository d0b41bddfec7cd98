//! The article's going-further (応用) guest, a custom entry point: `make run-custom` prints `hello`.
// ANCHOR: hello
#[no_mangle]
fn hello() {
    println!("hello");
}
// ANCHOR_END: hello

fn main() {}
