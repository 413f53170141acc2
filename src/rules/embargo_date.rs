//! `embargo-date`: an embargo line that cannot be read, lacks the time or
//! zone the template asks for, disagrees with the dateline, or (with
//! `embargo-gate = true`) has not passed yet.

use crate::dates::Date;
use crate::dates::ZoneMeaning;
use crate::diagnostic::{Diagnostic, Severity};
use crate::embargo::{lift_instant, EmbargoFinder, ZoneReading};
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
The gate compares instants: "10:00 ADT" lifts at 13:00 UTC. A zone with
summer time ("CET/CEST", "heure belge", "Brussels time") takes the offset in
force on the embargo's date; an abbreviation is read as written ("CET" is
UTC+1 even in July). A time without a zone is read in the office's
`time-zone` (prlint.toml); with none, as the latest instant it can mean
(UTC-12), and the diagnostic says so. A date without a time lifts at
00:00 of that day, read the same way.
The opening phrases are the packs' `embargo-words`; month names and
time-zone names with their meaning ("CET=+01:00",
"heure belge=Europe/Brussels") come from the packs too.

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
    let finder = EmbargoFinder::new(langs);
    let unknown = finder.dates.unknown_zone_meanings();
    if !unknown.is_empty() {
        anyhow::bail!(
            "pack `time-zones`: unknown meaning in {} (use an offset such as +01:00, an IANA zone such as Europe/Brussels, or `local`)",
            unknown.join(", ")
        );
    }
    Ok(Box::new(EmbargoDate {
        finder,
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
                let Some(hold) = not_passed(
                    date,
                    e.time.as_ref().map(|t| t.1),
                    e.zone_meaning.as_ref(),
                    cx.office.time_zone.as_ref(),
                    now,
                    cx.office.now_minutes(),
                ) else {
                    continue;
                };
                let reference = match cx.office.now {
                    Some(n) => match cx.office.now_minutes {
                        Some(m) => format!("--now {n}T{:02}:{:02} UTC", m / 60, m % 60),
                        None => format!("--now {n}"),
                    },
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
                if let Some((instant, reading)) = hold {
                    let at = format_utc(instant);
                    d = d.with_note(match reading {
                        ZoneReading::Written => format!("the embargo lifts at {at}"),
                        ZoneReading::Office => {
                            format!("the embargo names no time zone: read in the office's `time-zone`, it lifts at {at}")
                        }
                        ZoneReading::Latest => format!(
                            "the embargo names no time zone and prlint.toml sets no `time-zone`: read as the latest instant its time can mean (UTC-12), {at}"
                        ),
                    });
                }
                d.severity = Severity::Error;
                out.push(d);
            }
        }
    }
}

/// An instant as "2025-03-12 09:00 UTC".
fn format_utc(secs: i64) -> String {
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => format!("{secs} s after 1970 (UTC)"),
    }
}

/// Whether an embargo at `date` (and `time`, in the written `zone`, else
/// the `office` zone) is still in force at `now` (and `now_minutes` after
/// midnight UTC, when known): `None` when it has passed; else the instant
/// it lifts and how its zone was read, when `--now` gives a time (an
/// embargo without a time lifts at 00:00 of its day). With a date-only
/// `--now`, calendar days are compared.
fn not_passed(
    date: Date,
    time: Option<crate::dates::Time>,
    zone: Option<&ZoneMeaning>,
    office: Option<&jiff::tz::TimeZone>,
    now: Date,
    now_minutes: Option<u32>,
) -> Option<Option<(i64, ZoneReading)>> {
    let (Some(e), Some(n)) = (date.days(), now.days()) else {
        return None;
    };
    if let Some(m) = now_minutes {
        // A date without a time lifts at the start of that day, in its zone.
        let t = time.unwrap_or(crate::dates::Time { hour: 0, minute: 0 });
        let (lift, reading) = lift_instant(date, t, zone, office)?;
        let now_secs = n * 86_400 + i64::from(m) * 60;
        return (lift > now_secs).then_some(Some((lift, reading)));
    }
    (e > n).then_some(None)
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
        let utc = crate::dates::ZoneMeaning::Offset(0);
        let z = Some(&utc);
        assert!(not_passed(d, t, z, None, parse_iso("2025-03-11").unwrap(), None).is_some());
        assert!(not_passed(d, t, z, None, parse_iso("2025-03-13").unwrap(), None).is_none());
        assert!(not_passed(d, t, z, None, d, Some(9 * 60)).is_some());
        assert!(not_passed(d, t, z, None, d, Some(11 * 60)).is_none());
        let t = "EMBARGO: 12 March 2099, 10:00 CET\n\nTitle here\n\nBody.\n";
        let d = run_with_config(R, t, "en", "embargo-gate = true\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Error);
    }

    /// The gate's diagnostics on `text` at `--now` (UTC), with `toml` added
    /// to `embargo-gate = true`.
    fn gate_at(
        text: &str,
        lang: &str,
        now: &str,
        toml: &str,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        let cfg = format!("embargo-gate = true\n{toml}");
        let config = crate::config::Config::parse(std::path::Path::new("prlint.toml"), &cfg)
            .expect("config");
        let linter = crate::linter::Linter::new(
            &config,
            &crate::linter::Overrides {
                select: Some(vec![R.to_string()]),
                ..Default::default()
            },
        )
        .expect("linter")
        .with_now(crate::dates::parse_now(now));
        linter
            .lint(crate::source::Source::new("release.txt", text), lang)
            .1
    }

    /// The latest UTC minute at which the gate still holds `line` and the
    /// first at which it lets it go, checked around `lifts` ("HH:MM" UTC on
    /// the embargo's day, or "YYYY-MM-DDTHH:MM").
    #[track_caller]
    fn lifts_at(line: &str, lang: &str, toml: &str, lifts: &str) {
        let text = format!("{line}\n\nTitle here\n\nBody text.\n");
        let lifts = jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", lifts).expect("lifts");
        let before = lifts - jiff::SignedDuration::from_mins(1);
        let fmt = |d: jiff::civil::DateTime| d.strftime("%Y-%m-%dT%H:%M").to_string();
        let held = gate_at(&text, lang, &fmt(before), toml);
        assert_eq!(held.len(), 1, "{line}: not held at {}", fmt(before));
        let free = gate_at(&text, lang, &fmt(lifts), toml);
        assert!(
            free.is_empty(),
            "{line}: still held at {}: {free:#?}",
            fmt(lifts)
        );
    }

    #[test]
    fn gate_reads_the_written_zone() {
        // Each written form, on a winter day (CET = UTC+1) …
        for (line, lang, utc) in [
            (
                "EMBARGO: 12 March 2025, 10:00 ADT",
                "en",
                "2025-03-12T13:00",
            ),
            (
                "EMBARGO: 12 March 2025, 10:00 CET",
                "en",
                "2025-03-12T09:00",
            ),
            (
                "EMBARGO: 12 March 2025, 10:00 CET/CEST",
                "en",
                "2025-03-12T09:00",
            ),
            ("EMBARGO: 12 March 2025, 9am GMT", "en", "2025-03-12T09:00"),
            (
                "EMBARGO: 12 March 2025, 10:00 UTC",
                "en",
                "2025-03-12T10:00",
            ),
            (
                "EMBARGO: 12 March 2025, 10:00 +02:00",
                "en",
                "2025-03-12T08:00",
            ),
            (
                "EMBARGO: 12 March 2025, 10:00 UTC+2",
                "en",
                "2025-03-12T08:00",
            ),
            (
                "EMBARGO: 12 March 2025, 10:00 Brussels time",
                "en",
                "2025-03-12T09:00",
            ),
            (
                "Sous embargo jusqu'au 12 mars 2025 à 10 h (heure belge)",
                "fr",
                "2025-03-12T09:00",
            ),
            (
                "Sous embargo jusqu'au 12 mars 2025 à 10 h, heure de Paris",
                "fr",
                "2025-03-12T09:00",
            ),
            (
                "Sperrfrist: 12. März 2025, 10 Uhr MEZ",
                "de",
                "2025-03-12T09:00",
            ),
            (
                "Embargo tot 12 maart 2025, 10.00 uur Belgische tijd",
                "nl",
                "2025-03-12T09:00",
            ),
        ] {
            lifts_at(line, lang, "", utc);
        }
        // … and on a summer day (BST = UTC+1, CEST = UTC+2).
        for (line, lang, utc) in [
            (
                "EMBARGOED UNTIL 00:01 BST, TUESDAY 14 OCTOBER 2025",
                "en",
                "2025-10-13T23:01",
            ),
            ("EMBARGO: 9 July 2025, 9am BST", "en", "2025-07-09T08:00"),
            ("EMBARGO: 9 July 2025, 10:00 CEST", "en", "2025-07-09T08:00"),
            (
                "Sperrfrist: 9. Juli 2025, 10 Uhr MESZ",
                "de",
                "2025-07-09T08:00",
            ),
        ] {
            lifts_at(line, lang, "", utc);
        }
    }

    #[test]
    fn gate_follows_summer_time_by_date() {
        // "CET/CEST" and "heure belge" are Brussels time: UTC+1 before the
        // last Sunday of March 2025 (the 30th), UTC+2 after.
        for (line, lang, utc) in [
            (
                "EMBARGO: 29 March 2025, 10:00 CET/CEST",
                "en",
                "2025-03-29T09:00",
            ),
            (
                "EMBARGO: 31 March 2025, 10:00 CET/CEST",
                "en",
                "2025-03-31T08:00",
            ),
            (
                "Sous embargo jusqu'au 31 mars 2025 à 10 h (heure belge)",
                "fr",
                "2025-03-31T08:00",
            ),
            (
                "Sous embargo jusqu'au 27 octobre 2025 à 10 h (heure belge)",
                "fr",
                "2025-10-27T09:00",
            ),
            // A strict abbreviation stays what it says: CET in July is UTC+1.
            ("EMBARGO: 9 July 2025, 10:00 CET", "en", "2025-07-09T09:00"),
        ] {
            lifts_at(line, lang, "", utc);
        }
    }

    #[test]
    fn gate_without_a_zone_uses_the_office_zone_else_the_latest_instant() {
        let line = "Embargo tot 12 maart 2025, 10.00 uur";
        // The office is in Brussels: 10:00 local is 09:00 UTC in March …
        lifts_at(
            line,
            "nl",
            "time-zone = \"Europe/Brussels\"\n",
            "2025-03-12T09:00",
        );
        // … and 08:00 UTC in July.
        lifts_at(
            "Embargo tot 9 juli 2025, 10.00 uur",
            "nl",
            "time-zone = \"Europe/Brussels\"\n",
            "2025-07-09T08:00",
        );
        // "heure locale" is the office's time too.
        lifts_at(
            "Sous embargo jusqu'au 12 mars 2025 à 10 h, heure locale",
            "fr",
            "time-zone = \"Europe/Paris\"\n",
            "2025-03-12T09:00",
        );
        // No zone anywhere: the latest instant 10:00 can mean (UTC-12).
        lifts_at(line, "nl", "", "2025-03-12T22:00");
        // A day without a time starts at midnight: in the office's zone …
        lifts_at(
            "Embargo tot 12 maart 2025",
            "nl",
            "time-zone = \"Europe/Brussels\"\n",
            "2025-03-11T23:00",
        );
        // … else at the latest midnight there is (UTC-12).
        lifts_at("Embargo tot 12 maart 2025", "nl", "", "2025-03-12T12:00");
        let text = format!("{line}\n\nTitle here\n\nBody text.\n");
        let d = gate_at(&text, "nl", "2025-03-12T21:00", "");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].notes.iter().any(|n| n.contains("latest instant")),
            "{:#?}",
            d[0].notes
        );
    }
}
