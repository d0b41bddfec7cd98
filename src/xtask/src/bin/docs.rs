//! `make docs`: writes each page of `docs/src` as mdBook expanded it (`make book` first) to the
//! readable copy, `docs/X.md`, which is committed; images are copied as they are.
use xtask::report::write_whole;
use xtask::{project_root, render, renderings};

fn main() -> anyhow::Result<()> {
    let root = project_root();
    for (source, rendered) in renderings()? {
        write_whole(&[(rendered.clone(), render(&source)?)])?;
        let shown = rendered.strip_prefix(&root).unwrap_or(&rendered);
        println!("{}", shown.display());
    }
    Ok(())
}
