//! The tutorial's guests as one component, built for wasm32-wasip2: `make ENGINE=component
//! run-add` prints `8` twice, `run-strings` `greet returned "Hello, Lucet!"`, `run-hostcall`
//! `host received: Hello from the guest`. No pointer, length or `alloc` of its own: wit-bindgen
//! generates the canonical ABI's glue from wit/tutorial.wit.
// ANCHOR: component
wit_bindgen::generate!({ world: "tutorial", path: "../../wit" });

struct Tutorial;

impl Guest for Tutorial {
    fn add(a: i32, b: i32) -> i32 {
        let sum = a + b;
        println!("{}", sum);
        sum
    }

    fn greet(name: String) -> String {
        format!("Hello, {}!", name)
    }

    fn hostcall() {
        log("Hello from the guest");
    }
}

export!(Tutorial);
// ANCHOR_END: component
