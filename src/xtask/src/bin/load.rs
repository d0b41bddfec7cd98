//! `make load`: measures (`xtask::load::measure`: guests/faults on every engine found, many
//! instances at once, through each engine's `load-*` binary), then renders the report into
//! build/load/report.json, report.md (English), report.ja.md (Japanese) and chart.svg; with
//! PUBLISH=1, from a full run that passed, its two parts also into docs/src/load, for the
//! Performance chapter and the faults chapter. Fails if any run went wrong or the soak leaked (the
//! binaries say which). With `--from-report` (`make load-report`), renders the last report.json
//! again instead of measuring.
use xtask::engines::Engines;
use xtask::project_root;
use xtask::report::{write_report, Language::English, Language::Japanese};

fn main() -> anyhow::Result<()> {
    let root = project_root();
    let out = root.join("build/load");
    // `--from-report` (make load-report): the last measurement's report.json rendered again.
    let report = match std::env::args().any(|arg| arg == "--from-report") {
        true => xtask::report::read_last(
            &out.join("report.json"),
            "load",
            |report: &xtask::load::Report| report.quick,
        )?,
        false => xtask::load::measure(&root, &out, &Engines::read()?, xtask::report::quick())?,
    };
    let chart = report.chart();
    let docs = root.join("docs/src/load");
    let written = write_report(
        &[
            (
                out.join("report.json"),
                serde_json::to_string_pretty(&report)?,
            ),
            (out.join("report.md"), report.page(English)),
            (out.join("report.ja.md"), report.page(Japanese)),
            (out.join("chart.svg"), chart.clone()),
        ],
        &[
            (
                docs.join("throughput.en.markdown"),
                report.throughput(English),
            ),
            (
                docs.join("throughput.ja.markdown"),
                report.throughput(Japanese),
            ),
            (docs.join("faults.en.markdown"), report.faults(English)),
            (docs.join("faults.ja.markdown"), report.faults(Japanese)),
            (docs.join("chart.svg"), chart),
        ],
        !report.failed(),
    );
    println!("the report: build/load/report.md (report.ja.md), report.json, chart.svg");
    written?;
    if report.failed() {
        anyhow::bail!("make load failed (above)");
    }
    Ok(())
}
