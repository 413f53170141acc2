//! Declarative rules: `[[rule]]` tables of the packs (`rules/*.toml`, embedded
//! in the binary, and the user's packs named by `packs = [...]` in the config).
//!
//! A pack rule has an id, a message, a severity, the languages and sections
//! it applies to, and a kind:
//! - `pattern`: a regex that must not appear (minus `exceptions`);
//! - `substitution`: wrong forms → preferred forms (`replace`), with a safe fix;
//! - `consistency`: `alternatives` that must not both appear in one release
//!   (or one language half of it);
//! - `required`: a `pattern` that must appear in the given sections.
//!
//! A rule may be extended by another pack (`extend = "placeholder"`): the
//! table adds a clause (its own pattern, languages, sections, message) to the
//! rule of that id. Regexes are checked for syntax when the pack is loaded
//! (a cheap parse) and compiled the first time a clause runs.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::config::{line_col, toml_error, Config, ConfigError};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, Document};
use crate::rule::{Context, Rule, RuleMeta};

/// The section and block names a rule's `sections` may list.
pub const SECTION_NAMES: &[&str] = &[
    "header",
    "title",
    "standfirst",
    "dateline",
    "lede",
    "body",
    "quote",
    "list-item",
    "heading",
    "contact",
    "about",
    "address",
    "end-mark",
    "footer",
    "front",
    "end",
];

/// What a pack rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A regex that must not appear.
    Pattern,
    /// Wrong forms with their preferred replacement.
    Substitution,
    /// Alternative spellings that must not both appear.
    Consistency,
    /// A regex that must appear in the given sections.
    Required,
}

impl Kind {
    /// The kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pattern => "pattern",
            Kind::Substitution => "substitution",
            Kind::Consistency => "consistency",
            Kind::Required => "required",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    words: Option<crate::lang::WordLists>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Option<Spanned<String>>,
    extend: Option<Spanned<String>>,
    kind: Option<Kind>,
    message: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    severity: Option<Severity>,
    languages: Option<Vec<Spanned<String>>>,
    sections: Option<Vec<Spanned<String>>>,
    pattern: Option<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    replace: Option<BTreeMap<String, String>>,
    alternatives: Option<Vec<String>>,
    #[serde(default)]
    ignore_case: bool,
    enabled: Option<bool>,
    #[serde(default)]
    examples: Vec<RawExample>,
}

#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
struct RawExample {
    bad: Option<String>,
    good: Option<String>,
}

/// An inline example of a pack rule, run by the test suite.
#[derive(Debug, Clone)]
pub struct Example {
    /// Text the rule must flag.
    pub bad: Option<String>,
    /// Text the rule must accept.
    pub good: Option<String>,
    /// Language the example is written in.
    pub lang: String,
}

/// A regex checked when loaded and compiled on first use.
#[derive(Debug)]
struct LazyRegex {
    src: String,
    ignore_case: bool,
    cell: OnceLock<Option<Regex>>,
    /// The literals every match holds (read before the first compilation).
    trigger: OnceLock<crate::regex_trigger::Trigger>,
}

impl LazyRegex {
    fn new(src: String, ignore_case: bool) -> Self {
        LazyRegex {
            src,
            ignore_case,
            cell: OnceLock::new(),
            trigger: OnceLock::new(),
        }
    }

    /// Whether `hay` may hold a match: always once compiled; before, whether
    /// it holds one of the literals every match holds. `false` means no
    /// match, without compiling the regex.
    fn may_match(&self, hay: &str) -> bool {
        self.cell.get().is_some()
            || self
                .trigger
                .get_or_init(|| crate::regex_trigger::Trigger::new(&self.src, self.ignore_case))
                .fires(hay)
    }

    /// Compiles the regex now; the reason when it cannot be (a pattern that
    /// parses can still exceed the compiled size limit).
    fn compile_now(&self) -> Result<(), String> {
        let mut failure = None;
        let compiled = self.cell.get_or_init(|| {
            match crate::regex_cache::timed(&self.src, || {
                RegexBuilder::new(&self.src)
                    .case_insensitive(self.ignore_case)
                    .build()
            }) {
                Ok(r) => Some(r),
                Err(e) => {
                    failure = Some(e.to_string());
                    None
                }
            }
        });
        match (compiled, failure) {
            (Some(_), _) => Ok(()),
            (None, Some(f)) => Err(f),
            (None, None) => Err("the pattern cannot be compiled".to_string()),
        }
    }

    /// The compiled regex (`None` only for an embedded pack's pattern that
    /// does not compile, which the pack tests rule out; user packs are
    /// compiled when loaded, see [`LazyRegex::compile_now`]).
    fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| {
                crate::regex_cache::timed(&self.src, || {
                    RegexBuilder::new(&self.src)
                        .case_insensitive(self.ignore_case)
                        .build()
                })
                .ok()
            })
            .as_ref()
    }
}

/// Which paragraphs a clause looks at.
#[derive(Debug, Clone, Default)]
struct Scope {
    /// Language codes; empty means every language.
    languages: Vec<String>,
    /// Block or section names; empty means every paragraph but metadata.
    sections: Vec<String>,
}

impl Scope {
    fn applies(&self, doc: &Document, para: usize) -> bool {
        let p = &doc.paragraphs()[para];
        if p.kind == BlockKind::Meta {
            return false;
        }
        if !self.languages.is_empty() && !self.languages.iter().any(|l| l == doc.lang_of(para)) {
            return false;
        }
        self.sections.is_empty()
            || self.sections.iter().any(|s| {
                s == p.kind.name()
                    || s == doc.section_kind(para).name()
                    || (s == "dateline" && p.dateline.is_some())
            })
    }

    /// The part of the paragraph the clause reads: the dateline alone when
    /// only datelines are selected.
    fn range(&self, doc: &Document, para: usize) -> std::ops::Range<usize> {
        let p = &doc.paragraphs()[para];
        if self.sections.len() == 1 && self.sections[0] == "dateline" {
            if let Some(d) = &p.dateline {
                return d.clone();
            }
        }
        p.span.clone()
    }
}

#[derive(Debug)]
enum Check {
    Pattern {
        regex: LazyRegex,
        exceptions: Vec<LazyRegex>,
    },
    Substitution {
        regex: LazyRegex,
        /// Lower-cased (when ignoring case) wrong form → preferred form.
        map: BTreeMap<String, String>,
    },
    Consistency {
        regex: LazyRegex,
        /// The alternatives, lower-cased when ignoring case.
        forms: Vec<String>,
    },
    Required {
        regex: LazyRegex,
    },
}

#[derive(Debug)]
struct Clause {
    scope: Scope,
    message: Option<String>,
    ignore_case: bool,
    check: Check,
}

/// One declarative rule, possibly extended by other packs.
#[derive(Debug, Clone)]
pub struct PackRule {
    meta: &'static RuleMeta,
    /// The pack that defines it.
    pub pack: String,
    /// Its kind.
    pub kind: Kind,
    message: String,
    clauses: Vec<Arc<Clause>>,
    /// Its inline examples (from every pack that contributes to it).
    pub examples: Vec<Example>,
    /// Packs that extend it.
    pub extended_by: Vec<String>,
}

impl PackRule {
    /// The rule's metadata (leaked once when the pack is loaded).
    pub fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    /// Patterns of the rule's clauses, for `prlint rule ID`.
    pub fn patterns(&self) -> Vec<String> {
        self.clauses
            .iter()
            .map(|c| {
                let langs = if c.scope.languages.is_empty() {
                    "all".to_string()
                } else {
                    c.scope.languages.join(",")
                };
                let what = match &c.check {
                    Check::Pattern { regex, .. } | Check::Required { regex } => regex.src.clone(),
                    Check::Substitution { map, .. } => map
                        .iter()
                        .map(|(w, p)| format!("{w} → {p}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                    Check::Consistency { forms, .. } => forms.join(" / "),
                };
                format!("[{langs}] {what}")
            })
            .collect()
    }
}

/// The pack rules of one run.
#[derive(Debug, Clone, Default)]
pub struct PackSet {
    rules: Vec<PackRule>,
    /// `[words]` of the user's packs, by language (`"common"` for a pack
    /// without `lang`); the embedded packs' words are loaded by
    /// [`crate::lang::Languages`].
    user_words: Vec<(String, crate::lang::WordLists)>,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn err(path: &str, text: &str, offset: Option<usize>, msg: String) -> ConfigError {
    match offset {
        Some(o) => {
            let (l, c) = line_col(text, o);
            ConfigError(format!("{path}:{l}:{c}: {msg}"))
        }
        None => ConfigError(format!("{path}: {msg}")),
    }
}

/// Checks a regex's syntax without compiling it; on error, the byte offset
/// (in the pack text) of the fault when it can be told, and a one-line reason.
fn check_regex(text: &str, s: &Spanned<String>, ignore_case: bool) -> Result<(), (usize, String)> {
    let mut parser = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build();
    let start = s.span().start;
    match parser.parse(s.get_ref()) {
        Ok(_) => Ok(()),
        Err(e) => {
            let (kind, off) = match &e {
                regex_syntax::Error::Parse(p) => (p.kind().to_string(), p.span().start.offset),
                regex_syntax::Error::Translate(t) => (t.kind().to_string(), t.span().start.offset),
                _ => (e.to_string(), 0),
            };
            // In a literal string ('…') the pattern's bytes are the file's.
            let at = if text[start..].starts_with('\'') && !text[start..].starts_with("'''") {
                start + 1 + off
            } else {
                start
            };
            Err((at, format!("invalid regex `{}`: {kind}", s.get_ref())))
        }
    }
}

/// Whether the match `m` in `text` stands as a whole word: no letter or
/// digit glued to either end where the form itself starts or ends with one.
fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let m = &text[start..end];
    let alnum = |c: char| c.is_alphanumeric();
    let before_ok = !m.chars().next().is_some_and(alnum)
        || !text[..start].chars().next_back().is_some_and(alnum);
    let after_ok =
        !m.chars().next_back().is_some_and(alnum) || !text[end..].chars().next().is_some_and(alnum);
    before_ok && after_ok
}

fn alternation(forms: impl Iterator<Item = String>) -> String {
    let mut v: Vec<String> = forms.collect();
    // Longest first, so "e-mail address" wins over "e-mail".
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.iter()
        .map(|f| regex::escape(f))
        .collect::<Vec<_>>()
        .join("|")
}

impl PackSet {
    /// The rules of the embedded packs, loaded once.
    pub fn builtin() -> &'static PackSet {
        &Self::embedded().0
    }

    /// The `[words]` of the embedded packs, in pack order, by language
    /// (`"common"` for the common pack): parsed with their rules, once.
    pub fn embedded_words() -> &'static [(String, crate::lang::WordLists)] {
        &Self::embedded().1
    }

    /// Every regex of the set's rules, as (pattern, case-insensitive flag):
    /// what their triggers are read from (the generated table of built-in
    /// patterns, `src/regex_trigger/known.rs`).
    pub fn regex_sources(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for r in &self.rules {
            for c in &r.clauses {
                let (regex, exceptions): (&LazyRegex, &[LazyRegex]) = match &c.check {
                    Check::Pattern { regex, exceptions } => (regex, exceptions),
                    Check::Substitution { regex, .. }
                    | Check::Consistency { regex, .. }
                    | Check::Required { regex } => (regex, &[]),
                };
                for x in std::iter::once(regex).chain(exceptions) {
                    out.push((x.src.clone(), x.ignore_case));
                }
            }
        }
        out
    }

    /// The embedded packs, parsed once per process: their rules and words.
    fn embedded() -> &'static (PackSet, Vec<(String, crate::lang::WordLists)>) {
        static EMBEDDED: LazyLock<(PackSet, Vec<(String, crate::lang::WordLists)>)> =
            LazyLock::new(|| {
                let mut set = PackSet::default();
                let mut words = Vec::new();
                for (name, text) in crate::lang::EMBEDDED_PACKS {
                    let (lang, w) = set
                        .add_pack_words(name, text, &[])
                        .expect("embedded packs are valid (tested)");
                    if let Some(w) = w {
                        words.push((lang.unwrap_or_else(|| "common".to_string()), w));
                    }
                }
                (set, words)
            });
        &EMBEDDED
    }

    /// The embedded packs plus the config's `packs` (paths relative to the
    /// config file). Errors name the pack with line and column.
    pub fn load(config: &Config) -> Result<PackSet, ConfigError> {
        let mut set = PackSet::builtin().clone();
        if config.packs.is_empty() {
            return Ok(set);
        }
        let base = config.base_dir();
        let builtin_ids: Vec<&str> = crate::rule::registry().iter().map(|e| e.meta.id).collect();
        for p in &config.packs {
            let path = base.join(p);
            let shown = if Path::new(p).is_absolute() {
                p.clone()
            } else {
                path.display().to_string()
            };
            let text = crate::config::read_settings_file(&path, "pack")
                .map_err(|e| ConfigError(e.replacen(&path.display().to_string(), &shown, 1)))?;
            let (lang, words) = set.add_pack_words(&shown, &text, &builtin_ids)?;
            if let Some(w) = words {
                let lang = lang.unwrap_or_else(|| "common".to_string()).to_lowercase();
                set.user_words.push((lang, w));
            }
        }
        Ok(set)
    }

    /// Parses one pack and adds its rules. `reserved` are ids a pack may not take.
    pub fn add_pack(
        &mut self,
        path: &str,
        text: &str,
        reserved: &[&str],
    ) -> Result<(), ConfigError> {
        self.add_pack_words(path, text, reserved).map(|_| ())
    }

    /// [`PackSet::add_pack`], returning the pack's `lang` and `[words]`
    /// (one TOML parse for both).
    fn add_pack_words(
        &mut self,
        path: &str,
        text: &str,
        reserved: &[&str],
    ) -> Result<(Option<String>, Option<crate::lang::WordLists>), ConfigError> {
        let raw: RawPack =
            toml::from_str(text).map_err(|e| toml_error(Path::new(path), text, &e))?;
        let pack_lang = raw.lang.clone();
        for r in raw.rule {
            self.add_rule(path, text, pack_lang.as_deref(), r, reserved)?;
        }
        Ok((raw.lang, raw.words))
    }

    fn add_rule(
        &mut self,
        path: &str,
        text: &str,
        pack_lang: Option<&str>,
        r: RawRule,
        reserved: &[&str],
    ) -> Result<(), ConfigError> {
        let e = |off: Option<usize>, msg: String| err(path, text, off, msg);
        for l in r.languages.iter().flatten() {
            if !crate::config::is_lang_code(&l.get_ref().to_lowercase()) {
                return Err(e(
                    Some(l.span().start),
                    format!(
                        "`{}` is not a language code (use e.g. `fr`, `nl`, `en`, `de`)",
                        l.get_ref()
                    ),
                ));
            }
        }
        let languages: Vec<String> = match (&r.languages, pack_lang) {
            (Some(l), _) => l.iter().map(|s| s.get_ref().to_lowercase()).collect(),
            (None, Some(l)) => vec![l.to_string()],
            (None, None) => Vec::new(),
        };
        let mut sections = Vec::new();
        for s in r.sections.iter().flatten() {
            if !SECTION_NAMES.contains(&s.get_ref().as_str()) {
                let hint = crate::rule::closest(s.get_ref(), SECTION_NAMES.iter().copied())
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                return Err(e(
                    Some(s.span().start),
                    format!(
                        "unknown section `{}`{hint}; expected one of {}",
                        s.get_ref(),
                        SECTION_NAMES.join(", ")
                    ),
                ));
            }
            sections.push(s.get_ref().clone());
        }
        let scope = Scope {
            languages: languages.clone(),
            sections,
        };
        // Which rule this table defines or extends.
        let (target, is_extension) = match (&r.id, &r.extend) {
            (Some(id), None) => (id, false),
            (None, Some(ext)) => (ext, true),
            (Some(id), Some(_)) => {
                return Err(e(
                    Some(id.span().start),
                    "a rule has either `id` or `extend`, not both".into(),
                ))
            }
            (None, None) => {
                return Err(e(
                    None,
                    "a [[rule]] needs an `id` (or `extend = \"ID\"` to add to a rule)".into(),
                ))
            }
        };
        let id = target.get_ref().clone();
        let id_at = Some(target.span().start);
        let existing = self.rules.iter().position(|p| p.meta.id == id);
        let kind = if is_extension {
            let Some(i) = existing else {
                let hint = crate::rule::closest(&id, self.rules.iter().map(|p| p.meta.id))
                    .map(|h| format!(" (did you mean `{h}`?)"))
                    .unwrap_or_default();
                return Err(e(id_at, format!("`extend`: no pack rule `{id}`{hint}")));
            };
            let base = self.rules[i].kind;
            if r.kind.is_some_and(|k| k != base) {
                return Err(e(
                    id_at,
                    format!(
                        "`{id}` is a {} rule; its extension cannot change the kind",
                        base.name()
                    ),
                ));
            }
            base
        } else {
            if existing.is_some() || reserved.contains(&id.as_str()) {
                let first = existing
                    .map(|i| format!(" (first defined in {})", self.rules[i].pack))
                    .unwrap_or_else(|| " (a built-in rule)".to_string());
                return Err(e(id_at, format!("duplicate rule id `{id}`{first}")));
            }
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/')
            {
                return Err(e(
                    id_at,
                    format!("rule id `{id}` must be kebab-case (a-z, 0-9, -)"),
                ));
            }
            r.kind.ok_or_else(|| {
                e(
                    id_at,
                    format!("rule `{id}` needs a `kind` (pattern, substitution, consistency or required)"),
                )
            })?
        };
        let ic = r.ignore_case;
        let need_pattern = |what: &str| -> Result<&Spanned<String>, ConfigError> {
            let p = r
                .pattern
                .as_ref()
                .ok_or_else(|| e(id_at, format!("a {what} rule needs a `pattern`")))?;
            // Embedded packs (no reserved ids) are checked by their tests:
            // parsing all their patterns was a twentieth of a one-file run.
            if !reserved.is_empty() {
                check_regex(text, p, ic).map_err(|(at, m)| e(Some(at), m))?;
            }
            Ok(p)
        };
        let check = match kind {
            Kind::Pattern | Kind::Required => {
                let p = need_pattern(kind.name())?;
                let mut exceptions = Vec::new();
                for x in &r.exceptions {
                    if !reserved.is_empty() {
                        check_regex(text, x, ic).map_err(|(at, m)| e(Some(at), m))?;
                    }
                    exceptions.push(LazyRegex::new(x.get_ref().clone(), ic));
                }
                let regex = LazyRegex::new(p.get_ref().clone(), ic);
                if kind == Kind::Pattern {
                    Check::Pattern { regex, exceptions }
                } else {
                    Check::Required { regex }
                }
            }
            Kind::Substitution => {
                let map = r
                    .replace
                    .clone()
                    .filter(|m| !m.is_empty() && m.keys().all(|k| !k.is_empty()))
                    .ok_or_else(|| {
                        e(
                            id_at,
                            "a substitution rule needs `replace = { \"wrong\" = \"preferred\" }`"
                                .into(),
                        )
                    })?;
                let map: BTreeMap<String, String> = map
                    .into_iter()
                    .map(|(k, v)| (if ic { k.to_lowercase() } else { k }, v))
                    .collect();
                Check::Substitution {
                    regex: LazyRegex::new(alternation(map.keys().cloned()), ic),
                    map,
                }
            }
            Kind::Consistency => {
                let forms: Vec<String> = r
                    .alternatives
                    .clone()
                    .filter(|a| a.len() >= 2 && a.iter().all(|s| !s.is_empty()))
                    .ok_or_else(|| {
                        e(
                            id_at,
                            "a consistency rule needs `alternatives` (two or more forms)".into(),
                        )
                    })?
                    .into_iter()
                    .map(|s| if ic { s.to_lowercase() } else { s })
                    .collect();
                Check::Consistency {
                    regex: LazyRegex::new(alternation(forms.iter().cloned()), ic),
                    forms,
                }
            }
        };
        if !reserved.is_empty() {
            // A user pack: compile every regex now, so that one too big to
            // compile stops the run instead of silently disabling its rule.
            let at = |pat: Option<&Spanned<String>>| pat.map(|p| p.span().start).or(id_at);
            let failed = match &check {
                Check::Pattern { regex, exceptions } => regex
                    .compile_now()
                    .map_err(|m| (at(r.pattern.as_ref()), m))
                    .and_then(|_| {
                        for (x, raw) in exceptions.iter().zip(&r.exceptions) {
                            x.compile_now().map_err(|m| (Some(raw.span().start), m))?;
                        }
                        Ok(())
                    }),
                Check::Required { regex } => {
                    regex.compile_now().map_err(|m| (at(r.pattern.as_ref()), m))
                }
                Check::Substitution { regex, .. } | Check::Consistency { regex, .. } => {
                    regex.compile_now().map_err(|m| (id_at, m))
                }
            };
            if let Err((off, m)) = failed {
                let reason = m
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("")
                    .trim();
                return Err(e(off, format!("the regex cannot be compiled: {reason}")));
            }
        }
        let clause = Arc::new(Clause {
            scope,
            message: r.message.clone(),
            ignore_case: ic,
            check,
        });
        let example_lang = languages
            .first()
            .cloned()
            .unwrap_or_else(|| "en".to_string());
        let examples: Vec<Example> = r
            .examples
            .iter()
            .map(|x| Example {
                bad: x.bad.clone(),
                good: x.good.clone(),
                lang: example_lang.clone(),
            })
            .collect();
        if let Some(i) = existing.filter(|_| is_extension) {
            let rule = &mut self.rules[i];
            rule.clauses.push(clause);
            rule.examples.extend(examples);
            if !rule.extended_by.iter().any(|p| p == path) && rule.pack != path {
                rule.extended_by.push(path.to_string());
            }
            // The rule now also runs on the extension's languages.
            let mut langs: Vec<&'static str> = rule.meta.languages.to_vec();
            if !langs.is_empty() {
                if languages.is_empty() {
                    langs.clear();
                } else {
                    for l in &languages {
                        if !langs.contains(&l.as_str()) {
                            langs.push(leak(l.clone()));
                        }
                    }
                }
                if langs.len() != rule.meta.languages.len() {
                    let m = rule.meta;
                    rule.meta = Box::leak(Box::new(RuleMeta {
                        languages: Box::leak(langs.into_boxed_slice()),
                        ..*m
                    }));
                }
            }
            return Ok(());
        }
        let message = r
            .message
            .clone()
            .ok_or_else(|| e(id_at, format!("rule `{id}` needs a `message`")))?;
        let summary = r.summary.clone().unwrap_or_else(|| message.clone());
        let explanation = explanation(&r, kind, &message, path);
        let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
            id: leak(id),
            default_severity: r.severity.unwrap_or(Severity::Warning),
            languages: Box::leak(
                languages
                    .iter()
                    .map(|l| leak(l.clone()))
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            ),
            summary: leak(summary),
            explanation: leak(explanation),
            fixable: kind == Kind::Substitution,
            default_enabled: r.enabled.unwrap_or(true),
        }));
        self.rules.push(PackRule {
            meta,
            pack: path.to_string(),
            kind,
            message,
            clauses: vec![clause],
            examples,
            extended_by: Vec::new(),
        });
        Ok(())
    }

    /// The word lists of the user's packs, by language.
    pub fn user_words(&self) -> &[(String, crate::lang::WordLists)] {
        &self.user_words
    }

    /// Every pack rule.
    pub fn rules(&self) -> &[PackRule] {
        &self.rules
    }

    /// A pack rule by id.
    pub fn find(&self, id: &str) -> Option<&PackRule> {
        self.rules.iter().find(|r| r.meta.id == id)
    }

    /// Ids of every pack rule.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rules.iter().map(|r| r.meta.id)
    }
}

fn explanation(r: &RawRule, kind: Kind, message: &str, path: &str) -> String {
    let mut s = String::from("## What it does\n");
    s.push_str(r.description.as_deref().unwrap_or(message));
    s.push_str(&format!(
        "\n\nA declarative `{}` rule from the pack `{path}`.\n",
        kind.name()
    ));
    if !r.examples.is_empty() {
        s.push_str("\n## Example\n");
        for x in &r.examples {
            if let Some(b) = &x.bad {
                s.push_str(&format!("    bad:  {b}\n"));
            }
            if let Some(g) = &x.good {
                s.push_str(&format!("    good: {g}\n"));
            }
        }
    }
    s.push_str("\n## Options\nNone beyond `severity` and `enabled`; extend it from a pack of yours with\n`[[rule]] extend = \"ID\"` and a pattern of your own.\n");
    s.push_str("\n## Fix safety\n");
    s.push_str(if kind == Kind::Substitution {
        "Safe: replaces the wrong form with the preferred one.\n"
    } else {
        "No fix.\n"
    });
    s
}

fn fill(template: &str, matched: &str, preferred: &str) -> String {
    let short: String = if matched.chars().count() > 60 {
        matched.chars().take(57).chain("…".chars()).collect()
    } else {
        matched.to_string()
    };
    template
        .replace("{match}", &short)
        .replace("{preferred}", preferred)
}

/// Keeps the capital of `wrong`'s first letter on `preferred`.
fn match_case(wrong: &str, preferred: &str) -> String {
    let upper = wrong.chars().next().is_some_and(char::is_uppercase);
    let mut c = preferred.chars();
    match c.next() {
        Some(f) if upper && f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => preferred.to_string(),
    }
}

/// A pack rule as a [`Rule`].
pub struct PackRunner(pub PackRule);

impl Rule for PackRunner {
    fn meta(&self) -> &'static RuleMeta {
        self.0.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for c in &self.0.clauses {
            let msg = c.message.as_deref().unwrap_or(&self.0.message);
            run_clause(self.0.meta, c, msg, cx.doc, out);
        }
    }
}

fn run_clause(
    meta: &'static RuleMeta,
    c: &Clause,
    msg: &str,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
) {
    let text = doc.text();
    let paras: Vec<usize> = (0..doc.paragraphs().len())
        .filter(|&i| c.scope.applies(doc, i))
        .collect();
    if paras.is_empty() {
        return;
    }
    match &c.check {
        Check::Pattern { regex, exceptions } => {
            for &i in &paras {
                let r = c.scope.range(doc, i);
                let s = &text[r.clone()];
                // Compiled only for a paragraph that may hold a match.
                if !regex.may_match(s) {
                    continue;
                }
                let Some(re) = regex.get() else { return };
                let has_hit = re.capture_names().any(|n| n == Some("hit"));
                for whole in re.find_iter(s) {
                    // A group named `hit` narrows the reported span (captures
                    // are slower: asked only where something matched).
                    let m = if has_hit {
                        re.captures_at(s, whole.start())
                            .and_then(|c| c.name("hit"))
                            .filter(|h| h.start() >= whole.start() && h.end() <= whole.end())
                            .unwrap_or(whole)
                    } else {
                        whole
                    };
                    if m.is_empty() {
                        continue;
                    }
                    let excepted = exceptions.iter().filter_map(LazyRegex::get).any(|x| {
                        x.find_iter(s)
                            .any(|e| e.start() <= m.start() && m.end() <= e.end())
                    });
                    if !excepted {
                        let span = r.start + m.start()..r.start + m.end();
                        out.push(Diagnostic::new(meta, span, fill(msg, m.as_str(), "")));
                    }
                }
            }
        }
        Check::Substitution { regex, map } => {
            for &i in &paras {
                let r = c.scope.range(doc, i);
                let s = &text[r.clone()];
                if !regex.may_match(s) {
                    continue;
                }
                let Some(re) = regex.get() else { return };
                for m in re.find_iter(s) {
                    if !word_bounded(s, m.start(), m.end()) {
                        continue;
                    }
                    let key = if c.ignore_case {
                        m.as_str().to_lowercase()
                    } else {
                        m.as_str().to_string()
                    };
                    let Some(pref) = map.get(&key) else { continue };
                    let pref = match_case(m.as_str(), pref);
                    let span = r.start + m.start()..r.start + m.end();
                    out.push(
                        Diagnostic::new(meta, span.clone(), fill(msg, m.as_str(), &pref))
                            .with_label(format!("write `{pref}`"))
                            .with_fix(Fix::safe(vec![Edit::replace(span, pref)])),
                    );
                }
            }
        }
        Check::Consistency { regex, forms } => {
            // Counted per language half.
            let mut by_region: BTreeMap<usize, Vec<(usize, std::ops::Range<usize>)>> =
                BTreeMap::new();
            for &i in &paras {
                let r = c.scope.range(doc, i);
                let s = &text[r.clone()];
                if !regex.may_match(s) {
                    continue;
                }
                let Some(re) = regex.get() else { return };
                for m in re.find_iter(s) {
                    if !word_bounded(s, m.start(), m.end()) {
                        continue;
                    }
                    let key = if c.ignore_case {
                        m.as_str().to_lowercase()
                    } else {
                        m.as_str().to_string()
                    };
                    if let Some(f) = forms.iter().position(|x| *x == key) {
                        by_region
                            .entry(doc.paragraphs()[i].region)
                            .or_default()
                            .push((f, r.start + m.start()..r.start + m.end()));
                    }
                }
            }
            for hits in by_region.values() {
                let mut count = vec![0usize; forms.len()];
                for (f, _) in hits {
                    count[*f] += 1;
                }
                if count.iter().filter(|&&n| n > 0).count() < 2 {
                    continue;
                }
                // The majority form wins; on a tie, the one written first.
                let first_at = |f: usize| hits.iter().position(|h| h.0 == f).unwrap_or(usize::MAX);
                let major = (0..forms.len())
                    .filter(|&f| count[f] > 0)
                    .max_by_key(|&f| (count[f], std::cmp::Reverse(first_at(f))))
                    .unwrap_or(0);
                let Some(first_major) = hits.iter().find(|h| h.0 == major) else {
                    continue;
                };
                let major_text = &text[first_major.1.clone()];
                for (f, span) in hits.iter().filter(|h| h.0 != major) {
                    let _ = f;
                    let found = &text[span.clone()];
                    let m = fill(msg, found, major_text);
                    out.push(
                        Diagnostic::new(meta, span.clone(), m)
                            .with_label(format!("`{found}` here"))
                            .with_secondary(
                                first_major.1.clone(),
                                format!("`{major_text}` is the form used most ({}×)", count[major]),
                            )
                            .with_fix(Fix::unsafe_(vec![Edit::replace(
                                span.clone(),
                                match_case(found, major_text),
                            )])),
                    );
                }
            }
        }
        Check::Required { regex } => {
            let Some(re) = regex.get() else { return };
            // Each language half must hold the pattern in its selected sections.
            let mut by_region: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &i in &paras {
                by_region
                    .entry(doc.paragraphs()[i].region)
                    .or_default()
                    .push(i);
            }
            for list in by_region.values() {
                let found = list
                    .iter()
                    .any(|&i| re.is_match(&text[c.scope.range(doc, i)]));
                if !found {
                    let first = list[0];
                    let last = *list.last().unwrap_or(&first);
                    let span = doc.paragraphs()[first].span.start..doc.paragraphs()[last].span.end;
                    let where_ = c.scope.sections.join(", ");
                    out.push(Diagnostic::new(meta, span, fill(msg, "", "")).with_label(
                        if where_.is_empty() {
                            "not found in the release".to_string()
                        } else {
                            format!("not found in: {where_}")
                        },
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// Runs the inline examples of every pack rule of `config` (embedded packs
/// and the config's own); returns one line per failure.
pub fn run_examples(config: &Config) -> Vec<String> {
    use crate::linter::{Linter, Overrides};
    let mut failures = Vec::new();
    let set = match PackSet::load(config) {
        Ok(s) => s,
        Err(e) => return vec![e.0],
    };
    for r in set.rules() {
        let id = r.meta.id;
        let linter = match Linter::new(
            config,
            &Overrides {
                select: Some(vec![id.to_string()]),
                ..Default::default()
            },
        ) {
            Ok(l) => l,
            Err(e) => return vec![e.to_string()],
        };
        for x in &r.examples {
            let lint = |t: &str| {
                linter
                    .lint(
                        crate::source::Source::new("example.txt", t.to_string()),
                        &x.lang,
                    )
                    .1
            };
            if let Some(bad) = &x.bad {
                if lint(bad).is_empty() {
                    failures.push(format!("{id}: bad example not flagged: {bad:?}"));
                }
            }
            if let Some(good) = &x.good {
                let d = lint(good);
                if !d.is_empty() {
                    failures.push(format!(
                        "{id}: good example flagged: {good:?} ({})",
                        d[0].message
                    ));
                }
            }
        }
    }
    failures
}
