//! The tutorial's docs, made executable: `transcript` runs the commands they show and checks the
//! output they quote; `include` expands the code they show from the files the build compiles.
pub mod include;
mod transcript;

pub use transcript::*;

use std::path::{Path, PathBuf};

/// The project's root folder, which `docs/` and the build output are in.
pub fn project_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Every file under `dir` whose name ends in `.extension`, in name order.
pub fn files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("reading {}: {}", dir.display(), e))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            found.extend(files(&path, extension)?);
        } else if path.extension().is_some_and(|ext| ext == extension) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}
