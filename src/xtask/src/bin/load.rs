//! `make load`: guests/faults on every engine found, many instances at once, through each engine's
//! `load-*` binary (`load_driver`): runs per second by thread count, with and without the
//! fault mix, two processes of one worker each beside one process of two, and a soak of a million
//! runs. Writes build/load/report.json, report.md (English), report.ja.md (Japanese) and chart.svg;
//! with PUBLISH=1, from a full run that passed, its two parts also to docs/src/load, for the
//! Performance chapter and the faults chapter. Fails if any run went wrong or the soak leaked (the
//! binaries say which).
use anyhow::Context;
use bench_cases::{Published, CASES, INSTANTIATE_AND_RUN, INSTANTIATE_POOLED};
use load_driver::report::{Measured as Measurement, Run};
use load_driver::SOAK_RSS_GROWTH_KIB;
use serde::Serialize;
use std::path::Path;
use std::process::{Command, Stdio};
use xtask::engines::{Engine, Engines};
use xtask::project_root;
use xtask::report::{publishing, write_whole, Language, Machine};

/// How many runs each measurement makes: (healthy, with the fault mix, the soak's).
const RUNS: (u32, u32, u32) = (100_000, 20_000, 1_000_000);
/// `make load QUICK=1`: a first look, not the report's figures.
const QUICK_RUNS: (u32, u32, u32) = (10_000, 2_000, 100_000);
/// The time limit of a run (the `spin` runs end there).
const TIMEOUT_MS: u32 = 50;
/// The scaling goal, 2 workers' runs/s over 1 worker's: 90 % of the ceiling, which 2 CPUs set at
/// 2 ×. The other goals come from the engines' published instantiation times (bench-cases'
/// `Published`), and from what a correct run is (no leak, every fault contained).
const SCALING: f64 = 1.8;

/// What `make load` found: the binaries' measurements, per engine.
#[derive(Serialize)]
struct Report {
    machine: Machine,
    runs: (u32, u32, u32),
    timeout_ms: u32,
    engines: Vec<EngineLoad>,
}

#[derive(Serialize)]
struct EngineLoad {
    key: &'static str,
    name: String,
    measurements: Vec<Measurement>,
    /// The measurements whose process ended without its report, and how it ended.
    died: Vec<Died>,
    /// What went wrong: a signal that killed the binary, a measurement's failures, the two
    /// processes'.
    problems: Vec<String>,
    /// Two processes of one worker each, at the same time: their runs over the longer's time.
    two_processes_runs_per_second: Option<f64>,
}

/// One measurement, run in a process of its own.
#[derive(Clone, Copy, Serialize)]
struct Task {
    threads: u32,
    runs: u32,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Serialize)]
enum Kind {
    Healthy,
    Faults,
    Soak,
}

impl Task {
    /// The load binary's arguments for it.
    fn args(&self) -> Vec<String> {
        let (threads, runs) = (self.threads.to_string(), self.runs.to_string());
        let words: [&str; 4] = match self.kind {
            Kind::Healthy => ["--threads", &threads, "--runs", &runs],
            Kind::Faults => ["--threads", &threads, "--fault-runs", &runs],
            Kind::Soak => ["--soak", &runs, "--soak-threads", &threads],
        };
        words.iter().map(|word| word.to_string()).collect()
    }
}

/// A measurement whose process ended without its report: how it ended, `SIGSEGV` or `exit
/// status: 1`.
#[derive(Serialize)]
struct Died {
    task: Task,
    how: String,
}

fn main() -> anyhow::Result<()> {
    let root = project_root();
    let out = root.join("build/load");
    std::fs::create_dir_all(&out)?;
    let quick = std::env::var_os("QUICK").is_some_and(|quick| !quick.is_empty());
    let runs = if quick { QUICK_RUNS } else { RUNS };
    let machine = Machine::here();
    let mut threads: Vec<u32> = vec![1, 2, 2 * machine.cpus as u32];
    threads.dedup();
    let mut failed = false;
    let mut engines = Vec::new();
    // Each measurement in a process of its own: what one does to its engine cannot touch the next.
    let mut tasks = Vec::new();
    for &threads in &threads {
        for (kind, runs) in [(Kind::Healthy, runs.0), (Kind::Faults, runs.1)] {
            tasks.push(Task {
                threads,
                runs,
                kind,
            });
        }
    }
    tasks.push(Task {
        threads: machine.cpus as u32,
        runs: runs.2,
        kind: Kind::Soak,
    });
    let found = Engines::read()?;
    for engine in found.found() {
        let mut measurements = Vec::new();
        let mut problems = Vec::new();
        let mut died = Vec::new();
        for (n, task) in tasks.iter().enumerate() {
            let json = out.join(format!("{}.{}.json", engine.key(), n + 1));
            // What an earlier run left must not pass for this one's.
            let _ = std::fs::remove_file(&json);
            let mut load = load(engine, &root);
            load.args(task.args())
                .arg("--json")
                .arg(json.strip_prefix(&root).unwrap());
            println!("[{}] {}", engine.name(), shown(&load, &root));
            let status = load
                .status()
                .with_context(|| format!("running {}", engine.load.display()))?;
            match read(&json) {
                Some(run) => {
                    for m in &run.measurements {
                        problems.extend(m.failures.iter().map(|f| format!("{}: {}", m.what(), f)));
                    }
                    measurements.extend(run.measurements);
                }
                // `signal: 11 (SIGSEGV)`, say, when a signal killed it.
                None => {
                    problems.push(format!(
                        "{}: ended without its report, {}",
                        task.args().join(" "),
                        status
                    ));
                    // The signal's name, where std gives one: `signal: 11 (SIGSEGV) (core dumped)`.
                    let status = status.to_string();
                    let how = match status
                        .split_once('(')
                        .and_then(|(_, rest)| rest.split_once(')'))
                    {
                        Some((name, _)) => name.to_string(),
                        None => status,
                    };
                    died.push(Died { task: *task, how });
                }
            }
        }
        let two_processes = two_processes(engine, &root, &out, runs.0)
            .map_err(|problem| problems.push(problem))
            .ok();
        for problem in &problems {
            eprintln!("{}: {}", engine.name(), problem);
        }
        failed |= !problems.is_empty();
        engines.push(EngineLoad {
            key: engine.key(),
            name: engine.name(),
            measurements,
            died,
            problems,
            two_processes_runs_per_second: two_processes,
        });
    }
    let report = Report {
        machine,
        runs,
        timeout_ms: TIMEOUT_MS,
        engines,
    };
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
    .and_then(|()| match publishing(!failed) {
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
    if failed {
        anyhow::bail!("make load failed (above)");
    }
    Ok(())
}

/// The engine's load binary on guests/faults, every run's time limit given.
fn load(engine: &Engine, root: &Path) -> Command {
    let mut load = Command::new(&engine.load);
    load.arg(engine.artifact("faults").strip_prefix(root).unwrap())
        .args(["--timeout-ms", &TIMEOUT_MS.to_string()])
        .current_dir(root);
    load
}

/// The command as the reader would type it in the project's root.
fn shown(command: &Command, root: &Path) -> String {
    let program = Path::new(command.get_program());
    let program = program.strip_prefix(root).unwrap_or(program);
    let args: Vec<_> = command
        .get_args()
        .map(|arg| arg.to_string_lossy())
        .collect();
    format!("{} {}", program.display(), args.join(" "))
}

fn read(path: &Path) -> Option<Run> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Two processes of one worker each, started together: both runs over the longer's time; what
/// went wrong, if anything did.
fn two_processes(engine: &Engine, root: &Path, out: &Path, runs: u32) -> Result<f64, String> {
    let jsons: Vec<_> = (1..=2)
        .map(|n| out.join(format!("{}.process-{}.json", engine.key(), n)))
        .collect();
    let children: Vec<_> = jsons
        .iter()
        .map(|json| {
            let _ = std::fs::remove_file(json);
            let mut load = load(engine, root);
            load.args(["--threads", "1", "--runs", &runs.to_string(), "--json"])
                .arg(json)
                .stdout(Stdio::null())
                .spawn()
        })
        .collect();
    // Both are waited for, whatever the first did.
    let statuses: Vec<_> = children
        .into_iter()
        .map(|child| child.and_then(|mut child| child.wait()))
        .collect();
    let mut longest: f64 = 0.0;
    for (status, json) in statuses.iter().zip(&jsons) {
        let problem = |why: String| format!("two processes at once: {}", why);
        let status = status.as_ref().map_err(|e| problem(e.to_string()))?;
        let measurement = read(json)
            .and_then(|run| run.measurements.into_iter().next())
            .ok_or_else(|| problem(format!("one ended without its report ({})", status)))?;
        if let Some(failure) = measurement.failures.first() {
            return Err(problem(failure.clone()));
        }
        longest = longest.max(measurement.seconds);
    }
    Ok(2.0 * f64::from(runs) / longest)
}

/// What the engine `key`'s authors published for an instantiation (bench-cases' figures).
fn published_instantiation(key: &str) -> Option<&'static Published> {
    CASES
        .iter()
        .filter(|case| [INSTANTIATE_POOLED, INSTANTIATE_AND_RUN].contains(&case.name))
        .filter_map(|case| case.published.as_ref())
        .find(|published| published.engine == key)
}

/// The per-core goal's source: each engine's published instantiation time, and the goal it gives.
fn published_per_core(language: Language) -> String {
    let goals: Vec<String> = bench_cases::ENGINES
        .iter()
        .filter_map(|(key, _)| {
            let published = published_instantiation(key)?;
            let name = bench_cases::engine_name(key);
            let figure = format!("[{}]({})", published.figure, published.source);
            let goal = (1e9 / published.nanoseconds) as u32;
            Some(language.pick(
                &format!("{} {}: {}", name, figure, thousands(goal)),
                &format!("{} は {} なので毎秒 {} 回", name, figure, man(goal)),
            ))
        })
        .collect();
    format!(
        "{}{}",
        language.pick("published: ", "公表値："),
        language.list(&goals)
    )
}

impl EngineLoad {
    fn healthy(&self, threads: u32) -> Option<&Measurement> {
        self.measurements
            .iter()
            .find(|m| m.threads == threads && !m.faults && !m.soak)
    }

    fn soak(&self) -> Option<&Measurement> {
        self.measurements.iter().find(|m| m.soak)
    }

    fn with_faults(&self) -> impl Iterator<Item = &Measurement> {
        self.measurements.iter().filter(|m| m.faults)
    }

    fn scaling(&self) -> Option<f64> {
        Some(self.healthy(2)?.runs_per_second / self.healthy(1)?.runs_per_second)
    }
}

impl Report {
    fn verdict(met: bool, language: Language) -> String {
        match met {
            true => language.pick(": met", "：達成"),
            false => language.pick(": **missed**", "：**未達**"),
        }
    }

    /// A row of the goals' table: the goal and where it comes from, then per engine its figure
    /// and verdict; where there is no figure, how the measurements it needs (`needs`) ended.
    fn goal_row(
        &self,
        language: Language,
        goal: (&str, &str),
        source: (&str, &str),
        figure: impl Fn(&EngineLoad) -> Option<(String, bool)>,
        needs: impl Fn(&Task) -> bool,
    ) -> String {
        let cells: Vec<String> = self
            .engines
            .iter()
            // A measurement the goal needs that died fails it, whatever the others gave.
            .map(
                |engine| match engine.died.iter().find(|died| needs(&died.task)) {
                    Some(died) => format!(
                        "**{}**",
                        language.pick(
                            &format!("failed ({})", died.how),
                            &format!("失敗（{}）", died.how)
                        )
                    ),
                    None => match figure(engine) {
                        Some((figure, met)) => {
                            format!("{}{}", figure, Self::verdict(met, language))
                        }
                        None => language.pick("not measured", "計測なし"),
                    },
                },
            )
            .collect();
        format!(
            "| {} | {} | {} |\n",
            language.pick(goal.0, goal.1),
            language.pick(source.0, source.1),
            cells.join(" | ")
        )
    }

    fn goals_header(&self, language: Language) -> String {
        let names: Vec<&str> = self.engines.iter().map(|e| e.name.as_str()).collect();
        format!(
            "| {} | {} | {} |\n|---|---|{}\n",
            language.pick("goal", "目標"),
            language.pick("where it comes from", "目標の根拠"),
            names.join(" | "),
            "---|".repeat(names.len())
        )
    }

    /// The Performance chapter's part: what was run, the goals of throughput and memory, a table
    /// per engine, the soak.
    fn throughput(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let (runs, _, soak) = self.runs;
        let mut out = words(
            &format!(
                "Measured on {}. Each run makes a fresh instance of `guests/faults` and calls \
                 `answer(run)`, which writes the run's number into the guest's memory and answers \
                 from it; the host checks that the answer is its own run's. No WASI output. \
                 {} runs a row; the soak, {} runs.\n\n",
                self.machine.describe(language),
                thousands(runs),
                thousands(soak)
            ),
            &format!(
                "計測環境：{}。実行のたびに `guests/faults` のインスタンスを新しく作り、`answer(run)` を呼びます。\
                 ゲストは実行番号を自分のメモリに書き込み、そこから答えを計算します。ホストは、その答えが\
                 その実行自身のものであることを確かめます。WASI による出力はありません。各行 {} 回、ソークは {} 回です。\n\n",
                self.machine.describe(language),
                man(runs),
                man(soak)
            ),
        );
        out += &self.goals_header(language);
        out += &self.goal_row(
            language,
            (
                &format!("2 workers ≥ {} × the runs/s of 1", SCALING),
                &format!("ワーカー 2 個の毎秒の実行回数が 1 個の {} 倍以上", SCALING),
            ),
            (
                &format!(
                    "the ceiling: 2 CPUs do at most 2 × the work of one; {} × is 90 % of it",
                    SCALING
                ),
                &format!(
                    "上限：CPU 2 個でできる仕事は 1 個の 2 倍まで（{} 倍はその 90 %）",
                    SCALING
                ),
            ),
            |engine| {
                let scaling = engine.scaling()?;
                let times = language.pick("×", "倍");
                Some((format!("{:.2} {}", scaling, times), scaling >= SCALING))
            },
            |task| task.kind == Kind::Healthy && task.threads <= 2,
        );
        out += &self.goal_row(
            language,
            (
                "runs/s of 1 worker ≥ 1 / the engine's published instantiation time (a run here is an instantiation and a call)",
                "ワーカー 1 個の毎秒の実行回数 ≥ 1 / 各エンジンが公表しているインスタンス化の時間（ここでの実行 1 回は、インスタンス化と呼び出し 1 回）",
            ),
            (&published_per_core(Language::English), &published_per_core(Language::Japanese)),
            |engine| {
                let rate = engine.healthy(1)?.runs_per_second;
                let goal = 1e9 / published_instantiation(engine.key)?.nanoseconds;
                Some((thousands(rate as u32), rate >= goal))
            },
            |task| task.kind == Kind::Healthy && task.threads == 1,
        );
        out += &self.goal_row(
            language,
            (
                &format!(
                    "soak, after its warm-up (the first tenth): RSS growth ≤ {} KiB; mappings and descriptors back where they were",
                    SOAK_RSS_GROWTH_KIB
                ),
                &format!(
                    "ソーク（最初の 1 割のウォームアップのあと）：RSS の増加が {} KiB 以下、マッピング数とファイルディスクリプタ数が元に戻る",
                    SOAK_RSS_GROWTH_KIB
                ),
            ),
            (
                "no leak: after its warm-up, a process ends holding what it held",
                "リークなし：終了時にプロセスが持つ資源が、ウォームアップ後と同じであること",
            ),
            |engine| {
                let soak = engine.soak()?;
                let (warm, end) = (soak.warm.as_ref()?, &soak.end);
                let figure = language.list(&[
                    format!("{:+} KiB", soak.rss_growth_kib?),
                    format!("{} → {}", warm.maps, end.maps),
                    format!("{} → {}", warm.fds, end.fds),
                ]);
                Some((figure, soak.failures.is_empty()))
            },
            |task| task.kind == Kind::Soak,
        );
        for engine in &self.engines {
            out += &format!("\n#### {}\n\n", engine.name);
            for problem in &engine.problems {
                // The driver's words, as it wrote them: in the Japanese report, a quotation.
                out += &format!(
                    "- {}\n",
                    words(
                        &format!("**Failed**: {}", problem),
                        &format!("**失敗**（ドライバーの報告）：`{}`", problem)
                    )
                );
            }
            if !engine.problems.is_empty() {
                out += "\n";
            }
            out += &words(
                "| workers | runs/s | × 1 worker | p50 | p99 | max | CPU time / wall time | RSS (KiB) | mappings | descriptors |\n",
                "| ワーカー数 | 毎秒の実行回数 | ワーカー 1 個との比 | p50 | p99 | 最大 | CPU 時間 / 経過時間 | RSS (KiB) | マッピング数 | ファイルディスクリプタ数 |\n",
            );
            out += "|---|---|---|---|---|---|---|---|---|---|\n";
            let single = engine.healthy(1).map(|m| m.runs_per_second);
            let scaled =
                |rate: f64| single.map_or("–".to_string(), |one| format!("{:.2}", rate / one));
            for m in engine.measurements.iter().filter(|m| !m.faults) {
                let workers = match m.soak {
                    true => words(
                        &format!("{} (soak)", m.threads),
                        &format!("{}（ソーク）", m.threads),
                    ),
                    false => m.threads.to_string(),
                };
                out += &format!(
                    "| {} | {} | {} | {} | {} | {} | {:.2} | {} → {} | {} → {} | {} → {} |\n",
                    workers,
                    thousands(m.runs_per_second as u32),
                    scaled(m.runs_per_second),
                    micros(m.latency_ns.p50),
                    micros(m.latency_ns.p99),
                    micros(m.latency_ns.max),
                    m.cpu_seconds / m.seconds,
                    m.start.rss_kib,
                    m.end.rss_kib,
                    m.start.maps,
                    m.end.maps,
                    m.start.fds,
                    m.end.fds
                );
            }
            if let Some(rate) = engine.two_processes_runs_per_second {
                out += &format!(
                    "| {} | {} | {} | | | | | | | |\n",
                    words("2 processes × 1", "2 プロセス × ワーカー 1 個"),
                    thousands(rate as u32),
                    scaled(rate)
                );
            }
        }
        out
    }

    /// The faults chapter's part: the fault mix on every worker, per engine.
    fn faults(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let mut out = words(
            &format!(
                "Measured on {}. {} runs a row, a fresh instance each; one run in ten misbehaves \
                 instead of answering: in turn `panic` (unreachable), `out_of_bounds`, `divide` by \
                 zero, `recurse` (stack exhaustion) and `spin`, which the watchdog thread stops after {} ms. \
                 Every worker runs the mix at the same time. Latencies are the healthy runs'.\n\n",
                self.machine.describe(language),
                thousands(self.runs.1),
                self.timeout_ms
            ),
            &format!(
                "計測環境：{}。各行 {} 回、毎回新しいインスタンスを使います。10 回に 1 回は、ゲストが答えを\
                 返す代わりに暴れます。`panic`（`unreachable`）、`out_of_bounds`、ゼロでの `divide`、\
                 `recurse`（スタックの枯渇）、`spin` を順に繰り返し、`spin` は監視スレッドが {} ms で\
                 止めます。すべてのワーカーが同時にこれを実行します。レイテンシは正常な実行だけの値です。\n\n",
                self.machine.describe(language),
                man(self.runs.1),
                self.timeout_ms
            ),
        );
        out += &self.goals_header(language);
        out += &self.goal_row(
            language,
            (
                "0 wrong answers, 0 lost runs, 0 escapes, 0 duplicated runs, every fault as planned",
                "誤答 0、欠落 0、波及 0、重複 0、フォールトはすべて計画どおり",
            ),
            (
                "containment: a fault ends its own run, and nothing else",
                "封じ込め：フォールトはその実行だけを終わらせ、ほかには影響しない",
            ),
            |engine| {
                let mut total = [0; 4];
                let mut met = true;
                for m in engine.with_faults() {
                    let c = &m.counts;
                    for (sum, count) in total.iter_mut().zip([c.wrong, c.lost, c.escaped, c.duplicated]) {
                        *sum += count;
                    }
                    met &= m.failures.is_empty();
                }
                // No measurement with the fault mix is no goal met.
                engine.with_faults().next()?;
                let [wrong, lost, escaped, duplicated] = total;
                let figure = language.list(&[wrong, lost, escaped, duplicated].map(|n| n.to_string()));
                Some((figure, met))
            },
            |task| task.kind == Kind::Faults,
        );
        for engine in &self.engines {
            out += &format!("\n#### {}\n\n", engine.name);
            out += &words(
                "| workers | runs/s | p50 | p99 | p99 / p50 | faults as planned | wrong | escaped | lost | duplicated |\n",
                "| ワーカー数 | 毎秒の実行回数 | p50 | p99 | p99 / p50 | 計画どおりのフォールト | 誤答 | 波及 | 欠落 | 重複 |\n",
            );
            out += "|---|---|---|---|---|---|---|---|---|---|\n";
            for m in engine.with_faults() {
                let c = &m.counts;
                out += &format!(
                    "| {} | {} | {} | {} | {:.1} | {} / {} | {} | {} | {} | {} |\n",
                    m.threads,
                    thousands(m.runs_per_second as u32),
                    micros(m.latency_ns.p50),
                    micros(m.latency_ns.p99),
                    m.latency_ns.p99 as f64 / m.latency_ns.p50 as f64,
                    c.faults.values().sum::<u64>(),
                    c.planned_faults.values().sum::<u64>(),
                    c.wrong,
                    c.escaped,
                    c.lost,
                    c.duplicated
                );
            }
        }
        out
    }

    /// Runs/s by workers, a bar per engine.
    fn chart(&self) -> String {
        let colours = ["#4e79a7", "#f28e2b"];
        let mut groups: Vec<(String, Vec<f64>)> = Vec::new();
        let mut threads: Vec<u32> = self
            .engines
            .iter()
            .flat_map(|e| {
                e.measurements
                    .iter()
                    .filter(|m| !m.faults && !m.soak)
                    .map(|m| m.threads)
            })
            .collect();
        threads.sort_unstable();
        threads.dedup();
        for t in threads {
            let rates = self
                .engines
                .iter()
                .map(|e| e.healthy(t).map_or(0.0, |m| m.runs_per_second))
                .collect();
            groups.push((format!("{} thread(s)", t), rates));
        }
        let rates = self
            .engines
            .iter()
            .map(|e| e.two_processes_runs_per_second.unwrap_or(0.0))
            .collect();
        groups.push(("2 processes × 1".to_string(), rates));
        let top = groups
            .iter()
            .flat_map(|(_, rates)| rates.iter().copied())
            .fold(1.0, f64::max);
        let (width, height, bar) = (120.0 * groups.len() as f64 + 40.0, 260.0, 40.0);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"12\">\n",
            width, height
        );
        for (g, (label, rates)) in groups.iter().enumerate() {
            let x = 40.0 + 120.0 * g as f64;
            for (e, rate) in rates.iter().enumerate() {
                let h = 180.0 * rate / top;
                svg += &format!(
                    "<rect x=\"{:.0}\" y=\"{:.0}\" width=\"{}\" height=\"{:.0}\" fill=\"{}\"/>\n<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>\n",
                    x + bar * e as f64, 210.0 - h, bar - 4.0, h, colours[e % 2],
                    x + bar * e as f64 + 18.0, 205.0 - h, thousands(*rate as u32)
                );
            }
            svg += &format!("<text x=\"{:.0}\" y=\"228\">{}</text>\n", x, label);
        }
        for (e, engine) in self.engines.iter().enumerate() {
            let x = 40.0 + 200.0 * e as f64;
            svg += &format!(
                "<rect x=\"{:.0}\" y=\"240\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.0}\" y=\"251\">{} (runs/s)</text>\n",
                x, colours[e % 2], x + 16.0, engine.name
            );
        }
        svg + "</svg>\n"
    }
}

fn micros(ns: u64) -> String {
    format!("{:.1} µs", ns as f64 / 1000.0)
}

/// 1234567 → 1,234,567.
/// A count in Japanese prose: a round count of ten thousand or more in 万 (「10 万」), any other
/// as `thousands` writes it.
fn man(n: u32) -> String {
    match n >= 10_000 && n.is_multiple_of(10_000) {
        true => format!("{} 万", n / 10_000),
        false => thousands(n),
    }
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
