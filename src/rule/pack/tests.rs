use super::*;

fn load(text: &str) -> Result<PackSet, String> {
    let mut set = PackSet::builtin().clone();
    set.add_pack("house.toml", text, &["repeated-word"])
        .map(|_| set)
        .map_err(|e| e.0)
}

#[test]
fn embedded_packs_load() {
    let set = PackSet::builtin();
    assert!(set.find("placeholder").is_some());
}

/// Embedded packs' patterns are not parsed when loaded: every one compiles.
#[test]
fn embedded_pack_regexes_compile() {
    for r in &PackSet::builtin().rules {
        for c in &r.clauses {
            let checked = match &c.check {
                Check::Pattern { regex, exceptions } => std::iter::once(regex)
                    .chain(exceptions)
                    .try_for_each(LazyRegex::compile_now),
                Check::Required { regex }
                | Check::Substitution { regex, .. }
                | Check::Consistency { regex, .. } => regex.compile_now(),
            };
            assert!(checked.is_ok(), "{}: {checked:?}", r.meta.id);
        }
    }
}

#[test]
fn bad_regex_has_line_and_column() {
    let e = load("[[rule]]\nid = \"x\"\nkind = \"pattern\"\nmessage = \"m\"\npattern = 'ab(c'\n")
        .unwrap_err();
    assert!(
        e.starts_with("house.toml:5:14: invalid regex `ab(c`: unclosed group"),
        "{e}"
    );
}

#[test]
fn unknown_kind_and_section() {
    let e = load("[[rule]]\nid = \"x\"\nkind = \"patern\"\nmessage = \"m\"\n").unwrap_err();
    assert!(e.starts_with("house.toml:3:8:"), "{e}");
    assert!(e.contains("patern"), "{e}");
    let e = load(
        "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nmessage = \"m\"\npattern = 'a'\nsections = [\"bdy\"]\n",
    )
    .unwrap_err();
    assert!(
        e.starts_with("house.toml:6:13: unknown section `bdy`"),
        "{e}"
    );
}

#[test]
fn duplicate_ids() {
    let e = load(
        "[[rule]]\nid = \"placeholder\"\nkind = \"pattern\"\nmessage = \"m\"\npattern = 'a'\n",
    )
    .unwrap_err();
    assert!(
        e.starts_with("house.toml:2:6: duplicate rule id `placeholder`"),
        "{e}"
    );
    let e = load(
        "[[rule]]\nid = \"repeated-word\"\nkind = \"pattern\"\nmessage = \"m\"\npattern = 'a'\n",
    )
    .unwrap_err();
    assert!(e.contains("built-in"), "{e}");
    let e = load("[[rule]]\nextend = \"placeholdr\"\npattern = 'a'\n").unwrap_err();
    assert!(e.contains("did you mean `placeholder`"), "{e}");
}

/// A user pack's regexes are compiled when it loads, so that one too big to
/// compile is an error then (embedded packs, tested, compile lazily).
#[test]
fn user_pack_regexes_compile_when_loaded() {
    let set = load("[[rule]]\nid = \"x\"\nkind = \"pattern\"\nmessage = \"m\"\npattern = 'abc'\n")
        .unwrap();
    let r = set.find("x").unwrap();
    match &r.clauses[0].check {
        Check::Pattern { regex, .. } => assert!(regex.cell.get().is_some_and(Option::is_some)),
        _ => panic!(),
    }
}

/// Every inline example of the embedded packs: `bad` is flagged, `good` is not.
#[test]
fn embedded_pack_examples() {
    let failures = crate::rule::pack::run_examples(&crate::config::Config::default());
    assert!(failures.is_empty(), "{failures:#?}");
    let n: usize = PackSet::builtin()
        .rules()
        .iter()
        .map(|r| r.examples.len())
        .sum();
    assert!(n >= 10, "only {n} examples");
}

#[test]
fn language_codes_are_checked() {
    let e = load("[[rule]]\nid = \"x\"\nkind = \"pattern\"\nmessage = \"m\"\npattern = 'a'\nlanguages = [\"french\"]\n")
        .unwrap_err();
    assert!(
        e.starts_with("house.toml:6:14: `french` is not a language code"),
        "{e}"
    );
}

#[test]
fn kinds_run() {
    use crate::linter::{Linter, Overrides};
    let mut set_text = String::new();
    set_text.push_str("[[rule]]\nid = \"sub\"\nkind = \"substitution\"\nmessage = \"write {preferred}\"\nreplace = { \"web site\" = \"website\" }\nignore-case = true\n");
    set_text.push_str("[[rule]]\nid = \"req\"\nkind = \"required\"\nsections = [\"dateline\"]\nmessage = \"no year in the dateline\"\npattern = '\\b20\\d\\d\\b'\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), &set_text).unwrap();
    let cfg_path = dir.path().join("prlint.toml");
    std::fs::write(&cfg_path, "packs = [\"p.toml\"]\n").unwrap();
    let cfg = crate::config::Config::load(&cfg_path).unwrap();
    let lint = |id: &str, text: &str| {
        Linter::new(
            &cfg,
            &Overrides {
                select: Some(vec![id.into()]),
                ..Default::default()
            },
        )
        .unwrap()
        .lint(crate::source::Source::new("r.txt", text), "en")
        .1
    };
    let text = "Title of the release\n\nLondon, 3 March – Our Web site opens today for everyone who wants it.\n";
    let d = lint("sub", text);
    assert_eq!(d.len(), 1);
    let (fixed, _) = crate::fix::apply_fixes(text, &d, false);
    assert!(fixed.contains("Our Website opens"), "{fixed}");
    assert_eq!(lint("sub", "A website is not a web-site-builder.").len(), 0);
    let d = lint("req", text);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        lint("req", &text.replace("3 March", "3 March 2026")).len(),
        0
    );
}

/// A pattern is compiled only for a paragraph holding one of the literals
/// every match holds; where they are, it finds what it found before.
#[test]
fn pattern_compiled_only_where_its_literals_are() {
    let rule = PackSet::builtin()
        .rules
        .iter()
        .find(|r| r.meta.id == "placeholder")
        .expect("placeholder rule");
    let Check::Pattern { regex, .. } = &rule.clauses[0].check else {
        panic!("a pattern rule");
    };
    let fresh = LazyRegex::new(regex.src.clone(), regex.ignore_case);
    let quiet = "La Ville de Namur inaugure sa passerelle, longue de 180 mètres.";
    assert!(!fresh.may_match(quiet));
    assert!(fresh.cell.get().is_none(), "not compiled");
    for hit in [
        "Opening hours: [TBC]",
        "Dear {{name}},",
        "XXX jobs",
        "Lorem ipsum",
    ] {
        assert!(fresh.may_match(hit), "{hit}");
        assert!(fresh.get().is_some_and(|re| re.is_match(hit)), "{hit}");
    }
}
