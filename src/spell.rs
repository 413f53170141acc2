//! Hunspell dictionaries for the `spelling` rule: found on the system or in
//! the config, loaded once per process and only when a release of that
//! language is checked, read by the pure-Rust `spellbook` crate.
//!
//! A language's speller is one or more dictionaries: English accepts a word
//! that en_GB or en_US knows; German reads de_DE, de_AT and de_CH where
//! installed. Paths given in `[spelling] dictionaries` come first and
//! replace the system's dictionaries of their language.
//!
//! Nothing here prints: a language without a dictionary is recorded once
//! ([`take_notes`]) and the command line says so at the end of the run.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use spellbook::Dictionary;

/// Where system dictionaries are looked for, in order (`$DICPATH`, a
/// colon-separated list, comes first, as for hunspell itself).
pub const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/hunspell",
    "/usr/local/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/opt/homebrew/share/hunspell",
    "/Library/Spelling",
];

/// Dictionary file stems per language, in order of preference: the first
/// found of each group is loaded (en: one British and one American).
fn stems(lang: &str) -> &'static [&'static [&'static str]] {
    match lang {
        "fr" => &[&["fr", "fr_FR", "fr_BE", "fr_CH", "fr_CA"]],
        "nl" => &[&["nl", "nl_NL", "nl_BE"]],
        "en" => &[&["en_GB", "en_IE", "en_AU"], &["en_US", "en_CA"]],
        "de" => &[&["de_DE", "de_DE_frami", "de"], &["de_AT"], &["de_CH"]],
        _ => &[],
    }
}

/// The Debian package that holds a language's dictionaries (for the note
/// printed when none is found).
pub fn package_hint(lang: &str) -> &'static str {
    match lang {
        "fr" => "hunspell-fr",
        "nl" => "hunspell-nl",
        "en" => "hunspell-en-gb hunspell-en-us",
        "de" => "hunspell-de-de",
        _ => "the hunspell dictionary of the language",
    }
}

/// The language a dictionary file stem stands for ("fr_BE" → "fr").
pub fn lang_of_stem(stem: &str) -> String {
    stem.split(['_', '-'])
        .next()
        .unwrap_or(stem)
        .to_ascii_lowercase()
}

/// The `.aff` files of `lang`: the configured ones of that language if any,
/// else the system's.
pub fn find(lang: &str, configured: &[PathBuf]) -> Vec<PathBuf> {
    let mine: Vec<PathBuf> = configured
        .iter()
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| lang_of_stem(s) == lang)
        })
        .map(|p| p.with_extension("aff"))
        .collect();
    if !mine.is_empty() {
        return mine;
    }
    let dirs = search_dirs();
    let mut found: Vec<PathBuf> = Vec::new();
    for group in stems(lang) {
        let hit = group.iter().find_map(|stem| {
            dirs.iter()
                .map(|d| d.join(format!("{stem}.aff")))
                .find(|aff| aff.is_file() && aff.with_extension("dic").is_file())
        });
        if let Some(aff) = hit {
            // de_AT may be a link to de_DE: load each file once.
            let real = std::fs::canonicalize(&aff).unwrap_or_else(|_| aff.clone());
            if !found
                .iter()
                .any(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()) == real)
            {
                found.push(aff);
            }
        }
    }
    found
}

/// The folders searched for system dictionaries: `$DICPATH`, then
/// [`SYSTEM_DIRS`].
fn search_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("DICPATH")
        .map(|v| std::env::split_paths(&v).collect())
        .unwrap_or_default();
    dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
    dirs
}

/// The `.aff` files of `lang` under a run's settings. A region chosen for
/// the language (`--lang en-GB`, `lang = "en-US"` in the config) narrows
/// it to that variant's dictionary (`en_GB.aff`), configured or on the
/// system, when there is one; otherwise, and without a region, [`find`]:
/// English then accepts a word that en_GB or en_US knows.
/// `rule` is the rule that asks: a note says its name and is shown only
/// when that rule was selected explicitly (see [`take_notes`]).
pub fn find_for(lang: &str, settings: &SpellingSettings, rule: &'static str) -> Vec<PathBuf> {
    // Asked per release and language: the folders are searched once per
    // run for each language, configured list and region.
    type Key = (String, Vec<PathBuf>, Option<String>, &'static str);
    static FOUND: OnceLock<Mutex<HashMap<Key, Vec<PathBuf>>>> = OnceLock::new();
    let key: Key = (
        lang.to_string(),
        settings.dictionaries.clone(),
        settings.regions.get(lang).cloned(),
        rule,
    );
    let found = FOUND.get_or_init(Default::default);
    if let Some(v) = found.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return v.clone();
    }
    let v = find_for_uncached(lang, settings, rule);
    found
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, v.clone());
    v
}

fn find_for_uncached(lang: &str, settings: &SpellingSettings, rule: &'static str) -> Vec<PathBuf> {
    if let Some(region) = settings.regions.get(lang) {
        let stem = format!("{lang}_{}", region.to_uppercase());
        let configured = settings
            .dictionaries
            .iter()
            .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(stem.as_str()))
            .map(|p| p.with_extension("aff"));
        let system = || {
            search_dirs()
                .into_iter()
                .map(|d| d.join(format!("{stem}.aff")))
                .find(|aff| aff.is_file() && aff.with_extension("dic").is_file())
        };
        match configured.or_else(system) {
            Some(aff) => return vec![aff],
            None => note(
                rule,
                &format!("region:{stem}"),
                format!("{rule}: no hunspell dictionary `{stem}`; `{lang}` is checked with every {lang} dictionary found"),
            ),
        }
    }
    find(lang, &settings.dictionaries)
}

/// The dictionaries of one language, checked together.
pub struct Speller {
    dicts: Vec<Dictionary>,
    /// The files read, for `prlint rule spelling` and notes.
    pub files: Vec<PathBuf>,
    /// Time spent reading and compiling them.
    pub load_time: std::time::Duration,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("files", &self.files)
            .finish()
    }
}

impl Speller {
    /// Reads and compiles the dictionaries at `affs` (each beside its
    /// `.dic`). Errors name the file.
    pub fn load(affs: &[PathBuf]) -> Result<Speller, String> {
        let start = std::time::Instant::now();
        let mut dicts = Vec::new();
        for aff in affs {
            let dic = aff.with_extension("dic");
            let a = read_text(aff)?;
            let d = read_text(&dic)?;
            let dict = Dictionary::new(&a, &d).map_err(|e| format!("{}: {e}", aff.display()))?;
            dicts.push(dict);
        }
        Ok(Speller {
            dicts,
            files: affs.to_vec(),
            load_time: start.elapsed(),
        })
    }

    /// Whether any of the dictionaries accepts `word`.
    pub fn check(&self, word: &str) -> bool {
        self.dicts.iter().any(|d| d.check(word))
    }

    /// Up to `max` suggestions, from each dictionary in turn, without repeats.
    pub fn suggest(&self, word: &str, max: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut buf = Vec::new();
        for d in &self.dicts {
            buf.clear();
            d.suggester()
                .with_ngram_suggestions(false)
                .suggest(word, &mut buf);
            for s in buf.drain(..) {
                if out.len() < max && !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out
    }
}

/// The words one edit away from `word` (a letter deleted, inserted,
/// replaced, or two neighbours swapped) that a dictionary accepts, best
/// first: a swap or an accent change, then a missing or extra letter, then
/// another letter. `alphabet` holds the letters tried for insertion and
/// replacement (a-z and the language's accented letters). Splitting a word
/// in two is never offered: a compound the dictionary lacks is not a typo.
pub fn near(sp: &Speller, word: &str, alphabet: &[char], max: usize) -> Vec<String> {
    near_tiered(sp, word, alphabet, max)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

/// [`near`] with each word's kind of edit: 0 a swap or an accent change,
/// 1 a missing or extra letter, 2 another letter.
pub fn near_tiered(sp: &Speller, word: &str, alphabet: &[char], max: usize) -> Vec<(String, u8)> {
    near_tiered_by(&mut |w| sp.check(w), word, alphabet, max, 2)
}

/// [`near_tiered`] with any word test: `known` says whether a word is
/// in the dictionary (a [`Speller`], or a compiled morphology table).
/// Edits of a tier above `top` are not tried (`top` 1: no replacement by
/// another letter, the most numerous edit).
pub fn near_tiered_by(
    known: &mut dyn FnMut(&str) -> bool,
    word: &str,
    alphabet: &[char],
    max: usize,
    top: u8,
) -> Vec<(String, u8)> {
    // Char boundaries of the word; candidates are written into one buffer
    // and copied out only when known.
    let at: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .collect();
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut tiers: [Vec<String>; 3] = Default::default();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut buf = String::with_capacity(word.len() + 4);
    let mut try_word = |s: &str, tier: usize, tiers: &mut [Vec<String>; 3]| {
        // Tested before it is remembered: only known words are kept, once.
        if s != word && known(s) && seen.insert(s.to_string()) {
            tiers[tier].push(s.to_string());
        }
    };
    let base = |c: char| crate::people::fold::fold(c.encode_utf8(&mut [0; 4]));
    let alphabet_base: Vec<String> = alphabet.iter().map(|&a| base(a)).collect();
    for i in 0..n {
        let (head, this, tail) = (&word[..at[i]], &word[at[i]..at[i + 1]], &word[at[i + 1]..]);
        // Swap with the next letter.
        if i + 1 < n && chars[i] != chars[i + 1] {
            buf.clear();
            buf.push_str(head);
            buf.push_str(&word[at[i + 1]..at[i + 2]]);
            buf.push_str(this);
            buf.push_str(&word[at[i + 2]..]);
            try_word(&buf, 0, &mut tiers);
        }
        // Delete.
        if n > 1 {
            buf.clear();
            buf.push_str(head);
            buf.push_str(tail);
            try_word(&buf, 1, &mut tiers);
        }
        // Replace (same letter with another accent first).
        let this_base = base(chars[i]);
        for (&a, a_base) in alphabet.iter().zip(&alphabet_base) {
            if a == chars[i] || (i == 0 && chars[0].is_uppercase()) {
                continue;
            }
            let tier = if *a_base == this_base { 0 } else { 2 };
            if tier <= usize::from(top) {
                buf.clear();
                buf.push_str(head);
                buf.push(a);
                buf.push_str(tail);
                try_word(&buf, tier, &mut tiers);
            }
        }
    }
    // Insert.
    for i in 1..=n {
        for &a in alphabet {
            buf.clear();
            buf.push_str(&word[..at[i]]);
            buf.push(a);
            buf.push_str(&word[at[i]..]);
            try_word(&buf, 1, &mut tiers);
        }
    }
    tiers
        .into_iter()
        .zip(0u8..)
        .flat_map(|(t, k)| t.into_iter().map(move |s| (s, k)))
        .take(max)
        .collect()
}

/// Reads a dictionary file as text: UTF-8 (a BOM dropped), or ISO 8859-1
/// for the older dictionaries that declare it.
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    })
}

/// `[spelling]` in `prlint.toml`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpellingConfig {
    /// Hunspell `.dic` files (their `.aff` beside them), relative to the
    /// config file; the language is the file name's stem ("fr_BE.dic" is
    /// French). They replace the system's dictionaries of their language.
    #[serde(default)]
    pub dictionaries: Vec<String>,
    /// Words accepted in every language (names, jargon, product names).
    #[serde(default)]
    pub words: Vec<String>,
    /// How much `spelling` reports: `strict` (default) or `full`.
    #[serde(default)]
    pub mode: Mode,
}

/// How much of `spelling`'s dictionary check runs (`[spelling] mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Only near-certain typos: a lower-case word (or, outside German, a
    /// capitalised one that misspells a lower-case word) with exactly one
    /// dictionary word a missing, extra, swapped or re-accented letter
    /// away. The default.
    #[default]
    Strict,
    /// Every unknown word with a close suggestion, names and jargon aside.
    Full,
}

/// The file of accepted words, one per line, found like the config.
pub const WORDS_FILE: &str = ".prlint-words.txt";

/// The spelling settings of a run: dictionary paths resolved, the user's
/// words (config and `.prlint-words.txt`) lower-cased.
#[derive(Debug, Clone, Default)]
pub struct SpellingSettings {
    /// Configured dictionaries (`.dic` paths).
    pub dictionaries: Vec<PathBuf>,
    /// Accepted words, lower-cased.
    pub words: std::collections::HashSet<String>,
    /// The region chosen per language ("en" → "GB"): from `--lang en-GB`
    /// or the config's `lang = "en-GB"`.
    pub regions: std::collections::BTreeMap<String, String>,
    /// `spelling`'s mode.
    pub mode: Mode,
}

impl SpellingSettings {
    /// Chooses a language's regional dictionary from a language tag
    /// ("en-GB", "de_AT"); a plain code ("en") changes nothing.
    pub fn choose_region(&mut self, tag: &str) {
        if let (lang, Some(region)) = crate::lang::split_tag(tag) {
            self.regions.insert(lang, region);
        }
    }
}

impl SpellingSettings {
    /// Resolves `[spelling]` against the config's folder and reads the
    /// word file: beside the config when there is one, else the first
    /// found from the current folder upwards. An unreadable word file is
    /// skipped.
    pub fn from_config(c: &crate::config::Config) -> SpellingSettings {
        let base = c.base_dir();
        let dictionaries = c
            .spelling
            .dictionaries
            .iter()
            .map(|d| base.join(d))
            .collect();
        let mut words: std::collections::HashSet<String> = c
            .spelling
            .words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .collect();
        let file = match &c.path {
            Some(_) => Some(base.join(WORDS_FILE)).filter(|p| p.is_file()),
            None => std::env::current_dir().ok().and_then(|d| {
                d.ancestors()
                    .map(|a| a.join(WORDS_FILE))
                    .find(|p| p.is_file())
            }),
        };
        if let Some(text) = file.and_then(|f| std::fs::read_to_string(f).ok()) {
            words.extend(parse_words(&text));
        }
        words.remove("");
        let mut s = SpellingSettings {
            dictionaries,
            words,
            regions: Default::default(),
            mode: c.spelling.mode,
        };
        if let Some(tag) = &c.lang {
            s.choose_region(tag);
        }
        s
    }
}

/// The words of a word file: one per line, `#` starts a comment.
pub fn parse_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_lowercase)
}

type Slot = Arc<OnceLock<Option<Arc<Speller>>>>;

/// Keys of the notes already recorded (each note once per rule and process).
static NOTED: Mutex<BTreeSet<(&'static str, String)>> = Mutex::new(BTreeSet::new());
/// Loaded spellers, keyed by their files: each set is read once per process.
static CACHE: OnceLock<Mutex<HashMap<Vec<PathBuf>, Slot>>> = OnceLock::new();
/// Notes for the end of the run (a missing or unreadable dictionary).
static NOTES: Mutex<Vec<Note>> = Mutex::new(Vec::new());

/// A note for the end of the run: a dictionary missing or unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The rule that needed the dictionary.
    pub rule: &'static str,
    /// What to say.
    pub text: String,
}

/// Records a note of `rule` for the end of the run, once per `key`, rule
/// and process.
pub(crate) fn note(rule: &'static str, key: &str, msg: String) {
    let mut seen = NOTED.lock().unwrap_or_else(|e| e.into_inner());
    if seen.insert((rule, key.to_string())) {
        NOTES
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Note { rule, text: msg });
    }
}

/// Notes, once per run, that `lang` has no dictionary for `spelling`.
pub(crate) fn note_missing(lang: &str) {
    note(
        "spelling",
        &format!("missing:{lang}"),
        format!(
            "spelling: no hunspell dictionary for `{lang}`; {lang} text is not spell-checked (install {}, or list a .dic file in [spelling] dictionaries)",
            package_hint(lang)
        ),
    );
}

/// The speller of `lang`, loaded on first use (concurrent callers wait for
/// the one load). `None` when no dictionary is found or one is unreadable;
/// a note says so once per process.
pub fn speller(lang: &str, settings: &SpellingSettings) -> Option<Arc<Speller>> {
    let affs = find_for(lang, settings, "spelling");
    if affs.is_empty() {
        note_missing(lang);
        return None;
    }
    let slot: Slot = {
        let cache = CACHE.get_or_init(Default::default);
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(affs.clone()).or_default().clone()
    };
    slot.get_or_init(|| match Speller::load(&affs) {
        Ok(s) => Some(Arc::new(s)),
        Err(e) => {
            note(
                "spelling",
                &format!("unreadable:{e}"),
                format!("spelling: cannot read a dictionary for `{lang}`: {e}"),
            );
            None
        }
    })
    .clone()
}

/// Takes the notes recorded so far (missing or unreadable dictionaries),
/// each once per process. The command line prints those of the rules
/// selected explicitly: a rule on by default that finds no dictionary
/// stays silent.
pub fn take_notes() -> Vec<Note> {
    std::mem::take(&mut *NOTES.lock().unwrap_or_else(|e| e.into_inner()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_map_to_languages() {
        assert_eq!(lang_of_stem("fr_BE"), "fr");
        assert_eq!(lang_of_stem("de_DE_frami"), "de");
        assert_eq!(lang_of_stem("nl"), "nl");
    }

    #[test]
    fn configured_paths_replace_the_system_ones() {
        let conf = vec![PathBuf::from("/x/fr_BE.dic"), PathBuf::from("/x/nl.dic")];
        assert_eq!(find("fr", &conf), vec![PathBuf::from("/x/fr_BE.aff")]);
    }

    #[test]
    fn an_unknown_language_has_no_speller_and_one_note() {
        take_notes();
        let none = SpellingSettings::default();
        assert!(speller("xx", &none).is_none());
        assert!(speller("xx", &none).is_none());
        let notes = take_notes();
        assert_eq!(
            notes.iter().filter(|n| n.text.contains("`xx`")).count(),
            1,
            "{notes:?}"
        );
    }
}
