//! The reports of `make bench` and `make load`, rendered in both languages from committed
//! measurements, tests/reports/bench.json and load.json, and compared with what they rendered when
//! last reviewed (tests/reports/*.md, *.svg). The measurements are the report.json of the runs the
//! book publishes, in today's shape: the fields added since (`wasmtime_version`; a measurement's
//! `rss_growth_kib`, as the load driver computes it, and its `samples`, empty), the bench's columns
//! by key and its hosts without the names their keys give. After a change to
//! what a report says, `SNAPSHOTS=overwrite cargo test -p xtask --test reports` rewrites them:
//! review the difference.
use snapbox::{assert_data_eq, Data};
use xtask::report::Language::{English, Japanese};
use xtask::{bench, load, project_root};

fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = project_root().join("src/xtask/tests/reports").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{} no longer reads as a report: {}", path.display(), e))
}

/// A file of tests/reports, compared byte for byte (no filters, no wildcards).
fn snapshot(name: &str) -> Data {
    let path = project_root().join("src/xtask/tests/reports").join(name);
    Data::read_from(&path, None).raw()
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

/// The rows and verdicts the committed run does not have: a peer not installed, repeats on both
/// sides of a line, a host whose `add` was not timed.
#[test]
fn the_bench_report_says_what_is_missing_and_what_is_on_the_line() {
    let mut report: bench::Report = read("bench.json");
    let hello = &mut report.whole_processes[0];
    assert_eq!(hello.guest, "hello");
    let min = hello
        .rows
        .iter()
        .find(|row| row.id == bench::Id::WasmtimeMin);
    let min = min.unwrap().repeats.clone();
    for row in &mut hello.rows {
        match row.id {
            bench::Id::Node => row.timing = None,
            // The Wasmtime host over `wasmtime-min`: 0.90, 1.10 and 1.00 ×.
            bench::Id::Host(ref key) if key == "wasmtime" => {
                row.repeats = vec![0.9 * min[0], 1.1 * min[1], min[2]]
            }
            _ => {}
        }
    }
    report.hosts[0].run_ns = None;
    let english = report.markdown(English);
    assert!(english.contains("| Node's `node:wasi`, the .wasm | Node 20 or later not found"));
    assert!(english.contains("| 0.90 × | 0.90 – 1.10 | **on the line**: met in 2 of 3 |"));
    assert!(!english.contains("- Lucet: the host, `HOST add.so add 5 3`"));
    assert!(english.contains("- Wasmtime: the host, `HOST add.cwasm add 5 3`"));
    assert!(report
        .markdown(Japanese)
        .contains("**境界線上**：3 回中 2 回で達成"));

    for row in &mut report.whole_processes[0].rows {
        if row.id == bench::Id::WasmtimeMin {
            row.timing = None;
        }
    }
    let english = report.markdown(English);
    assert!(english.contains("not measured: `wasmtime-min` not installed"));
    assert!(english.contains("| `wasmtime-min run --allow-precompiled`, a .cwasm of `wasmtime compile` | not installed: `make bench-prerequisites` |"));
}
