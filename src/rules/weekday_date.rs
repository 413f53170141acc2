//! `weekday-date`: a weekday that does not match its date.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

mod after;
mod names;
use after::{After, Group};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "weekday-date",
    default_severity: Severity::Error,
    languages: &[],
    summary: "A weekday that does not match its date (\"Monday 11 February 2021\")",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Finds a weekday written with a date and checks it against the calendar,
in every language that has weekday and month names in its pack (French,
Dutch, English and German out of the box):
- "jeudi 11 février 2021", "le 1er juillet", "donderdag 11 februari
  2021", "Thursday 11 February 2021", "Thursday, February 11, 2021"
  (US order), "Donnerstag, 11. Februar 2021", "am Donnerstag, den
  11. Februar", capitals ("THURSDAY 11 FEBRUARY 2021", as in embargo
  lines);
- abbreviated months with a full stop ("Thursday, Feb. 11, 2021",
  "jeudi 11 févr. 2021"), derived from the month names;
- numeric dates, day first, outside English: "Donnerstag, 11.02.2021",
  "jeudi 11/02/2021", "donderdag 11-02-21";
- ranges: "du vendredi 3 au dimanche 5 juillet 2026", "van zaterdag 27
  tot zondag 28 september", "Friday 3 to Sunday 5 July" (the month and
  year of the range's end apply to its start).

A date without a year takes the release's year: the year of the dateline
or, failing that, the year of the release's full dates when they all share
one. When the dateline has a full date, the year that puts the date
nearest to it is chosen (a release of 20 December that announces "Monday
5 January" means the next year). When the year cannot be told (no year
at all, or full dates of several years and no dateline), a date without
a year is not checked. A date that does not exist ("31 June") is reported too.

## Why it matters
A wrong weekday makes readers doubt every other fact, and journalists
who put the event in their diary call to ask which one is right.

## Example
    Le festival commence le lundi 16 juin 2026.
                            ^^^^^ 16 juin 2026 is a mardi

## Options
None. Weekday and month names are data: `[words.LANG] weekdays = [...]`
(Monday first) and `months = [...]` (January first) add a language.

## Fix safety
Unsafe: replaces the weekday with the one the date falls on, in the same
language and capitalisation — but the date may be the wrong part.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The weekday of a date, 0 = Monday.
pub fn weekday(y: i64, m: u32, d: u32) -> usize {
    // 1970-01-01 was a Thursday (3).
    (days_from_civil(y, m, d) + 3).rem_euclid(7) as usize
}

/// Number of days in a month.
pub fn month_days(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A weekday name: its language and index.
#[derive(Debug, Clone)]
struct Name {
    lang: String,
    index: usize,
}

struct WeekdayDate {
    weekdays: HashMap<String, Vec<Name>>,
    months: HashMap<String, u32>,
    /// Any weekday name, as a whole word.
    weekday: Weekdays,
    /// What may follow a weekday: a date, day first or month first, or a
    /// range whose end carries the month.
    after: After,
    /// A full date with a year (no weekday), for the release's year.
    full_date: crate::regex_cache::Lazy,
    /// Names of the weekdays per language, for messages and fixes.
    names: HashMap<String, Vec<String>>,
}

/// The weekday-name finder: a byte scan for ASCII names, a regex otherwise.
#[derive(Debug)]
enum Weekdays {
    Ascii(Box<names::Names>),
    Regex(crate::regex_cache::Lazy),
}

impl Weekdays {
    /// The names in `s` as whole words, in order (byte ranges).
    fn find_iter(&self, s: &str) -> Vec<std::ops::Range<usize>> {
        match self {
            Weekdays::Ascii(n) => n.find_iter(s),
            Weekdays::Regex(r) => r.find_iter(s).map(|m| m.range()).collect(),
        }
    }
}

fn alternation(words: impl Iterator<Item = String>) -> String {
    let mut v: Vec<String> = words.map(|w| regex::escape(&w)).collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    v.join("|")
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    let mut weekdays: HashMap<String, Vec<Name>> = HashMap::new();
    let mut months: HashMap<String, u32> = HashMap::new();
    let mut abbr: HashMap<String, Vec<u32>> = HashMap::new();
    let mut names = HashMap::new();
    for code in langs.codes() {
        let Some(w) = langs.get_exact(code) else {
            continue;
        };
        if w.lists.weekdays.len() == 7 {
            for (i, d) in w.lists.weekdays.iter().enumerate() {
                weekdays.entry(d.to_lowercase()).or_default().push(Name {
                    lang: code.to_string(),
                    index: i,
                });
            }
            names.insert(code.to_string(), w.lists.weekdays.clone());
        }
        if w.lists.months.len() == 12 {
            let lower: Vec<String> = w.lists.months.iter().map(|m| m.to_lowercase()).collect();
            for (i, m) in lower.iter().enumerate() {
                months.entry(m.clone()).or_insert(i as u32 + 1);
                // Abbreviations with a full stop ("Oct.", "janv.", "Sept."):
                // prefixes of 3 or 4 letters that name one month only.
                for n in [3, 4] {
                    let prefix: String = m.chars().take(n).collect();
                    if prefix.chars().count() == n
                        && prefix.chars().count() < m.chars().count()
                        && lower.iter().filter(|o| o.starts_with(&prefix)).count() == 1
                    {
                        abbr.entry(prefix).or_default().push(i as u32 + 1);
                    }
                }
            }
        }
    }
    // An abbreviation that names different months in two languages is dropped.
    for (k, v) in abbr {
        if v.iter().all(|&m| m == v[0]) && !months.contains_key(&k) {
            months.insert(format!("{k}."), v[0]);
        }
    }
    let wd = alternation(weekdays.keys().cloned());
    // The same names in the same order, for the matcher of what follows a
    // weekday (see [`After`]).
    let wd_list: Vec<String> = {
        let mut v: Vec<String> = weekdays.keys().cloned().collect();
        v.sort_by_key(|w| std::cmp::Reverse(regex::escape(w).len()));
        v.dedup();
        v
    };
    let mo_list: Vec<String> = {
        let mut v: Vec<String> = months.keys().cloned().collect();
        // Longest first; ties in a fixed order, so that the pattern is the
        // same in every process (its trigger is read from a table).
        v.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        v
    };
    // Each month name with its end: a word boundary after a full name, the
    // full stop of an abbreviation.
    let mo = {
        let mut v: Vec<&String> = months.keys().collect();
        v.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        v.iter()
            .map(|m| {
                if m.ends_with('.') {
                    regex::escape(m)
                } else {
                    format!(r"{}\b", regex::escape(m))
                }
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    if wd.is_empty() || mo.is_empty() {
        // No language with both lists: the rule has nothing to check.
        return Ok(Box::new(WeekdayDate {
            weekdays,
            months,
            weekday: Weekdays::Ascii(Box::new(names::Names::new(&[]).expect("no names"))),
            after: After::new(&[], &[]),
            full_date: crate::regex_cache::Lazy::new("[^\\s\\S]")?,
            names,
        }));
    }
    let sp = r"[\s\u{a0}\u{202f}]+";
    let suffix = r"(?:er|re|ers|st|nd|rd|th|ste|de|e|\.)?";
    let full_date = format!(
        r"(?i)(?-u:\b)[0-9]{{1,2}}{suffix}{sp}(?:{mo})\.?,?{sp}(?P<y>[0-9]{{4}})(?-u:\b)|(?-u:\b)(?:{mo}){sp}[0-9]{{1,2}}(?:st|nd|rd|th)?,?{sp}(?P<y2>[0-9]{{4}})(?-u:\b)|(?-u:\b)[0-9]{{1,2}}\.[0-9]{{1,2}}\.(?P<y3>[0-9]{{4}})(?-u:\b)|(?-u:\b)[0-9]{{1,2}}/[0-9]{{1,2}}/(?P<y4>[0-9]{{4}})(?-u:\b)"
    );
    Ok(Box::new(WeekdayDate {
        // ASCII names (the built-in ones) allow an ASCII-only search, several
        // times faster on large files than Unicode word boundaries.
        // ASCII names (the built-in ones) are found by a byte scan with the
        // semantics of `(?i-u)\b(?:{wd})\b` (no regex to compile).
        weekday: match names::Names::new(weekdays.keys()) {
            Some(n) => Weekdays::Ascii(Box::new(n)),
            None => Weekdays::Regex(crate::regex_cache::Lazy::new(&format!(
                r"(?i)\b(?:{wd})\b"
            ))?),
        },
        // ASCII word boundaries and digits keep these on the regex
        // engine's DFA, and the cache shares them across linters.
        after: After::new(&wd_list, &mo_list),
        full_date: crate::regex_cache::Lazy::new(&full_date)?,
        weekdays,
        months,
        names,
    }))
}

/// The release's year, and its month and day when the dateline gives them.
type ReleaseDate = (i64, Option<(u32, u32)>);

/// A date found after a weekday.
struct Found {
    day: u32,
    month: u32,
    year: Option<i64>,
    /// The month as written.
    month_text: String,
    /// Month before day (US order).
    us: bool,
    /// End of the date text (bytes, absolute).
    end: usize,
}

impl WeekdayDate {
    fn date_after(&self, text: &str, from: usize, limit: usize, numeric: bool) -> Option<Found> {
        let mut end = limit.min(from + 160).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[from..end];
        let caps = self.after.captures(window)?;
        let part = |g: Group| caps.get(g).map(|r| &window[r]);
        let num = |g: Group| part(g).and_then(|m| m.parse::<u32>().ok());
        let yr = |g: Group| part(g).and_then(|m| m.parse::<i64>().ok());
        let month = |g: Group| part(g).and_then(|m| self.months.get(&m.to_lowercase()).copied());
        let stop = from + caps.end;
        for (d, m, y, us) in [
            (Group::D, Group::M, Group::Y, false),
            (Group::D2, Group::M2, Group::Y2, true),
            (Group::D3, Group::M3, Group::Y3, false),
        ] {
            if let (Some(day), Some(month)) = (num(d), month(m)) {
                return Some(Found {
                    day,
                    month,
                    year: yr(y),
                    month_text: part(m).unwrap_or("").to_string(),
                    us,
                    end: stop,
                });
            }
        }
        // Numeric dates are read day first, except in English, where the
        // order is ambiguous (US month first).
        for (d, m, y) in [
            (Group::D4, Group::M4, Group::Y4),
            (Group::D5, Group::M5, Group::Y5),
            (Group::D6, Group::M6, Group::Y6),
        ] {
            let (true, Some(day), Some(month), Some(y)) = (numeric, num(d), num(m), yr(y)) else {
                continue;
            };
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return None; // not a date
            }
            return Some(Found {
                day,
                month,
                year: Some(if y < 100 { 2000 + y } else { y }),
                month_text: format!("{month:02}"),
                us: false,
                end: stop,
            });
        }
        None
    }

    /// The release's reference date: (year, Some((month, day))) from the
    /// dateline, else the one year shared by all full dates.
    fn release_date(&self, cx: &Context) -> Option<ReleaseDate> {
        let doc = cx.doc;
        let text = doc.text();
        for p in doc.paragraphs() {
            if let Some(span) = &p.dateline {
                let s = &text[span.clone()];
                if let Some(c) = self.full_date.captures(s) {
                    let y = c
                        .name("y")
                        .or_else(|| c.name("y2"))
                        .or_else(|| c.name("y3"))
                        .or_else(|| c.name("y4"))
                        .and_then(|m| m.as_str().parse().ok())?;
                    let md = self.month_day(c.get(0).map_or("", |m| m.as_str()));
                    return Some((y, md));
                }
            }
        }
        let mut year = None;
        for p in doc.paragraphs() {
            if p.kind == BlockKind::Meta {
                continue;
            }
            for c in self.full_date.captures_iter(&text[p.span.clone()]) {
                let y: Option<i64> = c
                    .name("y")
                    .or_else(|| c.name("y2"))
                    .or_else(|| c.name("y3"))
                    .or_else(|| c.name("y4"))
                    .and_then(|m| m.as_str().parse().ok());
                match (y, year) {
                    (Some(y), None) => year = Some(y),
                    // Full dates of several years: which one a bare date
                    // belongs to cannot be told.
                    (Some(y), Some(prev)) if y != prev => return None,
                    _ => {}
                }
            }
        }
        year.map(|y| (y, None))
    }

    /// Month and day of a full-date match.
    fn month_day(&self, s: &str) -> Option<(u32, u32)> {
        let lower = s.to_lowercase();
        let mut day = None;
        let mut month = None;
        for tok in lower.split(|c: char| c.is_whitespace() || c == ',' || c == '.') {
            if day.is_none() {
                let digits: String = tok.chars().take_while(char::is_ascii_digit).collect();
                if !digits.is_empty() && digits.len() <= 2 {
                    day = digits.parse().ok();
                    continue;
                }
            }
            if let Some(&m) = self.months.get(tok) {
                month = Some(m);
            }
        }
        Some((month?, day?))
    }
}

/// Writes `name` in the case pattern of `like` (UPPER, Capitalised, lower).
fn same_case(name: &str, like: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return name.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut cs = name.chars();
        return cs
            .next()
            .map(|f| f.to_uppercase().chain(cs).collect())
            .unwrap_or_default();
    }
    name.to_string()
}

impl Rule for WeekdayDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let mut release: Option<Option<ReleaseDate>> = None;
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if p.kind == BlockKind::Meta {
                continue;
            }
            let para_lang = doc.lang_of(i);
            for m in self.weekday.find_iter(&text[p.span.clone()]) {
                let start = p.span.start + m.start;
                let end = p.span.start + m.end;
                let Some(found) = self.date_after(text, end, p.span.end, para_lang != "en") else {
                    continue;
                };
                let word = &text[start..end];
                let Some(cands) = self.weekdays.get(&word.to_lowercase()) else {
                    continue;
                };
                // Prefer the paragraph's language when a name is shared.
                let name = cands
                    .iter()
                    .find(|n| n.lang == para_lang)
                    .unwrap_or(&cands[0]);
                let (year, inferred) = match found.year {
                    Some(y) => (y, false),
                    None => {
                        let r = *release.get_or_insert_with(|| self.release_date(cx));
                        let Some((y, md)) = r else { continue };
                        let y = match md {
                            // The year that puts the date nearest the dateline.
                            Some((rm, rd)) => {
                                let base = days_from_civil(y, rm, rd.clamp(1, month_days(y, rm)));
                                (y - 1..=y + 1)
                                    .min_by_key(|&cy| {
                                        let d = found.day.clamp(1, month_days(cy, found.month));
                                        (days_from_civil(cy, found.month, d) - base).abs()
                                    })
                                    .unwrap_or(y)
                            }
                            None => y,
                        };
                        (y, true)
                    }
                };
                let date_span = end..found.end;
                let date_text = if found.month_text.bytes().all(|b| b.is_ascii_digit()) {
                    format!("{:02}.{}.{year}", found.day, found.month_text)
                } else if found.us {
                    format!("{} {}, {year}", found.month_text, found.day)
                } else {
                    format!("{} {} {year}", found.day, found.month_text)
                };
                if found.month == 0
                    || found.month > 12
                    || found.day == 0
                    || found.day > month_days(year, found.month)
                {
                    out.push(
                        Diagnostic::new(
                            &META,
                            start..found.end,
                            format!("{date_text} does not exist"),
                        )
                        .with_label("no such day"),
                    );
                    continue;
                }
                let actual = weekday(year, found.month, found.day);
                if actual == name.index {
                    continue;
                }
                let Some(list) = self.names.get(&name.lang) else {
                    continue;
                };
                let right = same_case(&list[actual], word);
                let mut d = Diagnostic::new(
                    &META,
                    start..end,
                    format!("\"{word}\" does not match the date: {date_text} is a {right}"),
                )
                .with_label(format!("should be \"{right}\""))
                .with_secondary(date_span, "date")
                .with_fix(Fix::unsafe_(vec![Edit::replace(start..end, right.clone())]));
                if inferred {
                    d = d.with_note(format!(
                        "the date has no year; {year} is the year of the release"
                    ));
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_fix, assert_lints};

    const R: &str = "weekday-date";

    #[test]
    fn calendar() {
        assert_eq!(weekday(1970, 1, 1), 3);
        assert_eq!(weekday(2021, 2, 11), 3); // Thursday
        assert_eq!(weekday(2000, 2, 29), 1); // Tuesday
        assert_eq!(weekday(2026, 6, 3), 2); // Wednesday
        assert_eq!(weekday(1900, 3, 1), 3); // Thursday
        assert_eq!(weekday(2400, 12, 31), 6); // Sunday
        assert_eq!(month_days(2024, 2), 29);
        assert_eq!(month_days(2100, 2), 28);
    }

    #[test]
    fn wrong_weekdays() {
        assert_lints(
            R,
            "Title\n\nIt opened on Monday 11 February 2021.\n",
            "en",
            1,
        );
        assert_lints(
            R,
            "Titel\n\nDe opening is op donderdag 12 februari 2021.\n",
            "nl",
            1,
        );
        assert_lints(
            R,
            "Titel\n\nDie Eröffnung ist am Montag, 10. März 2026.\n",
            "de",
            1,
        );
        assert_lints(
            R,
            "EMBARGOED UNTIL 00:01 GMT, FRIDAY 15 OCTOBER 2026\n\nTitle\n\nText.\n",
            "en",
            1,
        );
        assert_lints(R, "Title\n\nDoors open Friday, June 4, 2026.\n", "en", 1);
        assert_lints(
            R,
            "Titre\n\nDu samedi 3 au lundi 5 juillet 2026.\n",
            "fr",
            2,
        );
        assert_lints(R, "Titre\n\nLe 31 juin : mardi 31 juin 2026.\n", "fr", 1);
        assert_lints(
            R,
            "Titel\n\nAm Montag, 10.03.2026, und am Dienstag, 10.03.2026.\n",
            "de",
            1,
        );
        assert_lints(
            R,
            "Titre\n\nLe lundi 10/03/2026 et le mardi 10-03-26.\n",
            "fr",
            1,
        );
        // Abbreviated months (AP style, French, German).
        assert_lints(
            R,
            "Title\n\nDoors open Thursday, Oct. 15, 2026, and Friday, Sept. 4, 2026.\n",
            "en",
            0,
        );
        assert_lints(
            R,
            "Title\n\nDoors open Wednesday, Oct. 15, 2026.\n",
            "en",
            1,
        );
        assert_lints(
            R,
            "Titre\n\nOuverture le mardi 15 oct. 2026 et le jeudi 1er janv. 2026.\n",
            "fr",
            1,
        );
        assert_lints(R, "Titre\n\nLe lundi 3 marsupial.\n", "fr", 0);
        // Times are not dates.
        assert_lints(
            R,
            "Titel\n\nAm Montag 14.30-16.00 Uhr und Dienstag 10.13.2026.\n",
            "de",
            0,
        );
        // English numeric dates are ambiguous: not read.
        assert_lints(R, "Title\n\nOn Monday, 3/10/2026.\n", "en", 0);
    }

    #[test]
    fn right_weekdays() {
        assert_lints(
            R,
            "Titre\n\nLa signature a eu lieu le jeudi 11 février 2021.\n",
            "fr",
            0,
        );
        assert_lints(R, "Title\n\nDoors open Wednesday, June 3, 2026.\n", "en", 0);
        assert_lints(R, "Titre\n\nDu vendredi 3 au dimanche 5 juillet 2026, puis le mercredi 1er juillet 2026.\n", "fr", 0);
        assert_lints(
            R,
            "Titel\n\nOp zaterdag 27 en zondag 28 september 2025 is de toegang gratis.\n",
            "nl",
            0,
        );
        assert_lints(R, "Titel\n\nDie Eröffnung ist am Dienstag, 10. März 2026. Am Montag kommt der Bürgermeister.\n", "de", 0);
        assert_lints(
            R,
            "EMBARGOED UNTIL 00:01 BST, WEDNESDAY 14 OCTOBER 2026\n\nTitle\n\nText.\n",
            "en",
            0,
        );
    }

    #[test]
    fn year_from_the_release() {
        let wrong =
            "Le bus express\n\nArlon, le 2 juin 2026 – La ligne ouvrira le lundi 8 septembre.\n";
        assert_lints(R, wrong, "fr", 1);
        let right =
            "Le bus express\n\nArlon, le 2 juin 2026 – La ligne ouvrira le mardi 8 septembre.\n";
        assert_lints(R, right, "fr", 0);
        // A numeric dateline gives the year.
        assert_lints(
            R,
            "Titel\n\nWien, 30.06.2026 – Der Park öffnet am Mittwoch, dem 1. Juli.\n",
            "de",
            0,
        );
        assert_lints(
            R,
            "Titel\n\nWien, 30.06.2026 – Der Park öffnet am Dienstag, dem 1. Juli.\n",
            "de",
            1,
        );
        // Across the new year: 20 December 2026 announces Tuesday 5 January (2027).
        let next = "Title\n\nLeeds, 20 December 2026 – The bridge reopens on Tuesday 5 January.\n";
        assert_lints(R, next, "en", 0);
        // Without a dateline, full dates of two years: not checked.
        assert_lints(R, "Title\n\nFounded on 3 March 1998, the club meets on Monday 6 March. Next season starts on 2 May 2026.\n", "en", 0);
        // No year anywhere: not checked.
        assert_lints(
            R,
            "Title\n\nThe bridge reopens on Monday 5 January.\n",
            "en",
            0,
        );
    }

    #[test]
    fn fixes() {
        assert_fix(
            R,
            "Titel\n\nDie Eröffnung ist am Montag, 10. März 2026.\n",
            "Titel\n\nDie Eröffnung ist am Dienstag, 10. März 2026.\n",
            "de",
        );
        assert_fix(
            R,
            "EMBARGO: TUESDAY 14 OCTOBER 2026\n\nTitle\n\nText.\n",
            "EMBARGO: WEDNESDAY 14 OCTOBER 2026\n\nTitle\n\nText.\n",
            "en",
        );
    }
}
