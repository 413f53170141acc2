//! Measures language detection by paragraph length on releases whose
//! language is known (file-name suffix; halves of bilingual releases by
//! their regions): whatlang restricted to fr/nl/en/de, the function-word
//! leader, and `language-mismatch`'s combined judgement (a finding when the
//! paragraph is declared in another language; a false positive when it is
//! declared in its own).
//!
//!     cargo run --release --example lang_accuracy -- fixtures/**/*.txt

use prlint::config::Config;
use prlint::detect;
use prlint::document::BlockKind;
use prlint::linter::{Linter, Overrides};
use prlint::rules::language_mismatch::{judge, Profile, MIN_HITS};
use prlint::source::Source;

const LENGTHS: &[usize] = &[1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 48];

#[derive(Default, Clone, Copy)]
struct Row {
    n: usize,
    wl_ok: usize,
    wl_wrong_confident: usize,
    fw_ok: usize,
    fw_wrong: usize,
    caught: usize,
    caught2: usize,
    tried: usize,
    fp: usize,
}

fn main() {
    let linter = Linter::new(&Config::default(), &Overrides::default()).expect("linter");
    let langs = linter.languages();
    let cands: Vec<String> = langs.candidates().to_vec();
    let mut rows = vec![Row::default(); LENGTHS.len()];
    let mut files = 0;
    let mut paras = 0;
    let mut whatlang_ns = 0u128;
    let mut whatlang_bytes = 0usize;
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = std::path::Path::new(&path);
        let Some(lang) = detect::from_file_name(name, &["fr", "nl", "en", "de"]).or_else(|| {
            // Corpus-style names: a two-letter prefix.
            name.file_name()
                .and_then(|n| n.to_str())
                .map(|n| n[..2].to_string())
                .filter(|l| ["fr", "nl", "en", "de"].contains(&l.as_str()))
        }) else {
            continue;
        };
        files += 1;
        let doc = linter.parse(Source::new(path.clone(), text), &lang);
        for (i, p) in doc.paragraphs().iter().enumerate() {
            if !p.kind.is_prose() && p.kind != BlockKind::Heading {
                continue;
            }
            if doc.regions().len() > 1 && doc.regions()[p.region].lang.is_none() {
                continue;
            }
            let words: Vec<&str> = p.words.clone().map(|w| doc.word_text(w)).collect();
            // The declared language, corrected by the rule's reviewed
            // findings on whole paragraphs (the deliberate foreign ones).
            let declared = doc.lang_of(i).to_string();
            let full = Profile::of_strs(words.iter().copied(), langs);
            let truth = judge(
                doc.para_text(i),
                &full,
                &[declared.as_str()],
                &cands,
                6,
                MIN_HITS,
                0.5,
            )
            .map(|(l, _)| l)
            .unwrap_or(declared);
            paras += 1;
            for (k, &len) in LENGTHS.iter().enumerate() {
                if words.len() < len {
                    break;
                }
                let end = doc.words()[p.words.start + len - 1].end();
                let t = &doc.text()[p.span.start..end];
                let prof = Profile::of_strs(words[..len].iter().copied(), langs);
                let r = &mut rows[k];
                r.n += 1;
                let t0 = std::time::Instant::now();
                let d = detect::detect(t, &cands);
                whatlang_ns += t0.elapsed().as_nanos();
                whatlang_bytes += t.len();
                match d {
                    Some((l, _)) if l == truth => r.wl_ok += 1,
                    Some((_, c)) if c >= 0.5 => r.wl_wrong_confident += 1,
                    _ => {}
                }
                match prof.leader(1) {
                    Some(l) if l == truth => r.fw_ok += 1,
                    Some(_) => r.fw_wrong += 1,
                    None => {}
                }
                let min_words = if len < 6 { 1 } else { 6 };
                if judge(t, &prof, &[truth.as_str()], &cands, min_words, 2, 0.5).is_some() {
                    r.fp += 1;
                }
                for other in cands.iter().filter(|c| **c != truth) {
                    r.tried += 1;
                    let j = |h| {
                        judge(t, &prof, &[other.as_str()], &cands, min_words, h, 0.5)
                            .is_some_and(|(l, _)| l == truth)
                    };
                    r.caught += usize::from(j(3));
                    r.caught2 += usize::from(j(2));
                }
            }
        }
    }
    println!("{files} files, {paras} paragraphs (prose and headings), first N words of each");
    println!(
        "{:>5} {:>6} {:>9} {:>11} {:>8} {:>8} {:>8} {:>8} {:>6}",
        "words",
        "paras",
        "whatlang",
        "wl wrong≥.5",
        "fw lead",
        "fw wrong",
        "caught≥3",
        "caught≥2",
        "FP≥2"
    );
    for (k, r) in rows.iter().enumerate() {
        if r.n == 0 {
            continue;
        }
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        println!(
            "{:>5} {:>6} {:>8.1}% {:>11} {:>7.1}% {:>8} {:>7.1}% {:>7.1}% {:>6}",
            LENGTHS[k],
            r.n,
            pct(r.wl_ok, r.n),
            r.wl_wrong_confident,
            pct(r.fw_ok, r.n),
            r.fw_wrong,
            pct(r.caught, r.tried),
            pct(r.caught2, r.tried),
            r.fp
        );
    }
    if whatlang_ns > 0 {
        println!(
            "whatlang: {:.1} MB/s on these prefixes",
            whatlang_bytes as f64 / (whatlang_ns as f64 / 1e9) / 1e6
        );
    }
}
