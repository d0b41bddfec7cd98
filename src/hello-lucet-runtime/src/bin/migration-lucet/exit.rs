//! WASI's `proc_exit`: lucet-wasi ends the run with `RuntimeTerminated`, whose details hold the
//! exit status (`TerminationDetails::as_exitcode`).
use anyhow::Result;
use hello_lucet_runtime::lucet;
use lucet_runtime::{Error, Val};
use lucet_wasi::WasiCtxBuilder;

pub fn run(module: &str, code: i32) -> Result<()> {
    let mut instance = super::instance(module, &super::limits())?;
    instance.insert_embed_ctx(WasiCtxBuilder::new().inherit_stdio().build()?);
    // ANCHOR: exit
    match instance.run("exit_with", &[Val::I32(code)]) {
        Err(Error::RuntimeTerminated(details)) if details.as_exitcode().is_some() => {
            let status = details.as_exitcode().unwrap();
            println!("the guest exited with status {}", status);
            std::process::exit(status as i32)
        }
        Err(error) => Err(lucet(error)),
        Ok(_) => {
            println!("exit_with returned");
            Ok(())
        }
    }
    // ANCHOR_END: exit
}
