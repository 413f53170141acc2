//! French determiner–noun and determiner–adjective–noun agreement, from
//! the morphological fields of the Dicollecte dictionary.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use super::{capitalised, Det, Finding, Number, Sent, FEM, MAS};
use crate::morph::{Answers, Morph, Reading, Tags};
use crate::rule::Context;

/// The French analyser of a check, loaded on first need.
#[derive(Default)]
pub(super) struct French {
    morph: Option<Option<Arc<Morph>>>,
}

thread_local! {
    /// The analyses made so far by this thread: a word is analysed once
    /// per run (an analysis tries every suffix rule that could end it).
    static ANALYSES: RefCell<Answers<Rc<[Reading]>>> = RefCell::default();
}

/// Elided words that may stand before a determiner ("d’une", "qu’un").
const ELIDED: &[&str] = &["d", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

/// The determiner word `i` is, after an elided preposition or pronoun
/// ("d’une", "qu’un"): the part after the elision as written and the
/// determiner. `None` when it is none.
fn elided_det<'a>(s: &Sent<'a>, i: usize) -> Option<(&'a str, Det)> {
    let full = s.word(i);
    // The lower-cased word from the word table. A capital sigma lower-cases
    // by its context (final or not), so such a word is split before it is
    // lower-cased, as written.
    if full.contains('Σ') {
        let w = full
            .split_once(['\'', '’'])
            .filter(|(h, _)| ELIDED.contains(&h.to_lowercase().as_str()))
            .map_or(full, |(_, rest)| rest);
        return s.det(&w.to_lowercase()).map(|d| (w, d));
    }
    let lower = s.lower(i);
    // Lower-casing keeps apostrophes and adds none: the first apostrophe
    // of both forms is the same one.
    match (full.split_once(['\'', '’']), lower.split_once(['\'', '’'])) {
        (Some((_, rest)), Some((h, rest_lower))) if ELIDED.contains(&h) => {
            s.det(rest_lower).map(|d| (rest, d))
        }
        _ => s.det(lower).map(|d| (full, d)),
    }
}

/// Whether a reading is a noun, an adjective or a past participle.
fn nominal(r: &Reading) -> bool {
    let pos = r.tags.pos();
    pos != 0 && pos & !(Tags::NOUN | Tags::ADJ | Tags::PPAS) == 0
}

/// Whether a reading's number fits.
fn number_fits(t: Tags, n: Option<Number>) -> bool {
    match n {
        None => true,
        _ if t.has(Tags::INV) || !t.has(Tags::SG | Tags::PL) => true,
        Some(Number::Sg) => t.has(Tags::SG),
        Some(Number::Pl) => t.has(Tags::PL),
    }
}

/// Whether a reading's gender fits.
fn gender_fits(t: Tags, genders: u8) -> bool {
    if genders == 0 || t.has(Tags::EPI) || !t.has(Tags::MAS | Tags::FEM) {
        return true;
    }
    (genders & MAS != 0 && t.has(Tags::MAS)) || (genders & FEM != 0 && t.has(Tags::FEM))
}

/// How a word after a determiner is read: its noun and adjective readings,
/// or `None` when it is something else (a verb after a pronoun, an
/// adverb, an unknown word) and the check ends.
fn nominal_readings(all: &[Reading], det: &Det) -> Option<Vec<Reading>> {
    if all.is_empty() {
        return None;
    }
    let nom: Vec<Reading> = all.iter().copied().filter(nominal).collect();
    let others_are_verbs = all
        .iter()
        .filter(|r| !nominal(r))
        .all(|r| r.tags.pos() == Tags::VERB);
    if nom.is_empty() || (nom.len() < all.len() && (det.pro || !others_are_verbs)) {
        return None;
    }
    Some(nom)
}

impl French {
    /// `m.analyse(word)`, remembered for the rest of the run.
    fn analyse(&self, m: &Arc<Morph>, word: &str) -> Rc<[Reading]> {
        ANALYSES.with_borrow_mut(|memo| {
            memo.get(std::slice::from_ref(m), word, || m.analyse(word).into())
        })
    }

    fn morph(&mut self, cx: &Context) -> Option<Arc<Morph>> {
        self.morph
            .get_or_insert_with(|| {
                let prefer = &cx.langs.get("fr").lists.morphology_dictionaries;
                let m = crate::morph::for_lang("fr", &cx.office.spelling, prefer)?;
                if !m.has_fields {
                    crate::spell::note(
                        "agreement",
                        "fields:fr",
                        format!(
                            "agreement: {} has no morphological fields (po:, is:); French agreement is not checked (Dicollecte's dictionary, Debian hunspell-fr, has them)",
                            m.file.with_extension("dic").display()
                        ),
                    );
                    return None;
                }
                Some(m)
            })
            .clone()
    }

    /// Checks one sentence.
    pub(super) fn check(&mut self, cx: &Context, s: &Sent, out: &mut Vec<Finding>) {
        let n = s.spans.len();
        let mut i = 0;
        while i + 1 < n {
            // An elided preposition or pronoun before it: "d’une", "qu’un".
            let Some((w, det)) = elided_det(s, i).filter(|_| s.adjacent(i) && !s.glued_outside(i))
            else {
                i += 1;
                continue;
            };
            // Only a capital at the sentence start: "LES THÉMATIQUES" is a
            // headline, "Les Échos" a name.
            if capitalised(w) && (!s.opens(i) || w.chars().skip(1).any(char::is_uppercase)) {
                i += 1;
                continue;
            }
            let Some(m) = self.morph(cx) else {
                return;
            };
            if let Some(f) = self.judge(cx, &m, s, i, &det) {
                out.push(f);
            }
            i += 1;
        }
    }

    /// Judges the words after the determiner at `i`.
    fn judge(
        &self,
        cx: &Context,
        m: &Arc<Morph>,
        s: &Sent,
        i: usize,
        det: &Det,
    ) -> Option<Finding> {
        let j = i + 1;
        let w1 = s.word(j);
        if capitalised(w1) || s.glued(j) {
            return None;
        }
        let r1 = nominal_readings(&self.analyse(m, w1), det)?;
        let role = |at: usize| s.tables.roles.contains(s.lower(at));
        let genders = |at: usize| if role(at) { 0 } else { det.genders };
        let g1 = genders(j);
        let fits = |r: &Reading, g: u8| number_fits(r.tags, det.number) && gender_fits(r.tags, g);
        let det_word = s.word(i);
        let det_word = det_word
            .split_once(['\'', '’'])
            .map_or(det_word, |(_, rest)| rest);
        if !r1.iter().any(|r| fits(r, g1)) {
            // Before the loanword test, which may load the English
            // dictionary: a mismatch made by a pasted repeat is left to
            // `repeated-word`.
            if super::starts_repeat(s, &s.spans[j]) || self.loanword_gender(cx, &r1, det, w1) {
                return None;
            }
            return Some(self.finding(m, s, j, det_word, &r1, det, g1));
        }
        // The word agrees: when it is an adjective, the noun after it must
        // agree too ("les grandes projet").
        let k = j + 1;
        if k >= s.spans.len() || !s.adjacent(j) {
            return None;
        }
        let w2 = s.word(k);
        if capitalised(w2) || s.glued(k) {
            return None;
        }
        let r2 = nominal_readings(&self.analyse(m, w2), &Det { pro: true, ..*det })?;
        // Determiner, adjective, noun, after an adjective that stands
        // before its noun ("les grandes projet"). Two nouns are an
        // apposition ("aux primes énergie", "des projets pilote"), and an
        // adjective after a noun may agree with a noun before ("le fichier
        // des marqueurs utilisé"): neither is checked.
        let prenominal = r1
            .iter()
            .any(|r| r.tags.has(Tags::ADJ) && s.tables.prenominal.contains(m.stem(r)));
        if !prenominal || !r2.iter().any(|r| r.tags.has(Tags::NOUN)) {
            return None;
        }
        // A noun shared out between two adjectives ("les premier et
        // second tours") is not this case.
        if s.spans
            .get(k + 1)
            .is_some_and(|n| s.text[s.spans[k].end..n.start].contains(','))
            || matches!(
                s.spans.get(k + 1).map(|_| s.word(k + 1)),
                Some("et" | "ou" | "ni")
            )
        {
            return None;
        }
        let g2 = genders(k);
        let fits2 = |r: &Reading| number_fits(r.tags, det.number) && gender_fits(r.tags, g2);
        if r2.iter().any(fits2) {
            return None;
        }
        Some(self.finding(m, s, k, det_word, &r2, det, g2))
    }

    /// Whether only the gender is wrong and the word is also English (a
    /// loanword: "la socket", "le newsletter"), whose gender usage differs
    /// from the dictionary's.
    fn loanword_gender(&self, cx: &Context, readings: &[Reading], det: &Det, w: &str) -> bool {
        readings.iter().any(|r| number_fits(r.tags, det.number))
            && !crate::spell::find_for("en", &cx.office.spelling, "agreement").is_empty()
            && crate::spell::speller("en", &cx.office.spelling).is_some_and(|sp| sp.check(w))
    }

    /// The finding on word `at`, with the forms of its entries that fit.
    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        m: &Morph,
        s: &Sent,
        at: usize,
        det_word: &str,
        readings: &[Reading],
        det: &Det,
        genders: u8,
    ) -> Finding {
        let w = s.word(at);
        let number_ok = readings.iter().any(|r| number_fits(r.tags, det.number));
        let mut suggestions: Vec<String> = Vec::new();
        for r in readings {
            // Keep the word's own gender when the number is wrong.
            let own = r.tags.has(Tags::MAS | Tags::FEM) && !r.tags.has(Tags::EPI);
            let forms = m.forms(r, |t| {
                nominal_pos(t)
                    && number_fits(t, det.number)
                    && t.has(Tags::SG | Tags::PL | Tags::INV)
                    && gender_fits(t, genders)
                    && (!own
                        || number_ok
                        || t.has(Tags::EPI)
                        || (t.has(Tags::MAS) == r.tags.has(Tags::MAS)))
            });
            for f in forms {
                if f != w && !suggestions.contains(&f) {
                    suggestions.push(f);
                }
            }
        }
        let want = match det.number {
            Some(Number::Pl) => "plural",
            Some(Number::Sg) => "singular",
            None => "",
        };
        let message = if !number_ok {
            let has = if want == "plural" {
                "singular"
            } else {
                "plural"
            };
            format!("\"{det_word}\" is {want} but \"{w}\" is {has}")
        } else {
            let g = if genders & FEM != 0 {
                "feminine"
            } else {
                "masculine"
            };
            let has = if g == "feminine" {
                "masculine"
            } else {
                "feminine"
            };
            format!("\"{det_word}\" is {g} but \"{w}\" is {has}")
        };
        Finding {
            span: s.spans[at].clone(),
            message,
            label: if number_ok {
                "gender differs from the determiner's"
            } else {
                "number differs from the determiner's"
            },
            suggestions,
        }
    }
}

/// Whether tags are those of a noun, an adjective or a participle.
fn nominal_pos(t: Tags) -> bool {
    let pos = t.pos();
    pos != 0 && pos & !(Tags::NOUN | Tags::ADJ | Tags::PPAS) == 0
}
