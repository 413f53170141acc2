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

use prlint::linter::{Linter, Overrides};
use prlint::source::Source;

use super::files::{self, Input};
use super::{error, ConfigArgs, EXIT_ERROR, EXIT_OK};

/// Prints each section and paragraph with its kind, lines and first words.
pub fn run(file: &Path, lang: Option<String>, cfg: &ConfigArgs) -> u8 {
    let config = match cfg.load() {
        Ok(c) => c,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let linter = match Linter::new(&config, &Overrides::default()) {
        Ok(l) => l,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let input = Input::File(file.to_path_buf());
    let decoded = match files::read(&input, None) {
        Ok(t) => t,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let lang = super::check::resolve_lang(lang.as_deref(), file, &decoded.text, &config);
    let doc = linter.parse(Source::from_decoded(input.display(), decoded), &lang);
    outln!("{} (language: {})", input.display(), doc.lang());
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
