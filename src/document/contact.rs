//! Contact data as releases write it: phone numbers in the national formats
//! of BE, FR, NL, DE, CH, LU, UK, CA and IE with their usual separators, plain
//! and obfuscated e-mail addresses ("presse[at]example.org"), and sentences
//! that give a press contact ("For more information: Jane Doe, 020 …").
//!
//! The recogniser is built once per rule from the packs' `phone-labels` and
//! `contact-cues` lists; its regexes come from [`crate::regex_cache`].

use std::ops::Range;

use crate::lang::Languages;

/// A separator inside a phone number: a space, or ".", "/", "-", "–" with
/// optional spaces around it ("03641 / 931030", "031 - 322 37 03").
const SEP: &str = r"(?:[ \u{a0}\u{202f}]?[./\-–][ \u{a0}\u{202f}]?|[ \u{a0}\u{202f}])";

/// Phone numbers without a label. International: "+32 (0)2 555 12 34",
/// "0049 761 201-4087". National with a trunk 0, area code in brackets or
/// not: "020 7946 0958", "(0361) 12 34 56", "01.23.45.67.89". North American:
/// "(613) 555-0199", "613-555-0199".
fn phone_pattern() -> String {
    format!(
        r"(?:\+|\b00)[1-9][0-9]{{0,2}}{SEP}?(?:\(0\){SEP}?)?\(?[0-9]\)?(?:{SEP}?\(?[0-9]\)?){{5,13}}\b|(?:\(0[0-9]{{1,4}}\)|\b0[0-9]{{1,4}})(?:{SEP}?[0-9]){{5,10}}\b|\([2-9][0-9]{{2}}\)[ \u{{a0}}]?[0-9]{{3}}[.\- ][0-9]{{4}}\b|\b[2-9][0-9]{{2}}-[0-9]{{3}}-[0-9]{{4}}\b|\b[2-9][0-9]{{2}}\.[0-9]{{3}}\.[0-9]{{4}}\b"
    )
}

/// Obfuscated e-mail addresses: "[at]", "(at)", "{at}", " at ", and "[dot]",
/// "(dot)", " dot " for the dots.
const OBFUSCATED_EMAIL: &str = r"(?i)\b[a-z0-9._%+\-]+(?:[ \u{a0}]?(?:\[at\]|\(at\)|\{at\}|\[ät\]|\(ät\))[ \u{a0}]?| at )[a-z0-9\-]+(?:(?:\.|[ \u{a0}]?(?:\[dot\]|\(dot\)|\{dot\})[ \u{a0}]?| dot )[a-z0-9\-]+)*(?:\.|[ \u{a0}]?(?:\[dot\]|\(dot\)|\{dot\})[ \u{a0}]?| dot )[a-z]{2,}\b";

/// Plain e-mail addresses.
const EMAIL: &str = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}";

/// A date written with numbers only ("03.12.2026", "10/10/08"): no phone.
const NUMERIC_DATE: &str = r"^[0-9]{1,2}[./\-][0-9]{1,2}[./\-](?:[0-9]{4}|[0-9]{2})$";

/// Recognises contact data and contact sentences.
#[derive(Debug, Clone)]
pub struct ContactData {
    phone: crate::regex_cache::Lazy,
    labelled: Option<crate::regex_cache::Lazy>,
    email: crate::regex_cache::Lazy,
    obfuscated: crate::regex_cache::Lazy,
    numeric_date: crate::regex_cache::Lazy,
    cues: Vec<String>,
}

/// The number of digits in `s`.
fn digits(s: &str) -> usize {
    s.chars().filter(char::is_ascii_digit).count()
}

/// Whether `s` holds `min` ASCII digits or more in one run of the
/// characters a phone number is written with (digits, spaces, no-break
/// spaces, `( ) . / - – +`): a necessary condition for any phone number
/// the recognisers here and in the section parser find.
pub(crate) fn has_digit_run(s: &str, min: usize) -> bool {
    let mut digits = 0;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                digits += 1;
                if digits >= min {
                    return true;
                }
            }
            ' ' | '\u{a0}' | '\u{202f}' | '(' | ')' | '.' | '/' | '-' | '–' | '+' => {}
            _ => digits = 0,
        }
    }
    false
}

/// Whether `s` may hold an obfuscated e-mail address ([`OBFUSCATED_EMAIL`]):
/// a necessary condition, checked on bytes. Every match holds an "at" (or
/// "ät") in brackets ("[at]", "(ät)", "{at}"), or " at " followed by a
/// domain label and a dot or a written dot (". ", " dot ", "[dot]"). The
/// regex's Unicode `\b` makes it run the slow engine on any non-ASCII
/// text, so prose without such an "at" must not reach it.
fn may_hold_obfuscated(s: &str) -> bool {
    let b = s.as_bytes();
    (1..b.len()).any(|i| {
        if !b[i].eq_ignore_ascii_case(&b't') {
            return false;
        }
        // The start of the "a" or "ä" before the "t".
        let (start, umlaut) = if b[i - 1].eq_ignore_ascii_case(&b'a') {
            (i - 1, false)
        } else if i >= 2 && b[i - 2] == 0xC3 && matches!(b[i - 1], 0xA4 | 0x84) {
            (i - 2, true)
        } else {
            return false;
        };
        let (Some(&before), Some(&after)) = (start.checked_sub(1).map(|k| &b[k]), b.get(i + 1))
        else {
            return false;
        };
        if matches!(before, b'[' | b'(' | b'{') && matches!(after, b']' | b')' | b'}') {
            return true;
        }
        !umlaut && before == b' ' && after == b' ' && dot_after_label(&s[i + 2..])
    })
}

/// Whether `rest` (what follows " at ") starts with a domain label
/// (`[a-z0-9\-]+`, case-insensitive: "ſ" and the Kelvin sign fold into it)
/// followed by a dot: ".", " dot ", or "[dot]", "(dot)", "{dot}" with an
/// optional space or no-break space before.
fn dot_after_label(rest: &str) -> bool {
    let label = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '\u{17f}' | '\u{212a}')))
        .map_or(rest.len(), |(k, _)| k);
    if label == 0 {
        return false;
    }
    let after = &rest[label..];
    let starts = |p: &str| {
        after
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if starts(".") || starts(" dot ") {
        return true;
    }
    let after = after.strip_prefix([' ', '\u{a0}']).unwrap_or(after);
    ["[dot]", "(dot)", "{dot}"].iter().any(|p| {
        after
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    })
}

impl ContactData {
    /// Builds the recogniser from the packs' `phone-labels` and `contact-cues`.
    pub fn new(langs: &Languages) -> anyhow::Result<Self> {
        let lists = &langs.all().lists;
        let labelled = if lists.phone_labels.is_empty() {
            None
        } else {
            let labels = lists
                .phone_labels
                .iter()
                .map(|l| regex::escape(l))
                .collect::<Vec<_>>()
                .join("|");
            // "Tel.: 26 12 34 56", "tél. 022 418 22 50", "Phone (mobile): 0871 …".
            Some(crate::regex_cache::Lazy::new(&format!(
                r"(?i)\b(?:{labels})\b\.?[ \u{{a0}}]*(?:\([^)\n]{{0,20}}\)[ \u{{a0}}]*)?[:.]?[ \u{{a0}}]*(\+?\(?[0-9][0-9 \u{{a0}}()./\-–]*[0-9])"
            ))?)
        };
        Ok(ContactData {
            phone: crate::regex_cache::Lazy::new(&phone_pattern())?,
            labelled,
            email: crate::regex_cache::Lazy::new(EMAIL)?,
            obfuscated: crate::regex_cache::Lazy::new(OBFUSCATED_EMAIL)?,
            numeric_date: crate::regex_cache::Lazy::new(NUMERIC_DATE)?,
            cues: lists.contact_cues.clone(),
        })
    }

    /// Whether a written candidate has the digits of a phone number and is
    /// not a date.
    fn plausible_phone(&self, written: &str) -> bool {
        (6..=15).contains(&digits(written)) && !self.numeric_date.is_match(written.trim())
    }

    /// Byte ranges (relative to `s`) of the phone numbers of `s`, in order,
    /// without overlaps.
    pub fn phones(&self, s: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        // Every number taken has six ASCII digits or more
        // (`plausible_phone`) and only digits and separators: without such
        // a run the regexes (a Unicode `\b` runs the slow engine) cannot
        // find one.
        if !has_digit_run(s, 6) {
            return out;
        }
        if let Some(labelled) = &self.labelled {
            for c in labelled.captures_iter(s) {
                if let Some(m) = c.get(1) {
                    if self.plausible_phone(m.as_str()) {
                        out.push(m.range());
                    }
                }
            }
        }
        for m in self.phone.find_iter(s) {
            let overlaps = out.iter().any(|r| r.start < m.end() && m.start() < r.end);
            if !overlaps && digits(m.as_str()) >= 8 && self.plausible_phone(m.as_str()) {
                out.push(m.range());
            }
        }
        out.sort_by_key(|r| r.start);
        out
    }

    /// Whether `s` holds an e-mail address, plain or obfuscated.
    pub fn has_email(&self, s: &str) -> bool {
        (s.contains('@') && self.email.is_match(s))
            || (may_hold_obfuscated(s) && self.obfuscated.is_match(s))
    }

    /// Byte ranges of the obfuscated e-mail addresses of `s`.
    pub fn obfuscated_emails(&self, s: &str) -> Vec<Range<usize>> {
        if !may_hold_obfuscated(s) {
            return Vec::new();
        }
        self.obfuscated.find_iter(s).map(|m| m.range()).collect()
    }

    /// Whether `s` holds a phone number or an e-mail address.
    pub fn has_contact_data(&self, s: &str) -> bool {
        self.has_email(s) || !self.phones(s).is_empty()
    }

    /// Whether `s` holds a contact cue ("information", "Rückfragen",
    /// "zur Verfügung") at the start of a word.
    pub fn has_cue(&self, s: &str) -> bool {
        let lower = s.to_lowercase();
        self.cues.iter().any(|cue| {
            lower.match_indices(cue.as_str()).any(|(k, _)| {
                !lower[..k]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
        })
    }

    /// Whether the sentence gives a contact: contact data and a cue.
    pub fn is_contact_sentence(&self, s: &str) -> bool {
        self.has_contact_data(s) && self.has_cue(s)
    }
}

#[cfg(test)]
mod tests {
    use super::ContactData;
    use crate::lang::Languages;

    fn cd() -> ContactData {
        ContactData::new(Languages::builtin()).expect("regexes")
    }

    /// The phone numbers of `s`, as written.
    fn phones(s: &str) -> Vec<String> {
        let c = cd();
        c.phones(s).into_iter().map(|r| s[r].to_string()).collect()
    }

    #[track_caller]
    fn one_phone(s: &str, number: &str) {
        assert_eq!(phones(s), vec![number.to_string()], "{s}");
    }

    #[test]
    fn belgian_numbers() {
        one_phone("Tél. : 02/555.12.34", "02/555.12.34");
        one_phone("+32 (0)2 555 12 34", "+32 (0)2 555 12 34");
        one_phone("gsm 0475 12 34 56", "0475 12 34 56");
        one_phone("bel 0032 9 123 45 67", "0032 9 123 45 67");
    }

    #[test]
    fn french_numbers() {
        one_phone("au 01 23 45 67 89", "01 23 45 67 89");
        one_phone("au 01.23.45.67.89", "01.23.45.67.89");
        one_phone("+33 (0)4 72 10 20 30", "+33 (0)4 72 10 20 30");
    }

    #[test]
    fn dutch_numbers() {
        one_phone("bel 020-555 0123", "020-555 0123");
        one_phone("mobiel: 06-12345678", "06-12345678");
        one_phone("+31 (0)30 555 12 34", "+31 (0)30 555 12 34");
    }

    #[test]
    fn german_numbers() {
        one_phone("Tel.: 03641 / 931030", "03641 / 931030");
        one_phone("(0361) 555 12-34", "(0361) 555 12-34");
        one_phone("+49 761 201-4087", "+49 761 201-4087");
    }

    #[test]
    fn swiss_and_luxembourg_numbers() {
        one_phone("Tel. 031 - 322 37 03", "031 - 322 37 03");
        one_phone("tél. 022 418 22 50.", "022 418 22 50");
        one_phone("+41 (0)31 322 37 03", "+41 (0)31 322 37 03");
        // Luxembourg has no trunk prefix: a label says it is a phone.
        one_phone("Tél.: 26 12 34 56", "26 12 34 56");
        one_phone("+352 26 12 34 56", "+352 26 12 34 56");
    }

    #[test]
    fn uk_irish_and_canadian_numbers() {
        one_phone("on 020 7946 0958.", "020 7946 0958");
        one_phone("(020) 7946 0958", "(020) 7946 0958");
        one_phone("+44 (0)131 496 0732", "+44 (0)131 496 0732");
        one_phone("Dublin 01 555 0187", "01 555 0187");
        one_phone("+353 1 555 0187", "+353 1 555 0187");
        one_phone("at (613) 555-0199", "(613) 555-0199");
        one_phone("at 613-555-0199", "613-555-0199");
        one_phone("at 613.555.0199", "613.555.0199");
        one_phone("+1 613 555 0199", "+1 613 555 0199");
    }

    #[test]
    fn no_phones() {
        assert!(phones("le 03.12.2026 à 10 h").is_empty());
        assert!(phones("Jena (10.10.08) Ob Studien").is_empty());
        assert!(phones("1 000 000 euros, 2025-2030").is_empty());
        assert!(phones("28 mai 2004").is_empty());
        assert!(phones("Tel Aviv").is_empty());
        assert!(phones("between 250-300 2026 visitors").is_empty());
    }

    #[test]
    fn obfuscated_addresses() {
        let c = cd();
        for s in [
            "E-Mail: presse[at]uni-example.de",
            "presse (at) example.org",
            "jane(at)example(dot)org",
            "jane.doe at example dot org",
            "jane at example.co.uk",
            "info[at]example[dot]be",
            "presse{at}example.ch",
        ] {
            assert!(c.has_email(s), "{s}");
            assert_eq!(c.obfuscated_emails(s).len(), 1, "{s}");
        }
        for s in [
            "meet us at the station",
            "at 10.30 in the hall",
            "look at them.",
        ] {
            assert!(!c.has_email(s), "{s}");
        }
    }

    /// `phones` (behind the digit-run trigger) against the regexes alone.
    fn phones_by_regexes(c: &ContactData, s: &str) -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        if let Some(labelled) = &c.labelled {
            for cap in labelled.captures_iter(s) {
                if let Some(m) = cap.get(1) {
                    if c.plausible_phone(m.as_str()) {
                        out.push(m.range());
                    }
                }
            }
        }
        for m in c.phone.find_iter(s) {
            let overlaps = out.iter().any(|r| r.start < m.end() && m.start() < r.end);
            if !overlaps && super::digits(m.as_str()) >= 8 && c.plausible_phone(m.as_str()) {
                out.push(m.range());
            }
        }
        out.sort_by_key(|r| r.start);
        out
    }

    #[test]
    fn digit_runs() {
        assert!(super::has_digit_run("tél. 02/555.12.34", 6));
        assert!(super::has_digit_run("+32 (0)2 555 12 34", 6));
        assert!(super::has_digit_run("030\u{202f}12\u{a0}34–56", 6));
        assert!(!super::has_digit_run("2,4 millions et 12 345 euros", 6));
        assert!(!super::has_digit_run("le 20 mars 2026", 6));
        assert!(!super::has_digit_run("", 1));
    }

    /// `has_email` and `obfuscated_emails` (the byte trigger, then the
    /// regexes) against the regexes alone.
    #[track_caller]
    fn same_as_regexes(c: &ContactData, s: &str) {
        let oracle = c.email.is_match(s) || c.obfuscated.is_match(s);
        assert_eq!(c.has_email(s), oracle, "{s:?}");
        let found: Vec<_> = c.obfuscated.find_iter(s).map(|m| m.range()).collect();
        assert_eq!(c.obfuscated_emails(s), found, "{s:?}");
    }

    #[test]
    fn trigger_agrees_with_the_regexes() {
        let c = cd();
        for s in [
            "E-Mail: presse[at]uni-example.de",
            "presse (ÄT) example.org",
            "presse [Ät] example.org",
            "jane(at)example(dot)org",
            "jane.doe AT example DOT org",
            "jane at example.co.uk",
            "jane at exam\u{17f}ple.co.uk",
            "jane at \u{212a}x.co.uk",
            "jane at example\u{a0}[dot]org",
            "jane at example [dot] org",
            "info[at]example[dot]be",
            "presse{at}example.ch",
            "meet us at the station",
            "at 10.30 in the hall",
            "look at them.",
            "café at ",
            "at",
            "[at",
            "été (ät)",
            "jane@example.org",
            "jane@@",
        ] {
            same_as_regexes(&c, s);
        }
    }

    proptest::proptest! {
        #[test]
        fn phones_agree_with_the_regexes_on_random_text(
            s in "([0-9 .()/+a-zé,:]|\u{a0}|\u{202f}|–|-|Tel|tél\\.|Phone|gsm){0,40}"
        ) {
            let c = cd();
            proptest::prop_assert_eq!(c.phones(&s), phones_by_regexes(&c, &s));
        }

        #[test]
        fn trigger_agrees_with_the_regexes_on_random_text(
            s in "([a-zA-Z0-9 .@\\-]|at|AT|ät|Ät|dot|DOT|\\[|\\]|\\(|\\)|\\{|\\}|é|\u{a0}|\u{17f}|\u{212a}){0,40}"
        ) {
            same_as_regexes(&cd(), &s);
        }
    }

    #[test]
    fn contact_sentences() {
        let c = cd();
        assert!(c.is_contact_sentence(
            "Pour toute information complémentaire : Mme Léa Martin, cheffe de service, tél. 022 555 01 23."
        ));
        assert!(c.is_contact_sentence(
            "Für zusätzliche Informationen: Paul Meier, Tel. 031 - 555 37 03"
        ));
        assert!(c.is_contact_sentence("For more information contact Ann Byrne on 020 7946 0958."));
        assert!(c.is_contact_sentence("Voor meer informatie: Els Janssens, 0475 12 34 56."));
        // Contact data without a cue, a cue without data.
        assert!(!c.is_contact_sentence("Tickets at 020 7946 0958."));
        assert!(!c.is_contact_sentence("More information on the website."));
    }
}
