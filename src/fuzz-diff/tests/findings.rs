//! Every committed finding (fuzz/findings/NAME), run again on both engines as `make fuzz-diff` ran
//! it: its module, compiled by each compiler, its calls made by each host, still disagrees as the
//! finding says. A finding that no longer does (an engine or a host changed) fails here, to be
//! explained again or let go. A test per finding (libtest-mimic, as the transcripts), each
//! reported as ignored without a Lucet checkout.
use fuzz_diff::compare::Verdict;
use fuzz_diff::pipeline::{self, Pair};
use host_core::diff::Plan;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::Path;
use xtask::engines::Engines;

fn main() {
    let findings = fuzz_diff::committed().unwrap();
    assert!(!findings.is_empty(), "no finding in fuzz/findings");
    // Read once, shared by the trials.
    let engines = std::sync::Arc::new(Engines::read().unwrap());
    let without_lucet = engines.lucet.is_none();
    let trials = findings
        .into_iter()
        .map(|(folder, finding)| {
            let name = folder.file_name().unwrap().to_string_lossy().into_owned();
            let engines = engines.clone();
            let trial = Trial::test(format!("findings/{}", name), move || {
                replay(&engines, &folder, &finding)
            });
            // Lucet compiles and runs each module first: without it there is nothing to compare.
            trial.with_ignored_flag(without_lucet)
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

fn replay(engines: &Engines, folder: &Path, finding: &fuzz_diff::Finding) -> Result<(), Failed> {
    let pair = Pair {
        lucet: engines
            .lucet
            .as_ref()
            .ok_or("no Lucet checkout (make lucet)")?,
        wasmtime: &engines.wasmtime,
    };
    let name = folder.file_name().unwrap().to_string_lossy();
    let scratch = xtask::project_root()
        .join("build/fuzz-diff/replay")
        .join(&*name);
    let wasm = std::fs::read(folder.join("module.wasm")).map_err(|e| e.to_string())?;
    let plan = Plan::read(&folder.join("plan.json")).map_err(|e| format!("{:#}", e))?;
    let outcome = pipeline::run(&pair, &scratch, &wasm, &plan).map_err(|e| format!("{:#}", e))?;
    match outcome.verdict {
        Verdict::Differ { class, .. } if finding.classes.contains(&class) => Ok(()),
        other => Err(format!(
            "{}: {:?}, where the finding says {:?}. If an engine or a host changed, run its seed again (make fuzz-diff FUZZ_SEED={} FUZZ_MODULES=1) and explain it anew, or remove the finding",
            folder.display(),
            other,
            finding.classes,
            finding.seed
        )
        .into()),
    }
}
