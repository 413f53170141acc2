//! Weekday names as whole words ("jeudi", "Thursday"), found by a byte scan
//! with exactly the semantics of the regex `(?i-u)\b(?:NAMES)\b` it replaces
//! for ASCII names (the tests keep that regex as the reference): ASCII case
//! folding, ASCII word boundaries, the longest name first where one is the
//! beginning of another. Compiling that regex was a twentieth of a
//! one-release run.

use std::ops::Range;

/// Whether `b` is an ASCII word byte (`(?-u:\w)`).
fn word(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// The names, searched as whole words.
#[derive(Debug, Clone)]
pub struct Names {
    /// Lower-cased names, longest first (the regex's alternation order).
    names: Vec<Vec<u8>>,
    /// By first byte (either case), the names that begin with it, in that
    /// order (only they can match there).
    by_first: Vec<Vec<usize>>,
    /// Whether every name begins with a word byte (the packs' names): a
    /// match then starts only where a word does, and the scan jumps from
    /// word to word.
    word_initial: bool,
    /// Whether each name is made of word bytes only: such a name matches
    /// only a word of its length (a boundary must follow its last byte).
    all_word: Vec<bool>,
}

impl Names {
    /// The finder of `names`, or `None` when a name is not ASCII (the
    /// caller then keeps a Unicode regex).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a String>) -> Option<Names> {
        let mut v: Vec<Vec<u8>> = Vec::new();
        for n in names {
            if !n.is_ascii() || n.is_empty() {
                return None;
            }
            v.push(n.to_ascii_lowercase().into_bytes());
        }
        v.sort_by_key(|n| std::cmp::Reverse(n.len()));
        v.dedup();
        let mut by_first = vec![Vec::new(); 256];
        for (i, n) in v.iter().enumerate() {
            by_first[n[0].to_ascii_lowercase() as usize].push(i);
            if n[0].is_ascii_alphabetic() {
                by_first[n[0].to_ascii_uppercase() as usize].push(i);
            }
        }
        let word_initial = v.iter().all(|n| word(n.first()));
        let all_word = v.iter().map(|n| n.iter().all(|b| word(Some(b)))).collect();
        Some(Names {
            names: v,
            by_first,
            word_initial,
            all_word,
        })
    }

    /// The name at `at` with a word boundary on each side, if any.
    fn at(&self, s: &[u8], at: usize) -> Option<usize> {
        let before = at.checked_sub(1).and_then(|i| s.get(i));
        if word(before) == word(s.get(at)) {
            return None;
        }
        let first = *s.get(at)?;
        self.by_first[first as usize].iter().find_map(|&i| {
            let n = &self.names[i];
            let end = at + n.len();
            let cand = s.get(at..end)?;
            (cand.eq_ignore_ascii_case(n) && word(s.get(end - 1)) != word(s.get(end)))
                .then_some(end)
        })
    }

    /// The names in `s`, in order, not overlapping (byte ranges).
    pub fn find_iter(&self, s: &str) -> Vec<Range<usize>> {
        if self.word_initial {
            return self.find_at_word_starts(s);
        }
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !self.by_first[b[i] as usize].is_empty() {
                if let Some(end) = self.at(b, i) {
                    out.push(i..end);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// [`Names::find_iter`] when every name begins with a word byte: a
    /// match needs a boundary before its first byte, so only the first
    /// byte of a run of word bytes is tried.
    fn find_at_word_starts(&self, s: &str) -> Vec<Range<usize>> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !word(b.get(i)) {
                i += 1;
                continue;
            }
            // `i` starts a word (the byte before is none or not a word byte).
            let mut run = i + 1;
            while word(b.get(run)) {
                run += 1;
            }
            if let Some(end) = self.at_word_start(b, i, run - i) {
                out.push(i..end);
                i = end;
                continue;
            }
            i = run;
        }
        out
    }

    /// [`Names::at`] where a word of `len` bytes starts: a name of word
    /// bytes only is tried when it is that long.
    fn at_word_start(&self, s: &[u8], at: usize, len: usize) -> Option<usize> {
        self.by_first[usize::from(s[at])].iter().find_map(|&i| {
            let n = &self.names[i];
            if self.all_word[i] && n.len() != len {
                return None;
            }
            let end = at + n.len();
            let cand = s.get(at..end)?;
            (cand.eq_ignore_ascii_case(n) && word(s.get(end - 1)) != word(s.get(end)))
                .then_some(end)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Names;
    use proptest::prelude::*;

    const NAMES: [&str; 9] = [
        "lundi", "mardi", "jeudi", "di", "dinsdag", "dienstag", "sun", "sunday", "mo.",
    ];

    fn names() -> Vec<String> {
        NAMES.iter().map(|s| s.to_string()).collect()
    }

    /// The regex the finder replaces, built as `weekday_date` built it.
    fn oracle(s: &str) -> Vec<std::ops::Range<usize>> {
        let mut v: Vec<String> = names().iter().map(|w| regex::escape(w)).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let re = regex::Regex::new(&format!(r"(?i-u)\b(?:{})\b", v.join("|"))).unwrap();
        re.find_iter(s).map(|m| m.range()).collect()
    }

    fn same(s: &str) {
        let n = Names::new(&names()).unwrap();
        assert!(n.word_initial);
        assert_eq!(n.find_iter(s), oracle(s), "{s:?}");
    }

    /// `oracle` for any list of names.
    fn oracle_of(names: &[String], s: &str) -> Vec<std::ops::Range<usize>> {
        let mut v: Vec<String> = names.iter().map(|w| regex::escape(w)).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let re = regex::Regex::new(&format!(r"(?i-u)\b(?:{})\b", v.join("|"))).unwrap();
        re.find_iter(s).map(|m| m.range()).collect()
    }

    #[test]
    fn a_name_that_begins_with_a_mark_is_searched_everywhere() {
        let odd: Vec<String> = ["-mo", "di", ".x"].iter().map(|s| s.to_string()).collect();
        let n = Names::new(&odd).unwrap();
        assert!(!n.word_initial);
        for s in ["a-mo di", "x-mo.x di.x", "-mo", "a.x", "dí-mo"] {
            assert_eq!(n.find_iter(s), oracle_of(&odd, s), "{s:?}");
            // The word-start scan would miss "a-mo": a match inside a word.
        }
        assert_eq!(n.find_iter("a-mo"), vec![1..4]);
    }

    #[test]
    fn cases() {
        for s in [
            "",
            "Namur, ce jeudi 12 mars",
            "JEUDI, Lundi et mardi",
            "lundis, xjeudi, jeudi_ jeudi1 éjeudi jeudié",
            "Sunday sun sunday's SUNDAYS",
            "di dinsdag Dienstag di.",
            "mo. mo.x mo.. (mo.) Mo.1",
            "ſunday \u{212a}",
        ] {
            same(s);
        }
        assert!(Names::new(&["mañana".to_string()]).is_none());
    }

    proptest! {
        #[test]
        fn same_as_the_regex(parts in prop::collection::vec(
            prop::sample::select(vec![
                "lundi", "LUNDI", "jeudi", "di", "Di", "dins", "dinsdag", "dienstag", "sun", "SUNday",
                "mo", "mo.", ".", " ", "_", "1", "é", "x", "s", "\n", "'",
            ]),
            0..10,
        )) {
            same(&parts.concat());
        }
    }
}
