//! `prlint init [--lang fr,nl]`: write a commented prlint.toml.

use std::path::PathBuf;

use clap::Args;

use super::{error, EXIT_ERROR, EXIT_OK};

/// Arguments of `prlint init`.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// The office's languages, main one first (e.g. `fr,nl`). Never asked
    /// interactively, so `init` runs unattended in CI.
    #[arg(long, value_delimiter = ',', value_name = "LANGS")]
    pub lang: Vec<String>,
    /// Where to write (default: ./prlint.toml).
    #[arg(long, value_name = "PATH", default_value = prlint::config::FILE_NAME)]
    pub path: PathBuf,
}

/// The text of a new prlint.toml for `langs` (main language first).
pub fn template(langs: &[String]) -> String {
    let mut s = String::from(
        "# prlint configuration (see the README and docs/ for every key).\n\
         # Every key is optional; delete what you do not need.\n\n",
    );
    match langs.split_first() {
        Some((main, rest)) => {
            s.push_str("# The language of releases whose language is not given by their file\n");
            s.push_str("# name (release.fr.txt) or front matter (lang: fr).\n");
            s.push_str(&format!("lang = \"{main}\"\n\n"));
            let all: Vec<String> = langs.iter().map(|l| format!("\"{l}\"")).collect();
            s.push_str("# Languages the office writes in: detection only chooses among these.\n");
            s.push_str(&format!("languages = [{}]\n\n", all.join(", ")));
            if !rest.is_empty() {
                let others: Vec<String> = rest.iter().map(|l| format!("\"{l}\"")).collect();
                s.push_str(
                    "# Languages allowed beside the release language (bilingual releases).\n",
                );
                s.push_str(&format!("bilingual = [{}]\n\n", others.join(", ")));
            }
        }
        None => {
            s.push_str("# The default release language (else detected per file):\n");
            s.push_str("# lang = \"fr\"\n");
            s.push_str("# languages = [\"fr\", \"nl\", \"en\", \"de\"]\n\n");
        }
    }
    s.push_str(
        "# The lowest severity that fails `prlint check` (error, warning or info).\n\
         fail-on = \"error\"\n\n\
         # Which files `prlint check DIR` reads, and which it skips.\n\
         # include = [\"*.txt\", \"*.md\"]\n\
         # exclude = [\"drafts/**\"]\n\n\
         # Also run the house-style checks (sentence and headline length),\n\
         # which are off by default: they report preferences, not defects.\n\
         # extend-select = [\"style\"]\n\n\
         # Rules: turn one off, change its severity, or set its options\n\
         # (`prlint rules` lists them, `prlint rule ID` explains one).\n\
         [rules]\n",
    );
    let metas = prlint::rule::registry().iter().map(|e| e.meta).chain(
        prlint::rule::pack::PackSet::builtin()
            .rules()
            .iter()
            .map(|r| r.meta()),
    );
    for m in metas {
        s.push_str(&format!(
            "# {} = \"{}\"  # {}\n",
            m.id,
            if m.default_enabled {
                m.default_severity.name()
            } else {
                "on"
            },
            m.summary
        ));
    }
    if langs.is_empty() || langs.iter().any(|l| l == "fr") {
        s.push_str(
            "\n# Strict French typography: every space before : ; ! ? » and after «\n\
             # must be a no-break space (U+00A0 or U+202F), not only consistent.\n\
             # [rules.french-spacing]\n\
             # require-no-break = true\n",
        );
    }
    s.push_str(
        "\n# Words your releases use that prlint should know (per language).\n\
         # [words.fr]\n\n\
         # Settings for some files only (globs relative to this file).\n\
         # [[per-file]]\n\
         # glob = \"archive/**\"\n\
         # ignore = [\"whitespace\"]\n",
    );
    s
}

/// Runs `prlint init`.
pub fn run(args: InitArgs) -> u8 {
    let langs: Vec<String> = args
        .lang
        .iter()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    for l in &langs {
        if !prlint::config::is_lang_code(l) {
            error(format!(
                "--lang: `{l}` is not a language code (use e.g. fr, nl, en, de)"
            ));
            return EXIT_ERROR;
        }
    }
    if args.path.exists() {
        error(format!(
            "{}: already exists; not overwritten (edit it, or remove it first)",
            args.path.display()
        ));
        return EXIT_ERROR;
    }
    let text = template(&langs);
    // `create_new` also refuses a file created since the check above.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => {
            eprintln!("prlint: wrote {}", args.path.display());
            EXIT_OK
        }
        Err(e) => {
            error(format!("{}: cannot write: {e}", args.path.display()));
            EXIT_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse() {
        for langs in [vec![], vec!["fr".to_string(), "nl".to_string()]] {
            let t = template(&langs);
            prlint::config::Config::parse(std::path::Path::new("prlint.toml"), &t)
                .unwrap_or_else(|e| panic!("{e}\n{t}"));
        }
    }

    #[test]
    fn french_offices_get_strict_typography_commented_out() {
        let t = template(&["fr".to_string()]);
        assert!(
            t.contains("# [rules.french-spacing]\n# require-no-break = true\n"),
            "{t}"
        );
        assert!(t.contains("# extend-select = [\"style\"]"), "{t}");
        // Uncommented, the lines are a valid config.
        let on = t
            .replace("# [rules.french-spacing]", "[rules.french-spacing]")
            .replace("# require-no-break = true", "require-no-break = true");
        prlint::config::Config::parse(std::path::Path::new("prlint.toml"), &on)
            .unwrap_or_else(|e| panic!("{e}\n{on}"));
        assert!(!template(&["nl".to_string()]).contains("require-no-break"));
    }
}
