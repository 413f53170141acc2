//! Snapshot tests over fixtures/: every release is linted and compared with
//! its reviewed `.expected` file. `PRLINT_BLESS=1 cargo test --test fixtures`
//! writes the expected files; review them by eye before committing.
//!
//! Layout: `fixtures/<rule-id>/<case>.<lang>.txt|md` runs only that rule;
//! `fixtures/clean/` and `fixtures/examples/` run every default rule (clean
//! releases must produce nothing). A config beside the case
//! (`<case>.<lang>.prlint.toml` or `<case>.prlint.toml`) applies to it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use prlint::config::Config;
use prlint::diagnostic::Diagnostic;
use prlint::linter::{Linter, Overrides};
use prlint::source::Source;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Whether a `spelling` or `agreement` case can run: the Hunspell
/// dictionary of its language is installed (`.ci/run` installs them;
/// elsewhere the case is skipped with a message). Dutch and German
/// `agreement` read the packs' gender lists only.
fn dictionary_present(group: &str, case: &Path) -> bool {
    let lang = prlint::detect::from_file_name(case, &["fr", "nl", "en", "de"]).unwrap_or_default();
    let needs = match group {
        "spelling" => true,
        "agreement" => matches!(lang.as_str(), "fr" | "en"),
        _ => false,
    };
    if !needs {
        return true;
    }
    let ok = !prlint::spell::find(&lang, &[]).is_empty();
    if !ok {
        eprintln!(
            "skipping {}: no hunspell dictionary for `{lang}` (apt-get install {})",
            case.display(),
            prlint::spell::package_hint(&lang)
        );
    }
    ok
}

/// An expected output without the diagnostics of `rule` (a diagnostic is
/// its line and the indented lines under it).
fn without_rule(expected: &str, rule: &str) -> String {
    let tag = format!("[{rule}]");
    let mut out = String::new();
    let mut skipping = false;
    for line in expected.lines() {
        if !line.starts_with(' ') {
            skipping = line.contains(&tag);
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn cases() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(fixtures_dir()) else {
        return out;
    };
    for d in dirs.flatten() {
        if !d.path().is_dir() {
            continue;
        }
        let group = d.file_name().to_string_lossy().to_string();
        if group == "parity" {
            // Pairs, compared together: see `parity_pairs_match_their_expected_output`.
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(d.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
            .collect();
        files.sort();
        files.retain(|f| dictionary_present(&group, f));
        out.extend(files.into_iter().map(|f| (group.clone(), f)));
    }
    out.sort();
    out
}

fn config_for(case: &Path) -> Config {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(s, _)| s)
        .to_string();
    let short = stem
        .rsplit_once('.')
        .map_or(stem.as_str(), |(s, _)| s)
        .to_string();
    for c in [
        format!("{stem}.prlint.toml"),
        format!("{short}.prlint.toml"),
    ] {
        let p = case.with_file_name(c);
        if p.is_file() {
            return Config::load(&p).unwrap_or_else(|e| panic!("{}: {}", p.display(), e));
        }
    }
    Config::default()
}

fn lang_for(case: &Path, text: &str, config: &Config) -> String {
    let known = ["fr", "nl", "en", "de"];
    prlint::detect::from_file_name(case, &known)
        .or_else(|| prlint::detect::from_front_matter(text))
        .or_else(|| config.lang.clone())
        .unwrap_or_else(|| "en".to_string())
}

fn pos(src: &Source, span: &std::ops::Range<usize>) -> String {
    let s = src.line_col(span.start);
    let e = src.line_col(span.end);
    format!("{}:{}-{}:{}", s.line, s.column, e.line, e.column)
}

fn render(src: &Source, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(
            out,
            "{} {}[{}] {}",
            pos(src, &d.span),
            d.severity.name(),
            d.rule.id,
            d.message
        );
        if !d.label.is_empty() {
            let _ = writeln!(out, "  primary {}", d.label);
        }
        for l in &d.labels {
            let _ = writeln!(out, "  label {} {}", pos(src, &l.span), l.message);
        }
        for n in &d.notes {
            let _ = writeln!(out, "  note {n}");
        }
        if let Some(f) = &d.fix {
            let edits: Vec<String> = f
                .edits
                .iter()
                .map(|e| {
                    let p = pos(src, &(e.byte_start..e.byte_end));
                    if e.replacement.is_empty() {
                        format!("delete {p}")
                    } else {
                        format!("replace {p} with {:?}", e.replacement)
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "  fix {}: {}",
                match f.applicability {
                    prlint::diagnostic::Applicability::Safe => "safe",
                    prlint::diagnostic::Applicability::Unsafe => "unsafe",
                },
                edits.join(" | ")
            );
        }
    }
    out
}

fn run_case(group: &str, case: &Path) -> (Source, Vec<Diagnostic>, Linter, String) {
    let text = std::fs::read_to_string(case).unwrap();
    let config = config_for(case);
    let select = match group {
        "clean" | "examples" => None,
        id => Some(vec![id.to_string()]),
    };
    let linter = Linter::new(
        &config,
        &Overrides {
            select,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
    let lang = lang_for(case, &text, &config);
    let name = format!("{group}/{}", case.file_name().unwrap().to_string_lossy());
    let (doc, diags) = linter.lint(Source::new(name, text), &lang);
    (doc.source().clone(), diags, linter, lang)
}

#[test]
fn fixtures_match_their_expected_output() {
    let bless = std::env::var_os("PRLINT_BLESS").is_some();
    let mut failures = Vec::new();
    let all = cases();
    assert!(!all.is_empty(), "no fixtures found");
    for (group, case) in &all {
        let (src, diags, _, _) = run_case(group, case);
        let got = render(&src, &diags);
        if group == "clean" && !got.is_empty() {
            failures.push(format!(
                "{}: a clean release must produce nothing:\n{got}",
                case.display()
            ));
            continue;
        }
        let expected_path = PathBuf::from(format!("{}.expected", case.display()));
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        // `agreement` runs by default: without the case's dictionary, its
        // findings are not expected.
        let read = std::fs::read_to_string(&expected_path);
        let read = match read {
            Ok(exp) if !dictionary_present("agreement", case) => {
                Ok(without_rule(&exp, "agreement"))
            }
            other => other,
        };
        match read {
            Ok(exp) if exp == got => {}
            Ok(exp) => failures.push(format!(
                "{}: output differs from {}\n--- expected\n{exp}--- got\n{got}",
                case.display(),
                expected_path.display()
            )),
            Err(_) if group == "clean" => {}
            Err(_) => failures.push(format!(
                "{}: no expected file (run PRLINT_BLESS=1 cargo test --test fixtures, then review)",
                case.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `fixtures/parity/<case>.<lang>.txt`: the language versions of one
/// release, grouped by case.
fn parity_cases() -> Vec<(String, Vec<PathBuf>)> {
    let dir = fixtures_dir().join("parity");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    files.sort();
    let mut out: Vec<(String, Vec<PathBuf>)> = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let case = name.split('.').next().unwrap().to_string();
        match out.last_mut() {
            Some((c, v)) if *c == case => v.push(f),
            _ => out.push((case, vec![f])),
        }
    }
    out
}

/// Compares the versions of one parity case; the findings of every file,
/// with their locations in the other version.
fn run_parity(files: &[PathBuf]) -> String {
    let linter = Linter::new(
        &Config::default(),
        &Overrides {
            select: Some(vec!["parity".to_string()]),
            ..Default::default()
        },
    )
    .unwrap();
    let parity = prlint::parity::Parity::new(linter.languages());
    let docs: Vec<(prlint::document::Document, String)> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let lang = lang_for(f, &text, &Config::default());
            let name = format!("parity/{}", f.file_name().unwrap().to_string_lossy());
            (linter.parse(Source::new(name, text), &lang), lang)
        })
        .collect();
    let mut out = String::new();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let version = |k: usize| prlint::parity::Version {
                doc: &docs[k].0,
                lang: &docs[k].1,
                source: std::sync::Arc::new(docs[k].0.source().clone()),
            };
            let f = parity.compare(&version(i), &version(j), linter.people());
            for (k, diags) in [(i, f.a), (j, f.b)] {
                let src = docs[k].0.source();
                for d in &diags {
                    let _ = writeln!(
                        out,
                        "{} {}",
                        src.path(),
                        render(src, std::slice::from_ref(d)).trim_end()
                    );
                    for r in &d.related {
                        let _ = writeln!(
                            out,
                            "  related {} {} {}",
                            r.source.path(),
                            pos(&r.source, &r.span),
                            r.message
                        );
                    }
                }
            }
        }
    }
    out
}

#[test]
fn parity_pairs_match_their_expected_output() {
    let bless = std::env::var_os("PRLINT_BLESS").is_some();
    let mut failures = Vec::new();
    let cases = parity_cases();
    assert!(cases.len() >= 11, "parity fixtures missing");
    for (case, files) in &cases {
        assert!(files.len() >= 2, "{case}: a parity case needs two versions");
        let got = run_parity(files);
        if case.starts_with("clean") && !got.is_empty() {
            failures.push(format!(
                "parity/{case}: versions that agree must produce nothing:\n{got}"
            ));
            continue;
        }
        let expected_path = fixtures_dir()
            .join("parity")
            .join(format!("{case}.expected"));
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(exp) if exp == got => {}
            Ok(exp) => failures.push(format!(
                "parity/{case}: output differs from {}\n--- expected\n{exp}--- got\n{got}",
                expected_path.display()
            )),
            Err(_) => failures.push(format!(
                "parity/{case}: no expected file (run PRLINT_BLESS=1 cargo test --test fixtures, then review)"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fixes_converge_and_silence_their_rule() {
    for (group, case) in cases() {
        if group == "clean" || group == "examples" {
            continue;
        }
        let (src, diags, linter, lang) = run_case(&group, &case);
        if !diags.iter().any(|d| d.fix.is_some()) {
            continue;
        }
        let mut text = src.text().to_string();
        let mut stable = false;
        for _ in 0..8 {
            let (_, d) = linter.lint(Source::new(src.path(), text.clone()), &lang);
            let (next, applied) = prlint::fix::apply_fixes(&text, &d, true);
            if applied == 0 || next == text {
                stable = true;
                break;
            }
            text = next;
        }
        assert!(stable, "{}: fixes do not converge", case.display());
        let (_, after) = linter.lint(Source::new(src.path(), text.clone()), &lang);
        let left: Vec<_> = after.iter().filter(|d| d.fix.is_some()).collect();
        assert!(
            left.is_empty(),
            "{}: fixable diagnostics remain after fixing: {:?}",
            case.display(),
            left.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_rule_has_documentation_and_positive_and_negative_fixtures() {
    let all = cases();
    for entry in prlint::rule::registry() {
        let m = entry.meta;
        for section in ["## What it does", "## Why it matters", "## Example"] {
            assert!(
                m.explanation.contains(section),
                "{}: explanation lacks {section}",
                m.id
            );
        }
        if m.id == "parity" {
            // Pairs of versions, not single releases.
            let results: Vec<bool> = parity_cases()
                .iter()
                .map(|(_, f)| run_parity(f).is_empty())
                .collect();
            assert!(
                results.iter().any(|clean| !clean),
                "parity: no pair with findings"
            );
            assert!(
                results.iter().any(|clean| *clean),
                "parity: no pair without findings"
            );
            continue;
        }
        let mine: Vec<_> = all.iter().filter(|(g, _)| g == m.id).collect();
        if m.id == "spelling" && mine.is_empty() {
            eprintln!("spelling: no dictionary installed, its fixtures are skipped");
            continue;
        }
        let (mut pos, mut neg) = (0, 0);
        for (g, c) in mine {
            let (_, d, _, _) = run_case(g, c);
            if d.is_empty() {
                neg += 1
            } else {
                pos += 1
            }
        }
        assert!(
            pos > 0,
            "{}: no fixture with findings in fixtures/{}/",
            m.id,
            m.id
        );
        assert!(
            neg > 0,
            "{}: no fixture without findings in fixtures/{}/",
            m.id,
            m.id
        );
    }
}
