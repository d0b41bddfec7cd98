//! The migration chapter cannot name what its engines do not have: every inline code span of it,
//! in both languages, is sorted in `migration-items.toml` (a Lucet item, a Wasmtime item, or
//! neither), and every item is defined in the sources of the version this project builds — the
//! registry's wasmtime and wasmtime-wasi, and the Lucet checkout (skipped, and reported so,
//! without one). The other drift test, in docs.rs, checks that every Lucet API the Lucet host calls
//! has a row.
//!
//! An item is defined when each of its `::` segments is (a crate, or an `fn`, type, trait, module,
//! constant, macro, field or variant of that name somewhere in the sources); and, for
//! `Type::member`, when one file holds both an `impl`, `enum`, `trait` or `struct` of `Type` and
//! the member. A lucetc flag is defined when lucetc's options name it.
use libtest_mimic::{Arguments, Trial};
use regex::Regex;
use std::collections::HashSet;
use std::path::PathBuf;
use xtask::engines::Engines;
use xtask::{files, project_root};

// Its own tests run in docs.rs; here only its reader is used.
#[allow(unused)]
#[path = "support/markdown.rs"]
mod markdown;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Items {
    lucet: Vec<String>,
    wasmtime: Vec<String>,
    neither: Vec<String>,
}

fn main() -> anyhow::Result<()> {
    let arguments = Arguments::from_args();
    let path = project_root().join("src/xtask/tests/migration-items.toml");
    let items: Items = toml::from_str(&std::fs::read_to_string(&path)?)?;
    let engines = Engines::read()?;
    let mut trials = Vec::new();
    let listed: Vec<String> = [&items.lucet, &items.wasmtime, &items.neither]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    trials.push(Trial::test(
        "migration/every inline code span is listed",
        move || check(unlisted(&listed)),
    ));

    let version = engines.wasmtime.version.clone();
    let wasmtime = items.wasmtime;
    trials.push(Trial::test(
        format!("migration/every Wasmtime item is in wasmtime {}", version),
        move || {
            let sources = Sources::read(&wasmtime_crates(&version)?, &[])?;
            // A slip the member check must find: `set_fuel` is the store's, not the config's.
            check(sources.undefined(&wasmtime, "Config::set_fuel"))
        },
    ));

    let checkout = engines
        .lucet
        .as_ref()
        .and_then(|lucet| lucet.checkout.clone());
    let name = match &engines.lucet {
        Some(lucet) => format!("migration/every Lucet item is in Lucet {}", lucet.version),
        None => "migration/every Lucet item is in Lucet".to_string(),
    };
    if checkout.is_none() {
        eprintln!(
            "{}: skipped: no Lucet checkout was found (make lucet)",
            name
        );
    }
    let lucet = items.lucet;
    let trial = Trial::test(name, move || {
        let checkout = checkout.ok_or("no Lucet checkout")?;
        // Lucet's crates, and the WASI it re-exports, wasi-common 0.23 in its wasmtime submodule.
        let sources = Sources::read(
            &[
                checkout.clone(),
                checkout.join("wasmtime/crates/wasi-common"),
            ],
            // Not its vendored crates and build, the rest of its wasmtime submodule, nor `src/`,
            // where this project's crates are placed.
            &[
                checkout.join("vendor"),
                checkout.join("target"),
                checkout.join("wasmtime"),
                checkout.join("src"),
            ],
        )?;
        // The slip the chapter once made, which must be found: the setting is the builder's.
        check(sources.undefined(&lucet, "Limits::with_terminate_on_heap_oom"))
    });
    trials.push(trial.with_ignored_flag(engines.lucet.is_none()));
    libtest_mimic::run(&arguments, trials).exit();
}

fn check(wrong: Result<Vec<String>, String>) -> Result<(), libtest_mimic::Failed> {
    match wrong?.as_slice() {
        [] => Ok(()),
        wrong => Err(wrong.join("\n").into()),
    }
}

/// The chapter's inline code spans, in both languages, that `listed` lacks.
fn unlisted(listed: &[String]) -> Result<Vec<String>, String> {
    let mut wrong = Vec::new();
    for language in ["en", "ja"] {
        let page = project_root().join(format!("docs/src/{}/migration.md", language));
        let text = std::fs::read_to_string(&page).map_err(|error| error.to_string())?;
        for block in markdown::blocks(&text) {
            for span in block.code() {
                if !listed.iter().any(|item| item == span) {
                    wrong.push(format!(
                        "{}:{}: `{}` is not in src/xtask/tests/migration-items.toml",
                        page.display(),
                        block.line,
                        span
                    ));
                }
            }
        }
    }
    Ok(wrong)
}

/// The registry's sources of wasmtime and wasmtime-wasi at `version`, and of the crates of
/// Wasmtime's own that they re-export (`wasmtime-internal-*`, `wasmtime-environ`).
fn wasmtime_crates(version: &str) -> Result<Vec<PathBuf>, String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let registry = home.join("registry/src");
    let mut crates = Vec::new();
    for index in
        std::fs::read_dir(&registry).map_err(|e| format!("{}: {}", registry.display(), e))?
    {
        let index = index.map_err(|error| error.to_string())?.path();
        for entry in std::fs::read_dir(&index).map_err(|error| error.to_string())? {
            let path = entry.map_err(|error| error.to_string())?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let Some(krate) = name.strip_suffix(&format!("-{}", version)) else {
                continue;
            };
            if ["wasmtime", "wasmtime-wasi", "wasmtime-environ"].contains(&krate)
                || krate.starts_with("wasmtime-internal-")
            {
                crates.push(path);
            }
        }
    }
    match crates
        .iter()
        .any(|krate| krate.ends_with(format!("wasmtime-{}", version)))
    {
        true => Ok(crates),
        false => Err(format!(
            "no wasmtime-{} under {}: make test builds the host, which downloads it",
            version,
            registry.display()
        )),
    }
}

/// The Rust files of an engine's sources, and every name they define (see `defined_names`).
struct Sources {
    files: Vec<(PathBuf, String)>,
    names: HashSet<String>,
}

impl Sources {
    /// The `.rs` files under `roots`, but none under `except` unless it is under a root inside it.
    fn read(roots: &[PathBuf], except: &[PathBuf]) -> Result<Sources, String> {
        let mut found = Vec::new();
        for root in roots {
            let paths = files(root, "rs").map_err(|error| format!("{:#}", error))?;
            for path in paths {
                let excepted = except
                    .iter()
                    .any(|dir| path.starts_with(dir) && !root.starts_with(dir));
                if !excepted && !found.iter().any(|(known, _)| known == &path) {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    found.push((path, text));
                }
            }
        }
        let names = found
            .iter()
            .flat_map(|(_, text)| defined_names(text))
            .collect();
        match found.len() {
            0 => Err(format!("no Rust sources under {:?}", roots)),
            _ => Ok(Sources {
                files: found,
                names,
            }),
        }
    }

    /// The items of `items` these sources do not define; an error if `absent`, which they must
    /// not define, is found (the check would then find nothing).
    fn undefined(&self, items: &[String], absent: &str) -> Result<Vec<String>, String> {
        if self.defines(absent) {
            return Err(format!("`{}` was found: the check cannot tell", absent));
        }
        Ok(items
            .iter()
            .filter(|item| !self.defines(item))
            .map(|item| format!("`{}` is not defined in these sources", item))
            .collect())
    }

    fn defines(&self, item: &str) -> bool {
        let name = bare(item);
        let flag = name.strip_prefix("lucetc ").unwrap_or(&name);
        if let Some(flag) = flag.strip_prefix("--") {
            // `--signature-*`: any flag that starts so.
            let (flag, end) = match flag.strip_suffix('*') {
                Some(stem) => (stem, ""),
                None => (flag, "\""),
            };
            let pattern = format!(r#"\.long\("(--)?{}{}"#, regex::escape(flag), end);
            return self.any(&Regex::new(&pattern).unwrap());
        }
        let segments: Vec<&str> = name.split("::").collect();
        if !segments
            .iter()
            .all(|segment| is_crate(segment) || self.names.contains(*segment))
        {
            return false;
        }
        match segments.as_slice() {
            [.., owner, member] if owner.starts_with(char::is_uppercase) => {
                let owner = Regex::new(&format!(
                    r"\b(impl|enum|trait|struct)\b[^{{;]*\b{}\b",
                    regex::escape(owner)
                ))
                .unwrap();
                self.files.iter().any(|(_, text)| {
                    text.contains(*member)
                        && owner.is_match(text)
                        && defined_names(text).iter().any(|name| name == member)
                })
            }
            _ => true,
        }
    }

    fn any(&self, pattern: &Regex) -> bool {
        self.files.iter().any(|(_, text)| pattern.is_match(text))
    }
}

/// The item a span names: without an attribute's `#[…]`, a macro's `!`, arguments or type
/// parameters.
fn bare(item: &str) -> String {
    let item = item.trim_start_matches("#[").trim_end_matches(']');
    let item = item.trim_end_matches('!');
    let end = item.find(['(', '<']).unwrap_or(item.len());
    item[..end].to_string()
}

fn is_crate(segment: &str) -> bool {
    [
        "lucet_runtime",
        "lucet_runtime_internals",
        "lucet_module",
        "lucet_wasi",
        "wasmtime",
        "wasmtime_wasi",
    ]
    .contains(&segment)
}

/// The names `text` defines: an `fn`, a type, trait, module, constant or macro of that name, or a
/// line that starts with it as a field or variant does; by a scan of its words (a regex over
/// every file of the sources is slow in a test's unoptimized build).
fn defined_names(text: &str) -> Vec<String> {
    const KEYWORDS: [&str; 10] = [
        "fn",
        "struct",
        "enum",
        "trait",
        "type",
        "mod",
        "const",
        "static",
        "union",
        "macro_rules",
    ];
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut names = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(|c: char| !is_word(c))
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(2) {
            if KEYWORDS.contains(&pair[0]) {
                names.push(pair[1].to_string());
            }
        }
        // A field or a variant: the line's first word, after `pub` or `pub(…)`.
        let mut rest = line.trim_start();
        if let Some(after) = rest.strip_prefix("pub") {
            let after = after.trim_start();
            rest = match after.strip_prefix('(') {
                Some(scoped) => scoped.split_once(')').map_or("", |(_, r)| r).trim_start(),
                None => after,
            };
        }
        let word: String = rest.chars().take_while(|c| is_word(*c)).collect();
        let next = rest[word.len()..].trim_start();
        let ends = next.is_empty()
            || (next.starts_with(':') && !next.starts_with("::"))
            || next.starts_with(['(', '{', ',', '=']);
        if !word.is_empty() && ends {
            names.push(word);
        }
    }
    names
}
