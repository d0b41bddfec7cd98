//! `make fuzz-diff FUZZ_SECONDS=…`: generates modules for that long on every CPU, runs each on Lucet
//! and on Wasmtime, and compares; then shrinks the first module of each disagreement not yet
//! explained by a committed finding (fuzz/findings), and writes the report (build/fuzz-diff).
use anyhow::{bail, Context, Result};
use fuzz_diff::compare::Verdict;
use fuzz_diff::generate;
use fuzz_diff::pipeline::{self, Outcome, Pair};
use fuzz_diff::report::{Class, Report};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use xtask::engines::Engines;
use xtask::report::{write_report, Language, Machine};

fn main() -> Result<()> {
    let seconds = number("FUZZ_SECONDS")?;
    let seed = match number("FUZZ_SEED")? {
        Some(seed) => seed,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs(),
    };
    let engines = Engines::read()?;
    let lucet = engines.lucet.as_ref().context(
        "make fuzz-diff compares Lucet 51fb1ed with Wasmtime, and no Lucet checkout was found: run make lucet first",
    )?;
    let pair = Pair {
        lucet,
        wasmtime: &engines.wasmtime,
    };
    let root = xtask::project_root().join("build/fuzz-diff");
    for stale in ["work", "findings"] {
        let _ = std::fs::remove_dir_all(root.join(stale));
    }
    let known = fuzz_diff::known()?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut report = Report {
        machine: Machine::here(),
        lucet: lucet.name(),
        wasmtime: engines.wasmtime.name(),
        seconds: 0.0,
        workers,
        seed,
        modules: 0,
        calls: 0,
        agreed: 0,
        open: BTreeMap::new(),
        classes: BTreeMap::new(),
    };
    let mut firsts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    // Seeds in turn, whichever worker is free: seed, seed + 1, … (FUZZ_MODULES=N: N at most).
    let next = AtomicU64::new(0);
    let most = number("FUZZ_MODULES")?;
    let started = Instant::now();
    // FUZZ_MODULES alone: those modules, however long they take; else 180 s unless told.
    let deadline = match (most, seconds) {
        (Some(_), None) => None,
        (_, seconds) => Some(started + Duration::from_secs(seconds.unwrap_or(180))),
    };
    let most = most.unwrap_or(u64::MAX);
    std::thread::scope(|scope| -> Result<()> {
        let (sender, results) = mpsc::channel();
        for worker in 0..workers {
            let (sender, pair, root, next) = (sender.clone(), &pair, &root, &next);
            scope.spawn(move || {
                let dir = root.join("work").join(worker.to_string());
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if deadline.is_some_and(|deadline| Instant::now() >= deadline) || index >= most
                    {
                        break;
                    }
                    let seed = seed + index;
                    let ran = one(pair, &dir, seed);
                    if sender.send((seed, ran)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut said = Instant::now();
        for (seed, ran) in results {
            let (wasm, outcome) = ran?;
            report.modules += 1;
            report.calls += outcome.calls as u64;
            match outcome.verdict {
                Verdict::Agree => report.agreed += 1,
                Verdict::Open(key) => *report.open.entry(key).or_default() += 1,
                Verdict::Differ { class, what } => {
                    let entry = report
                        .classes
                        .entry(class.clone())
                        .or_insert_with(|| Class {
                            count: 0,
                            seed,
                            what,
                            shrunk: None,
                            known: known.get(&class).cloned(),
                        });
                    entry.count += 1;
                    firsts.entry(class).or_insert(wasm);
                }
            }
            if said.elapsed() > Duration::from_secs(10) {
                said = Instant::now();
                eprintln!(
                    "{:>4} s: {} modules, {} the same on both, {} disagreements",
                    started.elapsed().as_secs(),
                    report.modules,
                    report.agreed,
                    report.classes.values().map(|c| c.count).sum::<u32>()
                );
            }
        }
        Ok(())
    })?;
    report.seconds = started.elapsed().as_secs_f64();
    for (class, found) in report.classes.iter_mut() {
        if found.known.is_none() {
            let folder = root.join("findings").join(slug(class));
            let (before, after) = shrink(&pair, &folder, &firsts[class], found.seed, class)?;
            found.shrunk = Some((folder.display().to_string(), before, after));
        }
    }
    let built = root.join("report");
    let book = xtask::project_root().join("docs/src/fuzz/report");
    let files = |base: &Path, ext: &str| -> Vec<(PathBuf, String)> {
        [Language::English, Language::Japanese]
            .iter()
            .map(|&language| {
                let name = format!("{}.{}.{}", base.display(), language.code(), ext);
                (PathBuf::from(name), report.markdown(language))
            })
            .collect()
    };
    let mut built_files = files(&built, "md");
    built_files.push((
        root.join("report.json"),
        serde_json::to_string_pretty(&report)?,
    ));
    write_report(&built_files, &files(&book, "markdown"), report.passed())?;
    println!("{}", report.markdown(Language::English));
    if !report.passed() {
        bail!(
            "disagreements no committed finding explains, each shrunk into {}/NAME: to keep one, copy its folder to fuzz/findings/NAME (a name that says what it shows), list in its finding.json's classes each class it explains, and show it in a transcript (docs/transcripts/fuzz/NAME.lucet.console, and .wasmtime.console)",
            root.join("findings").display()
        );
    }
    Ok(())
}

/// Seed `seed`'s module through both engines.
fn one(pair: &Pair, dir: &Path, seed: u64) -> Result<(Vec<u8>, Outcome)> {
    let wasm = generate::module(seed)?;
    let plan = generate::plan(&wasm, seed)?;
    let outcome = pipeline::run(pair, dir, &wasm, &plan)?;
    Ok((wasm, outcome))
}

/// Shrinks `wasm` for as long as it still disagrees as `class`, and keeps it in `folder`: the
/// module (`module.wasm`, and as text, `module.wat`), its calls (`plan.json`) and what each engine
/// did (`finding.json`). A candidate that keeps a memory to itself is not taken: `--diff` sees
/// only an exported memory on Wasmtime, and all of Lucet's heap. A module that will not shrink (a
/// disagreement that does not come back, say) is kept as it was. Its size before and after.
fn shrink(pair: &Pair, folder: &Path, wasm: &[u8], seed: u64, class: &str) -> Result<(u64, u64)> {
    eprintln!("shrinking seed {} ({})", seed, class);
    let scratch = folder.with_extension("shrinking");
    let same = |candidate: &[u8]| -> Result<bool> {
        if !generate::memory_exported(candidate)? {
            return Ok(false);
        }
        let plan = generate::plan(candidate, seed)?;
        let outcome = pipeline::run(pair, &scratch, candidate, &plan)?;
        Ok(matches!(&outcome.verdict, Verdict::Differ { class: c, .. } if c == class))
    };
    let attempts = number("FUZZ_SHRINK_ATTEMPTS")?.unwrap_or(300) as u32;
    let shrinking = wasm_shrink::WasmShrink::default()
        .attempts(attempts)
        .seed(seed)
        .run(wasm.to_vec(), same);
    let shrunk = match shrinking {
        Ok(info) => info.output,
        Err(error) => {
            eprintln!("seed {}: kept as it was, not shrunk: {:#}", seed, error);
            wasm.to_vec()
        }
    };
    let plan = generate::plan(&shrunk, seed)?;
    let outcome = pipeline::run(pair, &scratch, &shrunk, &plan)?;
    let _ = std::fs::remove_dir_all(&scratch);
    let finding = fuzz_diff::Finding {
        classes: vec![class.to_string()],
        seed,
        verdict: outcome.verdict,
        observed: outcome.observed,
    };
    let text = wasmprinter::print_bytes(&shrunk).context("printing the shrunk module")?;
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join("module.wasm"), &shrunk)?;
    std::fs::write(folder.join("module.wat"), text)?;
    std::fs::write(folder.join("plan.json"), serde_json::to_string(&plan)?)?;
    std::fs::write(
        folder.join("finding.json"),
        serde_json::to_string_pretty(&finding)? + "\n",
    )?;
    Ok((wasm.len() as u64, shrunk.len() as u64))
}

/// A folder's name for `class`: its first words, and a digest of the whole (a class can be long).
fn slug(class: &str) -> String {
    let words: String = class
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() {
            true => c.to_ascii_lowercase(),
            false => '-',
        })
        .take(60)
        .collect();
    let digest = host_core::diff::fnv1a(class.as_bytes()) as u32;
    format!("{}-{:08x}", words.trim_end_matches('-'), digest)
}

/// A whole number from the environment; unset or empty (as make passes what it was not given) is none.
fn number(variable: &str) -> Result<Option<u64>> {
    match std::env::var(variable) {
        Err(_) => Ok(None),
        Ok(text) if text.is_empty() => Ok(None),
        Ok(text) => text.parse().map(Some).with_context(|| {
            format!(
                "{}={:?}: give a whole number ({}=600, say)",
                variable, text, variable
            )
        }),
    }
}
