//! Measures how long the `agreement` rule's dictionaries take to read:
//! `cargo run --release --example morph_load` (each language's analyser,
//! read as `agreement` reads it, five times).

fn main() {
    let settings = prlint::spell::SpellingSettings::default();
    for (lang, prefer) in [("fr", vec![]), ("en", vec!["en_us".to_string()])] {
        let affs = prlint::spell::find_for(lang, &settings);
        let Some(aff) = affs
            .iter()
            .find(|a| {
                a.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| prefer.contains(&s.to_lowercase()))
            })
            .or(affs.first())
        else {
            println!("{lang}: no dictionary");
            continue;
        };
        let mut times = Vec::new();
        for _ in 0..5 {
            match prlint::morph::Morph::load(aff) {
                Ok(m) => times.push(m.load_time.as_secs_f64() * 1000.0),
                Err(e) => {
                    println!("{lang}: {e}");
                    break;
                }
            }
        }
        times.sort_by(f64::total_cmp);
        if let (Some(lo), Some(hi)) = (times.first(), times.last()) {
            println!("{lang}: {} {lo:.0}–{hi:.0} ms", aff.display());
        }
    }
}
