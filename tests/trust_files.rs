//! Issue 13, "trustworthy on any input", through the real binary: prlint
//! never damages or misreads a file, every position it prints refers to the
//! file on disk, no error is silent, and hostile input stays bounded.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_prlint");

struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Out {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Out {
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
        let mut w = child.stdin.take().expect("stdin");
        w.write_all(s).expect("write stdin");
    }
    let o = child.wait_with_output().expect("wait");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: o.stdout,
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

const DEFECTIVE: &str = "Le le conseil adopte le budget.\n\nLa ville  investit dans les écoles.\n";
const CLEAN: &str = "Le conseil adopte le budget.\n\nLa ville investit dans les écoles.\n";

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut v = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for u in text.encode_utf16() {
        v.extend_from_slice(&u.to_le_bytes());
    }
    v
}

fn utf16be(text: &str, bom: bool) -> Vec<u8> {
    let mut v = if bom { vec![0xFE, 0xFF] } else { Vec::new() };
    for u in text.encode_utf16() {
        v.extend_from_slice(&u.to_be_bytes());
    }
    v
}

fn windows1252(text: &str) -> Vec<u8> {
    let (b, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    b.into_owned()
}

// ------------------------------------------------ never damage or misread

/// A UTF-8 release with one pasted Windows-1252 apostrophe. Before: read
/// whole as Windows-1252 (mojibake diagnostics on every accented word) and
/// fixed into new invalid UTF-8. After: UTF-8, the byte reported at its
/// line:column, `--fix` refused (exit 2) and the file untouched.
#[test]
fn a_stray_byte_in_utf8_is_reported_and_the_file_is_not_fixed() {
    let d = tmp();
    let mut bytes =
        "Le conseil a décidé l#ouverture de l’école.\n\nLa ville  investit dans les écoles.\n"
            .as_bytes()
            .to_vec();
    let at = bytes.iter().position(|&b| b == b'#').expect("marker");
    bytes[at] = 0x92;
    std::fs::write(d.path().join("a.fr.txt"), &bytes).expect("write");
    let o = run(
        d.path(),
        &["check", "--no-config", "--format", "short", "a.fr.txt"],
        None,
    );
    let out = o.stdout();
    assert!(out.contains("a.fr.txt:1:22: error[encoding]"), "{out}");
    assert!(!out.contains("mojibake"), "{out}");
    let o = run(
        d.path(),
        &["check", "--no-config", "--fix", "a.fr.txt"],
        None,
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("a.fr.txt: not fixed"), "{}", o.stderr);
    assert_eq!(
        std::fs::read(d.path().join("a.fr.txt")).expect("read"),
        bytes
    );
}

/// UTF-16 with a lone surrogate and an odd final byte: before, `--fix`
/// rewrote it with U+FFFD; after, it is refused and every byte stays.
#[test]
fn broken_utf16_is_not_rewritten() {
    let d = tmp();
    let mut bytes = utf16le("Le le conseil  adopte\u{d7ff} le budget.\n", true);
    // Turn U+D7FF into a lone high surrogate (0xD800), add an odd byte.
    let at = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xD7])
        .expect("marker");
    bytes[at] = 0x00;
    bytes[at + 1] = 0xD8;
    bytes.push(b'x');
    std::fs::write(d.path().join("a.fr.txt"), &bytes).expect("write");
    let o = run(
        d.path(),
        &["check", "--no-config", "--fix", "a.fr.txt"],
        None,
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stdout().contains("error[encoding]"), "{}", o.stdout());
    assert_eq!(
        std::fs::read(d.path().join("a.fr.txt")).expect("read"),
        bytes
    );
}

/// Fixing standard input writes the fixed text back in the input's encoding
/// and BOM (before: always UTF-8 without BOM).
#[test]
fn fixing_standard_input_keeps_its_encoding_and_bom() {
    let d = tmp();
    for (input, expected) in [
        (utf16le(DEFECTIVE, true), utf16le(CLEAN, true)),
        (utf16be(DEFECTIVE, true), utf16be(CLEAN, true)),
        (windows1252(DEFECTIVE), windows1252(CLEAN)),
        (
            format!("\u{feff}{DEFECTIVE}").into_bytes(),
            format!("\u{feff}{CLEAN}").into_bytes(),
        ),
    ] {
        let o = run(
            d.path(),
            &[
                "check",
                "--no-config",
                "--fix",
                "--stdin-filename",
                "a.fr.txt",
                "-",
            ],
            Some(&input),
        );
        assert_eq!(o.stdout, expected, "{}", o.stderr);
    }
}

/// A hard-linked release keeps its inode: every link sees the fixed text
/// (before: a new file replaced one name, the others kept the old text).
#[cfg(unix)]
#[test]
fn fix_keeps_hard_links() {
    use std::os::unix::fs::MetadataExt;
    let d = tmp();
    let a = d.path().join("a.fr.txt");
    std::fs::write(&a, DEFECTIVE).expect("write");
    std::fs::hard_link(&a, d.path().join("b.fr.txt")).expect("link");
    let ino = std::fs::metadata(&a).expect("meta").ino();
    let o = run(
        d.path(),
        &["check", "--no-config", "--fix", "a.fr.txt"],
        None,
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&a).expect("read"), CLEAN);
    assert_eq!(
        std::fs::read_to_string(d.path().join("b.fr.txt")).expect("read"),
        CLEAN
    );
    assert_eq!(std::fs::metadata(&a).expect("meta").ino(), ino);
    let leftovers = std::fs::read_dir(d.path())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with(".prlint-"))
        })
        .count();
    assert_eq!(leftovers, 0);
}

/// Another user's release in a folder anyone may write: the operating
/// system says this user may not write it, so `--fix` does not replace it
/// (before: the mode bits allowed the owner to write, so a new file owned by
/// the other user replaced it). Needs root and `setpriv`; skipped otherwise.
#[cfg(unix)]
#[test]
fn fix_asks_the_operating_system_whether_the_file_may_be_written() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let setpriv = Path::new("/usr/bin/setpriv");
    if !root || !setpriv.exists() {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    let d = tmp();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let a = d.path().join("a.fr.txt");
    std::fs::write(&a, DEFECTIVE).expect("write");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let o = Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
        .args(["check", "--no-config", "--fix", "a.fr.txt"])
        .current_dir(d.path())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("permission denied"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&a).expect("read"), DEFECTIVE);
    assert_eq!(std::fs::metadata(&a).expect("meta").uid(), 0);
    // Its diagnostics are still reported.
    assert!(String::from_utf8_lossy(&o.stdout).contains("repeated-word"));
}

/// A file `--fix` cannot write still has its diagnostics reported, and the
/// summary counts them (before: "checked 0 files: no problems found").
#[test]
fn an_unwritable_file_still_reports_its_problems() {
    let d = tmp();
    let a = d.path().join("a.fr.txt");
    std::fs::write(&a, DEFECTIVE).expect("write");
    let mut perm = std::fs::metadata(&a).expect("meta").permissions();
    perm.set_readonly(true);
    std::fs::set_permissions(&a, perm).expect("chmod");
    let o = run(
        d.path(),
        &["check", "--no-config", "--fix", "a.fr.txt"],
        None,
    );
    assert_eq!(o.code, 2);
    let out = o.stdout();
    assert!(out.contains("repeated-word"), "{out}");
    assert!(!out.contains("no problems found"), "{out}");
    assert!(out.contains("checked 1 file: 1 error, 1 warning"), "{out}");
}

/// Safe fixes never change meaning: Chinese has no spaces between words, so
/// "文文" is no repeated word; bidi marks are kept by `--fix`.
#[test]
fn safe_fixes_keep_cjk_and_bidi_marks() {
    let d = tmp();
    let cjk = "中文文本很好。这是测试测试。\n";
    let bidi = "Le conseil \u{200f}adopte le budget.\n";
    std::fs::write(d.path().join("cjk.txt"), cjk).expect("write");
    std::fs::write(d.path().join("bidi.fr.txt"), bidi).expect("write");
    let o = run(
        d.path(),
        &[
            "check",
            "--no-config",
            "--fix",
            "--format",
            "short",
            "cjk.txt",
            "bidi.fr.txt",
        ],
        None,
    );
    assert!(!o.stdout().contains("repeated-word"), "{}", o.stdout());
    assert_eq!(
        std::fs::read_to_string(d.path().join("cjk.txt")).expect("read"),
        cjk
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("bidi.fr.txt")).expect("read"),
        bidi
    );
}

/// Two pack substitutions that undo each other: the fix loop never settles.
/// Before: exit 0 (a warning) with the file rewritten; after: exit 2 naming
/// the rules, nothing written.
#[test]
fn a_fix_loop_that_does_not_settle_exits_2() {
    let d = tmp();
    std::fs::write(
        d.path().join("pack.toml"),
        "[[rule]]\nid = \"house-loop\"\nkind = \"substitution\"\nmessage = \"write `{preferred}`\"\nreplace = { \"Ville\" = \"Cité\", \"Cité\" = \"Ville\" }\n",
    )
    .expect("write");
    std::fs::write(d.path().join("prlint.toml"), "packs = [\"pack.toml\"]\n").expect("write");
    std::fs::write(d.path().join("a.fr.txt"), "La Ville investit.\n").expect("write");
    let o = run(d.path(), &["check", "--fix", "a.fr.txt"], None);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("house-loop"), "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.fr.txt")).expect("read"),
        "La Ville investit.\n"
    );
}

// ------------------------------------- positions refer to the file on disk

/// A release with defects after non-ASCII letters, in CRLF.
const POSITIONED: &str = "Le marché de Noël a lieu à l’hôtel de ville le le 3 décembre.\r\n\r\nLa «ville»  investit à Liège.\r\n";

/// The file's encodings under test: name, bytes, and how to read it back.
fn encodings() -> Vec<(&'static str, Vec<u8>, &'static encoding_rs::Encoding, usize)> {
    let lf = POSITIONED.replace("\r\n", "\n");
    vec![
        (
            "utf-8 crlf",
            POSITIONED.as_bytes().to_vec(),
            encoding_rs::UTF_8,
            0,
        ),
        (
            "utf-8 bom",
            format!("\u{feff}{lf}").into_bytes(),
            encoding_rs::UTF_8,
            3,
        ),
        (
            "utf-16le",
            utf16le(POSITIONED, true),
            encoding_rs::UTF_16LE,
            2,
        ),
        ("utf-16be", utf16be(&lf, true), encoding_rs::UTF_16BE, 2),
        (
            "windows-1252",
            windows1252(POSITIONED),
            encoding_rs::WINDOWS_1252,
            0,
        ),
    ]
}

/// Decodes `bytes` strictly: `None` if a slice boundary cut a character.
fn strict(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Option<String> {
    let (t, bad) = enc.decode_without_bom_handling(bytes);
    (!bad).then(|| t.into_owned())
}

/// The text between two 1-based line:column positions (columns in
/// Unicode scalar values), read independently of prlint.
fn by_line_col(text: &str, (l1, c1): (usize, usize), (l2, c2): (usize, usize)) -> String {
    let mut starts = vec![0];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        if b[i] == b'\n' || b[i] == b'\r' {
            starts.push(i + 1);
        }
        i += 1;
    }
    let at = |l: usize, c: usize| {
        let s = starts[l - 1];
        s + text[s..]
            .chars()
            .take(c - 1)
            .map(char::len_utf8)
            .sum::<usize>()
    };
    text[at(l1, c1)..at(l2, c2)].to_string()
}

fn check_file(d: &Path, bytes: &[u8], format: &str) -> Out {
    std::fs::write(d.join("a.fr.txt"), bytes).expect("write");
    run(
        d,
        &["check", "--no-config", "--format", format, "a.fr.txt"],
        None,
    )
}

/// JSON: `byte_start`/`byte_end` of every diagnostic and label slice the
/// file on disk to the text its line:column range names, and every fix
/// edit applied to the file's bytes gives a file that decodes cleanly
/// (before: fix edits were offsets into the decoded text).
#[test]
fn json_offsets_and_fix_edits_slice_the_file_on_disk() {
    let d = tmp();
    for (name, bytes, enc, bom) in encodings() {
        let o = check_file(d.path(), &bytes, "json");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let text = strict(&bytes[bom..], enc).expect("decodes");
        let diags = v.as_array().expect("array");
        assert!(diags.len() >= 2, "{name}: {}", o.stdout());
        let mut fixes = 0;
        for dg in diags {
            let mut spans = vec![dg];
            spans.extend(dg["labels"].as_array().expect("labels"));
            for s in spans {
                let n = |k: &str| s[k].as_u64().expect("number") as usize;
                let sliced = strict(&bytes[n("byte_start")..n("byte_end")], enc)
                    .unwrap_or_else(|| panic!("{name}: offsets cut a character: {s}"));
                let expected = by_line_col(
                    &text,
                    (n("line"), n("column")),
                    (n("end_line"), n("end_column")),
                );
                assert_eq!(sliced, expected, "{name}: {s}");
            }
            if dg["rule"] == "repeated-word" {
                let s = dg["byte_start"].as_u64().expect("n") as usize;
                let e = dg["byte_end"].as_u64().expect("n") as usize;
                assert_eq!(strict(&bytes[s..e], enc).as_deref(), Some("le"), "{name}");
            }
            if let Some(edits) = dg["fix"]["edits"].as_array() {
                let mut fixed = bytes.clone();
                for e in edits.iter().rev() {
                    let s = e["byte_start"].as_u64().expect("n") as usize;
                    let t = e["byte_end"].as_u64().expect("n") as usize;
                    let r = e["replacement"].as_str().expect("s");
                    let rep: Vec<u8> = if enc == encoding_rs::UTF_16LE {
                        utf16le(r, false)
                    } else if enc == encoding_rs::UTF_16BE {
                        utf16be(r, false)
                    } else {
                        enc.encode(r).0.into_owned()
                    };
                    fixed.splice(s..t, rep);
                }
                let after = strict(&fixed[bom..], enc)
                    .unwrap_or_else(|| panic!("{name}: fix edit cut a character: {dg}"));
                assert!(after.len() < text.len() + 8, "{name}");
                if dg["rule"] == "repeated-word" {
                    assert!(after.contains("de ville le 3 décembre"), "{name}: {after}");
                }
                fixes += 1;
            }
        }
        assert!(fixes >= 2, "{name}: {}", o.stdout());
    }
}

/// SARIF: `byteOffset`/`byteLength` slice the file on disk and
/// `charOffset`/`charLength` the decoded text to the result's snippet
/// (before: offsets into the decoded text, no char offsets).
#[test]
fn sarif_offsets_slice_the_file_on_disk() {
    let d = tmp();
    for (name, bytes, enc, bom) in encodings() {
        let o = check_file(d.path(), &bytes, "sarif");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif");
        let text = strict(&bytes[bom..], enc).expect("decodes");
        let results = v["runs"][0]["results"].as_array().expect("results");
        assert!(results.len() >= 2, "{name}");
        for r in results {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            let n = |k: &str| region[k].as_u64().expect("number") as usize;
            let snippet = region["snippet"]["text"].as_str().expect("snippet");
            let b = n("byteOffset");
            assert_eq!(
                strict(&bytes[b..b + n("byteLength")], enc).as_deref(),
                Some(snippet),
                "{name}: {region}"
            );
            let by_chars: String = text
                .chars()
                .skip(n("charOffset"))
                .take(n("charLength"))
                .collect();
            assert_eq!(by_chars, snippet, "{name}: {region}");
            assert_eq!(
                by_line_col(
                    &text,
                    (n("startLine"), n("startColumn")),
                    (n("endLine"), n("endColumn"))
                ),
                snippet,
                "{name}: {region}"
            );
            for f in r["fixes"].as_array().into_iter().flatten() {
                for rep in f["artifactChanges"][0]["replacements"]
                    .as_array()
                    .expect("r")
                {
                    let del = &rep["deletedRegion"];
                    let s = del["byteOffset"].as_u64().expect("n") as usize;
                    let l = del["byteLength"].as_u64().expect("n") as usize;
                    assert!(strict(&bytes[s..s + l], enc).is_some(), "{name}: {rep}");
                    assert!(strict(&bytes[bom..s], enc).is_some(), "{name}: {rep}");
                }
            }
        }
    }
}

/// GitHub annotations: `line`/`col`/`endColumn` point at the reported text
/// in the file as any editor decodes it.
#[test]
fn github_annotations_point_at_the_text() {
    let d = tmp();
    for (name, bytes, enc, bom) in encodings() {
        let o = check_file(d.path(), &bytes, "github");
        let text = strict(&bytes[bom..], enc).expect("decodes");
        let out = o.stdout();
        let line = out
            .lines()
            .find(|l| l.contains("repeated-word"))
            .unwrap_or_else(|| panic!("{name}: {out}"));
        let prop = |k: &str| -> usize {
            let at = line.find(&format!(",{k}=")).expect(k) + k.len() + 2;
            line[at..]
                .split([',', ':'])
                .next()
                .and_then(|v| v.parse().ok())
                .expect("number")
        };
        let (l, c, e) = (prop("line"), prop("col"), prop("endColumn"));
        assert_eq!(
            by_line_col(&text, (l, c), (l, e + 1)),
            "le",
            "{name}: {line}"
        );
    }
}

/// A lossily decoded UTF-8 file: offsets after the replaced byte still
/// slice the file on disk.
#[test]
fn offsets_after_an_undecodable_byte_are_file_offsets() {
    let d = tmp();
    let mut bytes = "Il a dit l#avis de l’école le le 3 mai.\n"
        .as_bytes()
        .to_vec();
    let at = bytes.iter().position(|&b| b == b'#').expect("marker");
    bytes[at] = 0x92;
    let o = check_file(d.path(), &bytes, "json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rw = v
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["rule"] == "repeated-word")
        .expect("repeated-word");
    let s = rw["byte_start"].as_u64().expect("n") as usize;
    let e = rw["byte_end"].as_u64().expect("n") as usize;
    assert_eq!(&bytes[s..e], b"le");
}

// ------------------------------------------------------ no silent failures

/// A pack regex that parses but is too big to compile. Before: the rule was
/// silently disabled (a `required` rule never fired, exit 0). After: exit 2
/// with `path:line:col` of the pattern.
#[test]
fn a_pack_regex_too_big_to_compile_is_an_error_at_its_position() {
    let d = tmp();
    std::fs::write(
        d.path().join("pack.toml"),
        "# a pack\n[[rule]]\nid = \"house-big\"\nkind = \"required\"\nmessage = \"no contact\"\npattern = '\\w{2000}'\n",
    )
    .expect("write");
    std::fs::write(d.path().join("prlint.toml"), "packs = [\"pack.toml\"]\n").expect("write");
    std::fs::write(d.path().join("a.fr.txt"), "La ville investit.\n").expect("write");
    let o = run(d.path(), &["check", "a.fr.txt"], None);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("pack.toml:6:11: the regex cannot be compiled"),
        "{}",
        o.stderr
    );
}

/// Config errors point at the key or value, found by toml spans. Before:
/// a text search found the id in a comment (line 1).
#[test]
fn config_errors_point_at_the_key_not_at_a_comment() {
    let d = tmp();
    std::fs::write(
        d.path().join("prlint.toml"),
        "# we used to ignore repeated-wrod here\nlang = \"fr\"\nignore = [\"whitespace\", \"repeated-wrod\"]\n",
    )
    .expect("write");
    std::fs::write(d.path().join("a.fr.txt"), "La ville investit.\n").expect("write");
    let o = run(d.path(), &["check", "a.fr.txt"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("prlint.toml:3:26: unknown rule `repeated-wrod`"),
        "{}",
        o.stderr
    );
    std::fs::write(
        d.path().join("prlint.toml"),
        "# [rules.sentence-lenght]\n[rules.sentence-lenght]\nmax = 3\n",
    )
    .expect("write");
    let o = run(d.path(), &["check", "a.fr.txt"], None);
    assert!(
        o.stderr
            .contains("prlint.toml:2:8: unknown rule `sentence-lenght`"),
        "{}",
        o.stderr
    );
}

// ------------------------------------------------------------------ bounded

/// Output is capped per rule per file: 50 by default, then one summary
/// diagnostic; `max-per-rule` in prlint.toml and `--max-per-rule` change it,
/// 0 lifts it. Before: every one of 3,000 doubled spaces was printed.
#[test]
fn output_is_capped_per_rule_per_file() {
    let d = tmp();
    let text = "La ville  investit.\n\n".repeat(300) + "Le conseil adopte le budget.\n";
    std::fs::write(d.path().join("a.fr.txt"), &text).expect("write");
    let count = |o: &Out| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v.as_array()
            .expect("array")
            .iter()
            .filter(|x| x["rule"] == "whitespace")
            .count()
    };
    let o = run(
        d.path(),
        &["check", "--no-config", "--format", "json", "a.fr.txt"],
        None,
    );
    assert_eq!(count(&o), 51, "{}", o.stderr);
    assert!(o
        .stdout()
        .contains("250 more `whitespace` diagnostics in this file not shown"));
    let o = run(
        d.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--max-per-rule",
            "0",
            "a.fr.txt",
        ],
        None,
    );
    assert_eq!(count(&o), 300);
    std::fs::write(d.path().join("prlint.toml"), "max-per-rule = 5\n").expect("write");
    let o = run(d.path(), &["check", "--format", "json", "a.fr.txt"], None);
    assert_eq!(count(&o), 6);
    let o = run(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--max-per-rule",
            "10",
            "a.fr.txt",
        ],
        None,
    );
    assert_eq!(count(&o), 11);
}

/// A FIFO named on the command line is an error naming it (before: prlint
/// blocked forever reading it); the other files are still checked.
#[cfg(unix)]
#[test]
fn a_fifo_on_the_command_line_is_refused_not_read() {
    let d = tmp();
    let fifo = d.path().join("pipe.txt");
    let ok = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: no mkfifo");
        return;
    }
    std::fs::write(d.path().join("a.fr.txt"), DEFECTIVE).expect("write");
    let mut child = Command::new(BIN)
        .current_dir(d.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "short",
            "pipe.txt",
            "a.fr.txt",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed().as_secs() > 20 {
            let _ = child.kill();
            panic!("prlint blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr.contains("pipe.txt: not a regular file"), "{stderr}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("a.fr.txt:1:4"));
}

/// Config, pack and baseline files are regular files of at most 1 MiB
/// (before: `packs = ["/dev/zero"]` read until memory ran out).
#[cfg(unix)]
#[test]
fn settings_files_are_bounded() {
    let d = tmp();
    std::fs::write(d.path().join("a.fr.txt"), CLEAN).expect("write");
    std::fs::write(d.path().join("prlint.toml"), "packs = [\"/dev/zero\"]\n").expect("write");
    let o = run(d.path(), &["check", "a.fr.txt"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("/dev/zero: cannot read pack: not a regular file"),
        "{}",
        o.stderr
    );
    let big = format!("# {}\n", "x".repeat(2 << 20));
    std::fs::write(d.path().join("prlint.toml"), big).expect("write");
    let o = run(d.path(), &["check", "a.fr.txt"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("config is larger than 1 MiB"),
        "{}",
        o.stderr
    );
    let o = run(
        d.path(),
        &[
            "check",
            "--no-config",
            "--baseline",
            "/dev/zero",
            "a.fr.txt",
        ],
        None,
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("cannot read baseline: not a regular file"),
        "{}",
        o.stderr
    );
}

/// A failed in-place write (hard-linked file, disk full halfway): the text
/// before the fix is kept in a `.prlint-*.tmp` file the error names, and the
/// next run reports it.
#[cfg(all(unix, debug_assertions))]
#[test]
fn a_failed_in_place_write_keeps_the_old_text_beside_the_release() {
    let d = tmp();
    let a = d.path().join("a.fr.txt");
    std::fs::write(&a, DEFECTIVE).expect("write");
    std::fs::hard_link(&a, d.path().join("b.fr.txt")).expect("link");
    let o = Command::new(BIN)
        .current_dir(d.path())
        .args(["check", "--no-config", "--fix", "a.fr.txt"])
        .env("PRLINT_FAULT_WRITE", "fail")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the text before the fix is saved in"),
        "{stderr}"
    );
    let saved: Vec<_> = std::fs::read_dir(d.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".prlint-a.fr.txt.")
        })
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        std::fs::read_to_string(saved[0].path()).expect("read"),
        DEFECTIVE
    );
    let o = run(d.path(), &["check", "--no-config", "a.fr.txt"], None);
    assert!(o.stderr.contains("interrupted --fix of"), "{}", o.stderr);
}
