//! A random-input driver that runs on stable Rust in every `cargo test`
//! (the cargo-fuzz target needs nightly): random and mutated releases, in
//! UTF-8 (with and without BOM), UTF-16 LE/BE and Windows-1252, some with
//! bytes that are not valid in their encoding, go through the library the
//! way `prlint check --fix` goes (decode, lint, fix until stable, encode),
//! and the fixed bytes are fixed a second time. Checked on every case:
//!
//! - no panic;
//! - every reported offset (diagnostic, label and fix edit), mapped to the
//!   file, lies inside the file's bytes on character boundaries, and the
//!   bytes there decode to the text the span names;
//! - a lossily decoded file is refused by `fix_file`; otherwise the fixed
//!   bytes read back in the same encoding, and a second fix changes nothing.
//!
//! `PRLINT_RANDOM_CASES` sets the number of cases (default 5,000, a few
//! seconds); the long mode is `PRLINT_RANDOM_CASES=1000000 cargo test
//! --release --test random_inputs`. `PROPTEST_RNG_SEED` varies the inputs.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

use prlint::linter::{Linter, Overrides};
use prlint::load::{decode, Decoded};
use prlint::source::Source;

fn linter() -> &'static Linter {
    static L: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        Linter::new(&prlint::config::Config::default(), &Overrides::default()).expect("linter")
    })
}

/// Pieces releases are made of, the awkward ones included.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{202f}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{200f}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\t".to_string()),
        Just("  ".to_string()),
        Just("e\u{301}".to_string()),
        Just("« ".to_string()),
        Just(" »".to_string()),
        Just("« oui »".to_string()),
        Just("“".to_string()),
        Just("’".to_string()),
        Just("l’école ".to_string()),
        Just("Ã©tÃ© ".to_string()),
        Just("中文文本".to_string()),
        Just("# Titre\n".to_string()),
        Just("Contact presse\n".to_string()),
        Just("jane@example.org ".to_string()),
        Just("+32 2 555 01 23 ".to_string()),
        Just("Bruxelles, le 11 février 2021 – ".to_string()),
        Just("Sous embargo jusqu’au 3 mars 2025, 10 h".to_string()),
        Just("le le ".to_string()),
        Just("de de la ".to_string()),
        Just("the the ".to_string()),
        Just("Le marché de Noël a lieu à l’hôtel de ville. ".to_string()),
        Just("La ville  investit dans les écoles ! ".to_string()),
        Just("échevine Marie Dupont ".to_string()),
        "[a-zA-Zéèàçëïöü0-9 .,;:!?()«»’-]{0,30}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

/// How a release is stored on disk.
#[derive(Debug, Clone, Copy)]
enum Enc {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

fn encode(text: &str, enc: Enc) -> Vec<u8> {
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => format!("\u{feff}{text}").into_bytes(),
        Enc::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Enc::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Enc::Windows1252 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
    }
}

/// A release file: pieces, an encoding, then a few byte-level mutations
/// (overwrite, insert, delete) that may break the encoding.
fn release_file() -> impl Strategy<Value = Vec<u8>> {
    let enc = prop_oneof![
        Just(Enc::Utf8),
        Just(Enc::Utf8Bom),
        Just(Enc::Utf16Le),
        Just(Enc::Utf16Be),
        Just(Enc::Windows1252),
    ];
    let mutation = (0usize..3, any::<usize>(), any::<u8>());
    (
        prop::collection::vec(piece(), 0..12),
        enc,
        prop::collection::vec(mutation, 0..3),
        0u8..4,
    )
        .prop_map(|(pieces, enc, mutations, mutate)| {
            let mut bytes = encode(&pieces.concat(), enc);
            // Three cases in four keep the file valid.
            if mutate == 0 {
                for (kind, at, b) in mutations {
                    let at = at % (bytes.len() + 1);
                    match kind {
                        0 if at < bytes.len() => bytes[at] = b,
                        1 => bytes.insert(at, b),
                        _ if at < bytes.len() => {
                            bytes.remove(at);
                        }
                        _ => {}
                    }
                }
            }
            bytes
        })
}

/// Decodes a slice of the file the way prlint decoded the whole file.
fn decode_slice(bytes: &[u8], d: &Decoded) -> Option<String> {
    let enc = d.encoding;
    if enc == encoding_rs::UTF_8 {
        return Some(String::from_utf8_lossy(bytes).into_owned());
    }
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        let units = bytes.chunks(2).map(|p| {
            let pair = [p[0], p.get(1).copied().unwrap_or(0)];
            if enc == encoding_rs::UTF_16LE {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        return Some(
            char::decode_utf16(units)
                .map(|r| r.unwrap_or('\u{FFFD}'))
                .collect(),
        );
    }
    let (t, bad) = enc.decode_without_bom_handling(bytes);
    (!bad).then(|| t.into_owned())
}

/// Lints `decoded` as prlint does for a file named `path`.
fn lint(path: &str, decoded: Decoded, lang: &str) -> (Source, Vec<prlint::diagnostic::Diagnostic>) {
    let (doc, diags) = linter().lint(Source::from_decoded(path, decoded), lang);
    (doc.source().clone(), diags)
}

fn check_case(bytes: &[u8], path: &str, lang: &str) -> Result<(), TestCaseError> {
    let Ok(decoded) = decode(bytes, None) else {
        return Ok(()); // binary: refused with a message, nothing to check
    };
    let (src, diags) = lint(path, decoded.clone(), lang);
    let text = src.text();
    for d in &diags {
        let spans = std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span));
        let edits = d
            .fix
            .iter()
            .flat_map(|f| &f.edits)
            .map(|e| e.byte_start..e.byte_end);
        for s in spans.cloned().chain(edits) {
            prop_assert!(
                s.start <= s.end && s.end <= text.len(),
                "{}: span {:?} out of the text",
                d.rule.id,
                s
            );
            prop_assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{}: span {:?} off char boundaries",
                d.rule.id,
                s
            );
            let (a, b) = (src.original_offset(s.start), src.original_offset(s.end));
            prop_assert!(
                a <= b && b <= bytes.len(),
                "{}: file offsets {a}..{b} out of {} bytes",
                d.rule.id,
                bytes.len()
            );
            if !decoded.is_lossy() {
                let bom = if text.starts_with('\u{feff}') {
                    0
                } else {
                    decoded.bom_len
                };
                prop_assert!(
                    decode_slice(&bytes[bom.min(a)..a], &decoded).is_some(),
                    "{}: file offset {a} cuts a character",
                    d.rule.id
                );
                let sliced = decode_slice(&bytes[a..b], &decoded);
                prop_assert_eq!(
                    sliced.as_deref(),
                    Some(&text[s.clone()]),
                    "{}: file bytes {}..{} are not the span {:?}",
                    d.rule.id,
                    a,
                    b,
                    s
                );
            }
        }
    }
    // --fix, twice.
    let lint_text = |d: Decoded| lint(path, d, lang).1;
    let first = prlint::fix::fix_file(&decoded, None, false, lint_text);
    if decoded.is_lossy() {
        prop_assert!(first.is_err(), "a lossily decoded file was fixed");
        return Ok(());
    }
    let Ok(first) = first else {
        // Refused (a fix loop that does not settle, an unstable encoding):
        // the file is left as it is, which is safe.
        return Ok(());
    };
    let Some(fixed) = first.bytes else {
        return Ok(());
    };
    let again = decode(&fixed, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again.encoding, decoded.encoding);
    prop_assert_eq!(&again.text, &first.outcome.text);
    let second =
        prlint::fix::fix_file(&again, None, false, lint_text).map_err(TestCaseError::fail)?;
    prop_assert!(
        second.bytes.is_none(),
        "a second fix changed the file: {:?} -> {:?}",
        again.text,
        second.outcome.text
    );
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PRLINT_RANDOM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

/// The run's seed: `PRLINT_RANDOM_SEED`, else a new one each run (printed
/// on failure, so a failing run can be replayed).
fn seed() -> u64 {
    std::env::var("PRLINT_RANDOM_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(13, |d| d.as_nanos() as u64)
        })
}

#[test]
fn random_releases_in_every_encoding_fixed_twice() {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4)) as u32;
    let total = cases();
    let seed = seed();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut bytes = [0u8; 32];
                    bytes[..8].copy_from_slice(&seed.to_le_bytes());
                    bytes[8..12].copy_from_slice(&t.to_le_bytes());
                    let rng = proptest::test_runner::TestRng::from_seed(
                        proptest::test_runner::RngAlgorithm::ChaCha,
                        &bytes,
                    );
                    let config = Config {
                        cases: total.div_ceil(threads),
                        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
                        ..Config::default()
                    };
                    let mut runner = TestRunner::new_with_rng(config, rng);
                    runner
                        .run(&(release_file(), any::<bool>()), |(bytes, md)| {
                            let (path, lang) = if md {
                                ("r.md", "en")
                            } else {
                                ("r.fr.txt", "fr")
                            };
                            check_case(&bytes, path, lang)
                        })
                        .err()
                        .map(|e| e.to_string())
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| match h.join() {
                Ok(r) => r,
                Err(_) => Some("a worker panicked".to_string()),
            })
            .collect()
    });
    assert!(
        failures.is_empty(),
        "PRLINT_RANDOM_SEED={seed} reproduces this run:\n{}",
        failures.join("\n")
    );
}
