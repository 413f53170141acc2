//! `sentence-length`: a sentence longer than plain-language guides accept.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::BlockKind;
use crate::lang::Languages;
use crate::rule::{self, Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "sentence-length",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A sentence of more than 40 words",
    fixable: false,
    default_enabled: false,
    explanation: r#"## What it does
Counts the words of every sentence of running text (standfirst, lede,
body, quotations, boilerplate) and reports a sentence longer than
`max-words`. A word is a run of characters between spaces that holds a
letter or a digit: a URL, an e-mail address, "l’Institut" or "1,200"
count as one word each, dashes and bullets count as none. The headline,
subheadings, list items, contact lines and addresses are not sentences
and are not measured (see `headline-length` for the headline). A
hard-wrapped sentence is measured as one sentence. A sentence also ends
before a number after a full stop ("… des chances. 2021 est …") and after
"etc." before a capital, two boundaries Unicode segmentation misses; an
inline enumeration ("quatre volets : a ; b ; c ; d.") is measured item by
item.

## Why it matters
Journalists lift sentences from a release; a sentence that needs two
readings gets rewritten or dropped. Sources:
- GOV.UK style guide and the GDS blog post "Sentence length: why 25
  words is our limit" (2014): sentences over 25 words should be split;
- the research quoted there (Ann Wylie, after the American Press
  Institute): readers understand over 90 % of 14-word sentences, and
  less than 10 % at 43 words;
- the Plain English Campaign and Martin Cutts' *Oxford Guide to Plain
  English*: an average of 15–20 words.

prlint's default, 40 words, is a ceiling that a press office will accept
on every sentence of a release (the 25-word GOV.UK limit would flag many
well-written French and German sentences); lower it for a stricter house
style.

## Example
    Le projet s’inscrit dans le plan stratégique … (78 words) … en 2030.
    ^^^ sentence of 78 words (limit 40)

## Options
    [rules.sentence-length]
    max-words = 40

## Fix safety
No fix: only a person can split a sentence.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Maximum words per sentence.
    #[serde(default = "default_words")]
    max_words: usize,
}

fn default_words() -> usize {
    40
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_words: default_words(),
        }
    }
}

struct SentenceLength {
    max_words: usize,
}

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = rule::options(opts)?;
    if o.max_words == 0 {
        anyhow::bail!("max-words must be at least 1");
    }
    Ok(Box::new(SentenceLength {
        max_words: o.max_words,
    }))
}

/// Words as a reader counts them: space-separated runs holding a letter or digit.
fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

/// The word counts of the sentences of `s`: the document's sentences are
/// split again where a full stop, "!" or "?" ending a word of three letters
/// or more is followed by a number ("… des chances. 2021 est …"), a
/// boundary that UAX #29 does not see. A sentence that is an inline
/// enumeration (two semicolons or more: "quatre volets : a ; b ; c ; d.")
/// is measured item by item.
fn sentence_lengths(s: &str) -> Vec<(usize, usize, usize)> {
    let enumeration = s.matches(';').count() >= 2;
    let mut split_next = false;
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    let mut last_end = 0;
    let mut prev_ends_sentence = false;
    // "etc." ends a sentence when a capitalised word follows.
    let mut prev_closes_list = false;
    for (i, w) in s
        .split_inclusive(crate::document::text::is_space)
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len();
            Some((at, w))
        })
    {
        let t = w.trim_end_matches(crate::document::text::is_space);
        if t.is_empty() {
            continue;
        }
        let starts_upper = t.starts_with(|c: char| c.is_uppercase());
        if (split_next
            || (prev_ends_sentence && t.starts_with(|c: char| c.is_ascii_digit()))
            || (prev_closes_list && starts_upper))
            && n > 0
        {
            out.push((start.unwrap_or(0), last_end, n));
            start = None;
            n = 0;
        }
        if is_word(t) {
            start.get_or_insert(i);
            n += 1;
        }
        last_end = i + t.len();
        split_next = enumeration && t.ends_with([';', ':']);
        prev_closes_list = matches!(
            t.to_lowercase().as_str(),
            "etc." | "etc.)" | "usw." | "enz." | "e.a." | "u.a." | "…"
        );
        let core = t.trim_end_matches(['"', '\'', '’', '”', '»', ')']);
        prev_ends_sentence = core.ends_with(['.', '!', '?'])
            && core[..core.len() - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count()
                >= 3;
    }
    if n > 0 {
        out.push((start.unwrap_or(0), last_end, n));
    }
    out
}

impl Rule for SentenceLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for s in doc.sentences() {
            let kind = doc.paragraphs()[s.para].kind;
            if !matches!(
                kind,
                BlockKind::Standfirst
                    | BlockKind::Lede
                    | BlockKind::Body
                    | BlockKind::Quote
                    | BlockKind::About
            ) {
                continue;
            }
            // Cheap bound first: a sentence has at most one word per UAX #29 word.
            if s.words.len() <= self.max_words {
                continue;
            }
            for (a, b, n) in sentence_lengths(doc.slice(&s.span)) {
                if n > self.max_words {
                    out.push(
                        Diagnostic::new(
                            &META,
                            s.span.start + a..s.span.start + b,
                            format!("sentence of {n} words (limit {})", self.max_words),
                        )
                        .with_help("split it: one idea per sentence"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::assert_lints;

    const R: &str = "sentence-length";

    const LONG_EN: &str = "Title\n\nThe council, which met on Tuesday evening in the old town hall after a long and sometimes heated debate about the budget, the schools, the new swimming pool and the future of the tram line to the northern suburbs, finally approved the plan by a narrow majority of two votes, with three members abstaining and one absent because of illness.\n";

    #[test]
    fn long_sentences() {
        assert_lints(R, LONG_EN, "en", 1);
        let nl = "Titel\n\nDe aanleg van het nieuwe warmtenet, dat in de komende jaren stap voor stap wordt uitgebreid naar de omliggende wijken\nen dat volledig in handen is van de bewoners, kostte in totaal ongeveer achtendertig miljoen euro, waarvan een groot deel\nwerd betaald met subsidies van de provincie, het Rijk en de Europese Unie, en de rest met leningen van de leden zelf\ndie daarvoor een bijdrage van enkele honderden euro per jaar betalen.\n";
        assert_lints(R, nl, "nl", 1);
    }

    #[test]
    fn number_after_full_stop() {
        // UAX #29 does not end a sentence before "2021 est": two sentences of 25 words.
        let t = "Titre\n\nCe protocole a été signé le 11 février, journée internationale des femmes et des filles de science, pour une raison que chacun connaît. 2021 est par ailleurs une année charnière pour les relations entre les deux villes, qui fêtent leurs vingt ans.\n";
        assert_lints(R, t, "fr", 0);
        assert_eq!(
            super::sentence_lengths("One two three. 2021 was good. See p. 4 now.")
                .iter()
                .map(|x| x.2)
                .collect::<Vec<_>>(),
            [3, 7]
        );
    }

    #[test]
    fn etc_ends_a_sentence_before_a_capital() {
        let t = "Titre\n\nLe marché propose des fruits, des légumes, du fromage, du pain, des fleurs, du miel, des œufs, etc. La Ville a choisi vingt producteurs de la province, qui vendront chaque samedi matin sur la place communale à partir du mois de mai prochain.\n";
        assert_lints(R, t, "fr", 0);
    }

    #[test]
    fn inline_enumerations() {
        let t = "Titre\n\nLes travaux se répartissent en quatre volets : la conception d’électrodes sans liant fluoré et sans solvant toxique ; la mise au point d’un électrolyte aqueux stable à haute tension ; un procédé de démontage automatisé des cellules usagées ; une analyse du cycle de vie complète, de l’extraction du sel au recyclage.\n";
        assert_lints(R, t, "fr", 0);
    }

    #[test]
    fn urls_and_short_sentences() {
        // 30 words plus a long URL that UAX #29 splits into many pieces.
        let url = "Title\n\nThe full programme, with the times of every concert, the list of the workshops for children and the map of the site, is online at https://www.example.org/festival/2026/programme/full-list-of-events-and-workshops-for-children-and-families-in-the-old-town.html today.\n";
        assert_lints(R, url, "en", 0);
        assert_lints(
            R,
            "Titre\n\nLe conseil a voté. Il a approuvé le budget.\n",
            "fr",
            0,
        );
        // Long contact lines and list items are not sentences.
        let list = "Title\n\nThe plan has four parts:\n- a new line from the airport to the station, the university, the hospital, the stadium, the museum, the park, the harbour, the market, the zoo, the library, the castle and the old bridge over the river near the cathedral and the town hall\n";
        assert_lints(R, list, "en", 0);
    }
}
