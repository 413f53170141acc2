//! `template`: a release checked against the office's `[template]`.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, Document, SectionKind};
use crate::embargo::EmbargoFinder;
use crate::lang::Languages;
use crate::office::{EmbargoPolicy, SectionName, TemplateConfig};
use crate::rule::{Context, Rule, RuleEntry, RuleMeta, RuleOptions};
use crate::source::Span;

/// Metadata and explanation.
pub static META: RuleMeta = RuleMeta {
    id: "template",
    default_severity: Severity::Warning,
    languages: &[],
    summary: "A release that does not follow the office's template (sections missing, out of order, not allowed, given twice)",
    fixable: true,
    default_enabled: true,
    explanation: r####"## What it does
Reads the release's structure (as `prlint sections` shows it) as a sequence
of template sections — header, embargo, title, standfirst, dateline, lede,
body, contact, about, address, end-mark, footer — and compares it with
`[template]` in prlint.toml:

    [template]
    sections = ["title", "standfirst?", "dateline", "lede", "body", "contact", "about", "end-mark?"]
    end-mark = "###"
    embargo = "optional"      # required | optional | forbidden

It reports a required section that is missing, a section out of the
template's order, a section the template does not list (a standfirst, an
About block, an end mark…), a second contact or About block, an end mark
other than the template's, and an embargo line that is missing
(`embargo = "required"`) or present (`"forbidden"`). Each language half of
a bilingual release is checked on its own. A lede the template does not
list counts as body; header labels, addresses and footers are only checked
when the template lists them.

Without `[template]` the rule only asks for a dated release: a release
with a body and a contact or About block, but no dateline and no date in
its first paragraphs. Missing titles and contact blocks are
`missing-section`'s, and the order is free.

## Why it matters
A press office promises its readers a shape: where the embargo, the
contacts and the boilerplate are. A release that breaks it is harder to
scan and often betrays a pasted or half-edited text.

## Example
    sections = ["title", "dateline", "body", "contact", "about"]
    ...
    About the City          <- "about" comes before "contact" here
    ...
    Press contact

## Options
None (the template is `[template]` of prlint.toml).

## Fix safety
Safe: replacing an end mark with the template's `end-mark`.
"####,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry { meta: &META, build };

struct Template {
    finder: EmbargoFinder,
}

fn build(opts: &RuleOptions, langs: &Languages) -> anyhow::Result<Box<dyn Rule>> {
    let _: super::NoOptions = crate::rule::options(opts)?;
    Ok(Box::new(Template {
        finder: EmbargoFinder::new(langs),
    }))
}

/// One run of the release's structure: a template section and its span.
#[derive(Debug, Clone)]
pub struct Observed {
    /// The section.
    pub section: SectionName,
    /// Its first and last paragraphs.
    pub paras: std::ops::Range<usize>,
    /// From its first to its last character.
    pub span: Span,
}

/// A difference between a release and its template.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Where.
    pub span: Span,
    /// What.
    pub message: String,
    /// A related place (the section it should precede, the first block).
    pub secondary: Option<(Span, String)>,
    /// A replacement (the end mark).
    pub fix: Option<Edit>,
}

/// The release's structure as template sections, region by region
/// (consecutive paragraphs of one section collapsed into one run).
/// `end_mark`: the template's own end mark, recognised even when the packs'
/// `end-marks` do not list it.
pub fn observe(
    doc: &Document,
    embargo_paras: &[usize],
    dateline: Option<usize>,
    end_mark: Option<&str>,
) -> Vec<Vec<Observed>> {
    let mut out = Vec::new();
    for region in doc.regions() {
        let mut runs: Vec<Observed> = Vec::new();
        for i in region.paras.clone() {
            let p = &doc.paragraphs()[i];
            let names: Vec<SectionName> = match p.kind {
                BlockKind::Meta => continue,
                _ if end_mark.is_some_and(|m| doc.slice(&p.span).trim() == m.trim()) => {
                    vec![SectionName::EndMark]
                }
                BlockKind::Header if embargo_paras.contains(&i) => vec![SectionName::Embargo],
                BlockKind::Header => vec![SectionName::Header],
                BlockKind::Title => vec![SectionName::Title],
                BlockKind::Standfirst => vec![SectionName::Standfirst],
                BlockKind::Dateline => vec![SectionName::Dateline],
                BlockKind::Lede if p.dateline.is_some() || dateline == Some(i) => {
                    vec![SectionName::Dateline, SectionName::Lede]
                }
                BlockKind::Lede => vec![SectionName::Lede],
                BlockKind::Contact => vec![SectionName::Contact],
                BlockKind::About => vec![SectionName::About],
                BlockKind::Address => vec![SectionName::Address],
                BlockKind::EndMark => vec![SectionName::EndMark],
                BlockKind::Footer => vec![SectionName::Footer],
                BlockKind::Heading => match doc.section_kind(i) {
                    SectionKind::Contact => vec![SectionName::Contact],
                    SectionKind::About => vec![SectionName::About],
                    _ => vec![SectionName::Body],
                },
                BlockKind::Body | BlockKind::Quote | BlockKind::ListItem => {
                    vec![SectionName::Body]
                }
            };
            for name in names {
                match runs.last_mut() {
                    Some(last) if last.section == name => {
                        last.paras.end = i + 1;
                        last.span.end = p.span.end;
                    }
                    _ => runs.push(Observed {
                        section: name,
                        paras: i..i + 1,
                        span: p.span.clone(),
                    }),
                }
            }
        }
        // A preamble region (above the language halves) holds only header lines.
        out.push(runs);
    }
    out
}

/// The section a template entry stands for in a release: a lede the
/// template does not list counts as body.
fn effective(t: &TemplateConfig, s: SectionName) -> Option<SectionName> {
    if t.item(s).is_some() {
        return Some(s);
    }
    match s {
        SectionName::Lede => t.item(SectionName::Body).map(|_| SectionName::Body),
        // Only checked when listed.
        SectionName::Header
        | SectionName::Address
        | SectionName::Footer
        | SectionName::Dateline
        | SectionName::Embargo => None,
        _ => Some(s),
    }
}

impl Template {
    /// The differences between the release and `t` (`strict`: a configured
    /// template; otherwise only the default's date requirement).
    pub fn verdict(&self, doc: &Document, t: Option<&TemplateConfig>) -> Vec<Finding> {
        let embargoes = self.finder.find(doc);
        let embargo_paras: Vec<usize> = embargoes.iter().map(|e| e.para).collect();
        let dateline = self.finder.dateline(doc).map(|d| d.0);
        let regions = observe(
            doc,
            &embargo_paras,
            dateline,
            t.and_then(|t| t.end_mark.as_deref()),
        );
        let mut out = Vec::new();
        let Some(t) = t else {
            self.default_verdict(doc, &regions, &mut out);
            return out;
        };
        // The first paragraph of the release proper: front matter and
        // comments are not prose, and findings there are dropped.
        let first_para = doc
            .paragraphs()
            .iter()
            .find(|p| p.kind != BlockKind::Meta)
            .or(doc.paragraphs().first());
        let doc_start = first_para.map_or(0..0, |p| p.span.start..p.span.start);
        match t.embargo {
            EmbargoPolicy::Required if embargoes.is_empty() => out.push(Finding {
                span: doc_start.start..first_para.map_or(0, |p| p.span.end),
                message: "the template requires an embargo line and there is none".into(),
                secondary: None,
                fix: None,
            }),
            EmbargoPolicy::Forbidden => {
                for e in &embargoes {
                    out.push(Finding {
                        span: e.line.clone(),
                        message: "the template forbids an embargo line".into(),
                        secondary: None,
                        fix: None,
                    });
                }
            }
            _ => {}
        }
        // The position of the `k`-th listing of a section (a template may
        // list a section twice: "contact", "about", "contact").
        let order = |s: SectionName, k: usize| {
            let at: Vec<usize> = (0..t.sections.len())
                .filter(|&i| t.sections[i].section == s)
                .collect();
            at.get(k).or(at.last()).copied()
        };
        let listed = |s: SectionName| t.sections.iter().filter(|i| i.section == s).count();
        for (r, runs) in regions.iter().enumerate() {
            let region = &doc.regions()[r];
            let preamble = region.lang.is_none() && doc.regions().len() > 1;
            let runs: Vec<(SectionName, &Observed)> = runs
                .iter()
                .filter_map(|o| effective(t, o.section).map(|s| (s, o)))
                .collect();
            // Re-collapse (a lede folded into the body).
            let mut seq: Vec<(SectionName, Span)> = Vec::new();
            for (s, o) in &runs {
                match seq.last_mut() {
                    Some(last) if last.0 == *s => last.1.end = o.span.end,
                    _ => seq.push((*s, o.span.clone())),
                }
            }
            if preamble {
                continue;
            }
            // Not allowed, given twice, out of order.
            let mut max_pos: Option<(usize, SectionName, Span)> = None;
            let mut seen: Vec<(SectionName, Span)> = Vec::new();
            for (s, span) in &seq {
                let times = seen.iter().filter(|(x, _)| x == s).count();
                let Some(pos) = order(*s, times) else {
                    out.push(Finding {
                        span: span.clone(),
                        message: format!("the template has no `{}` section", s.name()),
                        secondary: None,
                        fix: None,
                    });
                    continue;
                };
                if let Some((_, first)) = seen.iter().find(|(x, _)| x == s) {
                    if *s != SectionName::Body && times >= listed(*s) {
                        out.push(Finding {
                            span: span.clone(),
                            message: format!(
                                "one `{}` block too many; the template allows {}",
                                s.name(),
                                listed(*s)
                            ),
                            secondary: Some((first.clone(), "the first one".into())),
                            fix: None,
                        });
                        continue;
                    }
                }
                if let Some((mp, ms, mspan)) = &max_pos {
                    if pos < *mp {
                        out.push(Finding {
                            span: span.clone(),
                            message: format!(
                                "`{}` comes after `{}`; the template puts it before",
                                s.name(),
                                ms.name()
                            ),
                            secondary: Some((mspan.clone(), format!("`{}` is here", ms.name()))),
                            fix: None,
                        });
                    }
                }
                if max_pos.as_ref().is_none_or(|(mp, _, _)| pos > *mp) {
                    max_pos = Some((pos, *s, span.clone()));
                }
                seen.push((*s, span.clone()));
            }
            // Required sections missing.
            let region_span = region
                .paras
                .clone()
                .next()
                .map_or(doc_start.clone(), |i| doc.paragraphs()[i].span.clone());
            for item in &t.sections {
                if item.optional || seen.iter().any(|(s, _)| *s == item.section) {
                    continue;
                }
                // The embargo is the whole release's (a preamble may hold it),
                // and `embargo = "required"` reports it already.
                if item.section == SectionName::Embargo
                    && (!embargoes.is_empty() || t.embargo == EmbargoPolicy::Required)
                {
                    continue;
                }
                out.push(Finding {
                    span: region_span.clone(),
                    message: format!(
                        "the `{}` section the template requires is missing",
                        item.section.name()
                    ),
                    secondary: None,
                    fix: None,
                });
            }
            // The end mark as the template writes it.
            if let Some(mark) = &t.end_mark {
                for i in region.paras.clone() {
                    let p = &doc.paragraphs()[i];
                    if p.kind == BlockKind::EndMark && doc.slice(&p.span).trim() != mark.trim() {
                        out.push(Finding {
                            span: p.span.clone(),
                            message: format!("the template's end mark is `{}`", mark.trim()),
                            secondary: None,
                            fix: Some(Edit::replace(p.span.clone(), mark.trim().to_string())),
                        });
                    }
                }
            }
        }
        out
    }

    /// Without a template: a release must be dated somewhere near its top.
    fn default_verdict(&self, doc: &Document, regions: &[Vec<Observed>], out: &mut Vec<Finding>) {
        let has_dateline = regions
            .iter()
            .flatten()
            .any(|o| o.section == SectionName::Dateline);
        if has_dateline || doc.paragraphs().is_empty() {
            return;
        }
        // A date in the first paragraphs (header, title, lede) is enough.
        let dated = doc
            .paragraphs()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind != BlockKind::Meta)
            .take(6)
            .chain(
                // Front matter ("date: 2026-03-12") dates a Markdown release too.
                doc.paragraphs()
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.kind == BlockKind::Meta),
            )
            .any(|(i, _)| {
                !self
                    .finder
                    .dates
                    .find_all(doc.slice(&doc.paragraphs()[i].span))
                    .is_empty()
            });
        // Only a whole release (body and a contact or About block) is expected
        // to be dated: a fragment is not.
        let has = |s: &[SectionName]| regions.iter().flatten().any(|o| s.contains(&o.section));
        let has_body = has(&[SectionName::Body, SectionName::Lede])
            && has(&[SectionName::Contact, SectionName::About]);
        if !dated && has_body {
            let first = doc
                .paragraphs()
                .iter()
                .find(|p| p.kind != BlockKind::Meta)
                .map_or(0..0, |p| p.span.clone());
            out.push(Finding {
                span: first,
                message: "the release carries no date (no dateline, no date near the top)".into(),
                secondary: None,
                fix: None,
            });
        }
    }
}

impl Rule for Template {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for f in self.verdict(cx.doc, cx.office.template.as_ref()) {
            let mut d = Diagnostic::new(&META, f.span, f.message);
            if let Some((s, m)) = f.secondary {
                d = d.with_secondary(s, m);
            }
            if let Some(e) = f.fix {
                d = d.with_fix(Fix::safe(vec![e]));
            }
            out.push(d);
        }
    }
}

/// The template verdict for `prlint sections`: one line per finding.
pub fn verdict_lines(doc: &Document, langs: &Languages, t: Option<&TemplateConfig>) -> Vec<String> {
    let rule = Template {
        finder: EmbargoFinder::new(langs),
    };
    rule.verdict(doc, t)
        .into_iter()
        .map(|f| {
            let lc = doc.source().line_col(f.span.start);
            format!("{}:{}: {}", lc.line, lc.column, f.message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_lints, run_with_config};

    const R: &str = "template";
    const CFG: &str = "[template]\nsections = [\"title\", \"standfirst?\", \"dateline\", \"lede\", \"body\", \"contact\", \"about\", \"end-mark?\"]\nend-mark = \"###\"\n";

    const GOOD: &str = "The City opens a park\n\nBrussels, 3 June 2025 – The City opened a park today.\n\nIt has trees and benches.\n\nPress contact\nJane Doe, jane@example.org\n\nAbout the City\nThe City is a city.\n\n###\n";

    #[test]
    fn follows_the_template() {
        let d = run_with_config(R, GOOD, "en", CFG);
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn out_of_order_and_missing() {
        let t = "The City opens a park\n\nBrussels, 3 June 2025 – The City opened a park today.\n\nIt has trees and benches.\n\nAbout the City\nThe City is a city.\n\nPress contact\nJane Doe, jane@example.org\n";
        let d = run_with_config(R, t, "en", CFG);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].message.contains("comes after"));
        let t = "The City opens a park\n\nBrussels, 3 June 2025 – The City opened a park today.\n\nIt has trees and benches.\n\nPress contact\nJane Doe, jane@example.org\n";
        let d = run_with_config(R, t, "en", CFG);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0]
            .message
            .contains("`about` section the template requires"));
    }

    #[test]
    fn a_section_listed_twice_may_come_twice() {
        let t = "The City opens a park\n\nBrussels, 3 June 2025 – The City opened a park today.\n\nIt has trees.\n\nPress contact\nJane Doe, jane@example.org\n\nAbout the City\nThe City is a city.\n\nPress contact\nJohn Roe, john@example.org\n";
        let cfg = "[template]\nsections = [\"title\", \"dateline\", \"lede\", \"body\", \"contact\", \"about\", \"contact?\"]\n";
        let d = run_with_config(R, t, "en", cfg);
        assert!(d.is_empty(), "{d:#?}");
        let d = run_with_config(R, t, "en", CFG);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].message.contains("too many"));
    }

    #[test]
    fn own_end_mark_is_recognised() {
        let cfg = CFG.replace("end-mark = \"###\"", "end-mark = \"[FIN]\"");
        let t = GOOD.replace("###", "[FIN]");
        let d = run_with_config(R, &t, "en", &cfg);
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn end_mark_and_embargo() {
        let t = GOOD.replace("###", "-30-");
        let d = run_with_config(R, &t, "en", CFG);
        assert_eq!(d.len(), 1, "{d:#?}");
        let (fixed, _) = crate::fix::apply_fixes(&t, &d, false);
        assert_eq!(fixed, GOOD);
        let cfg = format!("{CFG}embargo = \"required\"\n");
        assert_eq!(run_with_config(R, GOOD, "en", &cfg).len(), 1);
        let with = format!("EMBARGO: 3 June 2025, 10:00 CET\n\n{GOOD}");
        assert_eq!(run_with_config(R, &with, "en", &cfg).len(), 0);
        let cfg = format!("{CFG}embargo = \"forbidden\"\n");
        assert_eq!(run_with_config(R, &with, "en", &cfg).len(), 1);
    }

    #[test]
    fn default_is_quiet_about_order_and_contact() {
        let t = "The City opens a park\n\nBrussels, 3 June 2025 – The City opened a park today.\n\nAbout the City\nThe City is a city.\n\nIt has trees.\n";
        assert_lints(R, t, "en", 0);
        let t = "The City opens a park\n\nThe City opened a park. It has trees and benches and a pond.\n\nThe pond has fish and ducks and a small island in the middle of it.\n\nMore text about the park and its many visitors, who come from far away.\n";
        assert_lints(R, t, "en", 0);
        let t = format!("{t}\nPress contact\nJane Doe, jane@example.org\n");
        assert_lints(R, &t, "en", 1);
        let md = format!(
            "---\ntitle: Park\ndate: 2026-03-12\n---\n\n# The City opens a park\n\n{}",
            &t[t.find('\n').unwrap_or(0)..]
        );
        let d = crate::rules::testing::run_path(R, "release.md", &md, "en");
        assert!(d.is_empty(), "{d:#?}");
        let undated = md.replace("date: 2026-03-12", "author: press office");
        let d = crate::rules::testing::run_path(R, "release.md", &undated, "en");
        assert_eq!(d.len(), 1, "{d:#?}");
    }
}
