//! Property tests: whatever the text, prlint never panics, every span lies on
//! char boundaries inside the text, line/column agree with the byte span, the
//! JSON output parses, and fixes converge without touching other bytes.

use proptest::prelude::*;

use prlint::config::Config;
use prlint::linter::{Linter, Overrides};
use prlint::output::FileReport;
use prlint::source::Source;

fn linter() -> &'static Linter {
    static L: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    L.get_or_init(|| Linter::new(&Config::default(), &Overrides::default()).expect("linter"))
}

/// Text made of the pieces releases are made of, including the awkward ones.
fn release_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{202f}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\t".to_string()),
        Just("  ".to_string()),
        Just("e\u{301}".to_string()),
        Just("« ".to_string()),
        Just(" »".to_string()),
        Just("“".to_string()),
        Just("\"".to_string()),
        Just("’".to_string()),
        Just("'".to_string()),
        Just("###".to_string()),
        Just("Contact presse".to_string()),
        Just("À propos de la Ville".to_string()),
        Just("jane@example.org".to_string()),
        Just("+32 2 555 01 23".to_string()),
        Just("Bruxelles, le 11 février 2021 – ".to_string()),
        Just("the the ".to_string()),
        Just("la ligne la ligne ".to_string()),
        Just("FR".to_string()),
        Just("NL".to_string()),
        "[a-zA-Zéèàçëïöü0-9 .,;:!?()-]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_invariants(path: &str, text: &str) -> Result<(), TestCaseError> {
    let l = linter();
    for lang in ["fr", "en"] {
        let (doc, diags) = l.lint(Source::new(path, text.to_string()), lang);
        let src = doc.source();
        for d in &diags {
            let spans = std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span));
            for s in spans {
                prop_assert!(
                    s.start <= s.end && s.end <= text.len(),
                    "{}: span {:?} out of text",
                    d.rule.id,
                    s
                );
                prop_assert!(
                    text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                    "{}: span {:?} not on char boundaries",
                    d.rule.id,
                    s
                );
                let lc = src.line_col(s.start);
                prop_assert_eq!(lc.line, src.line_index(s.start) + 1);
                prop_assert!(lc.column >= 1);
            }
            if let Some(f) = &d.fix {
                for e in &f.edits {
                    prop_assert!(e.byte_start <= e.byte_end && e.byte_end <= text.len());
                    prop_assert!(
                        text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end)
                    );
                }
            }
        }
        let json = prlint::output::json::render(&[FileReport {
            source: src.clone(),
            diagnostics: diags.clone(),
        }]);
        let v: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(v.as_array().map(Vec::len), Some(diags.len()));

        // Fixes: applying them changes only the edited ranges and converges.
        let (fixed, applied) = prlint::fix::apply_fixes(text, &diags, true);
        if applied > 0 {
            let first = diags
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .flat_map(|f| &f.edits)
                .map(|e| e.byte_start)
                .min()
                .unwrap_or(0);
            let last = diags
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .flat_map(|f| &f.edits)
                .map(|e| e.byte_end)
                .max()
                .unwrap_or(0);
            prop_assert!(
                fixed.starts_with(&text[..first]),
                "bytes before the first edit changed"
            );
            prop_assert!(
                fixed.ends_with(&text[last..]),
                "bytes after the last edit changed"
            );
        }
        let mut cur = fixed;
        let mut converged = false;
        for _ in 0..10 {
            let (_, d) = l.lint(Source::new(path, cur.clone()), lang);
            let (next, n) = prlint::fix::apply_fixes(&cur, &d, true);
            if n == 0 || next == cur {
                converged = true;
                break;
            }
            cur = next;
        }
        prop_assert!(converged, "fixes do not converge");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_breaks_invariants(text in release_text()) {
        check_invariants("p.txt", &text)?;
        check_invariants("p.md", &text)?;
    }

    #[test]
    fn mutated_fixtures_never_break_invariants(
        idx in 0usize..1000,
        edits in prop::collection::vec((0usize..100_000, 0usize..8, release_text()), 1..6),
    ) {
        let files = fixture_files();
        let path = &files[idx % files.len()];
        let mut text = std::fs::read_to_string(path).unwrap_or_default();
        for (at, del, ins) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) { at -= 1; }
            let mut end = (at + del).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(at..end, &ins);
        }
        check_invariants(&path.to_string_lossy(), &text)?;
    }
}

fn fixture_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
