//! Every quotation of the article (`docs/src/article/`, a message it printed on macOS) is the
//! article's own words: each line is a line of the article's source. The source is not part of
//! the project; where it is not beside it (`../shared/article/`), the test is reported as ignored,
//! with why.
use libtest_mimic::{Arguments, Trial};
use xtask::{files, project_root};

fn main() {
    let source =
        project_root().join("../shared/article/rust-wasm-lucet-runtime.zenn-2021-04-27.md");
    let article = std::fs::read_to_string(&source).ok();
    if article.is_none() {
        eprintln!(
            "the article's quotations are not checked: its source is not at {}",
            source.display()
        );
    }
    let missing = article.is_none();
    let trial = Trial::test("every_quotation_of_the_article_is_in_it", move || {
        every_quotation_is_in(&article.unwrap_or_default())
    })
    .with_ignored_flag(missing);
    libtest_mimic::run(&Arguments::from_args(), vec![trial]).exit();
}

fn every_quotation_is_in(article: &str) -> Result<(), libtest_mimic::Failed> {
    let quotations = files(&project_root().join("docs/src/article"), "txt")?;
    if quotations.is_empty() {
        return Err("docs/src/article/ holds no quotation of the article".into());
    }
    for quotation in quotations {
        let text = std::fs::read_to_string(&quotation).map_err(|e| e.to_string())?;
        for line in text.lines() {
            if !article.lines().any(|said| said == line) {
                return Err(format!(
                    "{}: not a line of the article: {}",
                    quotation.display(),
                    line
                )
                .into());
            }
        }
    }
    Ok(())
}
