//! The docs show only what the build compiles and the tests run: every code block of a source page
//! is an include, every include names a file (and anchor) that exists, the committed readable
//! copies are fresh, and every relative link resolves.
use std::path::{Path, PathBuf};
use xtask::include::{expand, handwritten_blocks};
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

/// mdBook's own include gives the same pages as `make docs`: its Markdown output, which
/// `make book` (run by `make test`) writes to build/book/markdown.
#[test]
fn mdbook_renders_the_same_pages() {
    let book = project_root().join("build/book/markdown");
    assert!(book.is_dir(), "no {}: run make book", book.display());
    let pages = renderings().unwrap().into_iter().map(|(source, _)| source);
    for source in pages.filter(|source| source.extension().is_some_and(|ext| ext == "md")) {
        let page = source
            .strip_prefix(project_root().join("docs/src"))
            .unwrap();
        let by_mdbook = std::fs::read_to_string(book.join(page)).unwrap();
        let ours = expand(&source).unwrap();
        let first_difference = by_mdbook
            .lines()
            .zip(ours.lines())
            .position(|(a, b)| a != b);
        assert!(
            by_mdbook == ours,
            "{}: mdBook and make docs differ, from line {}",
            page.display(),
            first_difference.map_or(by_mdbook.lines().count().min(ours.lines().count()), |n| n) + 1
        );
    }
}
