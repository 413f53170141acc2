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
//! A dictionary is compiled once ([`table`]: sorted stems and suffix rules
//! in one buffer, searched in place) and kept in a cache folder
//! ([`cache`]): a later process reads that file (1–2 ms for the French
//! dictionary) instead of parsing the `.dic` (50–70 ms). It is read once
//! per process, only when `agreement` checks a release of its language.

pub mod answers;
pub mod cache;
#[cfg(test)]
mod reference;
mod table;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub use answers::Answers;
pub use table::Memo;
use table::Table;

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

/// One element of a suffix condition.
#[derive(Debug)]
enum CondChar {
    Any,
    Set(bool, Box<[char]>),
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

/// What both readers take from an `.aff` file: its flag syntax (`FLAG`),
/// its special flags, its `SFX` and `PFX` lines in order, whether each
/// affix flag combines with the other kind (the `Y` of its header line),
/// and its input conversions (`ICONV`).
struct Aff<'a> {
    mode: FlagMode,
    needaffix: Option<Flag>,
    /// `FORBIDDENWORD`: an entry so flagged is not a word.
    forbidden: Option<Flag>,
    /// `ONLYINCOMPOUND`: an entry so flagged is only part of a compound.
    only_in_compound: Option<Flag>,
    suffix_lines: Vec<&'a str>,
    prefix_lines: Vec<&'a str>,
    /// The affix flags whose header says `Y` (cross product allowed).
    cross: Vec<Flag>,
    /// `ICONV` pairs: what the input writes, what the dictionary writes.
    iconv: Vec<(&'a str, &'a str)>,
}

fn read_aff(aff: &str) -> Aff<'_> {
    let mut mode = FlagMode::Char;
    let (mut needaffix, mut forbidden, mut only) = (None, None, None);
    let mut out = Aff {
        mode,
        needaffix: None,
        forbidden: None,
        only_in_compound: None,
        suffix_lines: Vec::new(),
        prefix_lines: Vec::new(),
        cross: Vec::new(),
        iconv: Vec::new(),
    };
    let mut headers: Vec<&str> = Vec::new();
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
            Some("NEEDAFFIX") => needaffix = f.next(),
            Some("FORBIDDENWORD") => forbidden = f.next(),
            Some("ONLYINCOMPOUND") => only = f.next(),
            Some("ICONV") => {
                if let (Some(from), Some(to)) = (f.next(), f.next()) {
                    out.iconv.push((from, to));
                }
            }
            Some(kind @ ("SFX" | "PFX")) => {
                // The header ("SFX S. Y 2") has four fields; a rule five or more.
                if line.split_whitespace().count() == 4 {
                    headers.push(line);
                }
                if kind == "SFX" {
                    out.suffix_lines.push(line);
                } else {
                    out.prefix_lines.push(line);
                }
            }
            _ => {}
        }
    }
    let first = |s: Option<&str>| s.and_then(|n| parse_flags(n, mode).first().copied());
    out.mode = mode;
    out.needaffix = first(needaffix);
    out.forbidden = first(forbidden);
    out.only_in_compound = first(only);
    out.cross = headers
        .iter()
        .filter_map(|h| {
            let f: Vec<&str> = h.split_whitespace().collect();
            (f[2] == "Y").then(|| first(Some(f[1]))).flatten()
        })
        .collect();
    out
}

/// The entries of a `.dic` file, after its count line: (word, flags,
/// `po:`/`is:` fields); comment and blank lines skipped.
fn read_dic(dic: &str, mode: FlagMode) -> impl Iterator<Item = (&str, Vec<Flag>, Tags)> + '_ {
    dic.lines().skip(1).filter_map(move |line| {
        // Comment lines of some dictionaries start with a tab or '#'.
        if line.starts_with(['\t', '#']) || line.trim().is_empty() {
            return None;
        }
        let (head, fields) = match line.find(['\t', ' ']) {
            Some(i) => (&line[..i], &line[i..]),
            None => (line, ""),
        };
        let (word, flags) = match head.split_once('/') {
            Some((w, f)) => (w, parse_flags(f, mode)),
            None => (head, Vec::new()),
        };
        (!word.is_empty()).then(|| (word, flags, Tags::parse(fields.split_whitespace())))
    })
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

/// A dictionary read for its morphology.
pub struct Morph {
    table: Table,
    /// Whether the entries carry `po:`/`is:` fields.
    pub has_fields: bool,
    /// The `.aff` file read.
    pub file: PathBuf,
    /// Time spent reading it (from the cache, or compiling it).
    pub load_time: std::time::Duration,
    /// Whether it was read from the cache.
    pub cached: bool,
}

impl std::fmt::Debug for Morph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Morph").field("file", &self.file).finish()
    }
}

impl Morph {
    /// Reads the dictionary at `aff` (its `.dic` beside it), from the cache
    /// when it holds a valid compiled form, else compiling it (and caching
    /// it when the cache folder can be written). Errors name the file.
    pub fn load(aff: &Path) -> Result<Morph, String> {
        let start = std::time::Instant::now();
        let (table, cached) = cache::load(aff)?;
        Ok(Morph {
            has_fields: table.has_fields,
            table,
            file: aff.to_path_buf(),
            load_time: start.elapsed(),
            cached,
        })
    }

    /// Builds the analyser from the text of an `.aff` and a `.dic` file
    /// (in memory; no cache).
    pub fn parse(aff: &str, dic: &str) -> Morph {
        let bytes = table::compile(aff, dic, "");
        let table = Table::from_bytes(bytes, "").unwrap_or_else(Table::empty);
        Morph {
            has_fields: table.has_fields,
            table,
            file: PathBuf::new(),
            load_time: std::time::Duration::ZERO,
            cached: false,
        }
    }

    /// Every reading of `word` as written (case kept): the bare entries
    /// that need no affix, and each entry a suffix rule turns into it.
    pub fn analyse(&self, word: &str) -> Vec<Reading> {
        let t = &self.table;
        let mut out = Vec::new();
        for id in t.entries_of(word).into_iter().flatten() {
            let id = id as u32;
            if t.entry_alone(id) {
                out.push(Reading {
                    entry: id,
                    suffix: None,
                    tags: t.entry_tags(id),
                });
            }
        }
        let bounds = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()));
        let mut stem = String::new();
        for at in bounds {
            for r in t.suffixes_adding(&word[at..]) {
                stem.clear();
                stem.push_str(&word[..at]);
                stem.push_str(t.suffix_strip(r));
                if stem.is_empty() || !t.fits(r, &stem) {
                    continue;
                }
                let Some(ids) = t.entries_of(&stem) else {
                    continue;
                };
                let flag = t.suffix_flag(r);
                for id in ids {
                    let id = id as u32;
                    if t.entry_has(id, flag) {
                        out.push(Reading {
                            entry: id,
                            suffix: Some(r),
                            tags: t.entry_tags(id).with_suffix(t.suffix_tags(r)),
                        });
                    }
                }
            }
        }
        out
    }

    /// Whether the dictionary accepts `word` outside compounds: an entry,
    /// with up to two suffixes or a prefix (see `Table::knows`).
    pub fn knows(&self, word: &str) -> bool {
        self.table.knows(word, &mut Memo::default())
    }

    /// [`Morph::knows`] for one of many words that share their starts
    /// (the near misses of a word): `memo` keeps the stem search of the
    /// last word asked, and the next resumes from their common start.
    pub fn knows_with(&self, word: &str, memo: &mut Memo) -> bool {
        self.table.knows(word, memo)
    }

    /// Whether `word` is an entry of its own (not only made by a suffix).
    pub fn is_stem(&self, word: &str) -> bool {
        self.table.entries_of(word).is_some()
    }

    /// The stem a reading comes from.
    pub fn stem(&self, r: &Reading) -> &str {
        self.table.entry_stem(r.entry)
    }

    /// What the suffix of a reading adds ("s", "es"); empty for a bare stem.
    pub fn added(&self, r: &Reading) -> &str {
        r.suffix.map_or("", |s| self.table.suffix_add(s))
    }

    /// Whether the entry of a reading has a suffix flag one of whose rules
    /// adds one of `adds` ("ing", "ed": the entry is also a verb).
    pub fn entry_makes(&self, r: &Reading, adds: &[&str]) -> bool {
        let t = &self.table;
        (0..t.suffix_count())
            .any(|s| adds.contains(&t.suffix_add(s)) && t.entry_has(r.entry, t.suffix_flag(s)))
    }

    /// The forms of the entry behind `r` whose tags satisfy `want`, the
    /// bare stem first (for suggestions: "thématique" → "thématiques").
    pub fn forms(&self, r: &Reading, want: impl Fn(Tags) -> bool) -> Vec<String> {
        let t = &self.table;
        let e = r.entry;
        let stem = t.entry_stem(e);
        let tags = t.entry_tags(e);
        let mut out: Vec<String> = Vec::new();
        if t.entry_alone(e) && want(tags) {
            out.push(stem.to_string());
        }
        for s in 0..t.suffix_count() {
            if !t.entry_has(e, t.suffix_flag(s)) || !t.fits(s, stem) {
                continue;
            }
            let Some(base) = stem.strip_suffix(t.suffix_strip(s)) else {
                continue;
            };
            if want(tags.with_suffix(t.suffix_tags(s))) {
                let f = format!("{base}{}", t.suffix_add(s));
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
    let affs = crate::spell::find_for(lang, settings, "agreement");
    let stem_of = |p: &PathBuf| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_lowercase)
            .unwrap_or_default()
    };
    let preferred = affs.iter().find(|a| prefer.contains(&stem_of(a)));
    let Some(aff) = preferred.or(affs.first()).cloned() else {
        crate::spell::note(
            "agreement",
            &format!("missing:{lang}"),
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
                "agreement",
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
    fn knows_prefixes_two_suffixes_and_conversions() {
        // A prefix that combines with suffixes (Y), one that does not (N),
        // a suffix whose continuation class allows a second suffix,
        // ICONV, a forbidden word and a compound-only entry.
        let aff =
            "FLAG long\nICONV 1\nICONV ij ĳ\nFORBIDDENWORD Fw\nONLYINCOMPOUND Cx\nNEEDAFFIX Na\n\
                   PFX Ds Y 1\nPFX Ds 0 dis .\nPFX Un N 1\nPFX Un 0 un .\n\
                   SFX Ss Y 1\nSFX Ss 0 s .\nSFX Ed Y 1\nSFX Ed 0 d e\n\
                   SFX Tn Y 1\nSFX Tn 0 ation/Ss .\n\
                   SFX En Y 1\nSFX En 0 en .\nSFX Co Y 1\nSFX Co 0 0/Cx .\n";
        let dic =
            "7\nease/DsSsEd\nkind/UnSs\ncommend/Tn\nbĳ/En\nbadword/Fw\nmoeder/Cx\nnacht/CoNa\n";
        let m = Morph::parse(aff, dic);
        for w in [
            "ease",
            "eases",
            "disease",
            "diseases",
            "diseased",
            "unkind",
            "commendation",
            "commendations",
            "bij",
            "bĳen",
            "bijen",
        ] {
            assert!(m.knows(w), "{w}");
        }
        // "un" is not a cross-product prefix; "commendationss"; "commends"
        // (Ss only after "ation"); forbidden and compound-only entries.
        for w in [
            "unkinds",
            "commendationss",
            "commends",
            "badword",
            "moeder",
            "nacht",
            "dis",
            "",
        ] {
            assert!(!m.knows(w), "{w}");
        }
    }

    /// On the system's dictionaries: what the compiled table knows,
    /// Hunspell knows (the table is a subset: it may only let a typo go,
    /// never report a word), and common forms made with a prefix, two
    /// suffixes or an input conversion are known.
    #[test]
    fn knows_is_a_subset_of_hunspell() {
        let dir = Path::new("/usr/share/hunspell");
        let words = |t: &str| -> Vec<String> {
            t.split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() >= 2)
                .map(str::to_string)
                .collect()
        };
        let mut text = String::new();
        for f in [
            "fixtures/examples",
            "fixtures/spelling",
            "fixtures/agreement",
        ] {
            let d = Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
            for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
                text.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
        let cases: &[(&str, &[&str])] = &[
            (
                "en_GB",
                &["disease", "recommendations", "reconsidered", "inequalities"],
            ),
            (
                "nl",
                &["bijdrage", "belangrijke", "wetenschappelijke", "tijdens"],
            ),
            ("fr", &["thématiques", "reçu", "convaincus"]),
            ("de_DE", &["vertritt", "gesellschaftlichen"]),
        ];
        for (stem, must) in cases {
            let aff = dir.join(format!("{stem}.aff"));
            let (Ok(a), Ok(d)) = (
                crate::spell::read_text(&aff),
                crate::spell::read_text(&aff.with_extension("dic")),
            ) else {
                eprintln!("{stem}: no dictionary installed; skipped");
                continue;
            };
            let m = Morph::parse(&a, &d);
            let sp = spellbook::Dictionary::new(&a, &d).expect("dictionary");
            for w in *must {
                assert!(m.knows(w), "{stem}: {w}");
            }
            let (mut known, mut both) = (0, 0);
            for w in words(&text) {
                if m.knows(&w) {
                    known += 1;
                    assert!(
                        sp.check(&w),
                        "{stem}: the table knows {w:?}, Hunspell does not"
                    );
                }
                both += usize::from(sp.check(&w));
            }
            assert!(known > 0 || both == 0, "{stem}");
        }
    }

    #[test]
    fn conditions() {
        assert_eq!(parse_cond("[^e][knmrt]").len(), 2);
        let aff = "SFX E Y 1\nSFX E 0 e [^e][knmrt]\n";
        let m = Morph::parse(aff, "4\npetit/E\ngrand/E\nnet/E\nt/E\n");
        assert!(m.is_stem("petit"));
        assert_eq!(m.analyse("petite").len(), 1);
        assert!(m.analyse("grande").is_empty());
        assert!(m.analyse("nete").is_empty());
        assert!(m.analyse("te").is_empty());
    }
}
