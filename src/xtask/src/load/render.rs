//! `make load`'s pages, from its `Report` alone: the Performance chapter's part (throughput and
//! memory), the faults chapter's (the fault mix), in English and Japanese, and the chart. Nothing
//! here measures, reads a file or the environment.
use super::REPEATS;
use super::{per_core_goal, published_instantiation, EngineLoad, Kind, Report, Task};
use crate::goals::{
    as_printed, Goal, Verdict, CONTAINMENT, KNOBS_BEFORE, KNOBS_GAIN, LUCET_SCALING, SCALING,
    SOAK_RSS_GROWTH_KIB, TAIL,
};
use crate::report::{man, micros, thousands, Language};
use load_driver::report::Measured;

/// The per-core goal's source: each engine's published instantiation time, and the goal it gives.
fn published_per_core(language: Language) -> String {
    let goals: Vec<String> = bench_cases::ENGINES
        .iter()
        .filter_map(|(key, _)| {
            let published = published_instantiation(key)?;
            let name = bench_cases::engine_name(key);
            let figure = format!("[{}]({})", published.figure, published.source);
            let goal = per_core_goal(key)? as u32;
            Some(language.pick(
                &format!("{} {}: {}", name, figure, thousands(goal)),
                &format!("{} は {} なので毎秒 {} 回", name, figure, man(goal)),
            ))
        })
        .collect();
    format!(
        "{}{}",
        language.pick("published: ", "公表値："),
        language.list(&goals)
    )
}

impl Report {
    /// The whole report, as build/load/report.md (report.ja.md) shows it: the throughput, the
    /// chart beside it (chart.svg), the faults.
    pub fn page(&self, language: Language) -> String {
        format!(
            "{}\n![{}](chart.svg)\n\n{}",
            self.throughput(language),
            language.pick("runs/s", "毎秒の実行回数"),
            self.faults(language)
        )
    }

    /// A row of the goals' table: the goal and where it comes from, then per engine its figure
    /// and verdict; where there is no figure, how the measurements it needs (`needs`) ended.
    fn goal_row(
        &self,
        language: Language,
        goal: (&str, &str),
        source: String,
        figure: impl Fn(&EngineLoad) -> Option<(String, Option<Verdict>)>,
        needs: impl Fn(&Task) -> bool,
    ) -> String {
        let cells: Vec<String> = self
            .engines
            .iter()
            // A measurement the goal needs that died fails it, whatever the others gave.
            .map(
                |engine| match engine.died.iter().find(|died| needs(&died.task)) {
                    Some(died) => format!(
                        "**{}**",
                        language.pick(
                            &format!("failed ({})", died.how),
                            &format!("失敗（{}）", died.how)
                        )
                    ),
                    None => match figure(engine) {
                        Some((figure, Some(verdict))) => {
                            let separator = language.pick(": ", "：");
                            format!("{}{}{}", figure, separator, verdict.words(language))
                        }
                        // Not this engine's goal.
                        Some((figure, None)) => figure,
                        None => language.pick("not measured", "計測なし"),
                    },
                },
            )
            .collect();
        format!(
            "| {} | {} | {} |\n",
            language.pick(goal.0, goal.1),
            source,
            cells.join(" | ")
        )
    }

    fn goals_header(&self, language: Language) -> String {
        let names: Vec<&str> = self.engines.iter().map(|e| e.name.as_str()).collect();
        format!(
            "| {} | {} | {} |\n|---|---|{}\n",
            language.pick("goal", "目標"),
            language.pick("where it comes from", "目標の根拠"),
            names.join(" | "),
            "---|".repeat(names.len())
        )
    }

    /// The Performance chapter's part: what was run, the goals of throughput and memory, a table
    /// per engine, the soak.
    pub fn throughput(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let (runs, _, soak) = self.runs;
        let mut out = words(
            &format!(
                "Measured on {}. Each run makes a fresh instance of `guests/faults` and calls \
                 `answer(run)`, which writes the run's number into the guest's memory and answers \
                 from it; the host checks that the answer is its own run's. No WASI output. \
                 {} runs a row; the soak, {} runs.\n\n",
                self.machine.describe(language),
                thousands(runs),
                thousands(soak)
            ),
            &format!(
                "計測環境：{}。実行のたびに `guests/faults` のインスタンスを新しく作り、`answer(run)` を呼びます。\
                 ゲストは実行番号を自分のメモリに書き込み、そこから答えを計算します。ホストは、その答えが\
                 その実行自身のものであることを確かめます。WASI による出力はありません。各行 {} 回、ソークは {} 回です。\n\n",
                self.machine.describe(language),
                man(runs),
                man(soak)
            ),
        );
        out += &self.goals_header(language);
        let times = language.pick("×", "倍");
        let to = language.pick("–", "～");
        // Per engine, its line for a goal over repeated figures: the figures' range, judged on
        // each figure as printed; "–" where the goal is not the engine's.
        let over_repeats = |engine: &EngineLoad, goal: Option<Goal>, figures: Vec<f64>| {
            let goal = match goal {
                Some(goal) => goal,
                None => return Some(("–".to_string(), None)),
            };
            // A measurement of the default configuration that died fails it.
            if let Some(how) = engine.default_config().and_then(|c| c.ended.as_ref()) {
                let failed = language.pick(
                    &format!("**failed** ({})", how),
                    &format!("**失敗**（`{}`）", how),
                );
                return Some((failed, None));
            }
            let figures: Vec<f64> = figures.into_iter().map(as_printed).collect();
            let (least, most) = super::spread(&figures)?;
            let range = match figures.len() {
                1 => format!("{:.2} {}", least, times),
                _ => format!("{:.2}{}{:.2} {}", least, to, most, times),
            };
            Some((range, Some(goal.judge(&figures))))
        };
        // Their measurements' ends are the configurations' own (`Configured::ended`).
        let configs = |_: &Task| false;
        for (key, goal) in [("wasmtime", SCALING), ("lucet", LUCET_SCALING)] {
            let name = bench_cases::engine_name(key);
            out += &self.goal_row(
                language,
                (
                    &format!("{}: 2 workers ≥ {} × the runs/s of 1, in each of {} repeats", name, goal.line, REPEATS),
                    &format!("{}：ワーカー 2 個の毎秒の実行回数が 1 個の {} 倍以上（{} 回の繰り返しのそれぞれで）", name, goal.line, REPEATS),
                ),
                goal.source(language),
                |engine| over_repeats(engine, (engine.key == key).then_some(goal), engine.scaling()),
                configs,
            );
        }
        out += &self.goal_row(
            language,
            (
                &format!("Wasmtime: 1 worker ≥ {} × the runs/s in Wasmtime's defaults (`{}`), in each of {} repeats", KNOBS_GAIN.line, KNOBS_BEFORE, REPEATS),
                &format!("Wasmtime：ワーカー 1 個の毎秒の実行回数が、Wasmtime の既定の設定（`{}`）の {} 倍以上（{} 回の繰り返しのそれぞれで）", KNOBS_BEFORE, KNOBS_GAIN.line, REPEATS),
            ),
            KNOBS_GAIN.source(language),
            |engine| {
                let before = engine.configs.iter().find(|c| c.name == KNOBS_BEFORE);
                let gains = match (engine.default_config(), before) {
                    (Some(chosen), Some(before)) => chosen
                        .one
                        .iter()
                        .zip(&before.one)
                        .map(|(chosen, before)| chosen.runs_per_second / before.runs_per_second)
                        .collect(),
                    _ => Vec::new(),
                };
                over_repeats(engine, (engine.key == "wasmtime").then_some(KNOBS_GAIN), gains)
            },
            configs,
        );
        out += &self.goal_row(
            language,
            (
                &format!("Wasmtime: p99 ≤ {} × p50 at 1 and 2 workers, in each of {} repeats", TAIL.line, REPEATS),
                &format!("Wasmtime：ワーカー 1 個でも 2 個でも p99 が p50 の {} 倍以下（{} 回の繰り返しのそれぞれで）", TAIL.line, REPEATS),
            ),
            TAIL.source(language),
            |engine| {
                let tails = engine.default_config().map_or(Vec::new(), |c| c.tails());
                over_repeats(engine, (engine.key == "wasmtime").then_some(TAIL), tails)
            },
            configs,
        );
        out += &self.goal_row(
            language,
            (
                "runs/s of 1 worker ≥ 1 / the engine's published instantiation time (a run here is an instantiation and a call)",
                "ワーカー 1 個の毎秒の実行回数 ≥ 1 / 各エンジンが公表しているインスタンス化の時間（ここでの実行 1 回は、インスタンス化と呼び出し 1 回）",
            ),
            published_per_core(language),
            |engine| {
                let rate = engine.healthy(1)?.runs_per_second;
                let met = rate >= per_core_goal(&engine.key)?;
                let verdict = Verdict::of(met);
                Some((thousands(rate as u32), Some(verdict)))
            },
            |task| task.kind == Kind::Healthy && task.threads == 1,
        );
        out += &self.goal_row(
            language,
            (
                &format!(
                    "soak: RSS growth after its warm-up (the first tenth) ≤ {} KiB; mappings and descriptors at its end no more than at their peak in its first half after the warm-up",
                    SOAK_RSS_GROWTH_KIB.line
                ),
                &format!(
                    "ソーク：最初の 1 割（ウォームアップ）のあとの RSS の増加が {} KiB 以下、終了時のマッピング数とファイルディスクリプタ数が、ウォームアップ後から全体の半分までの最大値以下",
                    SOAK_RSS_GROWTH_KIB.line
                ),
            ),
            SOAK_RSS_GROWTH_KIB.source(language),
            |engine| {
                let soak = engine.soak()?;
                let (peak, end) = (soak.peak.as_ref()?, &soak.end);
                let figure = language.list(&[
                    format!("{:+} KiB", soak.rss_growth_kib?),
                    format!("{} → {}", peak.maps, end.maps),
                    format!("{} → {}", peak.fds, end.fds),
                ]);
                let verdict = Verdict::of(soak.failures.is_empty());
                Some((figure, Some(verdict)))
            },
            |task| task.kind == Kind::Soak,
        );
        for engine in &self.engines {
            out += &format!("\n#### {}\n\n", engine.name);
            for problem in &engine.problems {
                // The driver's words, as it wrote them: in the Japanese report, a quotation.
                out += &format!(
                    "- {}\n",
                    words(
                        &format!("**Failed**: {}", problem),
                        &format!("**失敗**（ドライバーの報告）：`{}`", problem)
                    )
                );
            }
            if !engine.problems.is_empty() {
                out += "\n";
            }
            out += &words(
                "| workers | runs/s | × 1 worker | p50 | p99 | max | CPU time / wall time | RSS (KiB) | mappings | descriptors |\n",
                "| ワーカー数 | 毎秒の実行回数 | ワーカー 1 個との比 | p50 | p99 | 最大 | CPU 時間 / 経過時間 | RSS (KiB) | マッピング数 | ファイルディスクリプタ数 |\n",
            );
            out += "|---|---|---|---|---|---|---|---|---|---|\n";
            let single = engine.healthy(1).map(|m| m.runs_per_second);
            let scaled =
                |rate: f64| single.map_or("–".to_string(), |one| format!("{:.2}", rate / one));
            for m in engine.measurements.iter().filter(|m| !m.faults) {
                let workers = match m.soak {
                    true => words(
                        &format!("{} (soak)", m.threads),
                        &format!("{}（ソーク）", m.threads),
                    ),
                    false => m.threads.to_string(),
                };
                out += &format!(
                    "| {} | {} | {} | {} | {} | {} | {:.2} | {} → {} | {} → {} | {} → {} |\n",
                    workers,
                    thousands(m.runs_per_second as u32),
                    scaled(m.runs_per_second),
                    micros(m.latency_ns.p50),
                    micros(m.latency_ns.p99),
                    micros(m.latency_ns.max),
                    m.cpu_seconds / m.seconds,
                    m.start.rss_kib,
                    m.end.rss_kib,
                    m.start.maps,
                    m.end.maps,
                    m.start.fds,
                    m.end.fds
                );
            }
            if let Some(rate) = engine.two_processes_runs_per_second {
                out += &format!(
                    "| {} | {} | {} | | | | | | | |\n",
                    words("2 processes × 1", "2 プロセス × ワーカー 1 個"),
                    thousands(rate as u32),
                    scaled(rate)
                );
            }
            out += &engine.configs_table(language);
        }
        out
    }

    /// The faults chapter's part: the fault mix on every worker, per engine.
    pub fn faults(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let mut out = words(
            &format!(
                "Measured on {}. {} runs a row, a fresh instance each; one run in ten misbehaves \
                 instead of answering: in turn `panic` (unreachable), `out_of_bounds`, `divide` by \
                 zero, `recurse` (stack exhaustion) and `spin`, which the watchdog thread stops after {} ms. \
                 Every worker runs the mix at the same time. Latencies are the healthy runs'.\n\n",
                self.machine.describe(language),
                thousands(self.runs.1),
                self.timeout_ms
            ),
            &format!(
                "計測環境：{}。各行 {} 回、毎回新しいインスタンスを使います。10 回に 1 回は、ゲストが答えを\
                 返す代わりに暴れます。`panic`（`unreachable`）、`out_of_bounds`、ゼロでの `divide`、\
                 `recurse`（スタックの枯渇）、`spin` を順に繰り返し、`spin` は監視スレッドが {} ms で\
                 止めます。すべてのワーカーが同時にこれを実行します。レイテンシは正常な実行だけの値です。\n\n",
                self.machine.describe(language),
                man(self.runs.1),
                self.timeout_ms
            ),
        );
        out += &self.goals_header(language);
        out += &self.goal_row(
            language,
            (
                &format!(
                    "{0} wrong answers, {0} lost runs, {0} escapes, {0} duplicated runs, every fault as planned",
                    CONTAINMENT.line
                ),
                &format!(
                    "誤答 {0}、欠落 {0}、波及 {0}、重複 {0}、フォールトはすべて計画どおり",
                    CONTAINMENT.line
                ),
            ),
            CONTAINMENT.source(language),
            |engine| {
                let mut total = [0; 4];
                let mut met = true;
                for m in engine.with_faults() {
                    let c = &m.counts;
                    for (sum, count) in total.iter_mut().zip([c.wrong, c.lost, c.escaped, c.duplicated]) {
                        *sum += count;
                    }
                    met &= m.failures.is_empty();
                }
                // No measurement with the fault mix is no goal met.
                engine.with_faults().next()?;
                let [wrong, lost, escaped, duplicated] = total;
                let figure = language.list(&[wrong, lost, escaped, duplicated].map(|n| n.to_string()));
                let verdict = Verdict::of(met);
                Some((figure, Some(verdict)))
            },
            |task| task.kind == Kind::Faults,
        );
        for engine in &self.engines {
            out += &format!("\n#### {}\n\n", engine.name);
            out += &words(
                "| workers | runs/s | p50 | p99 | p99 / p50 | faults as planned | wrong | escaped | lost | duplicated |\n",
                "| ワーカー数 | 毎秒の実行回数 | p50 | p99 | p99 / p50 | 計画どおりのフォールト | 誤答 | 波及 | 欠落 | 重複 |\n",
            );
            out += "|---|---|---|---|---|---|---|---|---|---|\n";
            for m in engine.with_faults() {
                let c = &m.counts;
                out += &format!(
                    "| {} | {} | {} | {} | {:.1} | {} / {} | {} | {} | {} | {} |\n",
                    m.threads,
                    thousands(m.runs_per_second as u32),
                    micros(m.latency_ns.p50),
                    micros(m.latency_ns.p99),
                    m.latency_ns.p99 as f64 / m.latency_ns.p50 as f64,
                    c.faults.values().sum::<u64>(),
                    c.planned_faults.values().sum::<u64>(),
                    c.wrong,
                    c.escaped,
                    c.lost,
                    c.duplicated
                );
            }
        }
        out
    }

    /// Runs/s by workers, a bar per engine.
    pub fn chart(&self) -> String {
        let colours = ["#4e79a7", "#f28e2b"];
        let mut groups: Vec<(String, Vec<f64>)> = Vec::new();
        let mut threads: Vec<u32> = self
            .engines
            .iter()
            .flat_map(|e| {
                e.measurements
                    .iter()
                    .filter(|m| !m.faults && !m.soak)
                    .map(|m| m.threads)
            })
            .collect();
        threads.sort_unstable();
        threads.dedup();
        for t in threads {
            let rates = self
                .engines
                .iter()
                .map(|e| e.healthy(t).map_or(0.0, |m| m.runs_per_second))
                .collect();
            groups.push((format!("{} thread(s)", t), rates));
        }
        let rates = self
            .engines
            .iter()
            .map(|e| e.two_processes_runs_per_second.unwrap_or(0.0))
            .collect();
        groups.push(("2 processes × 1".to_string(), rates));
        let top = groups
            .iter()
            .flat_map(|(_, rates)| rates.iter().copied())
            .fold(1.0, f64::max);
        let (width, height, bar) = (120.0 * groups.len() as f64 + 40.0, 260.0, 40.0);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"12\">\n",
            width, height
        );
        for (g, (label, rates)) in groups.iter().enumerate() {
            let x = 40.0 + 120.0 * g as f64;
            for (e, rate) in rates.iter().enumerate() {
                let h = 180.0 * rate / top;
                svg += &format!(
                    "<rect x=\"{:.0}\" y=\"{:.0}\" width=\"{}\" height=\"{:.0}\" fill=\"{}\"/>\n<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>\n",
                    x + bar * e as f64, 210.0 - h, bar - 4.0, h, colours[e % 2],
                    x + bar * e as f64 + 18.0, 205.0 - h, thousands(*rate as u32)
                );
            }
            svg += &format!("<text x=\"{:.0}\" y=\"228\">{}</text>\n", x, label);
        }
        for (e, engine) in self.engines.iter().enumerate() {
            let x = 40.0 + 200.0 * e as f64;
            svg += &format!(
                "<rect x=\"{:.0}\" y=\"240\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.0}\" y=\"251\">{} (runs/s)</text>\n",
                x, colours[e % 2], x + 16.0, engine.name
            );
        }
        svg + "</svg>\n"
    }
}

impl EngineLoad {
    /// Each configuration at 1 and 2 workers, the repeats' median and range, marking the default
    /// and the one the rule picks (`picked`).
    fn configs_table(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let (default, picked) = match (self.default_config(), self.picked()) {
            (Some(default), Some(picked)) => (default, picked),
            _ => return String::new(),
        };
        let mut out = words(
            &format!(
                "\nIts configurations, each at 1 and 2 workers, {} times in turn, a process each: the \
                 median runs/s (the range in brackets), and the largest p99 / p50. The first is \
                 its binary's default.\n\n",
                REPEATS
            ),
            &format!(
                "\n設定ごとに、ワーカー 1 個と 2 個で、順に {} 回ずつ（毎回別のプロセスで）計測しました。毎秒の実行回数の中央値（括弧内は範囲）と、p99 / p50 の最大値です。最初の行が、バイナリの既定の設定です。\n\n",
                REPEATS
            ),
        );
        out += &words(
            "| configuration | 1 worker runs/s | p99 / p50 | 2 workers runs/s | p99 / p50 | 2 workers ÷ 1 |\n",
            "| 設定 | ワーカー 1 個の毎秒の実行回数 | p99 / p50 | ワーカー 2 個の毎秒の実行回数 | p99 / p50 | 2 個 ÷ 1 個 |\n",
        );
        out += "|---|---|---|---|---|---|\n";
        let rates = |measured: &[Measured]| {
            let figures: Vec<f64> = measured.iter().map(|m| m.runs_per_second).collect();
            match (super::spread(&figures), super::median(figures)) {
                (Some((least, most)), Some(median)) => language.pick(
                    &format!(
                        "{} ({}–{})",
                        thousands(median as u32),
                        thousands(least as u32),
                        thousands(most as u32)
                    ),
                    &format!(
                        "{}（{}～{}）",
                        thousands(median as u32),
                        thousands(least as u32),
                        thousands(most as u32)
                    ),
                ),
                _ => "–".to_string(),
            }
        };
        let tail = |measured: &[Measured]| {
            let tails = super::tails(measured.iter());
            super::spread(&tails).map_or("–".to_string(), |(_, most)| format!("{:.1}", most))
        };
        for config in &self.configs {
            let mut name = format!("`{}`", config.name);
            if std::ptr::eq(config, default) {
                name += &words(" (the default)", "（既定）");
            }
            let scaling = super::median(config.scaling())
                .map_or("–".to_string(), |ratio| format!("{:.2}", ratio));
            let failure = config.failure();
            // The last column: 2 workers over 1, or what went wrong (in the Japanese report, the
            // binary's words are a quotation).
            let last = match failure {
                Some(failure) => words(
                    &format!("**failed: {}**", failure),
                    &format!("**失敗：`{}`**", failure),
                ),
                None => scaling,
            };
            out += &format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                name,
                rates(&config.one),
                tail(&config.one),
                rates(&config.two),
                tail(&config.two),
                last
            );
        }
        out += &words(
            &format!(
                "\nOf the configurations whose p99 stayed within {} × p50 in every measurement (of \
                 all, if none did), the most runs/s at 2 workers: `{}`{}.\n",
                TAIL.line,
                picked.name,
                if std::ptr::eq(picked, default) {
                    ", the default"
                } else {
                    "; **not** the default"
                }
            ),
            &format!(
                "\nすべての計測で p99 が p50 の {} 倍以下だった設定のうち（そのような設定がなければ、すべての設定のうち）、ワーカー 2 個の毎秒の実行回数が最も多いのは `{}` です。{}\n",
                TAIL.line,
                picked.name,
                if std::ptr::eq(picked, default) {
                    "既定の設定と同じです。"
                } else {
                    "既定の設定とは**異なります**。"
                }
            ),
        );
        out
    }
}
