//! `headline-length`: a headline longer than press style guides recommend.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{sections::strip_decoration, BlockKind};
use crate::lang::Languages;
use crate::rule::{self, Context, Rule, RuleEntry, RuleMeta, RuleOptions};

use super::normalize_ws;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "headline-length",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A headline longer than 100 characters or 16 words",
    fixable: false,
    default_enabled: false,
    explanation: r#"## What it does
Measures the headline (the title of the release, or of each language half
of a bilingual release) and reports it when it is longer than
`max-chars` characters or `max-words` words. A headline hard-wrapped over
two lines is measured as one headline; Markdown heading marks and
emphasis are not counted.

## Why it matters
Most readers only see the headline: in a journalist's inbox, on a wire
service's news feed, in search results and on social media, where long
headlines are cut off.

The defaults are a ceiling, not a target, taken from press style guides:
- Cision / PR Newswire, *State of the Press Release* (2021): keep
  headlines under 70 characters; e-mail clients and Google cut off the
  rest;
- PRSA, Ann Wylie, "What's the best press release headline length?"
  (2022): Google shows about 63 characters, mobile apps fewer;
- PR Daily / Carrie Morgan, "Does the length of your press release
  headline matter?": wire services (Business Wire and others) accept
  100–125 characters, which is already too long for Google.

prlint warns above 100 characters (the point where even the wire services
start truncating) and above 16 words (100 characters at an average of six
characters a word). Set `max-chars = 70` for the Cision recommendation.

## Example
    Lumora Photonics to open Scotland's first quantum sensor foundry in
    Leith, creating 180 skilled jobs and 60 apprenticeships by 2029 …
    ^^^ headline of 131 characters (limit 100)

## Options
    [rules.headline-length]
    max-chars = 100   # characters, spaces included; 0 = no limit
    max-words = 16    # words; 0 = no limit

## Fix safety
No fix: only a person can shorten a headline.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    /// Maximum characters (0: no limit).
    #[serde(default = "default_chars")]
    max_chars: usize,
    /// Maximum words (0: no limit).
    #[serde(default = "default_words")]
    max_words: usize,
}

fn default_chars() -> usize {
    100
}
fn default_words() -> usize {
    16
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_chars: default_chars(),
            max_words: default_words(),
        }
    }
}

struct HeadlineLength {
    o: Options,
}

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    Ok(Box::new(HeadlineLength {
        o: rule::options(opts)?,
    }))
}

impl Rule for HeadlineLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if p.kind != BlockKind::Title {
                continue;
            }
            // A paragraph of several sentences is a misread lede, not a headline.
            if p.sentences.len() > 2 {
                continue;
            }
            let flat = normalize_ws(doc.para_text(i), false);
            let t = strip_decoration(&flat);
            let chars = t.chars().count();
            let words = t
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            let over_chars = self.o.max_chars > 0 && chars > self.o.max_chars;
            let over_words = self.o.max_words > 0 && words > self.o.max_words;
            if !over_chars && !over_words {
                continue;
            }
            let message = if over_chars {
                format!(
                    "headline is {chars} characters long (limit {})",
                    self.o.max_chars
                )
            } else {
                format!(
                    "headline is {words} words long (limit {})",
                    self.o.max_words
                )
            };
            out.push(
                Diagnostic::new(&META, p.span.clone(), message)
                    .with_label(format!("{chars} characters, {words} words"))
                    .with_help(
                        "keep the news in the headline and move the detail to the standfirst",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_lints, run_path};

    const R: &str = "headline-length";

    #[test]
    fn long_headlines() {
        let long = "The regional transport authority and its four municipal partners announce a new express bus line between the airport, the station and the university campus\n\nBrussels, 3 March 2026 – The line opens in May.\n";
        assert_lints(R, long, "en", 1);
        let wrapped = "Le conseil communal approuve le budget de la nouvelle piscine olympique\net lance un concours d’architecture ouvert aux bureaux de toute l’Europe\n\nNamur, le 3 mars 2026 – Le conseil communal a approuvé hier soir le budget de la piscine, après un long débat\nqui a duré plus de trois heures. Les travaux commenceront en 2027 et dureront deux ans.\nLa piscine ouvrira ses portes au public au printemps 2029, selon le calendrier prévu.\n";
        assert_lints(R, wrapped, "fr", 1);
        let d = run_path(
            R,
            "r.md",
            "# Die Stadt eröffnet nach zwei Jahren Bauzeit das neue Hallenbad mit Sauna, Kletterwand, Lehrschwimmbecken und Café am Fluss\n\nGraz, 3. März 2026 – Das Bad ist offen.\n",
            "de",
        );
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn short_headlines() {
        assert_lints(
            R,
            "Nieuwe fietsstraat in Leuven\n\nLeuven, 3 maart 2026 – De straat is open.\n",
            "nl",
            0,
        );
        assert_lints(
            R,
            "Offshore wind training centre opens in Aberdeen\n\nThe centre will train 1,200 people a year.\n\nAberdeen, 3 March 2026 – It opened today.\n",
            "en",
            0,
        );
    }

    #[test]
    fn options() {
        let d = crate::rules::testing::run_with_config(
            R,
            "Nieuwe fietsstraat in Leuven\n\nLeuven, 3 maart 2026 – Open.\n",
            "nl",
            "[rules.headline-length]\nmax-chars = 20\nmax-words = 0\n",
        );
        assert_eq!(d.len(), 1);
    }
}
