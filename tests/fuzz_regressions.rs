//! Replays every input the fuzzer ever crashed on (fuzz/regressions/) and the
//! fixture releases through the fuzz target's checks.

#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir)
        .expect("fuzz/regressions exists")
        .flatten()
    {
        let data = std::fs::read(e.path()).unwrap();
        prlint::selfcheck::run(&data);
        prlint::selfcheck::run_document(&data);
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}
