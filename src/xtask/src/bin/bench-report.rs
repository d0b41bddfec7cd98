//! The last step of `make bench`: measures (`xtask::bench::measure`), then renders the report
//! (`Report::markdown`, `Report::chart`) into build/bench/report.json, report.md (English),
//! report.ja.md (Japanese) and chart.svg; with PUBLISH=1, not from a QUICK=1 pass, the two tables
//! and the chart also into docs/src/bench, for the Performance chapter in each language.
//!
//! `bench-report --lucet-suite-filter` prints the criterion filter that picks the cases of Lucet's
//! own suite which `bench-cases` knows (scripts/lucet-benchmarks runs them). With `--from-report`
//! (`make bench-report`), renders the last report.json again instead of measuring.
use anyhow::Result;
use xtask::engines::Engines;
use xtask::project_root;
use xtask::report::{write_report, Language::English, Language::Japanese};

fn main() -> Result<()> {
    if std::env::args().any(|arg| arg == "--lucet-suite-filter") {
        println!("{}", xtask::bench::lucet_suite_filter());
        return Ok(());
    }
    let root = project_root();
    let bench = root.join("build/bench");
    let report = match std::env::args().any(|arg| arg == "--from-report") {
        true => xtask::report::read_last(
            &bench.join("report.json"),
            "bench",
            |report: &xtask::bench::Report| report.quick,
        )?,
        false => xtask::bench::measure(&root, &bench, &Engines::read()?)?,
    };
    let (english, japanese, chart) = (
        report.markdown(English),
        report.markdown(Japanese),
        report.chart(),
    );
    let docs = root.join("docs/src/bench");
    write_report(
        &[
            (
                bench.join("report.json"),
                serde_json::to_string_pretty(&report)?,
            ),
            (bench.join("report.md"), english.clone()),
            (bench.join("report.ja.md"), japanese.clone()),
            (bench.join("chart.svg"), chart.clone()),
        ],
        // Not `.md`: fragments the chapters include, not pages of their own.
        &[
            (docs.join("report.en.markdown"), english.clone()),
            (docs.join("report.ja.markdown"), japanese),
            (docs.join("chart.svg"), chart),
        ],
        true,
    )?;
    print!("{}", english);
    Ok(())
}
