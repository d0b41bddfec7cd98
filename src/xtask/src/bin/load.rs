//! `make load`: measures (`xtask::load::measure`: guests/faults on every engine found, many
//! instances at once, through each engine's `load-*` binary), then renders the report into
//! build/load/report.json, report.md (English), report.ja.md (Japanese) and chart.svg; with
//! PUBLISH=1, from a full run that passed, its two parts also into docs/src/load, for the
//! Performance chapter and the faults chapter. Fails if any run went wrong or the soak leaked (the
//! binaries say which).
use xtask::engines::Engines;
use xtask::project_root;
use xtask::report::{publishing, write_whole, Language};

fn main() -> anyhow::Result<()> {
    let root = project_root();
    let out = root.join("build/load");
    let quick = std::env::var_os("QUICK").is_some_and(|quick| !quick.is_empty());
    let report = xtask::load::measure(&root, &out, &Engines::read()?, quick)?;
    let part = |language| (report.throughput(language), report.faults(language));
    let ((throughput, faults), (throughput_ja, faults_ja)) =
        (part(Language::English), part(Language::Japanese));
    let chart = report.chart();
    let docs = root.join("docs/src/load");
    let written = write_whole(&[
        (
            out.join("report.json"),
            serde_json::to_string_pretty(&report)?,
        ),
        (
            out.join("report.md"),
            format!("{}\n![runs/s](chart.svg)\n\n{}", throughput, faults),
        ),
        (
            out.join("report.ja.md"),
            format!(
                "{}\n![毎秒の実行回数](chart.svg)\n\n{}",
                throughput_ja, faults_ja
            ),
        ),
        (out.join("chart.svg"), chart.clone()),
    ])
    .and_then(|()| match publishing(!report.failed()) {
        Ok(()) => write_whole(&[
            (docs.join("throughput.en.markdown"), throughput),
            (docs.join("throughput.ja.markdown"), throughput_ja),
            (docs.join("faults.en.markdown"), faults),
            (docs.join("faults.ja.markdown"), faults_ja),
            (docs.join("chart.svg"), chart),
        ]),
        Err(why) => {
            eprintln!("the book keeps its figures: {}", why);
            Ok(())
        }
    });
    println!("the report: build/load/report.md (report.ja.md), report.json, chart.svg");
    written?;
    if report.failed() {
        anyhow::bail!("make load failed (above)");
    }
    Ok(())
}
