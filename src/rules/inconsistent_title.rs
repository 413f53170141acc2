//! `inconsistent-title`: one person given titles that differ in substance,
//! or a title the officials register does not list for them.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::Languages;
use crate::people::fold::{fold, is_apostrophe, is_hyphen};
use crate::people::roles::RoleTable;
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
the official title before the name, with or without an article, a comma
or a capital ("le Secrétaire d’État aux Relations extérieures Pascal
Smet", "Managing Director Tom Hale", "la conseillère municipale déléguée
à la Culture, Nadia Morel", "le doyen de la faculté de médecine Marc
Lemaire", "Wethouder Sara de Boer"), after a verb of saying ("précise le
doyen Marc Lemaire", "said Head of Planning Ruth Okafor", "aldus
burgemeester Els Peeters"), in apposition after the name ("Tom Hale,
Cabinet Member for Housing, said", "Lena Hoff, die Leiterin des
Kulturamts,") or on the role lines of the person's boilerplate ("A propos
de Pascal Smet" followed by "Secrétaire d'État de l'Urbanisme …").
Forms of address and academic prefixes ("Dr", "Ms", "Mme", "Frau Dr.",
"prof. dr. ir.", "Mw. prof. dr.") are not titles.

A title is a head role ("secrétaire d'état", "schepen", the
"-bürgermeisterin" of a German compound) and a complement (the other
words that carry meaning: "Relations extérieures", "van Cultuur",
"Umwelt-"). Two titles of one person with the same head conflict when
neither complement contains the other: "aux Relations extérieures" vs
"aux Relations internationales", "van Mobiliteit" vs "van Openbare
Werken", "Umweltbürgermeisterin" vs "Baubürgermeisterin".

Two titles with different heads are two different roles ("Managing
Director" here, "Cabinet Member for Housing" there; "burgemeester" and
"schepen van Cultuur"), reported once per person, unless the heads are
synonyms ("chief executive" / "CEO", `role-synonyms`), one holds the other
("ministre" / "ministre-président"), one is a role held beside others
("professor", "founder", "councillor", "chair", `cumulative-roles`), or
one mention or title gives both ("Councillor Maya Kent, chair of the
committee", "Director of Finance and chair of the audit committee").
Contact and boilerplate lines are left out of this comparison, and a role
after "who was" / "qui était" / "die … was" is a former one.

Not reported:
- differences of apostrophe, accent, case or spacing only (they belong to
  `inconsistent-spelling` and `inconsistent-punctuation`);
- a title shortened later ("Minister for Energy Fiona Lockhart" … "the
  Minister" … "Ms Lockhart"; "Ministre-Président bruxellois" …
  "Ministre-Président");
- a former title ("former Minister", "l’ancien syndic", "oud-burgemeester",
  "ehemalige Stadträtin");
- a former role beside the present one ("former Energy Minister" …
  "chair of the Academy"), a chief executive "after four years as its
  chief operating officer" (a role in running text, not a title);
- complements that differ by a word's ending only ("De Gentse burgemeester"
  / "burgemeester van Gent");
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
`compound-role-words`, `conjunctions`, `role-synonyms` (`"pdg=ceo"`),
`cumulative-roles`, `prepositions`, and `[words.common]
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
            let mut reported = Vec::new();
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
                reported.push(b.span.clone());
            }
            for (lang, list) in &by_lang {
                if registered_langs.contains(lang) {
                    continue;
                }
                let table = cx.people.table(lang);
                if let Some(d) = two_roles(doc, table, &person.name, list, &reported) {
                    out.push(d);
                }
            }
        }
    }
}

/// Two titles of one person that name different roles ("Managing Director"
/// here, "Cabinet Member for Housing" there): heads that are neither equal,
/// synonyms nor one inside the other, neither a role held beside another
/// ("professor", "founder", "councillor"), and never written together in
/// one mention ("Councillor Maya Singh, chair of the committee" holds both).
fn two_roles(
    doc: &crate::document::Document,
    table: &RoleTable,
    name: &str,
    list: &[(&Mention, &Title)],
    reported: &[std::ops::Range<usize>],
) -> Option<Diagnostic> {
    // The folded words of every title, to find a role named inside another
    // title ("Director of Finance and chair of the audit committee").
    let words: Vec<Vec<String>> = list
        .iter()
        .map(|(_, t)| {
            doc.slice(&t.span)
                .split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c) && !is_hyphen(c))
                .filter(|w| !w.is_empty())
                .map(fold)
                .collect()
        })
        .collect();
    let names_role = |w: &[String], head: &str| {
        let h: Vec<&str> = head.split(' ').collect();
        w.windows(h.len())
            .any(|win| win.iter().zip(&h).all(|(a, b)| a == b))
    };
    let together = |a: &str, b: &str| {
        list.iter().any(|(m, _)| {
            m.titles.iter().any(|t| t.head == a) && m.titles.iter().any(|t| t.head == b)
        }) || words.iter().any(|w| names_role(w, a) && names_role(w, b))
    };
    let distinct = |a: &Title, b: &Title| {
        !table.same_role(&a.head, &b.head)
            && !table.is_cumulative(&a.head)
            && !table.is_cumulative(&b.head)
            && !together(&a.head, &b.head)
    };
    let mut firsts: Vec<&Title> = Vec::new();
    let mut conflict = None;
    // Contact and boilerplate lines give job titles in their own words;
    // only titles in running text are compared.
    let prose = |m: &Mention| doc.paragraphs()[m.para].kind.is_prose();
    'outer: for (_, t) in list.iter().filter(|(m, _)| prose(m)) {
        for f in &firsts {
            if distinct(f, t) {
                conflict = Some((*f, *t));
                break 'outer;
            }
        }
        if !firsts.iter().any(|f| f.head == t.head) {
            firsts.push(t);
        }
    }
    let (a, b) = conflict?;
    if reported.contains(&b.span) {
        return None;
    }
    let line = doc.source().line_col(a.span.start).line;
    let mut d = Diagnostic::new(
        &META,
        b.span.clone(),
        format!(
            "{name} is titled {} here but {} on line {line}: two different roles",
            quote(doc.slice(&b.span)),
            quote(doc.slice(&a.span))
        ),
    )
    .with_label("another role than the earlier title")
    .with_secondary(
        a.span.clone(),
        format!("titled {} here", quote(doc.slice(&a.span))),
    )
    .with_help("give the person one role throughout the release, or say that they hold both");
    let others: Vec<&Title> = list
        .iter()
        .filter(|(m, _)| prose(m))
        .map(|(_, t)| *t)
        .filter(|t| t.span != a.span && t.span != b.span && distinct(t, b))
        .collect();
    for t in others.iter().take(MAX_LABELS) {
        d = d.with_secondary(
            t.span.clone(),
            format!("titled {} here", quote(doc.slice(&t.span))),
        );
    }
    Some(d)
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
    fn any_mix_of_positions() {
        // Before the name, then in apposition.
        lints("Cabinet Member for Housing Tom Hale opened the site.\n\nTom Hale, Cabinet Member for Transport, said it mattered.\n", "en", 1);
        // After a verb of saying, then in apposition.
        lints("« C'est prêt », précise le doyen de la faculté de droit Marc Lemaire.\n\nMarc Lemaire, doyen de la faculté de médecine, a signé.\n", "fr", 1);
        // Behind a comma with an article, then after a verb of saying.
        lints("La conseillère municipale déléguée à la Culture, Nadia Morel, a parlé.\n\n« Bien », ajoute la conseillère municipale déléguée aux Sports Nadia Morel.\n", "fr", 1);
        // Behind academic prefixes.
        lints("Mw. prof. dr. Anke Smits, decaan van de faculteit Rechten, sprak.\n\n\"Goed,\" zegt decaan van de faculteit Letteren Anke Smits.\n", "nl", 1);
        lints("Frau Dr. Lena Hoff, Leiterin des Kulturamts, sprach.\n\nSo Leiterin des Sportamts Lena Hoff.\n", "de", 1);
        // The same title in every position is fine.
        lints("Managing Director Tom Hale spoke.\n\n\"Yes,\" said Managing Director Tom Hale.\n\nTom Hale, Managing Director, left.\n", "en", 0);
    }

    #[test]
    fn two_different_roles() {
        lints("Managing Director Tom Hale opened the site.\n\nTom Hale, Cabinet Member for Housing, said it mattered.\n", "en", 1);
        lints("\"Het is klaar,\" aldus burgemeester Els Peeters.\n\nEls Peeters, schepen van Cultuur, sprak ook.\n", "nl", 1);
        lints("Bürgermeister Jan Vogel eröffnete den Park.\n\nJan Vogel, Stadtrat für Verkehr, sprach auch.\n", "de", 1);
    }

    #[test]
    fn roles_held_together_are_fine() {
        // Two roles in one mention: the person holds both.
        lints("Councillor Maya Kent, chair of the transit committee, spoke.\n\nChair of the transit committee Maya Kent thanked the crews.\n", "en", 0);
        lints("Le professeur Paul Girard, doyen de la faculté, a parlé.\n\nLe doyen Paul Girard a remercié le professeur Luc Baert.\n", "fr", 0);
        // Synonyms, a head inside another, a rank held beside a role.
        lints(
            "Chief Executive Jane Moss spoke.\n\nJane Moss, CEO of Brightwater, agreed.\n",
            "en",
            0,
        );
        lints(
            "Le Ministre-Président Paul Martin est venu.\n\nLe ministre Paul Martin est reparti.\n",
            "fr",
            0,
        );
        lints(
            "Professor Alan Reed spoke.\n\nAlan Reed, dean of the law school, agreed.\n",
            "en",
            0,
        );
        // A former role, and a CEO who was COO before.
        lints(
            "Former Mayor Alan Baird spoke.\n\nAlan Baird, chair of the Academy, agreed.\n",
            "en",
            0,
        );
        lints("Chief executive Rebecca Moss spoke. Rebecca Moss took over after four years as its chief operating officer.\n", "en", 0);
        // A role named inside another title, a past role ("who was").
        lints("Ruth Okafor, Director of Finance and chair of the audit committee, spoke.\n\nChair Ruth Okafor closed the meeting.\n", "en", 0);
        lints("Tom Hale, who was director of Acme until 2020, spoke.\n\nChief executive Tom Hale left.\n", "en", 0);
        lints("Els Peeters, die toen directeur van de school was, sprak.\n\nBurgemeester Els Peeters dankte iedereen.\n", "nl", 0);
        // A contact line gives a job title in its own words.
        lints("\"We are ready,\" said Tom Hale, spokesperson for the council.\n\nMedia contact\n\nTom Hale, Press Officer, tom.hale@example.org, +44 20 7946 0000\n", "en", 0);
        // Two people with one surname keep their own roles.
        lints(
            "Mayor Anna Singh and Director Arjun Singh spoke. Singh agreed.\n",
            "en",
            0,
        );
    }

    #[test]
    fn stem_of_a_place_is_the_place() {
        lints("De Gentse burgemeester Els Peeters opende.\n\n\"Goed,\" zegt Els Peeters, burgemeester van Gent.\n", "nl", 0);
    }

    #[test]
    fn accents_and_apostrophes_only() {
        lints("Le Secrétaire d’État aux Relations extérieures Paul Martin est venu.\n\nLe Secrétaire d'Etat aux relations exterieures Paul Martin est reparti.\n",
            "fr",
            0,
        );
    }
}
