//! Signals: Lucet turns a guest's fault into an error by catching the signal the CPU raised
//! (`SIGSEGV`, `SIGFPE`, …); each instance may have a handler of its own, which sees the signal
//! first and chooses what Lucet does with it (`set_signal_handler`), and a fatal handler for a
//! signal that is no guest's fault (`set_fatal_handler`).
use anyhow::Result;
use hello_lucet_runtime::lucet;
use lucet_runtime::{SignalBehavior, Val};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

pub fn run(module: &str, address: i32) -> Result<()> {
    let mut instance = super::instance(module, &super::limits())?;
    // ANCHOR: signals
    // A handler runs inside the signal handler: it may only do what is signal-safe (no printing).
    let caught = Arc::new(AtomicI32::new(0));
    let seen = caught.clone();
    instance.set_signal_handler(move |_instance, _trapcode, signal, _info, _context| {
        seen.store(signal, Ordering::SeqCst);
        SignalBehavior::Default
    });
    let returned = instance.run("peek", &[Val::I32(address)]);
    let signal = caught.load(Ordering::SeqCst);
    println!(
        "the instance's handler saw signal {} ({})",
        signal,
        name(signal)
    );
    // ANCHOR_END: signals
    let value = returned
        .and_then(|run| run.returned())
        .map_err(lucet)?
        .as_i32();
    println!("peek returned {}", value);
    Ok(())
}

/// The names of the signals a guest's fault raises on Linux (x86-64).
fn name(signal: i32) -> &'static str {
    match signal {
        0 => "none",
        4 => "SIGILL",
        7 => "SIGBUS",
        8 => "SIGFPE",
        11 => "SIGSEGV",
        _ => "another",
    }
}
