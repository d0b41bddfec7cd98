//! `make bench`'s pages, from its `Report` alone: the Performance chapter's tables in English and
//! Japanese, and the chart. Nothing here measures, reads a file or the environment.
use super::{Guest, Host, Id, Report, LUCET_SUITE, REPEATS};
use crate::goals::{self, Goal};
use crate::hyperfine::Timing;
use crate::report::{kib, time, Language};
use bench_cases::{
    CASES, COMPONENT_INSTANTIATE_POOLED, COMPONENT_RUN_HELLO, GREET_CANONICAL_ABI,
    GREET_POINTER_LENGTH, INSTANTIATE_POOLED, NATIVE_ADD, RUN_ADD, RUN_HELLO,
};

impl Report {
    /// The Performance chapter's part, in `language`.
    pub fn markdown(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let source = |case: &str| {
            let case = CASES.iter().find(|c| c.name == case).unwrap();
            case.published
                .as_ref()
                .map_or("", |published| published.source)
        };
        let mut out = words(
            &format!("Measured on {}.\n\n", self.machine.describe(language)),
            &format!("計測環境：{}。\n\n", self.machine.describe(language)),
        );
        out += &words(
            &format!(
                "Medians, with criterion's 95 % confidence interval. The last column holds a case \
                 against what the engine's authors published: [Lucet's instantiation in under \
                 50 µs]({}), [Wasmtime's in about 5 µs]({}) with the pooling allocator and \
                 `InstancePre`, and [its calls into a guest in a few tens of nanoseconds]({}).\n\n",
                source(bench_cases::INSTANTIATE_AND_RUN),
                source(bench_cases::INSTANTIATE_POOLED),
                source(bench_cases::WARM_CALL)
            ),
            &format!(
                "値は中央値で、括弧内は criterion による 95 % 信頼区間です。最後の列は、エンジンの\
                 開発元が公表した数値との比較です：[Lucet のインスタンス化は 50 µs 未満]({})、\
                 [Wasmtime のインスタンス化はプーリングアロケータと `InstancePre` で約 5 µs]({})、\
                 [Wasmtime でのホストからゲストへの呼び出しは数十ナノ秒]({})。\n\n",
                source(bench_cases::INSTANTIATE_AND_RUN),
                source(bench_cases::INSTANTIATE_POOLED),
                source(bench_cases::WARM_CALL)
            ),
        );
        let names: Vec<String> = self
            .columns
            .iter()
            .map(|column| column_name(column, language))
            .collect();
        out += &format!(
            "| {} | {} | Wasmtime/Lucet | {} |\n",
            words("case", "ケース"),
            names.join(" | "),
            words("published figure, as judged", "公表値（判定の基準）")
        );
        out += &format!("|---|{}---|---|\n", "---|".repeat(self.columns.len()));
        for row in &self.cases {
            let cells: Vec<String> = self
                .columns
                .iter()
                .map(|column| match row.estimates.get(column) {
                    Some(e) => format!("{} ({}–{})", time(e.median), time(e.low), time(e.high)),
                    None => "–".to_string(),
                })
                .collect();
            let ratio = match (row.estimates.get("wasmtime"), row.estimates.get("lucet")) {
                (Some(w), Some(l)) => format!("{:.2}", w.median / l.median),
                _ => "–".to_string(),
            };
            let published = row.published.as_ref().map_or(String::new(), |published| {
                let verdict = match published.within {
                    true => words("within", "範囲内"),
                    false => words("**beyond**", "**超過**"),
                };
                let separator = words(": ", "：");
                let engine = bench_cases::engine_name(&published.engine);
                format!("{} {}{}{}", engine, published.figure, separator, verdict)
            });
            out += &format!(
                "| {} | {} | {} | {} |\n",
                row.case,
                cells.join(" | "),
                ratio,
                published
            );
        }
        if let Some(why) = &self.lucet_suite_not_run {
            out += &words(
                &format!(
                    "\nLucet's own suite did not run: {}.\n",
                    not_run(why, language)
                ),
                &format!(
                    "\nLucet 自身のベンチマークは実行されませんでした：{}。\n",
                    not_run(why, language)
                ),
            );
        }
        out += &words("\nRatios:\n\n", "\n比率：\n\n");
        for host in &self.hosts {
            if let (Some(run), Some(native)) = (
                self.estimate(RUN_ADD, &host.engine),
                self.estimate(NATIVE_ADD, "wasmtime"),
            ) {
                out += &words(
                    &format!(
                        "- {}: `run_add` / native `add`: {:.0}× (the call, WASI's `println!` into \
                         a sink and the sandbox)\n",
                        host.name(),
                        run / native
                    ),
                    &format!(
                        "- {}：`run_add` はネイティブの `add` の {:.0} 倍です。呼び出し自体、出力を捨てる\
                         シンクへの WASI の `println!`、サンドボックスのコストを含みます。\n",
                        host.name(),
                        run / native
                    ),
                );
            }
            let (name, ext) = (host.name(), &host.extension);
            let (Some(total), start) = (host.run_ns.map(time), time(host.start_ns)) else {
                continue;
            };
            let Some((run, raw, overhead)) = self.own_work(host) else {
                out += &words(
                    &format!(
                        "- {name}: the host, `HOST add.{ext} add 5 3`, {total} from start to exit; \
                         process start alone (`HOST --version`) {start}: too close to tell the \
                         host's own work apart from the spread of the two runs\n"
                    ),
                    &format!(
                        "- {name}：ホスト（`HOST add.{ext} add 5 3`）は、起動から終了までが {total}、\
                         プロセスの起動だけ（`HOST --version`）で {start} です。差が小さすぎて、2 つの\
                         計測のばらつきとホスト自身の処理を区別できません。\n"
                    ),
                );
                continue;
            };
            let (run, raw) = (time(run), time(raw));
            out += &words(
                &format!(
                    "- {name}: the host, `HOST add.{ext} add 5 3`, {total} from start to exit; \
                         without process start (`HOST --version`: {start}), {run}; the raw API \
                         (load, instantiate, run) {raw}: the host's own work is {overhead:.0} % of \
                         a run\n"
                ),
                &format!(
                    "- {name}：ホスト（`HOST add.{ext} add 5 3`）は、起動から終了までが {total}、\
                         プロセスの起動（`HOST --version`：{start}）を除くと {run} です。API を直接\
                         呼ぶと（ロード、インスタンス化、実行）{raw} なので、1 回の実行の \
                         {overhead:.0} % がホスト自身の処理です。\n"
                ),
            );
        }
        out += &self.components(language);
        out += &self.whole_processes_table(language);
        out += &words(
            "\nAOT compile time (median of 3 runs; wasmtime-compile's Cranelift is built at \
             opt-level 0, so that the first Hello comes sooner: see \"The time to the first \
             Hello\") and sizes:\n\n",
            "\nAOT コンパイル時間（3 回の中央値）とサイズは次のとおりです。wasmtime-compile の Cranelift \
             は、最初の Hello までの時間を縮めるため、opt-level 0 でビルドしています（「最初の Hello \
             までの時間」を参照）。\n\n",
        );
        out += "| | Lucet (lucetc) | Wasmtime (wasmtime-compile) |\n|---|---|---|\n";
        // A row per guest: `label`, then each engine's figure, `cell` of (compile ns, bytes).
        let rows = |label: &dyn Fn(&Guest) -> String, cell: &dyn Fn(&(f64, u64)) -> String| {
            let mut rows = String::new();
            for guest in &self.guests {
                let of = |engine| guest.compiled.get(engine).map_or("–".to_string(), cell);
                rows += &format!(
                    "| {} | {} | {} |\n",
                    label(guest),
                    of("lucet"),
                    of("wasmtime")
                );
            }
            rows
        };
        out += &rows(
            &|guest| {
                words(
                    &format!("compile {} (AOT)", guest.name),
                    &format!("{} のコンパイル（AOT）", guest.name),
                )
            },
            &|(ns, _)| time(*ns),
        );
        out += &rows(
            &|guest| {
                let wasm = kib(guest.wasm_bytes);
                words(
                    &format!("{}: .wasm → artifact ({})", guest.name, wasm),
                    &format!("{}：コンパイル後のサイズ（.wasm は {}）", guest.name, wasm),
                )
            },
            &|(_, bytes)| kib(*bytes),
        );
        out
    }

    /// A horizontal bar chart, a log scale of time, one bar per column for each case.
    pub fn chart(&self) -> String {
        let colours = ["#d95f02", "#1b9e77", "#7570b3"];
        let (left, width, bar, gap) = (290.0, 560.0, 12.0, 10.0);
        let (min, max) = (1.0f64.log10(), 1e6f64.log10());
        let x = |ns: f64| left + (ns.max(1.0).log10() - min) / (max - min) * width;
        let columns = self.columns.len() as f64;
        let height = 40.0 + self.cases.len() as f64 * (bar * columns + gap) + 40.0;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"11\">\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
            left + width + 20.0,
            height
        );
        for (power, label) in ["1 ns", "10 ns", "100 ns", "1 µs", "10 µs", "100 µs", "1 ms"]
            .into_iter()
            .enumerate()
        {
            let at = x(10f64.powi(power as i32));
            svg += &format!(
                "<line x1=\"{at:.1}\" y1=\"30\" x2=\"{at:.1}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{at:.1}\" y=\"22\" text-anchor=\"middle\">{label}</text>\n",
                height - 30.0
            );
        }
        let mut y = 40.0;
        for row in &self.cases {
            svg += &format!(
                "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
                left - 8.0,
                y + bar * columns / 2.0 + 4.0,
                row.case.replace('&', "&amp;").replace('<', "&lt;")
            );
            for (i, column) in self.columns.iter().enumerate() {
                if let Some(e) = row.estimates.get(column) {
                    svg += &format!(
                        "<rect x=\"{left}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
                        x(e.median) - left,
                        bar - 2.0,
                        colours[i],
                        time(e.median)
                    );
                }
                y += bar;
            }
            y += gap;
        }
        for (i, column) in self.columns.iter().enumerate() {
            let name = column_name(column, Language::English);
            let at = left + i as f64 * 170.0;
            svg += &format!(
                "<rect x=\"{at}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{:.1}\">{name}</text>\n",
                height - 22.0,
                colours[i],
                at + 14.0,
                height - 13.0
            );
        }
        svg + "</svg>\n"
    }
}

impl Report {
    /// The component cases against their core counterparts, on Wasmtime, in a table of their own,
    /// between anchors: the Components chapter includes it (`report.LANG.markdown:components`).
    fn components(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let estimate = |case| self.estimate(case, "wasmtime");
        let whole = |guest: &str, engine: &str| {
            let table = self.whole_processes.iter().find(|t| t.guest == guest)?;
            Some(table.timing(&Id::Host(engine.to_string()))?.median)
        };
        let host = crate::engines::COMPONENT;
        #[rustfmt::skip]
        let rows = [
            (words("`hello` instantiated from the pool (`InstancePre`)", "`hello` をプールからインスタンス化（`InstancePre`）"),
             estimate(INSTANTIATE_POOLED), estimate(COMPONENT_INSTANTIATE_POOLED)),
            (words("`hello` run on a fresh instance", "新しいインスタンスで `hello` を実行"),
             estimate(RUN_HELLO), estimate(COMPONENT_RUN_HELLO)),
            (words("`greet`, a string in and out: core, `alloc` and pointer/length; component, the canonical ABI", "`greet` に文字列を渡して受け取る（コアモジュールは `alloc` とポインタと長さ、コンポーネントは正準 ABI）"),
             estimate(GREET_POINTER_LENGTH), estimate(GREET_CANONICAL_ABI)),
            (words("the host, `hello`, a whole process", "ホストで `hello` を実行（プロセス全体）"),
             whole("hello", "wasmtime"), whole("hello", host)),
            (words("the host, `add 5 3`, a whole process", "ホストで `add 5 3` を実行（プロセス全体）"),
             whole("add", "wasmtime"), whole("add", host)),
        ];
        if rows
            .iter()
            .all(|(_, core, component)| core.is_none() || component.is_none())
        {
            return String::new();
        }
        let mut out = words(
            "\nThe same work on a core module and on a component, on Wasmtime (medians):\n\n",
            "\n同じ処理を、Wasmtime の上でコアモジュールとコンポーネントで比べたものです（中央値）。\n\n",
        );
        out += "<!-- ANCHOR: components -->\n";
        out += &format!(
            "| {} | {} | {} | {} |\n|---|---|---|---|\n",
            words("Wasmtime", "処理（Wasmtime）"),
            words("core module", "コアモジュール"),
            words("component", "コンポーネント"),
            words("component / core", "コンポーネント／コアモジュール"),
        );
        for (what, core, component) in rows {
            let cell = |ns: Option<f64>| ns.map_or("–".to_string(), time);
            let ratio = match (core, component) {
                (Some(core), Some(component)) => format!("{:.2}", component / core),
                _ => "–".to_string(),
            };
            out += &format!(
                "| {} | {} | {} | {} |\n",
                what,
                cell(core),
                cell(component),
                ratio
            );
        }
        out + "<!-- ANCHOR_END: components -->\n"
    }

    /// The whole-process rows, a table per guest, with the goals they are held to.
    fn whole_processes_table(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let version = &self.wasmtime_version;
        let mut out = words(
            &format!(
                "\nWhole processes, each run from start to exit by hyperfine (30 runs after 3 \
                 warm-up runs, no shell between): the hosts; the runtimes a reader would use \
                 instead, on the same guests, the Wasmtime CLI {v} (`cargo install --locked \
                 wasmtime-cli@{v}` from crates.io; `wasmtime-min`: the same with \
                 `--no-default-features --features run`) and Node's `node:wasi`; and a process \
                 that does nothing. Medians, with the fastest and slowest run; each row also as a \
                 multiple of the fastest peer and of the process that does nothing.\n",
                v = version
            ),
            &format!(
                "\nプロセス全体の時間です。hyperfine で、起動から終了までを 1 回として計りました。ウォームアップ \
                 3 回のあと 30 回で、シェルは挟みません。対象は、ホスト、読者がその代わりに使いそうなランタイム、\
                 何もしないプロセスです。ランタイムは、同じゲストを動かす Wasmtime CLI {v} と、Node の \
                 `node:wasi` です。Wasmtime CLI は crates.io から `cargo install --locked wasmtime-cli@{v}` \
                 でビルドしました。`wasmtime-min` は、同じコマンドに `--no-default-features --features run` \
                 を付けてビルドしました。値は中央値で、最速と最遅の回を添えています。各行は、最速の比較対象の\
                 何倍か、何もしないプロセスの何倍かでも示します。\n",
                v = version
            ),
        );
        for table in &self.whole_processes {
            let fastest_peer = table
                .rows
                .iter()
                .filter(|row| row.id.is_peer())
                .filter_map(|row| row.timing.map(|t| t.median))
                .fold(None, |fastest: Option<f64>, t| {
                    Some(fastest.map_or(t, |f| f.min(t)))
                });
            let no_op = table.timing(&Id::NoOp).map(|t| t.median);
            let guest = match table.guest.as_str() {
                "add" => words("`add`, `add 5 3`", "`add`（`add 5 3`）"),
                "greet" => {
                    let name = bench_cases::GREET.1;
                    words(
                        &format!("`greet`, `{}` in and out", name),
                        &format!("`greet`（`{}` を渡し、文字列を受け取る）", name),
                    )
                }
                guest => format!("`{}`", guest),
            };
            out += &format!(
                "\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
                guest,
                words("median", "中央値"),
                words("fastest – slowest", "最速 – 最遅"),
                words("× fastest peer", "最速の比較対象との比"),
                words("× no-op", "何もしないプロセスとの比"),
            );
            for row in &table.rows {
                let (english, japanese) = row.id.name();
                let name = words(&english, &japanese);
                let ratio = |to: Option<f64>, t: &Timing| {
                    to.map_or("–".to_string(), |to| format!("{:.2}", t.median / to))
                };
                out += &match &row.timing {
                    Some(t) => format!(
                        "| {} | {} | {} – {} | {} | {} |\n",
                        name,
                        time(t.median),
                        time(t.min),
                        time(t.max),
                        ratio(fastest_peer, t),
                        ratio(no_op, t)
                    ),
                    None => {
                        let (english, japanese) = row.id.missing();
                        format!("| {} | {} | | | |\n", name, words(english, japanese))
                    }
                };
            }
        }
        out + &self.start_up_goals(language)
    }

    /// The goals of the hosts' start-up, each with where it comes from: `hello` against
    /// `wasmtime-min`, the peer doing the same job, and against a process that does nothing, the
    /// floor; each judged on every repeat, the spread shown. The hosts' own work in a run of `add`
    /// is shown, not judged: nothing sets a line for it.
    fn start_up_goals(&self, language: Language) -> String {
        let words = |english: &str, japanese: &str| language.pick(english, japanese);
        let hello = self
            .whole_processes
            .iter()
            .find(|table| table.guest == "hello");
        let repeats = |id: &Id| hello.and_then(|table| table.repeats(id));
        // Each repeat's ratio, judged on the figure as printed.
        let ratios = |of: &[f64], to: &[f64]| -> Vec<f64> {
            of.iter()
                .zip(to)
                .map(|(of, to)| goals::as_printed(of / to))
                .collect()
        };
        let row = |said: String, goal: &Goal, ratios: Vec<f64>| {
            let (low, high) = ratios
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), r| (l.min(*r), h.max(*r)));
            let verdict = goal.judge(&ratios).words(language);
            format!(
                "| {} | {} | {:.2} {} | {:.2} – {:.2} | {} |\n",
                said,
                goal.source(language),
                ratios[0],
                words("×", "倍"),
                low,
                high,
                verdict
            )
        };
        let mut out = format!(
            "\n{}\n\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            words(
                &format!(
                    "Each goal is judged on each of {} hyperfine runs of the `hello` table above; the figure is the first run's.",
                    REPEATS
                ),
                &format!(
                    "各目標は、上の `hello` の表の hyperfine による計測 {} 回のそれぞれで判定します。「結果」の列は 1 回目の値です。",
                    REPEATS
                )
            ),
            words("goal", "目標"),
            words("where it comes from", "目標の根拠"),
            words("figure", "結果"),
            words(
                &format!("{} runs: lowest – highest", REPEATS),
                &format!("{} 回の最小 – 最大", REPEATS)
            ),
            words("verdict", "判定"),
        );
        // A host's `hello` against `to` (in English, in Japanese with its particle), by `goal`.
        let said = |host: &Host, goal: &Goal, to: (&str, &str)| {
            words(
                &format!(
                    "the {} host's `hello` ≤ {} × {}",
                    host.name(),
                    goal.line,
                    to.0
                ),
                &format!(
                    "{} のホストの `hello` ≤ {}{} 倍",
                    host.name(),
                    to.1,
                    goal.line
                ),
            )
        };
        for host in &self.hosts {
            let host_repeats = repeats(&Id::Host(host.engine.clone()));
            let peer = goals::HELLO_OVER_WASMTIME_MIN;
            let goal = said(host, &peer, ("`wasmtime-min`'s", "`wasmtime-min` の "));
            out += &match (host_repeats, repeats(&Id::WasmtimeMin)) {
                (Some(host), Some(min)) => row(goal, &peer, ratios(host, min)),
                _ => format!(
                    "| {} | {} | {} | | |\n",
                    goal,
                    peer.source(language),
                    words(
                        "not measured: `wasmtime-min` not installed (`make bench-prerequisites`)",
                        "計測なし：`wasmtime-min` が未インストール（`make bench-prerequisites`）"
                    )
                ),
            };
            if let (Some(of_host), Some(no_op)) = (host_repeats, repeats(&Id::NoOp)) {
                let floor = goals::HELLO_OVER_NO_OP;
                let to = ("a process that does nothing", "何もしないプロセスの ");
                let goal = said(host, &floor, to);
                out += &row(goal, &floor, ratios(of_host, no_op));
            }
        }
        for host in &self.hosts {
            if let Some((_, _, own)) = self.own_work(host) {
                out += &words(
                    &format!(
                        "\nThe {} host's own work in `add 5 3`, process start excluded: {:.1} % of the run (shown, not a goal).\n",
                        host.name(), own
                    ),
                    &format!(
                        "\n{} のホストの `add 5 3` での、ホスト自身の処理（プロセスの起動を除く）：実行時間の {:.1} %（目標ではなく参考値）。\n",
                        host.name(), own
                    ),
                );
            }
        }
        out
    }
}

/// scripts/lucet-benchmarks' reason (`prerequisites`, or `cpu-detection FLAG`), in words, for the
/// Performance chapter (whose links to the errata are to its language's catalog).
fn not_run(why: &str, language: Language) -> String {
    let flag = why.strip_prefix("cpu-detection ");
    match (flag, language) {
        (Some(flag), Language::English) => format!(
            "it compiles its guest for the host CPU, and lucetc's CPU detection panics on this \
             one ([erratum T3](errata.md#t3-lucetc-panics-detecting-the-cpu--assertion-failed-reseax--0): {})",
            flag
        ),
        (Some(flag), Language::Japanese) => format!(
            "このベンチマークはゲストをホストの CPU 向けにコンパイルしますが、この CPU では lucetc の \
             CPU 検出がパニックします（[トラブルシューティングの T3](errata.md#t3lucetc-が-cpu-の検出でパニックするassertion-failed-reseax--0)：{}）",
            flag
        ),
        (None, Language::English) => "it needs clang-14, lld-14 and wasi-libc; install them \
                                      with `make bench-prerequisites`"
            .to_string(),
        (None, Language::Japanese) => "clang-14、lld-14、wasi-libc が必要です。\
                                       `make bench-prerequisites` でインストールできます"
            .to_string(),
    }
}

/// A column's name, from its key: an engine's, or Lucet's own suite.
fn column_name(key: &str, language: Language) -> String {
    match key {
        LUCET_SUITE => language.pick("Lucet's own suite", "Lucet 自身のベンチマーク"),
        key => bench_cases::engine_name(key).to_string(),
    }
}

impl Host {
    /// Its engine's name.
    fn name(&self) -> &str {
        bench_cases::engine_name(&self.engine)
    }
}

impl Id {
    /// The row's name, in English and Japanese.
    fn name(&self) -> (String, String) {
        match self {
            Id::Host(key) if key == crate::engines::COMPONENT => (
                "the component host (Wasmtime, WASI 0.2), the component's .cwasm".to_string(),
                "コンポーネントのホスト（Wasmtime、WASI 0.2、コンポーネントの .cwasm）".to_string(),
            ),
            Id::Host(key) => {
                let name = bench_cases::engine_name(key);
                (format!("the {} host", name), format!("{} のホスト", name))
            }
            Id::WasmtimeRunComponent => (
                "`wasmtime run`, the component's .wasm".to_string(),
                "`wasmtime run`（コンポーネントの .wasm）".to_string(),
            ),
            Id::WasmtimeRun => (
                "`wasmtime run`, the .wasm".to_string(),
                "`wasmtime run`（.wasm）".to_string(),
            ),
            Id::WasmtimeMin => (
                "`wasmtime-min run --allow-precompiled`, a .cwasm of `wasmtime compile`"
                    .to_string(),
                "`wasmtime-min run --allow-precompiled`（`wasmtime compile` の .cwasm）"
                    .to_string(),
            ),
            Id::Node => (
                "Node's `node:wasi`, the .wasm".to_string(),
                "Node の `node:wasi`（.wasm）".to_string(),
            ),
            Id::NoOp => (
                "a process that does nothing (`/bin/true`)".to_string(),
                "何もしないプロセス（`/bin/true`）".to_string(),
            ),
        }
    }

    /// Why a peer has no row of figures, in English and Japanese.
    fn missing(&self) -> (&'static str, &'static str) {
        match self {
            Id::Node => (
                "Node 20 or later not found (its `node:wasi` takes a WASI version)",
                "Node 20 以降が見つかりません（`node:wasi` に WASI のバージョンを渡すため）",
            ),
            _ => (
                "not installed: `make bench-prerequisites`",
                "未インストール：`make bench-prerequisites`",
            ),
        }
    }
}
