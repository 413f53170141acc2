//! Fuzz target: load (decode) + parse + every rule + fixes + re-lint.
//! The checks live in `prlint::selfcheck` so that `cargo test` replays the
//! saved crash inputs (fuzz/regressions/) with exactly the same assertions.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prlint::selfcheck::run(data);
});
