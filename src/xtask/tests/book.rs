//! The book as a reader sees it: headless Chromium opens the tutorial's chapters that `make book`
//! (run by `make test`) built, screenshots them into build/book/screenshots, and finds the code
//! blocks, and the page's own language, in what it rendered. Chromium and the Japanese font come
//! from `make book-prerequisites`, which `make test` runs where it can; where either is missing,
//! the test is reported as ignored, with why.
use libtest_mimic::{Arguments, Trial};
use std::path::PathBuf;
use std::process::Command;
use xtask::project_root;

fn main() {
    let missing = missing_prerequisite();
    if let Some(why) = missing {
        eprintln!("the book's tests are skipped: {}", why);
    }
    let trial = Trial::test("tutorial_pages_show_their_code_and_language", || {
        tutorial_pages_show_their_code_and_language();
        Ok(())
    });
    let trials = vec![trial.with_ignored_flag(missing.is_some())];
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

/// What the book's tests need and this machine lacks: Chromium, or a font with Japanese glyphs
/// (without one, Chromium draws the Japanese pages as boxes). `make book-prerequisites` installs
/// both.
fn missing_prerequisite() -> Option<&'static str> {
    if Command::new("chromium").arg("--version").output().is_err() {
        return Some("no chromium (make book-prerequisites installs it)");
    }
    let fonts = Command::new("fc-list")
        .args([":lang=ja", "family"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if fonts.trim().is_empty() {
        return Some("no Japanese font (make book-prerequisites installs one)");
    }
    None
}

/// Each chapter, in each language, with a heading in that language and the languages of its code.
const PAGES: [(&str, &str, &[&str]); 8] = [
    (
        "en/tutorial.html",
        "0. What you bring",
        &["rust", "console"],
    ),
    ("ja/tutorial.html", "0. 用意するもの", &["rust", "console"]),
    (
        "en/beyond.html",
        "1. Host functions the guest calls",
        &["rust", "console"],
    ),
    (
        "ja/beyond.html",
        "1. ゲストから呼ぶホスト関数",
        &["rust", "console"],
    ),
    (
        "en/faults.html",
        "1. Guests that misbehave",
        &["rust", "console"],
    ),
    ("ja/faults.html", "1. 暴れるゲスト", &["rust", "console"]),
    ("en/performance.html", "The latest report", &["make"]),
    ("ja/performance.html", "最新のレポート", &["make"]),
];

fn book() -> PathBuf {
    let book = project_root().join("build/book/html");
    assert!(book.is_dir(), "no {}: run make book", book.display());
    book
}

/// Chromium, headless, as this machine allows it: as root, without a sandbox; without the
/// background connections a closed network refuses; a fresh profile each time.
fn chromium(args: &[&str]) -> String {
    let profile = std::env::temp_dir().join(format!("book-test-chromium-{}", std::process::id()));
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("no chromium: run make book-prerequisites");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        output.status.success(),
        "chromium {:?}: {}",
        args,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn tutorial_pages_show_their_code_and_language() {
    let screenshots = project_root().join("build/book/screenshots");
    std::fs::create_dir_all(&screenshots).unwrap();
    for (page, heading, languages) in PAGES {
        let url = format!("file://{}", book().join(page).display());
        let dom = chromium(&["--dump-dom", &url]);
        for language in languages {
            let code = format!("<code class=\"language-{}", language);
            assert!(dom.contains(&code), "{}: no {} block", page, code);
        }
        assert!(dom.contains(heading), "{}: no heading {:?}", page, heading);
        let shot = screenshots.join(page.replace('/', "-").replace(".html", ".png"));
        let _ = std::fs::remove_file(&shot);
        chromium(&[
            "--window-size=1280,1600",
            &format!("--screenshot={}", shot.display()),
            &url,
        ]);
        let size = std::fs::metadata(&shot).map_or(0, |m| m.len());
        assert!(
            size > 50_000,
            "{}: screenshot {} has {} bytes",
            page,
            shot.display(),
            size
        );
    }
}
