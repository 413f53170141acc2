//! `parity` through the real binary: pairing by name, by folder, by
//! `--parity` and by `[[parity]]`, `[parity] require`, the JSON `related`
//! location, human output in both files, SARIF, and runs without pairs.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prlint"));
    c.env("NO_COLOR", "1");
    c.current_dir(dir);
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin(dir).args(args).output().expect("run prlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("prlint-parity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

const FR: &str = "La commune rénove 14 écoles\n\nNamur, le 4 juin 2024 – Le collège communal a approuvé un plan de rénovation de 14 écoles pour un montant de 3 200 000 euros.\n\nContact : Anne Collard, anne.collard@namur.example.be\n";
const NL: &str = "De gemeente renoveert 14 scholen\n\nNamen, 4 juni 2024 – Het schepencollege keurde een renovatieplan goed voor 14 scholen, voor een bedrag van 3.400.000 euro.\n\nContact: Anne Collard, anne.collard@namur.example.be\n";
const NL_SAME: &str = "De gemeente renoveert 14 scholen\n\nNamen, 4 juni 2024 – Het schepencollege keurde een renovatieplan goed voor 14 scholen, voor een bedrag van 3.200.000 euro.\n\nContact: Anne Collard, anne.collard@namur.example.be\n";

fn json(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("JSON output");
    v.as_array().expect("an array").clone()
}

fn parity(items: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    items.iter().filter(|d| d["rule"] == "parity").collect()
}

#[test]
fn versions_named_by_file_name_are_compared_with_a_related_location() {
    let d = tmpdir("name");
    write(&d, "release.fr.txt", FR);
    write(&d, "release.nl.txt", NL);
    let o = run(&d, &["check", "--no-config", "--format", "json", "."]);
    let items = json(&o);
    let p = parity(&items);
    assert_eq!(p.len(), 1, "{}", stdout(&o));
    let f = p[0];
    assert!(f["path"].as_str().unwrap().ends_with("release.fr.txt"));
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("`3 200 000` is `3.400.000`"));
    let rel = &f["related"][0];
    assert!(rel["path"].as_str().unwrap().ends_with("release.nl.txt"));
    // The partner's span holds the partner's figure.
    let (s, e) = (
        rel["byte_start"].as_u64().unwrap() as usize,
        rel["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&NL[s..e], "3.400.000");
    assert_eq!(rel["line"], 3);
    assert!(rel["column"].as_u64().unwrap() > 1);
    // Other diagnostics carry no `related` key (the contract only grows).
    assert!(items
        .iter()
        .filter(|d| d["rule"] != "parity")
        .all(|d| d.get("related").is_none()));
}

#[test]
fn human_output_shows_both_files() {
    let d = tmpdir("human");
    write(&d, "tram-fr.md", FR);
    write(&d, "tram-nl.md", NL);
    let o = run(
        &d,
        &[
            "check",
            "--no-config",
            "--select",
            "parity",
            "tram-fr.md",
            "tram-nl.md",
        ],
    );
    let out = stdout(&o);
    assert!(out.contains("warning[parity]"), "{out}");
    assert!(out.contains("tram-fr.md:3:"), "{out}");
    assert!(out.contains("tram-nl.md:3:"), "{out}");
    assert!(out.contains("Dutch version"), "{out}");
    // Warnings do not fail the run by default.
    assert_eq!(o.status.code(), Some(0), "{out}");
}

#[test]
fn versions_in_language_folders_are_compared() {
    let d = tmpdir("folder");
    write(&d, "fr/x.txt", FR);
    write(&d, "nl/x.txt", NL);
    let o = run(&d, &["check", "--no-config", "--format", "json", "."]);
    assert_eq!(parity(&json(&o)).len(), 1, "{}", stdout(&o));
}

#[test]
fn a_partner_on_disk_is_compared_when_one_file_is_named() {
    // What a pre-commit hook does: it names the edited file only.
    let d = tmpdir("disk");
    write(&d, "release.fr.txt", FR);
    write(&d, "release.nl.txt", NL);
    let o = run(
        &d,
        &["check", "--no-config", "--format", "json", "release.nl.txt"],
    );
    let items = json(&o);
    let p = parity(&items);
    assert_eq!(p.len(), 1, "{}", stdout(&o));
    // Reported in the file of the run, pointing at the partner.
    assert!(p[0]["path"].as_str().unwrap().ends_with("release.nl.txt"));
    assert!(p[0]["related"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("release.fr.txt"));
    assert!(items
        .iter()
        .all(|d| d["path"].as_str().unwrap().ends_with("release.nl.txt")));
}

#[test]
fn explicit_parity_flag_pairs_any_names() {
    let d = tmpdir("flag");
    write(&d, "communique.txt", FR);
    write(&d, "persbericht.txt", NL);
    let o = run(
        &d,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--parity",
            "communique.txt",
            "persbericht.txt",
        ],
    );
    let items = json(&o);
    assert_eq!(parity(&items).len(), 1, "{}", stdout(&o));
    // Only the two files were checked, not the folder.
    let o = run(
        &d,
        &[
            "check",
            "--no-config",
            "--parity",
            "communique.txt",
            "persbericht.txt",
            "--statistics",
        ],
    );
    assert!(stdout(&o).contains("checked 2 files"), "{}", stdout(&o));
}

#[test]
fn config_patterns_pair_files() {
    let d = tmpdir("config");
    write(&d, "communiques/tram.txt", FR);
    write(&d, "persberichten/tram.txt", NL);
    write(
        &d,
        "prlint.toml",
        "[[parity]]\nfr = \"communiques/{name}.txt\"\nnl = \"persberichten/{name}.txt\"\n",
    );
    let o = run(&d, &["check", "--format", "json", "."]);
    assert_eq!(parity(&json(&o)).len(), 1, "{}", stdout(&o));
    // The table form, with `pairs`.
    write(
        &d,
        "prlint.toml",
        "[parity]\n[[parity.pairs]]\nfr = \"communiques/*.txt\"\nnl = \"persberichten/*.txt\"\n",
    );
    let o = run(&d, &["check", "--format", "json", "."]);
    assert_eq!(parity(&json(&o)).len(), 1, "{}", stdout(&o));
}

#[test]
fn require_reports_a_missing_version() {
    let d = tmpdir("require");
    write(&d, "release.fr.txt", FR);
    write(&d, "prlint.toml", "[parity]\nrequire = [\"fr\", \"nl\"]\n");
    let o = run(&d, &["check", "--format", "json", "."]);
    let items = json(&o);
    let p = parity(&items);
    assert_eq!(p.len(), 1, "{}", stdout(&o));
    assert!(p[0]["message"]
        .as_str()
        .unwrap()
        .contains("no `nl` version"));
    assert!(p[0]["message"].as_str().unwrap().contains("release.nl.txt"));
    // With the partner there and in agreement: nothing.
    write(&d, "release.nl.txt", NL_SAME);
    let o = run(&d, &["check", "--format", "json", "."]);
    assert!(parity(&json(&o)).is_empty(), "{}", stdout(&o));
}

#[test]
fn a_bad_parity_config_is_an_error_with_its_position() {
    let d = tmpdir("badconfig");
    write(&d, "release.fr.txt", FR);
    write(&d, "prlint.toml", "[parity]\nrequire = [\"french\"]\n");
    let o = run(&d, &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("prlint.toml:"), "{err}");
    assert!(err.contains("french"), "{err}");
}

#[test]
fn ignore_and_agreeing_versions_produce_nothing() {
    let d = tmpdir("quiet");
    write(&d, "release.fr.txt", FR);
    write(&d, "release.nl.txt", NL);
    let o = run(
        &d,
        &[
            "check",
            "--no-config",
            "--ignore",
            "parity",
            "--format",
            "json",
            ".",
        ],
    );
    assert!(parity(&json(&o)).is_empty());
    write(&d, "release.nl.txt", NL_SAME);
    let o = run(&d, &["check", "--no-config", "--format", "json", "."]);
    assert!(parity(&json(&o)).is_empty(), "{}", stdout(&o));
    // Configured severity applies.
    write(&d, "release.nl.txt", NL);
    write(&d, "prlint.toml", "[rules]\nparity = \"error\"\n");
    let o = run(&d, &["check", "--format", "json", "."]);
    let items = json(&o);
    assert_eq!(parity(&items)[0]["severity"], "error");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn sarif_and_short_name_the_other_version() {
    let d = tmpdir("sarif");
    write(&d, "release.fr.txt", FR);
    write(&d, "release.nl.txt", NL);
    let o = run(
        &d,
        &[
            "check",
            "--no-config",
            "--select",
            "parity",
            "--format",
            "sarif",
            ".",
        ],
    );
    let log: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let r = &log["runs"][0]["results"][0];
    let uri = r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.ends_with("release.nl.txt"), "{uri}");
    let o = run(
        &d,
        &[
            "check",
            "--no-config",
            "--select",
            "parity",
            "--format",
            "short",
            ".",
        ],
    );
    assert!(
        stdout(&o).contains("(see ./release.nl.txt:3:"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_fixture_pairs_through_the_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = run(
        root,
        &[
            "check",
            "--no-config",
            "--select",
            "parity",
            "--format",
            "json",
            "fixtures/parity/clean-tram.fr.txt",
            "fixtures/parity/clean-tram.nl.txt",
            "fixtures/parity/clean-harbour.en.txt",
            "fixtures/parity/clean-museum.de.txt",
        ],
    );
    // The harbour's French version and the museum's French version are on
    // disk: every pair agrees.
    assert!(json(&o).is_empty(), "{}", stdout(&o));
}

#[test]
fn a_baseline_records_parity_findings() {
    let d = tmpdir("baseline");
    write(&d, "release.fr.txt", FR);
    write(&d, "release.nl.txt", NL);
    let o = run(&d, &["baseline", "write", "--no-config", "base.json", "."]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let base = std::fs::read_to_string(d.join("base.json")).unwrap();
    assert!(base.contains("parity"), "{base}");
    let o = run(
        &d,
        &[
            "check",
            "--no-config",
            "--baseline",
            "base.json",
            "--format",
            "json",
            ".",
        ],
    );
    assert!(parity(&json(&o)).is_empty(), "{}", stdout(&o));
}
