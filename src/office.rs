//! The press office's house settings (prlint.toml `[template]`, `[contact]`,
//! `embargo-gate`) and the run's reference date (`prlint check --now`), read
//! by the validator rules through [`crate::rule::Context::office`].

use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::dates::Date;

/// A section a template can name. Each maps onto the section parser's
/// paragraph kinds ([`crate::document::BlockKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionName {
    /// A label above the title ("PRESS RELEASE"): `BlockKind::Header`.
    Header,
    /// An embargo line (a header line that opens with an embargo phrase).
    Embargo,
    /// The headline.
    Title,
    /// The subtitle under the headline.
    Standfirst,
    /// The place and date ("Brussels, 11 February 2021").
    Dateline,
    /// The first body paragraph.
    Lede,
    /// Body paragraphs, quotations, lists and subheadings.
    Body,
    /// The contact block.
    Contact,
    /// The boilerplate ("About …").
    About,
    /// A postal address.
    Address,
    /// The end mark ("###").
    EndMark,
    /// Anything after the end mark.
    Footer,
}

/// Every section name, as written in a template.
pub const SECTION_NAMES: &[(&str, SectionName)] = &[
    ("header", SectionName::Header),
    ("embargo", SectionName::Embargo),
    ("title", SectionName::Title),
    ("standfirst", SectionName::Standfirst),
    ("dateline", SectionName::Dateline),
    ("lede", SectionName::Lede),
    ("body", SectionName::Body),
    ("contact", SectionName::Contact),
    ("about", SectionName::About),
    ("address", SectionName::Address),
    ("end-mark", SectionName::EndMark),
    ("footer", SectionName::Footer),
];

impl SectionName {
    /// The name as written in a template.
    pub fn name(self) -> &'static str {
        SECTION_NAMES
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("?", |(n, _)| n)
    }
}

impl FromStr for SectionName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if let Some((_, n)) = SECTION_NAMES.iter().find(|(n, _)| *n == s) {
            return Ok(*n);
        }
        let names = SECTION_NAMES.iter().map(|(n, _)| *n);
        let hint = crate::rule::closest(s, names)
            .map(|h| format!(" (did you mean `{h}`?)"))
            .unwrap_or_default();
        Err(format!(
            "unknown template section `{s}`{hint}; sections are {}",
            SECTION_NAMES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// One entry of `sections`: a name, optional when it ends with `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateItem {
    /// The section.
    pub section: SectionName,
    /// Whether the release may leave it out.
    pub optional: bool,
}

impl FromStr for TemplateItem {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let (name, optional) = match t.strip_suffix('?') {
            Some(n) => (n.trim(), true),
            None => (t, false),
        };
        Ok(TemplateItem {
            section: name.to_lowercase().parse()?,
            optional,
        })
    }
}

impl<'de> Deserialize<'de> for TemplateItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Whether a release carries an embargo line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmbargoPolicy {
    /// Every release must carry one.
    Required,
    /// Either way.
    #[default]
    Optional,
    /// No release may carry one.
    Forbidden,
}

/// `[template]`: the office's release template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TemplateConfig {
    /// The sections in order; `?` marks an optional one.
    #[serde(default = "default_sections")]
    pub sections: Vec<TemplateItem>,
    /// The end mark the office uses ("###").
    #[serde(default)]
    pub end_mark: Option<String>,
    /// Whether an embargo line is required, optional or forbidden.
    #[serde(default)]
    pub embargo: EmbargoPolicy,
    /// Whether an embargo must give a time ("10:00").
    #[serde(default)]
    pub embargo_time: bool,
    /// Whether an embargo must give a time zone ("CET").
    #[serde(default)]
    pub embargo_zone: bool,
}

impl TemplateConfig {
    /// The built-in default: a title, a date, a body and a contact block,
    /// in any order (used when prlint.toml has no `[template]`).
    pub fn default_template() -> TemplateConfig {
        TemplateConfig {
            sections: default_sections(),
            end_mark: None,
            embargo: EmbargoPolicy::Optional,
            embargo_time: false,
            embargo_zone: false,
        }
    }

    /// The template entry of `s`, if listed.
    pub fn item(&self, s: SectionName) -> Option<&TemplateItem> {
        self.sections.iter().find(|i| i.section == s)
    }

    /// The template as written ("title, standfirst?, …").
    pub fn describe(&self) -> String {
        self.sections
            .iter()
            .map(|i| format!("{}{}", i.section.name(), if i.optional { "?" } else { "" }))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn default_sections() -> Vec<TemplateItem> {
    [
        "title",
        "standfirst?",
        "dateline",
        "lede?",
        "body",
        "contact",
        "about?",
        "end-mark?",
    ]
    .iter()
    .filter_map(|s| s.parse().ok())
    .collect()
}

/// How phone numbers are written in the house style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhoneFormat {
    /// Not checked.
    #[default]
    Any,
    /// "+32 2 555 01 23".
    International,
    /// "02 555 01 23" (numbers of the default region; others stay international).
    National,
}

/// A phone region: an ISO 3166 code libphonenumber knows ("BE").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region(pub phonenumber::country::Id);

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        phonenumber::country::Id::from_str(&s.to_uppercase())
            .map(Region)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "unknown phone region `{s}` (use an ISO 3166 code such as BE, FR, NL, GB, DE)"
                ))
            })
    }
}

/// The office's time zone (`time-zone = "Europe/Brussels"`): an IANA name
/// from jiff's bundled database, or a fixed offset ("+01:00").
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeTimeZone(pub jiff::tz::TimeZone);

impl<'de> Deserialize<'de> for OfficeTimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match crate::dates::parse_zone_meaning(&s) {
            Some(crate::dates::ZoneMeaning::Named(tz)) => Ok(OfficeTimeZone(tz)),
            Some(crate::dates::ZoneMeaning::Offset(secs)) => jiff::tz::Offset::from_seconds(secs)
                .map(|o| OfficeTimeZone(jiff::tz::TimeZone::fixed(o)))
                .map_err(|e| serde::de::Error::custom(format!("time-zone `{s}`: {e}"))),
            _ => Err(serde::de::Error::custom(format!(
                "unknown time zone `{s}` (use an IANA name such as Europe/Brussels, Europe/Paris, Europe/London, or an offset such as +01:00)"
            ))),
        }
    }
}

/// `[contact]`: what the office's contact data look like.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ContactConfig {
    /// E-mail domains allowed in contact blocks (empty: any).
    #[serde(default)]
    pub email_domains: Vec<String>,
    /// The region of phone numbers written without a country code.
    #[serde(default)]
    pub default_region: Option<Region>,
    /// The house format of phone numbers.
    #[serde(default)]
    pub phone_format: PhoneFormat,
    /// Check phone numbers against libphonenumber's data. Default: when
    /// `default-region` or `phone-format` is set (loading the data costs
    /// about 0.15 s per run, which a one-file pre-commit run should not pay
    /// unless the office asked for phone checks).
    #[serde(default)]
    pub validate_phones: Option<bool>,
}

impl ContactConfig {
    /// Whether phone numbers are checked with libphonenumber.
    pub fn uses_libphonenumber(&self) -> bool {
        self.validate_phones
            .unwrap_or(self.default_region.is_some() || self.phone_format != PhoneFormat::Any)
    }
}

/// Everything the validator rules read besides the release.
#[derive(Debug, Clone, Default)]
pub struct Office {
    /// The configured template, if any.
    pub template: Option<TemplateConfig>,
    /// Contact-data settings.
    pub contact: ContactConfig,
    /// Whether a release under a future embargo fails the run.
    pub embargo_gate: bool,
    /// The office's time zone: an embargo time written without a zone is
    /// read in it (`time-zone` in prlint.toml).
    pub time_zone: Option<jiff::tz::TimeZone>,
    /// The reference date (`--now`); today when unset.
    pub now: Option<Date>,
    /// Minutes after midnight of the reference time, when `--now` gives one.
    pub now_minutes: Option<u32>,
    /// `[spelling]`: dictionaries and accepted words.
    pub spelling: crate::spell::SpellingSettings,
}

impl Office {
    /// The settings of a configuration.
    pub fn from_config(c: &crate::config::Config) -> Office {
        Office {
            template: c.template.clone(),
            contact: c.contact.clone(),
            embargo_gate: c.embargo_gate,
            time_zone: c.time_zone.as_ref().map(|t| t.0.clone()),
            now: None,
            now_minutes: None,
            spelling: crate::spell::SpellingSettings::from_config(c),
        }
    }

    /// The reference date: `--now`, else today (UTC).
    pub fn today(&self) -> Date {
        self.now.unwrap_or_else(|| crate::dates::now_utc().0)
    }

    /// Minutes after midnight of the reference time: those of `--now` when
    /// it gives a time, none when it gives a date only, else the clock's.
    pub fn now_minutes(&self) -> Option<u32> {
        match self.now {
            Some(_) => self.now_minutes,
            None => Some(crate::dates::now_utc().1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn template_parses() {
        let c = Config::parse(
            Path::new("p.toml"),
            "[template]\nsections = [\"title\", \"standfirst?\", \"dateline\", \"body\", \"contact\", \"end-mark?\"]\nend-mark = \"###\"\nembargo = \"required\"\n",
        )
        .unwrap();
        let t = c.template.unwrap();
        assert_eq!(t.sections.len(), 6);
        assert!(t.sections[1].optional);
        assert_eq!(t.embargo, EmbargoPolicy::Required);
    }

    #[test]
    fn unknown_section_has_position_and_hint() {
        let e = Config::parse(
            Path::new("p.toml"),
            "[template]\nsections = [\"title\", \"standfrist?\"]\n",
        )
        .unwrap_err();
        assert!(e.0.starts_with("p.toml:2:22:"), "{}", e.0);
        assert!(e.0.contains("did you mean `standfirst`?"), "{}", e.0);
    }

    #[test]
    fn bad_embargo_policy_and_region() {
        let e = Config::parse(Path::new("p.toml"), "[template]\nembargo = \"sometimes\"\n")
            .unwrap_err();
        assert!(e.0.starts_with("p.toml:2:"), "{}", e.0);
        let e =
            Config::parse(Path::new("p.toml"), "[contact]\ndefault-region = \"XX\"\n").unwrap_err();
        assert!(e.0.contains("unknown phone region `XX`"), "{}", e.0);
        let c = Config::parse(
            Path::new("p.toml"),
            "embargo-gate = true\n[contact]\ndefault-region = \"be\"\nphone-format = \"international\"\n",
        )
        .unwrap();
        assert!(c.embargo_gate);
        assert_eq!(c.contact.phone_format, PhoneFormat::International);
    }

    #[test]
    fn office_time_zone() {
        let c = Config::parse(Path::new("p.toml"), "time-zone = \"Europe/Brussels\"\n").unwrap();
        assert!(c.time_zone.is_some());
        let c = Config::parse(Path::new("p.toml"), "time-zone = \"+02:00\"\n").unwrap();
        assert!(c.time_zone.is_some());
        let e = Config::parse(
            Path::new("p.toml"),
            "embargo-gate = true\ntime-zone = \"Europe/Bruxelles\"\n",
        )
        .unwrap_err();
        assert!(e.0.starts_with("p.toml:2:"), "{}", e.0);
        assert!(
            e.0.contains("unknown time zone `Europe/Bruxelles`"),
            "{}",
            e.0
        );
    }
}
