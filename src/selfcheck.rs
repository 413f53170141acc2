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
                let _ = doc.source().line_col(s.start);
                let (a, b) = (
                    doc.source().original_offset(s.start),
                    doc.source().original_offset(s.end),
                );
                assert!(
                    a <= b && b <= data.len(),
                    "{}: file offsets out of the file",
                    d.rule.id
                );
            }
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
