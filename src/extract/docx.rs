//! Word (.docx, Office Open XML) text: the body's paragraphs in order.
//!
//! Read as a reader sees the document with tracked changes accepted:
//! insertions (`w:ins`, `w:moveTo`) kept, deletions (`w:del`,
//! `w:moveFrom`, `w:delText`) dropped; comments, footnotes, endnotes,
//! headers, footers, field codes (`w:instrText`) and drawings (text boxes
//! included) are not read. A field or a hyperlink reads as its displayed
//! text, `w:br`/`w:cr` as a line break, `w:tab` as a tab, table cells row
//! by row, each cell's paragraphs in turn.

use std::collections::HashMap;

use roxmltree::Node;

use super::package::Package;
use super::xml::{attr, child, is, parse};
use super::{Builder, ExtractError, Extracted, Kind, Style};

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Paragraph styles by style id: (name in lower case, outline level, based on).
struct Styles(HashMap<String, (String, Option<u8>, Option<String>)>);

impl Styles {
    fn parse(xml: Option<&str>) -> Result<Styles, ExtractError> {
        let mut map = HashMap::new();
        let Some(xml) = xml else {
            return Ok(Styles(map));
        };
        let doc = parse("word/styles.xml", xml)?;
        for s in doc.root_element().children().filter(|n| is(*n, W, "style")) {
            let Some(id) = attr(s, W, "styleId") else {
                continue;
            };
            let name = child(s, W, "name")
                .and_then(|n| attr(n, W, "val"))
                .unwrap_or(id)
                .to_lowercase();
            let outline = child(s, W, "pPr")
                .and_then(|p| child(p, W, "outlineLvl"))
                .and_then(|o| attr(o, W, "val"))
                .and_then(|v| v.parse::<u8>().ok());
            let based = child(s, W, "basedOn")
                .and_then(|b| attr(b, W, "val"))
                .map(str::to_string);
            map.insert(id.to_string(), (name, outline, based));
        }
        Ok(Styles(map))
    }

    /// The style of paragraph style id `id`, following `basedOn` a few steps.
    fn style(&self, id: &str) -> Style {
        let mut id = id.to_string();
        for _ in 0..6 {
            let Some((name, outline, based)) = self.0.get(&id) else {
                return style_of_name(&id.to_lowercase());
            };
            let s = style_of_name(name);
            if s != Style::Normal {
                return s;
            }
            if let Some(l) = outline.filter(|l| *l < 9) {
                return Style::Heading(l + 1);
            }
            match based {
                Some(b) => id = b.clone(),
                None => break,
            }
        }
        Style::Normal
    }
}

/// The style a (lower-case) style name stands for.
fn style_of_name(name: &str) -> Style {
    if name == "title" {
        return Style::Title;
    }
    if let Some(n) = name
        .strip_prefix("heading ")
        .or_else(|| name.strip_prefix("heading"))
    {
        if let Ok(l) = n.trim().parse::<u8>() {
            return Style::Heading(l);
        }
    }
    if name.starts_with("list paragraph")
        || name.starts_with("list bullet")
        || name.starts_with("list number")
        || name.starts_with("listparagraph")
    {
        return Style::ListItem;
    }
    Style::Normal
}

/// Extracts the text of a .docx package.
pub(crate) fn extract(bytes: &[u8]) -> Result<(Extracted, bool), ExtractError> {
    let mut pkg = Package::open(bytes, "Word document")?;
    let Some(body_xml) = pkg.part("word/document.xml")? else {
        return Err(ExtractError(
            "not a Word document: the package has no word/document.xml".into(),
        ));
    };
    let styles = pkg.part("word/styles.xml")?;
    let styles = Styles::parse(styles.as_deref())?;
    let doc = parse("word/document.xml", &body_xml)?;
    let Some(body) = child(doc.root_element(), W, "body") else {
        return Err(ExtractError(
            "not a Word document: word/document.xml has no body".into(),
        ));
    };
    let mut b = Builder::new();
    blocks(body, &styles, &mut b);
    let too_deep = b.too_deep;
    Ok((b.finish(Kind::Docx), too_deep))
}

/// Reads the block-level content of `n` (the body, a table cell, a content control).
fn blocks(n: Node, styles: &Styles, b: &mut Builder) {
    if !b.enter() {
        return;
    }
    for c in n.children().filter(|c| c.tag_name().namespace() == Some(W)) {
        match c.tag_name().name() {
            "p" => paragraph(c, styles, b),
            "tbl" => {
                for row in c.children().filter(|r| is(*r, W, "tr")) {
                    for cell in row.children().filter(|x| is(*x, W, "tc")) {
                        b.in_cell += 1;
                        blocks(cell, styles, b);
                        b.in_cell -= 1;
                    }
                }
            }
            "sdt" => {
                if let Some(content) = child(c, W, "sdtContent") {
                    blocks(content, styles, b);
                }
            }
            "ins" | "moveTo" | "customXml" => blocks(c, styles, b),
            _ => {}
        }
    }
    b.leave();
}

/// The declared style of paragraph `p`.
fn paragraph_style(p: Node, styles: &Styles) -> Style {
    let Some(ppr) = child(p, W, "pPr") else {
        return Style::Normal;
    };
    let mut style = child(ppr, W, "pStyle")
        .and_then(|s| attr(s, W, "val"))
        .map_or(Style::Normal, |id| styles.style(id));
    if style == Style::Normal {
        if let Some(l) = child(ppr, W, "outlineLvl")
            .and_then(|o| attr(o, W, "val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9)
        {
            style = Style::Heading(l + 1);
        } else if child(ppr, W, "numPr")
            .and_then(|n| child(n, W, "numId"))
            .and_then(|n| attr(n, W, "val"))
            .is_some_and(|v| v != "0")
        {
            style = Style::ListItem;
        }
    }
    style
}

fn paragraph(p: Node, styles: &Styles, b: &mut Builder) {
    b.start(paragraph_style(p, styles));
    inline(p, b);
    b.end();
}

/// Reads the runs of a paragraph (recursively through insertions,
/// hyperlinks, fields, smart tags and content controls).
fn inline(n: Node, b: &mut Builder) {
    if !b.enter() {
        return;
    }
    for c in n.children().filter(Node::is_element) {
        if c.tag_name().namespace() != Some(W) {
            // Math, drawings and alternate content (text boxes) are not read.
            continue;
        }
        match c.tag_name().name() {
            "t" => b.push(c.text().unwrap_or("")),
            "tab" | "ptab" => b.push("\t"),
            "br" | "cr" => b.push("\n"),
            "noBreakHyphen" => b.push("\u{2011}"),
            // An optional hyphen shows only where Word breaks the line.
            "softHyphen" => {}
            "sym" => {
                if let Some(ch) = attr(c, W, "char")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|ch| !('\u{e000}'..='\u{f8ff}').contains(ch))
                {
                    b.push(ch.encode_utf8(&mut [0; 4]));
                }
            }
            // Not text, or not text of the accepted document.
            "pPr"
            | "rPr"
            | "sdtPr"
            | "sdtEndPr"
            | "del"
            | "moveFrom"
            | "delText"
            | "instrText"
            | "delInstrText"
            | "footnoteReference"
            | "endnoteReference"
            | "commentReference"
            | "annotationRef"
            | "drawing"
            | "pict"
            | "object"
            | "fldChar"
            | "footnoteRef"
            | "endnoteRef"
            | "separator"
            | "continuationSeparator"
            | "lastRenderedPageBreak" => {}
            _ => inline(c, b),
        }
    }
    b.leave();
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEATURES: &[u8] = include_bytes!("../../tests/data/documents/features.en.docx");

    #[test]
    fn accepted_text_without_notes_comments_or_field_codes() {
        let (ex, _) = extract(FEATURES).unwrap();
        super::super::assert_feature_document(&ex);
        let t = &ex.text;
        for absent in [
            "wrongly deleted",
            "Footnote",
            "Comment",
            "PAGE",
            "DATE",
            "http",
        ] {
            assert!(!t.contains(absent), "{absent} in {t}");
        }
        assert!(
            t.contains("Details are on the project page, updated on 12 June 2026 and 1."),
            "{t}"
        );
        assert_eq!(ex.places.blocks[12].paragraph, 13);
        // Paragraph 13 holds two lines; the place of its second line is
        // still paragraph 13, under the last heading.
        let at = t.find("Phone").unwrap();
        assert_eq!(
            ex.places.location(t, at),
            Some(super::super::Location::Paragraph {
                kind: "docx",
                paragraph: 13,
                heading: Some("New stops".into())
            })
        );
    }

    #[test]
    fn not_a_package_or_no_body() {
        let e = extract(b"PK\x03\x04 truncated").unwrap_err();
        assert!(
            e.0.starts_with("not a readable Word document (corrupt zip"),
            "{e}"
        );
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend_from_slice(&[0; 504]);
        let e = extract(&ole).unwrap_err();
        assert!(e.0.contains("encrypted (password-protected)"), "{e}");
    }
}
