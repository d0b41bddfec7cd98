//! What the tutorial's two hosts share, whatever the engine: the command line (`cli`), the values
//! it speaks of (`value`), what is done with a running guest (`guest`: calls, strings, the host
//! function, traps and timeouts; `report`, what a run came to for tools), the checks of a module
//! file before it is loaded (`artifact`), and `make load`'s workers and their checks (`load`). Each
//! engine's host crate implements `guest::Guest` and has a thin `main`.
//!
//! Built by Lucet's Rust 1.50 inside the checkout and by today's Rust in the project's workspace,
//! where its tests run.
pub mod artifact;
pub mod cli;
pub mod guest;
pub mod load;
pub mod report;
pub mod value;
