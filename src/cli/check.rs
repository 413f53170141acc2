//! `prlint check`: lint releases, optionally fix them, and report.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use codespan_reporting::term::termcolor;
use rayon::prelude::*;

use prlint::baseline::Baseline;
use prlint::config::Config;
use prlint::diagnostic::Severity;
use prlint::linter::{Linter, Overrides};
use prlint::output::{plural, FileReport};

use super::checker::Checker;
use super::files::{self, Input};
use super::{error, write, ColorChoice, ConfigArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// rustc-style report with the spans shown.
    #[default]
    Human,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow commands (annotations), then a summary per rule.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// `path:line:col: severity[rule] message`, one per line.
    Short,
    /// One self-contained HTML page: each release with its findings
    /// highlighted in place (write it with `-o report.html`).
    Html,
}

/// `--deny` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    /// Warnings fail the run too (same as `--fail-on warning`).
    Warnings,
}

/// `--fail-on` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Only errors fail the run (the default).
    Error,
    /// Warnings and errors fail the run.
    Warning,
    /// Any diagnostic fails the run.
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Arguments of `prlint check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check (default: the current directory,
    /// unless `--parity` names files); `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Compare these files as the language versions of one release (two
    /// or more). Put it after the paths: it takes every file that follows.
    #[arg(long, value_name = "FILE", num_args = 2..)]
    pub parity: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output (any format).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Run only these rules (comma-separated ids or groups: `style`, `all`).
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = super::parse_rule_id)]
    pub select: Option<Vec<String>>,
    /// Run these rules or groups too, beside the defaults (`--extend-select style`).
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = super::parse_rule_id)]
    pub extend_select: Vec<String>,
    /// Never run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = super::parse_rule_id)]
    pub ignore: Vec<String>,
    /// The release language (fr, nl, en, de…), overriding file name, front matter and config.
    #[arg(long, value_parser = super::parse_lang)]
    pub lang: Option<String>,
    /// Leave out files the config's `exclude` matches even when they are
    /// named on the command line (pre-commit and editors name files one by one).
    #[arg(long)]
    pub force_exclude: bool,
    /// The name shown for standard input.
    #[arg(long, default_value = "<stdin>")]
    pub stdin_filename: String,
    /// No progress line on long runs.
    #[arg(long, short)]
    pub quiet: bool,
    /// Read files in this encoding instead of detecting it (utf-8, windows-1252, utf-16le…).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// `--deny warnings`: warnings fail the run too (alias of `--fail-on warning`).
    #[arg(long, value_enum, conflicts_with = "fail_on")]
    pub deny: Option<Deny>,
    /// The lowest severity that fails the run (default: `fail-on` in the config, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Always exit 0 when the check ran (report-only); errors still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// After the report, print how many diagnostics each rule raised.
    #[arg(long)]
    pub statistics: bool,
    /// Apply safe fixes in place (standard input: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change; write nothing.
    /// Exit 1 when there is something to fix.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Report only diagnostics not recorded in this baseline file
    /// (see `prlint baseline write`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Show at most N diagnostics of one rule per file, then one saying how
    /// many more (default: `max-per-rule` in the config, else 50; 0 = no limit).
    #[arg(long, value_name = "N")]
    pub max_per_rule: Option<usize>,
    /// Report suppression comments that suppress nothing.
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// The reference date of embargo checks, `YYYY-MM-DD[THH:MM]` (default: now, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_now)]
    pub now: Option<(prlint::dates::Date, Option<u32>)>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The language of one release: see [`prlint::detect::resolve`].
pub fn resolve_lang(flag: Option<&str>, path: &Path, text: &str, config: &Config) -> String {
    prlint::detect::resolve(flag, path, text, config).0
}

/// Parses `--now`.
fn parse_now(s: &str) -> Result<(prlint::dates::Date, Option<u32>), String> {
    prlint::dates::parse_now(s)
        .ok_or_else(|| format!("`{s}` is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"))
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

/// What happened to one input.
pub(super) struct Outcome {
    pub(super) path: PathBuf,
    pub(super) is_stdin: bool,
    pub(super) report: FileReport,
    /// The language the release was checked in.
    pub(super) lang: String,
    /// Fix mode: the original text and the fix loop's result.
    pub(super) fix: Option<(String, prlint::fix::FixOutcome)>,
    /// Fixing standard input: the bytes to print (the fixed text in the
    /// input's encoding and BOM, or the input unchanged).
    pub(super) stdin_bytes: Option<Vec<u8>>,
    /// Why this input was not fixed (or not written); its diagnostics are
    /// still reported and the run exits 2.
    pub(super) error: Option<String>,
    /// The parsed release, kept when the `parity` check compares it with
    /// another language version.
    pub(super) doc: Option<std::sync::Arc<prlint::document::Document>>,
}

/// Check, fix in place, or show the diff.
pub(super) enum Mode {
    Check,
    Fix,
    Diff,
}

/// Lints (and in fix mode fixes) one input; never panics out.
fn process(
    checker: &Checker,
    input: &Input,
    mode: &Mode,
    unsafe_fixes: bool,
    keep_doc: bool,
) -> Result<Outcome, String> {
    let (raw, decoded) = files::read_raw(input, checker.encoding)?;
    let name = input.display();
    let (path, is_stdin) = match input {
        Input::File(p) => (p.clone(), false),
        Input::Stdin(n) => (PathBuf::from(n), true),
    };
    let lang = resolve_lang(
        checker.lang_flag,
        &path,
        &files::lang_text(&name, &decoded),
        checker.config,
    );
    let report_unused = checker.report_unused;
    let mut outcome = Outcome {
        report: FileReport {
            source: prlint::source::Source::new(name.clone(), String::new()),
            diagnostics: Vec::new(),
        },
        lang: lang.clone(),
        path: path.clone(),
        is_stdin,
        fix: None,
        stdin_bytes: None,
        error: None,
        doc: None,
    };
    if matches!(mode, Mode::Check) {
        // The file's bytes are not needed to check it: freed before the
        // document is built (peak memory of a big release).
        drop(raw);
        if keep_doc {
            let (report, doc) = checker.lint_doc(&path, &name, decoded, &lang, report_unused);
            outcome.doc = Some(std::sync::Arc::new(doc));
            outcome.report = report;
            return Ok(outcome);
        }
        let report = checker.lint(&path, &name, decoded, &lang, report_unused);
        if !report.diagnostics.is_empty() {
            // Nothing to show: keep the name, not the text, so a run over
            // an archive of clean releases holds no texts until the end.
            outcome.report = report;
        }
        return Ok(outcome);
    }
    let format = prlint::extract::Format::of(&name);
    if !format.fixable() {
        outcome.error = Some(format!(
            "{name}: not fixed: prlint does not rewrite {} documents (correct the text in the word processor; the findings are listed)",
            if format == prlint::extract::Format::Odt { ".odt" } else { ".docx" }
        ));
        outcome.report = checker.lint(&path, &name, decoded, &lang, report_unused);
        return Ok(outcome);
    }
    let html = format == prlint::extract::Format::Html;
    let fixed = prlint::fix::fix_file(&decoded, checker.encoding, unsafe_fixes, |d| {
        let report = checker.lint(&path, &name, d, &lang, false);
        if html {
            super::checker::in_file_offsets(report)
        } else {
            report.diagnostics
        }
    });
    let text = decoded.text.clone();
    match fixed {
        Ok(ff) => {
            let mut written = true;
            if let Some(bytes) = &ff.bytes {
                if is_stdin {
                    outcome.stdin_bytes = Some(bytes.clone());
                } else if matches!(mode, Mode::Fix) {
                    if let Err(e) = write::atomic(&path, bytes) {
                        outcome.error = Some(format!("{name}: cannot write the fixed file: {e}"));
                        written = false;
                    }
                }
            } else if is_stdin {
                outcome.stdin_bytes = Some(raw);
            }
            if written {
                let after = prlint::load::Decoded::clean(
                    ff.outcome.text.clone(),
                    decoded.encoding,
                    decoded.bom_len,
                );
                let (report, doc) = checker.lint_doc(&path, &name, after, &lang, report_unused);
                outcome.report = report;
                if keep_doc {
                    outcome.doc = Some(std::sync::Arc::new(doc));
                }
                outcome.fix = Some((text, ff.outcome));
            } else {
                // Nothing was written: report the file as it is.
                outcome.report = checker.lint(&path, &name, decoded, &lang, report_unused);
            }
        }
        Err(why) => {
            outcome.error = Some(format!("{name}: {why}"));
            if is_stdin {
                outcome.stdin_bytes = Some(raw);
            }
            outcome.report = checker.lint(&path, &name, decoded, &lang, report_unused);
        }
    }
    Ok(outcome)
}

/// `inputs` less the file the report is written to (same file on disk).
fn without_output(inputs: Vec<Input>, output: &Path) -> Vec<Input> {
    let Ok(out) = std::fs::canonicalize(output) else {
        return inputs; // not written yet: cannot be among the inputs
    };
    inputs
        .into_iter()
        .filter(|i| match i {
            Input::File(p) => std::fs::canonicalize(p).map_or(true, |p| p != out),
            Input::Stdin(_) => true,
        })
        .collect()
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
            extend_select: args.extend_select.clone(),
            ignore: args.ignore.clone(),
        },
    ) {
        Ok(l) => l.with_now(args.now).with_lang_tag(args.lang.as_deref()),
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
    let mut baseline = match &args.baseline {
        Some(p) => match prlint::config::check_settings_file(p, "baseline")
            .and_then(|_| Baseline::load(p).map_err(|e| e.to_string()))
        {
            Ok(b) => Some(b),
            Err(e) => {
                error(e);
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let mode = if args.diff {
        Mode::Diff
    } else if args.fix {
        Mode::Fix
    } else {
        Mode::Check
    };
    // `--parity A B` alone checks A and B, not the current directory.
    let paths = if args.paths.is_empty() && args.parity.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (inputs, mut errors) =
        files::collect(&paths, &args.stdin_filename, &config, args.force_exclude);
    for e in &errors {
        error(e);
    }
    // The report file of an earlier run is no release to check.
    let mut inputs = match &args.output_file {
        Some(o) => without_output(inputs, o),
        None => inputs,
    };
    let file_paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p.clone()),
            Input::Stdin(_) => None,
        })
        .collect();
    for (tmp, release) in write::leftovers(&file_paths) {
        eprintln!(
            "prlint: warning: {}: temporary file left by an interrupted --fix of {}; compare it with the release, then delete it",
            tmp.display(),
            release.display()
        );
    }
    // One file: its rules share the cores (more files: a file per core).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let linter = linter.with_parallel_rules(inputs.len() == 1 && cores > 1);
    let mut checker = Checker::new(
        &linter,
        &config,
        args.lang.as_deref(),
        args.report_unused_suppressions,
    );
    checker.encoding = encoding;
    // Language versions of one release: paired before the files are checked.
    let plan = match super::parity::plan(&checker, &mut inputs, &args.parity) {
        Ok(p) => p,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    // `PRLINT_WARMUP=1`: with fewer files than cores, an idle core compiles
    // the recognisers the text may need meanwhile. Off by default: on two
    // cores it saved no wall-clock time on a one-release run and cost 70 %
    // more CPU (it compiles what a trigger allows, not what a rule reaches),
    // which a busy machine (a CI runner, a pre-commit hook beside a build)
    // pays in wall-clock time. (`available_parallelism`, not rayon's thread
    // count: asking rayon starts its pool, which a one-file run does not use.)
    if inputs.len() < cores && std::env::var_os("PRLINT_WARMUP").is_some_and(|v| v == "1") {
        prlint::regex_cache::warm_up();
    }
    // How much text the run searches: a one-release run compiles its
    // recognisers the cheap way, a larger run with literal prefilters.
    let expected = match inputs.as_slice() {
        [Input::File(p)] => std::fs::metadata(p).map_or(0, |m| m.len() as usize),
        [Input::Stdin(_)] => 0,
        _ => usize::MAX,
    };
    prlint::regex_cache::expect_text(expected);
    let progress = super::progress::Progress::start(inputs.len(), args.quiet);
    let check_one = |input: &Input| {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let keep = matches!(input, Input::File(p) if plan.keeps(p));
            process(&checker, input, &mode, args.unsafe_fixes, keep)
        }))
        .unwrap_or_else(|_| {
            Err(format!(
                "{}: internal error while checking this file (please report); other files go on",
                input.display()
            ))
        });
        progress.tick();
        r
    };
    // One file (the pre-commit run) is checked on this thread: no pool of
    // workers to start for it.
    let results: Vec<Result<Outcome, String>> = if inputs.len() == 1 {
        inputs.iter().map(check_one).collect()
    } else {
        inputs.par_iter().map(check_one).collect()
    };
    progress.finish();
    let mut outcomes = Vec::new();
    for r in results {
        match r {
            Ok(mut o) => {
                if let Some(e) = o.error.take() {
                    error(&e);
                    errors.push(e);
                }
                outcomes.push(o)
            }
            Err(e) => {
                error(&e);
                errors.push(e);
            }
        }
    }
    super::parity::run(&plan, &checker, &mut outcomes, &mut errors);
    // Baseline: keep only new diagnostics.
    let mut baselined = 0;
    if let Some(b) = baseline.as_mut() {
        for o in &mut outcomes {
            let diags = std::mem::take(&mut o.report.diagnostics);
            let (kept, covered) = b.filter(&o.path, &o.report.source, diags);
            o.report.diagnostics = kept;
            baselined += covered;
        }
    }
    // Bounded output: at most N diagnostics of one rule per file.
    let max = args
        .max_per_rule
        .or(config.max_per_rule)
        .unwrap_or(prlint::config::DEFAULT_MAX_PER_RULE);
    for o in &mut outcomes {
        let diags = std::mem::take(&mut o.report.diagnostics);
        o.report.diagnostics = prlint::linter::cap_per_rule(diags, max);
    }
    let stdin_fix = matches!(mode, Mode::Fix) && outcomes.iter().any(|o| o.is_stdin);
    let write_result = super::report::emit(&args, &mode, &outcomes, &errors, stdin_fix, baselined);
    if let Err(e) = write_result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            error(format!("cannot write output: {e}"));
            return EXIT_ERROR;
        }
    }
    // Run-level notes (a language without a dictionary), once per run:
    // `spelling`'s always (it tells how to get the dictionary every
    // dictionary rule reads), the others' for the rules the user asked for
    // (`agreement` on by default stays silent: spelling's note says it).
    if !args.quiet {
        for n in prlint::spell::take_notes() {
            if n.rule == "spelling" || linter.is_explicit(n.rule) {
                eprintln!("prlint: note: {}", n.text);
            }
        }
    }
    if let (Some(b), Some(p)) = (&baseline, &args.baseline) {
        let stale = b.stale();
        if !stale.is_empty() {
            eprintln!(
                "prlint: {}: {} no longer {} (fixed or changed); run `prlint baseline write {}` to shrink it:",
                p.display(),
                plural(stale.iter().map(|e| e.count).sum(), "baseline entry", "baseline entries"),
                if stale.len() == 1 { "matches" } else { "match" },
                p.display()
            );
            for e in &stale {
                eprintln!("  {} [{}] {} (×{})", e.path, e.rule, e.message, e.count);
            }
        }
    }
    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    if args.exit_zero {
        return EXIT_OK;
    }
    if matches!(mode, Mode::Diff) {
        let changes = outcomes
            .iter()
            .any(|o| o.fix.as_ref().is_some_and(|(old, f)| *old != f.text));
        return if changes { EXIT_FINDINGS } else { EXIT_OK };
    }
    let threshold = match (args.fail_on, args.deny) {
        (Some(f), _) => f.severity(),
        (None, Some(Deny::Warnings)) => Severity::Warning,
        (None, None) => config.fail_on.unwrap_or(Severity::Error),
    };
    let fails = outcomes
        .iter()
        .flat_map(|o| &o.report.diagnostics)
        .any(|d| d.severity >= threshold);
    if fails {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
