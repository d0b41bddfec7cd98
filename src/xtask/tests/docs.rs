//! The docs show only what the build compiles and the tests run: every code block of a source page
//! is an include, mdBook expanded every include to something, the committed readable copies are
//! mdBook's pages, and every relative link resolves.
use std::path::{Path, PathBuf};
use xtask::include::handwritten_blocks;
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
        .flat_map(|doc| handwritten_blocks(doc).unwrap())
        .collect();
    assert!(
        handwritten.is_empty(),
        "code blocks written by hand; include the file instead:\n{}",
        handwritten.join("\n")
    );
}

/// mdBook leaves an include of a missing file as it is, and expands one of a missing anchor to an
/// empty block; either would show the reader nothing.
#[test]
fn every_include_resolves() {
    for (source, _) in renderings().unwrap() {
        let page = render(&source).unwrap();
        let lines: Vec<&str> = page.lines().collect();
        let empty_block = lines
            .windows(3)
            .any(|w| w[0].starts_with("```") && w[1].is_empty() && w[2] == "```");
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

#[test]
fn every_relative_link_resolves() {
    let root = project_root();
    let mut pages = vec![root.join("README.md")];
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
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')'))
        .map(|(target, _)| target.split('#').next().unwrap_or_default().to_string())
        .filter(|target| !target.is_empty() && !target.contains("://"))
        .collect()
}

fn resolves(page: &Path, target: &str) -> bool {
    page.parent().unwrap().join(target).exists()
}
