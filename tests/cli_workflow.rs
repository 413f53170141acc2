//! The workflow features through the real binary: formats, exit codes,
//! fixes and atomic writes, baseline, suppressions, init, many files.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_prlint");

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir)
        .args(args)
        .env_remove("PRLINT_FAULT_WRITE")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn prlint");
    if let Some(s) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(s.as_bytes())
            .expect("write stdin");
    }
    let o = child.wait_with_output().expect("wait");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn prlint(dir: &Path, args: &[&str]) -> Out {
    run_in(dir, args, None)
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// A release with one error (repeated word) and one warning (doubled space).
const DEFECTIVE: &str = "Le le conseil adopte le budget.\n\nLa ville  investit dans les écoles.\n";
/// A release with only a warning.
const WARNING_ONLY: &str = "Le conseil adopte le budget.\n\nLa ville  investit dans les écoles.\n";
const CLEAN: &str = "Le conseil adopte le budget.\n\nLa ville investit dans les écoles.\n";

/// `--format short` lines without their messages (which rules own).
fn heads(stdout: &str) -> String {
    stdout
        .lines()
        .map(|l| format!("{}\n", l.split("] ").next().unwrap_or(l).to_string() + "]"))
        .collect()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

// ---------------------------------------------------------------- formats

#[test]
fn short_format() {
    let d = tmp();
    write(d.path(), "a.fr.txt", DEFECTIVE);
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--format", "short", "a.fr.txt"],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "a.fr.txt:1:4: error[repeated-word] \"Le\" is repeated\n\
         a.fr.txt:3:9: warning[whitespace] doubled space\n"
    );
}

#[test]
fn github_format_annotations_and_summary() {
    let d = tmp();
    write(d.path(), "a,b.fr.txt", DEFECTIVE);
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--format", "github", "a,b.fr.txt"],
    );
    assert_eq!(o.code, 1);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(
        lines,
        vec![
            "::error file=a%2Cb.fr.txt,line=1,col=4,endLine=1,endColumn=5,title=repeated-word::\"Le\" is repeated",
            "::warning file=a%2Cb.fr.txt,line=3,col=9,endLine=3,endColumn=10,title=whitespace::doubled space",
            "prlint: 2 problems in 1 file — repeated-word: 1 error; whitespace: 1 warning",
        ]
    );
}

#[test]
fn github_format_reports_unreadable_files() {
    let d = tmp();
    std::fs::write(d.path().join("bad.txt"), b"PK\x03\x04\x14\0\x06\0binary").unwrap();
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--format", "github", "bad.txt"],
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stdout
            .starts_with("::error title=prlint::bad.txt: binary file (not text)"),
        "{}",
        o.stdout
    );
}

fn sarif_schema() -> serde_json::Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let d = tmp();
    write(d.path(), "dir one/a.fr.txt", DEFECTIVE);
    write(d.path(), "b.fr.md", "# Titre\n\nLe le chat  dort.\n");
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--format", "sarif", "."],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    let log: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let errors = support::schema::validate(&sarif_schema(), &log);
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rw = rules.iter().find(|r| r["id"] == "repeated-word").unwrap();
    assert_eq!(rw["defaultConfiguration"]["level"], "error");
    assert!(!rw["shortDescription"]["text"].as_str().unwrap().is_empty());
    assert!(!rw["fullDescription"]["text"].as_str().unwrap().is_empty());
    assert!(rw["help"]["text"]
        .as_str()
        .unwrap()
        .contains("## Why it matters"));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let r = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir%20one/a.fr.txt"
                && r["ruleId"] == "repeated-word"
        })
        .expect("result for the file in `dir one`");
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], 4);
    assert_eq!(region["endColumn"], 6);
    assert_eq!(region["snippet"]["text"], "le");
    assert_eq!(
        rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "repeated-word"
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_validator_can_fail() {
    // The validator is ours: prove it rejects broken logs.
    let schema = sarif_schema();
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal", "message": {}}]}]});
    let errors = support::schema::validate(&schema, &bad);
    assert!(
        errors.iter().any(|e| e.contains("`name` is missing")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("\"fatal\"")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("alternatives")),
        "{errors:#?}"
    );
}

#[test]
fn json_contract_is_unchanged() {
    let d = tmp();
    write(d.path(), "a.fr.txt", DEFECTIVE);
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--format", "json", "a.fr.txt"],
    );
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let first = v[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "byte_end",
            "byte_start",
            "column",
            "end_column",
            "end_line",
            "fix",
            "help",
            "labels",
            "line",
            "message",
            "notes",
            "path",
            "rule",
            "severity"
        ]
    );
}

#[test]
fn statistics() {
    let d = tmp();
    write(d.path(), "a.fr.txt", DEFECTIVE);
    write(d.path(), "b.fr.txt", WARNING_ONLY);
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--statistics",
            ".",
        ],
    );
    let tail: Vec<&str> = o.stdout.lines().skip(3).collect();
    assert_eq!(
        tail[0].split_whitespace().collect::<Vec<_>>(),
        ["COUNT", "RULE", "SEVERITY", "FIXABLE"]
    );
    assert_eq!(
        tail[1].split_whitespace().collect::<Vec<_>>(),
        ["2", "whitespace", "warning", "2"]
    );
    assert_eq!(
        tail[2].split_whitespace().collect::<Vec<_>>(),
        ["1", "repeated-word", "error", "1"]
    );
    // Machine formats keep standard output parseable.
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--statistics",
            ".",
        ],
    );
    serde_json::from_str::<serde_json::Value>(&o.stdout).unwrap();
    assert!(o.stderr.contains("repeated-word"), "{}", o.stderr);
}

// ------------------------------------------------------------- exit codes

#[test]
fn exit_codes_and_fail_on() {
    let d = tmp();
    write(d.path(), "w.fr.txt", WARNING_ONLY);
    let code = |args: &[&str]| prlint(d.path(), args).code;
    assert_eq!(code(&["check", "--no-config", "w.fr.txt"]), 0);
    assert_eq!(
        code(&["check", "--no-config", "--fail-on", "warning", "w.fr.txt"]),
        1
    );
    assert_eq!(
        code(&["check", "--no-config", "--deny", "warnings", "w.fr.txt"]),
        1
    );
    assert_eq!(
        code(&["check", "--no-config", "--fail-on", "info", "w.fr.txt"]),
        1
    );
    assert_eq!(
        code(&[
            "check",
            "--no-config",
            "--fail-on",
            "warning",
            "--exit-zero",
            "w.fr.txt"
        ]),
        0
    );
    assert_eq!(
        code(&["check", "--no-config", "--exit-zero", "missing.txt"]),
        2
    );
    assert_eq!(
        code(&["check", "--no-config", "--fail-on", "nope", "w.fr.txt"]),
        2
    );
    write(d.path(), "prlint.toml", "fail-on = \"warning\"\n");
    assert_eq!(code(&["check", "w.fr.txt"]), 1);
    assert_eq!(code(&["check", "--fail-on", "error", "w.fr.txt"]), 0);
    write(d.path(), "prlint.toml", "fail-on = \"warn1ng\"\n");
    let o = prlint(d.path(), &["check", "w.fr.txt"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("prlint.toml:1:11"), "{}", o.stderr);
}

// ------------------------------------------------------------------ fixes

#[test]
fn fix_in_place_keeps_bom_crlf_and_permissions() {
    let d = tmp();
    let text = "\u{feff}Le le conseil  adopte le budget. \r\n\r\nLa ville investit.\r\n";
    write(d.path(), "a.fr.txt", text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            d.path().join("a.fr.txt"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    let o = prlint(d.path(), &["check", "--no-config", "--fix", "a.fr.txt"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert_eq!(
        read(d.path(), "a.fr.txt"),
        "\u{feff}Le conseil adopte le budget.\r\n\r\nLa ville investit.\r\n"
    );
    assert!(
        o.stdout.contains(
            "fixed 3 problems in 1 file (repeated-word: 1, whitespace: 2) in 1 pass; 0 problems remaining"
        ),
        "{}",
        o.stdout
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.path().join("a.fr.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    // A second run has nothing to do.
    let o = prlint(d.path(), &["check", "--no-config", "--fix", "a.fr.txt"]);
    assert!(o.stdout.contains("nothing to fix"), "{}", o.stdout);
}

#[test]
fn fix_reports_what_remains_and_exit_code_follows_it() {
    let d = tmp();
    // Overlapping fixes (a run of spaces after a repeated word) settle over passes.
    write(
        d.path(),
        "a.fr.txt",
        "Le le  le conseil adopte le budget.\n",
    );
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--fix",
            "--format",
            "short",
            "a.fr.txt",
        ],
    );
    assert_eq!(read(d.path(), "a.fr.txt"), "Le conseil adopte le budget.\n");
    assert_eq!(o.stdout, "");
    assert!(
        o.stderr.contains("fixed 3 problems in 1 file (repeated-word: 2, whitespace: 1) in up to 2 passes; 0 problems remaining"),
        "{}",
        o.stderr
    );
    assert_eq!(o.code, 0);
}

#[test]
fn diff_writes_nothing() {
    let d = tmp();
    write(d.path(), "a.fr.txt", DEFECTIVE);
    let o = prlint(d.path(), &["check", "--no-config", "--diff", "a.fr.txt"]);
    assert_eq!(o.code, 1);
    assert_eq!(read(d.path(), "a.fr.txt"), DEFECTIVE);
    assert_eq!(
        o.stdout,
        "--- a/a.fr.txt\n+++ b/a.fr.txt\n@@ -1,3 +1,3 @@\n-Le le conseil adopte le budget.\n+Le conseil adopte le budget.\n \n-La ville  investit dans les écoles.\n+La ville investit dans les écoles.\n"
    );
    assert!(
        o.stderr.contains("would fix 2 problems in 1 file"),
        "{}",
        o.stderr
    );
    write(d.path(), "c.fr.txt", CLEAN);
    let o = prlint(d.path(), &["check", "--no-config", "--diff", "c.fr.txt"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    let d = tmp();
    let o = run_in(
        d.path(),
        &["check", "--no-config", "--lang", "fr", "--fix", "-"],
        Some(DEFECTIVE),
    );
    assert_eq!(o.stdout, CLEAN);
    assert!(o.stderr.contains("fixed 2 problems"), "{}", o.stderr);
    assert_eq!(o.code, 0);
}

#[test]
fn read_only_file_is_an_error_and_others_are_fixed() {
    let d = tmp();
    write(d.path(), "a.fr.txt", DEFECTIVE);
    write(d.path(), "b.fr.txt", DEFECTIVE);
    let ro = d.path().join("a.fr.txt");
    let mut perm = std::fs::metadata(&ro).unwrap().permissions();
    perm.set_readonly(true);
    std::fs::set_permissions(&ro, perm).unwrap();
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--fix", "a.fr.txt", "b.fr.txt"],
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("a.fr.txt: cannot write the fixed file: the file is read-only"),
        "{}",
        o.stderr
    );
    assert_eq!(read(d.path(), "a.fr.txt"), DEFECTIVE);
    assert_eq!(read(d.path(), "b.fr.txt"), CLEAN);
}

#[cfg(unix)]
#[test]
fn fix_writes_through_a_symlink() {
    let d = tmp();
    write(d.path(), "real.fr.txt", DEFECTIVE);
    std::os::unix::fs::symlink("real.fr.txt", d.path().join("link.fr.txt")).unwrap();
    prlint(d.path(), &["check", "--no-config", "--fix", "link.fr.txt"]);
    assert!(std::fs::symlink_metadata(d.path().join("link.fr.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(read(d.path(), "real.fr.txt"), CLEAN);
}

/// Fault injection (debug builds only): the disk fills up halfway through
/// the write. The release must be intact and no temporary file left.
#[cfg(debug_assertions)]
#[test]
fn a_failed_write_leaves_the_release_intact() {
    let d = tmp();
    write(d.path(), "a.fr.txt", DEFECTIVE);
    let o = Command::new(BIN)
        .current_dir(d.path())
        .args(["check", "--no-config", "--fix", "a.fr.txt"])
        .env("PRLINT_FAULT_WRITE", "fail")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no space left on device"));
    assert_eq!(read(d.path(), "a.fr.txt"), DEFECTIVE);
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["a.fr.txt".to_string()]);
}

/// Kill during write: prlint is SIGKILLed after half of the new text is on
/// disk. The release must still be the old one, byte for byte.
#[cfg(all(unix, debug_assertions))]
#[test]
fn a_kill_during_write_leaves_the_release_intact() {
    let d = tmp();
    write(d.path(), "a.fr.txt", DEFECTIVE);
    let flag = d.path().join("half-written.flag");
    let mut child = Command::new(BIN)
        .current_dir(d.path())
        .args(["check", "--no-config", "--fix", "a.fr.txt"])
        .env("PRLINT_FAULT_WRITE", format!("pause:{}", flag.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while !flag.exists() {
        assert!(
            start.elapsed().as_secs() < 30,
            "prlint never reached the write"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(read(d.path(), "a.fr.txt"), DEFECTIVE);
    // The half-written temporary file is recognisable and is not the release.
    let tmp_files: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".prlint-"))
        .collect();
    assert_eq!(tmp_files.len(), 1, "{tmp_files:?}");
    // prlint does not read its own leftovers as releases.
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--format", "short", "."],
    );
    assert!(!o.stdout.contains(".prlint-"), "{}", o.stdout);
    // …but reports them, naming the release they belong to.
    assert!(
        o.stderr.contains(".prlint-a.fr.txt.") && o.stderr.contains("interrupted --fix of"),
        "{}",
        o.stderr
    );
}

// --------------------------------------------------------------- baseline

#[test]
fn baseline_reports_only_new_diagnostics_and_stale_entries() {
    let d = tmp();
    write(d.path(), "rel/a.fr.txt", DEFECTIVE);
    write(d.path(), "rel/b.fr.txt", WARNING_ONLY);
    let o = prlint(
        d.path(),
        &["baseline", "write", "prlint-baseline.json", "rel"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("recorded 3 diagnostics from 2 files"),
        "{}",
        o.stderr
    );
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--baseline",
            "prlint-baseline.json",
            "rel",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(
        o.stdout
            .contains("no problems found (3 more known in the baseline)"),
        "{}",
        o.stdout
    );

    // Lines added above the old defects do not re-open them; a new defect is reported.
    write(
        d.path(),
        "rel/a.fr.txt",
        &format!("Nouveau titre\n\nUn paragraphe ajouté.\n\n{DEFECTIVE}\nLes les écoles.\n"),
    );
    // From another folder, with a different path spelling.
    let o = prlint(
        &d.path().join("rel"),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--baseline",
            "../prlint-baseline.json",
            ".",
        ],
    );
    assert_eq!(o.code, 1);
    assert_eq!(heads(&o.stdout), "./a.fr.txt:9:5: error[repeated-word]\n");

    // Fixing an old defect leaves a stale entry, reported.
    write(d.path(), "rel/b.fr.txt", CLEAN);
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--baseline",
            "prlint-baseline.json",
            "rel/b.fr.txt",
        ],
    );
    assert_eq!(o.code, 0);
    assert!(
        o.stderr.contains("1 baseline entry no longer matches"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("rel/b.fr.txt [whitespace] doubled space"),
        "{}",
        o.stderr
    );

    // A broken baseline is a clear error.
    write(
        d.path(),
        "broken.json",
        "{\"prlint-baseline\": 1, \"entries\": [}",
    );
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--baseline", "broken.json", "rel"],
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("broken.json:1:"), "{}", o.stderr);
}

#[test]
fn baseline_counts_identical_findings() {
    let d = tmp();
    write(d.path(), "a.fr.txt", "Le le chat.\n");
    prlint(d.path(), &["baseline", "write", "b.json", "a.fr.txt"]);
    write(d.path(), "a.fr.txt", "Le le chat.\n\nLe le chat.\n");
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--baseline",
            "b.json",
            "a.fr.txt",
        ],
    );
    assert_eq!(o.stdout.lines().count(), 1, "{}", o.stdout);
}

// ----------------------------------------------------------- suppressions

#[test]
fn markdown_suppressions() {
    let d = tmp();
    write(
        d.path(),
        "a.fr.md",
        "# Titre\n\n<!-- prlint-disable-next-line repeated-word -->\nLe le conseil.\n\n\
         <!-- prlint-disable whitespace -->\nLa ville  investit.\n<!-- prlint-enable whitespace -->\n\n\
         Les  écoles.\n\n<!-- prlint-disable-next-line repeated-wrod -->\nUn texte.\n\n\
         <!-- prlint-disable-next-line whitespace -->\nUn texte propre.\n",
    );
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--format", "short", "a.fr.md"],
    );
    assert_eq!(
        o.stdout,
        "a.fr.md:10:4: warning[whitespace] doubled space\n\
         a.fr.md:12:1: warning[suppression] unknown rule `repeated-wrod` in a suppression comment (did you mean `repeated-word`?)\n"
    );
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "short",
            "--report-unused-suppressions",
            "a.fr.md",
        ],
    );
    assert!(
        o.stdout
            .contains("a.fr.md:15:1: warning[suppression] unused suppression of `whitespace`"),
        "{}",
        o.stdout
    );
    assert_eq!(o.stdout.lines().count(), 3, "{}", o.stdout);
}

#[test]
fn per_file_ignores_from_config() {
    let d = tmp();
    write(
        d.path(),
        "prlint.toml",
        "[[per-file]]\nglob = \"archive/**\"\nignore = [\"whitespace\"]\n",
    );
    write(d.path(), "archive/old.fr.txt", DEFECTIVE);
    write(d.path(), "new.fr.txt", DEFECTIVE);
    let o = prlint(d.path(), &["check", "--format", "short", "."]);
    assert_eq!(
        heads(&o.stdout),
        "./archive/old.fr.txt:1:4: error[repeated-word]\n\
         ./new.fr.txt:1:4: error[repeated-word]\n\
         ./new.fr.txt:3:9: warning[whitespace]\n"
    );
    write(
        d.path(),
        "prlint.toml",
        "[[per-file]]\nglob = \"archive/**\"\nignore = [\"whitespac\"]\n",
    );
    let o = prlint(d.path(), &["check", "."]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("did you mean `whitespace`"),
        "{}",
        o.stderr
    );
}

#[test]
fn force_exclude_applies_exclude_to_named_files() {
    let d = tmp();
    write(d.path(), "prlint.toml", "exclude = [\"archive/**\"]\n");
    write(d.path(), "archive/old.fr.txt", DEFECTIVE);
    write(d.path(), "new.fr.txt", CLEAN);
    // A named file is checked as named (so `prlint check old.txt` works) …
    let o = prlint(d.path(), &["check", "archive/old.fr.txt", "new.fr.txt"]);
    assert_eq!(o.code, 1, "{}", o.stdout);
    // … unless --force-exclude, what pre-commit passes.
    let o = prlint(
        d.path(),
        &[
            "check",
            "--force-exclude",
            "archive/old.fr.txt",
            "./new.fr.txt",
        ],
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    // From a subfolder, with the config found above it.
    let o = prlint(
        &d.path().join("archive"),
        &["check", "--force-exclude", "old.fr.txt"],
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    assert_eq!(
        hooks.matches("entry: prlint check --force-exclude").count(),
        2
    );
}

// ------------------------------------------------------------------- init

#[test]
fn init_writes_a_config_and_refuses_to_overwrite() {
    let d = tmp();
    let o = prlint(d.path(), &["init", "--lang", "fr,nl"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = read(d.path(), "prlint.toml");
    assert!(text.contains("lang = \"fr\"\n"), "{text}");
    assert!(text.contains("languages = [\"fr\", \"nl\"]"), "{text}");
    assert!(text.contains("bilingual = [\"nl\"]"), "{text}");
    assert!(text.contains("# repeated-word = \"error\""), "{text}");
    // The written file is a valid config.
    write(d.path(), "a.txt", CLEAN);
    assert_eq!(prlint(d.path(), &["check", "a.txt"]).code, 0);
    // A second init refuses and leaves the file alone.
    write(d.path(), "prlint.toml", "# mine\n");
    let o = prlint(d.path(), &["init"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("already exists"), "{}", o.stderr);
    assert_eq!(read(d.path(), "prlint.toml"), "# mine\n");
    let o = prlint(
        d.path(),
        &["init", "--lang", "french", "--path", "other.toml"],
    );
    assert_eq!(o.code, 2);
    assert!(!d.path().join("other.toml").exists());
}

// ------------------------------------------------------------- many files

#[test]
fn many_files_in_stable_order_and_a_bad_one_does_not_stop_the_rest() {
    let d = tmp();
    for i in 0..300 {
        write(
            d.path(),
            &format!("r/{i:03}.fr.txt"),
            if i % 3 == 0 { DEFECTIVE } else { CLEAN },
        );
    }
    std::fs::write(d.path().join("r/150.fr.txt"), b"caf\xe9 \x00\n").unwrap();
    let o1 = prlint(
        d.path(),
        &["check", "--no-config", "--format", "short", "r"],
    );
    let o2 = prlint(
        d.path(),
        &["check", "--no-config", "--format", "short", "r"],
    );
    assert_eq!(o1.code, 2);
    assert_eq!(o1.stdout, o2.stdout);
    assert_eq!(o1.stdout.lines().count(), 2 * 99, "{}", o1.stderr);
    let paths: Vec<&str> = o1
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(
        o1.stderr.contains("r/150.fr.txt: binary file"),
        "{}",
        o1.stderr
    );
}

// -------------------------------------------------------------- convergence

/// Every release under fixtures/: `--fix --unsafe-fixes` settles (no
/// "still applied" warning) and a second run has nothing left to fix.
#[test]
fn fixes_converge_on_every_fixture() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let d = tmp();
    let mut n = 0;
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                let rel = p.strip_prefix(&src).unwrap();
                let to = d.path().join(rel);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(&p, &to).unwrap();
                n += 1;
            }
        }
    }
    assert!(n > 0);
    let o = prlint(
        d.path(),
        &[
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "short",
            ".",
        ],
    );
    assert!(o.code != 2, "{}", o.stderr);
    assert!(!o.stderr.contains("still applied"), "{}", o.stderr);
    let o = prlint(
        d.path(),
        &["check", "--no-config", "--diff", "--unsafe-fixes", "."],
    );
    assert_eq!((o.code, o.stdout.as_str()), (0, ""), "{}", o.stderr);
}
