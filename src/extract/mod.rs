//! Document input: the text of a Word (.docx), OpenDocument (.odt) or HTML
//! (.html, .htm) release, and where each part of it is in the document.
//!
//! An extractor turns the package or the markup into plain text laid out
//! the way prlint reads a plain-text release (one document paragraph per
//! line; a line break inside a paragraph is a line break), plus a
//! [`PlaceMap`]: for each extracted paragraph, its style (title, heading,
//! list item) and its place in the document (the paragraph number of a
//! .docx/.odt; for HTML, the byte range of every text run in the file).
//! The section reader takes the styles as hints (see
//! [`crate::document::Document::parse`]); the reports name the places.

mod docx;
mod html;
mod odt;
mod package;
mod xml;

use std::ops::Range;
use std::sync::Arc;

use crate::source::Source;

pub use html::extract as extract_html;

/// The largest XML part of a package read, uncompressed: a part that
/// expands past it (a zip bomb) is refused.
pub const MAX_PART_BYTES: u64 = 50 * 1024 * 1024;

/// The input formats prlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (.txt and anything unknown).
    Text,
    /// Markdown (.md, .markdown).
    Markdown,
    /// Office Open XML text (.docx).
    Docx,
    /// OpenDocument text (.odt).
    Odt,
    /// HTML (.html, .htm).
    Html,
}

impl Format {
    /// The format of a file, by its extension (case-insensitive).
    pub fn of(path: &str) -> Format {
        let lower = path.to_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "md" | "markdown" => Format::Markdown,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => Format::Text,
        }
    }

    /// Whether prlint can write fixes back into a file of this format
    /// (it never rewrites a .docx or .odt package).
    pub fn fixable(self) -> bool {
        !matches!(self, Format::Docx | Format::Odt)
    }
}

/// The kind of document a [`PlaceMap`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A .docx package.
    Docx,
    /// An .odt package.
    Odt,
    /// An HTML file.
    Html,
}

impl Kind {
    /// The name used in JSON (`location.kind`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Docx => "docx",
            Kind::Odt => "odt",
            Kind::Html => "html",
        }
    }
}

/// The style of an extracted paragraph, as the document declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A body paragraph (or a style prlint does not read).
    Normal,
    /// The document's title (Word's "Title" style, ODF "Title").
    Title,
    /// A heading of this level (1 for Heading 1, `<h1>`).
    Heading(u8),
    /// A list item (List Paragraph, a numbered paragraph, `<li>`).
    ListItem,
    /// A paragraph of a table cell (never a heading).
    TableCell,
}

/// One paragraph of the document in the extracted text.
#[derive(Debug, Clone)]
pub struct Block {
    /// Its text in the extracted text (line breaks inside included).
    pub text: Range<usize>,
    /// Its declared style.
    pub style: Style,
    /// Its 1-based number among the document's paragraphs (empty ones and
    /// table cells' included), for .docx/.odt; 0 for HTML.
    pub paragraph: usize,
}

/// A run of extracted HTML text and the file bytes it comes from.
#[derive(Debug, Clone)]
pub struct Run {
    /// The run in the extracted text.
    pub text: Range<usize>,
    /// The bytes it comes from in the HTML text.
    pub file: Range<usize>,
    /// The extracted bytes are the file's bytes (no entity, no collapsed
    /// whitespace): offsets inside map one to one, and a fix can edit them.
    pub verbatim: bool,
}

/// Where the paragraphs of an extracted text are in the document.
#[derive(Debug, Clone)]
pub struct PlaceMap {
    /// The kind of document.
    pub kind: Kind,
    /// The paragraphs, in order.
    pub blocks: Vec<Block>,
    /// HTML only: the text runs, in order of the extracted text.
    pub runs: Vec<Run>,
    /// HTML only: the HTML file as read (for line and column, and file
    /// offsets of a transcoded file).
    pub html: Option<Source>,
}

/// A place in a document, as the reports name it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Location {
    /// A paragraph of a .docx/.odt.
    Paragraph {
        /// "docx" or "odt".
        kind: &'static str,
        /// 1-based paragraph number.
        paragraph: usize,
        /// The heading (or title) the paragraph is under, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        heading: Option<String>,
    },
    /// A place in an HTML file.
    Html {
        /// "html".
        kind: &'static str,
        /// 1-based line of the file.
        line: usize,
        /// 1-based column of the file, in Unicode scalar values.
        column: usize,
    },
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Paragraph {
                paragraph, heading, ..
            } => {
                write!(f, "paragraph {paragraph}")?;
                if let Some(h) = heading {
                    write!(f, " (under “{h}”)")?;
                }
                Ok(())
            }
            Location::Html { line, column, .. } => write!(f, "line {line}, column {column}"),
        }
    }
}

/// A heading as a report names it: on one line, at most 60 characters.
fn short_heading(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= 60 {
        one
    } else {
        let cut: String = one.chars().take(59).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Text extracted from a document, with its place map.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The text, one paragraph per line.
    pub text: String,
    /// Where each paragraph is.
    pub places: PlaceMap,
}

/// Builds extracted text paragraph by paragraph.
#[derive(Debug)]
pub(crate) struct Builder {
    text: String,
    blocks: Vec<Block>,
    runs: Vec<Run>,
    /// The paragraph being built: where it starts and its style.
    open: Option<(usize, Style, usize)>,
    /// Paragraphs seen (the number of the next one is this + 1).
    count: usize,
    /// Open table cells: their paragraphs are [`Style::TableCell`].
    pub(crate) in_cell: usize,
    /// Elements being read, nested (the readers recurse).
    depth: usize,
    /// An element was nested deeper than [`MAX_DEPTH`].
    pub(crate) too_deep: bool,
}

/// The deepest element nesting read: a document nested deeper (no word
/// processor writes one) is refused rather than overflowing the stack.
pub const MAX_DEPTH: usize = 256;

impl Builder {
    pub(crate) fn new() -> Builder {
        Builder {
            text: String::new(),
            blocks: Vec::new(),
            runs: Vec::new(),
            open: None,
            count: 0,
            in_cell: 0,
            depth: 0,
            too_deep: false,
        }
    }

    /// Enters an element; false (and the document refused) past [`MAX_DEPTH`].
    pub(crate) fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.too_deep = true;
            return false;
        }
        self.depth += 1;
        true
    }

    /// Leaves an element entered with [`Builder::enter`].
    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Opens a paragraph of style `style` (closing an open one).
    pub(crate) fn start(&mut self, style: Style) {
        let style = if self.in_cell > 0 && style == Style::Normal {
            Style::TableCell
        } else {
            style
        };
        self.end();
        self.count += 1;
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.open = Some((self.text.len(), style, self.count));
    }

    /// Whether a paragraph is open.
    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The text of the open paragraph so far.
    pub(crate) fn current(&self) -> &str {
        self.open.map_or("", |(s, _, _)| &self.text[s..])
    }

    /// Appends text to the open paragraph.
    pub(crate) fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Appends HTML text coming from `file` bytes of the HTML text.
    pub(crate) fn push_run(&mut self, s: &str, file: Range<usize>, verbatim: bool) {
        let start = self.text.len();
        self.text.push_str(s);
        if let Some(last) = self.runs.last_mut() {
            // Merge with the previous run when both are verbatim and contiguous.
            if verbatim && last.verbatim && last.text.end == start && last.file.end == file.start {
                last.text.end = self.text.len();
                last.file.end = file.end;
                return;
            }
        }
        self.runs.push(Run {
            text: start..self.text.len(),
            file,
            verbatim,
        });
    }

    /// Removes trailing characters of the open paragraph matching `f` (and
    /// the runs they belonged to).
    pub(crate) fn trim_end(&mut self, f: impl Fn(char) -> bool) {
        let Some((start, _, _)) = self.open else {
            return;
        };
        while self.text.len() > start {
            match self.text[start..].chars().last() {
                Some(c) if f(c) => {
                    let n = self.text.len() - c.len_utf8();
                    self.text.truncate(n);
                }
                _ => break,
            }
        }
        let end = self.text.len();
        while let Some(r) = self.runs.last_mut() {
            if r.text.start >= end {
                self.runs.pop();
            } else {
                if r.text.end > end {
                    let cut = r.text.end - end;
                    r.text.end = end;
                    if r.verbatim {
                        r.file.end = r.file.end.saturating_sub(cut).max(r.file.start);
                    }
                }
                break;
            }
        }
    }

    /// Closes the open paragraph.
    pub(crate) fn end(&mut self) {
        if let Some((start, style, paragraph)) = self.open.take() {
            self.blocks.push(Block {
                text: start..self.text.len(),
                style,
                paragraph,
            });
        }
    }

    /// The extracted text and its map.
    pub(crate) fn finish(mut self, kind: Kind) -> Extracted {
        self.end();
        Extracted {
            text: self.text,
            places: PlaceMap {
                kind,
                blocks: self.blocks,
                runs: self.runs,
                html: None,
            },
        }
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError(pub String);

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExtractError {}

/// Extracts the text of a .docx or .odt package (`format` says which).
/// Any other format is returned as an error.
pub fn extract_package(bytes: &[u8], format: Format) -> Result<Extracted, ExtractError> {
    let (ex, too_deep) = match format {
        Format::Docx => docx::extract(bytes)?,
        Format::Odt => odt::extract(bytes)?,
        _ => return Err(ExtractError("not a document package".into())),
    };
    if too_deep {
        return Err(ExtractError(format!(
            "elements nested deeper than {MAX_DEPTH} levels; refused"
        )));
    }
    if ex.text.trim().is_empty() {
        return Err(ExtractError("the document holds no text".into()));
    }
    Ok(ex)
}

/// A source from a document's extracted text.
pub fn source_from(path: impl Into<String>, ex: Extracted) -> Source {
    Source::new(path, ex.text).with_places(Arc::new(ex.places))
}

impl PlaceMap {
    /// The block holding extracted offset `offset`.
    fn block_at(&self, offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.text.start <= offset);
        i.checked_sub(1)
    }

    /// The place of offset `offset` of the extracted `text`, as the
    /// reports name it.
    pub fn location(&self, text: &str, offset: usize) -> Option<Location> {
        match self.kind {
            Kind::Docx | Kind::Odt => {
                let i = self.block_at(offset)?;
                let b = &self.blocks[i];
                let heading = self.blocks[..=i]
                    .iter()
                    .rev()
                    .skip(usize::from(matches!(
                        b.style,
                        Style::Heading(_) | Style::Title
                    )))
                    .find(|h| matches!(h.style, Style::Heading(_) | Style::Title))
                    .map(|h| h.text.clone());
                Some(Location::Paragraph {
                    kind: self.kind.name(),
                    paragraph: b.paragraph,
                    heading: heading.and_then(|r| text.get(r)).map(short_heading),
                })
            }
            Kind::Html => {
                let html = self.html.as_ref()?;
                let at = self.html_offset(offset);
                let lc = html.line_col(at);
                Some(Location::Html {
                    kind: "html",
                    line: lc.line,
                    column: lc.column,
                })
            }
        }
    }

    /// The offset in the HTML text of extracted offset `offset`: exact in a
    /// verbatim run, the start of a non-verbatim run (an entity, collapsed
    /// whitespace) inside it, the end of the previous run between runs.
    pub fn html_offset(&self, offset: usize) -> usize {
        let i = self.runs.partition_point(|r| r.text.start <= offset);
        if i == 0 {
            return self.runs.first().map_or(0, |r| r.file.start);
        }
        let r = &self.runs[i - 1];
        if offset >= r.text.end {
            // Past this run: its end, or the next run's start when the
            // offset is where the next run begins (handled above).
            return r.file.end;
        }
        if r.verbatim {
            r.file.start + (offset - r.text.start)
        } else {
            r.file.start
        }
    }

    /// The HTML-text range an edit of extracted range `span` would replace,
    /// when the range is plain text in the source (verbatim, no markup in
    /// between); `None` otherwise.
    pub fn html_edit_range(&self, span: Range<usize>) -> Option<Range<usize>> {
        if span.start == span.end {
            // An insertion: inside or at the edge of a verbatim run.
            // The runs touching the point: the one ending there, then the
            // one starting there (binary search, not a scan).
            let i = self.runs.partition_point(|r| r.text.end < span.start);
            let r = self.runs[i..]
                .iter()
                .take_while(|r| r.text.start <= span.start)
                .find(|r| r.verbatim)?;
            let at = r.file.start + (span.start - r.text.start);
            return Some(at..at);
        }
        let first = self.runs.partition_point(|r| r.text.end <= span.start);
        let mut pos = span.start;
        let mut file_start = None;
        let mut file_end = 0;
        for r in &self.runs[first..] {
            if pos >= span.end {
                break;
            }
            if !r.verbatim || r.text.start > pos {
                return None;
            }
            let a = r.file.start + (pos - r.text.start);
            if let Some(_s) = file_start {
                if a != file_end {
                    return None; // markup between the two runs
                }
            } else {
                file_start = Some(a);
            }
            let upto = span.end.min(r.text.end);
            file_end = r.file.start + (upto - r.text.start);
            pos = upto;
        }
        if pos < span.end {
            return None;
        }
        file_start.map(|s| s..file_end)
    }
}

/// The text and styles both feature documents (tests/data/documents/
/// features.en.docx and .odt) must extract to, whatever their format.
#[cfg(test)]
pub(crate) fn assert_feature_document(ex: &Extracted) {
    let t = &ex.text;
    assert!(
        t.starts_with("Tram line 4 reaches the university campus\n"),
        "{t}"
    );
    assert!(
        t.contains("The extension of tram line 4 opens on Monday, two months ahead of schedule.\n"),
        "{t}"
    );
    // A line break inside a paragraph stays a line break, a tab a tab.
    assert!(
        t.contains("Nadia Okafor, press officer\nPhone:\t+44 20 7946 0456\n"),
        "{t}"
    );
    // Table cells row by row.
    assert!(
        t.contains("\nStop\nOpening\nCampus North\n15 June 2026\n"),
        "{t}"
    );
    let styles: Vec<Style> = ex.places.blocks.iter().map(|b| b.style).collect();
    assert_eq!(styles[0], Style::Title);
    assert_eq!(styles[2], Style::Heading(1));
    assert_eq!(styles[5], Style::ListItem);
    assert_eq!(styles[7], Style::TableCell);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of("a/B.DOCX"), Format::Docx);
        assert_eq!(Format::of("x.odt"), Format::Odt);
        assert_eq!(Format::of("x.htm"), Format::Html);
        assert_eq!(Format::of("x.md"), Format::Markdown);
        assert_eq!(Format::of("x.txt"), Format::Text);
        assert_eq!(Format::of("README"), Format::Text);
        assert!(!Format::Docx.fixable() && Format::Html.fixable());
    }
}
