//! Finding and reading the releases to check.

use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use prlint::config::Config;

/// One input: a file on disk or standard input.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file (given or found in a directory).
    File(PathBuf),
    /// Standard input, shown under this name.
    Stdin(String),
}

impl Input {
    /// The name shown in reports.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin(n) => n.clone(),
        }
    }
}

fn globset(globs: &[String], defaults: &[&str]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    let list: Vec<String> = if globs.is_empty() {
        defaults.iter().map(|s| s.to_string()).collect()
    } else {
        globs.to_vec()
    };
    for g in list {
        if let Ok(glob) = Glob::new(&g) {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// The files checked inside folders when the config sets no `include`.
pub const DEFAULT_INCLUDE: &[&str] = &[
    "*.txt",
    "*.md",
    "*.markdown",
    "*.docx",
    "*.odt",
    "*.html",
    "*.htm",
];

/// Expands the command-line paths into inputs. Directories are walked
/// recursively (honouring .gitignore) for the included extensions, leaving
/// out the config's `exclude`; a file named on the command line is left
/// out too when `force_exclude` is set (`--force-exclude`, what the
/// pre-commit hooks pass, since pre-commit names every staged file). A path
/// that does not exist is returned as an error and the others go on.
pub fn collect(
    paths: &[PathBuf],
    stdin_name: &str,
    config: &Config,
    force_exclude: bool,
) -> (Vec<Input>, Vec<String>) {
    let include = globset(&config.include, DEFAULT_INCLUDE);
    let exclude = globset(&config.exclude, &[]);
    let base = config.base_dir();
    let abs_base = std::path::absolute(&base).unwrap_or_else(|_| base.clone());
    let excluded = |p: &Path| {
        let rel = p.strip_prefix(&base).unwrap_or(p);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        // A path named relative to the current folder, the config elsewhere.
        let from_abs = std::path::absolute(p)
            .ok()
            .and_then(|a| a.strip_prefix(&abs_base).ok().map(Path::to_path_buf));
        exclude.is_match(rel)
            || from_abs.is_some_and(|r| exclude.is_match(r))
            || p.file_name().is_some_and(|n| exclude.is_match(n))
    };
    let included = |p: &Path| {
        let rel = p.strip_prefix(&base).unwrap_or(p);
        include.is_match(rel) || p.file_name().is_some_and(|n| include.is_match(n))
    };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin(stdin_name.to_string()));
        } else if p.is_dir() {
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in ignore::WalkBuilder::new(p).hidden(true).build() {
                match entry {
                    Ok(e) => {
                        let path = e.path();
                        if e.file_type().is_some_and(|t| t.is_file())
                            && included(path)
                            && !excluded(path)
                        {
                            found.push(path.to_path_buf());
                        }
                    }
                    Err(err) => errors.push(format!("{}: {err}", p.display())),
                }
            }
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            match std::fs::metadata(p) {
                Ok(m) if m.is_file() => {
                    if !(force_exclude && excluded(p)) {
                        inputs.push(Input::File(p.clone()));
                    }
                }
                // A FIFO, socket or device would block or never end.
                Ok(_) => errors.push(format!(
                    "{}: not a regular file (a pipe, socket or device), skipped",
                    p.display()
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    errors.push(format!("{}: no such file or directory", p.display()))
                }
                Err(e) => errors.push(format!("{}: cannot read: {}", p.display(), io_reason(&e))),
            }
        }
    }
    (inputs, errors)
}

/// Reads and decodes an input (UTF-8, UTF-16, Windows-1252… see
/// [`prlint::load`]). A file that is not text is an error naming it.
pub fn read(
    input: &Input,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<prlint::load::Decoded, String> {
    read_raw(input, forced).map(|(_, d)| d)
}

/// Like [`read`], also returning the bytes as read.
pub fn read_raw(
    input: &Input,
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<(Vec<u8>, prlint::load::Decoded), String> {
    let name = input.display();
    let bytes = match input {
        Input::File(p) => {
            std::fs::read(p).map_err(|e| format!("{name}: cannot read: {}", io_reason(&e)))?
        }
        Input::Stdin(_) => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("{name}: cannot read standard input: {e}"))?;
            b
        }
    };
    let decoded = decode_input(&name, &bytes, forced)?;
    Ok((bytes, decoded))
}

/// The text the language of input `name` is told from: an HTML page's
/// extracted text, not its markup.
pub fn lang_text<'a>(name: &str, decoded: &'a prlint::load::Decoded) -> std::borrow::Cow<'a, str> {
    if prlint::extract::Format::of(name) == prlint::extract::Format::Html {
        std::borrow::Cow::Owned(prlint::extract::extract_html(&decoded.text).text)
    } else {
        std::borrow::Cow::Borrowed(&decoded.text)
    }
}

/// Decodes the bytes of input `name`: a .docx or .odt package is read as
/// its extracted text (with its place map), an HTML file must hold text,
/// anything else is text in its detected (or `forced`) encoding.
pub fn decode_input(
    name: &str,
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
) -> Result<prlint::load::Decoded, String> {
    use prlint::extract::{self, Format};
    let format = Format::of(name);
    match format {
        Format::Docx | Format::Odt => {
            let ex = extract::extract_package(bytes, format).map_err(|e| format!("{name}: {e}"))?;
            let mut d = prlint::load::Decoded::clean(ex.text, encoding_rs::UTF_8, 0);
            d.places = Some(std::sync::Arc::new(ex.places));
            Ok(d)
        }
        Format::Html => {
            let d = prlint::load::decode(bytes, forced).map_err(|e| format!("{name}: {e}"))?;
            if extract::extract_html(&d.text).text.trim().is_empty() {
                return Err(format!(
                    "{name}: the page holds no text (nothing to read in its <main>, <article> or <body>)"
                ));
            }
            Ok(d)
        }
        _ => prlint::load::decode(bytes, forced).map_err(|e| format!("{name}: {e}")),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Loads the config and the linter and parses one release (`-`: standard
/// input, shown as `<stdin>`): what `prlint sections` and `prlint entities`
/// share.
pub fn open_one(
    file: &Path,
    lang: Option<&str>,
    cfg: &super::ConfigArgs,
) -> Result<(prlint::linter::Linter, prlint::document::Document), String> {
    let config = cfg.load()?;
    let linter = prlint::linter::Linter::new(&config, &prlint::linter::Overrides::default())
        .map_err(|e| e.to_string())?;
    let input = if file.as_os_str() == "-" {
        Input::Stdin("<stdin>".to_string())
    } else {
        Input::File(file.to_path_buf())
    };
    let decoded = read(&input, None)?;
    let lang =
        super::check::resolve_lang(lang, file, &lang_text(&input.display(), &decoded), &config);
    let doc = linter.parse(
        prlint::source::Source::from_decoded(input.display(), decoded),
        &lang,
    );
    Ok((linter, doc))
}
