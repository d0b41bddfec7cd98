//! The engines `make` found and built, as the project's tools see them: each one's name (as every
//! run's banner says it), host, artifacts and AOT compiler, known here once. What Make decides it
//! hands over (`ENGINES_ENV` in the Makefile): `LUCET` (the checkout; empty without one),
//! `LUCET_VERSION`, `WASMTIME_VERSION`, `LUCET_HOST`, `WASMTIME_HOST`, and the AOT compilers'
//! command lines, `LUCETC_WASI` and `WASMTIME_COMPILE`.
use std::path::{Path, PathBuf};
use std::process::Command;

/// The names Make hands its findings over in (`ENGINES_ENV`).
pub const FROM_MAKE: [&str; 7] = [
    "LUCET",
    "LUCET_VERSION",
    "WASMTIME_VERSION",
    "LUCET_HOST",
    "WASMTIME_HOST",
    "LUCETC_WASI",
    "WASMTIME_COMPILE",
];

pub struct Engine {
    /// `lucet` or `wasmtime`: its folder under build/ (and criterion's).
    pub key: &'static str,
    /// `Lucet 51fb1ed`, `Wasmtime 48.0.8`.
    pub name: String,
    pub host: PathBuf,
    extension: &'static str,
    /// The AOT compiler with its flags, to which `MODULE.wasm -o ARTIFACT` is added.
    compiler: Vec<String>,
}

impl Engine {
    /// Where `make` puts the AOT-compiled `guest`: build/lucet/hello.so, build/wasmtime/hello.cwasm.
    pub fn artifact(&self, guest: &str) -> PathBuf {
        crate::project_root()
            .join("build")
            .join(self.key)
            .join(format!("{}.{}", guest, self.extension))
    }

    /// `make load`'s binary, built beside the host: load-lucet, load-wasmtime.
    pub fn load(&self) -> PathBuf {
        self.host.with_file_name(format!("load-{}", self.key))
    }

    /// The artifacts' extension: `so` or `cwasm`.
    pub fn extension(&self) -> &'static str {
        self.extension
    }

    /// The AOT compiler's command for `wasm` → `output` (`output` without its extension), run in the
    /// project root as make runs it.
    pub fn compile(&self, wasm: &Path, output: &Path) -> Command {
        let mut command = Command::new(&self.compiler[0]);
        command
            .args(&self.compiler[1..])
            .arg(wasm)
            .arg("-o")
            .arg(output.with_extension(self.extension))
            .current_dir(crate::project_root());
        command
    }
}

/// Lucet when `make` found a checkout, then Wasmtime.
pub fn found() -> Vec<Engine> {
    let made = |name: &str| std::env::var(name).unwrap_or_default();
    assert!(
        !made("WASMTIME_HOST").is_empty(),
        "run this through make (make test, make faults, make bench): it says where the hosts are"
    );
    let root = crate::project_root();
    let mut engines = Vec::new();
    if !made("LUCET").is_empty() {
        engines.push(Engine {
            key: "lucet",
            name: format!("Lucet {}", made("LUCET_VERSION")),
            host: PathBuf::from(made("LUCET_HOST")),
            extension: "so",
            compiler: made("LUCETC_WASI")
                .split_whitespace()
                .map(String::from)
                .collect(),
        });
    }
    engines.push(Engine {
        key: "wasmtime",
        name: format!("Wasmtime {}", made("WASMTIME_VERSION")),
        host: root.join(made("WASMTIME_HOST")),
        extension: "cwasm",
        compiler: vec![root.join(made("WASMTIME_COMPILE")).display().to_string()],
    });
    engines
}

/// `make faults`' and `make capabilities`' table: a row per case, a column per engine found, each
/// cell from `run(case, engine)`, which also says whether the case held there. Printed and written
/// to build/NAME/table.md; the number of cells that did not hold.
pub fn case_table<C>(
    name: &str,
    cases: &[C],
    case_name: impl Fn(&C) -> &str,
    run: impl Fn(&C, &Engine) -> (bool, String),
) -> usize {
    let engines = found();
    let names: Vec<&str> = engines.iter().map(|engine| engine.name.as_str()).collect();
    let mut table = format!("| case | {} |\n", names.join(" | "));
    table += &format!("|---|{}\n", "---|".repeat(engines.len()));
    let mut failed = 0;
    for case in cases {
        let mut cells = Vec::new();
        for engine in &engines {
            let (held, cell) = run(case, engine);
            failed += usize::from(!held);
            cells.push(cell);
        }
        table += &format!("| {} | {} |\n", case_name(case), cells.join(" | "));
    }
    print!("{}", table);
    let output = crate::project_root().join("build").join(name);
    std::fs::create_dir_all(&output)
        .and_then(|()| std::fs::write(output.join("table.md"), &table))
        .unwrap_or_else(|e| panic!("writing build/{}/table.md: {}", name, e));
    failed
}
