//! The docs show code only by mdBook's `{{#include PATH}}` and `{{#include PATH:ANCHOR}}`: every
//! code block of a source page is one include, so no block can drift from the file it shows.
//! mdBook expands them (`make book`, `make docs`).
use crate::report::Language;
use crate::Transcript;
use anyhow::{bail, Result};
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

const OPEN: &str = "{{#include ";

/// Whether `block` (a code block's body) is one include and nothing else.
pub fn is_include(block: &str) -> bool {
    included(block).is_some()
}

/// What `line` includes (`PATH` or `PATH:ANCHOR`), when it is one include and nothing else.
fn included(line: &str) -> Option<&str> {
    line.trim().strip_prefix(OPEN)?.strip_suffix("}}")
}

/// `page` (a chapter's Markdown, in the folder `dir`) with each include of a transcript (a
/// `.console` file) replaced by the transcript as a reader sees it, in `language`: what the
/// `mdbook-transcripts` preprocessor does before mdBook expands the other includes.
pub fn transcripts_for_readers(page: &str, dir: &Path, language: Language) -> Result<String> {
    let mut shown = String::new();
    for line in page.split_inclusive('\n') {
        let Some(path) = included(line).filter(|path| path.contains(".console")) else {
            shown += line;
            continue;
        };
        if !path.ends_with(".console") {
            bail!(
                "{}: a transcript is included whole, without an anchor or a range",
                line.trim()
            );
        }
        // Indented as the include is (in a list, say).
        let indent = &line[..line.len() - line.trim_start().len()];
        for shown_line in Transcript::load(&dir.join(path))?
            .reader_text(language)
            .lines()
        {
            shown += &format!("{}{}\n", indent, shown_line);
        }
    }
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_include_is_a_line_of_its_own() {
        assert!(is_include("{{#include ../a.rs:main}}"));
        assert!(is_include("  {{#include ../a.console}}"));
        assert!(!is_include("fn main() {} // {{#include a.rs}}"));
    }

    fn scratch(name: &str, text: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("xtask-{}-{}", std::process::id(), name));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_transcript_is_shown_as_a_reader_sees_it() {
        let transcript = scratch(
            "shown.lucet.console",
            "# only if: true\n$ make run-hello\nHello\n# check: test -e x\n? failed\n# finally: rm -f y\n",
        );
        let page = format!(
            "Text\n```console\n{{{{#include {}}}}}\n```\n```rust\n{{{{#include a.rs}}}}\n```\n",
            transcript.display()
        );
        let shown = transcripts_for_readers(&page, Path::new("/"), Language::English).unwrap();
        assert_eq!(
            shown,
            "Text\n```console\n# Lucet only: needs the checkout make lucet brings up\n$ make run-hello\nHello\n# clean-up: undo what the commands above changed\n$ rm -f y\n```\n```rust\n{{#include a.rs}}\n```\n"
        );
    }
}
