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

/// The gender of `word` (lower case) from `lang`'s lists, if one is known.
fn gender_of(cx: &Context, lang: &str, word: &str) -> Option<u8> {
    let lists = &cx.langs.get(lang).lists;
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
                // A whole word, or the last part of a compound (at least
                // two letters before it: "Ursprung").
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
        let w = s.word(i);
        if (capitalised(w) && !s.opens(i)) || !s.adjacent(i) || s.glued(i) {
            continue;
        }
        let Some(det) = s.det(lang, &w.to_lowercase()) else {
            continue;
        };
        if det.genders == 0 || (det.rel && s.after_comma(i)) {
            continue;
        }
        // Also a pronoun ("Nu is het tijd", "vindt het zaak"): an article
        // only at the sentence start or after a preposition.
        if det.pro
            && i > 0
            && !(s.adjacent(i - 1)
                && cx
                    .langs
                    .get(lang)
                    .is_preposition(&s.word(i - 1).to_lowercase()))
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
        let Some(g) = gender_of(cx, lang, &noun.to_lowercase()) else {
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
