//! The section parser: which role each paragraph plays in a release.
//!
//! A release reads top-down: an optional header (label, embargo), the title,
//! an optional standfirst, a dateline that opens the lede, body paragraphs,
//! quotations and subheadings, then the contact block, the boilerplate
//! ("About …"), an address and an end mark. Keywords come from the packs
//! ([`crate::lang`]), in every language at once, so a French release with an
//! English "Media contact" heading still parses.

use std::ops::Range;

use crate::lang::Languages;

/// The role of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// A label, embargo line or language marker above the title.
    Header,
    /// The headline.
    Title,
    /// The subtitle or standfirst under the headline.
    Standfirst,
    /// A paragraph holding only the dateline ("Brussels, 11 February 2021").
    Dateline,
    /// The first body paragraph (it may open with the dateline).
    Lede,
    /// A body paragraph.
    Body,
    /// A paragraph that opens with a quotation mark.
    Quote,
    /// A list item.
    ListItem,
    /// A subheading, or the heading of a contact or boilerplate block.
    Heading,
    /// A line of the contact block.
    Contact,
    /// The boilerplate ("About …").
    About,
    /// A postal address.
    Address,
    /// The end mark (###, -30-, - END -).
    EndMark,
    /// Anything after the end mark that is not contact or boilerplate.
    Footer,
    /// Markdown front matter or an HTML comment.
    Meta,
}

impl BlockKind {
    /// The kebab-case name used in output.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Header => "header",
            BlockKind::Title => "title",
            BlockKind::Standfirst => "standfirst",
            BlockKind::Dateline => "dateline",
            BlockKind::Lede => "lede",
            BlockKind::Body => "body",
            BlockKind::Quote => "quote",
            BlockKind::ListItem => "list-item",
            BlockKind::Heading => "heading",
            BlockKind::Contact => "contact",
            BlockKind::About => "about",
            BlockKind::Address => "address",
            BlockKind::EndMark => "end-mark",
            BlockKind::Footer => "footer",
            BlockKind::Meta => "meta",
        }
    }

    /// Whether paragraphs of this kind are running prose of the release.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            BlockKind::Title
                | BlockKind::Standfirst
                | BlockKind::Lede
                | BlockKind::Body
                | BlockKind::Quote
                | BlockKind::ListItem
                | BlockKind::About
        )
    }
}

/// The kind of a section: a run of paragraphs with one purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Header, title, standfirst, dateline.
    Front,
    /// The body, one section per subheading.
    Body,
    /// The contact block.
    Contact,
    /// The boilerplate.
    About,
    /// The end mark.
    End,
    /// After the end mark.
    Footer,
    /// Front matter, comments.
    Meta,
}

impl SectionKind {
    /// The kebab-case name used in output.
    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Front => "front",
            SectionKind::Body => "body",
            SectionKind::Contact => "contact",
            SectionKind::About => "about",
            SectionKind::End => "end",
            SectionKind::Footer => "footer",
            SectionKind::Meta => "meta",
        }
    }
}

/// Compiled recognisers, built once per run from the language data.
#[derive(Debug)]
pub struct SectionParser {
    dateline: crate::regex_cache::Lazy,
    months: std::collections::HashSet<String>,
    weekdays: std::collections::HashSet<String>,
    email: crate::regex_cache::Lazy,
    phone: crate::regex_cache::Lazy,
    url: crate::regex_cache::Lazy,
    address: std::sync::OnceLock<crate::regex_cache::Lazy>,
    embargo: std::sync::OnceLock<crate::regex_cache::Lazy>,
    contact_headings: Vec<String>,
    about_prefixes: Vec<String>,
    header_labels: Vec<String>,
    related_headings: Vec<String>,
    end_marks: Vec<String>,
    /// The byte length of the longest end mark.
    end_mark_max: usize,
    function_words: super::halves::FunctionWords,
}

/// Longest line (in bytes) read as a heading or label: keyword checks on
/// longer paragraphs are skipped before any lower-casing.
const MAX_HEADING_BYTES: usize = 160;

/// Language markers that split a bilingual release into halves.
const LANG_MARKERS: &[(&str, &str)] = &[
    ("fr", "fr"),
    ("nl", "nl"),
    ("en", "en"),
    ("de", "de"),
    ("français", "fr"),
    ("francais", "fr"),
    ("version française", "fr"),
    ("nederlands", "nl"),
    ("nederlandse versie", "nl"),
    ("english", "en"),
    ("english version", "en"),
    ("deutsch", "de"),
    ("deutsche version", "de"),
];

/// Strips Markdown emphasis, heading marks and a trailing colon.
pub fn strip_decoration(s: &str) -> &str {
    let mut t = s.trim();
    t = t.trim_start_matches('#').trim();
    loop {
        let before = t.len();
        for m in ["**", "__", "*", "_"] {
            if t.len() > 2 * m.len() && t.starts_with(m) && t.ends_with(m) {
                t = &t[m.len()..t.len() - m.len()];
            }
        }
        t = t.trim();
        if t.len() == before {
            break;
        }
    }
    t.trim_end_matches([':', '\u{a0}', '\u{202f}', ' ']).trim()
}

/// The language code of a marker line ("FR", "Nederlands"), if it is one.
pub fn language_marker(line: &str) -> Option<&'static str> {
    if line.len() > 40 {
        return None;
    }
    let t = strip_decoration(line)
        .trim_matches(|c: char| {
            c == '['
                || c == ']'
                || c == '('
                || c == ')'
                || c == '-'
                || c == '–'
                || c.is_whitespace()
        })
        .to_lowercase();
    LANG_MARKERS
        .iter()
        .find(|(m, _)| *m == t)
        .map(|(_, code)| *code)
}

impl SectionParser {
    /// Builds the recognisers from the language data.
    pub fn new(langs: &Languages) -> Self {
        let all = &langs.all().lists;
        // Month and weekday names are checked in code against the packs'
        // lists: a regex alternation of 100 case-insensitive names would cost
        // milliseconds to compile on every run.
        let word = r"[^\s,0-9.:;!?«»“”]+";
        let dateline = format!(
            r"(?i)^[\s*_]*[^\s,0-9][^,\r\n]*,[\s*_]*(?:(?:le|den|am|on|op)\s+)?(?:(?P<wd>{word}),?\s+)?(?:(?:der\s+)?[0-9]{{1,2}}(?:er|st|nd|rd|th|e|de)?\.?\s+(?P<m1>{word})\.?|(?P<m2>{word})\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?|[0-9]{{1,2}}[./-][0-9]{{1,2}}[./-](?:[0-9]{{4}}|[0-9]{{2}}))(?:\s+[0-9]{{4}})?"
        );
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect();
        SectionParser {
            dateline: crate::regex_cache::Lazy::new(&dateline).expect("dateline regex"),
            months: lower(&all.months),
            weekdays: lower(&all.weekdays),
            email: crate::regex_cache::Lazy::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
                .expect("email regex"),
            phone: crate::regex_cache::Lazy::new(r"(?:\+|\b00)[0-9]{1,3}[ \u{a0}./\-]?(?:\(0\) ?)?[0-9](?:[ \u{a0}./\-]?[0-9]){5,12}\b|\b0[0-9](?:[ \u{a0}./\-]?[0-9]){7,9}\b")
                .expect("phone regex"),
            url: crate::regex_cache::Lazy::new(r"(?i)\bhttps?://\S+|\bwww\.\S+").expect("url regex"),
            address: std::sync::OnceLock::new(),
            embargo: std::sync::OnceLock::new(),
            contact_headings: all.contact_headings.clone(),
            about_prefixes: all.about_headings.clone(),
            header_labels: all.header_labels.clone(),
            related_headings: all.related_headings.clone(),
            end_marks: langs.common().lists.end_marks.clone(),
            end_mark_max: langs
                .common()
                .lists
                .end_marks
                .iter()
                .map(String::len)
                .max()
                .unwrap_or(0),
            function_words: super::halves::FunctionWords::new(langs),
        }
    }

    /// Function words per language, to split unmarked bilingual releases.
    pub fn function_words(&self) -> &super::halves::FunctionWords {
        &self.function_words
    }

    /// The span (relative to `s`) of a dateline at the start of `s`.
    pub fn dateline_at_start(&self, s: &str) -> Option<Range<usize>> {
        let c = self.dateline.captures(s)?;
        let m = c.get(0)?;
        let month = c.name("m1").or_else(|| c.name("m2"));
        if let Some(mo) = month {
            if !self.months.contains(&mo.as_str().to_lowercase()) {
                return None;
            }
        }
        if let Some(wd) = c.name("wd") {
            if !self.weekdays.contains(&wd.as_str().to_lowercase()) {
                return None;
            }
        }
        // The place before the comma: a few words, no sentence punctuation.
        // (Checked here rather than with a bounded repetition, which would
        // make the regex slow to compile.)
        let place = &s[m.start()..s[m.start()..].find(',').map_or(m.end(), |i| m.start() + i)];
        let ok = place.chars().count() <= 45
            && place.split_whitespace().count() <= 6
            && !place.contains(['.', ':', ';', '!', '?', '«', '“', '"']);
        ok.then(|| m.range())
    }

    /// Like [`Self::dateline_at_start`], for the first paragraph of a
    /// release, where a dateline competes with a headline that holds a date:
    /// the text before the comma must also read as a place name.
    pub fn opening_dateline(&self, s: &str) -> Option<Range<usize>> {
        let d = self.dateline_at_start(s)?;
        let place = &s[..s[..d.end].find(',').unwrap_or(d.end)];
        self.reads_as_place(place).then_some(d)
    }

    /// Whether the text before a dateline's comma reads as a place name
    /// ("Brussels", "Frankfurt am Main", "Bergen op Zoom") rather than the
    /// start of a headline that holds a date ("Council meeting on
    /// Friday, 13 March 2026"): no weekday or month name in it, and its
    /// lower-case words are at most two short particles.
    fn reads_as_place(&self, place: &str) -> bool {
        let mut lower = 0;
        for w in place.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let Some(first) = w.chars().next() else {
                continue;
            };
            let lw = w.to_lowercase();
            if self.months.contains(&lw) || self.weekdays.contains(&lw) {
                return false;
            }
            // "Villeneuve-d'Ascq", "'s-Hertogenbosch": a capital after an
            // elision or a hyphen makes a name.
            let named = w
                .split(['-', '\'', '’'])
                .any(|part| part.chars().next().is_some_and(char::is_uppercase));
            if first.is_lowercase() && !named {
                lower += 1;
                if lower > 2 || w.chars().count() > 4 {
                    return false;
                }
            }
        }
        true
    }

    /// Whether the lower-cased `word` is a month name in any language.
    pub fn is_month(&self, word: &str) -> bool {
        self.months.contains(word)
    }

    /// The e-mail recogniser.
    pub fn email(&self) -> &crate::regex_cache::Lazy {
        &self.email
    }

    /// The phone-number recogniser.
    pub fn phone(&self) -> &crate::regex_cache::Lazy {
        &self.phone
    }

    /// The URL recogniser.
    pub fn url(&self) -> &crate::regex_cache::Lazy {
        &self.url
    }

    /// Whether the line holds an e-mail address or a phone number.
    pub fn has_contact_data(&self, s: &str) -> bool {
        // Every match holds an "@", or seven digits in a run of digits and
        // separators: without them the regexes (the phone one's Unicode
        // `\b` runs the slow engine on non-ASCII text) are not run.
        (s.contains('@') && self.email.is_match(s))
            || (super::contact::has_digit_run(s, 7) && self.phone.is_match(s))
    }

    /// Whether the line is a contact heading ("Contacts presse", "Media contact:").
    pub fn is_contact_heading(&self, s: &str) -> bool {
        if s.len() > MAX_HEADING_BYTES {
            return false;
        }
        let t = strip_decoration(s).to_lowercase();
        self.contact_headings.contains(&t)
    }

    /// Whether the line starts with a contact heading followed by a colon and data
    /// ("Press contact: Jane Doe, jane@example.org").
    pub fn starts_with_contact_heading(&self, s: &str) -> bool {
        // Only the start matters: "Press contact: Jane Doe, …".
        let mut end = s.len().min(MAX_HEADING_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        // The heading is followed by a colon: none, no heading (most
        // paragraphs; spares the lower-cased copy).
        if !s[..end].contains(':') {
            return false;
        }
        let t = strip_decoration(&s[..end]).to_lowercase();
        let heading = self.contact_headings.iter().any(|h| {
            t.strip_prefix(h.as_str()).is_some_and(|rest| {
                rest.trim_start_matches([' ', '\u{a0}', '\u{202f}'])
                    .starts_with(':')
            })
        });
        // "Plus d'informations : https://…" points to a web page, not to a person.
        heading
            && !s.split_once(':').is_some_and(|(_, rest)| {
                let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '.');
                self.url
                    .find(rest)
                    .is_some_and(|m| m.start() == 0 && m.end() == rest.len())
            })
    }

    /// Whether the line is a boilerplate heading ("About the City", "Over ons").
    pub fn is_about_heading(&self, s: &str) -> bool {
        if s.len() > MAX_HEADING_BYTES {
            return false;
        }
        let t = strip_decoration(s).to_lowercase();
        t.split_whitespace().count() <= 12
            && !t.ends_with('.')
            && self
                .about_prefixes
                .iter()
                .any(|p| t.starts_with(p.as_str()) && t.len() > p.len())
    }

    /// Whether the line heads a list of links or further reading ("Related
    /// information", "Voir aussi", "Gerelateerde informatie",
    /// "Weiterführende Informationen"): the short lines under it are link
    /// titles, not subheadings.
    pub fn is_related_heading(&self, s: &str) -> bool {
        if s.len() > MAX_HEADING_BYTES {
            return false;
        }
        let t = strip_decoration(s).to_lowercase().replace('’', "'");
        self.related_headings
            .iter()
            .any(|h| h.replace('’', "'") == t)
    }

    /// Whether the line is an end mark.
    pub fn is_end_mark(&self, s: &str) -> bool {
        let t = s.trim();
        // Lower-casing keeps at least one byte of each character (four at
        // most): a line over four times the longest mark is none, and is
        // not copied (every paragraph is asked).
        if t.is_empty() || t.len() > 4 * self.end_mark_max {
            return false;
        }
        self.end_marks.contains(&t.to_lowercase())
    }

    /// Whether the line is a header: press-release labels, an embargo line.
    pub fn is_header(&self, s: &str) -> bool {
        if s.len() > 2 * MAX_HEADING_BYTES {
            return false;
        }
        let embargo = self.embargo.get_or_init(|| {
            crate::regex_cache::Lazy::new(r"(?i)^[\s*_#]*(?:embargo(?:ed)?|sous embargo|onder embargo|sperrfrist|for immediate release|pour diffusion immédiate|ne pas (?:publier|diffuser) avant|niet publiceren voor|not for publication before|veröffentlichung (?:nicht )?vor)\b")
                .expect("embargo regex")
        });
        if embargo.is_match(s) {
            return true;
        }
        let t = strip_decoration(s).to_lowercase();
        let parts: Vec<&str> = t
            .split(['–', '—', '|', '/'])
            .flat_map(|p| p.split(" - "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        !parts.is_empty()
            && parts
                .iter()
                .all(|p| self.header_labels.iter().any(|l| l == p))
    }

    /// Whether the line looks like part of a postal address.
    pub fn is_address(&self, s: &str) -> bool {
        let address = self.address.get_or_init(|| {
            crate::regex_cache::Lazy::new(r"(?i)(?:^|\s)(?:[A-Z]-?)?[0-9]{4,5}\s+\p{Lu}|\b(?:rue|avenue|boulevard|chaussée|place|quai|laan|straat|steenweg|plein|lei|dreef|weg|kaai|street|road|square|lane|straße|strasse|platz|gasse|allee)\b.*[0-9]|[0-9]+\s*(?:rue|avenue|boulevard|street|road)\b")
                .expect("address regex")
        });
        s.split_whitespace().nth(10).is_none()
            && !s.trim_end().ends_with('.')
            && address.is_match(s)
    }
}

/// Whether a one-line paragraph looks like a subheading: short, capitalised,
/// no sentence punctuation at its end, no contact data.
pub fn looks_like_heading(s: &str) -> bool {
    let t = strip_decoration(s);
    let words = t.split_whitespace().count();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let last = t.chars().last().unwrap_or(' ');
    words > 0
        && words <= 12
        && t.chars().count() <= 90
        && (first.is_uppercase() || first.is_ascii_digit())
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '…' | '»' | '”' | '"' | ')'
        )
        && !t.contains('@')
        && !t.contains("://")
        && !t.contains("www.")
        && !starts_with_quote(t)
}

/// Whether a line opens with a list bullet ("- ", "* ", "+ ", "• ").
pub fn starts_with_bullet(line: &str) -> bool {
    let t = line.trim_start();
    ["- ", "* ", "+ ", "• ", "· ", "▪ ", "● ", "-\t", "•\t"]
        .iter()
        .any(|b| t.starts_with(b))
}

/// The number of a numbered list item ("3. zinc, 20 µg/L", "2) Mobility"):
/// one to three digits, then "." or ")" and a space.
pub fn list_number(line: &str) -> Option<u32> {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    if rest.starts_with(". ") || rest.starts_with(") ") {
        t[..digits].parse().ok()
    } else {
        None
    }
}

/// Whether the text opens with a quotation mark.
pub fn starts_with_quote(s: &str) -> bool {
    s.trim_start()
        .starts_with(['«', '“', '"', '„', '‘', '‚', '»', '‹'])
}

#[cfg(test)]
mod tests {
    use super::SectionParser;
    use crate::lang::Languages;

    #[test]
    fn contact_data_behind_its_triggers() {
        let p = SectionParser::new(Languages::builtin());
        for (s, data) in [
            ("jane@example.org", true),
            ("Tél. +32 2 555 12 34", true),
            ("0475/12.34.56", true),
            ("2,4 millions d'euros en 2026", false),
            ("Le 20 mars 2026, à 10 h", false),
        ] {
            let by_regexes = p.email.is_match(s) || p.phone.is_match(s);
            assert_eq!(p.has_contact_data(s), by_regexes, "{s}");
            assert_eq!(p.has_contact_data(s), data, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn contact_data_agrees_with_the_regexes(
            s in "([0-9 .()/+a-z@é,:-]|\u{a0}|\u{202f}|–){0,40}"
        ) {
            let p = SectionParser::new(Languages::builtin());
            proptest::prop_assert_eq!(
                p.has_contact_data(&s),
                p.email.is_match(&s) || p.phone.is_match(&s)
            );
        }
    }

    #[test]
    fn end_marks() {
        let p = SectionParser::new(Languages::builtin());
        for m in p.end_marks.iter().filter(|m| **m == m.to_lowercase()) {
            assert!(p.is_end_mark(m), "{m}");
            assert!(p.is_end_mark(&format!("  {}\n", m.to_uppercase())), "{m}");
            assert!(!p.is_end_mark(&format!("{m} {}", "x".repeat(4 * p.end_mark_max))));
        }
        assert!(!p.is_end_mark(""));
        assert!(!p.is_end_mark("The release goes on."));
    }

    #[test]
    fn a_contact_heading_with_data_needs_its_colon() {
        let p = SectionParser::new(Languages::builtin());
        assert!(p.starts_with_contact_heading("Press contact: Jane Doe, jane@example.org"));
        assert!(p.starts_with_contact_heading("Contact presse : Léa Martin, 022 555 01 23"));
        assert!(!p.starts_with_contact_heading("Press contact Jane Doe, jane@example.org"));
        assert!(!p.starts_with_contact_heading("Plus d'informations : https://example.org"));
        assert!(!p.starts_with_contact_heading("Contact presse"));
        // The colon past the first 160 bytes does not count.
        let far = format!("Press contact {}: Jane Doe", "x".repeat(200));
        assert!(!p.starts_with_contact_heading(&far));
    }
}
