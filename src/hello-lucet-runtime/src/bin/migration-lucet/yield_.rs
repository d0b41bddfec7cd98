//! Yield: a Lucet hostcall can suspend the guest (`Vmctx::yield_val_expecting_val`); `run` returns
//! `RunResult::Yielded` with the value yielded, and the host resumes the guest, on its own stack,
//! with a value of its choosing (`resume_with_val`), now or later.
use anyhow::{anyhow, Result};
use hello_lucet_runtime::lucet;
use lucet_runtime::vmctx::Vmctx;
use lucet_runtime::{lucet_hostcall, RunResult, Val};

// ANCHOR: hostcall
/// `hello_host.ask_host`, which the ask guest calls: suspends the guest, handing its question to
/// the host that runs it, and returns the answer the guest is resumed with.
#[lucet_hostcall]
#[no_mangle]
pub fn hostcall_ask_host(vmctx: &Vmctx, question: i32) -> i32 {
    vmctx.yield_val_expecting_val::<i32, i32>(question)
}
// ANCHOR_END: hostcall

pub fn run(module: &str, question: i32) -> Result<()> {
    let mut instance = super::instance(module, &super::limits())?;
    // ANCHOR: yield
    let mut run = instance.run("ask", &[Val::I32(question)]).map_err(lucet)?;
    while let RunResult::Yielded(asked) = run {
        let asked = *asked
            .downcast::<i32>()
            .map_err(|_| anyhow!("the guest yielded something else than a question"))?;
        println!("the guest asked {} and is suspended", asked);
        run = instance.resume_with_val(asked * 6).map_err(lucet)?;
    }
    let answer = run.unwrap_returned().as_i32();
    // ANCHOR_END: yield
    println!("ask returned {}", answer);
    Ok(())
}
