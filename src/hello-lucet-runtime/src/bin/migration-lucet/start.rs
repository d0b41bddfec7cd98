//! A module's start function: Lucet does not run it when it makes an instance. Until the host
//! runs it (`run_start`), every export is refused with `InstanceNeedsStart`; after a `reset`, again.
use anyhow::Result;
use hello_lucet_runtime::lucet;

pub fn run(module: &str) -> Result<()> {
    let mut instance = super::instance(module, &super::limits())?;
    // ANCHOR: start
    let ready = |instance: &mut lucet_runtime::InstanceHandle| match instance.run("ready", &[]) {
        Ok(run) => format!("{}", run.unwrap_returned().as_i32()),
        Err(error) => format!("{:?}", error),
    };
    println!("made:     ready: {}", ready(&mut instance));
    instance.run_start().map_err(lucet)?;
    println!("started:  ready: {}", ready(&mut instance));
    instance.reset().map_err(lucet)?;
    println!("reset:    ready: {}", ready(&mut instance));
    instance.run_start().map_err(lucet)?;
    println!("started:  ready: {}", ready(&mut instance));
    // ANCHOR_END: start
    Ok(())
}
