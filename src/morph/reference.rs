//! The dictionary reader `agreement` used before the compiled form
//! ([`super::table`]): every entry in a hash map, built at each run. Kept
//! for the tests only, which check that both give the same readings.

use std::collections::HashMap;

use super::{parse_cond, parse_flags, CondChar, Flag, Tags};

/// One way to read a word: the entry it comes from, the suffix rule that
/// made it (none for the bare stem), and what it is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    entry: u32,
    pub suffix: Option<u32>,
    pub tags: Tags,
}

/// One dictionary entry: a stem, its flags and its fields.
#[derive(Debug)]
struct Entry {
    stem: Box<str>,
    flags: Box<[Flag]>,
    tags: Tags,
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

/// A dictionary read for its morphology.
pub(super) struct Morph {
    entries: Vec<Entry>,
    words: HashMap<Box<str>, Vec<u32>>,
    suffixes: Vec<Suffix>,
    by_add: HashMap<Box<str>, Vec<u32>>,
    needaffix: Option<Flag>,
    /// Whether the entries carry `po:`/`is:` fields.
    pub has_fields: bool,
}

impl Morph {
    /// Builds the analyser from the text of an `.aff` and a `.dic` file.
    pub fn parse(aff: &str, dic: &str) -> Morph {
        let super::Aff {
            mode,
            needaffix,
            suffix_lines,
            ..
        } = super::read_aff(aff);
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
        for (word, flags, tags) in super::read_dic(dic, mode) {
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

/// The compiled reader gives the same readings, stems, suffixes, forms and
/// entry flags as this one, on every word of the fixtures and a large
/// sample of each installed dictionary's entries and their forms.
#[cfg(test)]
mod tests {
    use super::super::Morph as Compiled;
    use super::*;
    use std::path::Path;

    /// The words of every fixture (letters and apostrophes, split on the rest).
    fn fixture_words() -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(t) = std::fs::read_to_string(&p) {
                    out.extend(
                        t.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '-')
                            .filter(|w| !w.is_empty())
                            .map(str::to_string),
                    );
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn compare(name: &str, aff: &str, dic: &str, fixtures: &[String]) {
        let old = Morph::parse(aff, dic);
        let new = Compiled::parse(aff, dic);
        assert_eq!(old.has_fields, new.has_fields, "{name}");
        let mut words: Vec<String> = fixtures.to_vec();
        // Every 20th entry, and the forms of every 150th (a debug build
        // reads slowly).
        for (i, e) in old.entries.iter().enumerate() {
            if i % 20 == 0 {
                words.push(e.stem.to_string());
            }
            if i % 150 == 0 {
                let r = Reading {
                    entry: i as u32,
                    suffix: None,
                    tags: e.tags,
                };
                words.extend(old.forms(&r, |_| true));
            }
        }
        let mut checked = 0;
        for (n, w) in words.iter().enumerate() {
            let a = old.analyse(w);
            let b = new.analyse(w);
            assert_eq!(old.is_stem(w), new.is_stem(w), "{name}: {w}");
            let view_a: Vec<_> = a
                .iter()
                .map(|r| (old.stem(r), old.added(r), r.suffix, r.tags))
                .collect();
            let view_b: Vec<_> = b
                .iter()
                .map(|r| (new.stem(r), new.added(r), r.suffix, r.tags))
                .collect();
            assert_eq!(view_a, view_b, "{name}: {w}");
            for (ra, rb) in a.iter().zip(&b).filter(|_| n % 8 == 0) {
                for adds in [&["s", "es", "ies"][..], &["ing", "ed", "d"], &["'s"]] {
                    assert_eq!(
                        old.entry_makes(ra, adds),
                        new.entry_makes(rb, adds),
                        "{name}: {w} {adds:?}"
                    );
                }
                if n % 200 == 0 {
                    let pl = |t: Tags| t.has(Tags::PL);
                    assert_eq!(old.forms(ra, pl), new.forms(rb, pl), "{name}: {w}");
                    assert_eq!(old.forms(ra, |_| true), new.forms(rb, |_| true));
                }
            }
            checked += 1;
        }
        assert!(checked > 1000, "{name}: {checked} words");
    }

    #[test]
    fn the_compiled_reader_reads_as_the_old_one() {
        let fixtures = fixture_words();
        assert!(fixtures.len() > 1000, "{}", fixtures.len());
        let mut compared = 0;
        for stem in ["fr", "en_US", "en_GB"] {
            let aff = Path::new("/usr/share/hunspell").join(format!("{stem}.aff"));
            let (Ok(a), Ok(d)) = (
                crate::spell::read_text(&aff),
                crate::spell::read_text(&aff.with_extension("dic")),
            ) else {
                continue;
            };
            compare(stem, &a, &d, &fixtures);
            compared += 1;
        }
        if compared == 0 {
            eprintln!("no hunspell dictionary installed: only the small one compared");
        }
        let aff = "FLAG long\nNEEDAFFIX ()\nSFX S. Y 2\nSFX S. 0 0/L' [^sxz] is:sg\nSFX S. 0 s [^sxz] is:pl\nSFX X. Y 1\nSFX X. l ux al is:pl\n";
        let dic =
            "3\nthématique/S.() po:nom is:fem\njournal/X. po:nom is:mas\nprix po:nom is:inv\n";
        compare("small", aff, dic, &fixtures);
    }
}
