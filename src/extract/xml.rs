//! XML helpers shared by the .docx and .odt extractors.

use roxmltree::{Document, Node, ParsingOptions};

use super::ExtractError;

/// Parses the XML of part `name`; an error names the part, line and column.
pub(crate) fn parse<'a>(name: &str, xml: &'a str) -> Result<Document<'a>, ExtractError> {
    let opts = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(xml, opts)
        .map_err(|e| ExtractError(format!("malformed XML in {name}: {e}")))
}

/// Whether `n` is element `local` in namespace `ns`.
pub(crate) fn is(n: Node, ns: &str, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(ns)
}

/// The first child element `local` in namespace `ns`.
pub(crate) fn child<'a, 'i>(n: Node<'a, 'i>, ns: &str, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, ns, local))
}

/// The value of attribute `local` in namespace `ns`.
pub(crate) fn attr<'a>(n: Node<'a, '_>, ns: &str, local: &str) -> Option<&'a str> {
    n.attribute((ns, local))
}
