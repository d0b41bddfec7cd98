//! The guest's stack: Lucet gives each instance slot a stack of its own, `Limits::stack_size`
//! bytes, mapped with the slot; a guest that reaches its end faults with `StackOverflow`.
use anyhow::Result;
use hello_lucet_runtime::lucet;
use lucet_runtime::Val;

pub fn run(module: &str, stack_size: usize, depth: i32) -> Result<()> {
    // ANCHOR: stack
    // A multiple of the host page size, as every size of a region's limits (erratum E5).
    let limits = super::limits().with_stack_size(stack_size);
    let mut instance = super::instance(module, &limits)?;
    let returned = instance
        .run("descend", &[Val::I32(depth)])
        .and_then(|run| run.returned());
    // ANCHOR_END: stack
    let depth = returned.map_err(lucet)?.as_i32();
    println!(
        "descend returned {} with a {} byte stack",
        depth, stack_size
    );
    Ok(())
}
