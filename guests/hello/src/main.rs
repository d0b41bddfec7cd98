//! Step 1 guest: `make run-hello` prints `Hello, Lucet!`.
// ANCHOR: main
fn main() {
    println!("Hello, Lucet!");
}
// ANCHOR_END: main
