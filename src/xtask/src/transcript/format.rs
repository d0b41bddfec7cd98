//! The transcript file: its commands, their expected output, its conditions and clean-up; and how
//! output is matched.
use crate::report::Language;
use anyhow::{anyhow, Context, Result};
use std::fmt;
use std::path::{Path, PathBuf};

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

/// Whether the transcript at `path` is one of a session's.
pub fn is_by_hand(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| folder == "by-hand")
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

    pub fn load(path: &Path) -> Result<Transcript> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Transcript::parse(path, &text)
    }

    /// The transcript `text`, as the file `path` would hold it (its name says its engine).
    pub fn parse(path: &Path, text: &str) -> Result<Transcript> {
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
        let error = |why: &str| Err(anyhow!("{}: {}", path.display(), why));
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
pub(super) fn lines_of(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{}\n", line)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::test_support::{lines, scratch};

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

    #[test]
    fn a_name_is_below_the_transcripts_folder_of_any_copy_of_the_project() {
        let folder = scratch("copy/docs/transcripts/errata/E9-example");
        let path = folder.join("symptom.wasmtime.console");
        std::fs::write(&path, "$ true\n").unwrap();
        let transcript = Transcript::load(&path).unwrap();
        assert_eq!(transcript.name(), "errata/E9-example/symptom.wasmtime");
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
