//! Every committed finding (fuzz/findings/NAME), run again on both engines as `make fuzz-diff` ran
//! it: its module, compiled by each compiler, its calls made by each host, still disagrees as the
//! finding says. A finding that no longer does (an engine or a host changed) fails here, to be
//! explained again or let go. Skipped, and said so, without a Lucet checkout.
use fuzz_diff::compare::Verdict;
use fuzz_diff::pipeline::{self, Pair};
use host_core::diff::Plan;
use xtask::engines::Engines;

#[test]
fn every_committed_finding_still_disagrees_as_it_says() {
    let findings = fuzz_diff::committed().unwrap();
    assert!(!findings.is_empty(), "no finding in fuzz/findings");
    let engines = Engines::read().unwrap();
    let Some(lucet) = &engines.lucet else {
        eprintln!(
            "skipped: the {} findings need Lucet (make lucet)",
            findings.len()
        );
        return;
    };
    let pair = Pair {
        lucet,
        wasmtime: &engines.wasmtime,
    };
    let scratch = xtask::project_root().join("build/fuzz-diff/replay");
    for (folder, finding) in findings {
        let wasm = std::fs::read(folder.join("module.wasm")).unwrap();
        let plan: Plan = Plan::read(&folder.join("plan.json")).unwrap();
        let outcome = pipeline::run(&pair, &scratch, &wasm, &plan).unwrap();
        match outcome.verdict {
            Verdict::Differ { class, .. } if finding.classes.contains(&class) => {}
            other => panic!(
                "{}: {:?}, where the finding says {:?}. If an engine or a host changed, run its seed again (make fuzz-diff FUZZ_SEED={} FUZZ_MODULES=1) and explain it anew, or remove the finding",
                folder.display(),
                other,
                finding.classes,
                finding.seed
            ),
        }
    }
}
