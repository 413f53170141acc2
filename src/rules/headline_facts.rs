//! `headline-facts`: every figure and date of the title and standfirst must
//! be found in the body, in the same sense.

use crate::dates::DateFinder;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::figures::{close, FigureFinder};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "headline-facts",
    default_severity: Severity::Warning,
    languages: &[],
    summary:
        "A figure or date of the headline or standfirst that the body contradicts or never gives",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Collects the numbers, amounts, percentages and dates of the title and the
standfirst and looks for each in the body (lede, body paragraphs, quotes,
lists), comparing values after normalising the formats of every language:
1 000 000 = 1.000.000 = 1,000,000; 2,5 % = 2.5%; "deux millions" =
"2 millions" = "two million" = €2m. Then:
- a headline figure whose direction (a sign, or a word such as "hausse",
  "increase", "stijging", "Anstieg" next to it) is the opposite of every
  mention of that figure in the body is an **error** ("+2 %" in the title,
  "a 2 % decrease" in the body);
- a figure or date of the title found nowhere in the body is a **warning**
  (the standfirst often carries details the body does not repeat: set
  `missing = "headline"` to check it too).
Number words, scale words ("millions", "Mrd", "bn") and the direction words
are the packs' `number-words`, `scale-words`, `increase-words` and
`decrease-words` lists. Numbers glued to letters (G7, A4, 10e, COVID-19)
are not figures.

## Why it matters
Journalists lift figures from the headline. A figure the body does not back
up, or contradicts, is the first thing a fact-checker will catch.

## Example
    Unemployment up 2 % in the region            <- title
    ... a 2 % decrease in unemployment ...        <- body: contradiction
    Budget of €12 million for the park           <- "12 million" nowhere in the body

## Options
`missing` = `"title"` (default) | `"headline"` (title and standfirst) |
`"off"`: which figures must be found in the body.

## Fix safety
No fix: which figure is right is the author's call.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Which headline figures must be found in the body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Missing {
    /// Those of the title.
    #[default]
    Title,
    /// Those of the title and the standfirst.
    Headline,
    /// None (contradictions only).
    Off,
}

/// Options of `headline-facts`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default)]
    missing: Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Up,
    Down,
}

#[derive(Debug, Clone)]
enum Value {
    /// Candidate readings of a number (1.500 is 1500 or 1.5).
    Num(Vec<f64>),
    /// A day and month.
    Date(u32, u32),
}

#[derive(Debug, Clone)]
struct Fact {
    span: Span,
    value: Value,
    dir: Option<Dir>,
}

struct HeadlineFacts {
    missing: Missing,
    figures: FigureFinder,
    dates: std::sync::Arc<DateFinder>,
    increase: Vec<String>,
    decrease: Vec<String>,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = crate::rule::options(opts)?;
    let all = &langs.all().lists;
    Ok(Box::new(HeadlineFacts {
        missing: o.missing,
        figures: FigureFinder::new(langs),
        dates: langs.date_finder(),
        increase: all.increase_words.clone(),
        decrease: all.decrease_words.clone(),
    }))
}

/// Whether the date at `span` of a headline is the release date appended to
/// it ("… – 28 mai 2004", "… 10 februari 2000", or a line holding only the
/// date): a full date (with its year) with nothing but punctuation after it.
fn is_release_date(head: &str, span: &std::ops::Range<usize>, has_year: bool) -> bool {
    has_year
        && head
            .get(span.end..)
            .is_some_and(|rest| rest.chars().all(|c| !c.is_alphanumeric()))
}

impl HeadlineFacts {
    fn is_dir_word(list: &[String], w: &str) -> bool {
        list.iter().any(|d| {
            if d.chars().count() <= 3 {
                w == d
            } else {
                w.starts_with(d.as_str())
            }
        })
    }

    /// The direction said by the words around `span` in `s` (a sign wins):
    /// the five words before it and the five after, lower-cased
    /// (`str::to_lowercase`) into one buffer.
    fn direction(&self, s: &str, at: usize, end: usize) -> Option<Dir> {
        let before = s[..at].rsplit(|c: char| c.is_whitespace()).take(5);
        let after = s[end..].split(|c: char| c.is_whitespace()).take(5);
        let mut w = String::new();
        let (mut up, mut down) = (false, false);
        for word in before.chain(after) {
            crate::lang::lower_into(word.trim_matches(|c: char| !c.is_alphanumeric()), &mut w);
            up |= Self::is_dir_word(&self.increase, &w);
            down |= Self::is_dir_word(&self.decrease, &w);
        }
        match (up, down) {
            (true, false) => Some(Dir::Up),
            (false, true) => Some(Dir::Down),
            _ => None,
        }
    }

    /// The facts of `s` (document offset `base`). `words`: also read bare
    /// number words ("trois") as figures (done for the body only). In a
    /// headline (`words` false), the release date appended to it is no fact.
    fn facts(&self, s: &str, base: usize, words: bool) -> Vec<Fact> {
        let mut out = Vec::new();
        let dates = self.dates.find_all(s);
        for d in &dates {
            if !words && is_release_date(s, &d.span, d.date.year.is_some()) {
                continue;
            }
            out.push(Fact {
                span: base + d.span.start..base + d.span.end,
                value: Value::Date(d.date.month, d.date.day),
                dir: None,
            });
            if words {
                // In the body, "du 10 au 18 octobre" also gives the figure 10.
                out.push(Fact {
                    span: base + d.span.start..base + d.span.end,
                    value: Value::Num(vec![f64::from(d.date.day)]),
                    dir: None,
                });
            }
            if let Some(y) = d.date.year {
                out.push(Fact {
                    span: base + d.span.start..base + d.span.end,
                    value: Value::Num(vec![f64::from(y)]),
                    dir: None,
                });
            }
        }
        let in_date = |r: &std::ops::Range<usize>| {
            dates
                .iter()
                .any(|d| r.start < d.span.end && d.span.start < r.end)
        };
        for f in self.figures.numbers(s, in_date) {
            let sign_dir = f.sign.as_deref().and_then(|m| match m {
                "+" => Some(Dir::Up),
                "−" | "-" => Some(Dir::Down),
                _ => None,
            });
            out.push(Fact {
                span: base + f.span.start..base + f.span.end,
                value: Value::Num(f.values),
                dir: sign_dir.or_else(|| self.direction(s, f.span.start, f.span.end)),
            });
        }
        // Number words followed by a scale ("deux millions"), or bare ones in the body.
        for f in self.figures.words(s, words) {
            out.push(Fact {
                span: base + f.span.start..base + f.span.end,
                value: Value::Num(f.values),
                dir: None,
            });
        }
        out
    }

    fn same_value(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Num(x), Value::Num(y)) => x.iter().any(|p| y.iter().any(|q| close(*p, *q))),
            (Value::Date(m1, d1), Value::Date(m2, d2)) => m1 == m2 && d1 == d2,
            _ => false,
        }
    }
}

fn body_paras(doc: &Document) -> Vec<usize> {
    (0..doc.paragraphs().len())
        .filter(|&i| {
            matches!(
                doc.paragraphs()[i].kind,
                BlockKind::Dateline
                    | BlockKind::Lede
                    | BlockKind::Body
                    | BlockKind::Quote
                    | BlockKind::ListItem
                    | BlockKind::Heading
            ) && doc.section_kind(i) == crate::document::SectionKind::Body
                || doc.paragraphs()[i].kind == BlockKind::Dateline
        })
        .collect()
}

impl Rule for HeadlineFacts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for region in 0..doc.regions().len() {
            let paras = doc.regions()[region].paras.clone();
            let head: Vec<usize> = paras
                .clone()
                .filter(|&i| {
                    matches!(
                        doc.paragraphs()[i].kind,
                        BlockKind::Title | BlockKind::Standfirst
                    )
                })
                .collect();
            let body: Vec<usize> = body_paras(doc)
                .into_iter()
                .filter(|i| paras.contains(i))
                .collect();
            if head.is_empty() || body.is_empty() {
                continue;
            }
            // The headline's facts first: most headlines hold none, and then
            // the body is never read.
            let head_facts: Vec<(usize, Vec<Fact>)> = head
                .iter()
                .map(|&h| {
                    let p = &doc.paragraphs()[h];
                    (h, self.facts(doc.para_text(h), p.span.start, false))
                })
                .filter(|(_, f)| !f.is_empty())
                .collect();
            if head_facts.is_empty() {
                continue;
            }
            let body_facts: Vec<Fact> = body
                .iter()
                .flat_map(|&i| self.facts(doc.para_text(i), doc.paragraphs()[i].span.start, true))
                .collect();
            // One headline figure is reported once, however many readings it has.
            let mut reported: Vec<Span> = Vec::new();
            for (h, facts) in head_facts {
                let p = &doc.paragraphs()[h];
                for f in facts {
                    if reported
                        .iter()
                        .any(|r| r.start < f.span.end && f.span.start < r.end)
                    {
                        continue;
                    }
                    let same: Vec<&Fact> = body_facts
                        .iter()
                        .filter(|b| Self::same_value(&f.value, &b.value))
                        .collect();
                    let written = doc.slice(&f.span).to_string();
                    if same.is_empty() {
                        let check = match self.missing {
                            Missing::Title => p.kind == BlockKind::Title,
                            Missing::Headline => true,
                            Missing::Off => false,
                        };
                        if check {
                            reported.push(f.span.clone());
                            out.push(
                                Diagnostic::new(
                                    &META,
                                    f.span.clone(),
                                    format!("`{written}` is not found in the body of the release"),
                                )
                                .with_label("only in the headline"),
                            );
                        }
                        continue;
                    }
                    let Some(dir) = f.dir else { continue };
                    let with_dir: Vec<&&Fact> = same.iter().filter(|b| b.dir.is_some()).collect();
                    if !with_dir.is_empty() && with_dir.iter().all(|b| b.dir != Some(dir)) {
                        let b = with_dir[0];
                        let d = Diagnostic::new(
                            &META,
                            f.span.clone(),
                            format!(
                                "the headline says `{written}` goes {} but the body says it goes {}",
                                if dir == Dir::Up { "up" } else { "down" },
                                if dir == Dir::Up { "down" } else { "up" }
                            ),
                        )
                        .with_label("in the headline")
                        .with_secondary(b.span.clone(), "in the body");
                        // Direction words are read, not certain: a warning
                        // like every other finding of this rule.
                        reported.push(f.span.clone());
                        out.push(d);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::assert_lints;

    const R: &str = "headline-facts";

    // Number formats (`readings`) are tested with the figure finder in
    // src/figures.rs.

    #[test]
    fn figures_found_in_other_formats() {
        assert_lints(R, "Un budget de 2,5 millions pour le parc\n\nBruxelles, le 3 juin 2025 – La Ville investit 2 500 000 euros dans le parc.\n", "fr", 0);
        assert_lints(R, "Deux millions de visiteurs au parc\n\nBruxelles, le 3 juin 2025 – Le parc a accueilli 2 millions de visiteurs.\n", "fr", 0);
        assert_lints(R, "Budget of €2m for the park\n\nLONDON, 3 June 2025 – The City spends two million pounds on the park.\n", "en", 0);
        assert_lints(
            R,
            "Werkloosheid 2,5% lager\n\nGent, 3 juni 2025 – De werkloosheid daalt met 2.5 %.\n",
            "nl",
            0,
        );
        assert_lints(
            R,
            "Park öffnet am 1. Juli\n\nWien, 3. Juni 2025 – Der Park öffnet am 1. Juli für alle.\n",
            "de",
            0,
        );
        assert_lints(
            R,
            "G7 summit opens\n\nLONDON, 3 June 2025 – The summit opens.\n",
            "en",
            0,
        );
    }

    #[test]
    fn missing_and_contradicted() {
        assert_lints(R, "Le parc\n\nUn budget de 12 millions pour le parc.\n\nBruxelles, le 3 juin 2025 – La Ville investit dans le parc.\n", "fr", 0);
        assert_lints(R, "Un budget de 12 millions pour le parc\n\nBruxelles, le 3 juin 2025 – La Ville investit dans le parc.\n", "fr", 1);
        let d = crate::rules::testing::run(R, "Unemployment up 2 % in the region\n\nLONDON, 3 June 2025 – Figures show a 2 % decrease in unemployment.\n", "en");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Warning);
        assert!(d[0]
            .message
            .contains("goes up but the body says it goes down"));
        assert_lints(R, "Chômage : +2 % en un an\n\nBruxelles, le 3 juin 2025 – Le chômage est en hausse de 2 % sur un an.\n", "fr", 0);
        assert_lints(R, "Arbeitslosigkeit: +2 %\n\nBerlin, 3. Juni 2025 – Ein Rückgang um 2 % wurde gemessen.\n", "de", 1);
    }

    #[test]
    fn the_release_date_after_a_headline_is_no_fact() {
        assert_lints(R, "Le conseil élit sa présidente – 14 avril 2011\n\nNamur, le 15 avril – Le conseil a élu sa présidente à l’unanimité.\n", "fr", 0);
        assert_lints(R, "Prijzen uitgereikt aan drie onderzoekers 9 maart 2001\n\nUtrecht, 10 maart – De prijzen gaan naar drie onderzoekers.\n", "nl", 0);
        assert_lints(R, "Harbour reopens to ferries on 5 May 2022.\n\nDOVER, 1 May 2022 – The harbour is open again.\n", "en", 0);
        assert_lints(
            R,
            "2 juli 2019\n\nDe raad komt samen\n\nZwolle – De raad komt vandaag samen.\n",
            "nl",
            0,
        );
        // A date inside the headline, or without its year, is still a fact.
        assert_lints(R, "Harbour reopens on 5 May 2022 after repairs\n\nDOVER, 1 May 2022 – The harbour is open again.\n", "en", 1);
        assert_lints(R, "Bibliotheek opent op 15 september\n\nLeuven, 3 juni 2026 – De bibliotheek opent na de zomer.\n", "nl", 1);
    }

    #[test]
    fn a_headline_figure_is_reported_once() {
        // A date with its year has two readings (the date and the year): one report.
        let d = crate::rules::testing::run(R, "Harbour reopens on 5 May 2022 after repairs\n\nDOVER, 1 May 2022 – The harbour is open again.\n", "en");
        assert_eq!(d.len(), 1, "{d:#?}");
    }

    #[test]
    fn a_date_closing_the_title_is_its_date_stamp() {
        // The release's own date, not a fact the body must repeat.
        let body = "\n\nWien, 2. März 2026 – Der Gemeinderat hat drei Beschlüsse gefasst.\n";
        assert_lints(
            R,
            &format!("Gemeinderat tagt am Freitag, 13. März 2026{body}"),
            "de",
            0,
        );
        assert_lints(
            R,
            &format!("Wetenschapsprijs voor drie Gentse teams 12 maart 2026{body}"),
            "nl",
            0,
        );
        assert_lints(R, &format!("13 mars 2026{body}"), "fr", 0);
        // A date inside the title, or without a year, is still checked.
        assert_lints(
            R,
            &format!("Le 13 mars 2026, la piscine rouvre ses portes{body}"),
            "fr",
            1,
        );
        assert_lints(R, &format!("Park öffnet am 1. Juli{body}"), "de", 1);
    }
}
