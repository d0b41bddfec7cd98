//! What a `load-*` binary writes with `--json`, and `make load` reads: one `Run`, its
//! measurements as `Measured`. One type for the writer and the reader.
use crate::{Latency, Measurement, Usage, KINDS, MISBEHAVIOURS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A `load-*` process's measurements.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// `Lucet`, `Wasmtime`.
    pub engine: String,
    /// The engine's configuration (`--config`): `region-per-worker`, `keep-resident-1m+pagemap-scan`.
    pub config: String,
    pub module: String,
    pub timeout_ms: u64,
    pub measurements: Vec<Measured>,
}

/// One measurement: what was asked, the figures, what the runs came to and what went wrong.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    pub threads: u32,
    pub runs: u32,
    /// One run in ten misbehaved.
    pub faults: bool,
    pub soak: bool,
    pub seconds: f64,
    pub runs_per_second: f64,
    pub cpu_seconds: f64,
    pub latency_ns: Latency,
    pub counts: Counts,
    /// With every worker holding a live instance, before the runs and after.
    pub start: Usage,
    pub end: Usage,
    /// A soak's usage after its warm-up, and its RSS growth from there to its end.
    pub warm: Option<Usage>,
    /// A soak's most mappings and descriptors in its first half after the warm-up (see
    /// `Measurement::first_half_peak`).
    #[serde(default)]
    pub peak: Option<Usage>,
    pub rss_growth_kib: Option<i64>,
    /// A soak's samples: runs done, RSS (KiB), mappings.
    pub samples: Vec<(u64, u64, u64)>,
    /// Some of the runs that went wrong or failed, in words.
    pub examples: Vec<String>,
    /// What is wrong with the measurement (see `Measurement::failures`); none when it passed.
    pub failures: Vec<String>,
}

/// What the runs came to (see `crate::Counts`), the faults by the export that misbehaved.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub right: u64,
    pub wrong: u64,
    pub escaped: u64,
    pub lost: u64,
    pub duplicated: u64,
    pub faults: BTreeMap<String, u64>,
    pub planned_faults: BTreeMap<String, u64>,
}

impl From<&Measurement> for Measured {
    fn from(m: &Measurement) -> Measured {
        let c = &m.counts;
        let kinds = |counts: &[u64; KINDS]| {
            MISBEHAVIOURS
                .iter()
                .zip(counts)
                .map(|((export, _, _), count)| (export.to_string(), *count))
                .collect()
        };
        Measured {
            threads: m.task.threads as u32,
            runs: m.task.runs,
            faults: m.task.faults,
            soak: m.task.soak,
            seconds: m.seconds,
            runs_per_second: m.runs_per_second(),
            cpu_seconds: m.cpu_seconds,
            latency_ns: m.latency,
            counts: Counts {
                right: c.right,
                wrong: c.wrong,
                escaped: c.escaped,
                lost: c.lost,
                duplicated: c.duplicated,
                faults: kinds(&c.faults),
                planned_faults: kinds(&c.planned_faults),
            },
            start: m.start,
            end: m.end,
            warm: m.soak_usage().map(|(warm, _)| warm),
            peak: m.first_half_peak(),
            rss_growth_kib: m.rss_growth_kib(),
            samples: m
                .samples
                .iter()
                .map(|(done, usage)| (*done, usage.rss_kib, usage.maps))
                .collect(),
            examples: m.examples.clone(),
            failures: m.failures(),
        }
    }
}

impl Measured {
    /// `2 workers, 20000 runs with the fault mix`, say.
    pub fn what(&self) -> String {
        let kind = match (self.faults, self.soak) {
            (true, _) => " with the fault mix",
            (_, true) => " of a soak",
            _ => "",
        };
        format!("{} workers, {} runs{}", self.threads, self.runs, kind)
    }
}
