//! The officials register: `[[officials]]` in prlint.toml, a press office's
//! principals with their canonical names and accepted titles per language.
//!
//! ```toml
//! [[officials]]
//! name = "Pascal Smet"
//! aliases = ["Smet"]
//! titles.fr = ["Secrétaire d'État à l'Urbanisme et au Patrimoine"]
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use crate::config::{line_col, ConfigError};

use super::fold::fold;
use super::PeopleData;

/// One `[[officials]]` entry as written in the config.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    /// The canonical full name.
    pub name: Spanned<String>,
    /// Other ways the text may name the person (a bare surname).
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Accepted titles per language code.
    #[serde(default)]
    pub titles: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// Checks the register: non-empty names and titles, known language codes.
/// `langs` are the language codes with word data.
pub fn validate(
    officials: &[Official],
    text: &str,
    path: &str,
    langs: &[&str],
) -> Result<(), ConfigError> {
    let err = |span: std::ops::Range<usize>, msg: String| {
        let (l, c) = line_col(text, span.start);
        ConfigError(format!("{path}:{l}:{c}: [[officials]]: {msg}"))
    };
    for o in officials {
        if o.name.get_ref().trim().is_empty() {
            return Err(err(o.name.span(), "`name` is empty".to_string()));
        }
        if o.name.get_ref().split_whitespace().count() < 2 {
            return Err(err(
                o.name.span(),
                format!(
                    "`name = \"{}\"`: give the full name (first name and surname); put a bare surname in `aliases`",
                    o.name.get_ref()
                ),
            ));
        }
        for a in &o.aliases {
            if a.get_ref().trim().is_empty() {
                return Err(err(a.span(), "an alias is empty".to_string()));
            }
        }
        for (lang, titles) in &o.titles {
            if !langs.contains(&lang.get_ref().as_str()) {
                return Err(err(
                    lang.span(),
                    format!(
                        "unknown language `{}` in `titles` (known: {})",
                        lang.get_ref(),
                        langs.join(", ")
                    ),
                ));
            }
            for t in titles {
                if t.get_ref().trim().is_empty() {
                    return Err(err(t.span(), "a title is empty".to_string()));
                }
            }
        }
    }
    Ok(())
}

/// A registered title, read into head and complement.
#[derive(Debug, Clone)]
pub struct RegTitle {
    /// As written in the config.
    pub text: String,
    /// The folded head, `None` when no role word was recognised (then the
    /// whole folded title must match).
    pub head: Option<String>,
    /// The folded complement words.
    pub complement: BTreeSet<String>,
    /// The whole title folded, whitespace collapsed.
    pub folded: String,
}

/// One compiled register entry.
#[derive(Debug, Clone)]
pub struct RegEntry {
    /// The canonical name as written.
    pub name: String,
    /// Its folded key (words joined by one space).
    pub key: String,
    /// Folded aliases.
    pub aliases: Vec<String>,
    /// Accepted titles per language.
    pub titles: BTreeMap<String, Vec<RegTitle>>,
}

/// The compiled register.
#[derive(Debug, Clone, Default)]
pub struct Register {
    /// Its entries.
    pub entries: Vec<RegEntry>,
}

/// Folds a name to its key: words folded, joined by one space.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(fold)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Register {
    /// Compiles the config's entries with the role tables of `data`.
    pub fn new(officials: &[Official], data: &PeopleData) -> Register {
        let entries = officials
            .iter()
            .map(|o| RegEntry {
                name: o.name.get_ref().trim().to_string(),
                key: name_key(o.name.get_ref()),
                aliases: o.aliases.iter().map(|a| name_key(a.get_ref())).collect(),
                titles: o
                    .titles
                    .iter()
                    .map(|(lang, ts)| {
                        let table = data.table(lang.get_ref());
                        let ts = ts
                            .iter()
                            .map(|t| {
                                let parsed = table.parse_title(t.get_ref());
                                RegTitle {
                                    text: t.get_ref().trim().to_string(),
                                    head: parsed.as_ref().map(|p| p.0.clone()),
                                    complement: parsed.map(|p| p.1).unwrap_or_default(),
                                    folded: name_key(t.get_ref()),
                                }
                            })
                            .collect();
                        (lang.get_ref().clone(), ts)
                    })
                    .collect(),
            })
            .collect();
        Register { entries }
    }

    /// Whether the register is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;

    #[test]
    fn register_errors_have_positions() {
        let e = Config::parse(
            Path::new("p.toml"),
            "[[officials]]\nname = \"Jo Doe\"\ntitles.xx = [\"Mayor\"]\n",
        )
        .unwrap_err();
        assert!(e.0.starts_with("p.toml:3:"), "{}", e.0);
        assert!(e.0.contains("unknown language `xx`"), "{}", e.0);
        let e = Config::parse(Path::new("p.toml"), "[[officials]]\nname = \"\"\n").unwrap_err();
        assert!(e.0.starts_with("p.toml:2:8:"), "{}", e.0);
        let e =
            Config::parse(Path::new("p.toml"), "[[officials]]\nnme = \"Jo Doe\"\n").unwrap_err();
        assert!(e.0.starts_with("p.toml:2:1:"), "{}", e.0);
        let ok = Config::parse(
            Path::new("p.toml"),
            "[[officials]]\nname = \"Jo Doe\"\naliases = [\"Doe\"]\ntitles.fr = [\"Maire\"]\n",
        );
        assert!(ok.is_ok());
    }
}
