//! The fuzz targets' committed inputs, replayed on every `make test` (no fuzzing: a fixed set): each
//! target's seed corpus (fuzz/corpus/TARGET) and every input that once crashed it, kept when it was
//! fixed (fuzz/regressions/TARGET). A panic fails the test, as it fails the fuzzer.
use std::path::Path;

fn inputs(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut paths: Vec<_> = entries.map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|path| std::fs::read(path).unwrap())
        .collect()
}

#[test]
fn the_targets_are_the_fuzz_crates_bins() {
    let manifest = xtask::project_root().join("fuzz/Cargo.toml");
    let manifest: toml::Table = std::fs::read_to_string(manifest).unwrap().parse().unwrap();
    let mut bins: Vec<&str> = manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bin| bin["name"].as_str().unwrap())
        .collect();
    let mut targets: Vec<&str> = xtask::fuzzing::TARGETS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    bins.sort();
    targets.sort();
    assert_eq!(
        bins, targets,
        "fuzz/Cargo.toml's bins and xtask::fuzzing::TARGETS"
    );
}

#[test]
fn every_committed_input_of_every_target_returns() {
    let fuzz = xtask::project_root().join("fuzz");
    for (name, target) in xtask::fuzzing::TARGETS {
        let source = fuzz.join("fuzz_targets").join(format!("{}.rs", name));
        assert!(
            source.exists(),
            "{} has no fuzz target: {}",
            name,
            source.display()
        );
        let corpus = inputs(&fuzz.join("corpus").join(name));
        assert!(!corpus.is_empty(), "{} has no seed corpus", name);
        for input in corpus
            .iter()
            .chain(&inputs(&fuzz.join("regressions").join(name)))
        {
            target(input);
        }
    }
}
