//! The tutorial's docs, made executable: `transcript` runs the commands they show and checks the
//! output they quote; `include` expands the code they show from the files the build compiles.
pub mod include;
mod transcript;

pub use transcript::*;
