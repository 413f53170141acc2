//! English determiner number ("these consultation", "a informations") and
//! subject–verb agreement after "the NOUN of the NOUN".
//!
//! English dictionaries carry no morphological fields; the affix rules
//! tell what a word is: a plural is a stem plus a suffix rule adding "s"
//! ("results" = "result" + S), a noun is a stem with a possessive rule
//! ("'s"), a verb a stem with an "ing" or "ed" rule. A word that is a
//! stem of its own ("news", "series", "means") is never read as a plural.

use std::cell::RefCell;
use std::sync::Arc;

use super::{capitalised, Finding, Number, Sent};
use crate::morph::{Answers, Morph};
use crate::rule::Context;

/// The English analyser of a check, loaded on first need.
#[derive(Default)]
pub(super) struct English {
    morph: Option<Option<Arc<Morph>>>,
}

/// What the dictionary says of an English word.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Noun {
    number: Number,
    /// Also a verb ("result", "results").
    verb: bool,
    /// The other number's form ("result" ↔ "results").
    other: Vec<String>,
}

thread_local! {
    /// The nouns read so far by this thread (see [`Answers`]).
    static NOUNS: RefCell<Answers<Option<Noun>>> = RefCell::default();
}

/// [`noun`], remembered for the rest of the run.
fn noun_memo(m: &Arc<Morph>, word: &str) -> Option<Noun> {
    NOUNS.with_borrow_mut(|memo| memo.get(std::slice::from_ref(m), word, || noun(m, word)))
}

/// Words that may follow a noun phrase and show that the noun ends it.
const AFTER_NOUN: &[&str] = &[
    "of", "to", "in", "for", "on", "with", "at", "from", "by", "and", "or", "is", "are", "was",
    "were", "has", "have", "will", "would", "can", "could", "that", "which", "who",
];

/// Reads `word` (lower case) as a count noun: a stem with plural and
/// possessive rules (singular), or such a stem plus its plural suffix.
fn noun(m: &Morph, word: &str) -> Option<Noun> {
    let readings = m.analyse(word);
    let is_noun = |r| m.entry_makes(r, &["'s"]) && m.entry_makes(r, &["s", "es", "ies"]);
    let is_verb = |r| m.entry_makes(r, &["ing", "ed", "d"]);
    if m.is_stem(word) {
        let r = readings
            .iter()
            .filter(|r| m.added(r).is_empty() && m.stem(r) == word)
            .find(|r| is_noun(r))?;
        let other = m.forms(r, |_| true);
        let plural: Vec<String> = other
            .into_iter()
            .filter(|f| f.len() > word.len() && f.ends_with('s') && !f.ends_with("'s"))
            .filter(|f| f.starts_with(&word[..word.len().saturating_sub(1)]))
            .collect();
        return Some(Noun {
            number: Number::Sg,
            verb: readings.iter().any(is_verb),
            other: plural,
        });
    }
    let r = readings
        .iter()
        .find(|r| matches!(m.added(r), "s" | "es" | "ies") && is_noun(r))?;
    Some(Noun {
        number: Number::Pl,
        verb: is_verb(r),
        other: vec![m.stem(r).to_string()],
    })
}

impl English {
    fn morph(&mut self, cx: &Context) -> Option<Arc<Morph>> {
        self.morph
            .get_or_insert_with(|| {
                let prefer = &cx.langs.get("en").lists.morphology_dictionaries;
                crate::morph::for_lang("en", &cx.office.spelling, prefer)
            })
            .clone()
    }

    /// Checks one sentence.
    pub(super) fn check(&mut self, cx: &Context, s: &Sent, out: &mut Vec<Finding>) {
        let lists = &cx.langs.get("en").lists;
        let n = s.spans.len();
        for i in 0..n.saturating_sub(1) {
            let w = s.word(i);
            let lower = s.lower(i);
            // "the" or a determiner first: most words are neither.
            let det = s.det(lower);
            if lower != "the" && det.is_none() {
                continue;
            }
            if (capitalised(w) && !s.opens(i)) || !s.adjacent(i) || s.glued(i) {
                continue;
            }
            if lower == "the" {
                if let Some(f) = self.subject_verb(cx, s, i) {
                    out.push(f);
                    continue;
                }
            }
            let Some(det) = det else {
                continue;
            };
            let j = i + 1;
            let w1 = s.word(j);
            if capitalised(w1) || s.glued(j) {
                continue;
            }
            let l1 = s.lower(j);
            // Uncountable nouns: "informations", "an information".
            if let Some(base) = l1.strip_suffix('s') {
                if lists.uncountable_nouns.iter().any(|u| u == base) {
                    out.push(Finding {
                        span: s.spans[j].clone(),
                        message: format!("\"{base}\" has no plural"),
                        label: "uncountable noun",
                        suggestions: vec![w1[..base.len()].to_string()],
                    });
                    continue;
                }
            }
            let next = s.spans.get(j + 1).map(|_| s.lower(j + 1));
            // The noun must end its phrase ("an information evening" and
            // "these project managers" are compounds).
            let ends_phrase = s.punct_after(j) || next.is_some_and(|x| AFTER_NOUN.contains(&x));
            if det.number == Some(Number::Sg)
                && matches!(lower, "a" | "an" | "another")
                && lists.uncountable_nouns.iter().any(|u| u == l1)
                && ends_phrase
            {
                out.push(Finding {
                    span: s.spans[i].clone(),
                    message: format!("\"{w1}\" is uncountable: no \"{w}\" before it"),
                    label: "uncountable noun",
                    suggestions: Vec::new(),
                });
                continue;
            }
            let Some(want) = det.number else {
                continue;
            };
            // A pronoun before a verb form or a function word ("those
            // beginning with", "these are": "are" is also a noun).
            if l1.ends_with("ing")
                || cx.langs.get("en").is_function_word(l1)
                || lists
                    .agreement_verbs
                    .iter()
                    .any(|v| v.split('=').next() == Some(l1))
            {
                continue;
            }
            let Some(m) = self.morph(cx) else {
                return;
            };
            let Some(nn) = noun_memo(&m, l1) else {
                continue;
            };
            if nn.number == want || lists.agreement_exempt.iter().any(|e| e == l1) {
                continue;
            }
            // A noun that is also a verb only before "of" ("this results
            // in", "these matter").
            let ends = if nn.verb {
                next == Some("of") && !s.punct_after(j)
            } else {
                ends_phrase
            };
            if !ends {
                continue;
            }
            let (dn, wn) = match want {
                Number::Pl => ("plural", "singular"),
                Number::Sg => ("singular", "plural"),
            };
            out.push(Finding {
                span: s.spans[j].clone(),
                message: format!("\"{w}\" is {dn} but \"{w1}\" is {wn}"),
                label: "number differs from the determiner's",
                suggestions: nn.other,
            });
        }
    }

    /// "the NOUN of [the] NOUN VERB" at `i` (a clause opening): the verb
    /// must agree with the first noun.
    fn subject_verb(&mut self, cx: &Context, s: &Sent, i: usize) -> Option<Finding> {
        let lists = &cx.langs.get("en").lists;
        // "the" opens the sentence or a clause ("… that the results …"),
        // not a complement ("one of the results of …").
        let opens = s.opens(i)
            || [
                "that", "because", "while", "since", "although", "whether", "if",
            ]
            .contains(&s.lower(i - 1));
        if !opens || i + 4 >= s.spans.len() {
            return None;
        }
        let head = s.lower(i + 1);
        if s.word(i + 2) != "of" || lists.agreement_exempt.iter().any(|e| e == head) {
            return None;
        }
        let mut k = i + 3;
        if s.det(s.lower(k)).is_some() || s.word(k).eq_ignore_ascii_case("the") {
            k += 1;
        }
        if k + 1 >= s.spans.len() {
            return None;
        }
        let verb = s.word(k + 1);
        let vn = lists.agreement_verbs.iter().find_map(|e| {
            e.split_once('=').filter(|(v, _)| *v == verb).map(|(_, n)| {
                if n == "pl" {
                    Number::Pl
                } else {
                    Number::Sg
                }
            })
        })?;
        // Words side by side, nothing glued: "the results of the
        // consultation is".
        if !(i..=k).all(|x| s.adjacent(x)) || (i + 1..=k + 1).any(|x| s.glued(x)) {
            return None;
        }
        let last = s.word(k);
        if capitalised(s.word(i + 1)) || capitalised(last) {
            return None;
        }
        let m = self.morph(cx)?;
        let h = noun_memo(&m, head)?;
        let tail = noun_memo(&m, s.lower(k))?;
        // Only when the nouns differ in number: otherwise either could be
        // the subject and the verb says nothing new.
        if h.number == vn || h.number == tail.number {
            return None;
        }
        let (fix, hn) = match (verb, h.number) {
            ("is", _) => ("are", "plural"),
            ("are", _) => ("is", "singular"),
            ("was", _) => ("were", "plural"),
            ("were", _) => ("was", "singular"),
            ("has", _) => ("have", "plural"),
            ("have", _) => ("has", "singular"),
            (_, Number::Pl) => ("", "plural"),
            (_, Number::Sg) => ("", "singular"),
        };
        Some(Finding {
            span: s.spans[k + 1].clone(),
            message: format!(
                "the subject \"{}\" is {hn}, so the verb after \"{last}\" should be too",
                s.word(i + 1)
            ),
            label: "verb number differs from the subject's",
            suggestions: if fix.is_empty() {
                Vec::new()
            } else {
                vec![fix.to_string()]
            },
        })
    }
}
