//! What `make load` measures: guests/faults on every engine found, many instances at once, through
//! each engine's `load-*` binary (`load_driver`), each measurement in a process of its own: runs
//! per second by thread count, with and without the fault mix, two processes of one worker each
//! beside one process of two, and a soak of a million runs.
use super::{Configured, Died, EngineLoad, Kind, Report, Task, REPEATS};
use crate::engines::{Engine, Engines};
use crate::report::Machine;
use anyhow::Context;
use load_driver::report::Run;
use std::path::Path;
use std::process::{Command, Stdio};

/// How many runs each measurement makes: (healthy, with the fault mix, the soak's).
const RUNS: (u32, u32, u32) = (100_000, 20_000, 1_000_000);
/// `make load QUICK=1`: a first look, not the report's figures.
const QUICK_RUNS: (u32, u32, u32) = (10_000, 2_000, 100_000);
/// The time limit of a run (the `spin` runs end there).
const TIMEOUT_MS: u32 = 50;

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

/// Runs every measurement on every engine of `engines`, writing each binary's report into `out`
/// (build/load); `quick`, fewer runs. What went wrong is in the report (`Report::failed`), not an
/// error: the report says it.
pub fn measure(root: &Path, out: &Path, engines: &Engines, quick: bool) -> anyhow::Result<Report> {
    std::fs::create_dir_all(out)?;
    let runs = if quick { QUICK_RUNS } else { RUNS };
    let machine = Machine::here();
    let mut threads: Vec<u32> = vec![1, 2, 2 * machine.cpus as u32];
    threads.dedup();
    let mut loads = Vec::new();
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
    for engine in engines.found() {
        let mut measurements = Vec::new();
        let mut problems = Vec::new();
        let mut died = Vec::new();
        for (n, task) in tasks.iter().enumerate() {
            let json = out.join(format!("{}.{}.json", engine.key(), n + 1));
            // What an earlier run left must not pass for this one's.
            let _ = std::fs::remove_file(&json);
            let mut load = load(engine, root);
            load.args(task.args())
                .arg("--json")
                .arg(json.strip_prefix(root).unwrap());
            println!("[{}] {}", engine.name(), shown(&load, root));
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
        let two_processes = two_processes(engine, root, out, runs.0)
            .map_err(|problem| problems.push(problem))
            .ok();
        let configs = configurations(engine, root, out, runs.0)?;
        // The default configuration is the one the rows above ran: what goes wrong in it is the
        // run's failure; the others' are shown in their table (a shared Lucet region's race).
        if let Some(failure) = configs.first().and_then(|default| default.failure()) {
            problems.push(format!("--config {}: {}", configs[0].name, failure));
        }
        for problem in &problems {
            eprintln!("{}: {}", engine.name(), problem);
        }
        loads.push(EngineLoad {
            key: engine.key().to_string(),
            name: engine.name(),
            measurements,
            died,
            problems,
            two_processes_runs_per_second: two_processes,
            configs,
        });
    }
    Ok(Report {
        machine,
        runs,
        timeout_ms: TIMEOUT_MS,
        engines: loads,
        quick,
    })
}

/// The engine's load binary on guests/faults, every run's time limit given.
fn load(engine: &Engine, root: &Path) -> Command {
    load_configured(engine, root, None)
}

/// The engine's load binary in the configuration `config` (its default if none), on guests/faults
/// as compiled for it: `build/<engine>/faults.<config>.<extension>` where the configuration needs
/// its own (Wasmtime's without copy-on-write memories), `faults.<extension>` otherwise.
fn load_configured(engine: &Engine, root: &Path, config: Option<&str>) -> Command {
    let artifact = engine.artifact("faults");
    let own =
        config.map(|config| artifact.with_extension(format!("{}.{}", config, engine.extension)));
    let artifact = own.filter(|own| own.exists()).unwrap_or(artifact);
    let mut load = Command::new(&engine.load);
    load.arg(artifact.strip_prefix(root).unwrap())
        .args(["--timeout-ms", &TIMEOUT_MS.to_string()])
        .current_dir(root);
    if let Some(config) = config {
        load.args(["--config", config]);
    }
    load
}

/// Every configuration the engine's binary offers (`--configs`, its default first), each at 1 and
/// 2 workers, `runs` healthy runs, a process each, `REPEATS` times in turn. A configuration whose
/// binary ends without its report (refusing it, say) is not tried again: its words are kept.
fn configurations(
    engine: &Engine,
    root: &Path,
    out: &Path,
    runs: u32,
) -> anyhow::Result<Vec<Configured>> {
    let listed = Command::new(&engine.load)
        .arg("--configs")
        .output()
        .with_context(|| format!("running {} --configs", engine.load.display()))?;
    if !listed.status.success() || listed.stdout.is_empty() {
        anyhow::bail!(
            "{} --configs listed no configuration ({}): rebuild it (make all-engines)",
            engine.load.display(),
            listed.status
        );
    }
    let mut configs: Vec<Configured> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(|name| Configured {
            name: name.to_string(),
            one: Vec::new(),
            two: Vec::new(),
            ended: None,
        })
        .collect();
    for repeat in 1..=REPEATS {
        for config in &mut configs {
            for threads in [1, 2] {
                if config.ended.is_some() {
                    break;
                }
                let json = out.join(format!(
                    "{}.{}.{}-workers.{}.json",
                    engine.key(),
                    config.name,
                    threads,
                    repeat
                ));
                let _ = std::fs::remove_file(&json);
                let mut load = load_configured(engine, root, Some(&config.name));
                load.args([
                    "--threads",
                    &threads.to_string(),
                    "--runs",
                    &runs.to_string(),
                    "--json",
                ])
                .arg(json.strip_prefix(root).unwrap())
                .env("RUST_BACKTRACE", "0")
                .stdout(Stdio::null());
                println!("[{}] {}", engine.name(), shown(&load, root));
                let ended = load
                    .output()
                    .with_context(|| format!("running {}", engine.load.display()))?;
                match read(&json).and_then(|run| run.measurements.into_iter().next()) {
                    Some(measured) => match threads {
                        1 => config.one.push(measured),
                        _ => config.two.push(measured),
                    },
                    None => {
                        // The binary's words: its error and the cause it ends with (`Error:
                        // …`, then `Caused by: …`); or how it ended.
                        let stderr = String::from_utf8_lossy(&ended.stderr);
                        let lines: Vec<&str> = stderr
                            .lines()
                            .map(str::trim)
                            .filter(|line| !line.is_empty())
                            .collect();
                        let error = lines.iter().find(|line| line.starts_with("Error: "));
                        let how = match (error, lines.last()) {
                            (Some(error), Some(cause)) if error != cause => {
                                // A cause of several is numbered: `1: …`.
                                let cause = cause
                                    .split_once(": ")
                                    .filter(|(n, _)| n.parse::<u32>().is_ok());
                                format!(
                                    "{} ({})",
                                    error,
                                    cause.map_or(*lines.last().unwrap(), |(_, c)| c)
                                )
                            }
                            (_, Some(last)) => last.to_string(),
                            (_, None) => ended.status.to_string(),
                        };
                        eprintln!("    {}", how);
                        config.ended = Some(how);
                    }
                }
            }
        }
    }
    Ok(configs)
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
