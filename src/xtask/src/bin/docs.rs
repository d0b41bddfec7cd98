//! `make docs`: writes each page of `docs/src` as mdBook expanded it (`make book` first) to the
//! readable copy, `docs/X.md`, which is committed; images are copied as they are.
use std::process::ExitCode;
use xtask::report::write_whole;
use xtask::{project_root, render, renderings};

fn main() -> ExitCode {
    let root = project_root();
    let written = renderings().and_then(|pages| {
        pages.iter().try_for_each(|(source, rendered)| {
            write_whole(&[(rendered.clone(), render(source)?)])?;
            println!(
                "{}",
                rendered.strip_prefix(&root).unwrap_or(rendered).display()
            );
            Ok(())
        })
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", error);
            ExitCode::FAILURE
        }
    }
}
