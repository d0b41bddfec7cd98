//! The book as a reader sees it: headless Chromium opens the tutorial's chapters that `make book`
//! (run by `make test`) built, screenshots them into build/book/screenshots, and finds the code
//! blocks, the page's own language (`lang`) and the link to the other language's page in what it
//! rendered. Chromium and the Japanese font come
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
    let glyphs = Trial::test("japanese_pages_get_japanese_glyphs", || {
        japanese_pages_get_japanese_glyphs();
        Ok(())
    });
    let trials = vec![
        trial.with_ignored_flag(missing.is_some()),
        glyphs.with_ignored_flag(missing.is_some()),
    ];
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
const PAGES: [(&str, &str, &[&str]); 14] = [
    (
        "en/tutorial.html",
        "Step 1: create a Rust package and compile it to WebAssembly",
        &["rust", "console"],
    ),
    (
        "ja/tutorial.html",
        "手順 1：Rust でパッケージを作成し、WebAssembly にコンパイルする",
        &["rust", "console"],
    ),
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
    (
        "en/capabilities.html",
        "1. A guest that reaches",
        &["rust", "console"],
    ),
    (
        "ja/capabilities.html",
        "1. 権限を試すゲスト",
        &["rust", "console"],
    ),
    ("en/migration.html", "The map", &["rust", "console"]),
    ("ja/migration.html", "対応表", &["rust", "console"]),
    ("en/errata.html", "E1: ", &["console"]),
    ("ja/errata.html", "E1：", &["console"]),
];

fn book() -> PathBuf {
    let book = project_root().join("build/book/html");
    assert!(book.is_dir(), "no {}: run make book", book.display());
    book
}

/// Chromium, headless, as this machine allows it: as root, without a sandbox; without the
/// background connections a closed network refuses; a fresh profile each time.
fn chromium(args: &[&str]) -> String {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let profile =
        std::env::temp_dir().join(format!("book-test-chromium-{}-{}", std::process::id(), run));
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
        // Japanese glyphs for the Japanese pages: the browser picks them by the page's language.
        let language = &page[..2];
        let html = format!("<html lang=\"{}\"", language);
        assert!(dom.contains(&html), "{}: not {}", page, html);
        // The same chapter in the other language, at the top.
        let other = format!(
            "href=\"../{}/{}\"",
            if language == "ja" { "en" } else { "ja" },
            &page[3..]
        );
        assert!(dom.contains(&other), "{}: no link {}", page, other);
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

/// The language a Japanese page declares makes Chromium draw characters whose Japanese and Chinese
/// forms differ (令, 直, 骨) in their Japanese form: drawn under that language they look as under
/// `ja`, and not as under `zh-CN`.
fn japanese_pages_get_japanese_glyphs() {
    let url = format!("file://{}", book().join("ja/tutorial.html").display());
    let dom = chromium(&["--dump-dom", &url]);
    let declared = dom
        .split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a lang attribute");
    let shots = project_root().join("build/book/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let drawn = |lang: &str| -> Vec<u8> {
        let page = shots.join(format!("glyphs-{}.html", lang));
        let text = format!(
            "<html lang=\"{}\"><body style=\"font: 48px sans-serif; margin: 40px\">令 直 骨</body></html>",
            lang
        );
        std::fs::write(&page, text).unwrap();
        let shot = page.with_extension("png");
        let _ = std::fs::remove_file(&shot);
        chromium(&[
            "--window-size=600,400",
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}", page.display()),
        ]);
        std::fs::read(&shot).unwrap()
    };
    let (as_declared, japanese, chinese) = (drawn(declared), drawn("ja"), drawn("zh-CN"));
    assert!(
        japanese != chinese,
        "this font draws Japanese and Chinese forms alike"
    );
    assert!(
        as_declared == japanese,
        "ja/tutorial.html declares lang={:?}, whose glyphs are not the Japanese ones",
        declared
    );
}
