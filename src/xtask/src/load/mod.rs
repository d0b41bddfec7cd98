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

    /// 2 workers' runs per second over 1 worker's.
    fn scaling(&self) -> Option<f64> {
        Some(self.healthy(2)?.runs_per_second / self.healthy(1)?.runs_per_second)
    }
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
        assert!(report.failed(), "the fixture holds Lucet's crash");
        for engine in &mut report.engines {
            engine.problems.clear();
        }
        assert!(!report.failed());
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
