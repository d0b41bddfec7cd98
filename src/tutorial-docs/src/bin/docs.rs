//! `make docs`: writes the docs with their includes expanded to `build/docs`.
use std::process::ExitCode;
use tutorial_docs::include::expand;
use tutorial_docs::{files, project_root};

fn main() -> ExitCode {
    let root = project_root();
    let (source, target) = (root.join("docs"), root.join("build/docs"));
    let written = files(&source, "md").and_then(|docs| {
        docs.iter().try_for_each(|doc| {
            let out = target.join(doc.strip_prefix(&source).unwrap());
            let text = expand(doc)?;
            std::fs::create_dir_all(out.parent().unwrap()).map_err(|e| e.to_string())?;
            std::fs::write(&out, text).map_err(|e| format!("writing {}: {}", out.display(), e))?;
            println!("{}", out.strip_prefix(&root).unwrap_or(&out).display());
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
