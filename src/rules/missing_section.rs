//! `missing-section`: a release without a headline or a contact block (and,
//! when asked, without a dateline or a boilerplate).

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::contact::ContactData;
use crate::document::{BlockKind, Document, SectionKind};
use crate::lang::Languages;
use crate::people::{MentionKind, People};
use crate::rule::{self, Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "missing-section",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "No headline or no press contact (optionally: no dateline, no boilerplate)",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Checks that the release has the parts every newsroom looks for:
- a headline (a release that opens with its dateline or its first body
  paragraph has none; a `title:` in Markdown front matter counts);
  reported on the first line;
- a press contact: a contact block under a heading ("Contact presse",
  "Perscontact", "Media enquiries", "Pressekontakt"…), an inline contact
  ("Press contact: Jane Doe, +44 …"), or an e-mail address or phone
  number in the closing part (after the body, the boilerplate or the
  end mark) or in a sentence that names a contact; in the last paragraphs,
  a sentence with a phone number or e-mail address and a contact cue
  ("Pour toute information complémentaire : …, tél. 022 …", "Für
  Rückfragen stehe ich zur Verfügung (031 …)"), or a short paragraph or
  signature with such data and a person's name, counts too; reported at the
  end of the release;
- with `require-dateline = true`: a dateline ("Brussels, 11 February
  2021 –") at the start of the release;
- with `require-boilerplate = true`: an "About …" section.

A bilingual release (FR / NL halves) is checked half by half, except
that one contact block may serve both halves. A text of
fewer than `min-words` words (a headline and a paragraph being drafted)
is a fragment, not a release, and is not checked.
Contact headings, contact cues and phone labels are data: extend them
with `[words.LANG] contact-headings = [...]`, `contact-cues = [...]`,
`phone-labels = [...]`.

Every finding is a warning: it is inferred from the layout.

## Why it matters
A journalist who cannot reach anyone does not write the story; a release
without a headline is not read at all.

## Example
    Brussels, 3 March 2026 – The city opens …
    ^ the release has no headline

## Options
    [rules.missing-section]
    require-headline = true
    require-contact = true
    require-dateline = false
    require-boilerplate = false
    min-words = 50              # shorter texts are fragments: not checked

## Fix safety
No fix.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

/// Options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    #[serde(default = "yes")]
    require_headline: bool,
    #[serde(default = "yes")]
    require_contact: bool,
    #[serde(default)]
    require_dateline: bool,
    #[serde(default)]
    require_boilerplate: bool,
    /// Texts with fewer words are fragments, not releases: not checked.
    #[serde(default = "default_min_words")]
    min_words: usize,
}

fn default_min_words() -> usize {
    50
}

fn yes() -> bool {
    true
}

impl Default for Options {
    fn default() -> Self {
        Options {
            require_headline: true,
            require_contact: true,
            require_dateline: false,
            require_boilerplate: false,
            min_words: default_min_words(),
        }
    }
}

struct MissingSection {
    o: Options,
    data: ContactData,
}

/// How many paragraphs at the end of a release are read as its closing
/// part, where a contact may be given as a sentence or a signature.
const CLOSING_PARAS: usize = 3;

/// Longest paragraph (in words) read as a contact line or signature.
const MAX_SIGNATURE_WORDS: usize = 30;

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    Ok(Box::new(MissingSection {
        o: rule::options(opts)?,
        data: ContactData::new(langs)?,
    }))
}

/// The trimmed span of line `idx`.
fn line_span(doc: &Document, idx: usize) -> Span {
    doc.lines()[idx].trimmed.clone()
}

impl MissingSection {
    /// Checks one release, or one half of a bilingual one; the contact is
    /// looked for in the whole text and reported once, at the end of the
    /// last half (`is_last`), since one contact block may serve both halves.
    fn check_part(
        &self,
        cx: &Context,
        paras: std::ops::Range<usize>,
        is_last: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let doc = cx.doc;
        let all = &doc.paragraphs()[paras.clone()];
        let content: Vec<usize> = paras
            .clone()
            .filter(|&i| {
                !matches!(
                    doc.paragraphs()[i].kind,
                    BlockKind::Meta | BlockKind::Header
                )
            })
            .collect();
        let (Some(&first), Some(&last)) = (content.first(), content.last()) else {
            return;
        };
        let has = |k: BlockKind| all.iter().any(|p| p.kind == k);
        let where_ = if doc.regions().len() > 1 {
            let lang = doc.lang_of(first);
            format!(" ({lang} half)")
        } else {
            String::new()
        };
        let first_line = line_span(doc, doc.paragraphs()[first].lines.start);
        let last_line = line_span(doc, doc.paragraphs()[last].lines.end - 1);

        // A Markdown release may carry its headline in the front matter.
        let front_matter_title = doc.is_markdown()
            && doc.paragraphs().iter().enumerate().any(|(i, p)| {
                p.kind == BlockKind::Meta
                    && doc
                        .para_text(i)
                        .lines()
                        .any(|l| l.trim_start().to_lowercase().starts_with("title:"))
            });
        if self.o.require_headline && !has(BlockKind::Title) && !front_matter_title {
            out.push(
                Diagnostic::new(
                    &META,
                    first_line.clone(),
                    format!("the release has no headline{where_}"),
                )
                .with_label("the release opens here")
                .with_help("open the release with a headline of one line"),
            );
        }
        if self.o.require_contact && is_last && !self.has_contact(cx, 0..doc.paragraphs().len()) {
            out.push(
                Diagnostic::new(&META, last_line.clone(), "the release has no press contact")
                .with_label("the release ends here")
                .with_help("add a contact block: a heading such as \"Press contact\", a name, an e-mail address and a phone number"),
            );
        }
        if self.o.require_dateline && !all.iter().any(|p| p.dateline.is_some()) {
            out.push(
                Diagnostic::new(&META, first_line, format!("the release has no dateline{where_}"))
                    .with_help("open the first paragraph with the place and date (\"Brussels, 3 March 2026 –\")"),
            );
        }
        if self.o.require_boilerplate
            && !all.iter().any(|p| {
                p.kind == BlockKind::About || doc.sections()[p.section].kind == SectionKind::About
            })
        {
            out.push(
                Diagnostic::new(
                    &META,
                    last_line,
                    format!("the release has no boilerplate (\"About …\" section){where_}"),
                )
                .with_help(
                    "end the release with a short \"About …\" paragraph on the organisation",
                ),
            );
        }
    }

    /// Whether the closing paragraphs give a press contact: a sentence with
    /// contact data and a contact cue, or a short paragraph (a contact line,
    /// a signature) with contact data when a person is named there.
    fn closing_contact(&self, cx: &Context) -> bool {
        let doc = cx.doc;
        let closing: Vec<usize> = (0..doc.paragraphs().len())
            .rev()
            .filter(|&i| doc.paragraphs()[i].kind != BlockKind::Meta)
            .take(CLOSING_PARAS)
            .filter(|&i| {
                !matches!(
                    doc.paragraphs()[i].kind,
                    BlockKind::Header | BlockKind::Title | BlockKind::Standfirst | BlockKind::Lede
                )
            })
            .collect();
        let with_data: Vec<usize> = closing
            .iter()
            .copied()
            .filter(|&i| self.data.has_contact_data(doc.para_text(i)))
            .collect();
        if with_data.is_empty() {
            return false;
        }
        let sentence = with_data.iter().any(|&i| {
            doc.sentences()[doc.paragraphs()[i].sentences.clone()]
                .iter()
                .any(|s| self.data.is_contact_sentence(doc.slice(&s.span)))
        });
        if sentence {
            return true;
        }
        let short = with_data
            .iter()
            .any(|&i| doc.paragraphs()[i].words.len() <= MAX_SIGNATURE_WORDS);
        short
            && People::of(cx)
                .mentions
                .iter()
                .any(|m| m.kind == MentionKind::Full && closing.contains(&m.para))
    }

    /// Whether the paragraphs hold a press contact.
    fn has_contact(&self, cx: &Context, paras: std::ops::Range<usize>) -> bool {
        if self.closing_contact(cx) {
            return true;
        }
        let doc = cx.doc;
        let headings = &cx.langs.all().lists.contact_headings;
        paras.into_iter().any(|i| {
            let p = &doc.paragraphs()[i];
            if p.kind == BlockKind::Contact || doc.section_kind(i) == SectionKind::Contact {
                return true;
            }
            if p.kind == BlockKind::Meta {
                return false;
            }
            let s = doc.para_text(i);
            if !self.data.has_contact_data(s) {
                return false;
            }
            // Contact data in the closing part of the release.
            if matches!(
                p.kind,
                BlockKind::About | BlockKind::Address | BlockKind::Footer | BlockKind::EndMark
            ) {
                return true;
            }
            // A sentence that names a contact ("Pour plus d'informations : …").
            let lower = s.to_lowercase();
            headings.iter().any(|h| {
                lower.match_indices(h.as_str()).any(|(k, _)| {
                    let before = lower[..k].chars().next_back();
                    !before.is_some_and(char::is_alphanumeric)
                })
            })
        })
    }
}

impl Rule for MissingSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if doc.words().len() < self.o.min_words {
            return;
        }
        let regions = doc.regions();
        let halves: Vec<_> = regions.iter().filter(|r| r.lang.is_some()).collect();
        if regions.len() > 1 && !halves.is_empty() {
            for (k, r) in halves.iter().enumerate() {
                self.check_part(cx, r.paras.clone(), k + 1 == halves.len(), out);
            }
        } else {
            self.check_part(cx, 0..doc.paragraphs().len(), true, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::diagnostic::Diagnostic;
    use crate::linter::{Linter, Overrides};
    use crate::source::Source;

    const R: &str = "missing-section";

    fn run_cfg(path: &str, text: &str, lang: &str, cfg: &str) -> Vec<Diagnostic> {
        let cfg: Config = toml::from_str(cfg).unwrap();
        let l = Linter::new(
            &cfg,
            &Overrides {
                select: Some(vec![R.into()]),
                ..Default::default()
            },
        )
        .unwrap();
        l.lint(Source::new(path, text), lang).1
    }

    /// Runs the rule on short texts (min-words = 0).
    fn run(path: &str, text: &str, lang: &str) -> Vec<Diagnostic> {
        run_cfg(path, text, lang, "[rules.missing-section]\nmin-words = 0\n")
    }

    #[test]
    fn no_contact() {
        let t = "Le musée rouvre ses portes\n\nLiège, le 3 mars 2026 – Le musée rouvre après deux ans de travaux.\n\nÀ propos du musée\n\nLe musée est géré par la Ville.\n";
        let d = run("r.txt", t, "fr");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("contact"));
        // Reported on the last line.
        assert_eq!(&t[d[0].span.clone()], "Le musée est géré par la Ville.");
        // A fragment is not a release: not checked by default.
        assert!(crate::rules::testing::run(R, t, "fr").is_empty());
    }

    #[test]
    fn no_headline() {
        let md = "**DUBLIN, 3 March 2026** - The city opens a new library in the docklands today, with 40,000 books.\n\nThe library is open every day.\n\n## Media contact\n\nJane Doe, jane@example.org\n";
        let d = run("r.md", md, "en");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("headline"));
        assert_eq!(d[0].span.start, 0);
    }

    #[test]
    fn headline_in_front_matter() {
        let md = "---\ntitle: \"Dublin opens a library\"\nlang: en\n---\n\n**DUBLIN, 3 March 2026** - The city opens a new library today.\n\n## Media contact\n\nJane Doe, jane@example.org\n";
        assert!(run("r.md", md, "en").is_empty());
    }

    #[test]
    fn contacts_in_many_forms() {
        let n = |t: &str, lang: &str| run("r.txt", t, lang).len();
        // Heading + block.
        assert_eq!(n("Nieuwe brug\n\nGent, 3 maart 2026 – De brug is open.\n\nPerscontact\nJan Peeters\n", "nl"), 0);
        // Inline contact line.
        assert_eq!(n("New bridge\n\nLeeds, 3 March 2026 – The bridge is open.\n\nPress contact: Jane Doe, +44 113 496 0000\n", "en"), 0);
        // A sentence naming the contact.
        assert_eq!(n("Neue Brücke\n\nLinz, 3. März 2026 – Die Brücke ist offen.\n\nFür Rückfragen steht Anna Berger unter anna.berger@example.at zur Verfügung.\n", "de"), 0);
        // Contact data after the end mark.
        assert_eq!(n("New bridge\n\nLeeds, 3 March 2026 – The bridge is open.\n\n###\n\njane.doe@example.org\n", "en"), 0);
        // An e-mail in the body for the public is not a press contact.
        assert_eq!(n("New bridge\n\nLeeds, 3 March 2026 – The bridge is open. Questions: info@example.org.\n", "en"), 1);
    }

    #[test]
    fn a_web_page_is_not_a_contact() {
        let t = "Nouvelle halle\n\nTournai, le 3 mars 2026 – La halle ouvre samedi.\n\nPlus d’informations : https://www.example.be/halle\n";
        assert_eq!(run("r.txt", t, "fr").len(), 1);
        let c = "Nouvelle halle\n\nTournai, le 3 mars 2026 – La halle ouvre samedi.\n\nPlus d’informations : Hugo Delvaux, hugo@example.be\n";
        assert_eq!(run("r.txt", c, "fr").len(), 0);
    }

    #[test]
    fn optional_parts() {
        let t = "New bridge\n\nThe bridge is open.\n\nPress contact\nJane Doe, jane@example.org\n";
        let strict = "[rules.missing-section]\nrequire-dateline = true\nrequire-boilerplate = true\nmin-words = 0\n";
        assert_eq!(run_cfg("r.txt", t, "en", strict).len(), 2);
        assert_eq!(run("r.txt", t, "en").len(), 0);
    }
}
