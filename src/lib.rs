//! prlint: a linter and validator for press releases.
//!
//! The pipeline: [`source::Source`] (text and line index) →
//! [`document::Document`] (paragraphs, sentences, words, sections) →
//! rules ([`rule`]) → [`diagnostic::Diagnostic`]s → a report ([`output`]).
//! The library never prints; the binary's `cli` module does.

pub mod baseline;
pub mod config;
pub mod dates;
pub mod detect;
pub mod diagnostic;
pub mod document;
pub mod embargo;
pub mod extract;
pub mod figures;
pub mod fix;
pub mod lang;
pub mod linter;
pub mod load;
pub mod morph;
pub mod office;
pub mod output;
pub mod parity;
pub mod people;
pub mod regex_cache;
pub mod regex_trigger;
pub mod rule;
pub mod rules;
pub mod selfcheck;
pub mod source;
pub mod spell;
pub mod suppress;
