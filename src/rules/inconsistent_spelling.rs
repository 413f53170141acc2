//! `inconsistent-spelling`: a name or term written in two forms that are
//! equal once case, diacritics and apostrophes are folded.

use std::collections::BTreeMap;
use std::rc::Rc;

// foldhash, not SipHash: the sets are probed once per token.
use foldhash::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::lang::Languages;
use crate::people::fold::{base_letter, fold, is_apostrophe, is_hyphen, is_mark};
use crate::people::tokens::elision_len;
use crate::people::{MentionKind, People};
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;
use unicode_normalization::UnicodeNormalization;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "inconsistent-spelling",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A name or term written in two forms that differ only in accents, transliteration, apostrophes, hyphens or inner capitals (Imamoğlu/Imamoglu, Müller/Mueller, Jean-Marc/Jean Marc)",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Collects the capitalised words of the release (names, institutions,
terms: "Imamoğlu", "État" in "d'État", "FoodLink", "Porte-parole") and
reports a word written in two forms that are equal once case,
diacritics and apostrophes are folded:
- an accent dropped or added: Imamoğlu/Imamoglu, Noémie/Noemie,
  d'État/d'Etat;
- a capital inside the word: FoodLink/Foodlink, Porte-parole/Porte-Parole;
- a letter written as its transliteration: Müller/Mueller,
  Schröder/Schroeder, Weiß/Weiss, Jørgensen/Joergensen, Ångström/Aangstroem
  (the letter groups are data: `[words.common] transliterations`; every
  other accent is dropped through Unicode canonical decomposition);
- an apostrophe dropped inside a name: O'Brien/OBrien, D'Angelo/DAngelo
  (straight against typographic, O'Brien/O’Brien, is
  `inconsistent-punctuation`'s business);
- a hyphen or a space in a double name: Jean-Marc/Jean Marc;
- a letter doubled or dropped in a person's name: Hartmann/Hartman.

The form written least often is reported, with a label on the form used
most (on a tie, the form written first counts as the norm). The pairings
other than accents and capitals need a dominant form: the majority form
written more often than the minority one; a doubled or dropped letter also
needs the majority form written at least twice, as a word of the name of a
person the release names (see `prlint entities`), and a minority form that
is never written in lower case.

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

struct InconsistentSpelling {
    translit: Translit,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(InconsistentSpelling {
        translit: Translit::new(langs),
    }))
}

/// One occurrence of a capitalised word (or of two words that another
/// occurrence writes as one hyphenated name).
struct Occ {
    span: Span,
    /// Apostrophes and hyphens normalised, case and accents kept.
    exact: Rc<str>,
    /// Opens a sentence or sits in a headline.
    initial: bool,
    heading: bool,
    /// The language region (halves of a bilingual release apart).
    region: usize,
    /// Case and diacritics folded, the language's distinct letters kept.
    fold_key: Rc<str>,
    /// Transliterated, without apostrophes, hyphens or spaces.
    link_key: Rc<str>,
}

/// Letters written as letter groups ("ü" → "ue"), from the common pack.
#[derive(Debug, Default)]
struct Translit {
    table: HashMap<char, String>,
    /// Whether an ASCII letter has a group (if not, ASCII words skip the table).
    ascii_keys: bool,
}

impl Translit {
    fn new(langs: &Languages) -> Translit {
        let mut table = HashMap::default();
        for entry in &langs.common().lists.transliterations {
            let Some((from, to)) = entry.split_once('=') else {
                continue;
            };
            let mut from = from.trim().nfc();
            if let (Some(c), None) = (from.next(), from.next()) {
                table.insert(c, to.trim().to_lowercase());
            }
        }
        let ascii_keys = table.keys().any(char::is_ascii);
        Translit { table, ascii_keys }
    }

    /// The link key of `s`: lower case, composed (NFC), table letters
    /// written as their groups ("Müller" → "mueller", "Jørgen" →
    /// "joergen"), every other accent dropped through canonical
    /// decomposition ("Noémie" → "noemie"), apostrophes, hyphens and spaces
    /// left out ("O’Brien" → "obrien", "Jean-Marc" → "jeanmarc").
    fn key_into(&self, s: &str, out: &mut String) {
        if s.is_ascii() && !self.ascii_keys {
            // Composed already, no accents, no table letters.
            for c in s.chars() {
                if !(is_apostrophe(c) || is_hyphen(c) || c.is_whitespace()) {
                    out.push(c.to_ascii_lowercase());
                }
            }
            return;
        }
        for c in s.nfc().flat_map(char::to_lowercase) {
            if is_apostrophe(c) || is_hyphen(c) || c.is_whitespace() {
                continue;
            }
            if let Some(group) = self.table.get(&c) {
                out.push_str(group);
                continue;
            }
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !is_mark(d) {
                    out.push(d);
                }
            });
        }
    }

    fn key(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        self.key_into(s, &mut out);
        out
    }
}

/// `s` with every run of one repeated letter written once ("hartmann" →
/// "hartman").
fn undouble(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        if Some(c) != prev {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// What differs between two forms of one name, for the message.
fn difference(a: &str, b: &str) -> &'static str {
    let strip = |s: &str, f: fn(char) -> bool| -> String {
        s.chars()
            .filter(|&c| !f(c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    if strip(a, is_apostrophe) == strip(b, is_apostrophe) {
        "apostrophes differ"
    } else if strip(a, |c| is_hyphen(c) || c == ' ') == strip(b, |c| is_hyphen(c) || c == ' ') {
        "hyphen and space differ"
    } else if fold(a) == fold(b) && a.chars().count() == b.chars().count() {
        "accents differ"
    } else {
        "transliterations differ"
    }
}

/// Union-find over occurrence indices; the root is the earliest index.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

fn normalise(s: &str) -> String {
    if s.is_ascii() && !s.contains('`') {
        return s.to_string();
    }
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
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            // `fold` of an ASCII letter is its lower case (`` ` `` is an apostrophe).
            let l = c.to_ascii_lowercase();
            out.push(if c == '`' && !distinct.contains(&l) {
                '\''
            } else {
                l
            });
            continue;
        }
        if is_mark(c) {
            continue;
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if distinct.contains(&l) => out.push(l),
            _ => out.push_str(&fold(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// Lower case with diacritics kept.
fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
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

/// The exact form, fold key and link key of a capitalised word.
type Keys = (Rc<str>, Rc<str>, Rc<str>);

impl InconsistentSpelling {
    /// Variants of capitalised words, region by region.
    fn text_variants(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let mut occs: Vec<Occ> = Vec::new();
        // Lower-case words: a capitalised sentence opener that is also
        // written in lower case is a common word, not a name.
        let mut common: HashSet<String> = HashSet::default();
        // The lower-case tokens already put in `common`, as written.
        let mut seen_lower: HashSet<&str> = HashSet::default();
        // (core, paragraph language) -> (exact, fold key, link key): the
        // keys of a capitalised word, computed once per distinct spelling.
        let mut keys: HashMap<(&str, &str), Keys> = HashMap::default();
        // Link keys of hyphenated names ("jeanmarc"), per region: two
        // capitalised words written apart with the same key are the same
        // double name with a space.
        let mut hyphenated: HashSet<(usize, String)> = HashSet::default();
        // Capitalised word pairs written apart: (region, first, second occurrence).
        let mut pairs: Vec<(usize, usize)> = Vec::new();
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
            // The previous capitalised word's occurrence, when only a space
            // separates it from the current token.
            let mut prev: Option<usize> = None;
            for t in doc.people_tokens(pi) {
                let last = prev.take();
                if t.digit
                    || skip
                        .iter()
                        .any(|s| s.start < t.span().end && t.span().start < s.end)
                {
                    continue;
                }
                let w = &text[t.span()];
                if !t.cap && seen_lower.insert(w) {
                    common.insert(lower(&normalise(w)));
                }
                let e = elision_len(w);
                let mut core = &w[e..];
                for s in ["'s", "’s"] {
                    core = core.strip_suffix(s).unwrap_or(core);
                }
                let letters = core.chars().filter(|c| c.is_alphabetic()).count();
                if letters < 3
                    || !core.chars().next().is_some_and(char::is_uppercase)
                    || !core.chars().any(char::is_lowercase)
                {
                    continue;
                }
                let start = t.span().start + e;
                let (exact, fold_key, link_key) = keys
                    .entry((core, doc.lang_of(pi)))
                    .or_insert_with(|| {
                        (
                            normalise(core).into(),
                            key(core, &distinct).into(),
                            self.translit.key(core).into(),
                        )
                    })
                    .clone();
                if core.contains(is_hyphen) {
                    hyphenated.insert((p.region, link_key.to_string()));
                }
                let i = occs.len();
                occs.push(Occ {
                    span: start..start + core.len(),
                    exact,
                    initial: (t.sent_start && e == 0) || heading,
                    heading,
                    region: p.region,
                    fold_key,
                    link_key,
                });
                let gap = &text[t.gap()];
                if let Some(j) = last {
                    if e == 0 && !gap.is_empty() && gap.chars().all(|c| c == ' ') {
                        pairs.push((j, i));
                    }
                }
                prev = Some(i);
            }
        }
        // "Jean Marc" beside "Jean-Marc": the pair is one more occurrence.
        if hyphenated.is_empty() {
            pairs.clear();
        }
        for (a, b) in pairs {
            let (x, y) = (&occs[a], &occs[b]);
            if x.exact.contains('-') || y.exact.contains('-') {
                continue;
            }
            let key = (x.region, format!("{}{}", x.link_key, y.link_key));
            if !hyphenated.contains(&key) {
                continue;
            }
            let joined = key.1;
            let occ = Occ {
                span: x.span.start..y.span.end,
                exact: format!("{} {}", x.exact, y.exact).into(),
                initial: x.initial,
                heading: x.heading,
                region: x.region,
                fold_key: "".into(),
                link_key: joined.into(),
            };
            occs.push(occ);
        }
        // One group per name: occurrences joined by an equal folded form or
        // an equal link key.
        let mut parent: Vec<usize> = (0..occs.len()).collect();
        let mut first: HashMap<(usize, &str), usize> = HashMap::default();
        for (i, o) in occs.iter().enumerate() {
            for k in [&*o.fold_key, &*o.link_key] {
                if k.is_empty() {
                    continue;
                }
                match first.get(&(o.region, k)) {
                    Some(&j) => union(&mut parent, i, j),
                    None => {
                        first.insert((o.region, k), i);
                    }
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<&Occ>> = BTreeMap::new();
        for (i, o) in occs.iter().enumerate() {
            let r = find(&mut parent, i);
            groups.entry(r).or_default().push(o);
        }
        for v in groups.values_mut() {
            v.sort_by_key(|o| o.span.start);
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
                    occs.iter().copied(),
                    |o| {
                        let l = lower(&o.exact);
                        (!(o.initial && common.contains(&l))).then_some(l)
                    },
                    None,
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
                    |o| Some(o.exact.to_string()),
                    Some("capitals differ"),
                    out,
                );
            }
        }
        self.doubled_letters(cx, &groups, &common, out);
    }

    /// A letter doubled or dropped in a name ("Hartman" beside "Hartmann"):
    /// groups whose link keys are equal once doubled letters are written
    /// once, when the majority form is a word of a person's name, is
    /// written at least twice and more often than the other form.
    fn doubled_letters(
        &self,
        cx: &Context,
        groups: &BTreeMap<usize, Vec<&Occ>>,
        common: &HashSet<String>,
        out: &mut Vec<Diagnostic>,
    ) {
        // (region, undoubled key) -> groups (occurrences in text order).
        let mut buckets: BTreeMap<(usize, String), Vec<&Vec<&Occ>>> = BTreeMap::new();
        for v in groups.values() {
            let Some(o) = v.first() else { continue };
            if o.link_key.chars().count() < 5 || o.exact.contains(' ') {
                continue;
            }
            buckets
                .entry((o.region, undouble(&o.link_key)))
                .or_default()
                .push(v);
        }
        if buckets.values().all(|l| l.len() < 2) {
            return; // no two spellings to compare: the people model is not needed
        }
        let people = People::of(cx);
        let name_words: HashSet<&str> = people
            .persons
            .iter()
            .flat_map(|p| p.key.split(' '))
            .collect();
        for mut list in buckets.into_values().filter(|l| l.len() > 1) {
            list.sort_by_key(|v| (std::cmp::Reverse(v.len()), v[0].span.start));
            let major = list[0];
            let norm = major[0];
            if major.len() < 2 || !name_words.contains(fold(&norm.exact).as_str()) {
                continue;
            }
            let norm_text = cx.doc.slice(&norm.span).to_string();
            for v in &list[1..] {
                let named = v.iter().any(|o| !o.initial);
                let is_common = v.iter().any(|o| common.contains(&lower(&o.exact)));
                if v.len() >= major.len() || !named || is_common {
                    continue;
                }
                let first = v[0];
                let written = cx.doc.slice(&first.span);
                let mut d = Diagnostic::new(
                    &META,
                    first.span.clone(),
                    format!(
                        "“{written}” is written “{norm_text}” elsewhere ({} against {}; a letter doubled or dropped)",
                        major.len(),
                        v.len()
                    ),
                )
                .with_label("minority spelling")
                .with_secondary(
                    norm.span.clone(),
                    format!("written “{norm_text}” here ({} times)", major.len()),
                )
                .with_help(format!("write “{norm_text}” throughout"));
                for o in &v[1..] {
                    d = d.with_secondary(o.span.clone(), "same minority spelling");
                }
                let edits = v
                    .iter()
                    .map(|o| Edit::replace(o.span.clone(), norm_text.clone()))
                    .collect();
                out.push(d.with_fix(Fix::unsafe_(edits)));
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
    what: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let mut forms: Vec<(String, Vec<&Occ>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::default();
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
        // Forms that fold apart (transliterations, apostrophes, hyphen and
        // space) need a dominant form: more occurrences than this one.
        if what.is_none() && first.fold_key != norm.fold_key && v.len() >= major_occs.len() {
            continue;
        }
        let written = doc.slice(&first.span);
        let what = what.unwrap_or_else(|| difference(written, &norm_text));
        let mut d = Diagnostic::new(
            &META,
            first.span.clone(),
            format!(
                "“{written}” is written “{norm_text}” elsewhere ({} against {}; {what})",
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
                let replacement = if what == "accents differ" {
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
    fn transliterations() {
        // ü/ue, ö/oe, ß/ss, ø/oe, å/aa, with a dominant form.
        lints(
            "Anna Müller opened the hall. Later Anna Müller spoke, and Anna Mueller left.\n",
            "en",
            1,
        );
        lints(
            "Karl Schröder came. Karl Schroeder spoke. Karl Schroeder left.\n",
            "en",
            1,
        );
        lints(
            "Lars Jørgensen came. Lars Jørgensen spoke, then Lars Joergensen left.\n",
            "en",
            1,
        );
        lints(
            "Eva Ångström came. Eva Ångström spoke, then Eva Aangstroem left.\n",
            "en",
            1,
        );
        lints(
            "Die Firma Weiß GmbH lädt ein. Die Firma Weiß GmbH zahlt. Die Firma Weiss GmbH auch.\n",
            "de",
            1,
        );
        // No dominant form: one of each is left alone.
        lints(
            "Anna Müller opened the hall and Anna Mueller left.\n",
            "en",
            0,
        );
        // Decomposed input pairs with composed input.
        lints(
            "Anna Mu\u{308}ller came. Anna Mu\u{308}ller spoke. Anna Mueller left.\n",
            "en",
            1,
        );
        // German umlauts still make other words.
        lints(
            "Die Mutter kam. Die Mütter kamen. Die Mütter gingen.\n",
            "de",
            0,
        );
    }

    #[test]
    fn transliteration_fix() {
        fix(
            "Anna Müller opened the hall. Later Anna Müller spoke, and Anna Mueller left.\n",
            "Anna Müller opened the hall. Later Anna Müller spoke, and Anna Müller left.\n",
            "en",
        );
    }

    #[test]
    fn apostrophes_inside_names() {
        lints(
            "Sean O'Brien came. Then Sean O’Brien spoke, and Sean OBrien left.\n",
            "en",
            1,
        );
        lints(
            "Lucia D’Angelo came. Lucia D’Angelo spoke. Lucia DAngelo left.\n",
            "en",
            1,
        );
        // Straight against typographic is inconsistent-punctuation's business.
        lints("Lucia D'Angelo came. Lucia D’Angelo spoke.\n", "en", 0);
    }

    #[test]
    fn hyphen_or_space_in_double_names() {
        lints("Jean-Marc Dubois est venu. Jean-Marc Dubois a parlé, puis Jean Marc Dubois est parti.\n", "fr", 1);
        // Two first names written apart everywhere are not a double name.
        lints(
            "Jean Marc et Marie sont venus. Marc Dubois a parlé.\n",
            "fr",
            0,
        );
        fix(
            "Jean-Marc Dubois est venu. Jean-Marc Dubois a parlé, puis Jean Marc Dubois est parti.\n",
            "Jean-Marc Dubois est venu. Jean-Marc Dubois a parlé, puis Jean-Marc Dubois est parti.\n",
            "fr",
        );
    }

    #[test]
    fn doubled_or_dropped_letter() {
        lints("Director Peter Hartmann opened the hall. Hartmann said it was ready. Peter Hartman left.\n", "en", 1);
        // Without a dominant form, or when the word names nobody, nothing.
        lints(
            "Director Peter Hartmann opened the hall and Peter Hartman left.\n",
            "en",
            0,
        );
        lints(
            "The Collins Hall and the Collins Hall met the Colins Hall.\n",
            "en",
            0,
        );
        // Two short names are two people.
        lints(
            "Director Ana Ruiz came. Ana Ruiz spoke. Anna Smith left.\n",
            "en",
            0,
        );
    }

    #[test]
    fn keys() {
        let t = super::Translit::new(crate::lang::Languages::builtin());
        assert_eq!(t.key("Müller"), "mueller");
        assert_eq!(t.key("O’Brien"), "obrien");
        assert_eq!(t.key("Jean-Marc"), "jeanmarc");
        assert_eq!(t.key("Noémie"), "noemie");
        assert_eq!(t.key("Straße"), "strasse");
        assert_eq!(super::undouble("hartmann"), "hartman");
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
