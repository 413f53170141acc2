//! The document model: a release read once into lines, paragraphs,
//! sentences, words, sections and language regions, shared read-only by
//! every rule.

pub mod contact;
pub mod halves;
pub mod markdown;
pub mod sections;
pub mod text;
pub mod tokens;
pub mod words;

use std::ops::Range;

pub use sections::{BlockKind, SectionKind, SectionParser};
pub use text::Line;
pub use tokens::{Sentence, Word};
pub use words::{Lexicon, WordFlags, WordId};

use crate::extract::Style;
use crate::source::{Source, Span};

/// One paragraph and its role.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// The paragraph's text, from its first to its last non-blank character
    /// (Markdown heading marks and list bullets excluded).
    pub span: Span,
    /// 0-based indices of the lines it covers.
    pub lines: Range<usize>,
    /// Its role in the release.
    pub kind: BlockKind,
    /// Index into [`Document::sections`].
    pub section: usize,
    /// Index into [`Document::regions`].
    pub region: usize,
    /// Its sentences, as indices into [`Document::sentences`].
    pub sentences: Range<usize>,
    /// Its words, as indices into [`Document::words`].
    pub words: Range<usize>,
    /// A dateline at its start ("Brussels, 11 February 2021").
    pub dateline: Option<Span>,
}

/// A run of paragraphs with one purpose (a body part under a subheading, the
/// contact block, the boilerplate).
#[derive(Debug, Clone)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// The paragraph that heads it, if any.
    pub heading: Option<usize>,
    /// Its paragraphs (heading included).
    pub paras: Range<usize>,
}

/// A language half of a release (one region for most releases; two or more
/// for a bilingual release marked "FR" / "NL").
#[derive(Debug, Clone)]
pub struct Region {
    /// The language its marker names, if any.
    pub lang: Option<String>,
    /// Its paragraphs.
    pub paras: Range<usize>,
    /// Told by its function words, not by a marker line (an unmarked
    /// bilingual release).
    pub inferred: bool,
}

/// The name-level tokens of a document ([`Document::people_tokens`]).
#[derive(Debug)]
struct PeopleTokens {
    /// By paragraph.
    paras: Vec<Vec<crate::people::tokens::Tok>>,
    folds: crate::people::tokens::Folds,
}

/// A parsed release.
#[derive(Debug)]
pub struct Document {
    source: Source,
    lang: String,
    markdown: bool,
    lines: Vec<Line>,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    words: Vec<Word>,
    lexicon: Lexicon,
    sections: Vec<Section>,
    regions: Vec<Region>,
    people: std::sync::OnceLock<crate::people::People>,
    /// Name-level tokens per paragraph and their folded forms, split on
    /// first use.
    people_tokens: std::sync::OnceLock<PeopleTokens>,
    allowed: Vec<String>,
    /// Markdown that is not prose (code, HTML comments, front matter, link
    /// targets): sorted, disjoint byte ranges.
    masked: Vec<Span>,
}

impl Document {
    /// Parses `source`. `lang` is the release's language (a code such as
    /// "fr"); Markdown is recognised by the `.md`/`.markdown` extension.
    pub fn parse(source: Source, lang: &str, parser: &SectionParser) -> Document {
        let path = source.path().to_lowercase();
        let markdown = path.ends_with(".md") || path.ends_with(".markdown");
        let lines = text::lines(&source);
        // A document's paragraphs (.docx, .odt, .html) are paragraphs
        // whatever their layout, and their styles are hints.
        let block_starts: Option<Vec<bool>> = source.places().map(|p| {
            let mut v = vec![false; lines.len()];
            for b in &p.blocks {
                if let Some(x) = v.get_mut(source.line_index(b.text.start)) {
                    *x = true;
                }
            }
            v
        });
        let groups =
            text::paragraphs_with_starts(&source, &lines, markdown, block_starts.as_deref());
        let text = source.text();

        let mut paragraphs = Vec::with_capacity(groups.len());
        let mut sentences = Vec::new();
        // About one word per six bytes of prose: reserving once avoids the
        // doubling overshoot of a growing vector on big releases.
        let mut words = Vec::with_capacity(source.text().len() / 6);
        let masked = if markdown {
            markdown::non_prose(text)
        } else {
            Vec::new()
        };
        let mut in_front_matter = false;
        let mut in_comment = false;
        for (idx, g) in groups.into_iter().enumerate() {
            let start = lines[g.start].trimmed.start;
            let end = lines[g.end - 1].trimmed.end;
            let raw = &text[start..end];
            let mut kind = BlockKind::Body;
            if markdown {
                if idx == 0 && raw.starts_with("---") {
                    in_front_matter = true;
                }
                if in_front_matter || in_comment || raw.starts_with("<!--") {
                    kind = BlockKind::Meta;
                    in_comment = raw.starts_with("<!--") && !raw.contains("-->");
                    if in_front_matter && idx > 0 && raw.lines().any(|l| l.trim() == "---") {
                        in_front_matter = false;
                    }
                    if idx == 0 && raw.lines().skip(1).any(|l| l.trim() == "---") {
                        in_front_matter = false;
                    }
                } else if in_comment {
                    in_comment = !raw.contains("-->");
                }
            }
            let span = content_span(text, start..end, markdown);
            // A code block, a comment or front matter alone is no prose.
            if markdown
                && kind != BlockKind::Meta
                && masked.iter().any(|r| r.start <= start && end <= r.end)
            {
                kind = BlockKind::Meta;
            }
            let s0 = sentences.len();
            let w0 = words.len();
            if kind != BlockKind::Meta {
                tokens::tokenize_with(
                    &text[span.clone()],
                    span.start,
                    idx,
                    &mut sentences,
                    &mut words,
                    &|w| parser.is_month(w),
                );
                if markdown::overlaps(&masked, &span) {
                    unmask_words(&masked, w0, s0, &mut words, &mut sentences);
                }
            }
            paragraphs.push(Paragraph {
                span,
                lines: g,
                kind,
                section: 0,
                region: 0,
                sentences: s0..sentences.len(),
                words: w0..words.len(),
                dateline: None,
            });
        }
        // Kept for the document's life: no growth slack (a 10 MB release's
        // sentences would otherwise hold up to twice their size).
        sentences.shrink_to_fit();
        words.shrink_to_fit();
        let styles: Vec<Style> = match source.places() {
            Some(p) => paragraphs
                .iter()
                .map(|para| {
                    let at = lines[para.lines.start].span.start;
                    let i = p.blocks.partition_point(|b| b.text.start <= at);
                    i.checked_sub(1)
                        .map_or(Style::Normal, |i| p.blocks[i].style)
                })
                .collect(),
            None => vec![Style::Normal; paragraphs.len()],
        };
        let lexicon = words::intern(
            text,
            &mut words,
            sentences
                .iter()
                .filter(|s| !s.words.is_empty())
                .map(|s| s.words.start),
        );
        // Words past the table's limits were dropped: no range points past it.
        let n = words.len();
        let clamp = |r: &mut Range<usize>| *r = r.start.min(n)..r.end.min(n);
        sentences.iter_mut().for_each(|s| clamp(&mut s.words));
        paragraphs.iter_mut().for_each(|p| clamp(&mut p.words));
        let regions = classify(text, &mut paragraphs, &styles, parser, markdown);
        let sections = group_sections(&mut paragraphs);
        Document {
            source,
            lang: lang.to_string(),
            markdown,
            lines,
            paragraphs,
            sentences,
            words,
            lexicon,
            sections,
            regions,
            people: std::sync::OnceLock::new(),
            people_tokens: std::sync::OnceLock::new(),
            allowed: Vec::new(),
            masked,
        }
    }

    /// The byte ranges no rule reads: in Markdown, code (fenced and
    /// indented blocks, inline code), HTML comments, front matter, link and
    /// image targets and link reference definitions. Sorted and disjoint.
    pub fn masked(&self) -> &[Span] {
        &self.masked
    }

    /// Whether a diagnostic at `span` would be about text no rule reads: it
    /// starts or ends in a masked range. A span that merely encloses one is
    /// still about prose, and a span that is a whole paragraph, or empty at
    /// its start, is a structural anchor ("the contact section is missing"
    /// shown on the first paragraph, front matter included), not a finding
    /// about the text there.
    pub fn is_masked(&self, span: &Span) -> bool {
        if self.masked.is_empty()
            || !(markdown::contains(&self.masked, span.start)
                || markdown::contains(&self.masked, span.end.saturating_sub(1).max(span.start)))
        {
            return false;
        }
        let i = self
            .paragraphs
            .partition_point(|p| p.span.start < span.start);
        let anchor = self.paragraphs.get(i).is_some_and(|p| {
            p.span.start == span.start && (span.end == p.span.end || span.is_empty())
        });
        !anchor
    }

    /// Languages allowed beside the release's own (config `bilingual`).
    pub fn allowed_langs(&self) -> &[String] {
        &self.allowed
    }

    /// Allows more second languages (config `bilingual`, globally or per glob).
    pub fn allow_langs(&mut self, langs: &[String]) {
        for l in langs {
            let l = l.to_lowercase();
            if !self.allowed.contains(&l) {
                self.allowed.push(l);
            }
        }
    }

    /// The cache of the people model ([`crate::people::People::of`]).
    pub fn people_cache(&self) -> &std::sync::OnceLock<crate::people::People> {
        &self.people
    }

    /// The name-level tokens of paragraph `para` (empty for metadata),
    /// split once per document and shared by the people model and
    /// `inconsistent-spelling` ([`crate::people::tokens::tokenize`]).
    pub fn people_tokens(&self, para: usize) -> &[crate::people::tokens::Tok] {
        self.people_tokens_all()
            .paras
            .get(para)
            .map_or(&[], Vec::as_slice)
    }

    /// The folded forms of the name-level tokens
    /// ([`crate::people::tokens::Tok::folded`]).
    pub fn people_folds(&self) -> &crate::people::tokens::Folds {
        &self.people_tokens_all().folds
    }

    fn people_tokens_all(&self) -> &PeopleTokens {
        self.people_tokens.get_or_init(|| {
            let mut interner = crate::people::tokens::Interner::default();
            let paras = (0..self.paragraphs.len())
                .map(|i| {
                    if self.paragraphs[i].kind == BlockKind::Meta {
                        Vec::new()
                    } else {
                        crate::people::tokens::tokenize_with(self, i, &mut interner)
                    }
                })
                .collect();
            PeopleTokens {
                paras,
                folds: interner.into_folds(),
            }
        })
    }

    /// The source, taking it out of the document (no copy of the text).
    pub fn into_source(self) -> Source {
        self.source
    }

    /// The source.
    pub fn source(&self) -> &Source {
        &self.source
    }
    /// The full text.
    pub fn text(&self) -> &str {
        self.source.text()
    }
    /// The text of a span.
    pub fn slice(&self, span: &Span) -> &str {
        &self.source.text()[span.clone()]
    }
    /// The release language used by the rules.
    pub fn lang(&self) -> &str {
        &self.lang
    }
    /// The language of paragraph `para` (its region's marker, else the release's).
    pub fn lang_of(&self, para: usize) -> &str {
        self.regions[self.paragraphs[para].region]
            .lang
            .as_deref()
            .unwrap_or(&self.lang)
    }
    /// Whether the release is Markdown.
    pub fn is_markdown(&self) -> bool {
        self.markdown
    }
    /// The lines.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }
    /// The paragraphs.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }
    /// The sentences.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
    /// The words.
    pub fn words(&self) -> &[Word] {
        &self.words
    }
    /// The sections.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
    /// The language regions.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }
    /// The paragraph's text.
    pub fn para_text(&self, para: usize) -> &str {
        self.slice(&self.paragraphs[para].span)
    }
    /// The word's text.
    pub fn word_text(&self, word: usize) -> &str {
        self.slice(&self.words[word].span())
    }
    /// The distinct lower-cased words, by [`WordId`].
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
    /// The lower-cased form of word `word` (`str::to_lowercase`).
    pub fn word_lower(&self, word: usize) -> &str {
        self.lexicon.lower(self.words[word].id())
    }
    /// The section kind of a paragraph.
    pub fn section_kind(&self, para: usize) -> SectionKind {
        self.sections[self.paragraphs[para].section].kind
    }
}

/// Drops the words of the last paragraph (from `w0`; its sentences from
/// `s0`) that lie in a `masked` range, and the sentences left without
/// prose, keeping every sentence's word range right.
fn unmask_words(
    masked: &[Span],
    w0: usize,
    s0: usize,
    words: &mut Vec<Word>,
    sentences: &mut Vec<Sentence>,
) {
    // kept[i]: how many of the paragraph's first i words are kept.
    let mut kept = Vec::with_capacity(words.len() - w0 + 1);
    kept.push(0usize);
    let mut n = 0;
    for w in &words[w0..] {
        if !markdown::overlaps(masked, &w.span()) {
            n += 1;
        }
        kept.push(n);
    }
    let mut i = w0;
    words.retain(|w| {
        let keep = i < w0 || !markdown::overlaps(masked, &w.span());
        i += 1;
        keep
    });
    for s in &mut sentences[s0..] {
        let a = kept.get(s.words.start - w0).copied().unwrap_or(n);
        let b = kept.get(s.words.end - w0).copied().unwrap_or(n);
        s.words = w0 + a..w0 + b;
    }
    let mut j = 0;
    sentences.retain(|s| {
        let keep = j < s0 || !s.words.is_empty() || !markdown::overlaps(masked, &s.span);
        j += 1;
        keep
    });
}

/// The content of a paragraph without Markdown heading marks or bullets.
fn content_span(text: &str, span: Span, markdown: bool) -> Span {
    let s = &text[span.clone()];
    let mut skip = 0;
    if markdown {
        let t = s.trim_start_matches('#');
        if t.len() < s.len() && (t.starts_with(' ') || t.is_empty()) {
            skip = s.len() - t.trim_start().len();
        } else if let Some(rest) = s.strip_prefix("> ") {
            skip = s.len() - rest.len();
        }
    }
    for bullet in ["- ", "* ", "+ ", "• "] {
        if skip == 0 && s.starts_with(bullet) {
            skip = bullet.len() + (s.len() - bullet.len() - s[bullet.len()..].trim_start().len());
        }
    }
    span.start + skip..span.end.max(span.start + skip)
}

/// Assigns a [`BlockKind`] and a region to every paragraph.
fn classify(
    text: &str,
    paras: &mut [Paragraph],
    styles: &[Style],
    parser: &SectionParser,
    markdown: bool,
) -> Vec<Region> {
    // Regions: language marker lines ("FR", "NL") split a bilingual release.
    let mut markers: Vec<(usize, &'static str)> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if p.lines.len() == 1 {
            if let Some(code) = sections::language_marker(&text[p.span.clone()]) {
                markers.push((i, code));
            }
        }
    }
    let distinct = {
        let mut c: Vec<&str> = markers.iter().map(|m| m.1).collect();
        c.sort_unstable();
        c.dedup();
        c.len()
    };
    let mut regions = Vec::new();
    let mut inferred = false;
    if distinct >= 2 {
        if markers[0].0 > 0 {
            regions.push((None, 0..markers[0].0, true));
        }
        for (k, &(i, code)) in markers.iter().enumerate() {
            let end = markers.get(k + 1).map_or(paras.len(), |m| m.0);
            regions.push((Some(code.to_string()), i..end, false));
        }
    } else if let Some((at, a, b)) = parser.function_words().split(text, paras) {
        // Halves without markers, told by their function words.
        inferred = true;
        regions.push((Some(a), 0..at, false));
        regions.push((Some(b), at..paras.len(), false));
    } else {
        regions.push((None, 0..paras.len(), false));
    }
    for (r, (_, range, preamble)) in regions.iter().enumerate() {
        for p in &mut paras[range.clone()] {
            p.region = r;
        }
        if *preamble {
            for p in &mut paras[range.clone()] {
                if p.kind != BlockKind::Meta {
                    p.kind = BlockKind::Header;
                }
            }
        } else {
            classify_region(
                text,
                &mut paras[range.clone()],
                &styles[range.clone()],
                parser,
                markdown,
            );
        }
    }
    regions
        .into_iter()
        .map(|(lang, paras, _)| Region {
            lang,
            paras,
            inferred,
        })
        .collect()
}

#[derive(PartialEq, Clone, Copy)]
enum State {
    Front,
    Body,
    Contact,
    About,
    AfterEnd,
}

/// Gives each paragraph of a region its role. `styles` are the declared
/// styles of a document's paragraphs (all `Normal` for a text file): a
/// title or heading style makes the first paragraph the headline and a
/// later one a heading, a list style a list item; a paragraph without
/// one is read from its words and layout as in a text file.
fn classify_region(
    text: &str,
    paras: &mut [Paragraph],
    styles: &[Style],
    parser: &SectionParser,
    markdown: bool,
) {
    let mut state = State::Front;
    let mut have_title = false;
    let mut have_lede = false;
    let n = paras.len();
    let in_list = numbered_list_items(text, paras);
    // Under a "Related information" heading, short lines are link titles.
    let mut related_list = false;
    let mut i = 0;
    while i < n {
        if paras[i].kind == BlockKind::Meta {
            i += 1;
            continue;
        }
        let raw_full = &text[full_span(text, &paras[i])];
        let s = &text[paras[i].span.clone()];
        let one_line = paras[i].lines.len() == 1;
        let md_heading = markdown && raw_full.trim_start().starts_with('#');
        let words = paras[i].words.len();
        // A bulleted or numbered line is a list item, never a heading.
        let style = styles.get(i).copied().unwrap_or(Style::Normal);
        let styled_heading = matches!(style, Style::Title | Style::Heading(_));
        let item = sections::starts_with_bullet(raw_full)
            || in_list[i]
            || (matches!(style, Style::ListItem | Style::TableCell) && state != State::Front);
        let was_related = std::mem::take(&mut related_list);

        if sections::language_marker(s).is_some() && one_line {
            paras[i].kind = BlockKind::Header;
        } else if parser.is_end_mark(s) || parser.is_end_mark(raw_full.trim()) {
            paras[i].kind = BlockKind::EndMark;
            state = State::AfterEnd;
        } else if one_line && parser.is_contact_heading(s) {
            paras[i].kind = BlockKind::Heading;
            state = State::Contact;
        } else if one_line && parser.starts_with_contact_heading(s) {
            paras[i].kind = BlockKind::Contact;
            state = State::Contact;
        } else if one_line
            && (md_heading || !markdown || is_bold_line(s))
            && parser.is_about_heading(s)
            && state != State::Front
        {
            paras[i].kind = BlockKind::Heading;
            state = State::About;
        } else if state == State::Front && !have_title && one_line && parser.is_header(s) {
            paras[i].kind = BlockKind::Header;
        } else if state == State::Front && !have_title {
            if let Some(d) = parser.opening_dateline(s).filter(|_| !styled_heading) {
                paras[i].dateline =
                    Some(paras[i].span.start + d.start..paras[i].span.start + d.end);
                paras[i].kind = if words <= 8 {
                    BlockKind::Dateline
                } else {
                    BlockKind::Lede
                };
                have_lede = paras[i].kind == BlockKind::Lede;
                have_title = true; // no title: the release opens with its dateline
                state = State::Body;
            } else if markdown && !md_heading && !is_bold_line(s) && words > 30 && !styled_heading {
                have_title = true;
                paras[i].kind = BlockKind::Lede;
                have_lede = true;
                state = State::Body;
            } else {
                paras[i].kind = BlockKind::Title;
                have_title = true;
                // A standfirst follows the title when it is short or when the
                // dateline comes right after it.
                if let Some(j) = next_content(paras, i + 1) {
                    let sj = &text[paras[j].span.clone()];
                    let next_dateline = next_content(paras, j + 1).is_some_and(|k| {
                        parser
                            .dateline_at_start(&text[paras[k].span.clone()])
                            .is_some()
                    });
                    let jwords = paras[j].words.len();
                    // A heading or list item of its own is no standfirst.
                    let apart = matches!(styles.get(j), Some(Style::Heading(_) | Style::ListItem))
                        || (markdown
                            && text[full_span(text, &paras[j])]
                                .trim_start()
                                .starts_with('#'));
                    if parser.dateline_at_start(sj).is_none()
                        && !sections::starts_with_quote(sj)
                        && !apart
                        && (next_dateline
                            || ((4..=35).contains(&jwords) && !parser.has_contact_data(sj)))
                    {
                        paras[j].kind = BlockKind::Standfirst;
                        i = j;
                    }
                }
            }
        } else {
            match state {
                State::Contact => {
                    let md_subheading = one_line
                        && (md_heading || is_bold_line(s))
                        && words > 0
                        && sections::looks_like_heading(s)
                        && markdown;
                    paras[i].kind =
                        if (styled_heading || md_subheading) && !parser.has_contact_data(s) {
                            state = State::Body;
                            BlockKind::Heading
                        } else {
                            BlockKind::Contact
                        };
                }
                State::About => {
                    paras[i].kind = if parser.has_contact_data(s) && words <= 15 {
                        BlockKind::Contact
                    } else if parser.is_address(s) {
                        BlockKind::Address
                    } else {
                        BlockKind::About
                    };
                }
                State::AfterEnd => {
                    paras[i].kind = if parser.has_contact_data(s) && words <= 15 {
                        BlockKind::Contact
                    } else {
                        BlockKind::Footer
                    };
                }
                State::Front | State::Body => {
                    state = State::Body;
                    // The dateline and contact tests run only where their
                    // answer is read: most paragraphs are prose.
                    let is_heading = (styled_heading && !parser.has_contact_data(s))
                        || one_line
                            && !item
                            && if markdown {
                                md_heading || is_bold_line(s)
                            } else {
                                sections::looks_like_heading(s)
                                    && !parser.has_contact_data(s)
                                    && parser.dateline_at_start(s).is_none()
                            };
                    // A link title under "Related information" (the heading
                    // of a contact block after the list stays a heading).
                    let heads_contact = || {
                        next_content(paras, i + 1)
                            .is_some_and(|j| parser.has_contact_data(&text[paras[j].span.clone()]))
                    };
                    if is_heading && was_related && !md_heading && !heads_contact() {
                        paras[i].kind = BlockKind::ListItem;
                        related_list = true;
                    } else if is_heading {
                        paras[i].kind = BlockKind::Heading;
                        related_list = parser.is_related_heading(s);
                    } else if let Some(d) =
                        (!have_lede).then(|| parser.dateline_at_start(s)).flatten()
                    {
                        paras[i].dateline =
                            Some(paras[i].span.start + d.start..paras[i].span.start + d.end);
                        paras[i].kind = if words <= 8 {
                            BlockKind::Dateline
                        } else {
                            BlockKind::Lede
                        };
                        have_lede = paras[i].kind == BlockKind::Lede;
                    } else if sections::starts_with_quote(s) {
                        paras[i].kind = BlockKind::Quote;
                        have_lede = true;
                    } else if one_line
                        && words <= 15
                        && parser.has_contact_data(s)
                        && !s.trim_end().ends_with('.')
                    {
                        paras[i].kind = BlockKind::Contact;
                        state = State::Contact;
                    } else if item || raw_full.trim_start().starts_with(['-', '*', '+', '•']) {
                        paras[i].kind = BlockKind::ListItem;
                    } else if !have_lede {
                        paras[i].kind = BlockKind::Lede;
                        have_lede = true;
                    } else {
                        paras[i].kind = BlockKind::Body;
                    }
                }
            }
        }
        i += 1;
    }
}

/// Which paragraphs are items of a numbered list: a paragraph opening with
/// "3." or "3)" next to one numbered 2 or 4 ("1. lead, 5 µg/L" ⏎
/// "2. arsenic, 10 µg/L"). A numbered subheading with text under it
/// ("1. Budget" ⏎ text ⏎ "2. Schools") stays a heading.
fn numbered_list_items(text: &str, paras: &[Paragraph]) -> Vec<bool> {
    let numbers: Vec<Option<u32>> = paras
        .iter()
        .map(|p| {
            if p.kind == BlockKind::Meta {
                return None;
            }
            sections::list_number(&text[full_span(text, p)])
        })
        .collect();
    let content: Vec<usize> = (0..paras.len())
        .filter(|&i| paras[i].kind != BlockKind::Meta)
        .collect();
    let mut out = vec![false; paras.len()];
    for (k, &i) in content.iter().enumerate() {
        let Some(n) = numbers[i] else { continue };
        let prev = k.checked_sub(1).and_then(|k| numbers[content[k]]);
        let next = content.get(k + 1).and_then(|&j| numbers[j]);
        out[i] = prev == Some(n.wrapping_sub(1)) || next == Some(n + 1);
    }
    out
}

/// The full trimmed span of a paragraph's lines (Markdown marks included).
fn full_span(text: &str, p: &Paragraph) -> Span {
    let s = &text[..p.span.start];
    let line_start = s.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    line_start..p.span.end
}

fn is_bold_line(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.starts_with("__") && t.ends_with("__") && t.len() > 4)
}

fn next_content(paras: &[Paragraph], from: usize) -> Option<usize> {
    (from..paras.len()).find(|&j| paras[j].kind != BlockKind::Meta)
}

/// Groups consecutive paragraphs into sections; a heading opens a new one.
fn group_sections(paras: &mut [Paragraph]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let kinds: Vec<SectionKind> = (0..paras.len())
        .map(|i| section_kind_at(paras, i))
        .collect();
    for i in 0..paras.len() {
        let kind = kinds[i];
        let region_changed = i > 0 && paras[i].region != paras[i - 1].region;
        let new = match sections.last() {
            None => true,
            Some(last) => {
                last.kind != kind || paras[i].kind == BlockKind::Heading || region_changed
            }
        };
        if new {
            sections.push(Section {
                kind,
                heading: (paras[i].kind == BlockKind::Heading).then_some(i),
                paras: i..i + 1,
            });
        } else if let Some(last) = sections.last_mut() {
            last.paras.end = i + 1;
        }
        paras[i].section = sections.len() - 1;
    }
    if sections.is_empty() {
        sections.push(Section {
            kind: SectionKind::Body,
            heading: None,
            paras: 0..0,
        });
    }
    sections
}

fn section_kind_at(paras: &[Paragraph], i: usize) -> SectionKind {
    match paras[i].kind {
        BlockKind::Header | BlockKind::Title | BlockKind::Standfirst | BlockKind::Dateline => {
            SectionKind::Front
        }
        BlockKind::Lede | BlockKind::Body | BlockKind::Quote | BlockKind::ListItem => {
            SectionKind::Body
        }
        BlockKind::Contact => SectionKind::Contact,
        BlockKind::About | BlockKind::Address => SectionKind::About,
        BlockKind::EndMark => SectionKind::End,
        BlockKind::Footer => SectionKind::Footer,
        BlockKind::Meta => SectionKind::Meta,
        BlockKind::Heading => {
            // A heading takes the kind of what follows it.
            match paras.get(i + 1).map(|p| p.kind) {
                Some(BlockKind::Contact) => SectionKind::Contact,
                Some(BlockKind::About) | Some(BlockKind::Address) => SectionKind::About,
                _ => SectionKind::Body,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Languages;

    fn kinds(text: &str) -> Vec<BlockKind> {
        let parser = SectionParser::new(Languages::builtin());
        let doc = Document::parse(Source::new("r.txt", text), "en", &parser);
        doc.paragraphs().iter().map(|p| p.kind).collect()
    }

    #[test]
    fn end_marks_that_look_like_list_items() {
        let k = kinds(
            "Title of it\n\nBrussels, 3 March 2026 – Body text of the release here.\n\n- END -\n",
        );
        assert_eq!(k.last(), Some(&BlockKind::EndMark));
        let k = kinds("Title of it\n\nBody text of the release here.\n\n###\n");
        assert_eq!(k.last(), Some(&BlockKind::EndMark));
    }

    #[test]
    fn bulleted_and_numbered_lines_are_list_items() {
        let k = kinds("Title of it\n\nBrussels, 3 March 2026 – The council met today.\n\n- Short bullet line\n• Another short line\n\nLimits\n\n1. lead, 5 µg/L\n2. arsenic, 10 µg/L\n");
        assert_eq!(
            k[2..],
            [
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Heading,
                BlockKind::ListItem,
                BlockKind::ListItem,
            ]
        );
        // A numbered subheading with text under it stays a heading.
        let k = kinds("Title of it\n\n1. Budget\n\nThe budget was approved.\n\n2. Schools\n\nTwo schools will be built.\n");
        assert_eq!(k[1], BlockKind::Heading);
        assert_eq!(k[3], BlockKind::Heading);
    }

    #[test]
    fn link_titles_under_a_related_heading() {
        let t = "Title of it\n\nBrussels, 3 March 2026 – The council met today.\n\nSee also\n\nThe council's budget for 2026\n\nMap of the new tram line\n\nPress enquiries\n020 7946 0018\n";
        let k = kinds(t);
        assert_eq!(
            k[2..],
            [
                BlockKind::Heading,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Heading,
                BlockKind::Contact,
            ]
        );
    }

    #[test]
    fn a_headline_holding_a_date_is_not_a_dateline() {
        let k = kinds("Council meeting on Friday, 13 March 2026\n\nBudget approved\n\nThe council met today and approved the budget for the coming year.\n");
        assert_eq!(k[0], BlockKind::Title);
        let k = kinds("Gemeinderat tagt am Freitag, 13. März 2026\n\nDer Rat hat heute getagt und den Haushalt beschlossen.\n");
        assert_eq!(k[0], BlockKind::Title);
        // A place and a date are a dateline.
        for t in [
            "Frankfurt am Main, 13. März 2026\n\nDer Rat hat heute getagt und den Haushalt beschlossen.\n",
            "Brussels, 13 March 2026\n\nThe council met today and approved the budget.\n",
            "Villeneuve d'Ascq, le 13 mars 2026\n\nLe conseil a approuvé le budget de l'année.\n",
            "'s-Hertogenbosch, 13 maart 2026\n\nDe raad keurde vandaag de begroting goed.\n",
        ] {
            assert_eq!(kinds(t)[0], BlockKind::Dateline, "{t}");
        }
    }

    #[test]
    fn reference_layout() {
        let t = "Headline of the day\n\nA short standfirst under the headline.\n\nBrussels, 3 March 2026 – The council opened its new library on Tuesday.\n\n« A quote. », said Jane Doe.\n\nSubheading\n\nBody.\n\nMedia contact\nJane Doe\njane@example.org\n\nAbout the City\nThe City is a city.\n";
        assert_eq!(
            kinds(t),
            [
                BlockKind::Title,
                BlockKind::Standfirst,
                BlockKind::Lede,
                BlockKind::Quote,
                BlockKind::Heading,
                BlockKind::Body,
                BlockKind::Heading,
                BlockKind::Contact,
                BlockKind::Contact,
                BlockKind::Heading,
                BlockKind::About,
            ]
        );
    }
}
