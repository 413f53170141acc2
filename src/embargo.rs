//! Embargo lines ("EMBARGO: 12 March 2025, 10:00 CET", "Sous embargo
//! jusqu'au 12 mars 2025 à 10 h", "Embargo tot 12 maart 2025, 10 uur",
//! "Sperrfrist: 12. März 2025, 10 Uhr") and the dateline date, read from a
//! parsed release. The opening phrases are the packs' `embargo-words`.

use crate::dates::{days_from_civil, Date, DateFinder, FoundDate, Time, ZoneMeaning};
use crate::document::{BlockKind, Document};
use crate::lang::Languages;
use crate::source::Span;

/// An embargo line and what it says.
#[derive(Debug, Clone)]
pub struct Embargo {
    /// The paragraph holding it.
    pub para: usize,
    /// The whole line (document bytes).
    pub line: Span,
    /// The opening phrase ("EMBARGOED UNTIL").
    pub keyword: Span,
    /// The date, span in document bytes.
    pub date: Option<FoundDate>,
    /// The time and its span.
    pub time: Option<(Span, Time)>,
    /// The time zone's span.
    pub zone: Option<Span>,
    /// What the written zone means (the packs' `time-zones`).
    pub zone_meaning: Option<ZoneMeaning>,
}

/// How the instant of an embargo was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneReading {
    /// In the zone the release names.
    Written,
    /// In the office's `time-zone` (the release names none, or says
    /// "local time").
    Office,
    /// Neither: the latest instant the clock time could mean anywhere
    /// (read at UTC−12).
    Latest,
}

/// The westernmost offset in use (UTC−12): a clock time read there is the
/// latest instant it can mean.
pub const LATEST_OFFSET_SECONDS: i64 = -12 * 3600;

/// The instant (seconds since 1970-01-01 UTC) at which an embargo at `date`
/// and `time` lifts, read in `zone` (the written zone), else in `office`
/// (the office's time zone), else at the latest instant the time can mean.
/// In a zone with summer time the offset is the one in force on that date;
/// a clock time repeated when the clocks go back is read as the later one.
/// `None` when the date has no year or is no real date.
pub fn lift_instant(
    date: Date,
    time: Time,
    zone: Option<&ZoneMeaning>,
    office: Option<&jiff::tz::TimeZone>,
) -> Option<(i64, ZoneReading)> {
    let year = date.year?;
    if !date.is_valid() {
        return None;
    }
    let clock = days_from_civil(year, date.month, date.day) * 86_400
        + i64::from(time.hour) * 3600
        + i64::from(time.minute) * 60;
    let in_zone = |tz: &jiff::tz::TimeZone| -> Option<i64> {
        let dt = jiff::civil::DateTime::new(
            i16::try_from(year).ok()?,
            i8::try_from(date.month).ok()?,
            i8::try_from(date.day).ok()?,
            i8::try_from(time.hour).ok()?,
            i8::try_from(time.minute).ok()?,
            0,
            0,
        )
        .ok()?;
        tz.to_ambiguous_timestamp(dt)
            .later()
            .ok()
            .map(|t| t.as_second())
    };
    match (zone, office) {
        (Some(ZoneMeaning::Offset(secs)), _) => {
            Some((clock - i64::from(*secs), ZoneReading::Written))
        }
        (Some(ZoneMeaning::Named(tz)), _) => Some((in_zone(tz)?, ZoneReading::Written)),
        (None | Some(ZoneMeaning::Local), Some(tz)) => Some((in_zone(tz)?, ZoneReading::Office)),
        (None | Some(ZoneMeaning::Local), None) => {
            Some((clock - LATEST_OFFSET_SECONDS, ZoneReading::Latest))
        }
    }
}

/// Finds embargo lines and dateline dates.
#[derive(Debug)]
pub struct EmbargoFinder {
    prefixes: Vec<String>,
    /// The date recognisers.
    pub dates: std::sync::Arc<DateFinder>,
}

/// Byte length of `prefix` at the start of `s`, compared case-insensitively.
fn strip_prefix_ci(s: &str, prefix: &str) -> Option<usize> {
    let mut it = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = it.next()?;
        let same = c == p
            || c.to_lowercase().eq(p.to_lowercase())
            || (matches!(c, '\'' | '’') && matches!(p, '\'' | '’'));
        if !same {
            return None;
        }
    }
    Some(it.next().map_or(s.len(), |(i, _)| i))
}

impl EmbargoFinder {
    /// Builds the finder from the packs.
    pub fn new(langs: &Languages) -> Self {
        let mut prefixes = langs.all().lists.embargo_words.clone();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        EmbargoFinder {
            prefixes,
            dates: langs.date_finder(),
        }
    }

    /// The opening phrase at byte `at` of `s`: its length, if one starts there
    /// and ends on a word boundary.
    fn phrase_at(&self, s: &str) -> Option<usize> {
        self.prefixes.iter().find_map(|p| {
            let n = strip_prefix_ci(s, p)?;
            let next = s[n..].chars().next();
            next.is_none_or(|c| !c.is_alphanumeric()).then_some(n)
        })
    }

    /// Every embargo line of the release: lines of the header, title and
    /// standfirst that open with an embargo phrase (in a header line, the
    /// phrase may follow a label: "PRESS RELEASE – EMBARGOED UNTIL …").
    pub fn find(&self, doc: &Document) -> Vec<Embargo> {
        let text = doc.text();
        let mut out = Vec::new();
        let paras = doc.paragraphs();
        for (pi, p) in paras.iter().enumerate() {
            if !matches!(
                p.kind,
                BlockKind::Header | BlockKind::Title | BlockKind::Standfirst | BlockKind::Dateline
            ) {
                continue;
            }
            for l in p.lines.clone() {
                let line = &doc.lines()[l];
                if line.blank {
                    continue;
                }
                let ls = line.trimmed.clone();
                let s = &text[ls.clone()];
                // Where the phrase may start: after decoration, or after a
                // separator in a header line.
                let lead = s.len()
                    - s.trim_start_matches(['*', '_', '#', '>', ' ', '[', '('])
                        .len();
                let mut starts = vec![lead];
                if p.kind == BlockKind::Header {
                    for (i, c) in s.char_indices() {
                        if matches!(c, '–' | '—' | '|' | '-' | '/' | '•') {
                            let after = i + c.len_utf8();
                            let skip = s[after..].len() - s[after..].trim_start().len();
                            starts.push(after + skip);
                        }
                    }
                }
                let Some((at, n)) = starts
                    .into_iter()
                    .find_map(|a| self.phrase_at(&s[a..]).map(|n| (a, n)))
                else {
                    continue;
                };
                let kw = ls.start + at..ls.start + at + n;
                let mut rest = kw.end..ls.end;
                let rest_text = text[rest.clone()]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string();
                if rest_text.is_empty() {
                    // "EMBARGO" alone: the date is on the next line.
                    if let Some(next) = doc.lines()[l + 1..].iter().find(|x| !x.blank) {
                        rest = next.trimmed.clone();
                    }
                }
                out.push(self.read(doc, pi, ls, kw, rest));
                break;
            }
        }
        out
    }

    fn read(&self, doc: &Document, para: usize, line: Span, keyword: Span, rest: Span) -> Embargo {
        let s = &doc.text()[rest.clone()];
        let shift = |r: std::ops::Range<usize>| rest.start + r.start..rest.start + r.end;
        let date = self
            .dates
            .find_all(s)
            .into_iter()
            .next()
            .map(|f| FoundDate {
                span: shift(f.span),
                date: f.date,
            });
        // The time is looked for outside the date ("14 October 2026" is no time).
        let mut time = None;
        let mut from = 0;
        while let Some((r, t)) = self.dates.find_time(&s[from..]) {
            let abs = shift(from + r.start..from + r.end);
            let inside = date
                .as_ref()
                .is_some_and(|d| abs.start < d.span.end && d.span.start < abs.end);
            if !inside {
                time = Some((abs, t));
                break;
            }
            from += r.end.max(1);
            if from >= s.len() {
                break;
            }
        }
        let zone_at = self.dates.find_zone(s);
        let zone_meaning = zone_at.clone().map(|r| self.dates.zone_meaning(&s[r]));
        let zone = zone_at.map(shift);
        Embargo {
            para,
            line,
            keyword,
            date,
            time,
            zone,
            zone_meaning,
        }
    }

    /// The dateline of the release (first paragraph with one) and its date.
    /// When the parser found none, a lede that opens with a place and a date
    /// ("HALIFAX, Nova Scotia, Wednesday, June 3, 2026 -") counts.
    pub fn dateline(&self, doc: &Document) -> Option<(usize, Span, Option<FoundDate>)> {
        let found = doc.paragraphs().iter().enumerate().find_map(|(i, p)| {
            let span = p.dateline.clone()?;
            let date = self
                .dates
                .find_all(doc.slice(&span))
                .into_iter()
                .next()
                .map(|f| FoundDate {
                    span: span.start + f.span.start..span.start + f.span.end,
                    date: f.date,
                });
            Some((i, span, date))
        });
        found.or_else(|| {
            let (i, p) = doc
                .paragraphs()
                .iter()
                .enumerate()
                .find(|(_, p)| p.kind == BlockKind::Lede)?;
            let s = doc.para_text(i);
            let f = self.dates.find_all(s).into_iter().next()?;
            let before = &s[..f.span.start];
            let place_first = before.contains(',')
                && before.chars().count() <= 80
                && before.chars().next().is_some_and(char::is_uppercase)
                && !before.contains(['.', ';']);
            place_first.then(|| {
                let span = p.span.start..p.span.start + f.span.end;
                let date = FoundDate {
                    span: p.span.start + f.span.start..p.span.start + f.span.end,
                    date: f.date,
                };
                (i, span, Some(date))
            })
        })
    }
}
