//! The invariants the fuzzer and the regression tests check on any input:
//! decoding never panics; for text, every rule runs, every span lies on char
//! boundaries inside the text, and fixes converge.

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
                let _ = doc.source().original_offset(s.end);
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
    }
}
