//! `make capabilities`: what `guests/capabilities` gets when it reaches for files, the
//! environment, its arguments, the clocks and random bytes, granted or not, and the escapes a
//! sandbox must refuse, on every engine found (Wasmtime always, on the core module and on the
//! component, Lucet when `make` found a checkout), in one table. An error if an escape succeeded or a grant did not hold.
use crate::engines::{case_table, Engine, Engines};
use crate::process::{run_with_deadline, signal};
use crate::project_root;
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

struct Case {
    name: &'static str,
    /// The host's grants, where `{box}` is a host folder holding `hello.txt` and a symbolic link
    /// `link` to `../secret.txt`.
    grants: &'static [&'static str],
    /// What the guest attempts: its arguments after `_start`, where `{secret}` is that file's path
    /// on the host.
    attempt: &'static [&'static str],
    /// How the guest's answer must begin: `ok` (granted) or `error` (refused).
    expected: &'static str,
}

// ANCHOR: cases
const NOTHING: &[&str] = &[];
const BOX: &[&str] = &["--dir", "{box}::/box"];
const BOX_READ_ONLY: &[&str] = &["--dir-readonly", "{box}::/box"];
#[rustfmt::skip]
const CASES: &[Case] = &[
    Case { name: "read a file, nothing granted", grants: NOTHING, attempt: &["read", "/box/hello.txt"], expected: "error" },
    Case { name: "write a file, nothing granted", grants: NOTHING, attempt: &["write", "/box/new.txt", "hi"], expected: "error" },
    Case { name: "list a folder, nothing granted", grants: NOTHING, attempt: &["list", "/box"], expected: "error" },
    Case { name: "the environment, nothing granted", grants: NOTHING, attempt: &["env"], expected: "ok: no variables" },
    Case { name: "the arguments, nothing granted", grants: NOTHING, attempt: &["args"], expected: "ok: [\"capabilities\", \"args\"]" },
    Case { name: "the clocks", grants: NOTHING, attempt: &["clocks"], expected: "ok: wall clock after 2021: true, monotonic clock goes forward: true" },
    Case { name: "random bytes", grants: NOTHING, attempt: &["random"], expected: "ok: 16 random bytes, not all zero: true" },
    Case { name: "read a file in a granted folder", grants: BOX, attempt: &["read", "/box/hello.txt"], expected: "ok: hello" },
    Case { name: "write a file in a granted folder", grants: BOX, attempt: &["write", "/box/new.txt", "hi"], expected: "ok: wrote 2 bytes" },
    Case { name: "create and remove a file there", grants: BOX, attempt: &["create-remove", "/box/new.txt"], expected: "ok: created and removed" },
    Case { name: "list a granted folder", grants: BOX, attempt: &["list", "/box"], expected: "ok: hello.txt link" },
    Case { name: "an environment variable granted", grants: &["--env", "GREETING=hi"], attempt: &["env"], expected: "ok: GREETING=hi" },
    Case { name: "arguments given", grants: NOTHING, attempt: &["args", "one", "two"], expected: "ok: [\"capabilities\", \"args\", \"one\", \"two\"]" },
    Case { name: "escape: `../` out of the folder", grants: BOX, attempt: &["read", "/box/../secret.txt"], expected: "error" },
    Case { name: "escape: the host's absolute path", grants: BOX, attempt: &["read", "{secret}"], expected: "error" },
    Case { name: "escape: a symbolic link out", grants: BOX, attempt: &["read", "/box/link"], expected: "error" },
    Case { name: "escape: a hard link out", grants: BOX, attempt: &["hard-link", "{secret}", "/box/stolen"], expected: "error" },
    Case { name: "read through a read-only grant", grants: BOX_READ_ONLY, attempt: &["read", "/box/hello.txt"], expected: "ok: hello" },
    Case { name: "escape: write through a read-only grant", grants: BOX_READ_ONLY, attempt: &["write", "/box/new.txt", "hi"], expected: "error" },
];
// ANCHOR_END: cases

const HANG: Duration = Duration::from_secs(60);

/// Runs every case on every engine found, and prints the table; an error if a case failed.
pub fn main() -> Result<()> {
    let scratch = project_root().join("build/capabilities");
    let failed = case_table(
        &Engines::read()?,
        "capabilities",
        CASES,
        |case| case.name,
        |case, engine| run(case, engine, &scratch.join(engine.key())),
    )?;
    if failed > 0 {
        bail!("{} case(s) did not hold (above)", failed);
    }
    Ok(())
}

/// Runs one case on one engine, in a folder of its own: whether it held, and the table's cell.
fn run(case: &Case, engine: &Engine, scratch: &Path) -> Result<(bool, String)> {
    let _ = std::fs::remove_dir_all(scratch);
    let folder = scratch.join("box");
    let secret = scratch.join("secret.txt");
    std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
    std::fs::write(folder.join("hello.txt"), "hello\n")?;
    std::fs::write(&secret, "secret\n")?;
    std::os::unix::fs::symlink("../secret.txt", folder.join("link"))?;
    let fill = |arg: &&str| {
        arg.replace("{box}", &folder.display().to_string())
            .replace("{secret}", &secret.display().to_string())
    };
    let mut host = Command::new(&engine.host);
    host.args(case.grants.iter().map(fill))
        .arg(engine.artifact("capabilities"))
        .arg("_start")
        .args(case.attempt.iter().map(fill))
        .current_dir(project_root());
    let output = run_with_deadline(&mut host, HANG)
        .with_context(|| format!("running {}", engine.host.display()))?;
    Ok(judge(case, output))
}

/// Whether the case held, and the table's cell.
fn judge(case: &Case, output: Option<Output>) -> (bool, String) {
    let Some(output) = output else {
        return (false, format!("**hung**: still running after {:?}", HANG));
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let answer = stdout.lines().last().unwrap_or("").to_string();
    if let Some(signal) = signal(&output.status) {
        return (
            false,
            format!("**failed**: the host was killed by signal {}", signal),
        );
    }
    if !output.status.success() {
        // A grant the host cannot give as asked, it refuses rather than give more (anywhere in
        // its chain of causes); any other failure of the host is one. Its words, without the
        // grant they are about.
        let refusal = stderr.lines().find_map(|line| {
            let (_, why) = line.trim().split_once(": ")?;
            Some(why).filter(|why| why.contains("cannot grant"))
        });
        return match refusal {
            Some(why) => (true, format!("the host refuses: {}", why)),
            None => {
                let line = stderr.lines().next().unwrap_or("");
                (
                    false,
                    format!("**failed**: {}", line.trim_start_matches("Error: ")),
                )
            }
        };
    }
    match (answer.starts_with(case.expected), case.expected == "error") {
        (true, _) => (true, format!("`{}`", answer)),
        (false, true) => (false, format!("**escaped**: `{}`", answer)),
        (false, false) => (false, format!("**not granted**: `{}`", answer)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    fn output(code: i32, stdout: &str, stderr: &str) -> Option<Output> {
        Some(Output {
            status: ExitStatus::from_raw(code << 8),
            stdout: stdout.as_bytes().to_vec(),
            stderr: stderr.as_bytes().to_vec(),
        })
    }

    fn case(expected: &'static str) -> Case {
        Case {
            name: "a case",
            grants: NOTHING,
            attempt: &[],
            expected,
        }
    }

    #[test]
    fn an_answer_holds_only_if_it_begins_as_expected() {
        assert!(judge(&case("error"), output(0, "error: denied\n", "")).0);
        let (held, cell) = judge(&case("error"), output(0, "ok: secret\n", ""));
        assert!(!held && cell.starts_with("**escaped**"));
        let (held, cell) = judge(&case("ok: hello"), output(0, "error: denied\n", ""));
        assert!(!held && cell.starts_with("**not granted**"));
    }

    #[test]
    fn a_host_may_refuse_a_grant_but_not_fail_otherwise() {
        let refused =
            "Error: granting /box\n\nCaused by:\n    0: cannot grant a read-only folder\n";
        let (held, cell) = judge(&case("ok: hello"), output(1, "", refused));
        assert!(held, "{}", cell);
        let (held, _) = judge(&case("error"), output(1, "", "Error: loading x\n"));
        assert!(!held);
        let killed = Some(Output {
            status: ExitStatus::from_raw(9),
            stdout: vec![],
            stderr: vec![],
        });
        assert!(!judge(&case("error"), killed).0);
        assert!(!judge(&case("error"), None).0);
    }
}
