//! Command-line interface: one file per subcommand.

mod check;
mod files;
mod progress;
mod rules;
mod sections;

// People and titles
mod entities;

// Languages and packs

// Workflow
mod baseline;
mod checker;
mod init;
mod lsp;
mod parity;
mod report;
mod write;

// Validator

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit code: no error-level diagnostic.
pub const EXIT_OK: u8 = 0;
/// Exit code: findings at or above the failing severity.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, config or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// A linter and validator for press releases.
#[derive(Parser, Debug)]
#[command(name = "prlint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check releases (files, directories, or - for standard input).
    Check(Box<check::CheckArgs>),
    /// List every rule.
    Rules(ConfigArgs),
    /// Explain one rule.
    Rule {
        /// The rule id, e.g. repeated-word.
        id: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Show how prlint reads a release: its sections and paragraphs.
    Sections {
        /// The release; `-` reads standard input.
        file: PathBuf,
        /// The release language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<String>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    // People and titles
    /// Show the people a release names, with every mention's title and line.
    Entities {
        /// The release; `-` reads standard input.
        file: PathBuf,
        /// The release language.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<String>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    // Languages and packs

    // Workflow
    /// Record today's diagnostics so `check --baseline` reports only new ones.
    #[command(subcommand)]
    Baseline(baseline::BaselineCommand),
    /// Write a commented prlint.toml in the current folder.
    Init(init::InitArgs),
    /// Run the language server (LSP over standard input and output) for editors.
    Lsp,
    /// Show the cache of compiled dictionaries (or clear it).
    Cache {
        /// Delete the cached files (safe: the next run rebuilds what it needs).
        #[arg(long)]
        clear: bool,
    },
    // Validator
}

/// Where the configuration comes from.
#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// Use this config file instead of the discovered prlint.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    /// Ignore any prlint.toml.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
}

impl ConfigArgs {
    /// Loads the config: `--config`, else `prlint.toml` from the current
    /// directory upwards, else defaults.
    pub fn load(&self) -> Result<prlint::config::Config, String> {
        if self.no_config {
            return Ok(prlint::config::Config::default());
        }
        let path = match &self.config {
            Some(p) => Some(p.clone()),
            None => {
                let here = std::env::current_dir().map_err(|e| {
                    format!("cannot read the current folder to look for prlint.toml: {e}")
                })?;
                prlint::config::Config::discover(&here)
            }
        };
        match path {
            Some(p) => prlint::config::Config::load(&p).map_err(|e| e.0),
            None => Ok(prlint::config::Config::default()),
        }
    }
}

/// `--color`.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Parses `--lang`: a language code, checked as prlint.toml's `lang` is.
pub fn parse_lang(s: &str) -> Result<String, String> {
    if prlint::config::is_lang_tag(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "`{s}` is not a language code (use e.g. `fr`, `nl`, `en`, `de`, or `en-GB` for a region's dictionary)"
        ))
    }
}

/// Parses one rule id of `--select`, `--extend-select` or `--ignore`:
/// spaces around it are dropped ("a, b"), an empty one is an error.
pub fn parse_rule_id(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        Err("empty rule id (write ids separated by commas: `a,b`)".to_string())
    } else {
        Ok(t.to_string())
    }
}

/// `prlint cache`: the cache folder and its files, or `--clear` them.
fn cache(clear: bool) -> u8 {
    let Some(dir) = prlint::morph::cache::dir() else {
        println!("no cache folder (set PRLINT_CACHE_DIR, XDG_CACHE_HOME or HOME)");
        return EXIT_OK;
    };
    let files = prlint::morph::cache::files(&dir);
    if clear {
        for f in &files {
            if let Err(e) = std::fs::remove_file(f) {
                error(format!("{}: cannot delete: {e}", f.display()));
                return EXIT_ERROR;
            }
        }
        println!("{}: {} file(s) deleted", dir.display(), files.len());
        return EXIT_OK;
    }
    println!("{}", dir.display());
    for f in &files {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        println!("  {} ({} KB)", f.display(), size / 1024);
    }
    EXIT_OK
}

/// Prints a one-line error.
pub fn error(msg: impl std::fmt::Display) {
    eprintln!("prlint: error: {msg}");
}

/// Parses the arguments and runs the subcommand; returns the exit code.
pub fn run() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Rules(cfg) => rules::list(&cfg),
        Command::Rule { id, config } => rules::explain(&id, &config),
        Command::Sections { file, lang, config } => sections::run(&file, lang, &config),
        // People and titles
        Command::Entities { file, lang, config } => entities::run(&file, lang, &config),
        // Languages and packs

        // Workflow
        Command::Baseline(cmd) => baseline::run(cmd),
        Command::Init(args) => init::run(args),
        Command::Lsp => lsp::run(),
        Command::Cache { clear } => cache(clear),
        // Validator
    }
}
