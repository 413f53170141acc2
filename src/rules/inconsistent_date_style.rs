//! `inconsistent-date-style`: one release that writes its dates in two
//! styles ("January 11, 2018" and "11 January 2018"; "11/01/2018" beside
//! "11 janvier 2018").

use crate::dates::DateFinder;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::BlockKind;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "inconsistent-date-style",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "Dates written in two styles in one release (January 11 / 11 January; 11/01/2018 / 11 janvier 2018)",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Sorts every full or day-and-month date of the release into one of four
styles:
- day first, month in words: "11 January 2018", "le 11 janvier",
  "11. Januar";
- month first, in words: "January 11, 2018", "Jan. 11";
- numeric, day first: "11/01/2018", "11.01.2018";
- ISO: "2018-01-11".
When the release uses more than one style, the dates in the minority
style are reported, with the first date of the majority style as a label.
A tie decides nothing, and a release with a single date is never
reported. Front matter is not read.

By default only the two styles in words are compared: numeric dates are
what legal references ("le décret du 18.12.1998") and page timestamps
("14:18 21/04/2017") use beside dates in words, which is no defect. Set
`compare-numeric = true` to hold numeric and ISO dates to the same
convention.

## Why it matters
A release that writes "January 11, 2018" in its dateline and "Thursday
11 January" in its first sentence was assembled from two sources, and
readers notice. House styles (AP, GOV.UK, the EU's Interinstitutional
Style Guide) pick one style.

## Example
    Épinal, January 11, 2018
            ^^^^^^^^^^^^^^^^ month first
    On Thursday 11 January, the court ...
                ---------- day first here (2 dates)

## Options
    [rules.inconsistent-date-style]
    compare-numeric = false   # true: numeric and ISO dates count as styles too

## Fix safety
No fix: which style is right is the office's choice.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Numeric and ISO dates count as styles too.
    #[serde(default)]
    compare_numeric: bool,
}

struct InconsistentDateStyle {
    dates: std::sync::Arc<DateFinder>,
    o: Options,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = crate::rule::options(opts)?;
    Ok(Box::new(InconsistentDateStyle {
        dates: langs.date_finder(),
        o,
    }))
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    DayFirst,
    MonthFirst,
    Numeric,
    Iso,
}

impl Style {
    const ALL: [Style; 4] = [
        Style::DayFirst,
        Style::MonthFirst,
        Style::Numeric,
        Style::Iso,
    ];

    /// The style of the date written `s`.
    fn of(s: &str) -> Style {
        let first_digit = s.starts_with(|c: char| c.is_ascii_digit());
        if !first_digit {
            Style::MonthFirst
        } else if s.chars().any(char::is_alphabetic) {
            Style::DayFirst
        } else if s.len() >= 5 && s.as_bytes()[4] == b'-' {
            Style::Iso
        } else {
            Style::Numeric
        }
    }

    fn name(self) -> &'static str {
        match self {
            Style::DayFirst => "day first",
            Style::MonthFirst => "month first",
            Style::Numeric => "numeric",
            Style::Iso => "ISO",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl Rule for InconsistentDateStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.source().text();
        // (absolute span, style) of every date, in order.
        let mut found: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if p.kind == BlockKind::Meta {
                continue;
            }
            let s = doc.para_text(pi);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            for f in self.dates.find_all(s) {
                let style = Style::of(&s[f.span.clone()]);
                if !self.o.compare_numeric && matches!(style, Style::Numeric | Style::Iso) {
                    continue;
                }
                let span = p.span.start + f.span.start..p.span.start + f.span.end;
                found.push((span, style));
            }
        }
        let mut counts = [0usize; 4];
        for (_, st) in &found {
            counts[st.index()] += 1;
        }
        let Some(major) = Style::ALL.into_iter().max_by_key(|s| counts[s.index()]) else {
            return;
        };
        let n_major = counts[major.index()];
        // A tie for the majority decides nothing.
        if Style::ALL
            .iter()
            .any(|s| *s != major && counts[s.index()] == n_major)
        {
            return;
        }
        let Some(example) = found.iter().find(|(_, s)| *s == major) else {
            return;
        };
        for (span, st) in &found {
            if *st == major {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    span.clone(),
                    format!(
                        "date written {} (\"{}\") where this release writes dates {} ({} of {})",
                        st.name(),
                        &text[span.clone()],
                        major.name(),
                        n_major,
                        found.len()
                    ),
                )
                .with_label(st.name())
                .with_secondary(example.0.clone(), format!("{} here", major.name())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_lints, run};

    const R: &str = "inconsistent-date-style";

    #[test]
    fn minority_style_is_reported_with_the_majority_as_label() {
        let t = "Court rules on appeal\n\nEpinal, January 11, 2018 – On Thursday 11 January the court ruled. The appeal of 15 March 2017 is overturned.\n";
        let d = run(R, t, "en");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&t[d[0].span.clone()], "January 11, 2018");
        assert!(d[0].message.contains("month first"));
        assert_eq!(&t[d[0].labels[0].span.clone()], "11 January");
    }

    #[test]
    fn numeric_beside_words() {
        let t = "La Ville rénove le parc\n\nNamur, le 3 mars 2026 – Les travaux commencent le 10 mars et finissent le 20/06/2026. Inauguration le 25 juin.\n";
        assert_lints(R, t, "fr", 0);
        let d = crate::rules::testing::run_with_config(
            R,
            t,
            "fr",
            "[rules.inconsistent-date-style]\ncompare-numeric = true\n",
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&t[d[0].span.clone()], "20/06/2026");
    }

    #[test]
    fn consistent_or_undecided_releases_are_quiet() {
        assert_lints(
            R,
            "Title\n\nLONDON, 3 June 2026 – Work starts on 10 June and ends on 20 July 2026.\n",
            "en",
            0,
        );
        assert_lints(
            R,
            "Title\n\nHALIFAX, June 3, 2026 – Work starts June 10 and ends July 20, 2026.\n",
            "en",
            0,
        );
        // One of each: no majority.
        assert_lints(
            R,
            "Title\n\nLONDON, June 3, 2026 – Work starts on 10 June.\n",
            "en",
            0,
        );
        assert_lints(R, "Title\n\nLONDON – Work starts on 10 June.\n", "en", 0);
    }
}
