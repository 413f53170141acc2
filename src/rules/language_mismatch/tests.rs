use crate::rules::testing::{assert_lints, run};

const FR_BODY: &str = "Le conseil communal a approuvé mardi le nouveau plan de mobilité de la ville.\n\nLes travaux commenceront au printemps et dureront environ six mois, selon l’échevine.\n\nLe budget total s’élève à quatre millions d’euros, dont la moitié est financée par la Région.\n";

#[test]
fn english_paragraph_in_french_release() {
    let text = format!(
        "Un nouveau plan de mobilité\n\n{FR_BODY}\nThe works will start in the spring and the city expects them to last about six months, according to the alderwoman.\n"
    );
    let d = run("language-mismatch", &text, "fr");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message
            .starts_with("paragraph in English (en, confidence"),
        "{}",
        d[0].message
    );
    assert!(text[d[0].span.clone()].starts_with("The works"));
}

#[test]
fn names_numbers_and_short_lines_are_quiet() {
    let text = format!(
        "Un nouveau plan de mobilité\n\n{FR_BODY}\nUNESCO City of Design\n\nJohn Smith, Head of Communications\n\n+32 2 123 45 67\n"
    );
    assert_lints("language-mismatch", &text, "fr", 0);
}

#[test]
fn allowed_second_language_passes() {
    let text = format!(
        "Un nouveau plan de mobilité\n\n{FR_BODY}\nThe works will start in the spring and the city expects them to last about six months, according to the alderwoman.\n"
    );
    let linter = crate::linter::Linter::new(
        &crate::config::Config {
            bilingual: vec!["en".into()],
            ..Default::default()
        },
        &crate::linter::Overrides {
            select: Some(vec!["language-mismatch".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    let d = linter
        .lint(crate::source::Source::new("r.txt", text), "fr")
        .1;
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn dutch_address_in_french_release() {
    let text = format!(
        "Un nouveau plan de mobilité\n\n{FR_BODY}\nÀ propos de la Ville\n\nLa Ville gère les routes et les parcs de la commune depuis de longues années.\n\nHôtel de ville\nKoningsstraat 12\n1000 Brussel\n"
    );
    let d = run("language-mismatch", &text, "fr");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(&text[d[0].span.clone()], "Koningsstraat 12\n1000 Brussel");
    assert!(
        d[0].message.starts_with("address in Dutch"),
        "{}",
        d[0].message
    );
}

#[test]
fn french_address_in_french_release_is_quiet() {
    let text = format!(
        "Un nouveau plan de mobilité\n\n{FR_BODY}\nHôtel de ville\nRue de la Loi 12\n1000 Bruxelles\n"
    );
    assert_lints("language-mismatch", &text, "fr", 0);
}

#[test]
fn whole_release_in_another_language() {
    let text = "Nieuw mobiliteitsplan voor de stad\n\nDe gemeenteraad heeft dinsdag het nieuwe mobiliteitsplan van de stad goedgekeurd.\n\nDe werken beginnen in de lente en duren ongeveer zes maanden, aldus de schepen.\n\nHet totale budget bedraagt vier miljoen euro, waarvan de helft door het Gewest wordt betaald.\n";
    let d = run("language-mismatch", text, "fr");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message.starts_with("the release is written in Dutch"),
        "{}",
        d[0].message
    );
}

#[test]
fn lists_of_foreign_names_are_quiet() {
    let text = format!(
        "Un nouveau plan de mobilité\n\n{FR_BODY}\nPartenaires : European Investment Bank, World Health Organization and the United Nations Development Programme\n"
    );
    assert_lints("language-mismatch", &text, "fr", 0);
}

#[test]
fn marked_halves_are_checked_each_in_its_language() {
    let nl = "De gemeenteraad heeft dinsdag het nieuwe mobiliteitsplan van de stad goedgekeurd.\n\nDe werken beginnen in de lente en duren ongeveer zes maanden, aldus de schepen.\n";
    let text = format!("FR\n\n{FR_BODY}\nNL\n\n{nl}");
    assert_lints("language-mismatch", &text, "fr", 0);
    // An English paragraph inside the Dutch half is still found.
    let text = format!("FR\n\n{FR_BODY}\nNL\n\n{nl}\nThe works will start in the spring and the city expects them to last about six months.\n");
    let d = run("language-mismatch", &text, "fr");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message.ends_with("in a Dutch release"),
        "{}",
        d[0].message
    );
}

#[test]
fn a_confidence_is_shown_only_above_the_threshold() {
    // whatlang is unsure of a two-line address (README: "confidence 0.49"):
    // the street names tell, and the message says so instead of a number
    // under `min-confidence`.
    for addr in [
        "Koning Albert II laan 37 - 12de\n1030 Brussel",
        "Koningsstraat 12\n1000 Brussel",
    ] {
        let text = format!(
            "Un nouveau plan de mobilité\n\n{FR_BODY}\nÀ propos de la Ville\n\nLa Ville gère les routes et les parcs de la commune depuis de longues années.\n\nHôtel de ville\n{addr}\n"
        );
        let d = run("language-mismatch", &text, "fr");
        assert_eq!(d.len(), 1, "{d:#?}");
        let m = &d[0].message;
        if let Some(rest) = m.split("confidence ").nth(1) {
            let c: f64 = rest[..4].parse().unwrap();
            assert!(c >= 0.5, "{m}");
        } else {
            assert!(m.contains("by its street and place names"), "{m}");
        }
    }
}
