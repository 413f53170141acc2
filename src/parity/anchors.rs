//! The anchors of one language version: what must read the same in every
//! language once normalised (figures, dates, times, e-mail addresses,
//! phone numbers, URLs, hashtags, people, acronyms), with where each is
//! written.

use std::collections::HashSet;
use std::ops::Range;

use regex::Regex;

use crate::dates::DateFinder;
use crate::document::contact::ContactData;
use crate::document::{BlockKind, Document};
use crate::figures::FigureFinder;
use crate::lang::Languages;
use crate::people::fold::fold;
use crate::people::{MentionKind, People, PeopleData};
use crate::source::Span;

/// What an anchor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A number, amount or percentage.
    Figure,
    /// A calendar date.
    Date,
    /// A clock time.
    Time,
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
    /// A web address.
    Url,
    /// A hashtag.
    Hashtag,
    /// A person named by the people model.
    Person,
    /// An acronym ("UNICEF", "NMBS").
    Acronym,
    /// A brand or organisation name no language translates, written in
    /// mixed case ("LinkedIn", "BioWin").
    Brand,
}

impl Kind {
    /// The noun used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Figure => "figure",
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::Email => "e-mail address",
            Kind::Phone => "phone number",
            Kind::Url => "URL",
            Kind::Hashtag => "hashtag",
            Kind::Person => "name",
            Kind::Acronym => "acronym",
            Kind::Brand => "name",
        }
    }
}

/// A normalised value.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// The readings of a figure ("1.500" is 1500 or 1.5).
    Num(Vec<f64>),
    /// A date; the year may be missing ("15 mars").
    Date(Option<i32>, u32, u32),
    /// Minutes since midnight.
    Time(u32),
    /// A folded text (e-mail, phone digits, URL, hashtag, name).
    Text(String),
}

/// One anchor of a version.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// What it is.
    pub kind: Kind,
    /// Its normalised value.
    pub key: Key,
    /// Where it is written (document offsets).
    pub span: Span,
    /// The paragraph holding it.
    pub para: usize,
    /// For a figure: written with a scale word or as a percentage, so a
    /// rounded form of a more precise figure ("3,2 millions").
    pub rounded: bool,
    /// For a date: the weekday written before it (0 = Monday).
    pub weekday: Option<u32>,
}

/// Every anchor of a version, and what rescues a figure written another
/// way (number words, digits glued to letters).
#[derive(Debug, Default)]
pub struct Anchors {
    /// The anchors, in text order.
    pub list: Vec<Anchor>,
    /// Every whole number written in the text, in digits (glued ones too:
    /// "10e", "14u30") or as a number word of any language ("trois").
    pub loose: HashSet<u64>,
    /// Paragraphs quoting someone (six words or more in quotation marks).
    pub quotes: Vec<(usize, Span)>,
    /// Paragraphs holding anything in quotation marks (a title, a word).
    pub quoted: HashSet<usize>,
}

/// The recognisers, built once per run.
#[derive(Debug)]
pub struct Finder {
    dates: std::sync::Arc<DateFinder>,
    figures: FigureFinder,
    contact: ContactData,
    time: Regex,
    url: Regex,
    email: Regex,
    hashtag: Regex,
    digits: Regex,
    digit_run: Regex,
    weekday_before: Regex,
    quote: Regex,
    weekdays: Vec<(String, u32)>,
}

/// Times: "10:30", "10 h 30", "10h", "14u30", "10.30 uur", "10 Uhr", "2.30pm".
const TIME: &str = r"(?i)(?:^|[^0-9.,:/])(?:(1[0-2]|0?[0-9])[.:]([0-5][0-9])[ \u{a0}]?([ap])\.?m(?-u:\b)\.?|([01]?[0-9]|2[0-3])[ \u{a0}]?(?::|h|u)[ \u{a0}]?([0-5][0-9])|([01]?[0-9]|2[0-3])\.([0-5][0-9])[ \u{a0}]?(?:uur|u|uhr|h)(?-u:\b)|([01]?[0-9]|2[0-3])[ \u{a0}]?(?:h|heures?|uur|u|uhr|hrs|o['’]clock)(?-u:\b)|(1[0-2]|0?[0-9])[ \u{a0}]?([ap])\.?m(?-u:\b)\.?)";

impl Finder {
    /// Builds the recognisers from the packs (months, weekdays, number and
    /// scale words, phone labels).
    pub fn new(langs: &Languages) -> Finder {
        let mut weekdays = Vec::new();
        for code in langs.codes() {
            for (i, w) in langs.get(code).lists.weekdays.iter().enumerate() {
                weekdays.push((fold(w), (i % 7) as u32));
            }
        }
        let re = |p: &str| crate::regex_cache::regex(p).expect("parity regex");
        Finder {
            dates: langs.date_finder(),
            figures: FigureFinder::new(langs),
            contact: ContactData::new(langs).unwrap_or_else(|_| {
                ContactData::new(Languages::builtin()).expect("built-in contact data")
            }),
            time: re(TIME),
            url: re(r#"(?i)\b(?:https?://|www\.)[^\s<>()\[\]{}"'«»“”]+"#),
            email: re(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
            hashtag: re(r"(?:^|[^\p{L}\p{N}_&#/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)"),
            digits: re(r"[0-9]+"),
            digit_run: re(r"\+?[0-9]+(?:(?:[ \u{a0}./-]|[ \u{a0}]?[-–/][ \u{a0}]?)[0-9]+)+"),
            weekday_before: re(
                r"(?i)(\p{L}+)\.?,?[ \u{a0}]+(?:(?:le|den|der|the|on|am|op)[ \u{a0}]+)?$",
            ),
            quote: re(r#"[«“„»"‘‹›]([^«»“”„"‹›]{2,})[»”“«"’‹›]"#),
            weekdays,
        }
    }

    /// The anchors of `doc`.
    pub fn anchors(&self, doc: &Document, people: &PeopleData) -> Anchors {
        let mut out = Anchors::default();
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if p.kind == BlockKind::Meta {
                continue;
            }
            let s = doc.para_text(i);
            let base = p.span.start;
            let before = out.list.len();
            self.paragraph(s, base, i, doc.lang(), &mut out);
            // Markdown code, comments and link targets are no text.
            let mut k = before;
            while k < out.list.len() {
                if doc.is_masked(&out.list[k].span) {
                    out.list.remove(k);
                } else {
                    k += 1;
                }
            }
            if p.kind.is_prose() {
                for c in self.quote.captures_iter(s) {
                    out.quoted.insert(i);
                    if let (Some(m), Some(inner)) = (c.get(0), c.get(1)) {
                        let words = inner
                            .as_str()
                            .split_whitespace()
                            .filter(|w| w.chars().any(char::is_alphabetic))
                            .count();
                        if words >= 6 {
                            out.quotes.push((i, base + m.start()..base + m.end()));
                            break;
                        }
                    }
                }
            }
        }
        let model = doc
            .people_cache()
            .get_or_init(|| People::build(doc, people));
        for person in &model.persons {
            let Some(m) = person
                .mentions
                .iter()
                .map(|&k| &model.mentions[k])
                .find(|m| m.kind == MentionKind::Full)
            else {
                continue;
            };
            if doc.is_masked(&m.span) {
                continue;
            }
            out.list.push(Anchor {
                kind: Kind::Person,
                key: Key::Text(person.key.clone()),
                span: m.span.clone(),
                para: m.para,
                rounded: false,
                weekday: None,
            });
        }
        out.list.sort_by_key(|a| (a.span.start, a.kind));
        out
    }

    fn paragraph(&self, s: &str, base: usize, para: usize, lang: &str, out: &mut Anchors) {
        let mut taken: Vec<Range<usize>> = Vec::new();
        let overlaps = |taken: &[Range<usize>], r: &Range<usize>| {
            taken.iter().any(|t| t.start < r.end && r.start < t.end)
        };
        let push = |out: &mut Anchors, kind, key, r: Range<usize>| {
            out.list.push(Anchor {
                kind,
                key,
                span: base + r.start..base + r.end,
                para,
                rounded: false,
                weekday: None,
            });
        };
        let has = |needle: &str| s.contains(needle);
        let urls = if has("http") || has("www.") || has("HTTP") || has("WWW.") {
            self.url.find_iter(s).collect()
        } else {
            Vec::new()
        };
        for m in urls {
            let text = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', '’']);
            let r = m.start()..m.start() + text.len();
            push(out, Kind::Url, Key::Text(url_key(text)), r.clone());
            taken.push(r);
        }
        let emails = if has("@") {
            self.email.find_iter(s).collect()
        } else {
            Vec::new()
        };
        for m in emails {
            if overlaps(&taken, &m.range()) {
                continue;
            }
            push(
                out,
                Kind::Email,
                Key::Text(m.as_str().to_lowercase()),
                m.range(),
            );
            taken.push(m.range());
        }
        for r in self.contact.phones(s) {
            if overlaps(&taken, &r) {
                continue;
            }
            let key = phone_key(&s[r.clone()]);
            push(out, Kind::Phone, Key::Text(key), r.clone());
            taken.push(r);
        }
        let tags = if has("#") {
            self.hashtag.captures_iter(s).collect()
        } else {
            Vec::new()
        };
        for c in tags {
            let (Some(m), Some(tag)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let r = tag.start() - 1..m.end();
            if overlaps(&taken, &r) {
                continue;
            }
            push(out, Kind::Hashtag, Key::Text(fold(tag.as_str())), r.clone());
            taken.push(r);
        }
        let mut date_spans = Vec::new();
        for d in self.dates.find_all(s) {
            // Inside a word: "rénove 14" is no "nov. 14".
            let glued = s[..d.span.start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
                || s[d.span.end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic);
            if glued || overlaps(&taken, &d.span) {
                continue;
            }
            let weekday = self.weekday_before(&s[..d.span.start]);
            out.list.push(Anchor {
                kind: Kind::Date,
                key: Key::Date(d.date.year, d.date.month, d.date.day),
                span: base + d.span.start..base + d.span.end,
                para,
                rounded: false,
                weekday,
            });
            out.loose.insert(u64::from(d.date.day));
            date_spans.push(d.span);
        }
        taken.extend(date_spans);
        // Digits grouped as no figure is ("418 555 0142", "0470/12.34.56"):
        // a phone number the national patterns do not know.
        for m in self.digit_run.find_iter(s) {
            let r = m.range();
            if overlaps(&taken, &r) || !phone_like(m.as_str()) {
                continue;
            }
            push(
                out,
                Kind::Phone,
                Key::Text(phone_key(m.as_str())),
                r.clone(),
            );
            taken.push(r);
        }
        for (r, minutes) in self.times(s) {
            if overlaps(&taken, &r) {
                continue;
            }
            push(out, Kind::Time, Key::Time(minutes), r.clone());
            taken.push(r);
        }
        let mut figure_spans = Vec::new();
        for f in self.figures.numbers(s, |r| overlaps(&taken, r)) {
            figure_spans.push(f.span.clone());
            // The number of a hashtag or a reference ("n° 12") stays a figure.
            out.list.push(Anchor {
                kind: Kind::Figure,
                key: Key::Num(f.values),
                span: base + f.span.start..base + f.span.end,
                para,
                rounded: f.scaled || f.percent,
                weekday: None,
            });
        }
        for f in self.figures.words(s, true) {
            for v in f.values {
                if v >= 0.0 && v.fract() == 0.0 {
                    out.loose.insert(v as u64);
                }
            }
        }
        // Digits that are no figure of their own: "10e", "14u30", "10-18".
        for m in self.digits.find_iter(s) {
            if overlaps(&taken, &m.range()) || overlaps(&figure_spans, &m.range()) {
                continue;
            }
            if let Ok(v) = m.as_str().parse::<u64>() {
                out.loose.insert(v);
            }
        }
        // Acronyms, unless the paragraph is in capitals (a shouted headline).
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        let upper = s.chars().filter(|c| c.is_uppercase()).count();
        if upper * 2 < letters {
            let mut at = 0;
            for w in s.split(|c: char| !c.is_alphanumeric()) {
                let r = at..at + w.len();
                at += w.len() + s[at + w.len()..].chars().next().map_or(0, char::len_utf8);
                let n = w.chars().count();
                if overlaps(&taken, &r) {
                    continue;
                }
                if (3..=10).contains(&n) && w.chars().all(char::is_uppercase) {
                    push(out, Kind::Acronym, Key::Text(fold(w)), r);
                } else if is_brand(w, lang) {
                    push(out, Kind::Brand, Key::Text(fold(w)), r);
                }
            }
        }
    }

    /// The weekday written right before a date ("mardi 15 mars", "Tuesday,
    /// March 15", "Dienstag, den 15. März").
    fn weekday_before(&self, before: &str) -> Option<u32> {
        let tail = before.get(before.len().saturating_sub(40)..).or_else(|| {
            let mut k = before.len().saturating_sub(40);
            while !before.is_char_boundary(k) {
                k += 1;
            }
            before.get(k..)
        })?;
        let c = self.weekday_before.captures(tail)?;
        let w = fold(c.get(1)?.as_str());
        self.weekdays
            .iter()
            .find(|(name, _)| *name == w)
            .map(|(_, n)| *n)
    }

    /// Every clock time of `s` with its span, in minutes since midnight.
    pub fn times(&self, s: &str) -> Vec<(Range<usize>, u32)> {
        let mut out = Vec::new();
        for c in self.time.captures_iter(s) {
            let Some(all) = c.get(0) else { continue };
            let Some(first) = (1..=11).find_map(|i| c.get(i)) else {
                continue;
            };
            // "10:300", "3.20.1": no time.
            if s[all.end()..].starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let num = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
            let pm = |i: usize| c.get(i).map(|x| x.as_str().eq_ignore_ascii_case("p"));
            let (h, m) = if let Some(h) = num(1) {
                let h = if pm(3) == Some(true) {
                    h % 12 + 12
                } else {
                    h % 12
                };
                (h, num(2).unwrap_or(0))
            } else if let Some(h) = num(4) {
                (h, num(5).unwrap_or(0))
            } else if let Some(h) = num(6) {
                (h, num(7).unwrap_or(0))
            } else if let Some(h) = num(8) {
                (h, 0)
            } else if let Some(h) = num(9) {
                (
                    if pm(10) == Some(true) {
                        h % 12 + 12
                    } else {
                        h % 12
                    },
                    0,
                )
            } else {
                continue;
            };
            // A sentence's full stop after "am" is not part of the time.
            let end = if s[..all.end()].ends_with("m.") {
                all.end() - 1
            } else {
                all.end()
            };
            out.push((first.start()..end, h * 60 + m));
        }
        out
    }
}

/// The folded words of a document (for a name the other version writes
/// without the cue the people model needs).
pub fn folded_words(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::new();
    for (i, p) in doc.paragraphs().iter().enumerate() {
        if p.kind == BlockKind::Meta {
            continue;
        }
        for w in doc
            .para_text(i)
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        {
            if !w.is_empty() {
                out.insert(fold(w));
            }
        }
    }
    out
}

/// The key of a URL: lower case, no scheme, no "www.", no trailing slash,
/// and every path segment or sub-domain that is a language code (`/fr/`,
/// `/nl-be/`, `fr.example.be`, `?lang=nl`) replaced by `{lang}`.
pub fn url_key(url: &str) -> String {
    let u = url.to_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let is_lang = |seg: &str| {
        let code = seg.split(['-', '_']).next().unwrap_or(seg);
        code.len() == 2
            && code.bytes().all(|b| b.is_ascii_lowercase())
            && (seg.len() == 2 || seg.len() == 5)
    };
    let (path, query) = match u.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (u, None),
    };
    let mut parts: Vec<String> = Vec::new();
    for (k, seg) in path.trim_end_matches('/').split('/').enumerate() {
        if k == 0 {
            // The host: a language sub-domain ("fr.example.be").
            let mut labels: Vec<&str> = seg.split('.').collect();
            if labels.len() > 2 && is_lang(labels[0]) {
                labels[0] = "{lang}";
            }
            parts.push(labels.join("."));
        } else if is_lang(seg) {
            parts.push("{lang}".to_string());
        } else {
            parts.push(seg.to_string());
        }
    }
    let mut key = parts.join("/");
    if let Some(q) = query {
        let q: Vec<String> = q
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) if is_lang(v) && matches!(k, "lang" | "language" | "lg" | "hl") => {
                    format!("{k}={{lang}}")
                }
                _ => kv.to_string(),
            })
            .collect();
        key.push('?');
        key.push_str(&q.join("&"));
    }
    key
}

/// Whether a run of digit groups is a phone number rather than a figure:
/// eight digits or more, not grouped by thousands.
fn phone_like(run: &str) -> bool {
    let groups: Vec<&str> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    let thousands =
        groups.len() >= 2 && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    // A decimal part after thousands ("1 234 567,89") is still a figure.
    let thousands_decimal = groups.len() >= 3
        && groups[0].len() <= 3
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 3)
        && run.contains([',', '.']);
    digits >= 8 && !thousands && !thousands_decimal
}

/// The key of a phone number: its last eight digits (the same number
/// written nationally, "02 555 12 34", and internationally, "+32 2 555 12
/// 34", has the same subscriber digits).
pub fn phone_key(written: &str) -> String {
    let digits: Vec<char> = written.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(8)..].iter().collect()
}

/// A name written the same in every language: a capitalised word of five
/// letters or more with a capital after a lower-case letter ("LinkedIn",
/// "BioWin", "YouTube"). Short forms that languages do translate ("PhD",
/// "mRNA", "MwSt", "GmbH") are under five letters and left out, and so are
/// words with digits ("Covid19" is "Covid-19" elsewhere) and, in German,
/// the inclusive capital I ("MitarbeiterInnen", "StudentIn").
pub(crate) fn is_brand(w: &str, lang: &str) -> bool {
    let n = w.chars().count();
    let Some(first) = w.chars().next() else {
        return false;
    };
    if n < 5 || !first.is_uppercase() || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    if lang == "de" && (w.ends_with("In") || w.ends_with("Innen")) {
        return false;
    }
    // A capital right after a lower-case letter: "LinkedIn", "BioWin".
    w.chars()
        .zip(w.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_are_mixed_case_words_no_language_translates() {
        for w in ["LinkedIn", "BioWin", "YouTube", "PowerPoint"] {
            assert!(is_brand(w, "fr"), "{w}");
        }
        for w in [
            "PhD",
            "mRNA",
            "GmbH",
            "MwSt",
            "iPhone",
            "Covid19",
            "UNICEF",
            "Bruxelles",
            "IJssel",
        ] {
            assert!(!is_brand(w, "fr"), "{w}");
        }
        assert!(!is_brand("MitarbeiterInnen", "de"));
        assert!(!is_brand("StudentIn", "de"));
        assert!(is_brand("BioWin", "de"));
    }

    #[test]
    fn urls_differ_only_in_their_language() {
        assert_eq!(
            url_key("https://www.example.be/fr/tram"),
            url_key("http://example.be/nl/tram/")
        );
        assert_eq!(
            url_key("https://fr.example.be/x"),
            url_key("https://nl.example.be/x")
        );
        assert_eq!(
            url_key("https://example.be/news?lang=fr"),
            url_key("https://example.be/news?lang=nl")
        );
        assert_ne!(
            url_key("https://example.be/fr/tram"),
            url_key("https://example.be/nl/bus")
        );
    }

    #[test]
    fn phones_written_two_ways() {
        assert_eq!(phone_key("+32 2 555 12 34"), phone_key("02/555.12.34"));
        assert_ne!(phone_key("02 555 12 34"), phone_key("02 555 12 43"));
    }

    #[test]
    fn times_in_four_languages() {
        let f = Finder::new(Languages::builtin());
        let t = |s: &str| f.times(s).iter().map(|(_, m)| *m).collect::<Vec<_>>();
        assert_eq!(t("à 10 h 30"), vec![630]);
        assert_eq!(t("om 10.30 uur"), vec![630]);
        assert_eq!(t("at 10:30"), vec![630]);
        assert_eq!(t("om 14u30"), vec![870]);
        assert_eq!(t("at 2.30pm"), vec![870]);
        assert_eq!(t("um 10 Uhr"), vec![600]);
        assert_eq!(t("3.200 bezoekers, 10.30 euro"), Vec::<u32>::new());
    }
}
