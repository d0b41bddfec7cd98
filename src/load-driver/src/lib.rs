//! `make load`: instances of guests/faults made and run on many threads at once, each run
//! checked, whatever the engine. Each host's `load-*` binary says how a worker makes its `Guest`;
//! `measure` runs them and counts what came back; `run` writes it as a `report::Run`, which
//! `make load` reads.
pub mod report;

use anyhow::{anyhow, bail, Context, Result};
use host_core::guest::{Guest, Trap};
use host_core::value::Value;
use host_core::Settings;
use serde::{Deserialize, Serialize};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

// ANCHOR: plan
/// What guests/faults' `answer(run)` returns: `run` times this odd factor, so that the host can
/// tell from an answer which run it belongs to.
const ANSWER_FACTOR: u32 = 0x9e37_79b1;

#[cfg(test)]
fn answer(run: u32) -> i32 {
    run.wrapping_mul(ANSWER_FACTOR) as i32
}

/// The run an answer belongs to: multiplying by the factor's inverse modulo 2³² undoes `answer`.
fn run_of(answer: i32) -> u32 {
    // Newton's iteration: each step doubles the low bits of `inverse` that are right.
    let mut inverse = ANSWER_FACTOR;
    for _ in 0..4 {
        inverse = inverse.wrapping_mul(2u32.wrapping_sub(ANSWER_FACTOR.wrapping_mul(inverse)));
    }
    (answer as u32).wrapping_mul(inverse)
}

/// How many ways a run may misbehave.
const KINDS: usize = 5;

/// The misbehaving exports of guests/faults a run may call instead of `answer`, with their
/// arguments and the trap each must end in (a time limit's length aside).
const MISBEHAVIOURS: [(&str, &[Value], Trap); KINDS] = [
    ("panic", &[], Trap::Unreachable),
    ("out_of_bounds", &[], Trap::OutOfBounds),
    (
        "divide",
        &[Value::I32(1), Value::I32(0)],
        Trap::DivideByZero,
    ),
    ("recurse", &[Value::I32(0)], Trap::StackOverflow),
    ("spin", &[], Trap::TimedOut(Duration::from_secs(0))),
];

/// What run `run` calls: with the fault mix on, every tenth run misbehaves, in turn each way of
/// `MISBEHAVIOURS`; every other run asks for `answer(run)`.
fn plan(run: u32, faults: bool) -> Option<usize> {
    match faults && run % 10 == 0 {
        true => Some((run / 10) as usize % MISBEHAVIOURS.len()),
        false => None,
    }
}
// ANCHOR_END: plan

/// What a measurement is asked to do.
#[derive(Clone, Copy, Debug)]
pub struct Task {
    pub threads: usize,
    pub runs: u32,
    /// One run in ten misbehaves.
    pub faults: bool,
    /// Sample the process's memory while it runs, and fail on a leak.
    pub soak: bool,
}

/// What the runs came to. A run is `right` when its answer is its own; `wrong` when it is another
/// run's, or garbage, or when a misbehaving run returns or ends in another trap than planned; a
/// healthy run that fails has `escaped` a fault. Each outcome is marked against the run it belongs
/// to (its own, but an answer's is the run the answer is for): runs with none are `lost`, runs
/// with more than one `duplicated`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub right: u64,
    pub faults: [u64; KINDS],
    pub planned_faults: [u64; KINDS],
    pub wrong: u64,
    pub escaped: u64,
    pub lost: u64,
    pub duplicated: u64,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.right += other.right;
        for kind in 0..KINDS {
            self.faults[kind] += other.faults[kind];
            self.planned_faults[kind] += other.planned_faults[kind];
        }
        self.wrong += other.wrong;
        self.escaped += other.escaped;
    }

    pub fn ok(&self) -> bool {
        self.faults == self.planned_faults
            && self.wrong + self.escaped + self.lost + self.duplicated == 0
    }
}

/// The process's resident memory, memory mappings (`/proc/self/maps` lines) and open file
/// descriptors.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Usage {
    pub rss_kib: u64,
    pub maps: u64,
    pub fds: u64,
}

impl Usage {
    pub fn now() -> Usage {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let rss_kib = status
            .lines()
            .find(|line| line.starts_with("VmRSS:"))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kib| kib.parse().ok())
            .unwrap_or(0);
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
        let fds = std::fs::read_dir("/proc/self/fd").map_or(0, |fds| fds.count());
        Usage {
            rss_kib,
            maps: maps.lines().count() as u64,
            fds: fds as u64,
        }
    }
}

/// How much RSS may grow over a soak, after its first tenth (the warm-up).
pub const SOAK_RSS_GROWTH_KIB: u64 = 1024;

/// What a measurement found.
#[derive(Debug)]
pub struct Measurement {
    pub task: Task,
    pub seconds: f64,
    /// User and system CPU time of the whole process.
    pub cpu_seconds: f64,
    /// Of the healthy runs: a fresh instance, then `answer`.
    pub latency: Latency,
    pub counts: Counts,
    /// Some of the runs that went wrong or failed, in words.
    pub examples: Vec<String>,
    /// With every worker holding a live instance, before the runs and after.
    pub start: Usage,
    pub end: Usage,
    /// A soak's samples, taken while it runs: runs done, and the usage then.
    pub samples: Vec<(u64, Usage)>,
    /// What the engine's own check found wrong after the runs (see `run`).
    pub engine_problems: Vec<String>,
}

impl Measurement {
    pub fn runs_per_second(&self) -> f64 {
        f64::from(self.task.runs) / self.seconds
    }

    /// A soak's usage once warm, the first sample past a tenth of the runs, and at its end.
    fn soak_usage(&self) -> Option<(Usage, Usage)> {
        let warm = self
            .samples
            .iter()
            .find(|(done, _)| *done * 10 >= u64::from(self.task.runs))?;
        Some((warm.1, self.samples.last()?.1))
    }

    /// A soak's most mappings and descriptors while its first half ran after the warm-up (its
    /// warm sample, if no other falls there). A leak keeps growing: the end holds more than that.
    pub fn first_half_peak(&self) -> Option<Usage> {
        let (warm, _) = self.soak_usage()?;
        let runs = u64::from(self.task.runs);
        let half = self
            .samples
            .iter()
            .filter(|(done, _)| *done * 10 >= runs && *done * 2 <= runs)
            .map(|(_, usage)| *usage);
        Some(half.fold(warm, |peak, usage| Usage {
            rss_kib: peak.rss_kib.max(usage.rss_kib),
            maps: peak.maps.max(usage.maps),
            fds: peak.fds.max(usage.fds),
        }))
    }

    /// A soak's RSS growth after its warm-up.
    pub fn rss_growth_kib(&self) -> Option<i64> {
        let (warm, end) = self.soak_usage()?;
        Some(end.rss_kib as i64 - warm.rss_kib as i64)
    }

    /// What is wrong with this measurement, if anything: a wrong, escaped, lost or duplicated run,
    /// a fault not as planned; on a soak, a leak.
    pub fn failures(&self) -> Vec<String> {
        let mut failures = self.engine_problems.clone();
        if !self.counts.ok() {
            failures.push(format!("the runs did not add up: {}", self.summary()));
            failures.extend(
                self.examples
                    .iter()
                    .map(|example| format!("for one, {}", example)),
            );
        }
        // Pools and caches fill as the first runs come: a soak is judged from its warm-up on.
        // Its RSS by the growth since. Its mappings come and go with where each worker is
        // (Lucet's `mprotect` splits a heap's mapping while an instance runs; a pooled slot maps
        // its image when first used): they, and the descriptors, may end at no more than their
        // peak in the first half after the warm-up.
        if let Some(growth) = self.rss_growth_kib() {
            if growth > SOAK_RSS_GROWTH_KIB as i64 {
                failures.push(format!(
                    "RSS grew by {} KiB after the warm-up (at most {} allowed)",
                    growth, SOAK_RSS_GROWTH_KIB
                ));
            }
            if let Some(peak) = self.first_half_peak() {
                let end = self.end;
                if end.maps > peak.maps || end.fds > peak.fds {
                    failures.push(format!(
                        "mappings {} at most in the first half after the warm-up, {} at the end; \
                         file descriptors {}, {}: still growing",
                        peak.maps, end.maps, peak.fds, end.fds
                    ));
                }
            }
        }
        failures
    }

    /// What was measured and what the runs came to, in words (the same for every engine that works).
    pub fn headline(&self) -> String {
        let what = match (self.task.faults, self.task.soak) {
            (true, _) => ", one in ten misbehaving",
            (_, true) => ", a soak",
            _ => "",
        };
        format!(
            "{} threads, {} runs{}: {}",
            self.task.threads,
            self.task.runs,
            what,
            self.summary()
        )
    }

    /// The figures, which differ from run to run.
    pub fn figures(&self) -> String {
        let micros = |ns: u64| ns as f64 / 1000.0;
        let mut figures = format!(
            "{:.0} runs/s; latency p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs; CPU {:.2} s in {:.2} s; \
             RSS {} → {} KiB, mappings {} → {}, descriptors {} → {}",
            self.runs_per_second(), micros(self.latency.p50), micros(self.latency.p99),
            micros(self.latency.max), self.cpu_seconds, self.seconds, self.start.rss_kib,
            self.end.rss_kib, self.start.maps, self.end.maps, self.start.fds, self.end.fds
        );
        if let Some(growth) = self.rss_growth_kib() {
            figures += &format!("; RSS growth after the warm-up {} KiB", growth);
        }
        figures
    }

    /// What the runs came to, in words.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let faults: u64 = c.faults.iter().sum();
        let planned: u64 = c.planned_faults.iter().sum();
        format!(
            "{} right, {} of {} planned faults, {} wrong, {} escaped, {} lost, {} duplicated",
            c.right, faults, planned, c.wrong, c.escaped, c.lost, c.duplicated
        )
    }
}

/// Latency percentiles and maximum, in nanoseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    pub p50: u64,
    pub p99: u64,
    pub max: u64,
}

/// Latencies counted in buckets of about 3 % each, in a fixed array: recording one allocates
/// nothing, so that the count does not show up in the soak's memory.
struct Histogram {
    buckets: Vec<u64>,
    max: u64,
}

impl Histogram {
    /// Below 2⁶ ns a bucket a nanosecond; above, 32 a power of two, up to 2⁴⁰ ns (18 minutes).
    const BUCKETS: usize = 64 + 35 * 32;

    fn new() -> Histogram {
        Histogram {
            buckets: vec![0; Self::BUCKETS],
            max: 0,
        }
    }

    fn bucket(ns: u64) -> usize {
        if ns < 64 {
            return ns as usize;
        }
        let power = 63 - u64::from(ns.leading_zeros());
        let bucket = 64 + (power - 6) * 32 + ((ns >> (power - 5)) & 31);
        (bucket as usize).min(Self::BUCKETS - 1)
    }

    /// The smallest latency bucket `bucket` holds.
    fn lowest(bucket: usize) -> u64 {
        if bucket < 64 {
            return bucket as u64;
        }
        let (power, step) = (6 + (bucket as u64 - 64) / 32, (bucket as u64 - 64) % 32);
        (32 + step) << (power - 5)
    }

    fn record(&mut self, latency: Duration) {
        let ns = latency.as_nanos() as u64;
        self.buckets[Self::bucket(ns)] += 1;
        self.max = self.max.max(ns);
    }

    fn add(&mut self, other: &Histogram) {
        for (mine, theirs) in self.buckets.iter_mut().zip(&other.buckets) {
            *mine += theirs;
        }
        self.max = self.max.max(other.max);
    }

    fn percentile(&self, percent: u64) -> u64 {
        let total: u64 = self.buckets.iter().sum();
        let mut seen = 0;
        for (bucket, count) in self.buckets.iter().enumerate() {
            seen += count;
            if seen * 100 >= total * percent && total > 0 {
                return Self::lowest(bucket);
            }
        }
        0
    }

    fn latency(&self) -> Latency {
        Latency {
            p50: self.percentile(50),
            p99: self.percentile(99),
            max: self.max,
        }
    }
}

/// The process's user and system CPU time so far (`/proc/self/stat`, in clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's name, which is in parentheses: utime is the 12th, stime the 13th.
    let fields: Vec<&str> = stat[stat.rfind(')').map_or(0, |at| at + 2)..]
        .split_whitespace()
        .collect();
    let ticks = |at: usize| {
        fields
            .get(at)
            .and_then(|t| t.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (ticks(11) + ticks(12)) as f64 / 100.0
}

/// What the workers share: the next run to hand out, what each run came to, and how many are done.
struct Shared {
    task: Task,
    next: AtomicU32,
    /// Per run (index 0 unused): how many outcomes belonged to it.
    seen: Vec<AtomicU32>,
    done: AtomicUsize,
    /// Per worker, when it ran out of runs, and its tally.
    finished: Mutex<Vec<(Instant, Tally)>>,
}

/// What one worker's runs came to.
struct Tally {
    counts: Counts,
    latencies: Histogram,
    /// The first few runs that went wrong or failed, in words.
    examples: Vec<String>,
}

impl Tally {
    const EXAMPLES: usize = 5;

    fn new() -> Tally {
        Tally {
            counts: Counts::default(),
            latencies: Histogram::new(),
            examples: Vec::new(),
        }
    }

    fn example(&mut self, run: u32, export: &str, outcome: &Result<Vec<Value>>) {
        if self.examples.len() < Self::EXAMPLES {
            let came = match outcome {
                Ok(values) => format!("returned {:?}", values),
                Err(error) => format!("failed: {:#}", error),
            };
            self.examples
                .push(format!("run {} ({}) {}", run, export, came));
        }
    }
}

// ANCHOR: worker
/// One worker's runs, on its own guest (which `measure` makes on the worker's thread: Lucet's WASI
/// context may not leave it): a fresh instance per run, until the runs run out.
fn work<G: Guest>(guest: &mut G, shared: &Shared) -> Tally {
    let mut tally = Tally::new();
    loop {
        let run = shared.next.fetch_add(1, Ordering::SeqCst);
        if run > shared.task.runs {
            return tally;
        }
        let misbehaviour = plan(run, shared.task.faults);
        let (export, args): (&str, Vec<Value>) = match misbehaviour {
            Some(kind) => (MISBEHAVIOURS[kind].0, MISBEHAVIOURS[kind].1.to_vec()),
            None => ("answer", vec![Value::I32(run as i32)]),
        };
        let started = Instant::now();
        let outcome = guest
            .fresh_instance()
            .and_then(|()| guest.call(export, &args));
        let took = started.elapsed();
        let counts = &mut tally.counts;
        let owner = match (misbehaviour, &outcome) {
            (None, Ok(values)) => {
                let owner = match values.as_slice() {
                    [Value::I32(answer)] => Some(run_of(*answer)),
                    _ => None,
                };
                if owner == Some(run) {
                    counts.right += 1;
                    tally.latencies.record(took);
                } else {
                    counts.wrong += 1;
                    tally.example(run, export, &outcome);
                }
                owner
            }
            (None, Err(_)) => {
                counts.escaped += 1;
                tally.example(run, export, &outcome);
                Some(run)
            }
            (Some(kind), _) => {
                counts.planned_faults[kind] += 1;
                let trap = outcome
                    .as_ref()
                    .err()
                    .and_then(|error| error.downcast_ref::<Trap>().copied());
                if trap.map_or(false, |trap| same_kind(&trap, &MISBEHAVIOURS[kind].2)) {
                    counts.faults[kind] += 1;
                } else {
                    counts.wrong += 1;
                    tally.example(run, export, &outcome);
                }
                Some(run)
            }
        };
        if let Some(seen) = owner.and_then(|owner| shared.seen.get(owner as usize)) {
            seen.fetch_add(1, Ordering::SeqCst);
        }
        shared.done.fetch_add(1, Ordering::Relaxed);
    }
}
// ANCHOR_END: worker

fn same_kind(trap: &Trap, planned: &Trap) -> bool {
    std::mem::discriminant(trap) == std::mem::discriminant(planned)
}

/// Runs `task` on `task.threads` workers, each with a guest from `new_guest`, made on the worker's
/// thread; every worker holds a live instance when the usage is taken before and after.
pub fn measure<G, F>(task: Task, new_guest: F) -> Result<Measurement>
where
    G: Guest,
    F: Fn() -> Result<G> + Send + Sync + 'static,
{
    let new_guest = Arc::new(new_guest);
    let shared = Arc::new(Shared {
        task,
        next: AtomicU32::new(1),
        seen: (0..=task.runs).map(|_| AtomicU32::new(0)).collect(),
        done: AtomicUsize::new(0),
        finished: Mutex::new(Vec::new()),
    });
    // The four waits: each worker's guest made and warm; go; all runs done; the end taken.
    let barrier = Arc::new(Barrier::new(task.threads + 1));
    let workers: Vec<_> = (0..task.threads)
        .map(|_| {
            let (new_guest, shared, barrier) = (new_guest.clone(), shared.clone(), barrier.clone());
            std::thread::spawn(move || -> Result<()> {
                // A first call makes what a thread makes once (Wasmtime: its signal stack).
                let mut guest = panic::catch_unwind(AssertUnwindSafe(|| {
                    let mut guest = new_guest()?;
                    guest.call("healthy", &[])?;
                    guest.fresh_instance()?;
                    Ok(guest)
                }))
                .unwrap_or_else(|_| Err(anyhow!("a worker panicked making its guest")));
                barrier.wait();
                barrier.wait();
                // A worker without a guest runs nothing; the others run all the runs. Whatever
                // happens, it waits with the others, so that none of them waits for ever.
                let tally = match &mut guest {
                    Ok(running) => panic::catch_unwind(AssertUnwindSafe(|| work(running, &shared)))
                        .unwrap_or_else(|_| {
                            guest = Err(anyhow!("a worker panicked running its guest"));
                            Tally::new()
                        }),
                    Err(_) => Tally::new(),
                };
                shared
                    .finished
                    .lock()
                    .unwrap()
                    .push((Instant::now(), tally));
                barrier.wait();
                barrier.wait();
                guest.map(drop)
            })
        })
        .collect();
    barrier.wait();
    let start = Usage::now();
    let (cpu_start, started) = (cpu_seconds(), Instant::now());
    barrier.wait();
    let mut samples = Vec::new();
    let mut next_sample = started;
    while shared.finished.lock().unwrap().len() < task.threads {
        if task.soak && Instant::now() >= next_sample {
            samples.push((shared.done.load(Ordering::Relaxed) as u64, Usage::now()));
            next_sample += Duration::from_millis(250);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    barrier.wait();
    let end = Usage::now();
    let cpu = cpu_seconds() - cpu_start;
    if task.soak {
        samples.push((u64::from(task.runs), end));
    }
    barrier.wait();
    for worker in workers {
        worker.join().expect("a worker's panics are caught")?;
    }
    let finished = std::mem::take(&mut *shared.finished.lock().unwrap());
    let (mut counts, mut latencies, mut examples) =
        (Counts::default(), Histogram::new(), Vec::new());
    let mut last = started;
    for (at, tally) in &finished {
        counts.add(&tally.counts);
        latencies.add(&tally.latencies);
        examples.extend(tally.examples.iter().cloned());
        last = last.max(*at);
    }
    for seen in &shared.seen[1..] {
        match seen.load(Ordering::SeqCst) {
            0 => counts.lost += 1,
            1 => {}
            _ => counts.duplicated += 1,
        }
    }
    Ok(Measurement {
        task,
        seconds: (last - started).as_secs_f64(),
        cpu_seconds: cpu,
        latency: latencies.latency(),
        counts,
        examples,
        start,
        end,
        samples,
        engine_problems: Vec::new(),
    })
}

/// What a `load-*` binary is told: the module (guests/faults), and what to measure on it.
pub struct Options {
    pub module: PathBuf,
    pub tasks: Vec<Task>,
    /// The time limit a run gets before the watchdog stops it (the `spin` runs').
    pub timeout: Duration,
    pub json: Option<PathBuf>,
    /// The engine's configuration to measure, one of those its binary names (`--configs`).
    pub config: String,
}

impl Options {
    /// What every worker's guest is given: the module's heap limit, the runs' time limit, no grant
    /// (what the guests print goes nowhere).
    pub fn settings(&self, heap_limit: usize) -> Settings {
        Settings {
            heap_limit,
            timeout: Some(self.timeout),
            grants: Default::default(),
            stop_on_grow_failure: true,
        }
    }

    /// How many workers at most, at once.
    pub fn most_threads(&self) -> usize {
        self.tasks
            .iter()
            .map(|task| task.threads)
            .max()
            .unwrap_or(1)
    }
}

/// The command line of `load-lucet` and `load-wasmtime`: `configs`, the engine's configurations
/// that `--config` chooses from, `default` among them.
pub fn parse(name: &str, configs: &[&'static str], default: &'static str) -> Options {
    use clap::{App, AppSettings, Arg};
    // Each option's least and greatest values: runs up to 100 million, which their count per run
    // (4 bytes) keeps to 400 MB.
    let number = |what: &'static str, least: u32, most: u32| {
        move |value: String| match value.parse::<u32>() {
            Ok(n) if (least..=most).contains(&n) => Ok(()),
            _ => Err(format!(
                "--{} takes a whole number from {} to {}, not {:?}",
                what, least, most, value
            )),
        }
    };
    let option = |name: &'static str, default: &'static str, least, most, help| {
        Arg::with_name(name)
            .long(name)
            .takes_value(true)
            .default_value(default)
            .validator(number(name, least, most))
            .help(help)
    };
    const RUNS: u32 = 100_000_000;
    let matches = App::new(name)
        .setting(AppSettings::ArgRequiredElseHelp)
        .about("Makes and runs instances of guests/faults on many threads at once, each run checked (make load)")
        .arg(Arg::with_name("MODULE").required_unless("configs").help("guests/faults, compiled for this engine"))
        .arg(Arg::with_name("config").long("config").takes_value(true).possible_values(configs).default_value(default).help("the engine's configuration to measure"))
        .arg(Arg::with_name("configs").long("configs").help("print the configurations --config takes, one a line, the default first, and exit"))
        .arg(option("threads", "2", 1, 1024, "the worker counts to measure, e.g. 1,2,4").use_delimiter(true))
        .arg(option("runs", "0", 0, RUNS, "healthy runs (answer) at each worker count"))
        .arg(option("fault-runs", "0", 0, RUNS, "runs at each worker count with one in ten misbehaving"))
        .arg(option("soak", "0", 0, RUNS, "healthy runs of a soak: memory sampled, fails on a leak"))
        .arg(option("soak-threads", "2", 1, 1024, "the soak's worker count"))
        .arg(option("timeout-ms", "50", 1, 3_600_000, "how long a run may take before it is stopped"))
        .arg(Arg::with_name("json").long("json").takes_value(true).help("also write what was measured to this file, as JSON"))
        .get_matches();
    if matches.is_present("configs") {
        println!("{}", default);
        for config in configs.iter().filter(|config| **config != default) {
            println!("{}", config);
        }
        std::process::exit(0);
    }
    let number = |name| matches.value_of(name).unwrap().parse::<u32>().unwrap();
    let mut tasks = Vec::new();
    for threads in matches.values_of("threads").unwrap() {
        let threads = threads.parse().unwrap();
        for (runs, faults) in [(number("runs"), false), (number("fault-runs"), true)].iter() {
            if *runs > 0 {
                tasks.push(Task {
                    threads,
                    runs: *runs,
                    faults: *faults,
                    soak: false,
                });
            }
        }
    }
    if number("soak") > 0 {
        let threads = number("soak-threads") as usize;
        tasks.push(Task {
            threads,
            runs: number("soak"),
            faults: false,
            soak: true,
        });
    }
    if tasks.is_empty() {
        clap::Error::with_description(
            "nothing to measure: give --runs, --fault-runs or --soak a number of runs",
            clap::ErrorKind::MissingRequiredArgument,
        )
        .exit();
    }
    Options {
        module: PathBuf::from(matches.value_of_os("MODULE").unwrap()),
        tasks,
        timeout: Duration::from_millis(u64::from(number("timeout-ms"))),
        json: matches.value_of_os("json").map(PathBuf::from),
        config: matches.value_of("config").unwrap().to_string(),
    }
}

/// Measures each of `options`' tasks on `engine`, printing what each came to, then asks
/// `engine_check` what it finds wrong with the engine's own state, if anything; writes the JSON; an
/// error if any run went wrong, a soak leaked or the check found something.
pub fn run<G, F>(
    engine: &str,
    options: &Options,
    new_guest: F,
    engine_check: impl Fn() -> Option<String>,
) -> Result<()>
where
    G: Guest,
    F: Fn() -> Result<G> + Clone + Send + Sync + 'static,
{
    let mut measurements = Vec::new();
    let mut failures = Vec::new();
    for task in &options.tasks {
        let mut measurement = measure(*task, new_guest.clone())?;
        measurement.engine_problems.extend(engine_check());
        let measured = report::Measured::from(&measurement);
        let headline = measurement.headline();
        println!("{}", headline);
        println!("    {}", measurement.figures());
        for failure in &measured.failures {
            println!("    FAILED: {}", failure);
        }
        if !measured.failures.is_empty() {
            failures.push(format!("{}: {}", headline, measured.failures.join("; ")));
        }
        measurements.push(measured);
    }
    if let Some(path) = &options.json {
        let run = report::Run {
            engine: engine.to_string(),
            config: options.config.clone(),
            module: options.module.display().to_string(),
            timeout_ms: options.timeout.as_millis() as u64,
            measurements,
        };
        let text = serde_json::to_string_pretty(&run)?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    if !failures.is_empty() {
        bail!(
            "{} of {} measurements failed:\n{}",
            failures.len(),
            options.tasks.len(),
            failures.join("\n")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// guests/faults as the engines run it; `reset: false` keeps memory from run to run, as an
    /// instance that is not fresh would.
    struct FakeGuest {
        first_run: Option<i32>,
        reset: bool,
    }

    impl Guest for FakeGuest {
        fn call(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>> {
            let trap = match (name, args) {
                ("answer", [Value::I32(run)]) => {
                    let first = *self.first_run.get_or_insert(*run);
                    return Ok(vec![Value::I32(answer(first as u32))]);
                }
                ("healthy", []) => return Ok(vec![Value::I32(42)]),
                (name, _) => match MISBEHAVIOURS.iter().find(|(export, _, _)| *export == name) {
                    Some((_, _, trap)) => *trap,
                    None => bail!("no exported function named {:?}", name),
                },
            };
            Err(anyhow!("the engine's own error").context(trap))
        }

        fn memory(&mut self) -> Result<&mut [u8]> {
            bail!("no memory")
        }

        fn fresh_instance(&mut self) -> Result<()> {
            if self.reset {
                self.first_run = None;
            }
            Ok(())
        }
    }

    fn task(faults: bool) -> Task {
        Task {
            threads: 3,
            runs: 1000,
            faults,
            soak: false,
        }
    }

    #[test]
    fn an_answer_tells_its_run() {
        for run in [1, 2, 99, 1_000_000, u32::MAX].iter() {
            assert_eq!(run_of(answer(*run)), *run);
        }
    }

    #[test]
    fn fresh_instances_add_up_with_the_faults_as_planned() {
        let new_guest = || {
            Ok(FakeGuest {
                first_run: None,
                reset: true,
            })
        };
        let measurement = measure(task(true), new_guest).unwrap();
        let counts = measurement.counts;
        assert_eq!(
            (counts.right, counts.faults, counts.planned_faults),
            (900, [20; 5], [20; 5])
        );
        assert!(
            measurement.failures().is_empty(),
            "{:?}",
            measurement.failures()
        );
    }

    #[test]
    fn a_guest_answering_for_another_run_is_caught() {
        let new_guest = || {
            Ok(FakeGuest {
                first_run: None,
                reset: false,
            })
        };
        let measurement = measure(task(false), new_guest).unwrap();
        let counts = measurement.counts;
        // Each worker's first run is right; every later one answers for it, whose run is seen
        // again, while its own is never seen.
        assert!((1..=3).contains(&counts.right), "{:?}", counts);
        assert_eq!(counts.right + counts.wrong, 1000);
        assert_eq!(counts.lost, counts.wrong);
        assert!(counts.duplicated >= 1);
        let failures = measurement.failures();
        assert!(
            failures[0].starts_with("the runs did not add up"),
            "{:?}",
            failures
        );
        assert!(
            failures[1].contains("(answer) returned [I32("),
            "{:?}",
            failures
        );
    }

    /// A soak whose mappings come and go mid-run (Lucet's `mprotect` splitting a heap's mapping)
    /// and end no higher than their peak in the first half passes; one that ends higher fails.
    #[test]
    fn a_soak_is_judged_on_its_mappings_against_their_first_half_peak() {
        let usage = |maps| Usage {
            rss_kib: 10_000,
            maps,
            fds: 6,
        };
        let soak = |end_maps| Measurement {
            task: Task {
                threads: 2,
                runs: 1000,
                faults: false,
                soak: true,
            },
            seconds: 1.0,
            cpu_seconds: 2.0,
            latency: Latency::default(),
            counts: Counts::default(),
            examples: Vec::new(),
            start: usage(69),
            end: usage(end_maps),
            samples: vec![(100, usage(71)), (500, usage(70)), (1000, usage(end_maps))],
            engine_problems: Vec::new(),
        };
        assert_eq!(soak(69).failures(), Vec::<String>::new());
        assert_eq!(soak(71).failures(), Vec::<String>::new());
        let failures = soak(72).failures();
        assert!(
            failures.len() == 1
                && failures[0].starts_with(
                    "mappings 71 at most in the first half after the warm-up, 72 at the end"
                ),
            "{:?}",
            failures
        );
    }

    #[test]
    fn percentiles_come_from_buckets_within_a_few_percent() {
        let mut histogram = Histogram::new();
        for micros in 1..=1000 {
            histogram.record(Duration::from_micros(micros));
        }
        let latency = histogram.latency();
        assert!((485_000..=500_000).contains(&latency.p50), "{:?}", latency);
        assert!((960_000..=990_000).contains(&latency.p99), "{:?}", latency);
        assert_eq!(latency.max, 1_000_000);
    }

    #[test]
    fn a_measurement_is_read_back_as_it_was_written() {
        let new_guest = || {
            Ok(FakeGuest {
                first_run: None,
                reset: true,
            })
        };
        let measured = report::Measured::from(&measure(task(true), new_guest).unwrap());
        assert_eq!(measured.counts.faults["divide"], 20);
        assert_eq!(measured.what(), "3 workers, 1000 runs with the fault mix");
        let text = serde_json::to_string(&measured).unwrap();
        let read: report::Measured = serde_json::from_str(&text).unwrap();
        // serde_json reads a float back to within a bit of its last place: the rest exactly.
        assert_eq!(
            (read.counts, read.latency_ns),
            (measured.counts, measured.latency_ns)
        );
        assert_eq!(
            (read.start, read.failures),
            (measured.start, measured.failures)
        );
    }
}
