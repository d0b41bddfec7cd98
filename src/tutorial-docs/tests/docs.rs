//! The docs show only what the build compiles and the tests run: every code block of a source page
//! is an include, every include names a file (and anchor) that exists, the committed readable
//! copies are fresh, and every relative link resolves.
use std::path::{Path, PathBuf};
use tutorial_docs::include::{expand, handwritten_blocks};
use tutorial_docs::{files, project_root, render, renderings};

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

#[test]
fn every_include_resolves() {
    for doc in sources() {
        expand(&doc).unwrap();
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
    assert!(broken.is_empty(), "links to nothing:\n{}", broken.join("\n"));
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
