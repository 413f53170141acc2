//! `inconsistent-title`: one person given titles that differ in substance,
//! or a title the officials register does not list for them.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::Languages;
use crate::people::{Mention, People, Title};
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "inconsistent-title",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "One person given two titles that differ in substance, or a title the officials register does not list",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Reads every person the release names (see `prlint entities FILE`) with
the official title before the name ("le Secrétaire d’État aux Relations
extérieures Pascal Smet", "Minister of Finance Jane Doe", "burgemeester
Philippe Close"), in apposition after it ("Pascal Smet, Secretary of State
for …") or on the role lines of the person's boilerplate ("A propos de
Pascal Smet" followed by "Secrétaire d'État de l'Urbanisme …").

A title is a head role ("secrétaire d'état", "schepen", the
"-bürgermeisterin" of a German compound) and a complement (the other
words that carry meaning: "Relations extérieures", "van Cultuur",
"Umwelt-"). Two titles of one person with the same head conflict when
neither complement contains the other: "aux Relations extérieures" vs
"aux Relations internationales", "van Mobiliteit" vs "van Openbare
Werken", "Umweltbürgermeisterin" vs "Baubürgermeisterin".

Not reported:
- differences of apostrophe, accent, case or spacing only (they belong to
  `inconsistent-spelling` and `inconsistent-punctuation`);
- a title shortened later ("Minister for Energy Fiona Lockhart" … "the
  Minister" … "Ms Lockhart"; "Ministre-Président bruxellois" …
  "Ministre-Président");
- a former title ("former Minister", "l’ancien syndic", "oud-burgemeester",
  "ehemalige Stadträtin");
- two different roles ("chair of the Academy" beside "Minister");
- two people who share a surname: a bare surname ("Rochat") attaches to a
  full name only when one person bears it;
- titles in two languages of a bilingual release (each half is compared
  with itself).

With an officials register (`[[officials]]` in prlint.toml), a registered
person's title must be one of the register's titles for the paragraph's
language, or a shortened form of one; anything else is reported, even in
a release that is consistent with itself.

## Why it matters
A principal's title is the one thing a press office must get right; two
portfolios for one minister send journalists to the wrong cabinet.

## Example
    le Secrétaire d’État aux Relations extérieures Pascal Smet …
       ------------------------------------------- titled so here
    … du Secrétaire d'État aux Relations internationales Pascal Smet
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ other title

## Options
None. Role words, title linkers ("de", "of", "voor", "für"), former
markers and forms of address are data: extend them with `[words.fr]
role-words = [...]`, `title-linkers`, `former-markers`, `honorifics`,
`compound-role-words`, `conjunctions`, and `[words.common]
name-particles`. The register:

    [[officials]]
    name = "Pascal Smet"
    aliases = ["Smet"]
    titles.fr = ["Secrétaire d'État à l'Urbanisme et au Patrimoine, aux Relations européennes et internationales"]

## Fix safety
No fix: which title is right is for the press office to say.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct InconsistentTitle;

/// How many other titles get a label.
const MAX_LABELS: usize = 20;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(InconsistentTitle))
}

fn quote(s: &str) -> String {
    format!("“{}”", s.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl Rule for InconsistentTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let people = People::of(cx);
        let register = cx.people.register();
        for (pi, person) in people.persons.iter().enumerate() {
            let mut groups: BTreeMap<(&str, &str), Vec<(&Mention, &Title)>> = BTreeMap::new();
            let mut by_lang: BTreeMap<&str, Vec<(&Mention, &Title)>> = BTreeMap::new();
            for (m, t) in people.titles_of(pi) {
                if t.former {
                    continue;
                }
                let lang = doc.lang_of(m.para);
                groups.entry((lang, &t.head)).or_default().push((m, t));
                by_lang.entry(lang).or_default().push((m, t));
            }
            let entry = person.official.and_then(|i| register.entries.get(i));
            let mut registered_langs = BTreeSet::new();
            if let Some(e) = entry {
                for (lang, list) in &by_lang {
                    let Some(accepted) = e.titles.get(*lang).filter(|v| !v.is_empty()) else {
                        continue;
                    };
                    registered_langs.insert(*lang);
                    let mut flagged: BTreeMap<String, Vec<&Title>> = BTreeMap::new();
                    for (_, t) in list {
                        let ok = accepted.iter().any(|r| {
                            r.head.as_deref() == Some(t.head.as_str())
                                && t.complement.is_subset(&r.complement)
                        });
                        if !ok {
                            let key = crate::people::key_of(doc.slice(&t.span));
                            flagged.entry(key).or_default().push(t);
                        }
                    }
                    let canonical: Vec<String> = accepted.iter().map(|r| quote(&r.text)).collect();
                    for ts in flagged.values() {
                        let first = ts[0];
                        let mut d = Diagnostic::new(
                            &META,
                            first.span.clone(),
                            format!(
                                "{} is titled {} here, which the officials register does not list (it has {})",
                                person.name,
                                quote(doc.slice(&first.span)),
                                canonical.join(", ")
                            ),
                        )
                        .with_label("title not in the register")
                        .with_help(format!("use the registered title: {}", canonical[0]));
                        for t in &ts[1..] {
                            d = d.with_secondary(t.span.clone(), "same title here");
                        }
                        out.push(d);
                    }
                }
            }
            for ((lang, _), list) in &groups {
                if registered_langs.contains(lang) {
                    continue;
                }
                let titled: Vec<&(&Mention, &Title)> = list
                    .iter()
                    .filter(|(_, t)| !t.complement.is_empty())
                    .collect();
                let table = cx.people.table(lang);
                // Each title is compared with the distinct earlier ones only
                // (a principal named 50 times with one title costs nothing).
                let mut conflict = None;
                let mut seen: Vec<usize> = Vec::new();
                'outer: for j in 0..titled.len() {
                    for &i in &seen {
                        if !table.compatible(&titled[i].1.complement, &titled[j].1.complement) {
                            conflict = Some((i, j));
                            break 'outer;
                        }
                    }
                    if !seen
                        .iter()
                        .any(|&i| titled[i].1.complement == titled[j].1.complement)
                    {
                        seen.push(j);
                    }
                }
                let Some((i, j)) = conflict else {
                    continue;
                };
                let (a, b) = (titled[i].1, titled[j].1);
                let line = doc.source().line_col(a.span.start).line;
                let mut d = Diagnostic::new(
                    &META,
                    b.span.clone(),
                    format!(
                        "{} is titled {} here but {} on line {line}",
                        person.name,
                        quote(doc.slice(&b.span)),
                        quote(doc.slice(&a.span))
                    ),
                )
                .with_label("title differs from an earlier one")
                .with_help("give the person one title throughout the release");
                let others: Vec<&Title> = titled
                    .iter()
                    .enumerate()
                    .filter(|(k, (_, t))| *k != j && t.complement != b.complement)
                    .map(|(_, (_, t))| *t)
                    .collect();
                for t in others.iter().take(MAX_LABELS) {
                    d = d.with_secondary(
                        t.span.clone(),
                        format!("titled {} here", quote(doc.slice(&t.span))),
                    );
                }
                if others.len() > MAX_LABELS {
                    d = d.with_note(format!("and {} more", others.len() - MAX_LABELS));
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::assert_lints;

    /// A headline, so that the text under test is body text.
    const H: &str = "Headline of the release\n\nBrussels, 3 March 2026 - The release opens with its lede here, as releases do.\n\n";

    const ID: &str = "inconsistent-title";

    #[track_caller]
    fn lints(text: &str, lang: &str, n: usize) {
        assert_lints(ID, &format!("{H}{text}"), lang, n);
    }

    #[test]
    fn conflicting_complements() {
        lints("Le Ministre de l’Économie Jean Dupont a signé.\n\nLe texte a été présenté par le Ministre de l’Emploi Jean Dupont hier.\n",
            "fr",
            1,
        );
    }

    #[test]
    fn shortened_and_former_titles_are_fine() {
        lints("Minister for Energy Fiona Grant opened the site. The Minister said it mattered.\n\nMs Grant thanked former Energy Minister Alan Baird, now chair of the Trust, and Minister Fiona Grant left.\n",
            "en",
            0,
        );
    }

    #[test]
    fn two_people_one_surname() {
        lints("Schepen van Cultuur Ellen Peeters en schepen van Sport Pieter Peeters openen de zaal. Peeters zegt dat het goed is.\n",
            "nl",
            0,
        );
    }

    #[test]
    fn generic_back_reference_is_fine() {
        lints(
            "Chief executive of Brightwater Jane Moss opened the plant.\n\nJane Moss, chief executive of the company, said it would hire 40 people.\n",
            "en",
            0,
        );
    }

    #[test]
    fn german_compounds() {
        lints("Umweltbürgermeisterin Anna Berger eröffnete den Park.\n\nDer Plan stammt von Baubürgermeisterin Anna Berger, sagte man.\n",
            "de",
            1,
        );
    }

    #[test]
    fn accents_and_apostrophes_only() {
        lints("Le Secrétaire d’État aux Relations extérieures Paul Martin est venu.\n\nLe Secrétaire d'Etat aux relations exterieures Paul Martin est reparti.\n",
            "fr",
            0,
        );
    }
}
