//! `make errata`: reproduces every erratum, checks its fix, and prints a table; exits non-zero
//! unless every erratum it could run did both. `make errata ONLY=E4` runs those named E4….
use anyhow::{bail, Result};
use xtask::{errata, Outcome, Runner};

fn main() -> Result<()> {
    let runner = Runner::from_env()?;
    let only: Vec<String> = std::env::args().skip(1).collect();
    let chosen = |erratum: &str, _| {
        only.is_empty() || only.iter().any(|name| erratum.starts_with(name.as_str()))
    };
    let rows = errata(
        &runner,
        &runner.root.join("docs/transcripts/errata"),
        chosen,
    )?;
    println!(
        "{:<28} {:<9} {:<28} fix works",
        "erratum", "engine", "symptom reproduced"
    );
    for row in &rows {
        println!(
            "{:<28} {:<9} {:<28} {}",
            row.name,
            row.engine.to_string(),
            cell(&row.symptom),
            cell(&row.fix)
        );
    }
    let failures: Vec<&str> = rows
        .iter()
        .flat_map(|row| [row.symptom.failure(), row.fix.failure()])
        .flatten()
        .collect();
    for failure in &failures {
        eprintln!("\n{}", failure);
    }
    if !failures.is_empty() {
        bail!(
            "{} of the errata's transcripts failed (above)",
            failures.len()
        );
    }
    Ok(())
}

fn cell(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Passed => "yes",
        Outcome::Failed(_) => "NO",
        Outcome::Skipped(why) => why,
    }
}
