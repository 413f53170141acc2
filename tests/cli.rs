//! CLI tests: they run the real binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prlint"));
    c.env("NO_COLOR", "1");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run prlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("prlint-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const EXAMPLE: &str = "fixtures/examples/release-fr.txt";
const CLEAN: &str = "fixtures/clean/harbour-link.en.txt";

#[test]
fn example_release_fails_with_errors_and_a_summary() {
    let o = run(&["check", "--no-config", EXAMPLE]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("error[duplicate-paragraph]: the headline is repeated"),
        "{out}"
    );
    assert!(
        out.contains("fixtures/examples/release-fr.txt:3:1"),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with("checked 1 file: 3 errors, 2 warnings"),
        "{out}"
    );
}

#[test]
fn clean_release_passes() {
    let o = run(&["check", "--no-config", CLEAN]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("checked 1 file: no problems found"));
}

#[test]
fn json_contract() {
    let o = run(&["check", "--no-config", "--format", "json", EXAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let arr = v.as_array().expect("array");
    assert_eq!(arr.len(), 5);
    let first = &arr[0];
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "labels",
        "fix",
    ] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert_eq!(first["rule"], "duplicate-paragraph");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 1);
    assert_eq!(first["labels"][0]["line"], 1);
    assert_eq!(first["labels"][0]["message"], "first occurrence");
    assert_eq!(first["fix"]["applicability"], "safe");
    // Sorted by position.
    let starts: Vec<u64> = arr
        .iter()
        .map(|d| d["byte_start"].as_u64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    // Spans point at the text they name.
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let (s, e) = (
        first["byte_start"].as_u64().unwrap() as usize,
        first["byte_end"].as_u64().unwrap() as usize,
    );
    assert!(text[s..e].starts_with("La Ville de Namur"));
}

#[test]
fn stdin_with_a_filename() {
    let mut child = bin()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--lang",
            "en",
            "--stdin-filename",
            "in.txt",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Budget approved\n\nThe council approved the the budget.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["path"], "in.txt");
    assert_eq!(v[0]["rule"], "repeated-word");
}

#[test]
fn missing_and_binary_files_are_errors_and_the_others_are_checked() {
    let d = tmpdir("missing");
    let bin_file = write(&d, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0IHDR");
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "does-not-exist.txt",
        bin_file.to_str().unwrap(),
        EXAMPLE,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("does-not-exist.txt: no such file or directory"),
        "{err}"
    );
    assert!(err.contains("image.txt: binary file"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        5,
        "the readable file is still checked"
    );
}

#[test]
fn directories_are_walked_for_txt_and_md() {
    let d = tmpdir("walk");
    write(&d, "a.txt", b"Title here\n\nThe the council met.\n");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    write(
        &d.join("sub"),
        "b.md",
        b"# Title\n\nThe council met met today.\n",
    );
    write(&d, "notes.csv", b"x,x\n");
    let o = run(&[
        "check",
        "--no-config",
        "--lang",
        "en",
        "--format",
        "json",
        d.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("b.md"),
        "{paths:?}"
    );
}

#[test]
fn select_ignore_and_deny_warnings() {
    let o = run(&[
        "check",
        "--no-config",
        "--select",
        "whitespace",
        "--format",
        "json",
        EXAMPLE,
    ]);
    assert_eq!(o.status.code(), Some(0), "warnings alone do not fail");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["rule"] == "whitespace"));
    let o = run(&[
        "check",
        "--no-config",
        "--select",
        "whitespace",
        "--deny",
        "warnings",
        EXAMPLE,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&[
        "check",
        "--no-config",
        "--ignore",
        "whitespace,repeated-word",
        "--format",
        "json",
        EXAMPLE,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let o = run(&["check", "--no-config", "--select", "repeated-wrd", EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `repeated-word`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn config_errors_name_the_file_and_position() {
    let d = tmpdir("config");
    let cfg = write(
        &d,
        "prlint.toml",
        b"lang = \"fr\"\n[rules]\nwhitespace = \"of\"\n",
    );
    let o = run(&["check", "--config", cfg.to_str().unwrap(), EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("prlint.toml:3:1:"), "{err}");
    assert!(
        err.contains("`of` is not one of off, on, error, warning, info"),
        "{err}"
    );
    let cfg = write(&d, "prlint.toml", b"lang = \"fr\"\nincldue = []\n");
    let o = run(&["check", "--config", cfg.to_str().unwrap(), EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("prlint.toml:2:1: unknown field `incldue`"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("did you mean `include`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn config_is_discovered_and_turns_rules_off_and_changes_severity() {
    let d = tmpdir("discover");
    write(&d, "prlint.toml", b"[rules]\nwhitespace = \"off\"\nrepeated-word = { severity = \"warning\", allow = [\"met met\"] }\n");
    write(
        &d,
        "r.txt",
        b"Title here\n\nThe council  met met today.\nThe the end.\n",
    );
    let o = bin()
        .current_dir(&d)
        .args(["check", "--lang", "en", "--format", "json", "r.txt"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 1, "{v}");
    assert_eq!(arr[0]["severity"], "warning");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn rules_rule_and_sections() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    for id in [
        "repeated-word",
        "duplicate-paragraph",
        "duplicate-contact",
        "whitespace",
    ] {
        assert!(stdout(&o).contains(id), "{id}");
    }
    let o = run(&["rule", "repeated-word"]);
    assert!(stdout(&o).contains("## Why it matters"));
    let o = run(&["rule", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["sections", "--no-config", EXAMPLE]);
    let out = stdout(&o);
    assert!(out.contains("title"), "{out}");
    assert!(out.contains("contact"), "{out}");
    assert!(out.contains("Contact presse"), "{out}");
}

#[test]
fn byte_spans_survive_bom_crlf_and_nbsp() {
    let d = tmpdir("spans");
    let text = "\u{feff}Titre\r\n\r\nLe\u{a0}conseil a voté le le budget.\r\n";
    let p = write(&d, "r.fr.txt", text.as_bytes());
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        p.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let dgn = &v[0];
    let (s, e) = (
        dgn["byte_start"].as_u64().unwrap() as usize,
        dgn["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "le");
    assert_eq!(dgn["line"], 3);
    assert_eq!(dgn["column"], 22);
}

#[test]
fn windows_1252_and_utf16_files_are_decoded_and_offsets_point_into_the_file() {
    let d = tmpdir("encodings");
    // "Le march\u{e9} a rouvert le le lundi." in Windows-1252.
    let cp = b"Titre\r\n\r\nLe march\xe9 a rouvert le le lundi.\r\n";
    let p = write(&d, "r.fr.txt", cp);
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        p.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["rule"], "repeated-word", "{v}");
    let (s, e) = (
        v[0]["byte_start"].as_u64().unwrap() as usize,
        v[0]["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&cp[s..e], b"le");
    assert_eq!(v[0]["line"], 3);
    assert_eq!(v[0]["column"], 24);
    // The same release as UTF-16LE with a BOM (Word's "Unicode text").
    let text = "Titre\r\n\r\nLe marché a rouvert le le lundi.\r\n";
    let mut le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let p = write(&d, "r16.fr.txt", &le);
    let o = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        p.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let (s, e) = (
        v[0]["byte_start"].as_u64().unwrap() as usize,
        v[0]["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&le[s..e], &[b'l', 0, b'e', 0]);
    assert_eq!(v[0]["column"], 24);
    // --encoding forces a reading.
    let o = run(&[
        "check",
        "--no-config",
        "--encoding",
        "utf-8",
        p.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "check",
        "--no-config",
        "--encoding",
        "klingon",
        p.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown encoding `klingon`"));
}

#[test]
fn fix_writes_back_in_the_original_encoding() {
    let d = tmpdir("fix-encoding");
    let p = write(
        &d,
        "r.fr.txt",
        b"Titre\r\n\r\nLe march\xe9 a rouvert le le lundi.\r\n",
    );
    let o = run(&["check", "--no-config", "--fix", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        std::fs::read(&p).unwrap(),
        b"Titre\r\n\r\nLe march\xe9 a rouvert le lundi.\r\n"
    );
    let text = "Titre\r\n\r\nLe marché a rouvert le le lundi.\r\n";
    let mut le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let p = write(&d, "u.fr.txt", &le);
    run(&["check", "--no-config", "--fix", p.to_str().unwrap()]);
    let mut want = vec![0xFF, 0xFE];
    for u in text.replace("le le", "le").encode_utf16() {
        want.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(std::fs::read(&p).unwrap(), want);
}

#[test]
fn human_output_cuts_long_lines_around_the_span_and_keeps_real_positions() {
    let d = tmpdir("long-lines");
    let words = |n: usize, w: &str| (0..n).map(|i| format!("{w}{i} ")).collect::<String>();
    let long = format!(
        "Title here\n\n{}the the end of it {}.\n",
        words(80, "word"),
        words(60, "more")
    );
    let p = write(&d, "r.en.txt", long.as_bytes());
    let o = run(&[
        "check",
        "--no-config",
        "--select",
        "repeated-word",
        p.to_str().unwrap(),
    ]);
    let out = stdout(&o);
    let col = long.lines().nth(2).unwrap().find("the the").unwrap() + 5;
    assert!(out.contains(&format!("r.en.txt:3:{col}")), "{out}");
    let shown = out
        .lines()
        .find(|l| l.starts_with("3 │"))
        .expect("line 3 shown");
    assert!(
        shown.starts_with("3 │ …") && shown.contains("word79 the the end") && shown.ends_with('…'),
        "{shown}"
    );
    assert!(shown.chars().count() < 140, "{shown}");
}

#[test]
fn style_rules_are_opt_in_through_groups() {
    const LONG: &str = "fixtures/sentence-length/long.en.txt";
    let rules_of = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--no-config", "--format", "json"];
        a.extend_from_slice(args);
        a.push(LONG);
        let o = run(&a);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!rules_of(&[]).iter().any(|r| r == "sentence-length"));
    let extended = rules_of(&["--extend-select", "style"]);
    assert!(
        extended.iter().any(|r| r == "sentence-length"),
        "{extended:?}"
    );
    let only = rules_of(&["--select", "style"]);
    assert!(
        !only.is_empty() && only.iter().all(|r| r == "sentence-length"),
        "{only:?}"
    );
    let ignored = rules_of(&["--extend-select", "style", "--ignore", "style"]);
    assert!(!ignored.iter().any(|r| r == "sentence-length"));

    // The same through prlint.toml.
    let d = tmpdir("style");
    let cfg = write(&d, "prlint.toml", b"extend-select = [\"style\"]\n");
    let o = run(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "--format",
        "json",
        LONG,
    ]);
    assert!(stdout(&o).contains("sentence-length"), "{}", stderr(&o));
    // A group is not a rule to configure.
    let cfg = write(&d, "bad.toml", b"[rules.style]\nseverity = \"error\"\n");
    let o = run(&["check", "--config", cfg.to_str().unwrap(), LONG]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`style` is a group"), "{}", stderr(&o));

    // `prlint rules` says what is off by default and lists the groups.
    let out = stdout(&run(&["rules", "--no-config"]));
    let line = out
        .lines()
        .find(|l| l.starts_with("sentence-length"))
        .expect("listed");
    assert!(line.contains("off") && line.contains("style"), "{line}");
    assert!(out.contains("GROUP"), "{out}");
}

/// Runs prlint with `input` on standard input.
fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // prlint may exit before reading (a usage error): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

#[test]
fn sections_and_entities_read_standard_input() {
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap();
    for cmd in ["sections", "entities"] {
        let from_file = run(&[cmd, "--no-config", "--lang", "fr", EXAMPLE]);
        let from_stdin = run_stdin(&[cmd, "--no-config", "--lang", "fr", "-"], &text);
        assert_eq!(
            from_stdin.status.code(),
            Some(0),
            "{cmd}: {}",
            stderr(&from_stdin)
        );
        let out = stdout(&from_stdin);
        assert!(out.starts_with("<stdin> (language: fr)"), "{cmd}: {out}");
        // The same report, under another name.
        assert_eq!(
            out.replacen("<stdin>", EXAMPLE, 1),
            stdout(&from_file),
            "{cmd}"
        );
    }
}

#[test]
fn select_trims_spaces_and_lang_is_validated() {
    let text = b"Budget approved\n\nThe council approved the the budget.\n";
    let args = ["check", "--no-config", "--lang", "en", "--format", "short"];
    let o = run_stdin(
        &[&args[..], &["--select", "repeated-word, whitespace", "-"]].concat(),
        text,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("repeated-word"), "{}", stdout(&o));
    let o = run_stdin(
        &[&args[..], &["--ignore", " repeated-word ", "-"]].concat(),
        text,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // --lang is checked as prlint.toml's `lang` is.
    for cmd in [
        &["check", "--no-config", "--lang", "french", "-"][..],
        &["sections", "--no-config", "--lang", "FR", "-"][..],
        &["entities", "--no-config", "--lang", "f", "-"][..],
    ] {
        let o = run_stdin(cmd, text);
        assert_eq!(o.status.code(), Some(2), "{cmd:?}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("is not a language code"),
            "{cmd:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_region_picks_the_english_dictionary() {
    let both = prlint::spell::find("en", &[]);
    if both.len() < 2 {
        eprintln!("skipped: en_GB and en_US hunspell dictionaries not both installed");
        return;
    }
    let dir = tmpdir("lang-region");
    let f = write(
        &dir,
        "release.txt",
        b"Bridge works\n\nThe council thanks every neighbour for their patience this summer.\n",
    );
    let f = f.to_str().unwrap();
    let check = |lang: &str| {
        let o = run(&[
            "check", "--select", "spelling", "--lang", lang, "--format", "short", f,
        ]);
        stdout(&o).contains("neighbour")
    };
    assert!(check("en-US"), "en-US must not know \"neighbour\"");
    assert!(!check("en-GB"));
    assert!(!check("en"), "en accepts what either dictionary knows");
    // The config's lang may carry the region too.
    write(&dir, "prlint.toml", b"lang = \"en-US\"\n");
    let o = run(&[
        "check",
        "--select",
        "spelling",
        "--config",
        dir.join("prlint.toml").to_str().unwrap(),
        "--format",
        "short",
        f,
    ]);
    assert!(stdout(&o).contains("neighbour"), "{}", stdout(&o));
    // A malformed tag is a usage error.
    let o = run(&["check", "--lang", "en-GBR", f]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn agreement_reports_the_reference_slip_with_its_suggestion() {
    if prlint::spell::find("fr", &[]).is_empty() {
        eprintln!("skipped: no hunspell dictionary for `fr` (apt-get install hunspell-fr)");
        return;
    }
    let dir = tmpdir("agreement");
    let f = write(
        &dir,
        "communique.fr.txt",
        "Plan vélo\n\nLe plan aborde les thématique du stationnement.\n".as_bytes(),
    );
    let o = run(&[
        "check",
        "--extend-select",
        "grammar",
        "--format",
        "json",
        f.to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert!(out.contains("\"agreement\""), "{out}");
    assert!(out.contains("thématiques"), "{out}");
}

#[test]
fn agreement_is_silent_without_a_dictionary_unless_selected() {
    // A configured dictionary replaces the system's of its language: one
    // that does not exist leaves French without a dictionary.
    let dir = tmpdir("agreement-silent");
    let conf = write(
        &dir,
        "prlint.toml",
        b"[spelling]\ndictionaries = [\"/nonexistent/fr.dic\"]\n",
    );
    let f = write(
        &dir,
        "communique.fr.txt",
        "Plan vélo\n\nLe plan aborde les thématique du stationnement.\n".as_bytes(),
    );
    let (conf, f) = (conf.to_str().unwrap(), f.to_str().unwrap());
    let o = run(&["check", "--config", conf, f]);
    // Only spelling (on by default too) says, once, that French has no
    // usable dictionary; agreement, a default rule, says nothing.
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("prlint: note: spelling:"), "{err}");
    assert!(err.contains("fr.aff"), "{err}");
    assert!(!stdout(&o).contains("agreement"), "{}", stdout(&o));
    // Once per run, not per file.
    let g = write(
        &dir,
        "autre.fr.txt",
        "Budget\n\nLe conseil adopte aujourd'hui le budget communal.\n".as_bytes(),
    );
    let o = run(&["check", "--config", conf, f, g.to_str().unwrap()]);
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    let o = run(&["check", "--config", conf, "--ignore", "spelling", f]);
    assert_eq!(stderr(&o), "", "a default rule says nothing");
    for sel in [
        &["--extend-select", "grammar"][..],
        &["--select", "agreement"],
    ] {
        let mut args = vec!["check", "--config", conf];
        args.extend_from_slice(sel);
        args.push(f);
        let o = run(&args);
        let err = stderr(&o);
        let agreement: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with("prlint: note: agreement:"))
            .collect();
        assert_eq!(agreement.len(), 1, "{err}");
        assert!(agreement[0].contains("fr.aff"), "{err}");
    }
}

#[test]
fn cache_lists_and_clears_the_compiled_dictionaries() {
    if prlint::spell::find("fr", &[]).is_empty() {
        eprintln!("skipped: no hunspell dictionary for `fr` (apt-get install hunspell-fr)");
        return;
    }
    let dir = tmpdir("cache-cmd");
    let cache = dir.join("cache");
    let f = write(
        &dir,
        "communique.fr.txt",
        "Plan vélo\n\nLe plan aborde les thématique du stationnement.\n".as_bytes(),
    );
    let with_cache = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_prlint"))
            .args(args)
            .env("PRLINT_CACHE_DIR", &cache)
            .output()
            .unwrap()
    };
    for _ in 0..2 {
        // Cold, then warm: the same finding, and nothing on stderr.
        let o = with_cache(&["check", "--no-config", f.to_str().unwrap()]);
        assert!(stdout(&o).contains("\"thématiques\""), "{}", stdout(&o));
        assert_eq!(stderr(&o), "");
    }
    let o = with_cache(&["cache"]);
    let out = stdout(&o);
    assert!(out.starts_with(&cache.display().to_string()), "{out}");
    assert_eq!(out.matches("morph-").count(), 1, "{out}");
    let o = with_cache(&["cache", "--clear"]);
    assert!(stdout(&o).contains("1 file(s) deleted"), "{}", stdout(&o));
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0);
}

#[test]
fn a_malformed_spelling_confusion_in_the_config_is_an_error_with_its_place() {
    let dir = tmpdir("confusion-config");
    let conf = write(
        &dir,
        "prlint.toml",
        b"[words.fr]\nspelling-confusions = [\"des ses\"]\n",
    );
    let o = run(&["check", "--config", conf.to_str().unwrap(), EXAMPLE]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("prlint.toml:2:"), "{err}");
    assert!(err.contains("cannot read `des ses`"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
