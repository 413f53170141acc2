//! `hyphenation-leftover`: a word broken by a line-end hyphen that survived
//! into running text ("pro- blemen"), or a soft hyphen inside a word.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::text::is_space;
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::rules::wordset::WordSet;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "hyphenation-leftover",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A word broken by a line-end hyphen left in running text (\"pro- blemen\"), or a soft hyphen inside a word",
    fixable: true,
    default_enabled: true,
    explanation: r#"## What it does
Finds a word that a PDF or a word processor broke at a line end and that
was pasted back as two halves:
- a letter run, a hyphen, a space, then a lower-case letter run on the
  same line ("pro- blemen", "Con- creet", "gouverne- ment", "Regie- rung");
- in a hard-wrapped paragraph, a hyphen at the end of a line followed by a
  lower-case continuation, only when the joined word occurs elsewhere in
  the release (otherwise the hyphen may belong to a real compound such as
  "state-of-the-art" broken after "state-");
- a soft hyphen (U+00AD) between two letters.

A suspended compound is not a broken word: when a conjunction follows the
hyphen ("fiets- en voetgangerspaden", "twee- of driewielers", "Ein- und
Ausgang", "pré- et post-opératoire", "pre- and post-war") or the second
part is itself suspended ("fiets- wandel- en ruiterpaden"), nothing is
reported. The first part must have two letters or more ("e- en
m-commerce" and single-letter prefixes are left alone), a dash written
with spaces (" - ") or between figures ("10- 12") never counts, and a
second part that is a function word of the language ("plan- the") is
taken for a dash typed without its space.

## Why it matters
"pro- blemen" in a published release shows that the text was pasted from a
laid-out PDF without proofreading; search engines and screen readers see
two meaningless halves.

## Example
    … zich immers niet zelden belangrijke pro- blemen inzake …
                                          ^^^^^^^^^^^ word broken by a hyphen

## Options
None. The conjunctions of suspended compounds are data:
`[words.nl] compound-joiners = [...]`.

## Fix safety
Joins the halves. Safe when the joined word occurs elsewhere in the release
("problemen"), or — for "well- known" — when the hyphenated form occurs
elsewhere (the space is then removed, the hyphen kept); otherwise unsafe,
since the hyphen may belong to the word. Removing a soft hyphen is safe
(the visible text does not change).
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct HyphenationLeftover;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(HyphenationLeftover))
}

/// Whether `list` holds `word`, ignoring case.
fn in_list(list: &[String], word: &str) -> bool {
    list.iter()
        .any(|w| w.chars().eq(word.chars().flat_map(char::to_lowercase)))
}

/// Whether `s` is a run of letters only.
fn letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}

impl Rule for HyphenationLeftover {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let joiners_all = &cx.langs.all().lists.compound_joiners;
        let mut index: Option<WordSet> = None;
        for (pi, p) in doc.paragraphs().iter().enumerate() {
            let ws = &doc.words()[p.words.clone()];
            for pair in ws.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let gap = &text[a.end()..b.start()];
                let Some(after) = gap.strip_prefix('-') else {
                    continue;
                };
                if after.is_empty() || !after.chars().all(is_space) {
                    continue;
                }
                let first = &text[a.span()];
                let second = &text[b.span()];
                if first.chars().count() < 2
                    || !letters(first)
                    || !letters(second)
                    || !second.chars().next().is_some_and(char::is_lowercase)
                {
                    continue;
                }
                // The second part is itself suspended ("wandel- en").
                if text[b.end()..].starts_with('-') {
                    continue;
                }
                let lang = cx.words_of(pi);
                if in_list(joiners_all, second) || lang.is_function_word(&second.to_lowercase()) {
                    continue;
                }
                let index = index.get_or_insert_with(|| WordSet::new(doc));
                let joined = format!("{first}{second}");
                let hyphenated = format!("{first}-{second}");
                let wrapped = after.contains(['\n', '\r']);
                let joined_known = index.has_word(&joined);
                let hyphen_known = index.has_compound(&hyphenated);
                if wrapped && (!joined_known || hyphen_known) {
                    continue;
                }
                let span = a.start()..b.end();
                let hyphen_span = a.end()..b.start();
                let (fix, help) = if hyphen_known && !joined_known {
                    (
                        Fix::safe(vec![Edit::delete(a.end() + 1..b.start())]),
                        format!("\"{hyphenated}\" is written with its hyphen elsewhere"),
                    )
                } else if joined_known {
                    (
                        Fix::safe(vec![Edit::delete(hyphen_span)]),
                        format!("\"{joined}\" occurs elsewhere in the release"),
                    )
                } else {
                    (
                        Fix::unsafe_(vec![Edit::delete(hyphen_span)]),
                        format!("join it: \"{joined}\""),
                    )
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!("\"{first}- {second}\" is one word broken by a hyphen"),
                    )
                    .with_label("word broken by a hyphen")
                    .with_help(help)
                    .with_fix(fix),
                );
            }
        }
        soft_hyphens(text, out);
    }
}

/// Reports soft hyphens (U+00AD) between two letters.
fn soft_hyphens(text: &str, out: &mut Vec<Diagnostic>) {
    for (at, _) in text.match_indices('\u{ad}') {
        let before = text[..at].chars().next_back();
        let after = text[at + 2..].chars().next();
        if !(before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)) {
            continue;
        }
        out.push(
            Diagnostic::new(&META, at..at + 2, "soft hyphen (U+00AD) inside a word")
                .with_label("invisible soft hyphen")
                .with_help("it breaks search and copy-paste; delete it")
                .with_fix(Fix::safe(vec![Edit::delete(at..at + 2)])),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_fix, assert_lints, run};

    const R: &str = "hyphenation-leftover";

    #[test]
    fn positives() {
        assert_lints(R, "Er zijn belangrijke pro- blemen op school.", "nl", 1);
        assert_lints(R, "Con- creet moeten de centra dit opstel- len.", "nl", 2);
        assert_lints(R, "Le gouverne- ment a décidé.", "fr", 1);
        assert_lints(R, "Die Regie- rung hat entschieden.", "de", 1);
        assert_lints(R, "The well- known park opens.", "en", 1);
        assert_lints(R, "Le con\u{ad}seil a voté.", "fr", 1);
    }

    #[test]
    fn negatives() {
        assert_lints(
            R,
            "Nieuwe fiets- en voetgangerspaden voor twee- of driewielers.",
            "nl",
            0,
        );
        assert_lints(
            R,
            "Der Ein- und Ausgang, Kinder-, Jugend- und Familienhilfe.",
            "de",
            0,
        );
        assert_lints(R, "Les soins pré- et post-opératoires.", "fr", 0);
        assert_lints(R, "The pre- and post-war years, from 10- 12 May.", "en", 0);
        assert_lints(R, "Wij leggen fiets- wandel- en ruiterpaden aan.", "nl", 0);
        assert_lints(
            R,
            "The plan - which we like - works. E- en m-commerce.",
            "en",
            0,
        );
        assert_lints(R, "We hebben e- mail.", "nl", 0);
        assert_lints(R, "The plan- the best one.", "en", 0);
        // A line-end hyphen is reported only when the joined word occurs elsewhere.
        assert_lints(
            R,
            "The council approved the state-\nof-the-art scheme after a long debate.",
            "en",
            0,
        );
        assert_lints(R, "A soft\u{ad} hyphen and \u{ad}here.", "en", 0);
    }

    #[test]
    fn hard_wrapped() {
        let t = "The council discussed the problems of the old tram line and the pro-\nblems of the bus network at length on Monday.\n";
        assert_lints(R, t, "en", 1);
        let d = run(R, t, "en");
        assert_eq!(
            d[0].fix.as_ref().map(|f| f.applicability),
            Some(crate::diagnostic::Applicability::Safe)
        );
    }

    #[test]
    fn fixes() {
        assert_fix(
            R,
            "Er zijn pro- blemen, veel problemen.",
            "Er zijn problemen, veel problemen.",
            "nl",
        );
        assert_fix(
            R,
            "A well- known park, a well-known name.",
            "A well-known park, a well-known name.",
            "en",
        );
        assert_fix(R, "Le con\u{ad}seil a voté.", "Le conseil a voté.", "fr");
        assert_fix(R, "Die Regie- rung tagt.", "Die Regierung tagt.", "de");
    }
}
