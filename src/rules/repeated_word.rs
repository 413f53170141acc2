//! `repeated-word`: a word or phrase written twice in a row.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Lexicon, WordFlags};
use crate::lang::{LangWords, Languages};
use crate::rule::{self, Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "repeated-word",
    default_severity: Severity::Error,
    languages: &[],
    summary: "A word or phrase repeated next to itself (\"the the\", \"diaspora la diaspora\")",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Finds a word repeated next to itself ("the the"), case-insensitively and
across a line break inside a paragraph; a phrase of two or three words
repeated ("die Stadt die Stadt", "la ligne la ligne"); and a word repeated
with one article or determiner between ("diaspora la diaspora").

Never across a sentence end ("… in Graz. Graz …"), a heading or a
paragraph break, never across punctuation ("very, very"), never on
numbers ("1 000 000"). Legitimate doubles are allowed per language
("nous nous", "vous vous", "had had", "that that", "die die", "dat dat",
"het het", "aan aan"), except a doubled article right after a preposition
("naar het het stadhuis", "in the the city", "mit die die"), which is
never grammatical (a German relative "…, in der der Rat tagt" is: after a
comma the preposition opens a clause); idioms with a preposition between ("step by step",
"petit à petit", "stap voor stap") are not repeats, because only the
language's determiners count as "one word between".

## Why it matters
A doubled word is the most visible sign of a release edited in a hurry.

## Example
    … en raison de diaspora la diaspora nombreuse …
                   ^^^^^^^^ first occurrence
                               ^^^^^^^^ repeated here

## Options
    [rules.repeated-word]
    allow = ["bla bla"]     # extra allowed doubles (any language)

Determiners, allowed repeats, articles, prepositions and the articles
that double as relative pronouns are data per language: extend them with
`[words.fr] determiners = [...]` / `allowed-repeats`, `articles`,
`prepositions`, `relative-articles`. A double in `allow` is always allowed.

## Fix safety
Safe for a doubled word or phrase: deletes the second copy. Unsafe across
a quotation mark or bracket (deletes the first copy; either may be the
intended one), and for "X det X": deleting the first X is usually right ("de diaspora la
diaspora" → "de la diaspora") but the article may need adjusting
("de travaux les travaux" → "des travaux"). Scripts written without spaces
between words (Chinese, Japanese, Thai…) are not checked.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    /// Extra allowed doubles, e.g. "bla bla".
    #[serde(default)]
    allow: Vec<String>,
}

struct RepeatedWord {
    allow: Vec<String>,
}

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let o: Options = rule::options(opts)?;
    Ok(Box::new(RepeatedWord {
        allow: o.allow.iter().map(|s| s.to_lowercase()).collect(),
    }))
}

/// Whether `w` holds a letter of a script written without spaces between
/// words (Han, kana, Hangul syllables are spaced but Han-mixed, Thai, Lao,
/// Khmer, Myanmar): its "words" are not words and a repeat is no typo.
fn written_without_spaces(w: &str) -> bool {
    !w.is_ascii()
        && w.chars().any(|c| {
            matches!(c as u32,
            0x0E00..=0x0EFF        // Thai, Lao
            | 0x1000..=0x109F      // Myanmar
            | 0x1780..=0x17FF      // Khmer
            | 0x3040..=0x30FF      // Hiragana, Katakana
            | 0x3400..=0x4DBF      // CJK extension A
            | 0x4E00..=0x9FFF      // CJK unified ideographs
            | 0xF900..=0xFAFF      // CJK compatibility ideographs
            | 0x20000..=0x3134F) // CJK extensions B–G
        })
}

/// The opening quotation mark or bracket that makes up `gap` after some
/// whitespace ("␠“", "␠("), if any.
fn opening_mark(gap: &str) -> Option<char> {
    let rest = gap.trim_start_matches(crate::document::text::is_space);
    if rest.len() == gap.len() {
        return None;
    }
    let mut it = rest.chars();
    let mark = it.next()?;
    (it.next().is_none() && matches!(mark, '“' | '„' | '«' | '"' | '‘' | '‚' | '(' | '['))
        .then_some(mark)
}

/// Whether the doubled word at `i` (and `i + 1`) is an article right after
/// a preposition ("naar het het", "mit die die"). An article that is also a
/// relative pronoun is grammatical after a preposition that opens a clause
/// ("die Stadt, in der der Rat tagt"): after a comma or at a sentence start.
fn article_after_preposition(
    text: &str,
    ws: &[crate::document::Word],
    lex: &Lexicon,
    i: usize,
    lang: &LangWords,
) -> bool {
    let lower = |k: usize| lex.lower(ws[k].id());
    if i == 0 || !lang.is_article(lower(i)) || !lang.is_preposition(lower(i - 1)) {
        return false;
    }
    let tight = text[ws[i - 1].end()..ws[i].start()]
        .chars()
        .all(crate::document::text::is_space);
    if !tight {
        return false;
    }
    let opens_clause =
        i == 1 || text[ws[i - 2].end()..ws[i - 1].start()].contains([',', ';', ':', '(', '–', '—']);
    !(opens_clause && lang.is_relative_article(lower(i)))
}

/// Whether `c` is a quotation mark (not a bracket).
fn is_quote(c: char) -> bool {
    !matches!(c, '(' | '[')
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let all = cx.langs.all();
        let lex = doc.lexicon();
        for sentence in doc.sentences() {
            let ws = &doc.words()[sentence.words.clone()];
            let lower = |k: usize| lex.lower(ws[k].id());
            let same = |a: usize, b: usize| ws[a].id() == ws[b].id();
            let numeric = |k: usize| !ws[k].is(WordFlags::HAS_LETTER);
            // gap_ok[k]: only whitespace between word k and word k+1, and
            // some: scripts written without spaces (Chinese, Japanese,
            // Thai…) have no words to repeat ("中文文本" repeats no "文").
            let gap_ok: Vec<bool> = ws
                .windows(2)
                .map(|p| {
                    let gap = &text[p[0].end()..p[1].start()];
                    !gap.is_empty()
                        && gap.chars().all(crate::document::text::is_space)
                        && !written_without_spaces(&text[p[0].span()])
                        && !written_without_spaces(&text[p[1].span()])
                })
                .collect();
            let gaps = |from: usize, to: usize| {
                (from..to).all(|k| gap_ok.get(k).copied().unwrap_or(false))
            };
            let lang = cx.words_of(sentence.para);
            let mut i = 0;
            while i < ws.len() {
                let mut found = false;
                for n in [3usize, 2, 1] {
                    if i + 2 * n > ws.len() || !gaps(i, i + 2 * n - 1) {
                        continue;
                    }
                    if !(0..n).all(|d| same(i + d, i + n + d)) || (i..i + n).any(numeric) {
                        continue;
                    }
                    let mut after_preposition = false;
                    if n == 1 {
                        let pair = format!("{} {}", lower(i), lower(i));
                        if self.allow.contains(&pair) {
                            continue;
                        }
                        if all.is_allowed_repeat(&pair) {
                            // "naar het het stadhuis", "in the the city": a
                            // doubled article after a preposition is never
                            // one of the grammatical doubles.
                            after_preposition = article_after_preposition(text, ws, lex, i, lang);
                            if !after_preposition {
                                continue;
                            }
                        }
                    }
                    let first = ws[i].start()..ws[i + n - 1].end();
                    let second = ws[i + n].start()..ws[i + 2 * n - 1].end();
                    let what = &text[first.clone()];
                    let message = if after_preposition {
                        format!(
                            "\"{what}\" is repeated after the preposition \"{}\"",
                            &text[ws[i - 1].span()]
                        )
                    } else if n == 1 {
                        format!("\"{what}\" is repeated")
                    } else {
                        format!("the phrase \"{what}\" is repeated")
                    };
                    out.push(
                        Diagnostic::new(&META, second.clone(), message)
                            .with_label("repeated here")
                            .with_secondary(first.clone(), "first occurrence")
                            .with_fix(Fix::safe(vec![Edit::delete(first.end..second.end)])),
                    );
                    i += 2 * n;
                    found = true;
                    break;
                }
                if found {
                    continue;
                }
                // "the “The universal …", "de (de)": a word repeated across
                // an opening quotation mark or bracket.
                if i + 1 < ws.len()
                    && same(i, i + 1)
                    && !numeric(i)
                    && !all.is_allowed_repeat(&format!("{} {}", lower(i), lower(i)))
                {
                    let gap = &text[ws[i].end()..ws[i + 1].start()];
                    let after = &text[ws[i + 1].end()..];
                    if let Some(mark) = opening_mark(gap) {
                        // A quoted single word is a mention ("the word “the”").
                        let mention = is_quote(mark)
                            && after.starts_with(['”', '“', '"', '»', '«', '’', '‘', '\'']);
                        if !mention {
                            let first = ws[i].span();
                            let second = ws[i + 1].span();
                            let mark_at = ws[i + 1].start() - gap.trim_start().len();
                            out.push(
                                Diagnostic::new(
                                    &META,
                                    second.clone(),
                                    format!(
                                        "\"{}\" is repeated across \"{mark}\"",
                                        &text[first.clone()]
                                    ),
                                )
                                .with_label("repeated here")
                                .with_secondary(first.clone(), "first occurrence")
                                .with_fix(Fix::unsafe_(vec![Edit::delete(first.start..mark_at)])),
                            );
                            i += 2;
                            continue;
                        }
                    }
                }
                // "X det X": a word repeated with one determiner between.
                if i + 2 < ws.len()
                    && gaps(i, i + 2)
                    && same(i, i + 2)
                    && !numeric(i)
                    && lower(i).chars().count() > 2
                    && lang.is_determiner(lower(i + 1))
                    && !lang.is_determiner(lower(i))
                    && !lang.is_function_word(lower(i))
                {
                    let first = ws[i].span();
                    let second = ws[i + 2].span();
                    out.push(
                        Diagnostic::new(
                            &META,
                            second.clone(),
                            format!(
                                "\"{}\" is repeated around \"{}\"",
                                &text[first.clone()],
                                &text[ws[i + 1].span()]
                            ),
                        )
                        .with_label("repeated here")
                        .with_secondary(first.clone(), "first occurrence")
                        .with_fix(Fix::unsafe_(vec![Edit::delete(
                            first.start..ws[i + 1].start(),
                        )])),
                    );
                    i += 3;
                    continue;
                }
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints};

    const R: &str = "repeated-word";

    #[test]
    fn positives() {
        assert_lints(R, "We will will see.", "en", 1);
        assert_lints(R, "The the council met.", "en", 1);
        assert_lints(R, "The council met on Monday morning to discuss the\nthe mayor's plan for the new tram line.", "en", 1);
        assert_lints(R, "en raison de diaspora la diaspora nombreuse.", "fr", 1);
        assert_lints(R, "Wir lieben die Stadt die Stadt sehr.", "de", 1);
        assert_lints(R, "We openen de stad de stad voor iedereen.", "nl", 1);
        assert_lints(R, "Users have the “The right to repair” campaign.", "en", 1);
        assert_lints(R, "Het gaat om de (de facto) leider.", "nl", 1);
        assert_lints(
            R,
            "Wir zeigen eine „Eine Stadt für alle“ Ausstellung.",
            "de",
            1,
        );
        // "die die" is an allowed double, also across a quotation mark.
        assert_lints(R, "Sie nennen die „Die neue Stadt“ so.", "de", 0);
    }

    #[test]
    fn negatives() {
        assert_lints(
            R,
            "Nous nous sommes engagés. Vous vous demandez pourquoi.",
            "fr",
            0,
        );
        assert_lints(R, "She had had enough, and that that was true.", "en", 0);
        assert_lints(
            R,
            "Dat dat werkt, omdat het het grootste pand is. We passen de straat aan aan de wensen.",
            "nl",
            0,
        );
        assert_lints(
            R,
            "Er sagte, dass das das schönste Geschenk sei, und die die Stadt kennen.",
            "de",
            0,
        );
        assert_lints(R, "We grow step by step, petit à petit.", "en", 0);
        assert_lints(
            R,
            "Avoid the word “the” in titles, and “that” that way.",
            "en",
            0,
        );
        assert_lints(R, "Nous (nous) partons; in 2024 (2024) too.", "fr", 0);
        assert_lints(R, "It ends in Graz. Graz is next.", "en", 0);
        assert_lints(R, "It was very, very good for 1 000 000 people.", "en", 0);
        assert_lints(
            R,
            "About Harbour Link\n\nHarbour Link operates ferries.",
            "en",
            0,
        );
    }

    #[test]
    fn doubled_article_after_preposition() {
        assert_lints(R, "We gaan naar het het stadhuis.", "nl", 1);
        assert_lints(R, "They met in the the city hall.", "en", 1);
        assert_lints(R, "Wir sprechen mit die die Leute.", "de", 1);
        assert_lints(R, "Wir warten auf die die neue Halle.", "de", 1);
        // The same doubles elsewhere stay grammatical.
        assert_lints(R, "Omdat het het grootste pand is, blijft het.", "nl", 0);
        assert_lints(R, "Die die kommen, sind willkommen.", "de", 0);
        // A preposition opening a relative clause: "in der der Rat tagt".
        assert_lints(R, "Das ist die Halle, in der der Rat tagt.", "de", 0);
        assert_lints(R, "Menschen, für die die Stadt sorgt, danken.", "de", 0);
        // "that" is no article: "in that that" stays allowed.
        assert_lints(R, "It helped in that that was the last train.", "en", 0);
        assert_fix(
            R,
            "We gaan naar het het stadhuis.",
            "We gaan naar het stadhuis.",
            "nl",
        );
    }

    #[test]
    fn fixes() {
        assert_fix(
            R,
            "Users have the “The right to repair” campaign.",
            "Users have “The right to repair” campaign.",
            "en",
        );
        assert_fix(R, "We will will see.", "We will see.", "en");
        assert_fix(
            R,
            "en raison de diaspora la diaspora nombreuse.",
            "en raison de la diaspora nombreuse.",
            "fr",
        );
        assert_fix(
            R,
            "Wir lieben die Stadt die Stadt sehr.",
            "Wir lieben die Stadt sehr.",
            "de",
        );
    }
}
