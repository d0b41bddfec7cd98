//! The article's going-further (応用) guest, an exported function with arguments: `make run-add` prints `8` twice
//! (the guest prints the sum, the host prints the returned value).
// ANCHOR: add
#[no_mangle]
fn add(a: i32, b: i32) -> i32 {
    let sum = a + b;
    println!("{}", sum);
    sum
}
// ANCHOR_END: add

fn main() {}
