//! The guest's stack: Lucet gives each instance slot a stack of its own, `Limits::stack_size`
//! bytes, mapped with the slot; a guest that reaches its end faults with `StackOverflow`.
use anyhow::Result;
use hello_lucet_runtime::lucet;
use lucet_runtime::{DlModule, MmapRegion, Region, Val};

pub fn run(module: &str, stack_size: usize, depth: i32) -> Result<()> {
    let module = DlModule::load(module).map_err(lucet)?;
    // ANCHOR: stack
    // A multiple of the host page size, as every size of a region's limits (erratum E5).
    let limits = super::limits().with_stack_size(stack_size);
    let region = MmapRegion::create(1, &limits).map_err(lucet)?;
    let mut instance = region.new_instance(module).map_err(lucet)?;
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
