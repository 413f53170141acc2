//! `invalid-contact`: malformed e-mail addresses and URLs, e-mail domains
//! outside the office's, phone numbers that cannot exist or break the house
//! format, and contact blocks without any e-mail or phone.

use std::sync::LazyLock;

use phonenumber::metadata::DATABASE;
use phonenumber::Mode;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::contact::ContactData;
use crate::document::{BlockKind, SectionKind};
use crate::lang::Languages;
use crate::office::PhoneFormat;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "invalid-contact",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "Malformed e-mail, phone number or URL; e-mail outside the office's domains; contact block without e-mail or phone",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Checks the contact data of a release:
- an e-mail address that cannot be delivered as written (`jane@example`,
  `jane..doe@example.org`, `jane@@example.org`);
- with `[contact] email-domains = ["example.brussels"]`, an address in a
  contact block whose domain is none of these (nor a subdomain);
- a phone number in a contact block that cannot exist in its country: its
  length is impossible for the country according to libphonenumber's data
  (the `phonenumber` crate). Numbers of the right length that libphonenumber
  does not know are left alone: fictional and newly opened ranges are common
  in releases. Numbers without a country code are read in
  `[contact] default-region` (e.g. "BE"), and are not checked when none is set;
- with `[contact] phone-format = "international"` (or `"national"`), a
  valid number written otherwise ("02/555.01.23" for "+32 2 555 01 23");
- a malformed URL (`htps://`, `http//`, `https:/`, a host with a comma or an
  empty label, `www.` with no domain after it);
- a contact block that gives neither an e-mail address nor a phone number.
  Phone numbers are read in the national formats of BE, FR, NL, DE, CH,
  LU, UK, CA and IE with their usual separators ("03641 / 931030",
  "031 - 322 37 03", "+32 (0)2 555 12 34", "(613) 555-0199"), and after a
  label of the packs' `phone-labels` ("Tél. : 26 12 34 56"); obfuscated
  addresses ("presse[at]example.org", "(at)", " at ", "[dot]", "(dot)")
  are e-mail addresses.

## Why it matters
The contact block is what a journalist uses on deadline. A mistyped address
bounces, a number one digit short rings nowhere.

## Example
    Press contact
    Jane Doe – jane.doe@example                  <- no top-level domain
    +32 2 555 01 2                               <- one digit short for Belgium

## Options
`require-data` (default true): report a contact block without e-mail or
phone. Office settings live in `[contact]` of prlint.toml:
`email-domains`, `default-region`, `phone-format = "any" | "international" | "national"`.

## Fix safety
Safe: rewriting a valid number in the house format (the digits and the
country are libphonenumber's reading of the same number).
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options of `invalid-contact`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "yes")]
    require_data: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { require_data: true }
    }
}

fn yes() -> bool {
    true
}

struct InvalidContact {
    require_data: bool,
    data: ContactData,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = crate::rule::options(opts)?;
    Ok(Box::new(InvalidContact {
        require_data: o.require_data,
        data: ContactData::new(langs)?,
    }))
}

/// The e-mail candidates of `s` (byte ranges, in order): exactly the
/// matches of the regex `[\w.%+\-]*@[\w.\-@]*` (Unicode `\w`), found
/// without compiling it (it was a tenth of a one-release run). Each `@` not
/// inside an earlier candidate starts one: the run of local-part
/// characters before it, the run of domain characters after it.
fn email_candidates(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let local = |c: char| regex_syntax::is_word_character(c) || matches!(c, '.' | '%' | '+' | '-');
    let domain = |c: char| regex_syntax::is_word_character(c) || matches!(c, '.' | '-' | '@');
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + s.get(from..)?.find('@')?;
        let start = s[from..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| local(c))
            .last()
            .map_or(at, |(i, _)| from + i);
        let end = s[at + 1..]
            .char_indices()
            .find(|&(_, c)| !domain(c))
            .map_or(s.len(), |(i, _)| at + 1 + i);
        from = end;
        Some(start..end)
    })
}

static URL_CANDIDATE: LazyLock<crate::regex_cache::Lazy> = LazyLock::new(|| {
    crate::regex_cache::Lazy::new(r#"(?i)\b(?:h+t+p+s?(?::/*|/+)|www\.)[^\s<>()\[\]{}"'«»“”]*"#)
        .expect("url candidate regex")
});

/// Why an e-mail address is malformed, if it is.
fn email_problem(addr: &str) -> Option<&'static str> {
    let (local, domain) = addr.split_once('@')?;
    if domain.contains('@') {
        return Some("two @ signs");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("a misplaced dot before the @");
    }
    host_problem(domain)
}

/// Why a host name is malformed, if it is.
fn host_problem(host: &str) -> Option<&'static str> {
    if host.is_empty() {
        return Some("no domain");
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Some("no top-level domain");
    }
    if labels.iter().any(|l| l.is_empty()) {
        return Some("an empty part in the domain (two dots)");
    }
    if labels.iter().any(|l| {
        l.starts_with('-')
            || l.ends_with('-')
            || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
    }) {
        return Some("a character a domain cannot hold");
    }
    let tld = labels[labels.len() - 1];
    if tld.chars().count() < 2 || !(tld.chars().all(char::is_alphabetic) || tld.starts_with("xn--"))
    {
        return Some("no valid top-level domain");
    }
    None
}

/// Why a URL is malformed, if it is.
fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_lowercase();
    let rest = if let Some(r) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        r
    } else if lower.starts_with("www.") {
        &lower
    } else {
        return Some("a misspelt scheme (write http:// or https://)");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    if host.starts_with("www.") && host.split('.').count() < 3 {
        return Some("no domain after www.");
    }
    host_problem(host)
}

/// Trailing punctuation that ends a sentence rather than an address.
fn trim_trailing(s: &str) -> &str {
    s.trim_end_matches(['.', ',', ';', ':', '!', '?', '-', '\u{2019}'])
}

/// The digits of a phone number's national significant number.
fn national_len(n: &phonenumber::PhoneNumber) -> usize {
    let nat = n.national();
    nat.value().to_string().len() + usize::from(nat.zeros())
}

/// Whether the national number's length is impossible for its country, by
/// libphonenumber's possible lengths (all number types).
fn impossible_length(n: &phonenumber::PhoneNumber) -> Option<(usize, Vec<u16>)> {
    // An invalid number has no region: take every region of its country
    // code (+1, +44 and +7 are shared), so only a length none of them allows counts.
    let metas = match n.metadata(&DATABASE) {
        Some(m) => vec![m],
        None => DATABASE.by_code(&n.code().value())?,
    };
    let mut lengths: Vec<u16> = Vec::new();
    for meta in metas {
        push_lengths(meta, &mut lengths);
    }
    lengths.sort_unstable();
    lengths.dedup();
    let len = national_len(n);
    if lengths.is_empty() || lengths.contains(&(len as u16)) {
        return None;
    }
    Some((len, lengths))
}

fn push_lengths(meta: &phonenumber::Metadata, lengths: &mut Vec<u16>) {
    let d = meta.descriptors();
    lengths.extend_from_slice(d.general().possible_length());
    for desc in [
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
        d.voicemail(),
    ]
    .into_iter()
    .flatten()
    {
        lengths.extend_from_slice(desc.possible_length());
    }
}

fn same_spacing(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(crate::document::text::is_space)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(a) == norm(b)
}

/// Digits of an international number, country code included (trunk "(0)" and "00" prefix excluded).
fn e164_digits(written: &str) -> usize {
    written
        .trim_start_matches('+')
        .trim_start_matches("00")
        .replace("(0)", "")
        .chars()
        .filter(char::is_ascii_digit)
        .count()
}

impl InvalidContact {
    /// Without libphonenumber: an international number has at most 15
    /// digits (E.164) and at least 8 (a country code and a national number).
    fn check_phone_basic(&self, written: &str, span: Span, out: &mut Vec<Diagnostic>) {
        let digits = e164_digits(written);
        if !(8..=15).contains(&digits) {
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("this phone number cannot exist: {digits} digits with the country code, international numbers have 8 to 15"),
                )
                .with_label("wrong length")
                .with_help("set `[contact] default-region` or `validate-phones = true` for libphonenumber's per-country check"),
            );
        }
    }

    fn check_phone(&self, cx: &Context, span: Span, out: &mut Vec<Diagnostic>) {
        let written = cx.doc.slice(&span);
        let cleaned = written.replace("(0)", "");
        let contact = &cx.office.contact;
        let international = written.starts_with('+') || written.starts_with("00");
        if !international && contact.default_region.is_none() {
            return;
        }
        if !contact.uses_libphonenumber() {
            self.check_phone_basic(written, span, out);
            return;
        }
        let region = contact.default_region.map(|r| r.0);
        let Ok(n) = phonenumber::parse(region, &cleaned) else {
            return;
        };
        if let Some((len, lengths)) = impossible_length(&n) {
            let country = n.country().id().map_or_else(
                || format!("country code +{}", n.code().value()),
                |c| format!("{c:?}"),
            );
            let expected = lengths
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(" or ");
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("this phone number cannot exist: {len} digits after the country code, {country} numbers have {expected}"),
                )
                .with_label("wrong length")
                .with_note("lengths from libphonenumber's data"),
            );
            return;
        }
        if !phonenumber::is_valid(&n) {
            return;
        }
        let mode = match contact.phone_format {
            PhoneFormat::Any => return,
            PhoneFormat::International => Mode::International,
            PhoneFormat::National => {
                if n.country().id() == region {
                    Mode::National
                } else {
                    Mode::International
                }
            }
        };
        let house = n.format().mode(mode).to_string();
        // Digit grouping is free; the form (country code or trunk prefix,
        // spaces as separators) is the house's.
        let plain = written
            .chars()
            .all(|c| c.is_ascii_digit() || c == '+' || crate::document::text::is_space(c));
        let form_ok = plain
            && match mode {
                Mode::International => written.starts_with(&format!("+{} ", n.code().value())),
                _ => !written.starts_with('+') && !written.starts_with("00"),
            };
        if !form_ok && !same_spacing(written, &house) {
            out.push(
                Diagnostic::new(
                    &META,
                    span.clone(),
                    format!("write this number in the house format: {house}"),
                )
                .with_label("not in the house format")
                .with_fix(Fix::safe(vec![Edit::replace(span, house)])),
            );
        }
    }
}

impl Rule for InvalidContact {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let domains: Vec<String> = cx
            .office
            .contact
            .email_domains
            .iter()
            .map(|d| d.trim().trim_start_matches('@').to_lowercase())
            .collect();
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if p.kind == BlockKind::Meta {
                continue;
            }
            let s = doc.para_text(i);
            let base = p.span.start;
            let in_contact =
                p.kind == BlockKind::Contact || doc.section_kind(i) == SectionKind::Contact;
            // URLs first: an address inside a URL is not an e-mail.
            let mut url_spans: Vec<Span> = Vec::new();
            for m in URL_CANDIDATE.find_iter(s) {
                let url = trim_trailing(m.as_str());
                let span = base + m.start()..base + m.start() + url.len();
                url_spans.push(span.clone());
                if let Some(why) = url_problem(url) {
                    out.push(
                        Diagnostic::new(&META, span, format!("malformed URL: {why}"))
                            .with_label("check this address"),
                    );
                }
            }
            for m in email_candidates(s) {
                let addr = trim_trailing(&s[m.clone()]);
                let (local, _) = addr.split_once('@').unwrap_or(("", ""));
                let before = s[..m.start].chars().last();
                let domain_part = addr.split_once('@').map_or("", |(_, d)| d);
                // "3@4" or "@handle" is no address.
                if local.is_empty()
                    || !domain_part.chars().any(char::is_alphabetic)
                    || before.is_some_and(|c| {
                        c == '/' || c == ':' && !s[..m.start].to_lowercase().ends_with("mailto:")
                    })
                {
                    continue;
                }
                let span = base + m.start..base + m.start + addr.len();
                if url_spans
                    .iter()
                    .any(|u| u.start <= span.start && span.end <= u.end)
                {
                    continue;
                }
                if let Some(why) = email_problem(addr) {
                    out.push(
                        Diagnostic::new(&META, span, format!("malformed e-mail address: {why}"))
                            .with_label("check this address"),
                    );
                } else if in_contact && !domains.is_empty() {
                    let domain = addr.rsplit('@').next().unwrap_or("").to_lowercase();
                    let ok = domains
                        .iter()
                        .any(|d| domain == *d || domain.ends_with(&format!(".{d}")));
                    if !ok {
                        out.push(
                            Diagnostic::new(
                                &META,
                                span,
                                format!("e-mail domain `{domain}` is not one of the office's"),
                            )
                            .with_label("outside `contact.email-domains`")
                            .with_note(format!("allowed: {}", domains.join(", "))),
                        );
                    }
                }
            }
            if in_contact {
                for r in self.data.phones(s) {
                    self.check_phone(cx, base + r.start..base + r.end, out);
                }
            }
        }
        if self.require_data {
            for sec in doc.sections() {
                if sec.kind != SectionKind::Contact {
                    continue;
                }
                let body: Vec<usize> = sec
                    .paras
                    .clone()
                    .filter(|&i| doc.paragraphs()[i].kind != BlockKind::Heading)
                    .collect();
                if body.is_empty() {
                    continue;
                }
                let has = body.iter().any(|&i| {
                    let s = doc.para_text(i);
                    self.data.has_contact_data(s) || s.contains('@')
                });
                // A contact section split by a subheading: look at its neighbour too.
                let neighbour = |j: usize| {
                    doc.sections().get(j).is_some_and(|o| {
                        o.kind == SectionKind::Contact
                            && o.paras
                                .clone()
                                .any(|i| self.data.has_contact_data(doc.para_text(i)))
                    })
                };
                let idx = sec.paras.start;
                let sec_idx = doc.paragraphs()[idx].section;
                if has || neighbour(sec_idx + 1) || (sec_idx > 0 && neighbour(sec_idx - 1)) {
                    continue;
                }
                let first = sec.heading.unwrap_or(body[0]);
                let last = *body.last().unwrap_or(&first);
                let span = doc.paragraphs()[first].span.start..doc.paragraphs()[last].span.end;
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        "contact block without an e-mail address or a phone number",
                    )
                    .with_help("give journalists at least one e-mail address or phone number"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{email_candidates, email_problem, url_problem};
    use crate::rules::testing::{assert_lints, run_with_config};
    use proptest::prelude::*;

    /// The regex `email_candidates` replaces, as the reference.
    fn oracle(s: &str) -> Vec<std::ops::Range<usize>> {
        let re = regex::Regex::new(r"[\w.%+\-]*@[\w.\-@]*").unwrap();
        re.find_iter(s).map(|m| m.range()).collect()
    }

    #[test]
    fn email_candidates_are_the_regex_matches() {
        for s in [
            "",
            "no address here",
            "jane.doe@example.org",
            "write to jane@example.org, or to @cityhall.",
            "a@@b@c d@ @e é@à.fr x_y%z+w-v@x",
            "3@4, jane..doe@example..org;jean@ex.be",
            "(julien.marchal@ville.namur.example)",
            "na\u{efe}me@ex\u{301}.org \u{a0}@\u{a0}",
            "¹²@³",
        ] {
            assert_eq!(email_candidates(s).collect::<Vec<_>>(), oracle(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn email_candidates_same_as_the_regex(parts in prop::collection::vec(
            prop::sample::select(vec![
                "a", "Z", "é", "\u{301}", "_", "1", "²", "@", "@@", ".", "%", "+", "-", " ", "\u{a0}",
                ",", "/", ":", "mailto:", "ex.org", "\n", "日本",
            ]),
            0..14,
        )) {
            let s = parts.concat();
            prop_assert_eq!(email_candidates(&s).collect::<Vec<_>>(), oracle(&s));
        }
    }

    const R: &str = "invalid-contact";

    #[test]
    fn emails() {
        assert!(email_problem("jane.doe@example.org").is_none());
        assert!(email_problem("jane@example").is_some());
        assert!(email_problem("jane..doe@example.org").is_some());
        assert!(email_problem("jane@example..org").is_some());
        assert!(email_problem("jane@@example.org").is_some());
        assert_lints(
            R,
            "Title\n\nBody.\n\nPress contact\nJane Doe, jane@example\n+32 2 555 01 23\n",
            "en",
            1,
        );
        assert_lints(
            R,
            "Title\n\nFollow @cityhall and write to jane@example.org.\n",
            "en",
            0,
        );
    }

    #[test]
    fn urls() {
        assert!(url_problem("https://www.example.be/presse").is_none());
        assert!(url_problem("www.example.be").is_none());
        assert!(url_problem("htps://example.be").is_some());
        assert!(url_problem("http//example.be").is_some());
        assert!(url_problem("https:/example.be").is_some());
        assert!(url_problem("https://example,be").is_some());
        assert!(url_problem("www.example").is_some());
        assert_lints(
            R,
            "Titre\n\nRendez-vous sur https://www.ville.example.be/agenda.\n",
            "fr",
            0,
        );
        assert_lints(
            R,
            "Titre\n\nRendez-vous sur htps://www.ville.example.be/agenda.\n",
            "fr",
            1,
        );
    }

    #[test]
    fn phone_lengths() {
        let cfg = "[contact]\nvalidate-phones = true\n";
        let ok = "Title\n\nBody.\n\nPress contact\nJane Doe\njane@example.org\n+32 2 563 18 70\n+44 20 7946 0321\n+353 1 555 0187\n+32 65 84 17 22\n";
        assert!(run_with_config(R, ok, "en", cfg).is_empty());
        assert_lints(R, ok, "en", 0);
        let short = "Title\n\nBody.\n\nPress contact\nJane Doe\njane@example.org\n+32 2 563 18 7\n";
        assert_eq!(run_with_config(R, short, "en", cfg).len(), 1);
        // Without libphonenumber only the E.164 bounds are checked.
        assert_lints(R, short, "en", 0);
        let long =
            "Title\n\nBody.\n\nPress contact\nJane Doe\njane@example.org\n+44 20 7946 03211\n";
        assert_eq!(run_with_config(R, long, "en", cfg).len(), 1);
        assert_eq!(super::e164_digits("+32 (0)2 563 18 70"), 10);
        assert_eq!(super::e164_digits("0032 2 563 18 70"), 10);
    }

    #[test]
    fn house_format_and_domains() {
        let cfg = "[contact]\ndefault-region = \"BE\"\nphone-format = \"international\"\nemail-domains = [\"example.brussels\"]\n";
        let t = "Titre\n\nTexte.\n\nContact presse\nJeanne Dupont\njeanne@example.brussels\n02 563 18 70\n";
        let d = run_with_config(R, t, "fr", cfg);
        assert_eq!(d.len(), 1, "{d:?}");
        let (fixed, _) = crate::fix::apply_fixes(t, &d, false);
        assert!(fixed.contains("+32 2 563 18 70"), "{fixed}");
        let t = "Titre\n\nTexte.\n\nContact presse\nJeanne Dupont\njeanne@example.brussels\n+32 2 56 31 870\n+32 (0)2 563 18 70\n";
        assert_eq!(run_with_config(R, t, "fr", cfg).len(), 1);
        let t = "Titre\n\nTexte.\n\nContact presse\nJeanne Dupont\njeanne@elsewhere.be\n+32 2 563 18 70\n";
        assert_eq!(run_with_config(R, t, "fr", cfg).len(), 1);
    }

    #[test]
    fn national_formats_and_obfuscated_addresses_are_contact_data() {
        for line in [
            "Tel.: 03641 / 931030",
            "Tel. 031 - 322 37 03",
            "+32 (0)2 555 12 34",
            "020 7946 0958",
            "(613) 555-0199",
            "tél. 01.23.45.67.89",
            "Tél. : 26 12 34 56",
            "E-Mail: presse[at]uni-example.de",
            "jane(at)example(dot)org",
            "jane.doe at example dot org",
        ] {
            let t = format!(
                "Title\n\nBody of the release.\n\nPress contact\nJane Doe, spokesperson\n{line}\n"
            );
            assert_lints(R, &t, "en", 0);
        }
    }

    #[test]
    fn contact_block_without_data() {
        let t = "Title\n\nBody of the release.\n\nPress contact\nJane Doe, spokesperson\n";
        assert_lints(R, t, "en", 1);
        let t = "Title\n\nBody of the release.\n\nPress contact\nJane Doe, spokesperson, +32 2 563 18 70\n";
        assert_lints(R, t, "en", 0);
    }
}
