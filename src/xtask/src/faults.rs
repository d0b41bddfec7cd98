//! `make faults`: each misbehaving guest of `guests/faults` on every engine found (Wasmtime always,
//! on the core module and on the component, Lucet when `make` found a checkout), in one table: what the host reported (`--report json`), and
//! whether a fresh instance of the same module in the same host process then ran fine. An error
//! if any case escaped: the host killed by a signal, still running after a minute, or not going on.
use crate::engines::{case_table, Engine, Engines};
use crate::process::{run_with_deadline, signal};
use crate::project_root;
use anyhow::{bail, Context, Result};
use host_core::report::Report;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

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
/// Run after each case, on a fresh instance, and what it returns there.
const HEALTHY: (&str, &str) = ("healthy", "42");
// ANCHOR_END: cases

const HANG: Duration = Duration::from_secs(60);

/// Runs every case on every engine found, and prints the table; an error if a case failed.
pub fn main() -> Result<()> {
    let root = project_root();
    let escaped = case_table(
        &Engines::read()?,
        "faults",
        CASES,
        |case| case.name,
        |case, engine| run(case, engine, &root),
    )?;
    if escaped > 0 {
        bail!("{} case(s) escaped (above)", escaped);
    }
    Ok(())
}

/// Runs one case on one engine: whether it was contained, and the table's cell, from the host's
/// `--report json`.
fn run(case: &Case, engine: &Engine, root: &Path) -> Result<(bool, String)> {
    let mut host = Command::new(&engine.host);
    let (export, args) = case.args.split_first().expect("a case names its export");
    host.arg(engine.artifact("faults"))
        .arg(engine.export(export))
        .args(args)
        .args(["--then", &engine.export(HEALTHY.0), "--report", "json"])
        .current_dir(root)
        .env("RUST_BACKTRACE", "0");
    let output = run_with_deadline(&mut host, HANG)
        .with_context(|| format!("running {}", engine.host.display()))?;
    Ok(judge(output))
}

/// Whether the host's run contained the fault, and the table's cell.
fn judge(output: Option<Output>) -> (bool, String) {
    let output = match output {
        Some(output) => output,
        None => {
            return (
                false,
                format!("**escaped**: still running after {:?}", HANG),
            )
        }
    };
    if let Some(signal) = signal(&output.status) {
        return (false, format!("**escaped**: killed by signal {}", signal));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Report = match stdout.lines().last().map(serde_json::from_str) {
        Some(Ok(report)) => report,
        _ => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return (
                false,
                format!("**escaped**: no report; {}", last_line(&stderr)),
            );
        }
    };
    let (entry, value) = HEALTHY;
    let then = report.then.as_ref();
    let healthy = then.is_some_and(|then| {
        then.entry == entry && then.returned.as_deref() == Some(&[value.to_string()][..])
    });
    if report.returned {
        (false, "**not a fault**: it returned".to_string())
    } else if !healthy {
        let why = then.and_then(|then| then.error.as_deref()).unwrap_or("");
        (
            false,
            format!("**escaped**: the next instance did not run: {}", why),
        )
    } else {
        let cell = format!(
            "{}<br>`` {} ``<br>then {} returned {} on a fresh instance",
            report.error.unwrap_or_default(),
            report.engine_error.unwrap_or_default(),
            entry,
            value
        );
        (true, cell)
    }
}

fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use host_core::report::Then;
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    fn output(status: ExitStatus, report: Option<&Report>, stderr: &str) -> Option<Output> {
        let stdout = report.map_or(String::new(), |r| serde_json::to_string(r).unwrap());
        Some(Output {
            status,
            stdout: format!("{}\n", stdout).into_bytes(),
            stderr: stderr.as_bytes().to_vec(),
        })
    }

    fn report(returned: bool, then: Option<(&str, Option<&str>)>) -> Report {
        Report {
            entry: "panic".into(),
            returned,
            error: Some("a trap: unreachable".into()),
            engine_error: Some("wasm trap".into()),
            then: then.map(|(entry, value)| Then {
                entry: entry.into(),
                returned: value.map(|v| vec![v.to_string()]),
                error: value.is_none().then(|| "no instance".to_string()),
            }),
        }
    }

    #[test]
    fn a_fault_is_contained_only_if_a_fresh_instance_then_runs() {
        let exit = |code| ExitStatus::from_raw(code << 8);
        let contained = report(false, Some(("healthy", Some("42"))));
        assert!(judge(output(exit(1), Some(&contained), "")).0);
        let not_going_on = report(false, Some(("healthy", None)));
        let (held, cell) = judge(output(exit(1), Some(&not_going_on), ""));
        assert!(!held && cell.contains("the next instance did not run: no instance"));
        let wrong_answer = report(false, Some(("healthy", Some("41"))));
        assert!(!judge(output(exit(1), Some(&wrong_answer), "")).0);
        let returned = report(true, Some(("healthy", Some("42"))));
        assert!(!judge(output(exit(0), Some(&returned), "")).0);
    }

    #[test]
    fn a_host_killed_hung_or_silent_has_let_the_fault_escape() {
        let (held, cell) = judge(output(ExitStatus::from_raw(11), None, ""));
        assert!(!held && cell.contains("killed by signal"), "{}", cell);
        assert!(!judge(None).0);
        let (held, cell) = judge(output(ExitStatus::from_raw(1 << 8), None, "Error: boom\n"));
        assert!(
            !held && cell.ends_with("no report; Error: boom"),
            "{}",
            cell
        );
    }
}
