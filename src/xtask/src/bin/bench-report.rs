//! The last step of `make bench`: criterion's estimates for each engine (build/bench/criterion),
//! plus what only a stopwatch around a process can measure (AOT compile time, the CLI end to end,
//! process start), into one report: build/bench/report.md (a table, engines side by side, with
//! ratios and goals), report.json (the same data) and chart.svg; the table and the chart are also
//! written to docs/src/bench, for the Performance chapter.
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use xtask::engines::found;
use xtask::project_root;

/// Where criterion wrote each engine's estimates, and the column's name.
const ENGINES: [(&str, &str); 3] = [
    ("lucet", "Lucet"),
    ("wasmtime", "Wasmtime"),
    ("lucet-benchmarks", "Lucet's own suite"),
];

/// The cases in the order the report shows them: loading, instantiating, calling, per request.
const CASES: [&str; 13] = [
    "load",
    "hello_instantiate",
    "hello_instantiate (pooling + InstancePre)",
    "run_null",
    "run_many_args",
    "run_add",
    "run_add (native)",
    "run_hello",
    "run_hostcall",
    "warm_call",
    "reset_and_run",
    "instantiate_and_run_add",
    "load_instantiate_run_add",
];

/// What the engines' authors published: (case, engine, the figure in ns, the figure in words)
const GOALS: [(&str, &str, f64, &str); 3] = [
    (
        "hello_instantiate (pooling + InstancePre)",
        "wasmtime",
        5_000.0,
        "≤ 5 µs",
    ),
    ("warm_call", "wasmtime", 100.0, "≤ 100 ns"),
    ("instantiate_and_run_add", "lucet", 50_000.0, "≤ 50 µs"),
];

/// A median and its 95 % confidence interval, in nanoseconds.
#[derive(Clone, Copy)]
struct Estimate {
    median: f64,
    low: f64,
    high: f64,
}

fn main() {
    let root = project_root();
    let bench = root.join("build/bench");
    let mut cases: BTreeMap<String, BTreeMap<&str, Estimate>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (engine, _) in ENGINES {
        for (case, estimate) in criterion_estimates(&bench.join("criterion").join(engine)) {
            // Lucet's suite names its cases `run_null (MmapRegion)`.
            let case = case.trim_end_matches(" (MmapRegion)").to_string();
            let case = if case == "run_hostcall_wrapped" {
                "run_hostcall".to_string()
            } else {
                case
            };
            if !order.contains(&case) {
                order.push(case.clone());
            }
            cases.entry(case).or_default().insert(engine, estimate);
        }
    }
    order.sort_by_key(|case| {
        CASES
            .iter()
            .position(|known| known == case)
            .unwrap_or(CASES.len())
    });
    let engines: Vec<(&str, &str)> = ENGINES
        .iter()
        .copied()
        .filter(|(engine, _)| cases.values().any(|row| row.contains_key(engine)))
        .collect();

    // Stopwatch figures: medians of a few runs of each command.
    let engines_found = found();
    let mut stopwatch: BTreeMap<String, BTreeMap<&str, f64>> = BTreeMap::new();
    for guest in ["hello", "add", "bench"] {
        let wasm = root.join(format!("build/wasm/{}.wasm", guest));
        let scratch = bench.join(format!("compiled-{}", guest));
        let row = stopwatch
            .entry(format!("compile {} (AOT)", guest))
            .or_default();
        for engine in &engines_found {
            row.insert(
                engine.key,
                median_run(&mut engine.compile(&wasm, &scratch), 3),
            );
        }
    }
    let mut sizes: BTreeMap<String, BTreeMap<&str, u64>> = BTreeMap::new();
    for guest in ["hello", "add", "bench"] {
        let size = |path: PathBuf| std::fs::metadata(path).map(|m| m.len()).ok();
        let row = sizes
            .entry(format!("{}: .wasm → artifact", guest))
            .or_default();
        for engine in &engines_found {
            if let Some(bytes) = size(engine.artifact(guest)) {
                row.insert(engine.key, bytes);
            }
        }
        row.insert(
            "wasm",
            size(root.join(format!("build/wasm/{}.wasm", guest))).unwrap_or(0),
        );
    }
    // The CLI end to end, and the same executable starting and exiting at once (`--version`).
    let mut cli = BTreeMap::new();
    let mut process_start = BTreeMap::new();
    for engine in engines_found.iter().filter(|engine| engine.host.exists()) {
        let mut run = Command::new(&engine.host);
        run.current_dir(&root)
            .arg(engine.artifact("add"))
            .args(["add", "5", "3"]);
        cli.insert(engine.key, median_run(&mut run, 20));
        let start = median_run(Command::new(&engine.host).arg("--version"), 20);
        process_start.insert(engine.key, start);
    }

    let machine = machine();
    // Written by scripts/lucet-benchmarks when the suite cannot run here.
    let suite_not_run = std::fs::read_to_string(bench.join("criterion/lucet-benchmarks/not-run"))
        .ok()
        .map(|why| why.trim().to_string());
    let report = markdown(
        &order,
        &cases,
        &engines,
        &stopwatch,
        &sizes,
        &cli,
        &process_start,
        &machine,
        suite_not_run.as_deref(),
    );
    let data = json!({
        "machine": machine,
        "unit": "ns",
        "cases": cases.iter().map(|(case, row)| {
            let row: serde_json::Map<String, Value> = row
                .iter()
                .map(|(engine, e)| {
                    (engine.to_string(), json!({"median": e.median, "low": e.low, "high": e.high}))
                })
                .collect();
            (case.clone(), Value::Object(row))
        }).collect::<serde_json::Map<String, Value>>(),
        "compile_ns": stopwatch,
        "sizes_bytes": sizes,
        "cli_ns": cli,
        "process_start_ns": process_start,
        "lucet_benchmarks_not_run": suite_not_run,
    });
    let chart = chart(&order, &cases, &engines);
    std::fs::create_dir_all(&bench).unwrap();
    std::fs::write(bench.join("report.md"), &report).unwrap();
    std::fs::write(
        bench.join("report.json"),
        serde_json::to_string_pretty(&data).unwrap(),
    )
    .unwrap();
    std::fs::write(bench.join("chart.svg"), &chart).unwrap();
    let docs = root.join("docs/src/bench");
    std::fs::create_dir_all(&docs).unwrap();
    // Not `.md`: a fragment the chapter includes, not a page of its own.
    std::fs::write(docs.join("report.markdown"), &report).unwrap();
    std::fs::write(docs.join("chart.svg"), &chart).unwrap();
    print!("{}", report);
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

/// The median wall-clock time of `runs` runs of `command`, in nanoseconds.
fn median_run(command: &mut Command, runs: usize) -> f64 {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status();
            assert!(
                status.map_or(false, |s| s.success()),
                "{:?} failed",
                command
            );
            started.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2].as_nanos() as f64
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

#[allow(clippy::too_many_arguments)]
fn markdown(
    order: &[String],
    cases: &BTreeMap<String, BTreeMap<&str, Estimate>>,
    engines: &[(&str, &str)],
    stopwatch: &BTreeMap<String, BTreeMap<&str, f64>>,
    sizes: &BTreeMap<String, BTreeMap<&str, u64>>,
    cli: &BTreeMap<&str, f64>,
    process_start: &BTreeMap<&str, f64>,
    machine: &str,
    suite_not_run: Option<&str>,
) -> String {
    let mut out = format!("Measured on {}.\n\n", machine);
    out +=
        "Medians, with criterion's 95 % confidence interval. The last column holds a case against \
            what the engine's authors published: Lucet's instantiation in under 50 µs, Wasmtime's \
            in about 5 µs with the pooling allocator and `InstancePre`, and its calls into a guest \
            well under 100 ns.\n\n";
    let names: Vec<&str> = engines.iter().map(|(_, name)| *name).collect();
    out += &format!(
        "| case | {} | Wasmtime/Lucet | published figure |\n",
        names.join(" | ")
    );
    out += &format!("|---|{}---|---|\n", "---|".repeat(engines.len()));
    for case in order {
        let row = &cases[case];
        let cells: Vec<String> = engines
            .iter()
            .map(|(engine, _)| match row.get(engine) {
                Some(e) => format!("{} ({}–{})", time(e.median), time(e.low), time(e.high)),
                None => "–".to_string(),
            })
            .collect();
        let ratio = match (row.get("wasmtime"), row.get("lucet")) {
            (Some(w), Some(l)) => format!("{:.2}", w.median / l.median),
            _ => "–".to_string(),
        };
        let goal = GOALS
            .iter()
            .filter(|(goal_case, _, _, _)| goal_case == case)
            .filter_map(|(_, engine, ns, what)| {
                let met = row.get(engine)?.median <= *ns;
                Some(format!(
                    "{} {}: {}",
                    engine,
                    what,
                    if met { "within" } else { "**beyond**" }
                ))
            })
            .collect::<Vec<_>>()
            .join("; ");
        out += &format!(
            "| {} | {} | {} | {} |\n",
            case,
            cells.join(" | "),
            ratio,
            goal
        );
    }
    if let Some(why) = suite_not_run {
        out += &format!("\nLucet's own suite did not run: {}.\n", why);
    }
    out += "\nRatios:\n\n";
    let native = cases
        .get("run_add (native)")
        .and_then(|row| row.get("wasmtime"));
    for (engine, name) in engines
        .iter()
        .filter(|(engine, _)| *engine != "lucet-benchmarks")
    {
        if let (Some(run), Some(native)) =
            (cases.get("run_add").and_then(|r| r.get(engine)), native)
        {
            out += &format!(
                "- {}: `run_add` / native `add`: {:.0}× (the call, WASI's `println!` into a sink and the sandbox)\n",
                name,
                run.median / native.median
            );
        }
        let raw = cases
            .get("load_instantiate_run_add")
            .and_then(|row| row.get(engine));
        if let (Some(cli), Some(start), Some(raw)) =
            (cli.get(engine), process_start.get(engine), raw)
        {
            let run = cli - start;
            out += &format!(
                "- {}: the CLI, `HOST add.{} add 5 3`, {} from start to exit; without process start \
                 (`HOST --version`: {}), {}; the raw API (load, instantiate, run) {}: \
                 overhead {:.0} % of a run (a thin host stays within 5 %: {})\n",
                name,
                if *engine == "lucet" { "so" } else { "cwasm" },
                time(*cli),
                time(*start),
                time(run),
                time(raw.median),
                (run - raw.median) / run * 100.0,
                if (run - raw.median) / run <= 0.05 { "within" } else { "**beyond**" },
            );
        }
    }
    out += "\nAOT compile time (median of 3 runs; wasmtime-compile's Cranelift is built at opt-level 0, \
            so that the first Hello comes sooner: see \"The time to the first Hello\") and sizes:\n\n";
    out += "| | Lucet (lucetc) | Wasmtime (wasmtime-compile) |\n|---|---|---|\n";
    for (case, row) in stopwatch {
        let cell = |engine| row.get(engine).map_or("–".to_string(), |ns| time(*ns));
        out += &format!("| {} | {} | {} |\n", case, cell("lucet"), cell("wasmtime"));
    }
    for (case, row) in sizes {
        let kib = |bytes: u64| format!("{:.1} KiB", bytes as f64 / 1024.0);
        let cell = |engine| row.get(engine).map_or("–".to_string(), |b| kib(*b));
        out += &format!(
            "| {} ({}) | {} | {} |\n",
            case,
            kib(row["wasm"]),
            cell("lucet"),
            cell("wasmtime")
        );
    }
    out
}

/// A horizontal bar chart, a log scale of time, one bar per engine for each case.
fn chart(
    order: &[String],
    cases: &BTreeMap<String, BTreeMap<&str, Estimate>>,
    engines: &[(&str, &str)],
) -> String {
    let colours = ["#d95f02", "#1b9e77", "#7570b3"];
    let (left, width, bar, gap) = (290.0, 560.0, 12.0, 10.0);
    let (min, max) = (1.0f64.log10(), 1e6f64.log10());
    let x = |ns: f64| left + (ns.max(1.0).log10() - min) / (max - min) * width;
    let rows: Vec<&String> = order.iter().collect();
    let height = 40.0 + rows.len() as f64 * (bar * engines.len() as f64 + gap) + 40.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        left + width + 20.0,
        height
    );
    for (power, label) in [
        (0, "1 ns"),
        (1, "10 ns"),
        (2, "100 ns"),
        (3, "1 µs"),
        (4, "10 µs"),
        (5, "100 µs"),
        (6, "1 ms"),
    ] {
        let at = x(10f64.powi(power));
        svg += &format!(
            "<line x1=\"{at:.1}\" y1=\"30\" x2=\"{at:.1}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{at:.1}\" y=\"22\" text-anchor=\"middle\">{label}</text>\n",
            height - 30.0
        );
    }
    let mut y = 40.0;
    for case in rows {
        svg += &format!(
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
            left - 8.0,
            y + bar * engines.len() as f64 / 2.0 + 4.0,
            case.replace('&', "&amp;").replace('<', "&lt;")
        );
        for (i, (engine, _)) in engines.iter().enumerate() {
            if let Some(e) = cases[case].get(engine) {
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
    for (i, (_, name)) in engines.iter().enumerate() {
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

/// The machine, as a reader can compare with theirs: CPU model and count, memory, kernel.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| {
            line.strip_prefix("model name")
                .map(|rest| rest.trim_start_matches([' ', '\t', ':']))
        })
        .unwrap_or("an unknown CPU")
        .to_string();
    let cpus = cpuinfo
        .lines()
        .filter(|line| line.starts_with("processor"))
        .count();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|line| {
            line.strip_prefix("MemTotal:").map(|kb| {
                kb.trim()
                    .trim_end_matches(" kB")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    let kernel = Command::new("uname")
        .arg("-r")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "{} × {}, {} GiB of memory, Linux {}",
        cpus,
        model,
        memory / 1024 / 1024,
        kernel
    )
}
