//! `language-mismatch`: a release, a paragraph or an address in another
//! language than the one declared for it.
//!
//! Two signals must agree before anything is reported: the function words
//! of each language (from the packs: cheap, and immune to the confident
//! guesses a character model makes on short text) and whatlang restricted to
//! the candidate languages. whatlang runs only on the paragraphs the function
//! words make suspect, so a release in one language costs one pass of
//! hash-set look-ups.

use serde::Deserialize;

use crate::detect;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document, WordFlags};
use crate::lang::Languages;
use crate::rule::{self, Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "language-mismatch",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A release, paragraph, heading or address in another language than the release's",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
(a) Reports a release whose text as a whole is in another language than the
one declared for it (`--lang`, file name, front matter or config).
(b) Reports a paragraph, heading or block written in another language than
its part of the release: an English paragraph left in a French release, a
Dutch address ("Koning Albert II laan 37 / 1030 Brussel") in a French one.

Detection is reported only where it is reliable. A paragraph needs at least
`min-words` words (default 6) and two signals that agree: the function
words of the packs ("the", "de", "und", "les"…, `function-words` lists) and
whatlang restricted to the candidate languages (config `languages`, default
fr, nl, en, de) with at least `min-confidence`. Names, numbers, one-word
lines and short contact lines are never judged. An address is judged by
its street types and place names (`address-words` lists: "rue", "laan",
"-straat", "Brussel"), lines of one address read together.

A language in `bilingual = ["nl"]` (config, or a `[[per-file]]` glob)
passes. A release split into language halves by marker lines ("FR", "NL")
is checked half by half, each against its own language; a release whose
second half is in another language without markers gets one info note
suggesting to declare it, not a diagnostic per paragraph.

## Why it matters
A paragraph pasted from the other language version, or an address copied
from another release, is a visible slip for readers of one language.

## Example
    Les travaux commencent lundi.
    The works start on Monday and will last six weeks, the city said.
    ^^^^ paragraph in English (en, confidence 0.97) in a French release

## Options
    [rules.language-mismatch]
    min-words = 6          # shortest paragraph judged
    min-confidence = 0.5   # whatlang confidence needed (0–1)
    addresses = true       # judge address lines by street and place names

## Fix safety
No fix: translate or remove the paragraph, or declare the language.
"#,
};

/// Function words of the other language a paragraph needs before whatlang
/// is asked (measured: see docs/languages.md, "language-mismatch").
pub const MIN_HITS: usize = 2;

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct Options {
    min_words: usize,
    min_confidence: f64,
    addresses: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_words: 6,
            min_confidence: 0.5,
            addresses: true,
        }
    }
}

struct LanguageMismatch {
    o: Options,
}

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = rule::options(opts)?;
    if !(0.0..=1.0).contains(&o.min_confidence) {
        anyhow::bail!("min-confidence must be between 0 and 1");
    }
    Ok(Box::new(LanguageMismatch { o }))
}

/// The English name of a language code, for messages.
pub fn language_name(code: &str) -> &str {
    match code {
        "fr" => "French",
        "nl" => "Dutch",
        "en" => "English",
        "de" => "German",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "pl" => "Polish",
        "tr" => "Turkish",
        "ar" => "Arabic",
        other => other,
    }
}

/// Function words of a text per candidate language.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Words with a letter.
    pub words: usize,
    /// Of those, words that start with a capital (names, titles).
    pub capitalised: usize,
    /// (language, function words found), in candidate order.
    pub hits: Vec<(String, usize)>,
    /// For each function word found, the candidates (bit per index in
    /// `hits`) it belongs to: "de" is French and Dutch, "die" Dutch and German.
    masks: Vec<u64>,
}

/// Counts a function word of the candidates in `mask` (one bit per entry
/// of `hits`) and keeps its mask; a word of no candidate (`0`) is skipped.
fn count_mask(mask: u64, hits: &mut [(String, usize)], masks: &mut Vec<u64>) {
    if mask == 0 {
        return;
    }
    let mut bits = mask;
    while bits != 0 {
        hits[bits.trailing_zeros() as usize].1 += 1;
        bits &= bits - 1;
    }
    masks.push(mask);
}

impl Profile {
    /// Counts the function words of the document's words `words` (indices
    /// into [`Document::words`]), from the word table: one mask per
    /// distinct word, no lower-casing per word.
    pub fn of(doc: &Document, words: impl Iterator<Item = usize>, langs: &Languages) -> Profile {
        let cands = langs.candidates();
        let mut hits: Vec<(String, usize)> =
            cands.iter().take(64).map(|c| (c.clone(), 0)).collect();
        let table = doc.lexicon().masks(langs);
        let mut masks = Vec::new();
        let mut n = 0;
        let mut capitalised = 0;
        for w in words.filter_map(|i| doc.words().get(i)) {
            if !w.is(WordFlags::HAS_LETTER) {
                continue;
            }
            n += 1;
            if w.is(WordFlags::CAPITALISED) {
                capitalised += 1;
            }
            let mask = table.get(w.id().0 as usize).copied().unwrap_or(0);
            count_mask(mask, &mut hits, &mut masks);
        }
        Profile {
            words: n,
            capitalised,
            hits,
            masks,
        }
    }

    /// [`Profile::of`] for words given as text (any case), outside a document.
    pub fn of_strs<'a>(words: impl Iterator<Item = &'a str>, langs: &Languages) -> Profile {
        let cands = langs.candidates();
        let mut hits: Vec<(String, usize)> =
            cands.iter().take(64).map(|c| (c.clone(), 0)).collect();
        let mut masks = Vec::new();
        let mut n = 0;
        let mut capitalised = 0;
        let mut lw = String::new();
        for w in words {
            if !w.chars().any(char::is_alphabetic) {
                continue;
            }
            n += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                capitalised += 1;
            }
            crate::lang::lower_into(w, &mut lw);
            count_mask(langs.candidate_mask(&lw), &mut hits, &mut masks);
        }
        Profile {
            words: n,
            capitalised,
            hits,
            masks,
        }
    }

    fn index(&self, lang: &str) -> Option<usize> {
        self.hits.iter().position(|(c, _)| c == lang)
    }

    /// Hits of `lang`.
    pub fn count(&self, lang: &str) -> usize {
        self.index(lang).map_or(0, |k| self.hits[k].1)
    }

    /// Function words of `lang` that belong to none of `others`: the
    /// evidence for `lang` against them.
    pub fn distinct(&self, lang: &str, others: &[&str]) -> usize {
        let Some(k) = self.index(lang) else {
            return 0;
        };
        let others: u64 = others
            .iter()
            .filter_map(|o| self.index(o))
            .fold(0, |m, i| m | (1 << i));
        self.masks
            .iter()
            .filter(|&&m| m & (1 << k) != 0 && m & others == 0)
            .count()
    }

    /// The language with most hits, when it leads clearly (at least `min`
    /// hits and more than twice the runner-up).
    pub fn leader(&self, min: usize) -> Option<&str> {
        let mut v: Vec<&(String, usize)> = self.hits.iter().collect();
        v.sort_by_key(|(_, h)| std::cmp::Reverse(*h));
        let first = v.first()?;
        let second = v.get(1).map_or(0, |x| x.1);
        (first.1 >= min && first.1 > 2 * second).then_some(first.0.as_str())
    }
}

/// A verdict on one unit of text.
struct Verdict {
    lang: String,
    confidence: Option<f64>,
}

/// Whether the function words make `profile` suspect of being in another
/// language than `allowed`: counting only the words that tell the two apart
/// ("de" is both French and Dutch), the other language has at least
/// `min_hits` and more than twice the allowed ones.
fn suspect<'p>(p: &'p Profile, allowed: &[&str], min_hits: usize) -> Option<&'p str> {
    p.hits
        .iter()
        .filter(|(c, _)| !allowed.contains(&c.as_str()))
        .filter_map(|(c, _)| {
            let theirs = p.distinct(c, allowed);
            let mine = allowed
                .iter()
                .map(|a| p.distinct(a, &[c.as_str()]))
                .max()
                .unwrap_or(0);
            (theirs >= min_hits && theirs > 2 * mine).then_some((c.as_str(), theirs))
        })
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c)
}

/// Judges a text of prose: `Some((language, confidence))` when it is in a
/// language outside `allowed` by both signals — the function words make it
/// suspect and whatlang, restricted to `cands`, names the same language with
/// at least `min_confidence`. Texts under `min_words` words, or with more
/// than 60 % capitalised words (lists of names), are never judged;
/// the function words must count `min_hits` or more.
pub fn judge(
    text: &str,
    p: &Profile,
    allowed: &[&str],
    cands: &[String],
    min_words: usize,
    min_hits: usize,
    min_confidence: f64,
) -> Option<(String, f64)> {
    // Too short to tell, or mostly capitalised words: a list of names or
    // a title in title case ("European Investment Bank and the Council").
    if p.words < min_words || 5 * p.capitalised > 3 * p.words {
        return None;
    }
    let other = suspect(p, allowed, min_hits)?;
    let (lang, conf) = detect::detect(text, cands)?;
    (lang == other && conf >= min_confidence).then_some((lang, conf))
}

impl LanguageMismatch {
    /// Judges prose: function words first, whatlang to confirm.
    fn judge(
        &self,
        text: &str,
        p: &Profile,
        allowed: &[&str],
        cands: &[String],
    ) -> Option<Verdict> {
        judge(
            text,
            p,
            allowed,
            cands,
            self.o.min_words,
            MIN_HITS,
            self.o.min_confidence,
        )
        .map(|(lang, c)| Verdict {
            lang,
            confidence: Some(c),
        })
    }

    /// Judges an address by its street types and place names.
    fn judge_address(
        &self,
        words: &[&str],
        text: &str,
        langs: &Languages,
        allowed: &[&str],
        cands: &[String],
    ) -> Option<Verdict> {
        let mut found: Vec<&str> = Vec::new();
        for c in cands {
            let Some(lw) = langs.get_exact(c) else {
                continue;
            };
            if words.iter().any(|w| lw.is_address_word(w)) {
                found.push(c);
            }
        }
        if found.len() != 1 || allowed.contains(&found[0]) {
            return None;
        }
        let lang = found[0].to_string();
        // whatlang's confidence is shown only when it agrees and passes
        // `min-confidence`; otherwise the street and place names alone tell.
        let confidence = detect::detect(text, cands)
            .filter(|(l, c)| *l == lang && *c >= self.o.min_confidence)
            .map(|(_, c)| c);
        Some(Verdict { lang, confidence })
    }
}

fn message(what: &str, v: &Verdict, expected: &str) -> String {
    let conf = match v.confidence {
        Some(c) => format!("{}, confidence {c:.2}", v.lang),
        None => format!("{}, by its street and place names", v.lang),
    };
    let name = language_name(expected);
    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!(
        "{what} in {} ({conf}) in {article} {name} release",
        language_name(&v.lang)
    )
}

/// Units of text judged separately: prose paragraphs, and runs of adjacent
/// address lines read as one address.
enum Unit {
    Prose(usize),
    Address(Vec<usize>),
}

/// Whether a one-line paragraph reads as an address line: the parser's
/// address recogniser, or a short line with a number and a street type of
/// some language ("Koningsstraat 12").
fn is_address_line(cx: &Context, i: usize) -> bool {
    let doc = cx.doc;
    let p = &doc.paragraphs()[i];
    if p.lines.len() != 1 {
        return false;
    }
    let s = doc.para_text(i);
    p.kind == BlockKind::Address
        || cx.parser.is_address(s)
        || (p.words.len() <= 8
            && s.chars().any(|c| c.is_ascii_digit())
            && !s.trim_end().ends_with('.')
            && p.words
                .clone()
                .any(|w| cx.langs.all().is_address_word(doc.word_lower(w))))
}

fn units(cx: &Context) -> Vec<Unit> {
    let doc = cx.doc;
    let paras = doc.paragraphs();
    let mut out = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if p.kind == BlockKind::Meta
            || (doc.regions().len() > 1 && doc.regions()[p.region].lang.is_none())
        {
            i += 1;
            continue;
        }
        if is_address_line(cx, i) {
            let mut run = vec![i];
            while let Some(q) = paras.get(run[run.len() - 1] + 1) {
                let prev = &paras[run[run.len() - 1]];
                let j = run[run.len() - 1] + 1;
                if q.lines.start == prev.lines.end && q.region == p.region && is_address_line(cx, j)
                {
                    run.push(j);
                } else {
                    break;
                }
            }
            i = run[run.len() - 1] + 1;
            out.push(Unit::Address(run));
            continue;
        }
        if matches!(
            p.kind,
            BlockKind::Contact | BlockKind::EndMark | BlockKind::Header | BlockKind::Dateline
        ) {
            i += 1;
            continue;
        }
        out.push(Unit::Prose(i));
        i += 1;
    }
    out
}

impl Rule for LanguageMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let cands: Vec<String> = {
            let mut c = cx.langs.candidates().to_vec();
            for l in
                std::iter::once(doc.lang().to_string()).chain(doc.allowed_langs().iter().cloned())
            {
                if !c.contains(&l) {
                    c.push(l);
                }
            }
            c
        };
        let units = units(cx);
        // (a) The release as a whole, when it has one declared language.
        if doc.regions().iter().all(|r| r.lang.is_none()) {
            if let Some(d) = self.whole(cx, &units, &cands) {
                out.push(d);
                return;
            }
        }
        // (b) Unit by unit.
        let mut found: Vec<(usize, Span, Diagnostic, String)> = Vec::new();
        for u in &units {
            match u {
                Unit::Prose(i) => {
                    let expected = doc.lang_of(*i);
                    let mut allowed: Vec<&str> = vec![expected];
                    allowed.extend(doc.allowed_langs().iter().map(String::as_str));
                    let p = Profile::of(doc, doc.paragraphs()[*i].words.clone(), cx.langs);
                    let text = doc.para_text(*i);
                    if let Some(v) = self.judge(text, &p, &allowed, &cands) {
                        let what = match doc.paragraphs()[*i].kind {
                            BlockKind::Title => "headline",
                            BlockKind::Heading => "heading",
                            BlockKind::Standfirst => "standfirst",
                            BlockKind::Quote => "quotation",
                            _ => "paragraph",
                        };
                        let span = doc.paragraphs()[*i].span.clone();
                        let d = Diagnostic::new(&META, span.clone(), message(what, &v, expected))
                            .with_label(format!("written in {}", language_name(&v.lang)))
                            .with_help(format!(
                                "translate it, or allow the language with `bilingual = [\"{}\"]` in prlint.toml",
                                v.lang
                            ));
                        found.push((*i, span, d, v.lang));
                    }
                }
                Unit::Address(run) if self.o.addresses => {
                    let first = run[0];
                    let last = run[run.len() - 1];
                    let expected = doc.lang_of(first);
                    let mut allowed: Vec<&str> = vec![expected];
                    allowed.extend(doc.allowed_langs().iter().map(String::as_str));
                    let words: Vec<&str> = run
                        .iter()
                        .flat_map(|&i| doc.paragraphs()[i].words.clone())
                        .map(|w| doc.word_lower(w))
                        .collect();
                    let span = doc.paragraphs()[first].span.start..doc.paragraphs()[last].span.end;
                    let text = doc.slice(&span);
                    if let Some(v) = self.judge_address(&words, text, cx.langs, &allowed, &cands) {
                        let d = Diagnostic::new(&META, span.clone(), message("address", &v, expected))
                            .with_label(format!("address written in {}", language_name(&v.lang)))
                            .with_help(format!(
                                "give the {} form of the address, or allow the language with `bilingual = [\"{}\"]`",
                                language_name(expected),
                                v.lang
                            ));
                        found.push((first, span, d, v.lang));
                    }
                }
                Unit::Address(_) => {}
            }
        }
        if let Some(note) = inferred_note(doc) {
            out.push(note);
        }
        if let Some(note) = self.bilingual_halves(cx, &units, &found) {
            out.push(note);
            return;
        }
        out.extend(found.into_iter().map(|f| f.2));
    }
}

/// One info note for a release split into language halves without marker
/// lines, when the second language is not declared.
fn inferred_note(doc: &crate::document::Document) -> Option<Diagnostic> {
    let r = doc.regions().iter().find(|r| {
        r.inferred
            && r.lang
                .as_deref()
                .is_some_and(|l| l != doc.lang() && !doc.allowed_langs().iter().any(|a| a == l))
    })?;
    let other = r.lang.as_deref()?;
    let first = doc.paragraphs().get(r.paras.start)?;
    let halves: Vec<&str> = doc
        .regions()
        .iter()
        .filter_map(|r| r.lang.as_deref())
        .map(language_name)
        .collect();
    let mut d = Diagnostic::new(
        &META,
        first.span.clone(),
        format!(
            "this release reads as bilingual ({} half, then {} half) without declaring {}",
            halves.first().copied().unwrap_or("?"),
            halves.get(1).copied().unwrap_or("?"),
            language_name(other),
        ),
    )
    .with_label(format!("the {} half starts here", language_name(other)))
    .with_help(format!(
        "declare it with `bilingual = [\"{other}\"]` in prlint.toml, or put a marker line (\"{}\") above each half",
        other.to_uppercase()
    ))
    .with_note("each half is checked with its own language's rules");
    d.severity = Severity::Info;
    Some(d)
}

impl LanguageMismatch {
    /// (a): the prose of the release read together is in another language.
    fn whole(&self, cx: &Context, units: &[Unit], cands: &[String]) -> Option<Diagnostic> {
        let doc = cx.doc;
        let prose: Vec<usize> = units
            .iter()
            .filter_map(|u| match u {
                Unit::Prose(i) => Some(*i),
                _ => None,
            })
            .collect();
        let words = || {
            prose
                .iter()
                .flat_map(|&i| doc.paragraphs()[i].words.clone())
        };
        if words().count() < 40 {
            return None;
        }
        let p = Profile::of(doc, words(), cx.langs);
        let mut allowed: Vec<&str> = vec![doc.lang()];
        allowed.extend(doc.allowed_langs().iter().map(String::as_str));
        let leader = p.leader(5)?;
        if allowed.contains(&leader) {
            return None;
        }
        let text: String = prose
            .iter()
            .map(|&i| doc.para_text(i))
            .collect::<Vec<_>>()
            .join("\n");
        let (lang, conf) = detect::detect(&text, cands)?;
        if lang != leader || conf < self.o.min_confidence {
            return None;
        }
        let first = *prose.first()?;
        let v = Verdict {
            lang,
            confidence: Some(conf),
        };
        Some(
            Diagnostic::new(&META, doc.paragraphs()[first].span.clone(), {
                format!(
                    "the release is written in {} ({}, confidence {conf:.2}) but declared {} ({})",
                    language_name(&v.lang),
                    v.lang,
                    language_name(doc.lang()),
                    doc.lang()
                )
            })
            .with_label("the release's text starts here")
            .with_help("check `--lang`, the file name's language suffix, front matter `lang:` or the config's `lang`"),
        )
    }

    /// A release whose prose falls into two halves, each in one language,
    /// with no marker lines: one info note instead of a finding per
    /// paragraph of the second half.
    fn bilingual_halves(
        &self,
        cx: &Context,
        units: &[Unit],
        found: &[(usize, Span, Diagnostic, String)],
    ) -> Option<Diagnostic> {
        let doc = cx.doc;
        if found.len() < 3 || doc.regions().len() > 1 {
            // Marked or inferred halves are dealt with by the regions.
            return None;
        }
        let other = &found[0].3;
        if found.iter().any(|f| &f.3 != other) {
            return None;
        }
        let prose: Vec<usize> = units
            .iter()
            .filter_map(|u| match u {
                Unit::Prose(i) if doc.paragraphs()[*i].words.len() >= self.o.min_words => Some(*i),
                _ => None,
            })
            .collect();
        let flagged: Vec<usize> = found.iter().map(|f| f.0).collect();
        // The flagged paragraphs must be one contiguous run of the prose,
        // holding at least a third of it.
        let pos: Vec<usize> = prose
            .iter()
            .enumerate()
            .filter(|(_, i)| flagged.contains(i))
            .map(|(k, _)| k)
            .collect();
        let (first, last) = (*pos.first()?, *pos.last()?);
        let unflagged_inside = (first..=last).filter(|k| !pos.contains(k)).count();
        if unflagged_inside > (last - first + 1) / 5 || 3 * pos.len() < prose.len() {
            return None;
        }
        let start = found[0].1.start;
        let mut d = Diagnostic::new(
                &META,
                doc.paragraphs()[found[0].0].span.clone(),
                format!(
                    "this release reads as bilingual: {} then {} from here",
                    language_name(doc.lang()),
                    language_name(other)
                ),
            )
            .with_label(format!("the {} half starts here", language_name(other)))
            .with_help(format!(
                "declare it with `bilingual = [\"{other}\"]` in prlint.toml, or put a marker line (\"{}\") above each half",
                other.to_uppercase()
            ))
            .with_note(format!("{} paragraphs from byte {start} on are in {}", found.len(), language_name(other)));
        // A hint, whatever the rule's severity.
        d.severity = Severity::Info;
        Some(d)
    }
}

#[cfg(test)]
mod tests;
