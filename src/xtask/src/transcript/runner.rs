//! Running a transcript as a reader would: in a shell opened at the project root after the
//! chapters' set-up, each command checked against its output; a transcript's clean-up whatever
//! happened; with `SNAPSHOTS=overwrite`, the file rewritten.
use super::format::{lines_of, output_matches, Engine, Step, Transcript};
use super::session::Session;
use anyhow::{anyhow, bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

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
    fn ask(&self, script: &str) -> Result<String> {
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!("source \"$1\" >/dev/null 2>&1; {}", script))
            .arg("ask")
            .arg(&self.state)
            .current_dir(&self.home)
            .output()
            .context("cannot run bash")?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The folder the shell is in now; an error if the folder it was in is gone.
    fn folder_now(&self) -> Result<PathBuf> {
        let now = self.ask("pwd -P")?;
        if now.is_empty() {
            bail!("the folder its shell was in is gone");
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

pub enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

impl Outcome {
    pub fn failure(&self) -> Option<&str> {
        match self {
            Outcome::Failed(why) => Some(why),
            _ => None,
        }
    }
}

impl Runner {
    /// The project this crate is in, and what `make` found (`engines::Engines`): the Lucet
    /// checkout, if any, and the Wasmtime version; `SNAPSHOTS=overwrite` to rewrite.
    pub fn from_env() -> Result<Runner> {
        let engines = crate::engines::Engines::read()?;
        let overwrite = std::env::var_os("SNAPSHOTS").is_some_and(|mode| mode == "overwrite");
        Ok(Runner {
            root: crate::project_root(),
            lucet: engines.lucet.and_then(|lucet| lucet.checkout),
            wasmtime_version: Some(engines.wasmtime.version),
            overwrite,
        })
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
            Err(why) => return Outcome::Failed(format!("{:#}", why)),
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
            Err(why) => return Outcome::Failed(format!("{:#}", why)),
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
    fn shell(&self, name: &str, copy: Option<&str>) -> Result<Shell> {
        let folder = self.root.join("build/scratch").join(name);
        // What a run before this one left, after a failure.
        remove_scratch(&folder);
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("creating {}", folder.display()))?;
        let home = match copy {
            None => self.root.canonicalize()?,
            Some(copy) => {
                let copy = folder.join(copy);
                let copied = Command::new("bash")
                    .arg("-c")
                    .arg("mkdir -p \"$1\" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t \"$1\"")
                    .arg("copy")
                    .arg(&copy)
                    .current_dir(&self.root)
                    .status()
                    .context("copying the project")?;
                if !copied.success() {
                    bail!("copying the project to {} failed", copy.display());
                }
                copy.canonicalize()?
            }
        };
        let state = folder.join("shell-state");
        std::fs::write(&state, format!("cd {}\n", quoted(&home)))?;
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
                bail!(
                    "the set-up `{}` failed ({}): {}",
                    step.command,
                    ran.status,
                    ran.output
                );
            }
        }
        // `export X=$(…)` succeeds whatever `…` did: what the set-up must have made is checked.
        shell.scratch = PathBuf::from(shell.ask("printf %s \"$SCRATCH\"")?);
        std::fs::write(
            shell.folder.join("scratch"),
            shell.scratch.as_os_str().as_encoded_bytes(),
        )?;
        if !shell.scratch.is_dir() {
            bail!(
                "the set-up made no $SCRATCH folder (it is {:?})",
                shell.scratch
            );
        }
        let lucet_dir = shell.ask("printf %s \"$LUCET_DIR\"")?;
        if self.lucet.is_some() && lucet_dir.is_empty() {
            bail!("the set-up found no Lucet checkout ($LUCET_DIR is empty), though make did");
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
                Err(why) => format!("{:#}", why),
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
            let failed = |why: anyhow::Error| {
                Outcome::Failed(format!(
                    "{}: `{}`: {:#}",
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
            Err(why) => {
                return Outcome::Failed(format!("{}: {:#}", transcript.path.display(), why))
            }
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
    fn execute(&self, line: &str, shell: Option<&Shell>) -> Result<Ran> {
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
        let output = command.output().context("cannot run bash")?;
        Ok(Ran {
            succeeded: output.status.success(),
            status: output.status,
            output: String::from_utf8_lossy(&output.stdout).into_owned(),
        })
    }

    /// Whether `ran` is what `step` expects: it failed or succeeded as told, and printed the output.
    fn check(&self, step: &Step, ran: &Ran) -> Result<()> {
        if ran.succeeded == step.must_fail {
            bail!(
                "{} ({}); it printed:\n{}",
                if step.must_fail {
                    "succeeded, but must fail"
                } else {
                    "failed, but must succeed"
                },
                ran.status,
                ran.output
            );
        }
        output_matches(&step.expected, &ran.output, self.redactions())
            .map_err(|difference| anyhow!("printed other output than expected:\n{}", difference))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::test_support::{lines, runner, scratch};

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
}
