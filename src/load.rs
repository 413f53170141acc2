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

/// Decodes a file's bytes; `forced` skips detection.
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
                } else if std::str::from_utf8(bytes).is_ok() {
                    (UTF_8, 0)
                } else {
                    let mut det = chardetng::EncodingDetector::new();
                    det.feed(bytes, true);
                    (det.guess(None, true), 0)
                }
            }
        },
    };
    if encoding == UTF_8 {
        // Keep the bytes (and a BOM) exactly: offsets are file offsets.
        return String::from_utf8(bytes.to_vec())
            .map(|text| Decoded {
                text,
                encoding,
                bom_len: 0,
            })
            .map_err(|_| LoadError::Malformed("UTF-8"));
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    if had_errors && forced.is_some() {
        return Err(LoadError::Malformed(encoding.name()));
    }
    if encoding != UTF_16LE && encoding != UTF_16BE && text.contains('\0') {
        return Err(LoadError::Binary);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
        bom_len,
    })
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
    fn forced_encoding() {
        let d = decode(b"caf\xe9", encoding_for_label("latin1")).unwrap();
        assert_eq!(d.text, "café");
        assert!(decode(b"caf\xe9", Some(UTF_8)).is_err());
    }
}
