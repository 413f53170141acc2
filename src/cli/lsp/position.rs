//! Byte offsets ↔ LSP positions.
//!
//! The protocol counts a position's `character` in UTF-16 code units (the
//! default and only mandatory encoding) and ends lines at `\n`, `\r\n` and
//! `\r` only: U+2028 and U+2029, which end a line in prlint's own reports,
//! do not end one for an editor.

use lsp_types::{Position, Range};

/// Where each line of a text starts, the protocol's way.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    fn line_of(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// Where line `line`'s content ends (before its terminator).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = &text[self.starts[line]..next];
        self.starts[line] + content.trim_end_matches(['\n', '\r']).len()
    }

    /// The position of byte `byte` (clamped to the text and to a char
    /// boundary; an offset inside a line terminator is the line's end).
    pub fn position(&self, text: &str, byte: usize) -> Position {
        self.positions(text, &[byte])[0]
    }

    /// The positions of many offsets in one pass over the text (a release
    /// written as one long line costs one scan, not one per offset).
    pub fn positions(&self, text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![Position::new(0, 0); offsets.len()];
        // The cursor: a byte on a char boundary, its line and UTF-16 column.
        let (mut at, mut line, mut col) = (0usize, 0usize, 0u32);
        for i in order {
            let mut b = offsets[i].min(text.len());
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let l = self.line_of(b);
            if l != line || b < at {
                (at, line, col) = (self.starts[l], l, 0);
            }
            let end = b.min(self.line_end(text, l)).max(at);
            col += text[at..end]
                .chars()
                .map(|c| c.len_utf16() as u32)
                .sum::<u32>();
            at = end;
            out[i] = Position::new(l as u32, col);
        }
        out
    }

    /// The range of a byte span.
    pub fn range(&self, text: &str, span: &std::ops::Range<usize>) -> Range {
        let p = self.positions(text, &[span.start, span.end]);
        Range::new(p[0], p[1])
    }

    /// The byte offset of a position; past a line's end is its end, past
    /// the last line is the end of the text; inside a surrogate pair is
    /// before the character.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self.line_end(text, pos.line as usize);
        let mut units = 0u32;
        for (i, c) in text[start..end].char_indices() {
            units += c.len_utf16() as u32;
            if units > pos.character {
                return start + i;
            }
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_utf16_code_units() {
        // 😀 is 4 bytes and 2 UTF-16 units; NBSP 2 bytes and 1 unit; é 2 and 1.
        let text = "a😀\u{a0}é x\r\nsecond\rthird\u{2028}same";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x), Position::new(0, 6));
        assert_eq!(idx.offset(text, Position::new(0, 6)), x);
        let s = text.find("second").unwrap();
        assert_eq!(idx.position(text, s + 3), Position::new(1, 3));
        let same = text.find("same").unwrap();
        // U+2028 does not end a line for the protocol; it is one unit.
        assert_eq!(idx.position(text, same), Position::new(2, 6));
        // Inside the CRLF: the line's end.
        assert_eq!(idx.position(text, x + 2), Position::new(0, 7));
        // Past the end of a line, and inside a surrogate pair.
        assert_eq!(idx.offset(text, Position::new(0, 99)), x + 1);
        assert_eq!(idx.offset(text, Position::new(0, 2)), 1);
        assert_eq!(idx.offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn many_offsets_in_any_order() {
        let text = "😀😀\nab😀c\n";
        let idx = LineIndex::new(text);
        let offs = [text.len(), 4, 0, text.find('c').unwrap(), 8, 5];
        let got = idx.positions(text, &offs);
        let one: Vec<Position> = offs.iter().map(|&o| idx.position(text, o)).collect();
        assert_eq!(got, one);
        assert_eq!(got[1], Position::new(0, 2));
        assert_eq!(got[3], Position::new(1, 4));
        assert_eq!(got[0], Position::new(2, 0));
        // Inside 😀: the character's start.
        assert_eq!(got[5], Position::new(0, 2));
    }
}
