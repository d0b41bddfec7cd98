//! The project's tasks and checks, which the binaries of `src/bin` and the tests call: the docs
//! made executable (`transcript` runs the commands they show and checks the output they quote;
//! `include` holds them to showing code only by including the files the build compiles); `make bench`'s and `make load`'s reports
//! (`bench`, `load`: measured, then rendered; `goals`, what they are judged by; `report`, what they
//! share); `make faults` and `make capabilities` (`faults`, `capabilities`); the engines `make`
//! found (`engines`); the in-process fuzz targets' bodies (`fuzzing`).
pub mod bench;
pub mod capabilities;
pub mod engines;
pub mod faults;
pub mod fuzzing;
pub mod goals;
pub mod hyperfine;
pub mod include;
pub mod load;
pub mod process;
pub mod report;
mod transcript;

pub use transcript::*;

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The project's root folder, which `docs/` and the build output are in.
pub fn project_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Every file under `dir` whose name ends in `.extension`, in name order.
pub fn files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(files(&path, extension)?);
        } else if path.extension().is_some_and(|ext| ext == extension) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// The docs people read, each with the source it is rendered from: `docs/src/X.md` (includes) →
/// `docs/X.md` (expanded), for every page but the book's `SUMMARY.md`; and the images they show,
/// `docs/src/X.svg` → `docs/X.svg`, as they are.
pub fn renderings() -> Result<Vec<(PathBuf, PathBuf)>> {
    let docs = project_root().join("docs");
    let mut sources = files(&docs.join("src"), "md")?;
    sources.extend(files(&docs.join("src"), "svg")?);
    Ok(sources
        .into_iter()
        .filter(|source| !source.ends_with("SUMMARY.md"))
        .map(|source| {
            let rendered = docs.join(source.strip_prefix(docs.join("src")).unwrap());
            (source, rendered)
        })
        .collect())
}

/// `source` as people read it: mdBook's page (its Markdown output, in build/book/markdown, which
/// `make book` writes), under a line that says where to edit it; an image as it is.
pub fn render(source: &Path) -> Result<String> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
    };
    if source.extension().is_some_and(|ext| ext != "md") {
        return read(source);
    }
    let root = project_root();
    let relative = source.strip_prefix(&root).unwrap_or(source);
    let page = relative.strip_prefix("docs/src").unwrap_or(relative);
    // mdBook writes a folder's README.md as its index.md.
    let page = match page.file_name() {
        Some(name) if name == "README.md" => page.with_file_name("index.md"),
        _ => page.to_path_buf(),
    };
    let by_mdbook =
        read(&root.join("build/book/markdown").join(page)).context("make book writes it")?;
    Ok(format!(
        "<!-- Rendered by `make docs` from {}: edit that file, not this one. -->\n\n{}",
        relative.display(),
        by_mdbook
    ))
}
