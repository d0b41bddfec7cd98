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
//!
//! By concern: `format` (the file: `Transcript`, `Step`, matching output), `runner` (running one
//! in a reader's shell: `Runner`, `Outcome`), `session` (the by-hand transcripts typed in one
//! shell), `errata` (each erratum's symptom and fix).
mod errata;
mod format;
mod runner;
mod session;

pub use errata::{errata, Erratum};
pub use format::{is_by_hand, output_matches, Engine, Step, Transcript};
pub use runner::{Outcome, Runner, SETUP};
pub use session::Session;

/// What the modules' tests share.
#[cfg(test)]
mod test_support {
    use super::Runner;
    use std::path::PathBuf;

    /// A scratch folder of this test's own under build/, emptied.
    pub fn scratch(name: &str) -> PathBuf {
        let folder = crate::project_root().join("build/unit").join(name);
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        folder
    }

    pub fn runner() -> Runner {
        Runner {
            root: crate::project_root(),
            lucet: None,
            wasmtime_version: None,
            overwrite: false,
        }
    }

    pub fn lines(text: &str) -> Vec<String> {
        text.lines().map(String::from).collect()
    }
}
