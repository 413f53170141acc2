//! Bilingual releases without marker lines: a first half in one language
//! and a second half in another, told apart by the packs' function words.
//!
//! Only a clean split counts: halves of comparable size, at least three
//! judged paragraphs (eight words or more, one language clearly ahead) on
//! each side, every judged paragraph before the split in one language and
//! every one after it in the other.
//! One stray paragraph in another language is not a half; it is left to
//! `language-mismatch`.

use super::{BlockKind, Paragraph};

/// Function-word masks of the words of a release, as written.
type Seen<'t> = foldhash::HashMap<&'t str, u64>;

/// Function words per language code, for telling halves apart.
#[derive(Debug, Clone, Default)]
pub struct FunctionWords {
    /// The language codes; bit `k` of a mask is `langs[k]` (64 at most).
    langs: Vec<String>,
    /// Each function word (and elided head such as "l'") with the bits of
    /// the languages that have it: one lookup per word instead of one per
    /// language.
    masks: foldhash::HashMap<String, u64>,
}

impl FunctionWords {
    /// From the language data (every language with a pack).
    pub fn new(langs: &crate::lang::Languages) -> Self {
        let mut codes = Vec::new();
        let mut masks: foldhash::HashMap<String, u64> = Default::default();
        for c in langs.codes() {
            let Some(w) = langs.get_exact(c) else {
                continue;
            };
            let k = codes.len();
            codes.push(c.to_string());
            if k >= 64 {
                continue;
            }
            for f in &w.lists.function_words {
                *masks.entry(f.clone()).or_default() |= 1 << k;
            }
        }
        FunctionWords {
            langs: codes,
            masks,
        }
    }

    /// (words, for each function word the languages it belongs to as bits).
    /// `seen` remembers the mask of each word as written, across the
    /// paragraphs of one release: lower-casing and lookups once per
    /// distinct word.
    fn profile<'t>(&self, text: &'t str, seen: &mut Seen<'t>) -> (usize, Vec<u64>) {
        let mut masks = Vec::new();
        let mut n = 0;
        let mut lw = String::new();
        for w in text
            .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .filter(|w| w.chars().any(char::is_alphabetic))
        {
            n += 1;
            if let Some(&mask) = seen.get(w) {
                if mask != 0 {
                    masks.push(mask);
                }
                continue;
            }
            crate::lang::lower_into(w, &mut lw);
            if lw.contains('’') {
                lw = lw.replace('’', "'");
            }
            let head = lw.find('\'').map(|i| &lw[..=i]);
            let of = |x: &str| self.masks.get(x).copied().unwrap_or(0);
            let mut mask = of(&lw);
            if let Some(h) = head {
                mask |= of(h);
            }
            seen.insert(w, mask);
            if mask != 0 {
                masks.push(mask);
            }
        }
        (n, masks)
    }

    /// Function words of `a` that are not words of `b`.
    fn distinct(masks: &[u64], a: usize, b: usize) -> usize {
        masks
            .iter()
            .filter(|&&m| m & (1 << a) != 0 && m & (1 << b) == 0)
            .count()
    }

    /// The language clearly ahead in a paragraph of eight words or more:
    /// three function words or more, and against every other language two
    /// or more that only it has, more than twice the other's own.
    fn leader<'t>(&self, text: &'t str, seen: &mut Seen<'t>) -> Option<usize> {
        let (n, masks) = self.profile(text, seen);
        if n < 8 {
            return None;
        }
        let langs = self.langs.len().min(64);
        (0..langs).find(|&a| {
            masks.iter().filter(|&&m| m & (1 << a) != 0).count() >= 3
                && (0..langs).filter(|&b| b != a).all(|b| {
                    let mine = Self::distinct(&masks, a, b);
                    mine >= 2 && mine > 2 * Self::distinct(&masks, b, a)
                })
        })
    }

    /// Whether `text` leans to language `b` rather than `a`.
    fn leans<'t>(&self, text: &'t str, a: usize, b: usize, seen: &mut Seen<'t>) -> bool {
        let (_, masks) = self.profile(text, seen);
        Self::distinct(&masks, b, a) > Self::distinct(&masks, a, b)
    }

    /// The split of an unmarked bilingual release: (index of the first
    /// paragraph of the second half, first language, second language).
    pub fn split(&self, text: &str, paras: &[Paragraph]) -> Option<(usize, String, String)> {
        if self.langs.len() < 2 {
            return None;
        }
        let mut seen = Seen::default();
        let judged: Vec<(usize, usize)> = paras
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind != BlockKind::Meta)
            .filter_map(|(i, p)| {
                self.leader(&text[p.span.clone()], &mut seen)
                    .map(|l| (i, l))
            })
            .collect();
        if judged.len() < 6 {
            return None;
        }
        let a = judged[0].1;
        let k = judged.iter().position(|&(_, l)| l != a)?;
        let b = judged[k].1;
        // Two full halves of comparable size: three judged paragraphs or
        // more each, the smaller at least 60 % of the larger (an English
        // boilerplate under a French release is not a half).
        let rest = judged.len() - k;
        if k < 3
            || rest < 3
            || 5 * k.min(rest) < 3 * k.max(rest)
            || judged[k..].iter().any(|&(_, l)| l != b)
        {
            return None;
        }
        let last_a = judged[k - 1].0;
        let first_b = judged[k].0;
        let at = (last_a + 1..first_b)
            .find(|&i| self.leans(&text[paras[i].span.clone()], a, b, &mut seen))
            .unwrap_or(first_b);
        Some((at, self.langs[a].clone(), self.langs[b].clone()))
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::lang::Languages;
    use crate::source::Source;

    fn regions(text: &str) -> Vec<(Option<String>, usize, bool)> {
        let parser = super::super::SectionParser::new(Languages::builtin());
        let doc = Document::parse(Source::new("r.txt", text), "fr", &parser);
        doc.regions()
            .iter()
            .map(|r| (r.lang.clone(), r.paras.start, r.inferred))
            .collect()
    }

    const FR: &str = "Le conseil communal a approuvé mardi le nouveau plan de mobilité de la ville.\n\nLes travaux commenceront au printemps et dureront environ six mois, selon l’échevine.\n\nLe budget total s’élève à quatre millions d’euros, dont la moitié est financée par la Région.\n\n";
    const NL: &str = "De gemeenteraad heeft dinsdag het nieuwe mobiliteitsplan van de stad goedgekeurd.\n\nDe werken beginnen in de lente en duren ongeveer zes maanden, aldus de schepen.\n\nHet totale budget bedraagt vier miljoen euro, waarvan de helft door het Gewest wordt betaald.\n";

    #[test]
    fn unmarked_halves_are_split() {
        let text = format!("Un plan de mobilité\n\n{FR}Een mobiliteitsplan voor de stad\n\n{NL}");
        assert_eq!(
            regions(&text),
            [(Some("fr".into()), 0, true), (Some("nl".into()), 4, true)]
        );
    }

    #[test]
    fn one_foreign_paragraph_or_a_short_tail_is_not_a_half() {
        let one = format!("Un plan de mobilité\n\n{FR}De werken beginnen in de lente en duren ongeveer zes maanden, aldus de schepen.\n");
        assert_eq!(regions(&one), [(None, 0, false)]);
        let tail = format!("Un plan de mobilité\n\n{FR}{FR}De werken beginnen in de lente en duren ongeveer zes maanden, aldus de schepen.\n\nHet totale budget bedraagt vier miljoen euro, waarvan de helft door het Gewest wordt betaald.\n");
        assert_eq!(regions(&tail), [(None, 0, false)]);
    }

    #[test]
    fn a_short_foreign_boilerplate_is_not_a_half() {
        let about = "About the agency\n\nThe agency manages the rivers and ponds of the region and employs eighty people.\n\nIt was founded in 1989 and has been working with the cities of the region for many years.\n\nIts offices are open to the public on weekdays, and its reports are published every year.\n";
        let text = format!("Un plan de mobilité\n\n{FR}{FR}{about}");
        assert_eq!(regions(&text), [(None, 0, false)]);
    }

    #[test]
    fn marker_lines_win() {
        let text = format!("FR\n\n{FR}NL\n\n{NL}");
        let r = regions(&text);
        assert_eq!(r.len(), 2);
        assert!(!r[0].2 && !r[1].2);
    }
}
