//! `agreement`: a determiner that does not agree with its noun in number
//! or gender ("les thématique", "une projet", "these consultation", "het
//! stad", "auf jeden Gerät"), and, in English, a verb that does not agree
//! with an unambiguous head noun ("The results of the consultation is").
//!
//! What a word is comes from the dictionary (French: Dicollecte's
//! morphological fields; English: the plural suffix of the dictionary's
//! affix rules) or from the packs' gender lists (Dutch, German); it is
//! never guessed from a word's ending alone.

mod english;
mod french;
mod gender;

use std::ops::Range;
use std::sync::OnceLock;

use foldhash::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::text::is_space;
use crate::document::words::Lexicon;
use crate::document::Word;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "agreement",
    default_severity: Severity::Warning,
    languages: &["fr", "nl", "en", "de"],
    summary: "A determiner that disagrees with its noun in number or gender; an English verb that disagrees with its head noun",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Reports a determiner that does not agree with the noun (or adjective and
noun) after it, from what the dictionary says the words are:

- French, number and gender, from the morphological fields of the
  Dicollecte dictionary (`po:nom is:fem is:sg`): "les thématique" →
  "thématiques", "ces mesure", "des bénévole", "une projet", and after an
  adjective that stands before its noun (`prenominal-adjectives`): "les
  nouveaux moyen";
- English, number: "these consultation", "a informations", "this results
  of …", and a verb after "the NOUN of the NOUN" whose head noun is plain
  ("The results of the consultation is" → "are");
- Dutch and German, gender, from the gender lists of the packs
  (`neuter-nouns`, `common-nouns`, `feminine-nouns`, `masculine-nouns`; a
  compound takes the gender of its last part): "de huis", "het stad",
  "auf jeden Gerät", "dem Stadt", "ein Liste".

## What it never reports
- a word the dictionary does not know, a name (capitalised), a number, a
  word with digits, a word glued to a hyphen or an apostrophe ("des
  porte-parole");
- a word the dictionary also knows as something else than a noun or an
  adjective after a determiner that is also a pronoun ("il les
  remercie", "elle la mesure"); an adverb or a pronoun ends the check
  ("la plupart des", "un des", "des plus");
- an invariable noun (`is:inv`: "les prix") and a noun of both genders
  ("un/une politique", "le/la manche", `is:epi`), and, on gender, a title
  of the packs' `role-words` or a word English also knows (a loanword:
  "la socket");
- two nouns side by side ("aux primes énergie", an apposition) and an
  adjective after its noun, which may agree with a noun before ("le
  fichier des marqueurs utilisé");
- English nouns that are also verbs ("these result in"), unless "of"
  follows; a plural used as a modifier ("a drugs test"); quantities and
  collectives after "the" ("the number of … are", `agreement-exempt`);
  "one of the results of … is" (only "the" opening a clause counts);
- German "der", "die", "den": their case makes them ambiguous ("der
  Stadt" is genitive or dative); "das" and "dem" after a comma
  (relative pronouns); case after prepositions is not checked;
- a paragraph in another language than the release's.

## Why it matters
"les thématique" reads as a slip in the first line a journalist quotes.

## Example
    … les thématique du plan …
          ^^^^^^^^^^ "les" is plural, "thématique" singular; did you mean "thématiques"?

## Dictionaries
French and English need the Hunspell dictionary of the language (see
`prlint rule spelling`); without it the rule checks nothing in that
language, silently, unless you selected it (`--select agreement`,
`--extend-select grammar`, `enabled = true`): then it says so once per
run. French reads Dicollecte's `fr.dic` (Debian `hunspell-fr`), English
`en_US.dic` (`morphology-dictionaries` in the packs). Dutch and German use
the packs' gender lists only.

The first run compiles a dictionary (60–80 ms for the French one) into
prlint's cache folder (`prlint cache` shows it); later runs read the
compiled file in 1–2 ms. The cache is safe to delete.

## Options
None. Determiners, verbs, exempt nouns and gender lists are pack data
(`agreement-determiners`, `agreement-verbs`, `agreement-exempt`,
`uncountable-nouns`, `neuter-nouns` …), extendable in `[words.LANG]`.

## Fix safety
Unsafe, offered when one form fits: the word is replaced by it.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct Agreement {
    /// Each language's tables, built on its first sentence (a run in one
    /// language builds one).
    tables: [OnceLock<Tables>; 4],
}

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(Agreement {
        tables: Default::default(),
    }))
}

impl Agreement {
    /// The tables of `lang` (one of `META.languages`) from `langs`: the
    /// linter checks every release with the languages it was built with.
    fn tables(&self, langs: &Languages, lang: &str) -> Option<&Tables> {
        let k = META.languages.iter().position(|l| *l == lang)?;
        Some(
            self.tables
                .get(k)?
                .get_or_init(|| Tables::new(&langs.get(lang).lists)),
        )
    }
}

type Span = Range<usize>;

/// Number a determiner or a verb asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    Sg,
    Pl,
}

/// Genders a determiner allows, as bits.
pub(crate) const MAS: u8 = 1;
pub(crate) const FEM: u8 = 2;
pub(crate) const NEU: u8 = 4;
pub(crate) const COM: u8 = 8;

/// A determiner of the packs' `agreement-determiners`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Det {
    pub number: Option<Number>,
    /// Genders allowed; 0 for any.
    pub genders: u8,
    /// Also a pronoun before a verb.
    pub pro: bool,
    /// Also a relative pronoun after a comma.
    pub rel: bool,
}

/// A language's pack lists the rule looks words up in, read once per run
/// and hashed with foldhash: per word, a lookup, not a scan of a list.
pub(crate) struct Tables {
    /// The packs' `agreement-determiners`, by word.
    dets: HashMap<String, Det>,
    /// `role-words` (a French title takes either gender: "la ministre").
    pub roles: HashSet<String>,
    /// `prenominal-adjectives` (French).
    pub prenominal: HashSet<String>,
    /// The gender lists (Dutch, German).
    pub genders: gender::Index,
}

impl Tables {
    /// Reads a language's lists.
    pub fn new(lists: &crate::lang::WordLists) -> Tables {
        Tables {
            dets: det_table(&lists.agreement_determiners),
            roles: lists.role_words.iter().cloned().collect(),
            prenominal: lists.prenominal_adjectives.iter().cloned().collect(),
            genders: gender::Index::new(lists),
        }
    }

    /// The determiner `word` (lower case).
    pub fn det(&self, word: &str) -> Option<Det> {
        self.dets.get(word).copied()
    }
}

/// Reads `agreement-determiners` entries ("les=pl pro"); a later entry for
/// a word replaces an earlier one.
fn det_table(entries: &[String]) -> HashMap<String, Det> {
    let mut out = HashMap::default();
    for e in entries {
        let Some((word, feats)) = e.split_once('=') else {
            continue;
        };
        let mut d = Det::default();
        for f in feats.split_whitespace() {
            match f {
                "sg" => d.number = Some(Number::Sg),
                "pl" => d.number = Some(Number::Pl),
                "mas" => d.genders |= MAS,
                "fem" => d.genders |= FEM,
                "neu" => d.genders |= NEU,
                "com" => d.genders |= COM,
                "pro" => d.pro = true,
                "rel" => d.rel = true,
                _ => {}
            }
        }
        out.insert(word.to_string(), d);
    }
    out
}

/// One sentence's words, in order, with the text around them.
pub(crate) struct Sent<'a> {
    pub text: &'a str,
    /// The lists of the sentence's language.
    pub tables: &'a Tables,
    pub spans: &'a [Span],
    /// The sentence's words in the document's word table.
    pub words: &'a [Word],
    /// The document's lower-cased words.
    pub lex: &'a Lexicon,
}

impl<'a> Sent<'a> {
    /// The determiner `word` (lower case) of the sentence's language.
    pub fn det(&self, word: &str) -> Option<Det> {
        self.tables.det(word)
    }

    /// Word `i` in lower case (`str::to_lowercase`), from the word table.
    pub fn lower(&self, i: usize) -> &'a str {
        self.lex.lower(self.words[i].id())
    }

    /// Whether words `i` and `j` are equal once lower-cased.
    pub fn same_lower(&self, i: usize, j: usize) -> bool {
        self.words[i].id() == self.words[j].id()
    }

    /// Word `i` as written.
    pub fn word(&self, i: usize) -> &'a str {
        &self.text[self.spans[i].clone()]
    }

    /// Whether words `i` and `i + 1` are separated by spaces only.
    pub fn adjacent(&self, i: usize) -> bool {
        i + 1 < self.spans.len() && {
            let between = &self.text[self.spans[i].end..self.spans[i + 1].start];
            !between.is_empty() && between.chars().all(is_space)
        }
    }

    /// Whether word `i` is glued to a hyphen, an apostrophe, a slash or
    /// another mark that makes it part of a compound, an address or a
    /// quotation of code.
    pub fn glued(&self, i: usize) -> bool {
        let w = &self.text[self.spans[i].clone()];
        w.contains(['\'', '’', '.']) || self.glued_outside(i)
    }

    /// [`Sent::glued`] for the marks around the word only: an elided word
    /// ("d’une") may hold an apostrophe.
    pub fn glued_outside(&self, i: usize) -> bool {
        let s = &self.spans[i];
        let w = &self.text[s.clone()];
        let marks = ['-', '‐', '\'', '’', '/', '@', '#', '_', '&', '+', '='];
        let after = self.text[s.end..].chars().next();
        let before = self.text[..s.start].chars().next_back();
        w.chars().any(|c| c.is_numeric())
            || after.is_some_and(|c| marks.contains(&c))
            || before.is_some_and(|c| marks.contains(&c))
            || (after == Some('.')
                && self.text[s.end + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric))
    }

    /// Whether word `i` opens the sentence or a clause after a dash, a
    /// colon, a semicolon, a bracket or a quotation mark (a dateline's
    /// "– The results …").
    pub fn opens(&self, i: usize) -> bool {
        i == 0
            || self.text[self.spans[i - 1].end..self.spans[i].start]
                .contains(['–', '—', ':', ';', '(', '"', '“', '«', '‘'])
    }

    /// Whether word `i` follows a comma (spaces between).
    pub fn after_comma(&self, i: usize) -> bool {
        let start = if i == 0 { 0 } else { self.spans[i - 1].end };
        self.text[start..self.spans[i].start]
            .trim_matches(is_space)
            .ends_with(',')
    }

    /// What follows word `i` up to the next word: sentence end or
    /// punctuation when it holds one of `.,;:!?)`.
    pub fn punct_after(&self, i: usize) -> bool {
        let end = self.spans.get(i + 1).map_or(self.text.len(), |s| s.start);
        let between = &self.text[self.spans[i].end..end];
        i + 1 == self.spans.len() || between.contains(['.', ',', ';', ':', '!', '?', ')'])
    }
}

/// Whether the word starts with an upper-case letter.
pub(crate) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the word at `span` starts the repeat of the one to four words
/// just before it ("au soutien de la soutien de la Région"): the mismatch
/// ("la soutien") is made by the repeat, which `repeated-word` reports and
/// fixes; once it is fixed the words agree, so it is not reported twice.
pub(crate) fn starts_repeat(s: &Sent, span: &Span) -> bool {
    let Some(j) = s.spans.iter().position(|w| w.start == span.start) else {
        return false;
    };
    let same = |a: usize, b: usize| s.same_lower(a, b);
    (1..=4).any(|k| j >= k && j + k <= s.spans.len() && (0..k).all(|m| same(j - k + m, j + m)))
}

/// A finding: the word to change, the message and the forms that fit.
pub(crate) struct Finding {
    pub span: Span,
    pub message: String,
    pub label: &'static str,
    pub suggestions: Vec<String>,
}

impl Finding {
    fn into_diagnostic(self) -> Diagnostic {
        let mut msg = self.message;
        if !self.suggestions.is_empty() {
            let list = self
                .suggestions
                .iter()
                .take(3)
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ");
            msg.push_str(&format!("; did you mean {list}?"));
        }
        let mut d = Diagnostic::new(&META, self.span.clone(), msg).with_label(self.label);
        if self.suggestions.len() == 1 {
            d = d.with_fix(Fix::unsafe_(vec![Edit::replace(
                self.span,
                self.suggestions[0].clone(),
            )]));
        }
        d
    }
}

impl Rule for Agreement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let words = doc.words();
        let mut found: Vec<Finding> = Vec::new();
        let mut foreign: Vec<Option<bool>> = vec![None; doc.paragraphs().len()];
        let mut french = french::French::default();
        let mut english = english::English::default();
        let lex = doc.lexicon();
        // One buffer for every sentence's spans.
        let mut spans: Vec<Span> = Vec::new();
        for s in doc.sentences() {
            let p = &doc.paragraphs()[s.para];
            if crate::rules::spelling::skipped(p.kind) || s.words.is_empty() {
                continue;
            }
            let lang = doc.lang_of(s.para);
            if !META.languages.contains(&lang) {
                continue;
            }
            let is_foreign = *foreign[s.para]
                .get_or_insert_with(|| crate::rules::spelling::foreign(cx, s.para).is_some());
            if is_foreign {
                continue;
            }
            let Some(tables) = self.tables(cx.langs, lang) else {
                continue;
            };
            let sent_words = &words[s.words.clone()];
            spans.clear();
            spans.extend(sent_words.iter().map(Word::span));
            let sent = Sent {
                text,
                tables,
                spans: &spans,
                words: sent_words,
                lex,
            };
            let before = found.len();
            match lang {
                "fr" => french.check(cx, &sent, &mut found),
                "en" => english.check(cx, &sent, &mut found),
                "nl" | "de" => gender::check(cx, lang, &sent, &mut found),
                _ => {}
            }
            let mut k = before;
            while k < found.len() {
                if starts_repeat(&sent, &found[k].span) {
                    found.remove(k);
                } else {
                    k += 1;
                }
            }
        }
        out.extend(found.into_iter().map(Finding::into_diagnostic));
    }
}

#[cfg(test)]
mod tests;
