//! Reading releases from the real world: UTF-8 with or without BOM,
//! Windows-1252/Latin-1 and UTF-16 (Word's "Unicode text" export).
//!
//! Detection order: a BOM, then UTF-8 validity, then a UTF-16 pattern of NUL
//! bytes, then a statistical guess (chardetng). A file holding NUL bytes
//! that is not UTF-16 is not text.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text. For UTF-8 input it is the file's bytes unchanged (a BOM
    /// included), so byte offsets are file offsets.
    pub text: String,
    /// The encoding the file was read in.
    pub encoding: &'static Encoding,
    /// Length in bytes of the BOM removed while decoding (UTF-16 only; a
    /// UTF-8 BOM stays in the text).
    pub bom_len: usize,
    /// Bytes that were not valid in the encoding and were replaced by
    /// U+FFFD, in order. A file with any is *lossily* decoded: it is checked
    /// (each replacement reported) but never fixed.
    pub replaced: Vec<Replaced>,
    /// For a document package (.docx, .odt): the place map of the text,
    /// which is then the extracted text (see [`crate::extract`]).
    pub places: Option<std::sync::Arc<crate::extract::PlaceMap>>,
}

impl Decoded {
    /// A decoded text without replacements (what fixes produce).
    pub fn clean(text: String, encoding: &'static Encoding, bom_len: usize) -> Decoded {
        Decoded {
            text,
            encoding,
            bom_len,
            replaced: Vec::new(),
            places: None,
        }
    }

    /// Whether some bytes could not be decoded and were replaced.
    pub fn is_lossy(&self) -> bool {
        !self.replaced.is_empty()
    }
}

/// One run of undecodable bytes replaced by U+FFFD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced {
    /// Offset of the U+FFFD in the decoded text.
    pub text_offset: usize,
    /// Offset of the bad bytes in the file.
    pub file_offset: usize,
    /// How many bytes of the file it replaces (1 to 3).
    pub file_len: usize,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// NUL bytes and no UTF-16 pattern: an image, an archive, a .docx.
    Binary,
    /// The bytes are not valid in the forced encoding.
    Malformed(&'static str),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Binary => f.write_str("binary file (not text), skipped"),
            LoadError::Malformed(e) => write!(f, "not valid {e}, skipped"),
        }
    }
}

/// Looks an encoding up by a label such as "utf-8", "windows-1252", "latin1", "utf-16le".
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Guesses UTF-16 without a BOM from the position of NUL bytes in ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 16 {
        return None;
    }
    // In UTF-16 text that is mostly Latin script, the high byte of nearly
    // every code unit is zero and the low byte almost never is.
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 6 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 6 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether invalid UTF-8 `bytes` are a UTF-8 file with a few stray bytes
/// (a Windows-1252 apostrophe pasted in) rather than a file in a legacy
/// encoding: valid multi-byte sequences outnumber the invalid ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multi, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid_multi > 0 && valid_multi >= 2 * invalid
}

/// Decodes UTF-8, replacing each invalid sequence by U+FFFD and recording it.
fn decode_utf8_lossy(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut replaced = Vec::new();
    let mut pos = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        pos += chunk.valid().len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            replaced.push(Replaced {
                text_offset: text.len(),
                file_offset: pos,
                file_len: bad.len(),
            });
            text.push('\u{FFFD}');
            pos += bad.len();
        }
    }
    Decoded {
        text,
        encoding: UTF_8,
        bom_len: 0,
        replaced,
        places: None,
    }
}

/// Decodes UTF-16 after a BOM of `bom_len` bytes, replacing (and
/// recording) lone surrogates and an odd final byte.
fn decode_utf16(bytes: &[u8], encoding: &'static Encoding, bom_len: usize) -> Decoded {
    let body = &bytes[bom_len..];
    let be = encoding == UTF_16BE;
    let units = body.chunks_exact(2).map(|p| {
        if be {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(body.len());
    let mut replaced = Vec::new();
    let mut file = bom_len;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                text.push(c);
                file += c.len_utf16() * 2;
            }
            Err(_) => {
                replaced.push(Replaced {
                    text_offset: text.len(),
                    file_offset: file,
                    file_len: 2,
                });
                text.push('\u{FFFD}');
                file += 2;
            }
        }
    }
    if body.len() % 2 == 1 {
        replaced.push(Replaced {
            text_offset: text.len(),
            file_offset: file,
            file_len: 1,
        });
        text.push('\u{FFFD}');
    }
    Decoded {
        text,
        encoding,
        bom_len,
        replaced,
        places: None,
    }
}

/// The legacy encoding of a file that is neither UTF-8 nor UTF-16.
///
/// Releases are written in Latin-script languages: a statistical guess of a
/// multi-byte (CJK) encoding on a short text is noise, and would make the
/// guess unstable across a fix, so only single-byte guesses are kept and
/// Windows-1252 is the fallback.
fn legacy_guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(None, false);
    if guess.is_single_byte() {
        guess
    } else {
        encoding_rs::WINDOWS_1252
    }
}

/// Decodes a file's bytes; `forced` skips detection.
///
/// A file that is valid in no encoding is still decoded when it is mostly
/// UTF-8 or UTF-16: the bad bytes become U+FFFD, listed in
/// [`Decoded::replaced`]. A forced encoding the bytes do not fit is an error.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, LoadError> {
    let (encoding, bom_len) = match forced {
        Some(e) => {
            let bom = Encoding::for_bom(bytes)
                .filter(|(b, _)| *b == e)
                .map_or(0, |(_, n)| n);
            (e, bom)
        }
        None => match Encoding::for_bom(bytes) {
            Some((e, n)) => (e, n),
            None => {
                if let Some(e) = utf16_without_bom(bytes) {
                    (e, 0)
                } else if bytes.contains(&0) {
                    return Err(LoadError::Binary);
                } else if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
                    (UTF_8, 0)
                } else {
                    (legacy_guess(bytes), 0)
                }
            }
        },
    };
    if encoding == UTF_8 {
        // Keep the bytes (and a BOM) exactly: offsets are file offsets.
        return match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Ok(Decoded::clean(text, encoding, 0)),
            Err(_) if forced.is_some() => Err(LoadError::Malformed("UTF-8")),
            Err(_) => Ok(decode_utf8_lossy(bytes)),
        };
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let d = decode_utf16(bytes, encoding, bom_len);
        if d.is_lossy() && forced.is_some() {
            return Err(LoadError::Malformed(encoding.name()));
        }
        return Ok(d);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    if had_errors && forced.is_some() {
        return Err(LoadError::Malformed(encoding.name()));
    }
    if had_errors {
        // A guess that does not fit every byte: Windows-1252 maps them all.
        let w = encoding_rs::WINDOWS_1252;
        let text = w.decode_without_bom_handling(bytes).0;
        if text.contains('\0') {
            return Err(LoadError::Binary);
        }
        return Ok(Decoded::clean(text.into_owned(), w, 0));
    }
    if text.contains('\0') {
        return Err(LoadError::Binary);
    }
    Ok(Decoded::clean(text.into_owned(), encoding, bom_len))
}

/// Encodes `text` back into the file's encoding (with its BOM), for fixes.
pub fn encode(text: &str, encoding: &'static Encoding, bom_len: usize) -> Vec<u8> {
    if encoding == UTF_8 {
        return text.as_bytes().to_vec();
    }
    let mut out = Vec::with_capacity(text.len() * 2 + bom_len);
    if encoding == UTF_16LE {
        if bom_len > 0 {
            out.extend_from_slice(&[0xFF, 0xFE]);
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        return out;
    }
    if encoding == UTF_16BE {
        if bom_len > 0 {
            out.extend_from_slice(&[0xFE, 0xFF]);
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&u.to_be_bytes());
        }
        return out;
    }
    let (bytes, _, _) = encoding.encode(text);
    out.extend_from_slice(&bytes);
    out
}

/// Maps byte offsets of the decoded text back to byte offsets of the file,
/// with checkpoints every few kilobytes (lookups cost at most one stride).
#[derive(Debug, Clone)]
pub struct OffsetMap {
    encoding: &'static Encoding,
    /// (decoded offset, file offset), increasing.
    checkpoints: Vec<(usize, usize)>,
}

const STRIDE: usize = 4096;

impl OffsetMap {
    /// Builds the map of `text` decoded from `encoding` after a BOM of `bom_len` bytes.
    pub fn new(text: &str, encoding: &'static Encoding, bom_len: usize) -> OffsetMap {
        let mut checkpoints = vec![(0, bom_len)];
        let mut orig = bom_len;
        let mut next = STRIDE;
        for (i, c) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, orig));
                next = i + STRIDE;
            }
            orig += char_len(c, encoding);
        }
        OffsetMap {
            encoding,
            checkpoints,
        }
    }

    /// The file offset of decoded offset `byte` (a char boundary) in `text`.
    pub fn original(&self, text: &str, byte: usize) -> usize {
        let k = match self.checkpoints.binary_search_by_key(&byte, |c| c.0) {
            Ok(k) => k,
            Err(k) => k.saturating_sub(1),
        };
        let (start, mut orig) = self.checkpoints[k];
        let end = byte.min(text.len());
        if let Some(slice) = text.get(start..end) {
            orig += slice
                .chars()
                .map(|c| char_len(c, self.encoding))
                .sum::<usize>();
        }
        orig
    }
}

/// Bytes one char takes in `encoding`.
fn char_len(c: char, encoding: &'static Encoding) -> usize {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        c.len_utf16() * 2
    } else if c.is_ascii() {
        1
    } else {
        let mut buf = [0u8; 4];
        encoding.encode(c.encode_utf8(&mut buf)).0.len()
    }
}

/// The pseudo-rule under which undecodable bytes are reported.
pub static ENCODING_META: crate::rule::RuleMeta = crate::rule::RuleMeta {
    id: "encoding",
    default_severity: crate::diagnostic::Severity::Error,
    languages: &[],
    summary: "Bytes that are not valid in the file's encoding",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Reports each byte sequence that is not valid in the encoding the file was
read in (a Windows-1252 apostrophe pasted into a UTF-8 release, a lone
UTF-16 surrogate, an odd final byte). The rest of the file is read normally;
the bad bytes are shown as U+FFFD.

## Why it matters
The published text would show a replacement character or mojibake.

## Fix safety
No fix, and `--fix` refuses to rewrite such a file: writing it back would
change bytes nobody meant to change. Re-save it in one encoding first.
"#,
};

/// One `encoding` diagnostic per run of undecodable bytes of `source`.
pub fn encoding_diagnostics(source: &crate::source::Source) -> Vec<crate::diagnostic::Diagnostic> {
    let fffd = '\u{FFFD}'.len_utf8();
    source
        .replaced()
        .iter()
        .map(|r| {
            crate::diagnostic::Diagnostic::new(
                &ENCODING_META,
                r.text_offset..r.text_offset + fffd,
                format!(
                    "{} not valid {} (read as U+FFFD)",
                    if r.file_len == 1 {
                        "a byte".to_string()
                    } else {
                        format!("{} bytes", r.file_len)
                    },
                    source.encoding_name()
                ),
            )
            .with_label("undecodable here")
            .with_help("re-save the file in one encoding; --fix leaves it alone until then")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_is_kept_byte_exact() {
        let b = "\u{feff}Titre\r\n".as_bytes();
        let d = decode(b, None).unwrap();
        assert_eq!(d.text.as_bytes(), b);
        assert_eq!(d.encoding, UTF_8);
    }

    #[test]
    fn windows_1252() {
        let b = b"Le march\xe9 de No\xebl \x96 r\xe9ouverture de l\x92h\xf4tel de ville, d\xe9cid\xe9e par le coll\xe8ge.";
        let d = decode(b, None).unwrap();
        assert!(
            d.text
                .starts_with("Le marché de Noël – réouverture de l’hôtel"),
            "{}",
            d.text
        );
        let map = OffsetMap::new(&d.text, d.encoding, 0);
        let at = d.text.find("Noël").unwrap();
        assert_eq!(map.original(&d.text, at), 13);
        assert_eq!(encode(&d.text, d.encoding, 0), b.to_vec());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Persbericht – één\r\n";
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.bom_len, 2);
        assert_eq!(encode(&d.text, d.encoding, d.bom_len), le);
        let map = OffsetMap::new(&d.text, d.encoding, d.bom_len);
        assert_eq!(
            map.original(&d.text, d.text.find("één").unwrap()),
            2 + 14 * 2
        );
        let d2 = decode(&le[2..], None).unwrap();
        assert_eq!(d2.text, text);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0", None).unwrap_err(),
            LoadError::Binary
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", None).unwrap_err(),
            LoadError::Binary
        );
    }

    #[test]
    fn mostly_valid_utf8_stays_utf8_with_the_bad_byte_replaced() {
        // A Windows-1252 apostrophe pasted into a UTF-8 release.
        let mut b = "Le conseil a décidé l#ouverture de l’école à Liège."
            .as_bytes()
            .to_vec();
        let at = b.iter().position(|&c| c == b'#').unwrap();
        b[at] = 0x92;
        let d = decode(&b, None).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert!(
            d.text.contains("décidé l\u{FFFD}ouverture de l’école"),
            "{}",
            d.text
        );
        assert_eq!(
            d.replaced,
            vec![Replaced {
                text_offset: at,
                file_offset: at,
                file_len: 1
            }]
        );
        let s = crate::source::Source::from_decoded("t", d);
        // After the replacement, text offsets are 2 bytes ahead of the file.
        let ecole = s.text().find("école").unwrap();
        assert_eq!(s.original_offset(ecole), ecole - 2);
        assert_eq!(&b[ecole - 2..ecole], "é".as_bytes());
        // A real Windows-1252 file (no valid multi-byte sequence) is not UTF-8.
        let w = decode(b"Le conseil a d\xe9cid\xe9 l\x92ouverture.", None).unwrap();
        assert_eq!(w.encoding, encoding_rs::WINDOWS_1252);
        assert!(!w.is_lossy());
    }

    #[test]
    fn broken_utf16_is_lossy_with_each_bad_unit_recorded() {
        // "ab", a lone high surrogate, "c", then an odd final byte.
        let b = [0xFF, 0xFE, b'a', 0, b'b', 0, 0x00, 0xD8, b'c', 0, b'x'];
        let d = decode(&b, None).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}c\u{FFFD}");
        assert_eq!(d.replaced.len(), 2);
        assert_eq!(d.replaced[0].file_offset, 6);
        assert_eq!(d.replaced[1].file_offset, 10);
    }

    #[test]
    fn a_short_legacy_file_is_never_guessed_as_cjk() {
        // chardetng alone guesses EUC-KR for these bytes: a fix would then
        // change the encoding the next run reads the file in.
        let d = decode(b"\xb0\xa1\xc7\xd1", None).unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(d.text, "°¡ÇÑ");
    }

    #[test]
    fn forced_encoding() {
        let d = decode(b"caf\xe9", encoding_for_label("latin1")).unwrap();
        assert_eq!(d.text, "café");
        assert!(decode(b"caf\xe9", Some(UTF_8)).is_err());
    }
}
