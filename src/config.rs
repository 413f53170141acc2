//! `prlint.toml`: found from the current directory upwards, or given with
//! `--config`. Unknown keys and rule ids are errors with a suggestion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::lang::WordLists;

/// Diagnostics of one rule shown per file unless configured.
pub const DEFAULT_MAX_PER_RULE: usize = 50;

/// The largest config, pack or baseline file prlint reads (1 MiB): such
/// files are a few kilobytes, and a path to `/dev/zero` or a huge file must
/// fail clearly rather than exhaust memory.
pub const MAX_SETTINGS_FILE: u64 = 1 << 20;

/// Checks that `path` is a regular file no larger than
/// [`MAX_SETTINGS_FILE`]; `what` names it in the error ("config", "pack").
pub fn check_settings_file(path: &Path, what: &str) -> Result<(), String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("{}: cannot read {what}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!(
            "{}: cannot read {what}: not a regular file",
            path.display()
        ));
    }
    if meta.len() > MAX_SETTINGS_FILE {
        return Err(format!(
            "{}: {what} is larger than 1 MiB ({} bytes); is it the right file?",
            path.display(),
            meta.len()
        ));
    }
    Ok(())
}

/// Reads a config or pack file: a regular file of at most
/// [`MAX_SETTINGS_FILE`] bytes, in UTF-8.
pub fn read_settings_file(path: &Path, what: &str) -> Result<String, String> {
    use std::io::Read;
    check_settings_file(path, what)?;
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SETTINGS_FILE + 1).read_to_string(&mut text))
        .map_err(|e| format!("{}: cannot read {what}: {e}", path.display()))?;
    if text.len() as u64 > MAX_SETTINGS_FILE {
        return Err(format!("{}: {what} is larger than 1 MiB", path.display()));
    }
    Ok(text)
}

/// The file name looked for.
pub const FILE_NAME: &str = "prlint.toml";

/// The configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Default release language ("fr", "nl", "en", "de"…).
    #[serde(default)]
    pub lang: Option<String>,
    /// Candidate languages for detection (default fr, nl, en, de).
    #[serde(default)]
    pub languages: Option<Vec<String>>,
    /// Languages allowed beside the release language (a bilingual office).
    #[serde(default)]
    pub bilingual: Vec<String>,
    /// Globs of files to check inside directories (default `**/*.txt`, `**/*.md`).
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to skip.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Run only these rules.
    #[serde(default)]
    pub select: Option<Vec<String>>,
    /// Run these rules or groups (`style`) too, beside the defaults.
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Never run these rules.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Per-rule settings: `"off"`, a severity, or a table with `severity`,
    /// `enabled` and the rule's options.
    #[serde(default)]
    pub rules: BTreeMap<String, toml::Value>,
    /// Extra words per language (`[words.fr]`, `[words.common]`).
    #[serde(default)]
    pub words: BTreeMap<String, WordLists>,
    /// Per-file overrides.
    #[serde(default)]
    pub per_file: Vec<PerFile>,
    // People and titles
    /// The officials register (`[[officials]]`): canonical names and titles.
    #[serde(default)]
    pub officials: Vec<crate::people::register::Official>,

    // Languages and packs
    /// Extra rule packs (`[[rule]]` tables), relative to the config file.
    #[serde(default)]
    pub packs: Vec<String>,

    // Workflow
    /// The lowest severity that fails `prlint check` (default `error`);
    /// `--fail-on` overrides it.
    #[serde(default)]
    pub fail_on: Option<Severity>,

    /// `[spelling]`: dictionary paths and accepted words.
    #[serde(default)]
    pub spelling: crate::spell::SpellingConfig,

    // Validator
    /// `[template]`: the office's release template.
    #[serde(default)]
    pub template: Option<crate::office::TemplateConfig>,
    /// `[contact]`: e-mail domains, phone region and format.
    #[serde(default)]
    pub contact: crate::office::ContactConfig,
    /// Fail a release whose embargo has not passed (`--now` or today).
    #[serde(default)]
    pub embargo_gate: bool,
    /// The office's time zone ("Europe/Brussels"): an embargo time written
    /// without a zone is read in it.
    #[serde(default)]
    pub time_zone: Option<crate::office::OfficeTimeZone>,
    /// `[parity]` / `[[parity]]`: which files are language versions of one
    /// release, and which languages every release must exist in.
    #[serde(default)]
    pub parity: crate::parity::pairing::ParityConfig,
    /// At most this many diagnostics of one rule in one file, then one
    /// summary diagnostic (default [`DEFAULT_MAX_PER_RULE`]; 0 = no limit);
    /// `--max-per-rule` overrides it.
    #[serde(default)]
    pub max_per_rule: Option<usize>,
    /// Where the file was read from (not a key).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// `[[per-file]]`: settings for the files a glob matches.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PerFile {
    /// The glob, relative to the config file's folder.
    pub glob: String,
    /// The language of the matching files.
    #[serde(default)]
    pub lang: Option<String>,
    /// Rules not run on the matching files.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Second languages allowed in the matching files.
    #[serde(default)]
    pub bilingual: Vec<String>,
}

/// A configuration error, already formatted with the path and position.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Every key and string value of a TOML document with the byte offset
/// where it is written, in document order: what errors found after
/// deserializing point at (never at a comment that happens to hold the same
/// word).
#[derive(Debug, Default)]
pub struct KeySpans(Vec<(String, usize)>);

impl KeySpans {
    /// Reads the keys and string values of `text` with their offsets
    /// (empty when the text is not TOML: that error is reported elsewhere).
    pub fn parse(text: &str) -> KeySpans {
        let mut out = Vec::new();
        if let Ok(doc) = toml_edit::ImDocument::parse(text) {
            table_spans(doc.as_table(), &mut out);
        }
        out.sort_by_key(|(_, at)| *at);
        KeySpans(out)
    }

    /// Offset of the first key or string value equal to `needle`.
    pub fn find(&self, needle: &str) -> Option<usize> {
        self.0.iter().find(|(s, _)| s == needle).map(|(_, at)| *at)
    }
}

fn table_spans(t: &dyn toml_edit::TableLike, out: &mut Vec<(String, usize)>) {
    for (k, item) in t.iter() {
        if let Some((key, _)) = t.get_key_value(k) {
            if let Some(span) = key.span() {
                out.push((k.to_string(), span.start));
            }
        }
        item_spans(item, out);
    }
}

fn item_spans(item: &toml_edit::Item, out: &mut Vec<(String, usize)>) {
    match item {
        toml_edit::Item::Value(v) => value_spans(v, out),
        toml_edit::Item::Table(t) => table_spans(t, out),
        toml_edit::Item::ArrayOfTables(a) => {
            for t in a.iter() {
                table_spans(t, out);
            }
        }
        toml_edit::Item::None => {}
    }
}

fn value_spans(v: &toml_edit::Value, out: &mut Vec<(String, usize)>) {
    match v {
        toml_edit::Value::String(s) => {
            if let Some(span) = s.span() {
                // Inside the quotes, at the value itself.
                out.push((s.value().clone(), span.start + 1));
            }
        }
        toml_edit::Value::Array(a) => {
            for x in a.iter() {
                value_spans(x, out);
            }
        }
        toml_edit::Value::InlineTable(t) => table_spans(t, out),
        _ => {}
    }
}

/// Formats a TOML error as `path:line:col: message` with a suggestion for an
/// unknown field.
pub fn toml_error(path: &Path, text: &str, err: &toml::de::Error) -> ConfigError {
    let msg = err.message().trim().to_string();
    let mut out = match err.span() {
        Some(span) => {
            // A value named in the message ("unknown template section
            // `standfrist`") inside the reported array: point at it.
            let named = msg.split('`').nth(1).filter(|n| !n.is_empty());
            let start = named
                .and_then(|n| text.get(span.clone())?.find(&format!("\"{n}")))
                .map_or(span.start, |i| span.start + i);
            let (l, c) = line_col(text, start);
            format!("{}:{l}:{c}: {msg}", path.display())
        }
        None => format!("{}: {msg}", path.display()),
    };
    if let Some(hint) = unknown_field_hint(&msg) {
        out.push_str(&format!(" (did you mean `{hint}`?)"));
    }
    ConfigError(out.replace('\n', " "))
}

/// From serde's "unknown field `x`, expected one of `a`, `b`" message, the
/// closest expected name.
pub fn unknown_field_hint(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    crate::rule::closest(field, expected.into_iter()).map(str::to_string)
}

impl Config {
    /// Parses a config file's text.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        cfg.path = Some(path.to_path_buf());
        cfg.validate(text)?;
        Ok(cfg)
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = read_settings_file(path, "config").map_err(ConfigError)?;
        Config::parse(path, &text)
    }

    /// Finds `prlint.toml` in `start` or its parents.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// The folder the config's relative paths and globs start from.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    fn err_at(&self, text: &str, key: &str, msg: String) -> ConfigError {
        let p = self
            .path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| FILE_NAME.to_string());
        match KeySpans::parse(text).find(key) {
            Some(off) => {
                let (l, c) = line_col(text, off);
                ConfigError(format!("{p}:{l}:{c}: {msg}"))
            }
            None => ConfigError(format!("{p}: {msg}")),
        }
    }

    /// Checks rule ids, severities and rule options against the registry.
    fn validate(&self, text: &str) -> Result<(), ConfigError> {
        let packs = crate::rule::pack::PackSet::load(self)?;
        let mut ids: Vec<&str> = crate::rule::registry().iter().map(|e| e.meta.id).collect();
        ids.extend(packs.ids());
        ids.extend(crate::rule::GROUPS.iter().map(|g| g.name));
        let check_id = |id: &str| -> Result<(), ConfigError> {
            if ids.contains(&id) {
                return Ok(());
            }
            let hint = crate::rule::closest(id, ids.iter().copied())
                .map(|h| format!(" (did you mean `{h}`?)"))
                .unwrap_or_default();
            Err(self.err_at(text, id, format!("unknown rule `{id}`{hint}")))
        };
        let chosen = self.select.iter().flatten().chain(&self.extend_select);
        for id in chosen.chain(&self.ignore) {
            check_id(id)?;
        }
        for pf in &self.per_file {
            for id in &pf.ignore {
                check_id(id)?;
            }
            globset::Glob::new(&pf.glob).map_err(|e| {
                self.err_at(text, &pf.glob, format!("invalid glob `{}`: {e}", pf.glob))
            })?;
        }
        for g in self.include.iter().chain(&self.exclude) {
            globset::Glob::new(g)
                .map_err(|e| self.err_at(text, g, format!("invalid glob `{g}`: {e}")))?;
        }
        for (id, value) in &self.rules {
            if crate::rule::group(id).is_some() {
                let msg =
                    format!("[rules.{id}]: `{id}` is a group; configure its rules one by one");
                return Err(self.err_at(text, id, msg));
            }
            check_id(id)?;
            let setting = RuleSetting::from_value(value)
                .map_err(|m| self.err_at(text, id, format!("[rules.{id}]: {m}")))?;
            if let Some(entry) = crate::rule::find(id) {
                let langs = crate::lang::Languages::builtin();
                (entry.build)(&setting.options, langs)
                    .map_err(|e| self.err_at(text, id, format!("[rules.{id}]: {e}")))?;
            } else if let Some(k) = setting.options.keys().next() {
                return Err(self.err_at(
                    text,
                    id,
                    format!("[rules.{id}]: unknown option `{k}` (pack rules take only `severity` and `enabled`)"),
                ));
            }
        }
        for (lang, lists) in &self.words {
            // A confusion the rule cannot read would be skipped at run
            // time: refuse it here, with its place.
            for entry in &lists.spelling_confusions {
                if crate::rules::spelling_confusions::Confusion::parse(entry).is_none() {
                    return Err(self.err_at(
                        text,
                        entry,
                        format!("[words.{lang}] spelling-confusions: cannot read `{entry}` (words separated by spaces, alternatives by `/`, one `typo=>correction`)"),
                    ));
                }
            }
            if lang != "common" && !is_lang_code(lang) {
                return Err(self.err_at(
                    text,
                    lang,
                    format!("[words.{lang}]: not a language code (use e.g. `fr`, `nl`, `en`, `de`, or `common`)"),
                ));
            }
        }
        self.validate_officials(text)?;
        let codes = self
            .bilingual
            .iter()
            .chain(self.languages.iter().flatten())
            .chain(
                self.per_file
                    .iter()
                    .flat_map(|p| p.bilingual.iter().chain(&p.lang)),
            );
        for l in codes {
            if !is_lang_code(l) {
                return Err(self.err_at(
                    text,
                    l,
                    format!("`{l}` is not a language code (use e.g. `fr`, `nl`, `en`, `de`)"),
                ));
            }
        }
        if let Some(l) = &self.lang {
            if !is_lang_tag(l) {
                return Err(self.err_at(
                    text,
                    "lang",
                    format!("`lang = \"{l}\"` is not a language code"),
                ));
            }
        }
        Ok(())
    }

    /// Checks `[[officials]]` (names, titles, language codes).
    fn validate_officials(&self, text: &str) -> Result<(), ConfigError> {
        let p = self
            .path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| FILE_NAME.to_string());
        let mut langs: Vec<&str> = crate::lang::Languages::builtin().codes().collect();
        langs.extend(
            self.words
                .keys()
                .map(String::as_str)
                .filter(|l| is_lang_code(l)),
        );
        crate::people::register::validate(&self.officials, text, &p, &langs)
    }

    /// The `[[per-file]]` entries whose glob matches `path` (relative to the
    /// config's folder, or by file name).
    pub fn per_file_matching<'a>(
        &'a self,
        path: &'a Path,
    ) -> impl Iterator<Item = &'a PerFile> + 'a {
        let base = self.base_dir();
        let rel = path.strip_prefix(&base).unwrap_or(path).to_path_buf();
        let rel = rel.strip_prefix("./").map(Path::to_path_buf).unwrap_or(rel);
        self.per_file.iter().filter(move |pf| {
            globset::Glob::new(&pf.glob)
                .map(|g| {
                    let m = g.compile_matcher();
                    m.is_match(&rel) || path.file_name().is_some_and(|n| m.is_match(n))
                })
                .unwrap_or(false)
        })
    }

    /// The setting of rule `id`, if configured.
    pub fn rule_setting(&self, id: &str) -> Option<RuleSetting> {
        self.rules
            .get(id)
            .and_then(|v| RuleSetting::from_value(v).ok())
    }
}

/// Whether `s` is a plausible ISO 639-1 code.
pub fn is_lang_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether `s` is a language code with an optional region ("en",
/// "en-GB", "de_AT"): the region picks the spelling dictionary.
pub fn is_lang_tag(s: &str) -> bool {
    match s.split_once(['-', '_']) {
        Some((l, r)) => {
            is_lang_code(l) && r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic())
        }
        None => is_lang_code(s),
    }
}

/// One rule's resolved setting.
#[derive(Debug, Clone, Default)]
pub struct RuleSetting {
    /// `Some(false)` when turned off.
    pub enabled: Option<bool>,
    /// Severity override.
    pub severity: Option<Severity>,
    /// The rule's own options.
    pub options: toml::Table,
}

impl RuleSetting {
    /// Reads `"off"`, `"warning"` or a table.
    pub fn from_value(v: &toml::Value) -> Result<RuleSetting, String> {
        match v {
            toml::Value::String(s) if s == "off" => Ok(RuleSetting {
                enabled: Some(false),
                ..Default::default()
            }),
            toml::Value::String(s) if s == "on" => Ok(RuleSetting {
                enabled: Some(true),
                ..Default::default()
            }),
            toml::Value::String(s) => Severity::parse(s)
                .map(|sev| RuleSetting {
                    enabled: Some(true),
                    severity: Some(sev),
                    ..Default::default()
                })
                .ok_or_else(|| format!("`{s}` is not one of off, on, error, warning, info")),
            toml::Value::Boolean(b) => Ok(RuleSetting {
                enabled: Some(*b),
                ..Default::default()
            }),
            toml::Value::Table(t) => {
                let mut options = t.clone();
                let severity = match options.remove("severity") {
                    None => None,
                    Some(toml::Value::String(s)) => Some(Severity::parse(&s).ok_or_else(|| {
                        format!("severity `{s}` is not one of error, warning, info")
                    })?),
                    Some(other) => {
                        return Err(format!(
                            "severity must be a string, not {}",
                            other.type_str()
                        ))
                    }
                };
                let enabled = match options.remove("enabled") {
                    None => None,
                    Some(toml::Value::Boolean(b)) => Some(b),
                    Some(other) => {
                        return Err(format!(
                            "enabled must be true or false, not {}",
                            other.type_str()
                        ))
                    }
                };
                Ok(RuleSetting {
                    enabled,
                    severity,
                    options,
                })
            }
            other => Err(format!(
                "expected \"off\", a severity or a table, found {}",
                other.type_str()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_suggests_closest() {
        let e = Config::parse(Path::new("p.toml"), "lnag = \"fr\"\n").unwrap_err();
        assert!(
            e.0.starts_with("p.toml:1:1: unknown field `lnag`"),
            "{}",
            e.0
        );
        assert!(e.0.contains("did you mean `lang`?"), "{}", e.0);
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = Config::parse(Path::new("p.toml"), "lang = \"fr\"\nrules = [\n").unwrap_err();
        assert!(e.0.starts_with("p.toml:"), "{}", e.0);
        assert!(e.0.contains(":2:") || e.0.contains(":3:"), "{}", e.0);
    }

    #[test]
    fn unknown_rule_suggests_closest() {
        let e =
            Config::parse(Path::new("p.toml"), "[rules]\nrepeated-wrd = \"off\"\n").unwrap_err();
        assert_eq!(
            e.0,
            "p.toml:2:1: unknown rule `repeated-wrd` (did you mean `repeated-word`?)"
        );
    }

    #[test]
    fn rule_settings() {
        let c = Config::parse(
            Path::new("p.toml"),
            "[rules]\nwhitespace = \"off\"\nrepeated-word = { severity = \"warning\" }\n",
        )
        .unwrap();
        assert_eq!(c.rule_setting("whitespace").unwrap().enabled, Some(false));
        assert_eq!(
            c.rule_setting("repeated-word").unwrap().severity,
            Some(Severity::Warning)
        );
    }
}
