//! Measures how long the `agreement` rule's dictionaries take to read:
//! `cargo run --release --example morph_load`. For each language, the
//! analyser as `agreement` reads it: compiled with no cache (as when the
//! cache folder cannot be written), compiled into an empty cache (a first
//! run), then read from the cache five times (every later run).

use std::time::Duration;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let settings = prlint::spell::SpellingSettings::default();
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (lang, prefer) in [("fr", vec![]), ("en", vec!["en_us".to_string()])] {
        let affs = prlint::spell::find_for(lang, &settings, "agreement");
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
        let load = |cache: &std::path::Path| {
            std::env::set_var("PRLINT_CACHE_DIR", cache);
            prlint::morph::Morph::load(aff).map_err(|e| println!("{lang}: {e}"))
        };
        let Ok(none) = load(std::path::Path::new("")) else {
            continue;
        };
        let Ok(cold) = load(dir.path()) else {
            continue;
        };
        let mut warm: Vec<f64> = (0..5)
            .filter_map(|_| load(dir.path()).ok())
            .inspect(|m| assert!(m.cached))
            .map(|m| ms(m.load_time))
            .collect();
        warm.sort_by(f64::total_cmp);
        let size = prlint::morph::cache::files(dir.path())
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .max()
            .unwrap_or(0);
        println!(
            "{lang}: {}: no cache {:.1} ms, cold cache {:.1} ms, warm cache {:.2}–{:.2} ms ({} KB)",
            aff.display(),
            ms(none.load_time),
            ms(cold.load_time),
            warm.first().unwrap_or(&0.0),
            warm.last().unwrap_or(&0.0),
            size / 1024
        );
        for f in prlint::morph::cache::files(dir.path()) {
            let _ = std::fs::remove_file(f);
        }
    }
}
