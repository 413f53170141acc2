//! Helpers shared by the integration tests.

#[allow(dead_code)] // used by the tests that validate SARIF only
pub mod schema;

/// Runs a test script of tests/ (`bash SCRIPT PRLINT_BINARY`) and asserts
/// that it printed `TAG: passed` or, where its tool is not installed,
/// `TAG: skipped`.
#[allow(dead_code)] // each test binary uses its own subset of the helpers
pub fn run_script(script: &str, tag: &str) {
    let o = std::process::Command::new("bash")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_prlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run bash");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(
        out.contains(&format!("{tag}: passed")) || out.contains(&format!("{tag}: skipped")),
        "{out}"
    );
}
