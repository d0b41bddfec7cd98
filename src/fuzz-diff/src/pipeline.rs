//! One module through both engines, each tool in a process of its own, as a reader runs them:
//! lucetc and `wasmtime-compile`, then each host with `--diff`.
use crate::compare::{compare, Verdict};
use anyhow::{Context, Result};
use host_core::diff::{Observations, Plan};
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use xtask::engines::Engine;
use xtask::process::{run_with_deadline, signal};

/// The engines compared: Lucet 51fb1ed and Wasmtime, as `build/engines.json` gives them.
pub struct Pair<'a> {
    pub lucet: &'a Engine,
    pub wasmtime: &'a Engine,
}

/// A module's run on both engines: the verdict, and what each host observed if both did.
pub struct Outcome {
    pub verdict: Verdict,
    pub observed: Option<(Observations, Observations)>,
    /// Calls made, on the two engines together.
    pub calls: usize,
}

/// A call's time limit on each host; a compiler's or a host's, whole.
const CALL_MS: &str = "2000";
const DEADLINE: Duration = Duration::from_secs(60);

/// Compiles `wasm` (written to `dir/module.wasm`) with both compilers and runs `plan` on both hosts.
pub fn run(pair: &Pair, dir: &Path, wasm: &[u8], plan: &Plan) -> Result<Outcome> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let module = dir.join("module.wasm");
    let plan_file = dir.join("plan.json");
    std::fs::write(&module, wasm)?;
    std::fs::write(&plan_file, serde_json::to_string(plan)?)?;
    let mut observed = Vec::new();
    for engine in [pair.lucet, pair.wasmtime] {
        let artifact = dir.join(format!("module.{}", engine.extension));
        let compiler = &engine.compiler_name();
        let compiled = run_with_deadline(&mut engine.compile(&module, &artifact), DEADLINE)?;
        match compiled {
            Some(output) if output.status.success() => {}
            Some(output) => {
                let error = String::from_utf8_lossy(&output.stderr);
                let error = said(&error);
                let class = format!("{} refused it: {}", compiler, gist(&error));
                return Ok(failed(&class, error));
            }
            None => return Ok(failed(&format!("{} hung", compiler), String::new())),
        }
        let mut host = Command::new(&engine.host);
        host.arg(&artifact)
            .arg("--diff")
            .arg(&plan_file)
            .args(["--timeout-ms", CALL_MS]);
        let name = engine.name();
        match run_with_deadline(&mut host, DEADLINE)? {
            Some(output) => {
                let stdout = String::from_utf8_lossy(&output.stdout);
                let line = stdout.lines().last().unwrap_or("");
                match serde_json::from_str::<Observations>(line) {
                    Ok(seen) if output.status.success() => observed.push(seen),
                    _ => {
                        let how = match signal(&output.status) {
                            Some(signal) => {
                                format!("{}'s host was killed by signal {}", name, signal)
                            }
                            None => format!("{}'s host failed", name),
                        };
                        let stderr = String::from_utf8_lossy(&output.stderr);
                        let error = said(&stderr);
                        return Ok(failed(&format!("{}: {}", how, gist(&error)), error));
                    }
                }
            }
            None => return Ok(failed(&format!("{}'s host hung", name), String::new())),
        }
    }
    let wasmtime = observed.pop().unwrap();
    let lucet = observed.pop().unwrap();
    Ok(Outcome {
        verdict: compare(&lucet, &wasmtime),
        calls: lucet.calls.len() + wasmtime.calls.len(),
        observed: Some((lucet, wasmtime)),
    })
}

fn failed(class: &str, what: String) -> Outcome {
    Outcome {
        verdict: Verdict::Differ {
            class: class.to_string(),
            what,
        },
        observed: None,
        calls: 0,
    }
}

/// What a tool that failed said: its panic or its error, not the backtrace below.
fn said(stderr: &str) -> String {
    let said = |line: &&str| line.contains("panicked at") || line.starts_with("Error");
    let line = stderr.lines().find(said).or_else(|| stderr.lines().next());
    line.unwrap_or("").to_string()
}

/// An error's gist, for its class: its words, without what names this module or this run —
/// quoted names, numbers and addresses, paths, a symbol — each left as `…`.
fn gist(error: &str) -> String {
    let error = error.strip_prefix("Error: ").unwrap_or(error);
    let error = error.split(" for symbol").next().unwrap_or(error);
    let mut words: Vec<&str> = Vec::new();
    let mut quoted = false;
    for word in error.split_whitespace() {
        // A quote in a quoted name is escaped (`\"`), and neither opens nor closes one.
        let word_ = word.replace("\\\\", "");
        let quotes = word_.matches('"').count() - word_.matches("\\\"").count();
        let name =
            quoted || quotes > 0 || word.contains('/') || word.chars().any(|c| c.is_ascii_digit());
        quoted ^= quotes % 2 == 1;
        match name {
            true if words.last() == Some(&"…") => {}
            true => words.push("…"),
            false => words.push(word),
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_classed_by_its_gist() {
        let ld = "Error: Ld error: ld of /tmp/x/tmp.o failed: ld: /w/module.so: version node not found for symbol guest_func_@V";
        assert_eq!(
            gist(ld),
            "Ld error: ld of … failed: ld: … version node not found"
        );
        let null =
            "Error: Clif module: Backend error: Symbol \"guest_func_a\u{0} b\" has a null byte";
        assert_eq!(
            gist(null),
            "Clif module: Backend error: Symbol … has a null byte"
        );
        let quote = "Error: Symbol \"a\\\" b\" has a null byte";
        assert_eq!(gist(quote), "Symbol … has a null byte");
        let backslash = "Error: Symbol \"a b\\\\\" has a null byte";
        assert_eq!(gist(backslash), "Symbol … has a null byte");
        let table = "Error: Initializer TableElems { offset: 4276924525 } out of range for Table { maximum: Some(109) }";
        assert_eq!(
            gist(table),
            "Initializer TableElems { offset: … } out of range for Table { maximum: … }"
        );
        let panic = "stack backtrace:\nthread 'main' panicked at 'boom', x.rs:1:5\n  0: f";
        assert_eq!(said(panic), "thread 'main' panicked at 'boom', x.rs:1:5");
    }
}
