//! `prlint baseline write FILE [PATHS]`: record today's diagnostics.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use rayon::prelude::*;

use prlint::baseline::{base_of, Baseline};
use prlint::linter::{Linter, Overrides};

use super::check::resolve_lang;
use super::checker::Checker;
use super::files::{self, Input};
use super::{error, ConfigArgs, EXIT_ERROR, EXIT_OK};

/// `prlint baseline …`.
#[derive(Subcommand, Debug)]
pub enum BaselineCommand {
    /// Lint PATHS and record every diagnostic in FILE (overwritten).
    Write(WriteArgs),
}

/// Arguments of `prlint baseline write`.
#[derive(Args, Debug)]
pub struct WriteArgs {
    /// The baseline file to write (JSON; commit it).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Files and directories to lint.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The release language, as for `check`.
    #[arg(long, value_parser = super::parse_lang)]
    pub lang: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs `prlint baseline …`.
pub fn run(cmd: BaselineCommand) -> u8 {
    match cmd {
        BaselineCommand::Write(args) => write(args),
    }
}

fn write(args: WriteArgs) -> u8 {
    let config = match args.config.load() {
        Ok(c) => c,
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let linter = match Linter::new(&config, &Overrides::default()) {
        Ok(l) => l.with_lang_tag(args.lang.as_deref()),
        Err(e) => {
            error(e);
            return EXIT_ERROR;
        }
    };
    let (mut inputs, mut errors) = files::collect(&args.paths, "<stdin>", &config, false);
    for e in &errors {
        error(e);
    }
    let checker = Checker::new(&linter, &config, args.lang.as_deref(), false);
    // Language versions are compared as `check` compares them.
    let plan = match super::parity::plan(&checker, &mut inputs, &[]) {
        Ok(p) => p,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let results: Vec<_> = inputs
        .par_iter()
        .map(|input| -> Result<_, String> {
            let Input::File(path) = input else {
                return Err("baseline write: standard input cannot be baselined".to_string());
            };
            let decoded = files::read(input, None)?;
            let lang = resolve_lang(checker.lang_flag, path, &decoded.text, &config);
            let (report, doc) = checker.lint_doc(path, &input.display(), decoded, &lang, false);
            Ok(super::check::Outcome {
                path: path.clone(),
                is_stdin: false,
                report,
                lang: lang.clone(),
                fix: None,
                stdin_bytes: None,
                error: None,
                doc: plan.keeps(path).then(|| std::sync::Arc::new(doc)),
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    let mut results_left = Vec::new();
    for r in results {
        match r {
            Ok(o) => outcomes.push(o),
            Err(e) => results_left.push(Err(e)),
        }
    }
    super::parity::run(&plan, &checker, &mut outcomes, &mut errors);
    let results: Vec<Result<(std::path::PathBuf, prlint::output::FileReport), String>> = outcomes
        .into_iter()
        .map(|o| Ok((o.path, o.report)))
        .chain(results_left)
        .collect();
    let mut baseline = Baseline::new(&base_of(&args.file));
    let mut files_n = 0;
    for r in results {
        match r {
            Ok((path, report)) => {
                files_n += 1;
                baseline.record(&path, &report.source, &report.diagnostics);
            }
            Err(e) => {
                error(&e);
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        error(format!(
            "{}: not written, {} could not be read",
            args.file.display(),
            prlint::output::plural(errors.len(), "path", "paths")
        ));
        return EXIT_ERROR;
    }
    let written = if args.file.exists() {
        super::write::atomic(&args.file, baseline.to_json().as_bytes())
    } else {
        std::fs::write(&args.file, baseline.to_json())
    };
    if let Err(e) = written {
        error(format!(
            "{}: cannot write baseline: {e}",
            args.file.display()
        ));
        return EXIT_ERROR;
    }
    eprintln!(
        "prlint: recorded {} from {} in {}",
        prlint::output::plural(baseline.len(), "diagnostic", "diagnostics"),
        prlint::output::plural(files_n, "file", "files"),
        args.file.display()
    );
    EXIT_OK
}
