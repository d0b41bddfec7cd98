//! Runs the transcripts under `docs/transcripts`: the tutorial's steps and errata, as commands and
//! the output they must print, in clap's trycmd shape.
//!
//! A transcript is a `NAME.ENGINE.console` file (`NAME.console` when any engine will do):
//!
//! ```text
//! $ hello-lucet-runtime build/lucet/hello.so main
//! ? failed
//! Error: running main in build/lucet/hello.so
//! [..]
//! ```
//!
//! Each `$ ` line is a command, run by bash; `? failed` says it must fail (by default it must
//! succeed). The lines up to the next command are its stdout and stderr together, matched by
//! snapbox: `[..]` in a line matches any text, a line `...` matches any number of lines, and
//! `[LUCET_DIR]` the Lucet checkout's path.
//! (trycmd itself runs each command without a shell; these need one: `cd`, pipes, `$SCRATCH`.)
//!
//! A transcript runs as a reader pastes it: in one shell opened at the project root, after the
//! chapters' set-up block (`docs/src/setup.console`: `LUCET_DIR`, `PATH`, `SCRATCH`), with nothing
//! of what make found and the runner's cargo and make variables taken out, so that a `cd` or an
//! `export` carries from one command to the next, and a name the set-up does not provide fails. A
//! transcript ends where it began (the project root), as the next listing of its chapter expects.
//!
//! Lines that are there for the test alone, which the book does not show (`reader_text`):
//! - `# only if: COMMAND`, before the first command, skips the transcript where COMMAND fails (a
//!   symptom only some machines show, a case that needs the project outside a Lucet checkout);
//! - `# check: COMMAND` is a command like `$ `, with its `? failed` and output, that checks a state
//!   the reader need not look at;
//! - `# finally: COMMAND`, after the last command, undoes what the transcript changed outside its
//!   `$SCRATCH` (a crate placed in the Lucet checkout): it runs whether the commands passed or not,
//!   and the book shows it as the clean-up it is.
//!
//! The transcripts of `docs/transcripts/by-hand/` are what a reader types, step by step: for each
//! engine, a `Session` runs them in their names' order in one shell, in a fresh copy of the
//! project (the files git knows, no build output).
//!
//! What changes by design is redacted: `[LUCET_DIR]` stands for the Lucet checkout's path,
//! `[WASMTIME_VERSION]` for the version of Wasmtime the project builds. With `SNAPSHOTS=overwrite`
//! (snapbox's convention; `make transcripts-update`), a transcript whose output differs is
//! rewritten with what it printed, keeping the `[..]`, `...` and redactions that still match.
use crate::report::Language;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The engines a transcript may be for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Engine {
    Any,
    Lucet,
    Wasmtime,
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Engine::Any => "any",
            Engine::Lucet => "lucet",
            Engine::Wasmtime => "wasmtime",
        })
    }
}

#[derive(Clone)]
pub struct Transcript {
    pub path: PathBuf,
    pub engine: Engine,
    pub only_if: Option<String>,
    pub steps: Vec<Step>,
    /// The clean-up commands (`# finally: `), run after the steps whatever they did.
    pub finally: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub command: String,
    pub must_fail: bool,
    pub expected: Vec<String>,
    /// A `# check: ` step: run and checked, not shown in the book.
    pub hidden: bool,
}

/// Where a transcript runs: the project root, and the Lucet checkout if one was found; what is
/// redacted in its output; whether a transcript that differs is rewritten.
pub struct Runner {
    pub root: PathBuf,
    pub lucet: Option<PathBuf>,
    pub wasmtime_version: Option<String>,
    pub overwrite: bool,
}

/// What a command did: whether it succeeded, and its stdout and stderr together.
struct Ran {
    succeeded: bool,
    status: std::process::ExitStatus,
    output: String,
}

/// A reader's shell: the folder it began in (the project root, or a session's copy of the project),
/// and the file that keeps its folder and exported variables from one command to the next, in a
/// folder of the runner's (`build/scratch/NAME`).
struct Shell {
    home: PathBuf,
    folder: PathBuf,
    state: PathBuf,
    /// The `$SCRATCH` the set-up made, as it made it (kept after a failure, for a look).
    scratch: PathBuf,
}

/// The chapters' set-up block, which every chapter with listings shows at its top and every
/// transcript runs after: `LUCET_DIR`, `PATH` and `SCRATCH`, as a reader sets them.
pub const SETUP: &str = "docs/src/setup.console";

impl Shell {
    /// What `script` prints in this shell as the commands so far left it, with nothing else of theirs.
    fn ask(&self, script: &str) -> Result<String, String> {
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!("source \"$1\" >/dev/null 2>&1; {}", script))
            .arg("ask")
            .arg(&self.state)
            .current_dir(&self.home)
            .output()
            .map_err(|e| format!("cannot run bash: {}", e))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The folder the shell is in now; an error if the folder it was in is gone.
    fn folder_now(&self) -> Result<PathBuf, String> {
        let now = self.ask("pwd -P")?;
        if now.is_empty() {
            return Err("the folder its shell was in is gone".to_string());
        }
        let now = PathBuf::from(now.trim_end());
        Ok(now.canonicalize().unwrap_or(now))
    }

    /// Removes the shell's folder and its `$SCRATCH`.
    fn remove(&self) {
        remove_scratch(&self.folder);
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Removes the `$SCRATCH` the set-up made for the shell in `folder`, as it was recorded there
/// (`scratch`), if it is one `mktemp -d` made (`tmp.*`).
fn remove_scratch(folder: &Path) {
    let Ok(scratch) = std::fs::read_to_string(folder.join("scratch")) else {
        return;
    };
    let scratch = Path::new(&scratch);
    let made_by_mktemp = scratch
        .file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with("tmp."));
    if scratch.is_absolute() && made_by_mktemp {
        let _ = std::fs::remove_dir_all(scratch);
    }
}

/// `path` quoted for bash.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// The by-hand transcripts of one engine (those of any engine too), in the order a reader types
/// them.
pub struct Session {
    pub engine: Engine,
    pub transcripts: Vec<Transcript>,
}

impl Session {
    /// Every engine's session of the transcripts in `paths` under `docs/transcripts/by-hand/`.
    pub fn by_hand(paths: &[PathBuf]) -> Result<Vec<Session>, String> {
        let mut transcripts = Vec::new();
        for path in paths.iter().filter(|path| is_by_hand(path)) {
            let transcript = Transcript::load(path)?;
            if transcript.only_if.is_some() {
                return Err(format!(
                    "{}: a reader types every step of the tutorial: no `# only if`",
                    path.display()
                ));
            }
            transcripts.push(transcript);
        }
        transcripts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok([Engine::Lucet, Engine::Wasmtime]
            .into_iter()
            .map(|engine| Session {
                engine,
                transcripts: transcripts
                    .iter()
                    .filter(|t| t.engine == engine || t.engine == Engine::Any)
                    .cloned()
                    .collect(),
            })
            .collect())
    }

    /// `by-hand.lucet`, `by-hand.wasmtime`.
    pub fn name(&self) -> String {
        format!("by-hand.{}", self.engine)
    }
}

/// Whether the transcript at `path` is one of a session's.
pub fn is_by_hand(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| folder == "by-hand")
}

pub enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

impl Runner {
    /// The project this crate is in, and what `make` found (`engines::Engines`): the Lucet
    /// checkout, if any, and the Wasmtime version; `SNAPSHOTS=overwrite` to rewrite.
    pub fn from_env() -> Runner {
        let engines = crate::engines::Engines::read();
        let overwrite = std::env::var_os("SNAPSHOTS").is_some_and(|mode| mode == "overwrite");
        Runner {
            root: crate::project_root(),
            lucet: engines.lucet.and_then(|lucet| lucet.checkout),
            wasmtime_version: Some(engines.wasmtime.version),
            overwrite,
        }
    }

    fn redactions(&self) -> snapbox::Redactions {
        let mut redactions = snapbox::Redactions::new();
        if let Some(lucet) = &self.lucet {
            redactions
                .insert("[LUCET_DIR]", lucet.display().to_string())
                .expect("a valid placeholder");
        }
        if let Some(version) = &self.wasmtime_version {
            redactions
                .insert("[WASMTIME_VERSION]", version.clone())
                .expect("a valid placeholder");
        }
        redactions
    }

    /// Why what runs on `engine` cannot run here, if it cannot: Lucet's without a Lucet checkout.
    pub fn missing(&self, engine: Engine) -> Option<String> {
        (engine == Engine::Lucet && self.lucet.is_none())
            .then(|| "skipped: no Lucet checkout".to_string())
    }

    /// Why `transcript` cannot run here, if it cannot: no Lucet checkout for a Lucet transcript, or
    /// a machine its `# only if` condition rules out. While the tests are only `listing`, the
    /// condition is not run: a list runs nothing.
    pub fn skipped_when(&self, transcript: &Transcript, listing: bool) -> Option<String> {
        if let Some(why) = self.missing(transcript.engine) {
            return Some(why);
        }
        let condition = transcript.only_if.as_ref().filter(|_| !listing)?;
        match self.execute(condition, None) {
            Ok(ran) if ran.succeeded => None,
            _ => Some(format!(
                "skipped: its condition does not hold here ({})",
                condition
            )),
        }
    }

    /// Why `transcript` cannot run here, if it cannot: no Lucet checkout for a Lucet transcript, or
    /// a machine its `# only if` condition rules out (which this runs to find out).
    pub fn skipped(&self, transcript: &Transcript) -> Option<String> {
        self.skipped_when(transcript, false)
    }

    pub fn run(&self, transcript: &Transcript) -> Outcome {
        if let Some(why) = self.skipped(transcript) {
            return Outcome::Skipped(why);
        }
        // build/scratch/errata-E1-main-entry-symptom.lucet: the transcript's own, emptied first.
        let shell = match self.shell(&transcript.name().replace('/', "-"), None) {
            Ok(shell) => shell,
            Err(why) => return Outcome::Failed(why),
        };
        match self.run_steps(transcript, &shell) {
            Outcome::Passed => {
                shell.remove();
                Outcome::Passed
            }
            // Kept for a look.
            Outcome::Failed(why) => Outcome::Failed(format!(
                "{}\n(its $SCRATCH, kept: {})",
                why,
                shell.scratch.display()
            )),
            skipped => skipped,
        }
    }

    /// Runs `session`'s transcripts in order, in one shell, in a fresh copy of the project.
    pub fn run_session(&self, session: &Session) -> Outcome {
        if let Some(why) = self.missing(session.engine) {
            return Outcome::Skipped(why);
        }
        let shell = match self.shell(&session.name().replace('/', "-"), Some("tutorial")) {
            Ok(shell) => shell,
            Err(why) => return Outcome::Failed(why),
        };
        for transcript in &session.transcripts {
            if let failed @ Outcome::Failed(_) = self.run_steps(transcript, &shell) {
                return failed;
            }
        }
        shell.remove();
        Outcome::Passed
    }

    /// A reader's shell in a folder of the runner's, `build/scratch/NAME`, emptied: at the project
    /// root, or with `copy` in a fresh copy of the project in that folder, at `copy`; after the
    /// chapters' set-up block, as a reader pastes it first.
    fn shell(&self, name: &str, copy: Option<&str>) -> Result<Shell, String> {
        let folder = self.root.join("build/scratch").join(name);
        // What a run before this one left, after a failure.
        remove_scratch(&folder);
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("creating {}: {}", folder.display(), e))?;
        let home = match copy {
            None => self.root.canonicalize().map_err(|e| e.to_string())?,
            Some(copy) => {
                let copy = folder.join(copy);
                let copied = Command::new("bash")
                    .arg("-c")
                    .arg("mkdir -p \"$1\" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t \"$1\"")
                    .arg("copy")
                    .arg(&copy)
                    .current_dir(&self.root)
                    .status()
                    .map_err(|e| format!("copying the project: {}", e))?;
                if !copied.success() {
                    return Err(format!("copying the project to {} failed", copy.display()));
                }
                copy.canonicalize().map_err(|e| e.to_string())?
            }
        };
        let state = folder.join("shell-state");
        std::fs::write(&state, format!("cd {}\n", quoted(&home))).map_err(|e| e.to_string())?;
        let mut shell = Shell {
            home,
            folder,
            state,
            scratch: PathBuf::new(),
        };
        let setup = Transcript::load(&self.root.join(SETUP))?;
        for step in &setup.steps {
            let ran = self.execute(&step.command, Some(&shell))?;
            if !ran.succeeded {
                return Err(format!(
                    "the set-up `{}` failed ({}): {}",
                    step.command, ran.status, ran.output
                ));
            }
        }
        // `export X=$(…)` succeeds whatever `…` did: what the set-up must have made is checked.
        shell.scratch = PathBuf::from(shell.ask("printf %s \"$SCRATCH\"")?);
        std::fs::write(
            shell.folder.join("scratch"),
            shell.scratch.as_os_str().as_encoded_bytes(),
        )
        .map_err(|e| e.to_string())?;
        if !shell.scratch.is_dir() {
            return Err(format!(
                "the set-up made no $SCRATCH folder (it is {:?})",
                shell.scratch
            ));
        }
        let lucet_dir = shell.ask("printf %s \"$LUCET_DIR\"")?;
        if self.lucet.is_some() && lucet_dir.is_empty() {
            return Err(
                "the set-up found no Lucet checkout ($LUCET_DIR is empty), though make did"
                    .to_string(),
            );
        }
        Ok(shell)
    }

    /// Runs `transcript`'s commands in `shell`, then its clean-up whatever they did; with
    /// `SNAPSHOTS=overwrite`, rewrites the file when they printed other output.
    fn run_steps(&self, transcript: &Transcript, shell: &Shell) -> Outcome {
        let mut outcome = self.run_commands(transcript, shell);
        if transcript.finally.is_empty() {
            return outcome;
        }
        // The clean-up runs where the transcript began, wherever a failure left the shell (in a
        // folder since removed, say): its exported variables are kept, its folder is not.
        let back = std::fs::read_to_string(&shell.state).and_then(|state| {
            let mut kept: String = state
                .lines()
                .filter(|line| !line.starts_with("cd "))
                .map(|line| format!("{}\n", line))
                .collect();
            kept += &format!("cd {}\n", quoted(&shell.home));
            std::fs::write(&shell.state, kept)
        });
        if let Err(error) = back {
            return Outcome::Failed(format!("{}: {}", shell.state.display(), error));
        }
        for command in &transcript.finally {
            let why = match self.execute(command, Some(shell)) {
                Ok(ran) if ran.succeeded => continue,
                Ok(ran) => format!("failed ({}); it printed:\n{}", ran.status, ran.output),
                Err(why) => why,
            };
            let failure = format!(
                "{}: the clean-up `{}`: {}",
                transcript.path.display(),
                command,
                why
            );
            outcome = match outcome {
                Outcome::Failed(before) => Outcome::Failed(format!("{}\n{}", before, failure)),
                _ => Outcome::Failed(failure),
            };
        }
        outcome
    }

    fn run_commands(&self, transcript: &Transcript, shell: &Shell) -> Outcome {
        let mut steps = Vec::new();
        for step in &transcript.steps {
            let failed = |why: String| {
                Outcome::Failed(format!(
                    "{}: `{}`: {}",
                    transcript.path.display(),
                    step.command,
                    why
                ))
            };
            let ran = match self.execute(&step.command, Some(shell)) {
                Ok(ran) => ran,
                Err(why) => return failed(why),
            };
            match self.check(step, &ran) {
                Ok(()) => steps.push(step.clone()),
                Err(_) if self.overwrite => steps.push(self.as_ran(step, &ran)),
                Err(why) => return failed(why),
            }
        }
        match shell.folder_now() {
            Ok(now) if now == shell.home => {}
            Ok(now) => {
                return Outcome::Failed(format!(
                    "{}: ends in {}, not where it began ({}): pasted in order, the next listing would run there; run a command elsewhere as `(cd FOLDER && COMMAND)`",
                    transcript.path.display(),
                    now.display(),
                    shell.home.display()
                ))
            }
            Err(why) => return Outcome::Failed(format!("{}: {}", transcript.path.display(), why)),
        }
        if self.overwrite && steps != transcript.steps {
            let rewritten = Transcript {
                steps,
                ..transcript.clone()
            };
            if let Err(error) = std::fs::write(&transcript.path, rewritten.text()) {
                return Outcome::Failed(format!("{}: {}", transcript.path.display(), error));
            }
            eprintln!(
                "{}: rewritten with what it printed",
                transcript.path.display()
            );
        }
        Outcome::Passed
    }

    /// Runs `line` with bash as a user's shell would: in `shell`, as the commands before it left
    /// it (its folder and exported variables), with nothing of what make found; without a shell, in
    /// the project root (a transcript's `# only if` condition).
    fn execute(&self, line: &str, shell: Option<&Shell>) -> Result<Ran, String> {
        let mut command = Command::new("bash");
        // As a user's shell would have it: not the toolchain, flags and jobserver of the cargo or
        // make that runs this (a RUSTUP_TOOLCHAIN would override Lucet's pinned rust-toolchain),
        // nor what make found (the reader's shell has only what the set-up and the commands set,
        // and the `LUCET_DIR` the reader gave make, if any).
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if [
                "RUSTUP_TOOLCHAIN",
                "RUSTC",
                "RUSTDOC",
                "RUSTFLAGS",
                "CARGO",
                "MAKEFLAGS",
                "MAKELEVEL",
                "MFLAGS",
            ]
            .contains(&name.as_ref())
                || (name.starts_with("CARGO_") && name != "CARGO_HOME")
            {
                command.env_remove(name.as_ref());
            }
        }
        command
            .env("RUST_BACKTRACE", "0")
            .env("RUST_LIB_BACKTRACE", "0")
            .current_dir(&self.root);
        match shell {
            // What `cd` and `export` did is saved for the next command, whatever this one did.
            Some(shell) => command
                .arg("-c")
                .arg(format!(
                    "transcript_state=$1; set --; source \"$transcript_state\"\n{{ {line}\n}} 2>&1\nstatus=$?\n{{ export -p; printf 'cd %q 2>/dev/null; cd %q || exit 97\\n' \"${{OLDPWD:-$PWD}}\" \"$PWD\"; }} > \"$transcript_state\"\nexit $status",
                    line = line
                ))
                .arg("transcript")
                .arg(&shell.state)
                .current_dir(&shell.home),
            None => command.arg("-c").arg(format!("{{ {}\n}} 2>&1", line)),
        };
        let output = command
            .output()
            .map_err(|e| format!("cannot run bash: {}", e))?;
        Ok(Ran {
            succeeded: output.status.success(),
            status: output.status,
            output: String::from_utf8_lossy(&output.stdout).into_owned(),
        })
    }

    /// Whether `ran` is what `step` expects: it failed or succeeded as told, and printed the output.
    fn check(&self, step: &Step, ran: &Ran) -> Result<(), String> {
        if ran.succeeded == step.must_fail {
            return Err(format!(
                "{} ({}); it printed:\n{}",
                if step.must_fail {
                    "succeeded, but must fail"
                } else {
                    "failed, but must succeed"
                },
                ran.status,
                ran.output
            ));
        }
        output_matches(&step.expected, &ran.output, self.redactions())
            .map_err(|difference| format!("printed other output than expected:\n{}", difference))
    }

    /// `step` as it ran: its status, and its output with the `[..]`, `...` and redactions of what
    /// it expected wherever they still match.
    fn as_ran(&self, step: &Step, ran: &Ran) -> Step {
        let redactions = self.redactions();
        let output = snapbox::filter::NormalizeToExpected::new()
            .redact_with(&redactions)
            .normalize(
                snapbox::Data::text(ran.output.clone()),
                &snapbox::Data::text(lines_of(&step.expected)),
            )
            .render()
            .unwrap_or_default();
        Step {
            must_fail: !ran.succeeded,
            expected: output.lines().map(String::from).collect(),
            ..step.clone()
        }
    }
}

impl Transcript {
    /// The transcript as its file has it.
    pub fn text(&self) -> String {
        let mut text = String::new();
        if let Some(condition) = &self.only_if {
            text += &format!("# only if: {}\n", condition);
        }
        for step in &self.steps {
            text += &step.text(if step.hidden { "# check: " } else { "$ " });
        }
        for command in &self.finally {
            text += &format!("# finally: {}\n", command);
        }
        text
    }

    /// The transcript as the book shows it: what a reader pastes, and what it prints. A Lucet
    /// transcript says first that it needs Lucet; the lines for the test alone are left out, but
    /// the clean-up, which the reader needs as much, is shown as one.
    pub fn reader_text(&self, language: Language) -> String {
        let mut text = String::new();
        if self.engine == Engine::Lucet {
            text += &language.pick(
                "# Lucet only: needs the checkout make lucet brings up\n",
                "# Lucet のみ（make lucet で用意した Lucet リポジトリが必要です）\n",
            );
        }
        for step in self.steps.iter().filter(|step| !step.hidden) {
            text += &step.text("$ ");
        }
        if !self.finally.is_empty() {
            text += &language.pick(
                "# clean-up: undo what the commands above changed\n",
                "# 後片付け：上のコマンドが変更したものを元に戻します\n",
            );
            for command in &self.finally {
                text += &format!("$ {}\n", command);
            }
        }
        text
    }

    /// Its path under the `docs/transcripts` it is in (of whichever copy of the project), without
    /// `.console`: `errata/E1-main-entry/symptom.lucet`.
    pub fn name(&self) -> String {
        let root = self
            .path
            .ancestors()
            .find(|folder| folder.ends_with("docs/transcripts"));
        let name = root
            .and_then(|root| self.path.strip_prefix(root).ok())
            .unwrap_or(&self.path);
        name.with_extension("").to_string_lossy().into_owned()
    }

    /// The erratum a transcript is of: the name of its folder.
    pub fn erratum(&self) -> String {
        let folder = self.path.parent().and_then(Path::file_name);
        folder.unwrap_or_default().to_string_lossy().into_owned()
    }

    pub fn load(path: &Path) -> Result<Transcript, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("reading {}: {}", path.display(), e))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let engine = match name.trim_end_matches(".console").rsplit('.').next() {
            Some("lucet") => Engine::Lucet,
            Some("wasmtime") => Engine::Wasmtime,
            _ => Engine::Any,
        };
        let mut transcript = Transcript {
            path: path.to_path_buf(),
            engine,
            only_if: None,
            steps: Vec::new(),
            finally: Vec::new(),
        };
        let error = |why: &str| Err(format!("{}: {}", path.display(), why));
        for line in text.lines() {
            if let Some(condition) = line.strip_prefix("# only if: ") {
                if !transcript.steps.is_empty() || transcript.only_if.is_some() {
                    return error("`# only if: ` comes once, before the first command");
                }
                transcript.only_if = Some(condition.to_string());
                continue;
            }
            if let Some(command) = line.strip_prefix("# finally: ") {
                transcript.finally.push(command.to_string());
                continue;
            }
            if !transcript.finally.is_empty() {
                return error("`# finally: ` lines come after the last command");
            }
            let steps = &mut transcript.steps;
            let command = match (line.strip_prefix("$ "), line.strip_prefix("# check: ")) {
                (Some(command), _) => Some((command, false)),
                (None, Some(command)) => Some((command, true)),
                (None, None) => None,
            };
            match (command, steps.last_mut()) {
                (Some((command, hidden)), _) => steps.push(Step {
                    command: command.to_string(),
                    must_fail: false,
                    expected: vec![],
                    hidden,
                }),
                (None, Some(step)) if line == "? failed" && step.expected.is_empty() => {
                    step.must_fail = true
                }
                (None, Some(step)) => step.expected.push(line.to_string()),
                (None, None) => return error("the first line must be a `$ ` command"),
            }
        }
        if transcript.steps.is_empty() {
            return error("no `$ ` command");
        }
        Ok(transcript)
    }
}

impl Step {
    /// The step as a file has it, its command after `prompt`.
    fn text(&self, prompt: &str) -> String {
        let mut text = format!("{}{}\n", prompt, self.command);
        if self.must_fail {
            text += "? failed\n";
        }
        text + &lines_of(&self.expected)
    }
}

/// One erratum on one engine: `docs/transcripts/errata/ERRATUM/{symptom,fix}.ENGINE.console`.
pub struct Erratum {
    pub name: String,
    pub engine: Engine,
    pub symptom: Outcome,
    pub fix: Outcome,
}

/// Runs the errata under `dir` that `chosen(erratum, engine)` picks.
pub fn errata(
    runner: &Runner,
    dir: &Path,
    chosen: impl Fn(&str, Engine) -> bool,
) -> Result<Vec<Erratum>, String> {
    let mut transcripts = Vec::new();
    for path in crate::files(dir, "console")? {
        let transcript = Transcript::load(&path)?;
        // Every file named as it must be, before anything runs.
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let symptom = match name.split('.').next() {
            Some("symptom") => true,
            Some("fix") => false,
            _ => {
                return Err(format!(
                    "{}: name it symptom.ENGINE.console or fix.ENGINE.console",
                    path.display()
                ))
            }
        };
        if chosen(&transcript.erratum(), transcript.engine) {
            transcripts.push((transcript, symptom));
        }
    }
    transcripts.sort_by_key(|(t, _)| (t.erratum(), t.engine));
    let mut rows: Vec<Erratum> = Vec::new();
    for (transcript, symptom) in &transcripts {
        let name = transcript.erratum();
        if !matches!(rows.last(), Some(row) if row.name == name && row.engine == transcript.engine)
        {
            let missing = || Outcome::Failed(format!("{}: no transcript", name));
            rows.push(Erratum {
                name: name.clone(),
                engine: transcript.engine,
                symptom: missing(),
                fix: missing(),
            });
        }
        let row = rows.last_mut().unwrap();
        let outcome = runner.run(transcript);
        match symptom {
            true => row.symptom = outcome,
            false => row.fix = outcome,
        }
    }
    Ok(rows)
}

impl Outcome {
    pub fn failure(&self) -> Option<&str> {
        match self {
            Outcome::Failed(why) => Some(why),
            _ => None,
        }
    }
}

/// `actual` is what `expected` says, as snapbox (what trycmd is built on) matches it: `[..]` in a
/// line matches any text, a line `...` any lines, a `[NAME]` of `redactions` its value. Err is
/// snapbox's report of the difference.
pub fn output_matches(
    expected: &[String],
    actual: &str,
    redactions: snapbox::Redactions,
) -> Result<(), String> {
    let expected = lines_of(expected);
    let actual = lines_of(&actual.lines().map(String::from).collect::<Vec<_>>());
    // Not snapbox's path normalisation: `\` stays `\` (escapes in error messages are output too).
    snapbox::Assert::new()
        .redact_with(redactions)
        .normalize_paths(false)
        .try_eq(
            None,
            snapbox::Data::text(actual),
            snapbox::Data::text(expected),
        )
        .map_err(|error| error.to_string())
}

/// `lines`, each ended by a newline.
fn lines_of(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{}\n", line)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> snapbox::Redactions {
        snapbox::Redactions::new()
    }

    #[test]
    fn every_transcript_reads_back_as_written() {
        let dir = crate::project_root().join("docs/transcripts");
        for path in crate::files(&dir, "console").unwrap() {
            let transcript = Transcript::load(&path).unwrap();
            let written = std::fs::read_to_string(&path).unwrap();
            assert_eq!(transcript.text(), written, "{}", path.display());
        }
    }

    /// A scratch folder of this test's own under build/, emptied.
    fn scratch(name: &str) -> PathBuf {
        let folder = crate::project_root().join("build/unit").join(name);
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        folder
    }

    fn runner() -> Runner {
        Runner {
            root: crate::project_root(),
            lucet: None,
            wasmtime_version: None,
            overwrite: false,
        }
    }

    #[test]
    fn errata_with_a_misnamed_file_run_nothing() {
        let folder = scratch("errata-misnamed");
        let erratum = folder.join("errata/E9-example");
        std::fs::create_dir_all(&erratum).unwrap();
        let ran = folder.join("ran");
        for name in ["symptom.wasmtime.console", "other.wasmtime.console"] {
            std::fs::write(erratum.join(name), format!("$ touch {}\n", ran.display())).unwrap();
        }
        let error = errata(&runner(), &folder.join("errata"), |_, _| true)
            .err()
            .unwrap();
        assert!(
            error.contains("other.wasmtime.console: name it symptom"),
            "{}",
            error
        );
        assert!(
            !ran.exists(),
            "a transcript ran before the names were checked"
        );
    }

    #[test]
    fn listing_the_tests_runs_no_condition() {
        let folder = scratch("only-if-listing");
        let ran = folder.join("ran");
        let path = folder.join("conditional.wasmtime.console");
        let text = format!("# only if: touch {} && false\n$ true\n", ran.display());
        std::fs::write(&path, text).unwrap();
        let transcript = Transcript::load(&path).unwrap();
        assert_eq!(runner().skipped_when(&transcript, true), None);
        assert!(!ran.exists(), "listing ran the condition");
        assert!(runner().skipped_when(&transcript, false).is_some());
        assert!(ran.exists(), "running the tests did not run the condition");
    }

    #[test]
    fn a_name_is_below_the_transcripts_folder_of_any_copy_of_the_project() {
        let folder = scratch("copy/docs/transcripts/errata/E9-example");
        let path = folder.join("symptom.wasmtime.console");
        std::fs::write(&path, "$ true\n").unwrap();
        let transcript = Transcript::load(&path).unwrap();
        assert_eq!(transcript.name(), "errata/E9-example/symptom.wasmtime");
    }

    #[test]
    fn a_folder_with_a_quote_in_its_name_is_quoted_for_bash() {
        let folder = scratch("it's here");
        let printed = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("cd {} && pwd -P", quoted(&folder)))
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&printed.stdout);
        assert_eq!(
            Path::new(printed.trim_end()),
            folder.canonicalize().unwrap()
        );
    }

    #[test]
    fn a_rewritten_step_keeps_what_still_matches() {
        let runner = Runner {
            root: crate::project_root(),
            lucet: None,
            wasmtime_version: Some("48.0.8".to_string()),
            overwrite: true,
        };
        let step = Step {
            command: "true".to_string(),
            must_fail: true,
            expected: lines("[Wasmtime [WASMTIME_VERSION]] took [..] ms\nold"),
            hidden: false,
        };
        let ran = Ran {
            succeeded: true,
            status: std::process::Command::new("true").status().unwrap(),
            output: "[Wasmtime 48.0.8] took 12 ms\nnew\n".to_string(),
        };
        let rewritten = runner.as_ran(&step, &ran);
        assert!(!rewritten.must_fail);
        assert_eq!(
            rewritten.expected,
            lines("[Wasmtime [WASMTIME_VERSION]] took [..] ms\nnew")
        );
    }

    #[test]
    fn redactions_match_their_value_only() {
        let mut lucet = none();
        lucet
            .insert("[LUCET_DIR]", "/home/you/lucet".to_string())
            .unwrap();
        let pattern = lines("[Lucet 51fb1ed ([LUCET_DIR])]");
        assert!(
            output_matches(&pattern, "[Lucet 51fb1ed (/home/you/lucet)]", lucet.clone()).is_ok()
        );
        assert!(output_matches(&pattern, "[Lucet 51fb1ed (/elsewhere)]", lucet).is_err());
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(String::from).collect()
    }

    #[test]
    fn wildcards_match_within_a_line() {
        assert!(output_matches(&lines("a [..] c"), "a b c", none()).is_ok());
        assert!(output_matches(
            &lines("[..]symbol: x[..]"),
            "so: undefined symbol: x_get\" })",
            none()
        )
        .is_ok());
        assert!(output_matches(&lines("a [..] c"), "a b d", none()).is_err());
        assert!(output_matches(&lines("exact"), "exactly", none()).is_err());
    }

    #[test]
    fn ellipsis_matches_any_lines() {
        let pattern = lines("first\n...\nlast");
        assert!(output_matches(&pattern, "first\nx\ny\nlast", none()).is_ok());
        assert!(output_matches(&pattern, "first\nlast", none()).is_ok());
        assert!(output_matches(&pattern, "first\nx", none()).is_err());
        assert!(output_matches(&lines("only"), "only\nmore", none()).is_err());
    }

    #[test]
    fn backslashes_are_matched_as_they_are() {
        assert!(output_matches(&lines(r"a\xff"), r"a\xff", none()).is_ok());
        assert!(output_matches(&lines(r"a\xff"), "a/xff", none()).is_err());
    }

    #[test]
    fn nothing_expected_means_nothing_printed() {
        assert!(output_matches(&[], "", none()).is_ok());
        assert!(output_matches(&[], "something", none()).is_err());
    }
}
