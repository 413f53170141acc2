//! `prlint check`: lint releases and report.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor::{self, StandardStream, WriteColor};
use rayon::prelude::*;

use prlint::config::Config;
use prlint::diagnostic::Severity;
use prlint::linter::{Linter, Overrides};
use prlint::output::{self, FileReport};
use prlint::source::Source;

use super::files::{self, Input};
use super::{error, ColorChoice, ConfigArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// rustc-style report with the spans shown.
    #[default]
    Human,
    /// A JSON array of diagnostics.
    Json,
}

/// `--deny` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    /// Warnings fail the run too.
    Warnings,
}

/// Arguments of `prlint check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Never run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// The release language (fr, nl, en, de…), overriding file name, front matter and config.
    #[arg(long)]
    pub lang: Option<String>,
    /// The name shown for standard input.
    #[arg(long, default_value = "<stdin>")]
    pub stdin_filename: String,
    /// Read files in this encoding instead of detecting it (utf-8, windows-1252, utf-16le…).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// `--deny warnings`: warnings fail the run too.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The language of one release, by precedence: flag, file name, front
/// matter, config (per-file glob, then `lang`), detection.
pub fn resolve_lang(flag: Option<&str>, path: &Path, text: &str, config: &Config) -> String {
    let known: Vec<String> = config.languages.clone().unwrap_or_else(|| {
        prlint::lang::BUILTIN_LANGUAGES
            .iter()
            .map(|s| s.to_string())
            .collect()
    });
    let known_ref: Vec<&str> = known.iter().map(String::as_str).collect();
    if let Some(l) = flag {
        return l.to_lowercase();
    }
    if let Some(l) = prlint::detect::from_file_name(path, &known_ref) {
        return l;
    }
    if let Some(l) = prlint::detect::from_front_matter(text) {
        return l;
    }
    let base = config.base_dir();
    let rel = path.strip_prefix(&base).unwrap_or(path);
    for pf in &config.per_file {
        if let (Some(l), Ok(g)) = (&pf.lang, globset::Glob::new(&pf.glob)) {
            if g.compile_matcher().is_match(rel) {
                return l.clone();
            }
        }
    }
    if let Some(l) = &config.lang {
        return l.clone();
    }
    prlint::detect::detect(text, &known)
        .map(|(l, _)| l)
        .unwrap_or_else(|| "en".to_string())
}

/// Rules that `[[per-file]]` globs turn off for `path`.
fn per_file_ignores(path: &Path, config: &Config) -> Vec<String> {
    let base = config.base_dir();
    let rel = path.strip_prefix(&base).unwrap_or(path);
    config
        .per_file
        .iter()
        .filter(|pf| {
            globset::Glob::new(&pf.glob)
                .map(|g| {
                    let m = g.compile_matcher();
                    m.is_match(rel) || path.file_name().is_some_and(|n| m.is_match(n))
                })
                .unwrap_or(false)
        })
        .flat_map(|pf| pf.ignore.iter().cloned())
        .collect()
}

/// Whether coloured output goes to standard output.
pub fn color_choice(choice: ColorChoice) -> termcolor::ColorChoice {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
                || !std::io::stdout().is_terminal()
            {
                termcolor::ColorChoice::Never
            } else {
                termcolor::ColorChoice::Auto
            }
        }
    }
}

/// Runs `prlint check`.
pub fn run(args: CheckArgs) -> u8 {
    let config = match args.config.load() {
        Ok(c) => c,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let linter = match Linter::new(
        &config,
        &Overrides {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
        },
    ) {
        Ok(l) => l,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let encoding = match args
        .encoding
        .as_deref()
        .map(|l| (l, prlint::load::encoding_for_label(l)))
    {
        None => None,
        Some((_, Some(e))) => Some(e),
        Some((l, None)) => {
            error(format!(
                "unknown encoding `{l}` (try utf-8, windows-1252, latin1, utf-16le, utf-16be)"
            ));
            return EXIT_ERROR;
        }
    };
    let (inputs, mut errors) = files::collect(&args.paths, &args.stdin_filename, &config);
    for e in &errors {
        error(e);
    }
    let results: Vec<Result<FileReport, String>> = inputs
        .par_iter()
        .map(|input| {
            let decoded = files::read(input, encoding)?;
            let name = input.display();
            let path = match input {
                Input::File(p) => p.clone(),
                Input::Stdin(n) => PathBuf::from(n),
            };
            let lang = resolve_lang(args.lang.as_deref(), &path, &decoded.text, &config);
            let doc = linter.parse(Source::from_decoded(name, decoded), &lang);
            let diagnostics = linter.check(&doc, &per_file_ignores(&path, &config));
            Ok(FileReport {
                source: doc.source().clone(),
                diagnostics,
            })
        })
        .collect();
    let mut reports = Vec::new();
    for r in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) => {
                error(&e);
                errors.push(e);
            }
        }
    }
    let count = |s: Severity| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let (n_err, n_warn, n_info) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let write_result = match args.format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            out.write_all(output::json::render(&reports).as_bytes())
                .and_then(|_| out.flush())
        }
        Format::Human => {
            let mut out = StandardStream::stdout(color_choice(args.color));
            output::human::render(&mut out, &reports)
                .and_then(|_| summary(&mut out, reports.len(), n_err, n_warn, n_info))
        }
    };
    if let Err(e) = write_result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            error(format!("cannot write output: {e}"));
            return EXIT_ERROR;
        }
    }
    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    let fails = n_err > 0 || (args.deny == Some(Deny::Warnings) && n_warn > 0);
    if fails {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(
    out: &mut dyn WriteColor,
    files: usize,
    e: usize,
    w: usize,
    i: usize,
) -> std::io::Result<()> {
    let checked = plural(files, "file", "files");
    if e + w + i == 0 {
        writeln!(out, "checked {checked}: no problems found")
    } else {
        let mut parts = vec![
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
        ];
        if i > 0 {
            parts.push(plural(i, "info", "infos"));
        }
        writeln!(out, "checked {checked}: {}", parts.join(", "))
    }
}
