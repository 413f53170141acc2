//! `prlint entities FILE`: the people a release names, as the people rules
//! (`inconsistent-title`, `inconsistent-spelling`) see them.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use prlint::people::{MentionKind, People, TitleSide};

use super::{error, ConfigArgs, EXIT_ERROR, EXIT_OK};

/// Prints each person with every mention: line:column, the name as written,
/// and its title (marked former when it is).
pub fn run(file: &Path, lang: Option<String>, cfg: &ConfigArgs) -> u8 {
    let (linter, doc) = match super::files::open_one(file, lang.as_deref(), cfg) {
        Ok(x) => x,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let people = People::build(&doc, linter.people());
    let mut out = String::new();
    let _ = writeln!(out, "{} (language: {})", doc.source().path(), doc.lang());
    if people.persons.is_empty() {
        out.push_str("  no people found\n");
    }
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in &people.persons {
        let official = p
            .official
            .and_then(|i| linter.people().register().entries.get(i))
            .map(|e| format!(" (officials register: {})", e.name))
            .unwrap_or_default();
        let _ = writeln!(out, "{}{}", p.name, official);
        for &mi in &p.mentions {
            let Some(m) = people.mentions.get(mi) else {
                continue;
            };
            let lc = doc.source().line_col(m.span.start);
            let (l, c) = (lc.line, lc.column);
            let what = match m.kind {
                MentionKind::Full => one_line(doc.slice(&m.span)),
                MentionKind::Surname => format!("{} (surname)", one_line(doc.slice(&m.span))),
                MentionKind::RoleLine => "(role line)".to_string(),
            };
            let mut title = String::new();
            for t in &m.titles {
                title.push_str(&{
                    let side = match t.side {
                        TitleSide::Before => "before",
                        TitleSide::After => "after",
                        TitleSide::RoleLine => "boilerplate",
                    };
                    format!(
                        "  title ({side}{}): {}",
                        if t.former { ", former" } else { "" },
                        one_line(doc.slice(&t.span))
                    )
                });
            }
            let _ = writeln!(out, "  {l:>4}:{c:<4} {what}{title}");
        }
    }
    // A closed pipe (`| head`) is not an error.
    let _ = std::io::stdout().write_all(out.as_bytes());
    EXIT_OK
}
