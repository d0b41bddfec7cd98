//! The engines `make` found and built, as the project's tools see them: each one's key and version
//! (its name as every run's banner says it), host, load binary, artifacts and AOT compiler, and
//! the peers `make bench` compares them with. Make writes them once per run to build/engines.json (its `engines` target);
//! every tool reads them here.
use anyhow::{Context, Result};
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};
use std::process::Command;

/// build/engines.json.
#[derive(Debug, Deserialize)]
pub struct Engines {
    /// None without a Lucet checkout.
    pub lucet: Option<Engine>,
    pub wasmtime: Engine,
    /// Wasmtime on the guests as components (WASI 0.2): `make faults` and `make capabilities` run
    /// it beside the others; it has no `load` binary.
    pub component: Engine,
    /// The peers of `make bench`, where `make bench-prerequisites` puts them (they may be absent).
    pub wasmtime_cli: PathBuf,
    pub wasmtime_min: PathBuf,
    pub hyperfine: PathBuf,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Engine {
    key: Key,
    /// `51fb1ed`, `48.0.8`.
    pub version: String,
    pub host: PathBuf,
    /// `make load`'s binary, built beside the host: load-lucet, load-wasmtime.
    pub load: PathBuf,
    /// The AOT compiler and its flags, a word each, to which `MODULE.wasm -o ARTIFACT` is added.
    compiler: Vec<String>,
    /// The artifacts' extension: `so` or `cwasm`.
    pub extension: String,
    /// Lucet's: the checkout.
    #[serde(default)]
    pub checkout: Option<PathBuf>,
}

impl Engines {
    /// What the last make found (build/engines.json).
    pub fn read() -> Result<Engines> {
        let path = crate::project_root().join("build/engines.json");
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "reading {} (run this through make: make test, make faults, make bench … write it)",
                path.display()
            )
        })?;
        serde_json::from_str(&text)
            .with_context(|| format!("reading {} (make writes it again)", path.display()))
    }

    /// Lucet when `make` found a checkout, then Wasmtime: the engines of `make bench` and
    /// `make load`, on core modules.
    pub fn found(&self) -> Vec<&Engine> {
        self.lucet.iter().chain(Some(&self.wasmtime)).collect()
    }

    /// `found()`, then Wasmtime on components: the columns of `make faults` and
    /// `make capabilities`.
    pub fn with_components(&self) -> Vec<&Engine> {
        let mut engines = self.found();
        engines.push(&self.component);
        engines
    }
}

/// One of `bench_cases::ENGINES`' keys, `lucet` or `wasmtime`, or `component`: read as one of
/// them, or refused with an error that names it.
#[derive(Clone, Copy, Debug)]
struct Key(&'static str);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        let key = String::deserialize(deserializer)?;
        let mut known = bench_cases::ENGINES
            .iter()
            .map(|(known, _)| *known)
            .chain(Some(COMPONENT));
        known
            .find(|known| *known == key)
            .map(Key)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown engine {:?}", key)))
    }
}

/// The key of Wasmtime on components (`make ENGINE=component`).
pub const COMPONENT: &str = "component";

impl Engine {
    /// `lucet`, `wasmtime` or `component`: its folder under build/ (and criterion's).
    pub fn key(&self) -> &'static str {
        self.key.0
    }

    /// As every run's banner says it: `Lucet 51fb1ed`, `Wasmtime 48.0.8`,
    /// `Wasmtime 48.0.8, components (WASI 0.2)`.
    pub fn name(&self) -> String {
        match self.key() {
            COMPONENT => format!("Wasmtime {}, components (WASI 0.2)", self.version),
            key => format!("{} {}", bench_cases::engine_name(key), self.version),
        }
    }

    /// The name of the guest's export `name` (a Rust function's) on this engine: a component's
    /// exports are named as WIT names them, in kebab case (`memory_bomb` is `memory-bomb`).
    pub fn export(&self, name: &str) -> String {
        match self.key() {
            COMPONENT => name.replace('_', "-"),
            _ => name.to_string(),
        }
    }

    /// Where `make` puts the AOT-compiled `guest`: build/lucet/hello.so, build/wasmtime/hello.cwasm;
    /// for components, add, strings and hostcall are one, build/component/tutorial.cwasm.
    pub fn artifact(&self, guest: &str) -> PathBuf {
        crate::project_root()
            .join("build")
            .join(self.key())
            .join(format!("{}.{}", self.guest(guest), self.extension))
    }

    /// Where cargo puts a component's `.wasm` (relative to the project root), before
    /// `wasmtime-compile`: target/wasm32-wasip2/release/hello.wasm.
    pub fn wasm(&self, guest: &str) -> PathBuf {
        Path::new("target/wasm32-wasip2/release").join(format!("{}.wasm", self.guest(guest)))
    }

    /// The guest crate that is `guest` on this engine: on components, add, strings and hostcall
    /// are one, guests/tutorial (as `make ENGINE=component run-add` says too).
    fn guest<'a>(&self, guest: &'a str) -> &'a str {
        match (self.key(), guest) {
            (COMPONENT, "add" | "strings" | "hostcall") => "tutorial",
            (_, guest) => guest,
        }
    }

    /// The AOT compiler's name: `lucetc`, `wasmtime-compile`.
    pub fn compiler_name(&self) -> String {
        Path::new(&self.compiler[0])
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    }

    /// The AOT compiler's command for `wasm` → `output` (`output` without its extension), run in the
    /// project root as make runs it.
    pub fn compile(&self, wasm: &Path, output: &Path) -> Command {
        let mut command = Command::new(&self.compiler[0]);
        command
            .args(&self.compiler[1..])
            .arg(wasm)
            .arg("-o")
            .arg(output.with_extension(&self.extension))
            .current_dir(crate::project_root());
        command
    }
}

/// `make faults`' and `make capabilities`' table: a row per case, a column per engine of `engines`, each
/// cell from `run(case, engine)`, which also says whether the case held there. Printed and written
/// to build/NAME/table.md; the number of cells that did not hold.
pub fn case_table<C>(
    engines: &Engines,
    name: &str,
    cases: &[C],
    case_name: impl Fn(&C) -> &str,
    run: impl Fn(&C, &Engine) -> Result<(bool, String)>,
) -> Result<usize> {
    let engines = engines.with_components();
    let names: Vec<String> = engines.iter().map(|engine| engine.name()).collect();
    let mut table = format!("| case | {} |\n", names.join(" | "));
    table += &format!("|---|{}\n", "---|".repeat(engines.len()));
    let mut failed = 0;
    for case in cases {
        let mut cells = Vec::new();
        for engine in &engines {
            let (held, cell) = run(case, engine)?;
            failed += usize::from(!held);
            cells.push(cell);
        }
        table += &format!("| {} | {} |\n", case_name(case), cells.join(" | "));
    }
    print!("{}", table);
    let output = crate::project_root().join("build").join(name);
    crate::report::write_whole(&[(output.join("table.md"), table)])?;
    Ok(failed)
}
