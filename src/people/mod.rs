//! The people model: who a release names, and with which titles.
//!
//! Built once per document (cached on [`Document`]) from the role-word data
//! of the packs ([`PeopleData`], compiled once per run):
//!
//! 1. *Discovery*: capitalised runs of two or more name tokens (with
//!    particles: "de", "van der", "von") become people when something says
//!    they are: an official title before them ("le Ministre-Président
//!    bruxellois Rudi Vervoort") or in apposition after them ("Pascal Smet,
//!    Secretary of State for …"), a form of address ("Mr", "Mme"), an
//!    attribution verb ("déclare Rudi Vervoort"), a contact line, an
//!    "About …" heading, or the officials register.
//! 2. *Mentions*: every occurrence of a known full name, and every bare
//!    surname ("Smet", "Mr Smet", "le ministre Smet") that belongs to
//!    exactly one known person, with the title around it. The role lines of
//!    a person's boilerplate ("A propos de Pascal Smet" followed by
//!    "Secrétaire d'État …") are mentions too.

pub mod fold;
pub mod register;
pub mod roles;
pub mod tokens;

use std::collections::{BTreeMap, BTreeSet};

// foldhash, not SipHash: the maps are probed once or more per token.
use foldhash::{HashMap, HashSet};

use crate::document::{BlockKind, Document, SectionKind};
use crate::lang::Languages;
use crate::rule::Context;
use crate::source::Span;

use register::{name_key, Official, Register};
use roles::{RoleMatch, RoleTable};
use tokens::{elision_len, gap_is_space, Folds, Tok};

/// The run's people data: role tables per language and the register.
#[derive(Debug, Clone, Default)]
pub struct PeopleData {
    tables: BTreeMap<String, RoleTable>,
    fallback: RoleTable,
    register: Register,
}

impl PeopleData {
    /// Compiles the role tables of every language and the register.
    pub fn new(langs: &Languages, officials: &[Official]) -> PeopleData {
        let mut d = PeopleData {
            tables: langs
                .codes()
                .map(|c| (c.to_string(), RoleTable::new(langs.get(c), langs.common())))
                .collect(),
            fallback: RoleTable::new(langs.all(), langs.common()),
            register: Register::default(),
        };
        d.register = Register::new(officials, &d);
        d
    }

    /// The role table of `lang` (the union of all languages when unknown).
    pub fn table(&self, lang: &str) -> &RoleTable {
        self.tables.get(lang).unwrap_or(&self.fallback)
    }

    /// The officials register.
    pub fn register(&self) -> &Register {
        &self.register
    }
}

/// Where a title stands relative to the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSide {
    /// "le maire Philippe Close".
    Before,
    /// "Pascal Smet, Secretary of State for …".
    After,
    /// A role line of the person's boilerplate.
    RoleLine,
}

/// An official title attached to a mention.
#[derive(Debug, Clone)]
pub struct Title {
    /// The title as written.
    pub span: Span,
    /// The folded head role ("secretaire d'etat").
    pub head: String,
    /// Folded content words beside the head ({"relations", "exterieures"}).
    pub complement: BTreeSet<String>,
    /// Marked as former ("former", "ancien", "oud-", "ehemalig").
    pub former: bool,
    /// Before, after or on a role line.
    pub side: TitleSide,
}

/// How a person is named in a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// The full name.
    Full,
    /// The surname alone ("Smet", "Mr Smet").
    Surname,
    /// A role line of the person's boilerplate (no name on it).
    RoleLine,
}

/// One mention of a person.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index into [`People::persons`].
    pub person: usize,
    /// The name as written (the title for a role line).
    pub span: Span,
    /// The paragraph.
    pub para: usize,
    /// Full name, surname or role line.
    pub kind: MentionKind,
    /// The titles around it: before the name, in apposition after it, or
    /// the role line itself.
    pub titles: Vec<Title>,
}

/// A person named in the release.
#[derive(Debug, Clone)]
pub struct Person {
    /// The name as first written (whitespace collapsed).
    pub name: String,
    /// The folded key.
    pub key: String,
    /// Index into the register's entries, when registered.
    pub official: Option<usize>,
    /// Indices into [`People::mentions`], in text order.
    pub mentions: Vec<usize>,
}

/// The people of one release.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// The people, in order of first mention.
    pub persons: Vec<Person>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// A paragraph's tokens with what the model needs to know about each.
struct Para<'a> {
    idx: usize,
    toks: &'a [Tok],
    /// The folded forms of the document's tokens.
    folds: &'a Folds,
    /// The roles starting at its tokens.
    roles: Roles,
    table: &'a RoleTable,
    prose: bool,
    kind: BlockKind,
}

/// The roles starting at the tokens of a paragraph, by token index: only
/// the tokens that start one (most start none), sorted.
struct Roles(Vec<(usize, Option<Box<RoleMatch>>)>);

impl<'a> Para<'a> {
    /// The folded text of token `k`.
    fn f(&self, k: usize) -> &'a str {
        self.folds.get(self.toks[k].folded)
    }

    /// The folded text of token `t`.
    fn fold(&self, t: &Tok) -> &'a str {
        self.folds.get(t.folded)
    }
}

impl std::ops::Index<usize> for Roles {
    type Output = Option<Box<RoleMatch>>;
    fn index(&self, k: usize) -> &Self::Output {
        static NONE: Option<Box<RoleMatch>> = None;
        match self.0.binary_search_by_key(&k, |&(i, _)| i) {
            Ok(i) => &self.0[i].1,
            Err(_) => &NONE,
        }
    }
}

struct Builder<'a> {
    doc: &'a Document,
    /// Folded words written in lower case somewhere.
    lower: HashSet<&'a str>,
    /// Boilerplate sections holding a role line (a person's boilerplate).
    about_roles: HashSet<usize>,
}

/// A candidate key and how it was written.
struct Known {
    name: String,
    official: Option<usize>,
}

impl People {
    /// The people of the context's document, built on first use.
    pub fn of<'a>(cx: &Context<'a>) -> &'a People {
        cx.doc
            .people_cache()
            .get_or_init(|| People::build(cx.doc, cx.people))
    }

    /// Builds the model of `doc`.
    pub fn build(doc: &Document, data: &PeopleData) -> People {
        let mut paras: Vec<Para> = Vec::new();
        let mut lower = HashSet::default();
        let mut memos: Vec<(&RoleTable, HashMap<&str, Option<RoleMatch>>)> = Vec::new();
        let folds = doc.people_folds();
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if matches!(
                p.kind,
                BlockKind::Meta | BlockKind::Address | BlockKind::EndMark | BlockKind::Header
            ) {
                continue;
            }
            let table = data.table(doc.lang_of(i));
            // One memo of single-word roles per table (per language).
            let memo = match memos.iter().position(|(t, _)| std::ptr::eq(*t, table)) {
                Some(m) => &mut memos[m].1,
                None => {
                    memos.push((table, HashMap::default()));
                    &mut memos.last_mut().expect("just pushed").1
                }
            };
            let toks = doc.people_tokens(i);
            for t in toks {
                if !t.cap && !in_address(doc.text(), &t.span()) {
                    lower.insert(folds.get(t.folded));
                }
            }
            let folded: Vec<&str> = toks.iter().map(|t| folds.get(t.folded)).collect();
            let roles = Roles(
                (0..toks.len())
                    .filter_map(|k| {
                        Some((k, Some(Box::new(table.role_at_memo(&folded[k..], memo)?))))
                    })
                    .collect(),
            );
            paras.push(Para {
                idx: i,
                toks,
                folds,
                roles,
                table,
                prose: p.kind.is_prose(),
                kind: p.kind,
            });
        }
        let mut b = Builder {
            doc,
            lower,
            about_roles: HashSet::default(),
        };
        for p in paras.iter().filter(|p| p.kind == BlockKind::About) {
            let role = (0..p.toks.len().min(8)).find(|&k| p.roles[k].is_some());
            let name = (0..p.toks.len().saturating_sub(1))
                .find(|&k| b.is_name_tok(p, k) && b.is_name_tok(p, k + 1));
            if role.is_some_and(|r| name.is_none_or(|f| r < f)) {
                b.about_roles.insert(doc.paragraphs()[p.idx].section);
            }
        }
        let b = b;
        // Pass 1: discovery.
        let mut known: HashMap<String, Known> = HashMap::default();
        for (ri, e) in data.register.entries.iter().enumerate() {
            known.insert(
                e.key.clone(),
                Known {
                    name: e.name.clone(),
                    official: Some(ri),
                },
            );
        }
        let mut runs: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut run_count: HashMap<String, usize> = HashMap::default();
        for (pi, p) in paras.iter().enumerate() {
            for names in b.runs(p) {
                let key = b.run_key(p, &names);
                *run_count.entry(key).or_default() += 1;
                runs.push((pi, names));
            }
        }
        for (pi, names) in &runs {
            let p = &paras[*pi];
            let once = run_count.get(&b.run_key(p, names)) == Some(&1);
            b.discover(p, names, once, &mut known);
        }
        // Full names by first token; surnames to their people.
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::default();
        let mut surnames: HashMap<String, BTreeSet<String>> = HashMap::default();
        for key in known.keys() {
            let words: Vec<String> = key.split(' ').map(str::to_string).collect();
            if words.len() < 2 {
                continue;
            }
            if let Some(last) = words.last() {
                surnames
                    .entry(last.clone())
                    .or_default()
                    .insert(key.clone());
            }
            by_first
                .entry(words[0].clone())
                .or_default()
                .push((words.clone(), key.clone()));
        }
        for (ri, e) in data.register.entries.iter().enumerate() {
            for a in &e.aliases {
                surnames.entry(a.clone()).or_default().insert(e.key.clone());
            }
            let _ = ri;
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        // Pass 2: mentions.
        let mut people = People::default();
        let mut index: HashMap<String, usize> = HashMap::default();
        let mut about_person: HashMap<usize, usize> = HashMap::default(); // section -> person
        for p in &paras {
            let n = p.toks.len();
            let mut k = 0;
            let mut found_any = false;
            while k < n {
                let mut matched: Option<(usize, String, MentionKind)> = None;
                let cands = by_first.get(p.f(k)).filter(|_| p.toks[k].cap);
                if let Some(cands) = cands {
                    for (words, key) in cands {
                        if k + words.len() <= n
                            && (0..words.len()).all(|d| {
                                *p.f(k + d) == *words[d]
                                    && (d == 0 || gap_is_space(b.gap(&p.toks[k + d])))
                            })
                        {
                            matched = Some((words.len(), key.clone(), MentionKind::Full));
                            break;
                        }
                    }
                }
                if matched.is_none() && p.toks[k].cap {
                    let f = p.f(k);
                    if let Some(keys) = surnames.get(f) {
                        let joined_before =
                            k > 0 && b.is_name_tok(p, k - 1) && gap_is_space(b.gap(&p.toks[k]));
                        let joined_after = k + 1 < n
                            && b.is_name_tok(p, k + 1)
                            && gap_is_space(b.gap(&p.toks[k + 1]));
                        let alone = !joined_before && !joined_after;
                        if keys.len() == 1 && alone {
                            if let Some(key) = keys.iter().next() {
                                matched = Some((1, key.clone(), MentionKind::Surname));
                            }
                        }
                    }
                }
                let Some((len, key, kind)) = matched else {
                    k += 1;
                    continue;
                };
                let end = k + len - 1;
                let titles: Vec<Title> = b
                    .titles_before(p, k, &by_first)
                    .into_iter()
                    .chain(b.title_after(p, k, end))
                    .collect();
                let person = people.person_for(&key, &known, &mut index);
                let para = p.idx;
                if p.kind == BlockKind::Heading && b.doc.section_kind(para) == SectionKind::About {
                    about_person.insert(b.doc.paragraphs()[para].section, person);
                }
                people.push(Mention {
                    person,
                    span: p.toks[k].span().start..p.toks[end].span().end,
                    para,
                    kind,
                    titles,
                });
                found_any = true;
                k = end + 1;
            }
            // Role lines of a person's boilerplate.
            if !found_any && p.kind == BlockKind::About {
                let section = b.doc.paragraphs()[p.idx].section;
                if let Some(&person) = about_person.get(&section) {
                    if let Some(title) = b.role_line(p) {
                        people.push(Mention {
                            person,
                            span: title.span.clone(),
                            para: p.idx,
                            kind: MentionKind::RoleLine,
                            titles: vec![title],
                        });
                    }
                }
            }
        }
        people
    }

    fn person_for(
        &mut self,
        key: &str,
        known: &HashMap<String, Known>,
        index: &mut HashMap<String, usize>,
    ) -> usize {
        if let Some(&i) = index.get(key) {
            return i;
        }
        let k = known.get(key);
        self.persons.push(Person {
            name: k.map_or_else(|| key.to_string(), |k| k.name.clone()),
            key: key.to_string(),
            official: k.and_then(|k| k.official),
            mentions: Vec::new(),
        });
        index.insert(key.to_string(), self.persons.len() - 1);
        self.persons.len() - 1
    }

    fn push(&mut self, m: Mention) {
        let person = m.person;
        self.mentions.push(m);
        let i = self.mentions.len() - 1;
        if let Some(p) = self.persons.get_mut(person) {
            p.mentions.push(i);
        }
    }

    /// The titles of a person's mentions, in text order.
    pub fn titles_of(&self, person: usize) -> impl Iterator<Item = (&Mention, &Title)> {
        self.persons[person]
            .mentions
            .iter()
            .filter_map(|&m| self.mentions.get(m))
            .flat_map(|m| m.titles.iter().map(move |t| (m, t)))
    }
}

/// Whether the token is glued to an e-mail or web address ("luc.petit@…").
fn in_address(text: &str, span: &Span) -> bool {
    let glue = |c: char| matches!(c, '@' | '.' | '/' | '_' | ':');
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    before.is_some_and(|c| glue(c) && c != ':')
        || (a1.is_some_and(glue) && a2.is_some_and(char::is_alphanumeric))
}

/// Whether a word has a capital after its first letter ("cBrain", "iPhone").
fn has_inner_capital(w: &str) -> bool {
    w.chars().skip(1).any(char::is_uppercase)
}

/// Whether a gap between two tokens holds punctuation that ends a phrase.
fn gap_breaks(gap: &str) -> bool {
    !gap_is_space(gap)
}

impl Builder<'_> {
    /// Whether the text holds an e-mail address or a phone number.
    fn has_contact_data(&self, s: &str) -> bool {
        s.contains('@') || s.chars().filter(char::is_ascii_digit).count() >= 8
    }

    fn gap<'t>(&'t self, t: &Tok) -> &'t str {
        &self.doc.text()[t.gap()]
    }

    fn text(&self, span: &Span) -> &str {
        &self.doc.text()[span.clone()]
    }

    /// Whether token `k` can be part of a person's name.
    fn is_name_tok(&self, p: &Para, k: usize) -> bool {
        let t = &p.toks[k];
        t.cap
            && !t.all_caps
            && !t.digit
            && p.fold(t).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && p.roles[k].is_none()
            && !p.table.is_honorific(p.fold(t))
            && !p.table.is_stop(p.fold(t))
            && !p.table.is_particle(p.fold(t))
            && !p.table.is_former(p.fold(t))
            && elision_len(self.text(&t.span())) == 0
            && !(t.sent_start && self.lower.contains(p.fold(t)))
    }

    /// A particle inside a name ("van", "de", "von der").
    fn is_particle_tok(&self, p: &Para, k: usize) -> bool {
        let t = &p.toks[k];
        p.table.is_particle(p.fold(t)) && !t.all_caps
    }

    /// The capitalised runs of a paragraph: indices of their name tokens
    /// (particles between them left out).
    fn runs(&self, p: &Para) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let heading = matches!(p.kind, BlockKind::Title | BlockKind::Heading);
        let about_heading =
            p.kind == BlockKind::Heading && self.doc.section_kind(p.idx) == SectionKind::About;
        if heading && !about_heading {
            return out;
        }
        let n = p.toks.len();
        let mut i = 0;
        while i < n {
            if !self.is_name_tok(p, i) {
                i += 1;
                continue;
            }
            let mut names = vec![i];
            let mut j = i + 1;
            loop {
                if j < n && gap_is_space(self.gap(&p.toks[j])) && self.is_name_tok(p, j) {
                    names.push(j);
                    j += 1;
                    continue;
                }
                let mut k = j;
                while k < n && self.is_particle_tok(p, k) && gap_is_space(self.gap(&p.toks[k])) {
                    k += 1;
                }
                if k > j && k < n && gap_is_space(self.gap(&p.toks[k])) && self.is_name_tok(p, k) {
                    names.push(k);
                    j = k + 1;
                    continue;
                }
                break;
            }
            i = names[names.len() - 1] + 1;
            if names.len() >= 2 {
                out.push(names);
            }
        }
        out
    }

    /// The folded text of a whole run.
    fn run_key(&self, p: &Para, names: &[usize]) -> String {
        (names[0]..=names[names.len() - 1])
            .map(|k| p.f(k))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Pass 1: decides whether a run names a person. `once`: the whole run
    /// occurs once in the release (a recurring "Taff Valley Homes" is an
    /// organisation, whatever title stands before its last words).
    fn discover(&self, p: &Para, names: &[usize], once: bool, known: &mut HashMap<String, Known>) {
        let about_heading =
            p.kind == BlockKind::Heading && self.doc.section_kind(p.idx) == SectionKind::About;
        let last = names[names.len() - 1];
        let before_is_link = names[0] > 0 && {
            let f = p.f(names[0] - 1);
            p.table.is_linker(f) || p.table.is_stop(f)
        };
        let start = match names.len() {
            2 => names[0],
            // "for Transport Helen Carew", "wethouder Energie Sanne Kuipers":
            // a first word after a linker, or one also written in lower
            // case, is the title's, not the name's.
            3 if p.toks[names[0]].sent_start
                || before_is_link
                || self.lower.contains(p.f(names[0])) =>
            {
                names[1]
            }
            3 => names[0],
            _ => names[names.len() - 2],
        };
        let cut = start > names[0] && !once;
        // "About Jane Doe": the name ends the heading, at most the heading's
        // first word cut off; "About Taff Valley Homes" names no person.
        // A first word also written in lower case ("Bibliothèques de …") is
        // a common noun, not a first name.
        let about_heading = about_heading
            && names.len() <= 3
            && !self.lower.contains(p.f(start))
            && (start == names[0] || (names[0] == 0 && start == names[1]));
        if about_heading && last + 1 != p.toks.len() {
            return;
        }
        if self.has_evidence(p, start, last, about_heading, cut && !about_heading) {
            let key = (start..=last).map(|k| p.f(k)).collect::<Vec<_>>().join(" ");
            let name = self
                .text(&(p.toks[start].span().start..p.toks[last].span().end))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            known.entry(key).or_insert(Known {
                name,
                official: None,
            });
        }
    }

    /// Whether the name at tokens s..=e is a person's. A name cut from a
    /// longer capitalised run ("… of Taff Valley Homes") needs more than a
    /// title before it.
    fn has_evidence(&self, p: &Para, s: usize, e: usize, about_heading: bool, cut: bool) -> bool {
        // A first word also written in lower case is a common noun
        // ("Investor relations"), not a first name.
        let first_name = !self.lower.contains(p.f(s));
        if about_heading {
            // "About Jane Doe" heads a person's boilerplate when a role line
            // follows; "À propos du Quai Numérique" heads an organisation's.
            let section = self.doc.paragraphs()[p.idx].section;
            return !cut
                && e + 1 == p.toks.len()
                && first_name
                && self.about_roles.contains(&section);
        }
        let n = p.toks.len();
        if !p.prose && p.kind != BlockKind::About && s == 0 && first_name {
            // A contact line opening with a name: the name alone, or with a
            // role or contact data ("Stadt Kassel, Pressestelle" is neither).
            let text = self.doc.para_text(p.idx);
            if e + 1 == n || !p.roles.0.is_empty() || self.has_contact_data(text) {
                return true;
            }
        }
        if p.kind == BlockKind::About && s == 0 && e + 1 == n {
            return true; // a name alone on a boilerplate line
        }
        if s > 0 {
            let prev = &p.toks[s - 1];
            if p.table.is_honorific(p.fold(prev)) || p.table.is_attribution(p.fold(prev)) {
                return true;
            }
        }
        if e + 1 < n {
            let next = &p.toks[e + 1];
            let g = self.gap(next).trim();
            if g.is_empty() && p.table.is_attribution(p.fold(next)) {
                return true;
            }
        }
        let none = HashMap::default();
        (!cut && self.title_before(p, s, &none).is_some()) || self.title_after(p, s, e).is_some()
    }

    /// Whether tokens a..b (a complement between a role and a name) read as
    /// a title's complement: linkers, determiners, capitalised words, at most
    /// one adjective after a noun, a lower-case noun after a title linker
    /// ("doyen de la faculté de médecine"), ending on a noun or adjective.
    /// With `inner_roles`, a role word inside the complement counts as a
    /// noun ("conseillère municipale déléguée à la Culture").
    fn valid_complement(&self, p: &Para, a: usize, b: usize, inner_roles: bool) -> bool {
        #[derive(PartialEq, Clone, Copy)]
        enum K {
            Role,
            Link,
            Conj,
            Cap,
            Adj,
            Noun,
        }
        if b.saturating_sub(a) > 10 {
            return false;
        }
        let (mut prev, mut prevprev) = (K::Role, K::Role);
        // Whether the current run of linkers and determiners holds a title
        // linker ("de la", not "les").
        let mut linked = false;
        let mut last_noun_ok = false;
        for k in a..b {
            let t = &p.toks[k];
            let f = p.fold(t);
            if t.sent_start || p.table.is_attribution(f) || p.table.is_honorific(f) {
                return false;
            }
            let elided_cap = {
                let w = self.text(&t.span());
                let e = elision_len(w);
                e > 0
            };
            let kind = if p.table.is_conjunction(f) {
                K::Conj
            } else if p.table.is_linker(f) || p.table.is_stop(f) {
                linked = (prev == K::Link && linked) || p.table.is_linker(f);
                K::Link
            } else if inner_roles && p.roles[k].is_some() {
                K::Role
            } else if t.cap || elided_cap {
                K::Cap
            } else if t.digit {
                return false;
            } else if prev == K::Link && linked && !has_inner_capital(self.text(&t.span())) {
                // A noun right before the name must follow a title linker
                // itself ("de médecine Paul Girard"); after a determiner it
                // is the type of the name that follows ("van de vzw
                // Ontwerpweek Leie" names an association).
                last_noun_ok = k > a && p.table.is_linker(p.f(k - 1));
                K::Noun
            } else if matches!(prev, K::Role | K::Cap)
                || (prev == K::Conj && matches!(prevprev, K::Adj | K::Cap))
            {
                K::Adj
            } else {
                return false;
            };
            prevprev = prev;
            prev = kind;
        }
        a == b || matches!(prev, K::Cap | K::Adj | K::Role) || (prev == K::Noun && last_noun_ok)
    }

    /// The titles before the name starting at token `s`: the nearest one,
    /// and when that is a bare role set off by a comma from a fuller title,
    /// that title too ("the Cabinet Member for Housing, Cllr Tom Hale").
    fn titles_before(
        &self,
        p: &Para,
        s: usize,
        names: &HashMap<String, Vec<(Vec<String>, String)>>,
    ) -> Vec<Title> {
        let Some(first) = self.title_before(p, s, names) else {
            return Vec::new();
        };
        let bare = first.complement.is_empty();
        let at = (0..s)
            .rev()
            .find(|&k| p.toks[k].span().start == first.span.start);
        let mut out = vec![first];
        if let Some(at) = at.filter(|&at| bare && at > 0) {
            if self.gap(&p.toks[at]).trim() == "," {
                out.extend(self.title_before(p, at, names));
            }
        }
        out
    }

    /// The title before the name starting at token `s`.
    fn title_before(
        &self,
        p: &Para,
        s: usize,
        names: &HashMap<String, Vec<(Vec<String>, String)>>,
    ) -> Option<Title> {
        if s == 0 {
            return None;
        }
        // Forms of address between the title and the name ("Oberbürgermeister
        // Dr. Klaus Weber") belong to neither.
        let mut s = s;
        while s > 1
            && p.table.is_honorific(p.f(s - 1))
            && matches!(self.gap(&p.toks[s]).trim(), "" | ".")
        {
            s -= 1;
        }
        let g = self.gap(&p.toks[s]).trim();
        let comma = g == ",";
        let colon = g == ":" && !p.prose;
        if !(g.is_empty() || comma || colon) {
            return None;
        }
        let lo = s.saturating_sub(14);
        let mut r = s;
        let mut found = None;
        // The nearest role whose complement reads as one; an earlier role
        // when the nearest one is part of a longer title ("la conseillère
        // municipale déléguée à la Culture, Nadia Morel").
        let mut nearest = true;
        while r > lo {
            r -= 1;
            if r + 1 < s && gap_breaks(self.gap(&p.toks[r + 1])) {
                break;
            }
            if let Some(m) = &p.roles[r] {
                if r + m.len <= s {
                    if self.title_fits(p, r, m.len, s, comma, !nearest, names) {
                        found = Some((r, m.clone()));
                        break;
                    }
                    nearest = false;
                }
            }
            if p.toks[r].sent_start {
                break;
            }
        }
        let (mut r, mut m) = found?;
        // A role word qualifying a longer title ("conseillère municipale
        // déléguée aux Sports"): the title opens at the role before the
        // adjectives ("woordvoerder schepen X", with none between, is the
        // alderman's spokesperson).
        let mut k = r;
        while k > 0 && r - k < 2 && !gap_breaks(self.gap(&p.toks[k])) && !p.toks[k].sent_start {
            let q = &p.toks[k - 1];
            let adjective = !q.cap
                && !q.digit
                && p.roles[k - 1].is_none()
                && !p.table.is_stop(p.fold(q))
                && !p.table.is_linker(p.fold(q))
                && !p.table.is_attribution(p.fold(q));
            if !adjective {
                break;
            }
            k -= 1;
        }
        if k < r && k > 0 && !gap_breaks(self.gap(&p.toks[k])) {
            if let Some(m2) = p.roles[k - 1].as_deref().filter(|m2| m2.len == 1) {
                if self.title_fits(p, k - 1, 1, s, comma, true, names) {
                    r = k - 1;
                    *m = m2.clone();
                }
            }
        }
        let a = r + m.len;
        // Extend back over modifiers written before the head ("Energy
        // Minister", "Deputy Mayor").
        let mut s0 = r;
        while s0 > 0 && r - s0 < 2 && !p.toks[s0].sent_start && !gap_breaks(self.gap(&p.toks[s0])) {
            let q = &p.toks[s0 - 1];
            // Another role before this one is someone else's ("woordvoerder
            // schepen X" is the alderman's spokesperson), not a modifier.
            let common_opener = q.sent_start && self.lower.contains(p.fold(q));
            let modifier = p.roles[s0 - 1].is_none()
                && q.cap
                && !q.all_caps
                && !p.table.is_stop(p.fold(q))
                && !p.table.is_honorific(p.fold(q))
                && !p.table.is_former(p.fold(q))
                && !p.table.is_preposition(p.fold(q))
                && !p.table.is_attribution(p.fold(q))
                && !common_opener;
            if !modifier {
                break;
            }
            s0 -= 1;
        }
        let mut complement: BTreeSet<String> = m.extra.iter().cloned().collect();
        for k in (s0..r).chain(a..s) {
            if let Some(roles) = &p.roles[k] {
                if k < r {
                    complement.insert(roles.head.clone());
                    continue;
                }
            }
            if let Some(c) = p.table.content_word(p.f(k)) {
                complement.insert(c);
            }
        }
        let former =
            m.former || self.former_before(p, s0) || (s0..s).any(|k| p.table.is_former(p.f(k)));
        Some(Title {
            span: p.toks[s0].span().start..p.toks[s - 1].span().end,
            head: m.head,
            complement,
            former,
            side: TitleSide::Before,
        })
    }

    /// Whether the role at tokens `r..r + len` titles the name at `s`: its
    /// complement reads as one, holds no other known person's name, and a
    /// title set off by a comma follows a determiner.
    #[allow(clippy::too_many_arguments)]
    fn title_fits(
        &self,
        p: &Para,
        r: usize,
        len: usize,
        s: usize,
        comma: bool,
        inner_roles: bool,
        names: &HashMap<String, Vec<(Vec<String>, String)>>,
    ) -> bool {
        let a = r + len;
        if !self.valid_complement(p, a, s, inner_roles) {
            return false;
        }
        // Another known person's name inside the complement ends it.
        for k in a..s {
            if let Some(c) = names.get(p.f(k)) {
                if c.iter()
                    .any(|(w, _)| k + w.len() <= s && (0..w.len()).all(|d| *p.f(k + d) == *w[d]))
                {
                    return false;
                }
            }
        }
        if comma {
            // "le maire d'Istanbul, Ekrem Imamoğlu," — a title set off by a
            // comma is the name's apposition only after a determiner.
            let elided = p.f(r).find('\'').is_some_and(|i| i <= 3);
            let det = elided || (r > 0 && p.table.is_stop(p.f(r - 1)));
            if !det {
                return false;
            }
        }
        true
    }

    /// Whether a former marker stands just before token `s0` (determiners
    /// skipped): "l’ancien syndic", "former Energy Minister".
    fn former_before(&self, p: &Para, s0: usize) -> bool {
        let mut k = s0;
        let mut steps = 0;
        while k > 0 && steps < 3 && !gap_breaks(self.gap(&p.toks[k])) {
            k -= 1;
            steps += 1;
            let f = p.f(k);
            let w = tokens::strip_folded_elision(f);
            if p.table.is_former(f) || p.table.is_former(w) {
                return true;
            }
            if !p.table.is_stop(f) {
                break;
            }
        }
        false
    }

    /// The title in apposition after the name at tokens `s..=e`.
    fn title_after(&self, p: &Para, s: usize, e: usize) -> Option<Title> {
        let n = p.toks.len();
        let mut j = e + 1;
        if j >= n {
            return None;
        }
        let g = self.gap(&p.toks[j]).trim();
        let paren = g == "(";
        // Without a comma, only on a contact or boilerplate line that opens
        // with the name ("Marc Debont Porte-parole"); a later run on such a
        // line ("Jane Doe, Investor Relations Director") is part of a title.
        let ok = g == ","
            || paren
            || (!p.prose && s == 0 && (g.is_empty() || matches!(g, "-" | "–" | "—" | "|" | ":")));
        if !ok {
            return None;
        }
        let first = j;
        if p.table.is_conjunction(p.f(j)) {
            return None; // "X, et l’échevin … Y": the title is Y's
        }
        let clean = |k: usize| k == first || !gap_breaks(self.gap(&p.toks[k]));
        let mut former = false;
        let mut steps = 0;
        while j < n && steps < 2 && clean(j) && p.table.is_stop(p.f(j)) {
            former |= p.table.is_former(p.f(j));
            j += 1;
            steps += 1;
        }
        let start = j;
        let mut role = None;
        while j < n && j < start + 3 && clean(j) {
            if let Some(m) = &p.roles[j] {
                role = Some((j, m.clone()));
                break;
            }
            let f = p.f(j);
            if p.table.is_former(f) {
                former = true;
            } else if p.table.is_attribution(f) || p.toks[j].digit {
                return None;
            }
            j += 1;
        }
        let (r, m) = role?;
        let mut end = r + m.len; // exclusive
        while end < n
            && end < r + 12
            && !gap_breaks(self.gap(&p.toks[end]))
            && !p.table.is_attribution(p.f(end))
            && !p.toks[end].sent_start
        {
            end += 1;
        }
        // Trim trailing linkers and determiners.
        while end > r + m.len && {
            let f = p.f(end - 1);
            p.table.is_stop(f) || p.table.is_linker(f) || p.table.is_conjunction(f)
        } {
            end -= 1;
        }
        // A title followed by a name is that name's title, not this one's.
        if end < n
            && gap_is_space(self.gap(&p.toks[end]))
            && end + 1 < n
            && self.is_name_tok(p, end)
            && self.is_name_tok(p, end + 1)
        {
            return None;
        }
        let mut complement: BTreeSet<String> = m.extra.iter().cloned().collect();
        for k in (start..r).chain(r + m.len..end) {
            let f = p.f(k);
            if p.table.is_former(f) {
                former = true;
            }
            if let Some(c) = p.table.content_word(f) {
                complement.insert(c);
            }
        }
        Some(Title {
            span: p.toks[start].span().start..p.toks[end - 1].span().end,
            head: m.head,
            complement,
            former: former || m.former,
            side: TitleSide::After,
        })
    }

    /// The title on a role line of a boilerplate ("Secrétaire d'État de
    /// l'Urbanisme …"): from the first role word to the end of the line.
    fn role_line(&self, p: &Para) -> Option<Title> {
        let n = p.toks.len();
        if n == 0 || n > 60 {
            return None;
        }
        let r = (0..n.min(8)).find(|&k| p.roles[k].is_some())?;
        let m = *p.roles[r].clone()?;
        let mut end = r + m.len;
        while end < n {
            let g = self.gap(&p.toks[end]);
            if g.contains(['\n', '\r', '.', ';', ':', '(', ')']) {
                break;
            }
            end += 1;
        }
        let mut complement: BTreeSet<String> = m.extra.iter().cloned().collect();
        for k in r + m.len..end {
            if let Some(c) = p.table.content_word(p.f(k)) {
                complement.insert(c);
            }
        }
        let former = m.former || self.former_before(p, r);
        Some(Title {
            span: p.toks[r].span().start..p.toks[end - 1].span().end,
            head: m.head,
            complement,
            former,
            side: TitleSide::RoleLine,
        })
    }
}

/// The folded key of a written name.
pub fn key_of(name: &str) -> String {
    name_key(name)
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::linter::{Linter, Overrides};
    use crate::source::Source;

    use super::*;

    fn people(text: &str, lang: &str) -> Vec<(String, usize, Vec<String>)> {
        let linter = Linter::new(&Config::default(), &Overrides::default()).expect("linter");
        let doc = linter.parse(Source::new("t.txt", text), lang);
        let p = People::build(&doc, linter.people());
        p.persons
            .iter()
            .enumerate()
            .map(|(i, x)| {
                (
                    x.name.clone(),
                    x.mentions.len(),
                    p.titles_of(i)
                        .map(|(_, t)| doc.slice(&t.span).to_string())
                        .collect(),
                )
            })
            .collect()
    }

    const H: &str = "Headline\n\nParis, 3 mars 2026 – Le texte commence ici, comme il se doit.\n\n";

    #[test]
    fn titles_before_after_and_surnames() {
        let p = people(
            &format!("{H}Le Ministre-Président bruxellois Rudi Vervoort et le maire d’Istanbul, Ekrem Imamoğlu, ont signé. M. Vervoort a parlé.\n"),
            "fr",
        );
        assert_eq!(p[0].0, "Rudi Vervoort");
        assert_eq!(p[0].1, 2);
        assert_eq!(p[0].2, ["Ministre-Président bruxellois"]);
        assert_eq!(p[1].0, "Ekrem Imamoğlu");
        assert_eq!(p[1].2, ["maire d’Istanbul"]);
    }

    #[test]
    fn particles_and_apposition() {
        let p = people(
            &format!("{H}Ursula von der Leyen, President of the Commission, said so. Mr von der Leyen left.\n"),
            "en",
        );
        assert_eq!(p[0].0, "Ursula von der Leyen");
        assert_eq!(p[0].2, ["President of the Commission"]);
    }

    /// The titles of the person named `name`.
    #[track_caller]
    fn titles(text: &str, lang: &str, name: &str) -> Vec<String> {
        let p = people(&format!("{H}{text}\n"), lang);
        match p.into_iter().find(|(n, _, _)| n == name) {
            Some((_, _, t)) => t,
            None => panic!("{name} not found"),
        }
    }

    #[test]
    fn title_before_the_name() {
        let t = |text, lang, name| titles(text, lang, name);
        assert_eq!(
            t("Managing Director Tom Hale said it.", "en", "Tom Hale"),
            ["Managing Director"]
        );
        assert_eq!(
            t(
                "Ce matin, le doyen Marc Lemaire a signé.",
                "fr",
                "Marc Lemaire"
            ),
            ["doyen"]
        );
        assert_eq!(
            t(
                "La conseillère municipale déléguée à la Culture, Nadia Morel, a parlé.",
                "fr",
                "Nadia Morel"
            ),
            ["conseillère municipale déléguée à la Culture"]
        );
        assert_eq!(
            t(
                "Plus tard, le doyen de la faculté de médecine Paul Girard a parlé.",
                "fr",
                "Paul Girard"
            ),
            ["doyen de la faculté de médecine"]
        );
        assert_eq!(
            t(
                "Wethouder Sara de Boer opende het park.",
                "nl",
                "Sara de Boer"
            ),
            ["Wethouder"]
        );
        assert_eq!(
            t(
                "Bürgermeister Jan Vogel eröffnete den Park.",
                "de",
                "Jan Vogel"
            ),
            ["Bürgermeister"]
        );
        assert_eq!(
            t(
                "Oberbürgermeisterin Dr. Eva Lang eröffnete den Park.",
                "de",
                "Eva Lang"
            ),
            ["Oberbürgermeisterin"]
        );
        assert_eq!(
            t(
                "The Cabinet Member for Housing, Cllr Tom Hale, said so.",
                "en",
                "Tom Hale"
            ),
            ["Cllr", "Cabinet Member for Housing"]
        );
        // A noun after a determiner names what follows ("de vzw X"), not a
        // person's title.
        assert!(people(
            &format!("{H}Jan Claes, voorzitter van de vzw Open Huis, sprak.\n"),
            "nl"
        )
        .iter()
        .all(|(n, _, _)| n != "Open Huis"));
    }

    #[test]
    fn title_after_the_name() {
        let t = |text, lang, name| titles(text, lang, name);
        assert_eq!(
            t(
                "Tom Hale, Cabinet Member for Housing, said the plan was ready.",
                "en",
                "Tom Hale"
            ),
            ["Cabinet Member for Housing"]
        );
        assert_eq!(
            t(
                "Marc Lemaire, doyen de la faculté, a signé.",
                "fr",
                "Marc Lemaire"
            ),
            ["doyen de la faculté"]
        );
        assert_eq!(
            t(
                "Lena Hoff, die Leiterin des Kulturamts, sagte es.",
                "de",
                "Lena Hoff"
            ),
            ["Leiterin des Kulturamts"]
        );
    }

    #[test]
    fn title_after_a_verb_of_saying() {
        let t = |text, lang, name| titles(text, lang, name);
        assert_eq!(
            t(
                "« C'est prêt », précise le doyen Marc Lemaire.",
                "fr",
                "Marc Lemaire"
            ),
            ["doyen"]
        );
        assert_eq!(
            t(
                "\"It is ready,\" said Head of Planning Ruth Okafor.",
                "en",
                "Ruth Okafor"
            ),
            ["Head of Planning"]
        );
        assert_eq!(
            t(
                "\"Het is klaar,\" aldus burgemeester Els Peeters.",
                "nl",
                "Els Peeters"
            ),
            ["burgemeester"]
        );
    }

    #[test]
    fn prefixes_are_not_titles() {
        let t = |text, lang, name| titles(text, lang, name);
        assert_eq!(
            t(
                "Mw. prof. dr. Anke Smits, decaan van de faculteit, sprak.",
                "nl",
                "Anke Smits"
            ),
            ["decaan van de faculteit"]
        );
        assert_eq!(
            t(
                "De decaan, prof. dr. ir. Anke Smits, sprak.",
                "nl",
                "Anke Smits"
            ),
            ["decaan"]
        );
        assert_eq!(
            t(
                "Frau Dr. Lena Hoff, Leiterin des Kulturamts, sprach.",
                "de",
                "Lena Hoff"
            ),
            ["Leiterin des Kulturamts"]
        );
        assert_eq!(
            t(
                "Mme Nadia Morel, adjointe au maire, est venue.",
                "fr",
                "Nadia Morel"
            ),
            ["adjointe au maire"]
        );
        assert!(t("Dr Ruth Okafor and Ms Jane Moss came.", "en", "Ruth Okafor").is_empty());
        assert_eq!(
            t("Bürgermeister Dr. Jan Vogel sprach.", "de", "Jan Vogel"),
            ["Bürgermeister"]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "\u{feff}Titre\r\n\r\nl’\u{301}Ω d’ qu’ ’ ' M. . ,, A B C D E F G H I J K L\r\n",
            "x\n\nDe Van Der Von\n\nA propos de\n\nà propos de Jean-Luc\n",
            "Ministre\n\nMinistre Ministre Ministre Jean Jean Jean, ministre, ministre\n",
            "e\u{301}\u{301}\u{301} É\u{301}tat d’É\u{301}tat\n",
        ] {
            for lang in ["fr", "nl", "en", "de", "xx"] {
                let _ = people(t, lang);
                let linter =
                    Linter::new(&Config::default(), &Overrides::default()).expect("linter");
                let _ = linter.lint(Source::new("t.txt", t), lang);
            }
        }
    }
}
