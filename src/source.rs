//! The text of one release and its line index.
//!
//! Byte offsets used everywhere in prlint are offsets into [`Source::text`],
//! which is the file's content exactly as read (a UTF-8 BOM, CRLF line ends
//! and every no-break space kept), so a span maps straight onto the file.

use std::ops::Range;

use crate::load::{Decoded, OffsetMap, Replaced};

/// A byte range into [`Source::text`].
pub type Span = Range<usize>;

/// One release: its display path and its text, with a line index.
#[derive(Debug, Clone)]
pub struct Source {
    path: String,
    text: String,
    /// Byte offset where each line's content starts (line 1 starts after a BOM).
    line_starts: Vec<usize>,
    /// Byte offset where each line's content ends (before its terminator).
    line_ends: Vec<usize>,
    /// How the file was encoded on disk, when it was not UTF-8.
    encoding: Option<Transcoded>,
    /// Undecodable bytes replaced by U+FFFD while reading (see
    /// [`crate::load::Decoded::replaced`]).
    replaced: Vec<Replaced>,
    /// For a lossily decoded file: after the k-th replacement, how many
    /// bytes the offsets counted with U+FFFD are ahead of the file (a U+FFFD
    /// takes 3 bytes in UTF-8 and 2 in UTF-16, and stands for 1 to 3).
    fffd_shift: Vec<usize>,
    /// `char_marks[k]`: Unicode scalar values that start before byte
    /// `k * CHAR_STRIDE`, so a column costs at most one stride to count,
    /// however long the line.
    char_marks: Vec<usize>,
    /// For a document read from .docx, .odt or .html: where each part of
    /// the extracted text is in the document.
    places: Option<std::sync::Arc<crate::extract::PlaceMap>>,
}

/// Distance in bytes between two entries of `Source::char_marks`.
const CHAR_STRIDE: usize = 4096;

/// Whether `b` starts a UTF-8 sequence (is not a continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// The on-disk encoding of a file that was not UTF-8.
#[derive(Debug, Clone)]
struct Transcoded {
    encoding: &'static encoding_rs::Encoding,
    bom_len: usize,
    map: OffsetMap,
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in Unicode scalar values.
    pub column: usize,
}

impl Source {
    /// Builds a source from a display path and its text.
    ///
    /// Lines end at `\n`, `\r\n`, a lone `\r`, U+2028 or U+2029.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let path = path.into();
        let text = text.into();
        let bytes = text.as_bytes();
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut line_starts = vec![first];
        let mut line_ends = Vec::new();
        let mut i = first;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    line_ends.push(i);
                    line_starts.push(i + 1);
                }
                b'\r' => {
                    line_ends.push(i);
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    line_ends.push(i);
                    line_starts.push(i + 3);
                    i += 2;
                }
                _ => {}
            }
            i += 1;
        }
        line_ends.push(bytes.len());
        let mut char_marks = Vec::with_capacity(bytes.len() / CHAR_STRIDE + 1);
        let mut chars = 0;
        for block in bytes.chunks(CHAR_STRIDE) {
            char_marks.push(chars);
            chars += block.iter().filter(|&&b| starts_char(b)).count();
        }
        char_marks.push(chars);
        Source {
            path,
            text,
            line_starts,
            line_ends,
            encoding: None,
            replaced: Vec::new(),
            fffd_shift: Vec::new(),
            char_marks,
            places: None,
        }
    }

    /// This source with the place map of the document its text was
    /// extracted from.
    pub fn with_places(mut self, places: std::sync::Arc<crate::extract::PlaceMap>) -> Self {
        self.places = Some(places);
        self
    }

    /// The place map, when the text was extracted from a document.
    pub fn places(&self) -> Option<&crate::extract::PlaceMap> {
        self.places.as_deref()
    }

    /// The place in the document of text offset `byte` ("paragraph 12",
    /// an HTML line and column); `None` for a plain-text file.
    pub fn location(&self, byte: usize) -> Option<crate::extract::Location> {
        self.places()?.location(&self.text, byte)
    }

    /// Builds a source from a decoded file; offsets reported by
    /// [`Source::original_offset`] are then offsets into the file on disk.
    ///
    /// A decoded document package (.docx, .odt) carries its extracted text
    /// and place map; a file named `.html`/`.htm` is read as the text of its
    /// main content (see [`crate::extract`]), file offsets then mapping
    /// through the HTML source.
    pub fn from_decoded(path: impl Into<String>, mut decoded: Decoded) -> Self {
        let path = path.into();
        if let Some(places) = decoded.places.take() {
            return Source::new(path, decoded.text).with_places(places);
        }
        if crate::extract::Format::of(&path) == crate::extract::Format::Html {
            let html = Source::from_text_file(path.clone(), decoded);
            let mut ex = crate::extract::extract_html(html.text());
            ex.places.html = Some(html);
            return crate::extract::source_from(path, ex);
        }
        Source::from_text_file(path, decoded)
    }

    /// [`Source::from_decoded`] for a text file read as it is.
    fn from_text_file(path: String, decoded: Decoded) -> Self {
        let is_utf8 = decoded.encoding == encoding_rs::UTF_8;
        let mut s = Source::new(path, decoded.text);
        s.replaced = decoded.replaced;
        let fffd_len = if is_utf8 {
            '\u{FFFD}'.len_utf8()
        } else {
            OffsetMap::new("\u{FFFD}", decoded.encoding, 0).original("\u{FFFD}", 3)
        };
        let mut shift = 0;
        s.fffd_shift = s
            .replaced
            .iter()
            .map(|r| {
                shift += fffd_len.saturating_sub(r.file_len);
                shift
            })
            .collect();
        if !is_utf8 {
            s.encoding = Some(Transcoded {
                encoding: decoded.encoding,
                bom_len: decoded.bom_len,
                map: OffsetMap::new(&s.text, decoded.encoding, decoded.bom_len),
            });
        }
        s
    }

    /// The file offset of text offset `byte` (the same for UTF-8 files).
    ///
    /// For an HTML file, `byte` is an offset of the extracted text and the
    /// result an offset into the HTML file; for a .docx/.odt, the extracted
    /// text has no file offsets and `byte` is returned.
    pub fn original_offset(&self, byte: usize) -> usize {
        if let Some(p) = self.places() {
            return match &p.html {
                Some(html) => html.original_offset(p.html_offset(byte)),
                None => byte,
            };
        }
        let counted = match &self.encoding {
            None => byte,
            Some(t) => t.map.original(&self.text, byte),
        };
        if self.fffd_shift.is_empty() {
            return counted;
        }
        // Replacements that end at or before `byte` shift it.
        let k = self
            .replaced
            .partition_point(|r| r.text_offset + '\u{FFFD}'.len_utf8() <= byte);
        let shift = if k == 0 { 0 } else { self.fffd_shift[k - 1] };
        counted.saturating_sub(shift)
    }

    /// The undecodable bytes replaced by U+FFFD while reading the file; a
    /// source with any must not be fixed (its bytes cannot be written back).
    pub fn replaced(&self) -> &[Replaced] {
        &self.replaced
    }

    /// Whether the file was decoded lossily (see [`Source::replaced`]).
    pub fn is_lossy(&self) -> bool {
        !self.replaced.is_empty()
    }

    /// The name of the file's encoding ("UTF-8", "windows-1252", "UTF-16LE").
    pub fn encoding_name(&self) -> &'static str {
        self.encoding
            .as_ref()
            .map_or("UTF-8", |t| t.encoding.name())
    }

    /// Encodes `text` (a fixed version of this source) the way the file was
    /// encoded, BOM included, so a fix keeps the file's encoding.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        match &self.encoding {
            None => text.as_bytes().to_vec(),
            Some(t) => crate::load::encode(text, t.encoding, t.bom_len),
        }
    }
    /// The path shown in reports.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The full text, exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines (a final line terminator opens an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The content span of the 0-based line `idx`, without its terminator.
    pub fn line_span(&self, idx: usize) -> Span {
        self.line_starts[idx]..self.line_ends[idx]
    }

    /// The span of the 0-based line `idx` including its terminator.
    pub fn line_span_with_eol(&self, idx: usize) -> Span {
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.line_starts[idx]..end
    }

    /// The line terminator used first in the file (`"\n"` when there is none).
    pub fn newline(&self) -> &'static str {
        match self.line_ends.first() {
            Some(&e) if e < self.text.len() => {
                if self.text[e..].starts_with("\r\n") {
                    "\r\n"
                } else if self.text[e..].starts_with('\r') {
                    "\r"
                } else {
                    "\n"
                }
            }
            _ => "\n",
        }
    }

    /// 0-based index of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The offset of byte `offset` in Unicode scalar values from the start
    /// of the content (a BOM is not counted), as SARIF's `charOffset`.
    pub fn char_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let first = self.line_starts[0];
        self.chars_before(offset.max(first)) - self.chars_before(first)
    }

    /// How many Unicode scalar values start before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHAR_STRIDE;
        let from = k * CHAR_STRIDE;
        let base = self.char_marks.get(k).copied().unwrap_or(0);
        base + self.text.as_bytes()[from.min(offset)..offset]
            .iter()
            .filter(|&&b| starts_char(b))
            .count()
    }

    /// 1-based line and column (in Unicode scalar values) of byte `offset`.
    ///
    /// An offset inside a line terminator or inside a BOM maps to the end or
    /// the start of that line.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let idx = self.line_index(offset);
        let start = self.line_starts[idx];
        let end = offset.clamp(start, self.line_ends[idx].max(start));
        let mut end = end;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.chars_before(end) - self.chars_before(start) + 1;
        LineCol {
            line: idx + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_with_every_terminator() {
        let s = Source::new("t", "a\r\nb\rc\nd");
        assert_eq!(s.line_count(), 4);
        assert_eq!(&s.text()[s.line_span(0)], "a");
        assert_eq!(&s.text()[s.line_span(1)], "b");
        assert_eq!(&s.text()[s.line_span(2)], "c");
        assert_eq!(&s.text()[s.line_span(3)], "d");
        assert_eq!(s.line_col(7), LineCol { line: 4, column: 1 });
        assert_eq!(s.newline(), "\r\n");
    }

    #[test]
    fn columns_count_scalar_values_and_skip_the_bom() {
        let s = Source::new("t", "\u{feff}é\u{a0}x\ne\u{301}y");
        assert_eq!(s.line_col(3), LineCol { line: 1, column: 1 });
        // é (2 bytes) + NBSP (2 bytes) -> x is column 3
        assert_eq!(s.line_col(7), LineCol { line: 1, column: 3 });
        // e + combining acute are two scalar values
        let y = s.text().find('y').unwrap();
        assert_eq!(s.line_col(y), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn unicode_line_and_paragraph_separators_end_lines() {
        let s = Source::new("t", "a\u{2028}b\u{2029}c");
        assert_eq!(s.line_count(), 3);
        assert_eq!(&s.text()[s.line_span(1)], "b");
        assert_eq!(s.line_col(s.text().len()), LineCol { line: 3, column: 2 });
    }

    #[test]
    fn an_html_file_is_its_text_with_offsets_into_the_file() {
        // Windows-1252: "é" is one byte in the file, two in the text.
        let bytes = b"<html><body><p>Caf\xe9 &amp; th\xe9 the  the end</p></body></html>";
        let d = crate::load::decode(bytes, None).unwrap();
        let s = Source::from_decoded("page.html", d);
        assert_eq!(s.text(), "Café & thé the the end");
        let the = s.text().find("the the").unwrap();
        let file_the = bytes.windows(7).position(|w| w == b"the  th").unwrap();
        assert_eq!(s.original_offset(the), file_the);
        assert_eq!(
            s.location(the),
            Some(crate::extract::Location::Html {
                kind: "html",
                line: 1,
                column: file_the + 1
            })
        );
    }

    #[test]
    fn final_newline_opens_an_empty_line() {
        let s = Source::new("t", "a\n");
        assert_eq!(s.line_count(), 2);
        assert_eq!(s.line_col(2), LineCol { line: 2, column: 1 });
    }
}

#[cfg(test)]
mod long_line_tests {
    use super::*;

    /// Columns on a 4 MB single line: each lookup used to count every
    /// character from the line start (quadratic over a file's diagnostics).
    #[test]
    fn columns_on_one_long_line_cost_one_stride() {
        let text = "é".repeat(2_000_000);
        let s = Source::new("t", text.clone());
        let start = std::time::Instant::now();
        for k in 0..20_000 {
            let off = text.len() - 2 * (k % 1000) - 2;
            let lc = s.line_col(off);
            assert_eq!(lc.column, off / 2 + 1);
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(s.char_offset(text.len()), 2_000_000);
    }
}
