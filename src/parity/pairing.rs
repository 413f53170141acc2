//! Which files are language versions of one release.
//!
//! By file name (`release.fr.txt` / `release.nl.txt`, `tram-fr.md` /
//! `tram-nl.md`, `tram_fr.md`), by folder (`fr/tram.txt` / `nl/tram.txt`),
//! by the config's `[[parity.pairs]]` patterns, or explicitly
//! (`prlint check --parity A B`). A named file's partners are looked for
//! on disk too, so a pre-commit hook that names only the French file still
//! compares it with the Dutch one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;

/// `[parity]` (or `[[parity]]`) in `prlint.toml`.
#[derive(Debug, Clone, Default)]
pub struct ParityConfig {
    /// Languages every release must exist in (`require = ["fr", "nl"]`).
    pub require: Vec<String>,
    /// Pairing patterns: language code → path pattern, relative to the
    /// config's folder; `{name}` or `*` stands for the part the versions
    /// share, `**` for folders.
    pub pairs: Vec<BTreeMap<String, String>>,
}

/// One `[[parity]]` / `[[parity.pairs]]` table: language codes to patterns,
/// and an optional `require`.
fn entry(t: &toml::Table) -> Result<(Vec<String>, BTreeMap<String, String>), String> {
    let mut require = Vec::new();
    let mut pair = BTreeMap::new();
    for (k, v) in t {
        match (k.as_str(), v) {
            ("require", toml::Value::Array(a)) => {
                for x in a {
                    match x.as_str() {
                        Some(s) if crate::config::is_lang_code(s) => require.push(s.to_string()),
                        Some(s) => {
                            return Err(format!(
                                "[parity] require: `{s}` is not a language code (use e.g. `fr`, `nl`)"
                            ))
                        }
                        None => return Err(format!("[parity] require: `{x}` is not a language code")),
                    }
                }
            }
            ("require", _) => return Err("[parity] require must be a list of language codes".into()),
            (code, toml::Value::String(p)) if crate::config::is_lang_code(code) => {
                pair.insert(code.to_string(), p.clone());
            }
            (code, _) if crate::config::is_lang_code(code) => {
                return Err(format!("[parity] `{code}` must be a path or a pattern"))
            }
            (other, _) => {
                return Err(format!(
                    "unknown field `{other}` in [parity] (expected `require`, `pairs` or a language code such as `fr`)"
                ))
            }
        }
    }
    if pair.len() == 1 {
        return Err("[parity]: a pair needs two languages or more".into());
    }
    Ok((require, pair))
}

impl<'de> Deserialize<'de> for ParityConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = toml::Value::deserialize(d)?;
        let mut out = ParityConfig::default();
        let add = |t: &toml::Table, out: &mut ParityConfig| -> Result<(), String> {
            let (req, pair) = entry(t)?;
            out.require.extend(req);
            if !pair.is_empty() {
                out.pairs.push(pair);
            }
            Ok(())
        };
        match v {
            toml::Value::Table(mut t) => {
                if let Some(pairs) = t.remove("pairs") {
                    let toml::Value::Array(a) = pairs else {
                        return Err(D::Error::custom("[parity] pairs must be a list of tables"));
                    };
                    for x in a {
                        let toml::Value::Table(pt) = x else {
                            return Err(D::Error::custom(
                                "[parity] pairs must be a list of tables",
                            ));
                        };
                        add(&pt, &mut out).map_err(D::Error::custom)?;
                    }
                }
                add(&t, &mut out).map_err(D::Error::custom)?;
            }
            toml::Value::Array(a) => {
                for x in a {
                    let toml::Value::Table(t) = x else {
                        return Err(D::Error::custom("[[parity]] entries must be tables"));
                    };
                    add(&t, &mut out).map_err(D::Error::custom)?;
                }
            }
            _ => return Err(D::Error::custom("`parity` must be a table")),
        }
        out.require.sort();
        out.require.dedup();
        Ok(out)
    }
}

/// How a file name or folder declares a language: where the code sits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    /// The path with the code replaced by `{lang}`.
    template: String,
    /// The code (lower case).
    lang: String,
    /// Whether the code is written in capitals (`FR/`).
    upper: bool,
}

/// The language a path declares by name or folder, and the path of the
/// same release in another language.
fn named(path: &Path, known: &[&str]) -> Option<Named> {
    let s = path.to_str()?;
    let name_start = s.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let name = &s[name_start..];
    let stem_end = name.rfind('.').filter(|&i| i > 0).unwrap_or(name.len());
    let stem = &name[..stem_end];
    // `release.fr.txt`, `release-fr.md`, `release_fr.md`.
    if stem.len() > 3 {
        let (head, code) = stem.split_at(stem.len() - 2);
        if head.ends_with(['.', '-', '_']) && known.contains(&code.to_lowercase().as_str()) {
            let at = name_start + stem.len() - 2;
            return Some(Named {
                template: format!("{}{{lang}}{}", &s[..at], &s[at + 2..]),
                lang: code.to_lowercase(),
                upper: code.chars().all(|c| c.is_ascii_uppercase()),
            });
        }
    }
    // `fr/release.txt`.
    let dir = &s[..name_start.saturating_sub(1)];
    let dir_start = dir.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let code = &dir[dir_start..];
    if code.len() == 2 && known.contains(&code.to_lowercase().as_str()) {
        return Some(Named {
            template: format!("{}{{lang}}{}", &s[..dir_start], &s[dir_start + 2..]),
            lang: code.to_lowercase(),
            upper: code.chars().all(|c| c.is_ascii_uppercase()),
        });
    }
    None
}

/// The path `template` gives for `lang`, written with the case of the
/// original code (`FR/` gives `NL/`).
fn fill(template: &str, lang: &str, upper: bool) -> PathBuf {
    let code = if upper {
        lang.to_uppercase()
    } else {
        lang.to_string()
    };
    PathBuf::from(template.replace("{lang}", &code))
}

/// A compiled `[[parity.pairs]]` pattern.
#[derive(Debug)]
struct Pattern {
    lang: String,
    raw: String,
    re: Regex,
}

fn compile(lang: &str, pattern: &str) -> Result<Pattern, String> {
    let mut re = String::from("^");
    let mut rest = pattern.trim_start_matches("./");
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("{name}") {
            re.push_str("([^/]*)");
            rest = r;
        } else if let Some(r) = rest.strip_prefix("**") {
            re.push_str("(.*)");
            rest = r;
        } else if let Some(r) = rest.strip_prefix('*') {
            re.push_str("([^/]*)");
            rest = r;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            re.push_str(&regex::escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
    }
    re.push('$');
    Regex::new(&re)
        .map(|re| Pattern {
            lang: lang.to_string(),
            raw: pattern.to_string(),
            re,
        })
        .map_err(|e| format!("[parity] `{pattern}`: {e}"))
}

/// The path of `p` with the captures of another pattern filled in.
fn instantiate(p: &Pattern, caps: &[String]) -> Option<String> {
    let mut out = String::new();
    let mut rest = p.raw.trim_start_matches("./");
    let mut k = 0;
    while !rest.is_empty() {
        let (skip, wild) = if rest.starts_with("{name}") {
            (6, true)
        } else if rest.starts_with("**") {
            (2, true)
        } else if rest.starts_with('*') {
            (1, true)
        } else {
            (0, false)
        };
        if wild {
            out.push_str(caps.get(k)?);
            k += 1;
            rest = &rest[skip..];
        } else {
            let c = rest.chars().next()?;
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (k == caps.len()).then_some(out)
}

/// A group of versions: each path with its language.
pub type Group = Vec<(PathBuf, String)>;

/// A file whose version in a required language is missing: the file, its
/// language, and each missing language with the path expected.
pub type Missing = (PathBuf, String, Vec<(String, PathBuf)>);

/// The pairing of a run.
#[derive(Debug, Default)]
pub struct Pairing {
    /// Groups of two versions or more (paths as named, or found on disk).
    pub groups: Vec<Group>,
    /// Files whose version in a required language is missing.
    pub missing: Vec<Missing>,
}

/// How the versions of a run are found.
pub struct Pairer<'a> {
    /// Language codes a name or folder may declare.
    pub known: Vec<&'a str>,
    /// The config's folder (patterns are relative to it).
    pub base: PathBuf,
    /// The config's settings.
    pub config: &'a ParityConfig,
}

/// A comparable form of a path (for "is this the same file").
fn ident(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

impl Pairer<'_> {
    /// Pairs `inputs` (the files of the run) with each other and with their
    /// partners on disk; `explicit` groups come first (`--parity`), each
    /// path with its language.
    pub fn pair(&self, inputs: &[PathBuf], explicit: Vec<Group>) -> Result<Pairing, String> {
        let mut out = Pairing::default();
        // A set: an archive holds thousands of releases.
        let mut grouped: std::collections::HashSet<PathBuf> = Default::default();
        for g in explicit {
            grouped.extend(g.iter().map(|(p, _)| ident(p)));
            out.groups.push(g);
        }
        let patterns: Vec<Vec<Pattern>> = self
            .config
            .pairs
            .iter()
            .map(|e| e.iter().map(|(l, p)| compile(l, p)).collect())
            .collect::<Result<_, _>>()?;
        for input in inputs {
            if !grouped.is_empty() && grouped.contains(&ident(input)) {
                continue;
            }
            let rel = input.strip_prefix(&self.base).unwrap_or(input);
            let rel = rel.strip_prefix("./").unwrap_or(rel);
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            // The config's patterns.
            let mut group: Group = Vec::new();
            for entry in &patterns {
                let Some((me, caps)) = entry.iter().find_map(|p| {
                    let c = p.re.captures(&rel_s)?;
                    let caps: Vec<String> = c
                        .iter()
                        .skip(1)
                        .map(|m| m.map_or(String::new(), |m| m.as_str().to_string()))
                        .collect();
                    Some((p, caps))
                }) else {
                    continue;
                };
                group.push((input.clone(), me.lang.clone()));
                for p in entry.iter().filter(|p| p.lang != me.lang) {
                    if let Some(path) = instantiate(p, &caps) {
                        let full = self.base.join(&path);
                        if full.is_file() {
                            group.push((full, p.lang.clone()));
                        }
                    }
                }
                break;
            }
            let mut template = None;
            if group.is_empty() {
                // The file name or folder.
                if let Some(n) = named(input, &self.known) {
                    let upper = n.upper;
                    group.push((input.clone(), n.lang.clone()));
                    for l in &self.known {
                        if *l == n.lang {
                            continue;
                        }
                        let p = fill(&n.template, l, upper);
                        if p.is_file() {
                            group.push((p, l.to_string()));
                        }
                    }
                    template = Some((n.template, upper));
                }
            }
            let Some((_, lang)) = group.first().cloned() else {
                continue;
            };
            if !self.config.require.is_empty() && self.config.require.contains(&lang) {
                let missing: Vec<(String, PathBuf)> = self
                    .config
                    .require
                    .iter()
                    .filter(|r| !group.iter().any(|(_, l)| l == *r))
                    .map(|r| {
                        let expected = match &template {
                            Some((t, upper)) => fill(t, r, *upper),
                            None => PathBuf::from(format!("a `{r}` version")),
                        };
                        (r.clone(), expected)
                    })
                    .collect();
                if !missing.is_empty() {
                    out.missing.push((input.clone(), lang.clone(), missing));
                }
            }
            if group.len() < 2 {
                continue;
            }
            let ids: Vec<PathBuf> = group.iter().map(|(p, _)| ident(p)).collect();
            if ids.iter().any(|i| grouped.contains(i)) {
                continue;
            }
            grouped.extend(ids);
            out.groups.push(group);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["fr", "nl", "en", "de"];

    #[test]
    fn names_and_folders_declare_languages() {
        let n = |p: &str| named(Path::new(p), KNOWN).map(|n| (n.template, n.lang));
        assert_eq!(
            n("a/release.fr.txt"),
            Some(("a/release.{lang}.txt".into(), "fr".into()))
        );
        assert_eq!(
            n("2024-03-01-tram-nl.md"),
            Some(("2024-03-01-tram-{lang}.md".into(), "nl".into()))
        );
        assert_eq!(
            n("x/fr/tram.txt"),
            Some(("x/{lang}/tram.txt".into(), "fr".into()))
        );
        assert_eq!(
            n("fr/tram.txt"),
            Some(("{lang}/tram.txt".into(), "fr".into()))
        );
        assert_eq!(n("release.txt"), None);
        assert_eq!(n("01_fr_luxleaks_ue.txt"), None);
        assert_eq!(n("fr.txt"), None);
    }

    #[test]
    fn patterns_capture_and_fill() {
        let p = compile("fr", "communiques/{name}.txt").unwrap();
        let c = p.re.captures("communiques/tram.txt").unwrap();
        assert_eq!(&c[1], "tram");
        let q = compile("nl", "persberichten/{name}.txt").unwrap();
        assert_eq!(
            instantiate(&q, &["tram".to_string()]).as_deref(),
            Some("persberichten/tram.txt")
        );
    }

    #[test]
    fn config_shapes() {
        let c: ParityConfig = toml::from_str::<toml::Table>(
            "require = [\"fr\", \"nl\"]\n[[pairs]]\nfr = \"a/{name}.txt\"\nnl = \"b/{name}.txt\"\n",
        )
        .map(toml::Value::Table)
        .unwrap()
        .try_into()
        .unwrap();
        assert_eq!(c.require, vec!["fr", "nl"]);
        assert_eq!(c.pairs.len(), 1);
        let bad: Result<ParityConfig, _> =
            toml::Value::Table(toml::from_str("requre = [\"fr\"]").unwrap()).try_into();
        assert!(bad.is_err());
    }
}
