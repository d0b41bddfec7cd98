//! Every line the reports of `make bench` and `make load` judge a figure by, with where it comes
//! from: this table, and the engines' published figures (`bench_cases::CASES`' `published`, each
//! with its source), which the bench holds its cases to and the load its rates. The renderers read
//! the lines and their sources from here.
use crate::report::Language;

/// A line a figure is held to, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Goal {
    pub line: f64,
    pub meets: Meets,
    /// Where the line comes from, as the reports say it, in English and Japanese; `{line}` stands
    /// for the line.
    source: (&'static str, &'static str),
}

/// Which side of its line a figure must be on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Meets {
    AtMost,
    AtLeast,
}

impl Goal {
    pub fn met(&self, figure: f64) -> bool {
        match self.meets {
            Meets::AtMost => figure <= self.line,
            Meets::AtLeast => figure >= self.line,
        }
    }

    /// Where the line comes from, in `language`.
    pub fn source(&self, language: Language) -> String {
        language
            .pick(self.source.0, self.source.1)
            .replace("{line}", &self.line.to_string())
    }
}

/// `make bench`: a host's `hello`, start to exit, over `wasmtime-min run --allow-precompiled`'s.
pub const HELLO_OVER_WASMTIME_MIN: Goal = Goal {
    line: 1.0,
    meets: Meets::AtMost,
    source: (
        "a peer: `wasmtime-min run --allow-precompiled`, the official CLI doing the same job",
        "比較対象：同じ処理をする公式 CLI、`wasmtime-min run --allow-precompiled`",
    ),
};

/// `make bench`: a host's `hello`, start to exit, over a process that does nothing.
pub const HELLO_OVER_NO_OP: Goal = Goal {
    line: 2.0,
    meets: Meets::AtMost,
    source: (
        "the floor: `/bin/true`, what any process costs here; {line} × leaves as much again for the run",
        "下限：どのプロセスにもかかる時間（`/bin/true`）。{line} 倍までなら、それと同じだけの時間を実行そのものに使えます",
    ),
};

/// `make load`: 2 workers' runs per second over 1 worker's.
pub const SCALING: Goal = Goal {
    line: 1.8,
    meets: Meets::AtLeast,
    source: (
        "the ceiling: 2 CPUs do at most 2 × the work of one; {line} × is 90 % of it",
        "上限：CPU 2 個でできる仕事は 1 個の 2 倍まで（{line} 倍はその 90 %）",
    ),
};

/// `make load`: Lucet's 2 workers' runs per second over 1 worker's.
pub const LUCET_SCALING: Goal = Goal {
    line: 1.3,
    meets: Meets::AtLeast,
    source: (
        "Lucet's regions reset a heap with `mprotect` and `madvise` on every run, each a change to the process's page tables that stops the other CPU: {line} × asks a second worker to add 30 %",
        "Lucet のリージョンは実行のたびに `mprotect` と `madvise` でヒープを元に戻し、そのつどプロセスのページテーブルが変わり、もう一方の CPU が止まります。{line} 倍は、2 個目のワーカーで実行回数が 3 割増えることを求める基準です",
    ),
};

/// `make load`: the runs per second of 1 Wasmtime worker in the hosts' configuration over those
/// in Wasmtime's defaults (the configuration the hosts used before the knobs were measured).
pub const KNOBS_GAIN: Goal = Goal {
    line: 2.5,
    meets: Meets::AtLeast,
    source: (
        "[Wasmtime issue #4637](https://github.com/bytecodealliance/wasmtime/issues/4637): the `madvise` of every freed slot interrupts every CPU running the process; a slot reset by `memset` of the pages `PAGEMAP_SCAN` finds touched makes no such call",
        "[Wasmtime への報告 #4637](https://github.com/bytecodealliance/wasmtime/issues/4637)：解放したスロットごとの `madvise` が、プロセスを実行中のすべての CPU に割り込みます。書き込まれたページを `PAGEMAP_SCAN` で調べ、そこだけを `memset` で戻せば、この呼び出しは要りません",
    ),
};

/// Wasmtime's own name for the configuration `KNOBS_GAIN` compares with (`POOLINGS`' first).
pub const KNOBS_BEFORE: &str = "defaults";

/// `make load`: a measurement's p99 latency over its p50, in the default configuration, at 1
/// and 2 workers.
pub const TAIL: Goal = Goal {
    line: 3.0,
    meets: Meets::AtMost,
    source: (
        "a steady service: the slowest run in a hundred takes at most {line} × a typical one",
        "安定したサービス：100 回中で最も遅い実行でも、ふつうの実行の {line} 倍以内",
    ),
};

/// `make load`: a soak's RSS growth after its warm-up, in KiB; the load driver judges it, and says
/// so in its failures.
pub const SOAK_RSS_GROWTH_KIB: Goal = Goal {
    line: load_driver::SOAK_RSS_GROWTH_KIB as f64,
    meets: Meets::AtMost,
    source: (
        "no leak: once warm, a process stops growing",
        "リークなし：ウォームアップ後は、プロセスの使う資源が増え続けない",
    ),
};

/// `make load`: runs that went wrong under the fault mix, of each kind (wrong answers, lost runs,
/// escapes, duplicated runs), and faults not as planned; the load driver counts them and judges
/// (its failures).
pub const CONTAINMENT: Goal = Goal {
    line: 0.0,
    meets: Meets::AtMost,
    source: (
        "containment: a fault ends its own run, and nothing else",
        "封じ込め：フォールトはその実行だけを終わらせ、ほかには影響しない",
    ),
};

/// How a goal fared over repeated measurements of one figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    Met,
    /// Met in this many of the repeats, not all.
    OnTheLine {
        met: usize,
        of: usize,
    },
    Missed,
}

impl Verdict {
    /// A single figure's verdict: met or missed.
    pub fn of(met: bool) -> Verdict {
        if met {
            Verdict::Met
        } else {
            Verdict::Missed
        }
    }

    /// The verdict as the reports write it, in `language`.
    pub fn words(self, language: Language) -> String {
        match self {
            Verdict::Met => language.pick("met", "達成"),
            Verdict::Missed => language.pick("**missed**", "**未達**"),
            Verdict::OnTheLine { met, of } => language.pick(
                &format!("**on the line**: met in {} of {}", met, of),
                &format!("**境界線上**：{} 回中 {} 回で達成", of, met),
            ),
        }
    }
}

/// A ratio as the reports print it (two decimals): what a goal judges, so that a verdict never
/// contradicts its figure.
pub fn as_printed(ratio: f64) -> f64 {
    (ratio * 100.0).round() / 100.0
}

impl Goal {
    /// The verdict over every repeat's figure.
    pub fn judge(&self, figures: &[f64]) -> Verdict {
        let met = figures.iter().filter(|figure| self.met(**figure)).count();
        match met {
            0 => Verdict::Missed,
            met if met == figures.len() => Verdict::Met,
            met => Verdict::OnTheLine {
                met,
                of: figures.len(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_on_the_line_meets_it_from_either_side() {
        assert!(HELLO_OVER_NO_OP.met(2.0) && !HELLO_OVER_NO_OP.met(2.01));
        assert!(SCALING.met(1.8) && !SCALING.met(1.79));
    }

    #[test]
    fn repeats_on_both_sides_of_the_line_are_on_the_line() {
        let goal = HELLO_OVER_WASMTIME_MIN;
        assert_eq!(goal.judge(&[0.9, 1.0]), Verdict::Met);
        assert_eq!(goal.judge(&[1.1, 1.2]), Verdict::Missed);
        assert_eq!(
            goal.judge(&[1.1, 0.9, 1.0]),
            Verdict::OnTheLine { met: 2, of: 3 }
        );
    }

    #[test]
    fn a_source_says_its_own_line() {
        assert_eq!(
            SCALING.source(Language::English),
            "the ceiling: 2 CPUs do at most 2 × the work of one; 1.8 × is 90 % of it"
        );
        assert!(SCALING.source(Language::Japanese).contains("1.8 倍"));
    }
}
