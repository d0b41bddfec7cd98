//! `make faults`: each misbehaving guest of `guests/faults` on every engine found (Wasmtime always,
//! Lucet when `make` found a checkout), in one table: what the host reported, and whether a fresh
//! instance of the same module in the same host process then ran fine. Exits 1 if any case
//! escaped: the host killed by a signal, still running after a minute, or not going on.
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use xtask::engines::{found, Engine};
use xtask::process::{run_with_deadline, signal};
use xtask::project_root;

struct Case {
    name: &'static str,
    args: &'static [&'static str],
}

// ANCHOR: cases
#[rustfmt::skip]
const CASES: &[Case] = &[
    Case { name: "panic (unreachable)", args: &["panic"] },
    Case { name: "load beyond the heap", args: &["out_of_bounds"] },
    Case { name: "integer divide by zero", args: &["divide", "1", "0"] },
    Case { name: "unbounded recursion", args: &["recurse", "0"] },
    Case { name: "infinite loop", args: &["spin", "--timeout-ms", "200"] },
    Case { name: "memory bomb", args: &["memory_bomb", "--heap-memory-size", "4194304"] },
];
/// Run after each case, on a fresh instance.
const HEALTHY: &str = "healthy returned 42 on a fresh instance";
// ANCHOR_END: cases

const HANG: Duration = Duration::from_secs(60);

fn main() {
    let root = project_root();
    let engines = found();
    let output = root.join("build/faults");
    std::fs::create_dir_all(&output).expect("creating build/faults");

    let mut escaped = 0;
    let mut table = format!("| case | {} |\n", names(&engines).join(" | "));
    table += &format!("|---|{}\n", "---|".repeat(engines.len()));
    for case in CASES {
        let mut cells = Vec::new();
        for engine in &engines {
            let (contained, cell) = run(case, engine, &root);
            escaped += usize::from(!contained);
            cells.push(cell);
        }
        table += &format!("| {} | {} |\n", case.name, cells.join(" | "));
    }
    print!("{}", table);
    std::fs::write(output.join("table.md"), &table).expect("writing build/faults/table.md");
    if escaped > 0 {
        eprintln!("{} case(s) escaped (above)", escaped);
        std::process::exit(1);
    }
}

fn names(engines: &[Engine]) -> Vec<String> {
    engines.iter().map(|engine| engine.name.clone()).collect()
}

/// Runs one case on one engine: whether it was contained, and the table's cell.
fn run(case: &Case, engine: &Engine, root: &Path) -> (bool, String) {
    let mut host = Command::new(&engine.host);
    host.arg(engine.artifact("faults"))
        .args(case.args)
        .args(["--then", "healthy"])
        .current_dir(root)
        .env("RUST_BACKTRACE", "0");
    let output = run_with_deadline(&mut host, HANG)
        .unwrap_or_else(|e| panic!("{}: {}", engine.host.display(), e));
    let output = match output {
        Some(output) => output,
        None => {
            return (
                false,
                format!("**escaped**: still running after {:?}", HANG),
            )
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    match signal(&output.status) {
        Some(signal) => (false, format!("**escaped**: killed by signal {}", signal)),
        None if output.status.success() => (false, "**not a fault**: it returned".to_string()),
        None if !stdout.contains(HEALTHY) => (
            false,
            format!(
                "**escaped**: the next instance did not run: {}",
                last_line(&stderr)
            ),
        ),
        None => (true, reported(&stderr)),
    }
}

/// The host's report of the fault: its words, and the engine's own fault, shortened.
fn reported(stderr: &str) -> String {
    // `Error: WORDS`, `Caused by:` and the engine's error, up to the host's closing `Error: `.
    let mut lines = stderr
        .lines()
        .skip_while(|line| !line.starts_with("Error: "));
    let words = lines.next().unwrap_or("").trim_start_matches("Error: ");
    let chain: Vec<&str> = lines
        .take_while(|line| !line.starts_with("Error: "))
        .collect();
    let chain = chain.join("\n");
    let engine = last_line(&chain).trim();
    let engine = engine
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
        .trim();
    // Lucet's FaultDetails carry addresses; the trap code is what tells the fault.
    let engine = match engine.find("trapcode: ") {
        Some(at) => {
            let code = &engine[at..];
            format!(
                "RuntimeFault {{ {}, .. }}",
                &code[..code.find(',').unwrap_or(code.len())]
            )
        }
        None => engine.to_string(),
    };
    // Wasmtime has no trap code for a memory growth its ResourceLimiter refused: only our words.
    let engine = match engine == words {
        true => "ResourceLimiter::memory_growing refused".to_string(),
        false => engine,
    };
    format!("{}<br>`` {} ``<br>then {}", words, engine, HEALTHY)
}

fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("")
}
