//! `prlint check`'s comparison of language versions ([`prlint::parity`]):
//! which inputs are versions of one release (planned before the files are
//! checked, so their parsed documents are kept), then the comparison of
//! each pair once every file has been checked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use prlint::diagnostic::Diagnostic;
use prlint::document::Document;
use prlint::parity::pairing::{Group, Pairer};
use prlint::parity::{Parity, Version};

use super::check::Outcome;
use super::checker::Checker;
use super::files::{self, Input};

/// What the comparison needs to know before the files are checked.
#[derive(Default)]
pub(super) struct Plan {
    /// Groups of versions.
    groups: Vec<Group>,
    /// Files whose version in a required language is missing.
    missing: Vec<prlint::parity::pairing::Missing>,
    /// The inputs whose parsed document must be kept.
    keep: HashSet<PathBuf>,
}

impl Plan {
    /// Whether the document of `path` must be kept.
    pub(super) fn keeps(&self, path: &Path) -> bool {
        !self.keep.is_empty() && self.keep.contains(&ident(path))
    }
}

/// A comparable form of a path.
fn ident(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Pairs the inputs. `explicit` are the `--parity` groups (added to the
/// inputs when not there). Nothing is planned when the rule does not run.
pub(super) fn plan(
    checker: &Checker,
    inputs: &mut Vec<Input>,
    explicit: &[PathBuf],
) -> Result<Plan, String> {
    if checker.linter.setting_of(prlint::parity::META.id).is_none() {
        return Ok(Plan::default());
    }
    let config = checker.config;
    let known: Vec<String> = config.languages.clone().unwrap_or_else(|| {
        prlint::lang::BUILTIN_LANGUAGES
            .iter()
            .map(|s| s.to_string())
            .collect()
    });
    let known_ref: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut groups: Vec<Group> = Vec::new();
    for g in [explicit].iter().filter(|g| !g.is_empty()) {
        let mut group = Group::new();
        for p in g.iter() {
            if !inputs
                .iter()
                .any(|i| matches!(i, Input::File(f) if ident(f) == ident(p)))
            {
                inputs.push(Input::File(p.clone()));
            }
            // The language is read from the file when the name does not say.
            let lang = prlint::detect::from_file_name(p, &known_ref).unwrap_or_default();
            group.push((p.clone(), lang));
        }
        groups.push(group);
    }
    let files: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p.clone()),
            Input::Stdin(_) => None,
        })
        .collect();
    let pairer = Pairer {
        known: known_ref.clone(),
        base: config.base_dir(),
        config: &config.parity,
    };
    let pairing = pairer.pair(&files, groups)?;
    let mut keep = HashSet::new();
    for g in &pairing.groups {
        keep.extend(g.iter().map(|(p, _)| ident(p)));
    }
    keep.extend(pairing.missing.iter().map(|(p, _, _)| ident(p)));
    Ok(Plan {
        groups: pairing.groups,
        missing: pairing.missing,
        keep,
    })
}

/// A version of a group: its document and whether it is an input of the run.
struct Member {
    lang: String,
    doc: Arc<Document>,
    source: Arc<prlint::source::Source>,
    /// Index into the outcomes when the file is an input of the run.
    outcome: Option<usize>,
}

/// Compares the versions of every group and adds the findings to the
/// outcomes of the files of the run. Unreadable partners found on disk
/// are errors.
pub(super) fn run(
    plan: &Plan,
    checker: &Checker,
    outcomes: &mut [Outcome],
    errors: &mut Vec<String>,
) {
    let Some(severity) = checker.linter.setting_of(prlint::parity::META.id) else {
        return;
    };
    if plan.groups.is_empty() && plan.missing.is_empty() {
        return;
    }
    let by_path: std::collections::HashMap<PathBuf, usize> = outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.is_stdin)
        .map(|(i, o)| (ident(&o.path), i))
        .collect();
    let find = |p: &Path| by_path.get(&ident(p)).copied();
    let parity = Parity::new(checker.linter.languages());
    // The findings of each group, computed in parallel.
    let results: Vec<Result<Vec<(usize, Diagnostic)>, String>> = plan
        .groups
        .par_iter()
        .map(|group| {
            let mut members = Vec::new();
            for (path, lang) in group {
                let outcome = find(path);
                let doc = match outcome.and_then(|i| outcomes[i].doc.clone()) {
                    Some(d) => d,
                    None => Arc::new(parse(checker, path, lang)?),
                };
                let lang = if lang.is_empty() {
                    doc.lang().to_string()
                } else {
                    lang.clone()
                };
                members.push(Member {
                    lang,
                    source: Arc::new(doc.source().clone()),
                    doc,
                    outcome,
                });
            }
            let mut found = Vec::new();
            for i in 0..members.len() {
                for j in i + 1..members.len() {
                    let (a, b) = (&members[i], &members[j]);
                    let va = Version {
                        doc: &a.doc,
                        lang: &a.lang,
                        source: a.source.clone(),
                    };
                    let vb = Version {
                        doc: &b.doc,
                        lang: &b.lang,
                        source: b.source.clone(),
                    };
                    let f = parity.compare(&va, &vb, checker.linter.people());
                    for (m, other, diags) in [(a, b, f.a), (b, a, f.b)] {
                        for d in diags {
                            match (m.outcome, other.outcome) {
                                (Some(k), _) => found.push((k, d)),
                                // A partner found on disk is not reported on:
                                // the finding moves to the file of the run.
                                (None, Some(k)) => {
                                    if let Some(d) = flip(d, &m.source) {
                                        found.push((k, d));
                                    }
                                }
                                (None, None) => {}
                            }
                        }
                    }
                }
            }
            Ok(found)
        })
        .collect();
    let mut added: Vec<(usize, Diagnostic)> = Vec::new();
    for r in results {
        match r {
            Ok(v) => added.extend(v),
            Err(e) => {
                super::error(&e);
                errors.push(e);
            }
        }
    }
    for (path, lang, missing) in &plan.missing {
        let Some(k) = find(path) else { continue };
        let Some(doc) = outcomes[k].doc.clone() else {
            continue;
        };
        for (l, expected) in missing {
            let span = doc
                .paragraphs()
                .iter()
                .find(|p| p.kind != prlint::document::BlockKind::Meta)
                .map_or(0..0, |p| {
                    let t = doc.slice(&p.span);
                    p.span.start..p.span.start + t.find(['\n', '\r']).unwrap_or(t.len())
                });
            added.push((
                k,
                Diagnostic::new(
                    &prlint::parity::META,
                    span,
                    format!(
                        "no `{l}` version of this `{lang}` release (expected {})",
                        expected.display()
                    ),
                )
                .with_label("this release")
                .with_help(format!(
                    "`[parity] require` asks for a version in {}",
                    checker.config.parity.require.join(", ")
                )),
            ));
        }
    }
    for (k, mut d) in added {
        let o = &mut outcomes[k];
        if checker
            .per_file
            .for_path(&o.path)
            .iter()
            .any(|s| prlint::rule::selects(s, prlint::parity::META.id))
        {
            continue;
        }
        if let Some(doc) = &o.doc {
            let sup = prlint::suppress::Suppressions::parse(
                doc.source(),
                doc.is_markdown(),
                &checker.known,
            );
            if sup.covers(&d) {
                continue;
            }
        }
        if let Some(s) = severity {
            d.severity = s;
        }
        o.report.diagnostics.push(d);
    }
    for o in outcomes.iter_mut() {
        prlint::linter::sort(&mut o.report.diagnostics);
        // The documents are not needed any more.
        o.doc = None;
    }
}

/// A finding in a file that is not an input of the run, moved to its first
/// related location (in the file of the run), pointing back.
fn flip(d: Diagnostic, source: &Arc<prlint::source::Source>) -> Option<Diagnostic> {
    let first = d.related.first()?.clone();
    let mut out = Diagnostic::new(d.rule, first.span.clone(), d.message.clone())
        .with_label(first.message.clone())
        .with_related(source.clone(), d.span.clone(), d.label.clone());
    out.severity = d.severity;
    out.notes = d.notes;
    Some(out)
}

/// Reads and parses a partner found on disk.
fn parse(checker: &Checker, path: &Path, lang: &str) -> Result<Document, String> {
    let input = Input::File(path.to_path_buf());
    let decoded = files::read(&input, checker.encoding)?;
    let lang = if lang.is_empty() {
        super::check::resolve_lang(checker.lang_flag, path, &decoded.text, checker.config)
    } else {
        lang.to_string()
    };
    let mut doc = checker.linter.parse(
        prlint::source::Source::from_decoded(input.display(), decoded),
        &lang,
    );
    let bilingual: Vec<String> = checker
        .config
        .per_file_matching(path)
        .flat_map(|pf| pf.bilingual.iter().cloned())
        .collect();
    doc.allow_langs(&bilingual);
    Ok(doc)
}
