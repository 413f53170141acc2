//! Dutch and German article–noun gender, from the packs' gender lists
//! (`neuter-nouns`, `common-nouns`, `feminine-nouns`, `masculine-nouns`):
//! the Hunspell dictionaries of these languages do not mark gender.
//!
//! A noun's gender is that of the longest list entry it ends with, so a
//! compound takes the gender of its last part ("Endgerät" → "gerät",
//! "stadhuis" → "huis"); an entry with a leading `-` is an ending ("-heit",
//! "-je"). Only determiners whose case and number leave one reading are
//! listed ("das", "dem", "jeden", "het", "de"); "der", "die", "den" are
//! not: "der Stadt" is a genitive or a dative.

use super::{capitalised, Finding, Sent, COM, FEM, MAS, NEU};
use crate::rule::Context;

/// One entry of a gender list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// An ending ("-heit") rather than a word.
    ending: bool,
    gender: u8,
}

/// The gender lists of a language (`masculine-nouns`, `feminine-nouns`,
/// `neuter-nouns`, `common-nouns`) by entry, so a word is looked up once
/// per suffix instead of being compared with every entry.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Entry (without its leading `-`) -> its readings.
    entries: foldhash::HashMap<String, Vec<Entry>>,
}

impl Index {
    /// Indexes `lists`' gender lists.
    pub fn new(lists: &crate::lang::WordLists) -> Index {
        let mut entries: foldhash::HashMap<String, Vec<Entry>> = Default::default();
        for (list, gender) in [
            (&lists.masculine_nouns, MAS),
            (&lists.feminine_nouns, FEM),
            (&lists.neuter_nouns, NEU),
            (&lists.common_nouns, COM),
        ] {
            for e in list {
                let (key, ending) = match e.strip_prefix('-') {
                    Some(end) => (end, true),
                    None => (e.as_str(), false),
                };
                entries
                    .entry(key.to_string())
                    .or_default()
                    .push(Entry { ending, gender });
            }
        }
        Index { entries }
    }

    /// The gender of `word` (lower case), if one is known: that of the
    /// longest entry it ends with (a whole-word entry counts one longer
    /// than an ending of the same letters); `None` when two entries of that
    /// length disagree.
    pub fn gender_of(&self, word: &str) -> Option<u8> {
        let mut best: Option<(usize, u8)> = None;
        // Every suffix of the word, the empty one included (an entry "-"),
        // starts at a character boundary.
        let starts = word
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(word.len()));
        for at in starts {
            let suffix = &word[at..];
            let Some(list) = self.entries.get(suffix) else {
                continue;
            };
            for e in list {
                let (hit, len) = if e.ending {
                    (word.len() > suffix.len() + 2, suffix.len())
                } else {
                    // A whole word, or the last part of a compound (at
                    // least two letters before it: "Ursprung").
                    (
                        at == 0 || (at >= 2 && suffix.chars().count() >= 4),
                        suffix.len() + 1,
                    )
                };
                if hit {
                    best = pick(best, len, e.gender);
                }
            }
        }
        best.map(|(_, g)| g).filter(|&g| g != 0)
    }
}

/// The better of the best reading so far and a reading of `len` bytes: the
/// longer one; two of the same length with different genders give 0.
fn pick(best: Option<(usize, u8)>, len: usize, g: u8) -> Option<(usize, u8)> {
    match best {
        Some((l, bg)) if l == len && bg != g => Some((l, 0)),
        Some((l, _)) if l >= len => best,
        _ => Some((len, g)),
    }
}

/// The gender of `word` (lower case) from `lang`'s lists, if one is known:
/// the lists scanned entry by entry, the definition [`Index::gender_of`]
/// is tested against.
#[cfg(test)]
fn gender_of_scan(lists: &crate::lang::WordLists, word: &str) -> Option<u8> {
    let mut best: Option<(usize, u8)> = None;
    for (list, g) in [
        (&lists.masculine_nouns, MAS),
        (&lists.feminine_nouns, FEM),
        (&lists.neuter_nouns, NEU),
        (&lists.common_nouns, COM),
    ] {
        for e in list {
            let (hit, len) = match e.strip_prefix('-') {
                Some(end) => (word.ends_with(end) && word.len() > end.len() + 2, end.len()),
                None => (
                    word == e
                        || (word.ends_with(e.as_str())
                            && word.len() >= e.len() + 2
                            && e.chars().count() >= 4),
                    e.len() + 1,
                ),
            };
            if hit {
                match best {
                    Some((l, bg)) if l == len && bg != g => best = Some((l, 0)),
                    Some((l, _)) if l >= len => {}
                    _ => best = Some((len, g)),
                }
            }
        }
    }
    best.map(|(_, g)| g).filter(|&g| g != 0)
}

fn name(g: u8) -> &'static str {
    match g {
        MAS => "masculine",
        FEM => "feminine",
        NEU => "neuter",
        _ => "common gender",
    }
}

/// Checks one Dutch or German sentence.
pub(super) fn check(cx: &Context, lang: &str, s: &Sent, out: &mut Vec<Finding>) {
    let german = lang == "de";
    for i in 0..s.spans.len().saturating_sub(1) {
        // The determiner first: most words are none.
        let Some(det) = s.det(s.lower(i)) else {
            continue;
        };
        let w = s.word(i);
        if (capitalised(w) && !s.opens(i)) || !s.adjacent(i) || s.glued(i) {
            continue;
        }
        if det.genders == 0 || (det.rel && s.after_comma(i)) {
            continue;
        }
        // Also a pronoun ("Nu is het tijd", "vindt het zaak"): an article
        // only at the sentence start or after a preposition.
        if det.pro
            && i > 0
            && !(s.adjacent(i - 1) && cx.langs.get(lang).is_preposition(s.lower(i - 1)))
        {
            continue;
        }
        let j = i + 1;
        let noun = s.word(j);
        // German nouns are capitalised, Dutch ones are not (a capital is a name).
        if s.glued(j) || capitalised(noun) != german || noun.chars().count() < 3 {
            continue;
        }
        // The noun must end the phrase: a German noun followed by another
        // capitalised word may be part of a name.
        if german && j + 1 < s.spans.len() && s.adjacent(j) && capitalised(s.word(j + 1)) {
            continue;
        }
        let Some(g) = s.tables.genders.gender_of(s.lower(j)) else {
            continue;
        };
        if det.genders & g != 0 {
            continue;
        }
        let allowed: Vec<&str> = [MAS, FEM, NEU, COM]
            .into_iter()
            .filter(|&x| det.genders & x != 0)
            .map(name)
            .collect();
        out.push(Finding {
            span: s.spans[i].clone(),
            message: format!(
                "\"{w}\" goes with a {} noun but \"{noun}\" is {}",
                allowed.join(" or "),
                name(g)
            ),
            label: "gender differs from the noun's",
            suggestions: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lists(lang: &str) -> &'static crate::lang::WordLists {
        &crate::lang::Languages::builtin().get(lang).lists
    }

    /// Words around the lists' entries: each entry, compounds ending with
    /// it, too short to count, and made-up words.
    fn samples(lang: &str) -> Vec<String> {
        let l = lists(lang);
        let mut out = vec![String::new(), "a".into(), "xyz".into(), "é".into()];
        for list in [
            &l.masculine_nouns,
            &l.feminine_nouns,
            &l.neuter_nouns,
            &l.common_nouns,
        ] {
            for e in list {
                let e = e.trim_start_matches('-');
                for pre in ["", "a", "ab", "abc", "ü", "üb", "stads", "ämter"] {
                    out.push(format!("{pre}{e}"));
                    out.push(format!("{pre}{e}s"));
                }
            }
        }
        out
    }

    #[test]
    fn index_agrees_with_the_scan_on_the_packs() {
        for lang in ["nl", "de"] {
            let idx = Index::new(lists(lang));
            for w in samples(lang) {
                assert_eq!(
                    idx.gender_of(&w),
                    gender_of_scan(lists(lang), &w),
                    "{lang}: {w:?}"
                );
            }
        }
    }

    #[test]
    fn index_cases() {
        let l = crate::lang::WordLists {
            neuter_nouns: vec!["huis".into(), "-je".into(), "-".into()],
            common_nouns: vec!["stad".into(), "-heid".into(), "heid".into()],
            ..Default::default()
        };
        let idx = Index::new(&l);
        for w in [
            "huis", "stadhuis", "xhuis", "meisje", "je", "vrijheid", "heid", "stad", "ab", "abc",
            "aheid",
        ] {
            assert_eq!(idx.gender_of(w), gender_of_scan(&l, w), "{w}");
        }
        assert_eq!(idx.gender_of("stadhuis"), Some(NEU));
        assert_eq!(idx.gender_of("vrijheid"), Some(COM));
        // "-" is an ending of every word longer than two bytes.
        assert_eq!(idx.gender_of("abc"), Some(NEU));
    }

    proptest! {
        #[test]
        fn index_agrees_with_the_scan(pre in "[a-zäöüé]{0,5}", k in 0usize..400, post in "[a-zé]{0,2}") {
            for lang in ["nl", "de"] {
                let l = lists(lang);
                let all: Vec<&String> = l.masculine_nouns.iter().chain(&l.feminine_nouns).chain(&l.neuter_nouns).chain(&l.common_nouns).collect();
                let e = all[k % all.len()].trim_start_matches('-');
                let w = format!("{pre}{e}{post}");
                prop_assert_eq!(Index::new(l).gender_of(&w), gender_of_scan(l, &w));
            }
        }
    }
}
