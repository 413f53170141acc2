//! What `check` prints: the report in the chosen format, the diff, the fixed
//! standard input, statistics and the summaries.

use std::collections::BTreeMap;
use std::io::Write;

use codespan_reporting::term::termcolor::{self, StandardStream, WriteColor};

use prlint::diagnostic::{Diagnostic, Severity};
use prlint::output::{self, plural, FileReport};

use super::check::{color_choice, CheckArgs, Format, Mode, Outcome};
use super::ColorChoice;

/// Writes the report (and the diff, the fixed text, the statistics).
pub(super) fn emit(
    args: &CheckArgs,
    mode: &Mode,
    outcomes: &[Outcome],
    errors: &[String],
    stdin_fix: bool,
    baselined: usize,
) -> std::io::Result<()> {
    let reports: Vec<FileReport> = outcomes
        .iter()
        .map(|o| FileReport {
            source: o.report.source.clone(),
            diagnostics: o.report.diagnostics.clone(),
        })
        .collect();
    // `-o FILE`: the report (or the diff) goes there instead.
    let mut file = match &args.output_file {
        Some(p) => Some(open_output(p)?),
        None => None,
    };
    if matches!(mode, Mode::Diff) {
        let mut out: Box<dyn Write> = match file.take() {
            Some(f) => Box::new(f),
            None => Box::new(std::io::stdout().lock()),
        };
        let mut n = 0;
        for o in outcomes {
            if let Some((old, f)) = &o.fix {
                let d = prlint::fix::unified_diff(o.report.source.path(), old, &f.text);
                if !d.is_empty() {
                    n += 1;
                    out.write_all(d.as_bytes())?;
                }
            }
        }
        out.flush()?;
        eprintln!(
            "prlint: {}",
            fix_summary(outcomes, true, n, args.unsafe_fixes)
        );
        return Ok(());
    }
    if stdin_fix {
        // The fixed text goes to standard output; the report to standard error.
        let mut out = std::io::stdout().lock();
        for o in outcomes.iter().filter(|o| o.is_stdin) {
            // In the input's own encoding, BOM included.
            if let Some(bytes) = &o.stdin_bytes {
                out.write_all(bytes)?;
            }
        }
        out.flush()?;
    }
    let machine = matches!(args.format, Format::Json | Format::Sarif | Format::Html);
    let mut out: Box<dyn WriteColor> = if let Some(f) = file {
        Box::new(termcolor::NoColor::new(f))
    } else if stdin_fix {
        Box::new(StandardStream::stderr(
            if args.color == ColorChoice::Always {
                termcolor::ColorChoice::Always
            } else {
                termcolor::ColorChoice::Never
            },
        ))
    } else {
        Box::new(StandardStream::stdout(color_choice(args.color)))
    };
    match args.format {
        Format::Json => out.write_all(output::json::render(&reports).as_bytes())?,
        Format::Sarif => out.write_all(output::sarif::render(&reports, errors).as_bytes())?,
        Format::Short => out.write_all(output::short::render(&reports).as_bytes())?,
        Format::Html => {
            let releases: Vec<output::html::Release> = reports
                .iter()
                .zip(outcomes)
                .map(|(report, o)| output::html::Release {
                    report,
                    lang: &o.lang,
                })
                .collect();
            out.write_all(output::html::render(&releases, errors).as_bytes())?
        }
        Format::Github => {
            let mut s = String::new();
            for e in errors {
                s.push_str(&format!(
                    "::error title=prlint::{}\n",
                    output::github::escape_data(e)
                ));
            }
            s.push_str(&output::github::render(&reports));
            out.write_all(s.as_bytes())?;
        }
        Format::Human => {
            output::human::render(&mut *out, &reports)?;
            summary(&mut *out, &reports, baselined)?;
        }
    }
    out.flush()?;
    if args.statistics {
        let stats = output::stats::render(&reports);
        // GitHub: the per-rule summary stays the last line of standard output.
        if machine || stdin_fix || args.format == Format::Github {
            eprint!("{stats}");
        } else {
            out.write_all(stats.as_bytes())?;
        }
    }
    if matches!(mode, Mode::Fix) {
        let n = outcomes
            .iter()
            .filter(|o| o.fix.as_ref().is_some_and(|(old, f)| *old != f.text))
            .count();
        let line = fix_summary(outcomes, false, n, args.unsafe_fixes);
        if machine || stdin_fix || args.format != Format::Human {
            eprintln!("prlint: {line}");
        } else {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()
}

/// Creates the `-o` file; an error names it.
fn open_output(path: &std::path::Path) -> std::io::Result<std::io::BufWriter<std::fs::File>> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// "fixed 3 problems in 1 file (whitespace: 3); 2 remain".
fn fix_summary(outcomes: &[Outcome], dry_run: bool, files: usize, unsafe_fixes: bool) -> String {
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes {
        if let Some((_, f)) = &o.fix {
            for (r, n) in &f.fixed {
                *per_rule.entry(r).or_default() += n;
            }
        }
    }
    let total: usize = per_rule.values().sum();
    let passes = outcomes
        .iter()
        .filter_map(|o| o.fix.as_ref().map(|(_, f)| f.passes))
        .max()
        .unwrap_or(0);
    let remain: usize = outcomes.iter().map(|o| o.report.diagnostics.len()).sum();
    let fixable_left: usize = if unsafe_fixes {
        0
    } else {
        outcomes
            .iter()
            .flat_map(|o| &o.report.diagnostics)
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == prlint::diagnostic::Applicability::Unsafe)
            })
            .count()
    };
    let verb = if dry_run { "would fix" } else { "fixed" };
    let mut s = if total == 0 {
        "nothing to fix".to_string()
    } else {
        format!(
            "{verb} {} in {} ({}) in {}",
            plural(total, "problem", "problems"),
            plural(files, "file", "files"),
            per_rule
                .iter()
                .map(|(r, n)| format!("{r}: {n}"))
                .collect::<Vec<_>>()
                .join(", "),
            if passes > 1 {
                format!("up to {passes} passes")
            } else {
                "1 pass".to_string()
            }
        )
    };
    if dry_run {
        s.push_str(&format!(
            "; {} would remain",
            plural(remain, "problem", "problems")
        ));
    } else {
        s.push_str(&format!(
            "; {} remaining",
            plural(remain, "problem", "problems")
        ));
    }
    if fixable_left > 0 {
        s.push_str(&format!(
            " ({fixable_left} with an unsafe fix: add --unsafe-fixes)"
        ));
    }
    s
}

fn summary(
    out: &mut dyn WriteColor,
    reports: &[FileReport],
    baselined: usize,
) -> std::io::Result<()> {
    let count = |s: Severity| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d: &&Diagnostic| d.severity == s)
            .count()
    };
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let checked = plural(reports.len(), "file", "files");
    let known = if baselined > 0 {
        format!(" ({baselined} more known in the baseline)")
    } else {
        String::new()
    };
    if e + w + i == 0 {
        writeln!(out, "checked {checked}: no problems found{known}")
    } else {
        let mut parts = vec![
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
        ];
        if i > 0 {
            parts.push(plural(i, "info", "infos"));
        }
        writeln!(out, "checked {checked}: {}{known}", parts.join(", "))
    }
}
