//! Baselines: the diagnostics an archive already had when the gate was
//! adopted, so that `prlint check --baseline FILE` reports only new ones.
//!
//! An entry is keyed by file, rule and a fingerprint of the offending text
//! and a small context (format 2: the two words either side on its line,
//! whitespace collapsed), never by line number: an edit elsewhere in the
//! file, or elsewhere on the same line (most releases hold a paragraph per
//! line), does not re-open old entries. Identical findings in one file are
//! counted, so a third copy of a baselined defect is still new.
//!
//! Format 1 files (fingerprints of the whole line) are still read and
//! matched with format 1 fingerprints; `baseline write` writes format 2.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// Format version written in the file: 2 fingerprints a finding by its
/// words around it ([`fingerprint_v2`]), 1 by its whole line ([`fingerprint`]).
pub const VERSION: u32 = 2;

/// How many words either side of a finding its format 2 fingerprint holds.
const CONTEXT_WORDS: usize = 2;

/// 64-bit FNV-1a: tiny, stable across platforms and Rust versions (unlike
/// `DefaultHasher`), good enough to tell findings apart.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The format 1 fingerprint of a diagnostic (also SARIF's
/// `prlintFingerprint/v1`): rule, offending text and the lines it
/// sits on, whitespace collapsed (so a CRLF conversion or re-wrapped spaces
/// do not change it), hashed to 16 hex digits.
pub fn fingerprint(source: &Source, d: &Diagnostic) -> String {
    let text = source.text();
    let span = d.span.start.min(text.len())..d.span.end.min(text.len());
    let first = source.line_index(span.start);
    let last = source.line_index(span.end.max(span.start));
    let ctx_start = source.line_span(first).start.min(span.start);
    let ctx_end = source.line_span(last).end.max(span.end);
    let offending = text.get(span.clone()).unwrap_or("");
    let context = text.get(ctx_start..ctx_end).unwrap_or("");
    // Whitespace findings are about the whitespace itself: keep its kind.
    let offending_key = if offending.trim().is_empty() {
        offending.escape_unicode().to_string()
    } else {
        crate::rules::normalize_ws(offending, false)
    };
    let context_key = crate::rules::normalize_ws(context, false);
    format!("{:016x}", fnv1a(&[d.rule.id, &offending_key, &context_key]))
}

/// The format 2 fingerprint of a diagnostic: rule, offending text and
/// [`CONTEXT_WORDS`] words either side of it on its line(s), whitespace
/// collapsed, hashed to 16 hex digits. An edit further along the line
/// leaves it unchanged; a change next to the finding is a new finding.
pub fn fingerprint_v2(source: &Source, d: &Diagnostic) -> String {
    let text = source.text();
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let span = floor(d.span.start)..floor(d.span.end.max(d.span.start));
    let line_start = source
        .line_span(source.line_index(span.start))
        .start
        .min(span.start);
    let line_end = source
        .line_span(source.line_index(span.end))
        .end
        .max(span.end);
    let before = text.get(line_start..span.start).unwrap_or("");
    let after = text.get(span.end..line_end).unwrap_or("");
    let offending = text.get(span.clone()).unwrap_or("");
    let offending_key = if offending.trim().is_empty() {
        offending.escape_unicode().to_string()
    } else {
        crate::rules::normalize_ws(offending, false)
    };
    let is_space = crate::document::text::is_space;
    // Whether the finding touches its neighbours ("le le" vs "le  le").
    let glue = format!(
        "{}{}",
        u8::from(before.ends_with(is_space)),
        u8::from(after.starts_with(is_space))
    );
    let before_key = crate::rules::normalize_ws(tail_words(before, CONTEXT_WORDS), false);
    let after_key = crate::rules::normalize_ws(head_words(after, CONTEXT_WORDS), false);
    format!(
        "{:016x}",
        fnv1a(&[d.rule.id, &offending_key, &before_key, &after_key, &glue])
    )
}

/// The end of `s` holding its last `n` whitespace-separated words.
fn tail_words(s: &str, n: usize) -> &str {
    let is_space = crate::document::text::is_space;
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices().rev() {
        if is_space(c) {
            if in_word {
                seen += 1;
                if seen == n {
                    return &s[i + c.len_utf8()..];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    s
}

/// The start of `s` holding its first `n` whitespace-separated words.
fn head_words(s: &str, n: usize) -> &str {
    let is_space = crate::document::text::is_space;
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if is_space(c) {
            if in_word {
                seen += 1;
                if seen == n {
                    return &s[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    s
}

/// One baselined finding (or several identical ones).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline's folder, `/`-separated.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// [`fingerprint`].
    pub fingerprint: String,
    /// How many identical findings the file had.
    #[serde(default = "one")]
    pub count: usize,
    /// The message when recorded (for people reading the file).
    #[serde(default)]
    pub message: String,
}

fn one() -> usize {
    1
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BaselineFile {
    prlint_baseline: u32,
    entries: Vec<Entry>,
}

/// Per file: (rule, fingerprint) → (remaining count, message).
type FileEntries = BTreeMap<(String, String), (usize, String)>;

/// A baseline file in memory, with what a run has used of it.
#[derive(Debug)]
pub struct Baseline {
    /// The folder entry paths are relative to.
    base: PathBuf,
    /// path → (rule, fingerprint) → (remaining count, message).
    entries: BTreeMap<String, FileEntries>,
    /// Files a run has checked.
    checked: BTreeSet<String>,
    /// The format of the fingerprints (1 for an old file that was read).
    version: u32,
}

impl Default for Baseline {
    fn default() -> Self {
        Baseline {
            base: PathBuf::new(),
            entries: BTreeMap::new(),
            checked: BTreeSet::new(),
            version: VERSION,
        }
    }
}

impl Baseline {
    /// An empty baseline whose paths are relative to `base`.
    pub fn new(base: &Path) -> Baseline {
        Baseline {
            base: base.to_path_buf(),
            ..Default::default()
        }
    }

    /// Reads a baseline file; errors name the path.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a prlint baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if !(1..=VERSION).contains(&file.prlint_baseline) {
            return Err(format!(
                "{}: baseline format {} is not supported (expected 1 to {VERSION}; a newer prlint wrote it?)",
                path.display(),
                file.prlint_baseline
            ));
        }
        let mut b = Baseline::new(&base_of(path));
        b.version = file.prlint_baseline;
        for e in file.entries {
            let slot = b
                .entries
                .entry(e.path)
                .or_default()
                .entry((e.rule, e.fingerprint))
                .or_insert((0, e.message));
            slot.0 += e.count;
        }
        Ok(b)
    }

    /// The key of a checked file: its path relative to the baseline's
    /// folder when it lies under it, `/`-separated.
    pub fn key(&self, path: &Path) -> String {
        path_key(path, &self.base)
    }

    /// The fingerprint of `d` in this baseline's format.
    fn fingerprint_of(&self, source: &Source, d: &Diagnostic) -> String {
        if self.version == 1 {
            fingerprint(source, d)
        } else {
            fingerprint_v2(source, d)
        }
    }

    /// The format of this baseline's fingerprints.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Records the diagnostics of one file (for `baseline write`).
    pub fn record(&mut self, path: &Path, source: &Source, diagnostics: &[Diagnostic]) {
        let key = self.key(path);
        let fps: Vec<String> = diagnostics
            .iter()
            .map(|d| self.fingerprint_of(source, d))
            .collect();
        let file = self.entries.entry(key).or_default();
        for (d, fp) in diagnostics.iter().zip(fps) {
            let slot = file
                .entry((d.rule.id.to_string(), fp))
                .or_insert((0, d.message.clone()));
            slot.0 += 1;
        }
    }

    /// Removes the diagnostics of one file that the baseline covers and
    /// returns the new ones; returns how many were covered too.
    pub fn filter(
        &mut self,
        path: &Path,
        source: &Source,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, usize) {
        let key = self.key(path);
        self.checked.insert(key.clone());
        let version = self.version;
        let Some(file) = self.entries.get_mut(&key) else {
            return (diagnostics, 0);
        };
        let fp = |d: &Diagnostic| {
            if version == 1 {
                fingerprint(source, d)
            } else {
                fingerprint_v2(source, d)
            }
        };
        let mut covered = 0;
        let kept = diagnostics
            .into_iter()
            .filter(|d| match file.get_mut(&(d.rule.id.to_string(), fp(d))) {
                Some(slot) if slot.0 > 0 => {
                    slot.0 -= 1;
                    covered += 1;
                    false
                }
                _ => true,
            })
            .collect();
        (kept, covered)
    }

    /// Entries no longer matched: in the files this run checked, or for
    /// files that no longer exist. Call after every [`Baseline::filter`].
    pub fn stale(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        for (path, rules) in &self.entries {
            let checked = self.checked.contains(path);
            if !checked && self.base.join(path).exists() {
                continue;
            }
            for ((rule, fp), (n, msg)) in rules {
                if *n > 0 {
                    out.push(Entry {
                        path: path.clone(),
                        rule: rule.clone(),
                        fingerprint: fp.clone(),
                        count: *n,
                        message: msg.clone(),
                    });
                }
            }
        }
        out
    }

    /// Number of findings recorded.
    pub fn len(&self) -> usize {
        self.entries
            .values()
            .flat_map(|m| m.values())
            .map(|v| v.0)
            .sum()
    }

    /// Whether no finding is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The file's text: entries sorted by path, rule and fingerprint so the
    /// file diffs well under version control.
    pub fn to_json(&self) -> String {
        let entries = self
            .entries
            .iter()
            .flat_map(|(path, rules)| {
                rules
                    .iter()
                    .filter(|(_, v)| v.0 > 0)
                    .map(move |((rule, fp), (n, msg))| Entry {
                        path: path.clone(),
                        rule: rule.clone(),
                        fingerprint: fp.clone(),
                        count: *n,
                        message: msg.clone(),
                    })
            })
            .collect();
        let file = BaselineFile {
            prlint_baseline: self.version,
            entries,
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The folder of a baseline file (`.` for a bare file name).
pub fn base_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` relative to `base` when under it (both made absolute), with `/`.
pub fn path_key(path: &Path, base: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (p, b) = (abs(path), abs(base));
    let rel = p
        .strip_prefix(&b)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    let s = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::repeated_word::META;

    fn diag(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic::new(&META, start..start + needle.len(), "m")
    }

    #[test]
    fn fingerprint_ignores_line_numbers_but_not_context() {
        let a = "Titre\n\nLe le chat.\n";
        let b = "Titre\n\nUn ajout.\n\nLe le chat.\n";
        let c = "Titre\n\nLe le chien.\n";
        for f in [fingerprint, fingerprint_v2] {
            let fa = f(&Source::new("x", a), &diag(a, "Le le"));
            let fb = f(&Source::new("x", b), &diag(b, "Le le"));
            let fc = f(&Source::new("x", c), &diag(c, "Le le"));
            assert_eq!(fa, fb);
            assert_ne!(fa, fc);
            let crlf = "Titre\r\n\r\nLe le chat.\r\n";
            assert_eq!(fa, f(&Source::new("x", crlf), &diag(crlf, "Le le")));
        }
    }

    #[test]
    fn an_edit_elsewhere_on_the_line_keeps_the_entry() {
        // A paragraph per line: the defect stays, the line around it changes.
        let a = "Titre\n\nLe conseil a voté. Le le chat dort au soleil. La séance est levée.\n";
        let b = "Titre\n\nLe conseil communal de la ville a voté. Le le chat dort au soleil. La séance est levée à 22 h.\n";
        let (sa, sb) = (Source::new("x", a), Source::new("x", b));
        let mut base = Baseline::new(Path::new("."));
        base.record(Path::new("x"), &sa, &[diag(a, "Le le")]);
        let (kept, covered) = base.filter(Path::new("x"), &sb, vec![diag(b, "Le le")]);
        assert_eq!((kept.len(), covered), (0, 1));
        // A change next to the finding makes it new.
        let c = "Titre\n\nLe conseil a voté. Le le chien dort au soleil. La séance est levée.\n";
        let mut base = Baseline::new(Path::new("."));
        base.record(Path::new("x"), &sa, &[diag(a, "Le le")]);
        let (kept, _) = base.filter(Path::new("x"), &Source::new("x", c), vec![diag(c, "Le le")]);
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn format_1_files_are_still_read() {
        let t = "Titre\n\nLe le chat.\n";
        let src = Source::new("x", t);
        let d = diag(t, "Le le");
        let v1 = format!(
            "{{\"prlint-baseline\": 1, \"entries\": [{{\"path\": \"x.txt\", \"rule\": \"repeated-word\", \"fingerprint\": \"{}\"}}]}}",
            fingerprint(&src, &d)
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("baseline.json");
        std::fs::write(&p, v1).unwrap();
        let mut b = Baseline::load(&p).unwrap();
        assert_eq!(b.version(), 1);
        let (kept, covered) = b.filter(&dir.path().join("x.txt"), &src, vec![d]);
        assert_eq!((kept.len(), covered), (0, 1));
        assert!(b.to_json().contains("\"prlint-baseline\": 1"));
        std::fs::write(&p, "{\"prlint-baseline\": 3, \"entries\": []}").unwrap();
        assert!(Baseline::load(&p).unwrap_err().contains("format 3"));
    }

    #[test]
    fn identical_findings_are_counted() {
        let t = "Le le chat.\nLe le chat.\n";
        let src = Source::new("x", t);
        let d1 = Diagnostic::new(&META, 0..5, "m");
        let d2 = Diagnostic::new(&META, 12..17, "m");
        let mut b = Baseline::new(Path::new("."));
        b.record(Path::new("x"), &src, std::slice::from_ref(&d1));
        let (kept, covered) = b.filter(Path::new("x"), &src, vec![d1, d2]);
        assert_eq!((kept.len(), covered), (1, 1));
        assert!(b.stale().is_empty());
    }

    #[test]
    fn round_trip_and_stale() {
        let t = "Le le chat.\n";
        let src = Source::new("x", t);
        let d = Diagnostic::new(&META, 0..5, "m");
        let mut b = Baseline::new(Path::new("/nonexistent-base"));
        b.record(Path::new("/nonexistent-base/x.txt"), &src, &[d]);
        let json = b.to_json();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("baseline.json");
        std::fs::write(&p, json).unwrap();
        let mut b2 = Baseline::load(&p).unwrap();
        assert_eq!(b2.len(), 1);
        b2.filter(Path::new("x.txt"), &src, vec![]);
        let stale = b2.stale();
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].path, "x.txt");
    }
}
