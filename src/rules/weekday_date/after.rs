//! What may follow a weekday ("mardi 12 mars 2026", "Tuesday, March 10",
//! "vendredi 12 au dimanche 14 mars", "Di., 10.03.2026"), matched by a small
//! backtracking matcher with exactly the semantics of the anchored regex it
//! replaces (the tests keep that regex as the reference and compare them):
//! alternatives in order, greedy repetitions, Unicode simple case folding,
//! `\s` as Unicode white space, `\b` Unicode after month names and ASCII where
//! the regex said `(?-u:\b)`. Compiling that regex (four alternations of some
//! 150 month names under case folding) cost as much as the rest of the rule's
//! run on a release; the matcher needs no compilation.

use foldhash::HashMap;

/// The capture groups of the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Day, month, year: day first.
    D,
    M,
    Y,
    /// Month first (US order).
    D2,
    M2,
    Y2,
    /// A range whose end carries the month ("12 au 14 mars").
    D3,
    M3,
    Y3,
    /// Numeric, with ".", "/" or "-".
    D4,
    M4,
    Y4,
    D5,
    M5,
    Y5,
    D6,
    M6,
    Y6,
}

const GROUPS: usize = 18;

/// One element of the grammar.
#[derive(Debug, Clone)]
enum Node {
    /// A literal, case-insensitive.
    Lit(Vec<char>),
    /// The first alternative (a sequence) that lets the rest match.
    Alt(Vec<Vec<Node>>),
    /// Greedy `{min,max}` ASCII digits.
    Digits(usize, usize),
    /// Greedy `\s+`.
    Spaces,
    /// `(?-u:\b)`.
    AsciiBoundary,
    /// `\b` (Unicode).
    WordBoundary,
    /// A capture group.
    Cap(Group, Vec<Node>),
}

fn lit(s: &str) -> Node {
    Node::Lit(s.chars().collect())
}

fn alt(v: Vec<Vec<Node>>) -> Node {
    Node::Alt(v)
}

/// `x?`: greedy.
fn opt(v: Vec<Node>) -> Node {
    Node::Alt(vec![v, vec![]])
}

/// Alternation of literals.
fn lits(words: &[&str]) -> Node {
    alt(words.iter().map(|w| vec![lit(w)]).collect())
}

/// The rest of the grammar after the current sequence.
enum Cont<'a> {
    /// The end of the grammar.
    Done,
    /// A sequence, then the rest.
    Then(&'a [Node], &'a Cont<'a>),
    /// The end of a capture group that started at the offset, then the rest.
    Close(Group, usize, &'a Cont<'a>),
}

/// The matcher: the grammar and the case-folding orbits of its letters.
#[derive(Debug, Clone)]
pub struct After {
    grammar: Vec<Node>,
    orbits: HashMap<char, Vec<char>>,
}

/// The spans of a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captures {
    /// End of the whole match (it starts at 0).
    pub end: usize,
    groups: [Option<(usize, usize)>; GROUPS],
}

impl Captures {
    /// The span of group `g`, if it took part in the match.
    pub fn get(&self, g: Group) -> Option<std::ops::Range<usize>> {
        self.groups[g as usize].map(|(a, b)| a..b)
    }
}

fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn collect_chars(nodes: &[Node], out: &mut Vec<char>) {
    for n in nodes {
        match n {
            Node::Lit(cs) => out.extend(cs),
            Node::Alt(v) => v.iter().for_each(|s| collect_chars(s, out)),
            Node::Cap(_, s) => collect_chars(s, out),
            _ => {}
        }
    }
}

impl After {
    /// The grammar for these weekday names and month names (`name` ends at a
    /// word boundary, `abbr.` at its full stop), both lower-case and in the
    /// regex's order (longest first).
    pub fn new(weekdays: &[String], months: &[String]) -> After {
        let sp = || Node::Spaces;
        let art = || opt(vec![lits(&["le", "den", "dem", "der", "the", "op"]), sp()]);
        let suffix = || {
            opt(vec![lits(&[
                "er", "re", "ers", "st", "nd", "rd", "th", "ste", "de", "e", ".",
            ])])
        };
        let mo = || {
            alt(months
                .iter()
                .map(|m| match m.strip_suffix('.') {
                    Some(_) => vec![lit(m)],
                    None => vec![lit(m), Node::WordBoundary],
                })
                .collect())
        };
        let wd = || alt(weekdays.iter().map(|w| vec![lit(w)]).collect());
        let conn = || {
            alt(vec![
                vec![lit("au")],
                vec![lit("à")],
                vec![lit("et")],
                vec![lit("jusqu'au")],
                vec![lit("jusqu’au")],
                vec![lit("tot"), opt(vec![sp(), lit("en"), sp(), lit("met")])],
                vec![lit("t/m")],
                vec![lit("en")],
                vec![lit("bis")],
                vec![lit("und")],
                vec![lit("to")],
                vec![lit("and")],
                vec![lit("through")],
                vec![lit("until")],
                vec![lit("till")],
                vec![lits(&["-", "–", "—"])],
            ])
        };
        let cap = |g: Group, v: Vec<Node>| Node::Cap(g, v);
        let d12 = || Node::Digits(1, 2);
        let year4 = |g: Group| vec![cap(g, vec![Node::Digits(4, 4)]), Node::AsciiBoundary];
        let numeric = |sep: &str, d: Group, m: Group, y: Group| {
            vec![
                cap(d, vec![d12()]),
                lit(sep),
                cap(m, vec![d12()]),
                lit(sep),
                cap(
                    y,
                    vec![alt(vec![
                        vec![Node::Digits(4, 4)],
                        vec![Node::Digits(2, 2)],
                    ])],
                ),
                Node::AsciiBoundary,
            ]
        };
        let mut day_first = vec![cap(Group::D, vec![d12()]), suffix(), sp()];
        day_first.push(opt(vec![lit("of"), sp()]));
        day_first.push(cap(Group::M, vec![mo()]));
        day_first.push(opt([
            vec![opt(vec![lit(".")]), opt(vec![lit(",")]), sp()],
            year4(Group::Y),
        ]
        .concat()));
        let month_first = vec![
            cap(Group::M2, vec![mo()]),
            sp(),
            cap(Group::D2, vec![d12()]),
            opt(vec![lits(&["st", "nd", "rd", "th"])]),
            Node::AsciiBoundary,
            opt([vec![opt(vec![lit(",")]), sp()], year4(Group::Y2)].concat()),
        ];
        let range = vec![
            cap(Group::D3, vec![d12()]),
            suffix(),
            sp(),
            conn(),
            sp(),
            art(),
            opt(vec![wd(), Node::AsciiBoundary, opt(vec![lit(",")]), sp()]),
            d12(),
            suffix(),
            sp(),
            cap(Group::M3, vec![mo()]),
            opt([
                vec![opt(vec![lit(".")]), opt(vec![lit(",")]), sp()],
                year4(Group::Y3),
            ]
            .concat()),
        ];
        let grammar = vec![
            opt(vec![lit(".")]),
            opt(vec![lit(",")]),
            sp(),
            art(),
            alt(vec![
                day_first,
                month_first,
                range,
                numeric(".", Group::D4, Group::M4, Group::Y4),
                numeric("/", Group::D5, Group::M5, Group::Y5),
                numeric("-", Group::D6, Group::M6, Group::Y6),
            ]),
        ];
        let mut chars = Vec::new();
        collect_chars(&grammar, &mut chars);
        let orbits = crate::dates::fold_orbits(chars.into_iter());
        After { grammar, orbits }
    }

    /// The match at the start of `s`, if any.
    pub fn captures(&self, s: &str) -> Option<Captures> {
        let mut groups = [None; GROUPS];
        let end = self.seq(s, &self.grammar, &Cont::Done, 0, &mut groups)?;
        Some(Captures { end, groups })
    }

    fn rest(
        &self,
        s: &str,
        cont: &Cont,
        i: usize,
        g: &mut [Option<(usize, usize)>; GROUPS],
    ) -> Option<usize> {
        match cont {
            Cont::Done => Some(i),
            Cont::Then(nodes, next) => self.seq(s, nodes, next, i, g),
            Cont::Close(group, start, next) => {
                let saved = g[*group as usize];
                g[*group as usize] = Some((*start, i));
                let r = self.rest(s, next, i, g);
                if r.is_none() {
                    g[*group as usize] = saved;
                }
                r
            }
        }
    }

    /// Matches `nodes` then `cont` at `i`, first success in priority order.
    fn seq(
        &self,
        s: &str,
        nodes: &[Node],
        cont: &Cont,
        i: usize,
        g: &mut [Option<(usize, usize)>; GROUPS],
    ) -> Option<usize> {
        let Some((first, tail)) = nodes.split_first() else {
            return self.rest(s, cont, i, g);
        };
        let b = s.as_bytes();
        match first {
            Node::Lit(cs) => {
                let mut end = i;
                let mut chars = s[i..].chars();
                for &p in cs {
                    let t = chars.next()?;
                    if t != p && !self.orbits.get(&p).is_some_and(|o| o.contains(&t)) {
                        return None;
                    }
                    end += t.len_utf8();
                }
                self.seq(s, tail, cont, end, g)
            }
            Node::Alt(alts) => {
                let next = Cont::Then(tail, cont);
                for a in alts {
                    let saved = *g;
                    if let Some(e) = self.seq(s, a, &next, i, g) {
                        return Some(e);
                    }
                    *g = saved;
                }
                None
            }
            Node::Digits(min, max) => {
                let n = b[i..]
                    .iter()
                    .take(*max)
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                (*min..=n)
                    .rev()
                    .find_map(|k| self.seq(s, tail, cont, i + k, g))
            }
            Node::Spaces => {
                let mut ends = Vec::new();
                let mut e = i;
                for c in s[i..].chars() {
                    if !c.is_whitespace() {
                        break;
                    }
                    e += c.len_utf8();
                    ends.push(e);
                }
                ends.into_iter()
                    .rev()
                    .find_map(|e| self.seq(s, tail, cont, e, g))
            }
            Node::AsciiBoundary => {
                let before = i > 0 && is_ascii_word(b[i - 1]);
                let after = i < b.len() && is_ascii_word(b[i]);
                if before == after {
                    return None;
                }
                self.seq(s, tail, cont, i, g)
            }
            Node::WordBoundary => {
                let w = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
                if w(s[..i].chars().next_back()) == w(s[i..].chars().next()) {
                    return None;
                }
                self.seq(s, tail, cont, i, g)
            }
            Node::Cap(group, inner) => {
                let next = Cont::Then(tail, cont);
                let close = Cont::Close(*group, i, &next);
                self.seq(s, inner, &close, i, g)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ALL: [Group; GROUPS] = [
        Group::D,
        Group::M,
        Group::Y,
        Group::D2,
        Group::M2,
        Group::Y2,
        Group::D3,
        Group::M3,
        Group::Y3,
        Group::D4,
        Group::M4,
        Group::Y4,
        Group::D5,
        Group::M5,
        Group::Y5,
        Group::D6,
        Group::M6,
        Group::Y6,
    ];
    const NAMES: [&str; GROUPS] = [
        "d", "m", "y", "d2", "m2", "y2", "d3", "m3", "y3", "d4", "m4", "y4", "d5", "m5", "y5",
        "d6", "m6", "y6",
    ];

    fn lists() -> (Vec<String>, Vec<String>) {
        let wd = ["dimanche", "vendredi", "tuesday", "samstag", "lundi", "di"];
        let mo = [
            "décembre",
            "december",
            "dezember",
            "januari",
            "février",
            "august",
            "march",
            "mars",
            "märz",
            "août",
            "juin",
            "june",
            "mei",
            "mai",
            "may",
            "déc.",
            "sept.",
            "jan.",
            "ſep.",
        ];
        (
            wd.iter().map(|s| s.to_string()).collect(),
            mo.iter().map(|s| s.to_string()).collect(),
        )
    }

    /// The regex the matcher replaces, built as the rule built it.
    fn reference(wd: &[String], months: &[String]) -> regex::Regex {
        let wd = wd
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        let mo = months
            .iter()
            .map(|m| {
                if m.ends_with('.') {
                    regex::escape(m)
                } else {
                    format!(r"{}\b", regex::escape(m))
                }
            })
            .collect::<Vec<_>>()
            .join("|");
        let sp = r"[\s\u{a0}\u{202f}]+";
        let art = r"(?:(?:le|den|dem|der|the|op)[\s\u{a0}\u{202f}]+)?";
        let suffix = r"(?:er|re|ers|st|nd|rd|th|ste|de|e|\.)?";
        let conn = r"(?:au|à|et|jusqu'au|jusqu’au|tot(?:[\s\u{a0}\u{202f}]+en[\s\u{a0}\u{202f}]+met)?|t/m|en|bis|und|to|and|through|until|till|[-–—])";
        let year = r"(?:\.?,?[\s\u{a0}\u{202f}]+(?P<y>[0-9]{4})(?-u:\b))?";
        let after = [
            format!(r"(?i)^\.?,?{sp}{art}(?:"),
            format!(r"(?P<d>[0-9]{{1,2}}){suffix}{sp}(?:of{sp})?(?P<m>{mo}){year}"),
            format!(r"|(?P<m2>{mo}){sp}(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?{sp}(?P<y2>[0-9]{{4}})(?-u:\b))?"),
            format!(r"|(?P<d3>[0-9]{{1,2}}){suffix}{sp}{conn}{sp}{art}(?:(?:{wd})(?-u:\b),?{sp})?[0-9]{{1,2}}{suffix}{sp}(?P<m3>{mo})(?:\.?,?{sp}(?P<y3>[0-9]{{4}})(?-u:\b))?"),
            r"|(?P<d4>[0-9]{1,2})\.(?P<m4>[0-9]{1,2})\.(?P<y4>[0-9]{4}|[0-9]{2})(?-u:\b)".to_string(),
            r"|(?P<d5>[0-9]{1,2})/(?P<m5>[0-9]{1,2})/(?P<y5>[0-9]{4}|[0-9]{2})(?-u:\b)".to_string(),
            r"|(?P<d6>[0-9]{1,2})-(?P<m6>[0-9]{1,2})-(?P<y6>[0-9]{4}|[0-9]{2})(?-u:\b)".to_string(),
            ")".to_string(),
        ]
        .concat();
        regex::Regex::new(&after).unwrap()
    }

    fn same(s: &str) {
        let (wd, mo) = lists();
        let a = After::new(&wd, &mo);
        let re = reference(&wd, &mo);
        let mine = a.captures(s);
        let theirs = re.captures(s);
        assert_eq!(
            mine.as_ref().map(|c| c.end),
            theirs.as_ref().map(|c| c.get(0).unwrap().end()),
            "{s:?}"
        );
        if let (Some(m), Some(t)) = (mine, theirs) {
            for (g, n) in ALL.iter().zip(NAMES) {
                assert_eq!(m.get(*g), t.name(n).map(|x| x.range()), "{s:?} group {n}");
            }
        }
    }

    #[test]
    fn dates_after_a_weekday() {
        for s in [
            " 12 mars 2026",
            ", 12 MARS, 2026",
            " le 1er décembre",
            ", March 10, 2026",
            " 12 au dimanche 14 mars 2026",
            " 12 tot en met 14 mei",
            " 12 t/m 14 mei",
            " 12 – 14 juin",
            " 10.03.2026",
            " 10/03/26",
            " 10-03-2026",
            " 10-03-2026x",
            " 12 déc. 2025",
            " 12 ſep. 2025",
            " 3rd of june",
            " 12 marsupial",
            " 12 mars2026",
            "\u{a0}12\u{202f}août",
            " the 12th of may",
            " mai 5th, 2026",
            "12 mars",
            "",
        ] {
            same(s);
        }
        let (wd, mo) = lists();
        let a = After::new(&wd, &mo);
        let c = a.captures(" 12 mars 2026").unwrap();
        assert_eq!(c.get(Group::D), Some(1..3));
        assert_eq!(c.get(Group::Y), Some(9..13));
        assert!(a.captures(" mardi").is_none());
    }

    proptest! {
        #[test]
        fn same_as_the_regex(parts in prop::collection::vec(
            prop::sample::select(vec![
                " ", "  ", "\u{a0}", ".", ",", "12", "1", "3", "123", "2026", "26", "/", "-", "–",
                "er", "ERS", "st", "ſt", "th", "e", "de", "of", "le", "the", "au", "à", "tot",
                " en met", "t/m", "to", "mars", "MARS", "märz", "MÄRZ", "décembre", "déc.", "déc",
                "sept.", "ſep.", "mai", "may", "june", "juin", "août", "dimanche", "di", "x", "é",
                "_", "lundi",
            ]),
            0..12,
        )) {
            same(&parts.concat());
        }
    }
}
