//! One-line test helpers for rules (Harper's style).

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::linter::{Linter, Overrides};
use crate::source::Source;

/// Runs only rule `id` on `text` (a `.txt` release in `lang`).
pub fn run(id: &str, text: &str, lang: &str) -> Vec<Diagnostic> {
    run_path(id, "release.txt", text, lang)
}

/// Runs only rule `id` on `text` read as `path`.
pub fn run_path(id: &str, path: &str, text: &str, lang: &str) -> Vec<Diagnostic> {
    let linter = Linter::new(
        &Config::default(),
        &Overrides {
            select: Some(vec![id.to_string()]),
            ..Default::default()
        },
    )
    .expect("linter");
    linter.lint(Source::new(path, text), lang).1
}

/// Asserts the number of diagnostics of rule `id` on `text`.
#[track_caller]
pub fn assert_lints(id: &str, text: &str, lang: &str, n: usize) {
    let d = run(id, text, lang);
    assert_eq!(
        d.len(),
        n,
        "{id} on {text:?}: {:#?}",
        d.iter()
            .map(|d| (&d.message, &text[d.span.clone()]))
            .collect::<Vec<_>>()
    );
}

/// Asserts that applying every fix of rule `id` (unsafe included) turns `bad` into `good`.
#[track_caller]
pub fn assert_fix(id: &str, bad: &str, good: &str, lang: &str) {
    let d = run(id, bad, lang);
    let (fixed, _) = crate::fix::apply_fixes(bad, &d, true);
    assert_eq!(fixed, good);
    assert_lints(id, good, lang, 0);
}

/// Runs only rule `id` on `text` with the config `toml` (a prlint.toml text).
pub fn run_with_config(id: &str, text: &str, lang: &str, toml: &str) -> Vec<Diagnostic> {
    run_path_with_config(id, "release.txt", text, lang, toml)
}

/// Runs only rule `id` on `text` read as `path`, with the config `toml`.
pub fn run_path_with_config(
    id: &str,
    path: &str,
    text: &str,
    lang: &str,
    toml: &str,
) -> Vec<Diagnostic> {
    let config = Config::parse(std::path::Path::new("prlint.toml"), toml).expect("config");
    let linter = Linter::new(
        &config,
        &Overrides {
            select: Some(vec![id.to_string()]),
            ..Default::default()
        },
    )
    .expect("linter");
    linter.lint(Source::new(path, text), lang).1
}
