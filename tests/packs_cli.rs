//! The binary with packs: a house-style pack named by the config, a broken
//! pack, pack rules in `prlint rules` / `prlint rule ID`, and the language
//! options of the config.

use std::process::Command;

fn prlint(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_prlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run prlint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rules_of(json: &str) -> Vec<(String, u64)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("json output");
    v.as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn house_style_pack_through_config() {
    let (code, out, err) = prlint(&[
        "check",
        "--config",
        "tests/packs/prlint.toml",
        "--format",
        "json",
        "tests/packs/release.fr.txt",
    ]);
    assert_eq!(code, 1, "{err}");
    let got = rules_of(&out);
    let want: Vec<(String, u64)> = [
        ("house-capitale", 3),
        ("house-capitale", 5),
        ("house-hype", 5),
        ("placeholder", 5),
        ("house-email", 7),
        ("house-contact-email", 9),
    ]
    .iter()
    .map(|(r, l)| (r.to_string(), *l))
    .collect();
    assert_eq!(got, want, "{out}");
    // The config lowers house-email to info.
    assert!(
        out.contains("\"severity\": \"info\"") || out.contains("\"severity\":\"info\""),
        "{out}"
    );

    let (code, out, err) = prlint(&[
        "check",
        "--config",
        "tests/packs/prlint.toml",
        "tests/packs/clean.fr.txt",
    ]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn pack_rules_obey_select_and_ignore() {
    let (_, out, _) = prlint(&[
        "check",
        "--config",
        "tests/packs/prlint.toml",
        "--format",
        "json",
        "--select",
        "house-hype",
        "tests/packs/release.fr.txt",
    ]);
    assert_eq!(rules_of(&out), vec![("house-hype".to_string(), 5)]);
    let (_, out, _) = prlint(&[
        "check",
        "--config",
        "tests/packs/prlint.toml",
        "--format",
        "json",
        "--ignore",
        "house-capitale,house-contact-email,placeholder",
        "tests/packs/release.fr.txt",
    ]);
    let ids: Vec<String> = rules_of(&out).into_iter().map(|r| r.0).collect();
    assert_eq!(ids, ["house-hype", "house-email"]);
}

#[test]
fn broken_pack_is_an_error_with_position() {
    let (code, out, err) = prlint(&[
        "check",
        "--config",
        "tests/packs/broken/prlint.toml",
        "tests/packs/release.fr.txt",
    ]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        err.trim(),
        "prlint: error: tests/packs/broken/house-style.toml:5:30: invalid regex `\\b\\d{1,2}/\\d{1,2}/(\\d{2}`: unclosed group"
    );
}

#[test]
fn pack_rules_are_listed_and_explained() {
    let (code, out, _) = prlint(&["rules", "--config", "tests/packs/prlint.toml"]);
    assert_eq!(code, 0);
    assert!(out.contains("placeholder"), "{out}");
    assert!(out.contains("house-email"), "{out}");
    assert!(out.contains("[pack tests/packs/house-style.toml]"), "{out}");
    let (code, out, _) = prlint(&["rule", "placeholder", "--no-config"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# placeholder"), "{out}");
    assert!(out.contains("Pack: rules/common.toml"), "{out}");
    let (code, _, err) = prlint(&["rule", "house-emial", "--config", "tests/packs/prlint.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `house-email`?"), "{err}");
}

#[test]
fn config_rules_table_accepts_pack_ids_and_rejects_options() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("prlint.toml");
    std::fs::write(&cfg, "[rules.placeholder]\nseverity = \"warning\"\n").unwrap();
    let (code, _, err) = prlint(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "tests/packs/clean.fr.txt",
    ]);
    assert_eq!(code, 0, "{err}");
    std::fs::write(&cfg, "[rules.placeholder]\nwords = 3\n").unwrap();
    let (code, _, err) = prlint(&[
        "check",
        "--config",
        cfg.to_str().unwrap(),
        "tests/packs/clean.fr.txt",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown option `words`"), "{err}");
}

#[test]
fn bilingual_config_per_glob() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string("fixtures/language-mismatch/en-paragraph.fr.txt").unwrap();
    std::fs::create_dir(dir.path().join("bxl")).unwrap();
    std::fs::write(dir.path().join("bxl/release.txt"), &text).unwrap();
    std::fs::write(dir.path().join("other.txt"), &text).unwrap();
    std::fs::write(
        dir.path().join("prlint.toml"),
        "lang = \"fr\"\n[[per-file]]\nglob = \"bxl/**\"\nbilingual = [\"en\"]\n",
    )
    .unwrap();
    let cfg = dir.path().join("prlint.toml");
    let run = |f: &str| {
        let p = dir.path().join(f);
        let (_, out, err) = prlint(&[
            "check",
            "--config",
            cfg.to_str().unwrap(),
            "--select",
            "language-mismatch",
            "--format",
            "json",
            p.to_str().unwrap(),
        ]);
        assert!(err.is_empty(), "{err}");
        rules_of(&out).len()
    };
    assert_eq!(run("bxl/release.txt"), 0);
    assert_eq!(run("other.txt"), 1);
}

#[test]
fn house_style_pack_examples_pass() {
    let cfg =
        prlint::config::Config::load(std::path::Path::new("tests/packs/prlint.toml")).unwrap();
    let failures = prlint::rule::pack::run_examples(&cfg);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn user_pack_words_extend_the_language_data() {
    use prlint::linter::{Linter, Overrides};
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("nl-house.toml"),
        "lang = \"nl\"\n[words]\nallowed-repeats = [\"kom kom\"]\n",
    )
    .unwrap();
    let cfg_path = dir.path().join("prlint.toml");
    std::fs::write(&cfg_path, "packs = [\"nl-house.toml\"]\n").unwrap();
    let text = "De burgemeester riep: kom kom, we beginnen eraan.\n";
    let lint = |cfg: &prlint::config::Config| {
        Linter::new(
            cfg,
            &Overrides {
                select: Some(vec!["repeated-word".into()]),
                ..Default::default()
            },
        )
        .unwrap()
        .lint(prlint::source::Source::new("r.txt", text), "nl")
        .1
        .len()
    };
    assert_eq!(lint(&prlint::config::Config::default()), 1);
    assert_eq!(lint(&prlint::config::Config::load(&cfg_path).unwrap()), 0);
}
