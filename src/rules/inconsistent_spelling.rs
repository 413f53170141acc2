//! `inconsistent-spelling`: a name or term written in two forms that are
//! equal once case, diacritics and apostrophes are folded.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::lang::Languages;
use crate::people::fold::{base_letter, fold, is_apostrophe, is_hyphen, is_mark};
use crate::people::tokens::{elision_len, tokenize};
use crate::people::{MentionKind, People};
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "inconsistent-spelling",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A name or term written in two forms that differ only in accents or inner capitals (Imamoğlu/Imamoglu, d'État/d'Etat)",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Collects the capitalised words of the release (names, institutions,
terms: "Imamoğlu", "État" in "d'État", "FoodLink", "Porte-parole") and
reports a word written in two forms that are equal once case,
diacritics and apostrophes are folded:
- an accent dropped or added: Imamoğlu/Imamoglu, Noémie/Noemie,
  d'État/d'Etat;
- a capital inside the word: FoodLink/Foodlink, Porte-parole/Porte-Parole.

The form written least often is reported, with a label on the form used
most (on a tie, the form written first counts as the norm).

Not reported:
- the capital of a word that opens a sentence or sits in a title-case
  headline ("Le"/"le", "Plan"/"plan"): only capitals inside a word count;
- lower-case words ("marche"/"marché", "een"/"één" are different words);
- words in capitals (acronyms, shouted headings);
- a word capitalised only at sentence starts ("Ecole" opening a sentence
  and "École" opening another one is left alone unless the word also
  appears inside a sentence);
- umlaut pairs in German (Mutter/Mütter): letters listed in
  `distinct-letters` make different words;
- the two halves of a bilingual release are compared separately;
- URLs and e-mail addresses.

With an officials register (`[[officials]]` in prlint.toml), a
registered name written with other accents or capitals, or one or two
letters off ("Pascal Smett"), is reported too.

## Why it matters
A principal's name spelt two ways reads as carelessness, and the wrong
form gets copied into every article.

## Example
    … le maire d’Istanbul, Ekrem Imamoğlu, …
                                 -------- written so 2 times
    Ekrem Imamoglu est maire …
          ^^^^^^^^ other spelling

## Options
None. `[words.de] distinct-letters = ["ä", "ö", "ü"]` lists letters whose
diacritic makes another word.

## Fix safety
Unsafe: replaces the minority form with the majority one; the minority
form may be the correct spelling.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct InconsistentSpelling;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(InconsistentSpelling))
}

/// One occurrence of a capitalised word.
struct Occ {
    span: Span,
    /// Apostrophes and hyphens normalised, case and accents kept.
    exact: String,
    /// Opens a sentence or sits in a headline.
    initial: bool,
    heading: bool,
}

fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_apostrophe(c) {
                '\''
            } else if is_hyphen(c) {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// Whether a written name is the registered one: apostrophes and hyphens
/// normalised, and a word written in capitals ("Pascal SMET", a headline
/// in capitals) compared without case.
fn same_name(written: &str, registered: &str) -> bool {
    let w: Vec<&str> = written.split_whitespace().collect();
    let r: Vec<&str> = registered.split_whitespace().collect();
    w.len() == r.len()
        && w.iter().zip(&r).all(|(a, b)| {
            let caps = !a.chars().any(char::is_lowercase);
            if caps {
                lower(&normalise(a)) == lower(&normalise(b))
            } else {
                normalise(a) == normalise(b)
            }
        })
}

/// Folds case and diacritics, keeping the `distinct` letters.
fn key(s: &str, distinct: &[char]) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if is_mark(c) {
            continue;
        }
        let lower: Vec<char> = c.to_lowercase().collect();
        if lower.len() == 1 && distinct.contains(&lower[0]) {
            out.push(lower[0]);
        } else {
            out.push_str(&fold(&c.to_string()));
        }
    }
    out
}

/// Lower case with diacritics kept.
fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// `target`'s letters with `like`'s case (same length), else `target`.
fn with_case_of(target: &str, like: &str) -> String {
    let t: Vec<char> = target.chars().collect();
    let l: Vec<char> = like.chars().collect();
    if t.len() != l.len() {
        return target.to_string();
    }
    t.iter()
        .zip(&l)
        .map(|(&tc, &lc)| {
            if lc.is_uppercase() {
                tc.to_uppercase().next().unwrap_or(tc)
            } else if base_letter(lc) == lc && lc.is_lowercase() {
                tc.to_lowercase().next().unwrap_or(tc)
            } else {
                tc
            }
        })
        .collect()
}

impl InconsistentSpelling {
    /// Variants of capitalised words, region by region.
    fn text_variants(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        // (region, key) -> occurrences
        let mut groups: BTreeMap<(usize, String), Vec<Occ>> = BTreeMap::new();
        // Lower-case words: a capitalised sentence opener that is also
        // written in lower case is a common word, not a name.
        let mut common: HashSet<String> = HashSet::new();
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if matches!(p.kind, BlockKind::Meta) {
                continue;
            }
            let ptext = &text[p.span.clone()];
            let skip: Vec<Span> = cx
                .parser
                .url()
                .find_iter(ptext)
                .chain(cx.parser.email().find_iter(ptext))
                .map(|m| p.span.start + m.start()..p.span.start + m.end())
                .collect();
            let distinct: Vec<char> = cx
                .words_of(pi)
                .lists
                .distinct_letters
                .iter()
                .filter_map(|s| s.chars().next())
                .collect();
            let heading = matches!(p.kind, BlockKind::Title | BlockKind::Heading);
            for t in tokenize(doc, pi) {
                if t.digit
                    || skip
                        .iter()
                        .any(|s| s.start < t.span.end && t.span.start < s.end)
                {
                    continue;
                }
                let w = &text[t.span.clone()];
                if !t.cap {
                    common.insert(lower(&normalise(w)));
                }
                let e = elision_len(w);
                let mut core = &w[e..];
                for s in ["'s", "’s"] {
                    core = core.strip_suffix(s).unwrap_or(core);
                }
                let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
                if letters.len() < 3
                    || !core.chars().next().is_some_and(char::is_uppercase)
                    || !letters.iter().any(|c| c.is_lowercase())
                {
                    continue;
                }
                let start = t.span.start + e;
                groups
                    .entry((p.region, key(core, &distinct)))
                    .or_default()
                    .push(Occ {
                        span: start..start + core.len(),
                        exact: normalise(core),
                        initial: (t.sent_start && e == 0) || heading,
                        heading,
                    });
            }
        }
        for occs in groups.values() {
            if occs.len() < 2 {
                continue;
            }
            // Accent variants: compare lower-cased forms (headlines included).
            let named = occs.iter().any(|o| !o.initial);
            if named {
                report(
                    doc,
                    occs.iter(),
                    |o| {
                        let l = lower(&o.exact);
                        (!(o.initial && common.contains(&l))).then_some(l)
                    },
                    "accents",
                    out,
                );
            }
            // Inner-capital variants: exact forms outside headlines, among
            // forms with the same letters and accents.
            let mut same: BTreeMap<String, Vec<&Occ>> = BTreeMap::new();
            for o in occs.iter().filter(|o| !o.heading) {
                same.entry(lower(&o.exact)).or_default().push(o);
            }
            for v in same.values().filter(|v| v.len() > 1) {
                report(
                    doc,
                    v.iter().copied(),
                    |o| Some(o.exact.clone()),
                    "capitals",
                    out,
                );
            }
        }
    }

    /// Registered names misspelt (accents, case, one or two letters).
    fn register_names(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let register = cx.people.register();
        if register.is_empty() {
            return;
        }
        let doc = cx.doc;
        let people = People::of(cx);
        for person in &people.persons {
            let entry = match person.official.and_then(|i| register.entries.get(i)) {
                Some(e) => Some(e),
                None => register.entries.iter().find(|e| {
                    let a: Vec<&str> = e.key.split(' ').collect();
                    let b: Vec<&str> = person.key.split(' ').collect();
                    a.len() == b.len()
                        && e.key.chars().count() >= 6
                        && a.first() == b.first() // the first name matches: a near-miss surname
                        && (1..=2).contains(&strsim::damerau_levenshtein(&e.key, &person.key))
                        || (a.len() == b.len()
                            && a.last() == b.last()
                            && a.first().is_some_and(|f| f.chars().count() >= 4)
                            && strsim::damerau_levenshtein(&e.key, &person.key) == 1)
                }),
            };
            let Some(entry) = entry else {
                continue;
            };
            let wrong: Vec<Span> = person
                .mentions
                .iter()
                .filter_map(|&m| people.mentions.get(m))
                .filter(|m| m.kind == MentionKind::Full)
                .filter(|m| {
                    let written: String = doc
                        .slice(&m.span)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    !same_name(&written, &entry.name)
                })
                .map(|m| m.span.clone())
                .collect();
            let Some(first) = wrong.first() else {
                continue;
            };
            let mut d = Diagnostic::new(
                &META,
                first.clone(),
                format!(
                    "“{}” is written “{}” in the officials register",
                    doc.slice(first)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    entry.name
                ),
            )
            .with_label("not the registered spelling")
            .with_help(format!("write “{}”", entry.name));
            for s in &wrong[1..] {
                d = d.with_secondary(s.clone(), "also here");
            }
            d = d.with_fix(Fix::unsafe_(
                wrong
                    .iter()
                    .map(|s| Edit::replace(s.clone(), entry.name.clone()))
                    .collect(),
            ));
            out.push(d);
        }
    }
}

/// Reports the minority forms of one group, as told by `form`.
fn report<'o>(
    doc: &crate::document::Document,
    occs: impl IntoIterator<Item = &'o Occ>,
    form: impl Fn(&Occ) -> Option<String>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut forms: Vec<(String, Vec<&Occ>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for o in occs {
        let Some(f) = form(o) else { continue };
        match index.get(&f) {
            Some(&i) => forms[i].1.push(o),
            None => {
                index.insert(f.clone(), forms.len());
                forms.push((f, vec![o]));
            }
        }
    }
    if forms.len() < 2 {
        return;
    }
    // Majority: most occurrences, then first written.
    let major = forms
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, v))| (v.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let (_, major_occs) = &forms[major];
    let norm = major_occs[0];
    let norm_text = doc.slice(&norm.span).to_string();
    for (i, (_, v)) in forms.iter().enumerate() {
        if i == major {
            continue;
        }
        let first = v[0];
        let written = doc.slice(&first.span);
        let mut d = Diagnostic::new(
            &META,
            first.span.clone(),
            format!(
                "“{written}” is written “{norm_text}” elsewhere ({} against {}; {what} differ)",
                major_occs.len(),
                v.len()
            ),
        )
        .with_label("minority spelling")
        .with_secondary(
            norm.span.clone(),
            match major_occs.len() {
                1 => format!("written “{norm_text}” here"),
                n => format!("written “{norm_text}” here ({n} times)"),
            },
        )
        .with_help(format!("write “{norm_text}” throughout"));
        for o in &v[1..] {
            d = d.with_secondary(o.span.clone(), "same minority spelling");
        }
        let edits = v
            .iter()
            .map(|o| {
                let replacement = if what == "accents" {
                    with_case_of(&norm_text, doc.slice(&o.span))
                } else {
                    norm_text.clone()
                };
                Edit::replace(o.span.clone(), replacement)
            })
            .collect();
        d = d.with_fix(Fix::unsafe_(edits));
        out.push(d);
    }
}

impl Rule for InconsistentSpelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let mut reg = Vec::new();
        self.register_names(cx, &mut reg);
        let mut text = Vec::new();
        self.text_variants(cx, &mut text);
        text.retain(|d| {
            !reg.iter().any(|r| {
                std::iter::once(&r.span)
                    .chain(r.labels.iter().map(|l| &l.span))
                    .any(|s| s.start < d.span.end && d.span.start < s.end)
            })
        });
        out.extend(reg);
        out.extend(text);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints};

    /// A headline, so that the text under test is body text.
    const H: &str = "Headline of the release\n\nBrussels, 3 March 2026 - The release opens with its lede here, as releases do.\n\n";

    const ID: &str = "inconsistent-spelling";

    #[track_caller]
    fn lints(text: &str, lang: &str, n: usize) {
        assert_lints(ID, &format!("{H}{text}"), lang, n);
    }

    #[track_caller]
    fn fix(bad: &str, good: &str, lang: &str) {
        assert_fix(ID, &format!("{H}{bad}"), &format!("{H}{good}"), lang);
    }

    #[test]
    fn accent_variant() {
        fix(
            "Le maire Ekrem Imamoğlu est venu. Il a vu Ekrem Imamoğlu et Ekrem Imamoglu.\n",
            "Le maire Ekrem Imamoğlu est venu. Il a vu Ekrem Imamoğlu et Ekrem Imamoğlu.\n",
            "fr",
        );
    }

    #[test]
    fn elided_and_inner_capitals() {
        lints("Le Secrétaire d’État est là. Le Secrétaire d'Etat aussi. La Porte-parole et la Porte-Parole.\n",
            "fr",
            2,
        );
    }

    #[test]
    fn registered_name_in_capitals_is_the_same() {
        assert!(super::same_name("Pascal SMET", "Pascal Smet"));
        assert!(super::same_name("PASCAL SMET", "Pascal Smet"));
        assert!(!super::same_name("Pascal SMETT", "Pascal Smet"));
        assert!(!super::same_name("Pascal Smét", "Pascal Smet"));
    }

    #[test]
    fn sentence_initial_and_lowercase_are_not_variants() {
        lints(
            "Le marché est ouvert. Marche avant. La marche continue. Les gens vont au Marché.\n",
            "fr",
            0,
        );
        lints("Die Mutter kam. Die Mütter kamen.\n", "de", 0);
    }
}
