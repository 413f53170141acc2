//! Calendar dates, times and time zones written in release text, in every
//! language of the packs: "12 mars 2025", "12. März 2025", "June 3, 2026",
//! "12/03/2025", "10 h", "10:00 CET", "heure belge".
//!
//! Self-contained: the civil-calendar arithmetic is here (no date crate) so
//! that other rules can share it. Month names, weekdays, time-zone names and
//! "today" words come from the packs ([`crate::lang`]), so users extend them.

use std::ops::Range;

use crate::lang::Languages;

mod numeric;
mod textual;
pub use textual::{fold_orbits, TextualDates, TextualMatch};

/// A calendar date as written; the year may be missing ("12 mars").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The year, if written.
    pub year: Option<i32>,
    /// 1–12.
    pub month: u32,
    /// 1–31 as written (not necessarily valid for the month).
    pub day: u32,
}

impl Date {
    /// Whether the day exists in the month (29 February needs a leap year
    /// when the year is known).
    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }

    /// Days since 1970-01-01, when the year is known and the date valid.
    pub fn days(&self) -> Option<i64> {
        let y = self.year?;
        self.is_valid()
            .then(|| days_from_civil(y, self.month, self.day))
    }

    /// The day of the week, 0 = Monday … 6 = Sunday (year needed).
    pub fn weekday(&self) -> Option<u32> {
        // 1970-01-01 was a Thursday (3).
        self.days().map(|d| (d + 3).rem_euclid(7) as u32)
    }

    /// The date with `year` filled in when it was not written.
    pub fn with_default_year(self, year: Option<i32>) -> Date {
        Date {
            year: self.year.or(year),
            ..self
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

/// Whether `y` is a leap year in the Gregorian calendar.
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in `month` of `year` (29 for February when the year is unknown).
pub fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// Days since 1970-01-01 of a valid civil date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date {
        year: i32::try_from(y).ok(),
        month: m,
        day: d,
    }
}

/// Today's date and the minutes since midnight (UTC), from the system clock.
pub fn now_utc() -> (Date, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (
        civil_from_days((secs / 86_400) as i64),
        ((secs % 86_400) / 60) as u32,
    )
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (`--now`): the date and the
/// minutes since midnight when a time is given.
pub fn parse_now(s: &str) -> Option<(Date, Option<u32>)> {
    let s = s.trim();
    let (d, t) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let date = parse_iso(d)?;
    let minutes = match t {
        None => None,
        Some(t) => {
            let (h, m) = t.split_once(':')?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            Some(h * 60 + m)
        }
    };
    Some((date, minutes))
}

/// Parses an ISO date "2025-03-12".
pub fn parse_iso(s: &str) -> Option<Date> {
    let mut it = s.trim().splitn(3, '-');
    let year: i32 = it.next()?.parse().ok()?;
    let month: u32 = it.next()?.parse().ok()?;
    let day: u32 = it.next()?.parse().ok()?;
    let d = Date {
        year: Some(year),
        month,
        day,
    };
    d.is_valid().then_some(d)
}

/// A clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
}

/// A date found in text.
#[derive(Debug, Clone)]
pub struct FoundDate {
    /// Byte range in the searched text.
    pub span: Range<usize>,
    /// The date as written.
    pub date: Date,
}

/// Compiled date, time and zone recognisers, built once per rule.
#[derive(Debug)]
pub struct DateFinder {
    textual: TextualDates,
    time: crate::regex_cache::Lazy,
    zone: crate::regex_cache::Lazy,
    today_before: crate::regex_cache::Lazy,
    months: Vec<(String, u32)>,
    /// Zone names and what they mean (`name=meaning` in the packs).
    zone_names: Vec<(String, String)>,
    /// Finders with the same month names share this id (see [`FoundCache`]).
    months_id: usize,
}

/// [`DateFinder::find_all`]'s answers on this thread: the rules of a check
/// that read dates (`dateline-date`, `inconsistent-date-style`,
/// `headline-facts` …) each build a finder and search the same paragraphs.
/// Keyed by the finder's month names (their id) and the text itself, so an
/// answer is that of an equal search; emptied when it holds
/// [`FoundCache::MAX`] texts (a few releases' paragraphs).
#[derive(Default)]
struct FoundCache {
    /// Text -> (finder's month names id, dates) pairs.
    found: foldhash::HashMap<Box<str>, Vec<(usize, Vec<FoundDate>)>>,
}

impl FoundCache {
    const MAX: usize = 512;

    fn get(&mut self, id: usize, s: &str, find: impl FnOnce() -> Vec<FoundDate>) -> Vec<FoundDate> {
        if let Some((_, v)) = self
            .found
            .get(s)
            .and_then(|by_id| by_id.iter().find(|(i, _)| *i == id))
        {
            return v.clone();
        }
        let v = find();
        if self.found.len() >= Self::MAX {
            self.found.clear();
        }
        self.found
            .entry(s.into())
            .or_default()
            .push((id, v.clone()));
        v
    }
}

thread_local! {
    static FOUND: std::cell::RefCell<FoundCache> = Default::default();
}

/// The id of a list of month names: equal lists, equal ids (the lists of
/// a process: one per language configuration).
fn months_id(months: &[(String, u32)]) -> usize {
    static SEEN: std::sync::Mutex<Vec<Vec<(String, u32)>>> = std::sync::Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    match seen.iter().position(|m| m == months) {
        Some(i) => i,
        None => {
            seen.push(months.to_vec());
            seen.len() - 1
        }
    }
}

/// What a time-zone name or offset written in a release means.
#[derive(Debug, Clone, PartialEq)]
pub enum ZoneMeaning {
    /// A fixed offset from UTC, in seconds ("CET", "+02:00", "UTC+2").
    Offset(i32),
    /// A zone whose offset follows the date ("CET/CEST", "heure belge").
    Named(jiff::tz::TimeZone),
    /// The writer's local time ("heure locale", "local time"), or a pack
    /// name without a meaning: the office's `time-zone`.
    Local,
}

/// Seconds of a written offset: "+02:00", "+0200", "-3", "+5:30".
fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let (sign, rest) = if let Some(r) = s.strip_prefix('+') {
        (1, r)
    } else if let Some(r) = s.strip_prefix(['-', '\u{2212}']) {
        (-1, r)
    } else {
        return None;
    };
    let rest = rest.trim();
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h.trim(), m.trim()),
        None if rest.len() > 2 && rest.is_ascii() => rest.split_at(rest.len() - 2),
        None => (rest, "0"),
    };
    if !(1..=2).contains(&h.len()) || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// The meaning of a pack entry's right-hand side: an offset, an IANA zone
/// name, or `local`. `None` when it is none of these.
pub fn parse_zone_meaning(meaning: &str) -> Option<ZoneMeaning> {
    let m = meaning.trim();
    if m.eq_ignore_ascii_case("local") {
        return Some(ZoneMeaning::Local);
    }
    if let Some(secs) = parse_offset(m) {
        return Some(ZoneMeaning::Offset(secs));
    }
    jiff::tz::TimeZone::get(m).ok().map(ZoneMeaning::Named)
}

fn alternation(words: impl Iterator<Item = String>) -> String {
    let mut v: Vec<String> = words.map(|w| regex::escape(&w)).collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    if v.is_empty() {
        // Matches nothing.
        return "[^\\s\\S]".to_string();
    }
    v.join("|")
}

impl DateFinder {
    /// Builds the recognisers from the packs' `months`, `weekdays`,
    /// `time-zones` and `today-words` lists.
    pub fn new(langs: &Languages) -> Self {
        let all = &langs.all().lists;
        let mut months: Vec<(String, u32)> = Vec::new();
        for code in langs.codes() {
            for (i, m) in langs.get(code).lists.months.iter().enumerate() {
                let n = (i % 12) as u32 + 1;
                months.push((m.clone(), n));
                // Abbreviations: "feb", "sept", "déc".
                for len in [3usize, 4] {
                    let abbr: String = m.chars().take(len).collect();
                    if abbr.chars().count() == len && abbr.chars().count() < m.chars().count() {
                        months.push((abbr, n));
                    }
                }
            }
        }
        // An abbreviation shared by two months is no abbreviation.
        // (The first month of each word, and whether another month has it.)
        let mut month_of: std::collections::HashMap<&str, (u32, bool)> =
            std::collections::HashMap::new();
        for (w, n) in &months {
            month_of
                .entry(w.as_str())
                .and_modify(|e| e.1 |= e.0 != *n)
                .or_insert((*n, false));
        }
        let mut keep: Vec<(String, u32)> = Vec::new();
        let mut kept: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (w, n) in &months {
            if month_of.get(w.as_str()).is_some_and(|e| e.1) {
                continue;
            }
            if kept.insert(w.as_str()) {
                keep.push((w.clone(), *n));
            }
        }
        // Day and month names: a hand-written matcher (see [`TextualDates`]);
        // compiling the same definition as a regex was a tenth of a
        // one-release run.
        let textual = TextualDates::new(keep.iter().map(|(w, _)| w.clone()));
        // Short abbreviations ("CET", "EST") only in capitals: "est" is French.
        // Entries are `name=meaning`; the name is what the text says.
        let mut zone_names: Vec<(String, String)> = Vec::new();
        for entry in &all.time_zones {
            let (name, meaning) = entry.split_once('=').unwrap_or((entry, "local"));
            let (name, meaning) = (name.trim(), meaning.trim());
            if !name.is_empty() && !zone_names.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                zone_names.push((name.to_string(), meaning.to_string()));
            }
        }
        let mut zone_list: Vec<&String> = zone_names.iter().map(|(n, _)| n).collect();
        zone_list.sort_by_key(|z| std::cmp::Reverse(z.len()));
        let zones: Vec<String> = zone_list
            .iter()
            .map(|z| {
                if z.len() <= 4 && z.chars().all(|c| c.is_ascii_alphabetic()) {
                    format!("(?-i:{})", z.to_uppercase())
                } else {
                    regex::escape(z)
                }
            })
            .collect();
        let zones = if zones.is_empty() {
            "[^\\s\\S]".to_string()
        } else {
            zones.join("|")
        };
        let today = alternation(all.today_words.iter().cloned());
        let weekdays = alternation(all.weekdays.iter().cloned());
        DateFinder {
            textual,
            time: crate::regex_cache::Lazy::new(
                r"(?i)(?:^|[^[0-9].,:])(?:([01]?[0-9]|2[0-3])\s?[:h.]\s?([0-5][0-9])(?:\s?([ap])\.?m(?-u:\b)\.?)?|([01]?[0-9]|2[0-3])\s?(?:h|heures?|uur|u|uhr|hrs|o['’]clock)(?:(?-u:\b)|$)|(1[0-2]|0?[0-9])(?::([0-5][0-9]))?\s?([ap])\.?m(?-u:\b)\.?)",
            )
            .expect("time regex"),
            // A name, maybe with an offset ("UTC+2", "GMT+01:00"), or an
            // offset alone ("+02:00", "+0200": minutes required, so that
            // "-2" in a range is no zone).
            zone: crate::regex_cache::Lazy::new(&format!(r"(?i)(?:(?-u:\b)(?:{zones})(?:\s?[+-]\s?[0-9]{{1,2}}(?::?[0-5][0-9])?)?(?:(?-u:\b)|$)|[+-](?:0?[0-9]|1[0-4]):?[0-5][0-9](?-u:\b))"))
                .expect("zone regex"),
            zone_names,
            today_before: crate::regex_cache::Lazy::new(&format!(
                r"(?i)(?-u:\b)(?:{today})[\s,(:\u{{2013}}\u{{2014}}-]*(?:(?:le|on|den|am|op|this)\s+)?(?:(?:{weekdays})\.?,?\s+)?(?:(?:le|den|der)\s+)?$"
            ))
            .expect("today regex"),
            months_id: months_id(&keep),
            months: keep,
        }
    }

    /// The month number (1–12) of a month name or abbreviation, any language.
    pub fn month(&self, word: &str) -> Option<u32> {
        let w = word.trim_end_matches('.').to_lowercase();
        self.months.iter().find(|(m, _)| *m == w).map(|(_, n)| *n)
    }

    /// Every date in `s`, in order (spans relative to `s`).
    pub fn find_all(&self, s: &str) -> Vec<FoundDate> {
        // Every date pattern holds a digit: text without one needs no search
        // (and the recognisers are then never compiled).
        if !s.bytes().any(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
        FOUND.with_borrow_mut(|c| c.get(self.months_id, s, || self.search(s)))
    }

    /// [`DateFinder::find_all`] without the cache.
    fn search(&self, s: &str) -> Vec<FoundDate> {
        let mut out = Vec::new();
        for m in self.textual.find_iter(s) {
            let Ok(day) = s[m.day.clone()].parse::<u32>() else {
                continue;
            };
            let Some(month) = self.month(&s[m.month.clone()]) else {
                continue;
            };
            let year = m.year.and_then(|y| s[y].parse::<i32>().ok());
            out.push(FoundDate {
                span: m.span,
                date: Date { year, month, day },
            });
        }
        for c in numeric::numeric_dates(s) {
            let m = c.span.clone();
            if out
                .iter()
                .any(|f| f.span.start < m.end && m.start < f.span.end)
            {
                continue;
            }
            let num = |i: usize| c.get(i).and_then(|x| s[x].parse::<u32>().ok());
            let date = if c.get(1).is_some() {
                let (Some(d), Some(mo), Some(y)) = (num(1), num(3), num(4)) else {
                    continue;
                };
                Date {
                    year: i32::try_from(y).ok(),
                    month: mo,
                    day: d,
                }
            } else {
                let (Some(y), Some(mo), Some(d)) = (num(5), num(6), num(7)) else {
                    continue;
                };
                Date {
                    year: i32::try_from(y).ok(),
                    month: mo,
                    day: d,
                }
            };
            out.push(FoundDate { span: m, date });
        }
        out.sort_by_key(|f| f.span.start);
        out
    }

    /// The first clock time in `s` and its span.
    pub fn find_time(&self, s: &str) -> Option<(Range<usize>, Time)> {
        // Every clock pattern holds a digit.
        if !s.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let c = self.time.captures(s)?;
        let num = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
        let first = (1..=7).find_map(|i| c.get(i))?;
        let end = c.get(0)?.end();
        let pm = |i: usize| c.get(i).map(|x| x.as_str().eq_ignore_ascii_case("p"));
        let (hour, minute) = if let Some(h) = num(1) {
            let h = match pm(3) {
                Some(true) => h % 12 + 12,
                Some(false) => h % 12,
                None => h,
            };
            (h, num(2).unwrap_or(0))
        } else if let Some(h) = num(4) {
            (h, 0)
        } else {
            let h = num(5)? % 12;
            (
                if pm(7) == Some(true) { h + 12 } else { h },
                num(6).unwrap_or(0),
            )
        };
        Some((first.start()..end, Time { hour, minute }))
    }

    /// The span of the first time-zone name in `s` ("CET", "heure belge").
    pub fn find_zone(&self, s: &str) -> Option<Range<usize>> {
        self.zone.find(s).map(|m| m.range())
    }

    /// What the zone written as `written` means (a span found by
    /// [`Self::find_zone`]): the pack's meaning of the name, shifted by a
    /// written offset ("UTC+2"); a bare offset ("+02:00") is itself. An
    /// unknown meaning reads as [`ZoneMeaning::Local`].
    pub fn zone_meaning(&self, written: &str) -> ZoneMeaning {
        let w = written.trim();
        if let Some(secs) = parse_offset(w) {
            return ZoneMeaning::Offset(secs);
        }
        let norm = |s: &str| s.to_lowercase().replace('’', "'");
        let wn = norm(w);
        // The longest name that starts the text; the rest may be an offset.
        let best = self
            .zone_names
            .iter()
            .filter(|(n, _)| wn.starts_with(&norm(n)))
            .max_by_key(|(n, _)| n.len());
        let Some((name, meaning)) = best else {
            return ZoneMeaning::Local;
        };
        let base = parse_zone_meaning(meaning).unwrap_or(ZoneMeaning::Local);
        let rest = wn[norm(name).len().min(wn.len())..].replace(' ', "");
        match (base, parse_offset(&rest)) {
            (ZoneMeaning::Offset(b), Some(extra)) => ZoneMeaning::Offset(b + extra),
            (b, _) => b,
        }
    }

    /// Every zone name of the packs with a meaning that is not an offset,
    /// an IANA zone or `local` (a pack error).
    pub fn unknown_zone_meanings(&self) -> Vec<String> {
        self.zone_names
            .iter()
            .filter(|(_, m)| parse_zone_meaning(m).is_none())
            .map(|(n, m)| format!("{n}={m}"))
            .collect()
    }

    /// Whether the text right before a date introduces it as today's
    /// ("aujourd'hui, mardi 3 juin", "today (3 June)").
    pub fn is_today_before(&self, before: &str) -> bool {
        self.today_before.is_match(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> DateFinder {
        DateFinder::new(Languages::builtin())
    }

    fn spans(v: &[FoundDate]) -> Vec<(Range<usize>, Date)> {
        v.iter().map(|f| (f.span.clone(), f.date)).collect()
    }

    #[test]
    fn remembered_dates_are_the_searched_ones() {
        let f = finder();
        let g = finder();
        assert_eq!(f.months_id, g.months_id, "equal month names, one id");
        for s in [
            "le 12 mars 2025 et le 3 avril",
            "June 3, 2026",
            "1 2 3",
            "sans date",
        ] {
            let first = f.find_all(s);
            assert_eq!(spans(&first), spans(&f.search(s)));
            assert_eq!(spans(&g.find_all(s)), spans(&first));
        }
        // Other month names: another id, other answers.
        let mut words = std::collections::BTreeMap::new();
        let fr = crate::lang::WordLists {
            months: vec!["brumaire".into()],
            ..Default::default()
        };
        words.insert("fr".to_string(), fr);
        let langs = Languages::load(&words).expect("languages");
        let h = DateFinder::new(&langs);
        assert_ne!(h.months_id, f.months_id);
        assert_eq!(h.find_all("le 3 brumaire").len(), 1);
        assert!(f.find_all("le 3 brumaire").is_empty());
        // Bounded.
        let mut c = FoundCache::default();
        for i in 0..FoundCache::MAX + 2 {
            c.get(0, &format!("{i}"), Vec::new);
        }
        assert!(c.found.len() <= 2);
    }

    #[test]
    fn civil_round_trip() {
        for z in [-1000i64, 0, 59, 365, 20_000, 20_500, 30_000] {
            let d = civil_from_days(z);
            assert_eq!(d.days(), Some(z), "{d}");
        }
        assert_eq!(days_from_civil(2025, 3, 12), 20_159);
        assert_eq!(parse_iso("2026-10-14").and_then(|d| d.weekday()), Some(2)); // a Wednesday
        assert_eq!(parse_iso("2026-06-16").and_then(|d| d.weekday()), Some(1)); // a Tuesday
        assert!(!Date {
            year: Some(2025),
            month: 2,
            day: 29
        }
        .is_valid());
        assert!(Date {
            year: None,
            month: 2,
            day: 29
        }
        .is_valid());
        assert!(!Date {
            year: Some(2024),
            month: 4,
            day: 31
        }
        .is_valid());
    }

    #[test]
    fn dates_in_four_languages() {
        let f = finder();
        let one = |s: &str| {
            let v = f.find_all(s);
            assert_eq!(v.len(), 1, "{s}: {v:?}");
            v[0].date.to_string()
        };
        assert_eq!(one("Bruxelles, le 11 février 2021"), "2021-02-11");
        assert_eq!(one("BRUSSELS, 11 February 2021 –"), "2021-02-11");
        assert_eq!(one("Sperrfrist: 12. März 2025, 10 Uhr"), "2025-03-12");
        assert_eq!(one("Embargo tot 12 maart 2025, 10 uur"), "2025-03-12");
        assert_eq!(one("le 1er juillet"), "--07-01");
        assert_eq!(one("Wednesday, June 3, 2026"), "2026-06-03");
        assert_eq!(one("on 12 Feb 2025"), "2025-02-12");
        assert_eq!(one("le 12/03/2025"), "2025-03-12");
        assert_eq!(one("2025-03-12"), "2025-03-12");
        assert!(f.find_all("3 millions d'euros en 2025").is_empty());
    }

    #[test]
    fn times_and_zones() {
        let f = finder();
        let t = |s: &str| f.find_time(s).map(|(_, t)| (t.hour, t.minute));
        assert_eq!(t("12 March 2025, 10:00 CET"), Some((10, 0)));
        assert_eq!(t("12 mars 2025 à 10 h"), Some((10, 0)));
        assert_eq!(t("12 maart 2025, 10 uur"), Some((10, 0)));
        assert_eq!(t("12. März 2025, 10 Uhr"), Some((10, 0)));
        assert_eq!(t("00:01 BST, TUESDAY 14 OCTOBER 2026"), Some((0, 1)));
        assert_eq!(t("12 March 2025 at 2.30pm"), Some((14, 30)));
        assert_eq!(t("12 mars 2025 à 10h30"), Some((10, 30)));
        assert_eq!(t("12 March 2025"), None);
        assert!(f.find_zone("10:00 CET").is_some());
        assert!(f.find_zone("00:01 BST, TUESDAY").is_some());
        assert!(f.find_zone("10 h, heure belge").is_some());
        assert!(f.find_zone("10:00 in the morning").is_none());
    }

    #[test]
    fn zone_meanings() {
        let f = finder();
        let m = |s: &str| {
            let r = f.find_zone(s).expect(s);
            f.zone_meaning(&s[r])
        };
        let off = |h: i32, min: i32| ZoneMeaning::Offset(h * 3600 + h.signum() * min * 60);
        assert_eq!(m("10:00 CET"), off(1, 0));
        assert_eq!(m("10:00 ADT"), off(-3, 0));
        assert_eq!(m("9am BST"), off(1, 0));
        assert_eq!(m("10:00 UTC"), off(0, 0));
        assert_eq!(m("10:00 UTC+2"), off(2, 0));
        assert_eq!(m("10:00 GMT+01:00"), off(1, 0));
        assert_eq!(m("10:00 +02:00"), off(2, 0));
        assert_eq!(m("10:00+0530"), off(5, 30));
        assert_eq!(m("10 Uhr MEZ"), off(1, 0));
        assert_eq!(m("10 h (heure locale)"), ZoneMeaning::Local);
        for s in [
            "10:00 CET/CEST",
            "10 h (heure belge)",
            "10 h, heure de Paris",
            "10:00 Brussels time",
            "10 uur Belgische tijd",
        ] {
            assert!(matches!(m(s), ZoneMeaning::Named(_)), "{s}");
        }
        // A range or a date is no offset.
        assert!(f.find_zone("12-03-2025, 10-12 h").is_none());
    }

    #[test]
    fn every_pack_zone_has_a_meaning() {
        assert_eq!(finder().unknown_zone_meanings(), Vec::<String>::new());
    }

    #[test]
    fn today_introduces_a_date() {
        let f = finder();
        assert!(f.is_today_before("a annoncé aujourd’hui, mardi "));
        assert!(f.is_today_before("opened today ("));
        assert!(f.is_today_before("heute, am "));
        assert!(!f.is_today_before("today we said that on "));
    }
}
