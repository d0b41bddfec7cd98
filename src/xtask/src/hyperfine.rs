//! Whole-process timing with hyperfine, the field's tool for it (`make bench` installs it, pinned,
//! into the per-user cache and says where, in build/engines.json): each command run from start to exit,
//! after warm-up runs, with no shell between (`-N`), its output discarded.
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// One command's times, in nanoseconds.
#[derive(Clone, Copy, Serialize)]
pub struct Timing {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

/// Times each of `commands` (a program and its arguments, none with a space, quote or backslash in
/// it, which hyperfine would read as a shell does), run in `dir`,
/// `runs` times after `warmup` runs; in the order given. Panics if hyperfine fails: a command
/// that fails is a broken benchmark.
pub fn time(commands: &[Vec<String>], dir: &Path, runs: usize, warmup: usize) -> Vec<Timing> {
    let hyperfine = crate::engines::Engines::read().hyperfine;
    let json = std::env::temp_dir().join(format!("hyperfine-{}.json", std::process::id()));
    let mut command = Command::new(&hyperfine);
    command
        .current_dir(dir)
        .args(["-N", "--style", "none", "--runs", &runs.to_string()])
        .args(["--warmup", &warmup.to_string(), "--export-json"])
        .arg(&json);
    for words in commands {
        for word in words {
            assert!(
                !word.contains(|c: char| c.is_whitespace() || "'\"\\".contains(c)),
                "hyperfine would split {:?}: move it to a path without spaces, quotes or backslashes",
                word
            );
        }
        command.arg(words.join(" "));
    }
    let status = command.status().expect("hyperfine runs");
    assert!(status.success(), "{:?} failed", command);
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    std::fs::remove_file(&json).unwrap();
    let ns = |value: &Value| value.as_f64().unwrap_or(f64::NAN) * 1e9;
    report["results"]
        .as_array()
        .expect("hyperfine's results")
        .iter()
        .map(|result| Timing {
            median: ns(&result["median"]),
            min: ns(&result["min"]),
            max: ns(&result["max"]),
        })
        .collect()
}
