//! `missing-space`: no space after a sentence end before the next sentence
//! ("nemen.Natuursteen", "in 2024.The plan").

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::text::is_space;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "missing-space",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "No space after a sentence end before the next sentence (\"nemen.Natuursteen\")",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Finds two sentences glued together: a lower-case letter, a digit or a
closing bracket or quote, then `.`, `!` or `?`, then a capital starting a
word of three letters or more that goes on in lower case ("de jaren
nemen.Natuursteen wordt", "in 2024.The plan", "done!Next"); a two-letter
word counts when it is a function word of the language ("2024.We").

Never reported:
- web addresses, e-mail addresses, paths and file names: a token holding
  `/`, `@`, `:`, `_`, a backtick or a second dot, and a word after the dot
  that ends a domain or a file name ("Example.Com", "Report.Pdf",
  "Node.Js"; the `name-endings` list of the common pack) unless it is a
  function word of the language ("1950.De eerste" is two sentences);
- decimals, versions and times (2.5, v2.0, 10.30): a digit follows;
- initials and abbreviations (E.A. Cutler, U.S., z.B., p.ex., Ph.D.,
  Prof.Dr.): an upper-case letter before the dot, a lower-case letter or
  a dot after the next word;
- CamelCase product names (ASP.NET, Node.JS): the next word is not in
  lower case.

## Why it matters
A missing space after a full stop is a classic trace of text pasted from
a PDF or a table; it also makes two sentences one for search engines and
screen readers.

## Example
    … onder de loep te nemen.Natuursteen aanwezig in …
                            ^ no space after the full stop

## Options
None. Domain and file-name endings are data: `[words.common]
name-endings = [...]`.

## Fix safety
Safe: inserts a space after the punctuation.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct MissingSpace;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(MissingSpace))
}

/// A closing bracket or quotation mark.
fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '"' | '”' | '’' | '»' | '\'')
}

/// Characters that mark a token as an address, a path or code.
fn is_technical(c: char) -> bool {
    matches!(
        c,
        '/' | '@' | ':' | '_' | '`' | '\\' | '=' | '#' | '<' | '>' | '|' | '~' | '{' | '}'
    )
}

/// Whether `list` (lower case) holds `word`, ignoring case.
fn in_list(list: &[String], word: &str) -> bool {
    list.iter()
        .any(|w| w.chars().eq(word.chars().flat_map(char::to_lowercase)))
}

/// How far a token is looked for around the punctuation, in characters.
const TOKEN_REACH: usize = 80;

/// The byte where the token ending at `i` starts, if within reach.
fn token_start(s: &str, i: usize) -> Option<usize> {
    let mut start = i;
    for (n, (k, ch)) in s[..i].char_indices().rev().enumerate() {
        if is_space(ch) {
            return Some(start);
        }
        if n >= TOKEN_REACH {
            return None;
        }
        start = k;
    }
    Some(0)
}

/// The byte length of the token at the start of `rest`, if within reach.
fn token_end(rest: &str) -> Option<usize> {
    for (n, (k, ch)) in rest.char_indices().enumerate() {
        if is_space(ch) {
            return Some(k);
        }
        if n >= TOKEN_REACH {
            return None;
        }
    }
    Some(rest.len())
}

impl Rule for MissingSpace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let endings = &cx.langs.common().lists.name_endings;
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            if p.words.is_empty() {
                continue;
            }
            let s = &text[p.span.clone()];
            for (i, c) in s.char_indices() {
                if !matches!(c, '.' | '!' | '?') {
                    continue;
                }
                let Some(before) = s[..i].chars().next_back() else {
                    continue;
                };
                if !(before.is_lowercase() || before.is_ascii_digit() || is_closer(before)) {
                    continue;
                }
                let rest = &s[i + 1..];
                let mut chars = rest.chars();
                if !chars.next().is_some_and(char::is_uppercase)
                    || !chars.next().is_some_and(char::is_lowercase)
                {
                    continue;
                }
                // The word after the punctuation: a capital, then lower case.
                let word_len = rest
                    .find(|ch: char| !ch.is_alphabetic())
                    .unwrap_or(rest.len());
                let word = &rest[..word_len];
                if word.chars().skip(1).any(|ch| !ch.is_lowercase()) {
                    continue;
                }
                let n = word.chars().count();
                let function_word =
                    n <= 4 && cx.words_of(pi).is_function_word(&word.to_lowercase());
                if n < 2 || (n == 2 && !function_word) {
                    continue;
                }
                let after = &rest[word_len..];
                // An abbreviation chain ("Univ.Prof.", "Prof.Dr.").
                if n <= 4 && after.starts_with('.') {
                    continue;
                }
                // The whitespace-delimited token around the punctuation; a
                // token longer than any word of prose is not checked (and
                // the bounded look-around keeps the pass linear).
                let Some(tok_start) = token_start(s, i) else {
                    continue;
                };
                let Some(tok_end) = token_end(rest).map(|k| i + 1 + k) else {
                    continue;
                };
                let token = s[tok_start..tok_end]
                    .trim_start_matches(['(', '[', '"', '“', '«', '‘', '\'', '„'])
                    .trim_end_matches(|ch: char| {
                        matches!(ch, '.' | ',' | ';' | '!' | '?') || is_closer(ch)
                    });
                let marks = token.matches(['.', '!', '?']).count();
                if marks != 1 || token.contains(is_technical) {
                    continue;
                }
                // "Example.Com", "Report.Pdf": a name, not two sentences.
                let ends_token = !after.starts_with(|ch: char| ch.is_alphanumeric());
                if ends_token && !function_word && in_list(endings, word) {
                    continue;
                }
                let at = p.span.start + i;
                let prev_start = s[tok_start..i]
                    .char_indices()
                    .rev()
                    .find(|&(_, ch)| !ch.is_alphanumeric())
                    .map_or(tok_start, |(k, ch)| tok_start + k + ch.len_utf8());
                let span = p.span.start + prev_start..at + 1 + word_len;
                let what = match c {
                    '.' => "full stop",
                    '!' => "exclamation mark",
                    _ => "question mark",
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!("no space after the {what} before \"{word}\""),
                    )
                    .with_label("two sentences glued together")
                    .with_fix(Fix::safe(vec![Edit::replace(at + 1..at + 1, " ")])),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints};

    const R: &str = "missing-space";

    #[test]
    fn positives() {
        assert_lints(
            R,
            "We gaan de stenen onder de loep nemen.Kalksteen is zacht.",
            "nl",
            1,
        );
        assert_lints(R, "It opens in 2024.The plan is ready.", "en", 1);
        assert_lints(R, "We are done!Next year we grow.", "en", 1);
        assert_lints(R, "Est-ce fini?Non, pas encore.", "fr", 1);
        assert_lints(R, "Das Haus (Baujahr 1900).Danach kam der Umbau.", "de", 1);
        assert_lints(R, "Het werk is klaar.We gaan verder.", "nl", 1);
        assert_lints(R, "Alles van voor 1950.De rest volgt.", "nl", 1);
    }

    #[test]
    fn negatives() {
        assert_lints(
            R,
            "See ville.be, gov.uk and Example.Com or www.stad.Gent today.",
            "en",
            0,
        );
        assert_lints(
            R,
            "Mail jan.Peeters@stad.be or see https://stad.be/Nieuws.",
            "nl",
            0,
        );
        assert_lints(
            R,
            "Version v2.0 costs 2.5 euros at 10.30 in Report.Pdf.",
            "en",
            0,
        );
        assert_lints(
            R,
            "Prof. E.A. Cutler of the U.S. spoke, z.B. with Ph.D. students.",
            "en",
            0,
        );
        assert_lints(R, "Built with ASP.NET and Node.JS and Node.Js.", "en", 0);
        assert_lints(R, "Univ.Prof.Dr. Huber sprach, p.ex. sur place.", "de", 0);
        assert_lints(R, "Run `config.Load` and open file_name.Txt now.", "en", 0);
        assert_lints(R, "It is done. The next one comes.", "en", 0);
        assert_lints(R, "Het is klaar.Ok dan.", "nl", 0);
    }

    #[test]
    fn fixes() {
        assert_fix(
            R,
            "In 2024.The plan works.",
            "In 2024. The plan works.",
            "en",
        );
        assert_fix(R, "Wir sind fertig!Danke.", "Wir sind fertig! Danke.", "de");
    }
}
