//! Each erratum's symptom and fix, on each engine: what `make errata` and the errata test run.
use super::format::{Engine, Transcript};
use super::runner::{Outcome, Runner};
use anyhow::{bail, Result};
use std::path::Path;

/// One erratum on one engine: `docs/transcripts/errata/ERRATUM/{symptom,fix}.ENGINE.console`.
pub struct Erratum {
    pub name: String,
    pub engine: Engine,
    pub symptom: Outcome,
    pub fix: Outcome,
}

/// Runs the errata under `dir` that `chosen(erratum, engine)` picks.
pub fn errata(
    runner: &Runner,
    dir: &Path,
    chosen: impl Fn(&str, Engine) -> bool,
) -> Result<Vec<Erratum>> {
    let mut transcripts = Vec::new();
    for path in crate::files(dir, "console")? {
        let transcript = Transcript::load(&path)?;
        // Every file named as it must be, before anything runs.
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let symptom = match name.split('.').next() {
            Some("symptom") => true,
            Some("fix") => false,
            _ => bail!(
                "{}: name it symptom.ENGINE.console or fix.ENGINE.console",
                path.display()
            ),
        };
        if chosen(&transcript.erratum(), transcript.engine) {
            transcripts.push((transcript, symptom));
        }
    }
    transcripts.sort_by_key(|(t, _)| (t.erratum(), t.engine));
    let mut rows: Vec<Erratum> = Vec::new();
    for (transcript, symptom) in &transcripts {
        let name = transcript.erratum();
        if !matches!(rows.last(), Some(row) if row.name == name && row.engine == transcript.engine)
        {
            let missing = || Outcome::Failed(format!("{}: no transcript", name));
            rows.push(Erratum {
                name: name.clone(),
                engine: transcript.engine,
                symptom: missing(),
                fix: missing(),
            });
        }
        let row = rows.last_mut().unwrap();
        let outcome = runner.run(transcript);
        match symptom {
            true => row.symptom = outcome,
            false => row.fix = outcome,
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::test_support::{runner, scratch};

    #[test]
    fn errata_with_a_misnamed_file_run_nothing() {
        let folder = scratch("errata-misnamed");
        let erratum = folder.join("errata/E9-example");
        std::fs::create_dir_all(&erratum).unwrap();
        let ran = folder.join("ran");
        for name in ["symptom.wasmtime.console", "other.wasmtime.console"] {
            std::fs::write(erratum.join(name), format!("$ touch {}\n", ran.display())).unwrap();
        }
        let error = errata(&runner(), &folder.join("errata"), |_, _| true)
            .err()
            .unwrap()
            .to_string();
        assert!(
            error.contains("other.wasmtime.console: name it symptom"),
            "{}",
            error
        );
        assert!(
            !ran.exists(),
            "a transcript ran before the names were checked"
        );
    }
}
