//! Linting one text the way `check` does: per-file ignores and suppression
//! comments applied. Shared by `check` and `baseline write`.

use std::path::{Path, PathBuf};

use prlint::config::Config;
use prlint::linter::Linter;
use prlint::output::FileReport;
use prlint::source::Source;
use prlint::suppress::Suppressions;

/// The `[[per-file]]` globs of a config, compiled once per run.
pub struct PerFileIgnores {
    base: PathBuf,
    globs: Vec<(globset::GlobMatcher, Vec<String>)>,
}

impl PerFileIgnores {
    /// Compiles the globs (invalid ones were rejected when the config loaded).
    pub fn new(config: &Config) -> PerFileIgnores {
        PerFileIgnores {
            base: config.base_dir(),
            globs: config
                .per_file
                .iter()
                .filter(|pf| !pf.ignore.is_empty())
                .filter_map(|pf| {
                    globset::Glob::new(&pf.glob)
                        .ok()
                        .map(|g| (g.compile_matcher(), pf.ignore.clone()))
                })
                .collect(),
        }
    }

    /// Rules turned off for `path` (matched relative to the config's
    /// folder, or by file name).
    pub fn for_path(&self, path: &Path) -> Vec<String> {
        let rel = path.strip_prefix(&self.base).unwrap_or(path);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        self.globs
            .iter()
            .filter(|(m, _)| m.is_match(rel) || path.file_name().is_some_and(|n| m.is_match(n)))
            .flat_map(|(_, ignore)| ignore.iter().cloned())
            .collect()
    }
}

/// The diagnostics of a report with every offset moved onto the file's
/// own text when it is an HTML file: spans and labels to where their text
/// is in the source, fix edits to the source text they replace (each was
/// checked by [`Checker::lint`] to map onto plain source text). What the
/// fix loop and the language server need, since both edit the HTML itself.
/// Other reports are returned as they are.
pub fn in_file_offsets(report: FileReport) -> Vec<prlint::diagnostic::Diagnostic> {
    let Some(places) = report.source.places().filter(|p| p.html.is_some()) else {
        return report.diagnostics;
    };
    let mut out = report.diagnostics;
    let span = |s: &std::ops::Range<usize>| places.html_offset(s.start)..places.html_offset(s.end);
    for d in &mut out {
        d.span = span(&d.span);
        for l in &mut d.labels {
            l.span = span(&l.span);
        }
        if let Some(f) = &mut d.fix {
            for e in &mut f.edits {
                if let Some(r) = places.html_edit_range(e.byte_start..e.byte_end) {
                    e.byte_start = r.start;
                    e.byte_end = r.end;
                }
            }
        }
    }
    out
}

/// Everything a run needs to lint one text.
pub struct Checker<'a> {
    /// The configured linter.
    pub linter: &'a Linter,
    /// The configuration.
    pub config: &'a Config,
    /// `--lang`.
    pub lang_flag: Option<&'a str>,
    /// Every rule id prlint knows (for suppression comments).
    pub known: Vec<&'static str>,
    /// The rules that run.
    pub active: Vec<&'static str>,
    /// `--report-unused-suppressions`.
    pub report_unused: bool,
    /// `[[per-file]]` ignores.
    pub per_file: PerFileIgnores,
    /// `--encoding`: read files in this encoding instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl<'a> Checker<'a> {
    /// Builds the checker of a run.
    pub fn new(
        linter: &'a Linter,
        config: &'a Config,
        lang_flag: Option<&'a str>,
        report_unused: bool,
    ) -> Checker<'a> {
        Checker {
            linter,
            config,
            lang_flag,
            known: prlint::rule::registry()
                .iter()
                .map(|e| e.meta.id)
                .chain(linter.packs().ids())
                .collect(),
            // `parity` compares two files after their own check: a comment
            // suppressing it is not "unused" when the file alone raised nothing.
            active: linter
                .rule_ids()
                .into_iter()
                .filter(|id| *id != prlint::parity::META.id)
                .collect(),
            report_unused,
            per_file: PerFileIgnores::new(config),
            encoding: None,
        }
    }

    /// Lints the decoded text read from `path` (shown as `name`) in language `lang`,
    /// with per-file ignores and suppression comments applied.
    pub fn lint(
        &self,
        path: &Path,
        name: &str,
        decoded: prlint::load::Decoded,
        lang: &str,
        report_unused: bool,
    ) -> FileReport {
        let (diagnostics, doc) = self.lint_parts(path, name, decoded, lang, report_unused);
        FileReport {
            // Moved, not cloned: one copy of the text per file.
            source: doc.into_source(),
            diagnostics,
        }
    }

    /// Like [`Checker::lint`], also returning the parsed document (kept for
    /// the files the `parity` check compares).
    pub fn lint_doc(
        &self,
        path: &Path,
        name: &str,
        decoded: prlint::load::Decoded,
        lang: &str,
        report_unused: bool,
    ) -> (FileReport, prlint::document::Document) {
        let (diagnostics, doc) = self.lint_parts(path, name, decoded, lang, report_unused);
        let report = FileReport {
            source: doc.source().clone(),
            diagnostics,
        };
        (report, doc)
    }

    /// The findings of one file and its parsed document.
    fn lint_parts(
        &self,
        path: &Path,
        name: &str,
        decoded: prlint::load::Decoded,
        lang: &str,
        report_unused: bool,
    ) -> (
        Vec<prlint::diagnostic::Diagnostic>,
        prlint::document::Document,
    ) {
        let mut doc = self
            .linter
            .parse(Source::from_decoded(name.to_string(), decoded), lang);
        // `[[per-file]] bilingual`: second languages allowed for this path.
        let bilingual: Vec<String> = self
            .config
            .per_file_matching(path)
            .flat_map(|pf| pf.bilingual.iter().cloned())
            .collect();
        doc.allow_langs(&bilingual);
        let skip = self.per_file.for_path(path);
        let diagnostics = self.linter.check(&doc, &skip);
        let sup = Suppressions::parse(doc.source(), doc.is_markdown(), &self.known);
        let active: Vec<&str> = self
            .active
            .iter()
            .copied()
            .filter(|id| !skip.iter().any(|s| prlint::rule::selects(s, id)))
            .collect();
        let mut diagnostics = sup.apply(diagnostics, report_unused, &active);
        if let Some(places) = doc.source().places().filter(|p| p.html.is_some()) {
            // An HTML fix is offered only where the text is written as is
            // in the source (no entity, no collapsed whitespace, no markup).
            for d in &mut diagnostics {
                let mappable = d.fix.as_ref().is_some_and(|f| {
                    f.edits
                        .iter()
                        .all(|e| places.html_edit_range(e.byte_start..e.byte_end).is_some())
                });
                if d.fix.is_some() && !mappable {
                    d.fix = None;
                    d.notes.push(
                        "no fix offered: the text is not written as is in the HTML source (markup, an entity or collapsed whitespace)".to_string(),
                    );
                }
            }
        }
        (diagnostics, doc)
    }
}
