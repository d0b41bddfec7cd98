//! What the tutorial's two hosts share, whatever the engine: the engine boundary (`engine`: the
//! `Engine` trait each host implements, and `main`, the one driver), the command line (`cli`), the
//! values it speaks of (`value`), what is done with a running guest (`guest`: calls, strings, the
//! host function, traps and timeouts; `report`, what a run came to for tools), and the checks of a
//! module file before it is loaded (`artifact`); the same calls observed on either engine for
//! `make fuzz-diff` (`diff`); and the command line of the migration chapter's
//! examples (`examples`). `make load`'s workers are the `load-driver` crate's.
//!
//! Built by Lucet's Rust 1.50 inside the checkout and by today's Rust in the project's workspace,
//! where its tests run.
pub mod artifact;
pub mod cli;
pub mod diff;
pub mod engine;
pub mod examples;
pub mod guest;
pub mod report;
pub mod value;
mod watchdog;

pub use engine::{main, Engine, Settings};
