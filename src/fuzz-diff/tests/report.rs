//! The published report (docs/src/fuzz/report.{en,ja}.markdown), rendered again from the
//! report.json of the run that wrote it: the same bytes, in both languages.
use fuzz_diff::report::Report;
use xtask::report::Language;

#[test]
fn the_published_report_renders_from_its_json() {
    let root = xtask::project_root();
    let json = std::fs::read_to_string(root.join("src/fuzz-diff/tests/published-report.json"));
    let report: Report = serde_json::from_str(&json.unwrap()).unwrap();
    assert!(
        report.passed(),
        "the published run explained every disagreement"
    );
    for language in [Language::English, Language::Japanese] {
        let page = format!("docs/src/fuzz/report.{}.markdown", language.code());
        let published = std::fs::read_to_string(root.join(&page)).unwrap();
        assert_eq!(report.markdown(language), published, "{}", page);
    }
}
