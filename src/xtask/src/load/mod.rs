//! `make load`'s report: what it found (`Report`, which `measure` makes and report.json keeps), and
//! the pages made from it (`render`): the Performance chapter's part and the faults chapter's, in
//! English and Japanese, and the chart.
mod measure;
mod render;

pub use measure::measure;

use crate::report::Machine;
use bench_cases::{Published, CASES, INSTANTIATE_AND_RUN, INSTANTIATE_POOLED};
use load_driver::report::Measured;
use serde::{Deserialize, Serialize};

/// What `make load` found: the binaries' measurements, per engine.
#[derive(Debug, Deserialize, Serialize)]
pub struct Report {
    pub machine: Machine,
    /// How many runs each measurement made: (healthy, with the fault mix, the soak's).
    pub runs: (u32, u32, u32),
    /// The time limit of a run (the `spin` runs end there).
    pub timeout_ms: u32,
    pub engines: Vec<EngineLoad>,
    /// A `QUICK=1` first look, not the book's figures.
    #[serde(default)]
    pub quick: bool,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EngineLoad {
    pub key: String,
    pub name: String,
    pub measurements: Vec<Measured>,
    /// The measurements whose process ended without its report, and how it ended.
    pub died: Vec<Died>,
    /// What went wrong: a signal that killed the binary, a measurement's failures, the two
    /// processes'.
    pub problems: Vec<String>,
    /// Two processes of one worker each, at the same time: their runs over the longer's time.
    pub two_processes_runs_per_second: Option<f64>,
    /// The engine's configurations (its binary's `--configs`), the default first, each measured
    /// at 1 and 2 workers, `REPEATS` times over (none in reports from before they were measured).
    #[serde(default)]
    pub configs: Vec<Configured>,
}

/// How many times the configurations are measured, in turn: the goals are judged on each.
pub const REPEATS: u32 = 3;

/// One configuration of an engine, as measured: its healthy runs at 1 and 2 workers, a
/// measurement per repeat; or why its binary refused it (memory protection keys where the CPU
/// has none), in the binary's words.
#[derive(Debug, Deserialize, Serialize)]
pub struct Configured {
    pub name: String,
    pub one: Vec<Measured>,
    pub two: Vec<Measured>,
    /// How a measurement of it ended without its report, if one did: refused, or killed.
    pub ended: Option<String>,
}

/// One measurement, run in a process of its own.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
pub struct Task {
    pub threads: u32,
    pub runs: u32,
    pub kind: Kind,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Serialize)]
pub enum Kind {
    Healthy,
    Faults,
    Soak,
}

/// A measurement whose process ended without its report: how it ended, `SIGSEGV` or `exit
/// status: 1`.
#[derive(Debug, Deserialize, Serialize)]
pub struct Died {
    pub task: Task,
    pub how: String,
}

impl Report {
    /// Whether any run went wrong, on any engine.
    pub fn failed(&self) -> bool {
        self.engines
            .iter()
            .any(|engine| !engine.problems.is_empty())
    }
}

impl EngineLoad {
    fn healthy(&self, threads: u32) -> Option<&Measured> {
        self.measurements
            .iter()
            .find(|m| m.threads == threads && !m.faults && !m.soak)
    }

    fn soak(&self) -> Option<&Measured> {
        self.measurements.iter().find(|m| m.soak)
    }

    fn with_faults(&self) -> impl Iterator<Item = &Measured> {
        self.measurements.iter().filter(|m| m.faults)
    }

    /// The configuration the engine's binary uses by default (the first it lists).
    fn default_config(&self) -> Option<&Configured> {
        self.configs.first()
    }

    /// Per repeat, 2 workers' runs per second over 1 worker's, in the default configuration.
    fn scaling(&self) -> Vec<f64> {
        self.default_config()
            .map_or(Vec::new(), Configured::scaling)
    }
}

impl Configured {
    /// Per repeat, 2 workers' runs per second over 1 worker's.
    fn scaling(&self) -> Vec<f64> {
        self.one
            .iter()
            .zip(&self.two)
            .map(|(one, two)| two.runs_per_second / one.runs_per_second)
            .collect()
    }

    /// Whether every measurement of it passed (each run right, the engine's own check clean).
    fn passed(&self) -> bool {
        self.failure().is_none()
    }

    /// What went wrong with it first, if anything: how a measurement ended without its report
    /// (refused, killed), or a measurement's first failure.
    fn failure(&self) -> Option<String> {
        self.ended.clone().or_else(|| {
            self.one
                .iter()
                .chain(&self.two)
                .flat_map(|m| m.failures.first())
                .next()
                .cloned()
        })
    }

    /// Per measurement at 1 worker then 2, p99 over p50, as the reports print it.
    fn tails(&self) -> Vec<f64> {
        tails(self.one.iter().chain(&self.two))
    }
}

/// Each measurement's p99 over its p50, as the reports print it (what the goal judges).
fn tails<'a>(measured: impl Iterator<Item = &'a Measured>) -> Vec<f64> {
    measured
        .map(|m| crate::goals::as_printed(m.latency_ns.p99 as f64 / m.latency_ns.p50 as f64))
        .collect()
}

impl Configured {
    /// The median of its 2 workers' runs per second.
    fn two_median(&self) -> Option<f64> {
        median(self.two.iter().map(|m| m.runs_per_second).collect())
    }
}

/// The least and the most of `figures`, if there are any.
pub(super) fn spread(figures: &[f64]) -> Option<(f64, f64)> {
    let least = figures.iter().copied().reduce(f64::min)?;
    Some((least, figures.iter().copied().fold(least, f64::max)))
}

/// The median of `figures` (the lower middle one of an even count), if there are any.
pub(super) fn median(mut figures: Vec<f64>) -> Option<f64> {
    figures.sort_by(|a, b| a.partial_cmp(b).unwrap());
    figures.get((figures.len().max(1) - 1) / 2).copied()
}

impl EngineLoad {
    /// The configuration the rule picks: of those that passed, the most runs/s at 2 workers
    /// (median of the repeats) among those whose p99 stays within `TAIL.line` × p50 in every
    /// measurement; if none does, the most runs/s at 2 workers of all that passed.
    fn picked(&self) -> Option<&Configured> {
        let passed = self
            .configs
            .iter()
            .filter(|c| c.passed() && !c.two.is_empty());
        let within: Vec<&Configured> = passed
            .clone()
            .filter(|c| c.tails().iter().all(|tail| crate::goals::TAIL.met(*tail)))
            .collect();
        match within.is_empty() {
            false => fastest(within.into_iter()),
            true => fastest(passed),
        }
    }
}

/// The configuration with the most runs/s at 2 workers (median of the repeats).
fn fastest<'a>(configs: impl Iterator<Item = &'a Configured>) -> Option<&'a Configured> {
    configs.max_by(|a, b| {
        a.two_median()
            .partial_cmp(&b.two_median())
            .unwrap_or(std::cmp::Ordering::Equal)
    })
}

/// The runs per second of 1 worker that the engine `key`'s published instantiation time gives.
fn per_core_goal(key: &str) -> Option<f64> {
    Some(1e9 / published_instantiation(key)?.nanoseconds)
}

/// What the engine `key`'s authors published for an instantiation (bench-cases' figures).
fn published_instantiation(key: &str) -> Option<&'static Published> {
    CASES
        .iter()
        .filter(|case| [INSTANTIATE_POOLED, INSTANTIATE_AND_RUN].contains(&case.name))
        .filter_map(|case| case.published.as_ref())
        .find(|published| published.engine == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Report {
        let path = crate::project_root().join("src/xtask/tests/reports/load.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn a_run_with_problems_fails() {
        let mut report = fixture();
        assert!(!report.failed(), "the fixture is of a run that passed");
        report.engines[0].problems.push(
            "--soak 1000000 --soak-threads 2: ended without its report, signal: 11 (SIGSEGV)"
                .into(),
        );
        assert!(report.failed());
    }

    #[test]
    fn the_rule_passes_over_a_faster_configuration_with_a_long_tail() {
        let mut report = fixture();
        let wasmtime = report
            .engines
            .iter_mut()
            .find(|e| e.key == "wasmtime")
            .unwrap();
        let fastest = wasmtime.picked().unwrap().name.clone();
        let config = wasmtime
            .configs
            .iter_mut()
            .find(|c| c.name == fastest)
            .unwrap();
        config.two[0].latency_ns.p99 = 10 * config.two[0].latency_ns.p50;
        let picked = wasmtime.picked().unwrap();
        assert_ne!(picked.name, fastest);
        assert!(picked
            .tails()
            .iter()
            .all(|tail| crate::goals::TAIL.met(*tail)));
        // With every tail long, the fastest of all is picked again.
        for config in &mut wasmtime.configs {
            for m in config.one.iter_mut().chain(&mut config.two) {
                m.latency_ns.p99 = 10 * m.latency_ns.p50;
            }
        }
        assert_eq!(wasmtime.picked().unwrap().name, fastest);
    }

    #[test]
    fn the_rule_picks_the_default_configuration_in_the_published_run() {
        let report = fixture();
        for engine in &report.engines {
            let picked = engine
                .picked()
                .expect("every engine has a configuration that passed");
            assert_eq!(picked.name, engine.configs[0].name, "{}", engine.name);
        }
    }

    #[test]
    fn each_engine_is_held_to_its_own_published_instantiation() {
        let report = fixture();
        let goal = |key: &str| {
            let engine = report.engines.iter().find(|e| e.key == key).unwrap();
            per_core_goal(&engine.key).unwrap()
        };
        // Lucet: under 50 µs, 20,000 runs/s; Wasmtime: about 5 µs, 200,000 runs/s.
        assert_eq!(goal("lucet").round(), 20_000.0);
        assert_eq!(goal("wasmtime").round(), 200_000.0);
    }
}
