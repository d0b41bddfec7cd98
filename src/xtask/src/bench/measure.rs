//! What `make bench` measures: criterion's estimates for each engine (build/bench/criterion), plus
//! what only a stopwatch around a process can measure (AOT compile time, the host end to end,
//! process start, the runtimes a reader would use instead), gathered into one `Report`.
use super::{
    Estimate, Guest, Host, Id, Report, Row, WholeProcess, WholeProcesses, LUCET_SUITE, REPEATS,
};
use crate::engines::{Engine, Engines};
use crate::hyperfine::{self, Timing};
use crate::report::Machine;
use anyhow::{Context, Result};
use bench_cases::CASES;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where criterion wrote each column's estimates: build/bench/criterion/KEY.
const COLUMNS: [&str; 3] = [
    bench_cases::ENGINES[0].0,
    bench_cases::ENGINES[1].0,
    LUCET_SUITE,
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

/// The criterion filter that picks the cases of Lucet's own suite which `bench-cases` knows
/// (scripts/lucet-benchmarks runs them).
pub fn lucet_suite_filter() -> String {
    let names: Vec<&str> = CASES.iter().filter_map(|case| case.lucet_suite).collect();
    format!("^({}) \\(MmapRegion\\)$", names.join("|"))
}

/// Reads criterion's estimates under `bench` (build/bench), and times the AOT compilers and the
/// hosts of `engines`, and the peers.
pub fn measure(root: &Path, bench: &Path, engines: &Engines) -> Result<Report> {
    let mut estimates: BTreeMap<String, BTreeMap<String, Estimate>> = BTreeMap::new();
    for column in COLUMNS {
        for (id, estimate) in criterion_estimates(&bench.join("criterion").join(column))? {
            // Lucet's suite names its cases `run_null (MmapRegion)`.
            let id = id.trim_end_matches(" (MmapRegion)");
            let case = CASES
                .iter()
                .find(|case| case.lucet_suite == Some(id))
                .map_or(id, |case| case.name);
            estimates
                .entry(case.to_string())
                .or_default()
                .insert(column.to_string(), estimate);
        }
    }
    let columns = COLUMNS
        .into_iter()
        .filter(|column| estimates.values().any(|row| row.contains_key(*column)))
        .map(String::from)
        .collect();
    let cases = CASES
        .iter()
        .filter_map(|case| Some(Row::new(case, estimates.remove(case.name)?)))
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
            compiled.insert(engine.key().to_string(), (took, artifact.len()));
        }
        guests.push(Guest {
            name: name.to_string(),
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
            engine: engine.key().to_string(),
            extension: engine.extension.clone(),
            run_ns: add
                .and_then(|table| table.timing(&Id::Host(engine.key().to_string())))
                .map(|timing| timing.median),
            start_ns: start.median,
        })
        .collect();
    Ok(Report {
        machine: Machine::here(),
        quick: crate::report::quick(),
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

/// What is read of criterion's `benchmark.json`.
#[derive(Deserialize)]
struct Benchmark {
    full_id: String,
}

/// What is read of criterion's `estimates.json`.
#[derive(Deserialize)]
struct Estimates {
    median: CriterionEstimate,
}

#[derive(Deserialize)]
struct CriterionEstimate {
    point_estimate: f64,
    confidence_interval: ConfidenceInterval,
}

#[derive(Deserialize)]
struct ConfidenceInterval {
    lower_bound: f64,
    upper_bound: f64,
}

/// Every benchmark under `dir`: its id (criterion's benchmark.json) and median (estimates.json).
/// None if there is no `dir` (that column was not run); an error if a file there does not read.
fn criterion_estimates(dir: &Path) -> Result<Vec<(String, Estimate)>> {
    fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("reading {}", path.display()))
    }
    let mut found = Vec::new();
    if !dir.exists() {
        return Ok(found);
    }
    for path in crate::files(dir, "json")? {
        if !path.ends_with("new/benchmark.json") {
            continue;
        }
        let benchmark: Benchmark = read(&path)?;
        let median = read::<Estimates>(&path.with_file_name("estimates.json"))?.median;
        found.push((
            benchmark.full_id,
            Estimate {
                median: median.point_estimate,
                low: median.confidence_interval.lower_bound,
                high: median.confidence_interval.upper_bound,
            },
        ));
    }
    Ok(found)
}

/// A command's program and arguments, as hyperfine is given them.
fn argv(command: &Command) -> Vec<String> {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|word| word.to_string_lossy().into_owned())
        .collect()
}
/// `hello`, `add 5 3` and `greet` by whole processes, every row of a guest timed in one hyperfine
/// run.
fn whole_processes(
    root: &Path,
    built: &[&Engine],
    engines: &Engines,
) -> Result<Vec<WholeProcesses>> {
    let peers = Peers::found(engines);
    // The hosts, and the component host on the same guests built as components.
    let component = Some(&engines.component).filter(|engine| engine.host.exists());
    let hosts: Vec<&Engine> = built.iter().copied().chain(component).collect();
    let hosts = hosts.as_slice();
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
            for engine in hosts {
                let mut words = vec![engine.host.display().to_string()];
                words.push(engine.artifact(guest).display().to_string());
                words.extend(call.iter().cloned());
                rows.push((Id::Host(engine.key().to_string()), Some(words)));
            }
            let wasmtime = peers.wasmtime.as_deref();
            rows.push((Id::WasmtimeRun, wasmtime.map(|cli| run(cli, &[], &wasm))));
            // The CLI runs `hello` as a component; it cannot run `add` so, whose component
            // imports the host function `log`, which the CLI has not (the Components chapter).
            if guest == "hello" {
                let component = engines.component.wasm(guest);
                let cli = wasmtime.filter(|_| root.join(&component).exists());
                let cli = cli.map(|cli| run(cli, &[], &component.display().to_string()));
                rows.push((Id::WasmtimeRunComponent, cli));
            }
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
            timed(guest, rows, root, engines)
        })
        .chain(std::iter::once_with(|| greet(root, hosts, engines, &peers)))
        .collect()
}

/// `greet` with a string, by whole processes: the hosts, each by its own way of passing a string
/// (`--strings`: the core module's pointer/length protocol, the component's canonical ABI), and
/// `wasmtime run --invoke` on the component, the official CLI calling an export with a string. The
/// CLI needs `-W unknown-imports-trap=y` for the `log` the component imports, which `greet` does
/// not call (and which costs it WASI, which `greet` does not use either).
fn greet(
    root: &Path,
    hosts: &[&Engine],
    engines: &Engines,
    peers: &Peers,
) -> Result<WholeProcesses> {
    let (entry, name) = bench_cases::GREET;
    let mut rows: Vec<(Id, Option<Vec<String>>)> = Vec::new();

    for engine in hosts {
        let words = [
            engine.host.display().to_string(),
            engine.artifact("strings").display().to_string(),
            "--strings".to_string(),
            entry.to_string(),
            name.to_string(),
        ];
        rows.push((Id::Host(engine.key().to_string()), Some(words.to_vec())));
    }
    let tutorial = engines.component.wasm("strings");
    let cli = peers
        .wasmtime
        .as_deref()
        .filter(|_| root.join(&tutorial).exists());
    let cli = cli.map(|cli| {
        vec![
            cli.display().to_string(),
            "run".to_string(),
            "-W".to_string(),
            "unknown-imports-trap=y".to_string(),
            "--invoke".to_string(),
            format!("{}({:?})", entry, name),
            tutorial.display().to_string(),
        ]
    });
    rows.push((Id::WasmtimeRunComponent, cli));
    rows.push((Id::NoOp, Some(vec!["/bin/true".to_string()])));
    timed(entry, rows, root, engines)
}

/// Times `rows` (those whose command is there) in one hyperfine run per repeat: what the table
/// shows is the first.
fn timed(
    guest: &str,
    rows: Vec<(Id, Option<Vec<String>>)>,
    root: &Path,
    engines: &Engines,
) -> Result<WholeProcesses> {
    let commands: Vec<Vec<String>> = rows.iter().filter_map(|(_, words)| words.clone()).collect();
    let runs: Vec<Vec<Timing>> = (0..REPEATS)
        .map(|_| hyperfine::time(&engines.hyperfine, &commands, root, 30, 3))
        .collect::<Result<_>>()?;
    let mut command = 0;
    Ok(WholeProcesses {
        guest: guest.to_string(),
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
