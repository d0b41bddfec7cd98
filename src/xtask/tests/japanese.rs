//! The Japanese pages speak the glossary's words: docs/src/glossary.ja.toml fixes a term for each
//! thing (the article's own, where it has one) and the forms no page may use; its rules catch
//! what a Japanese reader trips on (stray spaces, a line broken inside Japanese text, nested
//! parentheses, English left in, a sentence not in です/ます).
use serde::Deserialize;
use std::path::{Path, PathBuf};
use xtask::report::Language;
use xtask::{files, project_root};

// The docs test reads links and code with it too; here, only prose.
#[allow(dead_code)]
#[path = "support/markdown.rs"]
mod markdown;

#[derive(Deserialize)]
struct Glossary {
    polite_endings: Vec<String>,
    term: Vec<Term>,
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
#[allow(dead_code)] // `english` and `why` are for the writer who reads the glossary.
struct Term {
    #[serde(rename = "use")]
    use_: String,
    english: String,
    why: String,
    reject: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

#[derive(Deserialize)]
struct Rule {
    what: String,
    pattern: String,
}

fn glossary() -> Glossary {
    let path = project_root().join("docs/src/glossary.ja.toml");
    toml::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {}", path.display(), e))
}

/// Each rule's pattern, compiled, with what it says to whoever breaks it.
fn rules(glossary: &Glossary) -> Vec<(regex::Regex, &str)> {
    glossary
        .rule
        .iter()
        .map(|rule| {
            let pattern = regex::Regex::new(&rule.pattern)
                .unwrap_or_else(|e| panic!("the rule {:?}: {}", rule.what, e));
            (pattern, rule.what.as_str())
        })
        .collect()
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}')
}

/// Japanese prose, on a page of another language: kana outside a 「quotation」 (the article's
/// title, in an English sentence).
fn is_japanese(block: &str) -> bool {
    let mut depth = 0;
    block.chars().any(|c| {
        match c {
            '「' => depth += 1,
            '」' => depth -= 1,
            _ => {}
        }
        depth == 0 && is_kana(c)
    })
}

/// A block of prose (a paragraph, a heading, a list item's text, a table cell) as a reader sees
/// it: inline code as `X`, a link as its text, a line break inside the block as `\n`; with the
/// line it starts on.
fn blocks(text: &str) -> Vec<(usize, String)> {
    markdown::blocks(text)
        .into_iter()
        .map(|block| (block.line, block.prose()))
        .collect()
}

/// The Japanese pages and the Japanese prose of the others: every Markdown page of the book's
/// sources, the generated reports the Japanese chapters include, and the READMEs.
fn pages() -> Vec<(PathBuf, bool)> {
    let root = project_root();
    let mut pages: Vec<PathBuf> = files(&root.join("docs/src"), "md").unwrap();
    pages.extend(
        files(&root.join("docs/src"), "markdown")
            .unwrap()
            .into_iter()
            .filter(|page| page.to_string_lossy().ends_with(".ja.markdown")),
    );
    pages.push(root.join("README.md"));
    pages.push(root.join("README.ja.md"));
    pages
        .into_iter()
        .map(|page| {
            let japanese = Language::of_page(&page) == Language::Japanese;
            (page, japanese)
        })
        .collect()
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{309f}')
}

/// Where `block` breaks the glossary: a rejected term, a rule's pattern, a sentence not polite (one
/// that ends in a verb's or an adjective's plain form; a table cell's noun phrase may end in a
/// noun).
fn faults(glossary: &Glossary, rules: &[(regex::Regex, &str)], block: &str) -> Vec<String> {
    let mut faults = Vec::new();
    for term in &glossary.term {
        for reject in &term.reject {
            for (at, _) in block.match_indices(reject.as_str()) {
                if !term
                    .allow
                    .iter()
                    .any(|allow| block[at..].starts_with(allow.as_str()))
                {
                    faults.push(format!(
                        "「{}」: write 「{}」 ({})",
                        reject, term.use_, term.why
                    ));
                }
            }
        }
    }
    for (pattern, what) in rules {
        for found in pattern.find_iter(block) {
            faults.push(format!("{:?}: {}", found.as_str(), what));
        }
    }
    for sentence in block.split_inclusive('。').filter(|s| s.ends_with('。')) {
        let mut body = sentence.trim_end_matches('。');
        // A sentence that ends in a parenthesis is judged by what comes before it: 「…を読む（X）。」
        while let Some(before) = body
            .strip_suffix('）')
            .and_then(|b| b.rfind('（').map(|at| &b[..at]))
        {
            body = before;
        }
        let polite = glossary
            .polite_endings
            .iter()
            .any(|ending| body.ends_with(ending.as_str()));
        if body.chars().last().is_some_and(is_hiragana) && !polite {
            let tail: String = body
                .chars()
                .rev()
                .take(12)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            faults.push(format!("「…{}。」: end the sentence in です/ます", tail));
        }
    }
    faults
}

fn relative(page: &Path) -> String {
    page.strip_prefix(project_root())
        .unwrap_or(page)
        .display()
        .to_string()
}

#[test]
fn the_japanese_prose_uses_the_glossary() {
    let glossary = glossary();
    let rules = rules(&glossary);
    let mut wrong = Vec::new();
    for (page, japanese) in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for (line, block) in blocks(&text) {
            if !japanese && !is_japanese(&block) {
                continue;
            }
            for fault in faults(&glossary, &rules, &block) {
                wrong.push(format!("{}:{}: {}", relative(&page), line, fault));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} places where the Japanese prose breaks docs/src/glossary.ja.toml:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The checker finds what it is for, and passes what the glossary allows.
#[test]
fn the_glossary_check_finds_a_rejected_term_and_allows_its_allowed_forms() {
    let glossary = glossary();
    let rules = rules(&glossary);
    let found = |block: &str| faults(&glossary, &rules, block);
    // Each text breaks the glossary once, for the reason beside it.
    for (text, why) in [
        ("Lucet のチェックアウトに置きます。", "a rejected term"),
        ("ヘッダを読みます。", "a rejected long-vowel form"),
        ("ホストがモジュールを読む。", "not です/ます"),
        ("元記事の 「手順」です。", "spaces around 「」"),
        ("Lucet（x86-64（Linux））です。", "nested parentheses"),
        ("ゲストを\nビルドします。", "a line broken inside Japanese"),
        ("結果は範囲内（within range）です。", "English"),
    ] {
        assert_eq!(found(text).len(), 1, "{}: {}", why, text);
    }
    assert_eq!(
        found("コミットをチェックアウトします。").len(),
        1,
        "the verb too"
    );
    assert!(found("ヘッダーを読みます。").is_empty());
    assert!(found("X を実行します（X）。").is_empty());
    assert_eq!(
        found("ホストがモジュールを読む（X）。").len(),
        1,
        "not です/ます, before a parenthesis"
    );
    assert_eq!(found("各行 100,000 回です。").len(), 1, "10 万回");
    assert!(found("各行 5,000 回です。").is_empty());
    assert!(!is_japanese(
        "The article 「RustをWebAssemblyにコンパイルしてlucet-runtimeで動かす」 compiles"
    ));
    assert!(is_japanese("元記事は「手順」で"));
}

#[test]
fn prose_is_read_outside_code_with_links_as_their_text() {
    let blocks = blocks(
        "# 見出し\n\n段落の `チェックアウト` と [リンク](errata.md#チェックアウト)。\n\n\
         ```console\nチェックアウト\n```\n\n| a | b |\n|---|---|\n| セル | 二つ目 |\n",
    );
    let texts: Vec<&str> = blocks.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(
        texts,
        ["見出し", "段落の X と リンク。", "a", "b", "セル", "二つ目"]
    );
    assert_eq!(blocks[1].0, 3);
}
