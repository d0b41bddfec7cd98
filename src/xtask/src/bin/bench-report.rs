//! The last step of `make bench`: criterion's estimates for each engine (build/bench/criterion),
//! plus what only a stopwatch around a process can measure (AOT compile time, the host end to end,
//! process start), gathered into one `Report`. From it: build/bench/report.json, report.md (English)
//! and report.ja.md (Japanese), and chart.svg; with PUBLISH=1, not from a QUICK=1 pass, the two
//! tables and the chart are also written to docs/src/bench, for the Performance chapter in each
//! language.
//!
//! `bench-report --lucet-suite-filter` prints the criterion filter that picks the cases of Lucet's
//! own suite which `bench-cases` knows (scripts/lucet-benchmarks runs them).
use anyhow::Result;
use bench_cases::{Case, CASES, LOAD_INSTANTIATE_RUN, NATIVE_ADD, RUN_ADD};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use xtask::engines::{Engine, Engines};
use xtask::hyperfine::{self, Timing};
use xtask::project_root;
use xtask::report::{publishing, write_whole, Language, Machine};

/// Where criterion wrote each column's estimates (build/bench/criterion/KEY), and its name.
const COLUMNS: [(&str, &str); 3] = [
    bench_cases::ENGINES[0],
    bench_cases::ENGINES[1],
    ("lucet-benchmarks", "Lucet's own suite"),
];
/// What `wasmtime compile` is told, so that `wasmtime-min` (`run` alone) loads what it compiles;
/// each answers the load error it would give otherwise: "compiled for the copying collector but
/// the host is configured to use the deferred reference-counting collector"; "compiled with
/// concurrency support but it is not enabled for the host"; "compiled with support for
/// WebAssembly feature `threads` but it is not enabled for the host".
const WASMTIME_MIN_COMPILE_FLAGS: [&str; 4] = [
    "-C",
    "collector=drc",
    "-W",
    "concurrency-support=n,threads=n,shared-memory=n",
];

/// The guests whose AOT compilation and size the report gives.
const GUESTS: [&str; 3] = ["hello", "add", "bench"];

/// Everything `make bench` found, in nanoseconds and bytes: what the three outputs are made of.
#[derive(Serialize)]
struct Report {
    machine: Machine,
    /// The columns with estimates: (key, name).
    columns: Vec<(&'static str, &'static str)>,
    /// One row a case measured, in `bench_cases::CASES`' order.
    cases: Vec<Row>,
    /// Per guest: the .wasm's size, and each engine's AOT compile time and artifact size.
    guests: Vec<Guest>,
    /// Per engine: its host end to end (`HOST add.EXT add 5 3`) and starting alone (`--version`).
    hosts: Vec<Host>,
    /// Per guest, one process per run: the hosts, the runtimes a reader would use instead, and a
    /// process that does nothing.
    whole_processes: Vec<WholeProcesses>,
    /// Why Lucet's own suite did not run (scripts/lucet-benchmarks' `not-run`), if it did not.
    lucet_suite_not_run: Option<String>,
    /// The hosts' Wasmtime, and the CLI's beside them.
    wasmtime_version: String,
}

#[derive(Serialize)]
struct Row {
    case: &'static str,
    /// Per column key.
    estimates: BTreeMap<&'static str, Estimate>,
    published: Option<Published>,
}

/// What the engine's authors published for a case, and whether the median is within it.
#[derive(Serialize)]
struct Published {
    engine: &'static str,
    figure: &'static str,
    source: &'static str,
    within: bool,
}

/// A median and its 95 % confidence interval, in nanoseconds.
#[derive(Clone, Copy, Serialize)]
struct Estimate {
    median: f64,
    low: f64,
    high: f64,
}

#[derive(Serialize)]
struct Guest {
    name: &'static str,
    wasm_bytes: u64,
    /// Per engine key: (compile time in ns, artifact bytes).
    compiled: BTreeMap<&'static str, (f64, u64)>,
}

#[derive(Serialize)]
struct Host {
    engine: &'static str,
    name: &'static str,
    extension: String,
    run_ns: f64,
    start_ns: f64,
}

fn main() -> Result<()> {
    if std::env::args().any(|arg| arg == "--lucet-suite-filter") {
        let names: Vec<&str> = CASES.iter().filter_map(|case| case.lucet_suite).collect();
        println!("^({}) \\(MmapRegion\\)$", names.join("|"));
        return Ok(());
    }
    let root = project_root();
    let bench = root.join("build/bench");
    let report = measure(&root, &bench, &Engines::read()?)?;
    let (english, japanese) = (
        report.markdown(Language::English),
        report.markdown(Language::Japanese),
    );
    let chart = report.chart();
    let json = serde_json::to_string_pretty(&report)?;
    let docs = root.join("docs/src/bench");
    write_whole(&[
        (bench.join("report.json"), json),
        (bench.join("report.md"), english.clone()),
        (bench.join("report.ja.md"), japanese.clone()),
        (bench.join("chart.svg"), chart.clone()),
    ])
    .and_then(|()| match publishing(true) {
        // Not `.md`: fragments the chapters include, not pages of their own.
        Ok(()) => write_whole(&[
            (docs.join("report.en.markdown"), english.clone()),
            (docs.join("report.ja.markdown"), japanese),
            (docs.join("chart.svg"), chart),
        ]),
        Err(why) => {
            eprintln!("the book keeps its figures: {}", why);
            Ok(())
        }
    })?;
    print!("{}", english);
    Ok(())
}

/// Reads criterion's estimates, and times the AOT compilers and the hosts of `engines`.
fn measure(root: &Path, bench: &Path, engines: &Engines) -> Result<Report> {
    let mut estimates: BTreeMap<String, BTreeMap<&'static str, Estimate>> = BTreeMap::new();
    for (column, _) in COLUMNS {
        for (id, estimate) in criterion_estimates(&bench.join("criterion").join(column)) {
            // Lucet's suite names its cases `run_null (MmapRegion)`.
            let id = id.trim_end_matches(" (MmapRegion)");
            let case = CASES
                .iter()
                .find(|case| case.lucet_suite == Some(id))
                .map_or(id, |case| case.name);
            estimates
                .entry(case.to_string())
                .or_default()
                .insert(column, estimate);
        }
    }
    let columns = COLUMNS
        .into_iter()
        .filter(|(column, _)| estimates.values().any(|row| row.contains_key(column)))
        .collect();
    let cases = CASES
        .iter()
        .filter_map(|case: &'static Case| {
            let estimates = estimates.remove(case.name)?;
            let published = case.published.as_ref().and_then(|published| {
                let median = estimates.get(published.engine)?.median;
                Some(Published {
                    engine: published.engine,
                    figure: published.figure,
                    source: published.source,
                    within: median <= published.nanoseconds,
                })
            });
            Some(Row {
                case: case.name,
                estimates,
                published,
            })
        })
        .collect();

    let time = |commands: &[Vec<String>], runs, warmup| {
        hyperfine::time(&engines.hyperfine, commands, root, runs, warmup)
    };
    let mut guests = Vec::new();
    for name in GUESTS {
        let wasm = root.join(format!("build/wasm/{}.wasm", name));
        let scratch = bench.join(format!("compiled-{}", name));
        let mut compiled = BTreeMap::new();
        for engine in engines.found() {
            let Ok(artifact) = std::fs::metadata(engine.artifact(name)) else {
                continue;
            };
            let took = time(&[argv(&engine.compile(&wasm, &scratch))], 3, 0)?[0].median;
            compiled.insert(engine.key(), (took, artifact.len()));
        }
        guests.push(Guest {
            name,
            wasm_bytes: std::fs::metadata(&wasm).map_or(0, |m| m.len()),
            compiled,
        });
    }
    // The hosts that were built; the whole processes time them, `--version` alone too.
    let built: Vec<&Engine> = engines
        .found()
        .into_iter()
        .filter(|engine| engine.host.exists())
        .collect();
    let whole_processes = whole_processes(root, &built, engines)?;
    let add = whole_processes.iter().find(|table| table.guest == "add");
    let versions: Vec<Vec<String>> = built
        .iter()
        .map(|engine| vec![engine.host.display().to_string(), "--version".to_string()])
        .collect();
    let starts = time(&versions, 30, 3)?;
    let hosts = built
        .iter()
        .zip(starts)
        .map(|(engine, start)| Host {
            engine: engine.key(),
            name: bench_cases::engine_name(engine.key()),
            extension: engine.extension.clone(),
            run_ns: add
                .and_then(|table| table.timing(Id::Host(engine.key())))
                .map_or(f64::NAN, |timing| timing.median),
            start_ns: start.median,
        })
        .collect();
    Ok(Report {
        machine: Machine::here(),
        columns,
        cases,
        guests,
        hosts,
        whole_processes,
        lucet_suite_not_run: std::fs::read_to_string(
            bench.join("criterion/lucet-benchmarks/not-run"),
        )
        .ok()
        .map(|why| why.trim().to_string()),
        wasmtime_version: engines.wasmtime.version.clone(),
    })
}

impl Report {
    fn markdown(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let source = |case: &str| {
            let case = CASES.iter().find(|c| c.name == case).unwrap();
            case.published
                .as_ref()
                .map_or("", |published| published.source)
        };
        let mut out = words(
            &format!("Measured on {}.\n\n", self.machine.describe(language)),
            &format!("計測環境：{}。\n\n", self.machine.describe(language)),
        );
        out += &words(
            &format!(
                "Medians, with criterion's 95 % confidence interval. The last column holds a case \
                 against what the engine's authors published: [Lucet's instantiation in under \
                 50 µs]({}), [Wasmtime's in about 5 µs]({}) with the pooling allocator and \
                 `InstancePre`, and [its calls into a guest in a few tens of nanoseconds]({}).\n\n",
                source(bench_cases::INSTANTIATE_AND_RUN),
                source(bench_cases::INSTANTIATE_POOLED),
                source(bench_cases::WARM_CALL)
            ),
            &format!(
                "値は中央値で、括弧内は criterion による 95 % 信頼区間です。最後の列は、エンジンの\
                 開発元が公表した数値との比較です：[Lucet のインスタンス化は 50 µs 未満]({})、\
                 [Wasmtime のインスタンス化はプーリングアロケータと `InstancePre` で約 5 µs]({})、\
                 [Wasmtime でのホストからゲストへの呼び出しは数十ナノ秒]({})。\n\n",
                source(bench_cases::INSTANTIATE_AND_RUN),
                source(bench_cases::INSTANTIATE_POOLED),
                source(bench_cases::WARM_CALL)
            ),
        );
        let names: Vec<String> = self
            .columns
            .iter()
            .map(|(_, name)| match (*name, language) {
                ("Lucet's own suite", Language::Japanese) => "Lucet 自身のベンチマーク".to_string(),
                (name, _) => name.to_string(),
            })
            .collect();
        out += &format!(
            "| {} | {} | Wasmtime/Lucet | {} |\n",
            words("case", "ケース"),
            names.join(" | "),
            words("published figure, as judged", "公表値（判定の基準）")
        );
        out += &format!("|---|{}---|---|\n", "---|".repeat(self.columns.len()));
        for row in &self.cases {
            let cells: Vec<String> = self
                .columns
                .iter()
                .map(|(column, _)| match row.estimates.get(column) {
                    Some(e) => format!("{} ({}–{})", time(e.median), time(e.low), time(e.high)),
                    None => "–".to_string(),
                })
                .collect();
            let ratio = match (row.estimates.get("wasmtime"), row.estimates.get("lucet")) {
                (Some(w), Some(l)) => format!("{:.2}", w.median / l.median),
                _ => "–".to_string(),
            };
            let published = row.published.as_ref().map_or(String::new(), |published| {
                let verdict = match published.within {
                    true => words("within", "範囲内"),
                    false => words("**beyond**", "**超過**"),
                };
                let separator = words(": ", "：");
                let engine = bench_cases::engine_name(published.engine);
                format!("{} {}{}{}", engine, published.figure, separator, verdict)
            });
            out += &format!(
                "| {} | {} | {} | {} |\n",
                row.case,
                cells.join(" | "),
                ratio,
                published
            );
        }
        if let Some(why) = &self.lucet_suite_not_run {
            out += &words(
                &format!(
                    "\nLucet's own suite did not run: {}.\n",
                    not_run(why, language)
                ),
                &format!(
                    "\nLucet 自身のベンチマークは実行されませんでした：{}。\n",
                    not_run(why, language)
                ),
            );
        }
        out += &words("\nRatios:\n\n", "\n比率：\n\n");
        let estimate = |case: &str, column: &str| {
            let row = self.cases.iter().find(|row| row.case == case)?;
            row.estimates.get(column).map(|e| e.median)
        };
        for host in &self.hosts {
            if let (Some(run), Some(native)) = (
                estimate(RUN_ADD, host.engine),
                estimate(NATIVE_ADD, "wasmtime"),
            ) {
                out += &words(
                    &format!(
                        "- {}: `run_add` / native `add`: {:.0}× (the call, WASI's `println!` into \
                         a sink and the sandbox)\n",
                        host.name,
                        run / native
                    ),
                    &format!(
                        "- {}：`run_add` はネイティブの `add` の {:.0} 倍です。呼び出し自体、出力を捨てる\
                         シンクへの WASI の `println!`、サンドボックスのコストを含みます。\n",
                        host.name,
                        run / native
                    ),
                );
            }
            if self.own_work(host).is_none() {
                let (name, ext) = (host.name, &host.extension);
                let (total, start) = (time(host.run_ns), time(host.start_ns));
                out += &words(
                    &format!(
                        "- {name}: the host, `HOST add.{ext} add 5 3`, {total} from start to exit; \
                         process start alone (`HOST --version`) {start}: too close to tell the \
                         host's own work apart from the spread of the two runs\n"
                    ),
                    &format!(
                        "- {name}：ホスト（`HOST add.{ext} add 5 3`）は、起動から終了までが {total}、\
                         プロセスの起動だけ（`HOST --version`）で {start} です。差が小さすぎて、2 つの\
                         計測のばらつきとホスト自身の処理を区別できません。\n"
                    ),
                );
            }
            if let Some((raw, overhead)) = self.own_work(host) {
                let (name, ext) = (host.name, &host.extension);
                let (total, start) = (time(host.run_ns), time(host.start_ns));
                let run = host.run_ns - host.start_ns;
                let (run, raw) = (time(run), time(raw));
                out += &words(
                    &format!(
                        "- {name}: the host, `HOST add.{ext} add 5 3`, {total} from start to exit; \
                         without process start (`HOST --version`: {start}), {run}; the raw API \
                         (load, instantiate, run) {raw}: the host's own work is {overhead:.0} % of \
                         a run\n"
                    ),
                    &format!(
                        "- {name}：ホスト（`HOST add.{ext} add 5 3`）は、起動から終了までが {total}、\
                         プロセスの起動（`HOST --version`：{start}）を除くと {run} です。API を直接\
                         呼ぶと（ロード、インスタンス化、実行）{raw} なので、1 回の実行の \
                         {overhead:.0} % がホスト自身の処理です。\n"
                    ),
                );
            }
        }
        out += &self.whole_processes_table(language);
        out += &words(
            "\nAOT compile time (median of 3 runs; wasmtime-compile's Cranelift is built at \
             opt-level 0, so that the first Hello comes sooner: see \"The time to the first \
             Hello\") and sizes:\n\n",
            "\nAOT コンパイル時間（3 回の中央値）とサイズは次のとおりです。wasmtime-compile の Cranelift \
             は、最初の Hello までの時間を縮めるため、opt-level 0 でビルドしています（「最初の Hello \
             までの時間」を参照）。\n\n",
        );
        out += "| | Lucet (lucetc) | Wasmtime (wasmtime-compile) |\n|---|---|---|\n";
        // A row per guest: `label`, then each engine's figure, `cell` of (compile ns, bytes).
        let rows = |label: &dyn Fn(&Guest) -> String, cell: &dyn Fn(&(f64, u64)) -> String| {
            let mut rows = String::new();
            for guest in &self.guests {
                let of = |engine| guest.compiled.get(engine).map_or("–".to_string(), cell);
                rows += &format!(
                    "| {} | {} | {} |\n",
                    label(guest),
                    of("lucet"),
                    of("wasmtime")
                );
            }
            rows
        };
        out += &rows(
            &|guest| {
                words(
                    &format!("compile {} (AOT)", guest.name),
                    &format!("{} のコンパイル（AOT）", guest.name),
                )
            },
            &|(ns, _)| time(*ns),
        );
        out += &rows(
            &|guest| {
                let wasm = kib(guest.wasm_bytes);
                words(
                    &format!("{}: .wasm → artifact ({})", guest.name, wasm),
                    &format!("{}：コンパイル後のサイズ（.wasm は {}）", guest.name, wasm),
                )
            },
            &|(_, bytes)| kib(*bytes),
        );
        out
    }

    /// A horizontal bar chart, a log scale of time, one bar per column for each case.
    fn chart(&self) -> String {
        let colours = ["#d95f02", "#1b9e77", "#7570b3"];
        let (left, width, bar, gap) = (290.0, 560.0, 12.0, 10.0);
        let (min, max) = (1.0f64.log10(), 1e6f64.log10());
        let x = |ns: f64| left + (ns.max(1.0).log10() - min) / (max - min) * width;
        let columns = self.columns.len() as f64;
        let height = 40.0 + self.cases.len() as f64 * (bar * columns + gap) + 40.0;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"11\">\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
            left + width + 20.0,
            height
        );
        for (power, label) in ["1 ns", "10 ns", "100 ns", "1 µs", "10 µs", "100 µs", "1 ms"]
            .into_iter()
            .enumerate()
        {
            let at = x(10f64.powi(power as i32));
            svg += &format!(
                "<line x1=\"{at:.1}\" y1=\"30\" x2=\"{at:.1}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{at:.1}\" y=\"22\" text-anchor=\"middle\">{label}</text>\n",
                height - 30.0
            );
        }
        let mut y = 40.0;
        for row in &self.cases {
            svg += &format!(
                "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
                left - 8.0,
                y + bar * columns / 2.0 + 4.0,
                row.case.replace('&', "&amp;").replace('<', "&lt;")
            );
            for (i, (column, _)) in self.columns.iter().enumerate() {
                if let Some(e) = row.estimates.get(column) {
                    svg += &format!(
                        "<rect x=\"{left}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
                        x(e.median) - left,
                        bar - 2.0,
                        colours[i],
                        time(e.median)
                    );
                }
                y += bar;
            }
            y += gap;
        }
        for (i, (_, name)) in self.columns.iter().enumerate() {
            let at = left + i as f64 * 170.0;
            svg += &format!(
                "<rect x=\"{at}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{:.1}\">{name}</text>\n",
                height - 22.0,
                colours[i],
                at + 14.0,
                height - 13.0
            );
        }
        svg + "</svg>\n"
    }
}

/// scripts/lucet-benchmarks' reason (`prerequisites`, or `cpu-detection FLAG`), in words, for the
/// Performance chapter (whose links to the errata are to its language's catalog).
fn not_run(why: &str, language: Language) -> String {
    let flag = why.strip_prefix("cpu-detection ");
    match (flag, language) {
        (Some(flag), Language::English) => format!(
            "it compiles its guest for the host CPU, and lucetc's CPU detection panics on this \
             one ([erratum T3](errata.md#t3-lucetc-panics-detecting-the-cpu--assertion-failed-reseax--0): {})",
            flag
        ),
        (Some(flag), Language::Japanese) => format!(
            "このベンチマークはゲストをホストの CPU 向けにコンパイルしますが、この CPU では lucetc の \
             CPU 検出がパニックします（[トラブルシューティングの T3](errata.md#t3lucetc-が-cpu-の検出でパニックするassertion-failed-reseax--0)：{}）",
            flag
        ),
        (None, Language::English) => "it needs clang-14, lld-14 and wasi-libc; install them \
                                      with `make bench-prerequisites`"
            .to_string(),
        (None, Language::Japanese) => "clang-14、lld-14、wasi-libc が必要です。\
                                       `make bench-prerequisites` でインストールできます"
            .to_string(),
    }
}

/// Every benchmark under `dir`: its id (criterion's benchmark.json) and median (estimates.json).
fn criterion_estimates(dir: &Path) -> Vec<(String, Estimate)> {
    let mut found = Vec::new();
    for path in xtask::files(dir, "json").unwrap_or_default() {
        if !path.ends_with("new/benchmark.json") {
            continue;
        }
        let read = |path: &Path| -> Option<Value> {
            serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
        };
        let (Some(id), Some(estimates)) =
            (read(&path), read(&path.with_file_name("estimates.json")))
        else {
            continue;
        };
        let median = &estimates["median"];
        let number = |value: &Value| value.as_f64().unwrap_or(f64::NAN);
        found.push((
            id["full_id"].as_str().unwrap_or_default().to_string(),
            Estimate {
                median: number(&median["point_estimate"]),
                low: number(&median["confidence_interval"]["lower_bound"]),
                high: number(&median["confidence_interval"]["upper_bound"]),
            },
        ));
    }
    found
}

/// A command's program and arguments, as hyperfine is given them.
fn argv(command: &Command) -> Vec<String> {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|word| word.to_string_lossy().into_owned())
        .collect()
}

fn time(ns: f64) -> String {
    match ns {
        ns if ns.is_nan() => "–".to_string(),
        ns if ns < 1e3 => format!("{:.1} ns", ns),
        ns if ns < 1e6 => format!("{:.2} µs", ns / 1e3),
        ns if ns < 1e9 => format!("{:.2} ms", ns / 1e6),
        ns => format!("{:.2} s", ns / 1e9),
    }
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// One guest run by whole processes: each host, each peer (if installed), the no-op process.
#[derive(Serialize)]
struct WholeProcesses {
    guest: &'static str,
    rows: Vec<WholeProcess>,
}

impl WholeProcesses {
    fn timing(&self, id: Id) -> Option<Timing> {
        self.rows.iter().find(|row| row.id == id)?.timing
    }

    /// The medians of `id`'s repeats.
    fn repeats(&self, id: Id) -> Option<&[f64]> {
        let row = self.rows.iter().find(|row| row.id == id)?;
        row.timing.map(|_| row.repeats.as_slice())
    }
}

#[derive(Serialize)]
struct WholeProcess {
    id: Id,
    /// `None`: the peer is not there (`Peers::missing` says why).
    timing: Option<Timing>,
    /// The medians of every repeat of the table's hyperfine run (`REPEATS`), the first of which is
    /// `timing`'s: how far a verdict would move from run to run.
    repeats: Vec<f64>,
}

/// How many times each whole-process table is timed, by a hyperfine run of its own: a verdict
/// whose repeats fall on both sides of its line says so.
const REPEATS: usize = 3;

/// What a whole-process row runs: a host (by engine key), a peer, or nothing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
enum Id {
    Host(&'static str),
    WasmtimeRun,
    WasmtimeMin,
    Node,
    NoOp,
}

impl Id {
    fn is_peer(self) -> bool {
        matches!(self, Id::WasmtimeRun | Id::WasmtimeMin | Id::Node)
    }

    /// The row's name, in English and Japanese.
    fn name(self, engines: &[(&'static str, &'static str)]) -> (String, String) {
        match self {
            Id::Host(key) => {
                let name = engines
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or(key, |(_, name)| name);
                (format!("the {} host", name), format!("{} のホスト", name))
            }
            Id::WasmtimeRun => (
                "`wasmtime run`, the .wasm".to_string(),
                "`wasmtime run`（.wasm）".to_string(),
            ),
            Id::WasmtimeMin => (
                "`wasmtime-min run --allow-precompiled`, a .cwasm of `wasmtime compile`"
                    .to_string(),
                "`wasmtime-min run --allow-precompiled`（`wasmtime compile` の .cwasm）"
                    .to_string(),
            ),
            Id::Node => (
                "Node's `node:wasi`, the .wasm".to_string(),
                "Node の `node:wasi`（.wasm）".to_string(),
            ),
            Id::NoOp => (
                "a process that does nothing (`/bin/true`)".to_string(),
                "何もしないプロセス（`/bin/true`）".to_string(),
            ),
        }
    }

    /// Why a peer has no row of figures, in English and Japanese.
    fn missing(self) -> (&'static str, &'static str) {
        match self {
            Id::Node => (
                "Node 20 or later not found (its `node:wasi` takes a WASI version)",
                "Node 20 以降が見つかりません（`node:wasi` に WASI のバージョンを渡すため）",
            ),
            _ => (
                "not installed: `make bench-prerequisites`",
                "未インストール：`make bench-prerequisites`",
            ),
        }
    }
}

/// The runtimes a reader would try instead of the hosts, where `make bench-prerequisites` put
/// them (build/engines.json says where), and Node's WASI.
struct Peers {
    wasmtime: Option<PathBuf>,
    wasmtime_min: Option<PathBuf>,
    node: bool,
}

impl Peers {
    fn found(engines: &Engines) -> Peers {
        let installed = |path: &Path| Some(path.to_path_buf()).filter(|path| path.exists());
        // `v20.20.2`: the major version, 20 or later.
        let node = Command::new("node")
            .arg("--version")
            .output()
            .ok()
            .and_then(|output| {
                let version = String::from_utf8_lossy(&output.stdout).into_owned();
                version
                    .trim()
                    .trim_start_matches('v')
                    .split('.')
                    .next()?
                    .parse::<u32>()
                    .ok()
            });
        Peers {
            wasmtime: installed(&engines.wasmtime_cli),
            wasmtime_min: installed(&engines.wasmtime_min),
            node: node.is_some_and(|major| major >= 20),
        }
    }
}

/// `hello` and `add 5 3` by whole processes, every row of a guest timed in one hyperfine run.
fn whole_processes(
    root: &Path,
    built: &[&Engine],
    engines: &Engines,
) -> Result<Vec<WholeProcesses>> {
    let peers = Peers::found(engines);
    let compiled = root.join("build/bench/wasmtime-cli");
    std::fs::create_dir_all(&compiled)?;
    ["hello", "add"]
        .into_iter()
        .map(|guest| {
            let call: Vec<String> = match guest {
                "add" => ["add", "5", "3"].map(String::from).to_vec(),
                _ => vec![],
            };
            let wasm = format!("build/wasm/{}.wasm", guest);
            // `wasmtime run --invoke add add.wasm 5 3`; `_start` by default.
            let run = |program: &Path, extra: &[&str], module: &str| -> Vec<String> {
                let mut words = vec![program.display().to_string(), "run".to_string()];
                words.extend(extra.iter().map(|word| word.to_string()));
                if let Some((entry, args)) = call.split_first() {
                    words.extend(["--invoke".to_string(), entry.clone(), module.to_string()]);
                    words.extend(args.iter().cloned());
                } else {
                    words.push(module.to_string());
                }
                words
            };
            let mut rows: Vec<(Id, Option<Vec<String>>)> = Vec::new();
            for engine in built {
                let mut words = vec![engine.host.display().to_string()];
                words.push(engine.artifact(guest).display().to_string());
                words.extend(call.iter().cloned());
                rows.push((Id::Host(engine.key()), Some(words)));
            }
            let wasmtime = peers.wasmtime.as_deref();
            rows.push((Id::WasmtimeRun, wasmtime.map(|cli| run(cli, &[], &wasm))));
            // The runtime-only CLI runs what the full one compiled, for the features it has.
            let cwasm = compiled.join(format!("{}.cwasm", guest));
            let min = match (wasmtime, peers.wasmtime_min.as_deref()) {
                (Some(cli), Some(min)) => {
                    let status = Command::new(cli)
                        .current_dir(root)
                        .arg("compile")
                        .args(WASMTIME_MIN_COMPILE_FLAGS)
                        .arg(&wasm)
                        .arg("-o")
                        .arg(&cwasm)
                        .status();
                    if !status.is_ok_and(|status| status.success()) {
                        anyhow::bail!("wasmtime compile {} failed", wasm);
                    }
                    Some(run(
                        min,
                        &["--allow-precompiled"],
                        &cwasm.display().to_string(),
                    ))
                }
                _ => None,
            };
            rows.push((Id::WasmtimeMin, min));
            let node = peers.node.then(|| {
                let mut words: Vec<String> = ["node", "--no-warnings", "scripts/node-wasi.mjs"]
                    .map(String::from)
                    .to_vec();
                words.push(wasm.clone());
                words.extend(call.iter().cloned());
                words
            });
            rows.push((Id::Node, node));
            rows.push((Id::NoOp, Some(vec!["/bin/true".to_string()])));
            let commands: Vec<Vec<String>> =
                rows.iter().filter_map(|(_, words)| words.clone()).collect();
            // A run per repeat, each of every row: what the table shows is the first.
            let runs: Vec<Vec<Timing>> = (0..REPEATS)
                .map(|_| hyperfine::time(&engines.hyperfine, &commands, root, 30, 3))
                .collect::<Result<_>>()?;
            let mut command = 0;
            Ok(WholeProcesses {
                guest,
                rows: rows
                    .into_iter()
                    .map(|(id, words)| {
                        let Some(_) = words else {
                            return WholeProcess {
                                id,
                                timing: None,
                                repeats: vec![],
                            };
                        };
                        command += 1;
                        WholeProcess {
                            id,
                            timing: Some(runs[0][command - 1]),
                            repeats: runs.iter().map(|run| run[command - 1].median).collect(),
                        }
                    })
                    .collect(),
            })
        })
        .collect()
}

impl Report {
    /// A host's raw API time for `add` (load, instantiate, run, from criterion), and its own work
    /// besides, as a percentage of its run without process start.
    fn own_work(&self, host: &Host) -> Option<(f64, f64)> {
        let row = self
            .cases
            .iter()
            .find(|row| row.case == LOAD_INSTANTIATE_RUN)?;
        let raw = row.estimates.get(host.engine)?.median;
        let run = host.run_ns - host.start_ns;
        // Two medians of separate runs: a difference below the raw API's time is their noise.
        (run > raw).then(|| (raw, (run - raw) / run * 100.0))
    }

    /// The whole-process rows, a table per guest, with the goals they are held to.
    fn whole_processes_table(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let version = &self.wasmtime_version;
        let mut out = words(
            &format!(
                "\nWhole processes, each run from start to exit by hyperfine (30 runs after 3 \
                 warm-up runs, no shell between): the hosts; the runtimes a reader would use \
                 instead, on the same guests, the Wasmtime CLI {v} (`cargo install --locked \
                 wasmtime-cli@{v}` from crates.io; `wasmtime-min`: the same with \
                 `--no-default-features --features run`) and Node's `node:wasi`; and a process \
                 that does nothing. Medians, with the fastest and slowest run; each row also as a \
                 multiple of the fastest peer and of the process that does nothing.\n",
                v = version
            ),
            &format!(
                "\nプロセス全体の時間です。hyperfine で、起動から終了までを 1 回として計りました。ウォームアップ \
                 3 回のあと 30 回で、シェルは挟みません。対象は、ホスト、読者がその代わりに使いそうなランタイム、\
                 何もしないプロセスです。ランタイムは、同じゲストを動かす Wasmtime CLI {v} と、Node の \
                 `node:wasi` です。Wasmtime CLI は crates.io から `cargo install --locked wasmtime-cli@{v}` \
                 でビルドしました。`wasmtime-min` は、同じコマンドに `--no-default-features --features run` \
                 を付けてビルドしました。値は中央値で、最速と最遅の回を添えています。各行は、最速の比較対象の\
                 何倍か、何もしないプロセスの何倍かでも示します。\n",
                v = version
            ),
        );
        let names: Vec<(&str, &str)> = self
            .hosts
            .iter()
            .map(|host| (host.engine, host.name))
            .collect();
        for table in &self.whole_processes {
            let fastest_peer = table
                .rows
                .iter()
                .filter(|row| row.id.is_peer())
                .filter_map(|row| row.timing.map(|t| t.median))
                .fold(None, |fastest: Option<f64>, t| {
                    Some(fastest.map_or(t, |f| f.min(t)))
                });
            let no_op = table.timing(Id::NoOp).map(|t| t.median);
            let guest = match table.guest == "add" {
                true => words("`add`, `add 5 3`", "`add`（`add 5 3`）"),
                false => format!("`{}`", table.guest),
            };
            out += &format!(
                "\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
                guest,
                words("median", "中央値"),
                words("fastest – slowest", "最速 – 最遅"),
                words("× fastest peer", "最速の比較対象との比"),
                words("× no-op", "何もしないプロセスとの比"),
            );
            for row in &table.rows {
                let (english, japanese) = row.id.name(&names);
                let name = words(&english, &japanese);
                let ratio = |to: Option<f64>, t: &Timing| {
                    to.map_or("–".to_string(), |to| format!("{:.2}", t.median / to))
                };
                out += &match &row.timing {
                    Some(t) => format!(
                        "| {} | {} | {} – {} | {} | {} |\n",
                        name,
                        time(t.median),
                        time(t.min),
                        time(t.max),
                        ratio(fastest_peer, t),
                        ratio(no_op, t)
                    ),
                    None => {
                        let (english, japanese) = row.id.missing();
                        format!("| {} | {} | | | |\n", name, words(english, japanese))
                    }
                };
            }
        }
        out + &self.start_up_goals(language)
    }

    /// The goals of the hosts' start-up, each with where it comes from: `hello` against
    /// `wasmtime-min`, the peer doing the same job, and against a process that does nothing, the
    /// floor; each judged on every repeat, the spread shown. The hosts' own work in a run of `add`
    /// is shown, not judged: nothing sets a line for it.
    fn start_up_goals(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let hello = self
            .whole_processes
            .iter()
            .find(|table| table.guest == "hello");
        let repeats = |id: Id| hello.and_then(|table| table.repeats(id));
        // Each repeat's ratio, judged on the figure as printed.
        let ratios = |of: &[f64], to: &[f64]| -> Vec<f64> {
            of.iter()
                .zip(to)
                .map(|(of, to)| (of / to * 100.0).round() / 100.0)
                .collect()
        };
        let row = |goal: String, source: String, ratios: Vec<f64>, most: f64| {
            let met = ratios.iter().filter(|ratio| **ratio <= most).count();
            let (low, high) = ratios
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), r| (l.min(*r), h.max(*r)));
            let verdict = match met {
                0 => words("**missed**", "**未達**"),
                met if met == ratios.len() => words("met", "達成"),
                met => words(
                    &format!("**on the line**: met in {} of {}", met, ratios.len()),
                    &format!("**境界線上**：{} 回中 {} 回で達成", ratios.len(), met),
                ),
            };
            format!(
                "| {} | {} | {:.2} {} | {:.2} – {:.2} | {} |\n",
                goal,
                source,
                ratios[0],
                words("×", "倍"),
                low,
                high,
                verdict
            )
        };
        let mut out = format!(
            "\n{}\n\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            words(
                &format!(
                    "Each goal is judged on each of {} hyperfine runs of the table above; the figure is the first run's.",
                    REPEATS
                ),
                &format!(
                    "各目標は、上の表の hyperfine による計測 {} 回のそれぞれで判定します。「結果」の列は 1 回目の値です。",
                    REPEATS
                )
            ),
            words("goal", "目標"),
            words("where it comes from", "目標の根拠"),
            words("figure", "結果"),
            words(
                &format!("{} runs: lowest – highest", REPEATS),
                &format!("{} 回の最小 – 最大", REPEATS)
            ),
            words("verdict", "判定"),
        );
        for host in &self.hosts {
            let host_repeats = repeats(Id::Host(host.engine));
            let goal = words(
                &format!("the {} host's `hello` ≤ 1 × `wasmtime-min`'s", host.name),
                &format!("{} のホストの `hello` ≤ `wasmtime-min`", host.name),
            );
            let peer = words(
                "a peer: `wasmtime-min run --allow-precompiled`, the official CLI doing the same job",
                "比較対象：同じ処理をする公式 CLI、`wasmtime-min run --allow-precompiled`",
            );
            out += &match (host_repeats, repeats(Id::WasmtimeMin)) {
                (Some(host), Some(min)) => row(goal, peer, ratios(host, min), 1.0),
                _ => format!(
                    "| {} | {} | {} | | |\n",
                    goal,
                    peer,
                    words(
                        "not measured: `wasmtime-min` not installed (`make bench-prerequisites`)",
                        "計測なし：`wasmtime-min` が未インストール（`make bench-prerequisites`）"
                    )
                ),
            };
            if let (Some(of_host), Some(no_op)) = (host_repeats, repeats(Id::NoOp)) {
                let goal = words(
                    &format!(
                        "the {} host's `hello` ≤ 2 × a process that does nothing",
                        host.name
                    ),
                    &format!(
                        "{} のホストの `hello` ≤ 何もしないプロセスの 2 倍",
                        host.name
                    ),
                );
                let floor = words(
                    "the floor: `/bin/true`, what any process costs here; 2 × leaves as much again for the run",
                    "下限：どのプロセスにもかかる時間（`/bin/true`）。2 倍までなら、それと同じだけの時間を実行そのものに使えます",
                );
                out += &row(goal, floor, ratios(of_host, no_op), 2.0);
            }
        }
        for host in &self.hosts {
            if let Some((_, own)) = self.own_work(host) {
                out += &words(
                    &format!(
                        "\nThe {} host's own work in `add 5 3`, process start excluded: {:.1} % of the run (shown, not a goal).\n",
                        host.name, own
                    ),
                    &format!(
                        "\n{} のホストの `add 5 3` での、ホスト自身の処理（プロセスの起動を除く）：実行時間の {:.1} %（目標ではなく参考値）。\n",
                        host.name, own
                    ),
                );
            }
        }
        out
    }
}
