//! What a run of `make fuzz-diff` came to, measured (`Report`), then rendered in either language.
use crate::compare::OPEN;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use xtask::report::{thousands, Language, Machine};

#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub machine: Machine,
    pub lucet: String,
    pub wasmtime: String,
    /// How long the modules took, generated, compiled, run and compared (shrinking aside).
    pub seconds: f64,
    pub workers: usize,
    /// The first seed: the modules are those of seed, seed + 1, and so on.
    pub seed: u64,
    pub modules: u32,
    pub calls: u64,
    pub agreed: u32,
    /// Differences the spec leaves open, by `compare::OPEN`'s key.
    pub open: BTreeMap<String, u32>,
    /// Disagreements by class, with the first one's seed and what it was.
    pub classes: BTreeMap<String, Class>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Class {
    pub count: u32,
    pub seed: u64,
    pub what: String,
    /// The finding's folder, once shrunk (its module's size before and after).
    pub shrunk: Option<(String, u64, u64)>,
    /// The committed finding that explains it, if one does (fuzz/findings/NAME).
    pub known: Option<String>,
}

impl Report {
    /// Whether every disagreement is one a committed finding explains.
    pub fn passed(&self) -> bool {
        self.classes.values().all(|class| class.known.is_some())
    }

    pub fn markdown(&self, language: Language) -> String {
        let per_second = self.modules as f64 / self.seconds.max(1.0);
        let (machine, lucet, wasmtime) =
            (self.machine.describe(language), &self.lucet, &self.wasmtime);
        let (seconds, workers, seed) = (self.seconds, self.workers, self.seed);
        let modules = thousands(self.modules);
        let (calls, agreed) = (thousands(self.calls as u32), thousands(self.agreed));
        let mut out = match language {
            Language::English => format!(
                "Measured on {machine}. {lucet} against {wasmtime} for {seconds:.0} s with {workers} workers from seed {seed}: **{modules} modules** ({per_second:.1} a second), {calls} calls on the two engines together. The same on both: **{agreed}**.\n\n"
            ),
            Language::Japanese => format!(
                "{machine}。{lucet} と {wasmtime} を {seconds:.0} 秒、ワーカー {workers} 個で、シード {seed} から: **{modules} 個のモジュール**（毎秒 {per_second:.1} 個）。関数の呼び出しは両エンジン合わせて {calls}。両者が同じだったもの: **{agreed} 個**。\n\n"
            ),
        };
        out += &language.pick(
            "| what | modules | why |\n|---|---|---|\n",
            "| 内容 | モジュール数 | 理由 |\n|---|---|---|\n",
        );
        for (key, english, japanese) in OPEN {
            let count = self.open.get(*key).copied().unwrap_or(0);
            out += &format!(
                "| {}`{}` | {} | {} |\n",
                language.pick("spec leaves open: ", "仕様が定めない: "),
                key,
                thousands(count),
                language.pick(english, japanese)
            );
        }
        for (class, found) in &self.classes {
            let why = match &found.known {
                Some(name) => language.pick(
                    &format!("a finding: `fuzz/findings/{}`", name),
                    &format!("発見事項: `fuzz/findings/{}`", name),
                ),
                None => {
                    let what = code(&found.what);
                    language.pick(
                        &format!("**not yet explained**: seed {}, {}", found.seed, what),
                        &format!("**未解明**: シード {}、{}", found.seed, what),
                    )
                }
            };
            let count = thousands(found.count);
            out += &format!("| {} | {} | {} |\n", code(class), count, why);
        }
        out
    }
}

/// `text` as inline code in a table cell: no backtick or bar of its own to end it early.
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'").replace('|', "/"))
}
