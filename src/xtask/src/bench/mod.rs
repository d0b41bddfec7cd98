//! `make bench`'s report: what it found (`Report`, which `measure` makes and report.json keeps),
//! and the pages made from it (`render`), English and Japanese, and the chart.
mod measure;
mod render;

pub use measure::{lucet_suite_filter, measure};

use crate::hyperfine::Timing;
use crate::report::Machine;
use bench_cases::{Case, LOAD_INSTANTIATE_RUN};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything `make bench` found, in nanoseconds and bytes: what the three outputs are made of.
#[derive(Debug, Deserialize, Serialize)]
pub struct Report {
    pub machine: Machine,
    /// Measured with `QUICK=1`: a first look, which the book does not take.
    #[serde(default)]
    pub quick: bool,
    /// The columns with estimates, by key: an engine's, or `LUCET_SUITE`.
    pub columns: Vec<String>,
    /// One row a case measured, in `bench_cases::CASES`' order.
    pub cases: Vec<Row>,
    /// Per guest: the .wasm's size, and each engine's AOT compile time and artifact size.
    pub guests: Vec<Guest>,
    /// Per engine: its host end to end (`HOST add.EXT add 5 3`) and starting alone (`--version`).
    pub hosts: Vec<Host>,
    /// Per guest, one process per run: the hosts, the runtimes a reader would use instead, and a
    /// process that does nothing.
    pub whole_processes: Vec<WholeProcesses>,
    /// Why Lucet's own suite did not run (scripts/lucet-benchmarks' `not-run`), if it did not.
    pub lucet_suite_not_run: Option<String>,
    /// The hosts' Wasmtime, and the CLI's beside them.
    pub wasmtime_version: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Row {
    pub case: String,
    /// Per column key.
    pub estimates: BTreeMap<String, Estimate>,
    pub published: Option<Published>,
}

/// What the engine's authors published for a case, and whether the median is within it.
#[derive(Debug, Deserialize, Serialize)]
pub struct Published {
    pub engine: String,
    pub figure: String,
    pub source: String,
    pub within: bool,
}

/// A median and its 95 % confidence interval, in nanoseconds.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
pub struct Estimate {
    pub median: f64,
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Guest {
    pub name: String,
    pub wasm_bytes: u64,
    /// Per engine key: (compile time in ns, artifact bytes).
    pub compiled: BTreeMap<String, (f64, u64)>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Host {
    pub engine: String,
    pub extension: String,
    /// `None` when `add` was not timed.
    pub run_ns: Option<f64>,
    pub start_ns: f64,
}

/// One guest run by whole processes: each host, each peer (if installed), the no-op process.
#[derive(Debug, Deserialize, Serialize)]
pub struct WholeProcesses {
    pub guest: String,
    pub rows: Vec<WholeProcess>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct WholeProcess {
    pub id: Id,
    /// `None`: the peer is not there (`Id::missing` says why).
    pub timing: Option<Timing>,
    /// The medians of every repeat of the table's hyperfine run (`REPEATS`), the first of which is
    /// `timing`'s: how far a verdict would move from run to run.
    pub repeats: Vec<f64>,
}

/// The column of Lucet's own suite (scripts/lucet-benchmarks), where criterion wrote it
/// (build/bench/criterion/lucet-benchmarks).
const LUCET_SUITE: &str = "lucet-benchmarks";

/// How many times each whole-process table is timed, by a hyperfine run of its own: a verdict
/// whose repeats fall on both sides of its line says so.
pub const REPEATS: usize = 3;

/// What a whole-process row runs: a host (by engine key), a peer, or nothing.
#[derive(Clone, Debug, Deserialize, PartialEq, Serialize)]
pub enum Id {
    Host(String),
    WasmtimeRun,
    /// `wasmtime run` on the guest built as a component (wasm32-wasip2).
    WasmtimeRunComponent,
    WasmtimeMin,
    Node,
    NoOp,
}

impl Row {
    /// A case's row: its estimates, and the engine's published figure judged against its median.
    fn new(case: &Case, estimates: BTreeMap<String, Estimate>) -> Row {
        let published = case.published.as_ref().and_then(|published| {
            let median = estimates.get(published.engine)?.median;
            Some(Published {
                engine: published.engine.to_string(),
                figure: published.figure.to_string(),
                source: published.source.to_string(),
                within: median <= published.nanoseconds,
            })
        });
        Row {
            case: case.name.to_string(),
            estimates,
            published,
        }
    }
}

impl WholeProcesses {
    fn timing(&self, id: &Id) -> Option<Timing> {
        self.rows.iter().find(|row| row.id == *id)?.timing
    }

    /// The medians of `id`'s repeats.
    fn repeats(&self, id: &Id) -> Option<&[f64]> {
        let row = self.rows.iter().find(|row| row.id == *id)?;
        row.timing.map(|_| row.repeats.as_slice())
    }
}

impl Id {
    fn is_peer(&self) -> bool {
        matches!(
            self,
            Id::WasmtimeRun | Id::WasmtimeRunComponent | Id::WasmtimeMin | Id::Node
        )
    }
}

impl Report {
    /// A host's run of `add` without process start, its raw API time for it (load, instantiate,
    /// run, from criterion), and its own work besides, as a percentage of that run; `None` when
    /// `add` was not timed, or the difference of the two medians, from separate runs, is below
    /// the raw API's time: their noise.
    fn own_work(&self, host: &Host) -> Option<(f64, f64, f64)> {
        let row = self
            .cases
            .iter()
            .find(|row| row.case == LOAD_INSTANTIATE_RUN)?;
        let raw = row.estimates.get(&host.engine)?.median;
        let run = host.run_ns? - host.start_ns;
        (run > raw).then(|| (run, raw, (run - raw) / run * 100.0))
    }

    /// The median of `case` in `column`.
    fn estimate(&self, case: &str, column: &str) -> Option<f64> {
        let row = self.cases.iter().find(|row| row.case == case)?;
        row.estimates.get(column).map(|e| e.median)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bench_cases::CASES;

    fn estimate(median: f64) -> Estimate {
        Estimate {
            median,
            low: median,
            high: median,
        }
    }

    #[test]
    fn a_published_figure_is_judged_on_its_engine_median() {
        let case = CASES.iter().find(|case| case.published.is_some()).unwrap();
        let published = case.published.as_ref().unwrap();
        let row = |median| {
            let estimates = [(published.engine.to_string(), estimate(median))].into();
            Row::new(case, estimates).published.unwrap().within
        };
        assert!(row(published.nanoseconds));
        assert!(!row(published.nanoseconds * 1.01));
        // The other engine's median alone judges nothing.
        let other = [("another".to_string(), estimate(1.0))].into();
        assert!(Row::new(case, other).published.is_none());
    }

    #[test]
    fn a_hosts_own_work_is_shown_only_above_the_noise() {
        let case = CASES
            .iter()
            .find(|case| case.name == LOAD_INSTANTIATE_RUN)
            .unwrap();
        let report = |run_ns| {
            let host = Host {
                engine: "wasmtime".into(),
                extension: "cwasm".into(),
                run_ns: Some(run_ns),
                start_ns: 1000.0,
            };
            let row = Row::new(case, [("wasmtime".to_string(), estimate(100.0))].into());
            let report = Report {
                quick: false,
                machine: serde_json::from_str(
                    r#"{"cpus":2,"cpu":"","hypervisor":null,"memory_gib":1,"linux":"","date":"","commit":""}"#,
                )
                .unwrap(),
                columns: vec![],
                cases: vec![row],
                guests: vec![],
                hosts: vec![],
                whole_processes: vec![],
                lucet_suite_not_run: None,
                wasmtime_version: String::new(),
            };
            report.own_work(&host)
        };
        assert_eq!(report(1400.0), Some((400.0, 100.0, 75.0)));
        assert_eq!(report(1050.0), None);
    }
}
