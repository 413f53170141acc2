//! `spelling`: a word that the language's Hunspell dictionary does not know
//! and that is not a name, an acronym, jargon or a foreign word.

// foldhash, not SipHash: `count` and `names` are probed once per word.
use foldhash::{HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::text::is_space;
use crate::document::BlockKind;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::rules::spelling_confusions::Confusions;
use crate::rules::wordset::Folded;
use crate::spell::Speller;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "spelling",
    default_severity: Severity::Warning,
    languages: &["fr", "nl", "en", "de"],
    summary: "A misspelt word: one letter off a dictionary word (names, acronyms, jargon and foreign words excepted), or a real word wrong in a certain context (\"des ses\", \"on you age\")",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
On by default, in strict mode (below), when the Hunspell dictionary of the
release's language is installed; without one it checks nothing in that
language and says so once per run (a note on standard error). Most releases load
no dictionary at all: the compiled tables of the dictionary cache (see
`agreement`) answer for nearly every word, and Hunspell is read only for
a word they cannot clear.

Real-word typos first, without any dictionary: the packs'
`spelling-confusions` ("des ses Prix" → "de ses", "a quant a lui" →
"quant à lui", "based on you age" → "your age"); a user pack may add
entries (`typo=>correction` between context words, alternatives with `/`).

Then, in the default strict mode (`[spelling] mode = "strict"`), a word
is reported only when it has four letters or more, no apostrophe, is not
part of a hyphenated compound, is written once in the release, is in
lower case (or, outside German, capitalised only where a sentence opens),
and has exactly one dictionary word a missing, extra, swapped or
re-accented letter away, known in lower case. The compiled tables are
asked first: a word they know (with its prefixes and suffixes), a
compound of words they know, a word they find no single near miss for,
or a word another language's tables know is let go without loading
anything; the Hunspell dictionary of the language is loaded only for the
rest, to confirm. `mode = "full"` reports every unknown word with a close
suggestion, as described next.

Looks every word of the release up in the Hunspell dictionary of its
language (French, Dutch, English — British or American —, German) and
reports a word the dictionary does not know and that has a close
suggestion ("sofware" → "software", "thematique" → "thématique").

A spell checker that marks every minister's surname is worse than none,
so these are never reported:
- a word with a capital inside a sentence, or written so elsewhere in the
  release (a name), in every language but German, where nouns are
  capitalised: there a capitalised word next to another capitalised word
  is a name; a capitalised word that occurs twice or more is never
  reported;
- a word of the officials register (`[[officials]]`);
- acronyms and words with inner capitals ("FSFE", "iPhone"), words with
  digits ("1er", "3rd", "COVID19"), abbreviations with dots, URLs,
  e-mail addresses, hashtags and handles, file names;
- a word another of the four languages knows ("software" in Dutch, a
  French word in German): press releases borrow freely;
- a closed compound of known words ("routervrijheid"), and a known word
  with an inflection the dictionary lacks (`inflection-endings` and
  `compound-links` in the packs);
- a paragraph in another language than the release's (told by its function
  words): it is checked in that language, or skipped without a dictionary;
- a word that occurs two or more times with the same spelling, when the
  dictionary offers nothing within one edit (jargon, product names);
- a word with no close suggestion at all (a rare name, a foreign word);
- the halves of a word broken by a line-end hyphen (see
  `hyphenation-leftover`), and a hyphenated compound that the dictionary
  knows whole;
- the accepted words: `[spelling] words = [...]` in `prlint.toml` and a
  `.prlint-words.txt` (one word per line, `#` comments) beside the config
  or, without a config, in the current folder or above.

Elisions ("l’agence", "qu’il", "d’Etat"), possessives ("company’s") and
both apostrophes (’ and ') are understood.

## Why it matters
A typo in a release is quoted verbatim by the press and stays in the
archive.

## Example
    … de duurzaamheid van sofware en hardware te bevorderen …
                          ^^^^^^^ unknown word; did you mean "software"?

## Dictionaries
Read from the system's Hunspell folders (`$DICPATH`, /usr/share/hunspell,
/usr/share/myspell …) or from `[spelling] dictionaries = ["dict/fr_BE.dic"]`
(the language is the file name's stem). On Debian or Ubuntu:
`apt-get install hunspell-fr hunspell-nl hunspell-en-gb hunspell-en-us
hunspell-de-de`. A language without a dictionary is not checked, and
`prlint check` says so once at the end of the run. English accepts a word
that en_GB or en_US knows; `--lang en-GB` or `--lang en-US` (or `lang =
"en-GB"` in `prlint.toml`) reads that dictionary only.

## Options
`[spelling] mode = "strict"` (default) or `"full"` (`[spelling]`, not
`[rules.spelling]`: `spelling` is also a group). Words are accepted with
`[spelling] words` or `.prlint-words.txt`.

## Fix safety
Unsafe, and offered only when the dictionary has exactly one suggestion
one edit away: the word is replaced by it.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct Spelling {
    /// The packs' real-word typos, by language.
    confusions: HashMap<&'static str, Confusions>,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    let confusions = META
        .languages
        .iter()
        .map(|&l| {
            (
                l,
                crate::rules::spelling_confusions::parse_all(
                    &langs.get(l).lists.spelling_confusions,
                ),
            )
        })
        .collect();
    Ok(Box::new(Spelling { confusions }))
}

/// Paragraph kinds that hold names, addresses and data, not prose.
pub(crate) fn skipped(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Header
            | BlockKind::Dateline
            | BlockKind::Contact
            | BlockKind::Address
            | BlockKind::EndMark
            | BlockKind::Footer
            | BlockKind::Meta
    )
}

/// French elided words ("l’", "qu’", "jusqu’") that open a word.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// The non-space run holding `span` (a URL, an e-mail, a hashtag…).
fn chunk(text: &str, span: &std::ops::Range<usize>) -> (usize, usize) {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[span.end..]
        .char_indices()
        .find(|&(_, c)| is_space(c))
        .map_or(text.len(), |(i, _)| span.end + i);
    (start, end)
}

/// Whether the word's surroundings make it a URL, an e-mail address, a
/// hashtag, a handle or a file path.
fn in_address(text: &str, span: &std::ops::Range<usize>) -> bool {
    let (s, e) = chunk(text, span);
    let c = &text[s..e];
    let before = &text[s..span.start];
    c.contains('@')
        || c.contains("://")
        || c.contains("www.")
        || c.contains('/')
        || c.contains('\\')
        || c.contains('_')
        || c.contains('=')
        || before.contains('#')
}

/// Whether a word is an acronym or has inner capitals ("FSFE", "iPhone",
/// "McKinsey"), ignoring what follows an apostrophe ("NGO's").
fn odd_case(word: &str) -> bool {
    let head = word.split(['\'', '’']).next().unwrap_or(word);
    head.chars().skip(1).any(char::is_uppercase)
        || (head.chars().count() == 1 && head.chars().all(char::is_uppercase))
}

/// Whether the word is hyphen-broken at a line end or a suspended compound
/// ("pro-\nblemen", "fiets- en"): a hyphen with whitespace on one side.
fn hyphen_broken(text: &str, span: &std::ops::Range<usize>) -> bool {
    let after = &text[span.end..];
    let before = &text[..span.start];
    let hyphens = ['-', '\u{2010}', '\u{00AD}'];
    let after_broken = after
        .strip_prefix(hyphens)
        .is_some_and(|r| r.is_empty() || r.starts_with(is_space));
    let before_broken = before
        .trim_end_matches(is_space)
        .strip_suffix(hyphens)
        .is_some_and(|r| before.len() > r.len() + 1 || r.is_empty())
        && before.ends_with(is_space);
    after_broken || before_broken
}

/// The hyphenated compound around a word ("porte-parole", "EU-Kommission"),
/// if the word is part of one.
fn compound(text: &str, span: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let (s, e) = chunk(text, span);
    let c = &text[s..e];
    if !c.contains('-') {
        return None;
    }
    let trim = |ch: char| !ch.is_alphanumeric() && ch != '-';
    let lead = c.len() - c.trim_start_matches(trim).len();
    let tail = c.len() - c.trim_end_matches(trim).len();
    Some((s + lead, e - tail))
}

/// The dictionaries of a check and its cache of looked-up words.
struct Lookup<'a> {
    spellers: HashMap<&'a str, Option<Arc<Speller>>>,
    cache: HashMap<(&'a str, String), bool>,
    settings: &'a crate::spell::SpellingSettings,
}

impl<'a> Lookup<'a> {
    fn speller(&mut self, lang: &'a str) -> Option<Arc<Speller>> {
        let dicts = self.settings;
        self.spellers
            .entry(lang)
            .or_insert_with(|| crate::spell::speller(lang, dicts))
            .clone()
    }

    /// Whether `lang`'s dictionary, or another language's, accepts `word`.
    fn any_known(&mut self, lang: &'a str, word: &str) -> bool {
        self.known(lang, word) == Some(true) || self.known_elsewhere(lang, word)
    }

    /// Whether the dictionary of another language accepts `word` (each
    /// loaded on first need).
    fn known_elsewhere(&mut self, lang: &'a str, word: &str) -> bool {
        // Load the missing dictionaries side by side, not one after another.
        let missing: Vec<&'static str> = META
            .languages
            .iter()
            .copied()
            .filter(|l| *l != lang && !self.spellers.contains_key(l))
            .collect();
        if missing.len() > 1 {
            let dicts = self.settings;
            let loaded: Vec<(&'static str, Option<Arc<Speller>>)> = std::thread::scope(|s| {
                let handles: Vec<_> = missing
                    .iter()
                    .map(|&l| (l, s.spawn(move || crate::spell::speller(l, dicts))))
                    .collect();
                handles
                    .into_iter()
                    .map(|(l, h)| (l, h.join().ok().flatten()))
                    .collect()
            });
            self.spellers.extend(loaded);
        }
        META.languages
            .iter()
            .filter(|&&l| l != lang)
            .any(|&l| self.known(l, word) == Some(true))
    }

    /// Whether `lang`'s dictionary accepts `word` (elisions, possessives and
    /// both apostrophes understood). `None` without a dictionary.
    fn known(&mut self, lang: &'a str, word: &str) -> Option<bool> {
        let sp = self.speller(lang)?;
        if let Some(&k) = self.cache.get(&(lang, word.to_string())) {
            return Some(k);
        }
        let k = accepts(&sp, word);
        self.cache.insert((lang, word.to_string()), k);
        Some(k)
    }
}

/// Whether the speller accepts `word` as written, with a straight or
/// typographic apostrophe, or once an elision or a possessive is removed.
fn accepts(sp: &Speller, word: &str) -> bool {
    if sp.check(word) {
        return true;
    }
    if !word.contains(['\'', '’']) {
        return false;
    }
    let straight = word.replace('’', "'");
    if sp.check(&straight) || sp.check(&word.replace('\'', "’")) {
        return true;
    }
    let lower = straight.to_lowercase();
    if let Some((head, rest)) = straight.split_once('\'') {
        let head_l = head.to_lowercase();
        if ELISIONS.contains(&head_l.as_str()) && !rest.is_empty() && accepts(sp, rest) {
            return true;
        }
        // Possessives and contractions: "company's", "NGO's", "auto's".
        if matches!(
            &lower[head.len()..],
            "'s" | "'" | "'t" | "'re" | "'ll" | "'ve" | "'d"
        ) && (sp.check(head) || head.chars().skip(1).any(char::is_uppercase))
        {
            return true;
        }
    }
    false
}

/// Whether the word starts with an upper-case letter.
fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the word at `span` opens its sentence or follows an opening
/// mark (a quotation, a bracket, a colon, a dash, a bullet).
fn opens(text: &str, start: usize, sentence_start: usize) -> bool {
    if start <= sentence_start {
        return true;
    }
    let before = text[sentence_start..start].trim_end_matches(is_space);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            ':' | '«'
                | '“'
                | '"'
                | '„'
                | '‚'
                | '‘'
                | '\''
                | '('
                | '['
                | '—'
                | '–'
                | '-'
                | '•'
                | '*'
                | '‹'
                | '>'
                | '|'
                | '/'
        ),
    }
}

impl Rule for Spelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let settings = &cx.office.spelling;
        let words = doc.words();
        // Real-word typos first: they need no dictionary.
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if skipped(p.kind) {
                continue;
            }
            if let Some(c) = self.confusions.get(doc.lang_of(pi)) {
                crate::rules::spelling_confusions::check(doc, p.words.clone(), c, &META, out);
            }
        }
        let strict = settings.mode == crate::spell::Mode::Strict;
        // Where each word's sentence starts (a `u32` per word: the word
        // table's spans are `u32` too).
        let mut sentence_of = vec![0u32; words.len()];
        for s in doc.sentences() {
            let start = u32::try_from(s.span.start).unwrap_or(u32::MAX);
            for w in s.words.clone() {
                sentence_of[w] = start;
            }
        }
        let mut st = State {
            cx,
            lookup: Lookup {
                spellers: HashMap::default(),
                cache: HashMap::default(),
                settings,
            },
            register: register_words(cx),
            names: HashSet::default(),
            run_names: HashSet::default(),
            count: HashMap::default(),
            sentence_of,
            strict,
            morph: HashMap::default(),
        };
        // Names: capitalised words inside a sentence (German nouns aside);
        // in German, capitalised words next to another capitalised word.
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            let german = doc.lang_of(pi) == "de";
            for wi in p.words.clone() {
                let span = &words[wi].span();
                let w = &text[span.clone()];
                *st.count.entry(w).or_default() += 1;
                if !capitalised(w) {
                    continue;
                }
                if !german && !opens(text, span.start, st.sentence_of[wi] as usize) {
                    st.names.insert(w);
                } else if german && in_capitalised_run(doc, p.words.clone(), wi) {
                    st.run_names.insert(w);
                }
            }
        }
        let mut reported: HashSet<Folded> = HashSet::default();
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if skipped(p.kind) {
                continue;
            }
            let lang = doc.lang_of(pi);
            if !META.languages.contains(&lang) {
                continue;
            }
            // A language without a dictionary: said once per run.
            if st.morph_tables(lang).is_empty()
                && crate::spell::find_for(lang, settings, "spelling").is_empty()
            {
                crate::spell::note_missing(lang);
            }
            let mut candidates: Vec<(usize, Span)> = Vec::new();
            for wi in p.words.clone() {
                let Some(span) = checked_span(text, &words[wi].span(), lang) else {
                    continue;
                };
                let w = &text[span.clone()];
                // Strict: the word's form and count first (most words stop
                // here), the compiled tables after the filters below.
                if strict && !st.strict_candidate(lang, wi, &span) {
                    continue;
                }
                let user_word = |s: &str| {
                    !settings.words.is_empty() && settings.words.contains(&s.to_lowercase())
                };
                if w.chars().count() < 2
                    || w.chars().any(|c| c.is_numeric())
                    || w.contains('.')
                    || odd_case(w)
                    || user_word(w)
                    || user_word(&text[words[wi].span()])
                    || in_address(text, &span)
                {
                    continue;
                }
                // Strict: the compiled tables, before any Hunspell
                // dictionary is loaded.
                if strict
                    && (st.morph_knows(lang, w)
                        || st.morph_composed(lang, w)
                        || !st.morph_one_near(lang, w)
                        || st.known_elsewhere(lang, w))
                {
                    continue;
                }
                match st.lookup.known(lang, w) {
                    None => break,
                    Some(true) => continue,
                    Some(false) => candidates.push((wi, span)),
                }
            }
            if candidates.is_empty() {
                continue;
            }
            // A paragraph in another language: check it in that language.
            let lang = foreign(cx, pi).unwrap_or(lang);
            for (wi, span) in candidates {
                let w = &text[span.clone()];
                if let Some(d) = st.judge(lang, pi, wi, span.clone()) {
                    if reported.insert(Folded(w)) {
                        out.push(d);
                    }
                }
            }
        }
    }
}

type Span = std::ops::Range<usize>;

/// The part of a word that is spell-checked: without what UAX #29 glues to
/// its ends (a narrow no-break space before French punctuation) and, in
/// French, without an elided article or pronoun ("l’", "qu’").
fn checked_span(text: &str, span: &Span, lang: &str) -> Option<Span> {
    let w = &text[span.clone()];
    let keep = |c: char| c.is_alphanumeric();
    // Most words begin and end with an ASCII letter or digit: nothing to trim.
    let b = w.as_bytes();
    let plain = b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric);
    let (start, end) = if plain {
        (span.start, span.end)
    } else {
        (
            span.start + (w.len() - w.trim_start_matches(|c| !keep(c)).len()),
            span.end - (w.len() - w.trim_end_matches(|c| !keep(c)).len()),
        )
    };
    if start >= end {
        return None;
    }
    let w = &text[start..end];
    if lang == "fr" {
        if let Some(i) = w.find(['\'', '’']) {
            let head = w[..i].to_lowercase();
            let q = w[i..].chars().next().map_or(1, char::len_utf8);
            if ELISIONS.contains(&head.as_str()) && i + q < w.len() {
                return Some(start + i + q..end);
            }
        }
    }
    Some(start..end)
}

/// The folded words of the officials register's names and aliases.
fn register_words(cx: &Context) -> HashSet<String> {
    cx.people
        .register()
        .entries
        .iter()
        .flat_map(|e| {
            e.key
                .split(' ')
                .chain(e.aliases.iter().flat_map(|a| a.split(' ')))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What a check knows about the release while judging its unknown words.
struct State<'a, 'c> {
    cx: &'c Context<'a>,
    lookup: Lookup<'c>,
    /// Folded words of the officials register.
    register: HashSet<String>,
    /// Words capitalised inside a sentence (not in German).
    names: HashSet<&'c str>,
    /// German words in a run of capitalised words.
    run_names: HashSet<&'c str>,
    /// Occurrences of each spelling.
    count: HashMap<&'c str, usize>,
    /// The start of each word's sentence.
    sentence_of: Vec<u32>,
    /// Whether the rule runs in strict mode.
    strict: bool,
    /// The compiled morphology of each language (strict mode's cheap
    /// lookup), read on first need.
    morph: HashMap<&'c str, Vec<Arc<crate::morph::Morph>>>,
}

thread_local! {
    /// [`State::morph_knows`]'s answers so far on this thread, kept across
    /// releases (a lookup tries every affix rule that could end the word).
    static KNOWN: std::cell::RefCell<crate::morph::Answers<bool>> = Default::default();
}

/// The letters tried for insertion and replacement in `lang`: a–z and
/// the pack's accented letters.
fn alphabet(langs: &Languages, lang: &str) -> Vec<char> {
    let mut alphabet: Vec<char> = ('a'..='z').collect();
    alphabet.extend(
        langs
            .get(lang)
            .lists
            .accented_letters
            .iter()
            .flat_map(|l| l.chars()),
    );
    alphabet
}

/// The language of paragraph `pi` when its function words and whatlang
/// both say it is not the release's (a quoted passage, a boilerplate in
/// English).
pub(crate) fn foreign<'c>(cx: &Context<'c>, pi: usize) -> Option<&'c str> {
    use crate::rules::language_mismatch::{judge, Profile};
    let doc = cx.doc;
    let p = &doc.paragraphs()[pi];
    let lang = doc.lang_of(pi);
    let profile = Profile::of(doc, p.words.clone(), cx.langs);
    let (other, _) = judge(
        doc.para_text(pi),
        &profile,
        &[lang],
        cx.langs.candidates(),
        6,
        2,
        0.3,
    )?;
    META.languages.iter().copied().find(|l| *l == other)
}

/// Whether the characters glued to the word (no space between) are ones
/// a word may touch: punctuation, quotation marks, brackets, hyphens. A
/// word glued to another symbol ("Psycholingu´stiek") is garbled text,
/// `mojibake`'s to report.
fn cleanly_bounded(text: &str, span: &std::ops::Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let ok_before = |c: char| {
        is_space(c)
            || matches!(
                c,
                '(' | '['
                    | '«'
                    | '“'
                    | '"'
                    | '„'
                    | '‚'
                    | '‘'
                    | '\''
                    | '’'
                    | '-'
                    | '‐'
                    | '–'
                    | '—'
                    | '/'
                    | '*'
                    | '_'
            )
    };
    let ok_after = |c: char| {
        is_space(c)
            || matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '»'
                    | '”'
                    | '"'
                    | '’'
                    | '\''
                    | '-'
                    | '‐'
                    | '–'
                    | '—'
                    | '…'
                    | '/'
                    | '*'
                    | '_'
            )
    };
    before.is_none_or(ok_before) && after.is_none_or(ok_after)
}

/// Whether a short word before a full stop is an abbreviation ("drs.",
/// "ir.", "mw.", "bzw.").
fn abbreviation(text: &str, span: &std::ops::Range<usize>) -> bool {
    text[span.end..].starts_with('.') && text[span.clone()].chars().count() <= 4
}

/// Whether the word has a capitalised neighbour with only spaces between:
/// a run of capitalised words is a name ("Kaspar Villiger", "Achille
/// Casanova") or a title in title case.
fn in_capitalised_run(
    doc: &crate::document::Document,
    p: std::ops::Range<usize>,
    wi: usize,
) -> bool {
    let text = doc.text();
    let words = doc.words();
    let near = |a: usize, b: usize| {
        let between = &text[words[a].end()..words[b].start()];
        !between.is_empty() && between.chars().all(|c| c == ' ' || c == '\u{a0}')
    };
    let cap = |i: usize| capitalised(&text[words[i].span()]);
    (wi > p.start && cap(wi - 1) && near(wi - 1, wi))
        || (wi + 1 < p.end && cap(wi + 1) && near(wi, wi + 1))
}

/// Whether `word` is made of known words: a known word and an inflectional
/// ending, or two known parts of four letters or more, optionally joined
/// by a linking letter ("Routervrijheid", "duurzaamheidsgevalstudie").
/// `known` says whether a word is known (in any case form it is given).
fn composed(
    known: &mut dyn FnMut(&str) -> bool,
    langs: &Languages,
    lang: &str,
    word: &str,
) -> bool {
    let lists = &langs.get(lang).lists;
    let lower = word.to_lowercase();
    for e in &lists.inflection_endings {
        if let Some(base) = word.strip_suffix(e.as_str()) {
            if base.chars().count() >= 3 && known(base) {
                return true;
            }
        }
    }
    if !matches!(lang, "nl" | "de") {
        return false;
    }
    let idx: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let n = idx.len();
    // Both parts of four letters or more.
    for &at in idx.iter().take(n.saturating_sub(3)).skip(4) {
        let (left, right) = lower.split_at(at);
        let right_cap = capitalise(right);
        let right_ok = |known: &mut dyn FnMut(&str) -> bool| known(right) || known(&right_cap);
        if known(left) && right_ok(known) {
            return true;
        }
        for l in &lists.compound_links {
            if let Some(stem) = left.strip_suffix(l.as_str()) {
                if stem.chars().count() >= 4 && known(stem) && right_ok(known) {
                    return true;
                }
            }
        }
    }
    false
}

/// The word with its first letter in upper case.
fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl<'c> State<'_, 'c> {
    /// Whether the word at `span` may be reported in strict mode, from its
    /// form and the release alone: four letters or more, no apostrophe,
    /// not part of a hyphenated compound, written once, and lower case —
    /// or, outside German, capitalised but never inside a sentence.
    fn strict_candidate(&self, lang: &str, wi: usize, span: &Span) -> bool {
        let text = self.cx.doc.text();
        let w = &text[span.clone()];
        // (The cheap tests first; the compound's search of the text around
        // the word last.)
        if w.chars().count() < 4
            || w.contains(['\'', '’'])
            || !w.chars().all(char::is_alphabetic)
            || self.count.get(w).copied().unwrap_or(0) >= 2
        {
            return false;
        }
        (!capitalised(w)
            || (lang != "de"
                && opens(text, span.start, self.sentence_of[wi] as usize)
                && !self.names.contains(w)))
            && compound(text, span).is_none()
    }

    /// Whether the compiled morphology of one of `lang`'s dictionaries
    /// (see [`crate::morph`]; en_GB and en_US for English) knows `word`,
    /// or its lower-case form when it is capitalised: a lookup in a mapped
    /// file, so most words never need the dictionary proper. `false`
    /// without them.
    fn morph_knows(&mut self, lang: &'c str, word: &str) -> bool {
        let ms = self.morph_tables(lang);
        if ms.is_empty() {
            return false;
        }
        KNOWN.with_borrow_mut(|memo| {
            memo.get(ms, word, || {
                let lower = capitalised(word).then(|| word.to_lowercase());
                ms.iter()
                    .any(|m| m.knows(word) || lower.as_ref().is_some_and(|l| m.knows(l)))
            })
        })
    }

    /// The compiled tables of `lang`'s dictionaries, read on first need.
    fn morph_tables(&mut self, lang: &'c str) -> &[Arc<crate::morph::Morph>] {
        let cx = self.cx;
        self.morph.entry(lang).or_insert_with(|| {
            let settings = &cx.office.spelling;
            crate::spell::find_for(lang, settings, "spelling")
                .iter()
                .filter_map(|aff| {
                    let stem = aff.file_stem()?.to_str()?.to_lowercase();
                    crate::morph::for_lang(lang, settings, &[stem])
                })
                .collect()
        })
    }

    /// Whether `word` is made of words the compiled tables of `lang` know
    /// (see [`composed`]): excused by `judge` anyway, told here without
    /// loading a dictionary.
    fn morph_composed(&mut self, lang: &'c str, word: &str) -> bool {
        let langs = self.cx.langs;
        composed(
            &mut |p| self.morph_knows(lang, p) || self.known_elsewhere(lang, p),
            langs,
            lang,
            word,
        )
    }

    /// Whether the compiled tables of `lang` leave `word` a strict-mode
    /// candidate: exactly one word they know a swap, an accent, a missing
    /// or an extra letter away, and no other word one edit away. The
    /// tables know a subset of what Hunspell knows (no compounds), so a
    /// word they find two neighbours for has two in Hunspell too and is
    /// not reported; a word they find none for is let go (a compound, a
    /// name): Hunspell is loaded only for the rest. `true` without
    /// tables (Hunspell decides alone).
    fn morph_one_near(&mut self, lang: &'c str, word: &str) -> bool {
        let alphabet = alphabet(self.cx.langs, lang);
        let Some(ms) = self.morph.get(lang).filter(|ms| !ms.is_empty()) else {
            return true;
        };
        // One memo per table: the candidates share their starts with the
        // word, so each table's stem search resumes where it left off.
        // A capitalised word's neighbours are known in lower case too
        // ("Upcyling" → "Upcycling", from "upcycle").
        let cap = capitalised(word);
        let mut memos: Vec<[crate::morph::Memo; 2]> = vec![Default::default(); ms.len()];
        let mut known = |s: &str| {
            ms.iter().zip(memos.iter_mut()).any(|(m, [memo, lower])| {
                m.knows_with(s, memo) || (cap && m.knows_with(&s.to_lowercase(), lower))
            })
        };
        // Replacements by another letter (tier 2, the most numerous edits)
        // are tried only for a word with one neighbour in tiers 0–1.
        let near = crate::spell::near_tiered_by(&mut known, word, &alphabet, 2, 1);
        // (A capitalised word whose neighbour differs only by an accent
        // is a name or "Etat" for "État": never reported.)
        let folded = crate::people::fold::fold(word);
        matches!(near.as_slice(), [(only, tier)]
            if *tier <= 1 && !(capitalised(word) && crate::people::fold::fold(only) == folded))
            && crate::spell::near_tiered_by(&mut known, word, &alphabet, 2, 2).len() == 1
    }

    /// Whether the compiled tables of another of the four languages know
    /// `word` (a loanword, a foreign name): excused by `judge` anyway.
    fn known_elsewhere(&mut self, lang: &str, word: &str) -> bool {
        META.languages
            .iter()
            .any(|&l| l != lang && self.morph_knows(l, word))
    }

    /// Decides whether the unknown word at `span` (word `wi` of paragraph
    /// `pi`, in `lang`) is reported.
    fn judge(&mut self, lang: &'c str, pi: usize, wi: usize, span: Span) -> Option<Diagnostic> {
        let doc = self.cx.doc;
        let text = doc.text();
        let w = &text[span.clone()];
        let lookup = &mut self.lookup;
        if lookup.known(lang, w)?
            || hyphen_broken(text, &span)
            || !cleanly_bounded(text, &span)
            || abbreviation(text, &span)
        {
            return None;
        }
        let cap = capitalised(w);
        if let Some((s, e)) = compound(text, &span) {
            let whole = &text[s..e];
            // A known compound, a name inside one ("Bergier-Bericht"), or a
            // short part that is a prefix ("anti-", "ex-", "e-").
            if lookup.known(lang, whole) == Some(true) || cap || w.chars().count() <= 4 {
                return None;
            }
        }
        let opening = opens(text, span.start, self.sentence_of[wi] as usize);
        let para = doc.paragraphs()[pi].words.clone();
        let run = in_capitalised_run(doc, para.clone(), wi);
        // A name: capitalised inside a sentence (German aside), possessive
        // ("Defra's"), next to another capitalised word in German, written
        // as a name elsewhere, or repeated.
        if cap
            && ((!opening && lang != "de")
                || w.contains(['\'', '’'])
                || (run && lang == "de")
                || self.names.contains(w)
                || self.run_names.contains(w)
                || self.count.get(w).copied().unwrap_or(0) >= 2)
        {
            return None;
        }
        if self.register.contains(&crate::people::fold::fold(w)) {
            return None;
        }
        // A word of another language ("software", "smartphone" in French):
        // the compiled tables first, which need no dictionary load.
        if self.known_elsewhere(lang, w) {
            return None;
        }
        let lookup = &mut self.lookup;
        // An English loanword ("software", "smartphone"). In strict mode
        // the compiled tables have answered that and the next questions
        // (words of other languages, compounds of known words) without
        // loading the other languages' dictionaries.
        let strict = self.strict;
        if !strict && lang != "en" && lookup.known("en", w) == Some(true) {
            return None;
        }
        let sp = lookup.speller(lang)?;
        let alphabet = alphabet(self.cx.langs, lang);
        // Only a word one edit away from a dictionary word is a typo;
        // anything else is more likely a name, a foreign word or jargon. A
        // change of case alone is not a spelling matter, nor, in a
        // capitalised word (a name, "Etat" for "État"), a change of accent.
        let folded = crate::people::fold::fold(w);
        let suggestions: Vec<String> = crate::spell::near(&sp, w, &alphabet, 3)
            .into_iter()
            .filter(|s| s.to_lowercase() != w.to_lowercase())
            .collect();
        // Strict: one suggestion only, a missing, extra, swapped or
        // re-accented letter away, that the dictionary knows in lower case
        // (a common word, not a name or a term of art one letter off).
        if self.strict {
            let near = crate::spell::near_tiered(&sp, w, &alphabet, 2);
            let [(only, tier)] = near.as_slice() else {
                return None;
            };
            if *tier > 1
                || only.to_lowercase() == w.to_lowercase()
                || (cap && lang == "de")
                || !sp.check(&only.to_lowercase())
            {
                return None;
            }
        }
        if suggestions.is_empty()
            || (cap
                && suggestions
                    .iter()
                    .any(|s| crate::people::fold::fold(s) == folded))
        {
            return None;
        }
        // Known in another language (a foreign name or word), or made of
        // known words (a closed compound the dictionary lacks). Checked
        // last: it may load the other languages' dictionaries.
        let elsewhere = !strict && lookup.known_elsewhere(lang, w);
        if elsewhere
            || composed(
                &mut |p| {
                    if strict {
                        lookup.known(lang, p) == Some(true)
                    } else {
                        lookup.any_known(lang, p)
                    }
                },
                self.cx.langs,
                lang,
                w,
            )
        {
            return None;
        }
        // Next to an unknown capitalised word: two names ("Maud Verbeke").
        if cap && run && unknown_neighbour(doc, lookup, lang, para.clone(), wi) {
            return None;
        }
        // A capitalised word in a title-case run ("Upcyling Android
        // Initiative") is reported only when it misspells a common word,
        // one the dictionary knows in lower case; otherwise it is a name.
        if cap && run && !suggestions.iter().any(|s| sp.check(&s.to_lowercase())) {
            return None;
        }
        let list = suggestions
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Diagnostic::new(
            &META,
            span.clone(),
            format!("unknown word \"{w}\"; did you mean {list}?"),
        )
        .with_label("not in the dictionary");
        if suggestions.len() == 1 {
            d = d.with_fix(Fix::unsafe_(vec![Edit::replace(
                span,
                suggestions[0].clone(),
            )]));
        }
        Some(d)
    }
}

/// Whether a capitalised neighbour of word `wi` (spaces only between) is
/// a name: unknown to every dictionary, or known to the language's only
/// with its capital (a first name or surname the dictionary lists).
fn unknown_neighbour<'a>(
    doc: &crate::document::Document,
    lookup: &mut Lookup<'a>,
    lang: &'a str,
    para: Span,
    wi: usize,
) -> bool {
    let text = doc.text();
    let words = doc.words();
    let mut neighbours = Vec::new();
    if wi > para.start {
        neighbours.push(wi - 1);
    }
    if wi + 1 < para.end {
        neighbours.push(wi + 1);
    }
    neighbours.into_iter().any(|n| {
        let (a, b) = if n < wi { (n, wi) } else { (wi, n) };
        let between = &text[words[a].end()..words[b].start()];
        let w = &text[words[n].span()];
        !between.is_empty()
            && between.chars().all(|c| c == ' ' || c == '\u{a0}')
            && capitalised(w)
            && !odd_case(w)
            && (!lookup.any_known(lang, w)
                || (lang != "de" && lookup.known(lang, &w.to_lowercase()) == Some(false)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_fix, assert_lints, run, run_with_config};

    const R: &str = "spelling";

    /// Whether `lang`'s dictionary is installed; says so when a test is
    /// skipped for want of it (`.ci/run` installs them all).
    fn have(lang: &str) -> bool {
        let ok = !crate::spell::find(lang, &[]).is_empty();
        if !ok {
            eprintln!(
                "skipped: no hunspell dictionary for `{lang}` (apt-get install {})",
                crate::spell::package_hint(lang)
            );
        }
        ok
    }

    #[test]
    fn helpers() {
        assert!(odd_case("FSFE"));
        assert!(odd_case("iPhone"));
        assert!(!odd_case("Upcycling"));
        let t = "pro-\nblemen and fiets- en";
        assert!(hyphen_broken(t, &(0..3)));
        assert!(hyphen_broken(t, &(5..11)));
        assert!(hyphen_broken(t, &(16..21)));
        assert!(!hyphen_broken("porte-parole", &(0..5)));
        let u = "see www.example.org/page or a@b.eu #tag";
        assert!(in_address(u, &(8..15)));
        assert!(in_address(u, &(29..30)));
        assert!(in_address(u, &(36..39)));
        assert!(!in_address(u, &(0..3)));
        assert_eq!(compound("le porte-parole.", &(3..8)), Some((3, 15)));
        assert!(!cleanly_bounded("Psycholingu´stiek", &(13..18)));
        assert!(cleanly_bounded("(word),", &(1..5)));
        assert!(abbreviation("drs. Jansen", &(0..3)));
        // An elided article is not checked; a trailing narrow space is cut.
        assert_eq!(checked_span("l’Etat", &(0..8), "fr"), Some(4..8));
        assert_eq!(checked_span("qu'il", &(0..5), "fr"), Some(3..5));
        assert_eq!(checked_span("it's", &(0..4), "en"), Some(0..4));
        assert_eq!(checked_span("mot\u{202f}", &(0..6), "fr"), Some(0..3));
    }

    #[test]
    fn typos_are_found_with_suggestions() {
        if have("fr") {
            let d = run(R, "La thematique du vélo intéresse la ville.\n", "fr");
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(d[0].message.contains("\"thématique\""), "{}", d[0].message);
            assert_fix(
                R,
                "Un deuxiéme appel sera lancé.\n",
                "Un deuxième appel sera lancé.\n",
                "fr",
            );
        }
        if have("nl") {
            assert_lints(R, "De stad koopt sofware voor de bibliotheek.\n", "nl", 1);
        }
        if have("en") {
            assert_lints(R, "The fund pays for sustainble transport.\n", "en", 1);
            // A title-case line: a misspelt common word is still reported.
            assert_lints(R, "Title\n\nUpcyling Android Initiative\n", "en", 1);
        }
        if have("de") {
            assert_lints(R, "Die Planung wird im Juni vorgestelt.\n", "de", 1);
        }
    }

    #[test]
    fn names_jargon_and_forms_pass() {
        if have("fr") {
            // Elisions, capitals without accents, names, ordinals, acronyms.
            assert_lints(
                R,
                "Le Conseil d’Etat et l'Etat, selon Mme Odile Vanderplancke, qu’il s’agisse du 1er ou du 2e lot de l’ASBL.\n",
                "fr",
                0,
            );
            // English loanwords in French prose.
            assert_lints(R, "Le logiciel et le hardware du smartphone.\n", "fr", 0);
        }
        if have("nl") {
            // Closed compounds, abbreviations with dots, a line-end break.
            assert_lints(
                R,
                "De routervrijheid en de fietsdeelmobiliteit, zei mevr. drs. Jansen, worden her-\nbekeken.\n",
                "nl",
                0,
            );
        }
        if have("en") {
            // Possessives, 3rd, e-mail, URL, hashtag, handle.
            assert_lints(
                R,
                "Trapwell's director, Dr Oluwaseun Adebayo, said the 3rd year went well; see www.example.org/x, #CycleLeeds, @Council or a@b.org.\n",
                "en",
                0,
            );
        }
        if have("de") {
            // German names next to a title, hyphenated names.
            assert_lints(
                R,
                "Der Bundesrat hat Herrn Bundespräsident Kasimir Villinger beauftragt, den Bergier-Bericht vorzulegen.\n",
                "de",
                0,
            );
        }
    }

    #[test]
    fn user_words_are_accepted() {
        if !have("en") {
            return;
        }
        let text = "The fund pays for sustainble transport.\n";
        let d = run_with_config(R, text, "en", "[spelling]\nwords = [\"Sustainble\"]\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            crate::spell::parse_words("# c\nFoo\n bar # x\n\n").collect::<Vec<_>>(),
            ["foo", "bar"]
        );
    }

    #[test]
    fn a_missing_dictionary_is_not_an_error() {
        let none = "[spelling]\ndictionaries = [\"/nonexistent/nl.dic\"]\n";
        let d = run_with_config(R, "De stad koopt sofware.\n", "nl", none);
        assert!(d.is_empty(), "{d:?}");
        // Real-word typos need no dictionary.
        let none_fr = "[spelling]\ndictionaries = [\"/nonexistent/fr.dic\"]\n";
        let d = run_with_config(R, "Il a reçu l'un des ses prix.\n", "fr", none_fr);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("\"de ses\""), "{}", d[0].message);
    }

    #[test]
    fn real_word_typos_in_context() {
        assert_fix(
            R,
            "Le maire a quant a lui refusé.\n",
            "Le maire a quant à lui refusé.\n",
            "fr",
        );
        assert_fix(
            R,
            "Des nos partenaires ont répondu.\n",
            "De nos partenaires ont répondu.\n",
            "fr",
        );
        assert_lints(R, "Les membres des associations et des leurs.\n", "fr", 0);
        assert_lints(R, "Quant à elle, et quant aux dates.\n", "fr", 0);
        assert_fix(
            R,
            "A score based on you age.\n",
            "A score based on your age.\n",
            "en",
        );
        // A comma, a compound's first part, "you" as an object.
        assert_lints(
            R,
            "It depends on you, age aside. For you family carers. Built for you today.\n",
            "en",
            0,
        );
        // User packs may add entries; a malformed one is skipped.
        let cs = crate::rules::spelling_confusions::parse_all(&[
            "des=>de ses".into(),
            "no arrow".into(),
        ]);
        assert_eq!(cs.len(), 1);
    }

    #[test]
    fn strict_mode_reports_only_near_certain_typos() {
        if !have("en") {
            return;
        }
        // Three suggestions: full mode only.
        let text = "The plan was explaned to residents.\n";
        assert_lints(R, text, "en", 0);
        let full = "[spelling]\nmode = \"full\"\n";
        assert_eq!(run_with_config(R, text, "en", full).len(), 1);
        // A replaced letter in a term of art ("trichloroethene"), a word
        // written twice: strict mode passes them.
        assert_lints(
            R,
            "Traces of trichloroethene were found. The widgetry and the widgetry.\n",
            "en",
            0,
        );
    }
}
