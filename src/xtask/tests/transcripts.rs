//! One test per transcript under `docs/transcripts`: the tutorial's steps, its errata, the checkout
//! checks; and one per engine for the by-hand session, the commands the tutorial has a reader type.
//! A Lucet transcript is ignored (reported as skipped) when `make test` found no checkout, and so is
//! one whose `# only if` condition this machine does not meet; never passed.
use libtest_mimic::{Arguments, Trial};
use std::sync::Arc;
use xtask::{files, is_by_hand, Outcome, Runner, Session, Transcript};

fn main() -> anyhow::Result<()> {
    let mut arguments = Arguments::from_args();
    // A list (`--list`) runs nothing: no transcript's `# only if` condition either.
    let listing = arguments.list;
    // Transcripts share the build folders, cargo's locks and the Lucet checkout: one at a time.
    arguments.test_threads = Some(1);
    let runner = Arc::new(Runner::from_env()?);
    let paths = files(&runner.root.join("docs/transcripts"), "console")?;
    let mut trials = vec![errata_come_in_pairs(&paths)];
    for session in Session::by_hand(&paths)? {
        let skipped = runner.missing(session.engine);
        if let Some(why) = &skipped {
            eprintln!("{}: {}", session.name(), why);
        }
        let runner = runner.clone();
        let trial = Trial::test(session.name(), move || match runner.run_session(&session) {
            Outcome::Passed => Ok(()),
            Outcome::Failed(why) | Outcome::Skipped(why) => Err(why.into()),
        });
        trials.push(trial.with_ignored_flag(skipped.is_some()));
    }
    for path in paths.into_iter().filter(|path| !is_by_hand(path)) {
        let transcript = Transcript::load(&path)?;
        let skipped = runner.skipped_when(&transcript, listing);
        if let Some(why) = &skipped {
            eprintln!("{}: {}", transcript.name(), why);
        }
        let runner = runner.clone();
        let trial = Trial::test(transcript.name(), move || match runner.run(&transcript) {
            Outcome::Passed => Ok(()),
            Outcome::Failed(why) | Outcome::Skipped(why) => Err(why.into()),
        });
        trials.push(trial.with_ignored_flag(skipped.is_some()));
    }
    libtest_mimic::run(&arguments, trials).exit();
}

/// Every erratum's symptom has its fix on the same engine, and every fix its symptom.
fn errata_come_in_pairs(paths: &[std::path::PathBuf]) -> Trial {
    let errata: Vec<String> = paths
        .iter()
        .filter_map(|path| path.to_str())
        .filter(|path| path.contains("/transcripts/errata/"))
        .map(String::from)
        .collect();
    Trial::test("errata/every symptom has its fix", move || {
        let unpaired: Vec<&String> = errata
            .iter()
            .filter(|path| {
                let other = if path.contains("/symptom.") {
                    path.replace("/symptom.", "/fix.")
                } else {
                    path.replace("/fix.", "/symptom.")
                };
                !errata.contains(&other)
            })
            .collect();
        match unpaired.is_empty() {
            true => Ok(()),
            false => Err(format!("no counterpart for: {:?}", unpaired).into()),
        }
    })
}
