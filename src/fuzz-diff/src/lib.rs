//! `make fuzz-diff`: Lucet 51fb1ed against Wasmtime on modules neither was written for. wasm-smith
//! generates them (`generate`), each engine compiles and runs them in processes of its own
//! (`pipeline`), their observations are compared (`compare`), and the run is told in a report
//! (`report`). A disagreement is shrunk with wasm-shrink and kept under build/fuzz-diff/findings.
pub mod compare;
pub mod generate;
pub mod pipeline;
pub mod report;

use anyhow::{Context, Result};
use host_core::diff::Observations;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A disagreement kept: `finding.json` beside its module (`module.wasm`, printed in `module.wat`)
/// and the calls made of it (`plan.json`). A committed one (fuzz/findings/NAME) explains each of
/// its `classes`, which a run then counts as known; `make test` checks it still disagrees so.
#[derive(Debug, Serialize, Deserialize)]
pub struct Finding {
    pub classes: Vec<String>,
    /// The seed of the module it was shrunk from.
    pub seed: u64,
    pub verdict: compare::Verdict,
    /// What each host observed (Lucet's, then Wasmtime's), if both ran it.
    pub observed: Option<(Observations, Observations)>,
}

/// The committed findings' folders (fuzz/findings/NAME), with what each holds.
pub fn committed() -> Result<Vec<(PathBuf, Finding)>> {
    let dir = xtask::project_root().join("fuzz/findings");
    let mut findings = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let folder = entry?.path();
        if !folder.is_dir() {
            continue;
        }
        let file = folder.join("finding.json");
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        let finding = serde_json::from_str(&text)
            .with_context(|| format!("reading {}: not a finding", file.display()))?;
        findings.push((folder, finding));
    }
    findings.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(findings)
}

/// Each class the committed findings explain, and the name of the finding that does.
pub fn known() -> Result<BTreeMap<String, String>> {
    let mut known = BTreeMap::new();
    for (folder, finding) in committed()? {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        for class in finding.classes {
            known.insert(class, name.clone());
        }
    }
    Ok(known)
}
