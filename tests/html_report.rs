//! `check --format html`: the real binary writes the page; an HTML5
//! tokenizer (html5gum, which reports the WHATWG spec's parse errors) reads
//! it back, and the checks a tree builder makes are added here: elements
//! closed in order, no block inside a phrasing element, unique ids, every
//! in-page link and label pointing at something, nothing loaded from outside.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use html5gum::{DefaultEmitter, Token, Tokenizer};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prlint"));
    c.env("NO_COLOR", "1");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("prlint-html-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `check --format html` with `-o` and returns the page.
fn report(dir: &Path, files: &[&Path], extra: &[&str]) -> (Output, String) {
    let out = dir.join("report.html");
    let mut c = bin();
    c.args(["check", "--no-config", "--format", "html", "-o"])
        .arg(&out)
        .args(extra)
        .args(files);
    let o = c.output().expect("run prlint");
    let page = std::fs::read_to_string(&out).unwrap_or_default();
    (o, page)
}

const EXAMPLE: &str = "fixtures/examples/release-fr.txt";

const VOID: &[&str] = &["meta", "input", "br", "hr", "img", "wbr", "link"];
/// Elements whose content must be phrasing (inline) content.
const PHRASING_ONLY: &[&str] = &[
    "p", "span", "mark", "a", "label", "code", "del", "ins", "h1", "h2", "h3", "pre", "title", "th",
];
/// Flow (block) elements, not allowed inside the ones above.
const FLOW: &[&str] = &[
    "div", "p", "section", "article", "ul", "ol", "li", "table", "pre", "header", "nav", "main",
    "footer", "h1", "h2", "h3", "form",
];

/// The page's elements: (name, attributes) in document order, and text.
struct Parsed {
    elements: Vec<(String, BTreeMap<String, String>)>,
}

/// Tokenizes `page`, fails on any parse error or misnesting; returns its elements.
fn validate(page: &str) -> Parsed {
    let mut emitter = DefaultEmitter::<()>::default();
    // Switch to RAWTEXT/RCDATA after <style> and <title>, as a parser does.
    emitter.naively_switch_states(true);
    let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut stack: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut doctype = false;
    let mut first = true;
    for token in Tokenizer::new_with_emitter(page, emitter) {
        let token = token.expect("tokenize");
        match token {
            Token::Error(e) => panic!("HTML parse error {:?}", e.value),
            Token::Doctype(d) => {
                assert!(first, "the doctype comes first");
                assert_eq!(s(&d.name), "html");
                assert!(!d.force_quirks, "no quirks mode");
                doctype = true;
            }
            Token::StartTag(t) => {
                let name = s(&t.name);
                assert!(doctype, "<{name}> before the doctype");
                if let Some(parent) = stack.last() {
                    assert!(
                        !(PHRASING_ONLY.contains(&parent.as_str())
                            && FLOW.contains(&name.as_str())),
                        "<{name}> inside <{parent}>"
                    );
                    assert!(
                        !(name == "a" && stack.iter().any(|p| p == "a")),
                        "<a> inside <a>"
                    );
                } else {
                    assert_eq!(name, "html", "one root element");
                }
                assert!(!t.self_closing, "<{name}/>: no self-closing syntax in HTML");
                let attrs: BTreeMap<String, String> = t
                    .attributes
                    .iter()
                    .map(|(k, v)| (s(k), s(&v.value)))
                    .collect();
                elements.push((name.clone(), attrs));
                if !VOID.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
            Token::EndTag(t) => {
                let name = s(&t.name);
                assert!(
                    !VOID.contains(&name.as_str()),
                    "</{name}> of a void element"
                );
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(name.as_str()),
                    "misnested </{name}>"
                );
            }
            Token::String(_) | Token::Comment(_) => {}
        }
        first = false;
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    let names: Vec<&str> = elements.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.iter().filter(|n| **n == "body").count(), 1);
    assert_eq!(names.iter().filter(|n| **n == "title").count(), 1);
    // Unique ids; in-page links and labels point at one.
    let mut ids = BTreeSet::new();
    for (n, a) in &elements {
        if let Some(id) = a.get("id") {
            assert!(
                !id.is_empty() && !id.contains(char::is_whitespace),
                "id {id:?}"
            );
            assert!(ids.insert(id.clone()), "duplicate id {id} on <{n}>");
        }
    }
    for (n, a) in &elements {
        assert!(
            n != "script" && n != "link" && n != "img" && n != "iframe",
            "<{n}>"
        );
        assert!(
            !a.contains_key("src"),
            "<{n} src>: nothing loaded from outside"
        );
        assert!(
            !a.keys().any(|k| k.starts_with("on")),
            "<{n}> event handler"
        );
        if let Some(h) = a.get("href") {
            let target = h
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("outside link {h}"));
            assert!(ids.contains(target), "link to missing #{target}");
        }
        if let Some(f) = a.get("for") {
            assert!(ids.contains(f), "label for missing #{f}");
        }
    }
    Parsed { elements }
}

#[test]
fn example_report_is_valid_and_marks_every_finding() {
    let dir = tmpdir("example");
    let (o, page) = report(&dir, &[Path::new(EXAMPLE)], &[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.is_empty(), "the report went to the file");
    let parsed = validate(&page);
    // The repeated phrase: first occurrence as a label, the repeat primary.
    assert!(page.contains("grâce au <mark class=\"s sev-error r2\" title=\"repeated-word: first occurrence\">soutien de la</mark> <mark class=\"p sev-error r2\""), "{page}");
    // The duplicated headline, both times.
    let headline = "La Ville de Namur inaugure sa nouvelle passerelle cyclable</mark>";
    assert!(page.contains(&format!("id=\"r0L1\"><mark class=\"s sev-error r1\" title=\"duplicate-paragraph: first occurrence\">{headline}")), "{page}");
    assert!(page.contains(&format!("id=\"r0L3\"><mark class=\"p sev-error r1\" title=\"duplicate-paragraph: the headline is repeated\">{headline}")), "{page}");
    // Five cards, each linking to its rule's explanation, which is on the page.
    let cards = parsed
        .elements
        .iter()
        .filter(|(n, a)| n == "div" && a.get("class").is_some_and(|c| c.starts_with("card ")))
        .count();
    assert_eq!(cards, 5);
    for rule in [
        "duplicate-paragraph",
        "repeated-word",
        "whitespace",
        "duplicate-contact",
    ] {
        assert!(page.contains(&format!("href=\"#rule-{rule}\"")), "{rule}");
        assert!(
            page.contains(&format!("<article id=\"rule-{rule}\">")),
            "{rule}"
        );
    }
    // Fixes as before/after.
    assert!(page.contains("<del> soutien de la</del> Région"), "{page}");
    assert!(page.contains("système<ins> </ins>à faible"), "{page}");
    // One release: no summary table; the filter has one checkbox per severity and rule.
    assert!(!page.contains("<h2>Summary</h2>"));
    let boxes = parsed
        .elements
        .iter()
        .filter(|(n, a)| n == "input" && a.get("type").map(String::as_str) == Some("checkbox"))
        .count();
    assert_eq!(boxes, 2 + 4);
    assert!(page.contains("Language: fr"));
}

#[test]
fn a_release_holding_markup_is_shown_never_run() {
    let dir = tmpdir("markup");
    let text = "Titre\n\nLe <script>alert('x')</script> et <img src=x onerror=alert(1)> et &amp; le le texte.\n\u{1}fin\n";
    let f = dir.join("hostile.txt");
    std::fs::write(&f, text).unwrap();
    let (o, page) = report(&dir, &[&f], &["--lang", "fr"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let parsed = validate(&page);
    assert!(!parsed
        .elements
        .iter()
        .any(|(n, _)| n == "script" || n == "img"));
    assert!(
        page.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    assert!(page.contains("&amp;amp;"), "{page}");
    // The control character is shown as a symbol, not written raw.
    assert!(page.contains("\u{2401}"), "{page}");
    assert!(!page.contains('\u{1}'));
    assert!(
        page.contains("default-src 'none'"),
        "scripts are refused by the page itself"
    );
}

#[test]
fn spans_hold_for_non_ascii_text() {
    let dir = tmpdir("unicode");
    // Astral characters, combining marks and no-break spaces before the finding.
    let text = "Titre\n\n« 😀 Café\u{a0}: e\u{301}té 𝒜 » la la ville.\n";
    let f = dir.join("unicode.txt");
    std::fs::write(&f, text).unwrap();
    let (_, page) = report(&dir, &[&f], &["--lang", "fr", "--select", "repeated-word"]);
    validate(&page);
    assert!(
        page.contains("𝒜 » <mark class=\"s sev-error r0\" title=\"repeated-word: first occurrence\">la</mark> <mark class=\"p sev-error r0\""),
        "{page}"
    );
    assert!(page.contains("\">la</mark> ville."), "{page}");
    // Columns in Unicode scalar values, as in every other format.
    let col = text
        .lines()
        .nth(2)
        .unwrap()
        .chars()
        .position(|c| c == 'l')
        .unwrap()
        + 1;
    assert!(
        page.contains(&format!("3:{}–{}", col + 3, col + 5)),
        "{page}"
    );
}

#[test]
fn several_releases_get_a_summary_table_first() {
    let dir = tmpdir("several");
    let clean = Path::new("fixtures/clean/harbour-link.en.txt");
    let (o, page) = report(&dir, &[Path::new(EXAMPLE), clean], &[]);
    assert_eq!(o.status.code(), Some(1));
    validate(&page);
    assert!(
        !page.contains("<th class=\"n\">Infos</th>"),
        "no infos, no column"
    );
    let table = page.find("<h2>Summary</h2>").expect("summary table");
    let first = page.find("<section class=\"release\" id=\"r0\">").unwrap();
    assert!(table < first);
    assert!(page.contains("<td><a href=\"#r0\">fixtures/examples/release-fr.txt</a></td><td>fr</td><td class=\"n\">3</td><td class=\"n\">2</td></tr>"), "{page}");
    assert!(
        page.contains("harbour-link.en.txt</a></td><td>en</td><td class=\"n\">0</td>"),
        "{page}"
    );
    assert!(page.contains("2 releases checked: 3 errors, 2 warnings"));
}

#[test]
fn a_one_megabyte_release_makes_a_report_under_three() {
    let dir = tmpdir("big");
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    // Paragraphs of the example, numbered so most are not duplicates.
    let body: Vec<&str> = example.split("\n\n").collect();
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 1_000_000 {
        text.push_str(&format!("{k}. {}\n\n", body[k % body.len()]));
        k += 1;
    }
    let f = dir.join("big.txt");
    std::fs::write(&f, &text).unwrap();
    let start = std::time::Instant::now();
    let (o, page) = report(&dir, &[&f], &["--lang", "fr"]);
    let took = start.elapsed();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    validate(&page);
    let ratio = page.len() as f64 / text.len() as f64;
    eprintln!(
        "1 MB release: report {} bytes ({ratio:.2}x) in {took:?}",
        page.len()
    );
    assert!(page.len() < 3_000_000, "{} bytes", page.len());
}

#[test]
fn output_file_works_for_every_format_and_a_bad_one_is_an_error() {
    let dir = tmpdir("output");
    for format in ["human", "json", "github", "sarif", "short", "html"] {
        let out = dir.join(format!("out.{format}"));
        let o = bin()
            .args(["check", "--no-config", "--format", format, "-o"])
            .arg(&out)
            .arg(EXAMPLE)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{format}");
        assert!(
            o.stdout.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.contains("repeated-word"), "{format}: {written}");
        assert!(
            !written.contains('\u{1b}'),
            "{format}: no colour codes in a file"
        );
    }
    let bad = dir.join("no-such-folder/report.html");
    let o = bin()
        .args(["check", "--no-config", "--format", "html", "-o"])
        .arg(&bad)
        .arg(EXAMPLE)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-folder/report.html"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_report_file_is_not_checked_as_a_release() {
    let dir = tmpdir("self");
    std::fs::copy(EXAMPLE, dir.join("release.txt")).unwrap();
    let out = dir.join("report.txt");
    for _ in 0..2 {
        let o = bin()
            .args(["check", "--no-config", "--format", "short", "-o"])
            .arg(&out)
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
    }
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(!written.contains("report.txt"), "{written}");
}

#[test]
fn the_validator_refuses_broken_pages() {
    let ok = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body><p id=\"a\"><a href=\"#a\">x</a></p></body></html>\n";
    validate(ok);
    let broken = [
        ok.replace("<p id=\"a\">", "<p id=\"a\"><div>"), // block in phrasing, unclosed
        ok.replace("</a></p>", "</p></a>"),              // misnested
        ok.replace("href=\"#a\"", "href=\"#b\""),        // dangling link
        ok.replace("<p id=\"a\">", "<p id=\"a\" id=\"b\">"), // duplicate attribute
        ok.replace(">x<", ">\u{1}<"),                    // control character
        ok.replace(">x<", "><script>1</script><"),       // a script
        ok.replace("<!DOCTYPE html>", ""),               // quirks mode
        ok.replace("x</a>", "x &bogus</a>").replace('x', "x<"), // bad markup
    ];
    for page in broken {
        let r = std::panic::catch_unwind(|| validate(&page));
        assert!(r.is_err(), "accepted: {page}");
    }
}

/// tests/browser-report.sh in the suite: headless Chromium renders the
/// report and checks what is visible (skipped when chromium is absent).
#[test]
fn headless_chromium_shows_the_findings() {
    support::run_script("tests/browser-report.sh", "browser-report");
}
