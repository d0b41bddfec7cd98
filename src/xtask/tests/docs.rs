//! The docs show only what the build compiles and the tests run: every code block of a source page
//! is an include, mdBook expanded every include to something, the committed readable copies are
//! mdBook's pages, and every relative link resolves.
use std::path::{Path, PathBuf};
#[path = "support/markdown.rs"]
mod markdown;

use markdown::Piece;
use xtask::{files, project_root, render, renderings};

fn sources() -> Vec<PathBuf> {
    let docs = files(&project_root().join("docs/src"), "md").unwrap();
    assert!(
        docs.len() >= 3,
        "the tutorial in two languages and the errata: {:?}",
        docs
    );
    docs
}

#[test]
fn every_code_block_is_an_include() {
    let handwritten: Vec<String> = sources()
        .iter()
        .flat_map(|doc| handwritten_blocks(doc))
        .collect();
    assert!(
        handwritten.is_empty(),
        "code blocks written by hand; include the file instead:\n{}",
        handwritten.join("\n")
    );
}

/// Code blocks of `doc` that are not exactly one include, as `line: text` of their first line.
fn handwritten_blocks(doc: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(doc).unwrap();
    markdown::code_blocks(&text)
        .into_iter()
        .filter(|block| {
            !(block.body.lines().count() == 1 && xtask::include::is_include(&block.body))
        })
        .map(|block| {
            let first = block.body.lines().next().unwrap_or("(empty)");
            format!("{}:{}: {}", doc.display(), block.line, first)
        })
        .collect()
}

#[test]
fn a_block_edited_by_hand_is_found() {
    let doc = std::env::temp_dir().join(format!("handwritten-{}.md", std::process::id()));
    std::fs::write(
        &doc,
        "```rust\n{{#include a.rs}}\n```\n\n```rust\nfn main() {}\n```\n",
    )
    .unwrap();
    let found = handwritten_blocks(&doc);
    std::fs::remove_file(&doc).unwrap();
    assert_eq!(found, vec![format!("{}:5: fn main() {{}}", doc.display())]);
}

/// mdBook leaves an include of a missing file as it is, and expands one of a missing anchor to an
/// empty block; either would show the reader nothing.
#[test]
fn every_include_resolves() {
    for (source, _) in renderings().unwrap() {
        let page = render(&source).unwrap();
        let empty_block = markdown::code_blocks(&page)
            .iter()
            .any(|block| block.body.trim().is_empty());
        assert!(
            !page.contains("{{#include") && !empty_block,
            "{}: an include of a file that does not exist, or of an anchor the file does not have",
            source.display()
        );
    }
}

#[test]
fn readable_copies_are_fresh() {
    let stale: Vec<String> = renderings()
        .unwrap()
        .iter()
        .filter(|(source, rendered)| {
            std::fs::read_to_string(rendered).ok() != Some(render(source).unwrap())
        })
        .map(|(_, rendered)| rendered.display().to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "stale, or missing: {:?}\nrefresh them with: make docs",
        stale
    );
}

/// The ids of a page's headings, as GitHub and mdBook give them: a second heading of the same id
/// gets `-1`, a third `-2`.
fn heading_ids(page: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(page).unwrap_or_default();
    let mut ids: Vec<String> = Vec::new();
    for (_, id) in headings(&text) {
        let before = ids
            .iter()
            .filter(|known| known.as_str() == id || known.starts_with(&format!("{}-", id)))
            .count();
        ids.push(if before == 0 {
            id
        } else {
            format!("{}-{}", id, before)
        });
    }
    ids
}

/// Every link to a heading (`page.md#id`, `#id`) on the pages people read, includes expanded, names
/// a heading the page has; a heading renamed leaves no link behind.
#[test]
fn every_link_to_a_heading_finds_it() {
    let root = project_root();
    let mut broken = Vec::new();
    // Each page's headings, read once however many links lead to it.
    let mut ids: std::collections::HashMap<PathBuf, Vec<String>> = Default::default();
    for page in readable_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for block in markdown::blocks(&text) {
            for target in block.links() {
                let Some((file, id)) = target.split_once('#') else {
                    continue;
                };
                if target.contains("://") {
                    continue;
                }
                let target_page = match file {
                    "" => page.clone(),
                    file => page.parent().unwrap().join(file),
                };
                let known = ids
                    .entry(target_page.clone())
                    .or_insert_with(|| heading_ids(&target_page));
                if !known.iter().any(|known| known == id) {
                    let shown = page
                        .strip_prefix(&root)
                        .unwrap_or(&page)
                        .display()
                        .to_string();
                    broken.push(format!("{}: {}", shown, target));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to headings that are not there:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_relative_link_resolves() {
    let root = project_root();
    let mut pages = vec![root.join("README.md"), root.join("README.ja.md")];
    pages.extend(files(&root.join("docs"), "md").unwrap());
    let broken: Vec<String> = pages
        .iter()
        .flat_map(|page| {
            let text = std::fs::read_to_string(page).unwrap();
            links(&text)
                .into_iter()
                .filter(|target| !resolves(page, target))
                .map(|target| format!("{}: {}", page.display(), target))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        broken.is_empty(),
        "links to nothing:\n{}",
        broken.join("\n")
    );
}

/// The targets of `[text](target)` links that are neither web addresses nor anchors.
fn links(text: &str) -> Vec<String> {
    markdown::blocks(text)
        .iter()
        .flat_map(|block| {
            block
                .links()
                .map(|target| target.split('#').next().unwrap_or_default().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|target| !target.is_empty() && !target.contains("://"))
        .collect()
}

fn resolves(page: &Path, target: &str) -> bool {
    page.parent().unwrap().join(target).exists()
}

/// The pages people read: the READMEs and every page `make docs` writes.
fn readable_pages() -> Vec<PathBuf> {
    let root = project_root();
    let mut pages = vec![root.join("README.md"), root.join("README.ja.md")];
    pages.extend(renderings().unwrap().into_iter().map(|(_, page)| page));
    pages.retain(|page| page.extension().is_some_and(|ext| ext == "md"));
    pages
}

/// The language of a page: Japanese under `ja/` and for `*.ja.md`, English otherwise.
fn language(page: &Path) -> &'static str {
    xtask::report::Language::of_page(page).code()
}

/// Each catalog's entries, as mdBook's HTML names them: erratum (`E1`) → the heading's id.
fn catalog(language: &str) -> Vec<(String, String)> {
    let page = project_root().join(format!("build/book/html/{}/errata.html", language));
    let html = std::fs::read_to_string(&page)
        .unwrap_or_else(|e| panic!("{}: {} (run make book)", page.display(), e));
    html.split("<h2 id=\"")
        .skip(1)
        .map(|rest| {
            let id = rest.split('"').next().unwrap().to_string();
            (id[..2].to_uppercase(), id)
        })
        .collect()
}

/// GitHub's id for a heading (lower case; letters, digits, `-` and `_` kept, spaces to `-`), which
/// must be mdBook's too, so that a link works on the repository's pages as in the book.
fn github_id(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_lowercase().next()?),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

#[test]
fn both_catalogs_have_the_same_errata_with_the_same_ids_on_github() {
    let ids = |language| -> Vec<String> {
        catalog(language)
            .into_iter()
            .map(|(erratum, _)| erratum)
            .collect()
    };
    assert_eq!(ids("en"), ids("ja"));
    for language in ["en", "ja"] {
        let page = project_root().join(format!("docs/{}/errata.md", language));
        let headings = section_ids(&std::fs::read_to_string(&page).unwrap());
        let by_mdbook: Vec<String> = catalog(language).into_iter().map(|(_, id)| id).collect();
        assert_eq!(headings, by_mdbook, "{}", page.display());
    }
}

/// Every `E1`…`T6` a reader meets outside code, on every page in both languages, links to its
/// entry in the catalog of the page's language; every link to a catalog names an entry it has.
#[test]
fn every_erratum_mention_links_to_its_entry() {
    let mut wrong = Vec::new();
    for page in readable_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let language = language(&page);
        let is_catalog = page.ends_with("errata.md");
        for block in markdown::blocks(&text) {
            let at = format!("{}:{}", page.display(), block.line);
            if is_catalog && block.heading() == Some(2) {
                continue;
            }
            let mut rest = String::new();
            for piece in &block.pieces {
                match piece {
                    Piece::Link { text, target, .. }
                        if target.contains("errata.md#")
                            || (is_catalog && target.starts_with('#')) =>
                    {
                        let (path, anchor) = target.split_once('#').unwrap();
                        let catalog_language = match path {
                            "" => language,
                            path => self::language(&page.parent().unwrap().join(path)),
                        };
                        if catalog_language != language {
                            wrong.push(format!(
                                "{}: {} links to the other language's catalog",
                                at, text
                            ));
                        }
                        let entries = catalog(catalog_language);
                        match entries.iter().find(|(_, id)| id == anchor) {
                            None => wrong.push(format!(
                                "{}: {} links to #{}, which the catalog has not",
                                at, text, anchor
                            )),
                            Some((erratum, _)) if !text.contains(erratum.as_str()) => {
                                wrong.push(format!("{}: {} links to {}'s entry", at, text, erratum))
                            }
                            Some(_) => {}
                        }
                    }
                    Piece::Link { text, .. } | Piece::Text(text) => rest.push_str(text),
                    Piece::Code(_) => {}
                }
            }
            for mention in errata_mentions(&rest) {
                wrong.push(format!("{}: {} is not a link to its entry", at, mention));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// `E1`…`T9` standing alone in `text` (not inside a word, a path or `E0599`).
fn errata_mentions(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let joins = |c: Option<&char>, also: &str| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || "-_".contains(*c) || also.contains(*c))
    };
    (0..chars.len().saturating_sub(1))
        .filter(|&i| {
            (chars[i] == 'E' || chars[i] == 'T')
                && chars[i + 1].is_ascii_digit()
                && !joins(i.checked_sub(1).and_then(|before| chars.get(before)), "/#.")
                && !joins(chars.get(i + 2), "")
        })
        .map(|i| chars[i..i + 2].iter().collect())
        .collect()
}

#[test]
fn an_erratum_mention_is_found_alone_but_not_in_a_word() {
    assert_eq!(errata_mentions("erratum T3, then E4/E5."), vec!["T3", "E4"]);
    assert!(errata_mentions("E0599 in errata/E1-main-entry, ET1").is_empty());
    assert_eq!(
        errata_mentions("トラブルシューティングの T3（E6）"),
        vec!["T3", "E6"]
    );
}

/// Each language's chapters, in the book's order (`SUMMARY.md`).
fn chapters() -> Vec<Vec<String>> {
    let summary = std::fs::read_to_string(project_root().join("docs/src/SUMMARY.md")).unwrap();
    let mut parts: Vec<Vec<String>> = Vec::new();
    for block in markdown::blocks(&summary) {
        if block.heading() == Some(1) && block.prose() != "Summary" {
            parts.push(Vec::new());
        } else if let Some(part) = parts.last_mut() {
            part.extend(block.links().map(String::from));
        }
    }
    parts
}

/// The ids of a page's sections (its `##` headings), as GitHub gives them.
fn section_ids(text: &str) -> Vec<String> {
    headings(text)
        .into_iter()
        .filter(|(level, _)| *level == 2)
        .map(|(_, id)| id)
        .collect()
}

/// Each heading of `text`: its level, and GitHub's id of its line as written (with its inline
/// code, which the id keeps).
fn headings(text: &str) -> Vec<(u8, String)> {
    let lines: Vec<&str> = text.lines().collect();
    markdown::blocks(text)
        .into_iter()
        .filter_map(|block| {
            let line = lines[block.line - 1].trim_start_matches('#').trim();
            Some((block.heading()?, github_id(line)))
        })
        .collect()
}

/// A reader can go on from every chapter, and switch language: its first link is to the same
/// chapter in the other language, its last to the next chapter (the last one's, back to the
/// tutorial).
#[test]
fn every_chapter_links_the_other_language_and_the_next() {
    let parts = chapters();
    assert_eq!(parts.len(), 2, "an English and a Japanese part");
    assert_eq!(parts[0].len(), parts[1].len());
    let mut wrong = Vec::new();
    for part in &parts {
        for (i, chapter) in part.iter().enumerate() {
            let (language, name) = chapter.split_once('/').unwrap();
            let other = if language == "en" { "ja" } else { "en" };
            let next = part.get(i + 1).map_or("tutorial.md", |next| &next[3..]);
            let text =
                std::fs::read_to_string(project_root().join("docs/src").join(chapter)).unwrap();
            let targets: Vec<String> = links(&text);
            if targets.first().map(String::as_str) != Some(&format!("../{}/{}", other, name)) {
                wrong.push(format!(
                    "{}: its first link is not to ../{}/{}",
                    chapter, other, name
                ));
            }
            if targets.last().map(String::as_str) != Some(next) {
                wrong.push(format!("{}: its last link is not to {}", chapter, next));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// The names of the Lucet APIs the Lucet host's code names: every item it takes from
/// `lucet_runtime`, `lucet_wasi`, `lucet_module` and `lucet_runtime_internals`, by its last name.
fn lucet_apis() -> Vec<String> {
    let mut names = Vec::new();
    let sources = files(&project_root().join("src/hello-lucet-runtime/src"), "rs").unwrap();
    for source in sources {
        let text = std::fs::read_to_string(source).unwrap();
        for crate_name in [
            "lucet_runtime",
            "lucet_wasi",
            "lucet_module",
            "lucet_runtime_internals",
        ] {
            for (at, _) in text.match_indices(&format!("{}::", crate_name)) {
                let before = text[..at].chars().last();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let path = &text[at + crate_name.len() + 2..];
                let items = match path.strip_prefix('{') {
                    Some(list) => list[..list.find('}').unwrap()].to_string(),
                    None => path
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                        .collect(),
                };
                for item in items.split(',') {
                    let name = item.trim().rsplit("::").next().unwrap_or_default();
                    if !name.is_empty() && !names.iter().any(|known| known == name) {
                        names.push(name.to_string());
                    }
                }
            }
        }
    }
    names
}

/// The migration chapter cannot drift from the hosts: in both languages, every Lucet API the Lucet
/// host names has a row in the map, and every row's link goes to a section of the chapter (whose
/// code is included from the hosts, which `every_include_resolves` checks).
#[test]
fn the_migration_map_covers_every_lucet_api_the_host_calls() {
    let apis = lucet_apis();
    assert!(apis.len() > 20, "the Lucet host names {:?}", apis);
    let mut wrong = Vec::new();
    for language in ["en", "ja"] {
        let page = project_root().join(format!("docs/src/{}/migration.md", language));
        let text = std::fs::read_to_string(&page).unwrap();
        let cells: Vec<markdown::Block> = markdown::blocks(&text)
            .into_iter()
            .filter(|block| block.kind == markdown::Kind::Cell)
            .collect();
        let spans: Vec<&str> = cells.iter().flat_map(|cell| cell.code()).collect();
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        for api in &apis {
            let named = spans.iter().any(|span| {
                span.match_indices(api.as_str()).any(|(at, _)| {
                    !span[..at].chars().last().is_some_and(is_word)
                        && !span[at + api.len()..].chars().next().is_some_and(is_word)
                })
            });
            if !named {
                wrong.push(format!("{}: no row names `{}`", page.display(), api));
            }
        }
        let sections = section_ids(&text);
        for cell in &cells {
            for id in cell.links().filter_map(|target| target.strip_prefix('#')) {
                if !sections.iter().any(|section| section == id) {
                    wrong.push(format!(
                        "{}: a row links to #{}, no section",
                        page.display(),
                        id
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// `docs/src/facts.toml`: every figure the prose states that no generated file supplies, with the
/// measurement (machine, date, commit), the setting or the publication it comes from.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Facts {
    measurement: Vec<Measurement>,
    setting: Vec<Sourced>,
    published: Vec<Sourced>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read to be checked, not used: the file is for the reader of the source
struct Measurement {
    what: String,
    /// The command, or the tools, that measured it.
    how: String,
    /// CPU, logical CPUs, and whether it is a virtual machine.
    machine: String,
    date: String,
    commit: String,
    /// Whether the crates were already downloaded, where it bears on the figure.
    #[serde(default)]
    crates: Option<String>,
    /// Each figure as the prose writes it, in either language.
    figures: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Sourced {
    what: String,
    /// A file of the project's, or an address.
    source: String,
    figures: Vec<String>,
}

/// A duration, a ratio, a rate or a percentage, as prose writes it in either language; a range
/// (`0.78 to 0.84 ×`, `0.78～0.84 倍`) as one figure.
fn figure_pattern() -> regex::Regex {
    let number = r"\d+(?:[.,]\d+)*½?";
    let number = format!(r"{n}(?: to {n}|～{n}| ?– ?{n})?", n = number);
    regex::Regex::new(&format!(
        r"{n} ?min {n} ?s\b|{n} ?分 ?{n} ?秒|{n} ?分半|{n} ?(?:µs|ms|ns|s|min|minutes?|seconds?|hours?)\b|{n} ?(?:×|倍|%|runs/s|秒|分|時間)",
        n = number
    ))
    .unwrap()
}

/// The figures of a page's prose: outside code blocks, inline code, includes and link targets.
fn figures_in(text: &str) -> Vec<(usize, String)> {
    let pattern = figure_pattern();
    let mut found = Vec::new();
    for block in markdown::blocks(text) {
        for piece in &block.pieces {
            let (Piece::Text(words) | Piece::Link { text: words, .. }) = piece else {
                continue;
            };
            if words.contains("{{#include") {
                continue;
            }
            for figure in pattern.find_iter(words) {
                found.push((block.line, figure.as_str().to_string()));
            }
        }
    }
    found
}

#[test]
fn figures_are_found_in_either_language() {
    let found: Vec<String> = figures_in(
        "From a clone, 3 min 05 s (`make all, 2 s`), 2½ minutes, 0.78 ×, 95 %, 96,163 runs/s; \
         約 3 分 5 秒、5 分半、1.38 倍、Rust 1.50, 2 steps, [131 s](a-5s.md)",
    )
    .into_iter()
    .map(|(_, figure)| figure)
    .collect();
    assert_eq!(
        found,
        [
            "3 min 05 s",
            "2½ minutes",
            "0.78 ×",
            "95 %",
            "96,163 runs/s",
            "3 分 5 秒",
            "5 分半",
            "1.38 倍",
            "131 s"
        ]
    );
    let ranges: Vec<String> = figures_in("0.78 to 0.84 ×, 0.88～1.00 倍")
        .into_iter()
        .map(|(_, figure)| figure)
        .collect();
    assert_eq!(ranges, ["0.78 to 0.84 ×", "0.88～1.00 倍"]);
}

/// Every figure in the README's and the chapters' prose is said once, with its source: included
/// from a generated report, or listed in `docs/src/facts.toml` with the measurement (machine, date,
/// commit), setting or publication it comes from; and every figure listed there is still said.
#[test]
fn every_figure_in_prose_has_one_source() {
    let root = project_root();
    let facts: Facts =
        toml::from_str(&std::fs::read_to_string(root.join("docs/src/facts.toml")).unwrap())
            .unwrap_or_else(|e| panic!("docs/src/facts.toml: {}", e));
    let mut listed: Vec<&String> = facts
        .measurement
        .iter()
        .flat_map(|m| &m.figures)
        .chain(facts.setting.iter().flat_map(|s| &s.figures))
        .chain(facts.published.iter().flat_map(|p| &p.figures))
        .collect();
    listed.sort();
    let twice: Vec<&&String> = listed
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    let unfinished: Vec<&str> = facts
        .measurement
        .iter()
        .filter(|m| {
            [&m.date, &m.commit, &m.machine]
                .iter()
                .any(|field| field.is_empty() || field.contains("FIXME"))
        })
        .map(|m| m.what.as_str())
        .collect();
    assert!(
        unfinished.is_empty(),
        "measurements with no machine, date or commit: {:?}",
        unfinished
    );
    let mut pages = vec![root.join("README.md"), root.join("README.ja.md")];
    pages.extend(sources());
    let placeholder = regex::Regex::new(r"\{\{[A-Z_]+\}\}").unwrap();
    let mut unsourced = Vec::new();
    let mut said = std::collections::BTreeSet::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for found in placeholder.find_iter(&text) {
            unsourced.push(format!(
                "{}: a placeholder, {}",
                page.display(),
                found.as_str()
            ));
        }
        for (line, figure) in figures_in(&text) {
            if listed.contains(&&figure) {
                said.insert(figure);
            } else {
                let page = page.strip_prefix(&root).unwrap_or(page);
                unsourced.push(format!("{}:{}: {}", page.display(), line, figure));
            }
        }
    }
    let unsaid: Vec<&&String> = listed.iter().filter(|f| !said.contains(**f)).collect();
    assert!(
        unsourced.is_empty() && twice.is_empty() && unsaid.is_empty(),
        "figures in prose with no source in docs/src/facts.toml (list them there with their \
         measurement, or include them from a generated report):\n{}\nlisted twice: {:?}\nlisted \
         but said nowhere: {:?}",
        unsourced.join("\n"),
        twice,
        unsaid
    );
}
