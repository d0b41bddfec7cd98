//! The tutorial's steps and errata, run as `docs/transcripts` says, on each engine.
//! Lucet's are #[ignore]d (reported as skipped); `make test` includes them when it finds a checkout.
use std::sync::Mutex;
use tutorial_docs::{errata, files, Context, Engine, Outcome, Transcript};

/// Transcripts share the build folders, cargo's locks and the Lucet checkout: one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn context(engine: Engine) -> Context {
    let context = Context::from_env();
    assert!(
        engine != Engine::Lucet || context.lucet.is_some(),
        "no Lucet checkout: run the tests with `make test`, which finds one"
    );
    context
}

fn transcripts_pass(dir: &str, engine: Engine) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let context = context(engine);
    let mut ran = 0;
    for path in files(&context.root.join("docs/transcripts").join(dir), "console").unwrap() {
        let transcript = Transcript::load(&path).unwrap();
        if transcript.engine == engine {
            if let Outcome::Failed(why) = context.run(&transcript) {
                panic!("{}", why);
            }
            ran += 1;
        }
    }
    assert!(ran > 0, "no transcripts in {} for {}", dir, engine);
}

fn errata_pass(engine: Engine) {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let context = context(engine);
    let rows = errata(
        &context,
        &context.root.join("docs/transcripts/errata"),
        |_, e| e == engine,
    )
    .unwrap();
    assert!(!rows.is_empty(), "no errata transcripts for {}", engine);
    for row in rows {
        for outcome in [&row.symptom, &row.fix] {
            match outcome {
                Outcome::Passed => {}
                // Only what the transcript itself declares (`# only if`).
                Outcome::Skipped(why) => eprintln!("{} on {}: {}", row.name, engine, why),
                Outcome::Failed(why) => panic!("{} on {}: {}", row.name, engine, why),
            }
        }
    }
}

#[test]
fn steps_on_wasmtime() {
    transcripts_pass("steps", Engine::Wasmtime);
}

#[test]
#[ignore = "needs a Lucet checkout; `make test` runs it when it finds one"]
fn steps_on_lucet() {
    transcripts_pass("steps", Engine::Lucet);
}

#[test]
fn unusable_checkouts_are_explained() {
    transcripts_pass("checkout", Engine::Any);
}

#[test]
fn errata_on_any_engine() {
    errata_pass(Engine::Any);
}

#[test]
fn errata_on_wasmtime() {
    errata_pass(Engine::Wasmtime);
}

#[test]
#[ignore = "needs a Lucet checkout; `make test` runs it when it finds one"]
fn errata_on_lucet() {
    errata_pass(Engine::Lucet);
}
