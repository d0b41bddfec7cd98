//! `make docs`: writes each page of `docs/src` as mdBook expanded it (`make book` first) to the
//! readable copy, `docs/X.md`, which is committed; images are copied as they are.
use std::process::ExitCode;
use xtask::{project_root, render, renderings};

fn main() -> ExitCode {
    let root = project_root();
    let written = renderings().and_then(|pages| {
        pages.iter().try_for_each(|(source, rendered)| {
            let text = render(source)?;
            std::fs::create_dir_all(rendered.parent().unwrap()).map_err(|e| e.to_string())?;
            // Whole or not at all: a reader never finds half a page.
            let partial = rendered.with_extension("partial");
            std::fs::write(&partial, text)
                .and_then(|()| std::fs::rename(&partial, rendered))
                .map_err(|e| format!("writing {}: {}", rendered.display(), e))?;
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
