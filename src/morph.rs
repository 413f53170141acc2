//! Word analysis from a Hunspell dictionary's affix rules and morphological
//! fields, for `agreement`.
//!
//! `spellbook` tells whether a word is known, not what it is. Dicollecte's
//! French dictionary writes what each entry is (`po:nom is:fem`,
//! `po:adj is:epi`, `po:v1…`) and what each suffix makes of it (`is:pl`,
//! `po:ppas is:fem is:sg`): this module reads those fields, and the affix
//! flags of any dictionary (the English one has no fields, but its flags
//! tell a plural in `-s` from its stem).
//!
//! A dictionary is read once per process, only when `agreement` checks a
//! release of its language (the French one in 40–80 ms here).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A flag, up to two characters packed.
pub type Flag = u64;

/// What an entry or a suffix says about a word (`po:` and `is:` fields).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tags(u32);

impl Tags {
    /// A noun (`po:nom`).
    pub const NOUN: u32 = 1;
    /// An adjective (`po:adj`).
    pub const ADJ: u32 = 1 << 1;
    /// A verb form (an entry `po:v…`, except its past participles).
    pub const VERB: u32 = 1 << 2;
    /// A past participle (`po:ppas`), used as an adjective.
    pub const PPAS: u32 = 1 << 3;
    /// A determiner (`po:det…`).
    pub const DET: u32 = 1 << 4;
    /// A pronoun (`po:pro…`).
    pub const PRONOUN: u32 = 1 << 5;
    /// Any other part of speech (adverb, preposition, number…).
    pub const OTHER: u32 = 1 << 6;
    /// Masculine.
    pub const MAS: u32 = 1 << 8;
    /// Feminine.
    pub const FEM: u32 = 1 << 9;
    /// Either gender (`is:epi`).
    pub const EPI: u32 = 1 << 10;
    /// Singular.
    pub const SG: u32 = 1 << 11;
    /// Plural.
    pub const PL: u32 = 1 << 12;
    /// Same form in both numbers (`is:inv`).
    pub const INV: u32 = 1 << 13;
    const POS: u32 = 0xff;
    const GENDER: u32 = Self::MAS | Self::FEM | Self::EPI;
    const NUMBER: u32 = Self::SG | Self::PL | Self::INV;

    /// Whether any of `bits` is set.
    pub fn has(self, bits: u32) -> bool {
        self.0 & bits != 0
    }

    /// The part-of-speech bits.
    pub fn pos(self) -> u32 {
        self.0 & Self::POS
    }

    /// Reads the fields of a `.dic` line or a suffix rule.
    fn parse<'a>(fields: impl Iterator<Item = &'a str>) -> Tags {
        let mut t = 0;
        for f in fields {
            t |= match f {
                "po:nom" => Self::NOUN,
                "po:adj" => Self::ADJ,
                "po:ppas" => Self::PPAS,
                "is:mas" => Self::MAS,
                "is:fem" => Self::FEM,
                "is:epi" => Self::EPI,
                "is:sg" => Self::SG,
                "is:pl" => Self::PL,
                "is:inv" => Self::INV,
                _ if f.starts_with("po:v") => Self::VERB,
                _ if f.starts_with("po:det") => Self::DET,
                _ if f.starts_with("po:pro") => Self::PRONOUN,
                // A grammatical word (`po:mg`) says no more than its other fields.
                "po:mg" => 0,
                _ if f.starts_with("po:") => Self::OTHER,
                _ => 0,
            };
        }
        Tags(t)
    }

    /// An entry's tags as changed by a suffix: the suffix's gender and
    /// number win; a verb's past participle is an adjective.
    fn with_suffix(self, s: Tags) -> Tags {
        let mut pos = self.pos();
        if pos & Self::VERB != 0 {
            pos = if s.has(Self::PPAS) {
                Self::PPAS
            } else {
                Self::VERB
            };
        }
        let gender = if s.0 & Self::GENDER != 0 {
            s.0 & Self::GENDER
        } else {
            self.0 & Self::GENDER
        };
        let number = if s.0 & Self::NUMBER != 0 {
            s.0 & Self::NUMBER
        } else {
            self.0 & Self::NUMBER
        };
        Tags(pos | gender | number)
    }
}

/// One dictionary entry: a stem, its flags and its fields.
#[derive(Debug)]
struct Entry {
    stem: Box<str>,
    flags: Box<[Flag]>,
    tags: Tags,
}

/// One element of a suffix condition.
#[derive(Debug)]
enum CondChar {
    Any,
    Set(bool, Box<[char]>),
}

/// A suffix rule: `SFX flag strip add condition fields`.
#[derive(Debug)]
struct Suffix {
    flag: Flag,
    strip: Box<str>,
    add: Box<str>,
    cond: Box<[CondChar]>,
    tags: Tags,
}

impl Suffix {
    /// Whether the condition holds at the end of `stem`.
    fn fits(&self, stem: &str) -> bool {
        let mut chars = stem.chars().rev();
        for c in self.cond.iter().rev() {
            let Some(ch) = chars.next() else {
                return false;
            };
            if let CondChar::Set(neg, set) = c {
                if set.contains(&ch) == *neg {
                    return false;
                }
            }
        }
        true
    }
}

/// One way to read a word: the entry it comes from, the suffix rule that
/// made it (none for the bare stem), and what it is.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    entry: u32,
    suffix: Option<u32>,
    /// Part of speech, gender and number.
    pub tags: Tags,
}

/// How the flags of a dictionary are written (`FLAG`).
#[derive(Debug, Clone, Copy)]
enum FlagMode {
    Char,
    Long,
    Num,
}

/// A dictionary read for its morphology.
pub struct Morph {
    entries: Vec<Entry>,
    words: HashMap<Box<str>, Vec<u32>>,
    suffixes: Vec<Suffix>,
    by_add: HashMap<Box<str>, Vec<u32>>,
    needaffix: Option<Flag>,
    /// Whether the entries carry `po:`/`is:` fields.
    pub has_fields: bool,
    /// The `.aff` file read.
    pub file: PathBuf,
    /// Time spent reading it.
    pub load_time: std::time::Duration,
}

impl std::fmt::Debug for Morph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Morph").field("file", &self.file).finish()
    }
}

fn parse_flags(s: &str, mode: FlagMode) -> Vec<Flag> {
    match mode {
        FlagMode::Char => s.chars().map(|c| c as Flag).collect(),
        FlagMode::Long => {
            let cs: Vec<char> = s.chars().collect();
            cs.chunks(2)
                .map(|p| (p[0] as Flag) << 32 | p.get(1).map_or(0, |&c| c as Flag))
                .collect()
        }
        FlagMode::Num => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
    }
}

fn parse_cond(s: &str) -> Box<[CondChar]> {
    let mut out = Vec::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        match c {
            '.' => out.push(CondChar::Any),
            '[' => {
                let mut set = Vec::new();
                let mut neg = false;
                let mut first = true;
                for d in it.by_ref() {
                    if d == ']' {
                        break;
                    }
                    if first && d == '^' {
                        neg = true;
                    } else {
                        set.push(d);
                    }
                    first = false;
                }
                out.push(CondChar::Set(neg, set.into()));
            }
            c => out.push(CondChar::Set(false, Box::new([c]))),
        }
    }
    out.into()
}

impl Morph {
    /// Reads the dictionary at `aff` (its `.dic` beside it). Errors name the file.
    pub fn load(aff: &Path) -> Result<Morph, String> {
        let start = std::time::Instant::now();
        let aff_text = crate::spell::read_text(aff)?;
        let dic_text = crate::spell::read_text(&aff.with_extension("dic"))?;
        let mut m = Morph::parse(&aff_text, &dic_text);
        m.file = aff.to_path_buf();
        m.load_time = start.elapsed();
        Ok(m)
    }

    /// Builds the analyser from the text of an `.aff` and a `.dic` file.
    pub fn parse(aff: &str, dic: &str) -> Morph {
        let mut mode = FlagMode::Char;
        let mut needaffix_raw = None;
        let mut suffix_lines: Vec<&str> = Vec::new();
        for line in aff.lines() {
            let mut f = line.split_whitespace();
            match f.next() {
                Some("FLAG") => {
                    mode = match f.next() {
                        Some("long") => FlagMode::Long,
                        Some("num") => FlagMode::Num,
                        _ => FlagMode::Char,
                    }
                }
                Some("NEEDAFFIX") => needaffix_raw = f.next(),
                Some("SFX") => suffix_lines.push(line),
                _ => {}
            }
        }
        let needaffix = needaffix_raw.and_then(|n| parse_flags(n, mode).first().copied());
        let mut suffixes = Vec::new();
        for line in suffix_lines {
            let f: Vec<&str> = line.split_whitespace().collect();
            // The header ("SFX S. Y 2") has four fields; a rule five or more.
            if f.len() < 5 {
                continue;
            }
            let Some(&flag) = parse_flags(f[1], mode).first() else {
                continue;
            };
            let strip = if f[2] == "0" { "" } else { f[2] };
            let add = f[3].split('/').next().unwrap_or("");
            let add = if add == "0" { "" } else { add };
            suffixes.push(Suffix {
                flag,
                strip: strip.into(),
                add: add.into(),
                cond: parse_cond(f[4]),
                tags: Tags::parse(f[5..].iter().copied()),
            });
        }
        let mut by_add: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (i, s) in suffixes.iter().enumerate() {
            by_add.entry(s.add.clone()).or_default().push(i as u32);
        }
        let mut entries = Vec::new();
        let mut words: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut has_fields = false;
        for line in dic.lines().skip(1) {
            // Comment lines of some dictionaries start with a tab or '#'.
            if line.starts_with(['\t', '#']) || line.trim().is_empty() {
                continue;
            }
            let (head, fields) = match line.find(['\t', ' ']) {
                Some(i) => (&line[..i], &line[i..]),
                None => (line, ""),
            };
            let (word, flags) = match head.split_once('/') {
                Some((w, f)) => (w, parse_flags(f, mode)),
                None => (head, Vec::new()),
            };
            if word.is_empty() {
                continue;
            }
            let tags = Tags::parse(fields.split_whitespace());
            has_fields |= tags.0 != 0;
            let id = entries.len() as u32;
            entries.push(Entry {
                stem: word.into(),
                flags: flags.into(),
                tags,
            });
            words.entry(word.into()).or_default().push(id);
        }
        Morph {
            entries,
            words,
            suffixes,
            by_add,
            needaffix,
            has_fields,
            file: PathBuf::new(),
            load_time: std::time::Duration::ZERO,
        }
    }

    /// Every reading of `word` as written (case kept): the bare entries
    /// that need no affix, and each entry a suffix rule turns into it.
    pub fn analyse(&self, word: &str) -> Vec<Reading> {
        let mut out = Vec::new();
        if let Some(ids) = self.words.get(word) {
            for &id in ids {
                let e = &self.entries[id as usize];
                if self.needaffix.is_none_or(|n| !e.flags.contains(&n)) {
                    out.push(Reading {
                        entry: id,
                        suffix: None,
                        tags: e.tags,
                    });
                }
            }
        }
        let bounds = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()));
        let mut stem = String::new();
        for at in bounds {
            let Some(rules) = self.by_add.get(&word[at..]) else {
                continue;
            };
            for &r in rules {
                let s = &self.suffixes[r as usize];
                stem.clear();
                stem.push_str(&word[..at]);
                stem.push_str(&s.strip);
                if stem.is_empty() || !s.fits(&stem) {
                    continue;
                }
                let Some(ids) = self.words.get(stem.as_str()) else {
                    continue;
                };
                for &id in ids {
                    let e = &self.entries[id as usize];
                    if e.flags.contains(&s.flag) {
                        out.push(Reading {
                            entry: id,
                            suffix: Some(r),
                            tags: e.tags.with_suffix(s.tags),
                        });
                    }
                }
            }
        }
        out
    }

    /// Whether `word` is an entry of its own (not only made by a suffix).
    pub fn is_stem(&self, word: &str) -> bool {
        self.words.contains_key(word)
    }

    /// The stem a reading comes from.
    pub fn stem(&self, r: &Reading) -> &str {
        &self.entries[r.entry as usize].stem
    }

    /// What the suffix of a reading adds ("s", "es"); empty for a bare stem.
    pub fn added(&self, r: &Reading) -> &str {
        r.suffix.map_or("", |s| &self.suffixes[s as usize].add)
    }

    /// Whether the entry of a reading has a suffix flag one of whose rules
    /// adds one of `adds` ("ing", "ed": the entry is also a verb).
    pub fn entry_makes(&self, r: &Reading, adds: &[&str]) -> bool {
        let e = &self.entries[r.entry as usize];
        self.suffixes
            .iter()
            .any(|s| adds.contains(&&*s.add) && e.flags.contains(&s.flag))
    }

    /// The forms of the entry behind `r` whose tags satisfy `want`, the
    /// bare stem first (for suggestions: "thématique" → "thématiques").
    pub fn forms(&self, r: &Reading, want: impl Fn(Tags) -> bool) -> Vec<String> {
        let e = &self.entries[r.entry as usize];
        let mut out: Vec<String> = Vec::new();
        if self.needaffix.is_none_or(|n| !e.flags.contains(&n)) && want(e.tags) {
            out.push(e.stem.to_string());
        }
        for s in &self.suffixes {
            if !e.flags.contains(&s.flag) || !s.fits(&e.stem) {
                continue;
            }
            let Some(base) = e.stem.strip_suffix(&*s.strip) else {
                continue;
            };
            if want(e.tags.with_suffix(s.tags)) {
                let f = format!("{base}{}", s.add);
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }
}

type Slot = Arc<OnceLock<Option<Arc<Morph>>>>;
static CACHE: OnceLock<Mutex<HashMap<PathBuf, Slot>>> = OnceLock::new();

/// The analyser of `lang`'s dictionary (the first found whose file stem
/// is in `prefer`, else the first found), read on first use, once per
/// process.
/// `None` (and a note once per run) without a dictionary.
pub fn for_lang(
    lang: &str,
    settings: &crate::spell::SpellingSettings,
    prefer: &[String],
) -> Option<Arc<Morph>> {
    let affs = crate::spell::find_for(lang, settings);
    let stem_of = |p: &PathBuf| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_lowercase)
            .unwrap_or_default()
    };
    let preferred = affs.iter().find(|a| prefer.contains(&stem_of(a)));
    let Some(aff) = preferred.or(affs.first()).cloned() else {
        crate::spell::note(
            &format!("agreement-missing:{lang}"),
            format!(
                "agreement: no hunspell dictionary for `{lang}`; {lang} agreement is not checked (install {}, or list a .dic file in [spelling] dictionaries)",
                crate::spell::package_hint(lang)
            ),
        );
        return None;
    };
    let slot: Slot = {
        let cache = CACHE.get_or_init(Default::default);
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(aff.clone()).or_default().clone()
    };
    slot.get_or_init(|| match Morph::load(&aff) {
        Ok(m) => Some(Arc::new(m)),
        Err(e) => {
            crate::spell::note(
                &format!("unreadable:{e}"),
                format!("agreement: cannot read a dictionary for `{lang}`: {e}"),
            );
            None
        }
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nFLAG long\nNEEDAFFIX ()\n\nSFX S. Y 2\nSFX S. 0 0/L'D'Q' [^sxz] is:sg\nSFX S. 0 s/D'Q' [^sxz] is:pl\n\nSFX X. Y 2\nSFX X. 0 0 [ul] is:sg\nSFX X. l ux al is:pl\n";
    const DIC: &str = "4\nthématique/S.() po:nom is:fem\njournal/X.() po:nom is:mas\nprix po:nom is:mas is:inv\nremercier po:v1__t___zz\n";

    #[test]
    fn readings_and_forms() {
        let m = Morph::parse(AFF, DIC);
        assert!(m.has_fields);
        let r = m.analyse("thématique");
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(r[0].tags.has(Tags::NOUN | Tags::FEM | Tags::SG));
        assert!(!r[0].tags.has(Tags::PL));
        let p = m.analyse("thématiques");
        assert!(p[0].tags.has(Tags::PL));
        assert_eq!(
            m.forms(&r[0], |t| t.has(Tags::PL)),
            vec!["thématiques".to_string()]
        );
        let j = m.analyse("journaux");
        assert_eq!(m.stem(&j[0]), "journal");
        assert!(j[0].tags.has(Tags::PL | Tags::MAS));
        assert!(m.analyse("prix")[0].tags.has(Tags::INV));
        assert!(m.analyse("remercier")[0].tags.has(Tags::VERB));
        assert!(m.analyse("thématiquex").is_empty());
    }

    #[test]
    fn conditions() {
        let c = parse_cond("[^e][knmrt]");
        assert_eq!(c.len(), 2);
        let s = Suffix {
            flag: 0,
            strip: "".into(),
            add: "e".into(),
            cond: c,
            tags: Tags::default(),
        };
        assert!(s.fits("petit"));
        assert!(!s.fits("grand"));
        assert!(!s.fits("net"));
        assert!(!s.fits("t"));
    }
}
