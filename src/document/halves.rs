//! Bilingual releases without marker lines: a first half in one language
//! and a second half in another, told apart by the packs' function words.
//!
//! Only a clean split counts: at least three judged paragraphs (eight words or
//! more, one language clearly ahead) on each side, every judged paragraph
//! before the split in one language and every one after it in the other.
//! One stray paragraph in another language is not a half; it is left to
//! `language-mismatch`.

use std::collections::HashSet;

use super::{BlockKind, Paragraph};

/// Function words per language code, for telling halves apart.
#[derive(Debug, Clone, Default)]
pub struct FunctionWords {
    langs: Vec<(String, HashSet<String>)>,
}

impl FunctionWords {
    /// From the language data (every language with a pack).
    pub fn new(langs: &crate::lang::Languages) -> Self {
        FunctionWords {
            langs: langs
                .codes()
                .filter_map(|c| {
                    langs.get_exact(c).map(|w| {
                        (
                            c.to_string(),
                            w.lists.function_words.iter().cloned().collect(),
                        )
                    })
                })
                .collect(),
        }
    }

    /// (words, hits per language) of a text.
    fn profile(&self, text: &str) -> (usize, Vec<usize>) {
        let mut hits = vec![0; self.langs.len()];
        let mut n = 0;
        for w in text
            .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
            .filter(|w| w.chars().any(char::is_alphabetic))
        {
            n += 1;
            let lw = w.to_lowercase().replace('’', "'");
            let head = lw.find('\'').map(|i| &lw[..=i]);
            for (k, (_, set)) in self.langs.iter().enumerate() {
                if set.contains(&lw) || head.is_some_and(|h| set.contains(h)) {
                    hits[k] += 1;
                }
            }
        }
        (n, hits)
    }

    /// The language clearly ahead in a paragraph of eight words or more.
    fn leader(&self, text: &str) -> Option<usize> {
        let (n, hits) = self.profile(text);
        if n < 8 {
            return None;
        }
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_by_key(|&k| std::cmp::Reverse(hits[k]));
        let first = *order.first()?;
        let second = order.get(1).map_or(0, |&k| hits[k]);
        (hits[first] >= 3 && hits[first] > 2 * second).then_some(first)
    }

    /// Whether `text` leans to language `b` rather than `a` (any hits).
    fn leans(&self, text: &str, a: usize, b: usize) -> bool {
        let (_, hits) = self.profile(text);
        hits[b] > hits[a]
    }

    /// The split of an unmarked bilingual release: (index of the first
    /// paragraph of the second half, first language, second language).
    pub fn split(&self, text: &str, paras: &[Paragraph]) -> Option<(usize, String, String)> {
        if self.langs.len() < 2 {
            return None;
        }
        let judged: Vec<(usize, usize)> = paras
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind != BlockKind::Meta)
            .filter_map(|(i, p)| self.leader(&text[p.span.clone()]).map(|l| (i, l)))
            .collect();
        if judged.len() < 6 {
            return None;
        }
        let a = judged[0].1;
        let k = judged.iter().position(|&(_, l)| l != a)?;
        let b = judged[k].1;
        // Two full halves: three judged paragraphs or more each, the second
        // at least a third of the release.
        let rest = judged.len() - k;
        if k < 3 || rest < 3 || 3 * rest < judged.len() || judged[k..].iter().any(|&(_, l)| l != b)
        {
            return None;
        }
        let last_a = judged[k - 1].0;
        let first_b = judged[k].0;
        let at = (last_a + 1..first_b)
            .find(|&i| self.leans(&text[paras[i].span.clone()], a, b))
            .unwrap_or(first_b);
        Some((at, self.langs[a].0.clone(), self.langs[b].0.clone()))
    }
}
