//! Whole-process timing with hyperfine, the field's tool for it (`make bench` installs it, pinned,
//! into the per-user cache and says where, in build/engines.json): each command run from start to exit,
//! after warm-up runs, with no shell between (`-N`), its output discarded.
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::process::Command;

/// One command's times, in nanoseconds.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
pub struct Timing {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

/// What hyperfine's `--export-json` writes, in seconds: what is read of it.
#[derive(Deserialize)]
struct Export {
    results: Vec<Seconds>,
}

#[derive(Deserialize)]
struct Seconds {
    median: f64,
    min: f64,
    max: f64,
}

/// `word` as hyperfine's `-N` splits a command (as a POSIX shell would, by the shell-words crate):
/// as it is, or single-quoted if it has a space, a quote or a backslash in it, begins a comment or
/// is empty.
fn quoted(word: &str) -> String {
    let special = word.contains(|c: char| c.is_whitespace() || "'\"\\".contains(c));
    match special || word.is_empty() || word.starts_with('#') {
        true => format!("'{}'", word.replace('\'', "'\\''")),
        false => word.to_string(),
    }
}

/// Times each of `commands` (a program and its arguments) with `hyperfine`, run in `dir`, `runs` times
/// after `warmup` runs; in the order given. An error if hyperfine fails: a command that fails is a
/// broken benchmark.
pub fn time(
    hyperfine: &Path,
    commands: &[Vec<String>],
    dir: &Path,
    runs: usize,
    warmup: usize,
) -> Result<Vec<Timing>> {
    let json = std::env::temp_dir().join(format!("hyperfine-{}.json", std::process::id()));
    let mut command = Command::new(hyperfine);
    command
        .current_dir(dir)
        .args(["-N", "--style", "none", "--runs", &runs.to_string()])
        .args(["--warmup", &warmup.to_string(), "--export-json"])
        .arg(&json);
    for words in commands {
        let words: Vec<String> = words.iter().map(|word| quoted(word)).collect();
        command.arg(words.join(" "));
    }
    let status = command
        .status()
        .with_context(|| format!("running {}", hyperfine.display()))?;
    if !status.success() {
        bail!("{:?} failed ({})", command, status);
    }
    let text =
        std::fs::read_to_string(&json).with_context(|| format!("reading {}", json.display()))?;
    let _ = std::fs::remove_file(&json);
    let export: Export = serde_json::from_str(&text).context("reading hyperfine's results")?;
    Ok(export
        .results
        .iter()
        .map(|result| Timing {
            median: result.median * 1e9,
            min: result.min * 1e9,
            max: result.max * 1e9,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn a_word_hyperfine_would_split_is_quoted() {
        assert_eq!(quoted("build/add.cwasm"), "build/add.cwasm");
        assert_eq!(quoted("greet(\"ワールド\")"), "'greet(\"ワールド\")'");
        assert_eq!(quoted("it's a\\b"), "'it'\\''s a\\b'");
        assert_eq!(
            (quoted(""), quoted("#1")),
            ("''".to_string(), "'#1'".to_string())
        );
    }
}
