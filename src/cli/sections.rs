//! `prlint sections FILE`: how prlint read a release.

/// Writes to standard output; a closed pipe (`prlint … | head`) ends the
/// output quietly instead of panicking.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

#[allow(unused_macros)]
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

use std::path::Path;

use super::{error, ConfigArgs, EXIT_ERROR, EXIT_OK};

/// Prints each section and paragraph with its kind, lines and first words.
pub fn run(file: &Path, lang: Option<String>, cfg: &ConfigArgs) -> u8 {
    let (linter, doc) = match super::files::open_one(file, lang.as_deref(), cfg) {
        Ok(x) => x,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    outln!("{} (language: {})", doc.source().path(), doc.lang());
    for (r, region) in doc.regions().iter().enumerate() {
        if doc.regions().len() > 1 {
            outln!(
                "region {} ({}{})",
                r + 1,
                region.lang.as_deref().unwrap_or("preamble"),
                if region.inferred {
                    ", told by its function words"
                } else {
                    ""
                }
            );
        }
        for s in doc
            .sections()
            .iter()
            .filter(|s| region.paras.contains(&s.paras.start))
        {
            outln!("  {}", s.kind.name());
            for i in s.paras.clone() {
                let p = &doc.paragraphs()[i];
                let lines = if p.lines.len() == 1 {
                    format!("{}", p.lines.start + 1)
                } else {
                    format!("{}-{}", p.lines.start + 1, p.lines.end)
                };
                let words: Vec<&str> = doc.para_text(i).split_whitespace().take(8).collect();
                let mut first = words.join(" ");
                if doc.para_text(i).split_whitespace().count() > 8 {
                    first.push_str(" …");
                }
                outln!("    {:<11} {:>7}  {}", p.kind.name(), lines, first);
            }
        }
    }
    // The template verdict (the `template` rule's findings).
    let template = linter.office().template.as_ref();
    let verdict = prlint::rules::template::verdict_lines(&doc, linter.languages(), template);
    let which = template.map_or_else(
        || "default (a dated release; order free)".to_string(),
        |t| t.describe(),
    );
    if verdict.is_empty() {
        outln!("template: ok ({which})");
    } else {
        outln!("template: {} problem(s) ({which})", verdict.len());
        for v in verdict {
            outln!("  {v}");
        }
    }
    EXIT_OK
}
