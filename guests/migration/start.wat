;; A module with a start function, which Rust does not emit: `init` runs when the module is
;; instantiated, before any export can be called, and sets the global `ready` that `ready` returns.
;; Assembled with binaryen's wasm-as (make: build/wasm/start.wasm).
(module
  (global $ready (mut i32) (i32.const 0))
  (func $init
    (global.set $ready (i32.const 42)))
  (start $init)
  (func (export "ready") (result i32)
    (global.get $ready)))
