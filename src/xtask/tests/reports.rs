//! The reports of `make bench` and `make load`, rendered in both languages from committed
//! measurements, tests/reports/bench.json and load.json, and compared with what they rendered when
//! last reviewed (tests/reports/*.md, *.svg). The measurements are the report.json of the runs the
//! book publishes, with the fields added since: `wasmtime_version`; a measurement's
//! `rss_growth_kib`, as the load driver computes it, and its `samples`, empty. After a change to
//! what a report says, `SNAPSHOTS=overwrite cargo test -p xtask --test reports` rewrites them:
//! review the difference.
use snapbox::{assert_data_eq, Data};
use std::path::Path;
use xtask::report::Language::{English, Japanese};
use xtask::{bench, load, project_root};

fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = project_root().join("src/xtask/tests/reports").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{} no longer reads as a report: {}", path.display(), e))
}

fn snapshot(name: &str) -> Data {
    Data::read_from(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/reports")
            .join(name),
        None,
    )
}

#[test]
fn the_bench_report_renders_as_reviewed() {
    let report: bench::Report = read("bench.json");
    assert_data_eq!(report.markdown(English), snapshot("bench.en.md"));
    assert_data_eq!(report.markdown(Japanese), snapshot("bench.ja.md"));
    assert_data_eq!(report.chart(), snapshot("bench.svg"));
}

#[test]
fn the_load_report_renders_as_reviewed() {
    let report: load::Report = read("load.json");
    assert_data_eq!(
        report.throughput(English),
        snapshot("load-throughput.en.md")
    );
    assert_data_eq!(
        report.throughput(Japanese),
        snapshot("load-throughput.ja.md")
    );
    assert_data_eq!(report.faults(English), snapshot("load-faults.en.md"));
    assert_data_eq!(report.faults(Japanese), snapshot("load-faults.ja.md"));
    assert_data_eq!(report.chart(), snapshot("load.svg"));
}
