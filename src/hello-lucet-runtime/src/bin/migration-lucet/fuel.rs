//! Instruction counting: lucetc `--count-instructions` compiles a counter into the module; the
//! instance reads it (`get_instruction_count`). `run_async` with a bound pauses the guest each time
//! the count crosses it: a host that does not poll again has stopped the guest there.
use anyhow::{bail, Result};
use hello_lucet_runtime::lucet;
use lucet_runtime::Val;
use std::future::Future;
use std::task::{Context, Poll};

pub fn run(module: &str, bound: u64, n: i64) -> Result<()> {
    let mut instance = super::instance(module, &super::limits())?;
    if instance.get_instruction_count().is_none() {
        bail!(
            "{} counts no instructions: compile it with lucetc --count-instructions",
            module
        );
    }
    // ANCHOR: bound
    let args = [Val::I64(n)];
    let mut run = Box::pin(instance.run_async("count", &args, Some(bound)));
    // One poll: the run returns, or pauses where the count crosses the bound.
    let waker = futures_task::noop_waker();
    let polled = run.as_mut().poll(&mut Context::from_waker(&waker));
    drop(run);
    let count = instance.get_instruction_count().unwrap_or_default();
    // ANCHOR_END: bound
    match polled {
        Poll::Ready(returned) => {
            let sum = returned.map_err(lucet)?.as_i64();
            println!("count returned {} after {} instructions", sum, count);
            Ok(())
        }
        Poll::Pending => bail!(
            "the guest was stopped after {} instructions, its bound {}",
            count,
            bound
        ),
    }
}
