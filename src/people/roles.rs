//! Role-word tables per language, compiled once per run from the packs'
//! `[words]` lists, and the reading of one official title into a head
//! ("secrétaire d'état") and a complement ({"relations", "exterieures"}).

use std::collections::BTreeSet;

// foldhash, not SipHash: these sets are probed once or more per token.
use foldhash::{HashMap, HashSet};

use crate::lang::LangWords;

use super::fold::fold;
use super::tokens::strip_folded_elision;

/// The compiled people data of one language.
#[derive(Debug, Clone, Default)]
pub struct RoleTable {
    singles: HashSet<String>,
    multi: Vec<Vec<String>>,
    /// The first words of `multi`, and its longest entry's length.
    multi_first: HashSet<String>,
    multi_max: usize,
    compounds: Vec<String>,
    linkers: HashSet<String>,
    generic: HashSet<String>,
    conjunctions: HashSet<String>,
    former_words: HashSet<String>,
    former_prefixes: Vec<String>,
    honorifics: HashSet<String>,
    particles: HashSet<String>,
    stop: HashSet<String>,
    attribution: HashSet<String>,
    /// Folded head → the first head of its synonym set.
    synonyms: HashMap<String, String>,
    cumulative: HashSet<String>,
    prepositions: HashSet<String>,
}

/// A role found at a token: how many tokens it spans, its head, extra
/// complement words (a compound's first part), and whether it is marked former.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleMatch {
    /// Tokens covered.
    pub len: usize,
    /// The folded head ("burgermeisterin").
    pub head: String,
    /// Complement words carried by the token itself ("umwelt").
    pub extra: Vec<String>,
    /// A former-marker prefix ("oud-burgemeester").
    pub former: bool,
}

fn split_words(s: &str) -> Vec<String> {
    s.split_whitespace().map(fold).collect()
}

impl RoleTable {
    /// Compiles the lists of one language (plus the common pack's particles).
    pub fn new(w: &LangWords, common: &LangWords) -> RoleTable {
        let l = &w.lists;
        let mut t = RoleTable::default();
        for r in &l.role_words {
            let parts = split_words(r);
            match parts.len() {
                0 => {}
                1 => {
                    t.singles.insert(parts[0].clone());
                }
                _ => t.multi.push(parts),
            }
        }
        t.multi.sort_by_key(|m| std::cmp::Reverse(m.len()));
        t.multi_first = t.multi.iter().filter_map(|m| m.first().cloned()).collect();
        t.multi_max = t.multi.iter().map(Vec::len).max().unwrap_or(1).max(1);
        t.compounds = l.compound_role_words.iter().map(|s| fold(s)).collect();
        t.compounds.sort_by_key(|s| std::cmp::Reverse(s.len()));
        t.linkers = l.title_linkers.iter().map(|s| fold(s)).collect();
        for f in &l.former_markers {
            let f = fold(f);
            match f.strip_suffix('-') {
                Some(p) => t.former_prefixes.push(p.to_string()),
                None => {
                    t.former_words.insert(f);
                }
            }
        }
        t.honorifics = l
            .honorifics
            .iter()
            .filter_map(|h| split_words(h).pop())
            .collect();
        t.particles = l
            .name_particles
            .iter()
            .chain(&common.lists.name_particles)
            .map(|s| fold(s))
            .collect();
        t.stop = l
            .determiners
            .iter()
            .chain(&l.function_words)
            .map(|s| fold(s))
            .collect();
        t.generic = l.title_generic_words.iter().map(|s| fold(s)).collect();
        t.conjunctions = l.conjunctions.iter().map(|s| fold(s)).collect();
        t.attribution = l.attribution_verbs.iter().map(|s| fold(s)).collect();
        for set in &l.role_synonyms {
            let heads: Vec<String> = set
                .split('=')
                .map(|h| split_words(h).join(" "))
                .filter(|h| !h.is_empty())
                .collect();
            if let Some(first) = heads.first() {
                let canon = t
                    .synonyms
                    .get(first)
                    .cloned()
                    .unwrap_or_else(|| first.clone());
                for h in &heads {
                    t.synonyms.entry(h.clone()).or_insert_with(|| canon.clone());
                }
            }
        }
        t.prepositions = l.prepositions.iter().map(|s| fold(s)).collect();
        t.cumulative = l
            .cumulative_roles
            .iter()
            .map(|r| split_words(r).join(" "))
            .collect();
        t
    }

    /// Whether two heads name one role: equal, synonyms ("chief executive",
    /// "ceo"), or one head's words inside the other's ("ministre" in
    /// "ministre-président").
    pub fn same_role(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let canon = |h: &str| self.synonyms.get(h).map_or(h, String::as_str).to_string();
        if canon(a) == canon(b) {
            return true;
        }
        let words = |h: &str| -> BTreeSet<String> {
            h.split([' ', '-'])
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        let (wa, wb) = (words(a), words(b));
        wa.is_subset(&wb) || wb.is_subset(&wa)
    }

    /// Whether the head is a role held beside another ("professor",
    /// "founder", "councillor").
    pub fn is_cumulative(&self, head: &str) -> bool {
        self.cumulative.contains(head)
    }

    /// Whether the folded word is a title linker ("de", "of", "voor").
    pub fn is_linker(&self, f: &str) -> bool {
        self.linkers.contains(f)
    }
    /// Whether two title complements say compatible things: one holds the
    /// other (a shortened or fuller form), or what one adds is only a
    /// generic back-reference ("of the company" beside "of Acme").
    /// Words count as one when equal or when one opens the other and is
    /// at least four letters long ("Gent" in "Gentse", "Europe" in
    /// "européennes").
    pub fn compatible(&self, a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
        let akin = |x: &str, y: &str| {
            x == y
                || (x.chars().count() >= 4 && y.starts_with(x))
                || (y.chars().count() >= 4 && x.starts_with(y))
        };
        // Words of `x` with no akin word in `y`.
        let extra = |x: &BTreeSet<String>, y: &BTreeSet<String>| -> Vec<String> {
            x.iter()
                .filter(|w| !y.iter().any(|v| akin(w, v)))
                .cloned()
                .collect()
        };
        let (ea, eb) = (extra(a, b), extra(b, a));
        ea.is_empty()
            || eb.is_empty()
            || ea.iter().all(|w| self.generic.contains(w))
            || eb.iter().all(|w| self.generic.contains(w))
    }

    /// Whether the folded word is a conjunction inside a title ("et", "and").
    pub fn is_conjunction(&self, f: &str) -> bool {
        self.conjunctions.contains(f)
    }
    /// Whether the folded word is a determiner or function word.
    pub fn is_stop(&self, f: &str) -> bool {
        self.stop.contains(f)
    }
    /// Whether the folded word is a form of address ("mr", "mme").
    pub fn is_honorific(&self, f: &str) -> bool {
        self.honorifics.contains(f)
    }
    /// Whether the folded word is a name particle ("van", "de").
    pub fn is_particle(&self, f: &str) -> bool {
        self.particles.contains(f)
    }
    /// Whether the folded word is an attribution verb ("said", "déclare").
    pub fn is_attribution(&self, f: &str) -> bool {
        self.attribution.contains(f)
    }
    /// Whether the folded word is a preposition ("volgens", "according").
    pub fn is_preposition(&self, f: &str) -> bool {
        self.prepositions.contains(f)
    }
    /// Whether the folded word marks a former title ("former", "ancien").
    pub fn is_former(&self, f: &str) -> bool {
        self.former_words.contains(f)
    }

    /// The role starting at `words[0]` (folded tokens), if any.
    pub fn role_at(&self, words: &[&str]) -> Option<RoleMatch> {
        // Only the next few words can belong to a role: callers pass the
        // rest of a paragraph, which may be a whole 10 MB line.
        let words = &words[..words.len().min(self.multi_max.max(1))];
        let first = *words.first()?;
        // An elided article or preposition: "l’échevine", "d’échevin".
        if let Some(i) = first.find('\'') {
            let rest = &first[i + 1..];
            if (1..=3).contains(&i) && !rest.is_empty() {
                let mut w: Vec<&str> = words.to_vec();
                w[0] = rest;
                if let Some(m) = self.role_at(&w) {
                    return Some(m);
                }
            }
        }
        let multi = if self.multi_first.contains(first) {
            &self.multi[..]
        } else {
            &[]
        };
        for m in multi {
            if words.len() >= m.len() && m.iter().zip(words).all(|(a, b)| a == b) {
                return Some(RoleMatch {
                    len: m.len(),
                    head: m.join(" "),
                    extra: Vec::new(),
                    former: false,
                });
            }
        }
        self.single_role(first)
            .map(|(head, extra, former)| RoleMatch {
                len: 1,
                head,
                extra,
                former,
            })
    }

    /// [`RoleTable::role_at`], remembering in `memo` (one per table) the
    /// roles of words that start no multi-word role: those depend on the
    /// word alone, and a release repeats its words.
    pub fn role_at_memo<'w>(
        &self,
        words: &[&'w str],
        memo: &mut HashMap<&'w str, Option<RoleMatch>>,
    ) -> Option<RoleMatch> {
        let first = *words.first()?;
        let alone = |w: &str| !self.multi_first.contains(w);
        let elided = first.find('\'').map(|i| &first[i + 1..]);
        if !(alone(first) && elided.is_none_or(alone)) {
            return self.role_at(words);
        }
        if let Some(m) = memo.get(first) {
            return m.clone();
        }
        let m = self.role_at(&words[..1]);
        memo.insert(first, m.clone());
        m
    }

    /// Reads one folded token as a role: listed, with a former prefix,
    /// hyphenated ("vice-president"), or a compound ("kulturstadtratin").
    fn single_role(&self, w: &str) -> Option<(String, Vec<String>, bool)> {
        if self.singles.contains(w) {
            return Some((w.to_string(), Vec::new(), false));
        }
        for p in &self.former_prefixes {
            if let Some(rest) = w.strip_prefix(p.as_str()) {
                let rest = rest.trim_start_matches('-');
                if rest.len() >= 3 {
                    if let Some((h, e, _)) = self.single_role(rest) {
                        return Some((h, e, true));
                    }
                }
            }
        }
        if w.contains('-') {
            let parts: Vec<&str> = w.split('-').filter(|p| !p.is_empty()).collect();
            if let Some((last, rest)) = parts.split_last() {
                if self.singles.contains(*last) {
                    return Some((
                        last.to_string(),
                        rest.iter().map(|s| s.to_string()).collect(),
                        false,
                    ));
                }
            }
        }
        for c in &self.compounds {
            if let Some(prefix) = w.strip_suffix(c.as_str()) {
                let prefix = prefix.trim_end_matches('-');
                if prefix.chars().count() >= 3 && !prefix.contains(' ') {
                    return Some((c.clone(), vec![prefix.to_string()], false));
                }
            }
        }
        None
    }

    /// The folded content word of a complement token, or `None` for words
    /// that carry no substance (linkers, determiners, numbers).
    pub fn content_word(&self, folded: &str) -> Option<String> {
        let w = strip_folded_elision(folded);
        let w = w
            .strip_suffix("'s")
            .unwrap_or(w)
            .trim_matches(|c: char| c == '\'' || c == '-');
        if w.is_empty()
            || w.chars().any(|c| c.is_ascii_digit())
            || self.is_stop(w)
            || self.is_linker(w)
            || self.is_conjunction(w)
            || self.is_former(w)
            || self.is_honorific(w)
        {
            return None;
        }
        Some(w.to_string())
    }

    /// Reads a written title ("Secrétaire d'État aux Relations
    /// internationales") into its head and complement, as the register needs.
    pub fn parse_title(&self, title: &str) -> Option<(String, BTreeSet<String>)> {
        let words: Vec<String> = title
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '/' | '–'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut complement = BTreeSet::new();
        let mut head = None;
        let mut k = 0;
        while k < refs.len() {
            if head.is_none() {
                if let Some(m) = self.role_at(&refs[k..]) {
                    complement.extend(m.extra.iter().cloned());
                    head = Some(m.head);
                    k += m.len;
                    continue;
                }
            }
            if let Some(c) = self.content_word(refs[k]) {
                complement.insert(c);
            }
            k += 1;
        }
        head.map(|h| (h, complement))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Callers pass the rest of the paragraph; an elided first word
    /// ("l'x") used to copy all of it, so a 10 MB single-line release took
    /// minutes (quadratic). Now each call looks at a few words only.
    #[test]
    fn role_at_costs_no_more_on_a_long_paragraph() {
        let langs = crate::lang::Languages::builtin();
        let table = RoleTable::new(langs.get("fr"), langs.common());
        let mut words: Vec<&str> = vec!["l'xyz"; 1];
        words.extend(std::iter::repeat_n("mot", 1_000_000));
        let start = std::time::Instant::now();
        for _ in 0..20_000 {
            assert!(table.role_at(&words).is_none());
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }
}
