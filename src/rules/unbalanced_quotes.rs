//! `unbalanced-quotes`: a quotation mark or bracket opened and never closed
//! (or closed without being opened).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::lang::Languages;
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "unbalanced-quotes",
    default_severity: Severity::Error,
    languages: &[],
    summary: "A quotation mark or bracket opened and never closed, or closed and never opened",
    fixable: false,
    default_enabled: true,
    explanation: r#"## What it does
Pairs quotation marks and brackets within each paragraph and reports:
- « without », “ without ”, German „ without “ (or Dutch „ … ”),
  ‚ without ‘, ‹ without ›;
- a straight " left open: whether a straight quote opens or closes is
  read from the characters around it, so an odd number of " in a
  paragraph is found and the unclosed one is pointed at (an inch mark
  after a digit, 27", is not a quote);
- ( [ { without their closing bracket, and a closing quote or bracket
  that closes nothing (enumerations such as "a)" or "2)" and smileys are
  not brackets; a » in a paragraph without any « is an arrow, as in
  "Lire la suite »").

A quotation may run over several paragraphs: a paragraph that ends with
a quotation still open is fine when the next paragraph reopens it with
the same mark (« … ⏎ « … », or » … in the older French style, “ … ⏎
“ … ”, " … ⏎ " … "). A heading or any other paragraph that does not
reopen it leaves the quotation unclosed.

Apostrophes are not quotes: straight ' and typographic ’ (also in
elisions such as ’90s or l’État) are never paired, nor is an English ‘,
which cannot be told from an apostrophe reliably. German and Swiss
»…« quotations are understood in German paragraphs. Text inside URLs,
e-mail addresses and Markdown code spans is ignored.

## Why it matters
An unclosed quotation leaves readers (and journalists who copy it)
unsure where the quoted words end — a misquote waiting to happen.

## Example
    … a déclaré la docteure Inès Carlier, « la maternité …
                                          ^ « opened here and never closed

## Options
None.

## Fix safety
No fix: only the author knows where the quotation ends.
"#,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct UnbalancedQuotes;

fn build(opts: &RuleOptions, _: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(UnbalancedQuotes))
}

/// What an open mark is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Guillemet,
    SingleGuillemet,
    Curly,
    LowSingle,
    Straight,
    Paren,
    Bracket,
    Brace,
}

impl Kind {
    fn is_quote(self) -> bool {
        !matches!(self, Kind::Paren | Kind::Bracket | Kind::Brace)
    }
    fn closer(self) -> &'static str {
        match self {
            Kind::Guillemet => "»",
            Kind::SingleGuillemet => "›",
            Kind::Curly => "”",
            Kind::LowSingle => "‘",
            Kind::Straight => "\"",
            Kind::Paren => ")",
            Kind::Bracket => "]",
            Kind::Brace => "}",
        }
    }
    /// Whether a paragraph opening with `c` continues a quotation of this kind.
    fn reopened_by(self, c: char) -> bool {
        match self {
            Kind::Guillemet => c == '«' || c == '»',
            Kind::SingleGuillemet => c == '‹',
            Kind::Curly => c == '“' || c == '„' || c == '”',
            Kind::LowSingle => c == '‚',
            Kind::Straight => c == '"',
            _ => false,
        }
    }
}

#[derive(Debug, Clone)]
struct Open {
    kind: Kind,
    span: Span,
    mark: char,
}

/// Byte ranges (relative to the paragraph) where marks are not read: URLs,
/// e-mail addresses, Markdown code spans.
fn ignored_ranges(cx: &Context, s: &str, markdown: bool) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = Vec::new();
    // Cheap byte checks first: most paragraphs hold no URL and no e-mail.
    if s.contains("://") || s.contains("www.") || s.contains("WWW.") || s.contains("Www.") {
        v.extend(
            cx.parser
                .url()
                .find_iter(s)
                .map(|m| (m.start(), m.start() + url_len(m.as_str()))),
        );
    }
    if s.contains('@') {
        v.extend(cx.parser.email().find_iter(s).map(|m| (m.start(), m.end())));
    }
    if markdown {
        let mut start = None;
        for (i, c) in s.char_indices() {
            if c == '`' {
                match start {
                    None => start = Some(i),
                    Some(a) => {
                        v.push((a, i + 1));
                        start = None;
                    }
                }
            }
        }
    }
    // Sorted and merged, so that one moving index finds them.
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The length of a URL match without the punctuation that follows it in
/// prose: "(see https://example.org)." ends before ")." — a closing bracket
/// stays when the URL opened it ("…/Tool_(list)").
fn url_len(url: &str) -> usize {
    let mut t = url;
    while let Some(last) = t.chars().next_back() {
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '»' | '”' | '"' | '\'' | '’' | '*' | '_' => {
                true
            }
            ')' => t.matches('(').count() < t.matches(')').count(),
            ']' => t.matches('[').count() < t.matches(']').count(),
            '}' => t.matches('{').count() < t.matches('}').count(),
            _ => false,
        };
        if !strip {
            break;
        }
        t = &t[..t.len() - last.len_utf8()];
    }
    t.len()
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '–'
                        | '—'
                        | '-'
                        | '/'
                        | '«'
                        | '“'
                        | '„'
                        | '‚'
                        | '*'
                        | '_'
                        | '>'
                )
        }
    }
}

fn is_closing_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.'
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '…'
                        | '»'
                        | '”'
                        | '*'
                        | '_'
                        | '-'
                        | '–'
                        | '—'
                        | '\''
                        | '’'
                )
        }
    }
}

/// Whether the closing bracket at `i` ends an enumeration label ("a)", "2)",
/// "iv)") or a smiley (":)", ";-)").
fn is_label_or_smiley(s: &str, i: usize) -> bool {
    let before = &s[..i];
    if before.ends_with([':', ';', '-', '=']) {
        return true;
    }
    let token: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let n = token.chars().count();
    if n == 0 || n > 3 {
        return false;
    }
    let rest = &before[..before.len() - token.len()];
    rest.is_empty() || rest.ends_with(|c: char| c.is_whitespace() || c == '(')
}

struct Scan<'a> {
    doc: &'a Document,
    out: &'a mut Vec<Diagnostic>,
}

impl Scan<'_> {
    fn unclosed(&mut self, o: &Open, para_end: usize) {
        let what = if o.kind.is_quote() {
            "quotation"
        } else {
            "bracket"
        };
        let mut d = Diagnostic::new(
            &META,
            o.span.clone(),
            format!("{} opened here is never closed", o.mark),
        )
        .with_label(format!("{what} opened here"))
        .with_help(format!("close it with {}", o.kind.closer()));
        // Point at the paragraph's end when it is on another line.
        let text = self.doc.text();
        if let Some(last) = text[..para_end].chars().next_back() {
            let end = para_end - last.len_utf8()..para_end;
            let src = self.doc.source();
            if src.line_index(end.start) != src.line_index(o.span.start) {
                d = d.with_secondary(end, "the paragraph ends here");
            }
        }
        self.out.push(d);
    }

    fn stray(&mut self, span: Span, mark: char, opener: &str) {
        self.out.push(
            Diagnostic::new(
                &META,
                span,
                format!("{mark} closes nothing: no {opener} before it"),
            )
            .with_label("closing mark without an opening one"),
        );
    }
}

impl Rule for UnbalancedQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let paras = doc.paragraphs();
        let mut scan = Scan { doc, out };
        // Quotations carried over from the previous paragraph.
        let mut carried: Vec<Open> = Vec::new();
        let mut carried_end = 0;
        for (pi, p) in paras.iter().enumerate() {
            if p.kind == BlockKind::Meta {
                continue;
            }
            let s = &text[p.span.clone()];
            let base = p.span.start;
            let lang = doc.lang_of(pi);
            let mut stack: Vec<Open> = Vec::new();
            let mut skip_first = false;
            if !carried.is_empty() {
                let first = s.chars().next();
                let continues = first
                    .is_some_and(|c| carried.iter().any(|o| o.kind.reopened_by(c)))
                    && paras[pi].kind != BlockKind::Heading;
                if continues {
                    stack = std::mem::take(&mut carried);
                    skip_first = true;
                } else {
                    for o in std::mem::take(&mut carried) {
                        scan.unclosed(&o, carried_end);
                    }
                }
            }
            let ignored = ignored_ranges(cx, s, doc.is_markdown());
            let mut ig = 0;
            // German »…«: reversed guillemets when the first one is ».
            let reversed =
                lang == "de" && s.find(['«', '»']).is_some_and(|i| s[i..].starts_with('»'));
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            let has_guillemet = s.contains('«');
            let last_rdq = s.rfind('”');
            for k in 0..chars.len() {
                let (i, c) = chars[k];
                // Only these marks do anything below: the other characters
                // (nearly all) skip the bookkeeping.
                if !matches!(
                    c,
                    '«' | '»'
                        | '‹'
                        | '›'
                        | '„'
                        | '“'
                        | '”'
                        | '‚'
                        | '‘'
                        | '’'
                        | '"'
                        | '('
                        | '['
                        | '{'
                        | ')'
                        | ']'
                        | '}'
                ) {
                    continue;
                }
                if k == 0 && skip_first {
                    continue;
                }
                while ig < ignored.len() && ignored[ig].1 <= i {
                    ig += 1;
                }
                if ig < ignored.len() && ignored[ig].0 <= i {
                    continue;
                }
                let span = base + i..base + i + c.len_utf8();
                let prev = k.checked_sub(1).map(|j| chars[j].1);
                let next = chars.get(k + 1).map(|x| x.1);
                let open = |kind| Open {
                    kind,
                    span: span.clone(),
                    mark: c,
                };
                let top = stack.last().map(|o| o.kind);
                match c {
                    '«' if !reversed => push(&mut stack, open(Kind::Guillemet)),
                    '»' if reversed => push(&mut stack, open(Kind::Guillemet)),
                    // » alone as an arrow ("Lire la suite »"), in a
                    // paragraph without any «.
                    '»' if !stack.iter().any(|o| o.kind == Kind::Guillemet) && !has_guillemet => {}
                    '»' | '«' => close(
                        &mut stack,
                        &mut scan,
                        Kind::Guillemet,
                        span,
                        c,
                        "«",
                        base + s.len(),
                    ),
                    '‹' => push(&mut stack, open(Kind::SingleGuillemet)),
                    '›' if top == Some(Kind::SingleGuillemet) => {
                        stack.pop();
                    }
                    '„' => push(&mut stack, open(Kind::Curly)),
                    '“' => {
                        if stack.last().is_some_and(|o| o.mark == '„') {
                            stack.pop();
                        } else if lang == "de" && last_rdq.is_none_or(|j| j <= i) {
                            scan.stray(span, c, "„");
                        } else {
                            push(&mut stack, open(Kind::Curly));
                        }
                    }
                    '”' => {
                        if stack.iter().any(|o| o.kind == Kind::Curly) {
                            close(
                                &mut stack,
                                &mut scan,
                                Kind::Curly,
                                span,
                                c,
                                "“",
                                base + s.len(),
                            );
                        } else if lang == "nl"
                            && is_opening_context(prev)
                            && !is_closing_context(next)
                        {
                            // Dutch ”…” style.
                            push(&mut stack, open(Kind::Curly));
                        } else {
                            scan.stray(span, c, "“");
                        }
                    }
                    '‚' => push(&mut stack, open(Kind::LowSingle)),
                    '‘' | '’' => {
                        let letter_next = next.is_some_and(char::is_alphanumeric);
                        if top == Some(Kind::LowSingle) && !letter_next {
                            stack.pop();
                        }
                    }
                    '"' => {
                        if prev.is_some_and(|p| p.is_ascii_digit())
                            && !next.is_some_and(char::is_alphabetic)
                        {
                            continue; // inch mark: 27"
                        }
                        let opening = is_opening_context(prev);
                        let closing = is_closing_context(next);
                        let has_open = stack.iter().any(|o| o.kind == Kind::Straight);
                        if has_open && (closing || !opening) {
                            close(
                                &mut stack,
                                &mut scan,
                                Kind::Straight,
                                span,
                                c,
                                "\"",
                                base + s.len(),
                            );
                        } else if has_open {
                            // A new quotation opens while the last one is still open.
                            if let Some(pos) = stack.iter().rposition(|o| o.kind == Kind::Straight)
                            {
                                let o = stack.remove(pos);
                                scan.unclosed(&o, base + s.len());
                            }
                            push(&mut stack, open(Kind::Straight));
                        } else if closing && !opening {
                            scan.stray(span, c, "opening \"");
                        } else {
                            push(&mut stack, open(Kind::Straight));
                        }
                    }
                    '(' => push(&mut stack, open(Kind::Paren)),
                    '[' => push(&mut stack, open(Kind::Bracket)),
                    '{' => push(&mut stack, open(Kind::Brace)),
                    ')' | ']' | '}' => {
                        let (kind, opener) = match c {
                            ')' => (Kind::Paren, "("),
                            ']' => (Kind::Bracket, "["),
                            _ => (Kind::Brace, "{"),
                        };
                        if !stack.iter().any(|o| o.kind == kind) && is_label_or_smiley(s, i) {
                            continue;
                        }
                        close(&mut stack, &mut scan, kind, span, c, opener, base + s.len());
                    }
                    _ => {}
                }
            }
            // Quotations left open may continue in the next paragraph.
            let (quotes, brackets): (Vec<Open>, Vec<Open>) =
                stack.into_iter().partition(|o| o.kind.is_quote());
            for o in &brackets {
                scan.unclosed(o, p.span.end);
            }
            carried = quotes;
            carried_end = p.span.end;
        }
        for o in carried {
            scan.unclosed(&o, carried_end);
        }
    }
}

/// Prose never nests marks deeply; beyond this depth further openers are
/// ignored, which keeps every stack search bounded (linear scans even on
/// pathological input such as a megabyte of "(").
const MAX_DEPTH: usize = 32;

fn push(stack: &mut Vec<Open>, o: Open) {
    if stack.len() < MAX_DEPTH {
        stack.push(o);
    }
}

/// Closes the innermost open mark of `kind`; marks opened after it are
/// unclosed; a closer with nothing to close is stray.
fn close(
    stack: &mut Vec<Open>,
    scan: &mut Scan,
    kind: Kind,
    span: Span,
    mark: char,
    opener: &str,
    para_end: usize,
) {
    match stack.iter().rposition(|o| o.kind == kind) {
        Some(pos) => {
            let inner: Vec<Open> = stack.drain(pos..).skip(1).collect();
            for o in inner {
                // A straight quote or bracket inside another quotation that
                // closes first: report it.
                scan.unclosed(&o, para_end);
            }
        }
        None => scan.stray(span, mark, opener),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_lints, run, run_path};

    const R: &str = "unbalanced-quotes";

    #[test]
    fn unclosed() {
        assert_lints(
            R,
            "Titre\n\n« Nous sommes prêts, déclare la maire.\n\nLa suite\n",
            "fr",
            1,
        );
        assert_lints(
            R,
            "Title\n\n“We are ready, said the mayor.\n\nNext steps\n",
            "en",
            1,
        );
        assert_lints(
            R,
            "Title\n\n\"We are ready. The council agrees, said the mayor.\n",
            "en",
            1,
        );
        assert_lints(
            R,
            "Titel\n\nDe sterrenwacht (onder meer voor scholen is open.\n",
            "nl",
            1,
        );
        assert_lints(
            R,
            "Titel\n\n„Wir sind bereit, sagte die Bürgermeisterin.\n",
            "de",
            1,
        );
        assert_lints(R, "Title\n\nThe list [TBC is long.\n", "en", 1);
        // One of three straight quotes: the middle one opens a quotation that never closes.
        let d = run(
            R,
            "Title\n\n\"We are ready,\" said the mayor. \"The rest follows.\n",
            "en",
        );
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn stray_closers() {
        assert_lints(
            R,
            "Titre\n\nNous sommes « prêts » déclare » la maire.\n",
            "fr",
            1,
        );
        assert_lints(R, "Titre\n\nLire la suite »\n", "fr", 0);
        assert_lints(R, "Titel\n\nSie sagte: “Wir sind bereit.”\n", "de", 0);
        assert_lints(R, "Titel\n\nSie sagte: Wir sind bereit.“\n", "de", 1);
        assert_lints(R, "Title\n\nThe city) is ready.\n", "en", 1);
    }

    #[test]
    fn balanced() {
        assert_lints(
            R,
            "Titre\n\n« Nous sommes prêts », déclare la maire (PS).\n",
            "fr",
            0,
        );
        assert_lints(
            R,
            "Titel\n\n„Wir sind bereit“, sagte sie. ‚Klein‘ sei es nicht. »Gut«, sagte er.\n",
            "de",
            0,
        );
        assert_lints(
            R,
            "Titel\n\n„We zijn klaar”, zegt ze. ”Echt”, zegt hij.\n",
            "nl",
            0,
        );
        assert_lints(R, "Title\n\nIn the ’90s, Harbour's crews said \"never\". The 27\" screen shows a) this b) that :)\n", "en", 0);
        assert_lints(
            R,
            "Title\n\nSee https://example.org/a_(b and mail x@example.org.\n",
            "en",
            0,
        );
    }

    #[test]
    fn multi_paragraph_quotations() {
        let fr = "Titre\n\n« Nous avons commencé il y a deux ans.\n\n« Aujourd’hui, le projet est terminé. »\n";
        assert_lints(R, fr, "fr", 0);
        let old_style = "Titre\n\n« Nous avons commencé il y a deux ans.\n\n» Aujourd’hui, le projet est terminé. »\n";
        assert_lints(R, old_style, "fr", 0);
        let en =
            "Title\n\n“We started two years ago.\n\n“Today the work is done.\n\n“Thank you all.”\n";
        assert_lints(R, en, "en", 0);
        let straight = "Title\n\n\"We started two years ago.\n\n\"Today the work is done.\"\n";
        assert_lints(R, straight, "en", 0);
        let de = "Titel\n\n„Wir haben vor zwei Jahren begonnen.\n\n„Heute ist die Arbeit getan.“\n";
        assert_lints(R, de, "de", 0);
        // Not reopened: the quotation is unclosed.
        let bad = "Title\n\n“We started two years ago.\n\nThe work is done.\n";
        assert_lints(R, bad, "en", 1);
    }

    #[test]
    fn markdown_code() {
        let md = "# Title\n\nUse `\"` for inches and `(` alone.\n";
        assert_eq!(run_path(R, "r.md", md, "en").len(), 0);
    }
}
