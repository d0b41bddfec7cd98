//! mdBook's `{{#include PATH}}` and `{{#include PATH:ANCHOR}}`, as the docs use them: every code
//! block in `docs/` is one include, so no block can drift from the file it shows.
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

const OPEN: &str = "{{#include ";

/// `doc` with each include replaced by the text it names (paths are relative to `doc`'s folder).
pub fn expand(doc: &Path) -> Result<String, String> {
    let text =
        std::fs::read_to_string(doc).map_err(|e| format!("reading {}: {}", doc.display(), e))?;
    let dir = doc.parent().unwrap_or(Path::new("."));
    let mut expanded = String::new();
    for line in text.lines() {
        match include_of(line) {
            Some((path, anchor)) => {
                let included = included(&dir.join(path), anchor)
                    .map_err(|e| format!("{}: {}", doc.display(), e))?;
                expanded.push_str(&included);
            }
            None => {
                expanded.push_str(line);
                expanded.push('\n');
            }
        }
    }
    Ok(expanded)
}

/// Code blocks of `doc` that are not exactly one include, as `line: text` of their first line.
pub fn handwritten_blocks(doc: &Path) -> Result<Vec<String>, String> {
    let text =
        std::fs::read_to_string(doc).map_err(|e| format!("reading {}: {}", doc.display(), e))?;
    let mut found = Vec::new();
    let mut block: Option<(usize, Vec<&str>)> = None;
    for (number, line) in text.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match (&mut block, fence) {
            (None, true) => block = Some((number + 1, Vec::new())),
            (Some((start, body)), true) => {
                if !(body.len() == 1 && include_of(body[0]).is_some()) {
                    found.push(format!(
                        "{}:{}: {}",
                        doc.display(),
                        start,
                        body.first().unwrap_or(&"(empty)")
                    ));
                }
                block = None;
            }
            (Some((_, body)), false) => body.push(line),
            (None, false) => {}
        }
    }
    Ok(found)
}

fn include_of(line: &str) -> Option<(&str, Option<&str>)> {
    let target = line.trim().strip_prefix(OPEN)?.strip_suffix("}}")?.trim();
    Some(match target.rsplit_once(':') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    })
}

fn included(path: &Path, anchor: Option<&str>) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("including {}: {}", path.display(), e))?;
    let is_marker = |line: &str| line.contains("ANCHOR: ") || line.contains("ANCHOR_END: ");
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(anchor) = anchor {
        let named = |marker: &str, line: &str| {
            line.split(marker)
                .nth(1)
                .is_some_and(|rest| rest.split_whitespace().next() == Some(anchor))
        };
        let start = lines.iter().position(|line| named("ANCHOR: ", line));
        let end = lines.iter().position(|line| named("ANCHOR_END: ", line));
        match (start, end) {
            (Some(start), Some(end)) if start < end => lines = lines[start + 1..end].to_vec(),
            _ => {
                return Err(format!(
                    "{} has no ANCHOR: {} ... ANCHOR_END: {}",
                    path.display(),
                    anchor,
                    anchor
                ))
            }
        }
    }
    let body: Vec<&str> = lines.into_iter().filter(|line| !is_marker(line)).collect();
    if body.is_empty() {
        return Err(format!(
            "{}{} includes nothing",
            path.display(),
            anchor.map(|a| format!(":{}", a)).unwrap_or_default()
        ));
    }
    Ok(body.iter().map(|line| format!("{}\n", line)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_include_names_a_path_and_maybe_an_anchor() {
        assert_eq!(
            include_of("{{#include ../a.rs:main}}"),
            Some(("../a.rs", Some("main")))
        );
        assert_eq!(
            include_of("  {{#include ../a.console}}"),
            Some(("../a.console", None))
        );
        assert_eq!(include_of("fn main() {}"), None);
    }

    fn scratch(name: &str, text: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("xtask-{}-{}", std::process::id(), name));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_block_edited_by_hand_is_found() {
        let doc = scratch(
            "doc.md",
            "```rust\n{{#include a.rs}}\n```\n\n```rust\nfn main() {}\n```\n",
        );
        let found = handwritten_blocks(&doc).unwrap();
        assert_eq!(found, vec![format!("{}:5: fn main() {{}}", doc.display())]);
    }

    #[test]
    fn an_anchor_includes_its_lines_only() {
        let code = scratch(
            "code.rs",
            "use x;\n// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\n",
        );
        assert_eq!(included(&code, Some("main")).unwrap(), "fn main() {}\n");
        assert!(included(&code, Some("other"))
            .unwrap_err()
            .contains("has no ANCHOR: other"));
        assert_eq!(included(&code, None).unwrap(), "use x;\nfn main() {}\n");
    }
}
