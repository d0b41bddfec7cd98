//! An mdBook preprocessor (book.toml): shows each transcript a chapter includes as a reader sees
//! it, the lines there for the test alone left out (`Transcript::reader_text`), in the chapter's
//! language (`Language::of_page`: the Japanese chapters are under `ja/`). mdBook runs it before it
//! expands the other includes; `mdbook-transcripts supports RENDERER` answers yes for every
//! renderer.
use anyhow::{Context, Result};
use xtask::include::transcripts_for_readers;
use xtask::report::Language;

fn main() -> Result<()> {
    if std::env::args().nth(1).as_deref() == Some("supports") {
        return Ok(());
    }
    preprocess().context("mdbook-transcripts")
}

fn preprocess() -> Result<()> {
    let (context, mut book) = mdbook_preprocessor::parse_input(std::io::stdin())
        .map_err(|e| anyhow::anyhow!("{:#}", e))?;
    let source = context.root.join(&context.config.book.src);
    let mut failed = Ok(());
    book.for_each_chapter_mut(|chapter| {
        let Some(page) = &chapter.source_path else {
            return;
        };
        let language = Language::of_page(page);
        let dir = source.join(page).parent().unwrap_or(&source).to_path_buf();
        match transcripts_for_readers(&chapter.content, &dir, language) {
            Ok(shown) => chapter.content = shown,
            Err(error) => failed = Err(error.context(page.display().to_string())),
        }
    });
    failed?;
    Ok(serde_json::to_writer(std::io::stdout(), &book)?)
}
