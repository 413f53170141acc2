//! `embargo-date`: an embargo line that cannot be read, lacks the time or
//! zone the template asks for, disagrees with the dateline, or (with
//! `embargo-gate = true`) has not passed yet.

use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::embargo::EmbargoFinder;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "embargo-date",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "An embargo line that is unreadable, incomplete, inconsistent with the dateline, or not yet passed",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Reads the embargo line of a release ("EMBARGO: 12 March 2025, 10:00 CET",
"Sous embargo jusqu'au 12 mars 2025 à 10 h", "Embargo tot 12 maart 2025,
10 uur", "Sperrfrist: 12. März 2025, 10 Uhr", "EMBARGOED UNTIL 00:01 BST,
TUESDAY 14 OCTOBER 2026") and reports:
- an embargo whose date cannot be read, or is no real date (31 April);
- an embargo without a time, or without a time zone, when `[template]` sets
  `embargo-time = true` or `embargo-zone = true`;
- an embargo more than `max-gap-days` after the dateline date, or before it;
- with `embargo-gate = true` in prlint.toml, an embargo that has not passed
  at `prlint check --now DATE` (default: today, UTC) — an error, so a CI job
  fails until the embargo lifts.
The opening phrases are the packs' `embargo-words`; month names, time-zone
names ("CET", "heure belge") come from the packs too.

## Why it matters
A journalist reads the embargo first. An embargo that names no hour, or a
day other than the release's date, gets a release published too early or
ignored.

## Example
    EMBARGO: 31 April 2025                      <- not a real date
    Brussels, 11 February 2025 – ...            (embargo 2 months later)

## Options
`max-gap-days` (default 7): how many days an embargo may follow the
dateline date.

## Fix safety
No fix: the right date is the author's to choose.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options of `embargo-date`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "default_gap")]
    max_gap_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_gap_days: default_gap(),
        }
    }
}

fn default_gap() -> i64 {
    7
}

struct EmbargoDate {
    finder: EmbargoFinder,
    max_gap: i64,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = crate::rule::options(opts)?;
    if o.max_gap_days < 0 {
        anyhow::bail!("max-gap-days must be 0 or more");
    }
    Ok(Box::new(EmbargoDate {
        finder: EmbargoFinder::new(langs),
        max_gap: o.max_gap_days,
    }))
}

impl Rule for EmbargoDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let embargoes = self.finder.find(doc);
        if embargoes.is_empty() {
            return;
        }
        let dateline = self.finder.dateline(doc);
        let dl_date = dateline.as_ref().and_then(|(_, _, d)| d.clone());
        let template = cx.office.template.as_ref();
        for e in &embargoes {
            let Some(found) = &e.date else {
                out.push(
                    Diagnostic::new(&META, e.line.clone(), "embargo without a readable date")
                        .with_label("no date found after the embargo phrase")
                        .with_help(
                            "write the date in full, e.g. \"EMBARGO: 12 March 2025, 10:00 CET\"",
                        ),
                );
                continue;
            };
            let date = found
                .date
                .with_default_year(dl_date.as_ref().and_then(|d| d.date.year));
            if !date.is_valid() {
                out.push(
                    Diagnostic::new(
                        &META,
                        found.span.clone(),
                        format!(
                            "the embargo date `{}` is not a real date",
                            doc.slice(&found.span)
                        ),
                    )
                    .with_label("no such day"),
                );
                continue;
            }
            if template.is_some_and(|t| t.embargo_time) && e.time.is_none() {
                out.push(
                    Diagnostic::new(&META, e.line.clone(), "embargo without a time")
                        .with_secondary(found.span.clone(), "a day, but no hour")
                        .with_note("the template sets `embargo-time = true`"),
                );
            } else if template.is_some_and(|t| t.embargo_zone) && e.zone.is_none() {
                let span = e.time.as_ref().map_or(e.line.clone(), |t| t.0.clone());
                out.push(
                    Diagnostic::new(&META, span, "embargo time without a time zone")
                        .with_label("which zone?")
                        .with_note("the template sets `embargo-zone = true`")
                        .with_help("add the zone, e.g. \"10:00 CET\""),
                );
            }
            if let (Some(ed), Some(dl)) = (
                date.days(),
                dl_date
                    .as_ref()
                    .and_then(|d| d.date.with_default_year(date.year).days()),
            ) {
                let gap = ed - dl;
                let dl_span = dl_date.as_ref().map(|d| d.span.clone()).unwrap_or_default();
                if gap > self.max_gap {
                    out.push(
                        Diagnostic::new(
                            &META,
                            found.span.clone(),
                            format!(
                                "the embargo lifts {gap} days after the dateline date (more than {})",
                                self.max_gap
                            ),
                        )
                        .with_secondary(dl_span, "the release is dated here"),
                    );
                } else if gap < -1 {
                    out.push(
                        Diagnostic::new(
                            &META,
                            found.span.clone(),
                            format!("the embargo lifts {} days before the dateline date", -gap),
                        )
                        .with_secondary(dl_span, "the release is dated here"),
                    );
                }
            }
            if cx.office.embargo_gate {
                let now = cx.office.today();
                if not_passed(
                    date,
                    e.time.as_ref().map(|t| t.1),
                    now,
                    cx.office.now_minutes(),
                ) {
                    let reference = match cx.office.now {
                        Some(n) => format!("--now {n}"),
                        None => "today".to_string(),
                    };
                    let mut d = Diagnostic::new(
                        &META,
                        e.line.clone(),
                        format!("the embargo has not passed yet ({reference})"),
                    )
                    .with_secondary(found.span.clone(), "embargo date")
                    .with_note(
                        "`embargo-gate = true`: this release must not go out before its embargo",
                    );
                    d.severity = Severity::Error;
                    out.push(d);
                }
            }
        }
    }
}

/// Whether an embargo at `date` (and `time`) is still in force at `now`
/// (and `now_minutes` after midnight, when known). Time zones are ignored.
fn not_passed(
    date: Date,
    time: Option<crate::dates::Time>,
    now: Date,
    now_minutes: Option<u32>,
) -> bool {
    let (Some(e), Some(n)) = (date.days(), now.days()) else {
        return false;
    };
    if e != n {
        return e > n;
    }
    match (time, now_minutes) {
        (Some(t), Some(m)) => t.hour * 60 + t.minute > m,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_lints, run, run_with_config};

    const R: &str = "embargo-date";

    #[test]
    fn readable_embargoes_in_four_languages_are_fine() {
        for (t, l) in [
            ("EMBARGO: 12 March 2025, 10:00 CET\n\nTitle here\n\nBrussels, 12 March 2025 – Body text.\n", "en"),
            ("Sous embargo jusqu'au 12 mars 2025 à 10 h\n\nUn titre\n\nBruxelles, le 11 mars 2025 – Le texte.\n", "fr"),
            ("Embargo tot 12 maart 2025, 10 uur\n\nEen titel\n\nBrussel, 12 maart 2025 – De tekst.\n", "nl"),
            ("Sperrfrist: 12. März 2025, 10 Uhr\n\nEin Titel\n\nBerlin, 12. März 2025 – Der Text.\n", "de"),
        ] {
            assert_lints(R, t, l, 0);
        }
    }

    #[test]
    fn unreadable_and_unreal_dates() {
        assert_lints(R, "EMBARGO: soon\n\nTitle here\n\nBody text.\n", "en", 1);
        assert_lints(
            R,
            "EMBARGO: 31 April 2025\n\nTitle here\n\nBody text.\n",
            "en",
            1,
        );
    }

    #[test]
    fn gap_with_dateline() {
        let t =
            "EMBARGO: 12 May 2025, 10:00 CET\n\nTitle here\n\nBrussels, 11 February 2025 – Body.\n";
        assert_lints(R, t, "en", 1);
        let t = "EMBARGO: 2 February 2025, 10:00 CET\n\nTitle here\n\nBrussels, 11 February 2025 – Body.\n";
        assert_lints(R, t, "en", 1);
    }

    #[test]
    fn template_requires_time_and_zone() {
        let cfg = "[template]\nembargo-time = true\nembargo-zone = true\n";
        let t = "EMBARGO: 12 March 2025\n\nTitle here\n\nBody.\n";
        assert_eq!(run_with_config(R, t, "en", cfg).len(), 1);
        let t = "EMBARGO: 12 March 2025, 10:00\n\nTitle here\n\nBody.\n";
        assert_eq!(run_with_config(R, t, "en", cfg).len(), 1);
        let t = "EMBARGO: 12 March 2025, 10:00 CET\n\nTitle here\n\nBody.\n";
        assert_eq!(run_with_config(R, t, "en", cfg).len(), 0);
        // Without a template, a date alone is enough.
        assert_eq!(
            run(R, "EMBARGO: 12 March 2025\n\nTitle\n\nBody.\n", "en").len(),
            0
        );
    }

    #[test]
    fn gate() {
        use super::not_passed;
        use crate::dates::{parse_iso, Time};
        let d = parse_iso("2025-03-12").unwrap();
        let t = Some(Time {
            hour: 10,
            minute: 0,
        });
        assert!(not_passed(d, t, parse_iso("2025-03-11").unwrap(), None));
        assert!(!not_passed(d, t, parse_iso("2025-03-13").unwrap(), None));
        assert!(not_passed(d, t, d, Some(9 * 60)));
        assert!(!not_passed(d, t, d, Some(11 * 60)));
        let t = "EMBARGO: 12 March 2099, 10:00 CET\n\nTitle here\n\nBody.\n";
        let d = run_with_config(R, t, "en", "embargo-gate = true\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Error);
    }
}
