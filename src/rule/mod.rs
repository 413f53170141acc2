//! The rule interface and the registry of built-in rules.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, SectionParser};
use crate::lang::{LangWords, Languages};

pub mod pack;

/// What `prlint rules` and `prlint rule ID` show about a rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case id used in config, CLI and output.
    pub id: &'static str,
    /// Severity unless configured.
    pub default_severity: Severity,
    /// Language codes the rule applies to; empty means every language.
    pub languages: &'static [&'static str],
    /// One-line summary.
    pub summary: &'static str,
    /// The long explanation (Markdown): what it does, why, example, options, fix safety.
    pub explanation: &'static str,
    /// Whether the rule offers fixes.
    pub fixable: bool,
    /// Whether the rule runs unless selected explicitly.
    pub default_enabled: bool,
}

/// What a rule reads: the document and the run's shared data.
pub struct Context<'a> {
    /// The parsed release.
    pub doc: &'a Document,
    /// The language data.
    pub langs: &'a Languages,
    /// The section recognisers (e-mail, phone, dateline…).
    pub parser: &'a SectionParser,
    /// The office's template, contact settings and reference date.
    pub office: &'a crate::office::Office,
    /// Role-word tables and the officials register ([`crate::people`]).
    pub people: &'a crate::people::PeopleData,
}

impl Context<'_> {
    /// The word data of the release language.
    pub fn words(&self) -> &LangWords {
        self.langs.get(self.doc.lang())
    }

    /// The word data of the language of paragraph `para`.
    pub fn words_of(&self, para: usize) -> &LangWords {
        self.langs.get(self.doc.lang_of(para))
    }
}

/// A check. Rules are stateless (`&self`): what is expensive is built when
/// the rule is constructed.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Appends the rule's findings on `cx.doc` to `out`.
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>);
}

/// The options table of one rule in the config (severity and enabled removed).
pub type RuleOptions = toml::Table;

/// A built-in rule: its metadata and its constructor.
pub struct RuleEntry {
    /// The metadata.
    pub meta: &'static RuleMeta,
    /// Builds the rule from its options and the language data.
    pub build: fn(&RuleOptions, &Languages) -> anyhow::Result<Box<dyn Rule>>,
}

/// Deserialises a rule's typed options (`#[serde(deny_unknown_fields)]`).
pub fn options<T: DeserializeOwned + Default>(opts: &RuleOptions) -> anyhow::Result<T> {
    if opts.is_empty() {
        return Ok(T::default());
    }
    T::deserialize(toml::Value::Table(opts.clone())).map_err(|e| anyhow::anyhow!("{}", e.message()))
}

/// All built-in rules, by id.
pub fn registry() -> &'static [RuleEntry] {
    crate::rules::REGISTRY
}

/// Looks a built-in rule up by id.
pub fn find(id: &str) -> Option<&'static RuleEntry> {
    registry().iter().find(|e| e.meta.id == id)
}

/// The closest rule id to `id`, for "did you mean" hints.
pub fn closest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(id, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A named set of rules for `--select`, `--extend-select`, `--ignore` and
/// their config keys.
#[derive(Debug)]
pub struct RuleGroup {
    /// The name used in place of a rule id.
    pub name: &'static str,
    /// One line for `prlint rules`.
    pub summary: &'static str,
    /// The member rules; empty for `all`, which stands for every rule.
    pub members: &'static [&'static str],
}

/// The rule groups. `style` holds checks of house style (off by default:
/// they report preferences, not defects); `all` is every rule.
pub static GROUPS: &[RuleGroup] = &[
    RuleGroup {
        name: "style",
        summary: "house-style checks, off by default: sentence and headline length",
        members: &["sentence-length", "headline-length"],
    },
    RuleGroup {
        name: "spelling",
        summary: "dictionary spelling (strict: near-certain typos only) and real-word typos",
        members: &["spelling"],
    },
    RuleGroup {
        name: "grammar",
        summary:
            "dictionary grammar: determiner and verb agreement (French, English, Dutch, German)",
        members: &["agreement"],
    },
    RuleGroup {
        name: "all",
        summary: "every rule, built-in and pack",
        members: &[],
    },
];

/// Looks a rule group up by name.
pub fn group(name: &str) -> Option<&'static RuleGroup> {
    GROUPS.iter().find(|g| g.name == name)
}

/// The groups a rule belongs to (`all` left out).
pub fn groups_of(id: &str) -> impl Iterator<Item = &'static str> + '_ {
    GROUPS
        .iter()
        .filter(move |g| g.members.contains(&id))
        .map(|g| g.name)
}

/// Whether a selector (a rule id or a group name) names rule `id`.
pub fn selects(selector: &str, id: &str) -> bool {
    selector == id
        || group(selector).is_some_and(|g| g.members.is_empty() || g.members.contains(&id))
}

/// Rule ids known to a run: built-in ones, then pack ones.
pub fn known_ids(extra: &BTreeMap<String, &'static RuleMeta>) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = registry().iter().map(|e| e.meta.id).collect();
    v.extend(extra.values().map(|m| m.id));
    v
}
