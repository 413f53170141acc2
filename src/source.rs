//! The text of one release and its line index.
//!
//! Byte offsets used everywhere in prlint are offsets into [`Source::text`],
//! which is the file's content exactly as read (a UTF-8 BOM, CRLF line ends
//! and every no-break space kept), so a span maps straight onto the file.

use std::ops::Range;

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
    /// Lines end at `\n`, `\r\n` or a lone `\r`.
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
                _ => {}
            }
            i += 1;
        }
        line_ends.push(bytes.len());
        Source {
            path,
            text,
            line_starts,
            line_ends,
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
        let column = self.text[start..end].chars().count() + 1;
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
    fn final_newline_opens_an_empty_line() {
        let s = Source::new("t", "a\n");
        assert_eq!(s.line_count(), 2);
        assert_eq!(s.line_col(2), LineCol { line: 2, column: 1 });
    }
}
