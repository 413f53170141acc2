//! The compiled form of a dictionary's morphology: one byte buffer, read
//! in place (no parsing, no hash map to build), so a process that finds it
//! in the cache pays for a file read and a checksum only.
//!
//! Layout (integers little-endian; every section a run of `u32`s except
//! the flags, `u64`s, and the string blob):
//!
//! ```text
//! header   magic "PRLMORPH", FORMAT_VERSION u32, bits u32 (has_fields,
//!          has_needaffix), needaffix u64, key length u32, key bytes,
//!          SECTIONS × (offset u32, length in bytes u32)
//! entries  stem index, first flag, end flag, tags           (sorted by stem)
//! stems    blob offset, length, first entry, end entry      (sorted by bytes)
//! flags    u64
//! suffixes flag low, flag high, strip offset, strip length, add offset,
//!          add length, first condition item, end item, tags, first
//!          continuation flag, end flag, bits (1 cross product, 2 some
//!          affix's continuation names this one's flag, 4 its own makes
//!          the word compound-only or in need of another affix)
//!                                                            (in .aff order)
//! adds     blob offset, length, first suffix id, end id     (sorted by bytes)
//! add_ids  suffix index                                      (ascending per add)
//! conds    kind (0 any, 1 set, 2 negated set), first char, end char
//! chars    a char as u32
//! blob     UTF-8 strings
//! prefixes as suffixes (the condition reads the start of the stem)
//! padds    as adds, for prefixes
//! padd_ids as add_ids, for prefixes
//! iconv    from offset, from length, to offset, to length   (.aff order)
//! special  u64 FORBIDDENWORD flag, u64 ONLYINCOMPOUND flag (u64::MAX: none)
//! checksum u64 of every byte before it
//! ```
//!
//! Every read is bounds-checked: a buffer that passed the checksum but is
//! inconsistent yields no reading, never a panic.

use std::cmp::Ordering;

use super::{parse_cond, parse_flags, CondChar, Flag, Tags};

/// Bumped whenever the layout or what the parser makes of a dictionary
/// changes: an older cache file is then rebuilt.
pub(super) const FORMAT_VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"PRLMORPH";
const SECTIONS: usize = 14;
const ENTRIES: usize = 0;
const STEMS: usize = 1;
const FLAGS: usize = 2;
const SUFFIXES: usize = 3;
const ADDS: usize = 4;
const ADD_IDS: usize = 5;
const CONDS: usize = 6;
const CHARS: usize = 7;
const BLOB: usize = 8;
const PREFIXES: usize = 9;
const PADDS: usize = 10;
const PADD_IDS: usize = 11;
const ICONV: usize = 12;
const SPECIAL: usize = 13;
/// `u32`s per record of the record sections.
const ENTRY_W: usize = 4;
const STEM_W: usize = 4;
const SUFFIX_W: usize = 12;
const ADD_W: usize = 4;
const COND_W: usize = 3;
const ICONV_W: usize = 4;

/// The bytes of a compiled dictionary: compiled in this process, or the
/// cache file mapped into memory (only the pages a lookup touches are
/// read from the page cache; nothing is copied).
pub(super) enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes::Owned(v)
    }
}

/// The stem searches of the last word asked (see [`Table::stem_reach`]),
/// for the next word to resume from.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    /// For the word asked, for the stems under a second suffix, and for
    /// the words under a prefix.
    chains: [Chain; 3],
}

/// One stem search: the word, and for each char read the range of stems
/// starting with the word up to that char.
#[derive(Debug, Clone, Default)]
struct Chain {
    word: Vec<u8>,
    /// (end of the start in bytes, first stem, end stem).
    ranges: Vec<(usize, usize, usize)>,
}

/// A compiled dictionary.
pub(super) struct Table {
    bytes: Bytes,
    /// Byte ranges of the sections.
    sections: [(usize, usize); SECTIONS],
    pub has_fields: bool,
    needaffix: Option<Flag>,
    /// `FORBIDDENWORD` and `ONLYINCOMPOUND` (`Flag::MAX`: none).
    special: [Flag; 2],
    /// The `ICONV` pairs, read once.
    iconv: Vec<(Box<str>, Box<str>)>,
    /// Whether a byte starts one of the pairs' `from`.
    iconv_first: [bool; 256],
    /// The longest add of a suffix rule and of a prefix rule, in bytes.
    longest_add: [usize; 2],
    /// The adds of suffix and prefix rules by their bytes, with the range
    /// of their rule ids: built on first use (a hash lookup per tail
    /// instead of a binary search).
    add_index: [std::sync::OnceLock<AddIndex>; 2],
}

type AddIndex = std::collections::HashMap<Box<[u8]>, (usize, usize), foldhash::fast::RandomState>;

/// A 64-bit checksum, four lanes wide (fast on a few megabytes).
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut lanes = [K, K ^ 1, K ^ 2, K ^ 3];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&c[i * 8..i * 8 + 8]);
            *lane = (*lane ^ u64::from_le_bytes(w))
                .wrapping_mul(K)
                .rotate_left(29);
        }
    }
    let mut h = bytes.len() as u64;
    for lane in lanes {
        h = (h ^ lane).wrapping_mul(K).rotate_left(31);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    let mut w = [0u8; 8];
    w.copy_from_slice(b);
    Some(u64::from_le_bytes(w))
}

impl Table {
    /// Reads a compiled buffer; `None` unless its magic, version, key and
    /// checksum all match (a stale, truncated or corrupt file).
    pub fn from_bytes(bytes: impl Into<Bytes>, key: &str) -> Option<Table> {
        let bytes: Bytes = bytes.into();
        let body = bytes.len().checked_sub(8)?;
        if bytes.get(..8)? != MAGIC || u32_at(&bytes, 8)? != FORMAT_VERSION {
            return None;
        }
        if u64_at(&bytes, body)? != checksum(&bytes[..body]) {
            return None;
        }
        let bits = u32_at(&bytes, 12)?;
        let needaffix = (bits & 2 != 0).then_some(u64_at(&bytes, 16)?);
        let key_len = u32_at(&bytes, 24)? as usize;
        let key_end = 28usize.checked_add(key_len)?;
        if bytes.get(28..key_end)? != key.as_bytes() {
            return None;
        }
        let mut sections = [(0, 0); SECTIONS];
        for (i, s) in sections.iter_mut().enumerate() {
            let off = u32_at(&bytes, key_end + i * 8)? as usize;
            let len = u32_at(&bytes, key_end + i * 8 + 4)? as usize;
            if off.checked_add(len)? > body {
                return None;
            }
            *s = (off, len);
        }
        let mut t = Table {
            bytes,
            sections,
            has_fields: bits & 1 != 0,
            needaffix,
            special: [Flag::MAX; 2],
            iconv: Vec::new(),
            iconv_first: [false; 256],
            longest_add: [0; 2],
            add_index: Default::default(),
        };
        let (off, _) = t.sections[SPECIAL];
        t.special = [u64_at(&t.bytes, off)?, u64_at(&t.bytes, off + 8)?];
        t.iconv = (0..t.count(ICONV, ICONV_W))
            .map(|i| {
                let f = |k| t.get(ICONV, ICONV_W, i, k);
                (t.str(f(0), f(1)).into(), t.str(f(2), f(3)).into())
            })
            .filter(|(from, _): &(Box<str>, Box<str>)| !from.is_empty())
            .collect();
        for (from, _) in &t.iconv {
            t.iconv_first[usize::from(from.as_bytes()[0])] = true;
        }
        t.longest_add = [ADDS, PADDS].map(|sec| {
            (0..t.count(sec, ADD_W))
                .map(|i| t.get(sec, ADD_W, i, 1) as usize)
                .max()
                .unwrap_or(0)
        });
        Some(t)
    }

    /// A table with no entry and no rule (every word unknown).
    pub fn empty() -> Table {
        Table {
            bytes: Bytes::Owned(Vec::new()),
            sections: [(0, 0); SECTIONS],
            has_fields: false,
            needaffix: None,
            special: [Flag::MAX; 2],
            iconv: Vec::new(),
            iconv_first: [false; 256],
            longest_add: [0; 2],
            add_index: Default::default(),
        }
    }

    /// The number of records of a section.
    fn count(&self, section: usize, width: usize) -> usize {
        self.sections[section].1 / (4 * width)
    }

    /// Field `field` of record `i` of a `u32` section (0 when out of range).
    fn get(&self, section: usize, width: usize, i: usize, field: usize) -> u32 {
        let (off, len) = self.sections[section];
        let at = (i * width + field) * 4;
        if at + 4 > len {
            return 0;
        }
        u32_at(&self.bytes, off + at).unwrap_or(0)
    }

    /// Bytes `off..off + len` of the blob.
    fn blob(&self, off: u32, len: u32) -> &[u8] {
        let (start, size) = self.sections[BLOB];
        let (off, len) = (off as usize, len as usize);
        if off + len > size {
            return &[];
        }
        &self.bytes[start + off..start + off + len]
    }

    fn str(&self, off: u32, len: u32) -> &str {
        std::str::from_utf8(self.blob(off, len)).unwrap_or("")
    }

    fn flag(&self, i: usize) -> Flag {
        let (off, len) = self.sections[FLAGS];
        if (i + 1) * 8 > len {
            return Flag::MAX;
        }
        u64_at(&self.bytes, off + i * 8).unwrap_or(Flag::MAX)
    }

    /// Binary search of a sorted string section (`stems`, `adds`) for
    /// `key`: the range its record points at.
    fn find(&self, section: usize, width: usize, key: &[u8]) -> Option<(usize, usize)> {
        let (mut lo, mut hi) = (0, self.count(section, width));
        while lo < hi {
            let mid = (lo + hi) / 2;
            let s = self.blob(
                self.get(section, width, mid, 0),
                self.get(section, width, mid, 1),
            );
            match s.cmp(key) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => {
                    return Some((
                        self.get(section, width, mid, 2) as usize,
                        self.get(section, width, mid, 3) as usize,
                    ))
                }
            }
        }
        None
    }

    /// The length of the longest start of `w` (at a char boundary) that
    /// some stem starts with: no entry can make `w` by suffixes changing
    /// it before that point. Stems are sorted by bytes, so a binary search
    /// per length, stopping at the first start no stem has.
    fn stem_reach(&self, w: &str, memo: &mut Chain) -> usize {
        let stem =
            |i: usize| self.blob(self.get(STEMS, STEM_W, i, 0), self.get(STEMS, STEM_W, i, 1));
        // Resume after the longest start shared with the last word.
        let common = memo
            .word
            .iter()
            .zip(w.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let kept = memo.ranges.partition_point(|&(end, _, _)| end <= common);
        memo.ranges.truncate(kept);
        memo.word.clear();
        memo.word.extend_from_slice(w.as_bytes());
        // The stems starting with the part of `w` read so far: a range
        // that narrows with each char.
        let (reach, mut lo, mut hi) = match memo.ranges.last() {
            Some(&r) => r,
            None => (0, 0, self.count(STEMS, STEM_W)),
        };
        for (k, c) in w[reach..].char_indices() {
            let head = &w.as_bytes()[..reach + k + c.len_utf8()];
            let first = lo + partition(hi - lo, |i| stem(lo + i) < head);
            if first == hi || !stem(first).starts_with(head) {
                break;
            }
            hi = first + partition(hi - first, |i| stem(first + i).starts_with(head));
            lo = first;
            memo.ranges.push((head.len(), lo, hi));
        }
        memo.ranges.last().map_or(0, |r| r.0)
    }

    /// The stems that start like a word up to byte `at`, from the word's
    /// stem search `ranges` (all stems for a boundary it lacks, as 0).
    fn stems_under(&self, ranges: &[(usize, usize, usize)], at: usize) -> (usize, usize) {
        match ranges.binary_search_by_key(&at, |r| r.0) {
            Ok(i) => (ranges[i].1, ranges[i].2),
            Err(_) => (0, self.count(STEMS, STEM_W)),
        }
    }

    /// [`Table::entries_of`], searching only stems `lo..hi` (those known
    /// to start like `word`).
    fn entries_among(&self, lo: usize, hi: usize, word: &str) -> Option<std::ops::Range<usize>> {
        let key = word.as_bytes();
        let stem =
            |i: usize| self.blob(self.get(STEMS, STEM_W, i, 0), self.get(STEMS, STEM_W, i, 1));
        let i = lo + partition(hi.saturating_sub(lo), |k| stem(lo + k) < key);
        (i < hi && stem(i) == key).then(|| {
            let a = self.get(STEMS, STEM_W, i, 2) as usize;
            let b = self.get(STEMS, STEM_W, i, 3) as usize;
            a..b.min(self.count(ENTRIES, ENTRY_W))
        })
    }

    /// The entries whose stem is `word`.
    pub fn entries_of(&self, word: &str) -> Option<std::ops::Range<usize>> {
        self.find(STEMS, STEM_W, word.as_bytes())
            .map(|(a, b)| a..b.min(self.count(ENTRIES, ENTRY_W)))
    }

    /// The suffix rules that add `tail`, in `.aff` order.
    pub fn suffixes_adding(&self, tail: &str) -> impl Iterator<Item = u32> + '_ {
        let (a, b) = self.adding(0, tail);
        (a..b).map(|i| self.get(ADD_IDS, 1, i, 0))
    }

    /// The range of rule ids (in `add_ids` or `padd_ids`) of the suffix
    /// (`kind` 0) or prefix (1) rules that add `s`.
    fn adding(&self, kind: usize, s: &str) -> (usize, usize) {
        if s.len() > self.longest_add[kind] {
            return (0, 0);
        }
        let section = [ADDS, PADDS][kind];
        let index = self.add_index[kind].get_or_init(|| {
            (0..self.count(section, ADD_W))
                .map(|i| {
                    let f = |k| self.get(section, ADD_W, i, k);
                    (
                        Box::from(self.blob(f(0), f(1))),
                        (f(2) as usize, f(3) as usize),
                    )
                })
                .collect()
        });
        index.get(s.as_bytes()).copied().unwrap_or((0, 0))
    }

    /// The number of suffix rules.
    pub fn suffix_count(&self) -> u32 {
        self.count(SUFFIXES, SUFFIX_W) as u32
    }

    /// The tags of entry `e`.
    pub fn entry_tags(&self, e: u32) -> Tags {
        Tags(self.get(ENTRIES, ENTRY_W, e as usize, 3))
    }

    /// The stem of entry `e`.
    pub fn entry_stem(&self, e: u32) -> &str {
        let s = self.get(ENTRIES, ENTRY_W, e as usize, 0) as usize;
        self.str(self.get(STEMS, STEM_W, s, 0), self.get(STEMS, STEM_W, s, 1))
    }

    /// Whether entry `e` carries `flag`.
    pub fn entry_has(&self, e: u32, flag: Flag) -> bool {
        let a = self.get(ENTRIES, ENTRY_W, e as usize, 1) as usize;
        let b = self.get(ENTRIES, ENTRY_W, e as usize, 2) as usize;
        (a..b).any(|i| self.flag(i) == flag)
    }

    /// Whether entry `e` may stand alone (no `NEEDAFFIX` flag).
    pub fn entry_alone(&self, e: u32) -> bool {
        self.needaffix.is_none_or(|n| !self.entry_has(e, n))
    }

    /// The flag of suffix rule `s`.
    pub fn suffix_flag(&self, s: u32) -> Flag {
        self.affix_flag(SUFFIXES, s)
    }

    /// What suffix rule `s` strips.
    pub fn suffix_strip(&self, s: u32) -> &str {
        self.affix_str(SUFFIXES, s, 2)
    }

    /// What suffix rule `s` adds.
    pub fn suffix_add(&self, s: u32) -> &str {
        self.affix_str(SUFFIXES, s, 4)
    }

    /// The tags of suffix rule `s`.
    pub fn suffix_tags(&self, s: u32) -> Tags {
        Tags(self.get(SUFFIXES, SUFFIX_W, s as usize, 8))
    }

    fn affix_flag(&self, section: usize, a: u32) -> Flag {
        let lo = self.get(section, SUFFIX_W, a as usize, 0);
        let hi = self.get(section, SUFFIX_W, a as usize, 1);
        Flag::from(hi) << 32 | Flag::from(lo)
    }

    /// The string at fields `k`, `k + 1` (offset, length) of affix `a`.
    fn affix_str(&self, section: usize, a: u32, k: usize) -> &str {
        let f = |k| self.get(section, SUFFIX_W, a as usize, k);
        self.str(f(k), f(k + 1))
    }

    /// Whether affix `a`'s continuation class holds `flag`.
    fn continues(&self, section: usize, a: u32, flag: Flag) -> bool {
        let first = self.get(section, SUFFIX_W, a as usize, 9) as usize;
        let end = self.get(section, SUFFIX_W, a as usize, 10) as usize;
        (first..end).any(|i| self.flag(i) == flag)
    }

    /// Bits of affix `a`: 1 cross product, 2 named by a continuation class.
    fn affix_bits(&self, section: usize, a: u32) -> u32 {
        self.get(section, SUFFIX_W, a as usize, 11)
    }

    /// Whether the condition of suffix rule `s` holds at the end of `stem`.
    pub fn fits(&self, s: u32, stem: &str) -> bool {
        let first = self.get(SUFFIXES, SUFFIX_W, s as usize, 6) as usize;
        let end = self.get(SUFFIXES, SUFFIX_W, s as usize, 7) as usize;
        self.cond_holds((first..end).rev(), stem.chars().rev())
    }

    /// Whether the condition of prefix rule `p` holds at the start of `stem`.
    fn prefix_fits(&self, p: u32, stem: &str) -> bool {
        let first = self.get(PREFIXES, SUFFIX_W, p as usize, 6) as usize;
        let end = self.get(PREFIXES, SUFFIX_W, p as usize, 7) as usize;
        self.cond_holds(first..end, stem.chars())
    }

    /// Whether the condition items match the chars, one for one.
    fn cond_holds(
        &self,
        items: impl Iterator<Item = usize>,
        mut chars: impl Iterator<Item = char>,
    ) -> bool {
        for item in items {
            let Some(ch) = chars.next() else {
                return false;
            };
            let kind = self.get(CONDS, COND_W, item, 0);
            if kind == 0 {
                continue;
            }
            let a = self.get(CONDS, COND_W, item, 1) as usize;
            let b = self.get(CONDS, COND_W, item, 2) as usize;
            let inside = (a..b).any(|c| self.get(CHARS, 1, c, 0) == ch as u32);
            if inside == (kind == 2) {
                return false;
            }
        }
        true
    }

    /// The prefix rules that add `head`, in `.aff` order.
    fn prefixes_adding(&self, head: &str) -> impl Iterator<Item = u32> + '_ {
        let (a, b) = self.adding(1, head);
        (a..b).map(|i| self.get(PADD_IDS, 1, i, 0))
    }

    /// Whether entry `e` is a word outside compounds (not forbidden, not
    /// only part of a compound).
    fn entry_usable(&self, e: u32) -> bool {
        self.special
            .iter()
            .all(|&f| f == Flag::MAX || !self.entry_has(e, f))
    }

    /// `word` as the dictionary writes it (its `ICONV` replacements, the
    /// longest first where several start at the same place).
    fn convert<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        if self.iconv.is_empty() {
            return word.into();
        }
        // Allocated at the first replacement only.
        let mut out: Option<String> = None;
        let mut at = 0;
        while at < word.len() {
            let rest = &word[at..];
            let best = self
                .iconv
                .iter()
                .filter(|_| self.iconv_first[usize::from(rest.as_bytes()[0])])
                .filter(|(from, _)| rest.starts_with(&**from))
                .max_by_key(|(from, _)| from.len());
            match best {
                Some((from, to)) => {
                    out.get_or_insert_with(|| word[..at].to_string())
                        .push_str(to);
                    at += from.len();
                }
                None => {
                    let c = rest.chars().next().map_or(1, char::len_utf8);
                    if let Some(o) = out.as_mut() {
                        o.push_str(&rest[..c]);
                    }
                    at += c;
                }
            }
        }
        out.map_or(word.into(), Into::into)
    }

    /// Whether the dictionary accepts `word` as written, as Hunspell would
    /// outside compounds: an entry alone, or with one or two suffixes
    /// (the outer one named by the inner one's continuation class), a
    /// prefix, or a prefix and a suffix that combine. Over-accepts only
    /// where Hunspell's rarer constraints apply (`CIRCUMFIX`, an affix
    /// that itself needs another): never rejects what the rules make.
    pub fn knows(&self, word: &str, memo: &mut Memo) -> bool {
        let w = self.convert(word);
        let w = w.as_ref();
        if w.is_empty() {
            return false;
        }
        let alone = |stem: &str| {
            self.entries_of(stem).is_some_and(|mut ids| {
                ids.any(|id| self.entry_usable(id as u32) && self.entry_alone(id as u32))
            })
        };
        let [top, inner, under] = &mut memo.chains;
        let reach = self.stem_reach(w, top);
        if (reach == w.len() && alone(w)) || self.by_suffix(w, &top.ranges, inner, &mut |_, _| true)
        {
            return true;
        }
        // A prefix: on an entry, or on an entry with a suffix.
        let heads = w.char_indices().skip(1).map(|(k, _)| k);
        for k in heads.take_while(|&k| k <= self.longest_add[1]) {
            for p in self.prefixes_adding(&w[..k]) {
                if self.affix_bits(PREFIXES, p) & 4 != 0 {
                    continue;
                }
                let mut rest = String::from(self.affix_str(PREFIXES, p, 2));
                rest.push_str(&w[k..]);
                if !self.prefix_fits(p, &rest) {
                    continue;
                }
                let pf = self.affix_flag(PREFIXES, p);
                let has = |id: usize| {
                    let id = id as u32;
                    self.entry_usable(id) && self.entry_has(id, pf)
                };
                if self.entries_of(&rest).is_some_and(|mut ids| ids.any(has)) {
                    return true;
                }
                let cross = self.affix_bits(PREFIXES, p) & 1 != 0;
                let combines = |e: u32, s: u32| {
                    (cross && self.affix_bits(SUFFIXES, s) & 1 != 0 && self.entry_has(e, pf))
                        || self.continues(SUFFIXES, s, pf)
                        || (self.entry_has(e, pf)
                            && self.continues(PREFIXES, p, self.suffix_flag(s)))
                };
                self.stem_reach(&rest, under);
                if self.by_suffix(&rest, &under.ranges, inner, &mut |e, s| combines(e, s)) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether `w` is an entry with one suffix, or two (the outer one
    /// named by the inner one's continuation class), for which `ok(entry,
    /// suffix)` holds (the suffix next to the entry).
    ///
    /// `ranges`: the stem search of `w` ([`Table::stem_reach`], its end
    /// the reach). An entry is `w[..j]` and more
    /// for some `j <= reach`: one suffix starts at or before `reach`, an
    /// outer suffix of two at most the longest add after it.
    fn by_suffix(
        &self,
        w: &str,
        ranges: &[(usize, usize, usize)],
        inner: &mut Chain,
        ok: &mut dyn FnMut(u32, u32) -> bool,
    ) -> bool {
        let reach = ranges.last().map_or(0, |r| r.0);
        // The stems starting with `w[..at]` (a boundary within reach).
        let under = |at: usize| self.stems_under(ranges, at);
        let longest = self.longest_add[0];
        if reach + 2 * longest < w.len() {
            return false;
        }
        let mut stem = String::new();
        // The entries of each stem tried at this boundary, by what the rule
        // strips (many rules add the same ending and strip the same).
        let mut tried: Vec<(&str, Option<std::ops::Range<usize>>)> = Vec::new();
        let bounds = w.char_indices().map(|(i, _)| i).chain([w.len()]);
        // Only the tails no longer than the longest add can be a suffix.
        for at in bounds.filter(|&at| w.len() - at <= longest && at <= reach + longest) {
            tried.clear();
            for r in self.suffixes_adding(&w[at..]) {
                let bits = self.affix_bits(SUFFIXES, r);
                let two = bits & 2 != 0;
                if bits & 4 != 0 || (at > reach && !two) {
                    continue;
                }
                let strip = self.suffix_strip(r);
                if at == 0 && strip.is_empty() {
                    continue;
                }
                let flag = self.suffix_flag(r);
                if at <= reach {
                    let ids = match tried.iter().find(|(s, _)| *s == strip) {
                        Some((_, ids)) => ids.clone(),
                        None => {
                            stem.clear();
                            stem.push_str(&w[..at]);
                            stem.push_str(strip);
                            let (lo, hi) = under(at);
                            let ids = self.entries_among(lo, hi, &stem);
                            tried.push((strip, ids.clone()));
                            ids
                        }
                    };
                    let mut fits = None;
                    for id in ids.into_iter().flatten() {
                        let id = id as u32;
                        if self.entry_usable(id)
                            && self.entry_has(id, flag)
                            && *fits.get_or_insert_with(|| self.fits(r, self.entry_stem(id)))
                            && ok(id, r)
                        {
                            return true;
                        }
                    }
                }
                if !two {
                    continue;
                }
                stem.clear();
                stem.push_str(&w[..at]);
                stem.push_str(strip);
                if !self.fits(r, &stem) {
                    continue;
                }
                // Two suffixes: `stem` is itself an entry and an inner
                // suffix whose continuation class holds `flag`.
                // (The inner suffix starts within `reach` and is no
                // longer than the longest add.)
                // Past the reach, `stem` starts like `w` up to the reach
                // and no further: `w`'s search serves.
                if two
                    && (at <= reach || reach + longest >= stem.len())
                    && self.inner_suffix(&stem, flag, (at > reach).then_some(ranges), inner, ok)
                {
                    return true;
                }
            }
        }
        false
    }

    /// Whether `w` is an entry with a suffix whose continuation class
    /// holds `outer`.
    ///
    /// `known`: the stem search of a word `w` starts like up to its reach
    /// (the word under the outer suffix, when that suffix starts past its
    /// reach); otherwise `w`'s own is made in `chain`.
    fn inner_suffix(
        &self,
        w: &str,
        outer: Flag,
        known: Option<&[(usize, usize, usize)]>,
        chain: &mut Chain,
        ok: &mut dyn FnMut(u32, u32) -> bool,
    ) -> bool {
        let ranges = match known {
            Some(r) => r,
            None => {
                self.stem_reach(w, chain);
                &chain.ranges
            }
        };
        let reach = ranges.last().map_or(0, |r| r.0);
        let under = |at: usize| self.stems_under(ranges, at);
        let mut stem = String::new();
        let bounds = w.char_indices().map(|(i, _)| i).chain([w.len()]);
        for at in bounds
            .take_while(|&at| at <= reach)
            .filter(|&at| w.len() - at <= self.longest_add[0])
        {
            for r in self.suffixes_adding(&w[at..]) {
                if self.affix_bits(SUFFIXES, r) & 4 != 0 || !self.continues(SUFFIXES, r, outer) {
                    continue;
                }
                stem.clear();
                stem.push_str(&w[..at]);
                stem.push_str(self.suffix_strip(r));
                if stem.is_empty() || !self.fits(r, &stem) {
                    continue;
                }
                let flag = self.suffix_flag(r);
                let (lo, hi) = under(at);
                if let Some(ids) = self.entries_among(lo, hi, &stem) {
                    for id in ids {
                        let id = id as u32;
                        if self.entry_usable(id) && self.entry_has(id, flag) && ok(id, r) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }
}

/// The first `i` in `0..n` for which `pred` is false (`pred` true on a
/// start of the range, false on the rest).
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Appends `s` to the blob; its (offset, length).
fn intern(blob: &mut Vec<u8>, s: &str) -> (u32, u32) {
    let at = blob.len() as u32;
    blob.extend_from_slice(s.as_bytes());
    (at, s.len() as u32)
}

/// The growing pools the records of a compiled table point into.
struct Pools<'p> {
    blob: &'p mut Vec<u8>,
    flags: &'p mut Vec<Flag>,
    conds: &'p mut Vec<[u32; COND_W]>,
    chars: &'p mut Vec<u32>,
}

/// The records of the affix rules in `lines` (`SFX` or `PFX`), and what
/// each adds.
fn affix_records<'a>(
    lines: &[&'a str],
    aff: &super::Aff<'a>,
    p: &mut Pools<'_>,
) -> (Vec<[u32; SUFFIX_W]>, Vec<&'a str>) {
    let mut records: Vec<[u32; SUFFIX_W]> = Vec::new();
    let mut add_of: Vec<&str> = Vec::new();
    for &line in lines {
        let f: Vec<&str> = line.split_whitespace().collect();
        // The header ("SFX S. Y 2") has four fields; a rule five or more.
        if f.len() < 5 {
            continue;
        }
        let Some(&flag) = parse_flags(f[1], aff.mode).first() else {
            continue;
        };
        let strip = if f[2] == "0" { "" } else { f[2] };
        let (add, cont) = f[3].split_once('/').unwrap_or((f[3], ""));
        let add = if add == "0" { "" } else { add };
        let first_cond = p.conds.len() as u32;
        for c in parse_cond(f[4]).iter() {
            p.conds.push(match c {
                CondChar::Any => [0, 0, 0],
                CondChar::Set(neg, set) => {
                    let a = p.chars.len() as u32;
                    p.chars.extend(set.iter().map(|&c| c as u32));
                    [if *neg { 2 } else { 1 }, a, p.chars.len() as u32]
                }
            });
        }
        let (so, sl) = intern(p.blob, strip);
        let (ao, al) = intern(p.blob, add);
        let c0 = p.flags.len() as u32;
        p.flags.extend(parse_flags(cont, aff.mode));
        records.push([
            flag as u32,
            (flag >> 32) as u32,
            so,
            sl,
            ao,
            al,
            first_cond,
            p.conds.len() as u32,
            Tags::parse(f[5..].iter().copied()).0,
            c0,
            p.flags.len() as u32,
            u32::from(aff.cross.contains(&flag)),
        ]);
        add_of.push(add);
    }
    (records, add_of)
}

/// The distinct adds of affix rules, sorted, each with its rules in
/// `.aff` order: the `adds` records and the rule ids they point into.
fn index_adds(add_of: &[&str], blob: &mut Vec<u8>) -> (Vec<[u32; ADD_W]>, Vec<u32>) {
    let mut by_add: Vec<u32> = (0..add_of.len() as u32).collect();
    by_add.sort_by(|&a, &b| add_of[a as usize].cmp(add_of[b as usize]).then(a.cmp(&b)));
    let mut adds: Vec<[u32; ADD_W]> = Vec::new();
    let mut i = 0;
    while i < by_add.len() {
        let add = add_of[by_add[i] as usize];
        let mut j = i;
        while j < by_add.len() && add_of[by_add[j] as usize] == add {
            j += 1;
        }
        let (o, l) = intern(blob, add);
        adds.push([o, l, i as u32, j as u32]);
        i = j;
    }
    (adds, by_add)
}

/// Compiles the text of an `.aff` and a `.dic` file into a [`Table`]
/// buffer stamped with `key`. What it reads of them is what Hunspell's
/// affix files say of affixes (`FLAG`, `NEEDAFFIX`, `FORBIDDENWORD`,
/// `ONLYINCOMPOUND`, `SFX`, `PFX` with their continuation classes,
/// `ICONV`) and the entries' `po:`/`is:` fields; compounding is not read.
pub(super) fn compile(aff: &str, dic: &str, key: &str) -> Vec<u8> {
    let aff = super::read_aff(aff);
    let mode = aff.mode;
    let needaffix = aff.needaffix;
    let mut blob: Vec<u8> = Vec::new();
    let mut flags: Vec<Flag> = Vec::new();
    let mut conds: Vec<[u32; COND_W]> = Vec::new();
    let mut chars: Vec<u32> = Vec::new();
    let mut pools = Pools {
        blob: &mut blob,
        flags: &mut flags,
        conds: &mut conds,
        chars: &mut chars,
    };
    let (mut suffixes, suffix_adds) = affix_records(&aff.suffix_lines, &aff, &mut pools);
    let (mut prefixes, prefix_adds) = affix_records(&aff.prefix_lines, &aff, &mut pools);
    // Mark the affixes whose flag some continuation class names.
    let continued: std::collections::HashSet<Flag> = suffixes
        .iter()
        .chain(&prefixes)
        .flat_map(|r| flags[r[9] as usize..r[10] as usize].iter().copied())
        .collect();
    // And those whose continuation class makes the word part of a
    // compound only, or in need of yet another affix.
    let bars: Vec<Flag> = [aff.only_in_compound, aff.needaffix]
        .into_iter()
        .flatten()
        .collect();
    for r in suffixes.iter_mut().chain(prefixes.iter_mut()) {
        let flag = Flag::from(r[1]) << 32 | Flag::from(r[0]);
        if continued.contains(&flag) {
            r[11] |= 2;
        }
        if flags[r[9] as usize..r[10] as usize]
            .iter()
            .any(|f| bars.contains(f))
        {
            r[11] |= 4;
        }
    }
    let (adds, by_add) = index_adds(&suffix_adds, &mut blob);
    let (padds, by_padd) = index_adds(&prefix_adds, &mut blob);
    let iconv: Vec<[u32; ICONV_W]> = aff
        .iconv
        .iter()
        .map(|(from, to)| {
            let (fo, fl) = intern(&mut blob, from);
            let (to, tl) = intern(&mut blob, to);
            [fo, fl, to, tl]
        })
        .collect();
    // The entries, in .dic order, then grouped by stem (a stable sort keeps
    // that order within a stem).
    let mut lines: Vec<(&str, Vec<Flag>, Tags)> = Vec::new();
    let mut has_fields = false;
    for (word, fl, tags) in super::read_dic(dic, mode) {
        has_fields |= tags.0 != 0;
        lines.push((word, fl, tags));
    }
    lines.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut entries: Vec<[u32; ENTRY_W]> = Vec::with_capacity(lines.len());
    let mut stems: Vec<[u32; STEM_W]> = Vec::new();
    for (i, (word, fl, tags)) in lines.iter().enumerate() {
        if stems.is_empty() || lines[i - 1].0 != *word {
            let (o, l) = intern(&mut blob, word);
            stems.push([o, l, i as u32, i as u32]);
        }
        let s = stems.len() - 1;
        stems[s][3] = i as u32 + 1;
        let f0 = flags.len() as u32;
        flags.extend_from_slice(fl);
        entries.push([s as u32, f0, flags.len() as u32, tags.0]);
    }

    let mut out: Vec<u8> = Vec::with_capacity(blob.len() + 16 * entries.len() * 3);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let bits = u32::from(has_fields) | if needaffix.is_some() { 2 } else { 0 };
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&needaffix.unwrap_or(0).to_le_bytes());
    out.extend_from_slice(&(key.len() as u32).to_le_bytes());
    out.extend_from_slice(key.as_bytes());
    let table_at = out.len();
    out.resize(table_at + SECTIONS * 8, 0);
    let put = |out: &mut Vec<u8>, section: usize, data: &mut dyn Iterator<Item = u8>| {
        let start = out.len();
        out.extend(data);
        let at = table_at + section * 8;
        out[at..at + 4].copy_from_slice(&(start as u32).to_le_bytes());
        let len = (out.len() - start) as u32;
        out[at + 4..at + 8].copy_from_slice(&len.to_le_bytes());
    };
    fn words<const W: usize>(v: &[[u32; W]]) -> impl Iterator<Item = u8> + '_ {
        v.iter().flatten().flat_map(|w| w.to_le_bytes())
    }
    put(&mut out, ENTRIES, &mut words(&entries));
    put(&mut out, STEMS, &mut words(&stems));
    put(
        &mut out,
        FLAGS,
        &mut flags.iter().flat_map(|f| f.to_le_bytes()),
    );
    put(&mut out, SUFFIXES, &mut words(&suffixes));
    put(&mut out, ADDS, &mut words(&adds));
    put(
        &mut out,
        ADD_IDS,
        &mut by_add.iter().flat_map(|w| w.to_le_bytes()),
    );
    put(&mut out, CONDS, &mut words(&conds));
    put(
        &mut out,
        CHARS,
        &mut chars.iter().flat_map(|w| w.to_le_bytes()),
    );
    put(&mut out, BLOB, &mut blob.iter().copied());
    put(&mut out, PREFIXES, &mut words(&prefixes));
    put(&mut out, PADDS, &mut words(&padds));
    put(
        &mut out,
        PADD_IDS,
        &mut by_padd.iter().flat_map(|w| w.to_le_bytes()),
    );
    put(&mut out, ICONV, &mut words(&iconv));
    let special = [aff.forbidden, aff.only_in_compound].map(|f| f.unwrap_or(Flag::MAX));
    put(
        &mut out,
        SPECIAL,
        &mut special.iter().flat_map(|f| f.to_le_bytes()),
    );
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}
