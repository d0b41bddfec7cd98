//! The docs show only what the build compiles and the tests run: every code block is an include,
//! and every include names a file (and anchor) that exists.
use tutorial_docs::include::{expand, handwritten_blocks};
use tutorial_docs::{files, project_root};

fn all_docs() -> Vec<std::path::PathBuf> {
    let docs = files(&project_root().join("docs"), "md").unwrap();
    assert!(
        docs.len() >= 3,
        "the tutorial in two languages and the errata: {:?}",
        docs
    );
    docs
}

#[test]
fn every_code_block_is_an_include() {
    let handwritten: Vec<String> = all_docs()
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
    for doc in all_docs() {
        expand(&doc).unwrap();
    }
}
