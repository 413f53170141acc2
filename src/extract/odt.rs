//! OpenDocument text (.odt): the paragraphs and headings of content.xml.
//!
//! Tracked changes read as accepted (the deleted text ODF keeps in
//! `text:tracked-changes` is not read); notes (footnotes, endnotes),
//! annotations (comments), frames and the table of contents are not read.
//! Whitespace collapses as ODF says (`text:s` is counted spaces),
//! `text:tab` is a tab, `text:line-break` a line break, table cells row
//! by row.

use std::collections::HashMap;

use roxmltree::Node;

use super::package::Package;
use super::xml::{attr, child, is, parse};
use super::{Builder, ExtractError, Extracted, Kind, Style};

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

/// Paragraph styles: name → (parent, default outline level).
#[derive(Default)]
struct Styles(HashMap<String, (Option<String>, Option<u8>)>);

impl Styles {
    fn add(&mut self, root: Node) {
        for group in root
            .children()
            .filter(|g| is(*g, OFFICE, "styles") || is(*g, OFFICE, "automatic-styles"))
        {
            for s in group.children().filter(|s| is(*s, STYLE, "style")) {
                let Some(name) = attr(s, STYLE, "name") else {
                    continue;
                };
                let parent = attr(s, STYLE, "parent-style-name").map(str::to_string);
                let outline = attr(s, STYLE, "default-outline-level").and_then(|v| v.parse().ok());
                self.0.insert(name.to_string(), (parent, outline));
            }
        }
    }

    /// The style a paragraph style name stands for, following parents.
    fn style(&self, name: &str) -> Style {
        let mut name = name.to_string();
        for _ in 0..8 {
            let s = style_of_name(&name);
            if s != Style::Normal {
                return s;
            }
            match self.0.get(&name) {
                Some((_, Some(l))) if *l > 0 => return Style::Heading(*l),
                Some((Some(p), _)) => name = p.clone(),
                _ => break,
            }
        }
        Style::Normal
    }
}

/// ODF style names encode spaces as `_20_` ("Heading_20_1").
fn style_of_name(name: &str) -> Style {
    let n = name.replace("_20_", " ").to_lowercase();
    if n == "title" {
        return Style::Title;
    }
    if let Some(l) = n
        .strip_prefix("heading ")
        .and_then(|l| l.parse::<u8>().ok())
    {
        return Style::Heading(l);
    }
    if n.starts_with("list paragraph")
        || n.starts_with("list bullet")
        || n.starts_with("list number")
    {
        return Style::ListItem;
    }
    Style::Normal
}

/// Extracts the text of an .odt package.
pub(crate) fn extract(bytes: &[u8]) -> Result<(Extracted, bool), ExtractError> {
    let mut pkg = Package::open(bytes, "OpenDocument text")?;
    if let Some(manifest) = pkg.part("META-INF/manifest.xml")? {
        if manifest.contains("encryption-data") {
            return Err(ExtractError(
                "an encrypted (password-protected) OpenDocument text; save it without a password"
                    .into(),
            ));
        }
    }
    let Some(content) = pkg.part("content.xml")? else {
        return Err(ExtractError(
            "not an OpenDocument text: the package has no content.xml".into(),
        ));
    };
    let mut styles = Styles::default();
    let styles_xml = if pkg.has("styles.xml") {
        pkg.part("styles.xml")?
    } else {
        None
    };
    if let Some(x) = &styles_xml {
        styles.add(parse("styles.xml", x)?.root_element());
    }
    let doc = parse("content.xml", &content)?;
    styles.add(doc.root_element());
    let Some(text) =
        child(doc.root_element(), OFFICE, "body").and_then(|b| child(b, OFFICE, "text"))
    else {
        return Err(ExtractError(
            "not an OpenDocument text: content.xml has no office:text body".into(),
        ));
    };
    let mut b = Builder::new();
    blocks(text, &styles, false, &mut b);
    let too_deep = b.too_deep;
    Ok((b.finish(Kind::Odt), too_deep))
}

/// Reads block-level content (the body, a section, a list item, a cell).
fn blocks(n: Node, styles: &Styles, in_list: bool, b: &mut Builder) {
    if !b.enter() {
        return;
    }
    for c in n.children().filter(Node::is_element) {
        let ns = c.tag_name().namespace();
        let name = c.tag_name().name();
        if ns == Some(TEXT) {
            match name {
                "p" => {
                    let mut style =
                        attr(c, TEXT, "style-name").map_or(Style::Normal, |s| styles.style(s));
                    if in_list && style == Style::Normal {
                        style = Style::ListItem;
                    }
                    paragraph(c, style, b);
                }
                "h" => {
                    let style = match attr(c, TEXT, "style-name").map(|s| styles.style(s)) {
                        Some(Style::Title) => Style::Title,
                        _ => Style::Heading(
                            attr(c, TEXT, "outline-level")
                                .and_then(|l| l.parse().ok())
                                .unwrap_or(1),
                        ),
                    };
                    paragraph(c, style, b);
                }
                "list" => blocks(c, styles, true, b),
                "list-item" | "list-header" | "section" | "index-body" => {
                    blocks(c, styles, in_list, b)
                }
                _ => {}
            }
        } else if ns == Some(TABLE) {
            match name {
                "table" | "table-header-rows" | "table-rows" | "table-row-group" | "table-row" => {
                    blocks(c, styles, false, b)
                }
                "table-cell" => {
                    b.in_cell += 1;
                    blocks(c, styles, false, b);
                    b.in_cell -= 1;
                }
                _ => {}
            }
        }
    }
    b.leave();
}

fn paragraph(p: Node, style: Style, b: &mut Builder) {
    b.start(style);
    inline(p, b);
    b.trim_end(|c| c == ' ');
    b.end();
}

/// Reads the inline content of a paragraph.
fn inline(n: Node, b: &mut Builder) {
    if !b.enter() {
        return;
    }
    for c in n.children() {
        if c.is_text() {
            push_collapsed(c.text().unwrap_or(""), b);
            continue;
        }
        if !c.is_element() {
            continue;
        }
        let ns = c.tag_name().namespace();
        let name = c.tag_name().name();
        if ns == Some(TEXT) {
            match name {
                "s" => {
                    let n: usize = attr(c, TEXT, "c").and_then(|v| v.parse().ok()).unwrap_or(1);
                    b.push(&" ".repeat(n.min(1000)));
                }
                "tab" => b.push("\t"),
                "line-break" => b.push("\n"),
                "note" | "tracked-changes" | "change" | "change-start" | "change-end"
                | "soft-page-break" | "bookmark" | "bookmark-start" | "bookmark-end" => {}
                _ => inline(c, b),
            }
        } else if ns == Some(OFFICE) {
            // office:annotation (comments) and its end marker: not read.
        } else if ns.is_some_and(|n| n.contains("opendocument:xmlns:drawing")) {
            // Frames and shapes: not read.
        } else {
            inline(c, b);
        }
    }
    b.leave();
}

/// Appends ODF text: a run of spaces, tabs and line ends is one space, and
/// none at the start of a paragraph or after a space.
fn push_collapsed(s: &str, b: &mut Builder) {
    let mut out = String::with_capacity(s.len());
    let cur = b.current();
    let mut space_before = cur.is_empty() || cur.ends_with([' ', '\n']);
    for ch in s.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r') {
            if !space_before {
                out.push(' ');
                space_before = true;
            }
        } else {
            out.push(ch);
            space_before = false;
        }
    }
    b.push(&out);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEATURES: &[u8] = include_bytes!("../../tests/data/documents/features.en.odt");

    #[test]
    fn accepted_text_without_notes_or_annotations() {
        let (ex, _) = extract(FEATURES).unwrap();
        super::super::assert_feature_document(&ex);
        let t = &ex.text;
        for absent in ["wrongly deleted", "Footnote", "Comment", "http"] {
            assert!(!t.contains(absent), "{absent} in {t}");
        }
        assert!(t.contains("The works cost 18 million euros. Details are on the project page, updated on 12 June 2026."), "{t}");
    }
}
