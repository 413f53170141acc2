//! Unit tests of `agreement` (each language's case skipped, with a
//! message, when its dictionary is not installed).

use crate::rules::testing::run;

const R: &str = "agreement";

fn have(lang: &str) -> bool {
    let ok = !crate::spell::find(lang, &[]).is_empty();
    if !ok {
        eprintln!(
            "skipped: no hunspell dictionary for `{lang}` (apt-get install {})",
            crate::spell::package_hint(lang)
        );
    }
    ok
}

fn found(text: &str, lang: &str) -> Vec<String> {
    run(R, text, lang)
        .into_iter()
        .map(|d| format!("{} | {}", &text[d.span.clone()], d.message))
        .collect()
}

#[test]
fn french_reference_defect() {
    if !have("fr") {
        return;
    }
    let d = found("Le plan aborde les thématique du vélo.\n", "fr");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].starts_with("thématique |"), "{d:?}");
    assert!(d[0].contains("\"thématiques\""), "{d:?}");
}

#[test]
fn french_errors() {
    if !have("fr") {
        return;
    }
    for t in [
        "La ville prend ces mesure dès lundi.\n",
        "Nous cherchons des bénévole pour juin.\n",
        "Il s’agit d’une projet ambitieux.\n",
        "Elle présente les nouveaux projet du plan.\n",
    ] {
        assert_eq!(found(t, "fr").len(), 1, "{t}: {:?}", found(t, "fr"));
    }
}

#[test]
fn french_traps() {
    if !have("fr") {
        return;
    }
    for t in [
        "Le maire les remercie pour leur travail.\n",
        "La plupart des habitants sont satisfaits.\n",
        "Un des projets a été retenu.\n",
        "Une politique du vélo et un politique avisé.\n",
        "La manche et le manche.\n",
        "Les prix des fois montent.\n",
        "Les porte-parole des associations.\n",
        "La ministre et la maire.\n",
        "Les 3 projets et les Nations unies.\n",
        "Il la mesure chaque jour.\n",
    ] {
        assert!(found(t, "fr").is_empty(), "{t}: {:?}", found(t, "fr"));
    }
}

#[test]
fn english() {
    if !have("en") {
        return;
    }
    for t in [
        "The results of the consultation is published today.\n",
        "We read these consultation, which were long.\n",
        "They sent us a informations pack.\n",
    ] {
        assert_eq!(found(t, "en").len(), 1, "{t}: {:?}", found(t, "en"));
    }
    for t in [
        "These result in lower costs.\n",
        "This results in lower costs.\n",
        "One of the results of the consultation is clear.\n",
        "The number of residents of the town are rising.\n",
        "The news of the day is good.\n",
        "A drugs test and these project managers.\n",
        "The results of the consultations are published.\n",
    ] {
        assert!(found(t, "en").is_empty(), "{t}: {:?}", found(t, "en"));
    }
}

#[test]
fn dutch_and_german() {
    assert_eq!(found("Het college bezoekt de huis.\n", "nl").len(), 1);
    assert_eq!(found("Wij wonen graag in het stad.\n", "nl").len(), 1);
    // "het" as a pronoun.
    assert!(found("Nu is het tijd voor actie.\n", "nl").is_empty());
    assert!(found("De huizen en het stadhuis van de stad.\n", "nl").is_empty());
    assert_eq!(
        found("Die App läuft auf jeden Gerät ohne Anmeldung.\n", "de").len(),
        1
    );
    assert!(found("Der Rat der Stadt tagt in der Stadt.\n", "de").is_empty());
    assert!(found("Das Haus, das Stadt und Land verbindet.\n", "de").is_empty());
    assert_eq!(found("Wir danken dem Stadt für alles.\n", "de").len(), 1);
}

#[test]
fn a_mismatch_made_by_a_repeated_phrase_is_left_to_repeated_word() {
    if !have("fr") {
        return;
    }
    // "de la soutien" exists only because "soutien de la" is pasted twice.
    let d = found(
        "Le projet avance grâce au soutien de la soutien de la Région.\n",
        "fr",
    );
    assert!(d.is_empty(), "{d:?}");
    // Without the repeat, the same mismatch is reported.
    let d = found("Le projet avance grâce à la soutien de la Région.\n", "fr");
    assert_eq!(d.len(), 1, "{d:?}");
}

#[test]
fn lower_case_forms_come_from_the_word_table() {
    // Elided determiners and capitals: "D’UNE", "Qu’un", "LES".
    if have("fr") {
        assert_eq!(found("Les thématique du vélo.\n", "fr").len(), 1);
        // Capitals inside a sentence: a headline or a name.
        assert!(found("Le plan aborde LES thématique du vélo.\n", "fr").is_empty());
        assert_eq!(found("Il parle d’une projet.\n", "fr").len(), 1);
        assert_eq!(found("Il parle D’une projet.\n", "fr").len(), 1);
        // A Greek capital sigma is lower-cased by its context: no
        // determiner, no panic.
        assert!(found("Il parle dΣ’une projet ΣΑΣ’ΟΣ.\n", "fr").is_empty());
    }
    // Dutch: the determiner and the preposition before it in capitals.
    // ("het" is also a pronoun: an article after a preposition only.)
    assert_eq!(found("Wij wonen graag IN het stad.\n", "nl").len(), 1);
    assert_eq!(found("HET college bezoekt de huis.\n", "nl").len(), 1);
}
