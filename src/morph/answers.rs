//! Answers of compiled dictionaries about words, remembered across the
//! releases a thread checks: a run of many small releases asks about the
//! same words again and again, and an analysis or a lookup tries every
//! affix rule that could end the word.

use std::sync::Arc;

use foldhash::HashMap;

use super::Morph;

/// The answers of one set of dictionaries.
type Set<V> = (Vec<Arc<Morph>>, HashMap<Box<str>, V>);

/// Remembered answers, by the dictionaries asked (compared by identity:
/// the memo holds them, so their addresses are not reused while it is
/// kept) and word. Bounded: a set of answers is emptied when it reaches
/// [`Answers::MAX`] words, and the sets when there are more than
/// [`Answers::MAX_SETS`] of them.
pub struct Answers<V> {
    sets: Vec<Set<V>>,
}

impl<V> Default for Answers<V> {
    fn default() -> Self {
        Answers { sets: Vec::new() }
    }
}

impl<V: Clone> Answers<V> {
    /// Words kept per set of dictionaries before the set is emptied.
    pub const MAX: usize = 1 << 16;
    /// Sets of dictionaries kept (a run has a few: one per language).
    pub const MAX_SETS: usize = 8;

    /// `ask()`, the answer of the dictionaries `tables` about `word`,
    /// remembered.
    pub fn get(&mut self, tables: &[Arc<Morph>], word: &str, ask: impl FnOnce() -> V) -> V {
        let same = |ts: &[Arc<Morph>]| {
            ts.len() == tables.len() && ts.iter().zip(tables).all(|(a, b)| Arc::ptr_eq(a, b))
        };
        let k = match self.sets.iter().position(|(ts, _)| same(ts)) {
            Some(k) => k,
            None => {
                if self.sets.len() >= Self::MAX_SETS {
                    self.sets.clear();
                }
                self.sets.push((tables.to_vec(), HashMap::default()));
                self.sets.len() - 1
            }
        };
        let answers = &mut self.sets[k].1;
        if let Some(v) = answers.get(word) {
            return v.clone();
        }
        let v = ask();
        if answers.len() >= Self::MAX {
            answers.clear();
        }
        answers.insert(word.into(), v.clone());
        v
    }

    /// Number of words remembered, all sets together.
    pub fn len(&self) -> usize {
        self.sets.iter().map(|(_, a)| a.len()).sum()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n";

    #[test]
    fn remembered_per_set_of_dictionaries_and_bounded() {
        let a = Arc::new(Morph::parse(AFF, "1\nchat/S\n"));
        let b = Arc::new(Morph::parse(AFF, "1\nchien/S\n"));
        let mut memo: Answers<usize> = Answers::default();
        let asked = std::cell::Cell::new(0);
        let ask = |memo: &mut Answers<usize>, ts: &[Arc<Morph>], w: &str| {
            memo.get(ts, w, || {
                asked.set(asked.get() + 1);
                ts.iter().map(|m| m.analyse(w).len()).sum()
            })
        };
        let (ta, tb, tab) = ([a.clone()], [b.clone()], [a.clone(), b.clone()]);
        assert_eq!(ask(&mut memo, &ta, "chats"), 1);
        assert_eq!(ask(&mut memo, &ta, "chats"), 1);
        assert_eq!(ask(&mut memo, &ta, "chiens"), 0);
        // Another dictionary, or another set: asked again.
        assert_eq!(ask(&mut memo, &tb, "chiens"), 1);
        assert_eq!(ask(&mut memo, &tab, "chiens"), 1);
        assert_eq!(ask(&mut memo, &tab, "chats"), 1);
        assert_eq!(ask(&mut memo, &ta, "chiens"), 0);
        assert_eq!(asked.get(), 5);
        assert_eq!(memo.len(), 5);
        // An equal dictionary loaded twice is another one.
        let a2 = Arc::new(Morph::parse(AFF, "1\nchat/S\n"));
        assert_eq!(ask(&mut memo, &[a2], "chats"), 1);
        assert_eq!(asked.get(), 6);
        // Bounded in words and in sets.
        let mut m: Answers<usize> = Answers::default();
        for i in 0..Answers::<usize>::MAX + 3 {
            m.get(&ta, &format!("w{i}"), || i);
        }
        assert_eq!(m.len(), 3);
        let many: Vec<Arc<Morph>> = (0..Answers::<usize>::MAX_SETS + 1)
            .map(|_| Arc::new(Morph::parse(AFF, "1\nchat/S\n")))
            .collect();
        let mut m: Answers<usize> = Answers::default();
        for t in &many {
            m.get(std::slice::from_ref(t), "chat", || 1);
        }
        assert_eq!(m.len(), 1);
    }
}
