//! Fuzz target: document input (an HTML page, a .docx and an .odt package)
//! + parse + every rule. The checks live in `prlint::selfcheck::run_document`
//! so that `cargo test` replays the saved inputs (fuzz/regressions/).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    prlint::selfcheck::run_document(data);
});
