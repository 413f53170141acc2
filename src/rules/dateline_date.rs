//! `dateline-date`: a dateline date that does not exist, or that disagrees
//! with a date the release calls "today".

use crate::diagnostic::{Diagnostic, Severity};
use crate::embargo::EmbargoFinder;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "dateline-date",
    default_severity: Severity::Error,
    languages: &[],
    summary: "A dateline date that is not a real date, or that disagrees with \"today\"",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Reads the date of the dateline ("Bruxelles, le 11 février 2021",
"BRUSSELS, 11 February 2021 –", "Berlin, 12. März 2025") and reports:
- a date that does not exist (31 April, 29 February of a common year);
- a date written elsewhere as today's ("aujourd'hui, mardi 3 juin",
  "today (3 June 2025)", "vandaag, 3 juni", "heute, am 3. Juni") that is
  another day than the dateline's.
Month names and the words for "today" come from the packs (`months`,
`today-words`).

## Why it matters
The dateline is the date a journalist quotes. An impossible date, or two
different "todays", makes the whole release look unchecked.

## Example
    Bruxelles, le 31 avril 2025 – ...            <- no 31 April
    Brussels, 3 June 2025 – The City today (4 June) opened ...   <- two todays

## Options
None.

## Fix safety
No fix: which date is right is the author's call.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct DatelineDate {
    finder: EmbargoFinder,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(DatelineDate {
        finder: EmbargoFinder::new(langs),
    }))
}

impl Rule for DatelineDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let Some((_, _, Some(dl))) = self.finder.dateline(doc) else {
            return;
        };
        if !dl.date.is_valid() {
            out.push(
                Diagnostic::new(
                    &META,
                    dl.span.clone(),
                    format!("the dateline date `{}` does not exist", doc.slice(&dl.span)),
                )
                .with_label("no such day"),
            );
            return;
        }
        // Dates introduced as today's, anywhere in the prose.
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if !p.kind.is_prose() {
                continue;
            }
            let s = doc.para_text(i);
            for f in self.finder.dates.find_all(s) {
                let abs = p.span.start + f.span.start..p.span.start + f.span.end;
                if abs.start < dl.span.end && dl.span.start < abs.end {
                    continue;
                }
                let from = s[..f.span.start]
                    .char_indices()
                    .rev()
                    .nth(59)
                    .map_or(0, |(k, _)| k);
                if !self.finder.dates.is_today_before(&s[from..f.span.start]) {
                    continue;
                }
                let d = f.date.with_default_year(dl.date.year);
                let same = d.month == dl.date.month
                    && d.day == dl.date.day
                    && (d.year == dl.date.year || dl.date.year.is_none());
                if !same {
                    out.push(
                        Diagnostic::new(
                            &META,
                            abs,
                            format!(
                                "\"today\" is `{}` here but the dateline says `{}`",
                                doc.slice(
                                    &(p.span.start + f.span.start..p.span.start + f.span.end)
                                ),
                                doc.slice(&dl.span)
                            ),
                        )
                        .with_label("today's date")
                        .with_secondary(dl.span.clone(), "the dateline's date"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::assert_lints;

    const R: &str = "dateline-date";

    #[test]
    fn unreal_dates() {
        assert_lints(
            R,
            "Un titre\n\nBruxelles, le 31 avril 2025 – Le texte du communiqué.\n",
            "fr",
            1,
        );
        assert_lints(
            R,
            "A title\n\nLONDON, 29 February 2025 – The text.\n",
            "en",
            1,
        );
        assert_lints(
            R,
            "A title\n\nLONDON, 29 February 2024 – The text.\n",
            "en",
            0,
        );
        assert_lints(
            R,
            "Ein Titel\n\nBerlin, 31. Juni 2025 – Der Text.\n",
            "de",
            1,
        );
    }

    #[test]
    fn today_disagrees() {
        let t = "A title\n\nBrussels, 3 June 2025 – The City today (4 June) opened its park.\n";
        assert_lints(R, t, "en", 1);
        let t = "A title\n\nBrussels, 3 June 2025 – The City today (3 June) opened its park.\n";
        assert_lints(R, t, "en", 0);
        let t = "Un titre\n\nBruxelles, le 3 juin 2025 – La Ville a inauguré aujourd’hui, mercredi 4 juin, son parc.\n";
        assert_lints(R, t, "fr", 1);
        let t = "Een titel\n\nGent, 3 juni 2025 – De stad opent vandaag, 3 juni, het park. Op 4 juni volgt het feest.\n";
        assert_lints(R, t, "nl", 0);
        let t =
            "Ein Titel\n\nWien, 3. Juni 2025 – Die Stadt eröffnet heute, am 5. Juni, den Park.\n";
        assert_lints(R, t, "de", 1);
    }
}
