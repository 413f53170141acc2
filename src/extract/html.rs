//! HTML (.html, .htm): the text of a page's main content.
//!
//! The content is the `<main>` element when the page has one, else its
//! `<article>` elements, else the body; `<nav>`, `<aside>`, scripts,
//! styles, templates, forms' controls and embedded objects are never read,
//! nor (outside `<main>`/`<article>`) `<header>` and `<footer>`. Block
//! elements are paragraphs, `<h1>`–`<h6>` headings, `<li>` list items,
//! `<br>` a line break; whitespace collapses as a browser collapses it and
//! character references are decoded (`&nbsp;` is U+00A0). Every text run
//! keeps the byte range it comes from (html5gum's token spans), so a
//! finding points at the source, and a fix edits the source where the text
//! is written there as is.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::{Builder, Extracted, Kind, Style};

/// Elements whose content is never read.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "template", "noscript", "nav", "aside", "svg", "math", "iframe",
    "object", "select", "textarea", "button", "canvas", "video", "audio", "map",
];

/// Elements that open or close a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// What part of the page is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Main,
    Article,
    Body,
}

fn tokens(html: &str) -> impl Iterator<Item = Token<usize>> + '_ {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter).filter_map(Result::ok)
}

fn name(n: &[u8]) -> String {
    String::from_utf8_lossy(n).to_ascii_lowercase()
}

/// Extracts the main text of the HTML text `html` (the text may be empty:
/// the caller reports a page without text).
pub fn extract(html: &str) -> Extracted {
    let mut has_main = false;
    let mut has_article = false;
    let mut has_body = false;
    for t in tokens(html) {
        if let Token::StartTag(s) = t {
            match name(&s.name).as_str() {
                "main" => has_main = true,
                "article" => has_article = true,
                "body" => has_body = true,
                _ => {}
            }
        }
    }
    let scope = if has_main {
        Scope::Main
    } else if has_article {
        Scope::Article
    } else {
        Scope::Body
    };
    let mut x = Extractor {
        b: Builder::new(),
        html,
        scope_depth: 0,
        in_body: !has_body,
        skip: None,
        pre: 0,
        pending: None,
        line_start: true,
    };
    for t in tokens(html) {
        x.token(t, scope);
    }
    x.flush();
    x.b.finish(Kind::Html)
}

struct Extractor<'h> {
    b: Builder,
    html: &'h str,
    /// How many scope elements (main or article) are open.
    scope_depth: usize,
    /// Inside `<body>` (or the page has no body tag).
    in_body: bool,
    /// A skipped element being passed over, and how deep.
    skip: Option<(String, usize)>,
    /// Open `<pre>` elements.
    pre: usize,
    /// Collapsible whitespace seen after the last text, not yet written:
    /// its file range.
    pending: Option<std::ops::Range<usize>>,
    /// Nothing written on the current line yet.
    line_start: bool,
}

impl Extractor<'_> {
    fn reading(&self, scope: Scope) -> bool {
        self.in_body
            && self.skip.is_none()
            && match scope {
                Scope::Body => true,
                _ => self.scope_depth > 0,
            }
    }

    fn flush(&mut self) {
        self.pending = None;
        if self.b.is_open() {
            self.b.trim_end(|c| c == ' ' || c == '\n');
            self.b.end();
        }
        self.line_start = true;
    }

    fn token(&mut self, t: Token<usize>, scope: Scope) {
        match t {
            Token::StartTag(s) => {
                let n = name(&s.name);
                if let Some((skipped, depth)) = &mut self.skip {
                    if *skipped == n && !s.self_closing {
                        *depth += 1;
                    }
                    return;
                }
                if n == "body" {
                    self.in_body = true;
                }
                let outside_scope = scope == Scope::Body || self.scope_depth == 0;
                if SKIPPED.contains(&n.as_str())
                    || (outside_scope && (n == "header" || n == "footer"))
                {
                    if !s.self_closing {
                        self.skip = Some((n, 1));
                    }
                    return;
                }
                if (scope == Scope::Main && n == "main")
                    || (scope == Scope::Article && n == "article")
                {
                    self.scope_depth += 1;
                }
                if !self.reading(scope) {
                    return;
                }
                if n == "br" {
                    if self.b.is_open() {
                        self.b.trim_end(|c| c == ' ');
                        self.b.push("\n");
                    }
                    self.pending = None;
                    self.line_start = true;
                    return;
                }
                if BLOCKS.contains(&n.as_str()) {
                    self.flush();
                    let style = match n.as_str() {
                        "h1" => Some(Style::Heading(1)),
                        "h2" => Some(Style::Heading(2)),
                        "h3" => Some(Style::Heading(3)),
                        "h4" => Some(Style::Heading(4)),
                        "h5" => Some(Style::Heading(5)),
                        "h6" => Some(Style::Heading(6)),
                        "li" | "dt" | "dd" => Some(Style::ListItem),
                        _ => None,
                    };
                    if let Some(style) = style {
                        self.b.start(style);
                    }
                    if n == "pre" {
                        self.pre += 1;
                    }
                    if n == "table" {
                        // Paragraphs inside a table are cells (a cell's
                        // end tag may be left out).
                        self.b.in_cell += 1;
                    }
                }
            }
            Token::EndTag(e) => {
                let n = name(&e.name);
                if let Some((skipped, depth)) = &mut self.skip {
                    if *skipped == n {
                        *depth -= 1;
                        if *depth == 0 {
                            self.skip = None;
                        }
                    }
                    return;
                }
                let reading = self.reading(scope);
                if reading && BLOCKS.contains(&n.as_str()) {
                    self.flush();
                    if n == "pre" {
                        self.pre = self.pre.saturating_sub(1);
                    }
                    if n == "table" {
                        self.b.in_cell = self.b.in_cell.saturating_sub(1);
                    }
                }
                if (scope == Scope::Main && n == "main")
                    || (scope == Scope::Article && n == "article")
                {
                    self.scope_depth = self.scope_depth.saturating_sub(1);
                }
                if n == "body" {
                    self.in_body = false;
                }
            }
            Token::String(s) => {
                if !self.reading(scope) {
                    return;
                }
                let span = s.span.start..s.span.end.min(self.html.len());
                if let Some(raw) = self.html.get(span.clone()) {
                    self.text(raw, span.start);
                }
            }
            _ => {}
        }
    }

    /// Writes the text `raw` found at file offset `at`.
    fn text(&mut self, raw: &str, at: usize) {
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            let c = bytes[i];
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                let start = i;
                while i < raw.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                    i += 1;
                }
                if self.pre > 0 {
                    let ws = raw[start..i].replace("\r\n", "\n").replace('\r', "\n");
                    self.open();
                    let verbatim = ws == raw[start..i];
                    self.b.push_run(&ws, at + start..at + i, verbatim);
                } else if !self.line_start && self.pending.is_none() {
                    self.pending = Some(at + start..at + i);
                }
                continue;
            }
            if c == b'&' {
                let end = entity_end(raw, i);
                let decoded = decode_entity(&raw[i..end]);
                self.open();
                self.b
                    .push_run(&decoded, at + i..at + end, decoded == raw[i..end]);
                self.line_start = false;
                i = end;
                continue;
            }
            // A run of other characters, written as is.
            let start = i;
            while i < raw.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'&') {
                i += 1;
            }
            let mut s = &raw[start..i];
            let mut from = at + start;
            if self.line_start {
                // A byte-order mark is not text.
                let t = s.trim_start_matches('\u{feff}');
                from += s.len() - t.len();
                s = t;
                if s.is_empty() {
                    continue;
                }
            }
            self.open();
            self.b.push_run(s, from..at + i, true);
            self.line_start = false;
        }
    }

    /// Opens a paragraph if none is, and writes a pending space.
    fn open(&mut self) {
        if !self.b.is_open() {
            self.b.start(Style::Normal);
            self.pending = None;
        }
        if let Some(p) = self.pending.take() {
            let verbatim = self.html.get(p.clone()) == Some(" ");
            self.b.push_run(" ", p, verbatim);
        }
    }
}

/// The end of the character reference starting at `i` (`&…;`).
fn entity_end(raw: &str, i: usize) -> usize {
    let b = raw.as_bytes();
    let mut j = i + 1;
    if b.get(j) == Some(&b'#') {
        j += 1;
        if matches!(b.get(j), Some(b'x' | b'X')) {
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_hexdigit) {
                j += 1;
            }
        } else {
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
        }
    } else {
        while b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
        }
    }
    if b.get(j) == Some(&b';') {
        j += 1;
    }
    j
}

/// Decodes one character reference as the HTML tokenizer does (a text
/// that is not one stays as written).
fn decode_entity(s: &str) -> String {
    if s.len() <= 1 {
        return s.to_string();
    }
    let mut out = String::new();
    for t in Tokenizer::new(s).flatten() {
        if let Token::String(v) = t {
            out.push_str(&String::from_utf8_lossy(&v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(html: &str) -> Vec<(String, Style)> {
        let ex = extract(html);
        ex.places
            .blocks
            .iter()
            .map(|b| (ex.text[b.text.clone()].to_string(), b.style))
            .collect()
    }

    #[test]
    fn main_content_blocks_and_entities() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>\n<body><nav><a>Home</a></nav><header>Site</header>\n<main><h1>Le  titre</h1>\n<p>Prix&nbsp;: 10&#8239;€<br>  ligne deux</p><ul><li>un</li><li>deux</li></ul><script>var x;</script></main><footer>F</footer></body></html>";
        assert_eq!(
            paras(html),
            vec![
                ("Le titre".to_string(), Style::Heading(1)),
                (
                    "Prix\u{a0}: 10\u{202f}€\nligne deux".to_string(),
                    Style::Normal
                ),
                ("un".to_string(), Style::ListItem),
                ("deux".to_string(), Style::ListItem),
            ]
        );
    }

    #[test]
    fn runs_map_back_to_the_file() {
        let html = "<body><p>The  the cat&amp;dog</p></body>";
        let ex = extract(html);
        assert_eq!(ex.text, "The the cat&dog");
        let map = &ex.places;
        // "cat" is verbatim.
        let cat = ex.text.find("cat").unwrap();
        assert_eq!(map.html_offset(cat), html.find("cat").unwrap());
        assert_eq!(
            map.html_edit_range(cat..cat + 3),
            Some(html.find("cat").unwrap()..html.find("cat").unwrap() + 3)
        );
        // The collapsed double space is not plain text in the source.
        assert_eq!(map.html_edit_range(3..4), None);
        // "&" comes from "&amp;".
        let amp = ex.text.find('&').unwrap();
        assert_eq!(map.html_edit_range(amp..amp + 1), None);
        assert_eq!(map.html_offset(amp), html.find("&amp;").unwrap());
    }

    #[test]
    fn markup_between_runs_blocks_an_edit() {
        let html = "<p>the <b>the</b> end</p>";
        let ex = extract(html);
        assert_eq!(ex.text, "the the end");
        assert_eq!(ex.places.html_edit_range(0..7), None);
        assert_eq!(ex.places.html_edit_range(0..4), Some(3..7));
    }

    #[test]
    fn tag_soup_never_panics_and_verbatim_runs_are_the_file() {
        let pages = [
            "\u{feff}<p>é &",
            "<p>&#",
            "<p>a &#x; b &#99999999; c &#0; d &notanentity; e &amp</p>",
            "<pre>\n  keep  this\r\n<br>x</pre><p>after</p>",
            "<div><p>open <b>never closed <i>deep",
            "</p></div></body></html>text after close",
            "<body><main><p>x</p></main><main><p>y</p></main></body>",
            "<script>if (a < b) { document.write('<main>') }</script><p>z</p>",
            "<nav><nav></nav>still nav</nav><p>read</p>",
            "<!-- <p>comment</p> --><p>é\u{a0}: «\u{202f}x\u{202f}»</p>",
            "",
        ];
        for page in pages {
            let ex = extract(page);
            for r in &ex.places.runs {
                if r.verbatim {
                    assert_eq!(&ex.text[r.text.clone()], &page[r.file.clone()], "{page:?}");
                }
                assert!(
                    ex.text.is_char_boundary(r.text.start) && page.is_char_boundary(r.file.start)
                );
            }
            for b in &ex.places.blocks {
                assert!(ex.text.get(b.text.clone()).is_some(), "{page:?}");
            }
            for i in 0..=ex.text.len() {
                if ex.text.is_char_boundary(i) {
                    assert!(ex.places.html_offset(i) <= page.len(), "{page:?}");
                }
            }
        }
        assert_eq!(
            extract("<nav><nav></nav>still nav</nav><p>read</p>").text,
            "read"
        );
        assert_eq!(
            extract("<script>document.write('<main>')</script><p>z</p>").text,
            "z"
        );
    }

    #[test]
    fn article_without_main_and_body_without_either() {
        let p = paras("<body><header><h1>Site</h1></header><article><header><h1>Head</h1></header><p>Text.</p></article></body>");
        assert_eq!(p[0].0, "Head");
        assert_eq!(p[1].0, "Text.");
        let p = paras("<body><header>Menu</header><p>One.</p><div>Two <i>three</i></div><footer>x</footer></body>");
        assert_eq!(
            p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["One.", "Two three"]
        );
        assert!(extract("<html><body><script>x</script></body></html>")
            .text
            .is_empty());
    }
}
