//! End-to-end checks of the validator options: `--now` with
//! `embargo-gate`, the template verdict of `prlint sections`, template errors.

use std::path::PathBuf;
use std::process::Command;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("prlint-validator-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn prlint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_prlint"))
}

const RELEASE: &str = "EMBARGO: 12 March 2025, 10:00 CET\n\nThe City opens a park\n\nBrussels, 12 March 2025 – The City opened a park.\n\nIt has trees and benches.\n\nPress contact\nJane Doe, jane@example.org\n";

#[test]
fn embargo_gate_follows_now() {
    let d = dir("gate");
    std::fs::write(d.join("prlint.toml"), "embargo-gate = true\n").unwrap();
    std::fs::write(d.join("r.en.txt"), RELEASE).unwrap();
    let run = |now: &str| {
        prlint()
            .current_dir(&d)
            .args([
                "check",
                "--select",
                "embargo-date",
                "--now",
                now,
                "r.en.txt",
            ])
            .output()
            .unwrap()
    };
    // 10:00 CET is 09:00 UTC.
    let before = run("2025-03-12T08:30");
    assert_eq!(
        before.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&before.stdout)
    );
    assert!(String::from_utf8_lossy(&before.stdout)
        .contains("has not passed yet (--now 2025-03-12T08:30 UTC)"));
    assert_eq!(run("2025-03-12T09:30").status.code(), Some(0));
    assert_eq!(run("2025-03-13").status.code(), Some(0));
    assert_eq!(run("2025-03-11").status.code(), Some(1));
    assert_eq!(run("12/03/2025").status.code(), Some(2));
}

#[test]
fn sections_show_the_template_verdict() {
    let d = dir("sections");
    std::fs::write(
        d.join("prlint.toml"),
        "[template]\nsections = [\"title\", \"dateline\", \"body\", \"contact\", \"about\"]\n",
    )
    .unwrap();
    std::fs::write(d.join("r.en.txt"), RELEASE).unwrap();
    let o = prlint()
        .current_dir(&d)
        .args(["sections", "r.en.txt"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("template: 1 problem(s) (title, dateline, body, contact, about)"),
        "{out}"
    );
    assert!(
        out.contains("the `about` section the template requires is missing"),
        "{out}"
    );
}

#[test]
fn malformed_template_is_a_config_error() {
    let d = dir("bad");
    std::fs::write(
        d.join("prlint.toml"),
        "[template]\nsections = [\"title\", \"standfrist?\"]\n",
    )
    .unwrap();
    std::fs::write(d.join("r.en.txt"), RELEASE).unwrap();
    let o = prlint()
        .current_dir(&d)
        .args(["check", "r.en.txt"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("prlint.toml:2:"), "{err}");
    assert!(err.contains("did you mean `standfirst`?"), "{err}");
}
