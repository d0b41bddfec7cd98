//! What the reports of `make bench` and `make load` share: the two languages they are written in,
//! the machine they were measured on, how figures are written, and how the files are written (the
//! book's only when asked).
use serde::{Deserialize, Serialize};
use std::process::Command;

#[derive(Clone, Copy, PartialEq)]
pub enum Language {
    English,
    Japanese,
}

impl Language {
    /// The language of a page of the book or a README: Japanese under `ja/` and for `*.ja.md` or a
    /// `*.ja.markdown` report, English otherwise.
    pub fn of_page(page: &std::path::Path) -> Language {
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        match page.components().any(|part| part.as_os_str() == "ja")
            || name.ends_with(".ja.md")
            || name.ends_with(".ja.markdown")
        {
            true => Language::Japanese,
            false => Language::English,
        }
    }

    /// Its folder in the book: `en`, `ja`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Japanese => "ja",
        }
    }

    /// The text of this language, of the two given.
    pub fn pick(self, english: &str, japanese: &str) -> String {
        match self {
            Language::English => english.to_string(),
            Language::Japanese => japanese.to_string(),
        }
    }

    /// Figures listed in one cell: `1, 2` in English, 「1、2」 in Japanese.
    pub fn list(self, items: &[String]) -> String {
        items.join(&self.pick(", ", "、"))
    }
}

/// The machine, as a reader can compare with theirs, and when and at which commit it measured.
#[derive(Debug, Deserialize, Serialize)]
pub struct Machine {
    /// Logical CPUs.
    pub cpus: usize,
    cpu: String,
    /// The hypervisor under a virtual machine (`KVM`), from lscpu; empty on bare metal; `None`
    /// where lscpu said nothing.
    hypervisor: Option<String>,
    memory_gib: u64,
    linux: String,
    /// The day of the measurement (UTC), as `date -u +%F` gives it.
    date: String,
    /// The project's commit, `git describe --always --dirty` (`-dirty`: with changes not committed).
    commit: String,
}

impl Machine {
    pub fn here() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|line| {
                line.strip_prefix("model name")
                    .map(|rest| rest.trim_start_matches([' ', '\t', ':']))
            })
            .unwrap_or("?")
            .to_string();
        let memory_kib = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find_map(|line| {
                let kib = line.strip_prefix("MemTotal:")?;
                kib.trim().trim_end_matches(" kB").parse::<u64>().ok()
            })
            .unwrap_or(0);
        let says = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .current_dir(crate::project_root())
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .unwrap_or_default()
        };
        let lscpu = says("lscpu", &[]);
        let hypervisor = (!lscpu.is_empty()).then(|| {
            lscpu
                .lines()
                .find_map(|line| line.strip_prefix("Hypervisor vendor:"))
                .map(|vendor| vendor.trim().to_string())
                .unwrap_or_default()
        });
        Machine {
            hypervisor,
            linux: says("uname", &["-r"]),
            date: says("date", &["-u", "+%F"]),
            commit: says("git", &["describe", "--always", "--dirty"]),
            cpus: cpuinfo
                .lines()
                .filter(|l| l.starts_with("processor"))
                .count(),
            cpu,
            memory_gib: memory_kib / 1024 / 1024,
        }
    }

    /// The machine, the day and the commit, in a sentence's words.
    pub fn describe(&self, language: Language) -> String {
        let virtual_machine = match (self.hypervisor.as_deref(), language) {
            (None, Language::English) => "virtual or not: unknown".to_string(),
            (None, Language::Japanese) => "仮想マシンかどうかは不明".to_string(),
            (Some(""), Language::English) => "bare metal".to_string(),
            (Some(""), Language::Japanese) => "物理マシン".to_string(),
            (Some(vendor), Language::English) => format!("a {} virtual machine", vendor),
            (Some(vendor), Language::Japanese) => format!("{} の仮想マシン", vendor),
        };
        let (cpu, cpus, memory, linux) = (&self.cpu, self.cpus, self.memory_gib, &self.linux);
        let (date, commit) = (&self.date, &self.commit);
        match language {
            Language::English => format!(
                "{cpu}, {cpus} logical CPUs ({virtual_machine}), {memory} GiB of memory, Linux \
                 {linux}; on {date}, at commit {commit}"
            ),
            Language::Japanese => format!(
                "{cpu}（論理 CPU {cpus} 個、{virtual_machine}）、メモリ {memory} GiB、Linux {linux}。\
                 {date} にコミット {commit} で計測しました"
            ),
        }
    }
}

/// Whether a report's figures go into the book (`docs/src`): only when asked, from a full run (not
/// `QUICK=1`): `PUBLISH=1` when the run passed; `PUBLISH=failures` also when it did not, its
/// failures then shown in the book as findings (an engine's crash, say). Err says why they do not.
fn publishing(passed: bool) -> Result<(), &'static str> {
    let publish = std::env::var("PUBLISH").unwrap_or_default();
    match (publish.as_str(), quick(), passed) {
        ("", _, _) => Err("not asked to (PUBLISH=1 writes them)"),
        (_, true, _) => Err("a QUICK=1 run is a first look, not the book's figures"),
        ("1", false, true) | ("failures", false, _) => Ok(()),
        ("1", false, false) => Err(
            "this run failed (PUBLISH=failures writes it all the same, its failures as findings)",
        ),
        _ => Err("PUBLISH is 1, or failures"),
    }
}

/// The last measurement's report.json of `make NAME` (`make NAME-report` renders it again): an
/// error that says to measure first, or again; a first look (`quick`) sets `QUICK=1`, so that it
/// stays out of the book, as when it was measured.
pub fn read_last<T: serde::de::DeserializeOwned>(
    json: &std::path::Path,
    name: &str,
    quick: impl Fn(&T) -> bool,
) -> anyhow::Result<T> {
    use anyhow::Context;
    let text = std::fs::read_to_string(json)
        .with_context(|| format!("reading {} (run make {} first)", json.display(), name))?;
    let report: T = serde_json::from_str(&text).with_context(|| {
        format!(
            "reading {}: not a report of this make {} (run make {} again)",
            json.display(),
            name,
            name
        )
    })?;
    if quick(&report) {
        std::env::set_var("QUICK", "1");
    }
    Ok(report)
}

/// `QUICK=1`: a first look, fewer runs, not the book's figures.
pub fn quick() -> bool {
    std::env::var_os("QUICK").is_some_and(|value| !value.is_empty())
}

/// Writes a report's files for the build folder (`built`); then, if `publishing(passed)` says so,
/// its files for the book (`book`, under docs/src), or says why not.
pub fn write_report(
    built: &[(std::path::PathBuf, String)],
    book: &[(std::path::PathBuf, String)],
    passed: bool,
) -> anyhow::Result<()> {
    write_whole(built)?;
    match publishing(passed) {
        Ok(()) => write_whole(book),
        Err(why) => {
            eprintln!("the book keeps its figures: {}", why);
            Ok(())
        }
    }
}

/// Writes `files` (path, text) each whole or not at all: a reader never finds half a file.
pub fn write_whole(files: &[(std::path::PathBuf, String)]) -> anyhow::Result<()> {
    use anyhow::Context;
    for (path, text) in files {
        let parent = path.parent().unwrap_or(path);
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let partial = path.with_extension("partial");
        std::fs::write(&partial, text)
            .and_then(|()| std::fs::rename(&partial, path))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// A time in nanoseconds, in the unit that suits it: `12.3 ns`, `4.56 µs`, `7.89 ms`, `1.23 s`;
/// `–` for none (NaN).
pub fn time(ns: f64) -> String {
    match ns {
        ns if ns.is_nan() => "–".to_string(),
        ns if ns < 1e3 => format!("{:.1} ns", ns),
        ns if ns < 1e6 => format!("{:.2} µs", ns / 1e3),
        ns if ns < 1e9 => format!("{:.2} ms", ns / 1e6),
        ns => format!("{:.2} s", ns / 1e9),
    }
}

/// A latency in nanoseconds, in microseconds: `12.3 µs`.
pub fn micros(ns: u64) -> String {
    format!("{:.1} µs", ns as f64 / 1000.0)
}

pub fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// 1234567 → 1,234,567.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A count in Japanese prose: a round count of ten thousand or more in 万 (「10 万」), any other
/// as `thousands` writes it.
pub fn man(n: u32) -> String {
    match n >= 10_000 && n.is_multiple_of(10_000) {
        true => format!("{} 万", n / 10_000),
        false => thousands(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_in_their_unit() {
        assert_eq!(time(f64::NAN), "–");
        assert_eq!(time(12.34), "12.3 ns");
        assert_eq!(time(4_560.0), "4.56 µs");
        assert_eq!(time(1_230_000_000.0), "1.23 s");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(man(1_000_000), "100 万");
        assert_eq!(man(12_345), "12,345");
    }
}
