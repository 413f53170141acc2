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
//!          add length, first condition item, end item, tags (in .aff order)
//! adds     blob offset, length, first suffix id, end id     (sorted by bytes)
//! add_ids  suffix index                                      (ascending per add)
//! conds    kind (0 any, 1 set, 2 negated set), first char, end char
//! chars    a char as u32
//! blob     UTF-8 strings
//! checksum u64 of every byte before it
//! ```
//!
//! Every read is bounds-checked: a buffer that passed the checksum but is
//! inconsistent yields no reading, never a panic.

use std::cmp::Ordering;

use super::{parse_cond, parse_flags, CondChar, Flag, Tags};

/// Bumped whenever the layout or what the parser makes of a dictionary
/// changes: an older cache file is then rebuilt.
pub(super) const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"PRLMORPH";
const SECTIONS: usize = 9;
const ENTRIES: usize = 0;
const STEMS: usize = 1;
const FLAGS: usize = 2;
const SUFFIXES: usize = 3;
const ADDS: usize = 4;
const ADD_IDS: usize = 5;
const CONDS: usize = 6;
const CHARS: usize = 7;
const BLOB: usize = 8;
/// `u32`s per record of the record sections.
const ENTRY_W: usize = 4;
const STEM_W: usize = 4;
const SUFFIX_W: usize = 9;
const ADD_W: usize = 4;
const COND_W: usize = 3;

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

/// A compiled dictionary.
pub(super) struct Table {
    bytes: Bytes,
    /// Byte ranges of the sections.
    sections: [(usize, usize); SECTIONS],
    pub has_fields: bool,
    needaffix: Option<Flag>,
}

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
        Some(Table {
            bytes,
            sections,
            has_fields: bits & 1 != 0,
            needaffix,
        })
    }

    /// A table with no entry and no rule (every word unknown).
    pub fn empty() -> Table {
        Table {
            bytes: Bytes::Owned(Vec::new()),
            sections: [(0, 0); SECTIONS],
            has_fields: false,
            needaffix: None,
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

    /// The entries whose stem is `word`.
    pub fn entries_of(&self, word: &str) -> Option<std::ops::Range<usize>> {
        self.find(STEMS, STEM_W, word.as_bytes())
            .map(|(a, b)| a..b.min(self.count(ENTRIES, ENTRY_W)))
    }

    /// The suffix rules that add `tail`, in `.aff` order.
    pub fn suffixes_adding(&self, tail: &str) -> impl Iterator<Item = u32> + '_ {
        let (a, b) = self.find(ADDS, ADD_W, tail.as_bytes()).unwrap_or((0, 0));
        (a..b).map(|i| self.get(ADD_IDS, 1, i, 0))
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
        let lo = self.get(SUFFIXES, SUFFIX_W, s as usize, 0);
        let hi = self.get(SUFFIXES, SUFFIX_W, s as usize, 1);
        Flag::from(hi) << 32 | Flag::from(lo)
    }

    /// What suffix rule `s` strips.
    pub fn suffix_strip(&self, s: u32) -> &str {
        let f = |k| self.get(SUFFIXES, SUFFIX_W, s as usize, k);
        self.str(f(2), f(3))
    }

    /// What suffix rule `s` adds.
    pub fn suffix_add(&self, s: u32) -> &str {
        let f = |k| self.get(SUFFIXES, SUFFIX_W, s as usize, k);
        self.str(f(4), f(5))
    }

    /// The tags of suffix rule `s`.
    pub fn suffix_tags(&self, s: u32) -> Tags {
        Tags(self.get(SUFFIXES, SUFFIX_W, s as usize, 8))
    }

    /// Whether the condition of suffix rule `s` holds at the end of `stem`.
    pub fn fits(&self, s: u32, stem: &str) -> bool {
        let first = self.get(SUFFIXES, SUFFIX_W, s as usize, 6) as usize;
        let end = self.get(SUFFIXES, SUFFIX_W, s as usize, 7) as usize;
        let mut chars = stem.chars().rev();
        for item in (first..end).rev() {
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
}

/// Appends `s` to the blob; its (offset, length).
fn intern(blob: &mut Vec<u8>, s: &str) -> (u32, u32) {
    let at = blob.len() as u32;
    blob.extend_from_slice(s.as_bytes());
    (at, s.len() as u32)
}

/// Compiles the text of an `.aff` and a `.dic` file into a [`Table`]
/// buffer stamped with `key`. What it reads of them is what Hunspell's
/// affix files say of suffixes (`FLAG`, `NEEDAFFIX`, `SFX`) and the
/// entries' `po:`/`is:` fields.
pub(super) fn compile(aff: &str, dic: &str, key: &str) -> Vec<u8> {
    let (mode, needaffix, suffix_lines) = super::read_aff(aff);
    let mut blob: Vec<u8> = Vec::new();
    let mut flags: Vec<Flag> = Vec::new();
    let mut conds: Vec<[u32; COND_W]> = Vec::new();
    let mut chars: Vec<u32> = Vec::new();
    let mut suffixes: Vec<[u32; SUFFIX_W]> = Vec::new();
    let mut add_of: Vec<&str> = Vec::new();
    for line in suffix_lines {
        let f: Vec<&str> = line.split_whitespace().collect();
        // The header ("SFX S. Y 2") has four fields; a rule five or more.
        if f.len() < 5 {
            continue;
        }
        let Some(&flag) = parse_flags(f[1], mode).first() else {
            continue;
        };
        let strip = if f[2] == "0" { "" } else { f[2] };
        let add = f[3].split('/').next().unwrap_or("");
        let add = if add == "0" { "" } else { add };
        let first_cond = conds.len() as u32;
        for c in parse_cond(f[4]).iter() {
            conds.push(match c {
                CondChar::Any => [0, 0, 0],
                CondChar::Set(neg, set) => {
                    let a = chars.len() as u32;
                    chars.extend(set.iter().map(|&c| c as u32));
                    [if *neg { 2 } else { 1 }, a, chars.len() as u32]
                }
            });
        }
        let (so, sl) = intern(&mut blob, strip);
        let (ao, al) = intern(&mut blob, add);
        suffixes.push([
            flag as u32,
            (flag >> 32) as u32,
            so,
            sl,
            ao,
            al,
            first_cond,
            conds.len() as u32,
            Tags::parse(f[5..].iter().copied()).0,
        ]);
        add_of.push(add);
    }
    // The adds, sorted, each with its suffix rules in .aff order.
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
        let (o, l) = intern(&mut blob, add);
        adds.push([o, l, i as u32, j as u32]);
        i = j;
    }
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
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}
