//! The invariants the fuzzer and the regression tests check on any input:
//! decoding never panics; for text, every rule runs, every span lies on char
//! boundaries inside the text, file offsets lie inside the file, fixes
//! converge, and `--fix` applied twice changes nothing the second time.

use std::sync::OnceLock;

use crate::config::Config;
use crate::linter::{Linter, Overrides};
use crate::source::Source;

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        Linter::new(&Config::default(), &Overrides::default()).expect("default linter")
    })
}

/// Runs load + parse + all rules + fix on `data`; panics if an invariant breaks.
pub fn run(data: &[u8]) {
    let Ok(decoded) = crate::load::decode(data, None) else {
        return;
    };
    let text = decoded.text.clone();
    for (path, lang) in [("fuzz.txt", "fr"), ("fuzz.md", "en")] {
        let src = Source::from_decoded(path, decoded.clone());
        let (doc, diags) = linter().lint(src, lang);
        for d in &diags {
            check_spans(doc.source(), d, Some(data.len()));
        }
        let mut cur = text.clone();
        let mut diags = diags;
        let mut converged = false;
        for _ in 0..10 {
            let (next, n) = crate::fix::apply_fixes(&cur, &diags, true);
            if n == 0 || next == cur {
                converged = true;
                break;
            }
            cur = next;
            diags = linter().lint(Source::new(path, cur.clone()), lang).1;
        }
        assert!(converged, "fixes do not converge");
        let _ = doc.source().encode(&cur);
        // `--fix` as the CLI does it, twice: the second changes nothing.
        let lint = |d: crate::load::Decoded| linter().lint(Source::from_decoded(path, d), lang).1;
        let first = crate::fix::fix_file(&decoded, None, true, lint);
        assert!(
            !(decoded.is_lossy() && first.is_ok()),
            "a lossy file was fixed"
        );
        if let Ok(crate::fix::FileFix {
            bytes: Some(bytes),
            outcome,
        }) = first
        {
            let again = crate::load::decode(&bytes, None).expect("fixed bytes decode");
            assert_eq!(
                again.text, outcome.text,
                "fixed bytes read back differently"
            );
            if let Ok(second) = crate::fix::fix_file(&again, None, true, lint) {
                assert!(second.bytes.is_none(), "a second fix changed the file");
            }
        }
    }
}

/// Runs document input on `data` as an HTML page, a .docx and an .odt
/// package: extraction never panics, and for what extracts, every rule
/// runs, every span lies on char boundaries of the extracted text, its
/// place in the document can be named, file offsets lie inside the file,
/// and an HTML fix range (when the text is written as is) lies inside the
/// page on char boundaries.
pub fn run_document(data: &[u8]) {
    if let Ok(decoded) = crate::load::decode(data, None) {
        let page_len = data.len();
        let src = Source::from_decoded("fuzz.html", decoded);
        check_document(src, page_len, true);
    }
    for format in [crate::extract::Format::Docx, crate::extract::Format::Odt] {
        if let Ok(ex) = crate::extract::extract_package(data, format) {
            let len = ex.text.len();
            check_document(crate::extract::source_from("fuzz.docx", ex), len, false);
        }
    }
}

fn check_document(src: Source, file_len: usize, html: bool) {
    let (doc, diags) = linter().lint(src, "fr");
    let text = doc.source().text();
    for d in &diags {
        check_spans(doc.source(), d, html.then_some(file_len));
        let page = doc.source().places().and_then(|p| p.html.as_ref());
        if let (Some(fix), Some(places), Some(page)) = (&d.fix, doc.source().places(), page) {
            // Fix ranges are in the page's decoded text (what `--fix` edits).
            let page = page.text();
            for e in &fix.edits {
                if let Some(r) = places.html_edit_range(e.byte_start..e.byte_end) {
                    assert!(
                        r.start <= r.end
                            && r.end <= page.len()
                            && page.is_char_boundary(r.start)
                            && page.is_char_boundary(r.end),
                        "{}: fix range {r:?} outside the page's text ({} bytes; edit {}..{} of {})",
                        d.rule.id,
                        page.len(),
                        e.byte_start,
                        e.byte_end,
                        text.len()
                    );
                }
            }
        }
    }
}

/// Every span of `d` lies in the text on char boundaries, its line and its
/// place in the document can be named, and (with `file_len`) its offsets in
/// the file lie inside the file.
fn check_spans(src: &Source, d: &crate::diagnostic::Diagnostic, file_len: Option<usize>) {
    let text = src.text();
    for s in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{}: span out of text",
            d.rule.id
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{}: span off char boundary",
            d.rule.id
        );
        let _ = src.line_col(s.start);
        let _ = src.location(s.start);
        if let Some(len) = file_len {
            let (a, b) = (src.original_offset(s.start), src.original_offset(s.end));
            assert!(
                a <= b && b <= len,
                "{}: file offsets out of the file",
                d.rule.id
            );
        }
    }
}
