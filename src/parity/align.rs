//! Paragraph alignment of two language versions, by document structure
//! and shared anchors, not by translation.
//!
//! A dynamic programme over the two paragraph sequences (Gale–Church
//! style) allows one paragraph to match one, two paragraphs to match one
//! (a version that splits a paragraph in two) and a paragraph to match
//! none. Two paragraphs score high when they sit in the same kind of
//! section, play the same role, share anchors (figures, dates, names…)
//! and have comparable lengths.

use std::collections::HashMap;

use crate::document::{BlockKind, Document, SectionKind};

use super::anchors::{Anchors, Key};

/// One aligned group: paragraphs of the first version and of the second
/// (either side may be empty: a paragraph with no counterpart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Paragraph indices in the first version.
    pub a: Vec<usize>,
    /// Paragraph indices in the second version.
    pub b: Vec<usize>,
}

/// The alignment of two versions.
#[derive(Debug, Default)]
pub struct Alignment {
    /// The groups, in text order.
    pub groups: Vec<Group>,
    /// The group of each aligned paragraph of the first version.
    pub of_a: HashMap<usize, usize>,
    /// The group of each aligned paragraph of the second version.
    pub of_b: HashMap<usize, usize>,
}

/// What the aligner knows of one paragraph.
struct Item {
    para: usize,
    kind: BlockKind,
    section: SectionKind,
    chars: usize,
    keys: Vec<String>,
}

/// The paragraphs that take part: all but front matter, comments and end marks.
fn items(doc: &Document, anchors: &Anchors) -> Vec<Item> {
    let mut keys: HashMap<usize, Vec<String>> = HashMap::new();
    for a in &anchors.list {
        let k = match &a.key {
            Key::Num(v) => format!("n{:?}", v.first()),
            Key::Date(_, m, d) => format!("d{m}-{d}"),
            Key::Time(t) => format!("t{t}"),
            Key::Text(t) => format!("{:?}{t}", a.kind),
        };
        keys.entry(a.para).or_default().push(k);
    }
    doc.paragraphs()
        .iter()
        .enumerate()
        .filter(|(_, p)| !matches!(p.kind, BlockKind::Meta | BlockKind::EndMark))
        .map(|(i, p)| {
            let mut k = keys.remove(&i).unwrap_or_default();
            k.sort();
            k.dedup();
            Item {
                para: i,
                kind: p.kind,
                section: doc.section_kind(i),
                chars: doc.para_text(i).chars().count().max(1),
                keys: k,
            }
        })
        .collect()
}

/// Cost of leaving a paragraph without counterpart.
const SKIP: f64 = 1.2;
/// Cost of joining two paragraphs against one.
const MERGE: f64 = 0.6;

fn similarity(a: &[&Item], b: &[&Item]) -> f64 {
    let mut score = 0.0;
    let (sa, sb) = (a[0].section, b[0].section);
    if sa != sb {
        let front_body = matches!(
            (sa, sb),
            (SectionKind::Front, SectionKind::Body) | (SectionKind::Body, SectionKind::Front)
        );
        score -= if front_body { 1.0 } else { 3.0 };
    }
    let (ka, kb) = (a[0].kind, b[0].kind);
    if ka == kb {
        score += 0.5;
    } else if (ka == BlockKind::Heading) != (kb == BlockKind::Heading) {
        score -= 1.0;
    }
    let chars = |g: &[&Item]| g.iter().map(|i| i.chars).sum::<usize>() as f64;
    let ratio = (chars(a) / chars(b)).ln().abs();
    score += 1.5 - 2.0 * ratio;
    fn keys<'a>(g: &[&'a Item]) -> Vec<&'a String> {
        let mut v: Vec<&String> = g.iter().flat_map(|i| &i.keys).collect();
        v.sort();
        v.dedup();
        v
    }
    let (xa, xb) = (keys(a), keys(b));
    let shared = xa.iter().filter(|k| xb.contains(k)).count() as f64;
    let only = (xa.len() + xb.len()) as f64 - 2.0 * shared;
    score += 2.0 * shared - 0.5 * only;
    score
}

/// Aligns the paragraphs of two versions.
pub fn align(da: &Document, aa: &Anchors, db: &Document, ab: &Anchors) -> Alignment {
    let a = items(da, aa);
    let b = items(db, ab);
    let (n, m) = (a.len(), b.len());
    // best[i][j]: the best score of aligning a[..i] with b[..j]; how: the move.
    let w = m + 1;
    let mut best = vec![f64::NEG_INFINITY; (n + 1) * w];
    let mut how = vec![(0u8, 0u8); (n + 1) * w];
    best[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = best[i * w + j];
            if here == f64::NEG_INFINITY {
                continue;
            }
            let mut relax = |di: usize, dj: usize, gain: f64| {
                let (ni, nj) = (i + di, j + dj);
                if ni <= n && nj <= m && here + gain > best[ni * w + nj] {
                    best[ni * w + nj] = here + gain;
                    how[ni * w + nj] = (di as u8, dj as u8);
                }
            };
            relax(1, 0, -SKIP);
            relax(0, 1, -SKIP);
            if i < n && j < m {
                relax(1, 1, similarity(&[&a[i]], &[&b[j]]));
                if j + 1 < m {
                    relax(1, 2, similarity(&[&a[i]], &[&b[j], &b[j + 1]]) - MERGE);
                }
                if i + 1 < n {
                    relax(2, 1, similarity(&[&a[i], &a[i + 1]], &[&b[j]]) - MERGE);
                }
            }
        }
    }
    let mut groups = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = how[i * w + j];
        let (di, dj) = (usize::from(di), usize::from(dj));
        if di == 0 && dj == 0 {
            break;
        }
        groups.push(Group {
            a: a[i - di..i].iter().map(|x| x.para).collect(),
            b: b[j - dj..j].iter().map(|x| x.para).collect(),
        });
        i -= di;
        j -= dj;
    }
    groups.reverse();
    let mut out = Alignment {
        groups,
        ..Default::default()
    };
    for (g, grp) in out.groups.iter().enumerate() {
        for &p in &grp.a {
            out.of_a.insert(p, g);
        }
        for &p in &grp.b {
            out.of_b.insert(p, g);
        }
    }
    out
}
